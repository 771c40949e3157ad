import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { openStore, type Store } from '../../src/store/index.ts';
import * as repo from '../../src/store/index.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { dialects, freshPostgres, freshSqlite, PG_ADMIN_URL, type TestDatabase } from '../helpers/databases.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 5, 5, 10, minute)).toISOString();

function score(version: string, label: 'support' | 'oppose' | 'neutral'): ScoreResult {
  return {
    scorerVersion: version,
    relevance: { score: 0.9, relevant: true, evidence: ['global pause'] },
    stance: { label, score: label === 'support' ? 0.7 : -0.2, confidence: 0.8, evidence: [{ sentence: 'A pause is wise.', weight: 0.7 }] },
    voices: [{ actor: 'Anthropic', stance: 'support', quote: 'probably a good thing' }],
  };
}

async function seedArticle(store: Store, key: string): Promise<number> {
  return repo.insertArticle(store.db, {
    pipeline_id: 'p', source_id: 'feed-a', item_key: key, url: `https://example.com/${key}`, canonical_url: `https://example.com/${key}`,
    title: `Title ${key}`, byline: null, published_at: null, modified_at: null, fetched_at: at(1), lang: 'en', site_name: null, image: null,
    summary: null, text: 'Body text.', word_count: 2, partial: 0, content_hash: `hash-${key}`, near_signature: '', topic_signature: '',
    duplicate_of: null, duplicate_reason: null, story_id: null, extract_error: null, updated_at: at(1),
  });
}

describe.each(dialects)('store on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    await repo.syncSources(store.db, 'p', [{ id: 'feed-a', kind: 'feed', name: 'Feed A', location: 'https://example.com/feed' }], at(0));
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('opening an existing database again applies no migration twice and keeps the data', async () => {
    const id = await seedArticle(store, 'reopen');
    const again = await openStore(database.target);
    try {
      expect((await repo.getArticle(again.db, id))?.title).toBe('Title reopen');
    } finally {
      await again.close();
    }
  });

  it('the same item of a source cannot be stored twice', async () => {
    await seedArticle(store, 'once');
    await expect(seedArticle(store, 'once')).rejects.toThrow();
  });

  it('inserts reuse their SQL across rows, column sets and transactions, and store each row with its own values', async () => {
    const first = await seedArticle(store, 'reuse-1');
    const inTransaction = await store.db.transaction().execute(async (trx) => [await seedArticle({ ...store, db: trx }, 'reuse-2'), await seedArticle({ ...store, db: trx }, 'reuse-3')]);
    // A column left undefined is left out (stored as null): another column list, so another statement.
    const { id: _id, ...row } = (await repo.getArticle(store.db, first))!;
    const fourth = await repo.insertArticle(store.db, { ...row, item_key: 'reuse-4', title: 'Title reuse-4', byline: undefined, lang: 'fr' });
    const ids = [first, ...inTransaction, fourth];
    expect(new Set(ids).size).toBe(4);
    const stored = await Promise.all(ids.map((id) => repo.getArticle(store.db, id)));
    expect(stored.map((article) => [article?.item_key, article?.title, article?.lang, article?.byline])).toEqual([
      ['reuse-1', 'Title reuse-1', 'en', null],
      ['reuse-2', 'Title reuse-2', 'en', null],
      ['reuse-3', 'Title reuse-3', 'en', null],
      ['reuse-4', 'Title reuse-4', 'fr', null],
    ]);
  });

  it('inserts alternating between column sets, started together in a transaction, or through a plugin store each row as given, in order', async () => {
    const { id: _id, ...row } = (await repo.getArticle(store.db, await seedArticle(store, 'alt-0')))!;
    const ids = [
      await repo.insertArticle(store.db, { ...row, item_key: 'alt-1', byline: undefined }),
      await repo.insertArticle(store.db, { ...row, item_key: 'alt-2', byline: 'B' }),
      await repo.insertArticle(store.db, { ...row, item_key: 'alt-3', byline: undefined, lang: 'de' }),
    ];
    // not awaited one by one: the transaction runs them in the order they were started
    ids.push(...(await store.db.transaction().execute((trx) => Promise.all(['alt-4', 'alt-5', 'alt-6'].map((key) => repo.insertArticle(trx, { ...row, item_key: key }))))));
    // a database with a result plugin has its results go through it
    const seen: unknown[] = [];
    const plugin = { transformQuery: ({ node }: { node: never }) => node, transformResult: async ({ result }: { result: unknown }) => (seen.push(result), result) } as unknown as KyselyPlugin;
    ids.push(await repo.insertArticle(store.db.withPlugin(plugin), { ...row, item_key: 'alt-7' }));
    expect(seen).toHaveLength(1);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const stored = await Promise.all(ids.map((id) => repo.getArticle(store.db, id)));
    expect(stored.map((article) => [article?.item_key, article?.byline, article?.lang])).toEqual([
      ['alt-1', null, 'en'], ['alt-2', 'B', 'en'], ['alt-3', null, 'de'], ['alt-4', null, 'en'], ['alt-5', null, 'en'], ['alt-6', null, 'en'], ['alt-7', null, 'en'],
    ]);
  });

  it('finds which item keys a source already stored, across the chunks of its key lookups', async () => {
    const keys = Array.from({ length: 1100 }, (_v, i) => `chunked-${i}`);
    const storedKeys = [keys[0]!, keys[499]!, keys[500]!, keys[1099]!];
    for (const key of storedKeys) await seedArticle(store, key);
    const found = await repo.storedItemKeys(store.db, 'p', 'feed-a', keys);
    expect([...found.keys()].sort()).toEqual([...storedKeys].sort());
    expect(found.get(keys[500]!)).toMatchObject({ item_key: keys[500], title: `Title ${keys[500]}`, modified_at: null });
    expect((await repo.storedItemKeys(store.db, 'p', 'another-source', keys)).size).toBe(0);
    expect((await repo.storedItemKeys(store.db, 'another-pipeline', 'feed-a', keys)).size).toBe(0);
  });

  it('re-scoring under the same version changes nothing; a new version keeps the old score as history', async () => {
    const id = await seedArticle(store, 'scored');
    expect(await repo.saveScore(store.db, id, score('v1', 'neutral'), at(2))).toBe(true);
    expect(await repo.saveScore(store.db, id, score('v1', 'support'), at(3))).toBe(false);
    expect(await repo.saveScore(store.db, id, score('v2', 'support'), at(4))).toBe(true);
    const rows = await store.db.selectFrom('stance_scores').selectAll().where('article_id', '=', id).execute();
    expect(rows.map((r) => [r.scorer_version, r.label])).toEqual([['v1', 'neutral'], ['v2', 'support']]);
    expect((await repo.latestScores(store.db, [id])).get(id)?.scorer_version).toBe('v2');
  });

  it('an alert is queued once per article and channel, however often it is enqueued', async () => {
    const id = await seedArticle(store, 'alerted');
    const alert = { pipelineId: 'p', articleId: id, channel: 'stdout', payload: { title: 't' }, createdAt: at(5) };
    expect(await repo.enqueueAlert(store.db, alert)).toBe(true);
    expect(await repo.enqueueAlert(store.db, alert)).toBe(false);
    const pending = await repo.undeliveredAlerts(store.db, 'p');
    expect(pending.filter((a) => a.article_id === id)).toHaveLength(1);
    await repo.markAlertSent(store.db, pending[0]!.id, at(6));
    expect((await repo.undeliveredAlerts(store.db, 'p')).filter((a) => a.article_id === id)).toHaveLength(0);
  });

  const sourceRow = (id: string, pipelineId = 'p') => store.db.selectFrom('sources').selectAll().where('pipeline_id', '=', pipelineId).where('id', '=', id).executeTakeFirst();

  it('a failing source counts its error streak, and a success resets it and keeps the validators', async () => {
    const runId = await repo.startRun(store.db, 'p', at(0));
    const base = { runId, pipelineId: 'p', sourceId: 'feed-a', url: 'https://example.com/feed', startedAt: at(0), finishedAt: at(1), httpStatus: 500, newItems: 0 };
    await repo.recordFetch(store.db, { ...base, outcome: 'failed', error: { code: 'http_500', message: 'HTTP 500' } });
    await repo.recordFetch(store.db, { ...base, outcome: 'failed', error: { code: 'http_500', message: 'HTTP 500' } });
    let source = await sourceRow('feed-a');
    expect(source).toMatchObject({ error_streak: 2, last_error_code: 'http_500', last_success_at: null });
    await repo.recordFetch(store.db, { ...base, httpStatus: 200, outcome: 'ok', error: null, newItems: 3 });
    await repo.saveFeedValidators(store.db, 'p', 'feed-a', { etag: '"abc"', lastModified: 'Fri, 05 Jun 2026 10:00:00 GMT' });
    source = await sourceRow('feed-a');
    expect(source).toMatchObject({ error_streak: 0, etag: '"abc"', items_seen: 3, last_success_at: at(1) });
    // The feed's <ttl> is remembered from a full answer and survives a 304, which has no body to read it from.
    await repo.recordFetch(store.db, { ...base, httpStatus: 200, outcome: 'ok', error: null, ttlSeconds: 3600 });
    await repo.recordFetch(store.db, { ...base, httpStatus: 304, outcome: 'not_modified', error: null });
    expect(await sourceRow('feed-a')).toMatchObject({ ttl_seconds: 3600, error_streak: 0 });
    const attempts = await store.db.selectFrom('fetch_attempts').select('outcome').where('run_id', '=', runId).execute();
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'ok', 'ok', 'not_modified']);
  });

  it('keeps the warnings of the last feed document read, capped, through a 304 and a failure, and clears them on a clean read', async () => {
    await repo.syncSources(store.db, 'warned', [{ id: 'feed-w', kind: 'feed', name: 'Feed W', location: 'https://example.com/w' }], at(0));
    const runId = await repo.startRun(store.db, 'warned', at(0));
    const base = { runId, pipelineId: 'warned', sourceId: 'feed-w', url: 'https://example.com/w', startedAt: at(0), httpStatus: 200, newItems: 0, error: null };
    const recovered = ['not well-formed XML: unclosed tag <item> at line 9; recovered leniently', 'the Content-Type header says ISO-8859-1 but the body is valid UTF-8; decoded as UTF-8'];
    await repo.recordFetch(store.db, { ...base, finishedAt: at(1), outcome: 'ok', warnings: recovered });
    expect(await sourceRow('feed-w', 'warned')).toMatchObject({ last_warning_count: 2, last_warnings_at: at(1) });
    expect(repo.sourceWarnings((await sourceRow('feed-w', 'warned'))!)).toEqual(recovered);
    // a 304 (or the same bytes) read no new document, and a failure none at all: what the last one said stands
    await repo.recordFetch(store.db, { ...base, finishedAt: at(2), httpStatus: 304, outcome: 'not_modified' });
    await repo.recordFetch(store.db, { ...base, finishedAt: at(3), httpStatus: 500, outcome: 'failed', error: { code: 'http_500', message: 'HTTP 500' } });
    expect(await sourceRow('feed-w', 'warned')).toMatchObject({ last_warning_count: 2, last_warnings_at: at(1) });
    // a JSON feed can warn once per item: ten are kept, each cut, and the count says how many there were
    const many = Array.from({ length: 25 }, (_v, i) => `item ${i}: "url" is not a URL string (${'x'.repeat(1000)}); ignored`);
    await repo.recordFetch(store.db, { ...base, finishedAt: at(4), outcome: 'ok', warnings: many });
    const capped = await sourceRow('feed-w', 'warned');
    expect(capped).toMatchObject({ last_warning_count: 25, last_warnings_at: at(4) });
    expect(repo.sourceWarnings(capped!)).toHaveLength(repo.SOURCE_WARNINGS_KEPT);
    expect(repo.sourceWarnings(capped!).every((w) => w.length <= repo.SOURCE_WARNING_MAX_LENGTH && w.endsWith('…'))).toBe(true);
    await repo.recordFetch(store.db, { ...base, finishedAt: at(5), outcome: 'ok', warnings: [] });
    expect(await sourceRow('feed-w', 'warned')).toMatchObject({ last_warnings: null, last_warning_count: 0, last_warnings_at: null });
    // a new address is a new document: its predecessor's warnings do not carry over
    await repo.recordFetch(store.db, { ...base, finishedAt: at(6), outcome: 'ok', warnings: recovered });
    await repo.syncSources(store.db, 'warned', [{ id: 'feed-w', kind: 'feed', name: 'Feed W', location: 'https://example.org/w' }], at(7));
    expect(await sourceRow('feed-w', 'warned')).toMatchObject({ last_warnings: null, last_warning_count: 0 });
  });

  it('re-syncing sources keeps fetch state unless the address changed', async () => {
    await repo.syncSources(store.db, 'p', [{ id: 'feed-a', kind: 'feed', name: 'Feed A renamed', location: 'https://example.com/feed' }], at(7));
    expect(await sourceRow('feed-a')).toMatchObject({ name: 'Feed A renamed', etag: '"abc"' });
    await repo.syncSources(store.db, 'p', [{ id: 'feed-a', kind: 'feed', name: 'Feed A', location: 'https://example.org/new-feed' }], at(8));
    expect(await sourceRow('feed-a')).toMatchObject({ location: 'https://example.org/new-feed', etag: null, items_seen: 3 });
  });

  it('two pipelines in one database each have their own source under the same id, with its own state and items', async () => {
    await repo.syncSources(store.db, 'other-topic', [{ id: 'feed-a', kind: 'feed', name: 'Feed A for another topic', location: 'https://example.net/feed' }], at(9));
    expect(await sourceRow('feed-a')).toMatchObject({ name: 'Feed A', location: 'https://example.org/new-feed', etag: null, items_seen: 3 });
    expect(await sourceRow('feed-a', 'other-topic')).toMatchObject({ name: 'Feed A for another topic', location: 'https://example.net/feed', items_seen: 0 });
    const runId = await repo.startRun(store.db, 'other-topic', at(9));
    await repo.recordFetch(store.db, { runId, pipelineId: 'other-topic', sourceId: 'feed-a', url: 'https://example.net/feed', startedAt: at(9), finishedAt: at(9), httpStatus: 500, newItems: 0, outcome: 'failed', error: { code: 'http_500', message: 'HTTP 500' } });
    expect((await sourceRow('feed-a', 'other-topic'))?.error_streak).toBe(1);
    expect((await sourceRow('feed-a'))?.error_streak).toBe(0);
    // the same item key under the same source id is a new item for the other pipeline
    const { id: _id, ...row } = (await repo.getArticle(store.db, await seedArticle(store, 'shared-item')))!;
    await repo.insertArticle(store.db, { ...row, pipeline_id: 'other-topic' });
    expect((await repo.storedItemKeys(store.db, 'other-topic', 'feed-a', ['shared-item'])).size).toBe(1);
    expect((await repo.listSources(store.db, 'p')).map((source) => source.name)).toEqual(['Feed A']);
  });

  it('stores text holding NUL characters without them, where PostgreSQL would refuse the row', async () => {
    const id = await seedArticle(store, 'nul-in-feed');
    await repo.updateArticle(store.db, id, { title: 'A\u0000B', text: 'Body\u0000 text.' });
    expect(await store.db.selectFrom('articles').select(['title', 'text']).where('id', '=', id).executeTakeFirst()).toEqual({ title: 'AB', text: 'Body text.' });
    const { id: _id, ...row } = (await repo.getArticle(store.db, id))!;
    const copy = await repo.insertArticle(store.db, { ...row, item_key: 'nul-in-feed-2', title: 'C\u0000D' });
    expect((await repo.getArticle(store.db, copy))?.title).toBe('CD');
  });

  it('finds the earliest publication date among the syndicated copies of each original', async () => {
    const original = await seedArticle(store, 'copied-original');
    const lone = await seedArticle(store, 'copied-lone');
    for (const [key, published] of [['copy-a', '2026-06-07T10:00:00.000Z'], ['copy-b', '2026-06-05T09:00:00.000Z'], ['copy-c', null]] as const) {
      const id = await seedArticle(store, key);
      await repo.updateArticle(store.db, id, { duplicate_of: original, published_at: published });
    }
    expect(await repo.earliestCopyPublications(store.db, [original, lone])).toEqual(new Map([[original, '2026-06-05T09:00:00.000Z']]));
  });

  it('a digest saved twice for the same day is one row with the newer content', async () => {
    await repo.saveDigest(store.db, { pipelineId: 'p', date: '2026-06-05', markdown: 'old', json: '{}', articleCount: 1, at: at(1) });
    await repo.saveDigest(store.db, { pipelineId: 'p', date: '2026-06-05', markdown: 'new', json: '{}', articleCount: 2, at: at(2) });
    const rows = await store.db.selectFrom('digests').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ markdown: 'new', article_count: 2, created_at: at(1) });
  });
});

describe('opening a database', () => {
  it('names the file when SQLite cannot open it', async () => {
    // A path below a regular file can never be created, even as root.
    const { target, drop } = await freshSqlite();
    writeFileSync(target, 'not a directory');
    try {
      await expect(openStore(path.join(target, 'pausewatch.db'))).rejects.toThrow(/cannot open SQLite database .*pausewatch\.db\/pausewatch\.db/);
    } finally {
      await drop();
    }
  });
});

describe.each(dialects)('the run lock on $name', ({ fresh }) => {
  it('allows one running run per pipeline; a finished, abandoned, silent or other pipeline\'s run does not block', async () => {
    const database = await fresh();
    const store = await openStore(database.target);
    try {
      const first = await repo.startRun(store.db, 'p', at(0));
      await expect(repo.startRun(store.db, 'p', at(1))).rejects.toThrow(/another run of pipeline p is in progress: run \d+/);
      const other = await repo.startRun(store.db, 'q', at(1));
      expect(other).toBeGreaterThan(first);
      await repo.abandonRun(store.db, first, at(2), 'disk full');
      const second = await repo.startRun(store.db, 'p', at(3));
      // however far ahead the clock of the host starting a run is, a run showing it is alive blocks
      const farAhead = new Date(Date.parse(at(3)) + (repo.ABANDONED_RUN_HOURS + 1) * 3_600_000).toISOString();
      await expect(repo.startRun(store.db, 'p', farAhead)).rejects.toThrow(/in progress/);
      // silent for minutes by the database's clock: crashed, killed, or cut off from its database
      const dbNow = Date.parse(await repo.databaseNow(store.db));
      await store.db.updateTable('runs').set({ alive_at: new Date(dbNow - (repo.SILENT_RUN_MINUTES - 1) * 60_000).toISOString() }).where('id', '=', second).execute();
      await expect(repo.startRun(store.db, 'p', at(4))).rejects.toThrow(/in progress/);
      await store.db.updateTable('runs').set({ alive_at: new Date(dbNow - (repo.SILENT_RUN_MINUTES + 1) * 60_000).toISOString() }).where('id', '=', second).execute();
      expect(await repo.markRunAlive(store.db, second)).toBe(true);
      await store.db.updateTable('runs').set({ alive_at: new Date(dbNow - (repo.SILENT_RUN_MINUTES + 1) * 60_000).toISOString() }).where('id', '=', second).execute();
      const third = await repo.startRun(store.db, 'p', at(4));
      // the silent run, marking itself alive again, learns it was taken over
      expect(await repo.markRunAlive(store.db, second)).toBe(false);
      // a run of a release that did not mark itself alive is judged by its age
      await store.db.updateTable('runs').set({ alive_at: null }).where('id', '=', third).execute();
      await expect(repo.startRun(store.db, 'p', at(5))).rejects.toThrow(/in progress/);
      const later = new Date(Date.parse(at(4)) + (repo.ABANDONED_RUN_HOURS + 1) * 3_600_000).toISOString();
      const fourth = await repo.startRun(store.db, 'p', later);
      const statuses = await store.db.selectFrom('runs').select(['id', 'status', 'report']).where('pipeline_id', '=', 'p').orderBy('id').execute();
      expect(statuses.map(({ id, status }) => ({ id, status }))).toEqual([
        { id: first, status: 'failed' },
        { id: second, status: 'failed' },
        { id: third, status: 'failed' },
        { id: fourth, status: 'running' },
      ]);
      expect(JSON.parse(statuses[1]!.report!).error).toMatch(/^no sign of life from the run since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    } finally {
      await store.close();
      await database.drop();
    }
  });

  it('a run whose process is gone stops blocking at once; one whose process lives blocks whatever its age, and an unknown one while alive', async () => {
    const database = await fresh();
    const store = await openStore(database.target);
    try {
      const gone = new Set([111]);
      const ownerState = (owner: repo.RunOwner): repo.OwnerState => (owner.host !== 'this-host' ? 'unknown' : gone.has(owner.pid) ? 'gone' : 'alive');
      const first = await repo.startRun(store.db, 'p', at(0), { owner: { host: 'this-host', pid: 222, started: '42' }, ownerState });
      await expect(repo.startRun(store.db, 'p', at(1), { owner: { host: 'this-host', pid: 333 }, ownerState })).rejects.toThrow(/process 222 on host this-host/);
      // alive on this host: a run of hours, or a clock set hours ahead, does not end it, even silent
      await store.db.updateTable('runs').set({ alive_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', first).execute();
      const farAhead = new Date(Date.parse(at(1)) + (repo.ABANDONED_RUN_HOURS + 1) * 3_600_000).toISOString();
      await expect(repo.startRun(store.db, 'p', farAhead, { owner: { host: 'this-host', pid: 333 }, ownerState })).rejects.toThrow(/process 222 on host this-host/);
      // the owner's start time is handed to the check
      const seen: repo.RunOwner[] = [];
      await expect(repo.startRun(store.db, 'p', at(1), { owner: { host: 'this-host', pid: 333 }, ownerState: (owner) => (seen.push(owner), ownerState(owner)) })).rejects.toThrow(/in progress/);
      expect(seen).toEqual([{ host: 'this-host', pid: 222, started: '42' }]);
      gone.add(222);
      const next = await repo.startRun(store.db, 'p', at(2), { owner: { host: 'this-host', pid: 333 }, ownerState });
      const killed = await store.db.selectFrom('runs').select(['status', 'report']).where('owner', '=', 'this-host:222').executeTakeFirstOrThrow();
      expect(killed).toEqual({ status: 'failed', report: JSON.stringify({ error: 'process 222 on this-host ended without finishing the run' }) });
      await repo.abandonRun(store.db, next, at(3), 'done');
      // a run stored without an owner (before owners were stored) is judged by its signs of life alone
      await repo.startRun(store.db, 'p', at(4));
      await expect(repo.startRun(store.db, 'p', at(5), { ownerState: () => 'gone' })).rejects.toThrow(/in progress/);
    } finally {
      await store.close();
      await database.drop();
    }
  });
});

describe('a PostgreSQL store whose idle connections the server drops', () => {
  it('keeps the process alive and answers the next query on a fresh connection', async () => {
    const database = await freshPostgres();
    const store = await openStore(database.target);
    try {
      await repo.syncSources(store.db, 'p', [{ id: 'feed-a', kind: 'feed', name: 'Feed A', location: 'https://example.com/feed' }], at(0));
      // What a server restart or an administrator does to the pool's idle connections.
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      try {
        const { rows } = await admin.query(
          'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [new URL(database.target).pathname.slice(1)],
        );
        expect(rows.length).toBeGreaterThan(0);
      } finally {
        await admin.end();
      }
      // A query sent before the pool has seen its connection close fails with that connection; the pool then drops
      // it, and a later query gets a fresh one. What must not happen is the process dying on the pool's 'error'.
      let sources: { id: string }[] | null = null;
      for (let attempt = 0; attempt < 50 && sources === null; attempt++) {
        sources = await store.db.selectFrom('sources').select('id').execute().catch(async () => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          return null;
        });
      }
      expect(sources).toEqual([{ id: 'feed-a' }]);
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
