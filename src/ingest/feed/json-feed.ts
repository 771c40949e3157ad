/**
 * JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1). Own code: rss-parser does not read JSON.
 * 1.0's `author` object and 1.1's `authors` array are both read; relative URLs resolve against the feed URL.
 */
import type { FeedEnclosure, ParsedFeed } from '../../model/index.ts';
import { FeedParseError } from './feed-parse-error.ts';
import { assignItemIds, authorName, dropRepeatedItems, withoutEmptyItems, cleanText, escapeHtml, DateReader, htmlTitleText, repairDecodedText, resolveHtmlUrls, resolveUrl } from './normalise.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : null);
/** URLs must be strings: a number in "url" is a broken generator, not a path to resolve. */
const urlOrNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

function firstAuthor(item: Json, feed: Json): string | null {
  const candidates = [...(Array.isArray(item.authors) ? item.authors : []), item.author, ...(Array.isArray(feed.authors) ? feed.authors : []), feed.author];
  for (const candidate of candidates) {
    const name = isObject(candidate) ? authorName(stringOrNull(candidate.name)) : authorName(stringOrNull(candidate));
    if (name) return name;
  }
  return null;
}

/** UTF-8 text that went through a legacy code page upstream ("Itâ€™s") repaired, control characters removed, as in XML feeds. */
const repaired = (value: string | null) => (value === null ? null : repairDecodedText(value));

/** A title as text: plain text by JSON Feed's spec, but WordPress's and others' hold HTML (see htmlTitleText). */
function titleText(value: unknown): string | null {
  const title = stringOrNull(value);
  return title === null ? null : htmlTitleText(title);
}

const LONE_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const withoutLoneSurrogates = (value: string) => value.replace(LONE_SURROGATE, '\uFFFD');

/**
 * JSON Feed's `content_text` as the HTML the model's `content` is: each block between blank lines one paragraph, a line
 * break within a block a `<br>` (as a plain-text capture's lines are kept apart), the text escaped. Escaped whole, a
 * post's paragraphs were one run of text, which extraction read as one paragraph or none. U+2029 and U+2028, the
 * paragraph and line separators, count as a blank line and a line break.
 */
export function plainTextToHtml(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\u2029/g, '\n\n').replace(/\u2028/g, '\n').split('\n');
  const paragraphs: string[][] = [[]];
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed !== '') paragraphs[paragraphs.length - 1]!.push(escapeHtml(trimmed));
    else if (paragraphs[paragraphs.length - 1]!.length > 0) paragraphs.push([]);
  }
  return paragraphs
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${paragraph.join('<br>')}</p>`)
    .join('');
}

export function parseJsonFeed(text: string, documentBase: string | null): ParsedFeed {
  let data: unknown;
  try {
    // "\ud800" alone is valid JSON but no character: each lone surrogate becomes one U+FFFD, as a decoder would
    // make of it, rather than something every later encoder treats its own way.
    data = LONE_SURROGATE_ESCAPE.test(text) ? JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' ? withoutLoneSurrogates(value) : value)) : JSON.parse(text);
  } catch (error) {
    throw new FeedParseError('parse', `the body looks like JSON but does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (Array.isArray(data)) throw new FeedParseError('not_a_feed', 'the body is a JSON array, not a JSON Feed (an object with "version" and "items")');
  if (!isObject(data) || typeof data.version !== 'string' || !/jsonfeed\.org\/version\/1/.test(data.version)) {
    throw new FeedParseError('not_a_feed', 'the body is JSON but not a JSON Feed (no "version": "https://jsonfeed.org/version/1[.1]")');
  }
  const warnings: string[] = [];
  if (!Array.isArray(data.items)) warnings.push('JSON Feed without an "items" array');
  const listed: unknown[] = Array.isArray(data.items) ? data.items : [];
  const rawItems = listed.filter(isObject);
  // Positions in "items" as the publisher wrote it, for warnings that name an entry.
  const positions = listed.flatMap((entry, position) => (isObject(entry) ? [position + 1] : []));
  if (rawItems.length < listed.length) warnings.push(`${listed.length - rawItems.length} of the ${listed.length} entries of "items" are not objects; skipped`);
  const base = resolveUrl(urlOrNull(data.feed_url) ?? documentBase, documentBase) ?? documentBase;
  const dates = new DateReader();
  const readItems = rawItems.map((item, index) => {
    for (const field of ['url', 'external_url'] as const) {
      if (item[field] !== undefined && item[field] !== null && urlOrNull(item[field]) === null) {
        warnings.push(`item ${positions[index]}: "${field}" is not a URL string (${JSON.stringify(item[field])}); ignored`);
      }
    }
    const link = resolveUrl(urlOrNull(item.url) ?? urlOrNull(item.external_url), base);
    const contentHtml = repaired(stringOrNull(item.content_html));
    const contentText = repaired(stringOrNull(item.content_text));
    const content = contentHtml ? resolveHtmlUrls(contentHtml, link ?? base) : contentText ? plainTextToHtml(contentText) : null;
    const summaryText = repaired(stringOrNull(item.summary));
    const enclosures: FeedEnclosure[] = (Array.isArray(item.attachments) ? item.attachments : []).filter(isObject).flatMap((attachment) => {
      const url = resolveUrl(urlOrNull(attachment.url), base);
      if (!url) return [];
      return [{ url, type: stringOrNull(attachment.mime_type), length: stringOrNull(attachment.size_in_bytes) }];
    });
    return {
      guid: stringOrNull(item.id),
      title: titleText(item.title),
      link,
      published: dates.read(stringOrNull(item.date_published)),
      updated: dates.read(stringOrNull(item.date_modified)),
      author: firstAuthor(item, data as Json),
      // JSON Feed's summary is plain text; the model's summary is HTML.
      summary: summaryText ? escapeHtml(summaryText) : null,
      content,
      enclosures,
      categories: (Array.isArray(item.tags) ? item.tags : []).map((tag) => cleanText(stringOrNull(tag))).filter((tag): tag is string => !!tag),
      outlet: null,
    };
  });
  const drafts = withoutEmptyItems(dropRepeatedItems(readItems, (index) => JSON.stringify(rawItems[index]), warnings), warnings);
  warnings.push(...dates.warnings());
  const ids = assignItemIds(drafts);
  return {
    format: 'json',
    title: titleText(data.title),
    link: resolveUrl(urlOrNull(data.home_page_url), base),
    items: drafts.map((draft, index) => ({ id: ids[index] ?? '', ...draft })),
    warnings,
    wellFormed: true,
    bozo: false,
    ttlSeconds: null,
  };
}
