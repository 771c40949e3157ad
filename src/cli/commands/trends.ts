import type { Command } from 'commander';
import { isIsoDate } from '../../digest/index.ts';
import { dayOf, localDate } from '../../digest/day.ts';
import { firstWatchedDay } from '../../run/write-digest.ts';
import { latestLabels, latestScoreVerdicts, trendOriginals } from '../../store/index.ts';
import { aggregateTrends, appearedAt, cutPeriods, effectiveStance, partialPeriods, periodOf, storedTimeBounds, type TrendPeriod, type TrendPoint, type TrendRow } from '../../trends/index.ts';
import { withContext, printJson, type GlobalOptions } from '../context.ts';
import { requirePipelineRuns } from '../pipeline-runs.ts';
import { UsageError } from '../errors.ts';
import { table } from '../views.ts';
import { twoDecimals } from '../../model/display-text.ts';

const PERIODS = ['day', 'week', 'month'] as const;
const FORMATS = ['table', 'json', 'csv'] as const;

function toCsv(rows: readonly TrendRow[]): string {
  // The columns added since the first seven come after them, so a sheet reading columns by position keeps its place.
  // The marks the table gives as * † + are columns here: a period not watched would otherwise read as a quiet one.
  const header = 'period,articles,support,oppose,neutral,meanScore,partial,from,to,watched,watchedFrom,datedAhead,notScored';
  return [
    header,
    ...rows.map((r) =>
      [r.period, r.articles, r.support, r.oppose, r.neutral, r.meanScore ?? '', r.partial ? 'true' : '', r.from ?? '', r.to ?? '', r.watched ?? '', r.watchedFrom ?? '', r.datedAhead ?? '', r.notScored ?? ''].join(','),
    ),
  ].join('\n');
}

/**
 * Below the table, the periods it stars, each with the days of it counted: those --since or --until cut, so a month
 * from the 25th is not read as a quiet month, and the one under way, so a week on its Monday is not read as a collapse.
 */
function partialNote(rows: readonly TrendRow[], period: TrendPeriod, range: { since?: string; until?: string }, today: string, timeZone: string): string {
  const shown = new Set(rows.filter((r) => r.partial).map((r) => r.period));
  const cuts = partialPeriods(period, { from: range.since, to: range.until }, today).filter((cut) => shown.has(cut.period));
  if (cuts.length === 0) return '';
  // an --until after today cuts nothing: the days after today are left out as not yet come
  const until = range.until !== undefined && range.until < today ? range.until : undefined;
  const bySince = new Set(range.since === undefined ? [] : cutPeriods(period, { from: range.since }).map((cut) => cut.period));
  const byUntil = new Set(until === undefined ? [] : cutPeriods(period, { to: until }).map((cut) => cut.period));
  const flagged = cuts.filter((cut) => bySince.has(cut.period) || byUntil.has(cut.period));
  const flags = [
    cuts.some((cut) => bySince.has(cut.period)) ? `--since ${range.since}` : null,
    cuts.some((cut) => byUntil.has(cut.period)) ? `--until ${until}` : null,
  ].filter((flag) => flag !== null);
  const leave = flags.length === 1 ? 'leaves' : 'leave';
  const underWay = cuts.find((cut) => cut.underWay);
  const clauses = !underWay
    ? [`${flags.join(' and ')} ${leave} out some of ${cuts.length === 1 ? 'its' : 'their'} days`]
    : [
        ...(flagged.length > 0 ? [`${flags.join(' and ')} ${leave} out some of the days of ${flagged.map((cut) => cut.period).join(' and ')}`] : []),
        `${underWay.period} is still under way (today is ${today} in ${timeZone})`,
      ];
  const head = `* partial period${cuts.length === 1 ? '' : 's'}: ${clauses.join('; ')}`;
  // the days as the rows give them: the period under way's reach the days after today its articles dated ahead are in
  const counted = new Map(rows.map((r) => [r.period, r]));
  return [head, ...cuts.map((cut) => `  ${cut.period}: ${counted.get(cut.period)?.from ?? cut.from} to ${counted.get(cut.period)?.to ?? cut.to} counted`)].join('\n') + '\n';
}

/**
 * Below the table, what the periods it marks with a dagger are: before the pipeline's first run, all or some of their
 * days, so that their figures (the articles published then and found later) are not read as a quiet time.
 */
function unwatchedNote(rows: readonly TrendRow[], timeZone: string): string {
  const unwatched = rows.filter((r) => r.watched !== undefined);
  const from = unwatched[0]?.watchedFrom;
  if (from === undefined) return '';
  const part = unwatched.filter((r) => r.watched === 'part');
  const one = unwatched.length === 1;
  const its = one ? 'its' : 'their';
  const head =
    `† ${one ? 'period' : 'periods'} before pausewatch began watching on ${from} (its first run, in ${timeZone})${part.length > 0 ? `, all or some of ${its} days` : ''}: ` +
    `the articles published then count only if found later, so ${its} figures are not all the coverage, and 0 is not a quiet time`;
  return [head, ...part.map((r) => `  ${r.period}: watched from ${from}`)].join('\n') + '\n';
}

/**
 * Below the table, what the periods it marks with a plus hold: articles dated after today, by a source's clock ahead
 * or a post scheduled for later, counted in the period of their date, which may not have begun (a row after the one
 * under way) or be counted up to today only (the period under way).
 */
function aheadNote(rows: readonly TrendRow[], period: TrendPeriod, today: string, timeZone: string): string {
  const ahead = rows.filter((r) => r.datedAhead !== undefined);
  if (ahead.length === 0) return '';
  const underWay = periodOf(today, period, timeZone);
  const head = `+ counts articles their source dates after today (${today} in ${timeZone}): a clock ahead, or a post scheduled for later; each counts in the period of its date`;
  const lines = ahead.map((r) => {
    const when = r.period === underWay ? ' (under way)' : r.period > underWay ? ' (not yet begun)' : '';
    return `  ${r.period}${when}: ${r.datedAhead} ${r.datedAhead === 1 ? 'article' : 'articles'} dated after today`;
  });
  return [head, ...lines].join('\n') + '\n';
}

/** Empty periods in a row, at least, that the table shows as one line; JSON and CSV list every period. */
export const QUIET_RUN = 4;

const UNITS: Record<TrendPeriod, string> = { day: 'days', week: 'weeks', month: 'months' };

/**
 * The table: a period a line, but a run of QUIET_RUN or more whole periods without articles as one line naming its
 * first and last period, so one article from June does not push December's figures past 180 lines of zeros. A period
 * cut short is starred (see partialNote), one not watched whole daggered (see unwatchedNote), one counting articles
 * dated after today marked with a plus (see aheadNote); a run of quiet periods
 * is all before the first run or all after it, daggered as they are.
 */
function trendsTable(rows: readonly TrendRow[], period: TrendPeriod): string {
  const marks = (r: TrendRow) => (r.partial ? '*' : '') + (r.watched !== undefined ? '†' : '') + (r.datedAhead !== undefined ? '+' : '');
  // coverage in languages the scorer does not read gets a column of its own when there is any
  const withNotScored = rows.some((r) => r.notScored !== undefined);
  const body = rows.map((r) => [
    r.period + marks(r), String(r.articles), String(r.support), String(r.oppose), String(r.neutral), r.meanScore === null ? '-' : twoDecimals(r.meanScore),
    ...(withNotScored ? [String(r.notScored ?? 0)] : []),
  ]);
  // as wide as the longest period with its mark: a day with its star is 11 characters, and a cut would drop the star
  const periodWidth = Math.max(10, ...body.map((cells) => cells[0]!.length));
  const headers = ['period', 'articles', 'support', 'oppose', 'neutral', 'mean score', ...(withNotScored ? ['not scored'] : [])];
  const [header, ...lines] = table(headers, body, [periodWidth, 8, 7, 6, 7, 10, 10]).split('\n');
  const out = [header!];
  const quiet = (r: TrendRow | undefined) => r !== undefined && r.articles === 0 && r.notScored === undefined && !r.partial;
  for (let i = 0; i < rows.length; ) {
    let end = i;
    while (quiet(rows[i]) && quiet(rows[end + 1]) && rows[end + 1]!.watched === rows[i]!.watched) end += 1;
    const count = end - i + 1;
    if (quiet(rows[i]) && count >= QUIET_RUN) {
      out.push(`${rows[i]!.period} to ${rows[end]!.period}${marks(rows[i]!)}: 0 articles in each of these ${count} ${UNITS[period]}`);
      i = end + 1;
    } else {
      out.push(lines[i]!);
      i += 1;
    }
  }
  return out.join('\n');
}

export function registerTrends(program: Command): void {
  program
    .command('trends')
    .description('stance of on-topic coverage over time (syndicated copies count once; analyst labels win)')
    .option('--by <period>', `one of ${PERIODS.join(', ')}`, 'week')
    .option('--since <YYYY-MM-DD>', 'from this day in the digest time zone (publication date, else first seen); a period it cuts is marked partial')
    .option('--until <YYYY-MM-DD>', 'up to and including this day (today at the latest); a period it cuts is marked partial, as is the one under way')
    .option('--format <format>', `one of ${FORMATS.join(', ')} (--json is the same as --format json)`, 'table')
    .action(async (local: { by: string; since?: string; until?: string; format: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      if (!(PERIODS as readonly string[]).includes(local.by)) throw new UsageError(`--by: expected one of ${PERIODS.join(', ')}, found ${JSON.stringify(local.by)}`);
      if (!(FORMATS as readonly string[]).includes(local.format)) throw new UsageError(`--format: expected one of ${FORMATS.join(', ')}, found ${JSON.stringify(local.format)}`);
      // --json is --format json: asked for beside another format, one of the two would be ignored without a word
      if (options.json && local.format !== 'json' && command.getOptionValueSource('format') === 'cli') {
        throw new UsageError(`--json and --format ${local.format} ask for two formats: give one of them`);
      }
      for (const flag of ['since', 'until'] as const) {
        const value = local[flag];
        if (value !== undefined && !isIsoDate(value)) throw new UsageError(`--${flag}: expected a day as YYYY-MM-DD, found ${JSON.stringify(value)}`);
      }
      if (local.since && local.until && local.since > local.until) throw new UsageError(`--since ${local.since} is after --until ${local.until}`);
      await withContext(options, async ({ loaded, store }) => {
        await requirePipelineRuns(loaded, store, options);
        const timeZone = loaded.pipeline.digest.timeZone;
        // the originals that appeared in the range, picked in the query, without their text or the scores' evidence
        const articles = await trendOriginals(store.db, loaded.pipeline.id, storedTimeBounds(local, timeZone));
        const ids = articles.map((a) => a.id);
        const scores = await latestScoreVerdicts(store.db, ids);
        const labels = await latestLabels(store.db, ids);
        const points: TrendPoint[] = [];
        for (const article of articles) {
          const stance = effectiveStance(scores.get(article.id), labels.get(article.id));
          // coverage in a language the scorer does not read counts apart, as the digest counts it
          const notScored = stance.relevant && !stance.label && stance.unreadLanguage !== null;
          if (!stance.relevant || (!stance.label && !notScored)) continue;
          const at = appearedAt(article, [article.copy_published_day, article.copy_published_at], timeZone);
          // the day in the digest time zone, as the periods are counted: an item of 23:30 local on the 29th is the 29th's
          const day = dayOf(at, timeZone);
          if ((local.since && day < local.since) || (local.until && day > local.until)) continue;
          points.push({ at, label: stance.label, score: notScored ? null : stance.trendScore });
        }
        // days after today have not happened: no rows of zeros for them, and the period under way is partial
        const today = localDate(new Date(), timeZone);
        // the days before the first run were not watched: their zeros are no quiet time (as the digest's shift says)
        const watchedFrom = await firstWatchedDay(store, loaded.pipeline);
        const rows = aggregateTrends(points, local.by as TrendPeriod, timeZone, { from: local.since, to: local.until }, today, watchedFrom);
        // an empty answer says why when the range is still to come, on stderr: stdout stays the table, JSON or CSV
        if (rows.length === 0 && local.since !== undefined && local.since > today) {
          process.stderr.write(`pausewatch: no periods: --since ${local.since} is after today (${today} in ${timeZone})\n`);
        } else if (rows.length === 0 && local.since === undefined && local.until !== undefined) {
          // with no first day given, the periods start at the first article's: none up to --until leaves none to show
          const unwatched = watchedFrom !== null && local.until < watchedFrom ? `, which is before pausewatch began watching on ${watchedFrom}` : '';
          process.stderr.write(`pausewatch: no periods: no on-topic article appeared on or before --until ${local.until}${unwatched}\n`);
        }
        const format = options.json ? 'json' : local.format;
        if (format === 'json') return printJson(rows);
        if (format === 'csv') return void process.stdout.write(`${toCsv(rows)}\n`);
        process.stdout.write(`${trendsTable(rows, local.by as TrendPeriod)}\n`);
        process.stdout.write(partialNote(rows, local.by as TrendPeriod, local, today, timeZone));
        process.stdout.write(unwatchedNote(rows, timeZone));
        process.stdout.write(aheadNote(rows, local.by as TrendPeriod, today, timeZone));
      });
    });
}
