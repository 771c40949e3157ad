import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { Store } from '../../src/store/index.ts';
import { freshPostgres, type TestDatabase } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * Items a run could not store (a full disk, a locked database): made to fail here by a trigger that refuses one
 * item's insert, as SQLite refuses a write to a full disk. The source must not be scheduled as checked (the next run
 * reads the item again), the failure must show in `sources`, and a read that stored only part of a backlog is not
 * the source's first successful read.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Makes storing the item of `key` fail, as a full disk would, until `allowStoring`. */
async function refuseStoring(store: Store, key: string): Promise<void> {
  await sql
    .raw(`CREATE TRIGGER refuse_item BEFORE INSERT ON articles WHEN NEW.item_key = '${key}' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`)
    .execute(store.db);
}
async function allowStoring(store: Store): Promise<void> {
  await sql.raw('DROP TRIGGER refuse_item').execute(store.db);
}

/**
 * A pipeline of one feed, "Wire", of one item keyed `only` (with `channelExtra` in its channel), in a fresh project
 * and database (SQLite unless `database` says otherwise).
 */
async function oneItemWire(id: string, { channelExtra = '', database }: { channelExtra?: string; database?: () => Promise<TestDatabase> } = {}) {
  const server = await startServer({
    '/feed.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${channelExtra}<item><title>Only</title><guid>only</guid><description>${TEXTS[0]}</description></item></channel></rss>`),
  });
  cleanups.push(() => server.close());
  const project = await feedRunProject(cleanups, id, [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/feed.xml` }], database ? { database } : {});
  return { server, ...project };
}

const TEXTS = [
  'Trade unions said on Monday that they support a coordinated pause of frontier AI development. Their leaders argued that AI labs should halt the largest training runs until safety rules exist.',
  'More than two hundred scientists signed a letter calling for a verified pause of frontier AI. The signatories want AI labs to stop training runs beyond current scale, with inspections.',
  'The city council voted to endorse the global moratorium on frontier AI training runs. Councillors said a pause is the responsible course and that AI labs must accept independent checks.',
  'Church leaders from several denominations called for a halt to frontier AI development. They support the proposed pause, saying AI labs owe the public time to debate the risks.',
];

describe('a run that cannot store some of its new items', () => {
  it('leaves the feed due, says why in its source row, and the next run stores what was missed', async () => {
    const at = new Date('2026-12-01T12:00:00.000Z');
    const server = await startServer({
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>${server.url}/</link>` +
            TEXTS.slice(0, 3)
              .map((text, i) => `<item><title>Item ${i}</title><guid>item-${i}</guid><pubDate>${new Date(at.getTime() - (i + 1) * 3_600_000).toUTCString()}</pubDate><description>${text}</description></item>`)
              .join('') +
            '</channel></rss>',
        ),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'store-failures', [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/feed.xml` }]);
    const run = (now: Date) => runPipeline({ loaded, store, channels: [], now: () => now, random: () => 0.5 });
    const sourceRow = () => store.db.selectFrom('sources').selectAll().where('id', '=', 'wire').executeTakeFirstOrThrow();

    await refuseStoring(store, 'item-1');
    const first = await run(at);
    expect(first.sources[0]!.articlesAdded).toBe(2);
    expect(first.sources[0]!.itemErrors.map((item) => [item.key, item.error.code])).toEqual([['item-1', 'store']]);
    // due at once, not at the feed's usual interval
    expect(Date.parse(first.sources[0]!.nextCheck!.at)).toBeLessThanOrEqual(at.getTime());
    const row = await sourceRow();
    expect(Date.parse(row.next_check_at!)).toBeLessThanOrEqual(at.getTime());
    expect(row.error_streak).toBe(1);
    expect(row.last_error_code).toBe('store');
    expect(row.last_error).toContain('1 of 3 new items could not be stored');
    expect(row.last_error).toContain('database or disk is full');
    // nor are the validators kept: the next read is a full one, not a "not modified"
    expect(row.etag).toBeNull();

    await allowStoring(store);
    const second = await run(new Date(at.getTime() + 1000));
    expect(second.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, itemErrors: [] });
    expect(server.hits.get('/feed.xml')).toBe(2);
    expect((await store.db.selectFrom('articles').select('item_key').orderBy('item_key').execute()).map((a) => a.item_key)).toEqual(['item-0', 'item-1', 'item-2']);
    const healed = await sourceRow();
    expect(healed.error_streak).toBe(0);
    expect(Date.parse(healed.next_check_at!)).toBeGreaterThan(at.getTime() + 60_000);
  });

  it('backs off when storing keeps failing run after run, as after any failure', async () => {
    const at = new Date('2026-12-01T12:00:00.000Z');
    const { store, loaded } = await oneItemWire('store-failures-again');
    await refuseStoring(store, 'only');
    await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    const second = await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    expect(second.sources[0]!.itemErrors).toHaveLength(1);
    expect(second.sources[0]!.nextCheck!.reason).toMatch(/^failure 2 in a row \(store\)/);
    expect(Date.parse(second.sources[0]!.nextCheck!.at)).toBeGreaterThan(at.getTime());
    const row = await store.db.selectFrom('sources').select(['error_streak']).where('id', '=', 'wire').executeTakeFirstOrThrow();
    expect(row.error_streak).toBe(2);
  });

  it('reads the feed again by the next run when the database fails for the whole source, not backed off as a bug', async () => {
    const at = new Date('2026-12-01T12:00:00.000Z');
    const { server, store, loaded } = await oneItemWire('store-failures-source', { database: freshPostgres });
    // the server cancels the statement recording the check, once (a sequence: the rollback does not take it back), as
    // its statement_timeout does
    await sql
      .raw(
        `CREATE SEQUENCE cancel_once;
         CREATE FUNCTION cancel_once() RETURNS trigger AS $$
         BEGIN
           IF nextval('cancel_once') = 1 THEN
             RAISE EXCEPTION 'canceling statement due to statement timeout' USING ERRCODE = 'query_canceled';
           END IF;
           RETURN NEW;
         END $$ LANGUAGE plpgsql;
         CREATE TRIGGER cancel_once BEFORE INSERT ON fetch_attempts FOR EACH ROW EXECUTE FUNCTION cancel_once();`,
      )
      .execute(store.db);

    const first = await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    expect(first.sources[0]!.error).toMatchObject({ code: 'store' });
    expect(first.sources[0]!.error!.message).toContain('was cancelled');
    expect(first.sources[0]!.nextCheck).toMatchObject({ at: at.toISOString(), reason: 'failure 1 in a row (store): read again by the next run' });
    const row = await store.db.selectFrom('sources').select(['next_check_at', 'error_streak', 'last_error_code']).where('id', '=', 'wire').executeTakeFirstOrThrow();
    expect(row).toEqual({ next_check_at: at.toISOString(), error_streak: 1, last_error_code: 'store' });

    const second = await runPipeline({ loaded, store, channels: [], now: () => new Date(at.getTime() + 60_000), random: () => 0.5 });
    expect(second.sources[0]).toMatchObject({ outcome: 'ok', error: null, articlesAdded: 0 });
    expect(server.hits.get('/feed.xml')).toBe(2);
    expect(await store.db.selectFrom('articles').select('item_key').execute()).toEqual([{ item_key: 'only' }]);
  });

  it("keeps the retry after a store failure out of the hours the feed's <skipHours> names", async () => {
    // 19:50 UTC, the feed asking not to be read from 20:00 to midnight: the backoff after a second failure would fall in them
    const at = new Date('2026-12-01T19:50:00.000Z');
    const skipHours = '<skipHours><hour>20</hour><hour>21</hour><hour>22</hour><hour>23</hour></skipHours>';
    const { store, loaded } = await oneItemWire('store-failures-skip', { channelExtra: skipHours });
    await refuseStoring(store, 'only');
    await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    const second = await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    expect(second.sources[0]!.nextCheck).toMatchObject({ at: '2026-12-02T00:00:00.000Z', reason: expect.stringMatching(/^failure 2 in a row \(store\).*skipHours/) });
    const row = await store.db.selectFrom('sources').select(['next_check_at']).where('id', '=', 'wire').executeTakeFirstOrThrow();
    expect(row.next_check_at).toBe('2026-12-02T00:00:00.000Z');
  });

  it("takes a folder's first read that stored only part of its captures for no successful read: the rest of its undated backlog raises no alert", async () => {
    const { store, loaded } = await feedRunProject(cleanups, 'store-failures-files', [{ id: 'captures', kind: 'files', name: 'Captures', glob: 'captures/*.txt' }], {
      alerts: { channels: [{ type: 'file', path: 'data/alerts.jsonl' }] },
    });
    const dir = path.join(loaded.rootDir, 'captures');
    mkdirSync(dir);
    TEXTS.forEach((text, i) => writeFileSync(path.join(dir, `capture-${i}.txt`), `Capture ${i} on the pause\n\n${text}\n`));
    const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough().resume());
    const run = (now: string) => runPipeline({ loaded, store, channels, now: () => new Date(now), random: () => 0.5 });
    const alerted = (): string[] => {
      const file = path.join(loaded.rootDir, 'data/alerts.jsonl');
      return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { title: string }).title) : [];
    };

    // the first read stores one capture of four: the disk fills
    await sql
      .raw(`CREATE TRIGGER refuse_item BEFORE INSERT ON articles WHEN NEW.item_key NOT LIKE '%capture-0.txt' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`)
      .execute(store.db);
    const first = await run('2026-12-01T12:00:00.000Z');
    expect(first.sources[0]).toMatchObject({ articlesAdded: 1 });
    expect(first.sources[0]!.itemErrors).toHaveLength(3);
    const row = await store.db.selectFrom('sources').select(['last_success_at', 'last_error_code', 'last_error']).where('id', '=', 'captures').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_success_at: null, last_error_code: 'store' });
    expect(row.last_error).toContain('3 of 4 new items could not be stored');

    // the re-run stores the rest of the backlog: still the first complete read, so no alerts for it
    await allowStoring(store);
    const second = await run('2026-12-01T13:00:00.000Z');
    expect(second.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 3, itemErrors: [] });
    expect(alerted()).toEqual([]);

    // a capture saved after the folder's first complete read is news
    writeFileSync(path.join(dir, 'capture-new.txt'), `A new capture on the pause\n\nStudents rallied outside parliament in support of a pause on frontier AI. Speakers demanded that AI labs agree to the moratorium and that training runs of the largest models stop.\n`);
    await run('2026-12-01T14:00:00.000Z');
    expect(alerted()).toEqual(['A new capture on the pause']);
  });
});
