import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedPipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { clearNextChecks, listSources, type Store } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { databaseAt } from '../helpers/migrated-database.ts';
import { startServer, type Route } from '../helpers/http-server.ts';

/**
 * A host that answers 429 with Retry-After is asked nothing until the time it gave by the next runs too, not only by
 * the run it answered: its other feeds, and its article pages, were asked again seconds later by the next run (cron
 * every few minutes, or `run --all`), whether the 429 came from a feed or from a page.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const t0 = new Date('2026-06-10T06:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

/** Six items, five minutes apart, the first five minutes before t0; each linking to `link(i)` when given. */
const rss = (tag: string, link?: (i: number) => string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${tag}</title>${Array.from(
    { length: 6 },
    (_, i) =>
      `<item><title>${tag} ${i}: labs weigh a pause</title><guid>${tag}-${i}</guid>${link ? `<link>${link(i)}</link>` : ''}` +
      `<pubDate>${new Date(t0.getTime() - (i + 1) * 5 * MINUTE).toUTCString()}</pubDate>` +
      `<description>${tag} ${i}: labs discuss a coordinated pause of frontier AI development.</description></item>`,
  ).join('')}</channel></rss>`;
const feed = (tag: string, link?: (i: number) => string): Route => (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(tag, link));
const tooMany: Route = (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end('slow down');

function run(loaded: LoadedPipeline, store: Store, at: Date, all = false) {
  return runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5, all });
}

/** The requests the server was sent, by path, since `before` (a copy of its hits then). */
const sentSince = (hits: Map<string, number>, before: Map<string, number>) =>
  Object.fromEntries([...hits].filter(([path, n]) => n > (before.get(path) ?? 0)).map(([path, n]) => [path, n - (before.get(path) ?? 0)]));

describe.each(dialects)('a host that asked with 429 to wait an hour, on $name', ({ name, fresh }) => {
  async function fourFeeds(id: string) {
    const busy = { f2: true };
    const server = await startServer({
      '/f0.xml': feed('f0'),
      '/f1.xml': feed('f1'),
      '/f2.xml': (req, res) => (busy.f2 ? tooMany(req, res) : feed('f2')(req, res)),
      '/f3.xml': feed('f3'),
    });
    cleanups.push(() => server.close());
    // one request at a time to the host, in the pipeline's order: f0 and f1 are read before f2's 429
    const { store, loaded } = await feedRunProject(
      cleanups,
      id,
      [0, 1, 2, 3].map((n) => ({ id: `f${n}`, kind: 'feed' as const, name: `F${n}`, url: `${server.url}/f${n}.xml`, fetchArticles: false })),
      { database: fresh },
    );
    const first = await run(loaded, store, t0);
    expect(first.sources.map((s) => [s.sourceId, s.outcome, s.error?.code ?? null])).toEqual([
      ['f0', 'ok', null], ['f1', 'ok', null], ['f2', 'failed', 'http_429'], ['f3', 'failed', 'http_429'],
    ]);
    expect(Object.fromEntries(server.hits)).toEqual({ '/f0.xml': 1, '/f1.xml': 1, '/f2.xml': 1 });
    return { server, store, loaded, busy };
  }

  it('asks none of its feeds on the next run, --all included, and asks them again once the hour is over', async () => {
    const { server, store, loaded, busy } = await fourFeeds('host-wait-feeds');

    const before = new Map(server.hits);
    const second = await run(loaded, store, later(MINUTE), true);
    expect(sentSince(server.hits, before)).toEqual({});
    // f0 and f1, read by the first run, fail unsent as in the run that was answered, scheduled after the hour
    for (const id of ['f0', 'f1']) {
      const report = second.sources.find((s) => s.sourceId === id)!;
      expect(report).toMatchObject({ outcome: 'failed', error: { code: 'http_429', notSent: true }, nextCheck: { heldByServer: true } });
      expect(report.error!.message).toMatch(/^not requested: .*answered HTTP 429 to .*\/f2\.xml and asked to wait until /);
      expect(Date.parse(report.nextCheck!.at)).toBeGreaterThanOrEqual(later(59 * MINUTE).getTime());
      // its reason says the 429 was none of its own answers
      expect(report.nextCheck!.reason).toMatch(/^failure 1 in a row \(http_429, not sent: its host asked to wait\): /);
    }
    expect(second.sources.filter((s) => s.outcome === 'not_due').map((s) => s.sourceId)).toEqual(['f2', 'f3']);
    // as `sources` shows them: every feed of the host waits for it
    const rows = await listSources(store.db, loaded.pipeline.id);
    for (const row of rows) {
      expect(row.last_error_code).toBe('http_429');
      expect(Date.parse(row.server_wait_until!)).toBeGreaterThanOrEqual(later(59 * MINUTE).getTime());
    }

    // the hour over, the host is asked again
    busy.f2 = false;
    const third = await run(loaded, store, later(61 * MINUTE));
    expect(sentSince(server.hits, before)).toEqual({ '/f0.xml': 1, '/f1.xml': 1, '/f2.xml': 1, '/f3.xml': 1 });
    // (f0 and f1 unchanged since the first run read them)
    expect(third.sources.map((s) => s.outcome)).toEqual(['not_modified', 'not_modified', 'ok', 'ok']);
  });

  it('forgets the wait for a feed `sources recheck` names, for good: the host is asked again but by feeds that stored the wait', async () => {
    const { server, store, loaded, busy } = await fourFeeds('host-wait-recheck');
    busy.f2 = false;
    await clearNextChecks(store.db, loaded.pipeline.id, ['f2'], new Date().toISOString());

    const before = new Map(server.hits);
    const second = await run(loaded, store, later(MINUTE), true);
    // f3, held unsent by the first run, keeps the wait it stored until it is named too
    expect(sentSince(server.hits, before)).toEqual({ '/f0.xml': 1, '/f1.xml': 1, '/f2.xml': 1 });
    expect(second.sources.map((s) => [s.sourceId, s.outcome, s.error?.code ?? null])).toEqual([
      ['f0', 'not_modified', null], ['f1', 'not_modified', null], ['f2', 'ok', null], ['f3', 'not_due', null],
    ]);
    // not one check only: within the hour the host had asked for, f2 is asked whenever it is due
    const between = new Map(server.hits);
    const third = await run(loaded, store, later(30 * MINUTE));
    expect(sentSince(server.hits, between)).toMatchObject({ '/f2.xml': 1 });
    expect(third.sources.find((s) => s.sourceId === 'f2')!.outcome).toBe('not_modified');
  });

  it('forgets, for a feed `sources recheck` names, the wait of the host its redirect led to, which answered 429', async () => {
    const busy = { now: true };
    const server = await startServer({
      '/moved.xml': (req, res) => res.writeHead(302, { location: `http://localhost:${new URL(`http://${req.headers.host}`).port}/busy.xml` }).end(),
      '/busy.xml': (req, res) => (busy.now ? tooMany(req, res) : feed('busy')(req, res)),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'host-wait-recheck-redirect', [{ id: 'r', kind: 'feed' as const, name: 'R', url: `${server.url}/moved.xml`, fetchArticles: false }], {
      database: fresh,
    });
    const first = await run(loaded, store, t0);
    expect(first.sources[0]).toMatchObject({ outcome: 'failed', error: { code: 'http_429' } });
    busy.now = false;
    await clearNextChecks(store.db, loaded.pipeline.id, ['r'], new Date().toISOString());
    const second = await run(loaded, store, later(MINUTE));
    expect(second.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 6 });
  });

  it('forgets, for a feed `sources recheck` names, the wait of the host its redirect led to, which held it unsent for another feed', async () => {
    const busy = { now: true };
    const server = await startServer({
      // answered late, so the request it redirects to comes after the other host's 429
      '/moved.xml': (req, res) => void setTimeout(() => res.writeHead(302, { location: `http://localhost:${new URL(`http://${req.headers.host}`).port}/target.xml` }).end(), 300),
      '/target.xml': feed('target'),
      '/busy.xml': (req, res) => (busy.now ? tooMany(req, res) : feed('busy')(req, res)),
    });
    cleanups.push(() => server.close());
    const port = new URL(server.url).port;
    const { store, loaded } = await feedRunProject(
      cleanups,
      'host-wait-recheck-held',
      [
        { id: 'busy', kind: 'feed' as const, name: 'Busy', url: `http://localhost:${port}/busy.xml`, fetchArticles: false },
        { id: 'r', kind: 'feed' as const, name: 'R', url: `${server.url}/moved.xml`, fetchArticles: false },
      ],
      { database: fresh },
    );
    const first = await run(loaded, store, t0);
    expect(first.sources.find((s) => s.sourceId === 'r')).toMatchObject({ outcome: 'failed', error: { code: 'http_429', notSent: true } });
    busy.now = false;
    await clearNextChecks(store.db, loaded.pipeline.id, ['r'], new Date().toISOString());
    const before = new Map(server.hits);
    const second = await run(loaded, store, later(MINUTE));
    expect(second.sources.find((s) => s.sourceId === 'r')).toMatchObject({ outcome: 'ok', articlesAdded: 6 });
    expect(sentSince(server.hits, before)).toEqual({ '/moved.xml': 1, '/target.xml': 1 });
  });

  /**
   * Feeds f0 and f1 at `serverUrl`, in a database an earlier release (up to migration 027) left with f0 due in ten
   * minutes and f1 as `f1` says, opened by this one (migration 028 runs).
   */
  function upgradedTwoFeeds(id: string, serverUrl: string, f1: (url: string) => Record<string, unknown>) {
    const sources = [0, 1].map((n) => ({ id: `f${n}`, kind: 'feed' as const, name: `F${n}`, url: `${serverUrl}/f${n}.xml`, fetchArticles: false }));
    return feedRunProject(cleanups, id, sources, {
      database: async () => {
        const database = await fresh();
        const old = await databaseAt(name, database.target, '027-refused-files');
        const at = t0.toISOString();
        const row = { pipeline_id: id, kind: 'feed', items_seen: 0, gone: 0, created_at: at, updated_at: at, last_checked_at: at };
        await old.insertInto('sources').values([
          { ...row, id: 'f0', name: 'F0', location: sources[0]!.url, error_streak: 0, next_check_at: later(10 * MINUTE).toISOString() },
          { ...row, id: 'f1', name: 'F1', location: sources[1]!.url, error_streak: 1, next_check_at: later(HOUR).toISOString(), ...f1(sources[1]!.url) },
        ]).execute();
        await old.destroy();
        return database;
      },
    });
  }

  it("holds it after an upgrade too, from the wait a feed's row stored before", async () => {
    const server = await startServer({ '/f0.xml': feed('f0'), '/f1.xml': feed('f1') });
    cleanups.push(() => server.close());
    // f1 answered 429 with an hour's Retry-After; f0, read before it, is due in ten minutes
    const { store, loaded } = await upgradedTwoFeeds('host-wait-upgrade', server.url, () => ({ last_error_code: 'http_429', server_wait_until: later(HOUR).toISOString() }));
    const report = await run(loaded, store, later(15 * MINUTE));
    expect(Object.fromEntries(server.hits)).toEqual({});
    expect(report.sources.map((s) => [s.sourceId, s.outcome, s.error?.code ?? null])).toEqual([['f0', 'failed', 'http_429'], ['f1', 'not_due', null]]);
  });

  it('after an upgrade, holds the host a redirect led to when that host asked, not the feed\'s own', async () => {
    const server = await startServer({ '/f0.xml': feed('f0') });
    cleanups.push(() => server.close());
    // f1 redirected to another host, which answered 429 with an hour's Retry-After
    const { store, loaded } = await upgradedTwoFeeds('host-wait-upgrade-redirect', server.url, (url) => ({
      last_error_code: 'http_429', last_error: `HTTP 429 from https://cdn.example/f1.xml (redirected from ${url})`, server_wait_until: later(HOUR).toISOString(),
    }));
    const report = await run(loaded, store, later(15 * MINUTE));
    expect(Object.fromEntries(server.hits)).toEqual({ '/f0.xml': 1 });
    expect(report.sources.map((s) => [s.sourceId, s.outcome])).toEqual([['f0', 'ok'], ['f1', 'not_due']]);
  });

  it('holds it on the next run when the 429 came from an article page, the feeds, the page retry and all', async () => {
    const page = { busy: true };
    const server = await startServer({
      '/b.xml': feed('b'),
      '/a.xml': (req, res) => feed('a', (i) => `http://${req.headers.host}/a-${i}.html`)(req, res),
      ...Object.fromEntries(
        Array.from({ length: 6 }, (_, i): [string, Route] => [
          `/a-${i}.html`,
          (req, res) =>
            page.busy
              ? tooMany(req, res)
              : res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>a ${i}: labs weigh a pause</title></head><body><article><p>${'Labs discuss a coordinated pause of frontier AI development. '.repeat(20)}</p></article></body></html>`),
        ]),
      ),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(
      cleanups,
      'host-wait-page',
      [
        { id: 'b', kind: 'feed', name: 'B', url: `${server.url}/b.xml`, fetchArticles: false },
        { id: 'a', kind: 'feed', name: 'A', url: `${server.url}/a.xml`, fetchArticles: true },
      ],
      { database: fresh },
    );
    const pages = () => [...server.hits].filter(([path]) => path.endsWith('.html')).reduce((n, [, hits]) => n + hits, 0);
    const attempts = async () =>
      (await store.db.selectFrom('articles').select(['page_attempts', 'extract_error_code']).where('source_id', '=', 'a').execute()).map((row) => [row.page_attempts, row.extract_error_code]);

    const first = await run(loaded, store, t0);
    // both feeds read; one page asked, answered 429: the others are held back, and every article keeps its feed text
    expect(first.sources.map((s) => s.outcome)).toEqual(['ok', 'ok']);
    expect(pages()).toBe(1);
    expect((await attempts()).filter(([tries]) => tries === 1)).toEqual([[1, 'http_429']]);
    // no feed failed: no source row holds the wait
    expect((await listSources(store.db, loaded.pipeline.id)).map((row) => row.server_wait_until)).toEqual([null, null]);

    const before = new Map(server.hits);
    const second = await run(loaded, store, later(15 * MINUTE), true);
    expect(sentSince(server.hits, before)).toEqual({});
    for (const report of second.sources) {
      expect(report).toMatchObject({ outcome: 'failed', error: { code: 'http_429', notSent: true }, nextCheck: { heldByServer: true } });
      expect(Date.parse(report.nextCheck!.at)).toBeGreaterThanOrEqual(later(59 * MINUTE).getTime());
    }
    // the page retry held back too, at no try
    expect((await attempts()).filter(([tries]) => tries === 1)).toEqual([[1, 'http_429']]);

    // the hour over, the feeds and the page retries go again
    page.busy = false;
    const third = await run(loaded, store, later(61 * MINUTE));
    expect(sentSince(server.hits, before)).toMatchObject({ '/b.xml': 1, '/a.xml': 1 });
    expect(pages()).toBeGreaterThan(1);
    expect(third.sources.map((s) => s.outcome)).toEqual(['not_modified', 'not_modified']);
  });
});

describe.each(dialects)("a host whose feed asked with 503 to wait a month, on $name", ({ fresh }) => {
  it("holds that feed a week, its host's other feeds six hours: one feed's answer costs the others no week of stories", async () => {
    const busy = { f1: true };
    const server = await startServer({
      '/f0.xml': feed('f0'),
      '/f1.xml': (req, res) => (busy.f1 ? res.writeHead(503, { 'retry-after': String(30 * 24 * 3_600) }).end('maintenance') : feed('f1')(req, res)),
      '/f2.xml': feed('f2'),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(
      cleanups,
      'host-wait-month',
      [0, 1, 2].map((n) => ({ id: `f${n}`, kind: 'feed' as const, name: `F${n}`, url: `${server.url}/f${n}.xml`, fetchArticles: false })),
      { database: fresh },
    );
    const first = await run(loaded, store, t0);
    expect(first.sources.map((s) => [s.sourceId, s.outcome, s.error?.code ?? null])).toEqual([['f0', 'ok', null], ['f1', 'failed', 'http_503'], ['f2', 'failed', 'http_503']]);
    const waits = Object.fromEntries((await listSources(store.db, loaded.pipeline.id)).map((row) => [row.id, row.server_wait_until]));
    // the feed answered keeps the week its Retry-After is held at; the feed held back with it, six hours
    expect(Date.parse(waits['f1']!)).toBeGreaterThanOrEqual(later(7 * 24 * HOUR - MINUTE).getTime());
    expect(Date.parse(waits['f2']!)).toBeGreaterThanOrEqual(later(6 * HOUR - MINUTE).getTime());
    expect(Date.parse(waits['f2']!)).toBeLessThanOrEqual(later(6 * HOUR + MINUTE).getTime());

    // within the six hours, the host is asked nothing; after them, its other feeds are read, the one that asked is not
    const before = new Map(server.hits);
    await run(loaded, store, later(5 * HOUR), true);
    expect(sentSince(server.hits, before)).toEqual({});
    busy.f1 = false;
    const after = await run(loaded, store, later(6 * HOUR + 2 * MINUTE), true);
    expect(sentSince(server.hits, before)).toEqual({ '/f0.xml': 1, '/f2.xml': 1 });
    expect(after.sources.map((s) => [s.sourceId, s.outcome])).toEqual([['f0', 'not_modified'], ['f1', 'not_due'], ['f2', 'ok']]);
  });
});
