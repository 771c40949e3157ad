import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRunSummary, registerRun, summaryContext } from '../../src/cli/commands/run.ts';
import type { RunReport, SourceReport } from '../../src/model/index.ts';
import { runHadFailures } from '../../src/run/run-pipeline.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject } from '../helpers/temp-project.ts';

const source = (sourceId: string, outcome: SourceReport['outcome'], nextAt?: string): SourceReport => ({
  sourceId, name: sourceId, kind: 'feed', outcome, nextCheck: nextAt ? { at: nextAt, reason: 'scheduled', heldByServer: false } : null,
  error: outcome === 'failed' ? { code: 'http_500', message: 'HTTP 500 from https://x/feed' } : null,
  itemsSeen: 0, articlesAdded: 0, articlesUpdated: 0, duplicates: 0, itemErrors: [], itemsRefusedBefore: [], warnings: [],
});
const report = (sources: SourceReport[]): RunReport => ({
  runId: 1, pipelineId: 'p', startedAt: '2026-06-10T06:00:00.000Z', finishedAt: '2026-06-10T06:01:00.000Z', hostClockAheadSeconds: null, sources,
  articlesAdded: 0, alertsSent: 0, alertsSentByChannel: [], articlesAlerted: 0, alertsFailed: [], alertsHeldBack: [], alertsAskedToWait: [], alertsExpired: [], alertsWaiting: [], alertsMoved: [], alertsWithdrawn: [], alertsOverCap: [], digestPaths: ['/tmp/d.md'], digestsFailed: [],
  digestEmailsSent: [], digestEmailsFailed: [], digestEmailsGivenUp: [], recipientsRefused: [],
});
const lastLineButOne = (text: string) => text.split('\n').at(-2);

describe('alerts that followed a channel to its new id', () => {
  it('are named with where they came from and where they went', () => {
    const moved = { ...report([source('a', 'ok')]), alertsMoved: [{ from: 'webhook https://hooks.example/…', to: 'webhook "newsroom"', count: 2 }] };
    expect(formatRunSummary(moved, '/', false)).toContain('  moved        2 alerts waiting for webhook https://hooks.example/… to webhook "newsroom", the id it was given\n');
  });
});

describe('the run summary line', () => {
  it('counts the sources that were checked, and does not call healthy sources that were not due "not ok"', () => {
    const notDue = report([source('a', 'not_due', '2026-06-10T09:00:00.000Z'), source('b', 'not_due', '2026-06-10T07:30:00.000Z')]);
    expect(lastLineButOne(formatRunSummary(notDue, '/', false))).toBe('0 new articles (0 duplicates), 0 alerts sent; 0 of 2 sources checked, 2 not due yet (the first at 2026-06-10 07:30 UTC).');
    const mixed = report([source('a', 'ok'), source('b', 'failed'), source('c', 'not_due', '2026-06-10T09:00:00.000Z')]);
    expect(lastLineButOne(formatRunSummary(mixed, '/', false))).toBe('0 new articles (0 duplicates), 0 alerts sent; 2 of 3 sources checked (1 ok, 1 failed), 1 not due yet (the first at 2026-06-10 09:00 UTC).');
    const unsent: SourceReport = { ...source('c', 'failed'), error: { code: 'timeout', message: 'not requested: https://x/feed-2', notSent: true } };
    expect(lastLineButOne(formatRunSummary(report([source('a', 'ok'), source('b', 'failed'), unsent]), '/', false))).toBe(
      '0 new articles (0 duplicates), 0 alerts sent; 1 of 3 sources ok, 2 failed (1 not asked: their host asked to wait or did not answer).',
    );
    // read with warnings: counted, since a cron user sees only this line (a failed source's are its error's)
    const warned = report([{ ...source('a', 'ok'), warnings: ['recovered 3 items'] }, { ...source('b', 'not_modified'), warnings: ['x'] }, { ...source('c', 'failed'), warnings: ['y'] }]);
    expect(lastLineButOne(formatRunSummary(warned, '/', false))).toBe(
      '0 new articles (0 duplicates), 0 alerts sent; 2 of 3 sources ok, 1 failed; 2 sources with warnings: a, b (`run --json` lists them).',
    );
    // named up to five, then counted
    const manyWarned = report(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => ({ ...source(id, 'ok'), warnings: ['charset guessed'] })));
    expect(lastLineButOne(formatRunSummary(manyWarned, '/', false))).toBe(
      '0 new articles (0 duplicates), 0 alerts sent; 7 of 7 sources ok; 7 sources with warnings: a, b, c, d, e and 2 more (`run --json` lists them).',
    );
    const allChecked = report([source('a', 'ok'), source('b', 'failed')]);
    expect(lastLineButOne(formatRunSummary(allChecked, '/', false))).toBe('0 new articles (0 duplicates), 0 alerts sent; 1 of 2 sources ok, 1 failed.');
  });
});

describe('the run summary on a terminal', () => {
  it('keeps each line of feed-made text short, whatever a feed sends, and counts items in words', () => {
    const long = 'x'.repeat(10_000);
    const hostile: SourceReport = {
      ...source('a', 'ok'), itemsSeen: 1, warnings: [`unknown charset "${long}" in the Content-Type header`],
      itemErrors: [{ key: `https://x/${long}`, error: { code: 'parse', message: `item 1: "url" is not a URL string (${long})` } }],
    };
    const failing: SourceReport = { ...source('b', 'failed'), error: { code: 'parse_malformed', message: `the XML could not be parsed: ${long}` } };
    const text = formatRunSummary(report([hostile, failing]), '/', true);
    for (const line of text.split('\n')) expect(line.length).toBeLessThan(450);
    expect(text).toContain('  ok           a                        1 item, 0 new, 1 item error\n');
  });
});

describe('the run summary on item errors', () => {
  it('names the first five failed items of a source and why, on a terminal or not, and counts the rest', () => {
    const itemErrors = Array.from({ length: 7 }, (_, index) => ({ key: `caps/bad-${index + 1}.txt`, error: { code: 'not_text', message: `caps/bad-${index + 1}.txt is not text: it contains NUL bytes` } }));
    const sources = [{ ...source('caps', 'ok'), itemsSeen: 1, articlesAdded: 1, itemErrors, warnings: ['a warning'] }, source('quiet', 'ok')];
    const named = [
      '  ok           caps                     1 item, 1 new, 7 item errors',
      ...[1, 2, 3, 4, 5].map((n) => `      item caps/bad-${n}.txt: caps/bad-${n}.txt is not text: it contains NUL bytes`),
      '      and 2 more item errors (`run --json` lists them all)',
    ];
    // cron, or --quiet: what cron mails is all the user sees of the failures the exit code 1 is for
    expect(formatRunSummary(report(sources), '/', false).split('\n').slice(0, -2)).toEqual(named);
    // a terminal adds the sources with nothing to say, and the warnings
    expect(formatRunSummary(report(sources), '/', true).split('\n').slice(0, -2)).toEqual([...named, '      warning: a warning', '  ok           quiet                    0 items, 0 new']);
    const one = formatRunSummary(report([{ ...source('caps', 'ok'), itemErrors: itemErrors.slice(0, 6) }]), '/', false);
    expect(one).toContain('\n      and 1 more item error (`run --json` lists them all)\n');
  });

  it('names them in what `run --quiet` prints, which exits 1 for them', async () => {
    const project = await tempProject({ name: 'run-item-errors', database: freshSqlite, commands: [registerRun] });
    try {
      project.writeFile('caps/good.txt', 'Labs weigh a verified pause of frontier AI\n\nLeading AI labs are discussing a verified global pause of frontier AI.\n');
      project.writeFile('caps/nul-1.txt', 'half a capture\0and binary data\n');
      project.writeFile('caps/nul-2.txt', '\0\n');
      project.writePipeline(pipelineDefinition({ id: 'items', name: 'Items', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }));
      const { code, stdout } = await project.cli('run', '--quiet');
      expect(code).toBe(1);
      expect(stdout.split('\n').slice(0, 4)).toEqual([
        '  ok           caps                     1 item, 1 new, 2 item errors',
        '      item caps/nul-1.txt: caps/nul-1.txt is not text: it contains NUL bytes (binary data, or UTF-16 without a byte-order mark)',
        '      item caps/nul-2.txt: caps/nul-2.txt is not text: it contains NUL bytes (binary data, or UTF-16 without a byte-order mark)',
        '1 new article (0 duplicates), 0 alerts sent; 1 of 1 sources ok.',
      ]);
    } finally {
      await project.remove();
    }
  });
});

describe('the run summary on alerts', () => {
  it('names a refusing channel once, with how many alerts wait, what was given up and what waits for a removed channel', () => {
    const text = formatRunSummary(
      {
        ...report([source('a', 'ok')]),
        alertsSent: 2,
        alertsSentByChannel: [{ channel: 'stdout', count: 2 }],
        articlesAlerted: 2,
        alertsFailed: [{ alertId: 7, channel: 'webhook https://hooks.example/…', error: 'webhook https://hooks.example/… answered HTTP 500' }],
        alertsHeldBack: [{ channel: 'webhook https://hooks.example/…', count: 4 }],
        alertsExpired: [
          { alertId: 1, channel: 'webhook https://hooks.example/…', title: 'Senators back a pause', lastError: 'HTTP 500', configured: true, reason: 'undelivered' },
          { alertId: 2, channel: 'webhook "old"', title: 'Labs refuse', lastError: null, configured: false, reason: 'removed' },
        ],
        alertsWaiting: [{ channel: 'webhook https://old.example/…', count: 3, reason: 'removed' }],
      },
      '/',
      false,
    );
    expect(text.split('\n').slice(0, 4)).toEqual([
      '  FAILED       1 alert not delivered by webhook https://hooks.example/… (webhook https://hooks.example/… answered HTTP 500) and 4 more not tried; the next runs retry them for 48 h',
      '  FAILED       1 alert for webhook https://hooks.example/… given up, undelivered for 48 h (last: HTTP 500): "Senators back a pause"',
      '  dropped      1 alert for webhook "old" given up, its channel is no longer in the pipeline: "Labs refuse"',
      '  waiting      3 alerts for webhook https://old.example/…, which is no longer in the pipeline: sent if it comes back within 48 h (a webhook whose URL changes keeps its alerts when it has an `id`)',
    ]);
    expect(lastLineButOne(text)).toBe('0 new articles (0 duplicates), 2 alerts sent, 1 delivery failed; 1 of 1 sources ok.');
  });
});

describe('the run summary on alerts delivered to several channels', () => {
  const item = (id: string, title: string, text: string) =>
    `<item><title>${title}</title><link>https://wire.example/${id}</link><guid>${id}</guid><pubDate>${new Date().toUTCString()}</pubDate>` +
    `<description>${text}</description></item>`;
  const rss =
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>` +
    item('w-1', 'Labs weigh a verified pause', 'Leading AI labs discuss a coordinated, verified global pause of frontier AI development, with inspectors checking the largest training runs.') +
    item('w-2', 'Senators back a pause of frontier AI', 'Two senators introduced a bill on Tuesday that calls for a moratorium on frontier AI training until an international treaty sets safety standards.') +
    `</channel></rss>`;

  it('counts alerts as the articles alerted, with the deliveries to each channel beside them, in the text and in --json', async () => {
    const hooked: string[] = [];
    const routes = {
      '/wire.xml': (_req: IncomingMessage, res: ServerResponse) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss),
      '/hook': (req: IncomingMessage, res: ServerResponse) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => void (hooked.push(body), res.writeHead(200).end('ok')));
      },
    };
    for (const json of [false, true]) {
      hooked.length = 0;
      const project = await tempProject({ name: 'run-alert-count', database: freshSqlite, commands: [registerRun], routes });
      try {
        const wire = { id: 'wire', kind: 'feed', name: 'Wire', url: `${project.server.url}/wire.xml`, fetchArticles: false };
        const channels = [{ type: 'stdout' }, { type: 'file', path: 'data/alerts.jsonl' }, { type: 'webhook', url: `${project.server.url}/hook` }];
        project.writePipeline({ ...pipelineDefinition({ id: 'alert-count', name: 'Alert count', sources: [wire], fetch: localFetch }), alerts: { channels } });
        const { code, stdout, stderr } = await project.cli('run', '--quiet', ...(json ? ['--json'] : []));
        expect(code).toBe(0);
        // what arrived: two alerts on each channel
        const printed = (json ? stderr : stdout).split('\n').filter((line) => line.startsWith('ALERT ['));
        expect(printed).toHaveLength(2);
        expect(readFileSync(path.join(project.root, 'data/alerts.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
        expect(hooked).toHaveLength(2);
        if (json) {
          const report = JSON.parse(stdout) as RunReport;
          // alertsSent keeps its meaning (deliveries): two articles on three channels
          expect(report).toMatchObject({ articlesAdded: 2, alertsSent: 6, articlesAlerted: 2 });
          expect(report.alertsSentByChannel).toEqual([
            { channel: 'stdout', count: 2 },
            { channel: `file:${path.join(project.root, 'data/alerts.jsonl')}`, count: 2 },
            { channel: `webhook ${project.server.url}/…`, count: 2 },
          ]);
        } else {
          expect(lastLineButOne(stdout.trimEnd())).toBe('2 new articles (0 duplicates), 2 alerts sent (6 deliveries to 3 channels); 1 of 1 sources ok.');
        }
      } finally {
        await project.remove();
      }
    }
  });
});

describe('the run summary on withdrawn alerts', () => {
  it('says in one line which alerts an older syndicated copy withdrew, with the date it first appeared, and counts no failure', () => {
    const withdrawn = (alertId: number, channel: string, title: string, firstPublished = '2026-11-19T08:00:00.000Z') => ({ alertId, channel, title, firstPublished });
    const context = summaryContext({}, '/srv/pw/pipelines/ai-pause.ts', [], 72);
    const twoChannels: RunReport = {
      ...report([source('a', 'ok')]),
      alertsSent: 1,
      alertsSentByChannel: [{ channel: 'stdout', count: 1 }],
      articlesAlerted: 1,
      alertsWithdrawn: [withdrawn(3, 'stdout', 'Labs should pause now'), withdrawn(4, 'file:/srv/pw/data/alerts.jsonl', 'Labs should pause now')],
    };
    expect(formatRunSummary(twoChannels, '/srv/pw', false, context).split('\n').slice(0, 2)).toEqual([
      '  withdrawn    2 alerts: a syndicated copy shows the coverage first appeared 2026-11-19, past alerts.maxAgeHours (72 h): "Labs should pause now"',
      '0 new articles (0 duplicates), 1 alert sent; 1 of 1 sources ok.',
    ]);
    expect(runHadFailures(twoChannels)).toBe(false);
    const several = formatRunSummary(
      { ...report([source('a', 'ok')]), alertsWithdrawn: [withdrawn(1, 'stdout', 'One', '2026-11-12T08:00:00.000Z'), withdrawn(2, 'stdout', 'Two'), withdrawn(3, 'stdout', 'Three'), withdrawn(4, 'stdout', 'Four')] },
      '/',
      false,
      context,
    );
    expect(several.split('\n')[0]).toBe(
      '  withdrawn    4 alerts: syndicated copies show the coverage first appeared 2026-11-12 to 2026-11-19, past alerts.maxAgeHours (72 h): "One", "Two", "Three", +1 more',
    );
  });
});

describe('the run summary on feeds that moved', () => {
  it('names each moved feed once, quiet or not, with its new URL (without a login) and the pipeline file to put it in', () => {
    const moves = summaryContext({}, '/srv/pw/pipelines/ai-pause.ts', [{ sourceId: 'wire', movedTo: 'https://reader:secret@new.example/feed' }]);
    for (const verbose of [false, true]) {
      const text = formatRunSummary(report([source('wire', 'ok'), source('other', 'ok')]), '/srv/pw', verbose, moves);
      expect(text.split('\n').filter((line) => line.includes('moved'))).toEqual([
        '  moved        wire: the feed moved permanently to https://***@new.example/feed; `pausewatch sources update-moved` puts that URL in pipelines/ai-pause.ts',
      ]);
    }
  });
});

describe('the run summary on feeds their server holds back', () => {
  const held = (sourceId: string, heldByServer: boolean, reason: string): SourceReport => ({
    ...source(sourceId, 'not_due'),
    nextCheck: { at: '2026-06-17T06:00:00.000Z', reason, heldByServer },
  });

  it('counts the sources the run marked as held by their server, whatever their reason says', () => {
    const sources = [held('busy', true, 'Retry-After: 7 d'), held('quiet', false, 'the server asked for a feed ttl of 7 d')];
    expect(lastLineButOne(formatRunSummary(report(sources), '/', false))).toBe(
      "0 new articles (0 duplicates), 0 alerts sent; 0 of 2 sources checked, 2 not due yet (the first at 2026-06-17 06:00 UTC), 1 of them held by their server's Retry-After (`pausewatch sources recheck <id>` overrides it).",
    );
    const lines = formatRunSummary(report(sources), '/', true).split('\n');
    expect(lines[0]).toMatch(/ busy +skipped; .*--all does not override that, `pausewatch sources recheck busy` does\)$/);
    expect(lines[1]).toMatch(/ quiet +skipped; .* \(--all checks it now\)$/);
  });

  it('prints the recheck command with the pipeline and database the run was given, quoted for a shell, without the password', () => {
    const context = summaryContext({ pipeline: 'pipelines/my topic.ts', database: 'postgres://pw:s3cret@db.example/pw' }, '/srv/pw/pipelines/my topic.ts', []);
    const text = formatRunSummary(report([held('busy', true, 'the server asked to wait (http_429, Retry-After)')]), '/srv/pw', true, context);
    const flags = "--pipeline 'pipelines/my topic.ts' --database postgres://pw@db.example/pw";
    expect(text).toContain(`--all does not override that, \`pausewatch sources recheck busy ${flags}\` does)`);
    expect(lastLineButOne(text)).toContain(`, held by their server's Retry-After (\`pausewatch sources recheck <id> ${flags}\` overrides it).`);
  });
});
