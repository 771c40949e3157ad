import type { Kysely } from 'kysely';

// Frozen. Until when a server that answered with Retry-After asked not to be asked again: `run --all` respects it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('server_wait_until', 'text').execute();
}
