import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { emailChannel } from '../../src/alert/channels/email.ts';
import * as repo from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects, freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { databaseAt } from '../helpers/migrated-database.ts';

const at = '2026-06-05T10:00:00.000Z';

// ids are left to the database (1, 2, 3 in a fresh one), as the application leaves them
const article = (id: number, pipelineId: string, itemKey: string) => ({
  pipeline_id: pipelineId, source_id: 'seeds', item_key: itemKey, url: `https://x/${itemKey}`, canonical_url: `https://x/${itemKey}`,
  fetched_at: at, text: 'Body.', word_count: 1, content_hash: `h-${id}`, near_signature: '', topic_signature: '', updated_at: at,
});

describe.each(dialects)('upgrading a $name database to sources per pipeline', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('keeps every article, score and fetch attempt, and gives back its own source to a pipeline whose row was taken over', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '006-article-page-retries');
    // As the old code left it: pipeline "b" synced source "seeds" after pipeline "a", and took the row over.
    await old.insertInto('sources').values({ id: 'seeds', pipeline_id: 'b', kind: 'files', name: 'Seeds of b', location: 'b/*.txt', etag: 'x', next_check_at: at, error_streak: 2, items_seen: 9, gone: 0, created_at: at, updated_at: at }).execute();
    await old.insertInto('sources').values({ id: 'own', pipeline_id: 'b', kind: 'feed', name: 'Only b', location: 'https://x/feed', etag: 'y', error_streak: 0, items_seen: 1, gone: 0, created_at: at, updated_at: at }).execute();
    await old.insertInto('runs').values([{ pipeline_id: 'a', started_at: at, status: 'ok' }, { pipeline_id: 'b', started_at: at, status: 'ok' }]).execute();
    await old.insertInto('fetch_attempts').values([1, 2].map((run) => ({ run_id: run, source_id: 'seeds', url: 'u', started_at: at, finished_at: at, outcome: 'ok', items_seen: 1 }))).execute();
    await old.insertInto('articles').values([article(1, 'a', 'one'), article(2, 'b', 'two'), { ...article(3, 'b', 'three'), duplicate_of: 2 }]).execute();
    await old.insertInto('stance_scores').values({ article_id: 1, scorer_version: 'v1', relevance: 0.9, relevant: 1, label: 'support', score: 0.5, confidence: 0.8, evidence: '[]', voices: '[]', scored_at: at }).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      const articles = await store.db.selectFrom('articles').select(['id', 'pipeline_id', 'source_id', 'item_key', 'duplicate_of']).orderBy('id').execute();
      expect(articles).toEqual([
        { id: 1, pipeline_id: 'a', source_id: 'seeds', item_key: 'one', duplicate_of: null },
        { id: 2, pipeline_id: 'b', source_id: 'seeds', item_key: 'two', duplicate_of: null },
        { id: 3, pipeline_id: 'b', source_id: 'seeds', item_key: 'three', duplicate_of: 2 },
      ]);
      expect((await store.db.selectFrom('stance_scores').select('article_id').execute()).map((row) => row.article_id)).toEqual([1]);
      const attempts = await store.db.selectFrom('fetch_attempts').select(['run_id', 'pipeline_id']).orderBy('run_id').execute();
      expect(attempts).toEqual([{ run_id: 1, pipeline_id: 'a' }, { run_id: 2, pipeline_id: 'b' }]);
      // b keeps its health and counts, but not the validators: they say what b read while a's items were stored, and
      // would answer "not modified" to a; both are fetched afresh. a gets a row of its own again.
      // Each counts its own articles: b's 9 were summed over both pipelines.
      expect((await repo.listSources(store.db, 'b')).filter((source) => source.id === 'seeds')).toEqual([expect.objectContaining({ id: 'seeds', name: 'Seeds of b', etag: null, next_check_at: null, error_streak: 2, items_seen: 2 })]);
      expect(await repo.listSources(store.db, 'a')).toEqual([expect.objectContaining({ id: 'seeds', name: 'Seeds of b', etag: null, error_streak: 0, items_seen: 1 })]);
      // a source no other pipeline used keeps its validators
      expect((await repo.listSources(store.db, 'b')).find((source) => source.id === 'own')).toMatchObject({ etag: 'y' });
      // new articles keep their ids after the old ones, and the keys are per pipeline from now on
      const { id: _id, ...row } = (await repo.getArticle(store.db, 1))!;
      expect(await repo.insertArticle(store.db, { ...row, pipeline_id: 'b', item_key: 'one' })).toBe(4);
      await expect(repo.insertArticle(store.db, { ...row, item_key: 'one' })).rejects.toThrow();
      // foreign keys hold again: an article needs its pipeline's source
      await expect(repo.insertArticle(store.db, { ...row, pipeline_id: 'c', item_key: 'orphan' })).rejects.toThrow();
      await store.db.deleteFrom('sources').where('pipeline_id', '=', 'a').where('id', '=', 'seeds').execute().catch(() => {});
      expect((await store.db.selectFrom('articles').select('id').where('pipeline_id', '=', 'a').execute()).length).toBe(1);
    } finally {
      await store.close();
    }
  });
});

describe('upgrading a SQLite database to sources per pipeline', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('goes through when rows already broke a foreign key before, and when it ran but was not recorded', async () => {
    database = await freshSqlite();
    const old = await databaseAt('sqlite', database.target, '006-article-page-retries');
    await old.insertInto('sources').values({ id: 'seeds', pipeline_id: 'a', kind: 'files', name: 'Seeds', location: '*.txt', error_streak: 0, items_seen: 0, gone: 0, created_at: at, updated_at: at }).execute();
    await old.insertInto('articles').values([article(1, 'a', 'one'), article(2, 'a', 'two')]).execute();
    // as the sqlite3 shell leaves it (foreign keys off there): a label of an article deleted since
    await sql`PRAGMA foreign_keys = OFF`.execute(old);
    await old.insertInto('stance_labels').values({ article_id: 99, label: 'support', note: null, created_at: at }).execute();
    await old.deleteFrom('articles').where('id', '=', 2).execute();
    await old.destroy();

    await (await databaseAt('sqlite', database.target, '007-sources-per-pipeline')).destroy();
    // as if the process had died between the migration's commit and kysely's record of it
    const sqlite = new SQLite(database.target);
    sqlite.prepare("DELETE FROM kysely_migration WHERE name = '007-sources-per-pipeline'").run();
    sqlite.close();
    const again = await openStore(database.target);
    try {
      expect(await again.db.selectFrom('articles').select(['id', 'pipeline_id']).execute()).toEqual([{ id: 1, pipeline_id: 'a' }]);
      expect(await repo.listSources(again.db, 'a')).toEqual([expect.objectContaining({ id: 'seeds' })]);
    } finally {
      await again.close();
    }
  });
});

describe.each(dialects)('upgrading a $name database to article URLs without logins', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('takes the login out of stored article and fetch URLs, and rekeys link-known items unless the new key is taken', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '009-run-owner');
    await old.insertInto('sources').values({ id: 'paid', pipeline_id: 'a', kind: 'feed', name: 'Paid', location: 'https://reader:secret@news.example/feed', error_streak: 0, items_seen: 3, gone: 0, created_at: at, updated_at: at }).execute();
    await old.insertInto('runs').values({ pipeline_id: 'a', started_at: at, status: 'ok' }).execute();
    await old.insertInto('fetch_attempts').values({ run_id: 1, pipeline_id: 'a', source_id: 'paid', url: 'https://reader:secret@news.example/feed', started_at: at, finished_at: at, outcome: 'ok', items_seen: 3 }).execute();
    const stored = (itemKey: string, url: string) => ({ ...article(0, 'a', itemKey), source_id: 'paid', url, canonical_url: url });
    await old.insertInto('articles').values([
      stored('https://reader:secret@news.example/one', 'https://reader:secret@news.example/one'),
      stored('guid-2', 'https://reader:secret@news.example/two'),
      // stored twice already: by the old code with the login, by the new one without
      stored('https://reader:secret@news.example/three', 'https://reader:secret@news.example/three'),
      stored('https://news.example/three', 'https://news.example/three'),
      stored('https://news.example/@someone/post', 'https://news.example/@someone/post'),
    ]).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      expect(await store.db.selectFrom('articles').select(['item_key', 'url', 'canonical_url']).orderBy('id').execute()).toEqual([
        { item_key: 'https://news.example/one', url: 'https://news.example/one', canonical_url: 'https://news.example/one' },
        { item_key: 'guid-2', url: 'https://news.example/two', canonical_url: 'https://news.example/two' },
        { item_key: 'https://reader:secret@news.example/three', url: 'https://news.example/three', canonical_url: 'https://news.example/three' },
        { item_key: 'https://news.example/three', url: 'https://news.example/three', canonical_url: 'https://news.example/three' },
        { item_key: 'https://news.example/@someone/post', url: 'https://news.example/@someone/post', canonical_url: 'https://news.example/@someone/post' },
      ]);
      expect(await store.db.selectFrom('fetch_attempts').select('url').execute()).toEqual([{ url: 'https://news.example/feed' }]);
    } finally {
      await store.close();
    }
  });
});

describe.each(dialects)('upgrading a $name database to sources with last warnings', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('keeps every source with its health, without warnings, and records warnings from then on', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '010-article-urls-without-logins');
    await old.insertInto('sources').values([
      { id: 'wire', pipeline_id: 'a', kind: 'feed', name: 'Wire', location: 'https://x/feed', moved_to: 'https://y/feed', etag: '"e"', last_success_at: at, error_streak: 0, items_seen: 7, gone: 0, created_at: at, updated_at: at },
      { id: 'down', pipeline_id: 'a', kind: 'feed', name: 'Down', location: 'https://z/feed', last_error: 'HTTP 500', last_error_code: 'http_500', error_streak: 3, items_seen: 0, gone: 0, created_at: at, updated_at: at },
    ]).execute();
    await old.insertInto('runs').values({ pipeline_id: 'a', started_at: at, status: 'ok' }).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      const sources = await repo.listSources(store.db, 'a');
      expect(sources).toEqual([
        expect.objectContaining({ id: 'down', last_error_code: 'http_500', error_streak: 3, last_warnings: null, last_warning_count: 0, last_warnings_at: null }),
        expect.objectContaining({ id: 'wire', moved_to: 'https://y/feed', etag: '"e"', items_seen: 7, last_warnings: null, last_warning_count: 0, last_warnings_at: null }),
      ]);
      await repo.recordFetch(store.db, {
        runId: 1, pipelineId: 'a', sourceId: 'wire', url: 'https://y/feed', startedAt: at, finishedAt: at, outcome: 'ok', httpStatus: 200, error: null, newItems: 0,
        warnings: ['not well-formed XML: mismatched tag; recovered leniently'],
      });
      const wire = (await repo.listSources(store.db, 'a')).find((source) => source.id === 'wire')!;
      expect({ count: wire.last_warning_count, warnings: repo.sourceWarnings(wire), movedTo: wire.moved_to }).toEqual({
        count: 1, warnings: ['not well-formed XML: mismatched tag; recovered leniently'], movedTo: 'https://y/feed',
      });
    } finally {
      await store.close();
    }
  });
});

describe.each(dialects)('upgrading a $name database to articles with their feed links', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('keeps every article, with no feed link known, and looks items up as before', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '011-source-last-warnings');
    await old.insertInto('sources').values({ id: 'wire', pipeline_id: 'a', kind: 'feed', name: 'Wire', location: 'https://x/feed', error_streak: 0, items_seen: 2, gone: 0, created_at: at, updated_at: at }).execute();
    await old.insertInto('articles').values([{ ...article(1, 'a', 'guid-1'), source_id: 'wire' }, { ...article(2, 'a', 'guid-2'), source_id: 'wire' }]).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      const items = await repo.storedItemKeys(store.db, 'a', 'wire', ['guid-1', 'guid-2']);
      const rows = [...items.values()].sort((a, b) => a.item_key.localeCompare(b.item_key));
      expect(rows.map(({ item_key, url, feed_link }) => ({ item_key, url, feed_link }))).toEqual([
        { item_key: 'guid-1', url: 'https://x/guid-1', feed_link: null },
        { item_key: 'guid-2', url: 'https://x/guid-2', feed_link: null },
      ]);
    } finally {
      await store.close();
    }
  });
});

describe.each(dialects)('upgrading a $name database to email channels known by their set of recipients', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('renames the alerts and digests of an email channel to its recipients sorted and lower-cased, once per article and day', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '016-article-publication-index');
    await old.insertInto('sources').values({ id: 'seeds', pipeline_id: 'a', kind: 'files', name: 'Seeds', location: '*.txt', error_streak: 0, items_seen: 3, gone: 0, created_at: at, updated_at: at }).execute();
    await old.insertInto('articles').values([article(1, 'a', 'one'), article(2, 'a', 'two'), article(3, 'a', 'three')]).execute();
    const alert = (articleId: number, channel: string, status: string) => ({
      pipeline_id: 'a', article_id: articleId, channel, dedupe_key: `a:${articleId}:${channel}`, payload: '{}', status, attempts: status === 'pending' ? 0 : 1, created_at: at,
    });
    const listed = 'email:Policy@example.org,comms@example.org';
    const sorted = 'email:comms@example.org,policy@example.org';
    await old.insertInto('alerts').values([
      // waiting under the recipients as listed: renamed, and sent by the channel as it is named now
      alert(1, listed, 'pending'),
      // sent as listed, and raised again when the list was reordered: the waiting copy would arrive twice
      alert(2, listed, 'sent'),
      alert(2, sorted, 'pending'),
      // waiting as listed, and already sent under the sorted name: the waiting one goes
      alert(3, listed, 'failed'),
      alert(3, sorted, 'sent'),
      // other channels as they were
      alert(1, 'webhook:https://hooks.example/x', 'pending'),
    ]).execute();
    await old.insertInto('digest_emails').values([
      { pipeline_id: 'a', channel: listed, date: '2026-06-04', sent_at: at },
      { pipeline_id: 'a', channel: listed, date: '2026-06-03', sent_at: at },
      { pipeline_id: 'a', channel: sorted, date: '2026-06-03', sent_at: at },
    ]).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      const alerts = await store.db.selectFrom('alerts').select(['article_id', 'channel', 'dedupe_key', 'status']).orderBy('article_id').orderBy('channel').execute();
      expect(alerts).toEqual([
        { article_id: 1, channel: sorted, dedupe_key: `a:1:${sorted}`, status: 'pending' },
        { article_id: 1, channel: 'webhook:https://hooks.example/x', dedupe_key: 'a:1:webhook:https://hooks.example/x', status: 'pending' },
        { article_id: 2, channel: sorted, dedupe_key: `a:2:${sorted}`, status: 'sent' },
        { article_id: 3, channel: sorted, dedupe_key: `a:3:${sorted}`, status: 'sent' },
      ]);
      expect([...(await repo.digestDaysEmailed(store.db, 'a', '2026-06-04', '2026-06-04')).keys()]).toEqual([sorted]);
      expect([...(await repo.digestDaysEmailed(store.db, 'a', '2026-06-03', '2026-06-03')).keys()]).toEqual([sorted]);
      // the name the channel has now, for the same recipients in any order
      expect(emailChannel({ from: 'p@example.org', to: ['comms@example.org', 'POLICY@example.org'], smtp: { host: 'h', port: 25, security: 'none' } }).name).toBe(sorted);
    } finally {
      await store.close();
    }
  });
});

describe.each(dialects)('upgrading a $name database to source URLs without logins', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('takes the login out of stored source locations, moved addresses and fetch URLs, and keeps the state while the login is the same', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '019-article-copies-index');
    const source = (id: string, kind: string, location: string, movedTo: string | null) => ({
      id, pipeline_id: 'a', kind, name: id, location, moved_to: movedTo, etag: `"${id}"`, error_streak: 0, items_seen: 3, gone: 0, created_at: at, updated_at: at,
    });
    await old.insertInto('sources').values([
      source('paid', 'feed', 'https://reader:secret@news.example/feed', 'https://reader:secret@news.example/feed.xml'),
      source('plain', 'feed', 'https://news.example/@desk/feed', null),
      source('seeds', 'files', 'seeds/@home/*.txt', null),
    ]).execute();
    await old.insertInto('runs').values({ pipeline_id: 'a', started_at: at, status: 'ok' }).execute();
    await old.insertInto('fetch_attempts').values(
      ['https://reader:secret@news.example/feed', 'https://reader:secret@news.example/feed.xml', 'https://news.example/@desk/feed'].map((url) => ({
        run_id: 1, pipeline_id: 'a', source_id: 'paid', url, started_at: at, finished_at: at, outcome: 'ok', items_seen: 3,
      })),
    ).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      const rows = await store.db.selectFrom('sources').select(['id', 'location', 'moved_to', 'login_digest', 'etag']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'paid', location: 'https://news.example/feed', moved_to: 'https://news.example/feed.xml', login_digest: expect.stringMatching(/^scrypt:/), etag: '"paid"' },
        { id: 'plain', location: 'https://news.example/@desk/feed', moved_to: null, login_digest: null, etag: '"plain"' },
        { id: 'seeds', location: 'seeds/@home/*.txt', moved_to: null, login_digest: null, etag: '"seeds"' },
      ]);
      expect(JSON.stringify(rows)).not.toContain('secret');
      expect((await store.db.selectFrom('fetch_attempts').select('url').orderBy('id').execute()).map((row) => row.url)).toEqual([
        'https://news.example/feed', 'https://news.example/feed.xml', 'https://news.example/@desk/feed',
      ]);

      // the pipeline file still says the URL with its login: the same source, its validators and move kept
      const spec = { id: 'paid', kind: 'feed' as const, name: 'paid', location: 'https://reader:secret@news.example/feed' };
      await repo.syncSources(store.db, 'a', [spec], at);
      expect(await repo.listSources(store.db, 'a')).toContainEqual(expect.objectContaining({ id: 'paid', etag: '"paid"', moved_to: 'https://news.example/feed.xml' }));
      // a new password is another login: the state does not carry over, as for a new URL
      await repo.syncSources(store.db, 'a', [{ ...spec, location: 'https://reader:other@news.example/feed' }], at);
      expect(await repo.listSources(store.db, 'a')).toContainEqual(expect.objectContaining({ id: 'paid', location: 'https://news.example/feed', etag: null, moved_to: null }));
    } finally {
      await store.close();
    }
  });
});

describe.each(dialects)('upgrading a $name database to item keys without logins', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('takes the login out of stored item keys unless another article of the source holds the key without it', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '020-source-urls-without-logins');
    await old.insertInto('sources').values(['paid', 'other'].map((id) => ({ id, pipeline_id: 'a', kind: 'feed', name: id, location: `https://news.example/${id}`, error_streak: 0, items_seen: 3, gone: 0, created_at: at, updated_at: at }))).execute();
    const stored = (sourceId: string, itemKey: string) => ({ ...article(0, 'a', itemKey), source_id: sourceId, url: 'https://news.example/page', canonical_url: 'https://news.example/page' });
    await old.insertInto('articles').values([
      stored('paid', 'https://reader:secret@news.example/one'),
      // stored twice already: under the link with the login, and under the link without it
      stored('paid', 'https://reader:secret@news.example/two'),
      stored('paid', 'https://news.example/two'),
      // the key without the login is another source's: free in this one
      stored('other', 'https://news.example/three'),
      stored('paid', 'https://reader:secret@news.example/three'),
      stored('paid', 'tag:news.example,2026:desk@four'),
      stored('paid', 'https://news.example/@desk/five'),
    ]).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      expect((await store.db.selectFrom('articles').select('item_key').orderBy('id').execute()).map((row) => row.item_key)).toEqual([
        'https://news.example/one',
        'https://reader:secret@news.example/two',
        'https://news.example/two',
        'https://news.example/three',
        'https://news.example/three',
        'tag:news.example,2026:desk@four',
        'https://news.example/@desk/five',
      ]);
    } finally {
      await store.close();
    }
  });
});

describe.each(dialects)('upgrading a $name database to item keys with summaries', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('remakes the keys of items stored under a hash of their title alone from their title and summary, unless the key is taken', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '021-item-keys-without-logins');
    await old.insertInto('sources').values(['notices', 'other'].map((id) => ({ id, pipeline_id: 'a', kind: 'feed', name: id, location: `https://news.example/${id}`, error_streak: 0, items_seen: 3, gone: 0, created_at: at, updated_at: at }))).execute();
    const hash = (title: string, text: string) => `sha256:${createHash('sha256').update(`${title}\u0000${text}`).digest('hex')}`;
    const stored = (sourceId: string, itemKey: string, title: string | null, summary: string | null) => ({ ...article(0, 'a', itemKey), source_id: sourceId, title, summary });
    await old.insertInto('articles').values([
      // untitled: keyed by the hash of nothing, numbered by place; the stored title is one the run found in the text
      stored('notices', hash('', ''), 'Road closed on Main St.', 'Road closed on Main St.'),
      stored('notices', `${hash('', '')}#1`, null, 'Bridge open again.'),
      // one title, two items
      stored('notices', hash('Traffic update', ''), 'Traffic update', 'Ferry late.'),
      stored('notices', `${hash('Traffic update', '')}#1`, 'Traffic update', 'Tunnel shut.'),
      // keyed by title and content: left as it is
      stored('notices', hash('Report', '<p>Full text.</p>'), 'Report', 'Short.'),
      // no summary: nothing to remake the key with
      stored('notices', `${hash('Bare', '')}`, 'Bare', null),
      // the new key is already stored (a run after the upgrade's code but before the migration): left
      stored('notices', hash('Taken', ''), 'Taken', 'Once.'),
      stored('notices', hash('Taken', 'Once.'), 'Taken', 'Once.'),
      // another source holding the new key does not count
      stored('other', hash('Elsewhere', 'Same.'), 'Elsewhere', 'Same.'),
      stored('notices', hash('Elsewhere', ''), 'Elsewhere', 'Same.'),
      stored('notices', 'https://news.example/guid', 'Keyed by link', 'Summary.'),
    ]).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      expect((await store.db.selectFrom('articles').select('item_key').orderBy('id').execute()).map((row) => row.item_key)).toEqual([
        hash('', 'Road closed on Main St.'),
        hash('', 'Bridge open again.'),
        hash('Traffic update', 'Ferry late.'),
        hash('Traffic update', 'Tunnel shut.'),
        hash('Report', '<p>Full text.</p>'),
        hash('Bare', ''),
        hash('Taken', ''),
        hash('Taken', 'Once.'),
        hash('Elsewhere', 'Same.'),
        hash('Elsewhere', 'Same.'),
        'https://news.example/guid',
      ]);
    } finally {
      await store.close();
    }
  });
});
