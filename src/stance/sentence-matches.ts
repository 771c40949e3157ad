/**
 * Every lexicon the scorer consults — the pipeline's topic terms, the proposal and domain words, other-sense
 * markers, stance cues, sarcasm, past-opinion, debate-framing and resolution phrases — compiled into one
 * phrase matcher, so each sentence is scanned once.
 */

import type { TopicDefinition } from '../model/index.ts';
import { compilePhrases, type PhraseMatch, type PhraseSpec } from './phrase-matcher.ts';
import {
  CONTEXT_PHRASES, DEBATE_PHRASES, DOMAIN_PHRASES, NEGATIVE_RESOLUTION, NEUTRAL_FRAME_CUES, OPPOSE_CUES, OTHER_SENSE_PHRASES,
  PAST_OPINION_MARKERS, PROPOSAL_PHRASES, SARCASM_MARKERS, SUPPORT_CUES, VOICE_SIDE_CUES, type ProposalWordStrength, type StanceCue,
} from './pause-lexicon.ts';
import { isClauseBreak, type Token } from './tokenize.ts';
import { phraseToPattern } from './phrase-to-pattern.ts';

type Tagged =
  | { set: 'proposal'; strength: ProposalWordStrength }
  | { set: 'cue' | 'voiceCue'; cue: StanceCue }
  | { set: 'context' | 'domain' | 'exclude' | 'debate' | 'sarcasm' | 'pastOpinion' | 'neutralFrame' | 'negativeResolution' };

export interface ProposalMention {
  from: number;
  to: number;
  strength: ProposalWordStrength;
}

export interface SentenceMatches {
  proposal: ProposalMention[];
  hasContext: boolean;
  /** A word naming the domain itself (DOMAIN_PHRASES) or one of the topic's context terms. */
  hasDomain: boolean;
  isExcluded: boolean;
  debate: PhraseMatch<unknown>[];
  cues: PhraseMatch<StanceCue>[];
  /** Reports of a speaker's advocacy (VOICE_SIDE_CUES): read for the side of a voice, never for the passage's. */
  voiceCues: PhraseMatch<StanceCue>[];
  hasSarcasm: boolean;
  hasPastOpinion: boolean;
  hasNeutralFrame: boolean;
  /** The sentence opens by denying what the one before supposed ("It isn't.", "Neither is true."). */
  opensWithNegativeResolution: boolean;
}

export type SentenceMatcher = (tokens: readonly Token[]) => SentenceMatches;

function tag(patterns: readonly string[], data: Tagged): PhraseSpec<Tagged>[] {
  return patterns.map((pattern) => ({ pattern, data }));
}

function topicTerms(terms: readonly string[], data: Tagged): PhraseSpec<Tagged>[] {
  const specs: PhraseSpec<Tagged>[] = [];
  for (const term of terms) {
    const pattern = phraseToPattern(term);
    if (pattern !== null) specs.push({ pattern, data });
  }
  return specs;
}

/** "Sure" marks sarcasm only as an opener ("Sure, let's ..."), not inside "make sure". */
function isSarcasmMatch(tokens: readonly Token[], match: PhraseMatch<unknown>): boolean {
  if (tokens[match.from]!.word !== 'sure' || match.to - match.from !== 1) return true;
  const next = tokens[match.from + 1]?.word;
  const previous = tokens[match.from - 1]?.word;
  return next === ',' && (previous === undefined || previous === '"' || isClauseBreak(previous));
}

export function createSentenceMatcher(topic: TopicDefinition): SentenceMatcher {
  const matcher = compilePhrases<Tagged>([
    ...topicTerms(topic.proposalTerms, { set: 'proposal', strength: 'strong' }),
    ...topicTerms(topic.contextTerms, { set: 'context' }),
    ...topicTerms(topic.contextTerms, { set: 'domain' }),
    ...topicTerms(topic.excludeTerms, { set: 'exclude' }),
    ...PROPOSAL_PHRASES.map(({ pattern, data }) => ({ pattern, data: { set: 'proposal' as const, strength: data } })),
    ...tag(CONTEXT_PHRASES, { set: 'context' }),
    ...tag(DOMAIN_PHRASES, { set: 'domain' }),
    ...tag(OTHER_SENSE_PHRASES, { set: 'exclude' }),
    ...tag(DEBATE_PHRASES, { set: 'debate' }),
    ...[...SUPPORT_CUES, ...OPPOSE_CUES].map(({ pattern, data }) => ({ pattern, data: { set: 'cue' as const, cue: data } })),
    ...VOICE_SIDE_CUES.map(({ pattern, data }) => ({ pattern, data: { set: 'voiceCue' as const, cue: data } })),
    ...tag(SARCASM_MARKERS, { set: 'sarcasm' }),
    ...tag(PAST_OPINION_MARKERS, { set: 'pastOpinion' }),
    ...tag(NEUTRAL_FRAME_CUES, { set: 'neutralFrame' }),
    ...tag(NEGATIVE_RESOLUTION, { set: 'negativeResolution' }),
  ]);

  return (tokens) => {
    const result: SentenceMatches = {
      proposal: [], hasContext: false, hasDomain: false, isExcluded: false, debate: [], cues: [], voiceCues: [], hasSarcasm: false,
      hasPastOpinion: false, hasNeutralFrame: false, opensWithNegativeResolution: false,
    };
    for (const match of matcher.match(tokens)) {
      const data = match.data;
      switch (data.set) {
        case 'proposal': result.proposal.push({ from: match.from, to: match.to, strength: data.strength }); break;
        case 'cue': result.cues.push({ data: data.cue, from: match.from, to: match.to }); break;
        case 'voiceCue': result.voiceCues.push({ data: data.cue, from: match.from, to: match.to }); break;
        case 'context': result.hasContext = true; break;
        case 'domain': result.hasDomain = true; break;
        case 'exclude': result.isExcluded = true; break;
        case 'debate': result.debate.push(match); break;
        case 'sarcasm': if (isSarcasmMatch(tokens, match)) result.hasSarcasm = true; break;
        case 'pastOpinion': result.hasPastOpinion = true; break;
        case 'neutralFrame': result.hasNeutralFrame = true; break;
        case 'negativeResolution': if (match.from === 0) result.opensWithNegativeResolution = true; break;
      }
    }
    return result;
  };
}
