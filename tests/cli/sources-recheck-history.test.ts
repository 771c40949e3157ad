import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatRunSummary, registerRun, summaryContext } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { registerSourcesHistory } from '../../src/cli/commands/sources-history.ts';
import { registerSourcesRecheck } from '../../src/cli/commands/sources-recheck.ts';
import type { RunReport } from '../../src/model/index.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { runCommands } from '../helpers/in-process-cli.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const commands = [registerRun, registerSources, registerSourcesRecheck, registerSourcesHistory];

const rss = (...ids: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title>${ids
    .map((id) => `<item><title>Labs weigh a pause ${id}</title><guid>${id}</guid><description>Labs discuss a coordinated pause of frontier AI.</description></item>`)
    .join('')}</channel></rss>`;

const WEEK_SECONDS = 7 * 86_400;

describe.each(dialects)('sources recheck and sources history on $name', ({ fresh }) => {
  let project: TempProject;
  const outlet = { busy: true };

  beforeEach(async () => {
    outlet.busy = true;
    project = await tempProject({
      name: 'recheck',
      database: fresh,
      commands,
      routes: {
        '/busy.xml': (_req, res) =>
          outlet.busy
            ? res.writeHead(429, { 'retry-after': String(WEEK_SECONDS) }).end()
            : res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('b-1', 'b-2')),
        '/calm.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=86400' }).end(rss('c-1')),
      },
    });
    const { url } = project.server;
    const sources = [
      { id: 'busy', kind: 'feed', name: 'Busy', url: `${url}/busy.xml`, fetchArticles: false },
      // the same feed under another id and spelling: one address, one wait
      { id: 'busy-twin', kind: 'feed', name: 'Busy twin', url: `${url}/busy.xml#twin`, fetchArticles: false },
      { id: 'calm', kind: 'feed', name: 'Calm', url: `${url}/calm.xml`, fetchArticles: false },
    ];
    project.writePipeline(pipelineDefinition({ id: 'recheck', name: 'Recheck', sources, fetch: localFetch }));
  });
  afterEach(() => project.remove());

  const cli = (...args: string[]) => project.cli(...args);
  const health = async () => Object.fromEntries((JSON.parse((await cli('sources', '--json')).stdout) as { id: string; nextCheckAt: string | null; hostWaitUntil: string | null }[]).map((s) => [s.id, s]));

  it("has the next run check a feed whose server asked for a week's wait, with the feeds read from its address", async () => {
    expect((await cli('run', '--quiet')).code).toBe(1);
    expect(project.server.hits.get('/busy.xml')).toBe(1);

    // The outlet recovers, but the week holds, --all included; the run says how to check it anyway, with the pipeline
    // and database it was given.
    outlet.busy = false;
    const held = await cli('run', '--all');
    expect(project.server.hits.get('/busy.xml')).toBe(1);
    const flags = project.shownFlags;
    // calm, on the same host, is held unsent by the host's wait (and stores it), rather than asked
    expect(held.stdout).toContain(`; 1 of 3 sources checked (0 ok, 1 failed (1 not asked: their host asked to wait or did not answer)), 2 not due yet (the first at `);
    expect(held.stdout).toContain(` UTC), all held by their server's Retry-After (\`pausewatch sources recheck <id> ${flags}\` overrides it).\n`);
    const report = JSON.parse((await cli('run', '--all', '--json')).stdout) as RunReport;
    expect(report.sources.map((source) => [source.sourceId, source.nextCheck?.heldByServer])).toEqual([['busy', true], ['busy-twin', true], ['calm', true]]);
    const lines = formatRunSummary(report, project.root, true, summaryContext({ pipeline: 'p.ts', database: 'd.db' }, path.join(project.root, 'p.ts'), [])).split('\n');
    expect(lines.filter((line) => line.includes('busy'))).toEqual([
      expect.stringMatching(/^ {2}not due +busy +skipped; next check .*\(the server asked to wait \(http_429, Retry-After\); --all does not override that, `pausewatch sources recheck busy --pipeline p.ts --database d.db` does\)$/),
      expect.stringMatching(/^ {2}not due +busy-twin +skipped; .*`pausewatch sources recheck busy-twin --pipeline p.ts --database d.db` does\)$/),
    ]);

    // sources names the host's wait, and the feeds it holds, calm among them though its own server never said so
    const listed = (await cli('sources')).stdout;
    expect(listed).toMatch(
      /\nhosts that asked to wait, sent nothing till then, their feeds and pages alike \(`pausewatch sources recheck <id> [^`]+` of a feed forgets its host's\):\n {2}127\.0\.0\.1:\d+ until \d{4}-\d\d-\d\d \d\d:\d\d UTC \(HTTP 429 to http:\/\/127\.0\.0\.1:\d+\/busy\.xml\): busy, busy-twin, calm\n/,
    );
    const waits = Object.values(await health()).map((s) => s.hostWaitUntil);
    expect(new Set(waits).size).toBe(1);
    expect(waits[0]).toMatch(/^\d{4}-\d\d-\d\dT/);

    // the command as the run printed it, with <id> filled in
    const printed = held.stdout.match(/`pausewatch (sources recheck <id> [^`]+)`/)![1]!.replace('<id>', 'busy');
    const recheck = await runCommands(commands, printed.split(' '));
    expect(recheck.code).toBe(0);
    // the host's wait it forgets held calm too: said so
    expect(recheck.stdout).toMatch(
      /^ {2}busy: the next run checks it; cleared its server's wait until \d{4}-\d\d-\d\d \d\d:\d\d UTC, the check scheduled for .*UTC and the wait of 127\.0\.0\.1:\d+ until .* UTC \(for its other feeds and pages too\)$/m,
    );
    expect(recheck.stdout).toMatch(/^ {2}busy-twin: the next run checks it; cleared .* \(read from the same address as busy\)$/m);
    expect(recheck.stdout).not.toContain('calm');

    const run = await cli('run', '--json');
    expect(project.server.hits.get('/busy.xml')).toBe(2);
    // calm was not named: the host's wait, which it stored when held back, holds (it was read by the first run only)
    expect(project.server.hits.get('/calm.xml')).toBe(1);
    expect(JSON.parse(run.stdout).articlesAdded).toBe(4);
    const after = await health();
    expect(after.busy).toMatchObject({ status: 'ok', errorStreak: 0 });
    expect(after['busy-twin']).toMatchObject({ status: 'ok', errorStreak: 0 });
  });

  it('reports in --json what it cleared, is safe to repeat, and refuses an id the pipeline does not have', async () => {
    await cli('run', '--quiet');
    const first = JSON.parse((await cli('sources', 'recheck', 'calm', '--json')).stdout);
    expect(first).toEqual({
      sources: [
        {
          sourceId: 'calm', sharesAddressWith: null, neverChecked: false,
          clearedNextCheckAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), clearedNextCheckReason: expect.any(String), clearedServerWaitUntil: null,
          // busy's 429 made its host wait six hours: calm is on that host
          clearedHostWaits: [{ host: expect.stringMatching(/^127\.0\.0\.1:\d+$/), until: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }], keptRateLimitSeconds: null,
        },
      ],
    });
    const again = JSON.parse((await cli('sources', 'recheck', 'calm', '--json')).stdout);
    expect(again.sources[0]).toMatchObject({ clearedNextCheckAt: null, clearedNextCheckReason: null, clearedServerWaitUntil: null, clearedHostWaits: [] });
    expect((await cli('sources', 'recheck', 'calm')).stdout).toBe('  calm: the next run checks it\n');
    // a rate limit the server showed with a 429 is its manners: kept, and said so
    const store = await openStore(project.database.target);
    await store.db.updateTable('sources').set({ rate_limit_seconds: 2_280, rate_limit_at: new Date().toISOString() }).where('id', '=', 'calm').execute();
    await store.close();
    expect((await cli('sources', 'recheck', 'calm')).stdout).toBe("  calm: the next run checks it; kept the server's rate limit, shown by a 429: no two checks within 38 min\n");
    expect(JSON.parse((await cli('sources', 'recheck', 'calm', '--json')).stdout).sources[0].keptRateLimitSeconds).toBe(2_280);
    expect((await health()).calm).toMatchObject({ nextCheckAt: null, status: 'ok' });

    await expect(cli('sources', 'recheck', 'calm', 'nope')).rejects.toThrow(`<source-id>: no source "nope" in pipeline recheck (it has busy, busy-twin, calm; \`pausewatch sources ${project.shownFlags}\` lists them)`);
    // nothing cleared when one id is wrong
    await cli('run', '--quiet');
    const scheduled = (await health()).calm!.nextCheckAt;
    await cli('sources', 'recheck', 'calm', 'nope').catch(() => {});
    expect((await health()).calm!.nextCheckAt).toBe(scheduled);
  });

  it('history lists a source\'s checks newest first, with outcome, status, new items and error, in a table and in --json', async () => {
    await cli('run', '--quiet');
    outlet.busy = false;
    await cli('sources', 'recheck', 'busy');
    await cli('run', '--quiet');

    const json = JSON.parse((await cli('sources', 'history', 'busy', '--json')).stdout);
    expect(json).toEqual([
      expect.objectContaining({ outcome: 'ok', httpStatus: 200, newItems: 2, errorCode: null, url: `${project.server.url}/busy.xml` }),
      expect.objectContaining({ outcome: 'failed', httpStatus: 429, newItems: 0, errorCode: 'http_429', errorMessage: expect.stringContaining('429') }),
    ]);
    expect(json[0].startedAt >= json[1].startedAt).toBe(true);
    expect(JSON.parse((await cli('sources', 'history', 'busy', '--json', '--limit', '1')).stdout)).toHaveLength(1);

    const text = (await cli('sources', 'history', 'busy')).stdout.split('\n');
    expect(text[0]).toMatch(/^started \(UTC\) +outcome +HTTP +new +secs$/);
    expect(text[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d +ok +200 +2 +\d+\.\d$/);
    expect(text[2]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d +failed +429 +0 +\d+\.\d$/);
    // the error on a line of its own under its check
    expect(text[3]).toMatch(/^ {4}error: http_429: .*429/);
    expect(text[4]).toMatch(/^2 checks from .* to .* UTC: 1 ok, 1 failed$/);

    await expect(cli('sources', 'history', 'nope')).rejects.toThrow('<source-id>: no source "nope" in pipeline recheck');
    await expect(cli('sources', 'history', 'busy', '--limit', '0')).rejects.toThrow('--limit: expected a positive whole number, found "0"');
  });
});
