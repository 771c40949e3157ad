import type { Kysely } from 'kysely';
import type { Database, UndeliveredAlert } from '../store/index.ts';
import { earliestCopyPublications, undeliveredAlerts, markAlertSent, markAlertFailed, markAlertExpired, markAlertWithdrawn } from '../store/index.ts';
import { channelLabel, type AlertChannel, type RecipientsRefused } from './channels/index.ts';
import { isPastMaxAge, type AlertPayload } from './rules.ts';

/** How long an undelivered alert is retried, run after run: past that it is stale news, and the digest has it. */
export const ALERT_RETRY_HOURS = 48;

/**
 * Why an alert's channel does not take it: `removed`, the pipeline no longer has the channel; `alerts_off`, it has
 * it, but the channel no longer takes alerts (an email channel switched to `alerts: false`, for the digest only).
 */
export type NotTakenReason = 'removed' | 'alerts_off';

export interface DeliveryReport {
  /** Alerts delivered, those whose server refused some recipients (`recipientsRefused`) included. */
  sent: number;
  /** `channel` as messages name it (channelLabel): no webhook secrets. */
  failed: { alertId: number; channel: string; error: string }[];
  /** Alerts not tried this run because their channel had just refused one: the next run tries them. */
  heldBack: { channel: string; count: number }[];
  /**
   * Alerts given up after ALERT_RETRY_HOURS without delivery, each reported by the one run that gives it up.
   * `configured` is false for a channel that no longer takes them, and `reason` says why: `undelivered` (its channel
   * refused it or was not reached, run after run), or a NotTakenReason.
   */
  expired: { alertId: number; channel: string; title: string; lastError: string | null; configured: boolean; reason: 'undelivered' | NotTakenReason }[];
  /**
   * Alerts kept for channels that no longer take them, per channel: one the pipeline no longer has (a webhook whose
   * URL changed without an `id`), or one that no longer takes alerts. Sent if it takes them again in time.
   */
  waiting: { channel: string; count: number; reason: NotTakenReason }[];
  /**
   * Alerts taken back before their first delivery, each reported by the one run that withdraws it: a syndicated copy
   * published at `firstPublished`, before the alerted article, shows the coverage is older than `alerts.maxAgeHours`.
   */
  withdrawn: { alertId: number; channel: string; title: string; firstPublished: string }[];
  /**
   * Deliveries (an email's alerts) that their server took for some recipients and refused for the others, who got
   * none of `alertIds`: reported, not retried, since the rest have them.
   */
  recipientsRefused: ({ channel: string; alertIds: number[] } & RecipientsRefused)[];
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
  /** The pipeline's channels, those that take no alerts (`takesAlerts: false`) too: their alerts are said to wait for that reason. */
  channels: readonly AlertChannel[],
  maxAgeHours: number,
  now: () => Date,
  stop?: DeliveryStop,
): Promise<DeliveryReport> {
  const byName = new Map(channels.map((c) => [c.name, c]));
  const notTaken = (name: string): NotTakenReason | null => {
    const channel = byName.get(name);
    return channel === undefined ? 'removed' : channel.takesAlerts === false ? 'alerts_off' : null;
  };
  const report: DeliveryReport = { sent: 0, failed: [], heldBack: [], expired: [], waiting: [], withdrawn: [], recipientsRefused: [] };
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
      const reason = notTaken(alert.channel) ?? 'undelivered';
      report.expired.push({ alertId: alert.id, channel: channelLabel(alert.channel), title, lastError: alert.last_error, configured: reason === 'undelivered', reason });
      continue;
    }
    const queue = queues.get(alert.channel);
    if (queue) queue.push(alert);
    else queues.set(alert.channel, [alert]);
  }
  for (const [name, alerts] of queues) {
    const reason = notTaken(name);
    if (reason !== null) report.waiting.push({ channel: channelLabel(name), count: alerts.length, reason });
  }
  await Promise.all(
    channels.filter((channel) => notTaken(channel.name) === null).map(async (channel) => {
      const alerts = queues.get(channel.name) ?? [];
      const perDelivery = channel.deliverBatch ? Math.max(1, channel.batchSize ?? alerts.length) : 1;
      for (let start = 0; start < alerts.length; start += perDelivery) {
        if (stop?.requested) return;
        const batch = alerts.slice(start, start + perDelivery);
        const handOver = async (): Promise<{ refusal: string } | { refusal: null; partly: RecipientsRefused | void }> => {
          const payloads = batch.map((alert) => JSON.parse(alert.payload) as AlertPayload);
          try {
            const partly = channel.deliverBatch ? await channel.deliverBatch(payloads) : await channel.deliver(payloads[0]!);
            const sentAt = now().toISOString();
            // all or none: an email's alerts marked in part would go again in the next run's email
            await db.transaction().execute(async (trx) => {
              for (const alert of batch) await markAlertSent(trx, alert.id, sentAt);
            });
            return { refusal: null, partly };
          } catch (error) {
            const message = (error as Error).message;
            for (const alert of batch) await markAlertFailed(db, alert.id, message);
            return { refusal: message };
          }
        };
        const what = batch.length === 1 ? 'an alert' : `${batch.length} alerts`;
        const outcome = await (stop ? stop.hold(handOver(), `the delivery of ${what} to ${channelLabel(channel.name)}`) : handOver());
        const { refusal } = outcome;
        if (refusal === null) {
          report.sent += batch.length;
          if (outcome.partly) report.recipientsRefused.push({ channel: channelLabel(channel.name), alertIds: batch.map((alert) => alert.id), ...outcome.partly });
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
