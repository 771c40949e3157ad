import type { Kysely } from 'kysely';

// Frozen. The address whose answer gave a source's validators (ETag, Last-Modified), without a login: they are sent
// to that address only. A feed redirected for now (302) to today's edition sent the morning edition's
// If-Modified-Since to the evening's, whose server answered 304: the evening's stories were never read.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('validators_url', 'text').execute();
}
