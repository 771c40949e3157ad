import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 5, 5, 10, minute)).toISOString();

describe.each(dialects)('article pages on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let story: number;

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    await repo.syncSources(store.db, 'p', [{ id: 'a', kind: 'feed', name: 'A', location: 'https://example.com/feed' }], at(0));
    story = await repo.createStory(store.db, 'p', 'Story', at(0));
    // 23 articles, first seen in runs of several at the same instant, which pages must not cut in two or repeat
    for (let n = 0; n < 23; n += 1) {
      await repo.insertArticle(store.db, {
        pipeline_id: 'p', source_id: 'a', item_key: `k${n}`, url: `https://example.com/${n}`, canonical_url: `https://example.com/${n}`,
        title: `Title ${n}`, byline: null, published_at: null, modified_at: null, fetched_at: at(Math.floor(n / 5)), lang: 'en', site_name: null,
        image: null, summary: null, text: 'Body text.', word_count: 2, partial: 0, content_hash: `hash-${n}`, near_signature: '', topic_signature: '',
        duplicate_of: null, duplicate_reason: null, story_id: n % 3 === 0 ? story : null, extract_error: null, updated_at: at(0),
      });
    }
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  const paged = async (query: repo.ArticleQuery, size: number) => {
    const pages: number[][] = [];
    for await (const page of repo.articlePages(store.db, query, size)) pages.push(page.map((row) => row.id));
    return pages;
  };
  const listed = async (query: repo.ArticleQuery) => (await repo.listArticles(store.db, query)).map((row) => row.id);

  it('go through every article once, in the order of the whole list, whatever the page size', async () => {
    const all = await listed({ pipelineId: 'p' });
    expect(all).toHaveLength(23);
    for (const size of [1, 2, 3, 5, 7, 23, 100]) {
      const pages = await paged({ pipelineId: 'p' }, size);
      expect(pages.flat(), `pages of ${size}`).toEqual(all);
      expect(pages.every((page) => page.length <= size)).toBe(true);
    }
    expect(await repo.countArticles(store.db, { pipelineId: 'p' })).toBe(23);
  });

  it('keep to a limit, a story and a time range', async () => {
    const all = await listed({ pipelineId: 'p' });
    expect((await paged({ pipelineId: 'p', limit: 8 }, 3)).flat()).toEqual(all.slice(0, 8));
    const ofStory = await listed({ pipelineId: 'p', storyId: story });
    expect(ofStory).toHaveLength(8);
    expect((await paged({ pipelineId: 'p', storyId: story }, 3)).flat()).toEqual(ofStory);
    expect((await paged({ pipelineId: 'p', storyId: story, limit: 5 }, 2)).flat()).toEqual(ofStory.slice(0, 5));
    expect(await repo.countArticles(store.db, { pipelineId: 'p', storyId: story })).toBe(8);
    const range = { pipelineId: 'p', fetchedFrom: at(1), fetchedTo: at(3) };
    expect((await paged(range, 4)).flat()).toEqual(await listed(range));
    expect(await repo.countArticles(store.db, range)).toBe(10);
    expect(await paged({ pipelineId: 'other' }, 3)).toEqual([]);
  });
});
