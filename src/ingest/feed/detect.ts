/**
 * Sniffs what a decoded body is, from its content only: servers label feeds text/html, text/plain or
 * application/octet-stream often enough that neither the URL nor the Content-Type can be trusted.
 */

/** `start`, on a feed: where it starts, past what came before it (a PHP warning); 0 when nothing did. */
export type SniffedKind =
  | { kind: 'empty' }
  | { kind: 'json'; start: number }
  | { kind: 'html' }
  | { kind: 'xml'; root: string | null; localName: string | null; start: number }
  | { kind: 'unknown'; binary: boolean };

/** Skips the prolog (XML declaration, comments, processing instructions, DOCTYPE) and returns the first tag name. */
export function firstElementName(text: string): string | null {
  let rest = text;
  for (;;) {
    rest = rest.replace(/^[\s\ufeff]+/, '');
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

/** A doctype naming HTML, after the XML declaration and comments at most. */
const HTML_DOCTYPE = /^(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<!doctype\s+html[\s>]/i;
/** Root elements of the documents parseFeed reads. */
const FEED_ROOT = /^(rss|rdf|feed|channel|urlset|sitemapindex)$/i;
/**
 * Elements an HTML page opens with, `<html>`, `<head>` and `<body>` left out as HTML5 allows (`<meta charset=...>`
 * first); not `<br>` or `<b>`, with which PHP's warnings open (see FEED_AFTER_PREAMBLE).
 */
const HTML_FIRST_ELEMENT = /^(html|head|body|meta|title|link|base|script|style|noscript|div|header|nav|main|table)$/i;
/**
 * The start of a feed in a body that opens with something else: PHP prints its warnings ahead of WordPress's feed
 * (`<br />\n<b>Warning</b>: Cannot modify header information ... on line <b>8</b><br />\n<?xml ...`), which feed
 * readers read past. An XML declaration, a feed's root element, or a JSON Feed object.
 */
const FEED_AFTER_PREAMBLE = /<\?xml\s|<(?:rss|feed|rdf:RDF|urlset)[\s>]|\{\s*"version"\s*:\s*"https?:\/\/jsonfeed\.org/;
/** How far into a body a feed is looked for past a preamble: a few warnings' worth. */
const PREAMBLE_SEARCHED_CHARS = 16_384;

const isFeed = (sniffed: SniffedKind) => sniffed.kind === 'json' || (sniffed.kind === 'xml' && !!sniffed.localName && FEED_ROOT.test(sniffed.localName));

/** What the body is; a feed after a preamble (FEED_AFTER_PREAMBLE) is a feed, `start` saying where it starts. */
export function sniffFeedKind(text: string): SniffedKind {
  const sniffed = sniffDocument(text, 0);
  if (isFeed(sniffed) || sniffed.kind === 'html' || sniffed.kind === 'empty' || (sniffed.kind === 'unknown' && sniffed.binary)) return sniffed;
  const found = FEED_AFTER_PREAMBLE.exec(text.slice(0, PREAMBLE_SEARCHED_CHARS));
  if (!found || found.index === 0) return sniffed;
  const after = sniffDocument(text.slice(found.index), found.index);
  return isFeed(after) ? after : sniffed;
}

function sniffDocument(text: string, start: number): SniffedKind {
  const trimmed = text.replace(/^[\s\ufeff]+/, '');
  if (trimmed === '') return { kind: 'empty' };
  // JSON Feed is an object; an array is JSON too, and parseJsonFeed says why it is not a feed
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { kind: 'json', start };
  if (trimmed.startsWith('<')) {
    const root = firstElementName(trimmed);
    const localName = root ? (root.includes(':') ? root.slice(root.indexOf(':') + 1) : root) : null;
    if (localName && HTML_FIRST_ELEMENT.test(localName)) return { kind: 'html' };
    // HTML5 may leave out <html>, <head> and <body> (`<!DOCTYPE html><meta charset=...>`): its doctype, or XHTML's,
    // says what it is, unless a feed's root follows (some generators put an XHTML doctype before <rss>)
    if (!(localName && FEED_ROOT.test(localName)) && HTML_DOCTYPE.test(trimmed.slice(0, 4096))) return { kind: 'html' };
    return { kind: 'xml', root, localName, start };
  }
  return { kind: 'unknown', binary: looksBinary(trimmed) };
}
