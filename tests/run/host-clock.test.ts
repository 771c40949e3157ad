import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatRunSummary } from '../../src/cli/commands/run.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { freshPostgres, freshSqlite } from '../helpers/databases.ts';
import { alertingPipeline, onTopicWire } from '../helpers/alerting-pipeline.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * A host whose clock is days off, sharing a database with others: the run goes by the database's clock. By its own,
 * a host four days ahead alerted none of the new articles (past alerts.maxAgeHours by its clock), dated what it first
 * saw four days on and put every feed's next check four days on.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FOUR_DAYS_MS = 4 * 86_400_000;

describe.each([
  { name: 'SQLite', database: freshSqlite },
  { name: 'PostgreSQL', database: freshPostgres },
])('a run on $name from a host whose clock is four days ahead', ({ database }) => {
  it("goes by the database's clock: today's articles alerted, dated and scheduled by it, the gap said", async () => {
    const { store, loaded, channels, alerts } = await onTopicWire(cleanups, { id: 'host-clock', published: new Date(Date.now() - 3_600_000), database });
    const hostNow = () => new Date(Date.now() + FOUR_DAYS_MS);

    const report = await runPipeline({ loaded, store, channels, now: hostNow, reckonByDatabaseClock: true, random: () => 0.5 });

    expect(alerts().map((alert) => alert.title)).toEqual(['Labs weigh a verified pause of frontier AI']);
    expect(report.hostClockAheadSeconds).toBeGreaterThanOrEqual(4 * 86_400 - 2);
    expect(report.hostClockAheadSeconds).toBeLessThanOrEqual(4 * 86_400 + 2);
    expect(Math.abs(Date.parse(report.startedAt) - Date.now())).toBeLessThan(60_000);
    const article = await store.db.selectFrom('articles').select(['fetched_at']).executeTakeFirstOrThrow();
    expect(Math.abs(Date.parse(article.fetched_at) - Date.now())).toBeLessThan(60_000);
    const source = await store.db.selectFrom('sources').select(['next_check_at']).where('id', '=', 'wire').executeTakeFirstOrThrow();
    expect(Date.parse(source.next_check_at!)).toBeLessThan(Date.now() + 2 * 86_400_000);
    expect(formatRunSummary(report, loaded.rootDir, false)).toContain(
      "clock        this host's clock is 4 days ahead of the database's: the run went by the database's, as runs of every host sharing it do",
    );
  });

  it("reads the server's Expires against the database's clock too, in the schedule and the freshness kept", async () => {
    const real = Date.now();
    const server = await startServer({
      '/wire.xml': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/rss+xml', date: new Date(real).toUTCString(), expires: new Date(real + 2 * 3_600_000).toUTCString() })
          .end(rssFeed('Wire', [{ guid: 'w-1', title: 'Labs weigh a pause', link: 'https://wire.example/1', pubDate: new Date(real - 3_600_000).toUTCString(), description: ON_TOPIC_TEXTS[0] }])),
    });
    cleanups.push(() => server.close());
    const { store, loaded, channels } = await alertingPipeline(cleanups, {
      id: 'host-clock-expires',
      sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/wire.xml`, fetchArticles: false }],
      database,
    });
    // the process's own clock four days on, as the host's is: the fetch reads the answer's headers against it
    vi.useFakeTimers({ toFake: ['Date'], now: real + FOUR_DAYS_MS });
    const report = await runPipeline({ loaded, store, channels, random: () => 0.5 });
    vi.useRealTimers();

    expect(report.hostClockAheadSeconds).toBeGreaterThan(4 * 86_400 - 60);
    const row = await store.db.selectFrom('sources').select(['next_check_at', 'next_check_reason', 'freshness_seconds']).where('id', '=', 'wire').executeTakeFirstOrThrow();
    expect((Date.parse(row.next_check_at!) - real) / 3_600_000).toBeCloseTo(2, 0);
    expect(row.next_check_reason).toContain('Expires');
    expect(row.freshness_seconds).toBeGreaterThan(7_000);
    expect(row.freshness_seconds).toBeLessThanOrEqual(7_200);
  });

  it("takes an Expires without a Date header as the server's own time, as the database's clock is", async () => {
    const real = Date.now();
    const server = await startServer({
      '/wire.xml': (_req, res) => {
        // node's server adds a Date header unless told not to
        res.sendDate = false;
        res
          .writeHead(200, { 'content-type': 'application/rss+xml', expires: new Date(real + 2 * 3_600_000).toUTCString() })
          .end(rssFeed('Wire', [{ guid: 'w-1', title: 'Labs weigh a pause', link: 'https://wire.example/1', pubDate: new Date(real - 3_600_000).toUTCString(), description: ON_TOPIC_TEXTS[0] }]));
      },
    });
    cleanups.push(() => server.close());
    const { store, loaded, channels } = await alertingPipeline(cleanups, {
      id: 'host-clock-expires-undated',
      sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/wire.xml`, fetchArticles: false }],
      database,
    });
    vi.useFakeTimers({ toFake: ['Date'], now: real + FOUR_DAYS_MS });
    await runPipeline({ loaded, store, channels, random: () => 0.5 });
    vi.useRealTimers();
    const row = await store.db.selectFrom('sources').select(['next_check_at']).where('id', '=', 'wire').executeTakeFirstOrThrow();
    expect((Date.parse(row.next_check_at!) - real) / 3_600_000).toBeCloseTo(2, 0);
  });

  it("goes by its own clock when it agrees with the database's, and says nothing of it", async () => {
    const server = await startServer({ '/wire.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Wire', [])) });
    cleanups.push(() => server.close());
    const { store, loaded, channels } = await alertingPipeline(cleanups, {
      id: 'host-clock-agrees',
      sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/wire.xml`, fetchArticles: false }],
      database,
    });
    const report = await runPipeline({ loaded, store, channels });
    expect(report.hostClockAheadSeconds).toBeNull();
    expect(formatRunSummary(report, loaded.rootDir, false)).not.toContain('clock');
  });
});
