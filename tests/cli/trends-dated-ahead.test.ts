import { afterEach, describe, expect, it, vi } from 'vitest';
import { aggregateTrends } from '../../src/trends/index.ts';
import { dialects } from '../helpers/databases.ts';
import { seededTrendsProject } from '../helpers/seeded-trends.ts';
import type { TempProject } from '../helpers/temp-project.ts';

interface Row {
  period: string;
  articles: number;
  partial?: true;
  datedAhead?: number;
}

describe('articles dated after today', () => {
  it('count in the period of their date, which says how many it holds: the one under way, or one not yet begun', () => {
    const points = ['2026-12-01T10:00:00Z', '2026-12-03T10:00:00Z', '2026-12-03'].map((at) => ({ at, label: 'neutral' as const, score: 0 }));
    expect(aggregateTrends(points, 'day', 'UTC', {}, '2026-12-02').map((r) => [r.period, r.articles, r.partial, r.datedAhead])).toEqual([
      ['2026-12-01', 1, undefined, undefined], ['2026-12-02', 0, true, undefined], ['2026-12-03', 2, undefined, 2],
    ]);
    expect(aggregateTrends(points, 'week', 'UTC', {}, '2026-12-02').map((r) => [r.period, r.articles, r.partial, r.datedAhead])).toEqual([['2026-W49', 3, true, 2]]);
    // the days the period under way counts reach the day its articles dated ahead are dated, as its count does
    expect(aggregateTrends(points, 'week', 'UTC', {}, '2026-12-02')[0]).toMatchObject({ from: '2026-11-30', to: '2026-12-03' });
    expect(aggregateTrends(points.slice(0, 1), 'week', 'UTC', {}, '2026-12-02')[0]).toMatchObject({ from: '2026-11-30', to: '2026-12-02' });
    // without a today nothing is ahead
    expect(aggregateTrends(points, 'day', 'UTC').some((r) => 'datedAhead' in r)).toBe(false);
  });
});

describe.each(dialects)('trends with an article dated after today, on $name', ({ fresh }) => {
  let project: TempProject | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await project?.remove();
  });

  it('marks the period it counts in, in JSON and the table, with a note', async () => {
    project = await seededTrendsProject({
      database: fresh,
      timeZone: 'America/New_York',
      runs: ['2026-11-01T12:00:00.000Z'],
      articles: [
        { name: 'investors', published: '2026-12-01T13:00:00.000Z', fetched: '2026-12-01T13:05:00.000Z', label: 'oppose' },
        // found at 08:00 on 2 December in New York, dated 08:00 the next day: within the day runs allow
        { name: 'scheduled', published: '2026-12-03T13:00:00.000Z', fetched: '2026-12-02T13:00:00.000Z', label: 'support' },
      ],
    });
    // Wednesday 2 December 2026, 10:00 in New York
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T15:00:00Z'));
    const rows = async (...args: string[]) => JSON.parse((await project!.cli('trends', '--json', ...args)).stdout) as Row[];
    expect((await rows('--by', 'day')).map((r) => [r.period, r.articles, r.partial, r.datedAhead])).toEqual([
      ['2026-12-01', 1, undefined, undefined], ['2026-12-02', 0, true, undefined], ['2026-12-03', 1, undefined, 1],
    ]);
    expect((await rows('--by', 'week')).map((r) => [r.period, r.articles, r.partial, r.datedAhead])).toEqual([['2026-W49', 2, true, 1]]);

    const days = (await project.cli('trends', '--by', 'day')).stdout.split('\n');
    expect(days.map((line) => line.trim().split(/ {2,}/)[0])).toEqual([
      'period', '2026-12-01', '2026-12-02*', '2026-12-03+',
      '* partial period: 2026-12-02 is still under way (today is 2026-12-02 in America/New_York)',
      '2026-12-02: 2026-12-02 to 2026-12-02 counted',
      '+ counts articles their source dates after today (2026-12-02 in America/New_York): a clock ahead, or a post scheduled for later; each counts in the period of its date',
      '2026-12-03 (not yet begun): 1 article dated after today',
      '',
    ]);
    const weeks = (await project.cli('trends', '--by', 'week')).stdout.split('\n');
    expect(weeks[1]).toMatch(/^2026-W49\*\+ +2 /);
    expect(weeks).toContain('  2026-W49 (under way): 1 article dated after today');
    // the days counted, as the count: up to the 3rd, the article dated ahead's day, not today's
    expect(weeks).toContain('  2026-W49: 2026-11-30 to 2026-12-03 counted');
    // CSV gives the count in its last column
    expect((await project.cli('trends', '--by', 'day', '--format', 'csv')).stdout.split('\n')[3]).toBe('2026-12-03,1,1,0,0,0.5,,,,,,1,');
  });
});
