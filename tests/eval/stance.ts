/**
 * Evaluates the stance scorer on a labelled JSONL corpus (fields: `text`, `label` support|oppose|neutral|
 * irrelevant, optional `actor`, optional `title`).
 *
 *   npm run eval:stance                                   # the held-out split
 *   npm run eval:stance -- --file tests/fixtures/stance/dev.jsonl
 *   npm run eval:stance -- --file ../shared/eval/stance/examples.jsonl --json
 *   options: --pipeline <file> (default pipelines/ai-pause.ts), --errors (list misclassified items)
 *
 * Prints per-label precision/recall, macro-F1 over the three stances (irrelevant items predicted as a stance
 * count against that stance's precision; stance items predicted irrelevant are misses), the 4x4 confusion
 * matrix, relevance precision/recall/F1 and voice attribution accuracy where an item names its actor.
 */

import { readFileSync } from 'node:fs';
import type { ScoreResult } from '../../src/model/index.ts';
import { createScorer } from '../../src/stance/index.ts';
import { GOLD_LABELS, macroF1, type GoldLabel } from '../../src/stance/train-stance-model.ts';
import { actorsMatch } from './actor-match.ts';
import { emptyConfusion, labelFigures, printConfusion, printLabelTable, safeDivide } from './label-figures.ts';
import { loadPipelineTopic } from './load-pipeline-topic.ts';

const STANCES = ['support', 'oppose', 'neutral'] as const;

interface Item {
  id?: string;
  title?: string | null;
  text: string;
  label: GoldLabel;
  actor?: string;
}

interface Args {
  file: string;
  pipeline: string;
  json: boolean;
  errors: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { file: 'tests/fixtures/stance/heldout.jsonl', pipeline: 'pipelines/ai-pause.ts', json: false, errors: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--file') args.file = requireValue(argv, ++i, arg);
    else if (arg === '--pipeline') args.pipeline = requireValue(argv, ++i, arg);
    else if (arg === '--json') args.json = true;
    else if (arg === '--errors') args.errors = true;
    else if (arg === '--') continue;
    else throw new Error(`unknown argument "${arg}"; expected --file <jsonl>, --pipeline <file>, --json, --errors`);
  }
  return args;
}

function requireValue(argv: readonly string[], index: number, flag: string): string {
  const value = argv[index];
  if (value === undefined) throw new Error(`${flag} needs a value`);
  return value;
}

function readItems(file: string): Item[] {
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim().length > 0);
  return lines.map((line, index) => {
    const item = JSON.parse(line) as Item;
    if (typeof item.text !== 'string' || !GOLD_LABELS.includes(item.label)) {
      throw new Error(`${file}:${index + 1}: expected "text" and "label" (${GOLD_LABELS.join('|')})`);
    }
    return item;
  });
}

/**
 * How far macro-F1 could move on another sample of the same size: the 2.5th and 97.5th percentiles over 1,000
 * resamples with replacement (fixed seed, so the same run prints the same interval).
 */
function bootstrapInterval(pairs: readonly [GoldLabel, GoldLabel][]): { low: number; high: number } {
  let seed = 2026;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const scores: number[] = [];
  for (let round = 0; round < 1000; round++) {
    scores.push(macroF1(pairs.map(() => pairs[Math.floor(random() * pairs.length)]!)));
  }
  scores.sort((a, b) => a - b);
  return { low: scores[25]!, high: scores[974]! };
}

function predictedLabel(result: ScoreResult): GoldLabel {
  return result.stance === null ? 'irrelevant' : result.stance.label;
}


async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const pipeline = await loadPipelineTopic(args.pipeline);
  const scorer = createScorer(pipeline.topic, pipeline.stance);
  const items = readItems(args.file);

  const confusion = emptyConfusion();
  let voiceItems = 0;
  let voiceCorrect = 0;
  const errors: { id: string | undefined; gold: GoldLabel; predicted: GoldLabel; relevance: number; text: string }[] = [];
  const voiceErrors: { id: string | undefined; actor: string; label: GoldLabel; voices: string }[] = [];
  const pairs: [GoldLabel, GoldLabel][] = [];
  for (const item of items) {
    const result = scorer.score({ title: item.title ?? null, text: item.text });
    const predicted = predictedLabel(result);
    confusion[item.label][predicted]++;
    pairs.push([item.label, predicted]);
    if (predicted !== item.label) errors.push({ id: item.id, gold: item.label, predicted, relevance: result.relevance.score, text: item.text });
    if (item.actor && item.actor.trim().length > 0 && item.label !== 'irrelevant') {
      voiceItems++;
      const isCorrect = result.voices.some((voice) => actorsMatch(item.actor!, voice.actor) && voice.stance === item.label);
      if (isCorrect) voiceCorrect++;
      else voiceErrors.push({ id: item.id, actor: item.actor, label: item.label, voices: result.voices.map((v) => `${v.actor}:${v.stance}`).join('; ') });
    }
  }

  const perLabel = labelFigures(confusion);
  const macroF1Score = macroF1(pairs);
  const interval = bootstrapInterval(pairs);

  let relevantTruePositives = 0;
  let relevantPredicted = 0;
  let relevantGold = 0;
  for (const gold of GOLD_LABELS) {
    for (const predicted of GOLD_LABELS) {
      const count = confusion[gold][predicted];
      if (predicted !== 'irrelevant') relevantPredicted += count;
      if (gold !== 'irrelevant') relevantGold += count;
      if (gold !== 'irrelevant' && predicted !== 'irrelevant') relevantTruePositives += count;
    }
  }
  const relevancePrecision = safeDivide(relevantTruePositives, relevantPredicted);
  const relevanceRecall = safeDivide(relevantTruePositives, relevantGold);
  const relevance = {
    precision: relevancePrecision,
    recall: relevanceRecall,
    f1: safeDivide(2 * relevancePrecision * relevanceRecall, relevancePrecision + relevanceRecall),
  };
  const voiceAccuracy = voiceItems === 0 ? null : voiceCorrect / voiceItems;

  const report = {
    file: args.file, scorer: scorer.version, items: items.length, perLabel, macroF1: macroF1Score, relevance,
    macroF1Interval: interval, voiceAttribution: { items: voiceItems, correct: voiceCorrect, accuracy: voiceAccuracy }, confusion,
    ...(args.errors ? { errors, voiceErrors } : {}),
  };
  if (args.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }

  console.log(`${scorer.version} on ${args.file} (${items.length} items)\n`);
  printLabelTable(perLabel, 'items');
  console.log(`\nmacro-F1 (support/oppose/neutral): ${macroF1Score.toFixed(3)} (95% bootstrap interval ${interval.low.toFixed(3)}-${interval.high.toFixed(3)})`);
  console.log(`relevance: precision ${relevance.precision.toFixed(3)}  recall ${relevance.recall.toFixed(3)}  F1 ${relevance.f1.toFixed(3)}`);
  console.log(`voice attribution: ${voiceAccuracy === null ? 'n/a (no item names an actor)' : `${voiceCorrect}/${voiceItems} = ${voiceAccuracy.toFixed(3)}`}`);
  printConfusion(confusion, '\nconfusion (rows gold, columns predicted)');
  if (args.errors) {
    console.log('\nerrors');
    for (const e of errors) console.log(`- ${e.id ?? ''} gold=${e.gold} predicted=${e.predicted} rel=${e.relevance}: ${e.text.slice(0, 300)}`);
    console.log('\nvoice errors');
    for (const e of voiceErrors) console.log(`- ${e.id ?? ''} ${e.actor} (${e.label}) got [${e.voices}]`);
  }
}

await main();
