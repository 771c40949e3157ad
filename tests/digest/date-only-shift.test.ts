import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import { writeDigest } from '../../src/run/write-digest.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

const support: ScoreResult = {
  scorerVersion: 'test',
  relevance: { score: 0.9, relevant: true, evidence: ['pause'] },
  stance: { label: 'support', score: 0.6, confidence: 0.7, evidence: [] },
  voices: [],
};

describe.each(dialects)('a digest west of UTC counts an article dated without a time on that day, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let loaded: LoadedPipeline;

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-date-only-'));
    loaded = {
      pipeline: definePipeline({
        id: 'p', name: 'Pause watch', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed.xml' }],
        topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
        digest: { dir: 'digests', timeZone: 'America/New_York' },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    await repo.syncSources(store.db, 'p', [{ id: 'wire', kind: 'feed', name: 'Wire', location: 'https://wire.example/feed.xml' }], '2026-06-01T00:00:00.000Z');
    const fetchedAt = '2026-06-10T14:00:00.000Z';
    const id = await repo.insertArticle(store.db, {
      pipeline_id: 'p', source_id: 'wire', item_key: 'a', url: 'https://wire.example/a', canonical_url: 'https://wire.example/a',
      // dated by the day alone, the first day of the week that ends on the 10th
      title: 'Labs weigh a pause', byline: null, published_at: '2026-06-04', modified_at: null, fetched_at: fetchedAt, lang: 'en', site_name: 'Wire',
      image: null, summary: null, text: 'Body.', word_count: 1, partial: 0, content_hash: 'hash-a', near_signature: '', topic_signature: '',
      duplicate_of: null, duplicate_reason: null, story_id: null, extract_error: null, updated_at: fetchedAt,
    });
    await repo.saveScore(store.db, id, support, fetchedAt);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('in the weekly shift and on the article line', async () => {
    const { data, paths } = await writeDigest({ loaded, store, date: '2026-06-10', now: () => new Date('2026-06-10T20:00:00.000Z') });
    expect(data.shift).toMatchObject({ current: { from: '2026-06-04', to: '2026-06-10', articles: 1, support: 1 }, previous: { articles: 0 } });
    expect(readFileSync(paths.find((p) => p.endsWith('.md'))!, 'utf8')).toMatch(/Labs weigh a pause.* · 2026-06-04 · #/);
  });
});
