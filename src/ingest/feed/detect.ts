/**
 * Sniffs what a decoded body is, from its content only: servers label feeds text/html, text/plain or
 * application/octet-stream often enough that neither the URL nor the Content-Type can be trusted.
 */

/** `start`, on a feed: where it starts, past what came before it (a PHP warning); 0 when nothing did. */
export type SniffedKind =
  | { kind: 'empty' }
  | { kind: 'json'; start: number }
  /** `whole`: the body opens as a whole page does (`<html>`, `<head>`, `<body>`, an HTML doctype), not with some element. */
  | { kind: 'html'; whole: boolean }
  | { kind: 'xml'; root: string | null; localName: string | null; start: number }
  | { kind: 'unknown'; binary: boolean };

/** How many white space characters and byte-order marks the text starts with. */
export const leadingSpace = (text: string) => /^[\s\ufeff]*/.exec(text)![0].length;

/** Skips the prolog (XML declaration, comments, processing instructions, DOCTYPE) and returns the first tag name. */
export function firstElementName(text: string): string | null {
  let rest = text;
  for (;;) {
    rest = rest.slice(leadingSpace(rest));
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) return null;
      rest = rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) return null;
      rest = rest.slice(end + 3);
    } else if (/^<!doctype/i.test(rest)) {
      // a DOCTYPE may carry an internal subset in [...]
      const match = /^<!doctype[^[>]*(\[[\s\S]*?\]\s*)?>/i.exec(rest);
      if (!match) return null;
      rest = rest.slice(match[0].length);
    } else {
      const match = /^<([A-Za-z_][\w.:-]*)/.exec(rest);
      return match?.[1] ?? null;
    }
  }
}

/** Characters a text document does not contain: NUL and most C0 controls. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 2048);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code < 9 || (code > 13 && code < 32)) || code === 0xfffd) controls++;
  }
  return controls > Math.max(4, sample.length * 0.05);
}

/**
 * A doctype naming HTML, after the XML declaration and comments at most; a comment's text is what cannot end it, so
 * that many comments before a feed's root are refused in linear time (see PAGE_START in extract/page-format.ts).
 */
const HTML_DOCTYPE = /^(?:<\?xml[^>]*\?>\s*)?(?:<!--(?:[^-]|-(?!->))*-->\s*)*<!doctype\s+html[\s>]/i;
/** Root elements of the documents parseFeed reads. */
const FEED_ROOT = /^(rss|rdf|feed|channel|urlset|sitemapindex)$/i;
/**
 * Elements an HTML page opens with, `<html>`, `<head>` and `<body>` left out as HTML5 allows (`<meta charset=...>`
 * first); not `<br>` or `<b>`, with which PHP's warnings open (see XML_FEED_AFTER_PREAMBLE).
 */
const HTML_FIRST_ELEMENT = /^(html|head|body|meta|title|link|base|script|style|noscript|div|header|nav|main|table)$/i;
/** Those only a whole page opens with: a body opening with another is looked into for a feed after it. */
const WHOLE_PAGE_FIRST_ELEMENT = /^(html|head|body)$/i;
/**
 * The start of a feed in a body that opens with something else: PHP prints its warnings ahead of WordPress's feed
 * (`<br />\n<b>Warning</b>: Cannot modify header information ... on line <b>8</b><br />\n<?xml ...`), which feed
 * readers read past. An XML declaration or a feed's root element; a JSON Feed object is looked for apart
 * (jsonFeedAfterPreamble), its keys being in any order.
 */
const XML_FEED_AFTER_PREAMBLE = /<\?xml\s|<(?:rss|feed|rdf:RDF|urlset)[\s>]/;
/** Where a JSON object may start: `{` and a quoted key. Which one is a JSON Feed, jsonFeedAfterPreamble decides. */
const JSON_OBJECT_START = /\{[\t\n\r ]*"/g;
/** How far into a body a feed is looked for past a preamble: a few warnings' worth. */
export const PREAMBLE_SEARCHED_CHARS = 16_384;
/**
 * How many `{"` in a preamble are read as JSON, past SHORT_JSON_READ characters, before the search gives up: such a
 * read may run to the end of the body. Shorter reads (an object in a warning's text, one broken off where its HTML
 * goes on) are as many as the `{"` in PREAMBLE_SEARCHED_CHARS at most. See jsonFeedAfterPreamble.
 */
const MAX_LONG_JSON_READS = 4;
const SHORT_JSON_READ = 1024;

/**
 * The `version` a JSON Feed declares (1, 1.1, any 1.x, whatever follows it: `1.1/`, `1.1.0`, `1.1#`; not `/version/10`
 * or `/version/1foo`); parseJsonFeed tests the same.
 */
export const isJsonFeedVersion = (version: unknown): boolean => typeof version === 'string' && /jsonfeed\.org\/version\/1(?:\.\d+)*(?![\w.]*\w)/i.test(version);

/** An object a JSON scan read to its end: where it starts and ends, and the string its last "version" key holds. */
export interface ScannedObject {
  start: number;
  end: number;
  /** As JSON.parse would read the object's own "version": the last such key's string, null for none or another type. */
  version: string | null;
}

/**
 * How the JSON value starting at `start` (after JSON white space) ends: `complete` with the index just past it (and,
 * for an object, its "version"); `truncated` when the text ends inside a value that was valid so far; `invalid` at
 * the first character JSON does not allow there. Strict JSON (RFC 8259), as JSON.parse reads it, so a value that is
 * `complete` parses. `objects`: the objects inside it (itself included) that start before `recordBefore` and were
 * read to their end, in the order they end; `opened`: where every object read (ended or not) that starts before
 * `recordBefore` starts.
 */
export type JsonValueScan = ({ status: 'complete'; end: number; version: string | null } | { status: 'truncated' } | { status: 'invalid'; at: number }) & {
  objects: ScannedObject[];
  opened: number[];
};

/** What scanJsonValue expects next. */
const ScanState = { Value: 0, ValueOrClose: 1, Key: 2, KeyOrClose: 3, Colon: 4, After: 5 } as const;
type ScanState = (typeof ScanState)[keyof typeof ScanState];

const isJsonSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
const isHexDigit = (code: number) => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** A prefix of a number the text may end in: it could continue. */
const JSON_NUMBER_PREFIX = /^-?(?:0|[1-9]\d*)?(?:\.\d*)?(?:[eE][+-]?\d*)?$/;

/** The index just past the string starting at `start` (a `"`); -1 when the text ends inside it, -2 - i when it is invalid at i. */
function jsonStringEnd(text: string, start: number): number {
  const length = text.length;
  let i = start + 1;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return -2 - i;
    if (code !== 0x5c) {
      i += 1;
      continue;
    }
    if (i + 1 >= length) return -1;
    const escaped = text[i + 1]!;
    if (escaped === 'u') {
      for (let k = 2; k < 6; k++) {
        if (i + k >= length) return -1;
        if (!isHexDigit(text.charCodeAt(i + k))) return -2 - (i + k);
      }
      i += 6;
    } else if ('"\\/bfnrt'.includes(escaped)) {
      i += 2;
    } else {
      return -2 - (i + 1);
    }
  }
  return -1;
}

/**
 * Reads the JSON value at `start` as JSON.parse would, to say where it ends (see JsonValueScan) without making it.
 * Linear in the characters read, and a loop: nesting of any depth costs no stack.
 */
export function scanJsonValue(text: string, start: number, recordBefore = 0): JsonValueScan {
  const length = text.length;
  const objects: ScannedObject[] = [];
  const opened: number[] = [];
  // the open containers, innermost last: where each starts (-1 for an array) and, for an object, its "version"
  const starts: number[] = [];
  const versions: (string | null)[] = [];
  let state: ScanState = ScanState.Value;
  let i = start;
  // the value about to be read is that of a "version" key
  let versionValue = false;
  // the "version" of the last object closed
  let closedVersion: string | null = null;
  const truncated = (): JsonValueScan => ({ status: 'truncated', objects, opened });
  const invalid = (at: number): JsonValueScan => ({ status: 'invalid', at, objects, opened });
  for (;;) {
    while (i < length && isJsonSpace(text.charCodeAt(i))) i++;
    if (i >= length) return truncated();
    const char = text[i]!;
    let valueEnded = false;
    let closed = false;
    switch (state) {
      case ScanState.ValueOrClose:
      case ScanState.Value: {
        if (state === ScanState.ValueOrClose && char === ']') {
          closed = true;
          break;
        }
        const isVersion = versionValue;
        versionValue = false;
        // the value of a "version" key: JSON.parse keeps the last one's, and one that is no string is no version
        if (isVersion) versions[versions.length - 1] = null;
        if (char === '{') {
          if (i < recordBefore) opened.push(i);
          starts.push(i);
          versions.push(null);
          i += 1;
          state = ScanState.KeyOrClose;
        } else if (char === '[') {
          starts.push(-1);
          versions.push(null);
          i += 1;
          state = ScanState.ValueOrClose;
        } else if (char === '"') {
          const end = jsonStringEnd(text, i);
          if (end === -1) return truncated();
          if (end < -1) return invalid(-2 - end);
          if (isVersion) versions[versions.length - 1] = JSON.parse(text.slice(i, end)) as string;
          i = end;
          valueEnded = true;
        } else if (char === 't' || char === 'f' || char === 'n') {
          const literal = char === 't' ? 'true' : char === 'f' ? 'false' : 'null';
          if (text.startsWith(literal, i)) {
            i += literal.length;
            valueEnded = true;
          } else if (length - i < literal.length && literal.startsWith(text.slice(i))) {
            return truncated();
          } else {
            return invalid(i);
          }
        } else if (char === '-' || (char >= '0' && char <= '9')) {
          // the text ends, inside a container, in what may still be a number (`12.`, `1e`, `-`)
          if (starts.length > 0 && length - i <= 64 && JSON_NUMBER_PREFIX.test(text.slice(i))) return truncated();
          JSON_NUMBER.lastIndex = i;
          const match = JSON_NUMBER.exec(text);
          if (!match) return invalid(i + 1);
          i += match[0].length;
          valueEnded = true;
        } else {
          return invalid(i);
        }
        break;
      }
      case ScanState.KeyOrClose:
      case ScanState.Key: {
        if (state === ScanState.KeyOrClose && char === '}') {
          closed = true;
          break;
        }
        if (char !== '"') return invalid(i);
        const end = jsonStringEnd(text, i);
        if (end === -1) return truncated();
        if (end < -1) return invalid(-2 - end);
        const key = text.slice(i, end);
        // an escaped "version" ("vers\u0069on") is one too
        versionValue = key === '"version"' || (key.length <= 64 && key.includes('\\') && JSON.parse(key) === 'version');
        i = end;
        state = ScanState.Colon;
        break;
      }
      case ScanState.Colon:
        if (char !== ':') return invalid(i);
        i += 1;
        state = ScanState.Value;
        break;
      case ScanState.After: {
        const inObject = starts[starts.length - 1]! >= 0;
        if (char === ',') {
          i += 1;
          state = inObject ? ScanState.Key : ScanState.Value;
        } else if (char === (inObject ? '}' : ']')) {
          closed = true;
        } else {
          return invalid(i);
        }
        break;
      }
    }
    if (closed) {
      const opened = starts.pop()!;
      closedVersion = versions.pop()!;
      i += 1;
      if (opened >= 0 && opened < recordBefore) objects.push({ start: opened, end: i, version: closedVersion });
      valueEnded = true;
    }
    if (valueEnded) {
      if (starts.length === 0) return { status: 'complete', end: i, version: closedVersion, objects, opened };
      state = ScanState.After;
    }
  }
}

/**
 * Where a JSON Feed starts in a body that opens with something else (a PHP warning), among the first `limit`
 * characters; null when none does. Each `{"` there is read as JSON (scanJsonValue): the first object read to its end
 * that declares a JSON Feed's "version", whatever key comes first, is the feed. A `{` in the warning's text is passed
 * over: an object there ends without that version (what is inside it is not read again), or it breaks off where the
 * HTML goes on. The objects a read that broke off opened break off where it did, and are not read again either; a
 * `{"` it read inside a string (`"...{"`) is read anew. A read that runs valid to the end of the text is taken for
 * the feed: the text may be a feed's first few kilobytes (as discovery sniffs a candidate), or a feed cut short.
 * MAX_LONG_JSON_READS keeps the search linear in the body's length, however many `{"` the preamble holds.
 */
export function jsonFeedAfterPreamble(text: string, limit: number): number | null {
  const window = text.slice(0, Math.min(limit, PREAMBLE_SEARCHED_CHARS));
  const known = new Set<number>();
  let longReads = 0;
  let from = 0;
  while (longReads < MAX_LONG_JSON_READS) {
    JSON_OBJECT_START.lastIndex = from;
    const match = JSON_OBJECT_START.exec(window);
    if (!match) return null;
    from = match.index + 1;
    if (known.has(match.index)) continue;
    const scan = scanJsonValue(text, match.index, window.length);
    // the first to start, of those that declare a JSON Feed's version (an object inside a feed ends before it does)
    let feed: number | null = null;
    for (const object of scan.objects) if (isJsonFeedVersion(object.version) && (feed === null || object.start < feed)) feed = object.start;
    if (feed !== null) return feed;
    if (scan.status === 'truncated') return match.index;
    if (scan.status === 'complete') from = scan.end;
    else for (const start of scan.opened) known.add(start);
    if ((scan.status === 'complete' ? scan.end : scan.at) - match.index > SHORT_JSON_READ) longReads += 1;
  }
  return null;
}

const isFeed = (sniffed: SniffedKind) => sniffed.kind === 'json' || (sniffed.kind === 'xml' && !!sniffed.localName && FEED_ROOT.test(sniffed.localName));

/**
 * What the body is; a feed after a preamble (an XML feed as XML_FEED_AFTER_PREAMBLE finds it, a JSON Feed as
 * jsonFeedAfterPreamble does, whichever starts first) is a feed, `start` saying where it starts.
 */
export function sniffFeedKind(text: string): SniffedKind {
  const sniffed = sniffDocument(text, 0);
  // HTML that opens with another element than a page's may be a preamble: WordPress prints a database error as
  // `<div id="error">...</div>` before the feed, plugins a `<style>` or `<script>`. A body that opens with `[` may be
  // a log line (`[05-Jun-2026 10:00:00 UTC] PHP Warning: ...`) rather than JSON.
  const lead = leadingSpace(text);
  const mayBePreamble =
    (sniffed.kind === 'html' && !sniffed.whole) || (sniffed.kind === 'json' && text.charCodeAt(lead) === 0x5b && scanJsonValue(text, lead).status === 'invalid');
  if (!mayBePreamble && (isFeed(sniffed) || sniffed.kind === 'html' || sniffed.kind === 'empty' || (sniffed.kind === 'unknown' && sniffed.binary))) return sniffed;
  const window = text.slice(0, PREAMBLE_SEARCHED_CHARS);
  const found = XML_FEED_AFTER_PREAMBLE.exec(window);
  const xml = found && found.index > 0 ? sniffDocument(text.slice(found.index), found.index) : null;
  const xmlFeed = xml && isFeed(xml) ? xml : null;
  // a JSON Feed that starts before the XML feed, if there is one: `{"` inside an XML feed is its text
  const json = jsonFeedAfterPreamble(text, xmlFeed ? found!.index : PREAMBLE_SEARCHED_CHARS);
  const after: SniffedKind | null = json !== null && json > 0 ? { kind: 'json', start: json } : xmlFeed;
  // After markup a page opens with, a feed is a page's quotation (in a <textarea>, a <script> template) when the
  // page's own end tags follow the feed's end; a cache's comment or a PHP notice after it is noise, as before it.
  if (after && sniffed.kind === 'html' && isQuotedInPage(text, after)) return sniffed;
  return after ?? sniffed;
}

/** End tags a page closes a quotation of a feed with, or itself. */
const PAGE_END_TAG = /<\/(?:textarea|script|template|pre|code|xmp|body|html)\s*>/i;
const FEED_ROOT_END_TAG = /<\/(?:[\w.-]+:)?(?:rss|rdf|feed|urlset|sitemapindex)\s*>/gi;

/** Whether a page's own end tags follow the end of the feed found in it (a feed cut short has none: it is no quotation). */
function isQuotedInPage(text: string, feed: SniffedKind): boolean {
  let feedEnd = -1;
  if (feed.kind === 'json') {
    const scan = scanJsonValue(text, feed.start);
    if (scan.status === 'complete') feedEnd = scan.end;
  } else {
    for (const match of text.matchAll(FEED_ROOT_END_TAG)) feedEnd = match.index + match[0].length;
  }
  return feedEnd >= 0 && PAGE_END_TAG.test(text.slice(feedEnd));
}

function sniffDocument(text: string, start: number): SniffedKind {
  const trimmed = text.slice(leadingSpace(text));
  if (trimmed === '') return { kind: 'empty' };
  // JSON Feed is an object; an array is JSON too, and parseJsonFeed says why it is not a feed
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { kind: 'json', start };
  if (trimmed.startsWith('<')) {
    const root = firstElementName(trimmed);
    const localName = root ? (root.includes(':') ? root.slice(root.indexOf(':') + 1) : root) : null;
    if (localName && HTML_FIRST_ELEMENT.test(localName)) return { kind: 'html', whole: WHOLE_PAGE_FIRST_ELEMENT.test(localName) || HTML_DOCTYPE.test(trimmed.slice(0, 4096)) };
    // HTML5 may leave out <html>, <head> and <body> (`<!DOCTYPE html><meta charset=...>`): its doctype, or XHTML's,
    // says what it is, unless a feed's root follows (some generators put an XHTML doctype before <rss>)
    if (!(localName && FEED_ROOT.test(localName)) && HTML_DOCTYPE.test(trimmed.slice(0, 4096))) return { kind: 'html', whole: true };
    return { kind: 'xml', root, localName, start };
  }
  return { kind: 'unknown', binary: looksBinary(trimmed) };
}
