/**
 * Page metadata: title, byline, dates, language, site name, canonical URL, lead image. Each field is read from
 * a ladder of sources, most reliable first (Open Graph / JSON-LD are written for machines; visible markup last).
 */
import type { CheerioAPI } from 'cheerio';
import type { ExtractedArticle } from '../../model/index.ts';
import { normalizeDate } from './dates.ts';
import { findArticleObject, stringsOf, type JsonLdObject } from './json-ld.ts';
import { collapseSpace } from './dom.ts';

/** Everything extraction reports about a page except its text. */
export type PageMetadata = Omit<ExtractedArticle, 'url' | 'text' | 'partial'>;

/** Resolves a possibly relative URL against the page URL; null when it is not a usable http(s) URL. */
export function resolveUrl(href: string | null | undefined, base: string | null | undefined): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (!trimmed) return null;
  try {
    const u = base ? new URL(trimmed, base) : new URL(trimmed);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function clean(value: string | null | undefined): string | null {
  if (value == null) return null;
  const s = collapseSpace(value).trim();
  return s ? s : null;
}

function first(...values: (string | null | undefined)[]): string | null {
  for (const v of values) {
    const c = clean(v);
    if (c) return c;
  }
  return null;
}

/**
 * The page's <meta> values by lower-cased property/name/itemprop (first occurrence wins), and the first element
 * per itemprop. Built in two scans: a selector query per key would walk a 1.5 MB page dozens of times.
 */
interface MetaIndex {
  meta: Map<string, string>;
  itemprop: Map<string, { content: string | null; datetime: string | null; text: string }>;
}

function indexMeta($: CheerioAPI): MetaIndex {
  const meta = new Map<string, string>();
  $('meta').each((_, el) => {
    const content = clean(el.attribs['content']);
    if (!content) return;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.attribs[attr]?.toLowerCase();
      if (key && !meta.has(key)) meta.set(key, content);
    }
  });
  const itemprop: MetaIndex['itemprop'] = new Map();
  $('[itemprop]').each((_, el) => {
    for (const key of (el.attribs['itemprop'] ?? '').split(/\s+/)) {
      if (key && !itemprop.has(key)) {
        itemprop.set(key, { content: el.attribs['content'] ?? null, datetime: el.attribs['datetime'] ?? null, text: $(el).text() });
      }
    }
  });
  return { meta, itemprop };
}

/** The first non-empty <meta> value among `keys`. */
function meta(index: MetaIndex, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = index.meta.get(key.toLowerCase());
    if (v) return v;
  }
  return null;
}

/**
 * Removes a " | Site Name" / " - Site Name" suffix (or prefix) that <title> usually carries. Only strips when the
 * remaining part is still a plausible headline, since real headlines contain dashes too.
 */
export function stripSiteFromTitle(title: string, siteName: string | null): string {
  const parts = title.split(/\s+[|\-–—·:»]\s+/);
  if (parts.length < 2) return title;
  const site = siteName?.toLowerCase();
  if (site) {
    const kept = parts.filter((p) => p.toLowerCase() !== site);
    if (kept.length < parts.length && kept.length > 0) return kept.join(' - ');
  }
  // Without a known site name, drop the shortest end segment if the rest is clearly the headline.
  const head = parts.slice(0, -1).join(' - ');
  const tail = parts[parts.length - 1]!;
  if (tail.split(' ').length <= 4 && head.split(' ').length >= 3) return head;
  return title;
}

function readByline($: CheerioAPI, index: MetaIndex, article: JsonLdObject | null): string | null {
  const fromLd = article ? stringsOf(article['author'] ?? article['creator']) : [];
  // Some sites put author profile URLs in meta author; those are not names.
  const isName = (s: string): boolean => !/^https?:\/\//.test(s) && s.length <= 120;
  const names = fromLd.filter(isName);
  if (names.length > 0) return [...new Set(names)].join(', ');
  const m = meta(index, 'author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'byl');
  if (m && isName(m)) return m.replace(/^by\s+/i, '');
  // Visible markup last, and only queried when needed: each selector is a walk over the whole page.
  const visible = first(index.itemprop.get('author')?.text)
    ?? first($('[rel="author"]').first().text())
    ?? first($('.byline, .author-name, .article-author').first().text());
  if (visible && visible.length <= 120) return visible.replace(/^by\s+/i, '');
  return null;
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

export function extractMetadata($: CheerioAPI, ldObjects: JsonLdObject[], pageUrl: string | null): PageMetadata {
  const index = indexMeta($);
  const article = findArticleObject(ldObjects);
  const publisher = article ? stringsOf(article['publisher'])[0] : undefined;
  const ldSite = ldObjects.find((o) => o['@type'] === 'WebSite' || o['@type'] === 'Organization' || o['@type'] === 'NewsMediaOrganization');
  const siteName = first(meta(index, 'og:site_name', 'application-name'), publisher, ldSite ? stringsOf(ldSite)[0] : null);

  const docTitle = (): string | null => {
    const t = clean($('title').first().text());
    return t ? stripSiteFromTitle(t, siteName) : null;
  };
  const title = first(meta(index, 'og:title', 'twitter:title'), article ? stringsOf(article['headline'])[0] : null)
    ?? first($('h1').first().text())
    ?? docTitle();

  let publishedAt = readDate(index, article?.['datePublished'], ['article:published_time', 'og:article:published_time', 'datePublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'dc.date.issued', 'sailthru.date', 'parsely-pub-date'], 'datePublished');
  // <time datetime> is the last resort: visible timestamps are usually the publication date.
  if (!publishedAt) publishedAt = normalizeDate($('time[datetime]').first().attr('datetime'));
  const modifiedAt = readDate(index, article?.['dateModified'], ['article:modified_time', 'og:updated_time', 'dateModified', 'last-modified'], 'dateModified');

  const lang = first($('html').attr('lang'), $('html').attr('xml:lang'), meta(index, 'og:locale', 'language', 'content-language'))?.replace(/_/g, '-') ?? null;

  const canonicalUrl = resolveUrl($('link[rel~="canonical"]').first().attr('href'), pageUrl) ?? resolveUrl(meta(index, 'og:url'), pageUrl);

  const ldImage = article?.['image'];
  const ldImageUrl = typeof ldImage === 'string' ? ldImage
    : Array.isArray(ldImage) ? (typeof ldImage[0] === 'string' ? ldImage[0] : (ldImage[0] as JsonLdObject | undefined)?.['url'])
    : (ldImage as JsonLdObject | undefined)?.['url'];
  const image = resolveUrl(meta(index, 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'), pageUrl)
    ?? resolveUrl(typeof ldImageUrl === 'string' ? ldImageUrl : null, pageUrl);

  return { title, byline: readByline($, index, article), publishedAt, modifiedAt, lang, siteName, canonicalUrl, image };
}
