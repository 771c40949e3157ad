import { registerTrends } from '../../src/cli/commands/trends.ts';
import * as repo from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { TestDatabase } from './databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from './temp-project.ts';

/**
 * Records a finished run of `pipelineId` that began at `startedAt`, as if the pipeline had watched since then: trends
 * mark the periods before a pipeline's first run, and a test's own run begins whenever the test runs.
 */
export async function recordEarlierRun(target: string, pipelineId: string, startedAt: string): Promise<void> {
  const store = await openStore(target);
  try {
    const id = await repo.startRun(store.db, pipelineId, startedAt);
    await store.db.updateTable('runs').set({ status: 'ok', finished_at: startedAt }).where('id', '=', id).execute();
  } finally {
    await store.close();
  }
}

/** An article as the seeded store holds it: its name (title and key), dates, stance, and the article it copies. */
export interface SeededArticle {
  name: string;
  published: string | null;
  fetched: string;
  label: 'support' | 'oppose' | 'neutral';
  copyOf?: string;
}

/**
 * A project whose database holds what runs would have stored, written through the store: the pipeline's runs (when
 * they began) and scored articles with the dates given, so `trends` can be asked about days a test picks, copies and
 * zones included, without a run's clock or dedup deciding them.
 */
export async function seededTrendsProject(options: {
  database: () => Promise<TestDatabase>;
  timeZone: string;
  runs: readonly string[];
  articles: readonly SeededArticle[];
}): Promise<TempProject> {
  const project = await tempProject({ name: 'trends-seeded', database: options.database, commands: [registerTrends] });
  try {
    const sources = [{ id: 'wire', kind: 'files', name: 'Wire', glob: 'caps/*.txt' }];
    project.writePipeline({ ...pipelineDefinition({ id: 'seeded', name: 'Seeded', sources }), digest: { timeZone: options.timeZone } });
    const store = await openStore(project.database.target);
    try {
      const db = store.db;
      await repo.syncSources(db, 'seeded', [{ id: 'wire', kind: 'files', name: 'Wire', location: 'caps/*.txt' }], options.runs[0] ?? '2026-01-01T00:00:00.000Z');
      for (const startedAt of options.runs) {
        const id = await repo.startRun(db, 'seeded', startedAt);
        await db.updateTable('runs').set({ status: 'ok', finished_at: startedAt }).where('id', '=', id).execute();
      }
      const ids = new Map<string, number>();
      for (const a of options.articles) {
        const id = await repo.insertArticle(db, {
          pipeline_id: 'seeded', source_id: 'wire', item_key: a.name, url: `https://wire.example/${a.name}`, canonical_url: `https://wire.example/${a.name}`,
          title: a.name, byline: null, published_at: a.published, modified_at: null, fetched_at: a.fetched, lang: 'en', site_name: null, image: null,
          summary: null, text: `The text of ${a.name}.`, word_count: 4, partial: 0, content_hash: a.name, near_signature: '', topic_signature: '',
          duplicate_of: a.copyOf === undefined ? null : ids.get(a.copyOf)!, duplicate_reason: a.copyOf === undefined ? null : 'hash',
          story_id: null, extract_error: null, updated_at: a.fetched,
        });
        ids.set(a.name, id);
        const score = a.label === 'support' ? 0.5 : a.label === 'oppose' ? -0.5 : 0;
        await repo.saveScore(db, id, {
          scorerVersion: 'test',
          relevance: { score: 0.9, relevant: true, evidence: ['pause'] },
          stance: { label: a.label, score, confidence: 0.8, evidence: [{ sentence: 'A pause.', weight: score }] },
          voices: [],
        }, a.fetched);
      }
    } finally {
      await store.close();
    }
  } catch (error) {
    await project.remove();
    throw error;
  }
  return project;
}
