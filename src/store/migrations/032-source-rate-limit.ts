import type { Kysely } from 'kysely';

// Frozen. The shortest interval a feed's server has shown it allows, in seconds: twice the time since the check
// before a 429 it answered, when that check was answered and within the hour (held at two hours); and when it showed
// it. Checks of the feed come no closer for a week from then; NULL when it never answered so.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('rate_limit_seconds', 'integer').execute();
  await db.schema.alterTable('sources').addColumn('rate_limit_at', 'text').execute();
}
