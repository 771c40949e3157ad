import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { runHadFailures, runPipeline } from '../../src/run/run-pipeline.ts';
import type { Store } from '../../src/store/index.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A check that stores some of its new items but not all (a full disk, a locked database; here a trigger refusing one
 * item's insert) is a failed check, yet the items it did store are seen: the source's items seen and the fetch log
 * count them, and the run's report says the source failed, as `sources` does.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Makes storing every item whose key matches `pattern` (SQL LIKE) fail, as a full disk would, until allowStoring. */
async function refuseStoring(store: Store, pattern: string): Promise<void> {
  await sql
    .raw(`CREATE TRIGGER refuse_item BEFORE INSERT ON articles WHEN NEW.item_key LIKE '${pattern}' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`)
    .execute(store.db);
}
async function allowStoring(store: Store): Promise<void> {
  await sql.raw('DROP TRIGGER refuse_item').execute(store.db);
}

const TEXT = 'Trade unions said they support a coordinated pause of frontier AI development until safety rules exist.';

async function sourceState(store: Store, sourceId: string) {
  const row = await store.db.selectFrom('sources').select(['items_seen', 'error_streak', 'last_error_code']).where('id', '=', sourceId).executeTakeFirstOrThrow();
  const articles = await store.db.selectFrom('articles').select('item_key').where('source_id', '=', sourceId).orderBy('item_key').execute();
  // oldest first, as the checks were made
  const history = await store.db.selectFrom('fetch_attempts').select(['outcome', 'items_seen']).where('source_id', '=', sourceId).orderBy('id').execute();
  return { itemsSeen: row.items_seen, articles: articles.map((a) => path.basename(a.item_key)), history: history.map((h) => [h.outcome, h.items_seen]) };
}

describe('a check that stores only some of its new items', () => {
  it('counts the feed items it stored as seen, logs that many, and reports the feed failed', async () => {
    const at = new Date('2026-12-01T12:00:00.000Z');
    let guids = ['h-0', 'h-1'];
    const server = await startServer({
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>` +
            guids
              .map((guid, i) => `<item><title>Item ${guid}</title><guid>${guid}</guid><pubDate>${new Date(at.getTime() - (i + 1) * 600_000).toUTCString()}</pubDate><description>${guid}: ${TEXT}</description></item>`)
              .join('') +
            '</channel></rss>',
        ),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'partial-store-feed', [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/feed.xml` }]);
    const run = (minutes: number) => runPipeline({ loaded, store, channels: [], all: true, now: () => new Date(at.getTime() + minutes * 60_000), random: () => 0.5 });

    await run(0);
    expect(await sourceState(store, 'wire')).toEqual({ itemsSeen: 2, articles: ['h-0', 'h-1'], history: [['ok', 2]] });

    // three new items, one of which cannot be stored
    guids = ['h-5', 'h-6', 'h-7', 'h-0', 'h-1'];
    await refuseStoring(store, 'h-6');
    const partial = await run(10);
    const [report] = partial.sources;
    expect(report).toMatchObject({ outcome: 'failed', articlesAdded: 2, error: { code: 'store' } });
    expect(report!.error!.message).toContain('1 of 3 new items could not be stored');
    expect(runHadFailures(partial)).toBe(true);
    expect(await sourceState(store, 'wire')).toEqual({ itemsSeen: 4, articles: ['h-0', 'h-1', 'h-5', 'h-7'], history: [['ok', 2], ['failed', 2]] });

    // the next run reads the one it missed as new, and only that one
    await allowStoring(store);
    const healed = await run(20);
    expect(healed.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, itemErrors: [] });
    expect(await sourceState(store, 'wire')).toEqual({
      itemsSeen: 5, articles: ['h-0', 'h-1', 'h-5', 'h-6', 'h-7'], history: [['ok', 2], ['failed', 2], ['ok', 1]],
    });
  });

  it('counts the captures of a folder it stored as seen, logs that many, and reports the folder failed', async () => {
    const { store, loaded } = await feedRunProject(cleanups, 'partial-store-files', [{ id: 'captures', kind: 'files', name: 'Captures', glob: 'captures/*.txt' }]);
    const dir = path.join(loaded.rootDir, 'captures');
    mkdirSync(dir);
    for (const name of ['a', 'b', 'c']) writeFileSync(path.join(dir, `${name}.txt`), `Capture ${name} on the pause\n\n${name}: ${TEXT}\n`);
    const run = (hour: number) => runPipeline({ loaded, store, channels: [], now: () => new Date(Date.UTC(2026, 11, 1, hour)), random: () => 0.5 });

    await refuseStoring(store, '%b.txt');
    const partial = await run(12);
    expect(partial.sources[0]).toMatchObject({ outcome: 'failed', articlesAdded: 2, error: { code: 'store' } });
    expect(partial.sources[0]!.error!.message).toContain('1 of 3 new items could not be stored');
    expect(await sourceState(store, 'captures')).toEqual({ itemsSeen: 2, articles: ['a.txt', 'c.txt'], history: [['failed', 2]] });

    await allowStoring(store);
    const healed = await run(13);
    expect(healed.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, itemErrors: [] });
    expect(await sourceState(store, 'captures')).toEqual({ itemsSeen: 3, articles: ['a.txt', 'b.txt', 'c.txt'], history: [['failed', 2], ['ok', 1]] });
  });
});
