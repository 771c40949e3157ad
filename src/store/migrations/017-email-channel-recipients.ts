import type { Kysely } from 'kysely';

// Frozen. Before this release an email channel without an `id` was known in the outbox and in digest_emails as
// `email:` and its recipients as the pipeline file listed them, so listing them in another order, or an address in
// another case, made it a new channel: the day's digest went again, and its waiting alerts were left behind as "no
// longer in the pipeline". It is now known by the set of its recipients, lower-cased and sorted; stored names get
// that form here. Where a row already has the new name for the same article (or day), the old one is redundant:
// one waiting is dropped, since the other is sent, given up or due to go; one sent replaces one waiting, which
// would arrive twice; other finished ones keep their old name, as history.
export async function up(db: Kysely<any>): Promise<void> {
  const alerts: { id: number; pipeline_id: string; article_id: number; channel: string; status: string }[] = await db
    .selectFrom('alerts')
    .select(['id', 'pipeline_id', 'article_id', 'channel', 'status'])
    .where('channel', 'like', 'email:%')
    .orderBy('id')
    .execute();
  const waiting = (status: string) => status === 'pending' || status === 'failed';
  for (const alert of alerts) {
    const channel = recipientsName(alert.channel);
    if (channel === alert.channel) continue;
    const dedupeKey = `${alert.pipeline_id}:${alert.article_id}:${channel}`;
    const other: { id: number; status: string } | undefined = await db.selectFrom('alerts').select(['id', 'status']).where('dedupe_key', '=', dedupeKey).executeTakeFirst();
    if (other !== undefined) {
      if (waiting(alert.status)) {
        await db.deleteFrom('alerts').where('id', '=', alert.id).execute();
        continue;
      }
      if (alert.status !== 'sent' || !waiting(other.status)) continue;
      await db.deleteFrom('alerts').where('id', '=', other.id).execute();
    }
    await db.updateTable('alerts').set({ channel, dedupe_key: dedupeKey }).where('id', '=', alert.id).execute();
  }

  const emails: { pipeline_id: string; channel: string; date: string }[] = await db
    .selectFrom('digest_emails')
    .select(['pipeline_id', 'channel', 'date'])
    .where('channel', 'like', 'email:%')
    .execute();
  for (const email of emails) {
    const channel = recipientsName(email.channel);
    if (channel === email.channel) continue;
    const row = (eb: any) => eb.and([eb('pipeline_id', '=', email.pipeline_id), eb('date', '=', email.date)]);
    const taken = await db.selectFrom('digest_emails').select('channel').where(row).where('channel', '=', channel).executeTakeFirst();
    if (taken) await db.deleteFrom('digest_emails').where(row).where('channel', '=', email.channel).execute();
    else await db.updateTable('digest_emails').set({ channel }).where(row).where('channel', '=', email.channel).execute();
  }
}

/** `email:` and the recipients, lower-cased, each once, sorted. */
function recipientsName(channel: string): string {
  const to = channel.slice('email:'.length).split(',');
  return `email:${[...new Set(to.map((address) => address.toLowerCase()))].sort().join(',')}`;
}
