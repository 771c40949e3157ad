import type { Command } from 'commander';
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import { isIsoDate, localDate } from '../../digest/index.ts';
import path from 'node:path';
import type { LoadedPipeline } from '../../config/index.ts';
import { firstWatchedDay, otherPipelineInDigestDir, writeDigest } from '../../run/write-digest.ts';
import { commandClock, withContext, printJson, type GlobalOptions } from '../context.ts';
import { pipelineRuns, requirePipelineRuns } from '../pipeline-runs.ts';
import { fileErrorReason, UsageError } from '../errors.ts';
import { commandLine, shownPath, writeText } from '../views.ts';

/** Refuses, before anything is written, a digest.dir that holds another pipeline's digests (named by date alone). */
export async function refuseSharedDigestDir(loaded: LoadedPipeline): Promise<void> {
  const other = await otherPipelineInDigestDir(loaded);
  if (!other) return;
  throw new UsageError(
    `digest.dir in ${shownPath(loaded.file)}: ${shownPath(path.dirname(other.file))} holds the digests of pipeline "${other.pipelineId}" (${path.basename(other.file)}); ` +
      `give pipeline "${loaded.pipeline.id}" a folder of its own, since digests are named by date and one would overwrite the other`,
  );
}

/**
 * Refuses, before anything is fetched or written, a digest.dir the digests cannot go to (shared with another
 * pipeline, or not a folder pausewatch can make and write): otherwise a run did all its work and then stopped at the
 * digest with an internal error (exit 3) where the set-up was wrong (exit 2).
 */
export async function checkDigestDir(loaded: LoadedPipeline): Promise<void> {
  await refuseSharedDigestDir(loaded);
  await requireWritableDigestDir(loaded);
}

/**
 * Makes digest.dir if it is missing, and refuses one pausewatch cannot make or write. It creates the folder, so it
 * comes after a command's other refusals: a command that refuses leaves nothing behind.
 */
async function requireWritableDigestDir(loaded: LoadedPipeline): Promise<void> {
  const dir = path.resolve(loaded.rootDir, loaded.pipeline.digest.dir);
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new UsageError(`digest.dir in ${shownPath(loaded.file)}: cannot write digests to ${shownPath(dir)}: ${fileErrorReason(error)}`);
  }
}

export function registerDigest(program: Command): void {
  program
    .command('digest')
    .description('write the digest of one day from what is stored (no fetching) and print it')
    .option('--date <YYYY-MM-DD>', 'the day, in the digest time zone (default: today)')
    .action(async (local: { date?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      if (local.date !== undefined && !isIsoDate(local.date)) throw new UsageError(`--date: expected a day as YYYY-MM-DD, found ${JSON.stringify(local.date)}`);
      await withContext(options, async ({ loaded, store }) => {
        const now = await commandClock(store);
        const today = localDate(now(), loaded.pipeline.digest.timeZone);
        // a day not yet begun has no articles: its digest would be an empty file under a date still to come
        if (local.date !== undefined && local.date > today) {
          throw new UsageError(`--date: ${local.date} has not begun yet in the digest time zone (${loaded.pipeline.digest.timeZone}, where today is ${today})`);
        }
        const date = local.date ?? today;
        await refuseSharedDigestDir(loaded);
        // before anything is written, the digest folder too: another pipeline's database, or one no run has filled,
        // would give an empty digest, read as a quiet day, in place of the day's real one
        if ((await pipelineRuns(store, loaded.pipeline.id)).kind === 'fresh') {
          throw new UsageError(
            `no pipeline has run against ${store.location} yet, so the digest of ${date} could only be empty (and would replace any in ${shownPath(path.resolve(loaded.rootDir, loaded.pipeline.digest.dir))}): ` +
              `check --database, or run the pipeline first (\`${commandLine('run', options)}\`)`,
          );
        }
        await requirePipelineRuns(loaded, store, options);
        // nor a day before the pipeline's first run: an article belongs to the day it was first seen, so that digest
        // could only be empty too, and would read as a quiet day where nobody watched (as digest emails skip it)
        const firstDay = await firstWatchedDay(store, loaded.pipeline);
        if (firstDay !== null && date < firstDay) {
          throw new UsageError(
            `--date: pipeline "${loaded.pipeline.id}" first ran on ${firstDay} (${loaded.pipeline.digest.timeZone}), so nothing was watched on ${date} ` +
              'and its digest could only be empty; `trends` counts the articles published then',
          );
        }
        await requireWritableDigestDir(loaded);
        const { data, paths, markdown } = await writeDigest({ loaded, store, date, now });
        if (options.json) printJson(data);
        else {
          // What this command wrote, not the file read back, which another writer of the day may have replaced since.
          // Escaped Markdown, but feed text all the same: cleaned for the terminal like any output.
          writeText(process.stdout, markdown);
          if (!options.quiet) process.stderr.write(`written: ${paths.join(', ')}\n`);
        }
      });
    });
}
