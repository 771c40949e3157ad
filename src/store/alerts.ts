import type { Kysely } from 'kysely';
import { inChunks } from './in-chunks.ts';
import type { AlertRow, Database } from './schema.ts';

export interface NewAlert {
  pipelineId: string;
  articleId: number;
  channel: string;
  payload: unknown;
  createdAt: string;
}

/** What makes an alert one of its kind: one per article and channel, in a pipeline. */
function alertDedupeKey(pipelineId: string, articleId: number, channel: string): string {
  return `${pipelineId}:${articleId}:${channel}`;
}

/** Adds an alert to the outbox unless one exists for the same article and channel. Returns whether it was new. */
export async function enqueueAlert(db: Kysely<Database>, alert: NewAlert): Promise<boolean> {
  const inserted = await db
    .insertInto('alerts')
    .values({
      pipeline_id: alert.pipelineId,
      article_id: alert.articleId,
      channel: alert.channel,
      dedupe_key: alertDedupeKey(alert.pipelineId, alert.articleId, alert.channel),
      payload: JSON.stringify(alert.payload),
      status: 'pending',
      attempts: 0,
      created_at: alert.createdAt,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** An alert waiting in the outbox, with its article's publication date as stored now (a later read may have set it). */
export type UndeliveredAlert = AlertRow & { article_published_at: string | null };

/** Alerts still to deliver, including ones whose earlier delivery failed, oldest first. */
export function undeliveredAlerts(db: Kysely<Database>, pipelineId: string): Promise<UndeliveredAlert[]> {
  return db
    .selectFrom('alerts')
    .innerJoin('articles', 'articles.id', 'alerts.article_id')
    .selectAll('alerts')
    .select('articles.published_at as article_published_at')
    .where('alerts.pipeline_id', '=', pipelineId)
    .where('alerts.status', 'in', ['pending', 'failed'])
    .orderBy('alerts.id')
    .execute();
}

/**
 * Gives the alerts waiting (pending or failed) under channel name `from` to the channel named `to`: the same
 * destination, renamed (a webhook given an `id`). One whose article already has an alert under `to` stays where it
 * is. Returns how many moved.
 */
export async function moveWaitingAlerts(db: Kysely<Database>, pipelineId: string, from: string, to: string): Promise<number> {
  const waiting = await db
    .selectFrom('alerts')
    .select(['id', 'article_id'])
    .where('pipeline_id', '=', pipelineId)
    .where('channel', '=', from)
    .where('status', 'in', ['pending', 'failed'])
    .execute();
  let moved = 0;
  for (const alert of waiting) {
    const dedupeKey = alertDedupeKey(pipelineId, alert.article_id, to);
    const taken = await db.selectFrom('alerts').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
    if (taken) continue;
    await db.updateTable('alerts').set({ channel: to, dedupe_key: dedupeKey }).where('id', '=', alert.id).execute();
    moved += 1;
  }
  return moved;
}

export async function markAlertWithdrawn(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('alerts').set({ status: 'withdrawn' }).where('id', '=', id).execute();
}

/** Marks waiting alerts `held`: past `alerts.maxPerRun`, never to be sent. Only alerts still pending are marked. */
export async function markAlertsHeld(db: Kysely<Database>, ids: readonly number[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const chunk of inChunks(ids)) {
      await trx.updateTable('alerts').set({ status: 'held' }).where('id', 'in', chunk).where('status', '=', 'pending').execute();
    }
  });
}

export async function markAlertExpired(db: Kysely<Database>, id: number): Promise<void> {
  await db.updateTable('alerts').set({ status: 'expired' }).where('id', '=', id).execute();
}

export async function markAlertSent(db: Kysely<Database>, id: number, at: string): Promise<void> {
  await db.updateTable('alerts').set((eb) => ({ status: 'sent', sent_at: at, attempts: eb('attempts', '+', 1), last_error: null })).where('id', '=', id).execute();
}

/** An alert its channel refused; `notBefore`, when the channel asked to be sent nothing before then (Retry-After). */
export async function markAlertFailed(db: Kysely<Database>, id: number, error: string, notBefore: string | null = null): Promise<void> {
  await db.updateTable('alerts').set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), last_error: error, not_before: notBefore })).where('id', '=', id).execute();
}

/**
 * Whether an alert, in any state (sent, pending, withdrawn...), was ever raised on any channel for the article
 * `originalId` or for one of its copies: the group of one text, whose one alert covers every copy.
 */
export async function alertRaisedForGroup(db: Kysely<Database>, originalId: number): Promise<boolean> {
  return (await groupAlertQuery(db, originalId).executeTakeFirst()) !== undefined;
}

/** The query alertRaisedForGroup asks, a run once per article it stores: by indexes only (alerts_article, articles_duplicate_of). */
export function groupAlertQuery(db: Kysely<Database>, originalId: number) {
  // two index lookups, not `= original OR IN (copies)`, which PostgreSQL answers by reading every alert
  return db
    .selectFrom('alerts')
    .select('alerts.id')
    .where('alerts.article_id', '=', originalId)
    .unionAll(db.selectFrom('alerts').innerJoin('articles', 'articles.id', 'alerts.article_id').select('alerts.id').where('articles.duplicate_of', '=', originalId))
    .limit(1);
}

/**
 * Whether a read of the source succeeded (fetched, or answered "not modified") before `at`: an undated article it
 * delivered at `at` was then news, not the backlog of its first read. The read that stored an article at `at`, in
 * the pipeline's last run started by then (runs of a pipeline never overlap), is not before it, though its attempt
 * is dated when its fetch ended, before its items were stored.
 */
export async function sourceReadBefore(db: Kysely<Database>, pipelineId: string, sourceId: string, at: string): Promise<boolean> {
  const row = await db
    .selectFrom('fetch_attempts')
    .select('id')
    .where('pipeline_id', '=', pipelineId)
    .where('source_id', '=', sourceId)
    .where('outcome', '!=', 'failed')
    .where('finished_at', '<', at)
    .where((eb) =>
      eb(
        'run_id',
        '!=',
        eb.fn.coalesce(
          eb.selectFrom('runs').select('runs.id').where('runs.pipeline_id', '=', pipelineId).where('runs.started_at', '<=', at).orderBy('runs.started_at', 'desc').orderBy('runs.id', 'desc').limit(1),
          eb.lit(-1),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
