import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoveryStatus, registerSourcesAdd } from '../../src/cli/commands/sources-add.ts';
import { startServer } from '../helpers/http-server.ts';
import { runCommands } from '../helpers/in-process-cli.ts';
import { statusLines, terminalStream } from '../helpers/terminal-stream.ts';

/** The status line of `pausewatch sources add` names the host discovery is waiting on, and why, as `run`'s does. */

const rss = (id: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire ${id}</title><item><title>Labs weigh a pause ${id}</title><guid>${id}</guid>` +
  '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';

const homePage =
  '<html><head><link rel="alternate" type="application/rss+xml" href="/one.xml"><link rel="alternate" type="application/rss+xml" href="/two.xml"></head></html>';

describe('pausewatch sources add on a terminal, while a host holds requests back', () => {
  let root: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  /** Requests for the two feeds, the page's not counted. */
  let feedRequests = 0;

  beforeEach(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-sources-add-waits-'));
    feedRequests = 0;
    // The first feed asked for answers 429 with a pause of 2 s, which the queue waits out for the other one.
    const feed = (id: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
      ++feedRequests === 1 ? res.writeHead(429, { 'retry-after': '2' }).end() : res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(id));
    server = await startServer({
      '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(homePage),
      '/one.xml': feed('one'),
      '/two.xml': feed('two'),
    });
  });
  afterEach(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  const write = (fetch: object) => {
    const pipeline = {
      id: 'waits', name: 'Waits', sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }],
      topic: { description: 'The pause', proposalTerms: ['pause'], contextTerms: ['frontier AI'] },
      fetch: { perHostConcurrency: 1, timeoutMs: 5_000, ...fetch },
    };
    writeFileSync(path.join(root, 'pipeline.ts'), `export default ${JSON.stringify(pipeline, null, 2)};\n`);
  };
  /**
   * `pausewatch sources add --dry-run` of the server's home page in this process, its stderr a terminal (wide enough for
   * the whole line) or not.
   */
  const sourcesAdd = async (args: string[] = [], tty = true) => {
    const was = { isTTY: process.stderr.isTTY, columns: process.stderr.columns };
    Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true });
    Object.defineProperty(process.stderr, 'columns', { value: tty ? 160 : undefined, configurable: true });
    try {
      return await runCommands([registerSourcesAdd], ['sources', 'add', '--dry-run', `${server.url}/`, ...args, '--pipeline', path.join(root, 'pipeline.ts')]);
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', { value: was.isTTY, configurable: true });
      Object.defineProperty(process.stderr, 'columns', { value: was.columns, configurable: true });
    }
  };
  const host = () => new URL(server.url).host;
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('names the host that answered 429 with Retry-After: 2 and the time left, on stderr, on the one status line', async () => {
    write({ perHostGapMs: 0 });
    const { stdout, stderr } = await sourcesAdd();
    expect(feedRequests).toBe(2);
    const waiting = statusLines(stderr).filter((line) => line.includes('waiting'));
    expect(waiting.length).toBeGreaterThan(0);
    for (const line of waiting) expect(line).toMatch(new RegExp(`^sources add: waiting [12] s for ${escaped(host())} \\(asked by 429\\) · trying feed links [01]/2( \\(1 failed\\))?$`));
    // the wait is over: the line goes back to the counter, then is cleared
    expect(statusLines(stderr).at(-2)).toBe('sources add: trying feed links 2/2 (1 failed)');
    expect(stderr.endsWith('\r\u001b[K')).toBe(true);
    // the feed that waited was found; the listing on stdout says nothing of the wait
    expect(stdout).toContain(`${server.url}/two.xml`);
    expect(stdout).not.toContain('waiting');
  });

  it('names the per-host gap when that is what holds a request back', async () => {
    write({ perHostGapMs: 1_500 });
    feedRequests = 1; // no 429 this time
    const { stderr } = await sourcesAdd();
    expect(statusLines(stderr).filter((line) => line.includes('waiting'))).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^sources add: waiting [12] s for ${escaped(host())} \\(fetch\\.perHostGapMs\\) · trying feed links [01]/2$`))]),
    );
  });

  it('says nothing of it with --quiet', async () => {
    write({ perHostGapMs: 0 });
    const quiet = await sourcesAdd(['--quiet']);
    expect(feedRequests).toBe(2);
    expect(quiet.stderr + quiet.stdout).not.toContain('waiting');
  });

  it('says nothing of it under --json, whose stdout stays one JSON document', async () => {
    write({ perHostGapMs: 0 });
    const json = await sourcesAdd(['--json']);
    expect(feedRequests).toBe(2);
    expect(json.stderr + json.stdout).not.toContain('waiting');
    expect(JSON.parse(json.stdout).feeds.map((feed: { url: string }) => feed.url)).toEqual([`${server.url}/two.xml`]);
  });

  it('says nothing of it when stderr is not a terminal', async () => {
    write({ perHostGapMs: 0 });
    const { stderr } = await sourcesAdd([], false);
    expect(feedRequests).toBe(2);
    expect(stderr).not.toContain('waiting');
    expect(stderr).not.toContain('\r');
  });
});

describe('the status line of sources add', () => {
  it('cuts a long host name and strips its control characters, keeping the reason, within the terminal width', () => {
    for (const columns of [120, 80, 60, 50]) {
      const { stream, lines, written } = terminalStream(columns);
      const status = discoveryStatus(stream, true);
      status.event({ type: 'page', url: 'https://outlet.example/' });
      const now = Date.now();
      const host = `\u001b]0;owned\u0007${'very-long-subdomain.'.repeat(20)}news.example.org\u009b31m`;
      const wait = { host, from: now, until: now + 4_000, askedBy: 503 };
      status.waits!.waitStarted(wait);
      const line = lines().at(-1)!;
      expect(line.length).toBeLessThanOrEqual(columns - 1);
      // the escape sequences' printable rest is harmless text; the host is cut first, to no less than 12 characters,
      // which leaves the reason no room under 57 columns
      expect(line).toMatch(columns >= 57 ? /^sources add: waiting [34] s for \]0;ownedvery-[\w.-]*… \(asked by 503\)/ : /^sources add: waiting [34] s for \]0;ownedver…/);
      // on a wide terminal what discovery is doing follows; a narrow one cuts that, not the wait
      if (columns >= 120) expect(line).toMatch(/… \(asked by 503\) · fetching https:\/\/outlet\.example\/$/);
      // nothing but the status line's own \r and erase-line reaches the terminal
      expect(written().replaceAll('\u001b[K', '').replaceAll('\r', '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      status.waits!.waitEnded(wait);
      expect(lines().at(-1)).toBe('sources add: fetching https://outlet.example/');
      status.finish();
    }
  });

  it('names the wait that ends last, counts the other hosts, leaves out waits under a second, and draws nothing once finished', () => {
    const { stream, lines } = terminalStream(160);
    const status = discoveryStatus(stream, true);
    status.event({ type: 'candidates', via: 'link', urls: ['https://a.example/feed', 'https://b.example/feed'], skipped: 0 });
    const now = Date.now();
    const short = { host: 'a.example', from: now, until: now + 500, askedBy: null };
    status.waits!.waitStarted(short);
    expect(lines().at(-1)).toBe('sources add: trying feed links 0/2');
    const gap = { host: 'b.example', from: now, until: now + 1_500, askedBy: null };
    const asked = { host: 'c.example:8080', from: now, until: now + 3_000, askedBy: 429 };
    status.waits!.waitStarted(gap);
    expect(lines().at(-1)).toBe('sources add: waiting 2 s for b.example (fetch.perHostGapMs) · trying feed links 0/2');
    status.waits!.waitStarted(asked);
    expect(lines().at(-1)).toBe('sources add: waiting 3 s for c.example:8080 (asked by 429; 1 more host waiting) · trying feed links 0/2');
    status.waits!.waitEnded(asked);
    status.waits!.waitEnded(short);
    expect(lines().at(-1)).toBe('sources add: waiting 2 s for b.example (fetch.perHostGapMs) · trying feed links 0/2');
    status.finish();
    // told after discovery finished (a request still queued at its time limit): nothing more is drawn
    status.waits!.waitEnded(gap);
    status.waits!.waitStarted({ host: 'd.example', from: now, until: now + 3_000, askedBy: 503 });
    expect(lines().at(-1)).toBe('');
  });

  it('watches no waits when the line is not shown', () => {
    const { stream, written } = terminalStream(80);
    const status = discoveryStatus(stream, false);
    expect(status.waits).toBeUndefined();
    status.event({ type: 'page', url: 'https://outlet.example/' });
    status.finish();
    expect(written()).toBe('');
  });
});
