import type { Command } from 'commander';
import { listSources, pendingMove, pipelinesWithRuns, sourceWarnings } from '../../store/index.ts';
import { oneLine, plural, shortenText } from '../../model/display-text.ts';
import { withContext, printJson, type GlobalOptions } from '../context.ts';
import { commandLine, shownPath, table, writeText } from '../views.ts';
import { urlForDisplay } from '../../ingest/url-display.ts';
import { isHeldBack } from '../../run/schedule.ts';

/**
 * The `sources` command, for its subcommands (`add`, `update-moved`, `recheck`, `history`) to register under: the one
 * registerSources made, else a bare one, for a program given a subcommand alone.
 */
export function sourcesCommand(program: Command): Command {
  return program.commands.find((command) => command.name() === 'sources') ?? program.command('sources');
}

export function registerSources(program: Command): void {
  program
    .command('sources')
    .description('health of every source: last success, last error, error streak, next check, items seen, warnings of the last read, permanent moves')
    .action(async (_local, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withContext(options, async ({ loaded, store }) => {
        const rows = await listSources(store.db, loaded.pipeline.id);
        const known = new Map(rows.map((r) => [r.id, r]));
        // Sources defined but never run yet are listed too, so a new feed is visible before the first run.
        const all = loaded.pipeline.sources.map((s) => {
          const row = known.get(s.id);
          return {
            id: s.id,
            kind: s.kind,
            name: s.name,
            location: s.kind === 'feed' ? urlForDisplay(s.url) : s.glob,
            movedTo: row?.moved_to ? urlForDisplay(row.moved_to) : null,
            movedFromPipelineUrl: s.kind === 'feed' && pendingMove(s.url, row) !== null,
            status: !row || !row.last_checked_at ? 'never checked' : row.gone ? 'gone' : row.error_streak > 0 ? 'failing' : 'ok',
            lastCheckedAt: row?.last_checked_at ?? null,
            lastSuccessAt: row?.last_success_at ?? null,
            lastError: row?.last_error ?? null,
            lastErrorCode: row?.last_error_code ?? null,
            errorStreak: row?.error_streak ?? 0,
            nextCheckAt: row?.next_check_at ?? null,
            nextCheckReason: row?.next_check_reason ?? null,
            itemsSeen: row?.items_seen ?? 0,
            // What the last feed document read recovered from (kept up to 10); the count includes those not kept.
            lastWarnings: row ? sourceWarnings(row) : [],
            lastWarningCount: row?.last_warning_count ?? 0,
            lastWarningsAt: row?.last_warnings_at ?? null,
          };
        });
        if (rows.length === 0) {
          // A database that other pipelines ran against, but not this one: most likely the wrong --pipeline or --database.
          const others = (await pipelinesWithRuns(store.db)).filter((id) => id !== loaded.pipeline.id);
          if (others.length > 0) {
            process.stderr.write(`pausewatch: pipeline "${loaded.pipeline.id}" has not run against ${store.location}; it holds ${others.map((id) => `"${id}"`).join(', ')} (check --pipeline and --database)\n`);
          }
        }
        if (options.json) return printJson(all.map(({ movedFromPipelineUrl: _moved, ...source }) => source));
        const time = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');
        // The last error stays after a source recovers (it is history); marked so it is not read as current. Its code
        // comes first: the message often starts with a long URL, and the column is cut.
        const lastError = (s: (typeof all)[number]) =>
          s.lastError ? `${s.errorStreak === 0 ? '(past) ' : ''}${s.lastErrorCode ? `${s.lastErrorCode}: ` : ''}${s.lastError}` : '';
        // A feed read leniently is working but not clean: its status says so, and the warnings are listed below.
        const status = (s: (typeof all)[number]) => (s.status === 'ok' && s.lastWarningCount > 0 ? `ok (${plural(s.lastWarningCount, 'warning')})` : s.status);
        const rowsOut = all.map((s) => [s.id, status(s), time(s.lastSuccessAt), String(s.errorStreak), time(s.nextCheckAt), String(s.itemsSeen), lastError(s)]);
        process.stdout.write(`${table(['source', 'status', 'last success', 'streak', 'next check', 'items', 'last error'], rowsOut, [24, 16, 16, 6, 16, 6, 60])}\n`);
        const warned = all.filter((s) => s.lastWarningCount > 0);
        if (warned.length > 0) {
          const lines = warned.flatMap((s) => [
            `  ${s.id} (read ${time(s.lastWarningsAt)} UTC):`,
            ...s.lastWarnings.slice(0, 3).map((warning) => `    - ${shortenText(oneLine(warning), 160)}`),
            ...(s.lastWarningCount > 3 ? [`    … and ${s.lastWarningCount - 3} more (sources --json lists ${s.lastWarningCount > s.lastWarnings.length ? `the first ${s.lastWarnings.length}` : 'them'})`] : []),
          ]);
          // Feed text (a charset name, an XML error's excerpt) goes to the terminal cleaned, as in the table.
          writeText(process.stdout, `\nwarnings from the last read of the feed:\n${lines.join('\n')}\n`);
        }
        // Only the JSON said so before: a feed that moved works until the old URL goes, then fails for no visible reason.
        const moved = all.filter((s) => s.movedFromPipelineUrl);
        if (moved.length > 0) {
          const file = shownPath(loaded.file);
          writeText(
            process.stdout,
            `\nmoved permanently (\`${commandLine('sources update-moved', options)}\` puts the new URL in ${file}):\n${moved.map((s) => `  ${s.id}: ${s.location} -> ${s.movedTo!}`).join('\n')}\n`,
          );
        }
        // Why each next check falls when it does, below the table (too long for a column), for the sources a server
        // or a failure holds back: those are the ones a user asks about.
        const heldBack = all.filter((s) => s.nextCheckReason && isHeldBack(s.nextCheckReason));
        if (heldBack.length > 0) {
          process.stdout.write(`\nnext checks held back (\`${commandLine('sources recheck <id>', options)}\` has the next run check one all the same):\n${heldBack.map((s) => `  ${s.id}: ${s.nextCheckReason}`).join('\n')}\n`);
        }
      });
    });
}
