import type { Kysely } from 'kysely';

// Frozen. The hours and days the feed's last document read asked not to be read in (RSS <skipHours>, <skipDays>), as
// JSON `{"hours":[…],"days":[…]}` (UTC hours 0-23, days 0 = Sunday); NULL when it named none. Kept, as <ttl> is,
// for the checks that read no document (a 304, a failure).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('skip_times', 'text').execute();
}
