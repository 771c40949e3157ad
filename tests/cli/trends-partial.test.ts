import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerTrends } from '../../src/cli/commands/trends.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { recordEarlierRun } from '../helpers/seeded-trends.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/** Four on-topic captures of different events, dated by their datelines: three in November, one in December. */
const captures: Record<string, string> = {
  'senators.txt': `Senators back a verified pause of frontier AI

Nov 20, 2026 - 10:19

A group of senators said on Friday they back a coordinated, verified pause of frontier AI development until safety testing rules are in place. "A pause is the responsible choice," one of them said.
`,
  'labs.txt': `Two labs sign a letter calling for a pause

Nov 26, 2026 - 09:00

Researchers at two frontier AI labs signed an open letter on Thursday calling for a global pause on training runs larger than today's, with audits of compute by an international agency.
`,
  'summit.txt': `Summit ministers discuss a moratorium on frontier models

Nov 28, 2026 - 15:30

Ministers meeting at the Seoul summit discussed whether a moratorium on frontier AI development could be verified through chip tracking, and agreed to study a pause treaty next year.
`,
  'investors.txt': `Investors warn a pause would hand the lead to rivals

Dec 02, 2026 - 08:45

Venture investors warned on Wednesday that a pause of frontier AI development would hand the lead to rivals and argued for voluntary safety commitments by the labs instead of a halt.
`,
};

describe('trends with --since and --until', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({ name: 'trends-partial', database: freshSqlite, commands: [registerRun, registerTrends] });
    for (const [name, text] of Object.entries(captures)) project.writeFile(`caps/${name}`, text);
    project.writePipeline(pipelineDefinition({ id: 'partial', name: 'Partial', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }));
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    // watched since November: the periods of the captures are no periods before pausewatch began watching
    await recordEarlierRun(project.database.target, 'partial', '2026-11-01T00:00:00.000Z');
  });
  afterEach(async () => {
    vi.useRealTimers();
    await project.remove();
  });

  /** `trends` as run on a given day (UTC, the pipeline's digest time zone): the period under way depends on it. */
  const on = (day: string) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${day}T10:00:00Z`));
  };
  const rows = async (...args: string[]) =>
    JSON.parse((await project.cli('trends', '--json', ...args)).stdout) as { period: string; articles: number; partial?: boolean; from?: string; to?: string }[];

  it('marks a period the range cuts as partial, in JSON, CSV and the table with a footnote, and a whole one not', async () => {
    // long after the captures: no period of theirs is under way
    on('2027-01-15');
    expect((await rows('--by', 'month')).map((r) => [r.period, r.articles, r.partial])).toEqual([['2026-11', 3, undefined], ['2026-12', 1, undefined]]);
    expect((await rows('--by', 'month', '--since', '2026-11-25')).map((r) => [r.period, r.articles, r.partial])).toEqual([['2026-11', 2, true], ['2026-12', 1, undefined]]);
    expect((await rows('--by', 'month', '--since', '2026-11-01', '--until', '2026-11-30')).map((r) => [r.period, r.articles, r.partial])).toEqual([['2026-11', 3, undefined]]);

    const csv = (await project.cli('trends', '--by', 'month', '--since', '2026-11-25', '--format', 'csv')).stdout.split('\n');
    expect(csv.slice(0, 3)).toEqual([
      'period,articles,support,oppose,neutral,meanScore,partial,from,to,watched,watchedFrom,datedAhead,notScored',
      expect.stringMatching(/^2026-11,2,.*,true,2026-11-25,2026-11-30,/),
      expect.stringMatching(/^2026-12,1,.*,,,,/),
    ]);

    const table = (await project.cli('trends', '--by', 'week', '--since', '2026-11-25', '--until', '2026-12-01')).stdout.split('\n');
    expect(table[1]).toMatch(/^2026-W48\* +2 /);
    expect(table[2]).toMatch(/^2026-W49\* +0 /);
    expect(table.slice(3)).toEqual([
      '* partial periods: --since 2026-11-25 and --until 2026-12-01 leave out some of their days',
      '  2026-W48: 2026-11-25 to 2026-11-29 counted',
      '  2026-W49: 2026-11-30 to 2026-12-01 counted',
      '',
    ]);
    // one period cut by one flag
    const month = (await project.cli('trends', '--by', 'month', '--since', '2026-11-25')).stdout;
    expect(month).toMatch(/\n2026-11\* +2 .*\n2026-12 +1 .*\n\* partial period: --since 2026-11-25 leaves out some of its days\n  2026-11: 2026-11-25 to 2026-11-30 counted\n$/);
    // no footnote for whole periods
    expect((await project.cli('trends', '--by', 'month')).stdout).not.toContain('partial');
  });

  it('marks the period under way partial, counted up to today, in JSON, CSV and the table, and lists no period to come', async () => {
    // Wednesday 2 December 2026: week 49 began on Monday 30 November
    on('2026-12-02');
    expect((await rows('--by', 'week')).map((r) => [r.period, r.articles, r.partial, r.from, r.to])).toEqual([
      ['2026-W47', 1, undefined, undefined, undefined], ['2026-W48', 2, undefined, undefined, undefined], ['2026-W49', 1, true, '2026-11-30', '2026-12-02'],
    ]);
    const week = await project.cli('trends', '--by', 'week');
    expect(week.stdout.split('\n').slice(3)).toEqual([
      expect.stringMatching(/^2026-W49\* +1 /),
      '* partial period: 2026-W49 is still under way (today is 2026-12-02 in UTC)',
      '  2026-W49: 2026-11-30 to 2026-12-02 counted',
      '',
    ]);
    expect((await project.cli('trends', '--by', 'week', '--format', 'csv')).stdout.split('\n')[3]).toMatch(/^2026-W49,1,.*,true,2026-11-30,2026-12-02,,,,$/);
    // a day with its star is wider than a week: the column makes room rather than cut the date ("2026-12-0…")
    const days = (await project.cli('trends', '--by', 'day', '--since', '2026-12-01')).stdout.split('\n');
    expect(days.slice(0, 3)).toEqual([
      expect.stringMatching(/^period {7}articles/), expect.stringMatching(/^2026-12-01 {3}0 /), expect.stringMatching(/^2026-12-02\* {2}1 /),
    ]);
    // an --until still to come adds no row of zeros for the days after today
    expect((await rows('--by', 'week', '--until', '2027-01-31')).map((r) => [r.period, r.partial])).toEqual([['2026-W47', undefined], ['2026-W48', undefined], ['2026-W49', true]]);
    expect((await rows('--by', 'day', '--since', '2026-12-01', '--until', '2026-12-31')).map((r) => [r.period, r.articles, r.partial])).toEqual([
      ['2026-12-01', 0, undefined], ['2026-12-02', 1, true],
    ]);
    expect((await rows('--by', 'month', '--until', '2026-12-31')).at(-1)).toMatchObject({ period: '2026-12', articles: 1, partial: true, from: '2026-12-01', to: '2026-12-02' });
    // a --since still to come lists nothing, and says why on stderr
    const ahead = await project.cli('trends', '--by', 'day', '--since', '2026-12-05');
    expect(ahead).toMatchObject({ code: 0, stderr: 'pausewatch: no periods: --since 2026-12-05 is after today (2026-12-02 in UTC)\n' });
    expect(ahead.stdout.trim().split('\n')).toHaveLength(1);
    // an --until before the first article lists nothing too, and says why
    const before = await project.cli('trends', '--by', 'month', '--until', '2026-10-03');
    expect(before).toMatchObject({ code: 0, stderr: 'pausewatch: no periods: no on-topic article appeared on or before --until 2026-10-03, which is before pausewatch began watching on 2026-11-01\n' });
    expect(before.stdout.trim().split('\n')).toHaveLength(1);
    // cut by --since and under way: both said
    expect((await project.cli('trends', '--by', 'week', '--since', '2026-12-01', '--until', '2027-01-31')).stdout.split('\n').slice(2)).toEqual([
      '* partial period: --since 2026-12-01 leaves out some of the days of 2026-W49; 2026-W49 is still under way (today is 2026-12-02 in UTC)',
      '  2026-W49: 2026-12-01 to 2026-12-02 counted',
      '',
    ]);
    // on a Monday, the week under way has had one day
    on('2026-11-30');
    expect((await rows('--by', 'week', '--until', '2026-11-30')).map((r) => [r.period, r.articles, r.partial, r.from, r.to])).toEqual([
      ['2026-W47', 1, undefined, undefined, undefined], ['2026-W48', 2, undefined, undefined, undefined], ['2026-W49', 0, true, '2026-11-30', '2026-11-30'],
    ]);
  });

  it('shows a long run of periods without articles as one line in the table; JSON and CSV list every period', async () => {
    on('2027-01-15');
    const json = await rows('--by', 'day');
    expect(json.map((r) => r.period)).toHaveLength(13);
    expect(json.slice(1, 6).map((r) => r.articles)).toEqual([0, 0, 0, 0, 0]);
    expect((await project.cli('trends', '--by', 'day', '--format', 'csv')).stdout.trim().split('\n')).toHaveLength(14);
    const table = (await project.cli('trends', '--by', 'day')).stdout.split('\n');
    expect(table.map((line) => line.split(/ {2,}/)[0])).toEqual([
      'period',
      '2026-11-20',
      // five quiet days: one line
      '2026-11-21 to 2026-11-25: 0 articles in each of these 5 days',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      // three are shown as they are
      '2026-11-29', '2026-11-30', '2026-12-01',
      '2026-12-02',
      '',
    ]);
  });
});
