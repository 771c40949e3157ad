/**
 * `npm run bench:dedup`: cost of the dedup stage per article — computing the keys of 800-word articles, and
 * scanning 5,000 known articles for a duplicate and a story — next to a reference in the same run (hashing the
 * same text with sha256), so the figures can be compared across machines as ratios.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { computeDedupKeys, findDuplicate, findStory, type KnownArticle } from '../../src/dedup/index.ts';

const seedsDir = path.resolve(import.meta.dirname, '../../seeds');
const vocabulary = readdirSync(seedsDir).flatMap((f) => readFileSync(path.join(seedsDir, f), 'utf8').split(/\s+/));
let state = 12345;
const word = () => vocabulary[(state = (Math.imul(state, 1103515245) + 12345) >>> 0) % vocabulary.length];
const article = (words: number) => Array.from({ length: words }, word).join(' ');

function time(label: string, runs: number, work: (i: number) => void): number {
  for (let i = 0; i < Math.min(runs, 20); i++) work(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) work(i);
  const perRun = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(`${label.padEnd(52)} ${perRun.toFixed(3)} ms/op  ${(1000 / perRun).toFixed(0)} op/s`);
  return perRun;
}

const texts = Array.from({ length: 200 }, () => article(800));
const reference = time('reference: sha256 of an 800-word article', 2000, (i) => createHash('sha256').update(texts[i % texts.length]!).digest('hex'));
const keys = time('computeDedupKeys, 800-word article', 2000, (i) => computeDedupKeys({ url: `https://x.example/${i}`, title: 'A headline', text: texts[i % texts.length]! }));

const at = '2026-06-05T12:00:00.000Z';
// Worst case first: every known article is drawn from the seeds' vocabulary alone, so all of them look alike and
// every story is a candidate. Then a single-topic pipeline's window: 625 events of eight articles, each article half
// the debate's vocabulary and half words of its own event (names, places), as coverage of one debate is.
const known: KnownArticle[] = Array.from({ length: 5000 }, (_, i) => {
  const k = computeDedupKeys({ url: `https://x.example/k${i}`, title: null, text: article(120) });
  return { id: i + 1, ...k, storyId: i + 1, publishedAt: at, fetchedAt: at, duplicateOf: null };
});
const eventWord = (event: number) => `Event${event}x${(state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 40}`;
const eventArticle = (event: number, words: number) => Array.from({ length: words }, (_, i) => (i % 2 === 0 ? word() : eventWord(event))).join(' ');
const events: KnownArticle[] = Array.from({ length: 5000 }, (_, i) => {
  const event = Math.floor(i / 8);
  const k = computeDedupKeys({ url: `https://x.example/e${i}`, title: null, text: eventArticle(event, 120) });
  return { id: i + 1, ...k, storyId: event + 1, publishedAt: at, fetchedAt: at, duplicateOf: null };
});
const probe = computeDedupKeys({ url: 'https://x.example/probe', title: 'Probe', text: texts[0]! });
const eventProbe = computeDedupKeys({ url: 'https://x.example/event-probe', title: null, text: eventArticle(17, 400) });
const scan = time('findDuplicate + findStory over 5,000 known', 50, () => {
  findDuplicate(probe, known);
  findStory(probe, at, known);
});
time('findStory over 5,000 look-alikes, one story each', 50, () => findStory(probe, at, known));
time('findStory over 5,000 in 625 events', 50, () => findStory(eventProbe, at, events));
console.log(`\nkeys cost ${(keys / reference).toFixed(1)}x a sha256 of the same text; one scan of 5,000 costs ${(scan / keys).toFixed(1)}x computing one article's keys`);
