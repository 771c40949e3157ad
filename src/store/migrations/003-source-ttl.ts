import type { Kysely } from 'kysely';

// Frozen. A feed's <ttl> is only in its body; kept so a 304 (no body) still honours it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('ttl_seconds', 'integer').execute();
}
