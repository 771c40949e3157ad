/**
 * Evaluates how coverage in languages the scorer does not read is found: a corpus folder holding `texts/<id>.txt`
 * (a headline line, a blank line, the body) and `labels.jsonl` (`id`, `lang`, `onTopic`, `stance`, `note`).
 *
 *   npm run eval:languages                                  # the held-out corpus, tests/fixtures/languages/heldout
 *   npm run eval:languages -- --corpus tests/fixtures/languages/dev --errors
 *   options: --pipeline <file> (default pipelines/ai-pause.ts), --json, --errors (list misses and false finds)
 *
 * Prints per language: texts, the language the scorer took each for (right when its primary subtag, or its script's
 * code for Russian, Ukrainian and Arabic, is the label's), on-topic texts found (recall), off-topic texts taken as on
 * topic (false finds); English texts are the control, scored for their stance as ever.
 */

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractPlainText } from '../../src/extract/plain-text.ts';
import { createScorer } from '../../src/stance/index.ts';
import { requireCorpusPaths } from './corpus-path.ts';
import { loadPipelineTopic } from './load-pipeline-topic.ts';

interface Label {
  id: string;
  lang: string;
  onTopic: boolean;
  stance: 'support' | 'oppose' | 'neutral' | null;
}

interface Args {
  corpus: string;
  pipeline: string;
  json: boolean;
  errors: boolean;
}

const USAGE = 'npm run eval:languages -- --corpus <folder with texts/ and labels.jsonl> [--pipeline <file>] [--json] [--errors]';

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { corpus: 'tests/fixtures/languages/heldout', pipeline: 'pipelines/ai-pause.ts', json: false, errors: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--corpus') args.corpus = value();
    else if (arg === '--pipeline') args.pipeline = value();
    else if (arg === '--json') args.json = true;
    else if (arg === '--errors') args.errors = true;
    else if (arg === '--') continue;
    else throw new Error(`unknown argument "${arg}"; ${USAGE}`);
  }
  return args;
}

/** Scripts whose texts the scorer names by script alone, unless a page declares the language. */
const SCRIPT_OF: Record<string, string> = { ru: 'und-Cyrl', uk: 'und-Cyrl', bg: 'und-Cyrl', ar: 'und-Arab', fa: 'und-Arab' };

interface Row {
  texts: number;
  languageRight: number;
  onTopic: number;
  found: number;
  offTopic: number;
  falseFinds: number;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const labelsFile = path.join(args.corpus, 'labels.jsonl');
  requireCorpusPaths('eval:languages', [{ path: labelsFile, what: 'labels' }], USAGE);
  const { topic, stance } = await loadPipelineTopic(args.pipeline);
  const scorer = createScorer(topic, stance);
  const labels = readFileSync(labelsFile, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as Label);

  const rows = new Map<string, Row>();
  const errors: string[] = [];
  let englishStanceRight = 0;
  for (const label of labels) {
    const file = path.join(args.corpus, 'texts', `${label.id}.txt`);
    // read as `score` reads a text capture: the headline line is the title
    const article = extractPlainText(readFileSync(file, 'utf8'), { url: file });
    const result = scorer.score({ title: article.title, text: article.text, lang: article.lang });
    const taken = result.unreadLanguage ?? 'en';
    const row = rows.get(label.lang) ?? { texts: 0, languageRight: 0, onTopic: 0, found: 0, offTopic: 0, falseFinds: 0 };
    rows.set(label.lang, row);
    row.texts += 1;
    if (taken.split('-')[0] === label.lang || taken === SCRIPT_OF[label.lang]) row.languageRight += 1;
    else errors.push(`${label.id}: language ${label.lang}, taken for ${taken}`);
    const found = result.relevance.relevant;
    if (label.onTopic) {
      row.onTopic += 1;
      if (found) row.found += 1;
      else errors.push(`${label.id}: on topic, not found (relevance ${result.relevance.score})`);
    } else {
      row.offTopic += 1;
      if (found) {
        row.falseFinds += 1;
        errors.push(`${label.id}: off topic, found by: ${result.relevance.evidence[0] ?? '?'}`);
      }
    }
    if (label.lang === 'en' && label.onTopic && result.stance?.label === label.stance) englishStanceRight += 1;
  }

  const total = (pick: (row: Row) => number, langs: (lang: string) => boolean) =>
    [...rows].filter(([lang]) => langs(lang)).reduce((sum, [, row]) => sum + pick(row), 0);
  const others = (lang: string) => lang !== 'en';
  const summary = {
    corpus: args.corpus,
    scorerVersion: scorer.version,
    languages: Object.fromEntries([...rows].sort(([a], [b]) => a.localeCompare(b))),
    otherLanguages: {
      texts: total((r) => r.texts, others), languageRight: total((r) => r.languageRight, others),
      onTopic: total((r) => r.onTopic, others), found: total((r) => r.found, others),
      offTopic: total((r) => r.offTopic, others), falseFinds: total((r) => r.falseFinds, others),
    },
    englishStanceRight,
    englishOnTopic: rows.get('en')?.onTopic ?? 0,
  };
  if (args.json) {
    console.log(JSON.stringify({ ...summary, errors }, null, 2));
    return;
  }
  const share = (part: number, whole: number) => `${part}/${whole}${whole > 0 ? ` (${Math.round((100 * part) / whole)}%)` : ''}`;
  console.log(`corpus ${args.corpus}, scorer ${scorer.version}\n`);
  console.log('lang  texts  language taken right  on topic found  off topic taken as on topic');
  for (const [lang, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(`${lang.padEnd(4)}  ${String(row.texts).padStart(5)}  ${share(row.languageRight, row.texts).padEnd(21)}  ${share(row.found, row.onTopic).padEnd(14)}  ${share(row.falseFinds, row.offTopic)}`);
  }
  const o = summary.otherLanguages;
  console.log(`\nother languages: ${o.texts} texts; language taken right ${share(o.languageRight, o.texts)}; on topic found ${share(o.found, o.onTopic)}; off topic taken as on topic ${share(o.falseFinds, o.offTopic)}`);
  if (summary.englishOnTopic > 0) console.log(`English control: stance right on ${share(englishStanceRight, summary.englishOnTopic)} on-topic texts`);
  if (args.errors && errors.length > 0) console.log(`\n${errors.join('\n')}`);
}

await main();
