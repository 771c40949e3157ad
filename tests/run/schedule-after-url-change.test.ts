import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedPipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { Store } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A check that reads no document (a 304) is scheduled by the publishing rate of the source's feed as it last read it
 * (the items of that document; see tests/run/schedule-shared-items.test.ts). After the pipeline file points the source
 * at another feed, that is the new feed's: the old feed's rate would have a fast feed's successor polled every few
 * minutes, or a daily feed's successor hours behind. A permanent move the file takes up is the same feed, whose
 * articles keep counting.
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

/** `count` items of the feed `prefix`, `every` ms apart, the newest `every` before `newest`. */
function feedBody(prefix: string, count: number, every: number, newest: Date): string {
  const items = Array.from(
    { length: count },
    (_, i) =>
      `<item><title>${prefix} ${i}</title><guid>${prefix}-${i}</guid><pubDate>${new Date(newest.getTime() - (i + 1) * every).toUTCString()}</pubDate>` +
      `<description>${prefix} ${i}: unions support a pause of frontier AI development.</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${prefix}</title>${items.join('')}</channel></rss>`;
}

/** A feed that answers 304 to the ETag it gave. */
function rss(body: string, etag: string) {
  return (req: http.IncomingMessage, res: http.ServerResponse) =>
    req.headers['if-none-match'] === etag ? res.writeHead(304, { etag }).end() : res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
}

describe.each(dialects)('the schedule of a source whose URL changed, on $name', ({ fresh }) => {
  /** A pipeline with source `k` at `url`, in a fresh project folder and database. */
  const project = (url: string) => feedRunProject(cleanups, 'url-change', [{ id: 'k', kind: 'feed', name: 'K', url }], { database: fresh });

  /** The same pipeline with source `k` at another URL, as after the user edits the pipeline file. */
  function withUrl(loaded: LoadedPipeline, url: string): LoadedPipeline {
    return { ...loaded, pipeline: { ...loaded.pipeline, sources: loaded.pipeline.sources.map((source) => ({ ...source, url })) } } as LoadedPipeline;
  }

  async function run(store: Store, loaded: LoadedPipeline, at: Date) {
    const report = await runPipeline({ loaded, store, channels: [], all: true, now: () => at, random: () => 0.5 });
    const row = await store.db.selectFrom('sources').select(['next_check_at', 'next_check_reason']).where('id', '=', 'k').executeTakeFirstOrThrow();
    return { outcome: report.sources[0]!.outcome, added: report.sources[0]!.articlesAdded, in: Date.parse(row.next_check_at!) - at.getTime(), reason: row.next_check_reason! };
  }

  it('checks a daily feed that replaced a fast one daily after a 304, not at the fast feed\'s rate', async () => {
    const server = await startServer({
      '/fast.xml': rss(feedBody('fast', 40, 15 * MINUTE, t0), '"fast"'),
      '/daily.xml': rss(feedBody('daily', 3, DAY, later(HOUR)), '"daily"'),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await project(`${server.url}/fast.xml`);
    expect(await run(store, loaded, t0)).toMatchObject({ outcome: 'ok', added: 40 });

    const daily = withUrl(loaded, `${server.url}/daily.xml`);
    expect(await run(store, daily, later(HOUR))).toMatchObject({ outcome: 'ok', added: 3, in: DAY, reason: expect.stringMatching(/^3 items over/) });
    // the daily feed's 3 items over 4 days: once a day; with the fast feed's 40 it was every 2.3 hours
    expect(await run(store, daily, later(HOUR + DAY))).toMatchObject({ outcome: 'not_modified', in: DAY, reason: expect.stringMatching(/^3 items over/) });
  });

  it('checks a fast feed that replaced a daily one at its own rate after a 304, not hours behind', async () => {
    const server = await startServer({
      '/daily.xml': rss(feedBody('daily', 5, DAY, t0), '"daily"'),
      '/fast.xml': rss(feedBody('fast', 40, 10 * MINUTE, later(HOUR)), '"fast"'),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await project(`${server.url}/daily.xml`);
    expect(await run(store, loaded, t0)).toMatchObject({ outcome: 'ok', added: 5 });

    const fast = withUrl(loaded, `${server.url}/fast.xml`);
    expect(await run(store, fast, later(HOUR))).toMatchObject({ outcome: 'ok', added: 40 });
    // 40 items over 6 h 50 min: every 10.3 min; with the daily feed's 5 it was every 2.7 hours
    const next = await run(store, fast, later(HOUR + 10 * MINUTE));
    expect(next).toMatchObject({ outcome: 'not_modified', reason: expect.stringMatching(/^40 items over/) });
    expect(next.in).toBeLessThan(11 * MINUTE);
  });

  it('keeps the rate of a feed whose permanent move the pipeline file took up: the same feed, its articles still count', async () => {
    const server = await startServer({
      '/daily.xml': rss(feedBody('daily', 5, DAY, t0), '"daily"'),
      '/fast.xml': (_req, res) => res.writeHead(301, { location: '/v2/fast.xml' }).end(),
      '/v2/fast.xml': rss(feedBody('fast', 40, 10 * MINUTE, later(HOUR)), '"fast"'),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await project(`${server.url}/daily.xml`);
    await run(store, loaded, t0);
    // the user points the source at another feed, which has moved
    expect(await run(store, withUrl(loaded, `${server.url}/fast.xml`), later(HOUR))).toMatchObject({ outcome: 'ok', added: 40 });
    // ... and takes the move up (`sources update-moved`): the address runs already read, whose validators still hold
    const movedTo = withUrl(loaded, `${server.url}/v2/fast.xml`);
    expect(await run(store, movedTo, later(HOUR + 5 * MINUTE))).toMatchObject({ outcome: 'not_modified', reason: expect.stringMatching(/^40 items over/) });
    // the 40 items stored before the move was taken up still count, the daily feed's 5 do not
    const next = await run(store, movedTo, later(HOUR + 10 * MINUTE));
    expect(next).toMatchObject({ outcome: 'not_modified', reason: expect.stringMatching(/^40 items over/) });
    expect(next.in).toBeLessThan(11 * MINUTE);
  });
});
