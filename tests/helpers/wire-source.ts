/**
 * A feed source `wire` of pipeline `p` and its articles, for the store's tests of where a source is read from and how
 * it is scheduled (its address changing, the items of its last read).
 */

export const HOUR = 3_600_000;
const t0 = Date.parse('2026-06-01T00:00:00.000Z');

/** The ISO time `hours` after 2026-06-01T00:00Z (before it, when negative). */
export const at = (hours: number) => new Date(t0 + hours * HOUR).toISOString();

/** The source `wire` as the pipeline file lists it, at `location`. */
export const wireFeed = (location: string, name = 'Wire') => ({ id: 'wire', kind: 'feed' as const, name, location });

/** An article of source `wire` of pipeline `p`, published and first stored at the given times. */
export function wireArticle(key: string, publishedAt: string, fetchedAt: string) {
  return {
    pipeline_id: 'p', source_id: 'wire', item_key: key, url: `https://x.example/${key}`, canonical_url: `https://x.example/${key}`,
    title: key, byline: null, published_at: publishedAt, modified_at: null, fetched_at: fetchedAt, lang: 'en', site_name: null, image: null,
    summary: null, text: 'Body.', word_count: 1, partial: 0, content_hash: `h-${key}`, near_signature: '', topic_signature: '',
    duplicate_of: null, duplicate_reason: null, story_id: null, extract_error: null, updated_at: fetchedAt,
  };
}
