import type { Kysely } from 'kysely';
import type { Database, UndeliveredAlert } from '../store/index.ts';
import { earliestCopyPublications, undeliveredAlerts, markAlertSent, markAlertFailed, markAlertExpired, markAlertWithdrawn } from '../store/index.ts';
import { channelLabel, type AlertChannel } from './channels/index.ts';
import { isPastMaxAge, type AlertPayload } from './rules.ts';

/** How long an undelivered alert is retried, run after run: past that it is stale news, and the digest has it. */
export const ALERT_RETRY_HOURS = 48;

export interface DeliveryReport {
  sent: number;
  /** `channel` as messages name it (channelLabel): no webhook secrets. */
  failed: { alertId: number; channel: string; error: string }[];
  /** Alerts not tried this run because their channel had just refused one: the next run tries them. */
  heldBack: { channel: string; count: number }[];
  /**
   * Alerts given up after ALERT_RETRY_HOURS without delivery, each reported by the one run that gives it up.
   * `configured` is false for a channel the pipeline no longer has.
   */
  expired: { alertId: number; channel: string; title: string; lastError: string | null; configured: boolean }[];
  /** Alerts kept for channels the pipeline no longer has (a webhook whose URL changed without an `id`). */
  waiting: { channel: string; count: number }[];
  /**
   * Alerts taken back before their first delivery, each reported by the one run that withdraws it: a syndicated copy
   * published at `firstPublished`, before the alerted article, shows the coverage is older than `alerts.maxAgeHours`.
   */
  withdrawn: { alertId: number; channel: string; title: string; firstPublished: string }[];
}

/**
 * When a syndicated copy shows that an alert's coverage first appeared too long ago to alert on, that copy's date,
 * else null. Sources are stored as each finishes, so a recent copy may become the original, and raise an alert, before
 * the older copy of the same text is stored as its duplicate: only at delivery, after every source, is that known.
 */
function staleCoverageSince(alert: UndeliveredAlert, copyPublished: string | undefined, maxAgeHours: number, now: Date): string | null {
  // One a channel was asked to take may have reached someone (a webhook that timed out after receiving it): not taken back.
  if (alert.status !== 'pending' || alert.attempts > 0 || copyPublished === undefined) return null;
  const copyIsOlder = alert.article_published_at === null || Date.parse(copyPublished) < Date.parse(alert.article_published_at);
  return copyIsOlder && isPastMaxAge(copyPublished, maxAgeHours, now) ? copyPublished : null;
}

/**
 * A stop asked of a run (Ctrl-C, SIGTERM), as delivery sees it: once it is `requested`, no alert is handed to a
 * channel; the one a channel is being handed is `hold`-en to the end, accepted and marked sent (or refused and
 * marked failed), since cutting it short would leave it pending, and the next run would send it again.
 */
export interface DeliveryStop {
  readonly requested: boolean;
  /** `what` says what the work is, for the message that says what a stop waits for. */
  hold<T>(work: Promise<T>, what: string): Promise<T>;
}

/**
 * Delivers what the outbox holds. An alert is marked sent right after its channel accepts it, so a run killed
 * midway re-sends at most the one delivery in flight (an alert, or an email's alerts; a run stopped through `stop`,
 * none), and a later run picks up whatever was left. Channels are served side by side, so a webhook that hangs does
 * not hold up the console or the file; one that refuses an alert is not asked again in the same run, so a dead
 * endpoint costs one timeout per run, not one per alert.
 */
export async function deliverAlerts(
  db: Kysely<Database>,
  pipelineId: string,
  channels: readonly AlertChannel[],
  maxAgeHours: number,
  now: () => Date,
  stop?: DeliveryStop,
): Promise<DeliveryReport> {
  const byName = new Map(channels.map((c) => [c.name, c]));
  const report: DeliveryReport = { sent: 0, failed: [], heldBack: [], expired: [], waiting: [], withdrawn: [] };
  const oldestKept = now().getTime() - ALERT_RETRY_HOURS * 3_600_000;
  const queues = new Map<string, UndeliveredAlert[]>();
  const undelivered = await undeliveredAlerts(db, pipelineId);
  const copiesPublished = await earliestCopyPublications(db, [...new Set(undelivered.map((alert) => alert.article_id))]);
  for (const alert of undelivered) {
    const firstPublished = staleCoverageSince(alert, copiesPublished.get(alert.article_id), maxAgeHours, now());
    if (firstPublished !== null) {
      await markAlertWithdrawn(db, alert.id);
      const title = (JSON.parse(alert.payload) as AlertPayload).title;
      report.withdrawn.push({ alertId: alert.id, channel: channelLabel(alert.channel), title, firstPublished });
      continue;
    }
    if (Date.parse(alert.created_at) < oldestKept) {
      await markAlertExpired(db, alert.id);
      const title = (JSON.parse(alert.payload) as AlertPayload).title;
      report.expired.push({ alertId: alert.id, channel: channelLabel(alert.channel), title, lastError: alert.last_error, configured: byName.has(alert.channel) });
      continue;
    }
    const queue = queues.get(alert.channel);
    if (queue) queue.push(alert);
    else queues.set(alert.channel, [alert]);
  }
  for (const [name, alerts] of queues) {
    if (!byName.has(name)) report.waiting.push({ channel: channelLabel(name), count: alerts.length });
  }
  await Promise.all(
    channels.map(async (channel) => {
      const alerts = queues.get(channel.name) ?? [];
      const perDelivery = channel.deliverBatch ? Math.max(1, channel.batchSize ?? alerts.length) : 1;
      for (let start = 0; start < alerts.length; start += perDelivery) {
        if (stop?.requested) return;
        const batch = alerts.slice(start, start + perDelivery);
        const handOver = async (): Promise<string | null> => {
          const payloads = batch.map((alert) => JSON.parse(alert.payload) as AlertPayload);
          try {
            if (channel.deliverBatch) await channel.deliverBatch(payloads);
            else await channel.deliver(payloads[0]!);
            const sentAt = now().toISOString();
            // all or none: an email's alerts marked in part would go again in the next run's email
            await db.transaction().execute(async (trx) => {
              for (const alert of batch) await markAlertSent(trx, alert.id, sentAt);
            });
            return null;
          } catch (error) {
            const message = (error as Error).message;
            for (const alert of batch) await markAlertFailed(db, alert.id, message);
            return message;
          }
        };
        const what = batch.length === 1 ? 'an alert' : `${batch.length} alerts`;
        const refusal = await (stop ? stop.hold(handOver(), `the delivery of ${what} to ${channelLabel(channel.name)}`) : handOver());
        if (refusal === null) {
          report.sent += batch.length;
          continue;
        }
        for (const alert of batch) report.failed.push({ alertId: alert.id, channel: channelLabel(alert.channel), error: refusal });
        const rest = alerts.length - start - batch.length;
        if (rest > 0) report.heldBack.push({ channel: channelLabel(channel.name), count: rest });
        return;
      }
    }),
  );
  return report;
}
