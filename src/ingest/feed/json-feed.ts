/**
 * JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1). Own code: rss-parser does not read JSON.
 * 1.0's `author` object and 1.1's `authors` array are both read; relative URLs resolve against the feed's address (or
 * its `feed_url` on the same site, see relativeUrlBase).
 */
import type { FeedEnclosure, ParsedFeed } from '../../model/index.ts';
import { formatNames } from '../../model/byline.ts';
import { isJsonFeedVersion, leadingSpace, scanJsonValue } from './detect.ts';
import { FeedParseError } from './feed-parse-error.ts';
import { absoluteHttpUrl, languageTag, assignItemIds, authorName, isLocalHost, collapseWhitespace, dropRepeatedItems, withoutEmptyItems, cleanText, decodeEntities, escapeHtml, DateReader, htmlTitleText, repairDecodedText, resolveHtmlUrls, resolveUrl, unixTimestampDate } from './normalise.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringOrNull = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' && Number.isFinite(value) ? String(value) : null;
/** An item's id as RSS and Atom ids are read, white space collapsed: a feed moving between the formats keeps its keys. */
const idOrNull = (value: unknown): string | null => {
  const id = stringOrNull(value);
  return id === null ? null : collapseWhitespace(id) || null;
};
/** A list field written as its one element (`"tags": "AI"`, `"attachments": {...}`), as `authors` often is. */
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
/**
 * A date's text: RFC 3339 by the spec, but a number is read as the Unix timestamp it is (seconds, or milliseconds),
 * which no string reader could tell from other digits; one no date holds stays as written, for the warning.
 */
const dateText = (value: unknown): string | null =>
  typeof value === 'number' && Number.isFinite(value) ? (unixTimestampDate(value) ?? String(value)) : stringOrNull(value);
/** URLs must be strings: a number in "url" is a broken generator, not a path to resolve. */
const urlOrNull = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);

/**
 * The item's authors as a byline prints them ("A, B and C"): 1.1's `authors`, else 1.0's `author`, else the feed's
 * in the same order (the spec's fallback for items that name none).
 */
function authorsOf(item: Json, feed: Json): string | null {
  for (const holder of [item, feed]) {
    // `authors` written as one object rather than a list of one is read all the same
    const authors = Array.isArray(holder.authors) ? holder.authors : [holder.authors];
    for (const candidates of [authors, [holder.author]]) {
      const names = candidates.flatMap((candidate) => {
        const name = isObject(candidate) ? authorName(stringOrNull(candidate.name)) : authorName(stringOrNull(candidate));
        return name ? [name] : [];
      });
      if (names.length > 0) return formatNames(names);
    }
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
 * Every string value in `data` (parsed JSON) with its lone surrogates made U+FFFD, in place. A loop over an explicit
 * stack rather than a JSON.parse reviver, which V8 calls recursively: a value nested 10,000 deep overflowed it.
 */
function replaceLoneSurrogates(data: unknown): void {
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      const value: unknown = (node as Record<string, unknown>)[key];
      if (typeof value === 'string') {
        const replaced = withoutLoneSurrogates(value);
        // defineProperty: an own "__proto__" key (JSON.parse makes one) is assigned, not the prototype set
        if (replaced !== value) Object.defineProperty(node, key, { value: replaced, writable: true, enumerable: true, configurable: true });
      } else if (typeof value === 'object' && value !== null) {
        stack.push(value);
      }
    }
  }
}

/**
 * Parsed JSON written back as JSON.stringify writes it, without its recursion: a value nested 10,000 deep overflowed
 * the stack. At most about `maxChars` characters (the text cut there) when given.
 */
function jsonText(value: unknown, maxChars = Number.POSITIVE_INFINITY): string {
  const parts: string[] = [];
  let written = 0;
  // what is still to write, last first: a string there is JSON text already, anything else a container to open
  const stack: unknown[] = [];
  const push = (item: unknown) => stack.push(typeof item === 'object' && item !== null ? item : (JSON.stringify(item) ?? 'null'));
  push(value);
  while (stack.length > 0 && written <= maxChars) {
    const next = stack.pop();
    if (typeof next === 'string') {
      parts.push(next);
      written += next.length;
    } else if (Array.isArray(next)) {
      stack.push(']');
      for (let index = next.length - 1; index >= 0; index--) {
        push(next[index]);
        if (index > 0) stack.push(',');
      }
      stack.push('[');
    } else {
      const record = next as Record<string, unknown>;
      const keys = Object.keys(record);
      stack.push('}');
      for (let index = keys.length - 1; index >= 0; index--) {
        push(record[keys[index]!]);
        stack.push(`${index > 0 ? ',' : ''}${JSON.stringify(keys[index])}:`);
      }
      stack.push('{');
    }
  }
  const text = parts.join('');
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/** What follows a feed's JSON, shown in its warning: the start of it, on one line. */
const NOISE_SHOWN_CHARS = 80;

/**
 * An `"id"` key's integer of 16 digits or more, which JSON.parse would round to the nearest double: two ids past 2^53
 * (9007199254740993 and 9007199254740992) would become one. JSON Feed says an id is a string (readers coerce a
 * number), so the number's digits are its id. `"id"` followed by a colon is a key: inside a string its quotes would
 * be escaped (`\"id\": 1`).
 */
const LONG_INTEGER_ID = /("id"[\t\n\r ]*:[\t\n\r ]*)(-?\d{16,})(?=[\t\n\r ]*[,}])/g;
const withLongIdsQuoted = (text: string) => text.replace(LONG_INTEGER_ID, '$1"$2"');

/**
 * The JSON of a feed, and what came after it. A JSON Feed that PHP printed a notice after (`<br />\n<b>Deprecated</b>:
 * ... on line 12<br />`, written at shutdown, after the plugin's output) is the feed and then noise, as a warning
 * before it is (parseFeed skips that one): the first complete JSON value is read, and a warning quotes what followed.
 */
function parseJsonText(body: string): { data: unknown; json: string; warning: string | null } {
  // White space and byte-order marks before the JSON (PHP prints one BOM for each included file that has one),
  // which the sniffing passed over too; and ids too long for a number kept as the digits written.
  const text = withLongIdsQuoted(body.slice(leadingSpace(body)));
  try {
    return { data: JSON.parse(text), json: text, warning: null };
  } catch (error) {
    const scan = error instanceof SyntaxError ? scanJsonValue(text, 0) : null;
    if (scan?.status === 'complete') {
      const json = text.slice(0, scan.end);
      const rest = text.slice(scan.end);
      try {
        const data: unknown = JSON.parse(json);
        const noise = collapseWhitespace(rest.slice(0, NOISE_SHOWN_CHARS * 4));
        const shown = noise.length > NOISE_SHOWN_CHARS || rest.length > NOISE_SHOWN_CHARS * 4 ? `${noise.slice(0, NOISE_SHOWN_CHARS)}…` : noise;
        return { data, json, warning: `${rest.length} characters after the feed ignored (as PHP prints a notice after its output): ${JSON.stringify(shown)}` };
      } catch {
        // the scan and JSON.parse disagree: the body's own error says why it does not parse
      }
    }
    throw new FeedParseError('parse', `the body looks like JSON but does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A character reference ended by `;`: `&#8217;`, `&#x2019;`, `&hellip;`. */
const CHARACTER_REFERENCE = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/**
 * A JSON Feed's plain text (`summary`, `content_text`) with the character references in it decoded: the spec says
 * plain text, but WordPress's plugins write them there as in HTML ("It&#8217;s time &#8211; […]"), which a reader
 * would otherwise see as written. Only references ended by `;`, so "AT&T" or "R&D" stay as they are.
 */
function withCharacterReferences(text: string | null): string | null {
  return text !== null && text.includes('&') ? text.replace(CHARACTER_REFERENCE, (reference) => decodeEntities(reference)) : text;
}

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

/**
 * What the feed's relative URLs resolve against: its `feed_url` where that names the site the feed came from (a feed
 * fetched at /feeds/main.json that calls itself /feed.json; `www.` and http for https aside, the scheme then being
 * the one it came over) or is all there is (a saved file), else the address it came from. A `feed_url` on another
 * site is a feed that moved, or a static site built with its development address (`http://localhost:1313/`): the
 * links are the site's the feed came from. One naming a private or local host is never a base.
 */
function relativeUrlBase(feedUrl: string | null, documentBase: string | null): string | null {
  const declared = feedUrl === null ? null : resolveUrl(feedUrl, documentBase);
  const declaredUrl = declared === null ? null : absoluteHttpUrl(declared);
  if (declaredUrl === null || isLocalHost(declaredUrl.hostname)) return documentBase;
  if (documentBase === null) return declaredUrl.href;
  const documentUrl = absoluteHttpUrl(documentBase);
  if (documentUrl === null) return declaredUrl.href;
  const site = (url: URL) => `${url.hostname.replace(/^www\./i, '')}:${url.port}`;
  if (site(declaredUrl) !== site(documentUrl)) return documentBase;
  declaredUrl.protocol = documentUrl.protocol;
  return declaredUrl.href;
}

/** An item's id when it is an http(s) URL, else null. */
const urlIdOf = (item: Json): string | null => {
  const id = typeof item.id === 'string' ? idOrNull(item.id) : null;
  return id !== null && /^https?:\/\//i.test(id) ? id : null;
};

export function parseJsonFeed(text: string, documentBase: string | null): ParsedFeed {
  const { data, json, warning: noiseWarning } = parseJsonText(text);
  if (Array.isArray(data)) throw new FeedParseError('not_a_feed', 'the body is a JSON array, not a JSON Feed (an object with "version" and "items")');
  if (!isObject(data) || !isJsonFeedVersion(data.version)) {
    const version = isObject(data) && data.version !== undefined ? `its "version" is ${jsonText(data.version, 80)}, not` : 'no "version":';
    throw new FeedParseError('not_a_feed', `the body is JSON but not a JSON Feed (${version} "https://jsonfeed.org/version/1[.1]")`);
  }
  // "\ud800" alone is valid JSON but no character: each lone surrogate becomes one U+FFFD, as a decoder would
  // make of it, rather than something every later encoder treats its own way.
  if (LONE_SURROGATE_ESCAPE.test(json)) replaceLoneSurrogates(data);
  const warnings: string[] = noiseWarning ? [noiseWarning] : [];
  if (!Array.isArray(data.items)) warnings.push('JSON Feed without an "items" array');
  const listed: unknown[] = Array.isArray(data.items) ? data.items : [];
  const rawItems = listed.filter(isObject);
  // Positions in "items" as the publisher wrote it, for warnings that name an entry.
  const positions = listed.flatMap((entry, position) => (isObject(entry) ? [position + 1] : []));
  if (rawItems.length < listed.length) warnings.push(`${listed.length - rawItems.length} of the ${listed.length} entries of "items" are not objects; skipped`);
  const base = relativeUrlBase(urlOrNull(data.feed_url), documentBase);
  // the items each URL id names, told apart by their JSON (an item listed twice word for word is one)
  const urlIdItems = new Map<string, Set<string>>();
  for (const item of rawItems) {
    const id = urlIdOf(item);
    if (id !== null) urlIdItems.set(id, (urlIdItems.get(id) ?? new Set<string>()).add(jsonText(item)));
  }
  const dates = new DateReader();
  const readItems = rawItems.map((item, index) => {
    for (const field of ['url', 'external_url'] as const) {
      if (item[field] !== undefined && item[field] !== null && urlOrNull(item[field]) === null) {
        warnings.push(`item ${positions[index]}: "${field}" is not a URL string (${jsonText(item[field], 200)}); ignored`);
      }
    }
    // JSON Feed: "ideally the id is the full URL of the resource described by the item", so an item without a "url"
    // whose id is an http(s) URL no other item has is at that address (as an RSS <guid> that is a URL is), before an
    // "external_url", which names a page the item is about.
    const id = urlIdOf(item);
    const idUrl = id !== null && urlIdItems.get(id)!.size === 1 ? id : null;
    const link = resolveUrl(urlOrNull(item.url) ?? idUrl ?? urlOrNull(item.external_url), base);
    const contentHtml = repaired(stringOrNull(item.content_html));
    const contentText = withCharacterReferences(repaired(stringOrNull(item.content_text)));
    const content = contentHtml ? resolveHtmlUrls(contentHtml, link ?? base) : contentText ? plainTextToHtml(contentText) : null;
    const summaryText = withCharacterReferences(repaired(stringOrNull(item.summary)));
    const enclosures: FeedEnclosure[] = listOf(item.attachments).filter(isObject).flatMap((attachment) => {
      const url = resolveUrl(urlOrNull(attachment.url), base);
      if (!url) return [];
      return [{ url, type: stringOrNull(attachment.mime_type), length: stringOrNull(attachment.size_in_bytes) }];
    });
    return {
      guid: idOrNull(item.id),
      title: titleText(item.title),
      link,
      published: dates.read(dateText(item.date_published)),
      updated: dates.read(dateText(item.date_modified)),
      author: authorsOf(item, data as Json),
      // JSON Feed's summary is plain text; the model's summary is HTML.
      summary: summaryText ? escapeHtml(summaryText) : null,
      content,
      enclosures,
      categories: listOf(item.tags).map((tag) => cleanText(stringOrNull(tag))).filter((tag): tag is string => !!tag),
      outlet: null,
      language: typeof item.language === 'string' ? languageTag(item.language) : null,
    };
  });
  const drafts = withoutEmptyItems(dropRepeatedItems(readItems, (index) => jsonText(rawItems[index]), warnings), warnings);
  warnings.push(...dates.warnings());
  const ids = assignItemIds(drafts);
  return {
    format: 'json',
    title: titleText(data.title),
    link: resolveUrl(urlOrNull(data.home_page_url), base),
    items: drafts.map((draft, index) => ({ id: ids[index] ?? '', ...draft })),
    warnings,
    // the JSON of the feed was read whole; what followed it (noiseWarning) is flagged, as text before it is, and so
    // is an "items" that is no list of items: a broken generator, not a quiet feed
    wellFormed: true,
    // a JSON Feed cut short does not parse, and is not read at all
    endsEarly: false,
    bozo: noiseWarning !== null || !Array.isArray(data.items) || rawItems.length < listed.length,
    ttlSeconds: null,
    skip: null,
    language: typeof data.language === 'string' ? languageTag(data.language) : null,
  };
}
