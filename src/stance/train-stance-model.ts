/**
 * Trains the learned layers (stance over support/oppose/neutral, relevance over relevant/irrelevant) and writes
 * src/stance/pause-stance-weights.ts.
 *
 *   npm run train:stance                       # train on dev and the train-* sets (those present), write weights
 *   npm run train:stance -- --cv 5             # also print 5-fold cross-validation over all files
 *   npm run train:stance -- --cross            # also leave one file out: train on the others, test on it, pooled
 *   options: --file <a.jsonl,b.jsonl> --pipeline <file> --out <file> --l2 <n> --relevance-l2 <n> --epochs <n>
 *            --groups rules,words,bigrams,clauses,chars --override <probability> --errors --no-write
 *
 * Deterministic: same data, same weights. Never point it at the held-out split.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StanceLabel, StanceOptions, TopicDefinition } from '../model/index.ts';
import { boundLearnedRelevance, createPassageAnalyser, type PassageAnalysis } from './pause-proposal-scorer.ts';
import {
  ALL_FEATURE_GROUPS, decideWithRules, extractRelevanceFeatures, extractStanceFeatures, predictWith, RELEVANCE_CLASSES,
  STANCE_CLASSES, type FeatureGroup, type LinearModel, type TrainedWeights,
} from './stance-model.ts';

/** The labels of the labelled sets: the three stances, or not about the proposal at all. */
export const GOLD_LABELS = ['support', 'oppose', 'neutral', 'irrelevant'] as const;
export type GoldLabel = (typeof GOLD_LABELS)[number];
const DEFAULT_FILES = ['dev', 'train-extra', 'train-hard', ...[...'abcdefghij'].map((set) => `train-mix-${set}`)]
  .map((name) => `tests/fixtures/stance/${name}.jsonl`);

interface Example {
  id: string;
  file: string;
  gold: GoldLabel;
  isShort: boolean;
  ruleRelevant: boolean;
  ruleLabel: StanceLabel;
  analysis: PassageAnalysis;
  relevanceFeatures: Map<string, number>;
}

interface TrainOptions {
  l2: number;
  epochs: number;
  minDocumentFrequency: number;
  /** Weigh each class's examples so every class counts alike: the training files mix classes unevenly. */
  balanceClasses?: boolean;
}

function parseArgs(argv: readonly string[]) {
  const args = {
    files: DEFAULT_FILES.filter((file) => existsSync(file)), pipeline: 'pipelines/ai-pause.ts', out: 'src/stance/pause-stance-weights.ts',
    // Chosen by leaving one file out (--cross), the best proxy for new wording: stronger or weaker L2 or a higher
    // minimum document frequency scored lower. Override: pooled over the left-out files 0.40 and 0.60 are within
    // 0.002 (0.75 costs 0.013); 0.60 lets the rules keep the constructions they were written for (a concession
    // before the verdict, negation) where the layer is unsure, which 0.40 flipped on small changes to the layer.
    cv: 0, cross: false, l2: 0.0015, relevanceL2: 0.01, epochs: 600, errors: false, write: true, override: 0.6,
    groups: [...ALL_FEATURE_GROUPS] as FeatureGroup[],
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--') continue;
    if (flag === '--errors') { args.errors = true; continue; }
    if (flag === '--cross') { args.cross = true; continue; }
    if (flag === '--no-write') { args.write = false; continue; }
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--file') args.files = value.split(',');
    else if (flag === '--pipeline') args.pipeline = value;
    else if (flag === '--out') args.out = value;
    else if (flag === '--cv') args.cv = Number(value);
    else if (flag === '--l2') args.l2 = Number(value);
    else if (flag === '--relevance-l2') args.relevanceL2 = Number(value);
    else if (flag === '--epochs') args.epochs = Number(value);
    else if (flag === '--override') args.override = Number(value);
    else if (flag === '--groups') args.groups = value.split(',') as FeatureGroup[];
    else throw new Error(`unknown argument "${flag}"`);
    i++;
  }
  if (args.files.some((file) => /heldout/i.test(file))) throw new Error('refusing to train on the held-out split');
  for (const group of args.groups) if (!ALL_FEATURE_GROUPS.includes(group)) throw new Error(`unknown feature group "${group}"`);
  return args;
}

/** Multinomial logistic regression, full-batch gradient descent with AdaGrad steps and L2 on all but the bias. */
export function trainModel<C extends string>(
  examples: readonly { features: ReadonlyMap<string, number>; label: number }[], classes: readonly C[], options: TrainOptions,
): LinearModel<C> {
  const documentFrequency = new Map<string, number>();
  for (const example of examples) for (const name of example.features.keys()) documentFrequency.set(name, (documentFrequency.get(name) ?? 0) + 1);
  const vocabulary = [...documentFrequency].filter(([, count]) => count >= options.minDocumentFrequency).map(([name]) => name).sort();
  const index = new Map(vocabulary.map((name, i) => [name, i]));
  const classCount = classes.length;
  const weights = new Float64Array(vocabulary.length * classCount);
  const squaredGradients = new Float64Array(weights.length).fill(1e-8);
  const rows = examples.map((example) => ({
    label: example.label,
    entries: [...example.features].filter(([name]) => index.has(name)).map(([name, value]) => [index.get(name)!, value] as const),
  }));
  const classTotals = new Array<number>(classCount).fill(0);
  for (const row of rows) classTotals[row.label]!++;
  const classWeight = classTotals.map((total) => (options.balanceClasses && total > 0 ? rows.length / (classCount * total) : 1));
  const biasIndex = index.get('bias');
  const learningRate = 0.5;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const gradient = new Float64Array(weights.length);
    for (const row of rows) {
      const scores = new Array<number>(classCount).fill(0);
      for (const [feature, value] of row.entries) for (let c = 0; c < classCount; c++) scores[c]! += weights[feature * classCount + c]! * value;
      const max = Math.max(...scores);
      const exps = scores.map((score) => Math.exp(score - max));
      const total = exps.reduce((sum, value) => sum + value, 0);
      for (let c = 0; c < classCount; c++) {
        const error = (exps[c]! / total - (c === row.label ? 1 : 0)) * classWeight[row.label]!;
        for (const [feature, value] of row.entries) gradient[feature * classCount + c]! += error * value / rows.length;
      }
    }
    for (let i = 0; i < weights.length; i++) {
      const isBias = biasIndex !== undefined && Math.floor(i / classCount) === biasIndex;
      const g = gradient[i]! + (isBias ? 0 : options.l2 * weights[i]!);
      squaredGradients[i]! += g * g;
      weights[i]! -= (learningRate * g) / Math.sqrt(squaredGradients[i]!);
    }
  }
  const model: Record<string, number[]> = {};
  vocabulary.forEach((name, i) => {
    const row = Array.from(weights.subarray(i * classCount, (i + 1) * classCount), (w) => Math.round(w * 10000) / 10000);
    if (row.some((w) => w !== 0)) model[name] = row;
  });
  return { classes, weights: model };
}


function f1(tp: number, predicted: number, gold: number): number {
  const precision = predicted === 0 ? 0 : tp / predicted;
  const recall = gold === 0 ? 0 : tp / gold;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Macro-F1 over the three stances as the eval counts it: a stance predicted irrelevant is a miss. */
export function macroF1(pairs: readonly [GoldLabel, GoldLabel][]): number {
  let sum = 0;
  for (const label of STANCE_CLASSES) {
    const tp = pairs.filter(([gold, predicted]) => gold === label && predicted === label).length;
    sum += f1(tp, pairs.filter(([, p]) => p === label).length, pairs.filter(([g]) => g === label).length);
  }
  return sum / STANCE_CLASSES.length;
}

function relevanceF1(pairs: readonly [GoldLabel, GoldLabel][]): number {
  const tp = pairs.filter(([g, p]) => g !== 'irrelevant' && p !== 'irrelevant').length;
  return f1(tp, pairs.filter(([, p]) => p !== 'irrelevant').length, pairs.filter(([g]) => g !== 'irrelevant').length);
}

function train(examples: readonly Example[], args: ReturnType<typeof parseArgs>): TrainedWeights {
  const groups = new Set(args.groups);
  const stanceRows = examples.filter((e) => e.gold !== 'irrelevant')
    .map((e) => ({ features: extractStanceFeatures(e.analysis, groups), label: STANCE_CLASSES.indexOf(e.gold as StanceLabel) }));
  const relevanceRows = examples.filter((e) => e.isShort)
    .map((e) => ({ features: e.relevanceFeatures, label: e.gold === 'irrelevant' ? 1 : 0 }));
  return {
    groups: args.groups,
    overrideProbability: args.override,
    stance: trainModel(stanceRows, STANCE_CLASSES, { l2: args.l2, epochs: args.epochs, minDocumentFrequency: 2 }),
    relevance: trainModel(relevanceRows, RELEVANCE_CLASSES, { l2: args.relevanceL2, epochs: args.epochs, minDocumentFrequency: 2 }),
  };
}

/** The label the shipped scorer would give, with rules, learned layers and their combination. */
function predict(weights: TrainedWeights, example: Example, mode: 'shipped' | 'rules' | 'learned'): GoldLabel {
  if (mode === 'rules' || !example.isShort) return example.ruleRelevant ? example.ruleLabel : 'irrelevant';
  // Bounded as the scorer bounds it, so the figures printed here are the scorer's.
  const learned = predictWith(weights.relevance, example.relevanceFeatures).probabilities.relevant;
  const relevant = boundLearnedRelevance(example.analysis, learned) >= 0.5;
  if (!relevant) return 'irrelevant';
  const prediction = predictWith(weights.stance, extractStanceFeatures(example.analysis, new Set(weights.groups)));
  return mode === 'learned' ? prediction.label : decideWithRules(example.analysis, example.ruleLabel, prediction, weights).label;
}

function report(name: string, tests: readonly { weights: TrainedWeights; examples: readonly Example[] }[], showErrors: boolean): void {
  const pairs = { shipped: [] as [GoldLabel, GoldLabel][], rules: [] as [GoldLabel, GoldLabel][], learned: [] as [GoldLabel, GoldLabel][] };
  for (const { weights, examples } of tests) {
    for (const example of examples) {
      for (const mode of ['shipped', 'rules', 'learned'] as const) {
        const predicted = predict(weights, example, mode);
        pairs[mode].push([example.gold, predicted]);
        if (mode === 'shipped' && showErrors && predicted !== example.gold) {
          console.log(`  ${example.id} gold=${example.gold} predicted=${predicted} rules=${example.ruleRelevant ? example.ruleLabel : 'irrelevant'}`);
        }
      }
    }
  }
  const line = (mode: keyof typeof pairs) => `macro-F1 ${macroF1(pairs[mode]).toFixed(3)} relevance-F1 ${relevanceF1(pairs[mode]).toFixed(3)}`;
  console.log(`${name} (${pairs.shipped.length} passages):`);
  console.log(`  shipped (rules + learned) ${line('shipped')}`);
  console.log(`  learned layer alone       ${line('learned')}`);
  console.log(`  rules alone               ${line('rules')}`);
  if (process.env.STANCE_SWEEP_OVERRIDE) {
    // Tuning aid: the shipped combination at other override probabilities, from the same trained layers.
    for (const override of [0.4, 0.6, 0.75, 0.95]) {
      const swept: [GoldLabel, GoldLabel][] = [];
      for (const { weights, examples } of tests) {
        for (const example of examples) swept.push([example.gold, predict({ ...weights, overrideProbability: override }, example, 'shipped')]);
      }
      console.log(`  override ${override.toFixed(2)}             macro-F1 ${macroF1(swept).toFixed(3)}`);
    }
  }
}

/** A stable pseudo-random order from the item ids, so folds do not depend on file order. */
function hashId(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.files.length === 0) throw new Error('no training files found');
  const pipelineModule = (await import(pathToFileURL(resolve(args.pipeline)).href)) as { default: { topic: TopicDefinition; stance: StanceOptions } };
  const analyse = createPassageAnalyser(pipelineModule.default.topic, pipelineModule.default.stance);
  const examples: Example[] = [];
  for (const file of args.files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim().length === 0) continue;
      const item = JSON.parse(line) as { id: string; text: string; title?: string; label: string };
      if (!GOLD_LABELS.includes(item.label as GoldLabel)) continue;
      const analysis = analyse({ title: item.title ?? null, text: item.text }, { analyseOffTopic: true });
      examples.push({
        id: item.id, file, gold: item.label as GoldLabel, isShort: analysis.isPassage, analysis,
        ruleRelevant: analysis.relevance.relevant, ruleLabel: analysis.ruleStance?.label ?? 'neutral',
        relevanceFeatures: extractRelevanceFeatures(analysis),
      });
    }
  }

  if (args.cv > 1) {
    const ordered = [...examples].sort((a, b) => hashId(a.id) - hashId(b.id));
    const tests = [];
    for (let fold = 0; fold < args.cv; fold++) {
      tests.push({ weights: train(ordered.filter((_, i) => i % args.cv !== fold), args), examples: ordered.filter((_, i) => i % args.cv === fold) });
    }
    report(`${args.cv}-fold cross-validation over ${args.files.join(' + ')}`, tests, args.errors);
  }
  if (args.cross) {
    if (args.files.length < 2) throw new Error('--cross needs two or more files');
    const tests = [];
    for (const file of args.files) {
      const test = { weights: train(examples.filter((e) => e.file !== file), args), examples: examples.filter((e) => e.file === file) };
      report(`trained without ${file}, tested on it`, [test], args.errors);
      tests.push(test);
    }
    // Every passage tested once by a model that never saw its file: the closest proxy for new wording.
    if (args.files.length > 2) report('leave-one-file-out, pooled', tests, false);
  }

  const weights = train(examples, args);
  if (!args.write) return;
  const rows = (model: LinearModel) => Object.entries(model.weights).map(([name, row]) => `      ${JSON.stringify(name)}: ${JSON.stringify(row)},`).join('\n');
  const source = `// Generated by \`npm run train:stance\` from ${args.files.join(', ')}; do not edit by hand.\n`
    + `import type { TrainedWeights } from './stance-model.ts';\n\n`
    + `export const PAUSE_STANCE_WEIGHTS: TrainedWeights | null = {\n`
    + `  groups: ${JSON.stringify(weights.groups)},\n  overrideProbability: ${weights.overrideProbability},\n`
    + `  stance: {\n    classes: ${JSON.stringify(weights.stance.classes)},\n    weights: {\n${rows(weights.stance)}\n    },\n  },\n`
    + `  relevance: {\n    classes: ${JSON.stringify(weights.relevance.classes)},\n    weights: {\n${rows(weights.relevance)}\n    },\n  },\n};\n`;
  writeFileSync(args.out, source);
  console.log(`wrote ${args.out}: ${Object.keys(weights.stance.weights).length} stance and ${Object.keys(weights.relevance.weights).length} relevance features, trained on ${examples.length} passages`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
