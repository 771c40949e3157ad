/**
 * When to check a feed next. Pure: the clock and the random source are passed in, so the policy is testable.
 *
 * The policy, in order:
 *   1. Base interval from the feed's own publishing rate: a feed is checked about as often as it publishes
 *      (dated items ÷ the time they span up to now), clamped to [minInterval, maxInterval]. A feed that went
 *      quiet drifts towards maxInterval because "now" keeps stretching the span; a feed with no dated items gets
 *      defaultInterval.
 *   2. Failures back off exponentially with FULL jitter: the delay is uniform in [0, min(maxBackoff,
 *      backoffBase · 2^(failures−1))], floored at minRetry. Full jitter spreads the retries of feeds that failed
 *      together (one outlet's outage, our own network outage), so they do not all come back in the same minute.
 *      The cap means a failing feed is retried at least daily, never disabled forever.
 *   3. 410 Gone: the publisher says the feed is gone for good; it is still retried, but only every goneInterval
 *      (feeds do come back, and a mistaken 410 must not lose a source for ever).
 *   4. The server's asks RAISE the interval, never lower it: the feed's `<ttl>`/`sy:updatePeriod`, Cache-Control
 *      max-age, Expires and Retry-After (429/503). A server that asks for a pause gets it; polling sooner gets
 *      readers rate-limited or banned. The caching asks count only on a good answer (on an error they describe the
 *      error page, not the feed) and are capped at maxInterval: checking a feed once a day is within any cache's
 *      manners, and a daily digest needs it; and at half the time the feed's listed items reach back, unless their
 *      dates are all within two minutes (as long again pushes them out), or stories would scroll out of a busy feed
 *      unread. Retry-After, the one ask meant to hold a client off, is capped at
 *      maxServerDelay, so a bogus value cannot silence a feed either.
 *   5. The time found is moved out of the hours and days the feed's `<skipHours>` and `<skipDays>` name (UTC), to the
 *      start of the first hour they leave: the publisher says nothing changes then. The parser ignores a list of
 *      every hour or every day, so a feed always has a time left.
 *   6. When the run comes, isDue counts a feed due a tenth of its interval early (see there), caching asks included,
 *      but never in a skipped hour or day; Retry-After is kept exactly by the run (server_wait_until).
 */

import { LONGEST_RETRY_AFTER_SECONDS } from '../ingest/fetch.ts';
import type { SkipTimes } from '../model/index.ts';

export type CheckOutcome = 'ok' | 'not_modified' | 'failed';

export interface SchedulePolicy {
  /** Shortest interval between two checks of a healthy feed. @default 600 (10 min) */
  minIntervalSeconds: number;
  /** Longest interval between two checks of a healthy feed. @default 86400 (24 h) */
  maxIntervalSeconds: number;
  /** Interval for a feed whose items carry no dates. @default 3600 (1 h) */
  defaultIntervalSeconds: number;
  /** Ceiling of the first failure's delay; doubles with each consecutive failure. @default 900 (15 min) */
  backoffBaseSeconds: number;
  /** Largest ceiling a failure streak reaches. @default 86400 (24 h) */
  maxBackoffSeconds: number;
  /** Smallest delay after a failure, so jitter near zero does not retry at once. @default 60 */
  minRetrySeconds: number;
  /** Interval after 410 Gone. @default 604800 (7 days) */
  goneIntervalSeconds: number;
  /**
   * Cap on Retry-After; the caching asks (ttl, max-age, Expires) are capped at maxIntervalSeconds and at half the
   * time the feed's listed items reach back (see nextCheck). By default the
   * cap readServerHints already holds Retry-After at (LONGEST_RETRY_AFTER_SECONDS, 7 days); it gives none for a value
   * it cannot read, which leaves a failure to the usual backoff. @default 604800 (7 days)
   */
  maxServerDelaySeconds: number;
  /** At most this many of the newest dated items estimate the rate. @default 50 */
  rateSampleSize: number;
}

export const DEFAULT_SCHEDULE_POLICY: Readonly<SchedulePolicy> = Object.freeze({
  minIntervalSeconds: 600,
  maxIntervalSeconds: 86_400,
  defaultIntervalSeconds: 3_600,
  backoffBaseSeconds: 900,
  maxBackoffSeconds: 86_400,
  minRetrySeconds: 60,
  goneIntervalSeconds: 604_800,
  maxServerDelaySeconds: LONGEST_RETRY_AFTER_SECONDS,
  rateSampleSize: 50,
});

export interface NextCheckInput {
  /** When the check finished. */
  now: Date;
  outcome: CheckOutcome;
  /** StageError code of a failure (`http_429`, `timeout`, `parse_malformed`, ...). */
  errorCode?: string | null;
  httpStatus?: number | null;
  /** Consecutive failures BEFORE this check (the stored `error_streak`); this check's failure is added here. */
  failuresBefore: number;
  /** Publication times (ISO-8601) of the feed's recent items; nulls and unparseable values are ignored. */
  recentPublished: readonly (string | null)[];
  /** The feed's `<ttl>` / `sy:updatePeriod`, in seconds. */
  ttlSeconds?: number | null;
  /** Cache-Control max-age of the response, in seconds. */
  maxAgeSeconds?: number | null;
  /** Expires of the response, ISO-8601. */
  expiresAt?: string | null;
  /** How long the last full answer said the feed stays fresh, for a 304 that says nothing of it (answerFreshness). */
  keptFreshnessSeconds?: number | null;
  /** Retry-After of the response, in seconds. */
  retryAfterSeconds?: number | null;
  /** Whether the server asked for longer than the longest wait kept, which retryAfterSeconds was cut to. */
  retryAfterCapped?: boolean;
  /** The feed's `<skipHours>` and `<skipDays>`. */
  skip?: SkipTimes | null;
  /** The shortest interval the feed's server has shown, with a 429, that it allows (SourcesTable.rate_limit_seconds). */
  rateLimitSeconds?: number | null;
  /** Uniform in [0, 1); pass Math.random in production, a fixed function in tests. */
  random: () => number;
  policy?: Partial<SchedulePolicy>;
}

export interface NextCheck {
  /** ISO-8601 UTC. */
  at: string;
  /** One line for `pausewatch sources`: why this time was chosen. */
  reason: string;
}

export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round((seconds / 3_600) * 10) / 10} h`;
  return `${Math.round((seconds / 86_400) * 10) / 10} days`;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** Items dated within this many seconds of one another carry one time, not a pace (see publishingInterval). */
const ONE_STAMP_SECONDS = 120;

/**
 * Seconds between checks that match the feed's publishing rate: n dated items over the span from the oldest of
 * them to now. Items dated in the future (bad clocks, scheduled posts) are left out: they would shrink the span.
 */
export function publishingInterval(
  recentPublished: readonly (string | null)[],
  now: Date,
  policy: SchedulePolicy,
): { seconds: number; reason: string; windowSeconds: number | null } {
  const nowMs = now.getTime();
  const dated = datedUpTo(recentPublished, nowMs);
  const pace = publishingPace(dated, nowMs, policy.rateSampleSize);
  if (pace === null) return { seconds: policy.defaultIntervalSeconds, reason: `no dated items, default ${formatDuration(policy.defaultIntervalSeconds)}`, windowSeconds: null };
  const { oldest, count } = pace;
  const seconds = clamp(pace.msPerItem / 1000, policy.minIntervalSeconds, policy.maxIntervalSeconds);
  // How far back the listed items reach, from the oldest to now: about as long again, at the feed's pace, pushes
  // them out of it (see nextCheck). Items all dated within ONE_STAMP_SECONDS of one another (the feed's build time
  // stamped on each, a batch published at once) say nothing of that pace: none.
  const span = dated.length >= 2 ? (dated[0]! - dated[dated.length - 1]!) / 1000 : 0;
  const windowSeconds = span > ONE_STAMP_SECONDS ? Math.max(0, nowMs - dated[dated.length - 1]!) / 1000 : null;
  return { seconds, reason: `${count} item${count === 1 ? '' : 's'} over ${formatDuration((nowMs - oldest) / 1000)}: every ${formatDuration(seconds)}`, windowSeconds };
}

/** The times of the dated items, newest first, but those dated ahead of `nowMs` (bad clocks, scheduled posts). */
function datedUpTo(published: readonly (string | null)[], nowMs: number): number[] {
  return published
    .map((value) => (value ? Date.parse(value) : Number.NaN))
    .filter((ms) => Number.isFinite(ms) && ms <= nowMs + 60_000)
    .sort((a, b) => b - a);
}

/**
 * A feed's pace at `nowMs`: the `sampleSize` newest of its dated items (newest first, none ahead of `nowMs`) over the
 * time from the oldest of them to then, in ms an item; null without any.
 */
function publishingPace(dated: readonly number[], nowMs: number, sampleSize: number): { msPerItem: number; oldest: number; count: number } | null {
  const count = Math.min(dated.length, sampleSize);
  if (count === 0) return null;
  const oldest = dated[count - 1]!;
  return { msPerItem: Math.max(0, nowMs - oldest) / count, oldest, count };
}

/**
 * The pace of a feed's items as a check at `atMs` saw them, in ms an item, reckoned as the schedule reckons it
 * (publishingInterval, before its bounds); null without dated items, or when they are all as new as the check.
 */
export function paceAtCheck(published: readonly (string | null)[], atMs: number): number | null {
  const pace = publishingPace(datedUpTo(published, atMs), atMs, DEFAULT_SCHEDULE_POLICY.rateSampleSize);
  return pace === null || pace.msPerItem === 0 ? null : pace.msPerItem;
}

/** Where the next check of a feed falls, and why (see the module comment for the policy). */
export function nextCheck(input: NextCheckInput): NextCheck {
  const policy: SchedulePolicy = { ...DEFAULT_SCHEDULE_POLICY, ...input.policy };
  const nowMs = input.now.getTime();
  const status = input.httpStatus ?? null;
  const isGone = input.outcome === 'failed' && (status === 410 || input.errorCode === 'http_410');

  let seconds: number;
  let reason: string;
  let windowSeconds: number | null = null;
  if (isGone) {
    seconds = policy.goneIntervalSeconds;
    reason = `410 Gone: retried every ${formatDuration(seconds)}`;
  } else if (input.outcome === 'failed') {
    const failures = Math.max(0, input.failuresBefore) + 1;
    // 2^(failures-1) overflows nothing that matters: the cap takes over after ~7 failures.
    const ceiling = Math.min(policy.maxBackoffSeconds, policy.backoffBaseSeconds * 2 ** Math.min(failures - 1, 30));
    seconds = Math.max(policy.minRetrySeconds, clamp(input.random(), 0, 1) * ceiling);
    reason = `failure ${failures} in a row${input.errorCode ? ` (${input.errorCode})` : ''}: backoff up to ${formatDuration(ceiling)}, jittered to ${formatDuration(seconds)}`;
  } else {
    ({ seconds, reason, windowSeconds } = publishingInterval(input.recentPublished, input.now, policy));
  }

  // no closer than the server has shown it allows: checks at the feed's pace, 19 minutes apart, had every other one
  // refused with a 429 where the server allows one each half hour
  if (!isGone && input.rateLimitSeconds && input.rateLimitSeconds > seconds) {
    seconds = input.rateLimitSeconds;
    reason += `; raised to ${formatDuration(seconds)} by the server's rate limit (shown by a 429 within the week)`;
  }

  // The caching asks are capped at a day, and at half the time the feed's listed items reach back (as long again
  // pushes them out): a feed of 20 hourly items asking for a year's cache, checked daily, dropped a story in twelve.
  const windowCap = windowSeconds === null ? Infinity : Math.max(policy.minIntervalSeconds, windowSeconds / 2);
  const cachingCap = Math.min(policy.maxIntervalSeconds, windowCap);
  const expiresIn = input.expiresAt ? (Date.parse(input.expiresAt) - nowMs) / 1000 : null;
  const answered = input.outcome !== 'failed';
  const asks: [string, number | null | undefined, number][] = [
    ['feed ttl', answered ? input.ttlSeconds : null, cachingCap],
    ['Cache-Control max-age', answered ? input.maxAgeSeconds : null, cachingCap],
    ['Expires', answered && expiresIn !== null && Number.isFinite(expiresIn) ? expiresIn : null, cachingCap],
    ['the last full answer\'s Cache-Control or Expires', answered ? input.keptFreshnessSeconds : null, cachingCap],
    ['Retry-After', input.retryAfterSeconds, policy.maxServerDelaySeconds],
  ];
  for (const [name, ask, cap] of asks) {
    if (ask === null || ask === undefined || !Number.isFinite(ask) || ask <= seconds) continue;
    const capped = Math.min(ask, cap);
    if (capped <= seconds) {
      if (cap === windowCap) reason += `; ${name} of ${formatDuration(ask)} not followed: the feed's items stay listed about ${formatDuration(windowSeconds!)}`;
      continue;
    }
    seconds = capped;
    const byWindow = capped < ask && cap === windowCap && windowCap < policy.maxIntervalSeconds;
    const cut = capped < ask || (name === 'Retry-After' && input.retryAfterCapped === true);
    reason += `; raised to ${formatDuration(seconds)} by ${name}${byWindow ? ' (capped at half the time its items stay listed)' : cut ? ' (capped)' : ''}`;
  }
  return outOfSkipTimes({ at: new Date(nowMs + Math.round(seconds * 1000)).toISOString(), reason }, input.skip);
}

/** The end outOfSkipTimes gives a reason: a reason moved again is said so once. */
export const SKIP_MOVE_SUFFIX = /; moved to \d{4}-\d\d-\d\d \d\d:\d\d UTC by the feed's skip(?:Hours|Days)(?: and skipDays)?$/;

/** A next check moved out of the hours and days the feed's skip lists name, its reason saying so; as it was when in none. */
export function outOfSkipTimes(next: NextCheck, skip: SkipTimes | null | undefined): NextCheck {
  const skipped = skippedUntil(Date.parse(next.at), skip);
  if (skipped === null) return next;
  const when = new Date(skipped.until).toISOString();
  return { at: when, reason: `${next.reason}; moved to ${when.slice(0, 10)} ${when.slice(11, 16)} UTC by the feed's ${skipped.by.join(' and ')}` };
}

const HOUR_MS = 3_600_000;

/** Which of the feed's skip lists (`skipHours`, `skipDays`) a moment falls in; empty when none. */
export function skipsAt(ms: number, skip: SkipTimes | null | undefined): string[] {
  if (!skip) return [];
  const at = new Date(ms);
  return [...(skip.hours.includes(at.getUTCHours()) ? ['skipHours'] : []), ...(skip.days.includes(at.getUTCDay()) ? ['skipDays'] : [])];
}

/** The start of the first hour from `ms` on that the feed's skip lists leave, and the lists that moved it; null when `ms` is in none. */
export function skippedUntil(ms: number, skip: SkipTimes | null | undefined): { until: number; by: string[] } | null {
  if (!skip) return null;
  const by = new Set<string>();
  let until = ms;
  // a week of hours: readSkipTimes leaves at least one hour and one day, so a week holds a time left
  for (let hour = 0; hour <= 24 * 7; hour++) {
    const lists = skipsAt(until, skip);
    if (lists.length === 0) break;
    for (const list of lists) by.add(list);
    until = (Math.floor(until / HOUR_MS) + 1) * HOUR_MS;
  }
  return by.size === 0 ? null : { until, by: ['skipHours', 'skipDays'].filter((list) => by.has(list)) };
}

/** What answerFreshness reads of a check's answer. */
export interface FreshnessAnswer {
  outcome: CheckOutcome;
  httpStatus: number | null;
  headers: Record<string, string>;
  hints: { maxAgeSeconds: number | null; expiresAt: string | null };
}

/**
 * How long a check's answer says the feed stays fresh, in seconds (its Cache-Control max-age, else its Expires less
 * `now`; null when neither), as `said`, to store; undefined to keep the stored value (`stored`). A 304 that sends
 * neither header refreshes the stored answer, which keeps what it said (RFC 9111 §4.3.4): `kept` is then the stored
 * value, for nextCheck. Many CMSs answer If-None-Match with a bare 304: a feed whose 200 asked for a daily check was
 * asked again every ten minutes.
 */
export function answerFreshness(answer: FreshnessAnswer, stored: number | null, now: Date): { said: number | null | undefined; kept: number | null } {
  if (answer.outcome === 'failed') return { said: undefined, kept: null };
  if (answer.httpStatus === 304 && !('cache-control' in answer.headers) && !('expires' in answer.headers)) return { said: undefined, kept: stored };
  const { maxAgeSeconds, expiresAt } = answer.hints;
  const expiresIn = expiresAt === null ? null : Math.round((Date.parse(expiresAt) - now.getTime()) / 1000);
  return { said: maxAgeSeconds ?? (expiresIn !== null && expiresIn > 0 ? expiresIn : null), kept: null };
}

/** How a next check brought forward after its host's outage (run-pipeline's bringRecoveredHostsForward) begins its reason. */
export const BROUGHT_FORWARD = 'brought forward';

/**
 * Whether a next check's reason (nextCheck's `reason`) says a failure or the server held the feed back, or a host's
 * return brought it forward, rather than its publishing rate alone: the cases `pausewatch sources` explains. Read
 * here, beside the words that are written.
 */
export function isHeldBack(reason: string): boolean {
  return (
    reason.startsWith('410 Gone') || reason.startsWith('failure ') || reason.startsWith(BROUGHT_FORWARD) || reason.includes('; raised to ') || reason.includes('; moved to ')
  );
}

/** A source counts as due this share of its interval (at least EARLY_MIN_MS) before its time; see isDue. */
const EARLY_SHARE = 0.1;
const EARLY_MIN_MS = 60_000;

/**
 * A source is due when it was never scheduled or its time has come, or nearly: a check is scheduled from when it
 * finished, a little into its run, while cron starts the next run at the same minute as the last. Without the margin
 * a daily feed under a daily cron was always a few seconds short of due, so checked every other day. The margin is a
 * tenth of the interval (`lastCheckedAt` to `nextCheckAt`), at least a minute, at most half the interval. Retry-After
 * is not bent by it: a server's wait is kept exactly, apart from this (askedToWait in the run). Nor are the feed's
 * skipped hours and days (`skip`): the margin would reach into the hour before the one a check was moved to.
 */
export function isDue(nextCheckAt: string | null | undefined, now: Date, lastCheckedAt?: string | null, skip?: SkipTimes | null): boolean {
  if (!nextCheckAt) return true;
  if (skipsAt(now.getTime(), skip).length > 0) return false;
  const at = Date.parse(nextCheckAt);
  // An unreadable stored value must not park a source for ever.
  if (Number.isNaN(at)) return true;
  const last = lastCheckedAt ? Date.parse(lastCheckedAt) : Number.NaN;
  const interval = Number.isNaN(last) ? 0 : Math.max(0, at - last);
  const margin = Math.max(EARLY_MIN_MS, EARLY_SHARE * interval);
  // never more than half a known interval: a feed that failed and was given a minute's backoff was due at once
  return at - (interval > 0 ? Math.min(margin, interval / 2) : margin) <= now.getTime();
}
