import { Command } from 'commander';
import { refusedMoveReason, sourcesCommand } from './sources.ts';
import { PipelineEditError, replaceSourceUrlsInPipelineFile, unfoundMovesMessage, type SourceMove } from '../../config/pipeline-file.ts';
import { inHostSpellingOf, urlForDisplay, withCredentialsOf } from '../../ingest/url-display.ts';
import { pendingMoves } from '../../store/index.ts';
import { printJson, withContext, type GlobalOptions } from '../context.ts';
import { ExitCode, type CliState } from '../errors.ts';
import { shownPath, writeText } from '../views.ts';

/**
 * `pausewatch sources update-moved`: puts the new URL of every feed that moved permanently (the one runs already
 * read, and that `run` and `sources` name) into the pipeline file, so the notice stops and the file says where the
 * feed is. A feed's login goes with it to a new URL on the same origin, as the run sends it there. A feed whose URL
 * the file does not write as a string, or that moved to an address a redirect may not make trusted (refusedMoveReason),
 * is listed for the user to change, and the others are changed all the same.
 */
export function registerSourcesUpdateMoved(program: Command, state: CliState): void {
  sourcesCommand(program)
    .command('update-moved')
    .description('put the new URL of each feed that moved permanently into the pipeline file')
    .option('--dry-run', 'list the changes without making them')
    .action(async (local: { dryRun?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withContext(options, async ({ loaded, store }) => {
        const pending = (await pendingMoves(store.db, loaded.pipeline.id, loaded.pipeline.sources)).map((move) => ({
          id: move.sourceId,
          from: move.from,
          to: inHostSpellingOf(withCredentialsOf(move.movedTo, move.from), move.from),
        }));
        const allowPrivate = loaded.pipeline.fetch.allowPrivateAddresses;
        const refusals = new Map<SourceMove, string>();
        for (const move of pending) {
          const reason = await refusedMoveReason(move, allowPrivate);
          if (reason !== null) refusals.set(move, reason);
        }
        const moves = pending.filter((move) => !refusals.has(move));
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
        if (refusals.size > 0) {
          const refused = `${[...refusals].map(([move, reason]) => `${JSON.stringify(move.id)} moved to ${urlForDisplay(move.to)}, and ${reason}`).join('; ')}; change ${refusals.size === 1 ? 'it' : 'them'} by hand only if you trust the new address`;
          error = error ? `${refused}; ${error}` : refused;
        }
        if (error) state.exitCode = ExitCode.partial;
        const made = (move: SourceMove) => !local.dryRun && !refusals.has(move) && !unmade.includes(move);
        // no login in what is printed: the file has it
        const shown = pending.map((move) => ({
          sourceId: move.id,
          from: urlForDisplay(move.from),
          to: urlForDisplay(move.to),
          updated: made(move),
          refused: refusals.get(move) ?? null,
        }));
        if (options.json) return printJson({ moves: shown, updated: shown.some((move) => move.updated), file, error });
        if (pending.length === 0) return writeText(process.stdout, 'No feed has moved: the pipeline file has every feed at the URL runs read.\n');
        const section = (heading: string, list: typeof shown) =>
          list.length === 0 ? '' : `${heading}\n${list.map((move) => `  ${move.sourceId}: ${move.from} -> ${move.to}`).join('\n')}\n`;
        const refusedSection = section(
          `Not updated, since a redirect may not make these new addresses trusted (change them in ${file} by hand only if you trust them):`,
          shown.filter((move) => move.refused !== null),
        );
        if (local.dryRun) writeText(process.stdout, section(`Would update ${file} (--dry-run):`, shown.filter((move) => move.refused === null)) + refusedSection);
        else {
          writeText(
            process.stdout,
            section(`Updated ${file}:`, shown.filter((move) => move.updated)) +
              refusedSection +
              section(`Not updated; change these in ${file} by hand:`, shown.filter((move) => !move.updated && move.refused === null)),
          );
        }
        if (error) writeText(process.stderr, `not updated: ${error}\n`);
      });
    });
}
