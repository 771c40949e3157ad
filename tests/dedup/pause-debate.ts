/**
 * The labelled pause-debate fixture (tests/fixtures/dedup/pause-debate) and the measures the story tests apply to it:
 * articles are fed to findStory one by one as the pipeline feeds them, and every pair of articles is scored on whether
 * the same-story decision matches the labels. `npx tsx tests/dedup/pause-debate.ts` prints the figures.
 */
import { readFileSync } from 'node:fs';
import { computeDedupKeys, findStory, type DedupKeys, type KnownArticle } from '../../src/dedup/index.ts';
import { FIXTURES, PROJECT_ROOT, knownArticle, readTextArticle, seedPaths, type TextArticle } from './articles.ts';
import { seededRandom } from '../helpers/seeded-random.ts';

export const PAUSE_DEBATE = `${FIXTURES}/pause-debate`;
/** Written after the clustering parameters were chosen on PAUSE_DEBATE, to check them on articles they never saw. */
export const PAUSE_DEBATE_HOLDOUT = `${FIXTURES}/pause-debate-holdout`;

export interface LabelledArticle extends TextArticle {
  /** File name inside the fixture folder (or the seed's path). */
  name: string;
  event: string;
  publishedAt: string;
}

interface Manifest {
  articles: { file: string; event: string; publishedAt: string }[];
}

/**
 * A labelled fixture's articles in publication order. With `withSeeds`, the project's five seed captures join as
 * more coverage of the announcement (real articles, in the styles feeds deliver), published through June 5.
 */
export function loadPauseDebate({ withSeeds = true, folder = PAUSE_DEBATE } = {}): LabelledArticle[] {
  const manifest = JSON.parse(readFileSync(`${PROJECT_ROOT}${folder}/events.json`, 'utf8')) as Manifest;
  const articles: LabelledArticle[] = manifest.articles.map(({ file, event, publishedAt }) => ({
    ...readTextArticle(`${folder}/${file}`, `https://news.example/${file.replace(/\.txt$/, '')}`),
    name: file,
    event,
    publishedAt: new Date(publishedAt).toISOString(),
  }));
  if (withSeeds) {
    seedPaths().forEach((path, i) => {
      articles.push({ ...readTextArticle(path), name: path, event: 'announcement', publishedAt: new Date(Date.UTC(2026, 5, 5, 6 + 3 * i)).toISOString() });
    });
  }
  return byPublication(articles);
}

export function byPublication(articles: readonly LabelledArticle[]): LabelledArticle[] {
  return [...articles].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.name.localeCompare(b.name));
}

/** Keys are computed once per article: the tests cluster the same articles in many orders. */
const keysOf = new WeakMap<LabelledArticle, DedupKeys>();

export function dedupKeys(article: LabelledArticle): DedupKeys {
  let keys = keysOf.get(article);
  if (!keys) keysOf.set(article, (keys = computeDedupKeys(article)));
  return keys;
}

/**
 * Runs articles through findStory in the order given, as the pipeline does: each is placed at its publication time,
 * opens a story when none matches, and folds the stories the match names into one. Returns the stored rows, in input
 * order (ids 1, 2, ...), with their final stories. `known` starts from rows stored before, if any.
 */
export function storeInOrder(
  articles: readonly LabelledArticle[],
  opts?: Parameters<typeof findStory>[3],
  known: KnownArticle[] = [],
): KnownArticle[] {
  let nextStoryId = Math.max(0, ...known.map((k) => k.storyId ?? 0)) + 1;
  const firstId = Math.max(0, ...known.map((k) => k.id)) + 1;
  const stored: KnownArticle[] = [];
  for (const [i, article] of articles.entries()) {
    const keys = dedupKeys(article);
    const match = findStory(keys, article.publishedAt, known, opts);
    const storyId = match?.storyId ?? nextStoryId++;
    for (const other of known) if (other.storyId !== null && match?.mergeStoryIds.includes(other.storyId)) other.storyId = storyId;
    const row = knownArticle(firstId + i, keys, { storyId, publishedAt: article.publishedAt, fetchedAt: article.publishedAt });
    known.push(row);
    stored.push(row);
  }
  return stored;
}

/** Each article's final story when `articles` arrive in the order given (see {@link storeInOrder}). */
export function clusterArticles(articles: readonly LabelledArticle[], opts?: Parameters<typeof findStory>[3]): number[] {
  return storeInOrder(articles, opts).map((row) => row.storyId!);
}

export interface PairwiseScores {
  /** Of the pairs put in one story, the share that cover one event. */
  precision: number;
  /** Of the pairs that cover one event, the share put in one story. */
  recall: number;
  /** Pairs wrongly put together and wrongly kept apart, by name. */
  falseMerges: [string, string][];
  falseSplits: [string, string][];
}

/** Pairwise precision and recall of same-story decisions against the labelled events (1 when there is nothing to get wrong). */
export function scorePairs(articles: readonly Pick<LabelledArticle, 'name' | 'event'>[], storyIds: readonly number[]): PairwiseScores {
  let together = 0;
  let sameEvent = 0;
  let both = 0;
  const falseMerges: [string, string][] = [];
  const falseSplits: [string, string][] = [];
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const isTogether = storyIds[i] === storyIds[j];
      const isSameEvent = articles[i]!.event === articles[j]!.event;
      if (isTogether) together++;
      if (isSameEvent) sameEvent++;
      if (isTogether && isSameEvent) both++;
      if (isTogether && !isSameEvent) falseMerges.push([articles[i]!.name, articles[j]!.name]);
      if (!isTogether && isSameEvent) falseSplits.push([articles[i]!.name, articles[j]!.name]);
    }
  }
  return { precision: together === 0 ? 1 : both / together, recall: sameEvent === 0 ? 1 : both / sameEvent, falseMerges, falseSplits };
}

/** A reproducible shuffle (mulberry32), so an arrival-order test fails the same way every time. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * The order a pipeline would see the articles in when each reaches it some time after publication, up to
 * `maxDelayHours` late (feeds polled hourly or daily, pages fetched later): close to publication order, with the
 * articles of a day or so mixed.
 */
export function arrivalOrder(articles: readonly LabelledArticle[], seed: number, maxDelayHours = 36): LabelledArticle[] {
  const delays = shuffled(articles.map((_, i) => (i / articles.length) * maxDelayHours * 3_600_000), seed);
  return articles
    .map((article, i) => ({ article, arrival: Date.parse(article.publishedAt) + delays[i]! }))
    .sort((a, b) => a.arrival - b.arrival)
    .map(({ article }) => article);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const articles = loadPauseDebate();
  const report = (label: string, order: readonly LabelledArticle[], scored = order) => {
    const storyIds = clusterArticles(order);
    const ofScored = scored.map((article) => storyIds[order.indexOf(article)]!);
    const scores = scorePairs(scored, ofScored);
    console.log(`${label.padEnd(36)} precision ${scores.precision.toFixed(3)}  recall ${scores.recall.toFixed(3)}  stories ${new Set(ofScored).size}`);
    return { storyIds, ...scores };
  };
  console.log(`${PAUSE_DEBATE}: ${articles.length} articles, ${new Set(articles.map((a) => a.event)).size} events`);
  const { storyIds } = report('publication order', articles);
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) report(`arrival order ${seed} (up to 36 h late)`, arrivalOrder(articles, seed));
  console.log('stress (not how feeds deliver):');
  report('  reverse order', [...articles].reverse());
  for (const seed of [1, 2, 3]) report(`  shuffled (seed ${seed})`, shuffled(articles, seed));

  const holdout = loadPauseDebate({ withSeeds: false, folder: PAUSE_DEBATE_HOLDOUT });
  console.log(`\n${PAUSE_DEBATE_HOLDOUT}: ${holdout.length} articles, ${new Set(holdout.map((a) => a.event)).size} events`);
  report('alone, publication order', holdout);
  report('after the first fixture', byPublication([...articles, ...holdout]), holdout);
  for (const seed of [1, 2, 3, 4]) report(`after it, arrival order ${seed}`, arrivalOrder(byPublication([...articles, ...holdout]), seed), holdout);

  console.log('\nstories of the first fixture in publication order:');
  const byStory = new Map<number, string[]>();
  articles.forEach((a, i) => byStory.set(storyIds[i]!, [...(byStory.get(storyIds[i]!) ?? []), `${a.event}:${a.name}`]));
  for (const [id, names] of byStory) console.log(`  ${id}: ${names.join(', ')}`);
}
