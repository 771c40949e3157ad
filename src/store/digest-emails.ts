import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The channels (by outbox name) that have been sent the pipeline's digest of `date`. */
export async function digestEmailedTo(db: Kysely<Database>, pipelineId: string, date: string): Promise<Set<string>> {
  const rows = await db.selectFrom('digest_emails').select('channel').where('pipeline_id', '=', pipelineId).where('date', '=', date).execute();
  return new Set(rows.map((row) => row.channel));
}

/** Records that `channel` accepted the digest of `date`; recording it again changes nothing. */
export async function recordDigestEmail(db: Kysely<Database>, email: { pipelineId: string; channel: string; date: string; sentAt: string }): Promise<void> {
  await db
    .insertInto('digest_emails')
    .values({ pipeline_id: email.pipelineId, channel: email.channel, date: email.date, sent_at: email.sentAt })
    .onConflict((oc) => oc.columns(['pipeline_id', 'channel', 'date']).doNothing())
    .execute();
}

/** Records the digests sent under channel name `from` as sent to `to`, the same recipients renamed (given an `id`). */
export async function moveDigestEmails(db: Kysely<Database>, pipelineId: string, from: string, to: string): Promise<void> {
  const rows = await db.selectFrom('digest_emails').select(['date', 'sent_at']).where('pipeline_id', '=', pipelineId).where('channel', '=', from).execute();
  for (const row of rows) await recordDigestEmail(db, { pipelineId, channel: to, date: row.date, sentAt: row.sent_at });
  await db.deleteFrom('digest_emails').where('pipeline_id', '=', pipelineId).where('channel', '=', from).execute();
}

/**
 * Whether a run of the pipeline began before `instant`: whether it was watching by then. A digest of a day before its
 * first run would report as quiet a day nobody watched.
 */
export async function pipelineRanBefore(db: Kysely<Database>, pipelineId: string, instant: string): Promise<boolean> {
  const row = await db.selectFrom('runs').select('id').where('pipeline_id', '=', pipelineId).where('started_at', '<', instant).limit(1).executeTakeFirst();
  return row !== undefined;
}
