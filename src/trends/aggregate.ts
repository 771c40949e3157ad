import type { StanceLabel } from '../model/index.ts';
import { addDays, dayBounds, dayOf, isBareDate } from '../digest/day.ts';
import { spanWatched } from '../digest/select.ts';

export type TrendPeriod = 'day' | 'week' | 'month';

const nextDay = (day: string) => addDays(day, 1);
const previousDay = (day: string) => addDays(day, -1);

export interface TrendPoint {
  /** When the article appeared: its publication time (or bare date, `YYYY-MM-DD`), else when it was first seen. */
  at: string;
  /** Null for coverage in a language the scorer does not read, found by its words: counted as `notScored`. */
  label: StanceLabel | null;
  score: number | null;
}

/** One row of CLI.md's Trends shape. */
export interface TrendRow {
  period: string;
  articles: number;
  support: number;
  oppose: number;
  neutral: number;
  /** Mean stance score (-1..1) of the period's articles, null when none has a score. */
  meanScore: number | null;
  /**
   * Only on a period with coverage in languages the scorer does not read (no stance, so not among `articles`): how
   * many such originals appeared in it.
   */
  notScored?: number;
  /**
   * Only on a period some of whose days are not counted: the range asked for leaves them out (`--since` on the 25th
   * of a month), or they have not come yet (the period under way). It counts the days `from` to `to` only.
   */
  partial?: true;
  /** With `partial`: the first day the period counts. */
  from?: string;
  /** With `partial`: the last day the period counts. */
  to?: string;
  /**
   * Only on a period pausewatch did not watch whole, as the digest's shift says it: `none` when the days it counts
   * are all before the day of the pipeline's first run, `part` when that day falls among them. Such a period holds
   * only the articles published then that were found later: no measure of the coverage, and not a quiet time.
   */
  watched?: 'none' | 'part';
  /** With `watched`: the day (in the zone) of the pipeline's first run, from which on pausewatch watched. */
  watchedFrom?: string;
  /**
   * Only on a period that counts articles dated after today (a source's clock ahead, a post scheduled for later: runs
   * keep a publication date up to a day ahead): how many. They count in the period of their date, so the period under
   * way (partial, counted up to today) may hold one dated tomorrow, and a period not yet begun is listed when one is
   * dated in it: that row, unlike the period under way, is not `partial`.
   */
  datedAhead?: number;
}

/** A period a range of days cuts, with the days of it in the range. */
export interface CutPeriod {
  period: string;
  from: string;
  to: string;
  /** The period today is in, counted up to today: the rest of it has not come yet. */
  underWay?: true;
}

/**
 * The earliest of stored publication times (ISO instants, or bare dates `YYYY-MM-DD` for a source that gave only the
 * day), as the zone's calendar orders them: by day first (a bare date is its own day, an instant the day the zone
 * shows at it), then by instant within a day, a bare date counting as its day's start. Not by stored text: west of UTC
 * `2026-12-04` sorts before `2026-12-04T03:00:00.000Z`, which is the evening of 3 December there.
 */
export function earliestPublished(times: readonly (string | null | undefined)[], timeZone: string): string | undefined {
  let earliest: { at: string; day: string } | undefined;
  for (const at of times) {
    if (!at) continue;
    const day = dayOf(at, timeZone);
    const earlier = earliest === undefined || day < earliest.day || (day === earliest.day && !isBareDate(earliest.at) && (isBareDate(at) || at < earliest.at));
    if (earlier) earliest = { at, day };
  }
  return earliest?.at;
}

/**
 * When an original appeared, for trends and the digest's shift: the earliest publication date known for it or for
 * any of its syndicated copies (as earliestPublished orders them in the zone), else when it was first seen.
 * `copiesPublished`: the copies' publication times, or the earliest of each kind (bare date, instant) the store gives.
 */
export function appearedAt(
  original: { published_at: string | null; fetched_at: string }, copiesPublished: readonly (string | null | undefined)[], timeZone: string,
): string {
  return earliestPublished([original.published_at, ...copiesPublished], timeZone) ?? original.fetched_at;
}

/**
 * Bounds, as stored text, that every stored time (an ISO instant, or a bare date for an undated day) on the days from
 * `since` to `until` in the zone sorts within, both included: the instants of those days, and the bare dates named
 * with them, which sort before their day's instants and so need a bound of their own where the zone is west of UTC.
 * A few times of the neighbouring days may fall within too; the days are picked exactly afterwards, by dayOf.
 */
export function storedTimeBounds(range: { since?: string; until?: string }, timeZone: string): { from?: string; to?: string } {
  const { since, until } = range;
  const earlier = (a: string, b: string) => (a < b ? a : b);
  const later = (a: string, b: string) => (a > b ? a : b);
  return {
    ...(since === undefined ? {} : { from: earlier(dayBounds(since, timeZone).start, since) }),
    ...(until === undefined ? {} : { to: later(dayBounds(until, timeZone).end, until) }),
  };
}

/** `2026-06-05` (day), `2026-W23` (ISO week), `2026-06` (month), in the given time zone. */
export function periodOf(at: string, period: TrendPeriod, timeZone: string): string {
  return periodOfDay(dayOf(at, timeZone), period);
}

/** The period a calendar day (`YYYY-MM-DD`) belongs to. */
function periodOfDay(day: string, period: TrendPeriod): string {
  if (period === 'day') return day;
  if (period === 'month') return day.slice(0, 7);
  // ISO 8601 week: the week with the year's first Thursday is week 1.
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const year = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week = 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The first or last day of the period `day` is in: at most 30 steps, the length of a month. */
function periodEdge(day: string, period: TrendPeriod, step: (day: string) => string): string {
  const key = periodOfDay(day, period);
  let edge = day;
  while (periodOfDay(step(edge), period) === key) edge = step(edge);
  return edge;
}

/**
 * The periods whose days a range (`--since`, `--until`) leaves some of out, with the days of each it counts: the first
 * when the range starts after the period does, the last when it ends before the period does. Counted whole, a month
 * from the 25th would read as a quiet month.
 */
export function cutPeriods(period: TrendPeriod, range: { from?: string; to?: string }): CutPeriod[] {
  const cuts = new Map<string, CutPeriod>();
  const { from, to } = range;
  if (from !== undefined && periodEdge(from, period, previousDay) < from) {
    const end = periodEdge(from, period, nextDay);
    cuts.set(periodOfDay(from, period), { period: periodOfDay(from, period), from, to: to !== undefined && to < end ? to : end });
  }
  if (to !== undefined && periodEdge(to, period, nextDay) > to) {
    const start = periodEdge(to, period, previousDay);
    const key = periodOfDay(to, period);
    cuts.set(key, { period: key, from: cuts.get(key)?.from ?? (from !== undefined && from > start ? from : start), to });
  }
  return [...cuts.values()];
}

/**
 * The periods a range leaves some of the days of out, as `cutPeriods`, and the period under way: days after `today`
 * (in the zone) have not happened, so the range ends at today at the latest, and the period today is in counts up to
 * today only, read as whole it would look like a collapse (a week on its Monday). A day under way is partial too.
 */
export function partialPeriods(period: TrendPeriod, range: { from?: string; to?: string }, today?: string): CutPeriod[] {
  const to = today !== undefined && (range.to === undefined || range.to >= today) ? today : range.to;
  if (range.from !== undefined && to !== undefined && range.from > to) return [];
  const cuts = cutPeriods(period, { from: range.from, to });
  if (to === undefined || to !== today) return cuts;
  const key = periodOfDay(today, period);
  const cut = cuts.find((c) => c.period === key);
  if (cut) return cuts.map((c) => (c === cut ? { ...c, underWay: true as const } : c));
  // a day, or a period whose last day is today: cut by nothing, and under way all the same
  const start = periodEdge(today, period, previousDay);
  return [...cuts, { period: key, from: range.from !== undefined && range.from > start ? range.from : start, to: today, underWay: true as const }];
}

/**
 * Counts per period, oldest first, with a row of zeros for every period without articles between the first and the
 * last (or `range`, days in the zone, when given): a time series with gaps would plot quiet weeks as missing.
 * `today` (in the zone), when given, ends the zeros: no row is made for a period that has not begun, unless an
 * article is dated in it (see `datedAhead`, which marks the articles dated after today wherever they count). The periods
 * `range` cuts, and the one under way on `today`, are marked `partial` with the days they count. `watchedFrom`, the
 * day of the pipeline's first run (null or left out: none is known), marks the periods whose days counted are before
 * it, all or some (`watched`): their zeros are days nobody watched, not quiet ones. Callers pass on-topic originals
 * only, so syndication does not count twice.
 */
export function aggregateTrends(
  points: readonly TrendPoint[], period: TrendPeriod, timeZone: string, range: { from?: string; to?: string } = {}, today?: string,
  watchedFrom?: string | null,
): TrendRow[] {
  // `day`: a day of the period, from which its first and last are found
  // `lastAhead`: the latest day after today an article of the period is dated, if any
  const rows = new Map<string, TrendRow & { scoreSum: number; scored: number; ahead: number; lastAhead: string | null; day: string; unscored: number }>();
  const emptyRow = (key: string, day: string) => ({ period: key, articles: 0, support: 0, oppose: 0, neutral: 0, meanScore: null, scoreSum: 0, scored: 0, ahead: 0, lastAhead: null, day, unscored: 0 });
  const days = points.map((point) => dayOf(point.at, timeZone)).sort();
  const from = range.from ?? days[0];
  const last = range.to ?? days.at(-1);
  const to = today !== undefined && last !== undefined && last > today ? today : last;
  if (from !== undefined && to !== undefined) {
    for (let day = from; day <= to; day = nextDay(day)) {
      const key = periodOfDay(day, period);
      if (!rows.has(key)) rows.set(key, emptyRow(key, day));
    }
  }
  for (const point of points) {
    const day = dayOf(point.at, timeZone);
    const key = periodOfDay(day, period);
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(key, day);
      rows.set(key, row);
    }
    // an article dated ahead lists its period and marks it, whether it counts among the stances or apart
    if (today !== undefined && day > today) {
      row.ahead += 1;
      if (row.lastAhead === null || day > row.lastAhead) row.lastAhead = day;
    }
    if (point.label === null) {
      row.unscored += 1;
      continue;
    }
    row.articles += 1;
    row[point.label] += 1;
    if (point.score !== null) {
      row.scoreSum += point.score;
      row.scored += 1;
    }
  }
  const cuts = new Map(partialPeriods(period, range, today).map((c) => [c.period, c]));
  return [...rows.values()]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map(({ scoreSum, scored, ahead, lastAhead, day, unscored, ...row }) => {
      const counted = cuts.get(row.period);
      // the period under way counts up to today, and to the days after it its articles dated ahead are dated (see
      // datedAhead), so the days it says it counts are the days of what it counts
      const cut = counted?.underWay && lastAhead !== null && lastAhead > counted.to ? { ...counted, to: lastAhead } : counted;
      // the days the row counts: those of the period, or of it the range and today leave
      const days = cut ?? { from: periodEdge(day, period, previousDay), to: periodEdge(day, period, nextDay) };
      const watched = spanWatched(days, watchedFrom ?? null);
      return {
        ...row,
        meanScore: scored ? Number((scoreSum / scored).toFixed(3)) : null,
        ...(cut ? { partial: true as const, from: cut.from, to: cut.to } : {}),
        ...(watched === 'none' || watched === 'part' ? { watched, watchedFrom: watchedFrom! } : {}),
        ...(ahead > 0 ? { datedAhead: ahead } : {}),
        ...(unscored > 0 ? { notScored: unscored } : {}),
      };
    });
}
