import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../src/config/index.ts';
import { runPipeline, storeTurns } from '../../src/run/run-pipeline.ts';
import { RunStop, RunStoppedError } from '../../src/run/run-stop.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer, type Route } from '../helpers/http-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NOW = new Date('2026-06-10T20:00:00.000Z');

/** `count` distinct items (a title and a few sentences each), dated an hour apart so they store in this order. */
function items(feed: string, base: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    guid: `${feed}-${i}`,
    title: `${feed} report ${i}: council ${i * 7919} weighs budget line ${i}`,
    link: `${base}/${feed}/${i}`,
    pubDate: new Date(NOW.getTime() - (count - i) * 3_600_000).toUTCString(),
    description: `<p>${feed} item ${i}. The council of district ${i * 31} met on item ${i * 97} of its agenda, about roads ${i * 13}.</p>`,
  }));
}

const feedRoute = (feed: string, count: number, delayMs = 0): Route => (req, res) =>
  setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(feed, items(feed, `http://${req.headers.host}`, count))), delayMs);

const feedSource = (id: string, url: string): PipelineInput['sources'][number] => ({ id, kind: 'feed', name: id, url, fetchArticles: false });

describe('store turns', () => {
  // Turn i waits on turn i-1 only; the order must still be the pipeline file's, with sources ending early (not due,
  // failed) before or after their turn opens, and released in any order.
  it('open in the order of the sources for 2,000 sources released in any order, none held by one that ended early', async () => {
    const count = 2_000;
    const turns = storeTurns(count);
    const stored: number[] = [];
    // every third source ends without storing (a failed feed), at a shuffled moment; the others store in their turn
    const order = Array.from({ length: count }, (_, i) => (i * 7_919) % count);
    await Promise.all(
      order.map(async (index, k) => {
        await new Promise((resolve) => setTimeout(resolve, k % 5));
        if (index % 3 === 0) return turns.release(index);
        await turns.open(index);
        stored.push(index);
        turns.release(index);
      }),
    );
    expect(stored).toEqual(Array.from({ length: count }, (_, i) => i).filter((i) => i % 3 !== 0));
  });

  it('store 400 sources in the pipeline file order when their servers answer in the reverse order and most fail', async () => {
    const count = 400;
    const routes: Record<string, Route> = {};
    for (let i = 0; i < count; i++) {
      // every tenth feed delivers two items, later the earlier it is listed; the others answer 500 at once
      routes[`/f${i}.xml`] = i % 10 === 0 ? feedRoute(`f${i}`, 2, (count - i) / 2) : (_req, res) => res.writeHead(500).end();
    }
    const server = await startServer(routes);
    cleanups.push(() => server.close());
    const sources = Array.from({ length: count }, (_, i) => feedSource(`f${i}`, `${server.url}/f${i}.xml`));
    const { store, loaded } = await feedRunProject(cleanups, 'turns-scale', sources, { fetch: { perHostConcurrency: 32 } });
    const report = await runPipeline({ loaded, store, channels: [], now: () => NOW, random: () => 0.5 });
    expect(report.sources.map((s) => s.outcome)).toEqual(sources.map((_, i) => (i % 10 === 0 ? 'ok' : 'failed')));
    const rows = await store.db.selectFrom('articles').select('item_key').orderBy('id').execute();
    const expected = sources.flatMap((_, i) => (i % 10 === 0 ? [`f${i}-0`, `f${i}-1`] : []));
    expect(rows.map((row) => row.item_key)).toEqual(expected);
  });
});

describe('storing many articles', () => {
  /** A pipeline of a big feed (answering after `bigDelayMs`) then a small one answering at once, on one server. */
  async function bigThenSmall(big: number, small: number) {
    const server = await startServer({ '/big.xml': feedRoute('big', big, 300), '/small.xml': feedRoute('small', small) });
    cleanups.push(() => server.close());
    return feedRunProject(cleanups, 'store-yields', [feedSource('big', `${server.url}/big.xml`), feedSource('small', `${server.url}/small.xml`)], {
      fetch: { perHostConcurrency: 2 },
    });
  }

  // SQLite answers synchronously under kysely's awaits: storing once ran in one stretch of the event loop, so timers
  // (a host's gap), sockets (fetches then recorded as timeouts) and signal handlers waited for the whole of it.
  it('lets timers run while a source stores', async () => {
    const { store, loaded } = await bigThenSmall(300, 5);
    let lastTick = 0;
    let longestGap = 0;
    let storeStart = 0;
    let storeEnd = 0;
    const ticker = setInterval(() => {
      const at = performance.now();
      if (storeStart > 0 && storeEnd === 0) longestGap = Math.max(longestGap, at - Math.max(lastTick, storeStart));
      lastTick = at;
    }, 5);
    cleanups.push(() => clearInterval(ticker));
    const progress = {
      sourceFinished() {},
      articleProcessed(count: number) {
        const at = performance.now();
        if (count === 1) storeStart = at;
        if (count === 305) storeEnd = at;
      },
    };
    const report = await runPipeline({ loaded, store, channels: [], progress, now: () => NOW, random: () => 0.5 });
    expect(report.articlesAdded).toBe(305);
    const storePhase = storeEnd - storeStart;
    // the interval ran all along: its longest wait is a small part of the storing, not all of it
    expect(longestGap).toBeGreaterThan(0);
    expect(longestGap).toBeLessThan(storePhase / 4);
  });

  it('stores nothing more once a stop is asked while storing, the later source included', async () => {
    const { store, loaded } = await bigThenSmall(300, 5);
    const stop = new RunStop();
    const progress = {
      sourceFinished() {},
      // as a signal's handler would, from the event loop
      articleProcessed: (count: number) => void (count === 10 && setTimeout(() => void stop.request('interrupted by SIGINT'), 0)),
    };
    await expect(runPipeline({ loaded, store, channels: [], progress, stop, now: () => NOW, random: () => 0.5 })).rejects.toBeInstanceOf(RunStoppedError);
    const rows = await store.db.selectFrom('articles').select('item_key').execute();
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.length).toBeLessThan(300);
    expect(rows.filter((row) => row.item_key.startsWith('small-'))).toEqual([]);
    const runs = await store.db.selectFrom('runs').select('status').execute();
    expect(runs.map((run) => run.status)).toEqual(['failed']);
  });
});
