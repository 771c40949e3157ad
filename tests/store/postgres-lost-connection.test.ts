import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFailure, openStore, retryPassingFailures, type Store } from '../../src/store/index.ts';
import { freshPostgres, PG_ADMIN_URL } from '../helpers/databases.ts';

/**
 * A PostgreSQL server that cuts a connection while a command uses it (a restart, an administrator's terminate): the
 * query fails with an error naming the database and the reason, the process lives (the connection's 'error' event was
 * heard by nobody, which ended it with a stack trace and exit 1), and the next query runs on a fresh connection.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function terminate(pid: number): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query('SELECT pg_terminate_backend($1)', [pid]);
  await admin.end();
}

/** Runs `sql` in a transaction whose connection the server cuts before its second statement. */
function cutMidTransaction(store: Store) {
  return store.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
    await terminate(rows[0]!.pid);
    await sql`SELECT 1`.execute(trx);
  });
}

describe('a PostgreSQL connection cut under a command', () => {
  it('fails that query with the database named and the reason, and the next query runs', async () => {
    const database = await freshPostgres();
    cleanups.push(() => database.drop());
    const store = await openStore(database.target);
    cleanups.push(() => store.close());

    const error = await cutMidTransaction(store).then(() => null, (thrown: unknown) => thrown);
    expect(error).not.toBeNull();
    expect(databaseFailure(error, store)?.message).toMatch(
      new RegExp(`^lost the connection to the PostgreSQL server of ${store.location.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(.+\\): run again once it is back; what was stored before stays stored$`),
    );
    expect((await sql<{ one: number }>`SELECT 1 AS one`.execute(store.db)).rows).toEqual([{ one: 1 }]);
  });

  it("is not a reader's closed pipe: `articles --json | head -1` ends quietly on PostgreSQL as on SQLite", () => {
    const closedPipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    expect(databaseFailure(closedPipe, { dialect: 'postgres', location: 'postgres://db.example/pw' })).toBeNull();
  });

  it('is tried again by a write that must not be lost, which then succeeds', async () => {
    const database = await freshPostgres();
    cleanups.push(() => database.drop());
    const store = await openStore(database.target);
    cleanups.push(() => store.close());
    let tries = 0;
    await retryPassingFailures(async () => {
      tries += 1;
      if (tries === 1) await cutMidTransaction(store);
    }, [10]);
    expect(tries).toBe(2);
  });
});
