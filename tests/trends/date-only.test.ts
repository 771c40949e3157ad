import { describe, expect, it } from 'vitest';
import { dayOf } from '../../src/digest/day.ts';
import { aggregateTrends, appearedAt, periodOf } from '../../src/trends/index.ts';

describe('a date without a time is its own day in every zone', () => {
  it.each(['America/New_York', 'America/Los_Angeles', 'Pacific/Pago_Pago', 'UTC', 'Asia/Tokyo', 'Pacific/Kiritimati'])('in %s', (zone) => {
    expect(dayOf('2026-06-01', zone)).toBe('2026-06-01');
    expect(periodOf('2026-06-01', 'month', zone)).toBe('2026-06');
    expect(periodOf('2026-06-01', 'week', zone)).toBe('2026-W23');
    expect(aggregateTrends([{ at: '2026-06-01', label: 'support', score: 0.5 }], 'day', zone).map((r) => r.period)).toEqual(['2026-06-01']);
  });

  it('while a timestamp is the day the zone shows at it', () => {
    expect(dayOf('2026-06-01T02:00:00.000Z', 'America/New_York')).toBe('2026-05-31');
    expect(dayOf('2026-06-01T20:00:00.000Z', 'Asia/Tokyo')).toBe('2026-06-02');
  });

  it('and compares as the start of that day against timestamps', () => {
    expect(appearedAt({ published_at: '2026-06-01T10:00:00.000Z', fetched_at: '2026-06-09T00:00:00.000Z' }, ['2026-06-01'], 'UTC')).toBe('2026-06-01');
    expect(appearedAt({ published_at: '2026-06-02', fetched_at: '2026-06-09T00:00:00.000Z' }, ['2026-06-01T23:00:00.000Z'], 'UTC')).toBe('2026-06-01T23:00:00.000Z');
  });
});
