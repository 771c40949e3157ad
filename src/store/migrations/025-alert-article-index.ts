import type { Kysely } from 'kysely';

// Frozen. Whether a text's group already raised an alert (asked for each article a run stores) looks alerts up by
// `article_id`, which had no index: each question scanned every alert the pipeline ever raised, and deleting an
// article (its alerts cascade) did too.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('alerts_article').on('alerts').column('article_id').execute();
}
