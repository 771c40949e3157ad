/**
 * Feed autodiscovery: from an outlet's home page to the feeds it publishes.
 *   1. The page itself may be a feed (people paste feed URLs too).
 *   2. `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json|...">` in the page (the RSS
 *      Autodiscovery convention), resolved against `<base href>` and the page URL as a browser resolves them in the
 *      page's encoding (a query's non-ASCII characters in it, see query-encoding.ts); also `<link rel="feed">`, and a
 *      `rel="alternate"` without a type whose address looks like a feed's (feedLikeUrl).
 *   3. Only when 2 finds no working feed: the page's `<a href>` links to feed-like addresses on the outlet's own
 *      hosts (an outlet's "RSS feeds" page lists its feeds so), then the paths CMSs put feeds at (/feed for
 *      WordPress, /feeds/posts/default for Blogger, /index.xml for Hugo, ...), so an outlet is not sent a dozen
 *      probes it does not need. Given a section page (https://site/news/), first below it (/news/feed: a
 *      category's or section's own feed, which is what the user pointed at), and at the site root only when the
 *      section and the page's links have none.
 * Every candidate is fetched and kept only if parseFeed reads it: a link tag can point to a dead or HTML URL.
 * Comments feeds (commentsFeedReason) are listed apart, not offered: they carry readers' comments, not articles.
 * Only an HTML page leads to 2 and 3: a URL that answers with a feed that cannot be read (broken XML, JSON that is
 * not a JSON Feed) is reported with the reason, not swapped for another feed of the site the user did not ask for.
 */
import { getDomain } from 'tldts';
import { descendants, rawText, type Element } from '../extract/html/dom.ts';
import { parsePage } from '../extract/html/parse.ts';
import type { ParsedFeed } from '../model/index.ts';
import { askedWaitSeconds, type BodyCut, type FetchOptions, type FetchResult } from './fetch.ts';
import type { Fetcher } from './request-queue.ts';
import { decodePage } from './decode-page.ts';
import { resolveInDocumentEncoding } from './query-encoding.ts';
import { hostKeyOf, requestAddress, urlForDisplay, withoutCredentials, withoutFeedScheme } from './url-display.ts';
import { parseFeed, FeedParseError, isGzipFile, sniffFeedKind, decodeFeedBytes } from './feed/index.ts';

export interface FeedLink {
  url: string;
  /** The link's `title` attribute, when it has one. */
  title: string | null;
  /** The declared media type, lower-case; empty when the link declares none. */
  type: string;
}

/**
 * Media types sites declare for feeds: RSS, Atom and RDF as `application/` or `text/`, with or without an `x-` or `x.`
 * (`application/x-rss+xml`, `text/atom+xml`, older but still written), JSON Feed's, and plain XML and JSON, which
 * are accepted because every candidate is fetched and read anyway.
 */
const FEED_TYPE = /^(?:(?:application|text)\/(?:x[-.])?(?:rss|atom|rdf)\+xml|application\/(?:feed\+)?json|application\/xml|text\/xml)$/;

/** Paths CMSs serve feeds at, most common first. Relative to the site root. */
export const COMMON_FEED_PATHS = ['/feed', '/rss', '/rss.xml', '/atom.xml', '/feed.xml', '/index.xml', '/feed.json', '/feeds/posts/default'] as const;

/**
 * What makes two feed URLs the same feed: one request address (requestAddress: case of scheme and host, default
 * ports, a host's trailing dot and percent-escapes written otherwise do not count), without fragment, scheme (a site
 * serves the same feed over http and https) or a trailing slash on the path (WordPress answers /feed and /feed/
 * alike). Discovery fetches one URL per key; `sources add` matches the pipeline's feeds by it.
 */
export function feedUrlKey(url: string): string {
  try {
    const parsed = new URL(requestAddress(url));
    const port = parsed.port && parsed.port !== (parsed.protocol === 'https:' ? '443' : '80') ? `:${parsed.port}` : '';
    return `${parsed.username}:${parsed.password}@${parsed.hostname}${port}${parsed.pathname.replace(/\/+$/, '') || '/'}${parsed.search}`;
  } catch {
    return url;
  }
}

/**
 * What makes two feed URLs one feed to a user: feedUrlKey of them without a login (the pipeline may read a paywalled
 * feed with one while the site links it without, and the reverse), without a leading `www.`, without the campaign
 * parameters (`utm_source`, ...) a page's link may carry, and with their query's parameters in one order. `sources
 * add` knows a feed the pipeline has by it, and a run warns of two sources that read one feed.
 */
export function sameFeedKey(url: string): string {
  // feedUrlKey's form: `user:password@host[:port]/path?query`
  const key = feedUrlKey(withoutCredentials(url)).replace(/@www\./i, '@');
  const query = key.indexOf('?');
  if (query < 0) return key;
  const kept = key.slice(query + 1).split('&').filter((pair) => pair !== '' && !/^utm_/i.test(pair)).sort();
  return `${key.slice(0, query)}${kept.length > 0 ? `?${kept.join('&')}` : ''}`;
}

/**
 * Which of two URLs of one feed to show and keep, negative when `a` is: https (the same feed over http is the same
 * feed, less safely), then without a query string, then the shorter; a tie keeps the earlier.
 */
function compareFeedUrls(a: string, b: string): number {
  const score = (url: string) => [url.startsWith('https:') ? 0 : 1, url.includes('?') ? 1 : 0, url.length];
  const [x, y] = [score(a), score(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}

/**
 * Whether an address looks like a feed's: a last path segment feed, feeds, rss, rss2 or atom, a file name ending in
 * .rss, .atom, .rdf, .xml or feed.json, or a query asking for a feed format (?format=rss, ?feed=atom). Used for links
 * that declare no type, which sites write too; a wrong guess costs one request, since every candidate is checked.
 */
function feedLikeUrl(url: URL): boolean {
  return (
    /(?:^|\/)(?:feeds?|rss2?|atom)\/?$|\.(?:rss|atom|rdf|xml)$|(?:^|[/.-])feed\.json$/i.test(url.pathname) ||
    /(?:^|&)(?:format|feed|type|output)=(?:rss2?|atom|feed)(?:&|$)/i.test(url.search.slice(1))
  );
}

/** A WordPress REST API address: `/wp-json/...`, or `?rest_route=/...` where pretty links are off. */
function isWordPressApiUrl(url: URL): boolean {
  return url.pathname.split('/').includes('wp-json') || url.searchParams.has('rest_route');
}

/** The common paths tried below a section page, relative to it; Blogger's feed lives only at the root. */
const SECTION_FEED_PATHS = COMMON_FEED_PATHS.filter((path) => path !== '/feeds/posts/default').map((path) => path.slice(1));

/**
 * The section a page is in, as a directory URL: https://site/news/ for /news/, /news or /news/index.html; null for a
 * page at the site root, where the section is the site.
 */
export function sectionOf(pageUrl: string): string | null {
  const url = new URL(pageUrl);
  url.search = '';
  url.hash = '';
  const last = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  // a file name (index.html, news.php) is a page in the section; a bare name (/news) is the section itself
  url.pathname = /\.[a-z0-9]+$/i.test(last) ? url.pathname.slice(0, url.pathname.length - last.length) : `${url.pathname.replace(/\/+$/, '')}/`;
  return url.pathname === '/' ? null : url.href;
}

/**
 * The elements inside an element of one of the names: inside a `<template>` or `<noscript>` is markup a browser with
 * scripts on does not make part of the page, whose links it does not follow (a feed link there is a leftover or meant
 * for another page). Each subtree is walked once, a nested one within an outer one's walk, so a page of thousands of
 * nested levels costs its size.
 */
function elementsInside(elements: readonly Element[], names: readonly string[]): Set<Element> {
  const inside = new Set<Element>();
  for (const element of elements) {
    if (!names.includes(element.name) || inside.has(element)) continue;
    for (const inner of descendants(element)) inside.add(inner);
  }
  return inside;
}

/**
 * Feed links declared in an HTML page, absolute, without duplicates, in document order. Pure. The page is the outlet's
 * to write: it is parsed in time linear in its size however deep its markup nests (parsePage; a browser-exact parse
 * took 45 s for 40,000 unclosed `<div>`, a 200 KB page, and could not be stopped by discovery's time limit), and
 * walked without selector queries, which cost the tree's depth per element.
 * @param encoding the encoding the page was decoded from (decodePage's): as in browsers, the non-ASCII characters of
 * a link's query are percent-encoded in it (`?cat=Новости` in a windows-1251 page is `?cat=%CD%EE...`), or in UTF-8
 * for a UTF-8 or UTF-16 page (resolveInDocumentEncoding)
 */
export function discoverFeedLinks(html: string, pageUrl: string, encoding = 'utf-8'): FeedLink[] {
  return feedLinksOfPage(html, pageUrl, encoding).declared;
}

/**
 * The page's declared feed links (discoverFeedLinks), and its `<a href>` links to addresses on its own site that look
 * like feeds' (feedLikeUrl): a news site's "RSS feeds" page lists its feeds so, often without declaring any. Links to
 * other sites are left out: a blogroll's feed icons are other outlets' feeds.
 */
function feedLinksOfPage(html: string, pageUrl: string, encoding: string): { declared: FeedLink[]; anchors: FeedLink[]; refresh: string | null; articleAddresses: string[] } {
  const elements = descendants(parsePage(html).$.root()[0]!);
  // The first <base href> counts, as in browsers, which also ignore one that is not an http(s) URL (javascript:,
  // data:): relative links then resolve against the page, rather than not at all.
  let base = pageUrl;
  const baseHref = elements.find((element) => element.name === 'base' && element.attribs['href'] !== undefined)?.attribs['href'];
  if (baseHref !== undefined) {
    try {
      const resolved = resolveInDocumentEncoding(baseHref.trim(), pageUrl, encoding);
      if (resolved.protocol === 'http:' || resolved.protocol === 'https:') base = resolved.href;
    } catch {
      // an unusable <base> is ignored, as browsers do
    }
  }
  const declared: FeedLink[] = [];
  const anchors: FeedLink[] = [];
  const seen = new Set<string>();
  const inert = elementsInside(elements, ['template', 'noscript']);
  const pageHost = new URL(pageUrl).hostname;
  let refresh: string | null = null;
  let inTemplates: Set<Element> | undefined;
  for (const element of elements) {
    // in a <noscript> too: pausewatch runs no scripts, as the readers such a refresh is written for; not in a
    // <template>, which no browser acts on
    if (element.name === 'meta' && refresh === null && element.attribs['http-equiv']?.trim().toLowerCase() === 'refresh') {
      const inTemplate = inert.has(element) && (inTemplates ??= elementsInside(elements, ['template'])).has(element);
      if (!inTemplate) refresh = refreshTarget(element.attribs['content'] ?? '', base, encoding);
      continue;
    }
    const given = element.attribs['href'];
    if ((element.name !== 'link' && element.name !== 'a') || given === undefined || inert.has(element)) continue;
    let resolved: URL;
    try {
      resolved = resolveInDocumentEncoding(withoutFeedScheme(given.trim()), base, encoding);
    } catch {
      continue;
    }
    // A fragment names a place in a document, not another feed.
    resolved.hash = '';
    if (resolved.protocol !== 'http:' && resolved.protocol !== 'https:') continue;
    const type = (element.attribs['type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (element.name === 'a') {
      if (!feedLikeUrl(resolved) || !isOutletsOwnHost(resolved.hostname, pageHost) || isWordPressApiUrl(resolved) || isSitemapUrl(resolved) || seen.has(resolved.href)) continue;
      seen.add(resolved.href);
      // what the link says ("World news RSS"), for a feed without a title of its own and for telling comments feeds
      const text = (element.attribs['title'] || rawText(element)).replace(/\s+/g, ' ').trim().slice(0, 200);
      anchors.push({ url: resolved.href, title: text || null, type });
      continue;
    }
    const rel = (element.attribs['rel'] ?? '').toLowerCase().split(/\s+/);
    // rel is a token list ("alternate feed"); "alternate stylesheet" is a style sheet, not a feed. rel="feed" (HTML's
    // own keyword) names a feed whatever its address.
    const isFeedRel = rel.includes('feed');
    if ((!rel.includes('alternate') && !isFeedRel) || rel.includes('stylesheet')) continue;
    // A declared type other than a feed's (text/html for a language version) is believed.
    if (type && !FEED_TYPE.test(type)) continue;
    // An untyped rel="alternate" is also how pages name their language and mobile versions: only a feed-like address.
    if (!type && !isFeedRel && !feedLikeUrl(resolved)) continue;
    // WordPress declares its REST API's record of the page as an application/json alternate on every page (the home
    // page, a category): never a feed, and fetched it took one of the links tried and printed a "skipped" line.
    if (type === 'application/json' && isWordPressApiUrl(resolved)) continue;
    const url = resolved.href;
    if (seen.has(url)) continue;
    seen.add(url);
    const title = element.attribs['title']?.replace(/\s+/g, ' ').trim() || null;
    declared.push({ url, title, type });
  }
  // an address both declared and linked is a declared one
  return {
    declared,
    anchors: anchors.filter((anchor) => !declared.some((link) => link.url === anchor.url)),
    refresh: refresh === pageUrl ? null : refresh,
    articleAddresses: isArticlePage(elements, pageUrl) ? ownAddresses(elements, pageUrl, base, encoding) : [],
  };
}

/**
 * Whether a page is one article rather than a listing (a home page, a section, a tag): it gives its publication time
 * (`article:published_time`, which SEO plugins write on posts alone), its body is classed as one post as WordPress
 * themes class it (`single-post`, `postid-123`, `singular-post`), or its address holds a date and then a name
 * (`/2026/06/05/pause-vote/`). Not `og:type`: some plugins call a category page an article too.
 */
function isArticlePage(elements: readonly Element[], pageUrl: string): boolean {
  if (/\/(?:19|20)\d{2}\/\d{1,2}\/(?:\d{1,2}\/)?[^/]+/.test(new URL(pageUrl).pathname)) return true;
  return elements.some((element) => {
    if (element.name === 'meta') return (element.attribs['property'] ?? element.attribs['name'] ?? '').trim().toLowerCase() === 'article:published_time';
    if (element.name !== 'body') return false;
    return (element.attribs['class'] ?? '').split(/\s+/).some((token) => /^(?:single(?:ular)?-post|postid-\d+|single(?:ular)?-post-\d+)$/.test(token));
  });
}

/** The addresses an article page goes by: its own and its `<link rel="canonical">`'s. */
function ownAddresses(elements: readonly Element[], pageUrl: string, base: string, encoding: string): string[] {
  const addresses = [pageUrl];
  const canonical = elements.find((element) => element.name === 'link' && (element.attribs['rel'] ?? '').toLowerCase().split(/\s+/).includes('canonical'))?.attribs['href'];
  if (canonical !== undefined) {
    try {
      addresses.push(resolveInDocumentEncoding(canonical.trim(), base, encoding).href);
    } catch {
      // an unusable canonical link names no address
    }
  }
  return addresses;
}

/**
 * Whether a feed address is an article's own address with `/feed/` after it (or `/feed/atom/`, ...), where WordPress
 * serves the article's comments: a section page's `/politics/feed/` is the section's, so only for an article page.
 */
function isArticlesOwnFeed(url: string, articleAddresses: readonly string[]): boolean {
  const feed = new URL(url);
  const match = /^(.*?)\/feed(?:\/(?:rss2?|atom|rdf))?\/?$/i.exec(feed.pathname);
  if (!match || feed.search !== '') return false;
  return articleAddresses.some((address) => {
    const article = new URL(address);
    return article.host === feed.host && article.pathname.replace(/\/+$/, '') === match[1] && match[1] !== '';
  });
}

/** At most this many of the news sitemaps a robots.txt names are tried (newsSitemapsOf). */
const MAX_ROBOTS_SITEMAPS = 3;

/**
 * The news sitemaps a robots.txt names in its `Sitemap:` lines (`Sitemap: https://outlet/news-sitemap.xml`): those on
 * the outlet's own hosts (isOutletsOwnHost) whose address says "news". A site's other sitemaps list every page it
 * has, not its latest articles, and an index of sitemaps is not one.
 */
export function newsSitemapsOf(robots: string, robotsUrl: string): string[] {
  const host = new URL(robotsUrl).hostname;
  const found: string[] = [];
  for (const line of robots.split(/\r\n?|\n/)) {
    const match = /^\s*sitemap\s*:\s*(\S+)/i.exec(line);
    if (!match) continue;
    let url: URL;
    try {
      url = new URL(match[1]!, robotsUrl);
    } catch {
      continue;
    }
    url.hash = '';
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !isOutletsOwnHost(url.hostname, host) || !NEWS_SITEMAP_ADDRESS.test(`${url.pathname}${url.search}`)) continue;
    if (!found.includes(url.href)) found.push(url.href);
    if (found.length === MAX_ROBOTS_SITEMAPS) break;
  }
  return found;
}

/** A news sitemap's address says "news", not as a newsletter's or a newsroom's does. */
const NEWS_SITEMAP_ADDRESS = /news(?!letter|room)/i;

/** At most this many `<meta http-equiv="refresh">` pages are followed from the page given (discoverFeeds). */
const MAX_REFRESHES = 3;

/**
 * What a fetched body is: its kind by content (the whole body: a feed after a preamble of page markup counts only
 * where it ends the body, sniffFeedKind), whether it was served as HTML, and whether it looks like a feed (XML, JSON,
 * or a gzip file, which may be one, sitemap.xml.gz: parseFeed decompresses it).
 */
function bodyKind(page: Extract<FetchResult, { status: 'ok' }>) {
  const sniffed = sniffFeedKind(decodeFeedBytes(page.body, page.headers).text).kind;
  const servedAsHtml = /html/.test((page.headers['content-type'] ?? '').toLowerCase());
  return { sniffed, servedAsHtml, looksLikeFeed: sniffed === 'xml' || sniffed === 'json' || isGzipFile(page.body) };
}

/** Whether a fetched body is an HTML page (by its content, or served as HTML), not a feed. */
function isHtmlPage(page: Extract<FetchResult, { status: 'ok' }>): boolean {
  const { sniffed, servedAsHtml, looksLikeFeed } = bodyKind(page);
  return !looksLikeFeed && (sniffed === 'html' || servedAsHtml);
}

/** A refresh of a minute or more is a page reloading itself (a news home page), not one sending readers on. */
const LONGEST_REDIRECTING_REFRESH_SECONDS = 60;

/**
 * Where a `<meta http-equiv="refresh">` whose `content` is given sends readers (`0; url=/en/`, `0;URL='…'`, `5, …`),
 * read as HTML's parsing of it does, resolved against the page's base; null for a reload (no URL), a delay of a
 * minute or more, or a target that is not an http(s) URL.
 */
function refreshTarget(content: string, base: string, encoding: string): string | null {
  const match = /^\s*(\d*)(?:\.[\d.]*)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/is.exec(content);
  if (!match || (match[1] === '' && !content.trim().startsWith('.')) || Number(match[1]) >= LONGEST_REDIRECTING_REFRESH_SECONDS) return null;
  let target = match[2]!.trim();
  const quote = target[0];
  if (quote === '"' || quote === "'") target = target.slice(1, target.indexOf(quote, 1) < 0 ? undefined : target.indexOf(quote, 1));
  if (target === '') return null;
  try {
    const resolved = resolveInDocumentEncoding(target, base, encoding);
    resolved.hash = '';
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

/**
 * Whether a link's host is the outlet's own, for a page on `pageHost`: the same host, `www.` aside, or one under the
 * same registrable domain (`rss.cnn.com` for `edition.cnn.com`, `feeds.bbc.co.uk` for `www.bbc.co.uk`), by the Public
 * Suffix List (tldts), whose private part makes each blog of `github.io` or `blogspot.com` a domain of its own. Blog
 * platforms the list leaves out (SHARED_PLATFORMS) are treated so too: another blog there is another outlet. An IP
 * address is its own.
 */
export function isOutletsOwnHost(linkHost: string, pageHost: string): boolean {
  const bare = (host: string) => host.replace(/\.$/, '').toLowerCase().replace(/^www\./, '');
  const [link, page] = [bare(linkHost), bare(pageHost)];
  if (link === page) return true;
  const domain = getDomain(page, { allowPrivateDomains: true });
  return domain !== null && !SHARED_PLATFORMS.has(domain) && link.endsWith(`.${domain}`);
}

/** Domains whose hosts are each someone else's site (one blog each) but that the Public Suffix List does not list. */
const SHARED_PLATFORMS = new Set(['wordpress.com', 'substack.com', 'tumblr.com', 'medium.com', 'typepad.com', 'livejournal.com', 'over-blog.com', 'ghost.io', 'beehiiv.com', 'micro.blog']);

/** A sitemap's address (`/sitemap.xml`, `/sitemap_index.xml`, `/news-sitemap.xml`): a page's footer links one. */
function isSitemapUrl(url: URL): boolean {
  return /sitemap[^/]*$/i.test(url.pathname);
}

/**
 * A wait a server asked for with Retry-After (on a 429 or 503, see askedWaitSeconds): `seconds` from
 * its answer, and `until`, the time it ends (ISO-8601 UTC, to the second), worked out when the answer came, not when
 * it is shown. `heldBack`: the request was never sent, the request queue holding it back for the wait another answer
 * of its host asked for (the failure's message already says until when).
 */
export interface ServerWait {
  seconds: number;
  until: string;
  heldBack: boolean;
}

/** The wait a failed answer asks for with Retry-After, `nowMs` being when it came; null when it names none. */
export function serverWaitOf(response: Exclude<FetchResult, { status: 'ok' }>, nowMs: number): ServerWait | null {
  const seconds = askedWaitSeconds(response);
  if (response.status !== 'failed' || seconds === null) return null;
  return { seconds, until: new Date(nowMs + seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z'), heldBack: response.error.notSent === true };
}

export interface DiscoveredFeed {
  /**
   * The URL to put in the pipeline file: the one that answered after permanent redirects, but not a temporary
   * redirect's target (often a signed, expiring CDN address).
   */
  url: string;
  title: string | null;
  format: ParsedFeed['format'];
  itemCount: number;
  /** How it was found. */
  via: 'page' | 'link' | 'probe';
  /** Other candidates that are this same feed, not offered separately; absent when there were none. */
  merged?: MergedCandidate[];
}

/**
 * A candidate folded into another feed. `same_address`: the same URL but for scheme, fragment or trailing slash
 * (feedUrlKey), so not fetched at all, or fetched over the other scheme and answering too; `same_final_url`:
 * redirected to where the feed's own URL led; `same_content`: another address serving the same feed (same title, same
 * item ids or links in the same order), as a CMS's /rss, /feed and /rss.xml often do, or its RSS and JSON Feed.
 */
export interface MergedCandidate {
  url: string;
  reason: 'same_address' | 'same_final_url' | 'same_content';
}

/** Found the way the user meant more, then the better address: what the page links beats a guessed path. */
const VIA_RANK: Record<DiscoveredFeed['via'], number> = { page: 0, link: 1, probe: 2 };

function isBetterFeed(a: DiscoveredFeed, b: DiscoveredFeed): boolean {
  return VIA_RANK[a.via] !== VIA_RANK[b.via] ? VIA_RANK[a.via] < VIA_RANK[b.via] : compareFeedUrls(a.url, b.url) < 0;
}

/**
 * What makes two fetched feeds the same feed whatever their address or format: the same title and item ids, or the
 * same title and item links (WordPress's RSS feed gives its posts ids of `?p=1`, its JSON Feed their permalinks; an
 * RDF and an RSS version differ so too). None for a feed without items, which says too little (two empty section
 * feeds of one site share the site's title), and no links key unless the feed has items that each have a link of their
 * own (a status page's feeds link every item to the page, and one item says too little).
 */
function feedContentKeys(feed: ParsedFeed): string[] {
  if (feed.items.length === 0) return [];
  const links = feed.items.map((item) => item.link);
  return [
    JSON.stringify(['ids', feed.title, feed.items.map((item) => item.id)]),
    ...(links.length > 1 && links.every((link) => link !== null) && new Set(links).size === links.length ? [JSON.stringify(['links', feed.title, links])] : []),
  ];
}

export interface DiscoveryResult {
  feeds: DiscoveredFeed[];
  /** Comments feeds found, not offered (see commentsFeedReason); a linked one is not fetched. */
  commentFeeds: { url: string; title: string | null; reason: string }[];
  /**
   * Candidates that did not work, with the reason, for the user to see why a link was skipped. `cutOff`: not answered
   * when discovery reached its time limit (the others failed on their own). `wait`: the wait its server asked for with
   * Retry-After (a 429 or 503), when to try it again.
   */
  rejected: { url: string; reason: string; cutOff?: true; wait?: ServerWait }[];
  /** Set when the page itself could not be used: not fetched, or not a readable feed nor an HTML page. */
  error: string | null;
  /**
   * Why, as a stable code: the fetch error's code (`http_404`, `timeout`, ...), `not_a_feed` when the URL answered
   * with what looks like a feed (XML, JSON, gzip) that cannot be read, `not_a_page` when it is neither a feed nor HTML.
   */
  errorCode: string | null;
  /** Feed links of the page beyond `maxLinks`, not tried. */
  skippedLinks: string[];
  /** True when discovery stopped at `deadlineMs` with candidates unanswered (they are in `rejected`, saying so). */
  timedOut: boolean;
  /**
   * The page's own answer when it could not be fetched (`error` then holds its message, unless feeds were found at
   * common paths all the same), for what else it says: the Retry-After of a 429 or 503. Null when the page answered.
   */
  pageFailure: Exclude<FetchResult, { status: 'ok' }> | null;
  /** The wait the page's server asked for with Retry-After when the page is why discovery failed (`error`), else null. */
  wait: ServerWait | null;
  /**
   * For each of `feeds` (same index), the addresses asked for that redirected permanently to its `url` (a candidate's
   * own, and the hops on the way), so a caller knows the feed by an old address too, as a pipeline may still name it.
   */
  redirectedFrom: string[][];
  /**
   * For each of `feeds` (same index), the addresses it was read from in the end, after redirects of any kind (a
   * temporary one too), its own and those of the candidates merged into it: a pipeline that lists the feed at one of
   * them already reads it.
   */
  answeredFrom: string[][];
}

/**
 * Why a feed is taken for a comments feed, or null. A news monitor wants articles, and a site's comments feeds
 * (WordPress declares one on every page, and one per post) carry readers' comments. The rule, kept simple so it can
 * be documented: the address has a path segment `comments` (/comments/feed/, Blogger's /feeds/comments/default,
 * /comments.rss), WordPress's `?feed=comments-rss2` or its feed of one post (`?feed=rss2&p=123`); or the title (the
 * link's, else the feed's own) says "Comments Feed" (WordPress's "Site » Comments Feed", "Site » Post Comments Feed"),
 * starts with "Comments" (its feeds' own titles, "Comments for Site" and "Comments on: Post") or ends with
 * "- Comments". "Comment" alone is not enough: it is what many outlets call their opinion section. (An article page's
 * own address with /feed/ after it is told by discoverFeeds, which knows the page: isArticlesOwnFeed.)
 */
export function commentsFeedReason(url: string, title: string | null, whose: 'link' | 'feed'): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.pathname.split('/').some((segment) => /^comments(\.[a-z]+)?$/i.test(segment))) return 'a comments feed (its address has /comments/)';
    if (/^comments-/i.test(parsed.searchParams.get('feed') ?? '')) return 'a comments feed (its address asks for ?feed=comments-...)';
    // WordPress without pretty links: a feed of one post or page is its comments (`?feed=rss2&p=123`)
    if (parsed.searchParams.has('feed') && (parsed.searchParams.has('p') || parsed.searchParams.has('page_id'))) {
      return "a comments feed (its address asks for one post's feed, ?feed=...&p=...)";
    }
  } catch {
    // not a URL: the title may still tell
  }
  const clean = title?.replace(/\s+/g, ' ').trim() ?? '';
  if (/\bcomments feed\b/i.test(clean) || /^comments\b/i.test(clean) || /[-–—:»|·]\s*comments$/i.test(clean)) {
    return `a comments feed (the ${whose === 'link' ? "link's" : "feed's"} title is ${JSON.stringify(clean)})`;
  }
  return null;
}

/** Feed links of a page tried at most: a page can declare hundreds (one per tag or author), each costing a request. */
export const MAX_FEED_LINKS = 10;

/** Candidates fetched at once (each host further held to its own limit, see DiscoverOptions.perHostConcurrency). */
export const DISCOVERY_CONCURRENCY = 4;

/**
 * The time a whole discovery may take, page included: twice the per-request timeout, and at least a minute, so a
 * page whose links all hang costs a minute (60 s with the default 30 s timeout) rather than a timeout per link.
 */
export function discoveryDeadlineMs(timeoutMs: number): number {
  return Math.max(60_000, 2 * timeoutMs);
}

/** What discovery is doing, for a progress display: each candidate is announced, then reported once tried. */
export type DiscoveryEvent =
  | { type: 'page'; url: string }
  | { type: 'candidates'; via: 'link' | 'probe'; urls: readonly string[]; skipped: number }
  | { type: 'tried'; via: 'link' | 'probe'; url: string; reason: string | null; wait: ServerWait | null };

export interface DiscoverOptions {
  fetch: Omit<FetchOptions, 'etag' | 'lastModified'>;
  /** Probe the common paths even when the page declares working feeds. @default false */
  alwaysProbe?: boolean;
  /** Distinct feed links of the page tried, in document order; the rest are listed in `skippedLinks`. @default 10 */
  maxLinks?: number;
  /** Candidates fetched at once. @default 4 */
  concurrency?: number;
  /** Candidates fetched at once from one host (`host:port`). @default 2 */
  perHostConcurrency?: number;
  /** Time the whole discovery may take, in milliseconds. @default discoveryDeadlineMs(fetch.timeoutMs) */
  deadlineMs?: number;
  onProgress?: (event: DiscoveryEvent) => void;
}

type Fetched = Pick<FetchResult, 'requestedUrl' | 'url' | 'redirects'>;

/** The address to keep for a fetch: where permanent redirects led, or the one asked for if any redirect was temporary. */
function addressToKeep(response: Fetched): string {
  return response.redirects.every((redirect) => redirect.permanent) ? response.url : response.requestedUrl;
}

/** The addresses a fetch asked for that lead to the one kept (addressToKeep) by permanent redirects only. */
function permanentlyRedirectedFrom(response: Fetched): string[] {
  if (response.redirects.length === 0 || !response.redirects.every((redirect) => redirect.permanent)) return [];
  return [...new Set([response.requestedUrl, ...response.redirects.map((redirect) => redirect.from)])].filter((url) => url !== response.url);
}

/** Where a fetched feed was found: the address to keep, the one answered, the one asked for, and those that moved. */
interface FoundAt {
  url: string;
  finalUrl: string;
  requested: string;
  redirectedFrom: string[];
}

/**
 * Where to probe the common paths for a page fetched from `pageUrl`: where it was answered, unless a temporary
 * redirect took it to another site, then the address asked for first (a consent wall or a login page is not the
 * outlet, and its `/feed` no feed of the outlet's) and, unless the page it landed on looks like such a wall, that
 * page's site second (an outlet that moved domain by a 302). A permanent move to another domain is the outlet's new
 * home. Null for no second site.
 */
function probedSites(page: Fetched, pageUrl: string): [string, string | null] {
  const [landed, asked] = [new URL(page.url), new URL(pageUrl)];
  if (sameSite(landed.hostname, asked.hostname) || addressToKeep(page) === page.url) return [page.url, null];
  return [pageUrl, WALL_ADDRESS.test(`${landed.hostname}${landed.pathname}${landed.search}`) ? null : page.url];
}

/** An address (host, path, query) a consent wall, a login or a cookie check is served at, or that says where to return after it. */
const WALL_ADDRESS = /consent|gdpr|\b(?:login|log-in|signin|sign-in|sso|oauth2?|auth|cookies?|privacy)\b|[?&](?:continue|return(?:url|to)?|redirect(?:_?uri|url)?|next|dest(?:ination)?|callback|back(?:url)?)=/i;

/** Whether two hosts are one site: the same host, `www.` aside, or hosts of one registrable domain (isOutletsOwnHost). */
function sameSite(a: string, b: string): boolean {
  return isOutletsOwnHost(a, b) || isOutletsOwnHost(b, a);
}

/** The addresses of a fetch, for `keep`. */
function foundAt(response: Fetched, requested: string): FoundAt {
  return { url: addressToKeep(response), finalUrl: response.url, requested, redirectedFrom: permanentlyRedirectedFrom(response) };
}

/** Why a candidate is not a feed, and the wait its server asked for (Retry-After), if it did. */
interface Rejection {
  reason: string;
  wait: ServerWait | null;
}

type Attempt = ({ feed: ParsedFeed } & FoundAt) | Rejection;

const isRejection = (attempt: Attempt): attempt is Rejection => 'reason' in attempt;

/**
 * Fetches and parses one candidate; a Rejection when it is not a feed. `timedOut` says the request ran out of
 * its time limit, which the caller needs to tell a slow site from one stopped by discovery's own deadline.
 */
async function tryFeed(url: string, fetcher: Fetcher, options: DiscoverOptions['fetch']): Promise<{ attempt: Attempt; timedOut: boolean }> {
  const response = await fetcher(url, options);
  if (response.status === 'failed') return { attempt: { reason: response.error.message, wait: serverWaitOf(response, Date.now()) }, timedOut: response.error.code === 'timeout' };
  if (response.status === 'not_modified') return { attempt: { reason: 'unexpected 304', wait: null }, timedOut: false };
  const feed = await tryFeedBody(response.body, response.url, response.headers, options.maxBytes);
  return { attempt: typeof feed === 'string' ? { reason: feed, wait: null } : { feed, ...foundAt(response, url) }, timedOut: false };
}

/** How early a timer may seem to fire when read against Date.now(), which both round to whole milliseconds. */
const TIMER_SLACK_MS = 5;

/**
 * Tries `urls` at most `concurrency` at a time and `perHost` per host, until `deadline` (epoch ms). Holding candidates
 * back per host here, rather than only in the request queue, means a candidate's time limit starts when its request
 * does: a request never waits for a slot and then runs past the deadline. Outcomes come back in the order of `urls`;
 * a candidate not answered by the deadline gets a reason saying so. Each request's timeout is cut to the time left.
 */
function tryCandidates(
  urls: readonly string[],
  fetcher: Fetcher,
  options: DiscoverOptions['fetch'],
  limits: { concurrency: number; perHost: number; deadline: number; deadlineMs: number },
  onTried: (url: string, attempt: Attempt) => void,
): Promise<{ outcomes: Attempt[]; cutOff: ReadonlySet<number>; timedOut: boolean }> {
  const outcomes: (Attempt | undefined)[] = new Array(urls.length).fill(undefined);
  const started = new Set<number>();
  const pending = urls.map((_url, index) => index);
  const inFlightByHost = new Map<string, number>();
  let active = 0;
  let settled = false;
  const limit = `${Number((limits.deadlineMs / 1000).toFixed(1))} s`;
  return new Promise((resolve, reject) => {
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const cutOff = new Set(outcomes.flatMap((outcome, index) => (outcome === undefined ? [index] : [])));
      const done = outcomes.map((outcome, index) =>
        outcome ?? { reason: started.has(index) ? `no answer within the ${limit} that discovery may take` : `not tried: discovery reached its limit of ${limit}`, wait: null },
      );
      resolve({ outcomes: done, cutOff, timedOut: cutOff.size > 0 });
    };
    const timer = setTimeout(finish, Math.max(0, limits.deadline - Date.now()));
    const pump = () => {
      if (settled) return;
      const left = limits.deadline - Date.now();
      if (left <= 0) return finish();
      for (let k = 0; k < pending.length && active < limits.concurrency; ) {
        const index = pending[k]!;
        const url = urls[index]!;
        const host = hostKeyOf(url);
        if ((inFlightByHost.get(host) ?? 0) >= limits.perHost) {
          k += 1;
          continue;
        }
        pending.splice(k, 1);
        started.add(index);
        active += 1;
        inFlightByHost.set(host, (inFlightByHost.get(host) ?? 0) + 1);
        const timeoutMs = Math.max(1, Math.min(options.timeoutMs, left));
        const cutToDeadline = timeoutMs < options.timeoutMs;
        tryFeed(url, fetcher, { ...options, timeoutMs, connectTimeoutMs: Math.min(options.connectTimeoutMs, timeoutMs) }).then(
          ({ attempt, timedOut }) => {
            active -= 1;
            inFlightByHost.set(host, inFlightByHost.get(host)! - 1);
            if (settled) return;
            // A timeout cut to the time left ends at the deadline, and its timer can fire a moment before discovery's
            // own. Then the deadline, not the site, is why there is no answer: left unanswered, finish() says so.
            // (A connect timeout that was not cut fires well before the deadline and is the site's answer.)
            // Nor is another candidate started in the moment left: it would be cut off unasked for.
            const stoppedByDeadline = timedOut && cutToDeadline && Date.now() >= limits.deadline - TIMER_SLACK_MS;
            if (stoppedByDeadline) return;
            outcomes[index] = attempt;
            onTried(url, attempt);
            pump();
          },
          (error: unknown) => {
            // a bug in fetching, not a bad site (tryFeedBody makes any error of parsing the candidate's rejection)
            settled = true;
            clearTimeout(timer);
            reject(error);
          },
        );
      }
      if (active === 0 && pending.length === 0) finish();
    };
    pump();
  });
}

/**
 * Finds the feeds of the site at `pageUrl`. Never throws for a bad site: unreachable pages and dead links come
 * back in `error` and `rejected`. Give the page's host and port as `fetch.trustedHostname` (trustedHostOf) rather than
 * allowing private addresses: links and redirects to other hosts and ports then stay guarded, so a page cannot make
 * pausewatch probe the user's own network on its behalf.
 *
 * Bounded whatever the site does: at most `maxLinks` of the page's feed links are tried, a few candidates at a time,
 * and the whole discovery stops at `deadlineMs`, candidates still unanswered then being rejected with that reason.
 */
export async function discoverFeeds(pageUrl: string, fetcher: Fetcher, options: DiscoverOptions): Promise<DiscoveryResult> {
  const feeds: DiscoveredFeed[] = [];
  const commentFeeds: DiscoveryResult['commentFeeds'] = [];
  const rejected: DiscoveryResult['rejected'] = [];
  const skippedLinks: string[] = [];
  let timedOut = false;
  const deadlineMs = options.deadlineMs ?? discoveryDeadlineMs(options.fetch.timeoutMs);
  const deadline = Date.now() + deadlineMs;
  const limits = { concurrency: options.concurrency ?? DISCOVERY_CONCURRENCY, perHost: options.perHostConcurrency ?? 2, deadline, deadlineMs };
  let pageFailure: DiscoveryResult['pageFailure'] = null;
  const report = (error: { message: string; code: string } | null, wait: ServerWait | null = null): DiscoveryResult => ({
    feeds: withTitlesTold(feeds, identities.map((identity) => identity.linkTitle)), commentFeeds, rejected, error: error?.message ?? null, errorCode: error?.code ?? null, skippedLinks, timedOut, pageFailure, wait: error ? wait : null,
    redirectedFrom: identities.map((identity, index) => [...identity.redirectedFrom].filter((url) => url !== feeds[index]!.url)),
    answeredFrom: identities.map((identity) => [...identity.finalUrls]),
  });
  /** feedUrlKey of the final URLs of kept feeds, so a common path that is one of them is not probed. */
  const known = new Set<string>();
  /** feedUrlKey of the URLs already asked for, so each candidate is fetched once, whatever its spelling. */
  const tried = new Set<string>([feedUrlKey(pageUrl)]);
  /** What identifies each of `feeds` (same index) besides its URL: final URLs and content of the candidates merged in. */
  const identities: { finalKeys: Set<string>; finalUrls: Set<string>; contentKeys: Set<string>; requested: string; redirectedFrom: Set<string>; linkTitle: string | null }[] = [];
  /**
   * Adds a feed, or merges it with the one already kept that it duplicates (same final URL, or same content), the
   * better of the two (isBetterFeed) giving the address shown, the other named in `merged` by the URL it was tried at.
   */
  const keep = (feed: ParsedFeed, found: FoundAt, via: DiscoveredFeed['via'], fallbackTitle: string | null, sameAddress: readonly string[] = []) => {
    const finalKey = feedUrlKey(found.finalUrl);
    const contentKeys = feedContentKeys(feed);
    known.add(finalKey);
    const fresh: DiscoveredFeed = { url: found.url, title: feed.title ?? fallbackTitle, format: feed.format, itemCount: feed.items.length, via };
    if (sameAddress.length > 0) fresh.merged = sameAddress.map((url) => ({ url, reason: 'same_address' as const }));
    const index = identities.findIndex((id) => id.finalKeys.has(finalKey) || contentKeys.some((key) => id.contentKeys.has(key)));
    if (index < 0) {
      identities.push({ finalKeys: new Set([finalKey]), finalUrls: new Set([found.finalUrl]), contentKeys: new Set(contentKeys), requested: found.requested, redirectedFrom: new Set(found.redirectedFrom), linkTitle: fallbackTitle });
      feeds.push(tidyMerged(fresh));
      return;
    }
    const identity = identities[index]!;
    // the same address but for its scheme, each answering: the same feed over http and https, nothing redirected
    const reason = identity.finalUrls.has(found.finalUrl) ? 'same_final_url' : identity.finalKeys.has(finalKey) ? 'same_address' : 'same_content';
    identity.finalKeys.add(finalKey);
    identity.finalUrls.add(found.finalUrl);
    for (const key of contentKeys) identity.contentKeys.add(key);
    for (const url of found.redirectedFrom) identity.redirectedFrom.add(url);
    const kept = feeds[index]!;
    const [winner, loser] = isBetterFeed(fresh, kept) ? [fresh, kept] : [kept, fresh];
    const loserUrl = loser === fresh ? found.requested : identity.requested;
    if (winner === fresh) [identity.requested, identity.linkTitle] = [found.requested, fallbackTitle ?? identity.linkTitle];
    winner.merged = [...(winner.merged ?? []), { url: loserUrl, reason }, ...(loser.merged ?? [])];
    feeds[index] = tidyMerged(winner);
  };

  /** feedUrlKey of the comments feeds set aside: a page may declare thousands (one per post), each looked up here. */
  const setAsideKeys = new Set<string>();
  const setAside = (url: string, title: string | null, reason: string) => {
    const key = feedUrlKey(url);
    if (setAsideKeys.has(key)) return;
    setAsideKeys.add(key);
    commentFeeds.push({ url, title, reason });
  };

  /** Tries candidates found the same way; kept and rejected in the order given, whatever order they answer in. */
  const tryAll = async (candidates: readonly Candidate[], via: 'link' | 'probe', skipped = 0) => {
    options.onProgress?.({ type: 'candidates', via, urls: candidates.map((c) => c.url), skipped });
    const attempts = await tryCandidates(candidates.map((c) => c.url), fetcher, options.fetch, limits, (url, attempt) =>
      options.onProgress?.({ type: 'tried', via, url, reason: isRejection(attempt) ? attempt.reason : null, wait: isRejection(attempt) ? attempt.wait : null }),
    );
    timedOut ||= attempts.timedOut;
    candidates.forEach((candidate, index) => {
      const attempt = attempts.outcomes[index]!;
      const cutOff = attempts.cutOff.has(index) ? { cutOff: true as const } : {};
      if (!isRejection(attempt)) {
        // a candidate whose link did not say it is a comments feed, but whose address after redirects or own title does
        const reason = commentsFeedReason(attempt.url, attempt.feed.title, 'feed');
        if (reason) setAside(attempt.url, attempt.feed.title, reason);
        else keep(attempt.feed, attempt, via, candidate.title, candidate.sameAddress);
      } else {
        const wait = attempt.wait ? { wait: attempt.wait } : {};
        rejected.push({ url: candidate.url, reason: attempt.reason, ...cutOff, ...wait });
        // not fetched: they are the URL that failed, spelt otherwise
        for (const url of candidate.sameAddress) rejected.push({ url, reason: `same address as ${urlForDisplay(candidate.url)}: ${attempt.reason}`, ...cutOff, ...wait });
      }
    });
  };

  /** Tries `paths` against `base`, unless discovery is out of time. */
  const probe = async (base: string, paths: readonly string[]) => {
    if (timedOut) return;
    const urls = paths.map((path) => new URL(path, base).href).filter((url) => !tried.has(feedUrlKey(url)) && !known.has(feedUrlKey(url)));
    for (const url of urls) tried.add(feedUrlKey(url));
    await tryAll(urls.map((url) => ({ url, title: null, sameAddress: [] })), 'probe');
  };

  const pageTimeoutMs = Math.min(options.fetch.timeoutMs, deadlineMs);
  /** Fetches a page, within `timeoutMs` (the page's own limit, or the time left of the search for a page it led to). */
  const fetchPage = (url: string, timeoutMs = pageTimeoutMs) => {
    options.onProgress?.({ type: 'page', url });
    return fetcher(url, {
      ...options.fetch,
      timeoutMs,
      connectTimeoutMs: Math.min(options.fetch.connectTimeoutMs, timeoutMs),
      accept: 'text/html, application/xhtml+xml, application/rss+xml;q=0.9, application/atom+xml;q=0.9, */*;q=0.5',
      // a page's feed links are in its head: a home page over the size cap, or one that never ends, is read as far as
      // it came within the limits
      keepCutBody: true,
    });
  };
  /** Tries the news sitemaps the robots.txt of the site at `base` names (newsSitemapsOf); a site without one has none. */
  const probeRobots = async (base: string) => {
    const robotsUrl = new URL('/robots.txt', base).href;
    const timeoutMs = Math.min(pageTimeoutMs, deadline - Date.now());
    if (tried.has(feedUrlKey(robotsUrl)) || timeoutMs < 1_000) return;
    tried.add(feedUrlKey(robotsUrl));
    options.onProgress?.({ type: 'page', url: robotsUrl });
    const robots = await fetcher(robotsUrl, { ...options.fetch, timeoutMs, connectTimeoutMs: Math.min(options.fetch.connectTimeoutMs, timeoutMs), accept: 'text/plain, */*;q=0.5' });
    if (robots.status !== 'ok') return;
    const urls = newsSitemapsOf(robots.body.toString('utf8'), robots.url).filter((url) => !tried.has(feedUrlKey(url)) && !known.has(feedUrlKey(url)));
    for (const url of urls) tried.add(feedUrlKey(url));
    if (urls.length > 0) await tryAll(urls.map((url) => ({ url, title: null, sameAddress: [] })), 'probe');
  };

  let page = await fetchPage(pageUrl);
  if (page.status !== 'ok') {
    pageFailure = page;
    const pageWait = serverWaitOf(page, Date.now());
    const error = page.status === 'failed' ? page.error : { code: 'not_modified', message: 'unexpected 304 for the page' };
    rejected.push({ url: pageUrl, reason: error.message, ...(pageWait ? { wait: pageWait } : {}) });
    // A site whose home page answers with an error (a 503, a page too large) may still serve its feed at a common
    // path. Not a site that cannot be reached or does not answer in time (each probe would wait as long), nor a
    // URL below the home page: the user asked for that one, not for whatever feed the site has.
    const isHomePage = new URL(pageUrl).pathname === '/';
    if (isHomePage && /^(http_\d+|too_large|not_modified)$/.test(error.code)) await probe(pageUrl, COMMON_FEED_PATHS);
    return report(feeds.length > 0 ? null : error, pageWait);
  }
  // The URL given may already be a feed.
  const { sniffed, servedAsHtml, looksLikeFeed } = bodyKind(page);
  // A feed cut at a limit is a feed that cannot be read whole, as a run would find it: that is the answer.
  if (page.cut && looksLikeFeed && !servedAsHtml) {
    rejected.push({ url: pageUrl, reason: page.cut.message });
    return report(page.cut);
  }
  if (looksLikeFeed) {
    const attempt = await tryFeedBody(page.body, page.url, page.headers, options.fetch.maxBytes);
    if (typeof attempt !== 'string') {
      // a feed served as HTML and cut at a limit: a run would fail to read it whole
      if (page.cut) {
        rejected.push({ url: pageUrl, reason: page.cut.message });
        return report(page.cut);
      }
      keep(attempt, foundAt(page, pageUrl), 'page', null);
      return report(null);
    }
    // The user gave the address of a feed that is broken (or of some other XML or JSON): that is the answer. The
    // site's other feeds would hide the problem behind a suggestion the user did not ask for. Unless the server
    // calls it HTML: then it is a page whose markup starts with something else than <html> (`<meta>`, `<div>`).
    if (!servedAsHtml) {
      rejected.push({ url: pageUrl, reason: attempt });
      return report({ message: attempt, code: 'not_a_feed' });
    }
  } else if (sniffed !== 'html' && !servedAsHtml) {
    const mediaType = (page.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    // An image, a PDF, plain text: no links to follow, and no reason to think the site's feed is wanted instead.
    const reason = `neither a feed nor an HTML page (${sniffed === 'empty' ? 'the body is empty' : mediaType ? `served as ${mediaType}` : 'no media type'})`;
    rejected.push({ url: pageUrl, reason });
    return report({ message: reason, code: 'not_a_page' });
  }

  /** A fetched page's feed links, read in its encoding; its own address is not tried again as a candidate. */
  const linksOf = (fetched: Extract<FetchResult, { status: 'ok' }>) => {
    const { text, encoding } = decodePage(fetched.body, fetched.headers);
    tried.add(feedUrlKey(fetched.url));
    return feedLinksOfPage(text, fetched.url, encoding);
  };
  let pageLinks = linksOf(page);
  // A page that names no feed and only sends readers on with <meta http-equiv="refresh"> (a language chooser, a home
  // page that moved) is read where it sends them, as a browser would; not to a wall on another site (probedSites).
  // Not a feed served as HTML that could not be read: only an HTML page is read so.
  for (let hop = 0; hop < MAX_REFRESHES && !looksLikeFeed; hop++) {
    const target = pageLinks.declared.length === 0 && pageLinks.anchors.length === 0 ? pageLinks.refresh : null;
    const timeLeft = Math.min(pageTimeoutMs, deadline - Date.now());
    if (target === null || tried.has(feedUrlKey(target)) || timeLeft < 1_000) break;
    const [from, to] = [new URL(page.url).hostname, new URL(target)];
    if (!sameSite(from, to.hostname) && WALL_ADDRESS.test(`${to.hostname}${to.pathname}${to.search}`)) break;
    tried.add(feedUrlKey(target));
    const next = await fetchPage(target, timeLeft);
    // only a page is read in its stead: a notice in plain text, an image, other XML leave the page as it was
    if (next.status !== 'ok' || !isHtmlPage(next)) {
      rejected.push({ url: target, reason: next.status === 'failed' ? next.error.message : next.status === 'not_modified' ? 'unexpected 304 for the page' : 'not an HTML page' });
      break;
    }
    page = next;
    pageLinks = linksOf(page);
  }
  const maxLinks = options.maxLinks ?? MAX_FEED_LINKS;
  /**
   * Tries links of the page (the first maxLinks that are not comments feeds, the outlet's likely main feeds first:
   * see rankedLinks), naming the others as skipped.
   */
  const tryLinks = async (found: readonly FeedLink[]) => {
    const grouped = sameAddressGroups(found.filter((link) => !tried.has(feedUrlKey(link.url))));
    const links = rankedLinks(grouped, new URL(page.url).hostname).filter((link) => {
      // set aside before fetching, and before the limit on links: a comments feed is no feed to offer
      const reason = isArticlesOwnFeed(link.url, pageLinks.articleAddresses)
        ? "a comments feed (the article's own address with /feed/, where WordPress serves its comments)"
        : commentsFeedReason(link.url, link.title, 'link');
      if (reason) {
        setAside(link.url, link.title, reason);
        // nor probed: a post's own /feed/ is the link WordPress declares as its comments feed
        tried.add(feedUrlKey(link.url));
      }
      return !reason;
    });
    const skippedBefore = skippedLinks.length;
    for (const link of links.slice(maxLinks)) skippedLinks.push(link.url, ...link.sameAddress);
    const chosen = links.slice(0, maxLinks);
    for (const link of chosen) tried.add(feedUrlKey(link.url));
    if (chosen.length > 0) await tryAll(chosen, 'link', skippedLinks.length - skippedBefore);
  };
  await tryLinks(pageLinks.declared);
  if (feeds.length > 0 && !options.alwaysProbe) return report(null);
  // A page whose declared links give no feed may list its feeds as ordinary links (an outlet's "RSS feeds" page):
  // tried before the common paths, not instead of them, since a home page may link a podcast's feed and serve its
  // articles' at /feed.
  if (feeds.length === 0 && !timedOut) await tryLinks(pageLinks.anchors);

  /** A page read only in part that gave no feed: the failure it would have been, said so. */
  const partReport = (cut: BodyCut) => {
    rejected.unshift({ url: pageUrl, reason: `${cut.message}; read as far as it came` });
    return report(cut);
  };
  // A page that stopped sending before its end: each common path of the site would wait as long.
  if (page.cut?.code === 'timeout') return feeds.length > 0 ? report(null) : partReport(page.cut);
  /**
   * Probes the common paths of the site at `base`, a section's own first (see sectionOf), the site's root only when
   * the section has none. Not below an article's address, which is no section (WordPress serves the article's comments
   * there): the root then, even when the page's links gave feeds (an author's or a tag's).
   */
  const probeSite = async (base: string) => {
    const section = pageLinks.articleAddresses.length > 0 ? null : sectionOf(base);
    if (section) {
      await probe(section, SECTION_FEED_PATHS);
      if (feeds.length > 0 && !options.alwaysProbe) return;
    }
    await probe(base, COMMON_FEED_PATHS);
  };
  const [outletPage, landing] = probedSites(page, pageUrl);
  await probeSite(outletPage);
  // a site that moved to another domain by a temporary redirect, whose old host sends every path to the new home
  if (landing !== null && feeds.length === 0) await probeSite(landing);
  // an outlet that publishes a news sitemap and no feed often names it in robots.txt alone
  if (feeds.length === 0 && !timedOut) await probeRobots(outletPage);
  return page.cut && feeds.length === 0 ? partReport(page.cut) : report(null);
}

/**
 * The feeds with titles that tell them apart: section feeds often all carry the outlet's name as their own title
 * ("The Outlet" three times), while the page's links name each ("The Outlet - Politics"). Where feeds share a title,
 * each whose link gave a title no other of them has is shown by that.
 */
function withTitlesTold(feeds: readonly DiscoveredFeed[], linkTitles: readonly (string | null)[]): DiscoveredFeed[] {
  const key = (title: string | null) => title?.replace(/\s+/g, ' ').trim().toLowerCase() ?? '';
  const count = (titles: readonly (string | null)[], title: string | null) => titles.filter((other) => key(other) === key(title)).length;
  const titles = feeds.map((feed) => feed.title);
  return feeds.map((feed, index) => {
    const linkTitle = linkTitles[index] ?? null;
    if (feed.title === null || count(titles, feed.title) < 2 || linkTitle === null || count(linkTitles, linkTitle) > 1 || count(titles, linkTitle) > 0) return feed;
    return { ...feed, title: linkTitle };
  });
}

/** `feed` without merged URLs that its own URL already shows (where a permanent redirect led), nor twice the same. */
function tidyMerged(feed: DiscoveredFeed): DiscoveredFeed {
  const seen = new Set([feed.url]);
  const merged = (feed.merged ?? []).filter((m) => !seen.has(m.url) && Boolean(seen.add(m.url)));
  const { merged: _old, ...rest } = feed;
  return merged.length > 0 ? { ...rest, merged } : rest;
}

/** A URL to try, with the other spellings of it found (same feedUrlKey), which are not fetched. */
interface Candidate {
  url: string;
  title: string | null;
  sameAddress: string[];
}

/**
 * The page's feed links in the order they are tried, so the limit on links (MAX_FEED_LINKS) keeps the outlet's main
 * feed however many its page declares: first those on the outlet's own site (isOutletsOwnHost) or a feed host it
 * publishes through (FeedBurner), then any other site's (a partner's wire, a podcast host); and within each, those
 * that look like a site's main feed (a common feed path at the root, `?feed=rss2`, or a title such as "All stories",
 * "Top stories", "Latest news") before sections, tags and authors. Otherwise in page order.
 */
function rankedLinks(links: readonly Candidate[], pageHost: string): Candidate[] {
  const rank = (link: Candidate) => {
    const url = new URL(link.url);
    return (publishesOutletsFeeds(url.hostname, pageHost) ? 0 : 2) + (looksLikeMainFeed(url, link.title) ? 0 : 1);
  };
  return links.map((link, index) => ({ link, index, rank: rank(link) })).sort((a, b) => a.rank - b.rank || a.index - b.index).map(({ link }) => link);
}

/** Services outlets publish their feeds through, on hosts of their own (`feeds.feedburner.com/outlet`). */
const FEED_HOSTS = new Set(['feedburner.com', 'feedpress.me', 'feedblitz.com']);

/** Whether a feed on `feedHost` is the outlet's of a page on `pageHost`: on its own site, or a feed host's (FEED_HOSTS). */
export function publishesOutletsFeeds(feedHost: string, pageHost: string): boolean {
  return isOutletsOwnHost(feedHost, pageHost) || FEED_HOSTS.has(getDomain(feedHost) ?? '');
}

/** The main feed's addresses below a site's root, beyond COMMON_FEED_PATHS. */
const MAIN_FEED_PATHS = new Set([...COMMON_FEED_PATHS, '/feed/atom', '/feed/rss', '/feed/rss2', '/rss2', '/atom', '/feeds', '/index.rss', '/rss/index.xml']);

/** Whether a feed link looks like a site's main feed rather than a section's, a tag's or an author's (see rankedLinks). */
function looksLikeMainFeed(url: URL, title: string | null): boolean {
  const path = url.pathname.replace(/\/+$/, '').toLowerCase() || '/';
  if (url.search === '' ? MAIN_FEED_PATHS.has(path) : path === '/' && /^\?(?:feed|format)=(?:rss2?|atom)$/i.test(url.search)) return true;
  return /\b(?:all (?:stories|news|articles|posts)|top (?:stories|news)|latest (?:stories|news|articles|posts)|front ?page|main feed)\b/i.test(title ?? '');
}

/**
 * Links grouped by feedUrlKey and scheme, in the order each address first appears: `/feed?format=rss` and
 * `/feed/?format=rss` are one feed to WordPress, and a request for each would only offer it twice. The scheme stays
 * apart: https that fails (a broken certificate) must not hide the same feed over http; when both answer, the same
 * content merges them after. The URL kept is compareFeedUrls's choice; the title the first one given.
 */
function sameAddressGroups(links: readonly FeedLink[]): Candidate[] {
  const groups = new Map<string, Candidate>();
  for (const link of links) {
    const key = `${link.url.slice(0, link.url.indexOf(':')).toLowerCase()}:${feedUrlKey(link.url)}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { url: link.url, title: link.title, sameAddress: [] });
    } else if (compareFeedUrls(link.url, group.url) < 0) {
      group.sameAddress.push(group.url);
      group.url = link.url;
      group.title ??= link.title;
    } else {
      group.sameAddress.push(link.url);
      group.title ??= link.title;
    }
  }
  return [...groups.values()];
}

/**
 * A candidate's feed, or why it is none. parseFeed throws a FeedParseError for whatever a document does, a hostile
 * one's nesting that exhausts a parser included; any other error is a bug of ours. It fails that candidate alone
 * (one link of a page must not end the discovery of the others, nor the whole command), under a reason that says it
 * is a bug and where it was thrown, which `sources add` shows with the candidates it tried and in `--json`.
 */
async function tryFeedBody(body: Buffer, url: string, headers: Record<string, string>, maxBytes: number): Promise<ParsedFeed | string> {
  try {
    // a gzip file's (sitemap.xml.gz) decompressed size is capped as a fetched body's
    const feed = await parseFeed(body, { url, headers, maxBytes });
    return !feed.wellFormed && feed.items.length === 0 ? `no item could be read: ${feed.warnings[0] ?? 'not well-formed'}` : feed;
  } catch (error) {
    // without the hint to run `sources add` on it: discovery is what found it
    if (error instanceof FeedParseError) return error.reason;
    return internalErrorReason(error);
  }
}

/** A bug met while parsing a candidate, as its reason: the error, and the first frame of its stack. */
function internalErrorReason(error: unknown): string {
  const described = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const frame = error instanceof Error ? /^\s*at (.+)$/m.exec(error.stack ?? '')?.[1] : undefined;
  return `internal error while reading it as a feed (a bug in pausewatch; please report it): ${described.replace(/\s+/g, ' ').slice(0, 300)}${frame ? ` (at ${frame})` : ''}`;
}
