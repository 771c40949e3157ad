import type { Command } from 'commander';
import { sourcesCommand } from './sources.ts';
import { urlForDisplay, withCredentialsOf } from '../../ingest/url-display.ts';
import { plural } from '../../model/display-text.ts';
import { recentFetchAttempts } from '../../store/index.ts';
import { printJson, openPipeline, requireSources, withStore, type GlobalOptions } from '../context.ts';
import { positiveWholeNumber, requireSourceIds } from '../errors.ts';
import { commandLine, noteText, table, writeText } from '../views.ts';

const DEFAULT_LIMIT = 20;

/**
 * `pausewatch sources history <source-id>`: a source's last checks, newest first, from the log every run keeps
 * (fetch_attempts): whether a feed fails now and then or has failed since a given day, which `sources` (the latest
 * state only) cannot tell.
 */
export function registerSourcesHistory(program: Command): void {
  sourcesCommand(program)
    .command('history')
    .description('the last checks of one source, newest first: outcome, HTTP status, new items, error')
    .argument('<source-id>', 'id of a source of the pipeline (`pausewatch sources` lists them)')
    .option('--limit <n>', `how many checks (default ${DEFAULT_LIMIT})`)
    .action(async (id: string, local: { limit?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const limit = local.limit === undefined ? DEFAULT_LIMIT : positiveWholeNumber(local.limit, '--limit');
      const loaded = await openPipeline(options);
      // a new pipeline, its sources still to add, has none to name: said so, with how to add them, whatever the database
      requireSources(loaded, options, `<source-id>: no source ${JSON.stringify(id)} in pipeline ${loaded.pipeline.id}`);
      await withStore(options, loaded, async (store) => {
        requireSourceIds([id], loaded.pipeline, commandLine('sources', options));
        // stored without the feed URL's login: shown with the file's one, masked, where the run sent it
        const defined = loaded.pipeline.sources.find((source) => source.id === id);
        const asked = (url: string) => urlForDisplay(defined?.kind === 'feed' ? withCredentialsOf(url, defined.url) : url);
        const attempts = (await recentFetchAttempts(store.db, loaded.pipeline.id, id, limit)).map((row) => ({
          runId: row.run_id,
          startedAt: row.started_at,
          finishedAt: row.finished_at,
          url: asked(row.url),
          outcome: row.outcome,
          httpStatus: row.http_status,
          newItems: row.items_seen,
          errorCode: row.error_code,
          errorMessage: row.error_message,
        }));
        if (options.json) return printJson(attempts);
        if (attempts.length === 0) return writeText(process.stdout, `${id} has not been checked yet: \`${commandLine('run', options)}\` checks it\n`);
        const time = (iso: string) => iso.slice(0, 16).replace('T', ' ');
        const seconds = (a: (typeof attempts)[number]) => ((Date.parse(a.finishedAt) - Date.parse(a.startedAt)) / 1000).toFixed(1);
        const rows = attempts.map((a) => [time(a.startedAt), a.outcome, a.httpStatus === null ? '-' : String(a.httpStatus), String(a.newItems), seconds(a)]);
        // A check's error on a line of its own under its row, as `sources` has a source's: whole but on a terminal
        // (noteText), since the reason and what to do come after a URL that may fill a column.
        const errors = attempts.map((a) => (a.errorMessage ? noteText(`error: ${a.errorCode ? `${a.errorCode}: ` : ''}${a.errorMessage}`, process.stdout) : null));
        const counts = (['ok', 'not_modified', 'failed'] as const)
          .map((outcome) => [outcome, attempts.filter((a) => a.outcome === outcome).length] as const)
          .filter(([, count]) => count > 0)
          .map(([outcome, count]) => `${count} ${outcome.replace('_', ' ')}`);
        writeText(
          process.stdout,
          `${table(['started (UTC)', 'outcome', 'HTTP', 'new', 'secs'], rows, [16, 12, 4, 5, 6], errors)}\n` +
            `${plural(attempts.length, 'check')} from ${time(attempts.at(-1)!.startedAt)} to ${time(attempts[0]!.startedAt)} UTC: ${counts.join(', ')}\n`,
        );
      });
    });
}
