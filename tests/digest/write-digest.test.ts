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

const neutral: ScoreResult = {
  scorerVersion: 'test',
  relevance: { score: 0.9, relevant: true, evidence: ['pause'] },
  stance: { label: 'neutral', score: 0, confidence: 0.7, evidence: [] },
  voices: [],
};

describe.each(dialects)('a digest rewritten for an older day, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let loaded: LoadedPipeline;

  async function addArticle(key: string, title: string, storyId: number, fetchedAt: string): Promise<void> {
    const id = await repo.insertArticle(store.db, {
      pipeline_id: 'p', source_id: 'wire', item_key: key, url: `https://wire.example/${key}`, canonical_url: `https://wire.example/${key}`,
      title, byline: null, published_at: fetchedAt, modified_at: null, fetched_at: fetchedAt, lang: 'en', site_name: 'Wire', image: null,
      summary: null, text: 'Body.', word_count: 1, partial: 0, content_hash: `hash-${key}`, near_signature: '', topic_signature: '',
      duplicate_of: null, duplicate_reason: null, story_id: storyId, extract_error: null, updated_at: fetchedAt,
    });
    await repo.saveScore(store.db, id, neutral, fetchedAt);
  }

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-digest-'));
    loaded = {
      pipeline: definePipeline({
        id: 'p', name: 'Pause watch', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed.xml' }],
        topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
        digest: { timeZone: 'UTC' },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    await repo.syncSources(store.db, 'p', [{ id: 'wire', kind: 'feed', name: 'Wire', location: 'https://wire.example/feed.xml' }], '2026-06-01T00:00:00.000Z');
    const story = await repo.createStory(store.db, 'p', 'Labs agree to pause frontier training', '2026-06-10T08:00:00.000Z');
    await addArticle('a', 'Labs agree to pause frontier training', story, '2026-06-10T08:00:00.000Z');
    await addArticle('b', 'Labs agree to pause frontier training for six months', story, '2026-06-10T09:00:00.000Z');
    // The next day's article joins the story, and the run relabels the story after its newest headline.
    await addArticle('c', 'Senate hearing questions the frontier lab pause deal', story, '2026-06-11T08:00:00.000Z');
    await repo.relabelStory(store.db, story, 'Senate hearing questions the frontier lab pause deal');
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('is headed by that day\'s own headlines and says the source health is as of writing, not of that day', async () => {
    const { data, paths } = await writeDigest({ loaded, store, date: '2026-06-10', now: () => new Date('2026-06-12T09:00:00.000Z') });
    const markdown = readFileSync(paths[0]!, 'utf8');
    expect(data.stories.map((s) => s.label)).toEqual(['Labs agree to pause frontier training']);
    expect(markdown).toContain('### 1. Labs agree to pause frontier training\n');
    expect(markdown).not.toContain('Senate hearing');
    expect(markdown).toContain('_Source health as of 2026-06-12T09:00:00.000Z, when this digest was written, not on 2026-06-10._');
  });

  it('the day after, is headed by that day\'s headline', async () => {
    const { data } = await writeDigest({ loaded, store, date: '2026-06-11', now: () => new Date('2026-06-11T18:00:00.000Z') });
    expect(data.stories.map((s) => s.label)).toEqual(['Senate hearing questions the frontier lab pause deal']);
  });
});

describe.each(dialects)('the source health of a digest, on $name', ({ fresh }) => {
  it('lists the sources that need a look first (failing, then never read), then the rest by the name it shows', async () => {
    const database = await fresh();
    const store = await openStore(database.target);
    const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-digest-'));
    try {
      const feeds = [['a-wire', 'Zeta Wire'], ['b-wire', 'Alpha Wire'], ['c-wire', 'Mid Wire'], ['d-wire', 'Beta Wire']] as const;
      const loaded: LoadedPipeline = {
        pipeline: definePipeline({
          id: 'p', name: 'Pause watch', sources: feeds.map(([id, name]) => ({ id, kind: 'feed' as const, name, url: `https://${id}.example/feed.xml` })),
          topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
          digest: { timeZone: 'UTC' },
        }),
        file: path.join(root, 'p.ts'),
        rootDir: root,
      };
      await repo.syncSources(store.db, 'p', feeds.map(([id, name]) => ({ id, kind: 'feed' as const, name, location: `https://${id}.example/feed.xml` })), '2026-06-01T00:00:00.000Z');
      const at = '2026-06-10T06:00:00.000Z';
      const record = (sourceId: string, ok: boolean) =>
        repo.recordFetch(store.db, {
          runId: 1, pipelineId: 'p', sourceId, url: `https://${sourceId}.example/feed.xml`, startedAt: at, finishedAt: at, outcome: ok ? 'ok' : 'failed',
          httpStatus: ok ? 200 : 500, error: ok ? null : { code: 'http_500', message: 'HTTP 500' }, newItems: 0,
        });
      await store.db.insertInto('runs').values({ pipeline_id: 'p', started_at: at, status: 'ok' }).execute();
      await record('a-wire', true);
      await record('b-wire', true);
      await record('c-wire', false);
      const { data } = await writeDigest({ loaded, store, date: '2026-06-10', now: () => new Date('2026-06-10T09:00:00.000Z') });
      expect(data.sources.map((s) => [s.name, s.status])).toEqual([['Mid Wire', 'failed'], ['Beta Wire', 'never'], ['Alpha Wire', 'ok'], ['Zeta Wire', 'ok']]);
    } finally {
      await store.close();
      await database.drop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
