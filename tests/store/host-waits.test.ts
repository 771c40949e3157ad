import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import { activeHostWaits, forgetHostWaits, saveHostWaits } from '../../src/store/host-waits.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/** A host's Retry-After wait, kept for later runs: the latest-ending one per host, without a login, until it ends. */
describe.each(dialects)('host waits, on $name', ({ fresh }) => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    await database?.drop();
    store = database = undefined;
  });

  const wait = (host: string, until: string) => ({ host, until, status: 429, askedBy: `http://user:secret@${host}/feed.xml` });

  it('keeps the later-ending wait of a host, forgets it once over, and forgets it when asked', async () => {
    database = await fresh();
    store = await openStore(database.target);
    await saveHostWaits(store.db, 'p', [wait('a.example', '2026-06-10T08:00:00.000Z'), wait('b.example', '2026-06-10T07:00:00.000Z')]);
    // an earlier end asked later does not shorten the wait; a later one lengthens it
    await saveHostWaits(store.db, 'p', [wait('a.example', '2026-06-10T07:30:00.000Z'), wait('b.example', '2026-06-10T09:00:00.000Z')]);
    expect(await activeHostWaits(store.db, 'p', '2026-06-10T06:00:00.000Z')).toEqual([
      { host: 'a.example', until: '2026-06-10T08:00:00.000Z', status: 429, askedBy: 'http://a.example/feed.xml' },
      { host: 'b.example', until: '2026-06-10T09:00:00.000Z', status: 429, askedBy: 'http://b.example/feed.xml' },
    ]);
    expect(await activeHostWaits(store.db, 'other', '2026-06-10T06:00:00.000Z')).toEqual([]);
    expect((await activeHostWaits(store.db, 'p', '2026-06-10T08:30:00.000Z')).map((w) => w.host)).toEqual(['b.example']);
    // the waits forgotten that were still running, to tell the user
    expect(await forgetHostWaits(store.db, 'p', ['b.example', ''], '2026-06-10T08:30:00.000Z')).toEqual([
      { host: 'b.example', until: '2026-06-10T09:00:00.000Z', status: 429, askedBy: 'http://b.example/feed.xml' },
    ]);
    expect(await activeHostWaits(store.db, 'p', '2026-06-10T06:00:00.000Z')).toEqual([]);
  });
});
