import type { Kysely } from 'kysely';

// Frozen. Where the stories went that were folded into another (two stories found to be one) or left empty by their
// last article moving to another: a digest written before names a story id that is gone, and `articles --story`
// follows it here to the story that holds its articles now. One row per story gone, pointing at a story that is there.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('story_merges')
    .addColumn('story_id', 'integer', (c) => c.primaryKey())
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('into_id', 'integer', (c) => c.notNull())
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('story_merges_into').on('story_merges').column('into_id').execute();
}
