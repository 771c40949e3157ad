import { sql, type Kysely } from 'kysely';

// Frozen. What a run needs to know of each email channel that takes the daily digest, beyond the days it has been
// sent: when a run first saw it (a channel added today gets no digest of a day before the day before, a backlog of
// days from before it existed), when a run last saw it (one whose digest was switched off meanwhile, or that left the
// pipeline file, is new again when it comes back), and the last day whose unsent digest was reported as given up for
// it (each is reported once). Channels already sent a digest are carried over: first seen when they were first sent
// one, last seen by the pipeline's latest run, and given up through the last day they were sent, so the first run
// after the upgrade does not report as given up the days the old code never retried.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('digest_channels')
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('given_up_through', 'text')
    .addPrimaryKeyConstraint('digest_channels_pkey', ['pipeline_id', 'channel'])
    .execute();
  await db
    .insertInto('digest_channels')
    .columns(['pipeline_id', 'channel', 'first_seen_at', 'last_seen_at', 'given_up_through'])
    .expression(
      db
        .selectFrom('digest_emails as d')
        .select([
          'd.pipeline_id',
          'd.channel',
          sql<string>`min(d.sent_at)`.as('first_seen_at'),
          sql<string>`coalesce((select max(r.started_at) from runs r where r.pipeline_id = d.pipeline_id), max(d.sent_at))`.as('last_seen_at'),
          sql<string>`max(d.date)`.as('given_up_through'),
        ])
        .groupBy(['d.pipeline_id', 'd.channel']),
    )
    .execute();
}
