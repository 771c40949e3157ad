import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failingNotChecked, formatRunSummary, registerRun, summaryContext, type FailingNotChecked } from '../../src/cli/commands/run.ts';
import type { RunReport } from '../../src/model/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A run that skips failing or gone feeds because they are not due names them, so the cron mail of the days after a
 * failure is not clean: a 410 feed is retried weekly, and after its one FAILED line nothing said it for a week.
 */

const rss =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Labs weigh a pause</title><guid>w-1</guid>' +
  '<description>Labs discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';

describe('a run that does not check its failing and gone feeds', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({
      name: 'run-failing-not-due',
      database: freshSqlite,
      commands: [registerRun],
      routes: {
        '/wire.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss),
        '/retired.xml': (_req, res) => void res.writeHead(410, { 'content-type': 'text/plain' }).end('gone'),
        '/down.xml': (_req, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end('down'),
      },
    });
    const feed = (id: string) => ({ id, kind: 'feed', name: id, url: `${project.server.url}/${id}.xml`, fetchArticles: false });
    project.writePipeline(pipelineDefinition({ id: 'failing', name: 'Failing', sources: [feed('wire'), feed('retired'), feed('down')], fetch: localFetch }));
  });
  afterEach(() => project.remove());

  it('names them in one line of what `run --quiet` prints, and in --json, and exits 0 since nothing failed in it', async () => {
    const first = await project.cli('run', '--quiet');
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^ {2}FAILED +retired +http_410: /m);
    expect(first.stdout).not.toContain('since an earlier run');

    const second = await project.cli('run', '--quiet');
    // no request: they were not due
    expect(project.server.hits.get('/retired.xml')).toBe(1);
    expect(project.server.hits.get('/down.xml')).toBe(1);
    expect(second.code).toBe(0);
    const lines = second.stdout.split('\n');
    expect(lines[0]).toMatch(
      new RegExp(
        String.raw`^ {2}failing {6}2 sources failing or gone since an earlier run, not retried this run \(the first due again at \d{4}-\d\d-\d\d \d\d:\d\d UTC\): ` +
          String.raw`retired \(gone\), down \(\x60pausewatch sources --pipeline \S+ --database \S+\x60 says why\)$`,
      ),
    );
    expect(lines[1]).toMatch(/; 0 of 3 sources checked, 3 not due yet /);

    const json = await project.cli('run', '--json');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as RunReport & { failingNotChecked: FailingNotChecked[] };
    expect(report.failingNotChecked).toEqual([
      { sourceId: 'retired', status: 'gone', errorStreak: 1, lastErrorCode: 'http_410', lastSuccessAt: null, nextCheckAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      { sourceId: 'down', status: 'failed', errorStreak: 1, lastErrorCode: 'http_500', lastSuccessAt: null, nextCheckAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
    // the gone feed is retried in a week, the one that is down much sooner: the line gives the first
    const [gone, down] = report.failingNotChecked;
    expect(Date.parse(gone!.nextCheckAt!) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    expect(Date.parse(down!.nextCheckAt!)).toBeLessThan(Date.parse(gone!.nextCheckAt!));
  });
});

describe('the line of failing sources not checked', () => {
  const notDue = (sourceId: string) => ({
    sourceId, name: sourceId, kind: 'feed' as const, outcome: 'not_due' as const, nextCheck: null, error: null,
    itemsSeen: 0, articlesAdded: 0, articlesUpdated: 0, duplicates: 0, itemErrors: [], itemsRefusedBefore: [], warnings: [],
  });
  const failing = (sourceId: string, status: 'failed' | 'gone', nextCheckAt: string): FailingNotChecked => ({
    sourceId, status, errorStreak: 3, lastErrorCode: status === 'gone' ? 'http_410' : 'http_500', lastSuccessAt: null, nextCheckAt,
  });
  const report = (ids: string[]): RunReport => ({
    runId: 1, pipelineId: 'p', startedAt: '2026-06-10T06:00:00.000Z', finishedAt: '2026-06-10T06:01:00.000Z', hostClockAheadSeconds: null, sources: ids.map(notDue),
    articlesAdded: 0, alertsSent: 0, alertsSentByChannel: [], articlesAlerted: 0, alertsFailed: [], alertsHeldBack: [], alertsAskedToWait: [], alertsExpired: [], alertsWaiting: [], alertsMoved: [], alertsWithdrawn: [], alertsOverCap: [], digestPaths: [], digestsFailed: [],
    digestEmailsSent: [], digestEmailsFailed: [], digestEmailsGivenUp: [], recipientsRefused: [],
  });

  it('names the first five and counts the rest; one gone feed is said to be gone', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const context = summaryContext({}, '/p.ts', [], 72, ids.map((id, i) => failing(id, 'failed', `2026-06-1${i}T08:00:00.000Z`)));
    expect(formatRunSummary(report(ids), '/', false, context).split('\n')[0]).toBe(
      '  failing      7 sources failing since an earlier run, not retried this run (the first due again at 2026-06-10 08:00 UTC): a, b, c, d, e, +2 more (`pausewatch sources` says why)',
    );
    const one = summaryContext({}, '/p.ts', [], 72, [failing('retired', 'gone', '2026-06-17T06:00:00.000Z')]);
    expect(formatRunSummary(report(['retired']), '/', false, one).split('\n')[0]).toBe(
      '  failing      1 source gone since an earlier run, not retried this run (due again at 2026-06-17 06:00 UTC): retired (`pausewatch sources` says why)',
    );
  });

  it('leaves out the sources the run checked, and those that are well', () => {
    const rows = [
      { id: 'checked', gone: 0, error_streak: 2, last_checked_at: '2026-06-10T06:00:00.000Z' },
      { id: 'well', gone: 0, error_streak: 0, last_checked_at: '2026-06-10T05:00:00.000Z' },
      { id: 'down', gone: 0, error_streak: 1, last_checked_at: '2026-06-10T05:00:00.000Z' },
    ].map((row) => ({ ...row, last_error_code: null, last_success_at: null, next_check_at: null }));
    const checked = { ...notDue('checked'), outcome: 'failed' as const };
    const sources = [checked, notDue('well'), notDue('down')];
    expect(failingNotChecked({ ...report([]), sources }, rows as never).map((f) => f.sourceId)).toEqual(['down']);
  });
});
