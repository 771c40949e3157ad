import type { Kysely } from 'kysely';

// Frozen. When the feed last answered with its document (a 2xx, its body read), not a 304: a server or cache that
// answers 304 to every conditional request whatever the feed holds is asked without validators once this is three
// days old. NULL before a check recorded it (the next check of a feed with validators asks without them, once).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('last_document_at', 'text').execute();
}
