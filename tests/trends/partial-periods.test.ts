import { describe, expect, it } from 'vitest';
import { aggregateTrends, cutPeriods } from '../../src/trends/index.ts';

const points = ['2026-11-20', '2026-11-26', '2026-11-28', '2026-12-02'].map((day) => ({ at: `${day}T10:00:00Z`, label: 'support' as const, score: 0.5 }));

describe('periods a --since/--until range cuts', () => {
  it('are marked partial, with the days of them counted; whole periods are not marked', () => {
    const rows = aggregateTrends(points.filter((p) => p.at >= '2026-11-25'), 'month', 'UTC', { from: '2026-11-25' });
    expect(rows).toEqual([
      { period: '2026-11', articles: 2, support: 2, oppose: 0, neutral: 0, meanScore: 0.5, partial: true },
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
    expect(rows).toEqual([{ period: '2026-W48', articles: 1, support: 1, oppose: 0, neutral: 0, meanScore: 0.5, partial: true }]);
  });
});
