import type { Kysely } from 'kysely';

// Frozen. Why a source's next check falls when it does ("3 items over 13 h: every 4.3 h; raised to 24 h by
// Expires"), for `pausewatch sources`: a feed parked for a day must say who asked for it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('next_check_reason', 'text').execute();
}
