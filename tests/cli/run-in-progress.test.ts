import os from 'node:os';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { main } from '../../src/cli/index.ts';
import { thisProcess } from '../../src/run/run-owner.ts';
import { RunInProgressError } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { capturingOutput } from '../helpers/in-process-cli.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A run started while another of the pipeline is under way (cron starting the next before the last ends) stops with
 * exit 2 and says what a user can act on: the run, when it began, the process and its host. Not the pid namespace the
 * lock keeps to tell containers apart ("vm pid:[4026531836]"), which is nothing to a user.
 */

const captures = { id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' };

describe('a run while another run of the pipeline is in progress', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({ name: 'run-in-progress', database: freshSqlite, commands: [registerRun] });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    project.writePipeline(pipelineDefinition({ id: 'cron-test', name: 'Cron test', sources: [captures] }));
    expect((await project.cli('run', '--quiet')).code).toBe(0);
  });
  afterEach(() => project.remove());

  /** Marks a run of this pipeline as running, held by this (live) process, started `minutesAgo` ago: its id. */
  function holdLock(minutesAgo: number): number {
    const owner = thisProcess();
    const sqlite = new Database(project.database.target);
    try {
      const startedAt = new Date(Date.now() - minutesAgo * 60_000).toISOString();
      const row = sqlite
        .prepare("INSERT INTO runs (pipeline_id, started_at, status, finished_at, report, owner) VALUES ('cron-test', ?, 'running', NULL, NULL, ?) RETURNING id")
        .get(startedAt, `${owner.host}:${owner.pid}`) as { id: number };
      return row.id;
    } finally {
      sqlite.close();
    }
  }

  it('stops with exit 2, naming the run, when it started, the process and the host, with no internal identifier', async () => {
    const runId = holdLock(12);
    const { result: code, stdout, stderr } = await capturingOutput(() => main(['run', '--quiet', '--pipeline', project.pipelineFile, '--database', project.database.target]));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      new RegExp(
        `^pausewatch: another run of pipeline cron-test is in progress: run ${runId}, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC \\(12 min ago\\) ` +
          `by process ${process.pid} on host ${os.hostname().replace(/[.]/g, '\\.')} \\(\`kill ${process.pid}\` there stops it, and it gives the lock back\\); ` +
          'a run whose process ended stops blocking at once on the same host, and one that shows no sign of life for 10 minutes otherwise\n$',
      ),
    );
    expect(stderr).not.toMatch(/pid:\[|\d{4}-\d\d-\d\dT/);
    // in process, the same error the top level turns into exit 2
    await expect(project.cli('run', '--quiet')).rejects.toBeInstanceOf(RunInProgressError);
  });

  it('names a run stored before runs kept their process, and a long run in hours', () => {
    expect(new RunInProgressError('p', 5, '2026-06-10T06:00:00.000Z', null, '2026-06-10T06:05:00.000Z').message).toBe(
      'another run of pipeline p is in progress: run 5, started 2026-06-10 06:00 UTC (5 min ago); a run whose process ended stops blocking at once on the same host, and one that shows no sign of life for 10 minutes otherwise',
    );
    expect(new RunInProgressError('p', 5, '2026-06-10T06:00:00.000Z', { host: 'vm pid:[4026531836]', pid: 16587 }, '2026-06-10T09:30:00.000Z').message).toContain(
      'run 5, started 2026-06-10 06:00 UTC (4 h ago) by process 16587 on host vm (`kill 16587` there stops it, and it gives the lock back); ',
    );
  });
});
