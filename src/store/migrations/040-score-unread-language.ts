import type { Kysely } from 'kysely';

// Frozen. The language of a text the scorer does not read (it reads English), for a score judged by that language's
// topic words alone, with no stance: null for a text it read.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stance_scores').addColumn('unread_language', 'text').execute();
}
