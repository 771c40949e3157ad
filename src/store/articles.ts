import { CompiledQuery, SqliteAdapter, sql, type DialectAdapter, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database, ArticleRow, NewArticle, ArticleUpdate, StanceScoreRow } from './schema.ts';
import { inChunks } from './in-chunks.ts';
import { withoutNul } from './without-nul.ts';

/**
 * What a feed run needs of an item its source already delivered (not its text: a feed re-fetch finds thousands), as
 * the queries below select it.
 */
const STORED_ITEM_COLUMNS = ['id', 'item_key', 'url', 'canonical_url', 'feed_link', 'title', 'byline', 'published_at', 'modified_at', 'content_hash'] as const;

export type StoredItem = Pick<ArticleRow, (typeof STORED_ITEM_COLUMNS)[number]>;

/** The source's articles whose item key or canonical URL is one of `values`: one query per 500 values rather than one per item. */
async function sourceItemsWhere(
  db: Kysely<Database>,
  pipelineId: string,
  sourceId: string,
  column: 'item_key' | 'canonical_url',
  values: readonly string[],
): Promise<StoredItem[]> {
  const out: StoredItem[] = [];
  for (const chunk of inChunks(values)) {
    const rows = await db
      .selectFrom('articles')
      .select(STORED_ITEM_COLUMNS)
      .where('pipeline_id', '=', pipelineId)
      .where('source_id', '=', sourceId)
      .where(column, 'in', chunk)
      .execute();
    out.push(...rows);
  }
  return out;
}

/** Which of these item keys a source has already delivered. */
export async function storedItemKeys(db: Kysely<Database>, pipelineId: string, sourceId: string, keys: readonly string[]): Promise<Map<string, StoredItem>> {
  return new Map((await sourceItemsWhere(db, pipelineId, sourceId, 'item_key', keys)).map((row) => [row.item_key, row]));
}

/**
 * A source's articles stored from their feed text because their page failed with one of `codes` (or a code LIKE one
 * of `patterns`), tried fewer than `maxAttempts` times (a page held back unsent was tried none); newest first.
 */
export function articlesWithFailedPages(
  db: Kysely<Database>,
  pipelineId: string,
  sourceId: string,
  filter: { maxAttempts: number; codes: readonly string[]; patterns: readonly string[]; limit: number },
) {
  return db
    .selectFrom('articles')
    .select(['id', 'item_key', 'url', 'page_attempts'])
    .where('pipeline_id', '=', pipelineId)
    .where('source_id', '=', sourceId)
    // written as the partial index articles_failed_pages says them, literally, so SQLite's planner takes it
    .where(sql<boolean>`partial = 1`)
    .where(sql<boolean>`extract_error_code IS NOT NULL`)
    .where('page_attempts', '<', filter.maxAttempts)
    .where((eb) => eb.or([eb('extract_error_code', 'in', [...filter.codes]), ...filter.patterns.map((pattern) => eb('extract_error_code', 'like', pattern))]))
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
}

/**
 * Every article of one source stored under any of these canonical URLs, first stored first (several items of a feed
 * may share one canonical URL: anchors of one page).
 */
export async function sourceArticlesWithCanonicalUrls(db: Kysely<Database>, pipelineId: string, sourceId: string, canonicalUrls: readonly string[]): Promise<StoredItem[]> {
  return (await sourceItemsWhere(db, pipelineId, sourceId, 'canonical_url', [...new Set(canonicalUrls)])).sort((a, b) => a.id - b.id);
}

/** A stored article's identity fields, its text and its feed summary. */
export interface StoredItemText extends StoredItem {
  text: string;
  summary: string | null;
}

/**
 * The source's stored articles whose publication time (an ISO string, as stored) or headline is one of `values` (a
 * null headline: those without one), with their text, first stored first.
 */
export async function sourceArticleTexts(
  db: Kysely<Database>,
  pipelineId: string,
  sourceId: string,
  column: 'published_at' | 'title',
  values: readonly (string | null)[],
): Promise<StoredItemText[]> {
  const wanted = [...new Set(values)];
  const given = wanted.filter((value): value is string => value !== null);
  const rows = () => db.selectFrom('articles').select([...STORED_ITEM_COLUMNS, 'text', 'summary']).where('pipeline_id', '=', pipelineId).where('source_id', '=', sourceId);
  const out: StoredItemText[] = [];
  for (const chunk of inChunks(given)) out.push(...(await rows().where(column, 'in', chunk).execute()));
  if (given.length < wanted.length) out.push(...(await rows().where(column, 'is', null).execute()));
  return out.sort((a, b) => a.id - b.id);
}

/** The first article stored under a canonical URL, across all sources of the pipeline. */
export function findArticleByCanonicalUrl(db: Kysely<Database>, pipelineId: string, canonicalUrl: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('pipeline_id', '=', pipelineId).where('canonical_url', '=', canonicalUrl).orderBy('id').limit(1).executeTakeFirst();
}

/** What dedup compares of an article (not its text: weeks of it are large), and its title, by which aggregators' items are matched. */
const DEDUP_KEY_COLUMNS = ['id', 'canonical_url', 'content_hash', 'near_signature', 'topic_signature', 'story_id', 'published_at', 'fetched_at', 'duplicate_of', 'title'] as const;

export type DedupKeyRow = Pick<ArticleRow, (typeof DEDUP_KEY_COLUMNS)[number]>;

/** What dedup compares of the articles first seen since `since`. */
export function recentDedupKeys(db: Kysely<Database>, pipelineId: string, since: string): Promise<DedupKeyRow[]> {
  return db.selectFrom('articles').select(DEDUP_KEY_COLUMNS).where('pipeline_id', '=', pipelineId).where('fetched_at', '>=', since).orderBy('id').execute();
}

/**
 * What dedup compares of the articles that appeared from `from` to `to` (ISO times, both included), published then
 * or, undated, first seen then, among those first seen before `firstSeenBefore` (the later ones a run has from
 * recentDedupKeys). Two indexed range queries (articles_pipeline_published, articles_pipeline_fetched).
 */
export async function dedupKeysAppearedBetween(db: Kysely<Database>, pipelineId: string, from: string, to: string, firstSeenBefore: string): Promise<DedupKeyRow[]> {
  const published = await db
    .selectFrom('articles')
    .select(DEDUP_KEY_COLUMNS)
    .where('pipeline_id', '=', pipelineId)
    .where('published_at', '>=', from)
    .where('published_at', '<=', to)
    .where('fetched_at', '<', firstSeenBefore)
    .execute();
  const undated = await db
    .selectFrom('articles')
    .select(DEDUP_KEY_COLUMNS)
    .where('pipeline_id', '=', pipelineId)
    .where('fetched_at', '>=', from)
    .where('fetched_at', '<=', to)
    .where('fetched_at', '<', firstSeenBefore)
    .where('published_at', 'is', null)
    .execute();
  return [...published, ...undated].sort((a, b) => a.id - b.id);
}

/**
 * Of the pipeline's articles with this canonical URL or content hash, at any age, the one a new article having it
 * copies: an original before a copy, then the first stored (as findDuplicate prefers). `exclude` is an article being
 * re-read: neither it nor its copies can be its original. `notCopiesOf`: the copies of this article are not either
 * (they are being re-read one by one, their original edited). One indexed lookup (articles_pipeline_canonical,
 * articles_pipeline_hash).
 */
export function firstArticleWithKey(
  db: Kysely<Database>,
  pipelineId: string,
  key: { column: 'canonical_url' | 'content_hash'; value: string },
  exclude: number | null,
  notCopiesOf: number | null = null,
): Promise<Pick<ArticleRow, 'id' | 'duplicate_of'> | undefined> {
  return withKeyInCopyOrder(db, pipelineId, key, exclude, notCopiesOf).select(['id', 'duplicate_of']).limit(1).executeTakeFirst();
}

/**
 * The pipeline's articles with the key, but `exclude` and the copies of it or of `notCopiesOf`: originals first, then
 * the first stored (see firstArticleWithKey).
 */
function withKeyInCopyOrder(
  db: Kysely<Database>,
  pipelineId: string,
  key: { column: 'canonical_url' | 'content_hash'; value: string },
  exclude: number | null,
  notCopiesOf: number | null,
) {
  let query = db.selectFrom('articles').where('pipeline_id', '=', pipelineId).where(key.column, '=', key.value);
  if (exclude !== null) query = query.where('id', '!=', exclude).where((eb) => eb.or([eb('duplicate_of', 'is', null), eb('duplicate_of', '!=', exclude)]));
  if (notCopiesOf !== null) query = query.where((eb) => eb.or([eb('duplicate_of', 'is', null), eb('duplicate_of', '!=', notCopiesOf)]));
  return query.orderBy(sql`case when duplicate_of is null then 0 else 1 end`).orderBy('id');
}

/**
 * As firstArticleWithKey, but every article with the key, in the order it prefers (an original before a copy, then
 * the first stored), with what tells whether one of a source's items is another item of it (its key, links, headline
 * and text keys). One indexed lookup.
 */
export function articlesWithKey(
  db: Kysely<Database>,
  pipelineId: string,
  key: { column: 'canonical_url' | 'content_hash'; value: string },
  exclude: number | null,
  notCopiesOf: number | null = null,
): Promise<Pick<ArticleRow, 'id' | 'duplicate_of' | 'source_id' | 'item_key' | 'url' | 'feed_link' | 'title' | 'content_hash' | 'near_signature'>[]> {
  return withKeyInCopyOrder(db, pipelineId, key, exclude, notCopiesOf)
    .select(['id', 'duplicate_of', 'source_id', 'item_key', 'url', 'feed_link', 'title', 'content_hash', 'near_signature'])
    .execute();
}

/** What the headline rule for aggregators' items compares of an article (see aggregator-copy.ts). */
const HEADLINE_COLUMNS = ['id', 'title', 'site_name', 'outlet_url', 'source_id', 'canonical_url', 'published_at', 'fetched_at', 'duplicate_of'] as const;
export type HeadlineRow = Pick<ArticleRow, (typeof HEADLINE_COLUMNS)[number]>;

/** These articles, by id, as the headline rule compares them; one query per 500 ids. */
export async function headlineRows(db: Kysely<Database>, ids: readonly number[]): Promise<HeadlineRow[]> {
  const out: HeadlineRow[] = [];
  for (const chunk of inChunks(ids)) {
    out.push(
      ...(await db
        .selectFrom('articles')
        .select(HEADLINE_COLUMNS)
        .where('id', 'in', chunk)
        .execute()),
    );
  }
  return out;
}

/**
 * Makes `formerOriginal` a copy of `original` (for `reason`), and its copies copies of `original`: groups stay one
 * level deep, as alerts, trends and the digest read them. Indexed (articles_duplicate_of).
 */
export async function makeCopiesOf(db: Kysely<Database>, formerOriginal: number, original: number, reason: string): Promise<void> {
  await db.updateTable('articles').set({ duplicate_of: original }).where('duplicate_of', '=', formerOriginal).execute();
  await db.updateTable('articles').set({ duplicate_of: original, duplicate_reason: reason }).where('id', '=', formerOriginal).execute();
}

/** The articles stored as copies of this one, first stored first. */
export function copiesOf(db: Kysely<Database>, id: number): Promise<ArticleRow[]> {
  return db.selectFrom('articles').selectAll().where('duplicate_of', '=', id).orderBy('id').execute();
}

/**
 * The original a duplicate chain starting at `id` ends at (a copy stored before its original was found to copy
 * another points at it). A cycle (corrupt data) stops at its first repeated id, a missing row at its id.
 */
export async function originalArticleId(db: Kysely<Database>, id: number): Promise<number> {
  return (await originalArticleIds(db, [id])).get(id)!;
}

/** originalArticleId of many articles, a step of their copy chains at a time for all of them. */
export async function originalArticleIds(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, number>> {
  const original = new Map(ids.map((id) => [id, id]));
  const seen = new Map(ids.map((id) => [id, new Set([id])]));
  let step = [...new Set(ids)];
  while (step.length > 0) {
    const next = new Map<number, number | null>();
    for (const chunk of inChunks(step)) {
      for (const row of await db.selectFrom('articles').select(['id', 'duplicate_of']).where('id', 'in', chunk).execute()) next.set(row.id, row.duplicate_of);
    }
    const reached = new Set<number>();
    for (const [id, current] of original) {
      const up = next.get(current);
      if (up === undefined || up === null || seen.get(id)!.has(up)) continue;
      seen.get(id)!.add(up);
      original.set(id, up);
      reached.add(up);
    }
    step = [...reached];
  }
  return original;
}

/**
 * Publication times of a source's newest articles, to estimate how often it publishes. Only those stored since the
 * pipeline file last gave the source another address (sources.location_changed_at): the ones before came from
 * another feed. None stored since then gives [], which schedules as a feed with no dated items.
 */
export async function recentPublicationTimes(db: Kysely<Database>, pipelineId: string, sourceId: string, limit: number): Promise<(string | null)[]> {
  const source = await db
    .selectFrom('sources')
    .select('location_changed_at')
    .where('pipeline_id', '=', pipelineId)
    .where('id', '=', sourceId)
    .executeTakeFirst();
  const since = source?.location_changed_at ?? null;
  let query = db
    .selectFrom('articles')
    .select('published_at')
    .where('pipeline_id', '=', pipelineId)
    .where('source_id', '=', sourceId)
    .where('published_at', 'is not', null);
  if (since !== null) query = query.where('fetched_at', '>=', since);
  const rows = await query.orderBy('published_at', 'desc').limit(limit).execute();
  return rows.map((r) => r.published_at);
}

/**
 * The SQL of an article insert, by database (its dialect adapter, which its transactions share) and column list.
 * Building and compiling a 25-column insert through kysely costs a good part of what SQLite takes to store the
 * row, and a feed brings thousands whose SQL differs only in the values.
 */
const insertArticleSql = new WeakMap<DialectAdapter, Map<string, string>>();
/**
 * The column list and SQL of the last article insert, by database: a feed's rows all have the same columns, which
 * are told the same by comparing the names one by one, without joining them into a key to look up.
 */
const lastInsertArticleSql = new WeakMap<DialectAdapter, { columns: readonly string[]; sql: string }>();

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export async function insertArticle(db: Kysely<Database>, article: NewArticle): Promise<number> {
  // kysely leaves out undefined values, so the column list (and the SQL) follows the defined ones.
  const columns = (Object.keys(article) as (keyof NewArticle)[]).filter((column) => article[column] !== undefined);
  const adapter = db.getExecutor().adapter;
  // SQLite reports the new row's id without RETURNING, which would make the insert a query that returns rows: a
  // third more per insert. PostgreSQL reports it only through RETURNING.
  const isSqlite = adapter instanceof SqliteAdapter;
  const last = lastInsertArticleSql.get(adapter);
  let sql = last && sameColumns(last.columns, columns) ? last.sql : undefined;
  let byColumns = insertArticleSql.get(adapter);
  if (!byColumns) insertArticleSql.set(adapter, (byColumns = new Map()));
  if (sql === undefined) sql = byColumns.get(columns.join(','));
  if (sql === undefined) {
    const insert = db.insertInto('articles').values(article);
    const compiled = isSqlite ? insert.compile() : insert.returning('id').compile();
    // The parameters must be the values in column order, or the SQL cannot be reused with other values.
    if (compiled.parameters.length !== columns.length || compiled.parameters.some((value, i) => !Object.is(value, article[columns[i]!]))) {
      throw new Error('unexpected parameters in the compiled article insert');
    }
    byColumns.set(columns.join(','), (sql = compiled.sql));
  }
  if (last?.sql !== sql) lastInsertArticleSql.set(adapter, { columns, sql });
  const query = CompiledQuery.raw(sql, columns.map((column) => withoutNul(article[column])));
  // Straight to the connection, as kysely's executeQuery does in the end: on the way it clones its executor and
  // passes the result through three more async layers for result plugins, which cost a feed of thousands of inserts
  // about a third of what SQLite takes to store them. A database with plugins goes the whole way.
  const executor = db.getExecutor();
  const result =
    executor.plugins.length === 0
      ? await executor.provideConnection((connection) => connection.executeQuery<{ id: number }>(query))
      : await db.executeQuery<{ id: number }>(query);
  const id = isSqlite ? result.insertId : result.rows[0]?.id;
  if (id === undefined) throw new Error('the article insert returned no id');
  return Number(id);
}

export async function updateArticle(db: Kysely<Database>, id: number, patch: ArticleUpdate): Promise<void> {
  const values = Object.fromEntries(Object.entries(patch).map(([column, value]) => [column, withoutNul(value)])) as ArticleUpdate;
  await db.updateTable('articles').set(values).where('id', '=', id).execute();
}

export function getArticle(db: Kysely<Database>, id: number): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface ArticleQuery {
  pipelineId: string;
  /** Inclusive lower bound on fetched_at. */
  fetchedFrom?: string;
  /** Exclusive upper bound on fetched_at. */
  fetchedTo?: string;
  /** Only the articles of this story. */
  storyId?: number;
  limit?: number;
}

function articleQuery(db: Kysely<Database>, query: ArticleQuery) {
  let q = db.selectFrom('articles').where('pipeline_id', '=', query.pipelineId);
  if (query.fetchedFrom) q = q.where('fetched_at', '>=', query.fetchedFrom);
  if (query.fetchedTo) q = q.where('fetched_at', '<', query.fetchedTo);
  if (query.storyId !== undefined) q = q.where('story_id', '=', query.storyId);
  return q;
}

/** The articles of `query`, newest first (by first seen, then id), all at once: for a bounded set. */
export function listArticles(db: Kysely<Database>, query: ArticleQuery): Promise<ArticleRow[]> {
  let q = articleQuery(db, query).selectAll().orderBy('fetched_at', 'desc').orderBy('id', 'desc');
  if (query.limit) q = q.limit(query.limit);
  return q.execute();
}

/**
 * When each original of `query` was published and first seen, and nothing else: what a count of them by the day they
 * appeared needs (the digest's week-on-week shift), without two weeks of article text.
 */
export function originalTimes(db: Kysely<Database>, query: ArticleQuery): Promise<Pick<ArticleRow, 'id' | 'published_at' | 'fetched_at'>[]> {
  return articleQuery(db, query).select(['id', 'published_at', 'fetched_at']).where('duplicate_of', 'is', null).orderBy('fetched_at', 'desc').orderBy('id', 'desc').execute();
}

/** How many articles `query` has (its limit aside). */
export async function countArticles(db: Kysely<Database>, query: ArticleQuery): Promise<number> {
  const row = await articleQuery(db, query).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The rows an article page holds: pages of this many keep a history of any length in bounded memory. */
export const ARTICLE_PAGE_SIZE = 250;

/**
 * The articles of `query` in listArticles' order, a page at a time, so a command can go through a pipeline's whole
 * history without holding it. Each page starts after the last row of the one before (first seen, then id), so rows
 * a run stores meanwhile, first seen later, neither shift the pages nor come twice.
 */
export async function* articlePages(db: Kysely<Database>, query: ArticleQuery, pageSize = ARTICLE_PAGE_SIZE): AsyncGenerator<ArticleRow[]> {
  let left = query.limit ?? Number.POSITIVE_INFINITY;
  let after: Pick<ArticleRow, 'fetched_at' | 'id'> | null = null;
  while (left > 0) {
    const size = Math.min(pageSize, left);
    let q = articleQuery(db, query).selectAll();
    if (after !== null) {
      const { fetched_at: fetchedAt, id } = after;
      q = q.where((eb) => eb.or([eb('fetched_at', '<', fetchedAt), eb.and([eb('fetched_at', '=', fetchedAt), eb('id', '<', id)])]));
    }
    const rows = await q.orderBy('fetched_at', 'desc').orderBy('id', 'desc').limit(size).execute();
    if (rows.length > 0) yield rows;
    if (rows.length < size) return;
    left -= rows.length;
    after = rows.at(-1)!;
  }
}

/** These articles, by id (those that exist); one query per 500 ids. */
export async function articlesByIds(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, ArticleRow>> {
  const out = new Map<number, ArticleRow>();
  for (const chunk of inChunks(ids)) {
    for (const row of await db.selectFrom('articles').selectAll().where('id', 'in', chunk).execute()) out.set(row.id, row);
  }
  return out;
}

/**
 * The site name of each of these sources whose articles give one site name only, and that often enough (an outlet's
 * own feed: its read pages' `og:site_name`), by source id: what an article of it stored without one (its page not
 * read) is named by, so one outlet is not counted as two ("The Guardian" and the source's "Guardian: AI"). A source
 * whose articles name several (an aggregator's, a wire's) has none.
 */
export async function singleSiteNames(db: Kysely<Database>, pipelineId: string, sourceIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, { name: string; count: number }[]>();
  for (const chunk of inChunks([...new Set(sourceIds)])) {
    const rows = await db
      .selectFrom('articles')
      .select((eb) => ['source_id', 'site_name', eb.fn.countAll().as('n')])
      .where('pipeline_id', '=', pipelineId)
      .where('source_id', 'in', chunk)
      .where('site_name', 'is not', null)
      .groupBy(['source_id', 'site_name'])
      .execute();
    for (const row of rows) names.set(row.source_id, [...(names.get(row.source_id) ?? []), { name: row.site_name!, count: Number(row.n) }]);
  }
  // one name, given by SITE_NAME_READS articles at least: an aggregator's one page read names one outlet, not its own
  return new Map([...names].filter(([, found]) => found.length === 1 && found[0]!.count >= SITE_NAME_READS).map(([source, found]) => [source, found[0]!.name]));
}

/** How many of a source's articles must give its one site name before its others are named by it (see singleSiteNames). */
const SITE_NAME_READS = 3;

/** The texts of these articles, by id, with what they copy; one query per 500 ids. */
export async function articleTexts(db: Kysely<Database>, ids: readonly number[]): Promise<Pick<ArticleRow, 'id' | 'text' | 'duplicate_of'>[]> {
  const out: Pick<ArticleRow, 'id' | 'text' | 'duplicate_of'>[] = [];
  for (const chunk of inChunks(ids)) out.push(...(await db.selectFrom('articles').select(['id', 'text', 'duplicate_of']).where('id', 'in', chunk).execute()));
  return out.sort((a, b) => a.id - b.id);
}

/** What `stories` needs of an article of a story: not its text, which a history of thousands makes hundreds of MB. */
export type StoryMemberRow = Pick<ArticleRow, 'id' | 'story_id' | 'duplicate_of' | 'site_name' | 'source_id'>;

/** The articles of these stories, by id; one query per 500 stories. */
export async function storyMembers(db: Kysely<Database>, storyIds: readonly number[]): Promise<(StoryMemberRow & { story_id: number })[]> {
  const out: (StoryMemberRow & { story_id: number })[] = [];
  for (const chunk of inChunks(storyIds)) {
    const rows = await db
      .selectFrom('articles')
      .select(['id', 'story_id', 'duplicate_of', 'site_name', 'source_id'])
      .where('story_id', 'in', chunk)
      .$narrowType<{ story_id: number }>()
      .execute();
    out.push(...rows);
  }
  return out.sort((a, b) => a.id - b.id);
}

/**
 * A copy's publication date when it is given as a bare date (`day`, YYYY-MM-DD) or as an instant (`at`), else null:
 * the earliest of each kind is taken apart, since which of the two is earlier depends on the reader's zone.
 */
function copyPublishedAs(eb: ExpressionBuilder<Database, 'articles'>, kind: 'day' | 'at') {
  const isKind = eb(eb.fn('length', ['published_at']), kind === 'day' ? '=' : '>', 'YYYY-MM-DD'.length);
  return eb.case().when(eb.and([eb('duplicate_of', 'is not', null), isKind])).then(eb.ref('published_at')).end();
}

/**
 * What trends need of an original (an article that copies no other): when it was published and first seen, and the
 * earliest publication date of its syndicated copies, from which appearedAt tells when it appeared: of those given as
 * a bare date (`copy_published_day`) and of those given as an instant (`copy_published_at`), each null when no copy
 * has one. Two, because which is earlier depends on the zone: west of UTC `2026-12-04` is after
 * `2026-12-04T03:00:00.000Z` (the evening of the 3rd), though it sorts before it as text.
 */
export type TrendOriginalRow = Pick<ArticleRow, 'id' | 'published_at' | 'fetched_at'> & { copy_published_day: string | null; copy_published_at: string | null };

/**
 * The pipeline's originals, newest first (as listArticles orders them), with their copies' earliest publication dates:
 * one scan of the pipeline's articles grouped by original, where a list of ids would take a query per 500 (and a join
 * of the copies to their originals turns into a loop over both wherever PostgreSQL has no statistics yet). `appeared`
 * keeps those whose appearedAt (the earliest of the publication dates, else first seen) is within the bounds, compared
 * as stored text (both included): the caller makes them wide enough for the days it wants, which it then picks by
 * the day in its time zone.
 */
export function trendOriginals(db: Kysely<Database>, pipelineId: string, appeared: { from?: string; to?: string } = {}): Promise<TrendOriginalRow[]> {
  // an original and the articles that copy it, as one group; a copy of a copy (a chain) counts for neither, as in
  // earliestCopyPublications
  const groups = db
    .selectFrom('articles')
    .select((eb) => {
      const ofOriginal = <C extends 'published_at' | 'fetched_at'>(column: C) => eb.case().when('duplicate_of', 'is', null).then(eb.ref(column)).end();
      return [
        eb.fn.coalesce('duplicate_of', 'id').as('id'),
        eb.fn.max(ofOriginal('published_at')).as('published_at'),
        // null for a group without its original: copies of an article that is itself a copy
        eb.fn.max(ofOriginal('fetched_at')).as('fetched_at'),
        // a bare date (YYYY-MM-DD) and an instant are compared by the caller, in its zone: by text, the bare date would
        // win west of UTC over an instant of the evening before
        eb.fn.min(copyPublishedAs(eb, 'day')).as('copy_published_day'),
        eb.fn.min(copyPublishedAs(eb, 'at')).as('copy_published_at'),
      ];
    })
    .where('pipeline_id', '=', pipelineId)
    .groupBy((eb) => eb.fn.coalesce('duplicate_of', 'id'));
  let query = db.selectFrom(groups.as('o')).selectAll().where('o.fetched_at', 'is not', null);
  const { from, to } = appeared;
  // the earliest publication date is at or after `from` when every one is; with none, first seen is
  if (from !== undefined) {
    query = query.where((eb) =>
      eb.and([
        eb.or([eb('o.published_at', 'is', null), eb('o.published_at', '>=', from)]),
        eb.or([eb('o.copy_published_day', 'is', null), eb('o.copy_published_day', '>=', from)]),
        eb.or([eb('o.copy_published_at', 'is', null), eb('o.copy_published_at', '>=', from)]),
        eb.or([eb('o.published_at', 'is not', null), eb('o.copy_published_day', 'is not', null), eb('o.copy_published_at', 'is not', null), eb('o.fetched_at', '>=', from)]),
      ]),
    );
  }
  // ... and at or before `to` when any one is; with none, first seen is
  if (to !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('o.published_at', '<=', to),
        eb('o.copy_published_day', '<=', to),
        eb('o.copy_published_at', '<=', to),
        eb.and([eb('o.published_at', 'is', null), eb('o.copy_published_day', 'is', null), eb('o.copy_published_at', 'is', null), eb('o.fetched_at', '<=', to)]),
      ]),
    );
  }
  return query.orderBy('o.fetched_at', 'desc').orderBy('o.id', 'desc').$narrowType<{ fetched_at: string }>().execute();
}

/**
 * The earliest publication dates among the syndicated copies of each of these originals, for those that have a dated
 * copy (the original is whichever copy was stored first, unless a copy published before it took the group over the
 * same day, and may be an undated capture of a June article): the
 * earliest bare date and the earliest instant, those there are, for appearedAt to pick from in its zone.
 * `seenBefore`: only copies first seen before that instant (what a digest of an earlier day knew).
 */
export async function copyPublicationTimes(
  db: Kysely<Database>, originalIds: readonly number[], { seenBefore }: { seenBefore?: string } = {},
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const chunk of inChunks(originalIds)) {
    let query = db
      .selectFrom('articles')
      .select((eb) => [
        'duplicate_of',
        eb.fn.min(copyPublishedAs(eb, 'day')).as('day'),
        eb.fn.min(copyPublishedAs(eb, 'at')).as('at'),
      ])
      .where('duplicate_of', 'in', chunk)
      .where('published_at', 'is not', null);
    if (seenBefore !== undefined) query = query.where('fetched_at', '<', seenBefore);
    const rows = await query.groupBy('duplicate_of').execute();
    for (const row of rows) {
      const times = [row.day, row.at].filter((time): time is string => !!time);
      if (row.duplicate_of !== null && times.length > 0) out.set(row.duplicate_of, times);
    }
  }
  return out;
}

/**
 * The earliest publication date among the syndicated copies of each of these originals, for those that have a dated
 * copy, as stored text sorts them: where a copy gives a bare date and another an instant, which is earlier depends on
 * the zone, and trends and the digest take copyPublicationTimes instead.
 */
export async function earliestCopyPublications(
  db: Kysely<Database>, originalIds: readonly number[], options: { seenBefore?: string } = {},
): Promise<Map<number, string>> {
  const times = await copyPublicationTimes(db, originalIds, options);
  return new Map([...times].map(([id, candidates]) => [id, [...candidates].sort()[0]!]));
}

/**
 * The earliest publication date in each article's syndication group (its original and the original's copies), for
 * those with a dated one, as stored text sorts them: an article alerted on as an original may since have become a
 * copy, when a copy published before it took the group over.
 */
export async function earliestGroupPublications(db: Kysely<Database>, articleIds: readonly number[]): Promise<Map<number, string>> {
  const originalOf = await originalArticleIds(db, articleIds);
  const originals = [...new Set(originalOf.values())];
  const copies = await earliestCopyPublications(db, originals);
  const own = new Map<number, string>();
  for (const chunk of inChunks(originals)) {
    const rows = await db.selectFrom('articles').select(['id', 'published_at']).where('id', 'in', chunk).where('published_at', 'is not', null).execute();
    for (const row of rows) own.set(row.id, row.published_at!);
  }
  const out = new Map<number, string>();
  for (const [id, original] of originalOf) {
    const dates = [copies.get(original), original === id ? undefined : own.get(original)].filter((date): date is string => date !== undefined);
    if (dates.length > 0) out.set(id, dates.sort()[0]!);
  }
  return out;
}

/**
 * The newest row of each article: `loadChunk` returns rows oldest first, so later ones overwrite. Chunked,
 * because SQLite caps the bound parameters of one statement.
 */
export async function newestPerArticle<T extends { article_id: number }>(
  articleIds: readonly number[],
  loadChunk: (chunk: number[]) => Promise<T[]>,
): Promise<Map<number, T>> {
  const out = new Map<number, T>();
  for (const chunk of inChunks(articleIds)) {
    for (const row of await loadChunk(chunk)) out.set(row.article_id, row);
  }
  return out;
}

/** A score's verdict and figures, without the evidence and voices that make most of its row. */
export type ScoreVerdictRow = Pick<StanceScoreRow, 'id' | 'article_id' | 'scorer_version' | 'relevance' | 'relevant' | 'label' | 'score' | 'confidence' | 'scored_at' | 'unread_language'>;

/** The newest score of each article as latestScores picks it, without its evidence and voices: for counts and tallies. */
export function latestScoreVerdicts(db: Kysely<Database>, articleIds: readonly number[]): Promise<Map<number, ScoreVerdictRow>> {
  return newestPerArticle(articleIds, (chunk) =>
    db
      .selectFrom('stance_scores')
      .select(['id', 'article_id', 'scorer_version', 'relevance', 'relevant', 'label', 'score', 'confidence', 'scored_at', 'unread_language'])
      .where('article_id', 'in', chunk)
      .orderBy('scored_at')
      .orderBy('id')
      .execute(),
  );
}

/** The newest score of each article (by time, then id), so a re-score under a new version takes over. */
export function latestScores(db: Kysely<Database>, articleIds: readonly number[]): Promise<Map<number, StanceScoreRow>> {
  return newestPerArticle(articleIds, (chunk) =>
    db.selectFrom('stance_scores').selectAll().where('article_id', 'in', chunk).orderBy('scored_at').orderBy('id').execute(),
  );
}
