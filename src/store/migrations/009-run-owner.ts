import type { Kysely } from 'kysely';

// Frozen. Which process holds a running run ("host:pid"), so a run killed outright (the OOM killer, kill -9) stops
// blocking the next one as soon as its process is known to be gone, not hours later.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('owner', 'text').execute();
}
