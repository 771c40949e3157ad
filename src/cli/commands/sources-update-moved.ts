import { Command } from 'commander';
import { sourcesCommand } from './sources.ts';
import { PipelineEditError, replaceSourceUrlsInPipelineFile, unfoundMovesMessage, type SourceMove } from '../../config/pipeline-file.ts';
import { urlForDisplay, withCredentialsOf } from '../../ingest/url-display.ts';
import { pendingMoves } from '../../store/index.ts';
import { printJson, withContext, type GlobalOptions } from '../context.ts';
import { ExitCode, type CliState } from '../errors.ts';
import { shownPath, writeText } from '../views.ts';

/**
 * `pausewatch sources update-moved`: puts the new URL of every feed that moved permanently (the one runs already
 * read, and that `run` and `sources` name) into the pipeline file, so the notice stops and the file says where the
 * feed is. A feed's login goes with it to a new URL on the same origin, as the run sends it there. A feed whose URL
 * the file does not write as a string is listed for the user to change, and the others are changed all the same.
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
        // the moves left for the user: all of them when the file could not be edited at all
        let unmade: SourceMove[] = [];
        if (moves.length > 0 && !local.dryRun) {
          try {
            unmade = await replaceSourceUrlsInPipelineFile(loaded.file, moves);
            if (unmade.length > 0) error = unfoundMovesMessage(unmade, file);
          } catch (caught) {
            if (!(caught instanceof PipelineEditError)) throw caught;
            error = caught.message;
            unmade = moves;
          }
        }
        if (error) state.exitCode = ExitCode.partial;
        const made = (move: SourceMove) => !local.dryRun && !unmade.includes(move);
        // no login in what is printed: the file has it
        const shown = moves.map((move) => ({ sourceId: move.id, from: urlForDisplay(move.from), to: urlForDisplay(move.to), updated: made(move) }));
        if (options.json) return printJson({ moves: shown, updated: shown.some((move) => move.updated), file, error });
        if (moves.length === 0) return writeText(process.stdout, 'No feed has moved: the pipeline file has every feed at the URL runs read.\n');
        const section = (heading: string, list: typeof shown) =>
          list.length === 0 ? '' : `${heading}\n${list.map((move) => `  ${move.sourceId}: ${move.from} -> ${move.to}`).join('\n')}\n`;
        if (local.dryRun) return writeText(process.stdout, section(`Would update ${file} (--dry-run):`, shown));
        writeText(
          process.stdout,
          section(`Updated ${file}:`, shown.filter((move) => move.updated)) + section(`Not updated; change these in ${file} by hand:`, shown.filter((move) => !move.updated)),
        );
        if (error) writeText(process.stderr, `not updated: ${error}\n`);
      });
    });
}
