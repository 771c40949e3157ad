import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { wireArticle, wireFeed } from '../helpers/wire-source.ts';

/** The originals of many articles at once, as delivery asks for them, are those each article's own chain leads to. */
describe.each(dialects)('the originals of many articles on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    const db = store.db;
    const now = '2026-06-01T00:00:00.000Z';
    await repo.syncSources(db, 'p', [wireFeed('https://wire.example/feed')], now);
    const add = async (name: string, copyOf?: string) => {
      ids[name] = await repo.insertArticle(db, {
        ...wireArticle(name, now, now),
        duplicate_of: copyOf === undefined ? null : ids[copyOf]!, duplicate_reason: copyOf === undefined ? null : 'hash',
      });
    };
    // a wire story, a reprint of it, and a reprint of the reprint (a chain left by a takeover)
    await add('wire');
    await add('reprint', 'wire');
    await add('reprint2', 'reprint');
    await add('alone');
    // two rows pointing at each other, as no run writes them: the walk must still end
    await add('x');
    await add('y', 'x');
    await db.updateTable('articles').set({ duplicate_of: ids.y! }).where('id', '=', ids.x!).execute();
  });

  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('follows every chain to its end, each as originalArticleId does one at a time', async () => {
    const all = Object.values(ids);
    const originals = await repo.originalArticleIds(store.db, all);
    for (const id of all) expect(originals.get(id), `article ${id}`).toBe(await repo.originalArticleId(store.db, id));
    expect(originals.get(ids.reprint2!)).toBe(ids.wire);
    expect(originals.get(ids.alone!)).toBe(ids.alone);
    // a cycle ends at the id before the first repeated one
    expect(originals.get(ids.x!)).toBe(ids.y);
    expect(originals.get(ids.y!)).toBe(ids.x);
  });
});
