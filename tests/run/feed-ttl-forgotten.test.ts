import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedPipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { Store } from '../../src/store/index.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A feed's `<ttl>` holds it to that interval only while the feed says it: a document read without one, or the
 * document of another feed the source's URL was changed to, is checked at its publishing rate, not at the old ttl.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HOUR = 3_600_000;
const at = new Date('2026-12-01T12:00:00.000Z');

/** Twelve items over the six hours before `at` (every 30 min), with `<ttl>` when given. */
function feedBody(prefix: string, ttlMinutes: number | null): string {
  const items = Array.from(
    { length: 12 },
    (_, i) =>
      `<item><title>${prefix} ${i}</title><guid>${prefix}-${i}</guid><pubDate>${new Date(at.getTime() - ((i + 1) * HOUR) / 2).toUTCString()}</pubDate>` +
      `<description>${prefix} ${i}: unions support a pause of frontier AI development.</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${prefix}</title>${ttlMinutes === null ? '' : `<ttl>${ttlMinutes}</ttl>`}${items.join('')}</channel></rss>`;
}

const rss = (body: () => string) => (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body());

async function nextCheckOf(store: Store): Promise<{ at: number; reason: string }> {
  const row = await store.db.selectFrom('sources').select(['next_check_at', 'next_check_reason']).where('id', '=', 'k').executeTakeFirstOrThrow();
  return { at: Date.parse(row.next_check_at!), reason: row.next_check_reason! };
}

/** The same pipeline with source `k` at another URL, as after the user edits the pipeline file. */
function withUrl(loaded: LoadedPipeline, url: string): LoadedPipeline {
  return { ...loaded, pipeline: { ...loaded.pipeline, sources: loaded.pipeline.sources.map((source) => ({ ...source, url })) } } as LoadedPipeline;
}

describe("a feed's <ttl>", () => {
  it('no longer holds a feed whose document dropped it', async () => {
    let ttl: number | null = 1440;
    const server = await startServer({ '/k.xml': rss(() => feedBody('k', ttl)) });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'ttl-dropped', [{ id: 'k', kind: 'feed', name: 'K', url: `${server.url}/k.xml` }]);

    await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    // a day, held at half the six hours its twelve items reach back
    expect(await nextCheckOf(store)).toMatchObject({ at: at.getTime() + 3 * HOUR, reason: expect.stringContaining('feed ttl (capped at half the time its items stay listed)') });

    ttl = null;
    const later = new Date(at.getTime() + HOUR);
    const report = await runPipeline({ loaded, store, channels: [], all: true, now: () => later, random: () => 0.5 });
    expect(report.sources[0]!.outcome).toBe('ok');
    // 12 items over 7 h: every 35 min
    const next = await nextCheckOf(store);
    expect(next.reason).not.toContain('ttl');
    expect(next.at).toBeLessThanOrEqual(later.getTime() + HOUR);
  });

  it("is forgotten when the source's URL is changed to another feed", async () => {
    const server = await startServer({ '/k1.xml': rss(() => feedBody('k1', 1440)), '/k2.xml': rss(() => feedBody('k2', null)) });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'ttl-url-changed', [{ id: 'k', kind: 'feed', name: 'K', url: `${server.url}/k1.xml` }]);
    await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    expect((await nextCheckOf(store)).reason).toContain('feed ttl');

    const later = new Date(at.getTime() + HOUR);
    const report = await runPipeline({ loaded: withUrl(loaded, `${server.url}/k2.xml`), store, channels: [], now: () => later, random: () => 0.5 });
    expect(report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 12 });
    const next = await nextCheckOf(store);
    expect(next.reason).not.toContain('ttl');
    expect(next.at).toBeLessThanOrEqual(later.getTime() + HOUR);
  });

  it("is forgotten when the source's URL is changed, even if the new address first answers 304", async () => {
    const server = await startServer({
      '/k1.xml': rss(() => feedBody('k1', 1440)),
      // a cache that answers 304 to a request with no validators: no document is read, so a stored ttl would count
      '/k2.xml': (_req, res) => res.writeHead(304).end(),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'ttl-url-changed-304', [{ id: 'k', kind: 'feed', name: 'K', url: `${server.url}/k1.xml` }]);
    await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });

    const later = new Date(at.getTime() + HOUR);
    const report = await runPipeline({ loaded: withUrl(loaded, `${server.url}/k2.xml`), store, channels: [], now: () => later, random: () => 0.5 });
    // a 304 to a request that asked for no condition says nothing of the feed: a failure, and no ttl stored counts
    expect(report.sources[0]!).toMatchObject({ outcome: 'failed', error: { code: 'not_modified' } });
    const next = await nextCheckOf(store);
    expect(next.reason).not.toContain('ttl');
    expect(next.at).toBeLessThan(later.getTime() + 24 * HOUR);
  });
});
