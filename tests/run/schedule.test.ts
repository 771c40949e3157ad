import { describe, expect, it } from 'vitest';
import { answerFreshness, isDue, isHeldBack, nextCheck, type NextCheckInput } from '../../src/run/schedule.ts';

const now = new Date('2026-06-09T12:00:00.000Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();
const secondsUntil = (at: string) => (Date.parse(at) - now.getTime()) / 1000;

function check(overrides: Partial<NextCheckInput>) {
  const result = nextCheck({ now, outcome: 'ok', failuresBefore: 0, recentPublished: [], random: () => 0.5, ...overrides });
  return { ...result, seconds: secondsUntil(result.at) };
}

describe('nextCheck: healthy feeds follow their publishing rate', () => {
  it('a feed that publishes every 30 minutes is checked about every 30 minutes', () => {
    const published = Array.from({ length: 12 }, (_v, i) => minutesAgo(30 * (i + 1)));
    expect(check({ recentPublished: published }).seconds).toBe(30 * 60);
  });

  it('a very busy feed is not checked more often than every 10 minutes', () => {
    const published = Array.from({ length: 50 }, (_v, i) => minutesAgo(i));
    expect(check({ recentPublished: published }).seconds).toBe(600);
  });

  it('a feed that went quiet weeks ago is checked once a day', () => {
    const published = [minutesAgo(60 * 24 * 20), minutesAgo(60 * 24 * 21)];
    expect(check({ recentPublished: published, outcome: 'not_modified' }).seconds).toBe(86_400);
  });

  it('a feed without dated items gets the default hour', () => {
    const result = check({ recentPublished: [null, 'not a date'] });
    expect(result.seconds).toBe(3_600);
    expect(result.reason).toMatch(/no dated items/);
  });

  it('items dated in the future do not make the feed look busier', () => {
    const published = [new Date(now.getTime() + 86_400_000).toISOString(), minutesAgo(120), minutesAgo(240)];
    expect(check({ recentPublished: published }).seconds).toBe(2 * 3_600);
  });
});

describe('nextCheck: the server asks raise the interval, never lower it', () => {
  const busy = Array.from({ length: 50 }, (_v, i) => minutesAgo(i));

  // fifty items, one every ten minutes: they stay listed for about eight hours
  const steady = Array.from({ length: 50 }, (_v, i) => minutesAgo(10 * i));

  it('an RSS <ttl> of 2 hours is honoured for a feed publishing every ten minutes', () => {
    const result = check({ recentPublished: steady, ttlSeconds: 7_200 });
    expect(result.seconds).toBe(7_200);
    expect(result.reason).toMatch(/feed ttl$/);
  });

  it('Cache-Control max-age and Expires raise the interval; the largest ask wins', () => {
    expect(check({ recentPublished: steady, maxAgeSeconds: 1_800 }).seconds).toBe(1_800);
    expect(check({ recentPublished: steady, maxAgeSeconds: 1_800, expiresAt: new Date(now.getTime() + 5_400_000).toISOString() }).seconds).toBe(5_400);
  });

  it('a caching ask is held at half the time the listed items stay in the feed at its rate, so none scrolls out unread', () => {
    // fifty items a minute apart stay listed fifty minutes: a ttl of two hours would lose seventy items of each hundred
    const result = check({ recentPublished: busy, ttlSeconds: 7_200 });
    expect(result.seconds).toBe(1_470);
    expect(result.reason).toMatch(/raised to 25 min by feed ttl \(capped at half the time its items stay listed\)$/);
    // twenty hourly items asking for a year's cache: every ten hours or so, not once a day
    const hourly = Array.from({ length: 20 }, (_v, i) => minutesAgo(60 * i + 30));
    expect(check({ recentPublished: hourly, maxAgeSeconds: 31_536_000 }).seconds).toBe(35_100);
    // Retry-After, which asks the client to hold off, is not held so
    expect(check({ recentPublished: busy, retryAfterSeconds: 7_200 }).seconds).toBe(7_200);
  });

  it('follows a caching ask in full when the items carry one time, or times within two minutes (a build time, a batch)', () => {
    const stamped = Array.from({ length: 25 }, () => minutesAgo(3));
    expect(check({ recentPublished: stamped, ttlSeconds: 3_600 }).seconds).toBe(3_600);
    const batch = Array.from({ length: 20 }, (_v, i) => minutesAgo(6 * 60 + i / 10));
    expect(check({ recentPublished: batch, ttlSeconds: 86_400 }).seconds).toBe(86_400);
    expect(check({ recentPublished: [minutesAgo(1), minutesAgo(2)], expiresAt: new Date(now.getTime() + 12 * 3_600_000).toISOString() }).seconds).toBe(12 * 3_600);
  });

  it('names a caching ask the window leaves unfollowed', () => {
    // fifty items a minute apart checked every ten minutes anyway, by their rate: the ask would change nothing
    const result = check({ recentPublished: busy, ttlSeconds: 120 });
    expect(result.seconds).toBe(600);
    // (a ttl of 2 min is below the rate's 10: not raised, and not named)
    expect(result.reason).not.toMatch(/ttl/);
    // two items half an hour apart, the newer half an hour old: checked every 30 min by the rate, and no later
    const capped = check({ recentPublished: [minutesAgo(30), minutesAgo(60)], maxAgeSeconds: 86_400 });
    expect(capped.seconds).toBe(1_800);
    expect(capped.reason).toMatch(/; Cache-Control max-age of 24 h not followed: the feed's items stay listed about 60 min$/);
    // twenty items a minute apart, and ten two minutes apart: a busy feed, its cache ask held to its pace
    expect(check({ recentPublished: Array.from({ length: 20 }, (_v, i) => minutesAgo(i)), maxAgeSeconds: 3_600 }).seconds).toBe(600);
    expect(check({ recentPublished: Array.from({ length: 10 }, (_v, i) => minutesAgo(2 * i)), ttlSeconds: 3_600 }).seconds).toBe(600);
  });

  it('a short ask does not make a quiet feed checked more often', () => {
    const quiet = [minutesAgo(60 * 24 * 20)];
    expect(check({ recentPublished: quiet, maxAgeSeconds: 60, ttlSeconds: 300 }).seconds).toBe(86_400);
  });

  it('a caching ask beyond a day (Expires in 2099, max-age of a month) is capped at a day, so the digest stays daily', () => {
    // fifty items, one every hour: listed for two days
    const hourly = Array.from({ length: 50 }, (_v, i) => minutesAgo(60 * i));
    const result = check({ recentPublished: hourly, expiresAt: '2099-01-01T00:00:00.000Z' });
    expect(result.seconds).toBe(86_400);
    expect(result.reason).toMatch(/Expires \(capped\)$/);
    expect(check({ recentPublished: hourly, maxAgeSeconds: 2_592_000, ttlSeconds: 2_592_000 }).seconds).toBe(86_400);
  });

  it('Cache-Control and Expires on an error answer describe the error page: the failure backs off as usual', () => {
    const failed = { outcome: 'failed' as const, errorCode: 'http_503', httpStatus: 503, failuresBefore: 0, random: () => 0.5 };
    const result = check({ ...failed, maxAgeSeconds: 2_592_000, expiresAt: '2099-01-01T00:00:00.000Z' });
    expect(result.seconds).toBe(450);
    expect(result.reason).not.toMatch(/raised/);
  });

  it('Retry-After is honoured up to a week, a caching ask only up to a day', () => {
    const result = check({ outcome: 'failed', errorCode: 'http_429', httpStatus: 429, failuresBefore: 0, retryAfterSeconds: 30 * 86_400, random: () => 0.5 });
    expect(result.seconds).toBe(7 * 86_400);
    expect(result.reason).toMatch(/Retry-After \(capped\)/);
  });
});

describe('nextCheck: the feed\'s <skipHours> and <skipDays> move the check out of the times they name', () => {
  const busy = Array.from({ length: 50 }, (_v, i) => minutesAgo(i));
  // now is Tuesday 12:00 UTC; a busy feed is due at 12:10

  it('a check that falls in a skipped hour waits for the start of the first hour the list leaves', () => {
    const result = check({ recentPublished: busy, skip: { hours: [12, 13, 14], days: [] } });
    expect(result.at).toBe('2026-06-09T15:00:00.000Z');
    expect(result.reason).toMatch(/; moved to 2026-06-09 15:00 UTC by the feed's skipHours$/);
    expect(isHeldBack(result.reason)).toBe(true);
  });

  it('skipped hours run across midnight into skipped days: the check waits for both to end', () => {
    // Tuesday 22:00 + the ttl's 2 h is Wednesday 00:00: hours 22-5 and Wednesday skipped, so Thursday 06:00
    const evening = new Date('2026-06-09T22:00:00.000Z');
    const result = nextCheck({ now: evening, outcome: 'ok', failuresBefore: 0, recentPublished: [], random: () => 0.5, ttlSeconds: 7_200, skip: { hours: [22, 23, 0, 1, 2, 3, 4, 5], days: [3] } });
    expect(result.at).toBe('2026-06-11T06:00:00.000Z');
    expect(result.reason).toMatch(/by the feed's skipHours and skipDays$/);
  });

  it('a check outside the skipped times is left where the rate and the asks put it', () => {
    const result = check({ recentPublished: busy, skip: { hours: [0, 1, 2], days: [0, 6] } });
    expect(result.seconds).toBe(600);
    expect(result.reason).not.toMatch(/moved/);
    expect(isHeldBack(result.reason)).toBe(false);
  });

  it('a failure\'s retry is moved out of them too; a Retry-After ending in them is waited out to their end', () => {
    const failed = check({ outcome: 'failed', errorCode: 'timeout', failuresBefore: 0, skip: { hours: [12], days: [] } });
    expect(failed.at).toBe('2026-06-09T13:00:00.000Z');
    const waited = check({ outcome: 'failed', errorCode: 'http_429', httpStatus: 429, failuresBefore: 0, retryAfterSeconds: 3_600, skip: { hours: [13], days: [] } });
    expect(waited.at).toBe('2026-06-09T14:00:00.000Z');
  });
});

describe('nextCheck: failures back off with full jitter', () => {
  const fail = (failuresBefore: number, random: number, extra: Partial<NextCheckInput> = {}) =>
    check({ outcome: 'failed', errorCode: 'timeout', failuresBefore, random: () => random, ...extra }).seconds;

  it('the ceiling doubles with each consecutive failure', () => {
    expect([0, 1, 2, 3].map((n) => fail(n, 0.999_999))).toEqual([900, 1_800, 3_600, 7_200].map((s) => expect.closeTo(s, 0)));
  });

  it('the delay is anywhere between a minute and the ceiling, as the random source says', () => {
    expect(fail(3, 0.5)).toBe(3_600);
    expect(fail(3, 0.25)).toBe(1_800);
    expect(fail(3, 0)).toBe(60);
  });

  it('a feed failing for days is still retried at least daily', () => {
    expect(fail(40, 0.999_999)).toBeCloseTo(86_400, 0);
    expect(fail(1_000, 0.999_999)).toBeCloseTo(86_400, 0);
  });

  it('feeds that failed together come back spread out, not all at once', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const delays = Array.from({ length: 200 }, () => check({ outcome: 'failed', failuresBefore: 5, random }).seconds);
    const buckets = new Set(delays.map((d) => Math.floor(d / 3_600)));
    // ceiling 8 h: the retries of 200 feeds land in every hour of it
    expect(buckets.size).toBe(8);
  });

  it('429 with Retry-After waits at least as long as asked', () => {
    const result = check({ outcome: 'failed', errorCode: 'http_429', httpStatus: 429, failuresBefore: 0, retryAfterSeconds: 7_200, random: () => 0.1 });
    expect(result.seconds).toBe(7_200);
    expect(result.reason).toMatch(/Retry-After/);
  });

  it('410 Gone is retried weekly, not dropped', () => {
    const result = check({ outcome: 'failed', errorCode: 'http_410', httpStatus: 410, failuresBefore: 3 });
    expect(result.seconds).toBe(7 * 86_400);
    expect(result.reason).toMatch(/410/);
  });

  it('the policy can be tuned per call', () => {
    expect(fail(0, 0.999_999, { policy: { backoffBaseSeconds: 60, minRetrySeconds: 10 } })).toBeCloseTo(60, 0);
  });
});

describe('isDue', () => {
  it('a source never scheduled is due', () => expect(isDue(null, now)).toBe(true));
  it('a source whose time has come is due', () => expect(isDue('2026-06-09T11:59:59.000Z', now)).toBe(true));
  it('a source scheduled later is not due', () => expect(isDue('2026-06-09T12:05:00.000Z', now)).toBe(false));
  it('a source due within the minute is due now, rather than a whole interval later', () => {
    expect(isDue('2026-06-09T12:00:59.000Z', now)).toBe(true);
    expect(isDue('2026-06-09T12:01:01.000Z', now)).toBe(false);
  });
  it('a daily source checked a little into yesterday\'s run is due at the same time today (a daily cron)', () => {
    // checked at 11:58 after a run that began at 11:55 yesterday; today's run begins at 11:55 again
    const today = new Date('2026-06-09T11:55:00.000Z');
    expect(isDue('2026-06-09T11:58:00.000Z', today, '2026-06-08T11:58:00.000Z')).toBe(true);
    // a tenth of the interval, no more: 2.4 h of a day
    expect(isDue('2026-06-09T14:15:00.000Z', today, '2026-06-08T14:15:00.000Z')).toBe(true);
    expect(isDue('2026-06-09T14:25:00.000Z', today, '2026-06-08T14:25:00.000Z')).toBe(false);
    // a ten-minute source gets a minute
    expect(isDue('2026-06-09T11:55:50.000Z', today, '2026-06-09T11:45:50.000Z')).toBe(true);
    expect(isDue('2026-06-09T11:56:30.000Z', today, '2026-06-09T11:46:30.000Z')).toBe(false);
  });
  it('a source given a minute after a failure is not due at once: the margin is at most half its interval', () => {
    // failed at 12:00:00 and given the shortest backoff, a minute; the next run comes five seconds later
    expect(isDue('2026-06-09T12:01:00.000Z', new Date('2026-06-09T12:00:05.000Z'), '2026-06-09T12:00:00.000Z')).toBe(false);
    expect(isDue('2026-06-09T12:01:00.000Z', new Date('2026-06-09T12:00:30.000Z'), '2026-06-09T12:00:00.000Z')).toBe(true);
  });
  it('an unreadable stored time does not park the source for ever', () => expect(isDue('garbage', now)).toBe(true));
  it('a source is never due in an hour or on a day its feed asked to be skipped, though its time has passed', () => {
    // the margin would make a check moved to 15:00 due at 14:xx
    expect(isDue('2026-06-09T12:30:00.000Z', now, '2026-06-09T09:00:00.000Z', { hours: [12, 13, 14], days: [] })).toBe(false);
    expect(isDue('2026-06-08T12:00:00.000Z', now, null, { hours: [], days: [2] })).toBe(false);
    expect(isDue('2026-06-09T11:00:00.000Z', now, null, { hours: [13], days: [3] })).toBe(true);
    // a source never scheduled (new, or rechecked) is checked whatever the hour
    expect(isDue(null, now, null, { hours: [12], days: [] })).toBe(true);
  });
});

describe('isHeldBack: which next checks pausewatch sources explains', () => {
  it('those a failure, a 410 or a server ask set; not those of the publishing rate alone, whatever its numbers', () => {
    expect(isHeldBack(check({ outcome: 'failed', errorCode: 'timeout', failuresBefore: 2 }).reason)).toBe(true);
    expect(isHeldBack(check({ outcome: 'failed', errorCode: 'http_410', httpStatus: 410, failuresBefore: 0 }).reason)).toBe(true);
    expect(isHeldBack(check({ maxAgeSeconds: 7_200 }).reason)).toBe(true);
    const many = Array.from({ length: 410 }, (_v, i) => minutesAgo(i * 10));
    expect(isHeldBack(check({ recentPublished: many, policy: { rateSampleSize: 500 } }).reason)).toBe(false);
    // a failing feed its host's return brought forward: the user asks why it comes sooner than its backoff
    expect(isHeldBack('brought forward: news.example.org answered again (failure 3 in a row (http_503): backoff up to 2 h, jittered to 1.6 h)')).toBe(true);
  });
});

describe('answerFreshness', () => {
  const now = new Date('2026-06-10T06:00:00.000Z');
  const answer = (httpStatus: number, headers: Record<string, string>, maxAgeSeconds: number | null, expiresAt: string | null) =>
    ({ outcome: httpStatus === 304 ? ('not_modified' as const) : ('ok' as const), httpStatus, headers, hints: { maxAgeSeconds, expiresAt } });

  it.each([
    ['a 200 with max-age', answer(200, { 'cache-control': 'max-age=3600' }, 3600, null), { said: 3600, kept: null }],
    ['a 200 with Expires in six hours', answer(200, { expires: 'x' }, null, '2026-06-10T12:00:00.000Z'), { said: 21_600, kept: null }],
    ['a 200 with Expires past', answer(200, { expires: 'x' }, null, '2026-06-10T05:00:00.000Z'), { said: null, kept: null }],
    ['a 200 saying nothing', answer(200, {}, null, null), { said: null, kept: null }],
    ['a bare 304', answer(304, { etag: '"v"' }, null, null), { said: undefined, kept: 7200 }],
    ['a 304 with no-cache', answer(304, { 'cache-control': 'no-cache' }, null, null), { said: null, kept: null }],
    ['a 304 with its own max-age', answer(304, { 'cache-control': 'max-age=60' }, 60, null), { said: 60, kept: null }],
  ])('%s', (_case, given, expected) => {
    expect(answerFreshness(given, 7200, now)).toEqual(expected);
  });

  it('keeps the stored value through a failure', () => {
    expect(answerFreshness({ outcome: 'failed', httpStatus: 500, headers: {}, hints: { maxAgeSeconds: null, expiresAt: null } }, 7200, now)).toEqual({ said: undefined, kept: null });
  });
});
