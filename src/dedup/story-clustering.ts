import { parseTopicSignature, topicSimilarity } from './topic-signature.ts';
import type { DedupKeys, KnownArticle, StoryMatch } from './types.ts';

const DAY_MS = 86_400_000;
export const DEFAULT_STORY_WINDOW_DAYS = 7;
/** Cosine of topic signatures at or above which two articles cover the same story; tuned on tests/fixtures/dedup. */
export const DEFAULT_STORY_THRESHOLD = 0.18;

/**
 * The story of the known articles whose topic is close to `keys`, among articles of a story published (or, when
 * the date is unknown, fetched) within `windowDays` of `at`, either side (feeds deliver out of order). Single-link:
 * one close article is enough, so a story can grow as its coverage shifts over the days. When the article is close
 * to articles of several stories, those stories are one: `mergeStoryIds` lists the ones to fold into `storyId`
 * (otherwise the order in which articles arrive would decide whether one event is one story or two).
 *
 * Complexity: O(n × terms) for n known articles (24 terms each; decoded signatures cached by text), about 1-2 ms
 * for 5,000 articles once their signatures are decoded (the first scan in a process parses them: ~100 ms).
 */
export function findStory(
  keys: DedupKeys,
  at: string,
  known: readonly KnownArticle[],
  opts?: { windowDays?: number; threshold?: number },
): StoryMatch | null {
  const windowMs = (opts?.windowDays ?? DEFAULT_STORY_WINDOW_DAYS) * DAY_MS;
  const threshold = opts?.threshold ?? DEFAULT_STORY_THRESHOLD;
  const own = parseTopicSignature(keys.topicSignature);
  const atMs = Date.parse(at);
  if (own === null || own.termIds.length === 0) return null;

  // Best similarity per story: single-link clustering is transitive, so an article close to two stories joins them.
  const matches = new Map<number, number>();
  for (const article of known) {
    if (article.storyId === null) continue;
    if (!Number.isNaN(atMs)) {
      const whenMs = articleTimeMs(article);
      if (!Number.isNaN(whenMs) && Math.abs(atMs - whenMs) > windowMs) continue;
    }
    const other = parseTopicSignature(article.topicSignature);
    if (other === null) continue;
    const similarity = topicSimilarity(own, other);
    if (similarity < threshold) continue;
    matches.set(article.storyId, Math.max(similarity, matches.get(article.storyId) ?? 0));
  }
  if (matches.size === 0) return null;
  // The oldest story (lowest id) survives a merge, so story ids stay stable and the answer does not depend on the
  // order of `known`.
  const [storyId, ...mergeStoryIds] = [...matches.keys()].sort((a, b) => a - b) as [number, ...number[]];
  return { storyId, similarity: Math.max(...matches.values()), mergeStoryIds };
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
