import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UndeliveredAlert } from '../store/index.ts';
import { plural } from '../model/display-text.ts';
import {
  earliestGroupPublications, undeliveredAlerts, markAlertSent, markAlertsHeld, markAlertFailed, markAlertExpired, markAlertWithdrawn, moveWaitingAlerts, moveDigestEmails, finishedRunSpans, retryPassingFailures,
} from '../store/index.ts';
import { channelLabel, withoutSecrets, type AlertChannel, type Delivery, type HeldNotice, type RecipientsRefused } from './channels/index.ts';
import { isPastMaxAge, publishedMs, type AlertPayload } from './rules.ts';

/** How long an undelivered alert is retried, run after run: past that it is stale news, and the digest has it. */
export const ALERT_RETRY_HOURS = 48;

/**
 * A channel refused with Retry-After (a webhook's 429: Slack takes about one message a second): a wait up to this
 * long is waited out within the run, and the alert tried again, rather than held until the next run (a day later with
 * a daily cron). A longer one holds the channel until then, as any refusal does.
 */
export const RETRY_AFTER_WAIT_MS = 30_000;
/** All the waits of one channel in one run together, at most: each counts as a second at least. */
export const RETRY_AFTER_WAITS_PER_RUN_MS = 120_000;
/** Waits for one delivery, at most: an endpoint down for maintenance that keeps asking for "10 s more" costs a minute, not two. */
export const RETRY_AFTER_WAITS_PER_DELIVERY = 2;

/**
 * Why an alert's channel does not take it: `removed`, the pipeline no longer has the channel; `alerts_off`, it has
 * it, but the channel no longer takes alerts (an email channel switched to `alerts: false`, for the digest only).
 */
export type NotTakenReason = 'removed' | 'alerts_off';

export interface DeliveryReport {
  /** Alerts delivered, those whose server refused some recipients (`recipientsRefused`) included. */
  sent: number;
  /**
   * `sent` per channel (channelLabel), in the pipeline's order of channels: one alert per article and channel, so an
   * article alerted on three channels is three here.
   */
  sentByChannel: { channel: string; count: number }[];
  /** The articles whose alert a channel took this run: what a reader counts as alerts, on any number of channels. */
  articlesAlerted: number;
  /** `channel` as messages name it (channelLabel): no webhook secrets. */
  failed: { alertId: number; channel: string; error: string }[];
  /** Alerts not tried this run because their channel had just refused one: the next run tries them. */
  heldBack: { channel: string; count: number }[];
  /**
   * Alerts not tried this run because their channel, refusing one in an earlier run, asked (Retry-After) to be sent
   * nothing before `until`: the first run after then tries them.
   */
  askedToWait: { channel: string; count: number; until: string }[];
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
  /**
   * Alerts that were waiting under a channel's former name (a webhook's URL before it was given an `id`) and are now
   * its, so this run delivers them: `from` and `to` as messages name channels.
   */
  moved: { from: string; to: string; count: number }[];
  /**
   * New alerts this run did not send, past `alerts.maxPerRun` for their channel, per channel in the pipeline's order:
   * marked `held` in the outbox, so no run sends them. `noticeSent`: whether the channel took the message saying how
   * many (an email channel's, the line of its last message); `noticeError` says why not, null when it was not tried
   * (a refused alert had ended the channel's deliveries, or the run was stopped).
   */
  held: { channel: string; count: number; maxPerRun: number; noticeSent: boolean; noticeError: string | null }[];
}

/**
 * When a syndicated copy shows that an alert's coverage first appeared too long ago to alert on, that copy's date,
 * else null. Sources are stored as each finishes, so a recent copy may become the original, and raise an alert, before
 * the older copy of the same text is stored (as its duplicate, or taking its group over, the recent one then a copy):
 * only at delivery, after every source, is that known.
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
  /** `alerts.maxPerRun`: the most alerts one channel is handed in the run (see capForRun). None when not given. */
  maxPerRun = Number.POSITIVE_INFINITY,
  /** When the run began: alerts queued before it, by an earlier run that finished, were chosen by it (see capForRun). */
  runStartedAt?: string,
): Promise<DeliveryReport> {
  const byName = new Map(channels.map((c) => [c.name, c]));
  const notTaken = (name: string): NotTakenReason | null => {
    const channel = byName.get(name);
    return channel === undefined ? 'removed' : channel.takesAlerts === false ? 'alerts_off' : null;
  };
  const moved = await adoptFormerNames(db, pipelineId, channels);
  const report: DeliveryReport = { sent: 0, sentByChannel: [], articlesAlerted: 0, failed: [], heldBack: [], askedToWait: [], expired: [], waiting: [], withdrawn: [], recipientsRefused: [], moved, held: [] };
  const sentBy = new Map<string, number>();
  const heldBy = new Map<string, DeliveryReport['held'][number]>();
  const articlesAlerted = new Set<number>();
  const oldestKept = now().getTime() - ALERT_RETRY_HOURS * 3_600_000;
  const queues = new Map<string, UndeliveredAlert[]>();
  const undelivered = await undeliveredAlerts(db, pipelineId);
  const earlierRuns = runStartedAt === undefined ? [] : await finishedRunSpans(db, pipelineId, new Date(oldestKept).toISOString(), runStartedAt);
  // queued during an earlier run that finished: that run's delivery chose it within its cap, or marked it held
  const chosenBefore = (alert: UndeliveredAlert) => earlierRuns.some((run) => run.started_at <= alert.created_at && alert.created_at <= run.finished_at);
  const copiesPublished = await earliestGroupPublications(db, [...new Set(undelivered.map((alert) => alert.article_id))]);
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
      // stored by an earlier release, it may quote a URL whole
      const lastError = alert.last_error === null ? null : withoutSecrets(alert.last_error);
      report.expired.push({ alertId: alert.id, channel: channelLabel(alert.channel), title, lastError, configured: reason === 'undelivered', reason });
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
      if (stop?.requested) return;
      const queued = queues.get(channel.name) ?? [];
      const { send: alerts, held } = capForRun(queued, maxPerRun, chosenBefore);
      // the channel asked, refusing one, to be sent nothing for a while: none of its alerts is tried before then, and
      // the cap holds as it does when they are sent (those past it held now), so the first run after sends the
      // newest within it rather than a backlog of every waiting run's, oldest first
      const until = queued.map((alert) => alert.not_before).filter((at): at is string => at !== null && Date.parse(at) > now().getTime()).sort().at(-1);
      if (until !== undefined) {
        if (held.length > 0) {
          await markAlertsHeld(db, held.map((alert) => alert.id));
          const noticeError = `not sent: the channel asked (Retry-After) to be sent nothing until ${until}`;
          heldBy.set(channel.name, { channel: channelLabel(channel.name), count: held.length, maxPerRun, noticeSent: false, noticeError });
        }
        report.askedToWait.push({ channel: channelLabel(channel.name), count: alerts.length, until });
        return;
      }
      // Held before anything is sent: a run killed midway must not leave them for the next run to send.
      let notice: HeldNotice | undefined;
      let heldEntry: DeliveryReport['held'][number] | undefined;
      if (held.length > 0) {
        await markAlertsHeld(db, held.map((alert) => alert.id));
        notice = { count: held.length, maxPerRun, key: heldKey(pipelineId, held) };
        heldEntry = { channel: channelLabel(channel.name), count: held.length, maxPerRun, noticeSent: false, noticeError: null };
        heldBy.set(channel.name, heldEntry);
      }
      const perDelivery = channel.deliverBatch ? Math.max(1, channel.batchSize ?? alerts.length) : 1;
      let waitedMs = 0;
      type Outcome<T> = { refusal: string; retryAfterMs: number | null } | { refusal: null; value: T };
      /**
       * Hands `work` to the channel. Asked to come back in a moment: waited out (a stop ends the wait, and the work
       * waits for the next run: null), then the same work again, until its waits or the channel's reach their limit.
       * One channel's wait holds up no other. A refusal not waited out goes to `refused` before it is returned.
       */
      const handOver = async <T>(work: () => Promise<T>, refused: (message: string, retryAfterMs: number | null) => Promise<void>, what: string): Promise<Outcome<T> | null> => {
        let waits = 0;
        const canWait = (ms: number) => waits < RETRY_AFTER_WAITS_PER_DELIVERY && ms <= RETRY_AFTER_WAIT_MS && waitedMs + Math.max(ms, 1000) <= RETRY_AFTER_WAITS_PER_RUN_MS;
        const once = async (): Promise<Outcome<T>> => {
          try {
            return { refusal: null, value: await work() };
          } catch (error) {
            // every channel's, whatever library wrote it: stored, printed and in `run --json`, where no URL goes whole
            const message = withoutSecrets((error as Error).message);
            const asked = (error as { retryAfterMs?: unknown }).retryAfterMs;
            const retryAfterMs = typeof asked === 'number' && Number.isFinite(asked) ? Math.max(0, asked) : null;
            // refused for now, with a wait short enough to take: not tried yet as far as the outbox goes
            if (retryAfterMs !== null && canWait(retryAfterMs)) return { refusal: message, retryAfterMs };
            await refused(message, retryAfterMs);
            return { refusal: message, retryAfterMs: null };
          }
        };
        const attempt = () => (stop ? stop.hold(once(), what) : once());
        let outcome = await attempt();
        while (outcome.refusal !== null && outcome.retryAfterMs !== null) {
          const ms = outcome.retryAfterMs;
          waitedMs += Math.max(ms, 1000);
          waits += 1;
          if (!(await waitUnlessStopped(ms, stop))) return null;
          outcome = await attempt();
        }
        return outcome;
      };
      for (let start = 0; start < alerts.length; ) {
        if (stop?.requested) return;
        const batch = alerts.slice(start, start + perDelivery);
        // an email says it in its run's last message, rather than in a message of its own
        const batchNotice = channel.deliverBatch && start + batch.length >= alerts.length ? notice : undefined;
        const what = batch.length === 1 ? 'an alert' : `${batch.length} alerts`;
        const outcome = await handOver(
          async () => {
            const payloads = batch.map((alert) => JSON.parse(alert.payload) as AlertPayload);
            return channel.deliverBatch ? await channel.deliverBatch(payloads, batchNotice, batch.map(deliveryKey)) : await channel.deliver(payloads[0]!, { key: deliveryKey(batch[0]!) });
          },
          async (message, retryAfterMs) => {
            // asked to wait longer than a run waits: the next runs hold the channel's alerts until then
            const notBefore = retryAfterMs === null ? null : new Date(now().getTime() + retryAfterMs).toISOString();
            for (const alert of batch) await markAlertFailed(db, alert.id, message, notBefore);
          },
          `the delivery of ${what} to ${channelLabel(channel.name)}`,
        );
        if (outcome === null) return;
        if (outcome.refusal === null) {
          // Taken by the channel: marked sent, through a lock another process holds or a connection the server cut
          // (tried again for about a minute), and never taken for the channel's refusal, which sent it again. All or
          // none: an email's alerts marked in part would go again in the next run's email.
          const sentAt = now().toISOString();
          const marked = retryPassingFailures(() =>
            db.transaction().execute(async (trx) => {
              for (const alert of batch) await markAlertSent(trx, alert.id, sentAt);
            }),
          );
          await (stop ? stop.hold(marked, `marking ${what} sent`) : marked);
          report.sent += batch.length;
          sentBy.set(channel.name, (sentBy.get(channel.name) ?? 0) + batch.length);
          for (const alert of batch) articlesAlerted.add(alert.article_id);
          if (outcome.value) report.recipientsRefused.push({ channel: channelLabel(channel.name), alertIds: batch.map((alert) => alert.id), ...outcome.value });
          if (batchNotice && heldEntry) heldEntry.noticeSent = true;
          start += batch.length;
          continue;
        }
        for (const alert of batch) report.failed.push({ alertId: alert.id, channel: channelLabel(alert.channel), error: outcome.refusal });
        // retried by the next runs as alerts, without it
        if (batchNotice && heldEntry) heldEntry.noticeError = outcome.refusal;
        const rest = alerts.length - start - batch.length;
        if (rest > 0) report.heldBack.push({ channel: channelLabel(channel.name), count: rest });
        return;
      }
      // After the alerts, one message more: how many new articles it was not told of. Not kept in the outbox: a notice
      // refused is reported, not retried, since the next run's would no longer be news.
      if (notice && heldEntry && !channel.deliverBatch && channel.deliverNotice) {
        if (stop?.requested) return;
        const deliverNotice = channel.deliverNotice.bind(channel);
        const shown = notice;
        const outcome = await handOver(() => deliverNotice(shown), async () => {}, `the notice of ${plural(held.length, 'held alert')} to ${channelLabel(channel.name)}`);
        if (outcome?.refusal === null) heldEntry.noticeSent = true;
        else if (outcome) heldEntry.noticeError = outcome.refusal;
      }
    }),
  );
  report.held = channels.flatMap((channel) => {
    const entry = heldBy.get(channel.name);
    return entry ? [entry] : [];
  });
  report.sentByChannel = channels.flatMap((channel) => (sentBy.has(channel.name) ? [{ channel: channelLabel(channel.name), count: sentBy.get(channel.name)! }] : []));
  report.articlesAlerted = articlesAlerted.size;
  return report;
}

/**
 * Which of a channel's waiting alerts (oldest first) the run hands it, `alerts.maxPerRun` at most, and which it never
 * sends. Retries come first, oldest first, and are never held: alerts a channel refused in earlier runs (a refused
 * delivery may have reached someone), and alerts an earlier run chose within its cap (`chosenBefore`) but did not try,
 * since the channel had just refused another or the run was asked to stop; that run said the next ones would send
 * them. Those past the cap wait for the next run. The others (this run's, and those of a run killed before it
 * delivered) fill what room is left, the most recently published first (undated ones after dated ones), in that
 * order; the rest are held. Within the cap the order is as queued.
 */
export function capForRun(
  queued: readonly UndeliveredAlert[],
  maxPerRun: number,
  chosenBefore: (alert: UndeliveredAlert) => boolean,
): { send: UndeliveredAlert[]; held: UndeliveredAlert[] } {
  if (queued.length <= maxPerRun) return { send: [...queued], held: [] };
  const isRetry = (alert: UndeliveredAlert) => alert.status !== 'pending' || alert.attempts > 0 || chosenBefore(alert);
  const retries = queued.filter(isRetry);
  const fresh = queued
    .filter((alert) => !isRetry(alert))
    .map((alert) => ({ alert, published: publishedTime(alert) }))
    .sort((a, b) => (b.published ?? -Infinity) - (a.published ?? -Infinity) || b.alert.id - a.alert.id)
    .map(({ alert }) => alert);
  const room = Math.max(0, maxPerRun - retries.length);
  return { send: [...retries.slice(0, maxPerRun), ...fresh.slice(0, room)], held: fresh.slice(room) };
}

/** When the alert's article was published, as a time to sort by (a bare date at its day's end), or null when unknown. */
function publishedTime(alert: UndeliveredAlert): number | null {
  const publishedAt = alert.article_published_at ?? (JSON.parse(alert.payload) as AlertPayload).publishedAt;
  if (publishedAt === null) return null;
  const time = publishedMs(publishedAt);
  return Number.isNaN(time) ? null : time;
}

/** A held notice's key for receivers: the same for the same held alerts, and for no other notice. */
function heldKey(pipelineId: string, held: readonly UndeliveredAlert[]): string {
  return createHash('sha256').update(`pausewatch held\n${pipelineId}\n${held.map((alert) => alert.id).join(',')}`).digest('hex').slice(0, 32);
}

/**
 * The alert's key for receivers (Delivery.key): the same at every try, in every run, and after it follows its
 * channel to a new name; another database's alerts do not share it. It says nothing of the channel's URL.
 */
export function deliveryKey(alert: Pick<UndeliveredAlert, 'id' | 'pipeline_id' | 'created_at'>): string {
  return createHash('sha256').update(`pausewatch alert\n${alert.pipeline_id}\n${alert.id}\n${alert.created_at}`).digest('hex').slice(0, 32);
}

/**
 * A day's digest's key for receivers (an email's Message-ID): the same at every try and after its channel is renamed;
 * another database's digests, or another pipeline's, do not share it (`firstRunAt`: the pipeline's first run here).
 */
export function digestKey(pipelineId: string, firstRunAt: string, date: string): string {
  return createHash('sha256').update(`pausewatch digest\n${pipelineId}\n${firstRunAt}\n${date}`).digest('hex').slice(0, 32);
}

/** Waits `ms`, or less when a stop is asked for meanwhile: whether the wait ran its course, with no stop asked. */
async function waitUnlessStopped(ms: number, stop: DeliveryStop | undefined): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (stop?.requested) return false;
    const left = end - Date.now();
    if (left <= 0) return true;
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, 200)));
  }
}

/**
 * The alerts, and the record of digests sent, that wait under a name a channel had before (its destination before it
 * was given an `id`), made the channel's, unless the pipeline still has a channel of that name: adding an `id` to a
 * channel, as the README advises, must not strand its alerts as "no longer in the pipeline", nor send the day's digest
 * again.
 */
async function adoptFormerNames(db: Kysely<Database>, pipelineId: string, channels: readonly AlertChannel[]): Promise<DeliveryReport['moved']> {
  const names = new Set(channels.map((channel) => channel.name));
  const moved: DeliveryReport['moved'] = [];
  for (const channel of channels) {
    for (const former of channel.formerNames ?? []) {
      if (names.has(former) || former === channel.name) continue;
      const count = await moveWaitingAlerts(db, pipelineId, former, channel.name);
      if (count > 0) moved.push({ from: channelLabel(former), to: channelLabel(channel.name), count });
      if (channel.deliverDigest) await moveDigestEmails(db, pipelineId, former, channel.name);
    }
  }
  return moved;
}
