import { describe, expect, it } from 'vitest';
import { aggregateTrends, cutPeriods, partialPeriods } from '../../src/trends/index.ts';

const points = ['2026-11-20', '2026-11-26', '2026-11-28', '2026-12-02'].map((day) => ({ at: `${day}T10:00:00Z`, label: 'support' as const, score: 0.5 }));

describe('periods a --since/--until range cuts', () => {
  it('are marked partial, with the days of them counted; whole periods are not marked', () => {
    const rows = aggregateTrends(points.filter((p) => p.at >= '2026-11-25'), 'month', 'UTC', { from: '2026-11-25' });
    expect(rows).toEqual([
      { period: '2026-11', articles: 2, support: 2, oppose: 0, neutral: 0, meanScore: 0.5, partial: true, from: '2026-11-25', to: '2026-11-30' },
      { period: '2026-12', articles: 1, support: 1, oppose: 0, neutral: 0, meanScore: 0.5 },
    ]);
    expect(cutPeriods('month', { from: '2026-11-25' })).toEqual([{ period: '2026-11', from: '2026-11-25', to: '2026-11-30' }]);
    // a range of whole periods cuts none
    expect(cutPeriods('month', { from: '2026-11-01', to: '2026-12-31' })).toEqual([]);
    expect(aggregateTrends(points, 'month', 'UTC', { from: '2026-11-01', to: '2026-12-31' }).some((row) => 'partial' in row)).toBe(false);
    // days are never cut
    expect(cutPeriods('day', { from: '2026-11-25', to: '2026-11-26' })).toEqual([]);
  });

  it('marks the last period cut by --until, and one period cut on both sides once', () => {
    expect(cutPeriods('month', { from: '2026-10-01', to: '2026-12-02' })).toEqual([{ period: '2026-12', from: '2026-12-01', to: '2026-12-02' }]);
    // ISO week 48 of 2026 runs from Monday 23 to Sunday 29 November
    expect(cutPeriods('week', { from: '2026-11-25', to: '2026-11-26' })).toEqual([{ period: '2026-W48', from: '2026-11-25', to: '2026-11-26' }]);
    expect(cutPeriods('week', { from: '2026-11-25', to: '2026-12-01' })).toEqual([
      { period: '2026-W48', from: '2026-11-25', to: '2026-11-29' },
      { period: '2026-W49', from: '2026-11-30', to: '2026-12-01' },
    ]);
    const rows = aggregateTrends(points.filter((p) => p.at >= '2026-11-25' && p.at < '2026-11-27'), 'week', 'UTC', { from: '2026-11-25', to: '2026-11-26' });
    expect(rows).toEqual([{ period: '2026-W48', articles: 1, support: 1, oppose: 0, neutral: 0, meanScore: 0.5, partial: true, from: '2026-11-25', to: '2026-11-26' }]);
  });

  it('marks the period under way partial, counted up to today, and makes no row for a day still to come', () => {
    // Wednesday 2 December 2026: week 49 (from Monday 30 November) has had three of its days
    const today = '2026-12-02';
    const week = aggregateTrends(points, 'week', 'UTC', {}, today);
    expect(week.map((r) => [r.period, r.articles, r.partial, r.from, r.to])).toEqual([
      ['2026-W47', 1, undefined, undefined, undefined],
      ['2026-W48', 2, undefined, undefined, undefined],
      ['2026-W49', 1, true, '2026-11-30', '2026-12-02'],
    ]);
    // --until a day to come adds no period after today's, and no day after today
    expect(aggregateTrends(points, 'week', 'UTC', { from: '2026-11-16', to: '2027-01-31' }, today).map((r) => r.period)).toEqual(['2026-W47', '2026-W48', '2026-W49']);
    expect(aggregateTrends(points, 'month', 'UTC', { to: '2026-12-31' }, today).at(-1)).toMatchObject({ period: '2026-12', partial: true, from: '2026-12-01', to: '2026-12-02' });
    const days = aggregateTrends(points.filter((p) => p.at >= '2026-11-30'), 'day', 'UTC', { from: '2026-11-30', to: '2026-12-31' }, today);
    expect(days.map((r) => [r.period, r.partial])).toEqual([['2026-11-30', undefined], ['2026-12-01', undefined], ['2026-12-02', true]]);
    // an --until before today leaves today's period out, and its own cut stands
    expect(partialPeriods('week', { to: '2026-12-01' }, today)).toEqual([{ period: '2026-W49', from: '2026-11-30', to: '2026-12-01' }]);
    // --since inside the week under way: counted from --since to today
    expect(partialPeriods('week', { from: '2026-12-01' }, today)).toEqual([{ period: '2026-W49', from: '2026-12-01', to: today, underWay: true }]);
    // a week on its last day is under way all the same
    expect(partialPeriods('week', {}, '2026-12-06')).toEqual([{ period: '2026-W49', from: '2026-11-30', to: '2026-12-06', underWay: true }]);
    // a range wholly to come has no period
    expect(aggregateTrends([], 'day', 'UTC', { from: '2027-01-01' }, today)).toEqual([]);
    // without a today, nothing is under way, as before
    expect(aggregateTrends(points, 'week', 'UTC').some((r) => r.partial)).toBe(false);
  });
});
