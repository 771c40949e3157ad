import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const bin = path.resolve(import.meta.dirname, '../../src/cli/bin.cjs');

/**
 * The real command, its stdout a pipe whose reader closes it after the first bytes, as `| head -1` does: how it exits,
 * and what it says on stderr.
 */
function readFirstBytes(project: TempProject, args: string[]): Promise<{ code: number | null; stderr: string; read: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args, '--pipeline', project.pipelineFile, '--database', project.database.target], { cwd: project.root, stdio: 'pipe' });
    let read = '';
    let stderr = '';
    child.stdout.once('data', (chunk: Buffer) => {
      read = chunk.toString('utf8');
      child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, read }));
  });
}

describe('a listing whose reader stops reading (`| head`)', () => {
  let project: TempProject;

  beforeAll(async () => {
    project = await tempProject({ name: 'closed-stdout', database: freshSqlite, commands: [registerRun] });
    // enough articles that the listing outgrows a pipe's buffer (64 KB) many times over
    for (let i = 0; i < 300; i++) {
      project.writeFile(`caps/a${i}.txt`, `Labs weigh pause number ${i}\n\nDecember 1, 2026\n\nA coordinated, verified pause of frontier AI development is overdue, researcher ${i} said in Brussels.\n`);
    }
    project.writePipeline(pipelineDefinition({ id: 'pause', name: 'Pause', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }));
    expect((await project.cli('run', '--quiet')).code).toBe(0);
  }, 120_000);
  afterAll(() => project?.remove());

  it.each([[['articles', '--json']], [['articles', '--limit', '300']], [['stories', '--json']]])('ends %j quietly, with its own exit code, not an internal error', async (args) => {
    const { code, stderr, read } = await readFirstBytes(project, args);
    expect(read.length).toBeGreaterThan(0);
    expect(stderr).not.toMatch(/internal error|EPIPE/);
    expect(code).toBe(0);
  }, 60_000);
});
