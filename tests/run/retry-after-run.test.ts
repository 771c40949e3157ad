import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import type { LoadedPipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { Store } from '../../src/store/index.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer, type Route } from '../helpers/http-server.ts';

/**
 * A run in which a host answers one feed 429 or 503 with a Retry-After that cannot be taken as sent: one that cannot
 * be read is ignored (the host's other feeds are still asked for, the feed backs off as after any failure), one of
 * years is held at a week; either way the feed's report says so, naming the feed and the value.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NOW = '2026-06-10T06:00:00.000Z';
const RSS =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Paper</title><item><title>Labs weigh a pause</title><guid>p-1</guid>' +
  '<description>Labs weigh a coordinated pause of frontier AI development.</description></item></channel></rss>';

function project(sources: { id: string; url: string }[]) {
  const feeds = sources.map((source) => ({ ...source, kind: 'feed' as const, name: source.id }));
  return feedRunProject(cleanups, 'retry-after', feeds, { fetch: { fetchArticles: false } });
}

async function run(loaded: LoadedPipeline, store: Store) {
  const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough().resume());
  return runPipeline({ loaded, store, channels, now: () => new Date(NOW), random: () => 0.5 });
}

describe('a run where a feed is answered with a Retry-After it cannot take as sent', () => {
  it('ignores one it cannot read: the host\'s other feed is read, the feed backs off as usual, and its report names the value', async () => {
    const routes: Record<string, Route> = {
      '/busy.xml': (_req, res) => res.writeHead(429, { 'retry-after': 'soon' }).end(),
      // answered only once the busy feed has been, so the 429 comes first
      '/paper.xml': (_req, res) => {
        const answer = () => ((server.hits.get('/busy.xml') ?? 0) > 0 ? res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS) : setTimeout(answer, 5));
        answer();
      },
    };
    const server = await startServer(routes);
    cleanups.push(() => server.close());
    const { store, loaded } = await project([
      { id: 'busy', url: `${server.url}/busy.xml` },
      { id: 'paper', url: `${server.url}/paper.xml` },
    ]);

    const report = await run(loaded, store);
    const busy = report.sources.find((s) => s.sourceId === 'busy')!;
    expect(busy).toMatchObject({ outcome: 'failed', error: { code: 'http_429' }, nextCheck: { heldByServer: false } });
    expect(busy.nextCheck!.reason).toMatch(/^failure 1 in a row \(http_429\): backoff up to 15 min, jittered to/);
    // sent once more, a second later, and refused again: not the pace, and the host is not held for it
    expect(busy.warnings).toEqual([
      `${server.url}/busy.xml answered HTTP 429 with Retry-After "soon" is neither a number of seconds nor an HTTP date: ignored, the retry follows the usual backoff`,
    ]);
    expect(server.hits.get('/busy.xml')).toBe(2);
    expect(report.sources.find((s) => s.sourceId === 'paper')).toMatchObject({ outcome: 'ok', articlesAdded: 1, warnings: [] });
    const row = await store.db.selectFrom('sources').select(['server_wait_until']).where('id', '=', 'busy').executeTakeFirstOrThrow();
    expect(row.server_wait_until).toBeNull();
  });

  it('holds one of centuries at a week, and says so', async () => {
    const server = await startServer({ '/down.xml': (_req, res) => res.writeHead(503, { 'retry-after': '9'.repeat(400) }).end() });
    cleanups.push(() => server.close());
    const { store, loaded } = await project([{ id: 'down', url: `${server.url}/down.xml` }]);

    const report = await run(loaded, store);
    const down = report.sources[0]!;
    const week = new Date(Date.parse(NOW) + 7 * 86_400_000).toISOString();
    expect(down).toMatchObject({ outcome: 'failed', error: { code: 'http_503' }, nextCheck: { at: week, heldByServer: true } });
    expect(down.nextCheck!.reason).toContain('; raised to 7 days by Retry-After');
    expect(down.warnings).toEqual([`${server.url}/down.xml answered HTTP 503 with Retry-After "${'9'.repeat(80)}..." asks for more than 7 days: held at 7 days`]);
    const row = await store.db.selectFrom('sources').select(['server_wait_until']).where('id', '=', 'down').executeTakeFirstOrThrow();
    expect(row.server_wait_until).toBe(week);
  });
});
