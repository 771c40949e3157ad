import { afterEach, describe, expect, it } from 'vitest';
import { terminalProgress } from '../../src/cli/progress.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { terminalStream } from '../helpers/terminal-stream.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const feed = (id: string, delayMs: number): Route => (req, res) =>
  setTimeout(
    () =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rssFeed(id, [{ guid: `${id}-1`, title: `${id}: council weighs the budget`, link: `http://${req.headers.host}/${id}/1`, pubDate: 'Wed, 10 Jun 2026 18:00:00 GMT' }])),
    delayMs,
  );

/**
 * Sources are stored in the pipeline file's order: while the first is still fetched, those after it that have read
 * their feeds wait, and the status line says so, rather than count only the failed ones as done.
 */
describe('the status line of a run', () => {
  it('counts the sources fetched and waiting for their turn to store, until they are stored', async () => {
    const server = await startServer({ '/slow.xml': feed('slow', 500), '/fast.xml': feed('fast', 0), '/broken.xml': (_req, res) => res.writeHead(500).end() });
    cleanups.push(() => server.close());
    const sources = ['slow', 'fast', 'broken'].map((id) => ({ id, kind: 'feed' as const, name: id, url: `${server.url}/${id}.xml`, fetchArticles: false }));
    const { store, loaded } = await feedRunProject(cleanups, 'progress-fetched', sources, { fetch: { perHostConcurrency: 3 } });
    const terminal = terminalStream(120);
    const progress = terminalProgress(terminal.stream, 3);
    await runPipeline({ loaded, store, channels: [], progress, now: () => new Date('2026-06-10T20:00:00.000Z'), random: () => 0.5 });
    progress.finish();
    const lines = terminal.lines();
    expect(lines).toContain('sources 1/3 (1 failed) · 1 fetched, to store · articles processed 0');
    // stored, it is counted as done, not as waiting any more
    expect(lines.at(-2)).toBe('sources 3/3 (1 failed) · articles processed 2');
  });
});
