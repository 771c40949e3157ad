/**
 * The stance stage: relevance, stance and voices of a text towards a monitored proposal. Pure: no I/O.
 *
 * Scorers are looked up by name so a pipeline file can choose one (`stance: { scorer: 'pause-proposal' }`);
 * each carries a version, stored with its scores, which changes whenever its output can: the scorer's own version
 * plus a digest of the settings it was built with (`pause-proposal@2.3.0+t3f9a1c0`), so `rescore` redoes stored
 * articles after an upgrade and after an edit of the pipeline's topic terms or relevance threshold alike.
 */

import type { ScorableText, ScoreResult, StanceOptions, TopicDefinition } from '../model/index.ts';
import { createPauseProposalScorer } from './pause-proposal-scorer.ts';

export interface Scorer {
  /** What the scorer computes: its own version and a digest of its settings; every result carries it. */
  readonly version: string;
  score(input: ScorableText): ScoreResult;
}

type ScorerFactory = (topic: TopicDefinition, options: StanceOptions) => Scorer;

const registry = {
  'pause-proposal': createPauseProposalScorer,
} satisfies Record<string, ScorerFactory>;

export const scorerNames: readonly string[] = Object.freeze(Object.keys(registry));

export function createScorer(topic: TopicDefinition, options: StanceOptions): Scorer {
  const factory = (registry as Record<string, ScorerFactory>)[options.scorer];
  if (factory === undefined) {
    throw new Error(`unknown stance scorer "${options.scorer}": expected one of ${scorerNames.map((n) => `"${n}"`).join(', ')}`);
  }
  if (!(options.relevanceThreshold >= 0 && options.relevanceThreshold <= 1)) {
    throw new Error(`stance.relevanceThreshold must be a number from 0 to 1, found ${String(options.relevanceThreshold)}`);
  }
  return factory(topic, options);
}

export { PAUSE_PROPOSAL_SCORER_VERSION } from './pause-proposal-scorer.ts';
export { splitSentences, type Sentence } from './split-sentences.ts';
