import { canonicalizeUrl } from './canonical-url.ts';

/**
 * Which feed items' links name the same item, for telling a feed's items apart across runs (not for the stored
 * canonical URL, which is shown and re-fetched and keeps what canonical-url.ts keeps).
 *
 * - A `#fragment` is dropped from the canonical URL (it names no other page), but an item linking to an anchor of a
 *   page (a press-release list's `/press#item-1`, a statements page's `/statements#2026-06-11`) is another item than
 *   the one linking to the page's other anchor. So two links differ when their fragments do, unless a fragment is one
 *   that identifies nothing: a place on the article's own page (`#comments`, `#respond`, `#more-123`, `#main`,
 *   `#main-content`, `#article-body`: PAGE_PART_WORDS) or a tracking tag (anything with `=`: `#xtor=RSS-3`, `#ref=rss`).
 * - A looser key of a link ignores its scheme, a leading `www.` and a trailing slash as well: an outlet that moves to
 *   https (or adds `www.`) changes every link of its feed and nothing else. It is only used for an item without a
 *   GUID whose stored key has left its own source's feed (see rekeyedItems), never across sources.
 */

const NON_IDENTIFYING_FRAGMENT = /^(?:more-\d+|)$/i;

/**
 * The words pages name their own parts with (`#main-content`, `#article-body`, `#skip-to-content`, `#storyText`): an
 * anchor made of these alone is a place on the article's page, where a list's item has a name or number of its own.
 */
const PAGE_PART_WORDS = new Set(
  (
    'main content contents article story body text top bottom end start skip to jump page site section entry post ' +
    'comments comment respond reply more read continue reading share sharing header footer nav navigation menu wrapper ' +
    'container inner primary full headline title summary intro lead teaser media image gallery related newsletter ' +
    'subscribe print maincontent articlebody storybody'
  ).split(' '),
);

/** Whether a fragment is made of PAGE_PART_WORDS alone, written with hyphens, underscores or in camelCase. */
function namesPagePart(fragment: string): boolean {
  const words = fragment.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[-_.\s]+/).filter(Boolean);
  return words.length > 0 && words.every((word) => PAGE_PART_WORDS.has(word));
}

/** The fragment of `url` that tells an item apart, or '' when it has none, or one that identifies nothing. */
export function identifyingFragment(url: string): string {
  const at = url.indexOf('#');
  if (at < 0) return '';
  let fragment = url.slice(at + 1).trim();
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // kept as written
  }
  if (fragment.includes('=') || NON_IDENTIFYING_FRAGMENT.test(fragment) || namesPagePart(fragment)) return '';
  return fragment;
}

/** A key naming an item's link: its canonical URL, with its identifying fragment (if any). */
export function itemLinkKey(url: string): string {
  const fragment = identifyingFragment(url);
  return fragment === '' ? canonicalizeUrl(url) : `${canonicalizeUrl(url)}#${fragment}`;
}

/**
 * A canonical URL without its scheme, a leading `www.` and a trailing slash: `http://www.example.org/a/` and
 * `https://example.org/a` have one. Not an http(s) URL: itself.
 */
export function looseUrlKey(canonicalUrl: string): string {
  const match = /^https?:\/\/([^/?#]*)(.*)$/i.exec(canonicalUrl);
  if (!match) return canonicalUrl;
  const host = match[1]!.toLowerCase().replace(/^www\./, '');
  let rest = match[2]!;
  const query = rest.search(/[?#]/);
  let path = query < 0 ? rest : rest.slice(0, query);
  const tail = query < 0 ? '' : rest.slice(query);
  if (path.endsWith('/')) path = path.slice(0, -1);
  rest = path + tail;
  return `//${host}${rest}`;
}

/** The looser key of an item's link (see looseUrlKey), with its identifying fragment. */
export function looseItemLinkKey(url: string): string {
  const fragment = identifyingFragment(url);
  const loose = looseUrlKey(canonicalizeUrl(url));
  return fragment === '' ? loose : `${loose}#${fragment}`;
}

/**
 * The canonical URLs a stored article may have whose looser key is this canonical URL's: the scheme http or https,
 * with and without a leading `www.` (canonical URLs have no trailing slash but the root's). Itself first.
 */
export function looseUrlVariants(canonicalUrl: string): string[] {
  const match = /^https?:\/\/([^/?#]*)(.*)$/i.exec(canonicalUrl);
  if (!match) return [canonicalUrl];
  const bare = match[1]!.replace(/^www\./i, '');
  const rest = match[2]!;
  const out = new Set<string>([canonicalUrl]);
  for (const scheme of ['https', 'http']) for (const host of [bare, `www.${bare}`]) out.add(`${scheme}://${host}${rest}`);
  return [...out];
}
