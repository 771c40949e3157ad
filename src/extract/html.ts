/**
 * Generic article extractor: the main text of a news page plus its metadata, from the HTML alone (pure, no I/O).
 *
 * Order: metadata is read from the untouched document; a site override (src/extract/sites) is tried; otherwise
 * furniture is removed, the article container is found by paragraph scoring, and its text laid out. A long
 * JSON-LD `articleBody` wins when the DOM pass found much less of the same article (teaser markup) or no article at
 * all (client-rendered bodies). A page without date metadata is dated by a <time> of the article container, once
 * that is known. Title, byline, site name and text get the mojibake repair that feeds and captures get.
 */
import type { CheerioAPI } from 'cheerio';
import { decodeHTMLStrict } from 'entities';
import type { ExtractedArticle } from '../model/index.ts';
import { collectPageTimes, pickArticleTime } from './html/article-time.ts';
import { removeFurniture } from './html/clean.ts';
import { collapseSpace, descendants, detachAll, findElement, findElements, isElement, treeDepth, type Element, type ParentNode } from './html/dom.ts';
import { findArticleObject, readJsonLd, type JsonLdObject } from './html/json-ld.ts';
import { extractMetadata } from './html/metadata.ts';
import { parseHtml, parsePage } from './html/parse.ts';
import { findArticleNodes } from './html/score.ts';
import { measureSizes } from './html/sizes.ts';
import { sharedShare } from './html/shared-words.ts';
import { renderArticleText } from './html/text.ts';
import { trailingBlocksOf } from './html/trailing-block.ts';
import { articleWordCount, MIN_ARTICLE_WORDS } from './article-words.ts';
import { repairMojibake } from './mojibake.ts';
import { findSiteExtractor, SITE_EXTRACTORS, type SiteExtractor } from './sites/index.ts';

export interface ExtractHtmlOptions {
  /** The page's URL: base for relative links and key for site overrides. */
  url?: string | null;
  /**
   * The encoding the page was decoded from (decodePage's): the queries of the URLs it writes (canonical link, og:url,
   * `<base>`, og:image) are percent-encoded in it, as browsers encode them. @default 'utf-8'
   */
  encoding?: string;
  /** Site overrides to consult. @default SITE_EXTRACTORS */
  sites?: readonly SiteExtractor[];
  /** Run the generic extractor when no override applies or it finds nothing. @default true */
  fallback?: boolean;
}

/**
 * Pages beyond this are cut before parsing: no article needs more, and it bounds time on hostile input (as does
 * the cut after MAX_NODES nodes, see html/parse.ts).
 */
const MAX_HTML_CHARS = 5_000_000;

/**
 * Site overrides are CSS selectors, run by cheerio's engine, whose walk costs the depth of the tree per element
 * (see findElements in html/dom.ts). A page nested deeper than this goes to the generic extractor, which is linear:
 * no real page comes near (the extraction benchmark's deepest is 52), and browsers stop nesting at this depth
 * (Blink's and WebKit's parsers lay deeper elements out flat).
 */
const MAX_SITE_SELECTOR_DEPTH = 512;

/** How many times the article is looked for again once the container found was a comment area or a related list. */
const MAX_TRAILING_RETRIES = 3;

/** Below this a body is probably a teaser, a paywalled stub or a failed extraction. */
const PARTIAL_WORDS = 150;

/** A JSON-LD articleBody (or a feed's body) shorter than this does not replace the page's text (see isFullerText). */
const LD_BODY_MIN_WORDS = 100;
/** ... nor one of which the page shows this share of the words or more. */
const LD_BODY_MAX_SHOWN = 0.6;
/** ... nor one that holds less than this share of the text the page shows. */
const LD_BODY_MIN_SHARED = 0.5;

/** A first pass shorter than this is retried without class/id rules (Readability's charThreshold). */
const RETRY_BELOW_CHARS = 500;

// Class/id markers that the page shows only part of the article to this reader. Matched on the raw HTML: one
// regex pass is far cheaper than a substring-attribute selector over every element.
const PAYWALL_MARKUP = /\b(?:class|id)\s*=\s*["'][^"']*(?:paywall|subscriber-only|premium-content|meteredcontent|regwall)/i;

/** Text and the container it came from ([] when no container was found). */
interface Extracted {
  text: string;
  nodes: Element[];
}

/** No article: what an extractor gives for a page with nothing to read, or one it failed on. */
export function emptyArticle(url: string | null): ExtractedArticle {
  return {
    url, canonicalUrl: null, title: null, byline: null, publishedAt: null, modifiedAt: null, lang: null,
    siteName: null, image: null, text: '', partial: true,
  };
}

export function extractHtml(html: string, opts: ExtractHtmlOptions = {}): ExtractedArticle {
  const url = opts.url ?? null;
  if (typeof html !== 'string' || html.trim() === '') return emptyArticle(url);
  const source = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  try {
    return extract(source, url, opts);
  } catch {
    // The parser is lenient, so this is a bug on exotic input; a page must never break a run.
    return emptyArticle(url);
  }
}

function extract(page: string, url: string | null, opts: ExtractHtmlOptions): ExtractedArticle {
  // From here on the page is what was parsed: cut before its MAX_NODES+1-th node, if it has that many.
  const { $, html } = parsePage(page);
  const ld = readJsonLd($);
  const meta = extractMetadata($, ld, url, opts.encoding);
  const paywalled = hasPaywallMarkers(html, findArticleObject(ld));
  // Read before furniture removal detaches the dateline boxes; chosen from once the article is found.
  const pageTimes = meta.publishedAt === null ? collectPageTimes($) : null;

  let found: Extracted = { text: '', nodes: [] };
  const site = findSiteExtractor(url, opts.sites ?? SITE_EXTRACTORS);
  if (site) found = extractWithSite($, site);
  if (!found.text && opts.fallback !== false) found = extractGeneric($, html, ld);

  // Text without a single letter or digit is markup debris from a broken document, not an article.
  // UTF-8 that went through a legacy code page upstream ("Itâ€™s") is repaired, as in feeds and captures; the
  // repair skips text without such characters at the cost of one regex test.
  const text = /[\p{L}\p{N}]/u.test(found.text) ? repairMojibake(found.text) : '';
  const publishedAt = meta.publishedAt ?? (pageTimes ? pickArticleTime(pageTimes, found.nodes) : null);
  const words = articleWordCount(text);
  return {
    url,
    ...meta,
    title: repairedOrNull(meta.title),
    byline: repairedOrNull(meta.byline),
    siteName: repairedOrNull(meta.siteName),
    publishedAt,
    text,
    partial: paywalled || words < PARTIAL_WORDS,
  };
}

function repairedOrNull(value: string | null): string | null {
  return value === null ? null : repairMojibake(value);
}

function extractWithSite($: CheerioAPI, site: SiteExtractor): Extracted {
  if (treeDepth($.root()[0] as unknown as ParentNode) > MAX_SITE_SELECTOR_DEPTH) return { text: '', nodes: [] };
  for (const selector of site.bodySelectors) {
    const found = $(selector);
    if (found.length === 0) continue;
    const nodes = found.toArray().filter(isElement);
    // Matched from the root and kept when inside the body, then detached all at once: cheerio's find() under a
    // selection and its remove() are both quadratic in the matches (10,000 asides took seconds).
    const inside = new Set(nodes.flatMap(descendants));
    for (const sel of [...(site.removeSelectors ?? []), 'script, style, noscript, iframe, figure, figcaption, aside, nav, button, form']) {
      detachAll($(sel).toArray().filter((el) => inside.has(el as Element)));
    }
    const text = renderArticleText(nodes, { useClassNames: false });
    if (text) return { text, nodes };
  }
  return { text: '', nodes: [] };
}

function extractGeneric($: CheerioAPI, html: string, ld: JsonLdObject[]): Extracted {
  let found = domText($, true);
  if (found.text.length < RETRY_BELOW_CHARS) {
    // The class/id rules may have removed the article itself; start again from a fresh tree without them.
    const retry = domText(parseHtml(html), false);
    if (retry.text.length > found.text.length) found = retry;
  }
  const ldBody = jsonLdArticleBody(ld);
  // The container still says where the article is on the page (for its date) when JSON-LD gives the text.
  if (ldBody && isFullerBody(ldBody, found)) return { text: ldBody, nodes: found.nodes };
  return found;
}

/**
 * Whether a JSON-LD `articleBody` is the article of a page whose markup shows less of it: a teaser or a paywalled
 * stub, or a body the page renders with scripts. It must be fuller than what the page shows (see isFullerText), or,
 * when the page shows no article at all (no container found, or too few words to be one), long and much longer.
 */
function isFullerBody(ldBody: string, found: Extracted): boolean {
  if (found.nodes.length === 0 || articleWordCount(found.text) < MIN_ARTICLE_WORDS) return isMuchLonger(ldBody, found.text);
  return isFullerText(ldBody, found.text);
}

/**
 * Whether `fuller` is the whole of an article of which `shown` is a part (a teaser, a paywalled stub): it is long
 * (LD_BODY_MIN_WORDS) and much longer than `shown` (LD_BODY_MAX_SHOWN), and it holds most of `shown`'s runs of words
 * (LD_BODY_MIN_SHARED). A text that says something else (another article, a version the page no longer shows) is not.
 */
export function isFullerText(fuller: string, shown: string): boolean {
  return isMuchLonger(fuller, shown) && sharedShare(shown, fuller) >= LD_BODY_MIN_SHARED;
}

function isMuchLonger(fuller: string, shown: string): boolean {
  const fullerWords = articleWordCount(fuller);
  return fullerWords >= LD_BODY_MIN_WORDS && articleWordCount(shown) < LD_BODY_MAX_SHOWN * fullerWords;
}

function domText($: CheerioAPI, useClassNames: boolean): Extracted {
  removeFurniture($, useClassNames);
  const root = $.root()[0] as unknown as ParentNode;
  const body: ParentNode = findElement(root, (el) => el.name === 'body') ?? root;
  let nodes = findArticleNodes(root, body, measureSizes(root), { useClassNames });
  // A container found in the comment area or a list of other stories is not the article: that block goes, and the
  // article is looked for again (see html/trailing-block.ts).
  for (let retry = 0; retry < MAX_TRAILING_RETRIES; retry++) {
    const trailing = trailingBlocksOf(nodes, root, body);
    if (trailing.length === 0) break;
    detachAll(trailing);
    nodes = findArticleNodes(root, body, measureSizes(root), { useClassNames });
  }
  return { text: renderArticleText(nodes.length > 0 ? nodes : body.children.filter(isElement), { useClassNames }), nodes };
}


/** What collapseSpace would change in a line: white space other than single spaces, and control characters. */
const UNCOLLAPSED = /[^\S ]| {2}|[\u0000-\u001f\u007f\u200b\ufeff]/;

/** JSON-LD articleBody as plain text (some sites put HTML in it), or null. */
function jsonLdArticleBody(ld: JsonLdObject[]): string | null {
  const article = findArticleObject(ld);
  const body = article?.['articleBody'];
  if (typeof body !== 'string' || !body.trim()) return null;
  // a tag: `<` and a letter, and a `>` after them (one search each, where /<[a-z][^>]*>/ tried every `<` to the end)
  const tagStart = body.search(/<[a-z]/i);
  if (tagStart < 0 || body.indexOf('>', tagStart + 2) < 0) {
    // JSON-LD strings are plain text, but many CMSs put HTML entities in them ("lab&#8217;s", "&amp;"), as in its
    // metadata (see ldText in html/metadata.ts); only whole entities, so "R&D" or "this&not" stay as written.
    const decoded = decodeHTMLStrict(body);
    // its line breaks kept, white space and control characters within a line collapsed as on the page
    const lines = decoded.split(/\r\n?|[\n\u2028\u2029]/).map((line) => (UNCOLLAPSED.test(line) ? collapseSpace(line) : line).trim());
    return lines.join('\n').replace(/\n{2,}/g, '\n\n').trim();
  }
  // Markup, as the page's: its scripts, styles and other furniture are not text (as the page's are not).
  const $ = parseHtml(`<body>${body}</body>`);
  removeFurniture($, false);
  return renderArticleText(findElements($.root()[0] as unknown as ParentNode, (el) => el.name === 'body'), { useClassNames: false });
}

function hasPaywallMarkers(html: string, article: JsonLdObject | null): boolean {
  // schema.org's isAccessibleForFree is how publishers tell search engines that a page is paywalled.
  const free = article?.['isAccessibleForFree'];
  if (free === false || (typeof free === 'string' && free.toLowerCase() === 'false')) return true;
  return PAYWALL_MARKUP.test(html);
}
