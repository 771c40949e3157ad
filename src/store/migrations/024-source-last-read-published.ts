import type { Kysely } from 'kysely';

// Frozen. The publication times of the items of the last feed document a source read, as a JSON array of ISO times:
// a check that reads no document (a 304, a body unchanged) reads that document again, and is scheduled by the same
// items, which may include ones the source stored from another feed it was read from before (its address in the
// pipeline file changed), whose first-seen times are from then. An ISO time as text, as every time in these tables;
// rows from before are NULL: no read recorded, and a 304 counts the source's stored articles, as before.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('last_read_published', 'text').execute();
}
