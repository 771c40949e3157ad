import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedPipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { isDue } from '../../src/run/schedule.ts';
import type { Store } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A check that reads no document (a 304) is scheduled by the items of the document the source last read, which the
 * 304 says is unchanged. After the pipeline file gives a source the feed's new address, the items the new feed shares
 * with the old one were first stored before the change; counted by the articles stored since, a quiet daily feed had
 * none, and was checked hourly ("no dated items, default 60 min"): 51 checks in three quiet days where its old address
 * had 3.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const t0 = new Date('2026-12-01T12:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

/** Five items of a daily feed, the newest six hours before t0. */
const DAILY = `<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>${Array.from(
  { length: 5 },
  (_, i) =>
    `<item><title>Daily ${i}</title><guid>daily-${i}</guid><pubDate>${new Date(t0.getTime() - 6 * HOUR - i * DAY).toUTCString()}</pubDate>` +
    `<description>Daily ${i}: unions support a pause of frontier AI development.</description></item>`,
).join('')}</channel></rss>`;

/** The feed, answering 304 to the ETag it gave. */
const rss = (req: http.IncomingMessage, res: http.ServerResponse) =>
  req.headers['if-none-match'] === '"v1"' ? res.writeHead(304, { etag: '"v1"' }).end() : res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(DAILY);

describe.each(dialects)('the schedule of a feed given its new address by the pipeline file, on $name', ({ fresh }) => {
  it('checks it daily after a 304, by the items the new address shares with the old, not hourly', async () => {
    const server = await startServer({ '/old.xml': rss, '/new.xml': rss });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'shared-items', [{ id: 'k', kind: 'feed', name: 'K', url: `${server.url}/old.xml` }], { database: fresh });
    const moved = { ...loaded, pipeline: { ...loaded.pipeline, sources: loaded.pipeline.sources.map((source) => ({ ...source, url: `${server.url}/new.xml` })) } } as LoadedPipeline;
    const run = async (pipeline: LoadedPipeline, at: Date) => {
      const report = await runPipeline({ loaded: pipeline, store, channels: [], now: () => at, random: () => 0.5 });
      return { report: report.sources[0]!, row: await sourceRow(store) };
    };

    expect((await run(loaded, t0)).report).toMatchObject({ outcome: 'ok', articlesAdded: 5 });
    // the new address: the same five items, none stored again; its first read has no validators to send
    const first = await run(moved, later(HOUR));
    expect(first.report).toMatchObject({ outcome: 'ok', articlesAdded: 0 });
    expect(first.row.next_check_reason).toMatch(/^5 items over/);
    const at = new Date(Date.parse(first.row.next_check_at!));
    const second = await run(moved, at);
    expect(second.report).toMatchObject({ outcome: 'not_modified' });
    expect(second.row.next_check_reason).toMatch(/^5 items over [\d.]+ days: every 24 h$/);
    expect(Date.parse(second.row.next_check_at!) - at.getTime()).toBe(DAY);

    // three quiet days of a cron every ten minutes: as many checks as at the old address
    let checks = 0;
    for (let time = at.getTime() + 10 * MINUTE; time < at.getTime() + 3 * DAY; time += 10 * MINUTE) {
      const row = await sourceRow(store);
      if (!isDue(row.next_check_at, new Date(time), row.last_checked_at)) continue;
      await run(moved, new Date(time));
      checks += 1;
    }
    expect(checks).toBe(3);
  }, 120_000);
});

async function sourceRow(store: Store) {
  return store.db.selectFrom('sources').select(['next_check_at', 'next_check_reason', 'last_checked_at']).where('id', '=', 'k').executeTakeFirstOrThrow();
}
