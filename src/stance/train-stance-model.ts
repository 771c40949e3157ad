/**
 * Trains the learned stance layer on the dev split and writes src/stance/pause-stance-weights.ts.
 *
 *   npx tsx src/stance/train-stance-model.ts                  # train on tests/fixtures/stance/dev.jsonl, write weights
 *   npx tsx src/stance/train-stance-model.ts --cv 5           # also print 5-fold cross-validated macro-F1
 *   options: --file <jsonl> --pipeline <file> --out <file> --l2 <number> --epochs <number> --errors (with --cv)
 *
 * Deterministic: same data, same weights. Only passages labelled support, oppose or neutral are used (relevance
 * is the rules' job). Never point it at the held-out split.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StanceLabel, StanceOptions, TopicDefinition } from '../model/index.ts';
import { createPassageAnalyser } from './pause-proposal-scorer.ts';
import { combineWithRules, extractStanceFeatures, predictWith, STANCE_CLASSES, type StanceModel } from './stance-model.ts';

interface Example {
  id: string;
  features: Map<string, number>;
  label: number;
  ruleLabel: StanceLabel;
}

interface TrainOptions {
  l2: number;
  epochs: number;
  minDocumentFrequency: number;
}

function parseArgs(argv: readonly string[]) {
  const args = {
    file: 'tests/fixtures/stance/dev.jsonl', pipeline: 'pipelines/ai-pause.ts', out: 'src/stance/pause-stance-weights.ts',
    cv: 0, l2: 0.01, epochs: 300, errors: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--') continue;
    if (flag === '--errors') {
      args.errors = true;
      continue;
    }
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--file') args.file = value;
    else if (flag === '--pipeline') args.pipeline = value;
    else if (flag === '--out') args.out = value;
    else if (flag === '--cv') args.cv = Number(value);
    else if (flag === '--l2') args.l2 = Number(value);
    else if (flag === '--epochs') args.epochs = Number(value);
    else throw new Error(`unknown argument "${flag}"`);
    i++;
  }
  if (/heldout/i.test(args.file)) throw new Error('refusing to train on the held-out split');
  return args;
}

/** Multinomial logistic regression, full-batch gradient descent with AdaGrad steps and L2 on all but the bias. */
export function trainModel(examples: readonly Example[], options: TrainOptions): StanceModel {
  const documentFrequency = new Map<string, number>();
  for (const example of examples) for (const name of example.features.keys()) documentFrequency.set(name, (documentFrequency.get(name) ?? 0) + 1);
  const vocabulary = [...documentFrequency].filter(([, count]) => count >= options.minDocumentFrequency).map(([name]) => name).sort();
  const index = new Map(vocabulary.map((name, i) => [name, i]));
  const classes = STANCE_CLASSES.length;
  const weights = new Float64Array(vocabulary.length * classes);
  const squaredGradients = new Float64Array(weights.length).fill(1e-8);
  const rows = examples.map((example) => ({
    label: example.label,
    entries: [...example.features].filter(([name]) => index.has(name)).map(([name, value]) => [index.get(name)!, value] as const),
  }));
  const biasIndex = index.get('bias');
  const learningRate = 0.5;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const gradient = new Float64Array(weights.length);
    for (const row of rows) {
      const scores = new Array<number>(classes).fill(0);
      for (const [feature, value] of row.entries) for (let c = 0; c < classes; c++) scores[c]! += weights[feature * classes + c]! * value;
      const max = Math.max(...scores);
      const exps = scores.map((score) => Math.exp(score - max));
      const total = exps.reduce((sum, value) => sum + value, 0);
      for (let c = 0; c < classes; c++) {
        const error = exps[c]! / total - (c === row.label ? 1 : 0);
        for (const [feature, value] of row.entries) gradient[feature * classes + c]! += error * value / rows.length;
      }
    }
    for (let i = 0; i < weights.length; i++) {
      const isBias = biasIndex !== undefined && Math.floor(i / classes) === biasIndex;
      const g = gradient[i]! + (isBias ? 0 : options.l2 * weights[i]!);
      squaredGradients[i]! += g * g;
      weights[i]! -= (learningRate * g) / Math.sqrt(squaredGradients[i]!);
    }
  }
  const model: Record<string, number[]> = {};
  vocabulary.forEach((name, i) => {
    const row = Array.from(weights.subarray(i * classes, (i + 1) * classes), (w) => Math.round(w * 10000) / 10000);
    if (row.some((w) => w !== 0)) model[name] = row;
  });
  return { classes: STANCE_CLASSES, weights: model };
}

function macroF1(pairs: readonly [StanceLabel, StanceLabel][]): number {
  let sum = 0;
  for (const label of STANCE_CLASSES) {
    const tp = pairs.filter(([gold, predicted]) => gold === label && predicted === label).length;
    const predicted = pairs.filter(([, p]) => p === label).length;
    const gold = pairs.filter(([g]) => g === label).length;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = gold === 0 ? 0 : tp / gold;
    sum += precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  }
  return sum / STANCE_CLASSES.length;
}

/** A stable pseudo-random order from the item ids, so folds do not depend on file order. */
function hashId(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const pipelineModule = (await import(pathToFileURL(resolve(args.pipeline)).href)) as { default: { topic: TopicDefinition; stance: StanceOptions } };
  const analyse = createPassageAnalyser(pipelineModule.default.topic, pipelineModule.default.stance);
  const examples: Example[] = [];
  for (const line of readFileSync(args.file, 'utf8').split('\n')) {
    if (line.trim().length === 0) continue;
    const item = JSON.parse(line) as { id: string; text: string; title?: string; label: string };
    const label = STANCE_CLASSES.indexOf(item.label as StanceLabel);
    if (label < 0) continue;
    const analysis = analyse({ title: item.title ?? null, text: item.text }, { analyseOffTopic: true });
    examples.push({ id: item.id, features: extractStanceFeatures(analysis), label, ruleLabel: analysis.ruleStance?.label ?? 'neutral' });
  }
  const options: TrainOptions = { l2: args.l2, epochs: args.epochs, minDocumentFrequency: 2 };

  if (args.cv > 1) {
    const ordered = [...examples].sort((a, b) => hashId(a.id) - hashId(b.id));
    const pairs: [StanceLabel, StanceLabel][] = [];
    const rulePairs: [StanceLabel, StanceLabel][] = [];
    const hybridPairs: [StanceLabel, StanceLabel][] = [];
    for (let fold = 0; fold < args.cv; fold++) {
      const test = ordered.filter((_, i) => i % args.cv === fold);
      const model = trainModel(ordered.filter((_, i) => i % args.cv !== fold), options);
      for (const example of test) {
        const prediction = predictWith(model, example.features);
        const predicted = prediction.label;
        pairs.push([STANCE_CLASSES[example.label]!, predicted]);
        hybridPairs.push([STANCE_CLASSES[example.label]!, combineWithRules(example.ruleLabel, prediction)]);
        if (args.errors && predicted !== STANCE_CLASSES[example.label]) {
          console.log(`  ${example.id} gold=${STANCE_CLASSES[example.label]} predicted=${predicted} rules=${example.ruleLabel}`);
        }
        rulePairs.push([STANCE_CLASSES[example.label]!, example.ruleLabel]);
      }
    }
    console.log(`${args.cv}-fold cross-validation on ${examples.length} stance passages (relevance not applied):`);
    console.log(`  learned layer macro-F1 ${macroF1(pairs).toFixed(3)}   rules alone ${macroF1(rulePairs).toFixed(3)}   combined (shipped) ${macroF1(hybridPairs).toFixed(3)}`);
  }

  const model = trainModel(examples, options);
  const source = `// Generated by \`npx tsx src/stance/train-stance-model.ts\` from ${args.file}; do not edit by hand.\n`
    + `import type { StanceModel } from './stance-model.ts';\n\n`
    + `export const PAUSE_STANCE_WEIGHTS: StanceModel | null = {\n  classes: ${JSON.stringify(model.classes)},\n  weights: {\n`
    + Object.entries(model.weights).map(([name, row]) => `    ${JSON.stringify(name)}: ${JSON.stringify(row)},`).join('\n')
    + `\n  },\n};\n`;
  writeFileSync(args.out, source);
  console.log(`wrote ${args.out}: ${Object.keys(model.weights).length} features, trained on ${examples.length} passages`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
