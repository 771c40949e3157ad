import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * Two sources of a pipeline file that read one feed, its URL written two ways (a pasted copy with its query in
 * another order, a trailing slash): the run says so under the second, whose items are stored twice and counted as
 * another outlet. A feed of another path is another feed.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('two sources that read one feed', () => {
  it('are named in a warning of the run, under the second', async () => {
    const feed = rssFeed('Wire', [{ guid: 'w-1', title: 'Labs weigh a verified pause of frontier AI', link: 'https://wire.example/1' }]);
    const server = await startServer({
      '/rss': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed),
      '/other': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed),
    });
    cleanups.push(() => server.close());
    const source = (id: string, path: string) => ({ id, kind: 'feed' as const, name: id, url: `${server.url}${path}`, fetchArticles: false });
    const { store, loaded, channels } = await alertingPipeline(cleanups, {
      id: 'twins',
      sources: [
        source('wire', '/rss?section=ai&format=rss'),
        source('other', '/other'),
        source('wire-again', '/rss/?format=rss&section=ai'),
        // another section, and another user's private feed: other feeds
        source('wire-tech', '/rss?section=tech&format=rss'),
        { ...source('wire-private', '/rss?section=ai&format=rss'), url: `${server.url.replace('//', '//reader:pw@')}/rss?section=ai&format=rss` },
      ],
      database: freshSqlite,
    });
    const report = await runPipeline({ loaded, store, channels, now: () => new Date('2026-06-10T06:00:00Z'), random: () => 0.5 });
    const warnings = Object.fromEntries(report.sources.map((s) => [s.sourceId, s.warnings]));
    expect(warnings).toEqual({
      wire: [],
      other: [],
      'wire-again': ['reads the feed source "wire" reads (the same URL, or one written otherwise): each stores its items, and the digest counts two outlets; list it once'],
      'wire-tech': [],
      'wire-private': [],
    });
  });
});
