import { afterEach, describe, expect, it, vi } from 'vitest';
import { dialects } from '../helpers/databases.ts';
import { seededTrendsProject } from '../helpers/seeded-trends.ts';
import type { TempProject } from '../helpers/temp-project.ts';

interface Row {
  period: string;
  articles: number;
  partial?: true;
  watched?: 'none' | 'part';
  watchedFrom?: string;
}

/**
 * A pipeline whose first run began at 22:00 on 25 November in New York (03:00 UTC on the 26th): what it found then
 * includes an article of 5 June and one of 20 November, published before it watched; it ran again on 1 December.
 */
const seeded = (fresh: Parameters<typeof seededTrendsProject>[0]['database']) =>
  seededTrendsProject({
    database: fresh,
    timeZone: 'America/New_York',
    runs: ['2026-12-01T12:00:00.000Z', '2026-11-26T03:00:00.000Z'],
    articles: [
      { name: 'june', published: '2026-06-05T14:00:00.000Z', fetched: '2026-11-26T03:05:00.000Z', label: 'support' },
      { name: 'senators', published: '2026-11-20T15:00:00.000Z', fetched: '2026-11-26T03:05:00.000Z', label: 'support' },
      { name: 'summit', published: '2026-11-28T15:00:00.000Z', fetched: '2026-12-01T12:05:00.000Z', label: 'oppose' },
      { name: 'investors', published: '2026-12-01T13:00:00.000Z', fetched: '2026-12-01T13:05:00.000Z', label: 'neutral' },
    ],
  });

describe.each(dialects)('trends of periods before the first run, on $name', ({ fresh }) => {
  let project: TempProject | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await project?.remove();
  });
  /** Wednesday 2 December 2026 in New York: week 49 is under way. */
  const onDecember2 = () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T15:00:00Z'));
  };
  const rows = async (...args: string[]) => JSON.parse((await project!.cli('trends', '--json', ...args)).stdout) as Row[];

  it('marks them in JSON, whole (none) or in part, with the first run\'s day in the zone; the articles published then still count', async () => {
    project = await seeded(fresh);
    onDecember2();
    const weeks = await rows('--by', 'week');
    expect(weeks).toHaveLength(27);
    expect(weeks[0]).toEqual({ period: '2026-W23', articles: 1, support: 1, oppose: 0, neutral: 0, meanScore: 0.5, watched: 'none', watchedFrom: '2026-11-25' });
    expect(weeks.slice(1, -3).every((r) => r.articles === 0 && r.watched === 'none')).toBe(true);
    expect(weeks.slice(-3).map((r) => [r.period, r.articles, r.watched, r.watchedFrom, r.partial])).toEqual([
      ['2026-W47', 1, 'none', '2026-11-25', undefined],
      // Monday 23 to Sunday 29 November: watched from the 25th
      ['2026-W48', 1, 'part', '2026-11-25', undefined],
      ['2026-W49', 1, undefined, undefined, true],
    ]);
    // by day, the first run's day is watched, the day before is not
    const days = await rows('--by', 'day', '--since', '2026-11-24', '--until', '2026-11-26');
    expect(days.map((r) => [r.period, r.watched])).toEqual([['2026-11-24', 'none'], ['2026-11-25', undefined], ['2026-11-26', undefined]]);
    // a week --since cuts is judged by the days it counts
    expect((await rows('--by', 'week', '--since', '2026-11-25', '--until', '2026-11-29'))).toEqual([
      expect.objectContaining({ period: '2026-W48', partial: true, from: '2026-11-25', to: '2026-11-29' }),
    ]);
    expect((await rows('--by', 'week', '--since', '2026-11-25', '--until', '2026-11-29'))[0]).not.toHaveProperty('watched');
    // CSV keeps its first columns in place and carries the marks after them
    const csv = (await project.cli('trends', '--by', 'week', '--since', '2026-11-16', '--format', 'csv')).stdout.split('\n');
    expect(csv.slice(0, 4)).toEqual([
      'period,articles,support,oppose,neutral,meanScore,partial,from,to,watched,watchedFrom,datedAhead,notScored',
      '2026-W47,1,1,0,0,0.5,,,,none,2026-11-25,,',
      '2026-W48,1,0,1,0,-0.5,,,,part,2026-11-25,,',
      '2026-W49,1,0,0,1,0,true,2026-11-30,2026-12-02,,,,',
    ]);
  });

  it('daggers them in the table, quiet runs too, with a note naming the first run\'s day', async () => {
    project = await seeded(fresh);
    onDecember2();
    const table = (await project.cli('trends', '--by', 'week')).stdout.split('\n');
    expect(table.map((line) => line.trim().split(/ {2,}/)[0])).toEqual([
      'period',
      '2026-W23†',
      '2026-W24 to 2026-W46†: 0 articles in each of these 23 weeks',
      '2026-W47†',
      '2026-W48†',
      '2026-W49*',
      '* partial period: 2026-W49 is still under way (today is 2026-12-02 in America/New_York)',
      '2026-W49: 2026-11-30 to 2026-12-02 counted',
      '† periods before pausewatch began watching on 2026-11-25 (its first run, in America/New_York), all or some of their days: the articles published then count only if found later, so their figures are not all the coverage, and 0 is not a quiet time',
      '2026-W48: watched from 2026-11-25',
      '',
    ]);
    // a quiet run is not drawn across the first run's day
    const days = (await project.cli('trends', '--by', 'day', '--since', '2026-11-21', '--until', '2026-11-30')).stdout.split('\n');
    expect(days.map((line) => line.split(/ {2,}/)[0]).slice(0, 4)).toEqual(['period', '2026-11-21 to 2026-11-24†: 0 articles in each of these 4 days', '2026-11-25', '2026-11-26']);
    expect(days).toContain('† periods before pausewatch began watching on 2026-11-25 (its first run, in America/New_York): the articles published then count only if found later, so their figures are not all the coverage, and 0 is not a quiet time');
    // all watched: no dagger, no note
    const december = (await project.cli('trends', '--by', 'day', '--since', '2026-11-25')).stdout;
    expect(december).not.toContain('†');
  });
});
