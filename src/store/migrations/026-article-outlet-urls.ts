import type { Kysely } from 'kysely';

// Frozen. The address an aggregator's item gives for the outlet it names (Google News's `<source url>`), so that the
// outlet's own article, stored after the item, is matched to it by the outlet's address as well as by its name. Rows
// from before are NULL: matched by the name alone, as before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('outlet_url', 'text').execute();
}
