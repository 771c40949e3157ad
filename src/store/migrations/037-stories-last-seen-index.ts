import { sql, type Kysely } from 'kysely';

// Frozen. `stories` lists a pipeline's stories most recently seen first, a page at a time: without an index each
// page sorted every story of the history (40,000 at a year) again.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX stories_last_seen ON stories (pipeline_id, last_seen, id)`.execute(db);
}
