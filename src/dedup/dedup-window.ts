import type { KnownArticle } from './types.ts';

const DAY_MS = 86_400_000;

/**
 * How far apart, in days, an article and the ones it is compared with for near-copies may have appeared (see
 * {@link isInDedupWindow}). Exact copies (same canonical URL or text) are found at any distance; near-copies need a
 * scan, which this keeps to a few weeks of coverage. Stories look within a narrower span of the same dates
 * (DEFAULT_STORY_WINDOW_DAYS), so the articles this window holds serve both.
 */
export const DEDUP_WINDOW_DAYS = 14;

/** When an article appeared: its publication time, else when it was first seen. */
export function appearanceTime(article: Pick<KnownArticle, 'publishedAt' | 'fetchedAt'>): string {
  return article.publishedAt ?? article.fetchedAt;
}

/**
 * Whether a new article appearing at `at` is compared for near-copies with `article`: when they appeared within the
 * window of each other, either side (a feed's backlog, or a capture saved weeks later, meets the coverage of its own
 * days), or when `article` was first seen since `recentSince`, a window before the run (so an old article first seen
 * lately is still there for the undated capture of it made today).
 */
export function isInDedupWindow(
  article: Pick<KnownArticle, 'publishedAt' | 'fetchedAt'>,
  at: string,
  recentSince: string,
  windowDays: number = DEDUP_WINDOW_DAYS,
): boolean {
  if (Date.parse(article.fetchedAt) >= Date.parse(recentSince)) return true;
  const distance = Math.abs(Date.parse(appearanceTime(article)) - Date.parse(at));
  // an unparseable date cannot be placed: the article is left out rather than compared with everything
  return distance <= windowDays * DAY_MS;
}
