import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A notice posted again under one GUID and link, with the same title and text and a new date (a status page's
 * "Scheduled maintenance"), is another item: the feed now lists both, which share their GUID and link and so are
 * known by their text and date. The older one is the article stored under the link; the newer one is stored too,
 * where it was taken for the older one (by their shared link) and never stored.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a notice posted again under its GUID and link', () => {
  it('is stored, and the one stored before is not stored again', async () => {
    const days = { listed: ['03'] };
    const item = (host: string, day: string) =>
      `<item><title>Scheduled maintenance: labs pause frontier AI training</title><link>http://${host}/</link><guid>http://${host}/</guid>` +
      `<description>Labs pause frontier AI training runs for an hour of maintenance.</description><pubDate>${day} Jun 2026 22:00:00 GMT</pubDate></item>`;
    const server = await startServer({
      '/status.xml': (req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<rss version="2.0"><channel><title>Status</title>${days.listed.map((day) => item(req.headers.host!, day)).join('')}</channel></rss>`),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'recurring-notice', [{ id: 's', kind: 'feed', name: 'Status', url: `${server.url}/status.xml`, fetchArticles: false }]);

    const first = await runPipeline({ loaded, store, channels: [], now: () => new Date('2026-06-04T00:00:00.000Z'), random: () => 0.5 });
    expect(first.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1 });
    days.listed = ['10', '03'];
    const second = await runPipeline({ loaded, store, channels: [], now: () => new Date('2026-06-11T00:00:00.000Z'), random: () => 0.5 });
    expect(second.sources[0]).toMatchObject({ outcome: 'ok' });
    const rows = await store.db.selectFrom('articles').select(['published_at']).orderBy('id').execute();
    expect(rows.map((row) => row.published_at)).toEqual(['2026-06-03T22:00:00.000Z', '2026-06-10T22:00:00.000Z']);
  });
});
