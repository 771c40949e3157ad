import type { Kysely } from 'kysely';
import type { Database, StoryRow } from './schema.ts';

export async function createStory(db: Kysely<Database>, pipelineId: string, label: string, at: string): Promise<number> {
  const row = await db
    .insertInto('stories')
    .values({ pipeline_id: pipelineId, label, first_seen: at, last_seen: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Widens the story's time span to include `at` and refreshes its label (null: keeps it). */
export async function touchStory(db: Kysely<Database>, id: number, at: string, label: string | null): Promise<void> {
  const story = await db.selectFrom('stories').select(['first_seen', 'last_seen']).where('id', '=', id).executeTakeFirstOrThrow();
  await db
    .updateTable('stories')
    .set({ ...(label === null ? {} : { label }), first_seen: at < story.first_seen ? at : story.first_seen, last_seen: at > story.last_seen ? at : story.last_seen })
    .where('id', '=', id)
    .execute();
}

/**
 * Deletes a story no article belongs to any more (its only one moved to `movedTo`), remembering where its article went
 * (see storyMergedInto).
 */
export async function deleteStoryIfEmpty(db: Kysely<Database>, id: number, movedTo: number, at: string): Promise<void> {
  const member = await db.selectFrom('articles').select('id').where('story_id', '=', id).limit(1).executeTakeFirst();
  if (member) return;
  await rememberMerges(db, [id], movedTo, at);
  await db.deleteFrom('stories').where('id', '=', id).execute();
}

/**
 * Records that stories `gone` now live on as `into`: those that went into them earlier too, so every row points at a
 * story that is there.
 */
async function rememberMerges(db: Kysely<Database>, gone: readonly number[], into: number, at: string): Promise<void> {
  const story = await db.selectFrom('stories').select('pipeline_id').where('id', '=', into).executeTakeFirst();
  if (story === undefined) return;
  // those joined the story they went to now, with it
  await db.updateTable('story_merges').set({ into_id: into, merged_at: at }).where('into_id', 'in', [...gone]).execute();
  // a story id is never given again, so one gone is gone once
  await db.insertInto('story_merges').values(gone.map((id) => ({ story_id: id, pipeline_id: story.pipeline_id, into_id: into, merged_at: at }))).execute();
}

/** The story a gone story's articles are in now, and when it went; null for a story never merged. */
export async function storyMergedInto(db: Kysely<Database>, pipelineId: string, id: number): Promise<{ intoId: number; mergedAt: string } | null> {
  const row = await db.selectFrom('story_merges').select(['into_id', 'merged_at']).where('pipeline_id', '=', pipelineId).where('story_id', '=', id).executeTakeFirst();
  return row === undefined ? null : { intoId: row.into_id, mergedAt: row.merged_at };
}

export async function relabelStory(db: Kysely<Database>, id: number, label: string): Promise<void> {
  await db.updateTable('stories').set({ label }).where('id', '=', id).execute();
}

/** The stories a page holds: pages of this many keep a history of any length in bounded memory. */
export const STORY_PAGE_SIZE = 250;

/** The stories `stories` lists: a pipeline's, those last seen at or after `seenSince` (an instant) if given. */
export interface StoryQuery {
  pipelineId: string;
  seenSince?: string;
}

/**
 * The stories of `query` that some article belongs to (a story whose articles all moved to others is left with none
 * in databases of earlier releases, and is no story to list or count).
 */
function storyQuery(db: Kysely<Database>, query: StoryQuery) {
  let q = db
    .selectFrom('stories')
    .where('pipeline_id', '=', query.pipelineId)
    .where((eb) => eb.exists(eb.selectFrom('articles').select('articles.id').whereRef('articles.story_id', '=', 'stories.id')));
  if (query.seenSince !== undefined) q = q.where('last_seen', '>=', query.seenSince);
  return q;
}

/**
 * The stories of `query`, most recently seen first, a page at a time. Of stories last seen at the same instant (an
 * article that moves to another story on a retried page leaves both with its time), the newer first: without that,
 * rows of equal time came back as each database happened to hold them, by id in SQLite, with updated rows last in
 * PostgreSQL. The order is read once, ids only, and the pages by it: a run storing meanwhile moves a story it adds an
 * article to ahead, which pages read by their place in that order skipped. A story gone by its page is left out.
 */
export async function* storyPages(db: Kysely<Database>, query: StoryQuery, pageSize = STORY_PAGE_SIZE): AsyncGenerator<StoryRow[]> {
  const order = await storyQuery(db, query).select('stories.id').orderBy('last_seen', 'desc').orderBy('stories.id', 'desc').execute();
  for (let at = 0; at < order.length; at += pageSize) {
    const ids = order.slice(at, at + pageSize).map((row) => row.id);
    const rows = new Map((await db.selectFrom('stories').selectAll().where('id', 'in', ids).execute()).map((row) => [row.id, row]));
    const page = ids.flatMap((id) => rows.get(id) ?? []);
    if (page.length > 0) yield page;
  }
}

/** How many stories storyPages would give. */
export async function countStories(db: Kysely<Database>, query: StoryQuery): Promise<number> {
  const row = await storyQuery(db, query).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether the pipeline has this story: one row looked up, not every story of a long history. */
export async function hasStory(db: Kysely<Database>, pipelineId: string, id: number): Promise<boolean> {
  const row = await db.selectFrom('stories').select('id').where('pipeline_id', '=', pipelineId).where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** The label a story has now; null for one not there. */
export async function storyLabelOf(db: Kysely<Database>, id: number): Promise<string | null> {
  const row = await db.selectFrom('stories').select('label').where('id', '=', id).executeTakeFirst();
  return row?.label ?? null;
}

/** Whether an article of the story other than `exceptId` has this title. */
export async function storyHasTitle(db: Kysely<Database>, storyId: number, title: string, exceptId: number): Promise<boolean> {
  const row = await db.selectFrom('articles').select('id').where('story_id', '=', storyId).where('title', '=', title).where('id', '!=', exceptId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** How many of a story's articles have a title: what storyTitles would read, counted without reading them. */
export async function countStoryTitles(db: Kysely<Database>, storyId: number): Promise<number> {
  const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).where('story_id', '=', storyId).where('title', 'is not', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function storyTitles(db: Kysely<Database>, storyId: number): Promise<string[]> {
  return db
    .selectFrom('articles')
    .select('title')
    .where('story_id', '=', storyId)
    .where('title', 'is not', null)
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => r.title as string));
}

/**
 * Folds stories into `keepId`: their articles move over, the span widens, the emptied stories are deleted, and where
 * they went is remembered (see storyMergedInto).
 */
export async function mergeStories(db: Kysely<Database>, keepId: number, mergeIds: readonly number[], at: string): Promise<void> {
  if (mergeIds.length === 0) return;
  await rememberMerges(db, mergeIds, keepId, at);
  const spans = await db.selectFrom('stories').select(['first_seen', 'last_seen']).where('id', 'in', [keepId, ...mergeIds]).execute();
  await db.updateTable('articles').set({ story_id: keepId }).where('story_id', 'in', [...mergeIds]).execute();
  await db
    .updateTable('stories')
    .set({ first_seen: spans.map((s) => s.first_seen).sort()[0]!, last_seen: spans.map((s) => s.last_seen).sort().at(-1)! })
    .where('id', '=', keepId)
    .execute();
  await db.deleteFrom('stories').where('id', 'in', [...mergeIds]).execute();
}
