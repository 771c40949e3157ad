import type { Kysely } from 'kysely';

// Frozen. When the pipeline file last gave a source another address (another URL or glob, or another login): the
// articles stored before then came from another feed, and must not set the new one's publishing rate when a check
// reads no document (a 304). A permanent move the file took up (`sources update-moved`) is the same feed and sets
// nothing. An ISO time as text, as every time in these tables, in SQLite and PostgreSQL alike; rows from
// before are NULL: no change recorded, all the source's articles count.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('location_changed_at', 'text').execute();
}
