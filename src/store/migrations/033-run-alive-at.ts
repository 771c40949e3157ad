import type { Kysely } from 'kysely';

// Frozen. When a running run last showed it was alive (alive_at, by the database's clock, every minute), so one of
// another host that stopped showing it stops blocking after minutes, not six hours, and a live one is never taken over
// for its age; and when its process started (owner_started, the kernel's count), so a process id used again by another
// process is not taken for the run's.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('runs').addColumn('alive_at', 'text').execute();
  await db.schema.alterTable('runs').addColumn('owner_started', 'text').execute();
}
