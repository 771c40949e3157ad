/**
 * Clause-level features for the learned layer that say WHAT a clause evaluates and how: an evaluation word
 * (evaluative-lexicon.ts) is paired with its target — the proposal, or its critics and the race it would stop —
 * after negation, and split by voice (the passage's own words vs words it reports). The sign of an evaluation
 * towards the pause is then general: praise of the pause or damning of the race supports it, whatever words do
 * the praising. Calls ("labs must stop"), consequence framing ("would hand rivals the lead") and a reported view
 * answered with "but" are marked the same way.
 */

import {
  ADOPT_VERBS, BAD_CONSEQUENCE_WORDS, CONTINUE_VERBS, DISTANCING_WORDS, GOOD_CONSEQUENCE_WORDS, NECESSITY_WORDS, NEGATIVE_WORDS,
  PAUSE_VERBS, POSITIVE_WORDS, PROPOSAL_TARGET_WORDS, RISK_WORDS, RIVAL_TARGET_WORDS,
} from './evaluative-lexicon.ts';
import { CONTRAST_MARKERS, NEGATORS } from './pause-lexicon.ts';
import { isClauseBreak, type Token } from './tokenize.ts';

export type FeatureSink = (name: string, value?: number) => void;

/** A speaker's role noun tells their camp when their words do not: "critics" oppose, "proponents" support. */
export function roleOfActor(actor: string): 'critic' | 'backer' | 'other' {
  const lower = actor.toLowerCase();
  if (/\b(critic|skeptic|sceptic|opponent|detractor|naysayer|doubter)s?\b/.test(lower)) return 'critic';
  if (/\b(proponent|supporter|advocate|backer|signatory|signatories|campaigner)s?\b/.test(lower)) return 'backer';
  return 'other';
}

// Attributive or object use puts the target just after the evaluation ("a naive plan", "oppose the pause").
const TARGET_AFTER_REACH = 3;
const NEGATION_REACH = 3;
const COPULAS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'seems', 'seem', 'looks', 'sounds', "isn't", "aren't", 'remains', 'remain']);
const MODALS = new Set(['would', 'will', "'ll", 'could', 'might', 'may', "won't", "wouldn't"]);

function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

type Target = 'P' | 'R' | '0';

function targetOf(word: string, previous: string | undefined): Target | null {
  if (PROPOSAL_TARGET_WORDS.has(word)) {
    // "not pausing", "without a pause": the negated proposal is the race.
    return previous !== undefined && (isNegator(previous)) ? 'R' : 'P';
  }
  if (RIVAL_TARGET_WORDS.has(word)) return 'R';
  return null;
}

export interface VoiceSpan {
  ranges: readonly [number, number][];
  role: 'critic' | 'backer' | 'other';
}

/**
 * Adds the clause features of one sentence. `voices` are its attributed spans; `weight` scales every value
 * (the caller lowers it for sentences far from the topic).
 */
export function addClauseFeatures(tokens: readonly Token[], voices: readonly VoiceSpan[], add: FeatureSink, weight = 1): void {
  const n = tokens.length;
  if (n === 0) return;
  const voiceAt = (i: number): VoiceSpan | undefined => voices.find((v) => v.ranges.some(([from, to]) => i >= from && i < to));
  // Clause boundaries: punctuation and contrast markers. Clauses after a contrast marker carry the verdict.
  let clauseStart = 0;
  let isAfterContrast = false;
  let sawReported: VoiceSpan | undefined;
  for (let end = 0; end <= n; end++) {
    const word = tokens[end]?.word;
    const isBoundary = end === n || isClauseBreak(word!) || (CONTRAST_MARKERS.has(word!) && (word === 'but' || word === 'however'));
    if (!isBoundary) continue;
    if (end > clauseStart) {
      const voice = voiceAt(clauseStart) ?? voiceAt(end - 1);
      const voiceName = voice === undefined ? 'own' : 'rep';
      if (voice !== undefined) sawReported = voice;
      else if (isAfterContrast && sawReported !== undefined) {
        // "Critics say X, but ..." — the passage answers a reported view in its own voice.
        add(`answer:${sawReported.role}`, weight);
      }
      addOneClause(tokens, clauseStart, end, voiceName, voice?.role ?? 'own', isAfterContrast, add, weight);
    }
    if (word !== undefined && CONTRAST_MARKERS.has(word)) isAfterContrast = true;
    else if (word === '.' || word === '?' || word === '!') isAfterContrast = false;
    clauseStart = end + 1;
  }
}

function addOneClause(
  tokens: readonly Token[], from: number, to: number, voice: 'own' | 'rep', role: string, isMain: boolean,
  add: FeatureSink, weight: number,
): void {
  const targets: { index: number; target: Target }[] = [];
  let hasModal = false;
  for (let i = from; i < to; i++) {
    const word = tokens[i]!.word;
    const target = targetOf(word, tokens[i - 1]?.word);
    if (target !== null) targets.push({ index: i, target });
    if (MODALS.has(word)) hasModal = true;
    if (DISTANCING_WORDS.has(word)) add('distancing', weight);
  }
  const isNegatedAt = (i: number) => {
    let negated = false;
    for (let k = Math.max(from, i - NEGATION_REACH); k < i; k++) if (isNegator(tokens[k]!.word)) negated = !negated;
    return negated;
  };
  const hasProposal = targets.some((t) => t.target === 'P');
  for (let i = from; i < to; i++) {
    const word = tokens[i]!.word;
    const polarity = POSITIVE_WORDS.has(word) ? 1 : NEGATIVE_WORDS.has(word) ? -1 : RISK_WORDS.has(word) ? -2 : 0;
    if (polarity !== 0) {
      // "the critics are wrong that ...": after a copula the evaluation is of the subject before it.
      const target = pickTarget(targets, i, COPULAS.has(tokens[i - 1]?.word ?? '') || COPULAS.has(tokens[i - 2]?.word ?? ''));
      const negated = isNegatedAt(i);
      const kind = polarity === -2 ? 'risk' : 'eval';
      let sign = polarity === -2 ? -1 : polarity;
      if (negated) sign = -sign;
      const mark = sign > 0 ? '+' : '-';
      add(`${kind}:${voice}:${target}:${mark}`, weight);
      if (target !== '0') {
        // Towards the pause: praise of the proposal or blame of the race supports it.
        const toward = (target === 'P' ? sign : -sign) > 0 ? '+' : '-';
        add(`toward:${voice}:${toward}`, weight);
        if (isMain) add(`toward:main:${toward}`, weight);
        if (voice === 'rep') add(`toward:${role}:${toward}`, weight);
      } else if (kind === 'eval') {
        add(`untargeted:${voice}:${mark}`, weight);
      }
    }
    if (NECESSITY_WORDS.has(word)) {
      // "labs must stop", "we need to keep building", "should not pause".
      for (let k = i + 1; k < Math.min(to, i + 5); k++) {
        const next = tokens[k]!.word;
        const isPause = PAUSE_VERBS.has(next) || ADOPT_VERBS.has(next);
        if (!isPause && !CONTINUE_VERBS.has(next)) continue;
        let sign = isPause ? 1 : -1;
        for (let j = i - 1; j < k; j++) if (j >= from && isNegator(tokens[j]!.word)) sign = -sign;
        add(`call:${voice}:${sign > 0 ? '+' : '-'}`, weight);
        break;
      }
    }
    if (hasModal) {
      // "a pause would hand Beijing the lead", "it would buy time".
      if (BAD_CONSEQUENCE_WORDS.has(word)) add(`consequence:${hasProposal ? 'P' : '0'}:bad`, weight);
      else if (GOOD_CONSEQUENCE_WORDS.has(word)) add(`consequence:${hasProposal ? 'P' : '0'}:good`, weight);
    }
  }
}

function pickTarget(targets: readonly { index: number; target: Target }[], at: number, isPredicate: boolean): Target {
  let before: Target = '0';
  for (const t of targets) {
    if (!isPredicate && t.index > at && t.index - at <= TARGET_AFTER_REACH) return t.target;
    if (t.index < at) before = t.target;
  }
  if (before !== '0') return before;
  const after = targets.find((t) => t.index > at);
  return after?.target ?? '0';
}
