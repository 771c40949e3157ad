import { afterEach, describe, expect, it } from 'vitest';
import { readServerHints } from '../../src/ingest/fetch.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * Cache-Control max-age counts from when the server made the answer; a cache on the way that has held it says for how
 * long in `Age` (RFC 9111 §4.2.3), and the copy is fresh only for the rest. A feed is not held back by the part of
 * max-age a cache already used up; an `Age` that is not a number of seconds says nothing.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;
const at = new Date('2026-12-01T12:00:00.000Z');

/** Twelve items over the six hours before `at` (every 30 min): checked every 30 min by its rate alone. */
function feedBody(prefix: string): string {
  const items = Array.from(
    { length: 12 },
    (_, i) =>
      `<item><title>${prefix} ${i}</title><guid>${prefix}-${i}</guid><pubDate>${new Date(at.getTime() - (i + 1) * 30 * MINUTE).toUTCString()}</pubDate>` +
      `<description>${prefix} ${i}: unions support a pause of frontier AI development.</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${prefix}</title>${items.join('')}</channel></rss>`;
}

describe('Cache-Control max-age with an Age header', () => {
  it('holds a feed back only for the freshness the cached copy has left', async () => {
    const ages: Record<string, string | null> = { none: null, young: '1800', old: '7000', stale: '9000', unreadable: 'soon', negative: '-1800' };
    const server = await startServer(
      Object.fromEntries(
        Object.entries(ages).map(([id, age]) => [
          `/${id}.xml`,
          (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=7200', ...(age === null ? {} : { age }) }).end(feedBody(id)),
        ]),
      ),
    );
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(
      cleanups,
      'age-header',
      Object.keys(ages).map((id) => ({ id, kind: 'feed' as const, name: id, url: `${server.url}/${id}.xml`, fetchArticles: false })),
    );

    const report = await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    expect(report.sources.map((s) => s.outcome)).toEqual(Object.keys(ages).map(() => 'ok'));
    const rows = await store.db.selectFrom('sources').select(['id', 'next_check_at', 'next_check_reason']).execute();
    const next = Object.fromEntries(rows.map((row) => [row.id, { in: (Date.parse(row.next_check_at!) - at.getTime()) / MINUTE, byMaxAge: row.next_check_reason!.includes('max-age') }]));
    expect(next).toEqual({
      none: { in: 120, byMaxAge: true },
      // 2 h less the 30 min a cache held it
      young: { in: 90, byMaxAge: true },
      // 200 s left, 0 left: the publishing rate decides
      old: { in: 30, byMaxAge: false },
      stale: { in: 30, byMaxAge: false },
      // not a number of seconds: ignored, the whole max-age holds
      unreadable: { in: 120, byMaxAge: true },
      negative: { in: 120, byMaxAge: true },
    });
  });

  it('counts Expires from the server\'s Date less the Age of the copy, not the Age taken for the server\'s clock being slow', () => {
    const now = Date.parse('2026-12-01T12:00:00.000Z');
    // a copy made 30 min ago, fresh for 2 h from then: 90 min left
    const headers = { date: new Date(now - 30 * MINUTE).toUTCString(), expires: new Date(now + 90 * MINUTE).toUTCString() };
    expect(readServerHints({ ...headers, age: '1800' }, now).expiresAt).toBe(new Date(now + 90 * MINUTE).toISOString());
    // without Age, the same Date says the server's clock is 30 min slow: Expires is moved by as much
    expect(readServerHints(headers, now).expiresAt).toBe(new Date(now + 120 * MINUTE).toISOString());
  });
});
