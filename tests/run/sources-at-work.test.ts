import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { RunStop, RunStoppedError } from '../../src/run/run-stop.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer, type Route } from '../helpers/http-server.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NOW = new Date('2026-06-10T20:00:00.000Z');
const SOURCES = 12;
const AT_WORK = 4;

function twoItems(feed: string, base: string) {
  return [0, 1].map((i) => ({
    guid: `${feed}-${i}`,
    title: `${feed} report ${i}: the council of ward ${feed.length * 97 + i} weighs its road budget`,
    link: `${base}/${feed}/${i}`,
    pubDate: new Date(NOW.getTime() - (2 - i) * 3_600_000).toUTCString(),
    description: `<p>${feed} item ${i}: the ward council met on item ${i} of its agenda.</p>`,
  }));
}

/**
 * A server of SOURCES feeds whose first answers only once `releaseFirst` is called: every other source is fetched
 * and then waits for the first one's store turn. `requested` lists the feeds asked for, in order.
 */
async function heldFirstFeed() {
  const requested: string[] = [];
  let releaseFirst!: () => void;
  const firstReleased = new Promise<void>((resolve) => (releaseFirst = resolve));
  let atWorkReached!: () => void;
  const reached = new Promise<void>((resolve) => (atWorkReached = resolve));
  const routes: Record<string, Route> = {};
  for (let i = 0; i < SOURCES; i++) {
    const feed = `f${i}`;
    routes[`/${feed}.xml`] = (req, res) => {
      requested.push(feed);
      if (requested.length === AT_WORK) atWorkReached();
      const answer = () => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(feed, twoItems(feed, `http://${req.headers.host}`)));
      if (i === 0) void firstReleased.then(answer);
      else answer();
    };
  }
  const server = await startServer(routes);
  cleanups.push(() => server.close());
  const sources: PipelineInput['sources'] = Array.from({ length: SOURCES }, (_, i) => ({
    id: `f${i}`, kind: 'feed', name: `f${i}`, url: `${server.url}/f${i}.xml`, fetchArticles: false,
  }));
  // the sources' requests are held back by nothing but the bound: no host limit or gap, a queue wider than the bound
  const project = await feedRunProject(cleanups, 'sources-at-work', sources, { fetch: { concurrency: 16, perHostConcurrency: 16, perHostGapMs: 0 } });
  /** Once the bound's worth of feeds were asked for, and a moment longer for any that should not have been. */
  const settled = () => reached.then(() => new Promise((resolve) => setTimeout(resolve, 300)));
  return { ...project, requested, releaseFirst, settled };
}

describe('sources at work at once', () => {
  // Without a bound, every source of a large pipeline fetched and held its articles until the store reached it.
  it('fetch no further ahead of the store than the bound, then store every source in the pipeline file order', async () => {
    const { store, loaded, requested, releaseFirst, settled } = await heldFirstFeed();
    const run = runPipeline({ loaded, store, channels: [], now: () => NOW, random: () => 0.5, sourcesAtWork: AT_WORK });
    await settled();
    expect([...requested].sort()).toEqual(['f0', 'f1', 'f2', 'f3']);
    releaseFirst();
    const report = await run;
    expect(report.sources.map((s) => s.outcome)).toEqual(Array(SOURCES).fill('ok'));
    expect(requested).toHaveLength(SOURCES);
    const rows = await store.db.selectFrom('articles').select('item_key').orderBy('id').execute();
    expect(rows.map((row) => row.item_key)).toEqual(Array.from({ length: SOURCES }, (_, i) => [`f${i}-0`, `f${i}-1`]).flat());
  });

  it('start no source once a stop is asked: the sources not yet at work fetch nothing', async () => {
    const { store, loaded, requested, releaseFirst, settled } = await heldFirstFeed();
    const stop = new RunStop();
    const run = runPipeline({ loaded, store, channels: [], now: () => NOW, random: () => 0.5, sourcesAtWork: AT_WORK, stop });
    const outcome = run.then(() => null, (error: unknown) => error);
    await settled();
    await stop.request('interrupted by SIGINT');
    releaseFirst();
    expect(await outcome).toBeInstanceOf(RunStoppedError);
    expect(requested).toHaveLength(AT_WORK);
    expect(await store.db.selectFrom('articles').select('id').execute()).toEqual([]);
  });
});
