import { afterEach, describe, expect, it } from 'vitest';
import { nextCheck } from '../../src/run/schedule.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { databaseAt } from '../helpers/migrated-database.ts';
import { at, HOUR, wireArticle, wireFeed } from '../helpers/wire-source.ts';

/**
 * A source keeps the publication times of the items of the last feed document it read, so that a check that reads no
 * document (a 304) is scheduled by the items the feed has, as the read was. The stored articles since the pipeline
 * file last changed the source's URL (location_changed_at) leave out the items the new feed shares with the old one,
 * first stored before: a daily feed given a new address was checked hourly, "no dated items".
 */

const DAY = 24 * HOUR;
describe.each(dialects)('the items of the last document a source read, on $name', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  /** The one run of a test, which its checks are recorded in. */
  let runId: number | undefined;
  afterEach(async () => {
    runId = undefined;
    await store?.close();
    await database?.drop();
    store = undefined;
    database = undefined;
  });
  async function open(): Promise<Store> {
    database = await fresh();
    store = await openStore(database.target);
    return store;
  }
  const row = async (s: Store) => (await repo.listSources(s.db, 'p'))[0]!;
  /** A check of `wire` ending at `finishedAt` (hours), with what the record adds. */
  async function check(s: Store, finishedAt: number, record: Partial<repo.FetchRecord> & Pick<repo.FetchRecord, 'outcome'>) {
    runId ??= await repo.startRun(s.db, 'p', at(finishedAt));
    await repo.recordFetch(s.db, {
      runId, pipelineId: 'p', sourceId: 'wire', url: 'https://new.example/feed', startedAt: at(finishedAt), finishedAt: at(finishedAt),
      httpStatus: record.outcome === 'failed' ? 500 : 200, error: record.outcome === 'failed' ? { code: 'http_500', message: 'HTTP 500' } : null, newItems: 0, ...record,
    });
  }

  it('keeps the newest dated items of a document read, through a 304 and a failure, until the next read or a new URL', async () => {
    const s = await open();
    await repo.syncSources(s.db, 'p', [wireFeed('https://new.example/feed')], at(0));
    expect(repo.lastReadPublished(await row(s))).toBeNull();
    const daily = [at(-24), null, at(-48), '2026-05-28', at(-72)];
    await check(s, 1, { outcome: 'ok', published: daily });
    const kept = [at(-24), at(-48), at(-72), '2026-05-28'];
    expect(repo.lastReadPublished(await row(s))).toEqual(kept);
    await check(s, 2, { outcome: 'not_modified', httpStatus: 304 });
    await check(s, 3, { outcome: 'failed' });
    expect(repo.lastReadPublished(await row(s))).toEqual(kept);
    // a feed of many items: the newest, as many as the schedule reads
    const many = Array.from({ length: 80 }, (_v, i) => at(-i));
    await check(s, 4, { outcome: 'ok', published: many });
    expect(repo.lastReadPublished(await row(s))).toEqual(many.slice(0, repo.LAST_READ_PUBLISHED_KEPT));
    // a rename keeps them; another URL is another document
    await repo.syncSources(s.db, 'p', [wireFeed('https://new.example/feed', 'Wire, renamed')], at(5));
    expect(repo.lastReadPublished(await row(s))).toHaveLength(repo.LAST_READ_PUBLISHED_KEPT);
    await repo.syncSources(s.db, 'p', [wireFeed('https://third.example/feed')], at(6));
    expect(repo.lastReadPublished(await row(s))).toBeNull();
  });

  it('schedules a 304 after a URL change by the new feed\'s items, those it shares with the old one included', async () => {
    const s = await open();
    await repo.syncSources(s.db, 'p', [wireFeed('https://old.example/feed')], at(0));
    // the old address's five daily items, stored when it was read
    const daily = [0, 1, 2, 3, 4].map((day) => at(-6 - 24 * day));
    for (const [i, published] of daily.entries()) await repo.insertArticle(s.db, wireArticle(`daily-${i}`, published, at(0)));
    // the user gives the source the feed's new address, where the same five items are: none is stored again
    await repo.syncSources(s.db, 'p', [wireFeed('https://new.example/feed')], at(1));
    await check(s, 1, { outcome: 'ok', published: daily });
    const now = new Date(at(25));
    const after304 = (recentPublished: readonly (string | null)[]) => nextCheck({ now, outcome: 'not_modified', failuresBefore: 0, random: () => 0.5, recentPublished });
    // by the stored articles since the change: none, so an hour, and "no dated items"
    expect(after304(await repo.recentPublicationTimes(s.db, 'p', 'wire', 50)).reason).toBe('no dated items, default 60 min');
    // by the document the 304 says is unchanged: its five items, daily
    const scheduled = after304(repo.lastReadPublished(await row(s))!);
    expect(scheduled.reason).toMatch(/^5 items over 5.3 days: every 24 h$/);
    expect(Date.parse(scheduled.at) - now.getTime()).toBe(DAY);
  });

  it('adds the column to a database of the release before, its sources with none recorded', async () => {
    database = await fresh();
    const before = await databaseAt(name, database.target, '023-source-location-changed-at');
    await before
      .insertInto('sources')
      .values({ id: 'wire', pipeline_id: 'p', kind: 'feed', name: 'Wire', location: 'https://old.example/feed', error_streak: 0, items_seen: 5, gone: 0, created_at: at(0), updated_at: at(0) })
      .execute();
    await before.destroy();
    store = await openStore(database.target);
    expect(await store.db.selectFrom('sources').select(['id', 'last_read_published']).execute()).toEqual([{ id: 'wire', last_read_published: null }]);
    expect(repo.lastReadPublished(await row(store))).toBeNull();
  });
});
