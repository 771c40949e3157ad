import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A server or cache that answers 304 to every conditional request, whatever the feed now holds, froze the feed: each
 * check was "not modified", the source shown as checked, and every new story missed. Once the last document read is
 * three days old, the feed is asked without validators.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HOUR = 3_600_000;
const t0 = new Date('2026-06-10T06:00:00.000Z');

const rss = (items: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>${Array.from(
    { length: items },
    (_, i) =>
      `<item><title>Daily ${i}: labs weigh a pause</title><guid>d-${i}</guid><pubDate>${new Date(t0.getTime() - (items - i) * 24 * HOUR).toUTCString()}</pubDate>` +
      `<description>Daily ${i}: unions back a coordinated pause of frontier AI development.</description></item>`,
  ).join('')}</channel></rss>`;

describe.each(dialects)('a feed behind a cache that answers 304 to any conditional request, on $name', ({ fresh }) => {
  it('is asked without validators once its last document is three days old, and its new stories are read', async () => {
    const state = { items: 3 };
    const requests: string[] = [];
    const server = await startServer({
      '/d.xml': (req, res) => {
        const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
        requests.push(conditional ? 'conditional' : 'full');
        if (conditional) return res.writeHead(304).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"v${state.items}"`, 'last-modified': t0.toUTCString() }).end(rss(state.items));
      },
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'stale-304', [{ id: 'd', kind: 'feed', name: 'Daily', url: `${server.url}/d.xml`, fetchArticles: false }], { database: fresh });
    const run = (at: Date) => runPipeline({ loaded, store, channels: [], all: true, now: () => at, random: () => 0.5 });

    expect((await run(t0)).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 3 });
    state.items = 5;
    // within three days the cache's 304 is taken at its word
    expect((await run(new Date(t0.getTime() + 30 * HOUR))).sources[0]).toMatchObject({ outcome: 'not_modified' });
    expect((await run(new Date(t0.getTime() + 60 * HOUR))).sources[0]).toMatchObject({ outcome: 'not_modified' });
    // then the feed is asked for whole, and the two stories the 304s hid are read
    expect((await run(new Date(t0.getTime() + 73 * HOUR))).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 2 });
    expect(requests).toEqual(['full', 'conditional', 'conditional', 'full']);
    // a document read: conditional again
    await run(new Date(t0.getTime() + 74 * HOUR));
    expect(requests.at(-1)).toBe('conditional');
  });
});
