import type { Kysely } from 'kysely';

// Frozen. Near-copies and stories of an article are looked for among the articles published around its own date, not
// only among those first seen lately, so a feed's backlog meets the coverage of its days: a range lookup by
// publication date. The dates are ISO times (24 characters), well within what a PostgreSQL btree entry holds.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('articles_pipeline_published').on('articles').columns(['pipeline_id', 'published_at']).execute();
}
