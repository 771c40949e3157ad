import { sql, type Kysely } from 'kysely';

import type { MigrationContext } from './index.ts';

// Frozen. A feed chooses its item ids and links, and some run to kilobytes (tracking URLs, ids with a payload). A
// PostgreSQL btree index entry holds at most about 2.7 kB, so such an item failed to store on every run; SQLite has
// no such limit. The columns a feed fills are indexed by their hash instead: the uniqueness of an item per source
// through md5 of its key (the source's columns stay in the btree, for the queries by source), lookups by key and by
// canonical URL through hash indexes, which take values of any length.
export async function up(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`ALTER TABLE articles DROP CONSTRAINT articles_source_item`.execute(db);
  await sql`CREATE UNIQUE INDEX articles_source_item ON articles (pipeline_id, source_id, md5(item_key))`.execute(db);
  await sql`CREATE INDEX articles_item_key ON articles USING hash (item_key)`.execute(db);
  await sql`DROP INDEX articles_pipeline_canonical`.execute(db);
  await sql`CREATE INDEX articles_pipeline_canonical ON articles USING hash (canonical_url)`.execute(db);
}
