import type { Kysely } from 'kysely';

// Frozen. The files of a files source that its last read refused (empty, binary, a script saved beside a page, ...),
// with the reason, so a later read that finds one unchanged, refused for the same reason, reports it without failing
// the run again: each refusal makes one run exit 1, not every run until the file is removed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('refused_files')
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('first_refused_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('refused_files_pkey', ['pipeline_id', 'source_id', 'item_key'])
    .execute();
}
