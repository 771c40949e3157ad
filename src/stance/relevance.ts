/**
 * Relevance: is this text about the proposal to pause or slow frontier AI development?
 *
 * Each sentence gets a score from its proposal words ("pause", "moratorium", "slow down"), judged by what
 * follows them (the development of AI, or construction, sign-ups, state laws) and by the domain words around
 * them. The text's score combines its best sentences, so one clear sentence makes a text relevant while many
 * weak hints add up slowly.
 */

import type { RelevanceResult } from '../model/index.ts';
import { OTHER_SENSE_OBJECTS, TARGET_OBJECTS } from './pause-lexicon.ts';
import type { SentenceMatches } from './sentence-matches.ts';
import { type Token } from './tokenize.ts';

/** A sentence as the scorer sees it: its text and tokens. */
export interface AnalysedSentence {
  text: string;
  tokens: Token[];
  paragraph: number;
  matches: SentenceMatches;
}

export interface SentenceRelevance {
  score: number;
  /** The proposal word or debate phrase that made the score, for evidence. */
  matched: string | null;
  /** A proposal word here was read as another sense: what it applies to is of another kind, or an excluded phrase. */
  readsOtherSense: boolean;
}

// How far after a proposal word its object is looked for ("pause [the development of] ...").
const OBJECT_WINDOW = 6;
// A sentence's neighbours within this distance lend it their domain words.
const CONTEXT_NEIGHBOURHOOD = 2;
// Untitled texts this short are passages cut from coverage; a bare "the pause" in them refers to the proposal.
export const SHORT_TEXT_SENTENCES = 4;


/** Words that open or qualify a noun phrase without being its head ("the", "a temporary", "six-month"). */
const MODIFIERS = new Set([
  'the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'your', 'my', 'all', 'any', 'some', 'new', 'further', 'most',
  'more', 'largest', 'biggest', 'next', 'current', 'global', 'temporary', 'coordinated', 'verified', 'worldwide',
  'international', 'voluntary', 'brief', 'short', 'long', 'indefinite', 'full', 'total', 'partial', 'real',
  'meaningful', 'formal', 'multilateral', 'western', 'unilateral', 'blanket', 'open-ended', 'industry-wide',
  'mandatory', 'binding', 'genuine', 'proposed', 'such', 'this', 'these', 'those', 'every', 'each', 'one',
  'two', 'three', 'least', 'at', 'few', 'several', 'same', 'whole', 'entire', 'sharp', 'sudden', 'modest', 'major',
  'serious', 'first', 'second', 'big', 'bigger', 'large', 'larger', 'small', 'smaller', 'powerful', 'capable',
  'advanced', 'hell', 'heck', 'inspected', 'checked', 'verifiable', 'enforceable', 'negotiated', 'managed', 'orderly', 'careful',
]);
/** Words that cannot be the head of what is paused: verbs, prepositions, conjunctions, pronouns, adverbs. */
const FUNCTION_WORDS = new Set([
  'is', 'was', 'are', 'were', 'be', 'been', 'being', 'would', 'will', 'could', 'should', 'can', 'may', 'might',
  'must', 'shall', 'do', 'does', 'did', 'has', 'have', 'had', 'and', 'or', 'but', 'nor', 'so', 'yet', 'if', 'then',
  'than', 'because', 'while', 'until', 'unless', 'when', 'where', 'which', 'who', 'whom', 'whose', 'what', 'that',
  'as', 'after', 'before', 'since', 'though', 'although', 'with', 'without', 'by', 'from', 'into', 'onto', 'over',
  'under', 'about', 'against', 'between', 'through', 'across', 'around', 'among', 'amid', 'it', 'them', 'us', 'him',
  'me', 'you', 'we', 'they', 'i', 'he', 'she', 'everything', 'anything', 'something', 'nothing', 'everyone',
  'anyone', 'now', 'here', 'there', 'today', 'immediately', 'forever', 'indefinitely', 'not', 'now', 'first',
  'again', 'too', 'also', 'only', 'just', 'even', 'still', 'already', 'soon', 'together', 'down', 'up', 'out', 'off',
  'back', 'entirely', 'completely', 'altogether', 'briefly', 'temporarily', 'sharply', 'slightly', 'please',
  'for', 'on', 'in', 'to', 'of', 'at', 'long', 'enough', 'once', 'ever', 'never', 'either', 'both', 'except',
  'rather', 'instead', 'per', 'via', 'is', 'isn\'t', 'won\'t', 'wouldn\'t', 'can\'t', 'doesn\'t', 'lets', 'let',
  'above', 'below', 'beyond', 'within', 'outside', 'except', 'like', 'unlike', 'so', 'such',
  'means', 'buys', 'makes', 'gives', 'needs', 'requires', 'asks', 'wants', 'lasts', 'works', 'becomes', 'hurts',
]);
/** Domain words that, placed before a pause word, make a compound naming the proposal ("AI pause"). */
const COMPOUND_DOMAIN_MODIFIERS = new Set(['ai', 'frontier', 'training', 'industry', 'research', 'development', 'compute', 'scaling', 'global', 'worldwide']);
const PREPOSITIONS = new Set(['on', 'in', 'to', 'of', 'for']);
const DURATIONS = /^(\d+|\d+(st|nd|rd|th)|a|an|one|two|three|six|twelve|eighteen|several|few|at|least|some)$|^(days?|weeks?|months?|years?|decades?|while|summer|winter|now|time|january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$|-(day|week|month|year)$/;

type ObjectSense = 'target' | 'other' | 'unknown';

function senseOfHead(word: string): ObjectSense {
  if (TARGET_OBJECTS.has(word)) return 'target';
  if (OTHER_SENSE_OBJECTS.has(word) || word.startsWith('data-cent')) return 'other';
  if (FUNCTION_WORDS.has(word) || MODIFIERS.has(word)) return 'unknown';
  return /^[\p{L}][\p{L}'-]*$/u.test(word) ? 'other' : 'unknown';
}

function isPunctuation(token: Token | undefined): boolean {
  return token === undefined || !/^[\p{L}\p{N}]/u.test(token.word);
}

/**
 * What the proposal word is applied to: the head of the noun phrase after it ("paused [its use] of a tool",
 * "a moratorium on [rent-setting software]"), else the noun before it ("a hiring freeze", "sales slowed").
 * An object of the monitored kind (development, training, labs, AI) marks the proposal; any other concrete
 * object marks another sense.
 */
function senseOfObject(tokens: readonly Token[], from: number, to: number): ObjectSense {
  const previous = tokens[from - 1]?.word;
  // "the pause", "a global moratorium", "Anthropic's slowdown": the word is a noun, and what follows it is
  // its predicate unless a preposition names what is paused ("a moratorium on rent-setting software").
  const isNounUse = previous !== undefined && (MODIFIERS.has(previous) || tokens[from - 1]!.isPossessive);
  // "an AI pause", "the frontier slowdown": a compound whose modifier is the domain.
  if (previous !== undefined && COMPOUND_DOMAIN_MODIFIERS.has(previous) && !/(ed|ing)$/.test(tokens[from]!.word)) return 'target';
  let i = to;
  const skip = (pattern: (word: string) => boolean) => {
    while (i < tokens.length && pattern(tokens[i]!.word)) i++;
  };
  const isModifier = (word: string) => MODIFIERS.has(word) || /-(day|week|month|year)$/.test(word);
  skip(isModifier);
  const next = tokens[i]?.word;
  let head: string | null = null;
  // After a noun, "to" usually opens an infinitive ("a pause to include"), not what is paused.
  if (isNounUse && next === 'to' && OTHER_SENSE_OBJECTS.has(tokens[i + 1]?.word ?? '')) return 'other';
  const isObjectPreposition = next !== undefined && PREPOSITIONS.has(next) && !(isNounUse && next === 'to');
  if (next !== undefined && (isObjectPreposition || (!isNounUse && !PREPOSITIONS.has(next)))) {
    if (isObjectPreposition) i++;
    skip(isModifier);
    // "for six months", "eighteen months": a duration, not an object.
    skip((word) => DURATIONS.test(word));
    skip(isModifier);
    // The head is the last word of the noun phrase ("an AI research [project]"); "the pace of X" is about X.
    for (let j = i; j < Math.min(tokens.length, i + 6); j++) {
      const token = tokens[j]!;
      if (token.word === 'of' && head !== null && /^(pace|rate|speed|scale|growth)$/.test(head)) {
        head = null;
        continue;
      }
      if (isPunctuation(token) || FUNCTION_WORDS.has(token.word) || /^(next|last|this|that)$/.test(token.word)) break;
      if (head !== null && DURATIONS.test(token.word)) break;
      head = token.word.replace(/'s$/, '');
    }
    if (head !== null && DURATIONS.test(head)) head = null;
  } else if (next !== undefined && TARGET_OBJECTS.has(next)) {
    return 'target'; // "the pause letter", "the moratorium camp"
  }
  if (head !== null) return senseOfHead(head);
  // Nothing after it: the noun before it ("a hiring freeze", "sales slowed", "the labs should pause").
  let k = from - 1;
  while (k >= 0 && /^(was|were|is|are|been|be|has|have|had|will|would|should|could|must|may|might|can|sharply|briefly|all|just)$/.test(tokens[k]!.word)) k--;
  const before = tokens[k]?.word.replace(/'s$/, '');
  if (before === undefined || k < 0 || isPunctuation(tokens[k]) || MODIFIERS.has(before) || FUNCTION_WORDS.has(before)) return 'unknown';
  if (TARGET_OBJECTS.has(before)) return 'target';
  if (OTHER_SENSE_OBJECTS.has(before)) return 'other';
  // A past-tense verb after a plain noun reports that thing slowing or stopping ("job postings slowed").
  const word = tokens[from]!.word;
  return /ed$|^froze$/.test(word) && !isNounUse ? 'other' : 'unknown';
}

/** Scores each sentence (the title first, when given) for how clearly it names the proposal. */
export function scoreSentenceRelevance(sentences: readonly AnalysedSentence[], title: AnalysedSentence | null): SentenceRelevance[] {
  const all = title ? [title, ...sentences] : [...sentences];
  const contextFlags = all.map((sentence) => sentence.matches.hasContext);
  const isShortText = sentences.length <= SHORT_TEXT_SENTENCES;
  const results = all.map((sentence, index): SentenceRelevance => {
    const tokens = sentence.tokens;
    const isExcluded = sentence.matches.isExcluded;
    const hasLocalContext = contextFlags[index]!;
    let hasNearbyContext = hasLocalContext || (title !== null && contextFlags[0]!);
    for (let d = 1; d <= CONTEXT_NEIGHBOURHOOD && !hasNearbyContext; d++) {
      hasNearbyContext = contextFlags[index - d] === true || contextFlags[index + d] === true;
    }
    // An untitled short text is a passage cut from coverage, placed in the domain by the article around it: a
    // bare "the pause" in it refers to the proposal. A short text with a headline of its own (a feed item's title
    // and snippet) is a whole item, and like a whole article it must name the domain near the word itself
    // ("Weather slowdown: storm stalls" is not about the proposal).
    const isCoveragePassage = isShortText && (title === null || hasNearbyContext);

    let best: Omit<SentenceRelevance, 'readsOtherSense'> = { score: 0, matched: null };
    let readsOtherSense = false;
    for (const mention of sentence.matches.proposal) {
      const isStrong = mention.strength === 'strong';
      let score: number;
      if (mention.strength === 'proposal') {
        // "the proposal" names the thing itself; what follows it is not an object being paused.
        score = isExcluded ? 0.1 : hasLocalContext ? 0.7 : isCoveragePassage ? 0.6 : hasNearbyContext ? 0.45 : 0.2;
        if (score > best.score) best = { score, matched: tokens[mention.from]!.word };
        continue;
      }
      const sense = senseOfObject(tokens, mention.from, mention.to);
      if (sense === 'other' || (sense === 'unknown' && isExcluded)) readsOtherSense = true;
      if (sense === 'other') score = 0;
      else if (sense === 'target') score = isStrong ? 1 : 0.8;
      else if (isExcluded) score = 0.1;
      else if (hasLocalContext) score = isStrong ? 0.9 : 0.55;
      else if (hasNearbyContext) score = isStrong ? 0.7 : isCoveragePassage ? 0.5 : 0;
      else score = isStrong ? (isCoveragePassage ? 0.6 : 0.3) : 0;
      if (score > best.score) {
        best = { score, matched: tokens.slice(mention.from, mention.to).map((t) => t.word).join(' ') };
      }
    }
    // Phrases of the debate itself ("regulatory capture", "signatories") without a proposal word.
    if (best.score < 0.6 && !isExcluded) {
      const debate = sentence.matches.debate[0];
      if (debate && (hasNearbyContext || isCoveragePassage)) {
        best = { score: 0.6, matched: tokens.slice(debate.from, debate.to).map((t) => t.word).join(' ') };
      }
    }
    return { ...best, readsOtherSense };
  });
  return results;
}

/**
 * Combines sentence scores: the best sentence counts fully, the next two add what is left of the way to 1
 * (a noisy-or), so repeated clear mentions raise confidence without letting many faint ones dominate.
 */
export function combineRelevance(
  sentenceScores: readonly SentenceRelevance[], sentenceTexts: readonly string[], threshold: number,
): RelevanceResult {
  const ranked = sentenceScores
    .map((result, index) => ({ ...result, index }))
    .filter((result) => result.score > 0)
    .sort((a, b) => b.score - a.score);
  let miss = 1;
  for (const [rank, result] of ranked.slice(0, 3).entries()) miss *= 1 - result.score * (rank === 0 ? 1 : 0.5);
  const score = Math.round((1 - miss) * 1000) / 1000;
  const evidence = ranked
    .filter((result) => result.score >= 0.5)
    .slice(0, 5)
    .map((result) => sentenceTexts[result.index]!);
  return { score, relevant: score >= threshold, evidence };
}
