import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A server that allows one request each half hour answered every other check of a feed publishing every 20 minutes
 * with a 429, for ever: nothing remembered the limit. A 429 soon after an answered check now sets the feed's shortest
 * interval to twice that time, for a week.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;
const t0 = new Date('2026-06-10T06:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

/** Twelve items five minutes apart up to `at`: a busy feed, checked every ten minutes by its pace. */
const rss = (at: Date) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title>${Array.from({ length: 12 }, (_, i) => {
    const published = new Date(at.getTime() - i * 5 * MINUTE);
    return `<item><title>Busy ${published.toISOString()}</title><guid>b-${published.getTime()}</guid><pubDate>${published.toUTCString()}</pubDate><description>Unions back a pause, ${i}.</description></item>`;
  }).join('')}</channel></rss>`;

describe.each(dialects)("a feed's server that answers a 429 to a check soon after the one before, on $name", ({ fresh }) => {
  it('is checked no closer than twice that interval for a week; a 429 after a long quiet or a failed check teaches nothing', async () => {
    const state = { refuse: false, at: t0 };
    const server = await startServer({
      '/b.xml': (_req, res) => (state.refuse ? res.writeHead(429).end('slow down') : res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(state.at))),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'rate-limit', [{ id: 'b', kind: 'feed', name: 'Busy', url: `${server.url}/b.xml`, fetchArticles: false }], { database: fresh });
    const run = (at: Date) => {
      state.at = at;
      return runPipeline({ loaded, store, channels: [], all: true, now: () => at, random: () => 0.5 });
    };
    const rateLimit = async () => (await store.db.selectFrom('sources').select('rate_limit_seconds').executeTakeFirstOrThrow()).rate_limit_seconds;

    const first = await run(t0);
    expect(Date.parse(first.sources[0]!.nextCheck!.at) - t0.getTime()).toBe(10 * MINUTE);
    // 19 minutes on, refused: the server allows no less than 38 minutes
    state.refuse = true;
    expect((await run(later(19 * MINUTE))).sources[0]).toMatchObject({ outcome: 'failed', error: { code: 'http_429' } });
    expect(await rateLimit()).toBe(38 * 60);
    state.refuse = false;
    const answered = await run(later(60 * MINUTE));
    expect(answered.sources[0]!.outcome).toBe('ok');
    expect(Date.parse(answered.sources[0]!.nextCheck!.at) - later(60 * MINUTE).getTime()).toBe(38 * MINUTE);
    expect(answered.sources[0]!.nextCheck!.reason).toMatch(/; raised to 38 min by the server's rate limit \(shown by a 429 within the week\)$/);

    // a 429 three hours after the check before says the server had a bad hour, not that it limits this feed so; nor
    // does one soon after a failed check, whose time is no interval between two requests the server answered
    state.refuse = true;
    await run(later(4 * 60 * MINUTE));
    expect(await rateLimit()).toBe(38 * 60);
    await run(later(4 * 60 * MINUTE + 50 * MINUTE));
    expect(await rateLimit()).toBe(38 * 60);

    // a week after the server last showed it, the limit is forgotten: the feed's pace sets the interval again
    state.refuse = false;
    const weekOn = later(8 * 24 * 60 * MINUTE);
    const again = await run(weekOn);
    expect(again.sources[0]!.outcome).toBe('ok');
    expect(Date.parse(again.sources[0]!.nextCheck!.at) - weekOn.getTime()).toBe(10 * MINUTE);
  });
});
