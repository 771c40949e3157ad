/**
 * The dedup stage (pure): canonical URLs, content fingerprints, near-duplicate detection, aggregators' items and story
 * clustering.
 * No I/O and no clock: times are passed in.
 */
export type { DedupKeys, DuplicateMatch, KnownArticle, StoryMatch } from './types.ts';
export { canonicalizeUrl, isTrackingParam, TRACKING_PARAMS, TRACKING_PARAM_PREFIXES } from './canonical-url.ts';
export { computeDedupKeys, isAboveOnSite } from './dedup-keys.ts';
export { computeContentHash, normalizedWords, normalizeText } from './fingerprint.ts';
export {
  DEFAULT_NEAR_DUPLICATE_OPTIONS,
  estimateJaccard,
  nearDuplicateSimilarity,
  parseNearSignature,
  type NearDuplicateOptions,
  type NearSignature,
} from './near-duplicate.ts';
export {
  DuplicateIndex,
  exactDuplicateKeys,
  findDuplicate,
  MIN_WORDS_FOR_CONTENT_HASH,
  type ExactDuplicateKey,
  type IndexedArticle,
} from './find-duplicate.ts';
export { appearanceTime, DEDUP_WINDOW_DAYS, isInDedupWindow } from './dedup-window.ts';
export { computeTopicSignature, parseTopicSignature, topicSimilarity } from './topic-signature.ts';
export { DEFAULT_STORY_MERGE_THRESHOLD, DEFAULT_STORY_THRESHOLD, DEFAULT_STORY_WINDOW_DAYS, findStory } from './story-clustering.ts';
export { relabelsNow, storyLabel } from './story-label.ts';
export {
  aggregatorItemOfArticle,
  articleOfAggregatorItem,
  HeadlineIndex,
  isAggregatorItemOf,
  type HeadlineArticle,
  type StoredHeadlineArticle,
} from './aggregator-copy.ts';
export { isOpeningOf, MAX_TEASER_WORDS, MIN_TEASER_WORDS, TEASER_WINDOW_HOURS } from './teaser-copy.ts';
export { identifyingFragment, itemLinkKey, looseItemLinkKey, looseUrlKey, looseUrlVariants } from './link-identity.ts';
