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
    await repo.syncSources(store.db, 'order', [{ id: 'a', kind: 'feed', name: 'A', location: 'https://a.example/feed' }], '2026-06-05T00:00:00.000Z');
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  async function storyWithAnArticle(label: string, at: string): Promise<number> {
    const id = await repo.createStory(store.db, 'order', label, at);
    await repo.insertArticle(store.db, {
      pipeline_id: 'order', source_id: 'a', item_key: label, url: `https://a.example/${id}`, canonical_url: `https://a.example/${id}`,
      title: label, byline: null, published_at: at, modified_at: null, fetched_at: at, lang: 'en', site_name: null, image: null,
      summary: null, text: label, word_count: 1, partial: 0, content_hash: label, near_signature: '', topic_signature: '',
      duplicate_of: null, duplicate_reason: null, story_id: id, extract_error: null, updated_at: at,
    });
    return id;
  }

  async function listed(query: repo.StoryQuery, pageSize?: number): Promise<number[]> {
    const out: number[] = [];
    for await (const page of repo.storyPages(store.db, query, pageSize)) out.push(...page.map((story) => story.id));
    return out;
  }

  it('is the most recently seen first and, between stories last seen at the same instant, the newer first, whichever was updated since, page after page', async () => {
    const at = '2026-06-05T10:00:00.000Z';
    const older = await storyWithAnArticle('Older', at);
    const middle = await storyWithAnArticle('Middle', at);
    const newer = await storyWithAnArticle('Newer', at);
    const latest = await storyWithAnArticle('Latest', '2026-06-05T11:00:00.000Z');
    // a story no article belongs to any more (earlier releases kept them) is no story to list or count
    await repo.createStory(store.db, 'order', 'Emptied', '2026-06-05T12:00:00.000Z');
    // an update moves the row in PostgreSQL's table, which it returned ties in
    await repo.relabelStory(store.db, older, 'Older, relabelled');
    await repo.touchStory(store.db, middle, at, 'Middle, touched');
    for (const pageSize of [1, 2, 3, 250]) expect(await listed({ pipelineId: 'order' }, pageSize), `pages of ${pageSize}`).toEqual([latest, newer, middle, older]);
    expect(await repo.countStories(store.db, { pipelineId: 'order' })).toBe(4);
    expect(await listed({ pipelineId: 'order', seenSince: '2026-06-05T10:30:00.000Z' })).toEqual([latest]);
    expect(await repo.countStories(store.db, { pipelineId: 'order', seenSince: at })).toBe(4);
    expect(await listed({ pipelineId: 'other' })).toEqual([]);
  });

  it('lists every story once while a run moves one ahead between pages (it was skipped, read after its new place)', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push(await storyWithAnArticle(`Paged ${i}`, `2026-07-0${i + 1}T10:00:00.000Z`));
    const seen: number[] = [];
    let pages = 0;
    for await (const page of repo.storyPages(store.db, { pipelineId: 'order', seenSince: '2026-07-01T00:00:00.000Z' }, 2)) {
      seen.push(...page.map((story) => story.id));
      // after the first page, the oldest story gets an article: it is now the most recently seen
      if (pages++ === 0) await repo.touchStory(store.db, ids[0]!, '2026-07-09T10:00:00.000Z', null);
    }
    expect(seen.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });
});
