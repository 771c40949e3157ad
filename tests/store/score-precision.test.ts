import { afterEach, describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../src/model/index.ts';
import * as repo from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { databaseAt } from '../helpers/migrated-database.ts';

const at = '2026-06-05T10:00:00.000Z';

/** More digits than a four-byte float holds (about seven), fewer than a double's (about fifteen). */
const scores = { relevance: 0.123456789012, score: -0.987654321098, confidence: 0.555555555555 };

function scoreResult(version: string): ScoreResult {
  return {
    scorerVersion: version,
    relevance: { score: scores.relevance, relevant: true, evidence: [] },
    stance: { label: 'oppose', score: scores.score, confidence: scores.confidence, evidence: [] },
    voices: [],
  };
}

const article = (itemKey: string) => ({
  pipeline_id: 'p', source_id: 'seeds', item_key: itemKey, url: `https://x/${itemKey}`, canonical_url: `https://x/${itemKey}`,
  fetched_at: at, text: 'Body.', word_count: 1, content_hash: `h-${itemKey}`, near_signature: '', topic_signature: '', updated_at: at,
});

describe.each(dialects)('stance scores on $name', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('read back with every digit they were stored with', async () => {
    database = await fresh();
    const store = await openStore(database.target);
    try {
      await repo.syncSources(store.db, 'p', [{ id: 'seeds', kind: 'files', name: 'Seeds', location: '*.txt' }], at);
      const id = await repo.insertArticle(store.db, {
        ...article('one'), title: null, byline: null, published_at: null, modified_at: null, lang: null, site_name: null, image: null,
        summary: null, partial: 0, duplicate_of: null, duplicate_reason: null, story_id: null, extract_error: null,
      });
      await repo.saveScore(store.db, id, scoreResult('v1'), at);
      const row = (await repo.latestScores(store.db, [id])).get(id);
      expect({ relevance: row?.relevance, score: row?.score, confidence: row?.confidence }).toEqual(scores);
    } finally {
      await store.close();
    }
  });

  it('stored by an older release, keep their rows and read as they did before the upgrade', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '013-long-feed-values');
    await old.insertInto('sources').values({ id: 'seeds', pipeline_id: 'p', kind: 'files', name: 'Seeds', location: '*.txt', error_streak: 0, items_seen: 2, gone: 0, created_at: at, updated_at: at }).execute();
    await old.insertInto('articles').values([article('one'), article('two')]).execute();
    const row = { scorer_version: 'v1', relevant: 1, label: 'support', evidence: '[]', voices: '[]', scored_at: at };
    await old.insertInto('stance_scores').values([
      { ...row, article_id: 1, relevance: 0.9, score: 0.7, confidence: 0.8 },
      { ...row, article_id: 2, relevance: scores.relevance, score: scores.score, confidence: null },
    ]).execute();
    const columns = ['article_id', 'relevance', 'score', 'confidence'] as const;
    const before = await old.selectFrom('stance_scores').select(columns).orderBy('article_id').execute();
    await old.destroy();
    // 0.9 as a `real` read as 0.9 and must not become 0.8999999761581421
    expect(before[0]).toEqual({ article_id: 1, relevance: 0.9, score: 0.7, confidence: 0.8 });

    const store = await openStore(database.target);
    try {
      expect(await store.db.selectFrom('stance_scores').select(columns).orderBy('article_id').execute()).toEqual(before);
      // a score stored from now on keeps every digit
      await repo.saveScore(store.db, 1, scoreResult('v2'), '2026-06-05T11:00:00.000Z');
      const latest = (await repo.latestScores(store.db, [1])).get(1);
      expect({ relevance: latest?.relevance, score: latest?.score, confidence: latest?.confidence }).toEqual(scores);
    } finally {
      await store.close();
    }
  });
});
