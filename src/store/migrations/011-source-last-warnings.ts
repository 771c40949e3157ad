import type { Kysely } from 'kysely';

// Frozen. What the last read of a feed recovered from (not well-formed XML, a mislabelled charset, items skipped),
// so `sources` and the digest show it under cron too, not only the run that met it. A JSON array of strings, capped;
// the count is kept apart because the array is cut.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('last_warnings', 'text').execute();
  await db.schema.alterTable('sources').addColumn('last_warning_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('sources').addColumn('last_warnings_at', 'text').execute();
}
