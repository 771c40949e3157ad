/**
 * The learned layer: a multinomial logistic regression over the rule analysis (own-voice polarity, voices by
 * side, the lexicon cues that fired after negation and sarcasm) and negation-marked words and word pairs.
 * Trained on the dev split only by `src/stance/train-stance-model.ts`; the weights live in
 * pause-stance-weights.ts (generated). Without weights the scorer falls back to the rules alone.
 */

import type { StanceLabel } from '../model/index.ts';
import { PAUSE_STANCE_WEIGHTS } from './pause-stance-weights.ts';
import { isProposer, sideOf, VOICE_SIDE_THRESHOLD, type PassageAnalysis } from './pause-proposal-scorer.ts';
import { isClauseBreak } from './tokenize.ts';

export const STANCE_CLASSES: readonly StanceLabel[] = ['support', 'oppose', 'neutral'];

export interface StanceModel {
  classes: readonly StanceLabel[];
  /** Feature name → one weight per class, in `classes` order. */
  weights: Readonly<Record<string, readonly number[]>>;
}

export interface StancePrediction {
  label: StanceLabel;
  probabilities: Record<StanceLabel, number>;
}

const FIRST_PERSON = new Set(['i', 'me', 'my', "i'm", "i've", "i'd", "i'll", 'we', 'our', 'us', "we're", "we've"]);
const NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'nor', 'neither', 'without', 'cannot']);

function add(features: Map<string, number>, name: string, value = 1): void {
  features.set(name, (features.get(name) ?? 0) + value);
}

/** Features of one analysed passage. Values are small (indicators and clipped sums) so one weight scale fits. */
export function extractStanceFeatures(analysis: PassageAnalysis): Map<string, number> {
  const features = new Map<string, number>();
  add(features, 'bias');
  if (analysis.ruleStance) add(features, `rule:${analysis.ruleStance.label}`);
  let ownPositive = 0;
  let ownNegative = 0;
  const voiceSides = { support: 0, oppose: 0, neutral: 0, proposer: 0 };
  for (const sentence of analysis.sentences) {
    for (const { attribution, value } of sentence.voices) {
      const side = sideOf(value, VOICE_SIDE_THRESHOLD);
      if (side === 'support' && isProposer(attribution.actor)) voiceSides.proposer++;
      else voiceSides[side]++;
    }
    for (const hit of sentence.hits) {
      const isVoiced = sentence.voices.some((v) => v.attribution.ranges.some(([from, to]) => hit.from >= from && hit.to <= to));
      if (!isVoiced) {
        if (hit.value > 0) ownPositive += hit.value;
        else ownNegative -= hit.value;
      }
      add(features, `cue:${hit.value > 0 ? '+' : '-'}:${hit.cue.id}`);
      add(features, `cue:${isVoiced ? 'voice' : 'own'}:${hit.value > 0 ? '+' : '-'}`);
    }
    if (sentence.isSarcastic) features.set('sarcasm', 1);
    if (sentence.neutralFrames > 0) features.set('frame', 1);
    const last = sentence.tokens.at(-1)?.word;
    if (last === '?') features.set('question', 1);

    // Words, with those after a negation marked until the clause ends ("not_sensible").
    let isNegated = false;
    let previous = '<s>';
    for (const token of sentence.tokens) {
      const word = token.word;
      if (isClauseBreak(word) || word === '"') {
        isNegated = false;
        previous = word === '?' ? '<q>' : '<,>';
        continue;
      }
      if (/^\d/.test(word)) continue;
      if (FIRST_PERSON.has(word)) features.set('first-person', 1);
      const marked = isNegated ? `not_${word}` : word;
      features.set(`w:${marked}`, 1);
      features.set(`b:${previous} ${marked}`, 1);
      previous = marked;
      if (NEGATORS.has(word) || word.endsWith("n't")) isNegated = true;
    }
  }
  features.set('own:+', Math.min(ownPositive, 3) / 1.5);
  features.set('own:-', Math.min(ownNegative, 3) / 1.5);
  features.set('own:net', Math.max(-3, Math.min(3, ownPositive - ownNegative)) / 1.5);
  for (const [side, count] of Object.entries(voiceSides)) if (count > 0) features.set(`voices:${side}`, Math.min(count, 2));
  if (voiceSides.support > 0 && voiceSides.oppose + voiceSides.proposer > 0) features.set('voices:both', 1);
  if (voiceSides.oppose > 0 && voiceSides.proposer > 0) features.set('voices:both', 1);
  return features;
}

export function predictWith(model: StanceModel, features: ReadonlyMap<string, number>): StancePrediction {
  const scores = model.classes.map(() => 0);
  for (const [name, value] of features) {
    const weights = model.weights[name];
    if (weights === undefined) continue;
    for (let c = 0; c < scores.length; c++) scores[c]! += weights[c]! * value;
  }
  const max = Math.max(...scores);
  const exps = scores.map((score) => Math.exp(score - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  const probabilities = { support: 0, oppose: 0, neutral: 0 } as Record<StanceLabel, number>;
  let best = 0;
  model.classes.forEach((label, c) => {
    probabilities[label] = exps[c]! / total;
    if (exps[c]! > exps[best]!) best = c;
  });
  return { label: model.classes[best]!, probabilities };
}

/** The shipped model's prediction, or null when no trained weights are present. */
export function predictStance(features: ReadonlyMap<string, number>): StancePrediction | null {
  return PAUSE_STANCE_WEIGHTS === null ? null : predictWith(PAUSE_STANCE_WEIGHTS, features);
}

// The model overrides a side the rules took only when it is this sure of the other side.
const OVERRIDE_PROBABILITY = 0.85;

/**
 * The shipped decision: where the rules found a side (a lexicon cue survived negation, contrast and
 * attribution), they keep it unless the model is confident of the other side; where the rules found none, the
 * model decides, since it also reads words the lexicon does not list.
 */
export function combineWithRules(ruleLabel: StanceLabel, prediction: StancePrediction): StanceLabel {
  if (ruleLabel === 'neutral') return prediction.label;
  const other = ruleLabel === 'support' ? 'oppose' : 'support';
  if (prediction.label === other && prediction.probabilities[other] >= OVERRIDE_PROBABILITY) return other;
  return prediction.label === 'neutral' && prediction.probabilities.neutral >= OVERRIDE_PROBABILITY ? 'neutral' : ruleLabel;
}
