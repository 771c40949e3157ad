import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer, type Route } from '../helpers/http-server.ts';

/**
 * Feeds that failed together while their host was down back off with full jitter, so some were a day away when the
 * host came back: a day's outage had stories seen up to 38 hours late. A host answering one of its feeds again brings
 * its others forward, spread over a quarter of an hour.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;
const t0 = new Date('2026-06-10T06:00:00.000Z');
const later = (ms: number) => new Date(t0.getTime() + ms);

const feed = (tag: string): Route => (_req, res) =>
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>${tag}</title><item><title>${tag}: labs weigh a pause</title><guid>${tag}-1</guid>` +
      `<pubDate>${new Date(t0.getTime() - 30 * MINUTE).toUTCString()}</pubDate><description>${tag}: unions back a pause of frontier AI.</description></item></channel></rss>`,
  );

describe.each(dialects)('a host that answers again after an outage, on $name', ({ fresh }) => {
  it('brings forward its feeds that failed for its outage, not those failing otherwise or asked to wait, nor another host\'s', async () => {
    const host = await startServer({ '/f0.xml': feed('f0'), '/f1.xml': feed('f1'), '/f2.xml': feed('f2'), '/f3.xml': feed('f3') });
    const other = await startServer({ '/g.xml': feed('g') });
    cleanups.push(() => host.close(), () => other.close());
    const { store, loaded } = await feedRunProject(
      cleanups,
      'host-recovery',
      [
        ...[0, 1, 2, 3].map((n) => ({ id: `f${n}`, kind: 'feed' as const, name: `F${n}`, url: `${host.url}/f${n}.xml`, fetchArticles: false })),
        { id: 'g', kind: 'feed' as const, name: 'G', url: `${other.url}/g.xml`, fetchArticles: false },
      ],
      { database: fresh },
    );
    await runPipeline({ loaded, store, channels: [], now: () => t0, random: () => 0.5 });
    // as the outage left them: f0 failed for the host's 503s and is due now; f1 failed so too, a day away; f2 for its
    // own 404; f3 asked to wait by a Retry-After; g on another host that was down
    const day = later(24 * 60 * MINUTE).toISOString();
    const failing = { error_streak: 6, next_check_at: day, next_check_reason: 'failure 6 in a row (http_503): backoff up to 8 h, jittered to 24 h' };
    const set = (id: string, values: Record<string, unknown>) => store.db.updateTable('sources').set(values).where('id', '=', id).execute();
    await set('f0', { error_streak: 3, last_error_code: 'http_503', next_check_at: t0.toISOString() });
    await set('f1', { ...failing, last_error_code: 'http_503' });
    await set('f2', { ...failing, last_error_code: 'http_404' });
    await set('f3', { ...failing, last_error_code: 'http_503', server_wait_until: day });
    await set('g', { ...failing, last_error_code: 'connection_refused' });

    const at = later(MINUTE);
    const report = await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    expect(report.sources.map((s) => [s.sourceId, s.outcome])).toEqual([['f0', 'not_modified'], ['f1', 'not_due'], ['f2', 'not_due'], ['f3', 'not_due'], ['g', 'not_due']]);
    const rows = Object.fromEntries((await store.db.selectFrom('sources').select(['id', 'next_check_at', 'next_check_reason']).execute()).map((row) => [row.id, row]));
    const spread = new Date(at.getTime() + 450_000).toISOString();
    expect(rows['f1']).toMatchObject({ next_check_at: spread, next_check_reason: expect.stringMatching(/^brought forward: 127\.0\.0\.1:\d+ answered again \(failure 6 in a row \(http_503\)/) });
    expect(report.sources[1]!.nextCheck).toMatchObject({ at: spread });
    for (const id of ['f2', 'f3', 'g']) expect(rows[id]!.next_check_at).toBe(day);
  });

  it("brings a feed forward no earlier than the hours its <skipHours> leave, and says so", async () => {
    const host = await startServer({ '/f0.xml': feed('f0'), '/f1.xml': feed('f1') });
    cleanups.push(() => host.close());
    const { store, loaded } = await feedRunProject(
      cleanups,
      'host-recovery-skip',
      [0, 1].map((n) => ({ id: `f${n}`, kind: 'feed' as const, name: `F${n}`, url: `${host.url}/f${n}.xml`, fetchArticles: false })),
      { database: fresh },
    );
    await runPipeline({ loaded, store, channels: [], now: () => t0, random: () => 0.5 });
    const day = later(24 * 60 * MINUTE).toISOString();
    const set = (id: string, values: Record<string, unknown>) => store.db.updateTable('sources').set(values).where('id', '=', id).execute();
    await set('f0', { error_streak: 3, last_error_code: 'http_503', next_check_at: t0.toISOString() });
    // f1's feed asks not to be read from 06:00 to 07:59 UTC
    await set('f1', { error_streak: 6, last_error_code: 'http_503', next_check_at: day, next_check_reason: 'failure 6 in a row (http_503): backoff up to 8 h, jittered to 24 h', skip_times: JSON.stringify({ hours: [6, 7], days: [] }) });

    await runPipeline({ loaded, store, channels: [], now: () => later(MINUTE), random: () => 0.5 });
    const row = await store.db.selectFrom('sources').select(['next_check_at', 'next_check_reason']).where('id', '=', 'f1').executeTakeFirstOrThrow();
    expect(row).toEqual({
      next_check_at: '2026-06-10T08:00:00.000Z',
      next_check_reason: expect.stringMatching(/^brought forward: 127\.0\.0\.1:\d+ answered again \(failure 6 in a row .*\); moved to 2026-06-10 08:00 UTC by the feed's skipHours$/),
    });
  });

  it('brings nothing forward when the feed that answered had not failed: a feed whose own address keeps failing backs off', async () => {
    const host = await startServer({ '/ok.xml': feed('ok'), '/broken.xml': (_req, res) => res.writeHead(500).end('broken') });
    cleanups.push(() => host.close());
    const { store, loaded } = await feedRunProject(
      cleanups,
      'host-recovery-one-broken',
      [
        { id: 'ok', kind: 'feed' as const, name: 'OK', url: `${host.url}/ok.xml`, fetchArticles: false },
        { id: 'broken', kind: 'feed' as const, name: 'Broken', url: `${host.url}/broken.xml`, fetchArticles: false },
      ],
      { database: fresh },
    );
    await runPipeline({ loaded, store, channels: [], now: () => t0, random: () => 0.5 });
    const day = later(24 * 60 * MINUTE).toISOString();
    await store.db.updateTable('sources').set({ error_streak: 5, last_error_code: 'http_500', next_check_at: day }).where('id', '=', 'broken').execute();
    await store.db.updateTable('sources').set({ next_check_at: t0.toISOString() }).where('id', '=', 'ok').execute();
    const report = await runPipeline({ loaded, store, channels: [], now: () => later(MINUTE), random: () => 0.5 });
    expect(report.sources.map((s) => [s.sourceId, s.outcome])).toEqual([['ok', 'not_modified'], ['broken', 'not_due']]);
    const row = await store.db.selectFrom('sources').select(['next_check_at']).where('id', '=', 'broken').executeTakeFirstOrThrow();
    expect(row.next_check_at).toBe(day);
  });
});
