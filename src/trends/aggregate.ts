import type { StanceLabel } from '../model/index.ts';
import { localDate } from '../digest/day.ts';

export type TrendPeriod = 'day' | 'week' | 'month';

export interface TrendPoint {
  /** When the article appeared: its publication time, else when it was first seen. */
  at: string;
  label: StanceLabel;
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
}

/** `2026-06-05` (day), `2026-W23` (ISO week), `2026-06` (month), in the given time zone. */
export function periodOf(at: string, period: TrendPeriod, timeZone: string): string {
  const day = localDate(new Date(at), timeZone);
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

/** Counts per period, oldest first. Callers pass on-topic originals only, so syndication does not count twice. */
export function aggregateTrends(points: readonly TrendPoint[], period: TrendPeriod, timeZone: string): TrendRow[] {
  const rows = new Map<string, TrendRow & { scoreSum: number; scored: number }>();
  for (const point of points) {
    const key = periodOf(point.at, period, timeZone);
    let row = rows.get(key);
    if (!row) {
      row = { period: key, articles: 0, support: 0, oppose: 0, neutral: 0, meanScore: null, scoreSum: 0, scored: 0 };
      rows.set(key, row);
    }
    row.articles += 1;
    row[point.label] += 1;
    if (point.score !== null) {
      row.scoreSum += point.score;
      row.scored += 1;
    }
  }
  return [...rows.values()]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map(({ scoreSum, scored, ...row }) => ({ ...row, meanScore: scored ? Number((scoreSum / scored).toFixed(3)) : null }));
}
