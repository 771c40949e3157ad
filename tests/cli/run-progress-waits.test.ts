import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { terminalProgress } from '../../src/cli/progress.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';
import { statusLines, terminalStream } from '../helpers/terminal-stream.ts';

/** The status line of `pausewatch run` names the host a run is waiting on, and why, while the wait lasts. */

const rss = (id: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire ${id}</title><item><title>Labs weigh a pause ${id}</title><guid>${id}</guid>` +
  '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';

describe('pausewatch run on a terminal, while a host holds requests back', () => {
  let project: TempProject;
  let requests = 0;

  beforeEach(async () => {
    requests = 0;
    // The first request asks for a pause of 2 s, which the queue waits out for the next one.
    const answer = (id: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
      ++requests === 1 ? res.writeHead(429, { 'retry-after': '2' }).end() : res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(id));
    project = await tempProject({ name: 'progress-waits', database: freshSqlite, commands: [registerRun], routes: { '/one.xml': answer('one'), '/two.xml': answer('two') } });
  });
  afterEach(() => project.remove());

  const write = (fetch: object) => {
    const sources = ['one', 'two'].map((id) => ({ id, kind: 'feed', name: id, url: `${project.server.url}/${id}.xml`, fetchArticles: false }));
    project.writePipeline(pipelineDefinition({ id: 'waits', name: 'Waits', sources, fetch: { allowPrivateAddresses: true, perHostConcurrency: 1, timeoutMs: 5_000, ...fetch } }));
  };
  /** `pausewatch run` in this process, its stderr a terminal. */
  const run = async (...args: string[]) => {
    const wasTty = process.stderr.isTTY;
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      return await project.cli('run', ...args);
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', { value: wasTty, configurable: true });
    }
  };
  const host = () => new URL(project.server.url).host;

  it('names the host that answered 429 with Retry-After: 2 and the time left, on stderr, on the one status line', async () => {
    write({ perHostGapMs: 0 });
    const { stdout, stderr } = await run();
    expect(requests).toBe(2);
    const waiting = statusLines(stderr).filter((line) => line.includes('waiting'));
    expect(waiting.length).toBeGreaterThan(0);
    for (const line of waiting) expect(line).toMatch(new RegExp(`^waiting [12] s for ${host().replaceAll('.', '\\.')} \\(asked by 429\\) · sources [01]/2 `));
    // the wait is over: the line goes back to the counts, then is cleared
    expect(statusLines(stderr).at(-2)).toBe('sources 2/2 (1 failed) · articles processed 1');
    expect(stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(stdout).not.toContain('waiting');
  });

  it('names the per-host gap when that is what holds a request back', async () => {
    write({ perHostGapMs: 1_500 });
    requests = 1; // no 429 this time
    const { stderr } = await run();
    expect(statusLines(stderr).filter((line) => line.includes('waiting'))).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^waiting [12] s for ${host().replaceAll('.', '\\.')} \\(fetch\\.perHostGapMs\\) · sources [01]/2 `))]),
    );
  });

  it('says nothing of it with --quiet', async () => {
    write({ perHostGapMs: 0 });
    const quiet = await run('--quiet');
    expect(requests).toBe(2);
    expect(quiet.stderr + quiet.stdout).not.toContain('waiting');
  });

  it('says nothing of it under --json, whose stdout stays one JSON document', async () => {
    write({ perHostGapMs: 0 });
    const json = await run('--json');
    expect(requests).toBe(2);
    expect(json.stderr + json.stdout).not.toContain('waiting');
    expect(JSON.parse(json.stdout).sources.map((source: { outcome: string }) => source.outcome).sort()).toEqual(['failed', 'ok']);
  });
});

describe('the status line of a run', () => {
  it('keeps a line of wide characters (a Chinese host name) within the terminal width as the terminal counts columns', () => {
    for (const columns of [80, 50]) {
      const { stream, lines } = terminalStream(columns);
      const progress = terminalProgress(stream, 12);
      const now = Date.now();
      const wait = { host: `${'新闻频道'.repeat(12)}.例子.中国`, from: now, until: now + 4_000, askedBy: 503 };
      progress.waits.waitStarted(wait);
      const line = lines().at(-1)!;
      // a line wider than the terminal wraps, and the next \r rewrites only its last row
      expect(stringWidth(line)).toBeLessThanOrEqual(columns - 1);
      expect(line).toMatch(/^waiting [34] s for 新闻频道/);
      progress.waits.waitEnded(wait);
      progress.finish();
    }
  });

  it('cuts a long host name and strips its control characters, keeping the reason, within the terminal width', () => {
    for (const columns of [120, 80, 50]) {
      const { stream, lines, written } = terminalStream(columns);
      const progress = terminalProgress(stream, 12);
      const now = Date.now();
      const host = `\u001b]0;owned\u0007${'very-long-subdomain.'.repeat(20)}news.example.org\u009b31m`;
      const wait = { host, from: now, until: now + 4_000, askedBy: 503 };
      progress.waits.waitStarted(wait);
      const line = lines().at(-1)!;
      expect(line.length).toBeLessThanOrEqual(columns - 1);
      // the escape sequences' printable rest is harmless text
      expect(line).toMatch(/^waiting [34] s for \]0;ownedvery-[\w.-]*… \(asked by 503\)/);
      // on a wide terminal the counts follow; a narrow one cuts them, not the wait
      if (columns >= 120) expect(line).toMatch(/… \(asked by 503\) · sources 0\/12 · articles processed 0$/);
      // nothing but the status line's own \r and erase-line reaches the terminal
      expect(written().replaceAll('\u001b[K', '').replaceAll('\r', '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
      progress.waits.waitEnded(wait);
      expect(lines().at(-1)).toBe('sources 0/12 · articles processed 0');
      progress.finish();
    }
  });

  it('names the wait that ends last, counts the other hosts, and leaves out waits under a second', () => {
    const { stream, lines } = terminalStream(160);
    const progress = terminalProgress(stream, 3);
    const now = Date.now();
    const short = { host: 'a.example', from: now, until: now + 500, askedBy: null };
    progress.waits.waitStarted(short);
    expect(lines().at(-1)).toBe('sources 0/3 · articles processed 0');
    const gap = { host: 'b.example', from: now, until: now + 1_500, askedBy: null };
    const asked = { host: 'c.example:8080', from: now, until: now + 3_000, askedBy: 429 };
    progress.waits.waitStarted(gap);
    expect(lines().at(-1)).toBe('waiting 2 s for b.example (fetch.perHostGapMs) · sources 0/3 · articles processed 0');
    progress.waits.waitStarted(asked);
    expect(lines().at(-1)).toBe('waiting 3 s for c.example:8080 (asked by 429; 1 more host waiting) · sources 0/3 · articles processed 0');
    progress.waits.waitEnded(asked);
    progress.waits.waitEnded(short);
    expect(lines().at(-1)).toBe('waiting 2 s for b.example (fetch.perHostGapMs) · sources 0/3 · articles processed 0');
    progress.finish();
    // told after the run finished: nothing more is drawn
    progress.waits.waitEnded(gap);
    expect(lines().at(-1)).toBe('');
  });
});
