import type { Kysely } from 'kysely';

// Frozen. When a channel that refused an alert asked to be sent nothing before (Retry-After longer than a run waits:
// a webhook's 429 for an hour), by when: the runs in between held the alert instead of sending it again at once.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alerts').addColumn('not_before', 'text').execute();
}
