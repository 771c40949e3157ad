import { discountSingleTerm, internedTermCount, parseTopicSignature, type ParsedTopic } from './topic-signature.ts';
import type { DedupKeys, KnownArticle, StoryMatch } from './types.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_STORY_WINDOW_DAYS = 7;
/**
 * Similarity to a story as a whole (see {@link findStory}) at or above which an article joins it. Measured on the
 * labelled coverage in tests/fixtures/dedup/pause-debate (`npx tsx tests/dedup/pause-debate.ts`): at 0.17 the
 * open-source developers' letter starts to join the researchers' open letter, at 0.20 the announcement's most
 * differently worded reports start to split off.
 */
export const DEFAULT_STORY_THRESHOLD = 0.18;
/**
 * Similarity the article must have to each of two stories for them to become one. Stricter than joining: a merge
 * moves every article of a story, and one article near two events must not fuse them (on the fixture, at 0.19 an
 * analysis of China's answer fused it with the "gift to Beijing" op-ed debate; at 0.24 the two halves of the
 * announcement's coverage no longer merged).
 */
export const DEFAULT_STORY_MERGE_THRESHOLD = 0.22;
/**
 * How much a story's similarity is lowered for each day between its first article and the new one, either side,
 * after the first day: an event's coverage comes within a day or two, and a later report that names the same people
 * and proposal is most often a new event of the same debate (the labs' answer, a hearing, a poll), which without it
 * joined the first and chained every later one into a story of weeks (tests/fixtures/stories/dev-a, `npm run
 * eval:stories`: 10 events of 14 days in one story, same-story precision 0.14). A report of the same event days later
 * still joins when its words are close enough (at 0.07, three days on it needs 0.32 rather than 0.18). Measured on
 * dev-a and the pause-debate fixtures: from 0.06 to 0.09 every fixture keeps its precision and recall; at 0.1 the
 * announcement's later analyses split off.
 */
export const DEFAULT_STORY_AGE_PENALTY_PER_DAY = 0.07;
/** A story's first day, when its coverage comes, bears no age penalty. */
const STORY_FRESH_DAYS = 1;

/**
 * How specific a term is to one event rather than to the debate the pipeline follows: the share of the window's
 * articles whose signature does NOT contain it, squared. In a single-topic pipeline every article says "pause",
 * "frontier", "labs", "Anthropic"; those words are what the coverage is about, not what one event is about, so they
 * must not carry a match. Squared so that a term in half of the coverage keeps a quarter of its weight (the plain
 * share, or a logarithmic IDF, left more of the debate's words in the matches on the fixture).
 *
 * The share is smoothed towards PRIOR_SHARE with the weight of PRIOR_ARTICLES articles: with a handful of known
 * articles (a new pipeline, the first hours of a big event) nothing is known about which words are common, and an
 * unsmoothed share would punish the very words two reports of one event share.
 */
const PRIOR_ARTICLES = 10;
const PRIOR_SHARE = 0.1;

function specificity(articlesWithTerm: number, articles: number): number {
  const unspecific = 1 - (articlesWithTerm + PRIOR_ARTICLES * PRIOR_SHARE) / (articles + PRIOR_ARTICLES);
  return unspecific * unspecific;
}

/**
 * The story of the known articles that covers the same event as `keys`, among articles published (or, when the date
 * is unknown, fetched) within `windowDays` of `at`, either side (feeds deliver out of order).
 *
 * An event, not a topic: terms weigh by how specific they are among the window's articles (see {@link specificity}),
 * so the vocabulary the whole pipeline shares counts for little and names, places and the event's own words for
 * much. And the article is compared with each story as a whole (the cosine with the centroid of its articles'
 * weighted signatures), not with its closest article: single-link let one loosely related article chain two events,
 * and then every later one, into a story that never closed. Syndicated copies of an article in the window count
 * once, so a wire story carried by ten outlets neither makes its own words look common nor outweighs its story.
 *
 * When the article is close enough to several stories (at {@link DEFAULT_STORY_MERGE_THRESHOLD}, stricter than
 * joining), those stories are one event reported from different angles: `mergeStoryIds` lists the ones to fold into
 * `storyId` (otherwise the order in which articles arrive would decide whether one event is one story or two).
 *
 * Complexity: O(n × terms) for n known articles, two passes over typed arrays (term counts, then each article's
 * weighted norm and product with the new one; decoded signatures are cached by text), plus a centroid for each story
 * whose bound can reach the threshold, usually a handful. About twice the cost of the single-link scan it replaced
 * (`npm run bench:dedup`).
 */
export function findStory(
  keys: DedupKeys,
  at: string,
  known: readonly KnownArticle[],
  opts?: { windowDays?: number; threshold?: number; mergeThreshold?: number; agePenaltyPerDay?: number },
): StoryMatch | null {
  const windowMs = (opts?.windowDays ?? DEFAULT_STORY_WINDOW_DAYS) * DAY_MS;
  const threshold = opts?.threshold ?? DEFAULT_STORY_THRESHOLD;
  const mergeThreshold = Math.max(threshold, opts?.mergeThreshold ?? DEFAULT_STORY_MERGE_THRESHOLD);
  const own = parseTopicSignature(keys.topicSignature);
  if (own === null || own.termIds.length === 0) return null;
  const atMs = Date.parse(at);

  // The window's articles, each once: a copy whose original is in the window is the original's text again.
  let topics: ParsedTopic[] = [];
  let storyIds: number[] = [];
  let copyOf: (number | null)[] | null = null;
  let times: number[] = [];
  const windowIds: number[] = [];
  for (const article of known) {
    const whenMs = articleTimeMs(article);
    if (!Number.isNaN(atMs) && !Number.isNaN(whenMs) && Math.abs(atMs - whenMs) > windowMs) continue;
    windowIds.push(article.id);
    const topic = parseTopicSignature(article.topicSignature);
    if (topic === null || topic.termIds.length === 0) continue;
    if (article.duplicateOf !== null) copyOf ??= topics.map(() => null);
    copyOf?.push(article.duplicateOf);
    topics.push(topic);
    times.push(whenMs);
    storyIds.push(article.storyId ?? -1);
  }
  if (copyOf !== null) {
    const inWindow = new Set(windowIds);
    const isCounted = copyOf.map((original) => original === null || !inWindow.has(original));
    topics = topics.filter((_, i) => isCounted[i]);
    times = times.filter((_, i) => isCounted[i]);
    storyIds = storyIds.filter((_, i) => isCounted[i]);
  }
  const articles = topics.length;

  // Document frequency of every term over those articles (the new one not included: it says nothing about what
  // the rest of the coverage shares), then each term's specificity, once per term rather than per occurrence.
  // The scratch arrays are read through locals: the hot loops below then index typed arrays V8 can keep in registers.
  ensureCapacity(internedTermCount());
  const generation = nextGeneration();
  const { stamps, counts, specificities, slots, slotStamps } = scratch;
  const seen: number[] = [];
  for (const topic of topics) {
    const ids = topic.termIds;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (stamps[id] !== generation) {
        stamps[id] = generation;
        counts[id] = 0;
        seen.push(id);
      }
      counts[id]!++;
    }
  }
  for (const id of seen) specificities[id] = specificity(counts[id]!, articles);

  // The new article's weighted vector, normalised; `slots` maps each of its terms to its index.
  const ownWeights = new Float64Array(own.termIds.length);
  let ownNorm = 0;
  for (let slot = 0; slot < own.termIds.length; slot++) {
    const id = own.termIds[slot]!;
    const weight = own.weights[slot]! * (stamps[id] === generation ? specificities[id]! : specificity(0, articles));
    ownWeights[slot] = weight;
    ownNorm += weight * weight;
    slotStamps[id] = generation;
    slots[id] = slot;
  }
  ownNorm = Math.sqrt(ownNorm);
  if (ownNorm === 0) return null;
  for (let slot = 0; slot < ownWeights.length; slot++) ownWeights[slot]! /= ownNorm;

  // Per story: the sum of the cosines with its articles (= the dot product with the sum of their unit vectors) and
  // how many they are. The centroid's norm is at least √count (the vectors have no negative weights), so
  // sum / √count bounds the similarity from above and rules most stories out before any centroid is built; a story
  // of one article needs none (its similarity is that article's, known here).
  const articleNorms = new Float64Array(articles);
  // startMs: its first article's time (Infinity while none has one)
  const stories = new Map<number, { dot: number; size: number; single: number; startMs: number }>();
  for (let i = 0; i < articles; i++) {
    const storyId = storyIds[i]!;
    if (storyId < 0) continue;
    const whenMs = times[i]!;
    const topic = topics[i]!;
    const ids = topic.termIds;
    const weights = topic.weights;
    let norm = 0;
    let dot = 0;
    let largest = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const weight = weights[k]! * specificities[id]!;
      norm += weight * weight;
      if (slotStamps[id] === generation) {
        const contribution = weight * ownWeights[slots[id]!]!;
        dot += contribution;
        if (contribution > largest) largest = contribution;
      }
    }
    if (norm === 0) continue;
    norm = Math.sqrt(norm);
    articleNorms[i] = norm;
    const story = stories.get(storyId);
    if (story) {
      story.dot += dot / norm;
      story.size++;
      if (whenMs < story.startMs) story.startMs = whenMs;
    } else {
      stories.set(storyId, { dot: dot / norm, size: 1, single: discountSingleTerm(dot / norm, largest / norm), startMs: Number.isNaN(whenMs) ? Infinity : whenMs });
    }
  }

  // The age penalty of each story (DEFAULT_STORY_AGE_PENALTY_PER_DAY): by the days between its first article of the
  // window and the new one, whichever side (an article older than a story is as far from its event as a newer one;
  // one dated within a story's days, as a run far apart from the last reads a feed newest first, is counted from its
  // start, not charged the story's whole span). A run places an undated article at when it was first seen; a time
  // that does not parse bears none.
  const perDay = opts?.agePenaltyPerDay ?? DEFAULT_STORY_AGE_PENALTY_PER_DAY;
  const freshMs = STORY_FRESH_DAYS * DAY_MS;
  const penalised = perDay !== 0 && !Number.isNaN(atMs);
  const similarities = new Map<number, number>();
  const penalties = new Map<number, number>();
  let members: Map<number, number[]> | null = null;
  for (const [storyId, story] of stories) {
    const apartMs = story.startMs === Infinity ? 0 : Math.abs(atMs - story.startMs);
    const penalty = penalised && apartMs > freshMs ? (perDay * (apartMs - freshMs)) / DAY_MS : 0;
    if (story.dot / Math.sqrt(story.size) - penalty < threshold) continue;
    if (story.size === 1) similarities.set(storyId, story.single - penalty);
    else {
      (members ??= new Map()).set(storyId, []);
      penalties.set(storyId, penalty);
    }
  }
  if (members !== null) {
    for (let i = 0; i < articles; i++) {
      if (articleNorms[i] !== 0) members.get(storyIds[i]!)?.push(i);
    }
    for (const [storyId, indices] of members) similarities.set(storyId, centroidSimilarity(indices, topics, articleNorms, ownWeights, generation) - penalties.get(storyId)!);
  }

  let best = -1;
  let bestSimilarity = -1;
  for (const [storyId, similarity] of similarities) {
    if (similarity > bestSimilarity || (similarity === bestSimilarity && storyId < best)) [best, bestSimilarity] = [storyId, similarity];
  }
  if (best < 0 || bestSimilarity < threshold) return null;
  const merged = bestSimilarity >= mergeThreshold ? [...similarities].filter(([id, s]) => id !== best && s >= mergeThreshold).map(([id]) => id) : [];
  // The oldest story (lowest id) survives a merge, so story ids stay stable and the answer does not depend on the
  // order of `known`.
  const [storyId, ...mergeStoryIds] = [best, ...merged].sort((a, b) => a - b) as [number, ...number[]];
  return { storyId, similarity: bestSimilarity, mergeStoryIds };
}

/** Cosine of the new article with the centroid of one story's weighted unit vectors, single-term discounted. */
function centroidSimilarity(
  indices: readonly number[],
  topics: readonly ParsedTopic[],
  articleNorms: Float64Array,
  ownWeights: Float64Array,
  generation: number,
): number {
  const { centroid, inCentroid, specificities, slots, slotStamps } = scratch;
  const touched: number[] = [];
  for (const i of indices) {
    const { termIds: ids, weights } = topics[i]!;
    const norm = articleNorms[i]!;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (inCentroid[id] === 0) {
        inCentroid[id] = 1;
        touched.push(id);
      }
      centroid[id]! += (weights[k]! * specificities[id]!) / norm;
    }
  }
  let normSquared = 0;
  for (const id of touched) normSquared += centroid[id]! * centroid[id]!;
  const norm = Math.sqrt(normSquared);
  let dot = 0;
  let largest = 0;
  for (const id of touched) {
    if (slotStamps[id] === generation) {
      const contribution = (centroid[id]! / norm) * ownWeights[slots[id]!]!;
      dot += contribution;
      if (contribution > largest) largest = contribution;
    }
    centroid[id] = 0;
    inCentroid[id] = 0;
  }
  return norm === 0 ? 0 : discountSingleTerm(dot, largest);
}

/**
 * Scratch arrays indexed by interned term id, reused across calls so a scan allocates nothing per term. Invariant:
 * an entry of `counts` or `specificities` is meaningful only when its entry in `stamps` equals the current call's
 * generation, one of `slots` only when its entry in `slotStamps` does, so no call has to clear what the previous one
 * wrote; `centroid` and `inCentroid` are all zeros between uses.
 */
const scratch = {
  stamps: new Int32Array(0),
  counts: new Int32Array(0),
  specificities: new Float64Array(0),
  slots: new Int32Array(0),
  slotStamps: new Int32Array(0),
  centroid: new Float64Array(0),
  inCentroid: new Uint8Array(0),
};
let lastGeneration = 0;

function nextGeneration(): number {
  // After 2^31 - 1 calls the stamps restart from a clean slate rather than wrap onto stale entries.
  if (lastGeneration === 0x7fffffff) {
    lastGeneration = 0;
    scratch.stamps.fill(0);
    scratch.slotStamps.fill(0);
  }
  return ++lastGeneration;
}

/** Grows the scratch arrays (doubling, keeping their contents) so that every id below `size` indexes them. */
function ensureCapacity(size: number): void {
  if (size <= scratch.stamps.length) return;
  const length = Math.max(1024, scratch.stamps.length * 2, size);
  const grow = <T extends Int32Array | Float64Array | Uint8Array>(old: T, make: (n: number) => T): T => {
    const next = make(length);
    next.set(old);
    return next;
  };
  scratch.stamps = grow(scratch.stamps, (n) => new Int32Array(n));
  scratch.counts = grow(scratch.counts, (n) => new Int32Array(n));
  scratch.specificities = grow(scratch.specificities, (n) => new Float64Array(n));
  scratch.slots = grow(scratch.slots, (n) => new Int32Array(n));
  scratch.slotStamps = grow(scratch.slotStamps, (n) => new Int32Array(n));
  scratch.centroid = grow(scratch.centroid, (n) => new Float64Array(n));
  scratch.inCentroid = grow(scratch.inCentroid, (n) => new Uint8Array(n));
}

/**
 * Parsed timestamps, keyed by the ISO string: parsing dominated the scan otherwise. Invariant: a pure function of
 * the key; emptied when full to bound memory.
 */
const parsedTimes = new Map<string, number>();
const PARSED_TIMES_LIMIT = 40_000;

function parseTimeMs(iso: string): number {
  let ms = parsedTimes.get(iso);
  if (ms === undefined) {
    ms = Date.parse(iso);
    if (parsedTimes.size >= PARSED_TIMES_LIMIT) parsedTimes.clear();
    parsedTimes.set(iso, ms);
  }
  return ms;
}

/** When the article appeared: its publication time, else (unknown or unparseable) when we fetched it. */
function articleTimeMs(article: KnownArticle): number {
  const published = article.publishedAt === null ? Number.NaN : parseTimeMs(article.publishedAt);
  return Number.isNaN(published) ? parseTimeMs(article.fetchedAt) : published;
}
