/**
 * Evaluates the stance scorer on whole articles: a corpus folder of `articles/*.txt` and `stances.json`, each article's
 * label and the voices a reader finds in it (tests/fixtures/stories/README.md).
 *
 *   npm run eval:articles -- [--corpus tests/fixtures/stories/dev-a] [--errors] [--json] [--pipeline <file>]
 *   (default corpus: tests/fixtures/stories/heldout)
 *
 * Each file is read as `pausewatch score` reads it (decoded, its headline and body taken apart by the extractor) and
 * scored by the pipeline's scorer. Prints the article labels' precision, recall and macro-F1 over the three stances,
 * the articles labelled right, the confusion matrix, and the voices as a digest would show them: per person in an
 * article, the sides the scorer gives them (a neutral statement counts only for a person given no side), against the
 * labelled voices, a person matched by the word that says who they are (sameSpeaker):
 *   - precision: of the For and Against sides the scorer gives named persons, those a labelled voice has;
 *   - recall: of the labelled For and Against voices, those the scorer gives that side and not the other; those it
 *     gives the opposite side are counted apart, as the worst error for a reader;
 *   - names listed that match no labelled voice (places, laws, a person merely mentioned); unnamed camps
 *     ("Supporters", "Critics of the plan"), which the labels do not list by their rules, are counted apart.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractArticle } from '../../src/extract/index.ts';
import { decodeCapture } from '../../src/ingest/files.ts';
import type { ScoreResult, StanceLabel } from '../../src/model/index.ts';
import { createScorer } from '../../src/stance/index.ts';
import { GOLD_LABELS, macroF1, type GoldLabel } from '../../src/stance/train-stance-model.ts';
import { requireCorpusPaths } from './corpus-path.ts';
import { emptyConfusion, labelFigures, printConfusion, printLabelTable, safeDivide } from './label-figures.ts';
import { loadPipelineTopic } from './load-pipeline-topic.ts';

/** Words that say what someone is or point at them, not who: "Senator", "Professor", "the", "Rear Admiral". */
const NOT_NAME_WORDS = new Set([
  'the', 'a', 'an', 'mr', 'mrs', 'ms', 'dr', 'prof', 'professor', 'sen', 'senator', 'rep', 'representative', 'chair',
  'ranking', 'member', 'rear', 'admiral', 'sir', 'dame', 'lord', 'lady', 'baroness', 'minister', 'secretary',
]);
const HEAD_ENDS = new Set(['of', 'at', 'from', 'for', 'with', 'in']);

/** A speaker's words, lower-cased, without possessive endings, titles and determiners. */
function nameWords(actor: string): string[] {
  return actor.toLowerCase().replace(/['’]s\b/g, '').split(/[^\p{L}\p{N}-]+/u).filter((word) => word.length > 0 && !NOT_NAME_WORDS.has(word));
}

/** The word that says who a speaker is: the last before "of", "at", ... ("Marcus Feld of the Open Compute Alliance" → "feld"). */
function headWord(words: readonly string[]): string | undefined {
  const end = words.findIndex((word, index) => index > 0 && HEAD_ENDS.has(word));
  return (end < 0 ? words : words.slice(0, end)).at(-1);
}

/**
 * Whether a labelled voice and a listed one are the same speaker: each one's head word is among the other's words
 * ("Helena Vos" and "Vos", "EU AI Office" and "the AI Office", "Marcus Feld" and "Marcus Feld of the Open Compute
 * Alliance"), so neither "Marcus Aurelius" nor "Anthropic's rivals" is taken for "Marcus Feld" or "Anthropic".
 */
export function sameSpeaker(labelled: string, listed: string): boolean {
  const a = nameWords(labelled);
  const b = nameWords(listed);
  const headA = headWord(a);
  const headB = headWord(b);
  return headA !== undefined && headB !== undefined && b.includes(headA) && a.includes(headB);
}

/** A camp named by what it does, not a named speaker: "Supporters", "Critics of the plan", "three engineers". */
function isUnnamed(actor: string): boolean {
  const hasCapitalAfterFirstWord = /\p{Lu}/u.test(actor.replace(/^\S+\s*/u, ''));
  const isOneName = /^\p{Lu}\p{Ll}+$/u.test(actor.trim());
  return (!hasCapitalAfterFirstWord && !isOneName) || /^(?:supporters|critics|opponents|analysts|officials|proponents|sceptics|skeptics)\b/i.test(actor);
}

interface LabelledVoice {
  actor: string;
  stance: StanceLabel;
  author?: boolean;
}

interface LabelledArticle {
  file: string;
  stance: GoldLabel;
  rationale?: string;
  voices: LabelledVoice[];
}

interface Args {
  corpus: string;
  pipeline: string;
  json: boolean;
  errors: boolean;
}

const USAGE = 'npm run eval:articles -- [--corpus <folder with articles/ and stances.json>] [--pipeline <file>] [--json] [--errors]';

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { corpus: 'tests/fixtures/stories/heldout', pipeline: 'pipelines/ai-pause.ts', json: false, errors: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--corpus') args.corpus = requireValue(argv, ++i, arg);
    else if (arg === '--pipeline') args.pipeline = requireValue(argv, ++i, arg);
    else if (arg === '--json') args.json = true;
    else if (arg === '--errors') args.errors = true;
    else if (arg === '--') continue;
    else throw new Error(`unknown option ${arg}; usage: ${USAGE}`);
  }
  return args;
}

function requireValue(argv: readonly string[], index: number, flag: string): string {
  const value = argv[index];
  if (value === undefined) throw new Error(`${flag} needs a value`);
  return value;
}

function readLabels(corpus: string): LabelledArticle[] {
  const file = join(corpus, 'stances.json');
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { articles?: unknown };
  if (!Array.isArray(parsed.articles)) throw new Error(`${file}: expected { "articles": [...] }`);
  return parsed.articles.map((entry: LabelledArticle, index: number) => {
    const stanceOk = GOLD_LABELS.includes(entry.stance);
    const voicesOk = Array.isArray(entry.voices)
      && entry.voices.every((voice) => typeof voice.actor === 'string' && ['support', 'oppose', 'neutral'].includes(voice.stance));
    if (typeof entry.file !== 'string' || !stanceOk || !voicesOk) {
      throw new Error(`${file}: article ${index + 1}: expected "file", "stance" (${GOLD_LABELS.join('|')}) and "voices" [{ actor, stance }]`);
    }
    return entry;
  });
}

/** The file scored as `pausewatch score` scores it. */
function scoreFile(path: string, scorer: ReturnType<typeof createScorer>): ScoreResult {
  const decoded = decodeCapture(path, readFileSync(path));
  if ('error' in decoded) throw new Error(`${path}: ${decoded.error.message}`);
  const article = extractArticle(decoded.text, decoded.format, null);
  return scorer.score({ title: article.title, text: article.text, lang: article.lang });
}

/** One person as the scorer lists them in an article: their names and the sides a digest would show. */
interface PredictedPerson {
  names: string[];
  sides: Set<StanceLabel>;
}

/** The scorer's voices grouped by person (names that match, as the eval of passages matches them), sides as a digest shows them. */
function predictedPersons(result: ScoreResult): PredictedPerson[] {
  const persons: PredictedPerson[] = [];
  for (const voice of result.voices) {
    const person = persons.find((p) => sameSpeaker(p.names[0]!, voice.actor));
    if (person) {
      person.names.push(voice.actor);
      person.sides.add(voice.stance);
    } else persons.push({ names: [voice.actor], sides: new Set([voice.stance]) });
  }
  for (const person of persons) if (person.sides.has('support') || person.sides.has('oppose')) person.sides.delete('neutral');
  return persons;
}

const OPPOSITE: Partial<Record<StanceLabel, StanceLabel>> = { support: 'oppose', oppose: 'support' };

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  requireCorpusPaths('eval:articles', [
    { path: join(args.corpus, 'stances.json'), what: 'the corpus labels' },
    { path: join(args.corpus, 'articles'), what: "the corpus's articles" },
  ], USAGE);
  const pipeline = await loadPipelineTopic(args.pipeline);
  const scorer = createScorer(pipeline.topic, pipeline.stance);
  const labels = readLabels(args.corpus);

  const confusion = emptyConfusion();
  const pairs: [GoldLabel, GoldLabel][] = [];
  const errors: { file: string; gold: GoldLabel; predicted: GoldLabel; score: number | null; rationale: string }[] = [];
  const voices = {
    goldSided: 0, goldSidedFound: 0, goldSidedOpposite: 0, goldNeutral: 0, goldNeutralFound: 0,
    predictedSided: 0, predictedSidedRight: 0, notVoices: 0, unnamedCamps: 0, predictedPersons: 0,
  };
  const voiceErrors: { file: string; kind: 'opposite side' | 'missed' | 'not a voice' | 'side not given'; actor: string; gold: string; predicted: string }[] = [];

  for (const label of labels) {
    const result = scoreFile(join(args.corpus, 'articles', label.file), scorer);
    const predicted: GoldLabel = result.stance === null ? 'irrelevant' : result.stance.label;
    confusion[label.stance][predicted]++;
    pairs.push([label.stance, predicted]);
    if (predicted !== label.stance) errors.push({ file: label.file, gold: label.stance, predicted, score: result.stance?.score ?? null, rationale: label.rationale ?? '' });
    if (label.stance === 'irrelevant') continue;

    const persons = predictedPersons(result);
    const show = (person: PredictedPerson | undefined) => person ? `${person.names[0]}: ${[...person.sides].join('/')}` : 'not listed';
    voices.predictedPersons += persons.length;
    const isGoldOf = (person: PredictedPerson) => (gold: LabelledVoice) => person.names.some((name) => sameSpeaker(gold.actor, name));
    // each labelled voice once: found on its side, on the other side (even if on both), given none, or not listed
    for (const gold of label.voices) {
      const person = persons.find((p) => isGoldOf(p)(gold));
      if (gold.stance === 'neutral') {
        voices.goldNeutral++;
        if (person) voices.goldNeutralFound++;
        continue;
      }
      voices.goldSided++;
      if (person?.sides.has(OPPOSITE[gold.stance]!)) {
        voices.goldSidedOpposite++;
        voiceErrors.push({ file: label.file, kind: 'opposite side', actor: gold.actor, gold: gold.stance, predicted: show(person) });
      } else if (person?.sides.has(gold.stance)) voices.goldSidedFound++;
      else voiceErrors.push({ file: label.file, kind: person ? 'side not given' : 'missed', actor: gold.actor, gold: gold.stance, predicted: show(person) });
    }
    // each side the scorer gives a named person: on a labelled voice's side, or not; an unnamed camp ("Supporters",
    // "Critics of the plan") is no labelled voice by the labels' rules and is counted apart
    for (const person of persons) {
      const golds = label.voices.filter(isGoldOf(person));
      if (golds.length === 0 && isUnnamed(person.names[0]!)) {
        voices.unnamedCamps++;
        continue;
      }
      if (golds.length === 0) {
        voices.notVoices++;
        voiceErrors.push({ file: label.file, kind: 'not a voice', actor: person.names[0]!, gold: '-', predicted: show(person) });
      }
      for (const side of person.sides) {
        if (side === 'neutral') continue;
        voices.predictedSided++;
        if (golds.some((gold) => gold.stance === side)) voices.predictedSidedRight++;
      }
    }
  }

  const perLabel = labelFigures(confusion);
  const voiceFigures = {
    ...voices,
    sidedPrecision: safeDivide(voices.predictedSidedRight, voices.predictedSided),
    sidedRecall: safeDivide(voices.goldSidedFound, voices.goldSided),
  };
  const report = {
    corpus: args.corpus, scorer: scorer.version, articles: labels.length, perLabel, macroF1: macroF1(pairs),
    accuracy: safeDivide(pairs.filter(([gold, predicted]) => gold === predicted).length, pairs.length), confusion, voices: voiceFigures,
    ...(args.errors ? { errors, voiceErrors } : {}),
  };
  if (args.json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }

  console.log(`${scorer.version} on ${args.corpus} (${labels.length} articles)\n`);
  printLabelTable(perLabel, 'articles');
  console.log(`\nmacro-F1 (support/oppose/neutral): ${report.macroF1.toFixed(3)}; labels right ${pairs.filter(([gold, predicted]) => gold === predicted).length} of ${labels.length}`);
  printConfusion(confusion, 'confusion (rows labelled, columns scored)');
  console.log(`\nvoices in on-topic articles (labelled: ${voices.goldSided} for or against, ${voices.goldNeutral} neutral; scored: ${voices.predictedPersons} persons, ${voices.unnamedCamps} of them unnamed camps)`);
  console.log(`  for/against as scored, named persons: ${voices.predictedSidedRight} of ${voices.predictedSided} on a labelled voice's side (precision ${voiceFigures.sidedPrecision.toFixed(3)})`);
  console.log(`  for/against as labelled: ${voices.goldSidedFound} of ${voices.goldSided} given that side alone (recall ${voiceFigures.sidedRecall.toFixed(3)}), ${voices.goldSidedOpposite} given the opposite side`);
  console.log(`  neutral as labelled: ${voices.goldNeutralFound} of ${voices.goldNeutral} listed`);
  console.log(`  named persons listed that are no labelled voice: ${voices.notVoices}`);
  if (args.errors) {
    console.log('\narticle errors');
    for (const e of errors) console.log(`- ${e.file}: labelled ${e.gold}, scored ${e.predicted} (${e.score ?? '-'}); ${e.rationale}`);
    console.log('\nvoice errors');
    for (const e of voiceErrors) console.log(`- ${e.file}: ${e.kind}: ${e.actor} (labelled ${e.gold}; scored ${e.predicted})`);
  }
}

main().catch((error: unknown) => {
  console.error(`eval:articles: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
