import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StanceOptions, TopicDefinition } from '../../src/model/index.ts';

/** The topic and stance settings of a pipeline file, for the evals that score text as its runs would. */
export async function loadPipelineTopic(file: string): Promise<{ topic: TopicDefinition; stance: StanceOptions }> {
  const module = (await import(pathToFileURL(resolve(file)).href)) as { default?: { topic?: TopicDefinition; stance?: StanceOptions } };
  const pipeline = module.default;
  if (!pipeline?.topic || !pipeline.stance) throw new Error(`${file}: default export has no topic and stance`);
  return { topic: pipeline.topic, stance: pipeline.stance };
}
