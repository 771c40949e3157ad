import type { LoadedPipeline } from '../config/index.ts';
import { pipelinesWithRuns, type Store } from '../store/index.ts';
import type { GlobalOptions } from './context.ts';
import { UsageError } from './errors.ts';
import { commandLine, shownPath } from './views.ts';

/**
 * Whether this pipeline has run against the database: `ran`; `fresh` when no pipeline has; else the pipelines that
 * have, which most likely means the wrong --pipeline or --database.
 */
export type PipelineRuns = { kind: 'ran' } | { kind: 'fresh' } | { kind: 'others'; pipelineIds: string[] };

export async function pipelineRuns(store: Store, pipelineId: string): Promise<PipelineRuns> {
  const ran = await pipelinesWithRuns(store.db);
  if (ran.includes(pipelineId)) return { kind: 'ran' };
  return ran.length === 0 ? { kind: 'fresh' } : { kind: 'others', pipelineIds: ran };
}

/** That the database holds the runs of other pipelines only, naming them: `sources` warns with it, the reports refuse. */
export function otherPipelinesText(pipelineId: string, location: string, others: readonly string[]): string {
  return `pipeline "${pipelineId}" has not run against ${location}; it holds ${others.map((id) => `"${id}"`).join(', ')}`;
}

/**
 * For the commands that report what runs stored (`articles`, `stories`, `trends`, `digest`, `labels`) or work on it
 * (`label`, `rescore`): a database with the runs of other pipelines but none of this one's is a usage error (exit 2),
 * since its empty report would read as "no coverage", and "no article 6" or "0 of 0 articles scored" as a wrong id or
 * nothing to do; one no pipeline has run against yet is reported as it is (empty), with a word on stderr.
 * @param verb what there is nothing of this pipeline's to do: "report", "label", "rescore"
 */
export async function requirePipelineRuns(loaded: LoadedPipeline, store: Store, options: GlobalOptions, verb = 'report'): Promise<void> {
  const runs = await pipelineRuns(store, loaded.pipeline.id);
  if (runs.kind === 'ran') return;
  const run = `\`${commandLine('run', options)}\``;
  if (runs.kind === 'fresh') {
    process.stderr.write(`pausewatch: no pipeline has run against ${store.location} yet; ${run} fills it\n`);
    return;
  }
  throw new UsageError(
    `${otherPipelinesText(loaded.pipeline.id, store.location, runs.pipelineIds)}, so there is nothing of "${loaded.pipeline.id}" to ${verb}: ` +
      `check --pipeline (${shownPath(loaded.file)}) and --database, or run this pipeline first (${run})`,
  );
}
