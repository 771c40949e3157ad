import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/** A digest names story ids; a story later folded into another, or emptied, still leads to its articles. */
describe.each(dialects)('stories gone on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  const at = '2026-06-05T10:00:00.000Z';

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    await repo.syncSources(store.db, 'p', [{ id: 'a', kind: 'feed', name: 'A', location: 'https://a.example/feed' }], at);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  async function storyWithArticle(name: string): Promise<{ story: number; article: number }> {
    const story = await repo.createStory(store.db, 'p', name, at);
    const article = await repo.insertArticle(store.db, {
      pipeline_id: 'p', source_id: 'a', item_key: name, url: `https://a.example/${name}`, canonical_url: `https://a.example/${name}`,
      title: name, byline: null, published_at: at, modified_at: null, fetched_at: at, lang: 'en', site_name: null, image: null,
      summary: null, text: name, word_count: 1, partial: 0, content_hash: name, near_signature: '', topic_signature: '',
      duplicate_of: null, duplicate_reason: null, story_id: story, extract_error: null, updated_at: at,
    });
    return { story, article };
  }

  it('remembers where merged stories went, and those merged into them, so each leads to a story that is there', async () => {
    const a = await storyWithArticle('a');
    const b = await storyWithArticle('b');
    const c = await storyWithArticle('c');
    await repo.mergeStories(store.db, b.story, [c.story], '2026-06-06T10:00:00.000Z');
    expect(await repo.storyMergedInto(store.db, 'p', c.story)).toEqual({ intoId: b.story, mergedAt: '2026-06-06T10:00:00.000Z' });
    await repo.mergeStories(store.db, a.story, [b.story], '2026-06-07T10:00:00.000Z');
    expect(await repo.storyMergedInto(store.db, 'p', b.story)).toEqual({ intoId: a.story, mergedAt: '2026-06-07T10:00:00.000Z' });
    // c went into b, which went into a: c joined a when b did
    expect(await repo.storyMergedInto(store.db, 'p', c.story)).toEqual({ intoId: a.story, mergedAt: '2026-06-07T10:00:00.000Z' });
    expect(await repo.storyMergedInto(store.db, 'p', a.story)).toBeNull();
    expect(await repo.storyMergedInto(store.db, 'other', c.story)).toBeNull();
  });

  it('remembers where an emptied story\'s last article went', async () => {
    const d = await storyWithArticle('d');
    const e = await storyWithArticle('e');
    await store.db.updateTable('articles').set({ story_id: e.story }).where('id', '=', d.article).execute();
    await repo.deleteStoryIfEmpty(store.db, d.story, e.story, '2026-06-08T10:00:00.000Z');
    expect(await repo.hasStory(store.db, 'p', d.story)).toBe(false);
    expect(await repo.storyMergedInto(store.db, 'p', d.story)).toEqual({ intoId: e.story, mergedAt: '2026-06-08T10:00:00.000Z' });
    // a story with articles left is kept, and no merge is remembered
    const f = await storyWithArticle('f');
    await repo.deleteStoryIfEmpty(store.db, f.story, e.story, '2026-06-08T10:00:00.000Z');
    expect(await repo.hasStory(store.db, 'p', f.story)).toBe(true);
    expect(await repo.storyMergedInto(store.db, 'p', f.story)).toBeNull();
  });
});
