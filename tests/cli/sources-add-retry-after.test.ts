import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerFeed } from '../../src/cli/commands/feed.ts';
import { registerSourcesAdd } from '../../src/cli/commands/sources-add.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * `sources add` on an outlet that answers 429 or 503 says how long the server asks to be left alone (Retry-After), in
 * the words `feed` uses: someone adding a source needs to know when to try again more than the status.
 */

describe('sources add and a server that asks to wait', () => {
  let project: TempProject;

  /** A second host (another port), whose feed answers 503 with Retry-After: its wait does not hold back the first. */
  let other: Awaited<ReturnType<typeof startServer>>;
  let sectionPage = '';

  beforeEach(async () => {
    other = await startServer({ '/down.xml': (_req, res) => res.writeHead(503, { 'retry-after': '120' }).end() });
    sectionPage =
      '<html><head><link rel="alternate" type="application/rss+xml" href="/site/busy.xml">' +
      `<link rel="alternate" type="application/rss+xml" href="${other.url}/down.xml"></head></html>`;
    project = await tempProject({
      name: 'sources-add-retry-after',
      database: freshSqlite,
      commands: [registerFeed, registerSourcesAdd],
      routes: {
        '/429': (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end(),
        // a 404 a gateway adds a Retry-After to: no wait asked
        '/404': (_req, res) => res.writeHead(404, { 'retry-after': '3600' }).end(),
        '/busy/': (_req, res) => res.writeHead(503, { 'retry-after': '120' }).end(),
        // the home page too, where discovery would otherwise go on to the common feed paths
        '/': (_req, res) => res.writeHead(429, { 'retry-after': '600' }).end(),
        // a section page whose feed link answers 429; its other link is on another server (see below)
        '/site/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(sectionPage),
        '/site/busy.xml': (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end(),
      },
    });
    project.writePipeline(pipelineDefinition({ id: 'waits', name: 'Waits', sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }], fetch: localFetch }));
  });
  afterEach(async () => {
    await project.remove();
    await other.close();
  });

  /** The time a Retry-After names, as fetchFailureText writes it: the same text whichever second the command ran in. */
  const anyTime = (text: string) => text.replace(/until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'until <time>');

  it('prints the wait a 429 or 503 asks for, as `feed` does', async () => {
    for (const [route, seconds] of [['/429', 3600], ['/busy/', 120]] as const) {
      const url = `${project.server.url}${route}`;
      const started = Date.now();
      const added = await project.cli('sources', 'add', url, '--dry-run');
      expect(added.code).toBe(1);
      expect(added.stdout).toBe('');
      const [first] = added.stderr.split('\n');
      expect(first).toMatch(new RegExp(`^cannot fetch ${url}: HTTP \\d{3} from ${url}; the server asks to wait ${seconds} s \\(Retry-After\\), until \\S+Z$`));
      const until = Date.parse(/until (\S+)$/.exec(first!)![1]!);
      expect(until).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 + seconds * 1000);
      expect(until).toBeLessThanOrEqual(Date.now() + seconds * 1000);

      const feed = await project.cli('feed', url);
      expect(anyTime(first!)).toBe(anyTime(feed.stderr.trimEnd()));
    }
  });

  it('says no wait for a 404 that carries a Retry-After, as runs take none from it', async () => {
    const url = `${project.server.url}/404`;
    for (const command of [['sources', 'add', url, '--dry-run'], ['feed', url]]) {
      const { code, stderr } = await project.cli(...command);
      expect(code).toBe(1);
      expect(stderr).toMatch(/HTTP 404/);
      expect(stderr).not.toMatch(/asks to wait/);
    }
    const json = JSON.parse((await project.cli('sources', 'add', url, '--dry-run', '--json')).stdout);
    expect(json).toMatchObject({ retryAfterSeconds: null, retryAfterUntil: null });
  });

  it('prints it for a home page too, and sends the common feed paths nothing while the server asks to wait', async () => {
    const url = `${project.server.url}/`;
    const added = await project.cli('sources', 'add', url, '--dry-run');
    expect(added.code).toBe(1);
    // after a line for each common path held back, as it was
    expect(anyTime(added.stderr)).toContain(`\ncannot fetch ${url}: HTTP 429 from ${url}; the server asks to wait 600 s (Retry-After), until <time>\n`);
    expect([...project.server.hits.keys()]).toEqual(['/']);
  });

  /** A Retry-After's end as printed or in --json, checked against when the command ran: `seconds` after its answer. */
  const expectUntil = (until: string, seconds: number, started: number) => {
    expect(until).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Date.parse(until)).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 + seconds * 1000);
    expect(Date.parse(until)).toBeLessThanOrEqual(Date.now() + seconds * 1000);
  };

  it('says when to try a feed link again that answers 429 or 503 with Retry-After, as it goes and under --quiet', async () => {
    const page = `${project.server.url}/site/`;
    const busy = `${project.server.url}/site/busy.xml`;
    const down = `${other.url}/down.xml`;
    for (const quiet of [false, true]) {
      const started = Date.now();
      const added = await project.cli('sources', 'add', page, '--dry-run', ...(quiet ? ['--quiet'] : []));
      expect(added.code).toBe(1);
      const word = quiet ? 'tried' : 'skipped';
      for (const [url, status, seconds] of [[busy, 429, 3600], [down, 503, 120]] as const) {
        const line = added.stderr.split('\n').find((l) => l.startsWith(`  ${word} ${url}: `));
        expect(line, added.stderr).toMatch(new RegExp(`^  ${word} \\S+: HTTP ${status} from \\S+; the server asks to wait ${seconds} s \\(Retry-After\\), until (\\S+Z)$`));
        expectUntil(/until (\S+)$/.exec(line!)![1]!, seconds, started);
      }
      // the common paths below the section are held back while the 429's wait runs: their reason says until when
      // already, and is not followed by the same wait again
      const heldBack = added.stderr.split('\n').filter((l) => l.startsWith(`  ${word} ${project.server.url}/site/feed: `));
      expect(heldBack.length, added.stderr).toBe(1);
      expect(heldBack[0]).toMatch(/not requested: .*asked to wait until \S+Z\)$/);
    }
  });

  it('gives the wait in --json: retryAfterSeconds and retryAfterUntil for each candidate, and for a page that answered so', async () => {
    const started = Date.now();
    const added = await project.cli('sources', 'add', `${project.server.url}/site/`, '--dry-run', '--json');
    expect(added.code).toBe(1);
    type Rejected = { url: string; reason: string; retryAfterSeconds: number | null; retryAfterUntil: string | null };
    const json = JSON.parse(added.stdout) as { rejected: Rejected[]; error: string | null; retryAfterSeconds: number | null; retryAfterUntil: string | null };
    // the page answered: nothing to wait for there
    expect(json).toMatchObject({ error: null, retryAfterSeconds: null, retryAfterUntil: null });
    const byUrl = new Map(json.rejected.map((r) => [r.url, r]));
    for (const [url, seconds] of [[`${project.server.url}/site/busy.xml`, 3600], [`${other.url}/down.xml`, 120]] as const) {
      expect(byUrl.get(url)?.retryAfterSeconds, url).toBe(seconds);
      expectUntil(byUrl.get(url)!.retryAfterUntil!, seconds, started);
    }
    // held back by the 429's wait: the time left of it, ending when it does
    const heldBack = byUrl.get(`${project.server.url}/site/feed`)!;
    expect(heldBack.reason).toMatch(/^not requested: /);
    expect(heldBack.retryAfterSeconds).toBeGreaterThan(3500);
    expect(Date.parse(heldBack.retryAfterUntil!)).toBeLessThanOrEqual(Date.parse(byUrl.get(`${project.server.url}/site/busy.xml`)!.retryAfterUntil!) + 1000);
    // a candidate that failed otherwise has no wait: the fields are there, null
    for (const r of json.rejected.filter((r) => !r.url.startsWith(project.server.url) && r.url !== `${other.url}/down.xml`)) expect(r).toMatchObject({ retryAfterSeconds: null });

    const home = await project.cli('sources', 'add', `${project.server.url}/`, '--dry-run', '--json');
    expect(home.code).toBe(1);
    const failed = JSON.parse(home.stdout) as { error: string; errorCode: string; retryAfterSeconds: number; retryAfterUntil: string; rejected: Rejected[] };
    expect(failed).toMatchObject({ errorCode: 'http_429', retryAfterSeconds: 600 });
    expectUntil(failed.retryAfterUntil, 600, started);
    expect(failed.rejected.find((r) => r.url === `${project.server.url}/`)).toMatchObject({ retryAfterSeconds: 600, retryAfterUntil: failed.retryAfterUntil });
  });
});
