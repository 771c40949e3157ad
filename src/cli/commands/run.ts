import { existsSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { ALERT_RETRY_HOURS, createChannels } from '../../alert/index.ts';
import type { RunReport, SourceReport } from '../../model/index.ts';
import { DIGEST_EMAIL_DAYS, runHadFailures, runPipeline } from '../../run/run-pipeline.ts';
import { RunStop, RunStoppedError } from '../../run/run-stop.ts';
import { abandonRun, databaseNow, isSqliteFileTarget, listSources, pendingMoves, pipelinesWithRuns, type SourceRow } from '../../store/index.ts';
import { urlForDisplay } from '../../ingest/url-display.ts';
import { refusedMoveAsWritten, sourceStatus } from './sources.ts';
import { clockGapText, databaseTarget, openPipeline, withStore, printJson, type GlobalOptions } from '../context.ts';
import { ExitCode, UsageError, type CliState } from '../errors.ts';
import { newestDigestInDir } from '../../run/write-digest.ts';
import type { LoadedPipeline } from '../../config/index.ts';
import { terminalProgress } from '../progress.ts';
import { commandLine, shownPath, writeText, type TargetFlags } from '../views.ts';
import { checkDigestDir } from './digest.ts';
import { plural, shortenText } from '../../model/display-text.ts';

/** The most characters of feed-made text (an error's excerpt, a warning) on one summary line; --json has it all. */
const LINE_TEXT_MAX = 300;

/** The item errors of a source the summary names; the rest it counts. */
const ITEM_ERRORS_SHOWN = 5;

/** Skipped because its server asked, with Retry-After, not to ask yet: --all keeps that. */
function heldByServer(source: SourceReport): boolean {
  return source.outcome === 'not_due' && source.nextCheck?.heldByServer === true;
}

function sourceLine(source: SourceReport, commandFor: (words: string) => string): string {
  const mark = { failed: 'FAILED', not_modified: 'not modified', not_due: 'not due', ok: 'ok' }[source.outcome];
  const next = source.nextCheck ? `; next check ${source.nextCheck.at.slice(0, 16).replace('T', ' ')} UTC` : '';
  const detail =
    source.outcome === 'failed' && source.error
      ? `${source.error.code}: ${shortenText(source.error.message, LINE_TEXT_MAX)}${next}`
      : source.outcome === 'not_due'
        ? heldByServer(source)
          ? `skipped${next} (${source.nextCheck!.reason}; --all does not override that, \`${commandFor(`sources recheck ${source.sourceId}`)}\` does)`
          : `skipped${next} (--all checks it now)`
        : `${plural(source.itemsSeen, 'item')}, ${source.articlesAdded} new${source.duplicates ? ` (${source.duplicates} duplicates)` : ''}` +
          (source.articlesUpdated ? `, ${source.articlesUpdated} updated` : '') +
          (source.itemErrors.length ? `, ${plural(source.itemErrors.length, 'item error')}` : '') +
          (source.itemsRefusedBefore.length ? `, ${plural(source.itemsRefusedBefore.length, 'file')} refused as before` : '');
  return `  ${mark.padEnd(12)} ${source.sourceId.padEnd(24)} ${detail}`;
}

/** The files a files source refused as an earlier run did, in one line: the first few by name, with why and since when. */
function refusedBeforeLine(source: SourceReport): string {
  const refused = source.itemsRefusedBefore;
  const named = refused.slice(0, ITEM_ERRORS_SHOWN).map((item) => `${shortenText(item.key, 120)} (${item.error.code} since ${item.since.slice(0, 10)})`);
  const more = refused.length > ITEM_ERRORS_SHOWN ? ` and ${refused.length - ITEM_ERRORS_SHOWN} more (\`run --json\` lists them all)` : '';
  return `      refused as before, not counted as failing: ${named.join(', ')}${more}`;
}

/** A feed whose pipeline-file URL answers with a permanent redirect: `movedTo` is where it is read now. */
export interface MovedFeed {
  sourceId: string;
  movedTo: string;
  /** Why `sources update-moved` will not write the move (refusedMoveReason), else null or absent. */
  refused?: string | null;
}

/**
 * A source that was failing or gone after an earlier run and that this run did not check, since it was not due (a
 * failing feed backs off for hours, a gone one is retried weekly): `run --json` lists them as `failingNotChecked`.
 */
export interface FailingNotChecked {
  sourceId: string;
  /** As `sources --json` and the digest's JSON say it. */
  status: 'failed' | 'gone';
  /** The failed checks in a row so far. */
  errorStreak: number;
  lastErrorCode: string | null;
  lastSuccessAt: string | null;
  /** When a run checks it next (`--all` does now, unless its server asked with Retry-After to wait). */
  nextCheckAt: string | null;
}

/** The sources of `report` that it skipped as not due although they were failing or gone, from their stored health. */
export function failingNotChecked(report: RunReport, rows: readonly SourceRow[]): FailingNotChecked[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return report.sources.flatMap((source) => {
    const row = byId.get(source.sourceId);
    const status = source.outcome === 'not_due' ? sourceStatus(row) : 'ok';
    if (!row || (status !== 'failed' && status !== 'gone')) return [];
    return [{ sourceId: source.sourceId, status, errorStreak: row.error_streak, lastErrorCode: row.last_error_code, lastSuccessAt: row.last_success_at, nextCheckAt: row.next_check_at }];
  });
}

/** The failing sources a summary names before it counts the rest: the line is for cron mail, `sources` has them all. */
const FAILING_NAMED = 5;
/** Sources with warnings named in the summary line; `run --json` lists every one's warnings. */
const WARNED_SOURCES_NAMED = 5;

/**
 * One line for the failing and gone sources a run did not check: without it, a run that skips them says nothing of
 * them, and a 410 feed, retried weekly, vanishes from the daily cron mail for a week after its one FAILED line.
 */
function failingNotCheckedLine(failing: readonly FailingNotChecked[], commandFor: (words: string) => string): string {
  const gone = failing.filter((f) => f.status === 'gone').length;
  const what = gone === 0 ? 'failing' : gone === failing.length ? 'gone' : 'failing or gone';
  const next = failing.flatMap((f) => (f.nextCheckAt ? [f.nextCheckAt] : [])).sort()[0];
  const when = next ? ` (${failing.length === 1 ? 'due again' : 'the first due again'} at ${next.slice(0, 16).replace('T', ' ')} UTC)` : '';
  const names = failing.slice(0, FAILING_NAMED).map((f) => (f.status === 'gone' && gone < failing.length ? `${f.sourceId} (gone)` : f.sourceId));
  const more = failing.length > FAILING_NAMED ? `, +${failing.length - FAILING_NAMED} more` : '';
  return `  ${'failing'.padEnd(12)} ${plural(failing.length, 'source')} ${what} since an earlier run, not retried this run${when}: ${names.join(', ')}${more} (\`${commandFor('sources')}\` says why)`;
}

/** What the summary needs beyond the report: the feeds that moved, and the commands its hints print. */
export interface SummaryContext {
  movedFeeds: readonly MovedFeed[];
  /** The failing and gone sources the run did not check (failingNotChecked); none when not given. */
  failingNotChecked?: readonly FailingNotChecked[];
  pipelineFile: string;
  /** A pausewatch command (`sources recheck a`) with the flags this run was given, so it acts on the same data. */
  commandFor(words: string): string;
  /** The pipeline's `alerts.maxAgeHours`, which withdrawn alerts are past; unsaid when unknown. */
  alertMaxAgeHours?: number;
}

const DEFAULT_SUMMARY_CONTEXT: SummaryContext = { movedFeeds: [], pipelineFile: '', commandFor: (words) => `pausewatch ${words}` };

/** The SummaryContext of a run given `flags`, for its pipeline file. */
export function summaryContext(
  flags: TargetFlags,
  pipelineFile: string,
  movedFeeds: readonly MovedFeed[],
  alertMaxAgeHours?: number,
  failing: readonly FailingNotChecked[] = [],
): SummaryContext {
  return {
    movedFeeds, failingNotChecked: failing, pipelineFile, commandFor: (words) => commandLine(words, flags), ...(alertMaxAgeHours === undefined ? {} : { alertMaxAgeHours }),
  };
}

export function formatRunSummary(report: RunReport, cwd: string, verbose: boolean, context: SummaryContext = DEFAULT_SUMMARY_CONTEXT): string {
  const lines: string[] = [];
  const failed = report.sources.filter((s) => s.outcome === 'failed');
  const notDue = report.sources.filter((s) => s.outcome === 'not_due').length;
  for (const source of report.sources) {
    if (verbose || source.outcome === 'failed' || source.itemErrors.length > 0) lines.push(sourceLine(source, context.commandFor));
    // An item error is a failure (the run exits 1): named with its reason on a terminal or not, under --quiet too, since
    // cron mails only this summary.
    for (const item of source.itemErrors.slice(0, ITEM_ERRORS_SHOWN)) lines.push(`      item ${shortenText(item.key, 120)}: ${shortenText(item.error.message, LINE_TEXT_MAX)}`);
    if (source.itemErrors.length > ITEM_ERRORS_SHOWN) lines.push(`      and ${plural(source.itemErrors.length - ITEM_ERRORS_SHOWN, 'more item error')} (\`run --json\` lists them all)`);
    if (verbose) for (const warning of source.warnings.slice(0, 3)) lines.push(`      warning: ${shortenText(warning, LINE_TEXT_MAX)}`);
    // reported, as item errors, by the run that first refused them: a reminder on a terminal, not a failure
    if (verbose && source.itemsRefusedBefore.length > 0) lines.push(refusedBeforeLine(source));
  }
  // Said by every run, quiet or not, while they fail: cron mails only this summary.
  if (context.failingNotChecked?.length) lines.push(failingNotCheckedLine(context.failingNotChecked, context.commandFor));
  // Said by every run while it lasts: a clock that drifts on one host would otherwise show only as odd dates.
  if (report.hostClockAheadSeconds !== null) {
    lines.push(`  ${'clock'.padEnd(12)} ${clockGapText(report.hostClockAheadSeconds)}: the run went by the database's, as runs of every host sharing it do; set the wrong clock right`);
  }
  // Said by every run, quiet or not, until the pipeline file has the new URL: the old one may stop redirecting any day.
  const file = shownPath(context.pipelineFile, cwd);
  for (const feed of context.movedFeeds) {
    const hint = feed.refused ? `\`${context.commandFor('sources update-moved')}\` will not write it: ${feed.refused}` : `\`${context.commandFor('sources update-moved')}\` puts that URL in ${file}`;
    lines.push(`  ${'moved'.padEnd(12)} ${feed.sourceId}: the feed moved permanently to ${urlForDisplay(feed.movedTo)}; ${hint}`);
  }
  // one line per channel that refused alerts, with its first reason: a cron user must see that Slack stopped listening
  const refusedBy = new Map<string, { count: number; error: string }>();
  for (const failure of report.alertsFailed) {
    const entry = refusedBy.get(failure.channel) ?? { count: 0, error: failure.error };
    entry.count += 1;
    refusedBy.set(failure.channel, entry);
  }
  for (const [channel, { count, error }] of refusedBy) {
    const heldBack = report.alertsHeldBack.find((held) => held.channel === channel)?.count ?? 0;
    const more = heldBack ? ` and ${heldBack} more not tried` : '';
    lines.push(`  ${'FAILED'.padEnd(12)} ${plural(count, 'alert')} not delivered by ${channel} (${error})${more}; the next runs retry them for ${ALERT_RETRY_HOURS} h`);
  }
  for (const { channel, count, until } of report.alertsAskedToWait) {
    lines.push(`  ${'WAITING'.padEnd(12)} ${plural(count, 'alert')} for ${channel}, which asked (Retry-After) to be sent nothing until ${until.slice(0, 19).replace('T', ' ')} UTC; the first run after then sends those not past ${ALERT_RETRY_HOURS} h by then`);
  }
  // Given up: said once, by the run that gives up, with the headlines, so someone can pass them on by hand.
  const expiredBy = new Map<string, { titles: string[]; configured: boolean; reason: RunReport['alertsExpired'][number]['reason']; lastError: string | null }>();
  for (const expired of report.alertsExpired) {
    const entry = expiredBy.get(expired.channel) ?? { titles: [], configured: expired.configured, reason: expired.reason, lastError: expired.lastError };
    entry.titles.push(expired.title);
    expiredBy.set(expired.channel, entry);
  }
  for (const [channel, { titles, configured, reason, lastError }] of expiredBy) {
    const why =
      reason === 'undelivered'
        ? `undelivered for ${ALERT_RETRY_HOURS} h${lastError ? ` (last: ${lastError})` : ''}`
        : reason === 'alerts_off'
          ? 'its channel no longer takes alerts (alerts: false)'
          : 'its channel is no longer in the pipeline';
    const shown = titles.slice(0, 3).map((title) => `"${shortenText(title, 80)}"`).join(', ');
    lines.push(`  ${(configured ? 'FAILED' : 'dropped').padEnd(12)} ${plural(titles.length, 'alert')} for ${channel} given up, ${why}: ${shown}${titles.length > 3 ? `, +${titles.length - 3} more` : ''}`);
  }
  // Taken back before delivery: not a failure, said once so nobody wonders why a story they saw raised no alert.
  if (report.alertsWithdrawn.length > 0) {
    const days = [...new Set(report.alertsWithdrawn.map((w) => w.firstPublished.slice(0, 10)))].sort();
    const when = days.length === 1 ? `a syndicated copy shows the coverage first appeared ${days[0]}` : `syndicated copies show the coverage first appeared ${days[0]} to ${days.at(-1)}`;
    const limit = context.alertMaxAgeHours === undefined ? '' : ` (${context.alertMaxAgeHours} h)`;
    const titles = [...new Set(report.alertsWithdrawn.map((w) => w.title))];
    const shown = titles.slice(0, 3).map((title) => `"${shortenText(title, 80)}"`).join(', ');
    lines.push(
      `  ${'withdrawn'.padEnd(12)} ${plural(report.alertsWithdrawn.length, 'alert')}: ${when}, past alerts.maxAgeHours${limit}: ${shown}${titles.length > 3 ? `, +${titles.length - 3} more` : ''}`,
    );
  }
  // Past alerts.maxPerRun: never sent by any run, and not a failure; said so nobody waits for them, with where they are.
  for (const { channel, count, maxPerRun, noticeSent, noticeError } of report.alertsOverCap) {
    const told = noticeSent
      ? 'the channel was told how many'
      : noticeError === null
        ? 'the channel was not told how many'
        : `the channel could not be told how many (${shortenText(noticeError, LINE_TEXT_MAX)})`;
    lines.push(
      `  ${'over cap'.padEnd(12)} ${plural(count, 'alert')} over alerts.maxPerRun (${maxPerRun}) for ${channel}, never sent: ${told}; ` +
        `the digest and \`${context.commandFor('articles')}\` list them`,
    );
  }
  // a digest file the disk had no room for: the day's digest is the run's product, and a cron user reads only this
  for (const { date, error } of report.digestsFailed) {
    lines.push(`  ${'FAILED'.padEnd(12)} digest of ${date}: ${shortenText(error, LINE_TEXT_MAX)}; the next run writes it again`);
  }
  // a digest nobody received this morning is as much a failure as an alert: said with the channel and the reason
  // with the day the retries end: with one run a morning the next try is tomorrow's run, not a later one today
  for (const { channel, date, error, retryUntil } of report.digestEmailsFailed) {
    lines.push(`  ${'FAILED'.padEnd(12)} digest of ${date} not emailed by ${channel} (${shortenText(error, LINE_TEXT_MAX)}); the next run tries again (until ${retryUntil})`);
  }
  // given up: said once, by the run that gives up, per channel
  const givenUpBy = new Map<string, string[]>();
  for (const { channel, date } of report.digestEmailsGivenUp) givenUpBy.set(channel, [...(givenUpBy.get(channel) ?? []), date]);
  for (const [channel, dates] of givenUpBy) {
    const days =
      dates.length === 1 ? `digest of ${dates[0]}` : dates.length <= 3 ? `digests of ${dates.join(', ')}` : `${dates.length} digests, of ${dates[0]} to ${dates.at(-1)},`;
    lines.push(`  ${'FAILED'.padEnd(12)} ${days} not emailed by ${channel}, given up: no run sent ${dates.length === 1 ? 'it' : 'them'} within ${DIGEST_EMAIL_DAYS} days`);
  }
  // Sent to the other recipients, so not sent again: said with the addresses and the server's reply, so the user can
  // fix the address (or pass the news on by hand).
  for (const { channel, server, refused, alertIds, digestDate } of report.recipientsRefused) {
    const what = digestDate === null ? plural(alertIds.length, 'alert') : `the digest of ${digestDate}`;
    const [them, theyAre] = digestDate === null && alertIds.length > 1 ? ['them', 'they are'] : ['it', 'it is'];
    const whom = refused.map(({ address, reply }) => `${address} (${shortenText(reply, LINE_TEXT_MAX)})`).join(', ');
    lines.push(
      `  ${'FAILED'.padEnd(12)} SMTP server ${server} refused ${whom} for ${what} by ${channel}; ` +
        `the other recipients got ${them}, and ${theyAre} not sent again`,
    );
  }
  for (const { from, to, count } of report.alertsMoved) {
    lines.push(`  ${'moved'.padEnd(12)} ${plural(count, 'alert')} waiting for ${from} to ${to}, the id it was given`);
  }
  for (const { channel, count, reason } of report.alertsWaiting) {
    lines.push(
      reason === 'alerts_off'
        ? `  ${'waiting'.padEnd(12)} ${plural(count, 'alert')} for ${channel}, which no longer takes alerts (alerts: false): sent if it takes them again within ${ALERT_RETRY_HOURS} h`
        : `  ${'waiting'.padEnd(12)} ${plural(count, 'alert')} for ${channel}, which is no longer in the pipeline: sent if it comes back within ${ALERT_RETRY_HOURS} h ` +
            '(a webhook whose URL changes keeps its alerts when it has an `id`)',
    );
  }
  const duplicates = report.sources.reduce((n, s) => n + s.duplicates, 0);
  const alertsFailed = report.alertsFailed.length;
  const total = report.sources.length;
  const checked = total - notDue;
  const ok = checked - failed.length;
  const unsent = failed.filter((s) => s.error?.notSent).length;
  const failedPart = failed.length ? `, ${failed.length} failed${unsent ? ` (${unsent} not asked: their host asked to wait or did not answer)` : ''}` : '';
  // Sources skipped because they are not due are healthy: "0 of 3 sources ok" would read as an outage.
  const askedToWait = report.sources.filter(heldByServer).length;
  const nextDue = report.sources.flatMap((s) => (s.outcome === 'not_due' && s.nextCheck ? [s.nextCheck.at] : [])).sort()[0];
  const sourcesLine =
    notDue === 0
      ? `${ok} of ${total} sources ok${failedPart}`
      : `${checked} of ${total} sources checked${checked ? ` (${ok} ok${failedPart})` : ''}, ${notDue} not due yet${nextDue ? ` (the first at ${nextDue.slice(0, 16).replace('T', ' ')} UTC)` : ''}` +
        (askedToWait ? `, ${askedToWait === notDue ? (notDue === 1 ? 'held' : 'all held') : `${askedToWait} of them held`} by their server's Retry-After (\`${context.commandFor('sources recheck <id>')}\` overrides it)` : '');
  // Read, but with something to say (a recovered XML error, a charset guess, a page that failed): a cron user sees only
  // this line, and the warnings are the early sign of a feed about to break.
  const warnedIds = report.sources.filter((s) => s.outcome !== 'failed' && s.warnings.length > 0).map((s) => s.sourceId);
  const warned = warnedIds.length;
  const warnedNamed = warnedIds.slice(0, WARNED_SOURCES_NAMED).join(', ') + (warned > WARNED_SOURCES_NAMED ? ` and ${warned - WARNED_SOURCES_NAMED} more` : '');
  // Alerts as a reader counts them, one per article, whatever the channels; the deliveries (alertsSent: one per alert
  // and channel, "6 alerts sent" for two articles on three channels) beside them when there are several channels. A
  // failed one is a delivery too: its channel is named above.
  const channels = report.alertsSentByChannel.length;
  const deliveries = channels > 1 ? ` (${report.alertsSent} deliveries to ${channels} channels)` : '';
  lines.push(
    `${plural(report.articlesAdded, 'new article')} (${plural(duplicates, 'duplicate')}), ` +
      `${plural(report.articlesAlerted, 'alert')} sent${deliveries}${alertsFailed ? `, ${plural(alertsFailed, 'delivery', 'deliveries')} failed` : ''}; ` +
      `${sourcesLine}${warned ? `; ${plural(warned, 'source')} with warnings: ${warnedNamed} (\`run --json\` lists them)` : ''}.`,
  );
  lines.push(`digest: ${report.digestPaths.length > 0 ? report.digestPaths.map((p) => shownPath(p, cwd)).join(', ') : 'not written'}`);
  for (const date of [...new Set(report.digestEmailsSent.map((sent) => sent.date))]) {
    const channels = report.digestEmailsSent.filter((sent) => sent.date === date).map((sent) => sent.channel);
    lines.push(`digest of ${date} emailed: ${channels.join('; ')}`);
  }
  return lines.join('\n');
}

/**
 * Refuses a first run of the pipeline on a database when its digest.dir already holds the pipeline's digests: they
 * were written from another database (a cron job without the DATABASE_URL of the user's shell, a mistyped
 * --database), and a first run here would alert again on every recent article and rewrite those days' digests.
 */
function refuseDigestsOfAnotherDatabase(loaded: LoadedPipeline, database: string, digest: { file: string; date: string }): never {
  throw new UsageError(digestsOfAnotherDatabase(loaded, database, digest));
}

function digestsOfAnotherDatabase(loaded: LoadedPipeline, database: string, digest: { file: string; date: string }): string {
  return (
    `pipeline "${loaded.pipeline.id}" has never run on database ${database}, but ${shownPath(path.dirname(digest.file))} holds its digests up to ${digest.date}, ` +
      'written from another database: a first run here would alert again on every recent article and rewrite those digests. ' +
      'Point --database or DATABASE_URL at the database those runs used (cron jobs start with almost no environment: set DATABASE_URL in the crontab line), ' +
      'or, to start afresh on this one, move those digests out of the folder'
  );
}

export function registerRun(program: Command, state: CliState): void {
  program
    .command('run')
    .description('ingest every source of the pipeline, score, store, alert and write the day\'s digest')
    .option('--all', 'check every feed now, even those whose next check is later (not those whose server asked, with Retry-After, to wait longer)')
    .action(async (local: { all?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      // a pipeline without sources (a new one, to be filled by `sources add`) would read nothing: refused, with how to add them
      const loaded = await openPipeline(options, { sources: true });
      // The settings that can refuse the run are checked before the database is opened: a first run they refuse leaves
      // no database behind, so the read commands still say there is none rather than that no pipeline has run.
      await checkDigestDir(loaded);
      const target = databaseTarget(options, loaded.rootDir);
      const ownDigest = await newestDigestInDir(loaded).then((newest) => (newest?.pipelineId === loaded.pipeline.id ? newest : null));
      // a SQLite file not there yet is refused before it is made, so nothing is left behind
      if (ownDigest && isSqliteFileTarget(target) && !existsSync(path.resolve(target))) refuseDigestsOfAnotherDatabase(loaded, path.resolve(target), ownDigest);
      const showProgress = !options.quiet && !options.json && Boolean(process.stderr.isTTY);
      let progress: ReturnType<typeof terminalProgress> | undefined;
      // Alerts on the console go to stderr under --json, so stdout stays one JSON document.
      const console = options.json ? process.stderr : process.stdout;
      const consoleAroundProgress = new Writable({
        write(chunk, _encoding, done) {
          if (progress) progress.around(() => console.write(chunk));
          else console.write(chunk);
          done();
        },
      });
      // an email channel's password missing from the environment is one of them
      const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, consoleAroundProgress, loaded.givenFile ?? loaded.file);
      const { report, context } = await withStore(options, loaded, async (store) => {
        if (ownDigest && !(await pipelinesWithRuns(store.db)).includes(loaded.pipeline.id)) refuseDigestsOfAnotherDatabase(loaded, store.location, ownDigest);
        progress = showProgress ? terminalProgress(process.stderr, loaded.pipeline.sources.length) : undefined;
        // Interrupted (Ctrl-C, a supervisor's kill), the run gives its lock back rather than block the next one. An
        // alert or a digest email being handed to its channel (the next run would send it again) and a digest being
        // written (cut short, it would replace a whole one) are seen through first, and said so; a second Ctrl-C ends
        // the process at once.
        let runId: number | null = null;
        const stop = new RunStop();
        let interrupted = false;
        const interrupt = (signal: NodeJS.Signals) => {
          interrupted = true;
          progress?.finish();
          const underWay = stop.underWay();
          const finishing = underWay.length > 0 ? `; finishing ${underWay.join(', ')} first` : '';
          process.stderr.write(`pausewatch: interrupted (${signal})${finishing}; what was stored stays stored\n`);
          const reason = `interrupted by ${signal}`;
          // ended by the database's clock, as the run went (the host's, where the database cannot be asked)
          const endedAt = () => databaseNow(store.db).catch(() => new Date().toISOString());
          const release = stop.request(reason).then(async () => (runId === null ? undefined : abandonRun(store.db, runId, await endedAt(), reason)));
          void release.finally(() => store.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)));
        };
        process.once('SIGINT', interrupt);
        process.once('SIGTERM', interrupt);
        try {
          const report = await runPipeline({ loaded, store, channels, progress, all: local.all, stop, onRunStarted: (id) => (runId = id) });
          const moves = await pendingMoves(store.db, loaded.pipeline.id, loaded.pipeline.sources);
          const movedFeeds = await Promise.all(moves.map(async (move) => ({ ...move, refused: await refusedMoveAsWritten({ from: move.from, to: move.movedTo }, loaded.pipeline.fetch.allowPrivateAddresses) })));
          const failing = failingNotChecked(report, await listSources(store.db, loaded.pipeline.id));
          return { report, context: summaryContext(options, loaded.file, movedFeeds, loaded.pipeline.alerts.maxAgeHours, failing) };
        } catch (error) {
          // Stopped, or failing because the store closed under it: the interrupt ends the process, with its exit code.
          if (interrupted) await new Promise<never>(() => {});
          // stopped because another run took the lock while this one was silent: exit 2, as a run refused the lock
          if (error instanceof RunStoppedError) throw new UsageError(`${stop.reason}; what this run stored stays stored, and the other run goes on`);
          throw error;
        } finally {
          process.off('SIGINT', interrupt);
          process.off('SIGTERM', interrupt);
          progress?.finish();
        }
      }, 'create', (location) => (ownDigest ? digestsOfAnotherDatabase(loaded, location, ownDigest) : null));
      // the feeds the summary tells to move, for scripts too (with no login, as every URL shown), and the failing ones it
      // names although the run did not check them
      if (options.json) {
        printJson({
          ...report,
          movedFeeds: context.movedFeeds.map((feed) => ({ sourceId: feed.sourceId, movedTo: urlForDisplay(feed.movedTo), refused: feed.refused ?? null })),
          failingNotChecked: context.failingNotChecked ?? [],
        });
      } else writeText(process.stdout, `${formatRunSummary(report, process.cwd(), !options.quiet && Boolean(process.stdout.isTTY), context)}\n`);
      // Exit 1 is for what failed in this run (CLI.md: "some source or item failed (the report says which)"). A source
      // still failing but not due was not tried: the run that found it failing exited 1, and the summary names it on
      // every run until it recovers. Exiting 1 for it on every run for days (a week, for a gone feed) would make 1 the
      // normal case, and hide a run in which something new fails.
      state.exitCode = runHadFailures(report) ? ExitCode.partial : ExitCode.ok;
    });
}
