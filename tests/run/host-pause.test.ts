import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import type { LoadedPipeline, PipelineInput } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { Store } from '../../src/store/index.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { closedPort, startServer, type Route } from '../helpers/http-server.ts';

/**
 * A run over many feeds of one host that answers 429 with a long Retry-After: the host is asked once, the other
 * feeds (and pages) of that host fail without being sent, and the scheduler treats each as the 429 it stands for.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(routes: Record<string, Route>) {
  const server = await startServer(routes);
  cleanups.push(() => server.close());
  return server;
}

async function run(loaded: LoadedPipeline, store: Store, at: string, all = false) {
  const console = new PassThrough().resume();
  const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, console);
  return runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all });
}

/** A feed on a host of its own with one item linking to `page`, answering only once `ready()` (polled) is true. */
function wireLinkingTo(page: string, ready: () => boolean) {
  return serve({
    '/wire.xml': (_req, res) => {
      const answer = () =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Labs weigh a pause</title>` +
            `<link>${page}</link><guid>w-1</guid><description>Labs weigh a coordinated pause of frontier AI development.</description></item></channel></rss>`,
        );
      const poll = () => (ready() ? answer() : setTimeout(poll, 5));
      poll();
    },
  });
}

/** A pipeline of these feed sources in a fresh project and SQLite file, removed after the test. */
function project(id: string, sources: PipelineInput['sources'], alerts: PipelineInput['alerts'] = { channels: [] }) {
  return feedRunProject(cleanups, id, sources, { alerts });
}

describe('a host that answers one feed with 429 and a long Retry-After', () => {
  it('is asked nothing more in the run: its other feeds and pages fail unsent, and each is scheduled after the asked time', async () => {
    const busyRoutes: Record<string, Route> = {};
    for (let n = 0; n < 20; n++) busyRoutes[`/feed-${n}.xml`] = (_req, res) => res.writeHead(429, { 'retry-after': '7200' }).end();
    busyRoutes['/page.html'] = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>never asked for</p></body></html>');
    const busy = await serve(busyRoutes);
    const totalHits = () => [...busy.hits.values()].reduce((a, b) => a + b, 0);
    // A feed elsewhere whose item links to a page on the busy host. It answers only once the busy host has been asked:
    // the busy host takes one request at a time, so the page request comes after that first answer.
    const wire = await wireLinkingTo(`${busy.url}/page.html`, () => totalHits() > 0);

    const { store, loaded } = await project(
      'host-pause',
      [
        ...Array.from({ length: 20 }, (_, n) => ({ id: `busy-${n}`, kind: 'feed' as const, name: `Busy ${n}`, url: `${busy.url}/feed-${n}.xml` })),
        { id: 'wire', kind: 'feed' as const, name: 'Wire', url: `${wire.url}/wire.xml` },
      ],
      { channels: [{ type: 'stdout' }] },
    );

    const report = await run(loaded, store, '2026-06-10T06:00:00.000Z');
    expect(totalHits()).toBe(1);
    const busyReports = report.sources.filter((s) => s.sourceId.startsWith('busy-'));
    expect(busyReports).toHaveLength(20);
    for (const source of busyReports) {
      expect(source).toMatchObject({ outcome: 'failed', error: { code: 'http_429' } });
      expect(Date.parse(source.nextCheck!.at)).toBeGreaterThanOrEqual(Date.parse('2026-06-10T07:59:00.000Z'));
    }
    expect(busyReports.filter((s) => s.error!.message.startsWith('not requested: '))).toHaveLength(19);
    // the page is held back like the feeds, as a passing failure: the article keeps its feed text for now
    const wireReport = report.sources.find((s) => s.sourceId === 'wire')!;
    expect(wireReport.outcome).toBe('ok');
    expect(wireReport.itemErrors).toEqual([{ key: 'w-1', error: { code: 'http_429', message: expect.stringContaining('not requested: ') } }]);
    expect(busy.hits.get('/page.html')).toBeUndefined();
    // never asked for, the page has cost none of its tries
    const page = () => store.db.selectFrom('articles').select(['page_attempts', 'extract_error_code']).where('item_key', '=', 'w-1').executeTakeFirstOrThrow();
    expect(await page()).toEqual({ page_attempts: 0, extract_error_code: 'http_429' });

    // the scheduler stored the asked time for every one of them: even --all leaves them alone
    const rows = await store.db.selectFrom('sources').select(['id', 'server_wait_until']).where('id', 'like', 'busy-%').execute();
    expect(rows).toHaveLength(20);
    for (const row of rows) expect(Date.parse(row.server_wait_until!)).toBeGreaterThanOrEqual(Date.parse('2026-06-10T07:59:00.000Z'));
    const forced = await run(loaded, store, '2026-06-10T06:01:00.000Z', true);
    for (const source of forced.sources.filter((s) => s.sourceId.startsWith('busy-'))) {
      expect(source).toMatchObject({ outcome: 'not_due', nextCheck: { reason: 'the server asked to wait (http_429, Retry-After)' } });
    }
    // the host's wait outlasts the run it was asked in: the next run's page retry is held back unsent too, at no try
    expect(busy.hits.get('/page.html')).toBeUndefined();
    expect(await page()).toEqual({ page_attempts: 0, extract_error_code: 'http_429' });
    const feedHits = [...busy.hits].filter(([pathname]) => pathname.startsWith('/feed-'));
    expect(feedHits.map(([, hits]) => hits)).toEqual([1]);
  });

  it('holds back a page retry too, which then costs the page none of its tries', async () => {
    let busyAnswers429 = false;
    const busy = await serve({
      '/feed.xml': (_req, res) =>
        busyAnswers429
          ? res.writeHead(429, { 'retry-after': '7200' }).end()
          : res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title></channel></rss>'),
      '/page.html': (_req, res) => res.writeHead(503).end(),
    });
    // the wire answers once the busy host's feed has been asked, so its page retry comes after that answer
    const wire = await wireLinkingTo(`${busy.url}/page.html`, () => (busy.hits.get('/feed.xml') ?? 0) > (busyAnswers429 ? 1 : 0));
    const { store, loaded } = await project('page-retry', [
      { id: 'busy', kind: 'feed' as const, name: 'Busy', url: `${busy.url}/feed.xml` },
      { id: 'wire', kind: 'feed' as const, name: 'Wire', url: `${wire.url}/wire.xml` },
    ]);
    const attempts = async () => (await store.db.selectFrom('articles').select(['page_attempts', 'extract_error_code']).executeTakeFirstOrThrow());
    await run(loaded, store, '2026-06-10T06:00:00.000Z');
    expect(await attempts()).toEqual({ page_attempts: 1, extract_error_code: 'http_503' });
    // a 503 without Retry-After may ask to slow down: the page was asked once more, slower, in that one try
    expect(busy.hits.get('/page.html')).toBe(2);

    busyAnswers429 = true;
    await run(loaded, store, '2026-06-10T07:00:00.000Z', true);
    expect(busy.hits.get('/page.html')).toBe(2);
    expect(await attempts()).toEqual({ page_attempts: 1, extract_error_code: 'http_429' });
  });
});

describe('a host that answers nothing', () => {
  it('is asked twice in a run, its other feeds failing at once, unsent, and each scheduled as a failure', async () => {
    const port = await closedPort();
    const { store, loaded } = await project('host-down', Array.from({ length: 6 }, (_, n) => ({ id: `down-${n}`, kind: 'feed' as const, name: `Down ${n}`, url: `http://127.0.0.1:${port}/feed-${n}.xml` })));
    const report = await run(loaded, store, '2026-06-10T06:00:00.000Z');
    expect(report.sources.map((s) => [s.outcome, s.error?.code])).toEqual(Array(6).fill(['failed', 'connection_refused']));
    expect(report.sources.filter((s) => s.error!.message.startsWith('not requested: '))).toHaveLength(4);
    // and a script tells them from the feeds that really failed
    expect(report.sources.map((s) => s.error!.notSent ?? false)).toEqual([false, false, true, true, true, true]);
    const rows = await store.db.selectFrom('sources').select(['error_streak', 'next_check_at']).execute();
    for (const row of rows) {
      expect(row.error_streak).toBe(1);
      expect(row.next_check_at! > '2026-06-10T06:00:00.000Z').toBe(true);
    }
  });
});

describe('a host that refuses more than a request a second, with 429 and no Retry-After', () => {
  it('is slowed to its pace: every feed read, each warned that its host was slowed, naming fetch.perHostGapMs', async () => {
    let last = 0;
    const limited: Route = (_req, res) => {
      const now = Date.now();
      // nginx's limit_req at 1 r/s without a burst
      if (now - last < 1_000) return void res.writeHead(429).end();
      last = now;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Limited</title></channel></rss>');
    };
    const host = await serve({ '/a.xml': limited, '/b.xml': limited, '/c.xml': limited });
    const { store, loaded } = await feedRunProject(
      cleanups,
      'slowed',
      ['a', 'b', 'c'].map((id) => ({ id, kind: 'feed' as const, name: id, url: `${host.url}/${id}.xml` })),
      { fetch: { perHostGapMs: 500 } },
    );
    const report = await run(loaded, store, '2026-06-10T06:00:00.000Z');
    expect(report.sources.map((source) => source.outcome)).toEqual(['ok', 'ok', 'ok']);
    // (2 s should a request arrive a moment early at the end of the host's second)
    for (const source of report.sources) {
      expect(source.warnings.join('\n')).toMatch(
        /^its host answered requests 500 ms apart \(fetch\.perHostGapMs\) with 429 or 503 and no Retry-After to go by: slowed to one request every [12] s for the rest of the run, the refused ones sent again$/m,
      );
    }
  });
});
