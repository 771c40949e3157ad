import { afterEach, describe, expect, it } from 'vitest';
import { nextCheck } from '../../src/run/schedule.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { databaseAt } from '../helpers/migrated-database.ts';
import { at, HOUR, wireArticle, wireFeed } from '../helpers/wire-source.ts';

/**
 * A source whose address the pipeline file changes may now be another feed: the publishing rate a check without a
 * document (a 304) is scheduled by comes from the articles stored since the change (sources.location_changed_at),
 * not from the old feed's. A permanent move the file takes up is the same feed, and keeps counting them.
 */

/** Forty items of a fast feed, every 15 minutes up to `until` (hours), first stored then. */
async function storeFastFeed(store: Store, until: number): Promise<void> {
  for (let i = 0; i < 40; i++) await repo.insertArticle(store.db, wireArticle(`fast-${i}`, at(until - i / 4), at(until)));
}

async function changedAt(store: Store): Promise<string | null> {
  const row = await store.db.selectFrom('sources').select('location_changed_at').where('pipeline_id', '=', 'p').where('id', '=', 'wire').executeTakeFirstOrThrow();
  return row.location_changed_at;
}

/** What a 304 at `now` schedules the source by. */
async function after304(store: Store, now: string) {
  return nextCheck({ now: new Date(now), outcome: 'not_modified', failuresBefore: 0, random: () => 0.5, recentPublished: await repo.recentPublicationTimes(store.db, 'p', 'wire', 50) });
}

describe.each(dialects)('a source whose location changed, on $name', ({ fresh }) => {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  afterEach(async () => {
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

  it('records when the pipeline file gave the source another URL, and keeps that time through renames', async () => {
    const store = await open();
    await repo.syncSources(store.db, 'p', [wireFeed('https://old.example/feed')], at(0));
    expect(await changedAt(store)).toBeNull();
    await repo.syncSources(store.db, 'p', [wireFeed('https://new.example/feed')], at(10));
    expect(await changedAt(store)).toBe(at(10));
    await repo.syncSources(store.db, 'p', [wireFeed('https://new.example/feed', 'Wire, renamed')], at(20));
    expect(await changedAt(store)).toBe(at(10));
    await repo.syncSources(store.db, 'p', [wireFeed('https://third.example/feed')], at(30));
    expect(await changedAt(store)).toBe(at(30));
  });

  it('records a new login as a change (it may read another account\'s feed), without storing the login', async () => {
    const store = await open();
    await repo.syncSources(store.db, 'p', [wireFeed('https://reader:one@paid.example/feed')], at(0));
    await repo.syncSources(store.db, 'p', [wireFeed('https://reader:two@paid.example/feed')], at(10));
    expect(await changedAt(store)).toBe(at(10));
    expect((await repo.listSources(store.db, 'p'))[0]!.location).toBe('https://paid.example/feed');
  });

  it('does not count a permanent move the pipeline file took up (`sources update-moved`): the same feed at a new address', async () => {
    const store = await open();
    await repo.syncSources(store.db, 'p', [wireFeed('https://old.example/feed')], at(0));
    await repo.syncSources(store.db, 'p', [wireFeed('https://wire.example/feed')], at(10));
    // as a run leaves it after a 301 from the file's URL
    await store.db.updateTable('sources').set({ moved_to: 'https://wire.example/v2/feed' }).where('pipeline_id', '=', 'p').where('id', '=', 'wire').execute();
    await repo.syncSources(store.db, 'p', [wireFeed('https://wire.example/v2/feed')], at(20));
    const row = (await repo.listSources(store.db, 'p'))[0]!;
    expect(row).toMatchObject({ location: 'https://wire.example/v2/feed', moved_to: null, location_changed_at: at(10) });
  });

  it('does not count a URL written otherwise for the same address (host case, a #fragment, an empty ?)', async () => {
    const store = await open();
    await repo.syncSources(store.db, 'p', [wireFeed('https://old.example/feed')], at(0));
    await repo.syncSources(store.db, 'p', [wireFeed('https://wire.example/feed')], at(10));
    await repo.syncSources(store.db, 'p', [wireFeed('https://WIRE.example/feed?#latest')], at(20));
    expect(await changedAt(store)).toBe(at(10));
  });

  it('estimates the rate after a 304 from the articles stored since the URL changed, not from the old feed\'s', async () => {
    const store = await open();
    await repo.syncSources(store.db, 'p', [wireFeed('https://fast.example/feed')], at(0));
    await storeFastFeed(store, 10);
    // the user points the source at a daily feed: its first read stores three items a day apart
    await repo.syncSources(store.db, 'p', [wireFeed('https://daily.example/feed')], at(11));
    for (const day of [1, 2, 3]) await repo.insertArticle(store.db, wireArticle(`daily-${day}`, at(11 - 24 * day), at(11)));

    expect(await repo.recentPublicationTimes(store.db, 'p', 'wire', 50)).toEqual([at(11 - 24), at(11 - 48), at(11 - 72)]);
    // 3 items over 4 days: once a day (capped), not every 2.3 hours as 43 items of both feeds would have it
    const next = await after304(store, at(35));
    expect(next.reason).toMatch(/^3 items over/);
    expect(Date.parse(next.at)).toBe(Date.parse(at(35)) + 24 * HOUR);
  });

  it('has no rate to go by when nothing was stored since the URL changed: the default interval, not the old feed\'s rate', async () => {
    const store = await open();
    await repo.syncSources(store.db, 'p', [wireFeed('https://fast.example/feed')], at(0));
    await storeFastFeed(store, 10);
    await repo.syncSources(store.db, 'p', [wireFeed('https://quiet.example/feed')], at(11));

    expect(await repo.recentPublicationTimes(store.db, 'p', 'wire', 50)).toEqual([]);
    const next = await after304(store, at(12));
    expect(next.reason).toMatch(/^no dated items, default 60 min/);
    expect(Date.parse(next.at)).toBe(Date.parse(at(12)) + HOUR);
  });

  it('keeps counting the articles from before a permanent move the pipeline file took up', async () => {
    const store = await open();
    await repo.syncSources(store.db, 'p', [wireFeed('https://old.example/feed')], at(0));
    await repo.syncSources(store.db, 'p', [wireFeed('https://fast.example/feed')], at(1));
    await repo.insertArticle(store.db, wireArticle('before-the-change', at(0.5), at(0.5)));
    await storeFastFeed(store, 10);
    await store.db.updateTable('sources').set({ moved_to: 'https://fast.example/v2/feed' }).where('pipeline_id', '=', 'p').where('id', '=', 'wire').execute();
    await repo.syncSources(store.db, 'p', [wireFeed('https://fast.example/v2/feed')], at(11));
    // the forty of the feed since it was given its URL, not the one of the feed before
    expect(await repo.recentPublicationTimes(store.db, 'p', 'wire', 50)).toHaveLength(40);
  });
});

describe.each(dialects)('upgrading a $name database to sources that record a change of location', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('keeps every source and article, records no change for them (all their articles count), and records the next one', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '022-item-keys-with-summaries');
    await old.insertInto('sources').values([
      { id: 'wire', pipeline_id: 'p', kind: 'feed', name: 'Wire', location: 'https://fast.example/feed', etag: '"v1"', error_streak: 0, items_seen: 40, gone: 0, created_at: at(0), updated_at: at(10) },
      { id: 'caps', pipeline_id: 'p', kind: 'files', name: 'Captures', location: 'caps/*.html', error_streak: 0, items_seen: 0, gone: 0, created_at: at(0), updated_at: at(0) },
    ]).execute();
    // as the release before left them (had the URL of `wire` been changed, nothing recorded when)
    await old.insertInto('articles').values(Array.from({ length: 40 }, (_, i) => wireArticle(`fast-${i}`, at(10 - i / 4), at(i < 20 ? 5 : 10)))).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      const sources = await repo.listSources(store.db, 'p');
      expect(sources).toEqual([
        expect.objectContaining({ id: 'caps', kind: 'files', location: 'caps/*.html', location_changed_at: null }),
        expect.objectContaining({ id: 'wire', location: 'https://fast.example/feed', etag: '"v1"', items_seen: 40, location_changed_at: null }),
      ]);
      expect(await store.db.selectFrom('articles').select('item_key').orderBy('id').execute()).toEqual(Array.from({ length: 40 }, (_, i) => ({ item_key: `fast-${i}` })));
      // no change recorded: all of them
      expect(await repo.recentPublicationTimes(store.db, 'p', 'wire', 50)).toHaveLength(40);
      // a change from now on is recorded, and the articles before it no longer count
      await repo.syncSources(store.db, 'p', [wireFeed('https://daily.example/feed'), { id: 'caps', kind: 'files', name: 'Captures', location: 'caps/*.html' }], at(11));
      expect((await repo.listSources(store.db, 'p')).map((row) => [row.id, row.location_changed_at])).toEqual([['caps', null], ['wire', at(11)]]);
      expect(await repo.recentPublicationTimes(store.db, 'p', 'wire', 50)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
