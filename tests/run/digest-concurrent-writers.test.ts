import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPipeline, type LoadedPipeline } from '../../src/config/index.ts';
import { renderMarkdown } from '../../src/digest/index.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import { writeDigest } from '../../src/run/write-digest.ts';
import * as repo from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';

const child = path.resolve(import.meta.dirname, 'write-digest-child.ts');
const day = '2026-06-10';

const neutral: ScoreResult = {
  scorerVersion: 'test',
  relevance: { score: 0.9, relevant: true, evidence: ['pause'] },
  stance: { label: 'neutral', score: 0, confidence: 0.7, evidence: [] },
  voices: [],
};

interface Rendering {
  markdown: string;
  json: string;
}

/**
 * Starts `count` processes that each write the day's digest `times` times, all at the same moment; how each ended
 * and the renderings it wrote.
 */
async function writeAtOnce(pipelineFile: string, target: string, count: number, times: number): Promise<{ code: number | null; stderr: string; written: Rendering[] }[]> {
  const children = Array.from({ length: count }, (_, writer) => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, pipelineFile, target, day, String(writer), String(times)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = new Promise<void>((resolve) =>
      process_.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.startsWith('ready\n')) resolve();
      }),
    );
    const exited = new Promise<{ code: number | null; stderr: string; written: Rendering[] }>((resolve) =>
      process_.on('close', (code) => {
        const lines = stdout.split('\n').slice(1).filter((line) => line !== '');
        resolve({ code, stderr, written: lines.map((line) => JSON.parse(line) as Rendering) });
      }),
    );
    return { process_, ready, exited };
  });
  // a child that fails before it is ready is seen by its exit, not waited for
  await Promise.race([Promise.all(children.map((c) => c.ready)), Promise.any(children.map((c) => c.exited))]);
  for (const c of children) c.process_.stdin.write('go\n');
  return Promise.all(children.map((c) => c.exited));
}

describe('writers of the same day\'s digest at the same time', () => {
  let database: TestDatabase;
  let root: string;
  let pipelineFile: string;
  let loaded: LoadedPipeline;
  let dir: string;

  beforeEach(async () => {
    database = await freshSqlite();
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-digest-writers-'));
    pipelineFile = path.join(root, 'pipeline.ts');
    writeFileSync(path.join(root, 'package.json'), '{ "private": true }\n');
    const definition = {
      id: 'p', name: 'Pause watch', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed.xml' }],
      topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
      digest: { dir: 'digests', timeZone: 'UTC' },
      alerts: { channels: [] },
    };
    writeFileSync(pipelineFile, `export default ${JSON.stringify(definition, null, 2)};\n`);
    loaded = await loadPipeline(pipelineFile);
    dir = path.join(root, 'digests');
    const store = await openStore(database.target);
    try {
      await repo.syncSources(store.db, 'p', [{ id: 'wire', kind: 'feed', name: 'Wire', location: 'https://wire.example/feed.xml' }], '2026-06-01T00:00:00.000Z');
      // enough articles that a digest is more than one write's worth of bytes
      for (let i = 0; i < 40; i++) {
        const fetchedAt = `${day}T08:${String(i).padStart(2, '0')}:00.000Z`;
        const title = `Lab ${i} weighs a verified pause of frontier training, round ${i}`;
        const story = await repo.createStory(store.db, 'p', title, fetchedAt);
        const id = await repo.insertArticle(store.db, {
          pipeline_id: 'p', source_id: 'wire', item_key: `a${i}`, url: `https://wire.example/a${i}`, canonical_url: `https://wire.example/a${i}`,
          title, byline: null, published_at: fetchedAt, modified_at: null, fetched_at: fetchedAt, lang: 'en', site_name: 'Wire', image: null,
          summary: null, text: 'Body.', word_count: 1, partial: 0, content_hash: `hash-${i}`, near_signature: '', topic_signature: '',
          duplicate_of: null, duplicate_reason: null, story_id: story, extract_error: null, updated_at: fetchedAt,
        });
        await repo.saveScore(store.db, id, neutral, fetchedAt);
      }
    } finally {
      await store.close();
    }
  });
  afterEach(async () => {
    await database?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('in processes of their own: every write succeeds, each file ends as one whole rendering, and no temporary file is left', async () => {
    const ended = await writeAtOnce(pipelineFile, database.target, 2, 20);
    expect(ended.map(({ code, stderr }) => ({ code, stderr }))).toEqual(Array.from({ length: 2 }, () => ({ code: 0, stderr: '' })));
    const written = ended.flatMap((e) => e.written);
    expect(written).toHaveLength(40);
    expect(new Set(written.map((w) => w.markdown)).size).toBe(40);
    expect(written.map((w) => w.markdown)).toContain(readFileSync(path.join(dir, `${day}.md`), 'utf8'));
    expect(written.map((w) => w.json)).toContain(readFileSync(path.join(dir, `${day}.json`), 'utf8'));
    expect(readdirSync(dir).sort()).toEqual([`${day}.json`, `${day}.md`]);
  });

  it('in one process: every write succeeds, the Markdown and JSON end as the same rendering, and no temporary file is left', async () => {
    const store = await openStore(database.target);
    try {
      const writes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => writeDigest({ loaded, store, date: day, now: () => new Date(Date.UTC(2026, 5, 10, 18, 0, i)) })),
      );
      expect(writes.filter((w) => w.status === 'rejected')).toEqual([]);
      const written = writes.map((w) => (w as PromiseFulfilledResult<Awaited<ReturnType<typeof writeDigest>>>).value.data);
      const markdown = readFileSync(path.join(dir, `${day}.md`), 'utf8');
      const last = written.findIndex((data) => renderMarkdown(data) === markdown);
      expect(last).toBeGreaterThanOrEqual(0);
      expect(readFileSync(path.join(dir, `${day}.json`), 'utf8')).toBe(`${JSON.stringify(written[last], null, 2)}\n`);
      expect(readdirSync(dir).sort()).toEqual([`${day}.json`, `${day}.md`]);
    } finally {
      await store.close();
    }
  });
});
