import { Command } from 'commander';
import { sourcesCommand } from './sources.ts';
import { PipelineEditError, replaceSourceUrlsInPipelineFile, type SourceMove } from '../../config/pipeline-file.ts';
import { urlForDisplay, withCredentialsOf } from '../../ingest/url-display.ts';
import { pendingMoves } from '../../store/index.ts';
import { printJson, withContext, type GlobalOptions } from '../context.ts';
import { ExitCode, type CliState } from '../errors.ts';
import { shownPath, writeText } from '../views.ts';

/**
 * `pausewatch sources update-moved`: puts the new URL of every feed that moved permanently (the one runs already
 * read, and that `run` and `sources` name) into the pipeline file, so the notice stops and the file says where the
 * feed is. A feed's login goes with it to a new URL on the same origin, as the run sends it there.
 */
export function registerSourcesUpdateMoved(program: Command, state: CliState): void {
  sourcesCommand(program)
    .command('update-moved')
    .description('put the new URL of each feed that moved permanently into the pipeline file')
    .option('--dry-run', 'list the changes without making them')
    .action(async (local: { dryRun?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withContext(options, async ({ loaded, store }) => {
        const moves: SourceMove[] = (await pendingMoves(store.db, loaded.pipeline.id, loaded.pipeline.sources)).map((move) => ({
          id: move.sourceId,
          from: move.from,
          to: withCredentialsOf(move.movedTo, move.from),
        }));
        const file = shownPath(loaded.file);
        let error: string | null = null;
        if (moves.length > 0 && !local.dryRun) {
          try {
            await replaceSourceUrlsInPipelineFile(loaded.file, moves);
          } catch (caught) {
            if (!(caught instanceof PipelineEditError)) throw caught;
            error = caught.message;
            state.exitCode = ExitCode.partial;
          }
        }
        const updated = moves.length > 0 && !local.dryRun && error === null;
        // no login in what is printed: the file has it
        const shown = moves.map((move) => ({ sourceId: move.id, from: urlForDisplay(move.from), to: urlForDisplay(move.to) }));
        if (options.json) return printJson({ moves: shown, updated, file, error });
        if (moves.length === 0) return writeText(process.stdout, 'No feed has moved: the pipeline file has every feed at the URL runs read.\n');
        const lines = shown.map((move) => `  ${move.sourceId}: ${move.from} -> ${move.to}`);
        const heading = updated ? `Updated ${file}:` : local.dryRun ? `Would update ${file} (--dry-run):` : `Not updated; change these in ${file} by hand:`;
        writeText(process.stdout, `${heading}\n${lines.join('\n')}\n`);
        if (error) writeText(process.stderr, `not updated: ${error}\n`);
      });
    });
}
