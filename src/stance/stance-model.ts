/**
 * The learned layers, both multinomial logistic regressions:
 * - stance (support/oppose/neutral) over the rule analysis (own-voice polarity, voices by side and role, the
 *   lexicon cues that fired after negation and sarcasm), clause features that pair an evaluation with what it
 *   evaluates (clause-features.ts), and negation-marked words, word pairs and character n-grams; a refuted
 *   objection's clause features are read apart (`obj:`, find-objections.ts), and a sarcastic paragraph's are
 *   repeated as `irony:` so the layer can learn that praise there means blame;
 * - relevance (relevant/irrelevant) over the rules' relevance score, what made it, and the words.
 * Trained by `npm run train:stance` (src/stance/train-stance-model.ts) on the labelled passages in
 * tests/fixtures/stance; the weights live in pause-stance-weights.ts (generated). Without weights the scorer
 * falls back to the rules alone. Both apply to short passages only; whole articles are scored by the rules.
 */

import type { Evidence, StanceLabel } from '../model/index.ts';
import { addClauseFeatures, roleOfActor } from './clause-features.ts';
import { findObjections } from './find-objections.ts';
import { PAUSE_STANCE_WEIGHTS } from './pause-stance-weights.ts';
import { closesBody, isProposer, sideOf, VOICE_SIDE_THRESHOLD, type PassageAnalysis } from './pause-proposal-scorer.ts';
import { isClauseBreak, type Token } from './tokenize.ts';

export const STANCE_CLASSES: readonly StanceLabel[] = ['support', 'oppose', 'neutral'];

/** A multinomial logistic regression: feature name → one weight per class, in `classes` order. */
export interface LinearModel<C extends string = string> {
  classes: readonly C[];
  weights: Readonly<Record<string, readonly number[]>>;
}

export type StanceModel = LinearModel<StanceLabel>;
export const RELEVANCE_CLASSES = ['relevant', 'irrelevant'] as const;
export type RelevanceModel = LinearModel<(typeof RELEVANCE_CLASSES)[number]>;

/** What train-stance-model.ts writes: both learned layers and the feature groups the stance layer reads. */
export interface TrainedWeights {
  groups: readonly FeatureGroup[];
  /** How sure the stance layer must be to overrule a side the rules took (see combineWithRules). */
  overrideProbability: number;
  stance: StanceModel;
  relevance: RelevanceModel;
}

export interface Prediction<C extends string> {
  label: C;
  probabilities: Record<C, number>;
}
export type StancePrediction = Prediction<StanceLabel>;

const FIRST_PERSON = new Set(['i', 'me', 'my', "i'm", "i've", "i'd", "i'll", 'we', 'our', 'us', "we're", "we've"]);
const NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'nor', 'neither', 'without', 'cannot']);

function add(features: Map<string, number>, name: string, value = 1): void {
  features.set(name, (features.get(name) ?? 0) + value);
}

/** Groups of features; a model records the groups it was trained with, and only those are extracted for it. */
export type FeatureGroup = 'rules' | 'words' | 'bigrams' | 'clauses' | 'chars' | 'last' | 'objections';
export const ALL_FEATURE_GROUPS: readonly FeatureGroup[] = ['rules', 'words', 'bigrams', 'clauses', 'chars', 'last', 'objections'];

// Character n-grams of this length, inside words: they tie "unverifiable" to "verification" across wording.
const CHAR_NGRAM = 5;

/** Features of one analysed passage. Values are small (indicators and clipped sums) so one weight scale fits. */
export function extractStanceFeatures(
  analysis: PassageAnalysis, groups: ReadonlySet<FeatureGroup> = new Set(ALL_FEATURE_GROUPS),
): Map<string, number> {
  const features = new Map<string, number>();
  const sink = (name: string, value = 1) => add(features, name, value);
  add(features, 'bias');
  const useRules = groups.has('rules');
  if (useRules && analysis.ruleStance) add(features, `rule:${analysis.ruleStance.label}`);
  let ownPositive = 0;
  let ownNegative = 0;
  const voiceSides = { support: 0, oppose: 0, neutral: 0, proposer: 0 };
  const objections = groups.has('objections') ? findObjections(analysis.sentences.map((s) => s.tokens)) : null;
  for (const [index, sentence] of analysis.sentences.entries()) {
    // A refuted objection's words are the other camp's: they are read apart from the passage's own.
    const isObjection = objections?.[index] === true;
    if (isObjection) features.set('objection', 1);
    for (const { attribution, value } of sentence.voices) {
      const side = sideOf(value, VOICE_SIDE_THRESHOLD);
      if (side === 'support' && isProposer(attribution.actor)) voiceSides.proposer++;
      else voiceSides[side]++;
      if (useRules) add(features, `role:${roleOfActor(attribution.actor)}`);
    }
    if (useRules) {
      for (const hit of sentence.hits) {
        const isVoiced = sentence.voices.some((v) => v.attribution.ranges.some(([from, to]) => hit.from >= from && hit.to <= to));
        if (isObjection) {
          add(features, `obj:cue:${hit.value > 0 ? '+' : '-'}`);
          continue;
        }
        if (!isVoiced) {
          if (hit.value > 0) ownPositive += hit.value;
          else ownNegative -= hit.value;
        }
        add(features, `cue:${hit.value > 0 ? '+' : '-'}:${hit.cue.id}`);
        add(features, `cue:${isVoiced ? 'voice' : 'own'}:${hit.value > 0 ? '+' : '-'}`);
        // "The 'regulatory capture' take", "the overhang argument": a side's word named in order to answer it.
        if (!isVoiced && isMentioned(sentence.tokens, hit.from, hit.to)) add(features, `cue:mentioned:${hit.value > 0 ? '+' : '-'}`);
      }
      if (sentence.isSarcastic) features.set('sarcasm', 1);
      if (sentence.neutralFrames > 0) features.set('frame', 1);
      const last = sentence.tokens.at(-1)?.word;
      if (last === '?') features.set('question', 1);
    }
    const isLast = groups.has('last') && closesBody(analysis.sentences, index);
    if (groups.has('clauses')) {
      const spans = sentence.voices.map(({ attribution }) => ({ ranges: attribution.ranges, role: roleOfActor(attribution.actor) }));
      // The closing sentence usually carries a passage's verdict ("That's a monopoly with extra steps.").
      // In a sarcastic paragraph praise means blame: its clause features are also read apart, to learn the flip.
      const isIronic = groups.has('objections') && sentence.isSarcastic;
      const clauseSink = isObjection ? (name: string, value = 1) => sink(`obj:${name}`, value)
        : isIronic ? (name: string, value = 1) => { sink(name, value); sink(`irony:${name}`, value); } : sink;
      addClauseFeatures(sentence.tokens, spans, isLast ? (name, value) => { clauseSink(name, value); sink(`last:${name}`, value); } : clauseSink);
    }
    if (isLast) for (const token of sentence.tokens) if (!isClauseBreak(token.word)) features.set(`l:${token.word}`, 1);
    if (groups.has('words') || groups.has('bigrams') || groups.has('chars')) addWordFeatures(features, sentence.tokens, groups);
  }
  if (useRules) {
    features.set('own:+', Math.min(ownPositive, 3) / 1.5);
    features.set('own:-', Math.min(ownNegative, 3) / 1.5);
    features.set('own:net', Math.max(-3, Math.min(3, ownPositive - ownNegative)) / 1.5);
    for (const [side, count] of Object.entries(voiceSides)) if (count > 0) features.set(`voices:${side}`, Math.min(count, 2));
    if (voiceSides.support > 0 && voiceSides.oppose + voiceSides.proposer > 0) features.set('voices:both', 1);
    if (voiceSides.oppose > 0 && voiceSides.proposer > 0) features.set('voices:both', 1);
  }
  // Counts of clause features are clipped: three "wrong"s are not three times the evidence of one.
  for (const [name, value] of features) if (value > 2 && name !== 'bias') features.set(name, 2);
  return features;
}


/** Nouns that name an argument as a thing ("the capture take", "the overhang argument"), to discuss it, not make it. */
const ARGUMENT_NOUNS = new Set([
  'argument', 'arguments', 'take', 'line', 'objection', 'objections', 'crowd', 'camp', 'claim', 'claims', 'narrative',
  'talking', 'critique', 'charge', 'story', 'brigade', 'worry', 'worries', 'fear', 'fears', 'case', 'framing', 'trope',
]);

function isMentioned(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = to; i < Math.min(tokens.length, to + 3); i++) {
    if (ARGUMENT_NOUNS.has(tokens[i]!.word)) return true;
    if (isClauseBreak(tokens[i]!.word)) break;
  }
  // Inside quote marks in the passage's own voice: scare quotes or a quoted slogan.
  let quotes = 0;
  for (let i = 0; i < from; i++) if (tokens[i]!.word === '"') quotes++;
  return quotes % 2 === 1 && tokens.slice(to).some((token) => token.word === '"');
}

/** Words, with those after a negation marked until the clause ends ("not_sensible"), their pairs and n-grams. */
function addWordFeatures(features: Map<string, number>, tokens: readonly Token[], groups: ReadonlySet<FeatureGroup>): void {
  let isNegated = false;
  let previous = '<s>';
  for (const token of tokens) {
    const word = token.word;
    if (isClauseBreak(word) || word === '"') {
      isNegated = false;
      previous = word === '?' ? '<q>' : '<,>';
      continue;
    }
    if (/^\d/.test(word)) continue;
    if (FIRST_PERSON.has(word)) features.set('first-person', 1);
    const marked = isNegated ? `not_${word}` : word;
    if (groups.has('words')) features.set(`w:${marked}`, 1);
    if (groups.has('bigrams')) features.set(`b:${previous} ${marked}`, 1);
    if (groups.has('chars') && word.length >= CHAR_NGRAM) {
      const padded = `<${word}>`;
      for (let i = 0; i + CHAR_NGRAM <= padded.length; i++) features.set(`c:${padded.slice(i, i + CHAR_NGRAM)}`, 1);
    }
    previous = marked;
    if (NEGATORS.has(word) || word.endsWith("n't")) isNegated = true;
  }
}

/**
 * Features for the learned relevance layer (short passages): the rules' relevance score and what made it, the
 * words, and whether the passage argues about a pause at all (an evaluation aimed at a proposal word).
 */
export function extractRelevanceFeatures(analysis: PassageAnalysis): Map<string, number> {
  const features = new Map<string, number>();
  const sink = (name: string, value = 1) => add(features, name, value);
  add(features, 'bias');
  const score = analysis.relevance.score;
  features.set('rel:score', score);
  features.set(`rel:bin:${Math.min(4, Math.floor(score * 5))}`, 1);
  for (const sentence of analysis.sentences) {
    const m = sentence.matches;
    for (const mention of m.proposal) features.set(`rel:mention:${mention.strength}`, 1);
    if (m.hasContext) features.set('rel:context', 1);
    if (m.isExcluded) features.set('rel:excluded', 1);
    if (m.debate.length > 0) features.set('rel:debate', 1);
    if (m.cues.length > 0) add(features, 'rel:cues', Math.min(m.cues.length, 3) / 3);
    const spans = sentence.voices.map(({ attribution }) => ({ ranges: attribution.ranges, role: roleOfActor(attribution.actor) }));
    addClauseFeatures(sentence.tokens, spans, (name, value = 1) => {
      // Only whether the passage takes aim at something, not which side: that is the stance layer's job.
      if (name.startsWith('toward:') || name.startsWith('call:') || name.startsWith('answer:')) sink(`rel:${name.split(':')[0]}`, value);
    });
    for (const token of sentence.tokens) {
      if (isClauseBreak(token.word) || /^\d/.test(token.word)) continue;
      features.set(`w:${token.word}`, 1);
    }
  }
  for (const [name, value] of features) if (value > 2 && name !== 'bias') features.set(name, 2);
  return features;
}

export function predictWith<C extends string>(model: LinearModel<C>, features: ReadonlyMap<string, number>): Prediction<C> {
  const scores = model.classes.map(() => 0);
  for (const [name, value] of features) {
    const weights = model.weights[name];
    if (weights === undefined) continue;
    for (let c = 0; c < scores.length; c++) scores[c]! += weights[c]! * value;
  }
  const max = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  const probabilities = {} as Record<C, number>;
  let best = 0;
  model.classes.forEach((label, c) => {
    probabilities[label] = exps[c]! / total;
    if (exps[c]! > exps[best]!) best = c;
  });
  return { label: model.classes[best]!, probabilities };
}

const shippedGroups = new Set(PAUSE_STANCE_WEIGHTS?.groups ?? ALL_FEATURE_GROUPS);

/** The shipped stance layer's prediction for an analysed passage, or null when no trained weights are present. */
export function predictStance(analysis: PassageAnalysis): StancePrediction | null {
  return PAUSE_STANCE_WEIGHTS === null ? null : predictWith(PAUSE_STANCE_WEIGHTS.stance, extractStanceFeatures(analysis, shippedGroups));
}

/** The shipped relevance layer's probability that a passage is about the proposal, or null without weights. */
export function predictRelevance(analysis: PassageAnalysis): number | null {
  return PAUSE_STANCE_WEIGHTS === null ? null : predictWith(PAUSE_STANCE_WEIGHTS.relevance, extractRelevanceFeatures(analysis)).probabilities.relevant;
}

/** Sentences named as the learned layer's evidence, at most. */
const MAX_LEARNED_EVIDENCE = 4;
// A sentence whose contribution is smaller than this did not drive the decision.
const MIN_EVIDENCE_WEIGHT = 0.02;

/** Log-odds from probabilities, kept finite. */
function logRatio(a: number, b: number): number {
  return Math.log(Math.max(a, 1e-12) / Math.max(b, 1e-12));
}

/**
 * The sentences that drove the learned layer's label (`prediction`, its reading of the whole passage), each with
 * its contribution: how far the passage's lean (log-odds of support over oppose) falls when the sentence is left
 * out, squashed into -1..1 (positive toward support, negative toward oppose), so the evidence shown is the layer's
 * own, not the rules' it overruled.
 * Log-odds rather than probabilities: in a passage that argues one way three times, leaving one sentence out hardly
 * moves a probability near 1, but each sentence still adds its share of the log-odds. For support or oppose, the
 * sentences that pushed that way, strongest first; for neutral, those whose absence would most weaken the neutral
 * reading, with their own lean.
 */
export function learnedEvidence(
  analysis: PassageAnalysis, prediction: StancePrediction, label: StanceLabel, weights: TrainedWeights | null = PAUSE_STANCE_WEIGHTS,
): Evidence[] {
  if (weights === null) return [];
  const model = weights.stance;
  const groups = weights === PAUSE_STANCE_WEIGHTS ? shippedGroups : new Set(weights.groups);
  const marginsOf = (p: StancePrediction['probabilities']) =>
    ({ lean: logRatio(p.support, p.oppose), neutral: logRatio(p.neutral, Math.max(p.support, p.oppose)) });
  const margins = (sentences: PassageAnalysis['sentences']) =>
    marginsOf(predictWith(model, extractStanceFeatures({ ...analysis, sentences }, groups)).probabilities);
  const whole = marginsOf(prediction.probabilities);
  const seen = new Set<string>();
  const contributions = [];
  for (const [index, sentence] of analysis.sentences.entries()) {
    // A title repeated as the first sentence is one piece of evidence, not two.
    const key = sentence.text.replace(/[.!?]+$/, '').trim();
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    const without = margins(analysis.sentences.filter((_, other) => other !== index));
    contributions.push({
      sentence: sentence.text,
      weight: Math.round(Math.tanh((whole.lean - without.lean) / 2) * 100) / 100,
      towardNeutral: whole.neutral - without.neutral,
    });
  }
  const picked = label === 'neutral'
    ? contributions.filter((c) => c.towardNeutral > 0).sort((a, b) => b.towardNeutral - a.towardNeutral)
    : contributions.filter((c) => c.weight * (label === 'support' ? 1 : -1) >= MIN_EVIDENCE_WEIGHT)
      .sort((a, b) => (label === 'support' ? b.weight - a.weight : a.weight - b.weight));
  return picked.slice(0, MAX_LEARNED_EVIDENCE).map(({ sentence, weight }) => ({ sentence, weight }));
}

// Without a trained value: the model overrides a side the rules took only when it is this sure of the other side.
const DEFAULT_OVERRIDE_PROBABILITY = 0.85;

/**
 * The shipped decision: where the rules found a side (a lexicon cue survived negation, contrast and
 * attribution), they keep it unless the model is confident of the other side; where the rules found none, the
 * model decides, since it also reads words the lexicon does not list.
 */
export function combineWithRules(
  ruleLabel: StanceLabel, prediction: StancePrediction,
  overrideProbability = PAUSE_STANCE_WEIGHTS?.overrideProbability ?? DEFAULT_OVERRIDE_PROBABILITY,
): StanceLabel {
  const OVERRIDE_PROBABILITY = overrideProbability;
  if (ruleLabel === 'neutral') return prediction.label;
  const other = ruleLabel === 'support' ? 'oppose' : 'support';
  if (prediction.label === other && prediction.probabilities[other] >= OVERRIDE_PROBABILITY) return other;
  return prediction.label === 'neutral' && prediction.probabilities.neutral >= OVERRIDE_PROBABILITY ? 'neutral' : ruleLabel;
}

/** A passage's label and, where the learned layer gave it, the sentences that drove the layer there. */
export interface LearnedDecision {
  label: StanceLabel;
  /** The layer's own evidence (learnedEvidence); null when the label is the rules' verdict, shown with the rules' evidence. */
  evidence: Evidence[] | null;
}

/**
 * The shipped decision with its evidence: combineWithRules, except that the layer takes a side against the rules only
 * for a reason in the text, a sentence that pushed it that way (learnedEvidence). Its prior for a passage the rules
 * read as neutral leans oppose: the bias and `rule:neutral` alone give log-odds of -1.24 for support over oppose, where
 * the training passages the rules read as neutral are nearly even (843 support, 962 oppose). So a short passage it could
 * not read came out oppose although every sentence pushed it toward support: "Anthropic calls for a pause of frontier AI
 * development." was oppose (-0.354) with its one sentence shown as evidence at +0.8, the rules' evidence, since the
 * layer had none. Of the 5,601 texts in tests/fixtures/stance, 25 took such a side, 3 of them rightly. Where no
 * sentence argues the layer's side, the rules' verdict stands, with the rules' evidence: the label and the evidence
 * shown then agree.
 */
export function decideWithRules(
  analysis: PassageAnalysis, ruleLabel: StanceLabel, prediction: StancePrediction, weights: TrainedWeights | null = PAUSE_STANCE_WEIGHTS,
): LearnedDecision {
  const label = combineWithRules(ruleLabel, prediction, weights?.overrideProbability ?? DEFAULT_OVERRIDE_PROBABILITY);
  if (label === ruleLabel && label !== prediction.label) return { label, evidence: null };
  const evidence = learnedEvidence(analysis, prediction, label, weights);
  if (label !== 'neutral' && label !== ruleLabel && evidence.length === 0) return { label: ruleLabel, evidence: null };
  return { label, evidence };
}
