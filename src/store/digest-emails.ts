import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The days from `from` to `to` (inclusive) whose digest each channel has been sent, by channel. */
export async function digestDaysEmailed(db: Kysely<Database>, pipelineId: string, from: string, to: string): Promise<Map<string, Set<string>>> {
  const rows = await db
    .selectFrom('digest_emails')
    .select(['channel', 'date'])
    .where('pipeline_id', '=', pipelineId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  const days = new Map<string, Set<string>>();
  for (const { channel, date } of rows) days.set(channel, (days.get(channel) ?? new Set()).add(date));
  return days;
}

/**
 * Records that `channel` accepted the digest of `date`; recording it again changes nothing. Written once the server
 * took the message, under the run lock (one run of a pipeline at a time), so a later or concurrent attempt reads it
 * and does not send the day again.
 */
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
  // and when it was first seen taking the digest, so it is not taken for a new channel without a backlog
  const channelRow = (name: string) => db.selectFrom('digest_channels').select('channel').where('pipeline_id', '=', pipelineId).where('channel', '=', name).executeTakeFirst();
  if (!(await channelRow(from))) return;
  if (await channelRow(to)) await db.deleteFrom('digest_channels').where('pipeline_id', '=', pipelineId).where('channel', '=', from).execute();
  else await db.updateTable('digest_channels').set({ channel: to }).where('pipeline_id', '=', pipelineId).where('channel', '=', from).execute();
}

/**
 * Notes that a run at `at` has `channel` taking the digest, and returns when it was first seen so and the last day
 * whose unsent digest was given up for it. A channel no run saw before is first seen now; so is one the last finished
 * run of the pipeline did not have (its digest was switched off, or it left the pipeline file, and is back): the days
 * it was away are not its backlog.
 */
export async function seeDigestChannel(
  db: Kysely<Database>,
  seen: { pipelineId: string; channel: string; at: string },
): Promise<{ firstSeenAt: string; givenUpThrough: string | null }> {
  const { pipelineId, channel, at } = seen;
  const read = () =>
    db.selectFrom('digest_channels').select(['first_seen_at', 'last_seen_at', 'given_up_through']).where('pipeline_id', '=', pipelineId).where('channel', '=', channel).executeTakeFirst();
  const row = await read();
  if (!row) {
    await db
      .insertInto('digest_channels')
      .values({ pipeline_id: pipelineId, channel, first_seen_at: at, last_seen_at: at, given_up_through: null })
      .onConflict((oc) => oc.columns(['pipeline_id', 'channel']).doNothing())
      .execute();
  } else {
    // the runs that finished went through the digest emails: one that did not see the channel ran without it
    const last = await db.selectFrom('runs').select((eb) => eb.fn.max('started_at').as('at')).where('pipeline_id', '=', pipelineId).where('status', 'in', ['ok', 'partial']).executeTakeFirst();
    const away = last?.at != null && row.last_seen_at < last.at;
    await db
      .updateTable('digest_channels')
      .set(away ? { first_seen_at: at, last_seen_at: at } : { last_seen_at: at })
      .where('pipeline_id', '=', pipelineId)
      .where('channel', '=', channel)
      .where('last_seen_at', '=', row.last_seen_at)
      .execute();
  }
  const now = (await read())!;
  return { firstSeenAt: now.first_seen_at, givenUpThrough: now.given_up_through };
}

/**
 * Claims the report of the digests given up for `channel` through the day `through`, after those through `previous`
 * (null: none yet): true for the one run that moves the mark, so each given-up day is reported once.
 */
export async function claimDigestsGivenUp(db: Kysely<Database>, claim: { pipelineId: string; channel: string; previous: string | null; through: string }): Promise<boolean> {
  const result = await db
    .updateTable('digest_channels')
    .set({ given_up_through: claim.through })
    .where('pipeline_id', '=', claim.pipelineId)
    .where('channel', '=', claim.channel)
    .where((eb) => (claim.previous === null ? eb('given_up_through', 'is', null) : eb('given_up_through', '=', claim.previous)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * When the pipeline's first run began (this one's, for a first run); null if none did. A digest of a day before it
 * would report as quiet a day nobody watched.
 */
export async function firstRunStartedAt(db: Kysely<Database>, pipelineId: string): Promise<string | null> {
  const row = await db.selectFrom('runs').select((eb) => eb.fn.min('started_at').as('at')).where('pipeline_id', '=', pipelineId).executeTakeFirst();
  return row?.at ?? null;
}

/** When each of the pipeline's runs that began from `from` to `to` (ISO instants, `to` excluded) began. */
export async function runStartsBetween(db: Kysely<Database>, pipelineId: string, from: string, to: string): Promise<string[]> {
  const rows = await db.selectFrom('runs').select('started_at').where('pipeline_id', '=', pipelineId)
    .where('started_at', '>=', from).where('started_at', '<', to).execute();
  return rows.map((row) => row.started_at);
}
