import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * SQLite ends a transaction itself when the disk fills (SQLITE_FULL); the failure must be told as a full disk, not
 * hidden by the ROLLBACK that then finds no transaction. A database held to a few pages (max_page_count) fills as a
 * full disk does.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const items = Array.from({ length: 40 }, (_, i) => `<item><title>Labs weigh a pause ${i}</title><guid>g-${i}</guid><description>${`Unions back a pause of frontier AI, day ${i}. `.repeat(600)}</description></item>`).join('');
const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${items}</channel></rss>`;

describe('a SQLite database whose disk fills during a run', () => {
  it('names the full disk for the items it could not store, not a failed rollback', async () => {
    const server = await startServer({ '/w.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss) });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'sqlite-full', [{ id: 'w', kind: 'feed', name: 'Wire', url: `${server.url}/w.xml`, fetchArticles: false }]);
    const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(store.db);
    // room for a few of the items: the disk fills while the others are stored, each in its transaction
    await sql.raw(`PRAGMA max_page_count = ${rows[0]!.page_count + 40}`).execute(store.db);
    const report = await runPipeline({ loaded, store, channels: [], all: true });
    const [source] = report.sources;
    expect(source).toMatchObject({ outcome: 'failed', error: { code: 'store' } });
    expect(source!.articlesAdded).toBeGreaterThan(0);
    expect(source!.itemErrors.length).toBeGreaterThan(0);
    for (const message of [source!.error!.message, ...source!.itemErrors.map((item) => item.error.message)]) {
      expect(message).toMatch(/the disk holding .*pausewatch\.db is full \(SQLite: database or disk is full\)/);
    }
  });
});
