import type { Kysely } from 'kysely';

// Frozen. The daily digests an email channel has been sent, one row per pipeline, channel and day: a digest goes to
// a channel once, however often the pipeline runs that day. `channel` is the channel's outbox name (its id, else its
// recipients), as for alerts. A refused message leaves no row, so a later run of the same day tries again.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digest_emails')
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_emails_pkey', ['pipeline_id', 'channel', 'date'])
    .execute();
}
