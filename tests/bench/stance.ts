/**
 * Throughput of the stance scorer on 800-word articles, on one core (this process, one thread).
 *
 *   npm run bench:stance
 *   npm run bench:stance -- --corpus seeds --articles 2000 --words 800
 *
 * Articles are built deterministically from the paragraphs of the .txt files in --corpus (default seeds/),
 * so they read like real coverage of the proposal (the scorer's slowest case: every article is on topic).
 * The reference in the same run is the cost of only splitting the same texts into sentences.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { splitSentences } from '../../src/stance/index.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

function parseArgs(argv: readonly string[]) {
  const args = { corpus: 'seeds', articles: 2000, words: 800 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--') continue;
    const value = argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--corpus') args.corpus = value;
    else if (flag === '--articles') args.articles = Number(value);
    else if (flag === '--words') args.words = Number(value);
    else throw new Error(`unknown argument "${flag}"; expected --corpus <dir>, --articles <n>, --words <n>`);
  }
  return args;
}

function buildArticles(corpus: string, count: number, words: number): string[] {
  const paragraphs = readdirSync(corpus)
    .filter((name) => name.endsWith('.txt'))
    .flatMap((name) => readFileSync(join(corpus, name), 'utf8').split(/\n\s*\n|\n/))
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.split(/\s+/).length >= 12);
  if (paragraphs.length === 0) throw new Error(`${corpus}: no paragraphs of 12 words or more in its .txt files`);
  const random = seededRandom(20260605);
  const articles: string[] = [];
  for (let i = 0; i < count; i++) {
    const chosen: string[] = [];
    let wordCount = 0;
    while (wordCount < words) {
      const paragraph = paragraphs[Math.floor(random() * paragraphs.length)]!;
      chosen.push(paragraph);
      wordCount += paragraph.split(/\s+/).length;
    }
    articles.push(chosen.join('\n\n'));
  }
  return articles;
}

function measure(label: string, articles: readonly string[], work: (text: string) => unknown): number {
  // One warm-up pass so the JIT has compiled the hot paths before timing.
  for (const text of articles.slice(0, 200)) work(text);
  const started = performance.now();
  let sink = 0;
  for (const text of articles) sink += work(text) === undefined ? 0 : 1;
  const seconds = (performance.now() - started) / 1000;
  const perSecond = articles.length / seconds;
  console.log(`${label.padEnd(22)} ${perSecond.toFixed(0).padStart(8)} articles/s  (${(seconds * 1000 / articles.length).toFixed(3)} ms each, ${sink} done)`);
  return perSecond;
}

const args = parseArgs(process.argv.slice(2));
const scorer = pauseScorer;
const articles = buildArticles(args.corpus, args.articles, args.words);
const meanWords = articles.reduce((sum, text) => sum + text.split(/\s+/).length, 0) / articles.length;
console.log(`${scorer.version}: ${articles.length} articles of ~${meanWords.toFixed(0)} words from ${args.corpus}/, one thread\n`);
const reference = measure('sentence split only', articles, (text) => splitSentences(text));
const scored = measure('full score', articles, (text) => scorer.score({ title: null, text }));
console.log(`\nscoring costs ${(reference / scored).toFixed(1)}x sentence splitting; goal >= 1000 articles/s: ${scored >= 1000 ? 'met' : 'NOT met'}`);
