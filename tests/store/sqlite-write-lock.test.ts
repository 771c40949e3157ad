import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { openStore, type Store } from '../../src/store/index.ts';
import * as repo from '../../src/store/index.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';

const at = '2026-06-05T10:00:00.000Z';

/**
 * Two processes writing one SQLite file (two pipelines sharing a database, or `label` during a run): a transaction
 * that reads and then writes must not fail because the other committed in between. The other process is a second
 * connection here, which does not wait (busy timeout 0), so whichever side SQLite refuses shows at once.
 */
describe('SQLite transactions and another writer', () => {
  let database: TestDatabase;
  let store: Store;
  let other: SQLite.Database;

  beforeEach(async () => {
    database = await freshSqlite();
    store = await openStore(database.target);
    await repo.syncSources(store.db, 'p', [{ id: 'feed-a', kind: 'feed', name: 'Feed A', location: 'https://example.com/feed' }], at);
    other = new SQLite(database.target);
    other.pragma('busy_timeout = 0');
  });
  afterEach(async () => {
    other?.close();
    await store?.close();
    await database?.drop();
  });

  it("a transaction that read first still writes when another connection tries to commit in between: the other waits its turn", async () => {
    let otherRefused: unknown = null;
    await store.db.transaction().execute(async (trx) => {
      await trx.selectFrom('sources').select('id').execute();
      try {
        other.prepare("UPDATE sources SET name = 'Renamed elsewhere'").run();
      } catch (error) {
        otherRefused = error;
      }
      await trx.updateTable('sources').set({ name: 'Renamed here' }).execute();
    });
    // the other writer was told to wait (it would have, for the busy timeout), and this transaction's write stands
    expect((otherRefused as { code?: string } | null)?.code).toBe('SQLITE_BUSY');
    expect((await store.db.selectFrom('sources').select('name').execute()).map((row) => row.name)).toEqual(['Renamed here']);
  });
});
