/** Shapes the dedup stage exchanges with the orchestrator and the store. */

/** The duplicate and clustering keys of one article; every field is stored as TEXT on the article row. */
export interface DedupKeys {
  canonicalUrl: string;
  /** sha256 hex of the normalised body text (case, punctuation, quotes and spacing folded). */
  contentHash: string;
  /** `mh1.<words>.<shingles>.<base64url>`: b-bit MinHash of word 5-shingles (see near-duplicate.ts). */
  nearSignature: string;
  /** `ts1:term=weight,...`: salient terms of title and lead (see topic-signature.ts). */
  topicSignature: string;
}

/** An article already in the store, as far as dedup needs to know it. */
export interface KnownArticle {
  id: number;
  canonicalUrl: string;
  contentHash: string;
  nearSignature: string;
  topicSignature: string;
  storyId: number | null;
  publishedAt: string | null;
  fetchedAt: string;
  /** Id of the original when this article is itself a duplicate. */
  duplicateOf: number | null;
}

export interface DuplicateMatch {
  /** The ORIGINAL article (duplicate chains are followed to their root). */
  articleId: number;
  /**
   * `outlet_headline`: an aggregator's item and the outlet's article it stands for (see aggregator-copy.ts); `teaser`:
   * a feed's teaser of an article and the article (see teaser-copy.ts).
   */
  reason: 'canonical_url' | 'content_hash' | 'near_duplicate' | 'outlet_headline' | 'teaser';
  /** 1 for URL, hash and headline matches; the estimated Jaccard of the shingle sets for near-duplicates. */
  similarity: number;
}

export interface StoryMatch {
  storyId: number;
  /**
   * Similarity of the new article to the story as a whole, at most 1: the cosine of its topic signature with the centroid
   * of the story's articles in the window, terms weighted by how specific they are to one event, less the story's
   * age penalty (see findStory).
   */
  similarity: number;
  /**
   * Other stories the article is also close to, at the stricter merge threshold: they cover the same event and merge
   * into `storyId`.
   */
  mergeStoryIds: number[];
}
