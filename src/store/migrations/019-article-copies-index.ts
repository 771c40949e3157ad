import type { Kysely } from 'kysely';

// Frozen. The copies of given originals (their earliest publication date for trends and the digest, an alert's
// copies) are looked up by `duplicate_of`, which had no index: each lookup of 500 originals scanned the whole table.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('articles_duplicate_of').on('articles').column('duplicate_of').execute();
}
