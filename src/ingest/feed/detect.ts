/**
 * Sniffs what a decoded body is, from its content only: servers label feeds text/html, text/plain or
 * application/octet-stream often enough that neither the URL nor the Content-Type can be trusted.
 */

export type SniffedKind =
  | { kind: 'empty' }
  | { kind: 'json' }
  | { kind: 'html' }
  | { kind: 'xml'; root: string | null; localName: string | null }
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

export function sniffFeedKind(text: string): SniffedKind {
  const trimmed = text.replace(/^[\s\ufeff]+/, '');
  if (trimmed === '') return { kind: 'empty' };
  // JSON Feed is an object; an array is JSON too, and parseJsonFeed says why it is not a feed
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return { kind: 'json' };
  if (trimmed.startsWith('<')) {
    const root = firstElementName(trimmed);
    const localName = root ? (root.includes(':') ? root.slice(root.indexOf(':') + 1) : root) : null;
    if (localName && /^(html|head|body)$/i.test(localName)) return { kind: 'html' };
    // HTML5 may leave out <html>, <head> and <body> (`<!DOCTYPE html><meta charset=...>`): its doctype, or XHTML's,
    // says what it is, unless a feed's root follows (some generators put an XHTML doctype before <rss>)
    if (!(localName && FEED_ROOT.test(localName)) && HTML_DOCTYPE.test(trimmed.slice(0, 4096))) return { kind: 'html' };
    return { kind: 'xml', root, localName };
  }
  return { kind: 'unknown', binary: looksBinary(trimmed) };
}
