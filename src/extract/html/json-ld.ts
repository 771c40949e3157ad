/**
 * JSON-LD (`<script type="application/ld+json">`) blocks, flattened. News sites put their most reliable
 * metadata there (headline, authors, dates, publisher) and often the full `articleBody` as well.
 */
import type { CheerioAPI } from 'cheerio';
import { findElements, rawText, type ParentNode } from './dom.ts';

export type JsonLdObject = Record<string, unknown>;

const ARTICLE_TYPES = /^(Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|BlogPosting|LiveBlogPosting|Report|ScholarlyArticle|TechArticle|SocialMediaPosting|WebPage|Review)$/;

/** Every object found in the page's JSON-LD blocks, with `@graph` arrays and nested lists unrolled. */
export function readJsonLd($: CheerioAPI): JsonLdObject[] {
  const out: JsonLdObject[] = [];
  // `script[type="application/ld+json"]`, the type compared without case as css-select does.
  const isJsonLd = (type: string | undefined): boolean => type?.length === 19 && type.toLowerCase() === 'application/ld+json';
  for (const el of findElements($.root()[0] as unknown as ParentNode, (e) => e.name === 'script' && isJsonLd(e.attribs['type']))) {
    const raw = rawText(el).trim();
    if (!raw) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      // Some CMSs emit raw control characters inside strings; JSON.parse rejects those, so retry without them.
      try {
        parsed = JSON.parse(raw.replace(/[\u0000-\u001f]+/g, ' '));
      } catch {
        continue;
      }
    }
    collect(parsed, out, 0);
  }
  return out;
}

function collect(value: unknown, out: JsonLdObject[], depth: number): void {
  if (depth > 4 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, out, depth + 1);
    return;
  }
  const obj = value as JsonLdObject;
  out.push(obj);
  if (Array.isArray(obj['@graph'])) collect(obj['@graph'], out, depth + 1);
  // WebPage objects sometimes wrap the article as mainEntity.
  if (obj['mainEntity'] && typeof obj['mainEntity'] === 'object') collect(obj['mainEntity'], out, depth + 1);
}

function typesOf(obj: JsonLdObject): string[] {
  const t = obj['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** The object that describes the article itself: an Article subtype, preferring one that has a headline. */
export function findArticleObject(objects: JsonLdObject[]): JsonLdObject | null {
  const articles = objects.filter((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t)));
  // A page's WebPage object is a weaker match than a real Article, so rank it last.
  const rank = (o: JsonLdObject): number =>
    (typesOf(o).some((t) => t !== 'WebPage' && ARTICLE_TYPES.test(t)) ? 2 : 0) + (o['headline'] ? 1 : 0);
  articles.sort((a, b) => rank(b) - rank(a));
  return articles[0] ?? null;
}

/** A plain string from a JSON-LD value that may be a string, an object with `name`, or a list of either. */
export function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (value && typeof value === 'object') {
    const name = (value as JsonLdObject)['name'];
    if (typeof name === 'string' && name.trim()) return [name.trim()];
  }
  return [];
}
