import type { Kysely } from 'kysely';
import type { Database, ArticleRow, NewArticle, ArticleUpdate, StanceScoreRow } from './schema.ts';

/** Which of these item keys a source has already delivered: one query per 500 keys rather than one per item. */
export async function storedItemKeys(db: Kysely<Database>, sourceId: string, keys: readonly string[]): Promise<Map<string, ArticleRow>> {
  const out = new Map<string, ArticleRow>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('articles').selectAll().where('source_id', '=', sourceId).where('item_key', 'in', chunk).execute();
    for (const row of rows) out.set(row.item_key, row);
  }
  return out;
}

/** The first article stored under a canonical URL, across all sources of the pipeline. */
export function findArticleByCanonicalUrl(db: Kysely<Database>, pipelineId: string, canonicalUrl: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('pipeline_id', '=', pipelineId).where('canonical_url', '=', canonicalUrl).orderBy('id').limit(1).executeTakeFirst();
}

/** What dedup compares of the articles first seen since `since` (not their text: a fortnight of it is large). */
export function recentDedupKeys(db: Kysely<Database>, pipelineId: string, since: string) {
  return db
    .selectFrom('articles')
    .select(['id', 'canonical_url', 'content_hash', 'near_signature', 'topic_signature', 'story_id', 'published_at', 'fetched_at', 'duplicate_of'])
    .where('pipeline_id', '=', pipelineId)
    .where('fetched_at', '>=', since)
    .orderBy('id')
    .execute();
}

/** Publication times of a source's newest articles, to estimate how often it publishes. */
export async function recentPublicationTimes(db: Kysely<Database>, sourceId: string, limit: number): Promise<(string | null)[]> {
  const rows = await db
    .selectFrom('articles')
    .select('published_at')
    .where('source_id', '=', sourceId)
    .where('published_at', 'is not', null)
    .orderBy('published_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.published_at);
}

export async function insertArticle(db: Kysely<Database>, article: NewArticle): Promise<number> {
  const row = await db.insertInto('articles').values(article).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateArticle(db: Kysely<Database>, id: number, patch: ArticleUpdate): Promise<void> {
  await db.updateTable('articles').set(patch).where('id', '=', id).execute();
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
  limit?: number;
}

export function listArticles(db: Kysely<Database>, query: ArticleQuery): Promise<ArticleRow[]> {
  let q = db.selectFrom('articles').selectAll().where('pipeline_id', '=', query.pipelineId);
  if (query.fetchedFrom) q = q.where('fetched_at', '>=', query.fetchedFrom);
  if (query.fetchedTo) q = q.where('fetched_at', '<', query.fetchedTo);
  q = q.orderBy('fetched_at', 'desc').orderBy('id', 'desc');
  if (query.limit) q = q.limit(query.limit);
  return q.execute();
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
  for (let i = 0; i < articleIds.length; i += 500) {
    const chunk = articleIds.slice(i, i + 500);
    if (chunk.length === 0) continue;
    for (const row of await loadChunk(chunk)) out.set(row.article_id, row);
  }
  return out;
}

/** The newest score of each article (by time, then id), so a re-score under a new version takes over. */
export function latestScores(db: Kysely<Database>, articleIds: readonly number[]): Promise<Map<number, StanceScoreRow>> {
  return newestPerArticle(articleIds, (chunk) =>
    db.selectFrom('stance_scores').selectAll().where('article_id', 'in', chunk).orderBy('scored_at').orderBy('id').execute(),
  );
}
