import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.ts';
import * as repo from '../../src/store/index.ts';
import { freshPostgres, type TestDatabase } from '../helpers/databases.ts';

/**
 * Two `label` commands given at the same instant, as two connections to one PostgreSQL database (two analysts, or a
 * script run twice). PostgreSQL answers both connections at once, so without a lock both would read "no label" and
 * both record one. (SQLite is not tested here: two connections in one process would wait on each other's lock
 * synchronously; across processes its write lock serialises them the same way.)
 */
describe('label given twice at the same instant on postgres', () => {
  let database: TestDatabase;
  let first: Store;
  let second: Store;
  let articleId: number;
  const at = '2026-06-05T10:00:00.000Z';

  beforeAll(async () => {
    database = await freshPostgres();
    first = await openStore(database.target);
    second = await openStore(database.target);
    await repo.syncSources(first.db, 'p', [{ id: 'feed-a', kind: 'feed', name: 'Feed A', location: 'https://example.com/feed' }], at);
    articleId = await repo.insertArticle(first.db, {
      pipeline_id: 'p', source_id: 'feed-a', item_key: 'k', url: 'https://example.com/k', canonical_url: 'https://example.com/k',
      title: 'Labs weigh a pause', byline: null, published_at: null, modified_at: null, fetched_at: at, lang: 'en', site_name: null, image: null,
      summary: null, text: 'Body text.', word_count: 2, partial: 0, content_hash: 'hash-k', near_signature: '', topic_signature: '',
      duplicate_of: null, duplicate_reason: null, story_id: null, extract_error: null, updated_at: at,
    });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  const rows = async () => (await first.db.selectFrom('stance_labels').select(['label', 'note']).where('article_id', '=', articleId).orderBy('id').execute());

  it('the same label records one row: the second sees the first and says it was already there', async () => {
    const label = { articleId, label: 'support' as const, note: null, at };
    const applied = await Promise.all([repo.applyStanceLabel(first.db, label), repo.applyStanceLabel(second.db, label)]);
    expect(applied.map((a) => a.recorded).sort()).toEqual([false, true]);
    expect(await rows()).toEqual([{ label: 'support', note: null }]);
  });

  it('withdrawing it twice at once records one cleared row', async () => {
    const withdrawal = { articleId, note: 'mislabelled', at };
    const withdrawn = await Promise.all([repo.clearStanceLabel(first.db, withdrawal), repo.clearStanceLabel(second.db, withdrawal)]);
    expect(withdrawn.map((row) => row?.label ?? null).sort()).toEqual([null, 'support']);
    expect(await rows()).toEqual([{ label: 'support', note: null }, { label: 'cleared', note: 'mislabelled' }]);
  });
});
