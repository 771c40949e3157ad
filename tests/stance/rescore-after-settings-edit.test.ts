import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The scorer's version is what `rescore` compares, so this is a stance contract seen through the command a user runs.
const repoRoot = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repoRoot, 'src/cli/bin.cjs');

function pausewatch(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, DATABASE_URL: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const topic = {
  description: 'The proposed pause of frontier AI development',
  proposalTerms: ['pause', 'moratorium', 'slowdown', 'halt', 'slow down'],
  contextTerms: ['frontier AI', 'AI development', 'AI labs', 'Anthropic'],
  excludeTerms: ['pause button'],
};

function pipeline(edit: { contextTerms?: string[]; relevanceThreshold?: number } = {}): string {
  const definition = {
    id: 'seeds-only',
    name: 'Seeds only',
    sources: [{ id: 'seeds', kind: 'files', name: 'Seed articles', glob: 'seeds/*.txt' }],
    topic: { ...topic, contextTerms: edit.contextTerms ?? topic.contextTerms },
    stance: { scorer: 'pause-proposal', relevanceThreshold: edit.relevanceThreshold ?? 0.5 },
    alerts: { channels: [] },
  };
  return `export default ${JSON.stringify(definition, null, 2)};\n`;
}

describe('rescore after the pipeline\'s topic or threshold is edited', () => {
  let root: string;
  const db = () => path.join(root, 'pw.db');
  const rescore = async () => {
    const result = await pausewatch(['rescore', '--json', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout) as { scorerVersion: string; articles: number; rescored: number; alreadyCurrent: number };
  };
  const latestVersions = async () => {
    const { stdout } = await pausewatch(['articles', '--json', '--pipeline', 'pipeline.ts', '--database', db()], root);
    return new Set((JSON.parse(stdout) as { stance: { scorerVersion: string } }[]).map((a) => a.stance.scorerVersion));
  };
  const storedVersions = () => {
    const sqlite = new Database(db(), { readonly: true });
    try {
      return sqlite.prepare('SELECT scorer_version AS version, COUNT(*) AS n FROM stance_scores GROUP BY scorer_version ORDER BY MIN(id)').all();
    } finally {
      sqlite.close();
    }
  };

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-rescore-'));
    cpSync(path.join(repoRoot, 'seeds'), path.join(root, 'seeds'), { recursive: true });
    writeFileSync(path.join(root, 'pipeline.ts'), pipeline());
    const run = await pausewatch(['run', '--quiet', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(run.code).toBe(0);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('rescores every article under the edited settings, keeps the earlier scores, and comes back to the first ones', async () => {
    const first = await rescore();
    expect(first).toMatchObject({ articles: 5, rescored: 0, alreadyCurrent: 5 });

    writeFileSync(path.join(root, 'pipeline.ts'), pipeline({ contextTerms: [...topic.contextTerms, 'OpenAI'] }));
    const edited = await rescore();
    expect(edited.scorerVersion).not.toBe(first.scorerVersion);
    expect(edited).toMatchObject({ articles: 5, rescored: 5, alreadyCurrent: 0 });
    expect(await latestVersions()).toEqual(new Set([edited.scorerVersion]));
    expect(await rescore()).toMatchObject({ rescored: 0, alreadyCurrent: 5 });

    writeFileSync(path.join(root, 'pipeline.ts'), pipeline({ contextTerms: [...topic.contextTerms, 'OpenAI'], relevanceThreshold: 0.6 }));
    const raised = await rescore();
    expect(raised.scorerVersion).not.toBe(edited.scorerVersion);
    expect(raised).toMatchObject({ rescored: 5 });

    // Edited back: the first settings' scores exist, but older than the others; they are made the newest again.
    writeFileSync(path.join(root, 'pipeline.ts'), pipeline());
    const reverted = await rescore();
    expect(reverted.scorerVersion).toBe(first.scorerVersion);
    expect(reverted).toMatchObject({ rescored: 5, alreadyCurrent: 0 });
    expect(await latestVersions()).toEqual(new Set([first.scorerVersion]));
    expect(storedVersions()).toEqual([
      { version: edited.scorerVersion, n: 5 },
      { version: raised.scorerVersion, n: 5 },
      { version: first.scorerVersion, n: 5 },
    ]);
  });
});
