/**
 * The part of a scorer's version that names its settings. Scores are stored per scorer version and `rescore`
 * skips what is already scored under the current one, so the version must change whenever a pipeline edit
 * changes what the scorer computes: its topic terms, those for other languages included, and its relevance threshold.
 */

import { createHash } from 'node:crypto';
import type { StanceOptions, TopicDefinition } from '../model/index.ts';
import { termKey } from './other-languages.ts';
import { phraseToPattern } from './phrase-to-pattern.ts';

/**
 * A short digest ("t3f9a1c0") that is stable for the same settings and differs when one that changes the output
 * does. Each term list is a set to the matcher, which folds case and spacing and inflects each word, so the terms
 * are reduced to the patterns it compiles, sorted and deduplicated: reordering or re-spacing a list changes
 * nothing. The description is left out (it is only shown); the scorer's name is already in its version.
 */
export function digestScorerSettings(topic: TopicDefinition, options: StanceOptions): string {
  const patternsBy = (toPattern: (term: string) => string | null) => (terms: readonly string[]) =>
    [...new Set(terms.map(toPattern).filter((pattern): pattern is string => pattern !== null))].sort();
  const patterns = patternsBy(phraseToPattern);
  const otherPatterns = patternsBy(termKey);
  const otherLanguages = Object.entries(topic.otherLanguages ?? {})
    .map(([lang, terms]) => [lang.toLowerCase(), [terms.proposalTerms, terms.contextTerms, terms.excludeTerms ?? []].map(otherPatterns)] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  const canonical = JSON.stringify({
    proposalTerms: patterns(topic.proposalTerms),
    contextTerms: patterns(topic.contextTerms),
    excludeTerms: patterns(topic.excludeTerms),
    relevanceThreshold: options.relevanceThreshold,
    // only when there are lists: a pipeline without them keeps the digest it had before they existed
    ...(otherLanguages.length > 0 ? { otherLanguages } : {}),
  });
  // 28 bits: two settings of one pipeline colliding is a one-in-250-million chance.
  return `t${createHash('sha256').update(canonical).digest('hex').slice(0, 7)}`;
}
