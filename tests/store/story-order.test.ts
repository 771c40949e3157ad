import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import * as repo from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

describe.each(dialects)('the order of stories on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('is the most recently seen first and, between stories last seen at the same instant, the newer first, whichever was updated since', async () => {
    const at = '2026-06-05T10:00:00.000Z';
    const older = await repo.createStory(store.db, 'order', 'Older', at);
    const middle = await repo.createStory(store.db, 'order', 'Middle', at);
    const newer = await repo.createStory(store.db, 'order', 'Newer', at);
    const latest = await repo.createStory(store.db, 'order', 'Latest', '2026-06-05T11:00:00.000Z');
    // an update moves the row in PostgreSQL's table, which it returned ties in
    await repo.relabelStory(store.db, older, 'Older, relabelled');
    await repo.touchStory(store.db, middle, at, 'Middle, touched');
    expect((await repo.listStories(store.db, 'order')).map((story) => story.id)).toEqual([latest, newer, middle, older]);
  });
});
