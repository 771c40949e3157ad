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

/** Deletes a story no article belongs to any more (its only one moved to another). */
export async function deleteStoryIfEmpty(db: Kysely<Database>, id: number): Promise<void> {
  const member = await db.selectFrom('articles').select('id').where('story_id', '=', id).limit(1).executeTakeFirst();
  if (!member) await db.deleteFrom('stories').where('id', '=', id).execute();
}

export async function relabelStory(db: Kysely<Database>, id: number, label: string): Promise<void> {
  await db.updateTable('stories').set({ label }).where('id', '=', id).execute();
}

/**
 * Most recently seen first; of stories last seen at the same instant (an article that moves to another story on a
 * retried page leaves both with its time), the newer first. Without that, rows of equal time came back as each
 * database happened to hold them: by id in SQLite, with updated rows last in PostgreSQL.
 */
export function listStories(db: Kysely<Database>, pipelineId: string): Promise<StoryRow[]> {
  return db.selectFrom('stories').selectAll().where('pipeline_id', '=', pipelineId).orderBy('last_seen', 'desc').orderBy('id', 'desc').execute();
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

/** Folds stories into `keepId`: their articles move over, the span widens, the emptied stories are deleted. */
export async function mergeStories(db: Kysely<Database>, keepId: number, mergeIds: readonly number[]): Promise<void> {
  if (mergeIds.length === 0) return;
  const spans = await db.selectFrom('stories').select(['first_seen', 'last_seen']).where('id', 'in', [keepId, ...mergeIds]).execute();
  await db.updateTable('articles').set({ story_id: keepId }).where('story_id', 'in', [...mergeIds]).execute();
  await db
    .updateTable('stories')
    .set({ first_seen: spans.map((s) => s.first_seen).sort()[0]!, last_seen: spans.map((s) => s.last_seen).sort().at(-1)! })
    .where('id', '=', keepId)
    .execute();
  await db.deleteFrom('stories').where('id', 'in', [...mergeIds]).execute();
}
