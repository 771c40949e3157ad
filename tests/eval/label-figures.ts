/** Per-label figures and tables shared by the stance evals (passages and whole articles). */

import { GOLD_LABELS, type GoldLabel } from '../../src/stance/train-stance-model.ts';

export type Confusion = Record<GoldLabel, Record<GoldLabel, number>>;
export type LabelFigures = Record<GoldLabel, { precision: number; recall: number; f1: number; support: number }>;

export function emptyConfusion(): Confusion {
  return Object.fromEntries(GOLD_LABELS.map((gold) => [gold, Object.fromEntries(GOLD_LABELS.map((p) => [p, 0]))])) as Confusion;
}

export function safeDivide(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

/** Each label's precision, recall and F1 from a confusion matrix (rows labelled, columns predicted), with its count. */
export function labelFigures(confusion: Confusion): LabelFigures {
  return Object.fromEntries(GOLD_LABELS.map((label) => {
    const truePositives = confusion[label][label];
    const predictedCount = GOLD_LABELS.reduce((sum, gold) => sum + confusion[gold][label], 0);
    const goldCount = GOLD_LABELS.reduce((sum, predicted) => sum + confusion[label][predicted], 0);
    const precision = safeDivide(truePositives, predictedCount);
    const recall = safeDivide(truePositives, goldCount);
    return [label, { precision, recall, f1: safeDivide(2 * precision * recall, precision + recall), support: goldCount }];
  })) as LabelFigures;
}

/** The per-label table, its last column headed `counted` ("items", "articles"). */
export function printLabelTable(figures: LabelFigures, counted: string): void {
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(7);
  console.log(`label        precision  recall     F1  ${counted.padStart(8)}`);
  for (const label of GOLD_LABELS) {
    const m = figures[label];
    console.log(`${label.padEnd(12)} ${pct(m.precision)}  ${pct(m.recall)} ${pct(m.f1)}  ${String(m.support).padStart(8)}`);
  }
}

export function printConfusion(confusion: Confusion, heading: string): void {
  console.log(heading);
  console.log(`${''.padEnd(12)}${GOLD_LABELS.map((l) => l.padStart(11)).join('')}`);
  for (const gold of GOLD_LABELS) console.log(`${gold.padEnd(12)}${GOLD_LABELS.map((p) => String(confusion[gold][p]).padStart(11)).join('')}`);
}
