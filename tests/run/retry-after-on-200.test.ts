import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { listSources } from '../../src/store/index.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * Retry-After asks a client to wait after a refusal (429, 503): on a 200 it says nothing the schedule should hear. A
 * busy feed answering 200 with `Retry-After: 604800` was scheduled a week out, its news in no digest meanwhile.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const t0 = new Date('2026-06-10T06:00:00.000Z');
const MINUTE = 60_000;

describe('a feed read with a Retry-After on its 200', () => {
  it('is scheduled by how often it publishes, not by the Retry-After', async () => {
    const items = Array.from(
      { length: 12 },
      (_, i) =>
        `<item><title>Item ${i}: labs weigh a pause</title><guid>i-${i}</guid><pubDate>${new Date(t0.getTime() - (i + 1) * 10 * MINUTE).toUTCString()}</pubDate>` +
        `<description>Labs discuss a coordinated pause of frontier AI development, item ${i}.</description></item>`,
    ).join('');
    const server = await startServer({
      '/busy.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'retry-after': '604800' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title>${items}</channel></rss>`),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'retry-after-200', [{ id: 'busy', kind: 'feed', name: 'Busy', url: `${server.url}/busy.xml`, fetchArticles: false }]);

    const report = await runPipeline({ loaded, store, channels: [], now: () => t0, random: () => 0.5 });
    const source = report.sources[0]!;
    expect(source).toMatchObject({ outcome: 'ok', nextCheck: { heldByServer: false } });
    // twelve items ten minutes apart: checked within the hour, not in a week
    expect(Date.parse(source.nextCheck!.at)).toBeLessThanOrEqual(t0.getTime() + 60 * MINUTE);
    expect(source.nextCheck!.reason).not.toMatch(/Retry-After/);
    const [row] = await listSources(store.db, loaded.pipeline.id);
    expect(row).toMatchObject({ next_check_at: source.nextCheck!.at, server_wait_until: null });
  });
});
