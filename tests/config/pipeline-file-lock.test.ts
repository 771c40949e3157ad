import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addSourcesToPipelineFile, editLockPath, PipelineEditError } from '../../src/config/pipeline-file.ts';
import { loadPipeline } from '../../src/config/index.ts';

/**
 * The lock that makes edits of one pipeline file one at a time (`sources add` run by `xargs -P4`, overlapping cron
 * jobs): an edit waits for one in progress, gives up after its wait saying which lock file holds it, and takes over a
 * lock whose process ended without removing it (killed mid-edit).
 */

const topic = `topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['AI'] }`;
const wire = { id: 'wire', code: `{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed' }` };

let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** A pipeline file with one files source, in a folder of its own. */
function pipelineFile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-pipeline-lock-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'package.json'), '{}');
  mkdirSync(path.join(dir, 'pipelines'));
  const file = path.join(dir, 'pipelines', 'topic.ts');
  writeFileSync(file, `export default {\n  id: 'topic',\n  name: 'Topic',\n  sources: [\n    { id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' },\n  ],\n  ${topic},\n};\n`);
  return file;
}

/** A lock file as pausewatch writes one, held by process `pid` of this host. */
function writeLock(file: string, pid: number): string {
  const lock = editLockPath(file);
  writeFileSync(lock, JSON.stringify({ pid, host: os.hostname(), since: new Date().toISOString(), token: 'test' }));
  return lock;
}

/** The pid of a process that has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const sourceIds = async (file: string) => (await loadPipeline(file)).pipeline.sources.map((source) => source.id);

describe('the edit lock of a pipeline file', () => {
  it('takes over a lock left by a pausewatch that ended mid-edit, and leaves no lock behind', async () => {
    const file = pipelineFile();
    writeLock(file, endedPid());
    await addSourcesToPipelineFile(file, [wire], { lockWaitMs: 2_000 });
    expect(await sourceIds(file)).toEqual(['seeds', 'wire']);
    expect(readdirSync(path.dirname(file))).toEqual(['topic.ts']);
  });

  it('takes over a lock too old to be an edit in progress, even one naming a running process', async () => {
    const file = pipelineFile();
    const lock = writeLock(file, process.pid);
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, hourAgo, hourAgo);
    await addSourcesToPipelineFile(file, [wire], { lockWaitMs: 2_000 });
    expect(await sourceIds(file)).toEqual(['seeds', 'wire']);
    expect(readdirSync(path.dirname(file))).toEqual(['topic.ts']);
  });

  it('waits for an edit in progress to finish, then makes its own', async () => {
    const file = pipelineFile();
    const lock = writeLock(file, process.pid);
    const released = setTimeout(() => rmSync(lock), 600);
    const started = Date.now();
    try {
      await addSourcesToPipelineFile(file, [wire], { lockWaitMs: 10_000 });
    } finally {
      clearTimeout(released);
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(await sourceIds(file)).toEqual(['seeds', 'wire']);
    expect(readdirSync(path.dirname(file))).toEqual(['topic.ts']);
  });

  it('gives up on a lock a running process keeps, naming the lock file and saying when to remove it, and leaves file and lock as they were', async () => {
    const file = pipelineFile();
    const lock = writeLock(file, process.pid);
    const before = readFileSync(file, 'utf8');
    const failure = addSourcesToPipelineFile(file, [wire], { lockWaitMs: 300 });
    await expect(failure).rejects.toThrow(PipelineEditError);
    await expect(failure).rejects.toThrow(
      `another pausewatch is editing ${file} (process ${process.pid} on ${os.hostname()}, since `,
    );
    await expect(failure).rejects.toThrow(
      `did not finish within 0.3 s, so the feeds were not added to it; try again, or, if no pausewatch is running (one that crashed left its lock), remove the lock file ${lock}`,
    );
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['.topic.ts.pausewatch-lock', 'topic.ts']);
  });

  it('is the lock of the file a symlink points at, so an edit through the link waits too', async () => {
    const file = pipelineFile();
    const link = path.join(os.tmpdir(), `pausewatch-pipeline-link-${process.pid}.ts`);
    dirs.push(link);
    symlinkSync(file, link);
    writeLock(file, process.pid);
    await expect(addSourcesToPipelineFile(link, [wire], { lockWaitMs: 200 })).rejects.toThrow(`remove the lock file ${editLockPath(file)}`);
  });
});
