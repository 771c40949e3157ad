import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { Store } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * RSS `<skipHours>` and `<skipDays>` name the hours and days (UTC) in which a feed asks not to be read: runs leave
 * the feed alone then, through the 304s that do not repeat the document, until a document read no longer says so.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;
// a Tuesday
const at = new Date('2026-12-01T20:00:00.000Z');

/** Twelve items over the hour before `at` (a busy feed, checked every 10 minutes by its rate), skipping when given. */
function feedBody(skip: string): string {
  const items = Array.from(
    { length: 12 },
    (_, i) =>
      `<item><title>Item ${i}</title><guid>k-${i}</guid><pubDate>${new Date(at.getTime() - (i + 1) * 5 * MINUTE).toUTCString()}</pubDate>` +
      `<description>Item ${i}: unions support a pause of frontier AI development.</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>K</title>${skip}${items.join('')}</channel></rss>`;
}

async function nextCheckOf(store: Store): Promise<{ at: string; reason: string }> {
  const row = await store.db.selectFrom('sources').select(['next_check_at', 'next_check_reason']).where('id', '=', 'k').executeTakeFirstOrThrow();
  return { at: row.next_check_at!, reason: row.next_check_reason! };
}

describe.each(dialects)("a feed's <skipHours> and <skipDays> ($name)", ({ fresh }) => {
  it('hold its checks out of the hours and days they name, through bare 304s, until the feed drops them', async () => {
    // the evening hours and Wednesday skipped: a check due at 20:10 on Tuesday waits for Thursday 00:00
    let skip = '<skipHours><hour>20</hour><hour>21</hour><hour>22</hour><hour>23</hour></skipHours><skipDays><day>Wednesday</day></skipDays>';
    const requests: string[] = [];
    const server = await startServer({
      '/k.xml': (req, res) => {
        requests.push(req.headers['if-none-match'] ? 'conditional' : 'full');
        if (req.headers['if-none-match'] === '"v1"' && skip !== '') return res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: skip === '' ? '"v2"' : '"v1"' }).end(feedBody(skip));
      },
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'skip-times', [{ id: 'k', kind: 'feed', name: 'K', url: `${server.url}/k.xml` }], { database: fresh });

    await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    expect(await nextCheckOf(store)).toEqual({ at: '2026-12-03T00:00:00.000Z', reason: expect.stringMatching(/; moved to 2026-12-03 00:00 UTC by the feed's skipHours and skipDays$/) });

    // a cron run on Wednesday afternoon: the stored time is past (a user's edit of the database, say) but the day skipped
    await store.db.updateTable('sources').set({ next_check_at: '2026-12-02T12:00:00.000Z' }).where('id', '=', 'k').execute();
    const wednesday = await runPipeline({ loaded, store, channels: [], now: () => new Date('2026-12-02T15:00:00.000Z'), random: () => 0.5 });
    expect(wednesday.sources[0]!).toMatchObject({ outcome: 'not_due', nextCheck: { at: '2026-12-03T00:00:00.000Z', reason: 'the feed asks not to be read now (its skipDays)' } });
    expect(requests).toEqual(['full']);
    // stored, so `sources` shows the time the check waits for, and why, not one gone by; said once
    expect(await nextCheckOf(store)).toEqual({ at: '2026-12-03T00:00:00.000Z', reason: expect.stringMatching(/^12 items over 60 min: every 10 min; moved to 2026-12-03 00:00 UTC by the feed's skipHours and skipDays$/) });

    // Thursday 00:00: a 304 reads no document, and the stored lists still move the next check out of the evening
    const thursday = new Date('2026-12-03T19:55:00.000Z');
    await runPipeline({ loaded, store, channels: [], all: true, now: () => thursday, random: () => 0.5 });
    expect(requests).toEqual(['full', 'conditional']);
    expect((await nextCheckOf(store)).at).toBe('2026-12-04T00:00:00.000Z');

    // the feed drops them: its rate alone sets the next check again
    skip = '';
    const friday = new Date('2026-12-04T15:00:00.000Z');
    await runPipeline({ loaded, store, channels: [], all: true, now: () => friday, random: () => 0.5 });
    expect(requests).toEqual(['full', 'conditional', 'conditional']);
    // 12 items over 68 hours: every 5.7 hours, 20:40, an hour the feed no longer skips
    const next = await nextCheckOf(store);
    expect(next.reason).not.toMatch(/skip/);
    expect(next.at).toMatch(/^2026-12-04T20:40/);
  });
});
