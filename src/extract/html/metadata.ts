/**
 * Page metadata: title, byline, dates, language, site name, canonical URL, lead image. Each field is read from
 * a ladder of sources, most reliable first (Open Graph / JSON-LD are written for machines; visible markup last).
 */
import { formatNames } from '../../model/byline.ts';
import { MAX_BYLINE_CHARS, MAX_OUTLET_CHARS, MAX_TITLE_CHARS, withinLimit } from '../../model/field-limits.ts';
import type { CheerioAPI } from 'cheerio';
import { decodeHTML } from 'entities';
import type { ExtractedArticle } from '../../model/index.ts';
import { isTimestampLine } from '../furniture-lines.ts';
import { normalizeDate } from './dates.ts';
import { findArticleObject, stringsOf, type JsonLdObject } from './json-ld.ts';
import { collapseSpace, descendants, rawText, wordTest, type Element, type ParentNode } from './dom.ts';
import { resolveInDocumentEncoding } from '../../ingest/query-encoding.ts';
import { escapeRegExp } from '../../model/escape-regexp.ts';

/** Everything extraction reports about a page except its text. */
export type PageMetadata = Omit<ExtractedArticle, 'url' | 'text' | 'partial'>;

/**
 * Resolves a possibly relative URL against the page URL; null when it is not a usable http(s) URL. A user name and
 * password in it (`https://user:secret@host/a`, written by the page or taken from a base that has them) are dropped:
 * the canonical URL and the image are shown to users, and no page's link needs a login to name an article.
 * @param encoding the encoding the page was decoded from: as browsers resolve the URLs a page writes, the non-ASCII
 * characters of the query are percent-encoded in it (resolveInDocumentEncoding), so a page in windows-1251 names the
 * address its server knows (`?cat=%CD%EE...`), not the UTF-8 one (`?cat=%D0%9D...`); JSON-LD, which is JSON, is UTF-8
 */
export function resolveUrl(href: string | null | undefined, base: string | null | undefined, encoding = 'utf-8'): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed) return null;
  try {
    // A base that is no URL (a saved page's path, `captures/page.html`) still lets absolute links through.
    const u = resolveInDocumentEncoding(trimmed, base && URL.canParse(base) ? base : undefined, encoding);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return null;
  }
}

/**
 * Inline HTML tags some CMSs leave in the values they write for machines (`"headline": "<em>Exclusive:</em> ..."`,
 * an og:title written with `&lt;b&gt;`): markup, not part of a title or a name. Only these tags, so that text in
 * angle brackets ("Jane Doe <jane@ledger.example>") stays.
 */
const INLINE_TAG = /<\/?(?:a|abbr|b|br|cite|code|del|em|font|i|ins|mark|q|s|small|span|strong|sub|sup|u|wbr)(?:\s[^<>]*)?\/?>/gi;

function clean(value: string | null | undefined): string | null {
  if (value == null) return null;
  const s = collapseSpace(value.includes('<') ? value.replace(INLINE_TAG, (tag) => (/^<br\b/i.test(tag) ? ' ' : '')) : value).trim();
  return s ? s : null;
}

/** A language tag as BCP 47 writes one ("en", "en-GB", "zh-Hant-TW"; "en_GB" as "en-GB"), else null. */
function languageTag(value: string | null | undefined): string | null {
  const tag = clean(value)?.split(/[\s,;]/)[0]!.replace(/_/g, '-');
  return tag && tag.length <= 35 && /^[a-z]{2,3}(?:-[a-z\d]{1,8})*$/i.test(tag) ? tag : null;
}

function first(...values: (string | null | undefined)[]): string | null {
  for (const v of values) {
    const c = clean(v);
    if (c) return c;
  }
  return null;
}

/**
 * The page's <meta> values by lower-cased property/name/itemprop (first occurrence wins; `all` keeps every one, for
 * keys a page may repeat, like one author meta per author), and the first element per itemprop. Built in one
 * scan of the page's elements: a selector query per key would walk a 1.5 MB page dozens of times.
 */
interface MetaIndex {
  meta: Map<string, string>;
  all: Map<string, string[]>;
  itemprop: Map<string, { content: string | null; datetime: string | null; readonly text: string }>;
}

function indexMeta(elements: readonly Element[]): MetaIndex {
  const meta = new Map<string, string>();
  const all = new Map<string, string[]>();
  const itemprop: MetaIndex['itemprop'] = new Map();
  for (const el of elements) {
    if (el.name === 'meta') {
      const content = clean(el.attribs['content']);
      if (content) {
        for (const attr of ['property', 'name', 'itemprop']) {
          const key = el.attribs[attr]?.toLowerCase();
          if (!key) continue;
          if (!meta.has(key)) meta.set(key, content);
          const values = all.get(key);
          if (values) values.push(content);
          else all.set(key, [content]);
        }
      }
    }
    if (el.attribs['itemprop'] == null) continue;
    for (const key of el.attribs['itemprop'].split(/\s+/)) {
      if (key && !itemprop.has(key)) {
        // The text only when asked for: nested itemprops would otherwise each copy the text of all inside them.
        itemprop.set(key, { content: el.attribs['content'] ?? null, datetime: el.attribs['datetime'] ?? null, get text() { return rawText(el); } });
      }
    }
  }
  return { meta, all, itemprop };
}

/** The first element that passes `test`, as `$(selector).first()` finds it (see findElements in dom.ts). */
function firstOf(elements: readonly Element[], test: (el: Element) => boolean): Element | undefined {
  return elements.find(test);
}

const isBylineClass = [wordTest('byline'), wordTest('author-name'), wordTest('article-author')];
// css-select compares rel (and the other attributes HTML lists) without case.
const isCanonical = wordTest('canonical', true);

/** The first non-empty <meta> value among `keys`. */
function meta(index: MetaIndex, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = index.meta.get(key.toLowerCase());
    if (v) return v;
  }
  return null;
}

/**
 * Removes the name of the site where a title carries it as a suffix or prefix ("Headline | The Daily Ledger",
 * "Ledger: Headline"), for each name the page gives for itself. Only a known name is removed: a headline's own
 * dashes and colons ("Impeachment sham debunked: White House") stay.
 */
export function stripKnownSite(title: string, siteNames: readonly string[]): string {
  let out = title;
  // Longest first, so "The Daily Ledger" goes before a "Ledger" that is part of it.
  for (const name of [...siteNames].sort((a, b) => b.length - a.length)) {
    // a name as long as the title is none of its parts (and a hostile one's pattern overflowed the regex stack)
    if (name.length >= out.length) continue;
    const n = escapeRegExp(name);
    // A hyphen or dash only separates when spaced ("e-tron" is a word); bars, bullets and guillemets always do.
    const suffix = new RegExp(`^(.*?\\S)(?:\\s+[-–—:]|\\s*[|·»/])\\s*${n}$`, 'iu').exec(out);
    const prefix = suffix ? null : new RegExp(`^${n}(?:\\s*[|·»:/]|\\s+[-–—])\\s*(\\S.*)$`, 'iu').exec(out);
    const rest = suffix?.[1] ?? prefix?.[1];
    if (rest && /\p{L}/u.test(rest)) out = rest.trim();
  }
  return out;
}

/**
 * Removes a " | Site Name" / " - Site Name" suffix (or prefix) that <title> usually carries. Only strips when the
 * remaining part is still a plausible headline, since real headlines contain dashes too.
 */
export function stripSiteFromTitle(title: string, siteNames: readonly string[]): string {
  const known = stripKnownSite(title, siteNames);
  if (known !== title) return known;
  const last = [...title.matchAll(/\s+[|\-–—·:»]\s+/g)].at(-1);
  if (last === undefined) return title;
  // Without a known site name, drop the shortest end segment if the rest is clearly the headline. The rest is cut
  // from the title as it is: its own dashes and bars stay the characters they were.
  const head = title.slice(0, last.index);
  const tail = title.slice(last.index + last[0].length);
  if (tail.split(' ').length <= 4 && head.split(' ').length >= 3) return head;
  return title;
}

/** JSON-LD strings are plain text, but many CMSs put HTML entities in them ("&#8216;", "&amp;"). */
function ldText(value: string | undefined): string | null {
  if (value === undefined) return null;
  return clean(/&(?:#\d+|#x[\da-f]+|[a-z]+\d*);/i.test(value) ? decodeHTML(value) : value);
}

/** Where a byline's names may end: a bar, a bullet, a spaced dash, a comma. */
const BYLINE_SEPARATOR = /\s*(?:[|•·]|\s[-–—]|,)\s*/g;
const DATE_LABEL = /^(?:last\s+)?(?:updated|published|posted|modified)\b/i;

/**
 * The names of a byline as pages print it, without its furniture: the "By" before them and the date after them
 * ("By Jane Doe and John Roe | Updated June 5, 2026 10:19 AM" gives "Jane Doe and John Roe"). What follows the names
 * is kept unless it is a date, a time or an "Updated ..." label ("Jane Doe, Staff Writer" stays as it is).
 */
export function bylineNames(value: string): string {
  const text = value.replace(/^by\s+/i, '');
  for (const m of text.matchAll(BYLINE_SEPARATOR)) {
    const rest = text.slice(m.index + m[0].length);
    if (m.index > 0 && (DATE_LABEL.test(rest) || isTimestampLine(rest))) return text.slice(0, m.index);
  }
  return text;
}

const AUTHOR_META_KEYS = ['author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl'];

function readByline(elements: readonly Element[], index: MetaIndex, article: JsonLdObject | null): string | null {
  // Some sites put author profile URLs in meta author; those are not names.
  const isName = (s: string): boolean => !/^https?:\/\//.test(s) && s.length <= 120;
  const fromLd = article ? stringsOf(article['author'] ?? article['creator']).map((s) => ldText(s) ?? '') : [];
  const names = fromLd.filter((s) => s !== '' && isName(s)).map(bylineNames).filter((s) => s !== '');
  if (names.length > 0) return formatNames(names);
  // Every author meta of the first key that names someone: pages give one meta per author.
  for (const key of AUTHOR_META_KEYS) {
    const metaNames = (index.all.get(key) ?? []).filter(isName).map(bylineNames).filter((s) => s !== '');
    if (metaNames.length > 0) return formatNames(metaNames);
  }
  // Visible markup last, and only looked for when needed: `[rel="author"]`, then `.byline, .author-name, .article-author`.
  const textOf = (el: Element | undefined): string => (el ? rawText(el) : '');
  const visible = first(index.itemprop.get('author')?.text)
    ?? first(textOf(firstOf(elements, (el) => el.attribs['rel']?.length === 6 && el.attribs['rel'].toLowerCase() === 'author')))
    ?? first(textOf(firstOf(elements, (el) => isBylineClass.some((test) => test(el.attribs['class'])))));
  if (visible && visible.length <= 120) return bylineNames(visible) || null;
  return null;
}

/** Same words, whatever the case, spacing and punctuation. */
function sameText(a: string, b: string): boolean {
  // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
  const key = (t: string): string => t.toLowerCase().replace(/[^\p{L}\p{N}]{1,1000}/gu, ' ').trim();
  return key(a) === key(b);
}

function readDate(index: MetaIndex, ldValue: unknown, metaKeys: string[], itemprop: string): string | null {
  const prop = index.itemprop.get(itemprop);
  const candidates: (string | null | undefined)[] = [
    typeof ldValue === 'string' ? ldValue : null,
    meta(index, ...metaKeys),
    prop?.content ?? prop?.datetime,
  ];
  for (const c of candidates) {
    const d = normalizeDate(c);
    if (d) return d;
  }
  return null;
}

/** @param encoding the encoding the page was decoded from, for the URLs it writes (see resolveUrl) */
export function extractMetadata($: CheerioAPI, ldObjects: JsonLdObject[], pageUrl: string | null, encoding = 'utf-8'): PageMetadata {
  const elements = descendants($.root()[0] as unknown as ParentNode);
  const index = indexMeta(elements);
  const firstNamed = (name: string): Element | undefined => firstOf(elements, (el) => el.name === name);
  const article = findArticleObject(ldObjects);
  const publisher = article ? stringsOf(article['publisher'])[0] : undefined;
  const ldSite = ldObjects.find((o) => o['@type'] === 'WebSite' || o['@type'] === 'Organization' || o['@type'] === 'NewsMediaOrganization');
  const publisherName = ldText(publisher);
  const ldSiteName = ldText(ldSite ? stringsOf(ldSite)[0] : undefined);
  const siteName = first(meta(index, 'og:site_name', 'application-name'), publisherName, ldSiteName);
  // Every name the page gives itself: a title may carry any of them. One past the length of a name is none.
  const siteNames = [meta(index, 'og:site_name'), meta(index, 'application-name'), publisherName, ldSiteName]
    .filter((n): n is string => n !== null && n.length <= MAX_OUTLET_CHARS);

  const docTitle = (): string | null => {
    const titleEl = firstNamed('title');
    const t = clean(titleEl ? rawText(titleEl) : '');
    return t ? stripSiteFromTitle(t, siteNames) : null;
  };
  // Titles written for machines, each without the site name it may carry. When they disagree (a social title
  // next to the real headline), the one the page shows as its headline wins; else Open Graph first, since JSON-LD
  // headlines are cut at 110 characters by some CMSs (Google's limit).
  const machineTitles = [meta(index, 'og:title'), meta(index, 'twitter:title'), ldText(article ? stringsOf(article['headline'])[0] : undefined)]
    .map((t) => clean(t))
    .filter((t): t is string => t !== null)
    .map((t) => stripKnownSite(t, siteNames));
  const h1El = firstNamed('h1');
  const h1 = first(h1El ? rawText(h1El) : '');
  const title = (h1 !== null ? machineTitles.find((t) => sameText(t, h1)) : undefined) ?? machineTitles[0] ?? h1 ?? docTitle();

  // A visible <time datetime> is not read here: which one dates the article depends on where the article is on
  // the page (see article-time.ts), which only the text extraction finds out.
  const publishedAt = readDate(index, article?.['datePublished'], ['article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'dc.date.issued', 'sailthru.date', 'parsely-pub-date'], 'datePublished');
  const modifiedAt = readDate(index, article?.['dateModified'], ['article:modified_time', 'og:updated_time', 'dateModified', 'last-modified'], 'dateModified');

  const html = firstNamed('html');
  // the first that is a language tag: a template's placeholder (`lang="{{ page.lang }}"`) is none
  const lang = [html?.attribs['lang'], html?.attribs['xml:lang'], ...['og:locale', 'language', 'content-language'].map((key) => meta(index, key))]
    .map(languageTag)
    .find((tag) => tag !== null) ?? null;

  // Relative links resolve against the page's <base href> when it has one (the first, as browsers take it), itself
  // resolved against the page's URL; an unusable one (javascript:, data:) leaves the page's URL as the base.
  const baseEl = firstOf(elements, (el) => el.name === 'base' && el.attribs['href'] !== undefined);
  const base = resolveUrl(baseEl?.attribs['href'], pageUrl, encoding) ?? pageUrl;
  const canonical = firstOf(elements, (el) => el.name === 'link' && isCanonical(el.attribs['rel']));
  const canonicalUrl = resolveUrl(canonical?.attribs['href'], base, encoding) ?? resolveUrl(meta(index, 'og:url'), base, encoding);

  const ldImage = article?.['image'];
  const ldImageUrl = typeof ldImage === 'string' ? ldImage
    : Array.isArray(ldImage) ? (typeof ldImage[0] === 'string' ? ldImage[0] : (ldImage[0] as JsonLdObject | undefined)?.['url'])
    : (ldImage as JsonLdObject | undefined)?.['url'];
  const image = resolveUrl(meta(index, 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'), base, encoding)
    ?? resolveUrl(typeof ldImageUrl === 'string' ? ldImageUrl : null, base);

  return {
    title: withinLimit(title, MAX_TITLE_CHARS),
    byline: withinLimit(readByline(elements, index, article), MAX_BYLINE_CHARS),
    publishedAt, modifiedAt, lang,
    siteName: withinLimit(siteName, MAX_OUTLET_CHARS),
    canonicalUrl, image,
  };
}
