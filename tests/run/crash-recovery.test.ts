import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { loadPipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { RunStop } from '../../src/run/run-stop.ts';
import { digestTempFile } from '../../src/run/write-digest.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';

const bin = path.resolve(import.meta.dirname, '../../src/cli/bin.cjs');

const TITLES = ['Labs weigh a verified pause of frontier AI', 'Senators back a moratorium on frontier AI training'];

/** Two articles' text, far enough apart not to be taken for copies of one another. */
const ARTICLE_TEXTS = [
  '<p>Leading AI labs should agree to a coordinated, verified pause of frontier AI development, a report published today says.</p>' +
    '<p>A moratorium that only one lab observes would hand the lead to its competitors, which is why the pause has to be global.</p>' +
    '<p>Inspectors could check compute usage at the largest data centres and report to a joint body, its authors write.</p>',
  '<p>Three senators introduced a bill on Tuesday that would put a moratorium on training frontier AI models above a compute threshold.</p>' +
    '<p>The sponsors argue that a pause gives regulators time to write safety standards before the next generation of systems.</p>' +
    '<p>Industry groups said the measure would push research overseas, and promised to fight it in committee next month.</p>',
];

/** A feed of two recent items on the test's server, each linking to its page there. */
function feed(base: string): string {
  const published = new Date(Date.now() - 3_600_000).toUTCString();
  const items = TITLES.map(
    (title, i) => `<item><title>${title}</title><link>${base}/a/${i}</link><guid>item-${i}</guid><pubDate>${published}</pubDate></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Policy Wire</title><link>${base}/</link>${items.join('')}</channel></rss>`;
}

interface Child {
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr holds `text`; never, if it does not. */
  saysOnStderr(text: string): Promise<void>;
  stdout(): string;
  kill(signal: NodeJS.Signals): void;
}

/**
 * A server of a feed, its pages and a webhook that notes the article of each alert. Page and webhook requests can be
 * held (left unanswered) while the test does something to the run that made them.
 */
async function newsServer() {
  let holdPages = false;
  let holdHooks = false;
  const held: http.ServerResponse[] = [];
  const heldWaiters: (() => void)[] = [];
  const hooksReceived: number[] = [];
  const hold = (res: http.ServerResponse) => {
    held.push(res);
    heldWaiters.splice(0).forEach((wake) => wake());
  };
  const server = await startServer({
    '/feed.xml': (req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(`http://${req.headers.host}`)),
    ...Object.fromEntries(
      TITLES.map((title, i) => [
        `/a/${i}`,
        (_req: http.IncomingMessage, res: http.ServerResponse) => {
          if (holdPages) return hold(res);
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<html><head><title>${title}</title></head><body><article><h1>${title}</h1>${ARTICLE_TEXTS[i]}</article></body></html>`);
        },
      ]),
    ),
    '/hook': (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        hooksReceived.push((JSON.parse(body) as { articleId: number }).articleId);
        if (holdHooks) return hold(res);
        res.writeHead(200).end();
      });
    },
  });
  return {
    server,
    hooksReceived,
    holdPages: (on: boolean) => (holdPages = on),
    holdHooks: (on: boolean) => (holdHooks = on),
    /** Resolves once a request is held. */
    requestHeld: () => new Promise<void>((resolve) => (held.length > 0 ? resolve() : heldWaiters.push(resolve))),
    /** Answers every request held with an empty 200. */
    releaseHeld: () => held.splice(0).forEach((res) => res.writeHead(200).end()),
  };
}

describe.each(dialects)('a run stopped midway, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let root: string;
  let news: Awaited<ReturnType<typeof newsServer>>;

  beforeEach(async () => {
    database = await fresh();
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-crash-'));
    news = await newsServer();
    writeFileSync(path.join(root, 'package.json'), '{ "private": true }\n');
  });
  afterEach(async () => {
    news?.releaseHeld();
    await news?.server.close();
    await database?.drop();
    rmSync(root, { recursive: true, force: true });
  });

  function writePipeline(channels: object[]): void {
    const pipeline = {
      id: 'crash',
      name: 'Crash',
      sources: [{ id: 'wire', kind: 'feed', name: 'Policy Wire', url: `${news.server.url}/feed.xml`, fetchArticles: true }],
      topic: { description: 'The pause', proposalTerms: ['pause', 'moratorium'], contextTerms: ['frontier AI', 'AI labs'] },
      fetch: { allowPrivateAddresses: true, perHostGapMs: 0, timeoutMs: 10_000 },
      digest: { dir: 'digests', timeZone: 'UTC' },
      alerts: { channels },
    };
    writeFileSync(path.join(root, 'pipeline.ts'), `export default ${JSON.stringify(pipeline, null, 2)};\n`);
  }

  /** `pausewatch run` in a process of its own, as cron starts it. */
  function startRun(...flags: string[]): Child {
    const child = spawn(process.execPath, [bin, 'run', '--quiet', ...flags, '--pipeline', 'pipeline.ts', '--database', database.target], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const stderrWaiters: (() => void)[] = [];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      stderrWaiters.splice(0).forEach((wake) => wake());
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    return {
      exited,
      async saysOnStderr(text) {
        while (!stderr.includes(text)) await new Promise<void>((resolve) => stderrWaiters.push(resolve));
      },
      stdout: () => stdout,
      kill: (signal) => child.kill(signal),
    };
  }

  async function storedTitles(): Promise<string[]> {
    const store = await openStore(database.target, { mustExist: true });
    try {
      const rows = await store.db.selectFrom('articles').select('title').orderBy('title').execute();
      return rows.map((row) => row.title ?? '');
    } finally {
      await store.close();
    }
  }

  it('killed while fetching its pages, it leaves the feed due: the next run stores the articles and lists them in the digest', async () => {
    writePipeline([]);
    news.holdPages(true);
    const killed = startRun();
    await news.requestHeld();
    killed.kill('SIGKILL');
    expect(await killed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await storedTitles()).toEqual([]);

    news.holdPages(false);
    // as cron runs it: without --all, so a feed recorded as checked would be skipped as not due
    const next = startRun('--json');
    expect((await next.exited).code).toBe(0);
    const report = JSON.parse(next.stdout()) as { articlesAdded: number; digestPaths: string[] };
    expect(report.articlesAdded).toBe(2);
    expect(await storedTitles()).toEqual([...TITLES].sort());
    const digest = readFileSync(report.digestPaths.find((file) => file.endsWith('.md'))!, 'utf8');
    for (const title of TITLES) expect(digest).toContain(title);
  });

  it('killed before writing its digest, the day it stored articles in gets its digest from the next run, even a day later', async () => {
    writePipeline([{ type: 'webhook', id: 'newsroom', url: `${news.server.url}/hook` }]);
    news.holdHooks(true);
    const killed = startRun();
    // the articles are stored and their alerts queued: the run is delivering, the digest comes after
    await news.requestHeld();
    killed.kill('SIGKILL');
    expect(await killed.exited).toEqual({ code: null, signal: 'SIGKILL' });
    news.holdHooks(false);
    news.releaseHeld();
    expect(await storedTitles()).toEqual([...TITLES].sort());
    const storedOn = new Date().toISOString().slice(0, 10);

    // the next morning's run, in this process with its clock a day on
    const loaded = await loadPipeline(path.join(root, 'pipeline.ts'));
    const store = await openStore(database.target);
    try {
      const tomorrow = new Date(Date.now() + 86_400_000);
      const channels = createChannels(loaded.pipeline.alerts, root, new PassThrough());
      const report = await runPipeline({ loaded, store, channels, now: () => tomorrow, random: () => 0.5 });
      expect(report.digestPaths).toContain(path.join(root, 'digests', `${storedOn}.md`));
    } finally {
      await store.close();
    }
    const digest = readFileSync(path.join(root, 'digests', `${storedOn}.md`), 'utf8');
    for (const title of TITLES) expect(digest).toContain(title);
  });

  it('sent SIGTERM while a webhook takes an alert, it sees that delivery through and exits 143; the next run does not send it again', async () => {
    writePipeline([{ type: 'webhook', id: 'newsroom', url: `${news.server.url}/hook` }]);
    news.holdHooks(true);
    const interrupted = startRun();
    await news.requestHeld();
    interrupted.kill('SIGTERM');
    // The run must wait for the webhook's answer: exiting first would leave the alert, received, still to send.
    const waits = await Promise.race([
      interrupted.saysOnStderr('finishing the delivery of an alert to webhook "newsroom" first').then(() => true),
      interrupted.exited.then(() => false),
    ]);
    expect(waits).toBe(true);
    news.holdHooks(false);
    news.releaseHeld();
    expect(await interrupted.exited).toEqual({ code: 143, signal: null });
    expect(news.hooksReceived).toHaveLength(1);

    const next = startRun('--all');
    expect((await next.exited).code).toBe(0);
    // each article's alert reached the webhook once: the one in flight, then the one the stop held back
    expect(news.hooksReceived).toHaveLength(2);
    expect(new Set(news.hooksReceived).size).toBe(2);
  });

  it('asked to stop while writing a digest, it finishes that digest before the stop is done', async () => {
    writePipeline([]);
    const at = new Date();
    const day = at.toISOString().slice(0, 10);
    const markdownFile = path.join(root, 'digests', `${day}.md`);
    const jsonFile = path.join(root, 'digests', `${day}.json`);
    mkdirSync(path.dirname(markdownFile));
    // The file the Markdown is written to before it is renamed into place is a named pipe: opening it to write waits
    // until this test opens it to read, so the stop is asked while the digest is under way. (Once both ends are open,
    // a digest smaller than the pipe's buffer would be written whole at once, so the stop must come first.)
    const markdownBeingWritten = digestTempFile(markdownFile);
    execFileSync('mkfifo', [markdownBeingWritten]);
    const loaded = await loadPipeline(path.join(root, 'pipeline.ts'));
    const store = await openStore(database.target);
    try {
      const stop = new RunStop();
      const run = runPipeline({ loaded, store, channels: [], now: () => at, stop }).catch(() => {});
      while (stop.underWay().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(stop.underWay()).toEqual([`the digest of ${day}`]);
      const stopped = stop.request('interrupted by SIGTERM').then(() => ({ markdown: existsSync(markdownFile), json: JSON.parse(readFileSync(jsonFile, 'utf8')) as { date: string } }));
      // nothing of the digest is in place while it is written
      expect(existsSync(markdownFile)).toBe(false);
      const markdown = (await createReadStream(markdownBeingWritten, 'utf8').toArray()).join('');
      // the stop is done once the digest is whole: its Markdown, then its JSON, each in place
      expect(await stopped).toEqual({ markdown: true, json: expect.objectContaining({ date: day }) });
      for (const title of TITLES) expect(markdown).toContain(title);
      await run;
    } finally {
      await store.close();
    }
  });
});
