/**
 * Keeps a broken XML document's nesting within what the parsers read in linear time. The parsers a feed goes
 * through are quadratic in the depth of open elements, or recursive: htmlparser2 (cheerio) keeps its stack as an
 * array it `unshift`s and `shift`s, one element at a time; sax in strict mode (our scan, and xml2js under
 * rss-parser) raises an error for every open element a close tag skips over; dom-serializer writes a tree back
 * recursively. 64,000 unclosed `<x>` (192 kB) took 5 s; 25,000 stray `</y>` under 60 open elements (100 kB) took
 * 7 s; 16,000 nested `<url><news:news><news:title>` or 25,000 nested `<x>` in an RSS channel overflowed the stack.
 *
 * A first pass reads the tags as these parsers do (a close tag closes up to the nearest open element of its name,
 * or nothing) and counts what they would do. A document within bounds is left as it is, so a good or moderately
 * broken document reads exactly as before. One beyond them is rewritten so that its nesting is explicit and shallow:
 * every close tag matches the element it closes (the implied closes written out, a close tag with nothing to close
 * dropped), an entry (a sitemap's `<url>`, an RSS `<item>`, an Atom `<entry>`) closes the entry left open before it
 * (entries never nest, and an unclosed one would otherwise nest every entry after it) or, where the format names
 * the element entries belong in, everything left open inside that element; start tags deeper than MAX_DEPTH are
 * read as text, and any `<` that does not begin a well-delimited tag, comment, CDATA section or declaration is
 * escaped, so the parsers cannot see a tag this pass did not.
 */

/** Open elements beyond this depth make a document hostile; a news sitemap needs six, a feed a few more than the markup in its items. */
export const MAX_DEPTH = 256;
/**
 * Elements closed by a close tag of an ancestor, or skipped over by one with nothing to close (each is an error
 * sax builds), beyond this many plus one per OUT_OF_ORDER_BYTES of document make a document hostile. A moderately
 * broken sitemap (an unclosed `<news:title>` in every entry) has one per entry, a few hundred bytes apart.
 */
const OUT_OF_ORDER_ALLOWANCE = 1000;
const OUT_OF_ORDER_BYTES = 16;

/** A tag name as both parsers delimit it: up to white space, `/` or `>` (and no character that cannot be in one). */
const START_TAG = /<([^\s/<>!?"'=]+)([^<>]*?)(\/?)>/y;
const END_TAG = /<\/([^\s/<>!?"'=]+)[^<>]*>/y;
/** Attributes emitted as they are in a rewritten document: quoted values, no markup. Others are dropped. */
const PLAIN_ATTRIBUTES = /^(?:[\s]+[A-Za-z_:][\w.:-]*[\s]*=[\s]*(?:"[^"<]*"|'[^'<]*'))*[\s]*$/;

/** The entries of a format, which a rewritten document never nests (see the module comment). */
export interface EntryNesting {
  /** Elements that never nest, by name as written in the format (compared without prefix, case-insensitively). */
  entries: readonly string[];
  /** Elements entries belong directly inside: an entry closes whatever was left open in the innermost one. */
  containers: readonly string[];
}

export interface BoundedNesting {
  /** The document to parse: the input when it was within bounds, else the rewritten document. */
  text: string;
  /** Why and how the document was rewritten, as one well-formedness warning; null when it was not. */
  warning: string | null;
}

type Token =
  | { kind: 'start'; name: string; attributes: string; selfClosing: boolean; raw: string }
  | { kind: 'end'; name: string }
  | { kind: 'opaque'; raw: string }
  | { kind: 'text'; raw: string };

/**
 * Reads `text` from `<` to `<`, calling `visit` with each token until it returns false. Comments, CDATA sections,
 * declarations and processing instructions are opaque; one left unterminated runs to the end, as it does for both
 * parsers. A `<` that starts none of these is text.
 */
function readTokens(text: string, visit: (token: Token, offset: number) => boolean | void): void {
  let position = 0;
  while (position < text.length) {
    const lt = text.indexOf('<', position);
    if (lt < 0) {
      visit({ kind: 'text', raw: text.slice(position) }, position);
      return;
    }
    if (lt > position && visit({ kind: 'text', raw: text.slice(position, lt) }, position) === false) return;
    position = lt;
    const next = text[lt + 1];
    if (next === '!' || next === '?') {
      // htmlparser2 ends a declaration or processing instruction at the first `>` (sax a processing instruction at
      // `?>`): a tag after that `>` is one for cheerio, so it counts here
      const terminator = text.startsWith('<!--', lt) ? '-->' : text.startsWith('<![CDATA[', lt) ? ']]>' : '>';
      const end = text.indexOf(terminator, lt + 2);
      const stop = end < 0 ? text.length : end + terminator.length;
      if (visit({ kind: 'opaque', raw: text.slice(lt, stop) }, lt) === false) return;
      position = stop;
      continue;
    }
    const pattern = next === '/' ? END_TAG : START_TAG;
    pattern.lastIndex = lt;
    const match = pattern.exec(text);
    let token: Token;
    if (!match) token = { kind: 'text', raw: '<' };
    else if (next === '/') token = { kind: 'end', name: match[1]! };
    else token = { kind: 'start', name: match[1]!, attributes: match[2]!, selfClosing: match[3] === '/', raw: match[0] };
    if (visit(token, lt) === false) return;
    position = lt + (match ? match[0].length : 1);
  }
}

/**
 * `text` with each `<` written `&lt;`. Split and joined: V8's replaceAll keeps every match's position and a part for
 * each before it builds the result, which for the 3.3 million tags of a 10 MB hostile feed took 1.7 s and 320 MB
 * (split and join: 0.3 s and 60 MB).
 */
const escapeLessThan = (text: string) => (text.includes('<') ? text.split('<').join('&lt;') : text);

/** Line and column (both from 1) of `offset` in `text`. */
function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** Local name (prefix dropped, lower case), as the sitemap reader compares names. */
const localName = (name: string) => name.replace(/^.*:/, '').toLowerCase();

/** `<a>`, `<a> or <b>`, `<a>, <b> or <c>`. */
const listOfTags = (names: readonly string[]) => names.map((name) => `<${name}>`).join(', ').replace(/, ([^,]*)$/, ' or $1');

/**
 * `text` as it is when its nesting is within bounds, else rewritten (see the module comment), with `nesting`'s
 * entries kept apart. Linear, with a constant bounded by MAX_DEPTH; never throws.
 */
export function boundNesting(text: string, nesting: EntryNesting): BoundedNesting {
  // The first pass stops where the document goes out of bounds, so its own stack stays within MAX_DEPTH + 1.
  const stack: string[] = [];
  const allowance = OUT_OF_ORDER_ALLOWANCE + text.length / OUT_OF_ORDER_BYTES;
  let outOfOrder = 0;
  let hostileAt = -1;
  readTokens(text, (token, offset) => {
    if (token.kind === 'start' && !token.selfClosing) {
      stack.push(token.name);
    } else if (token.kind === 'end') {
      const match = stack.lastIndexOf(token.name);
      outOfOrder += match < 0 ? stack.length + 1 : stack.length - 1 - match;
      if (match >= 0) stack.length = match;
    }
    if (stack.length <= MAX_DEPTH && outOfOrder <= allowance) return true;
    hostileAt = offset;
    return false;
  });
  if (hostileAt < 0) return { text, warning: null };
  const why = stack.length > MAX_DEPTH ? `elements nest more than ${MAX_DEPTH} deep` : `close tags skip or miss more than ${Math.floor(allowance)} open elements`;

  const entries = new Set(nesting.entries.map(localName));
  const containers = new Set(nesting.containers.map(localName));
  const parts: string[] = [];
  /** The open elements of the rewritten document, at most MAX_DEPTH. */
  const open: string[] = [];
  /** How many of each name are open, so a close tag with nothing to close costs no search. */
  const openCount = new Map<string, number>();
  /** Depths in `open` of the entries and containers open, innermost last, so an entry costs no search either. */
  const anchors: number[] = [];
  let asText = 0;
  const closeDownTo = (depth: number) => {
    while (open.length > depth) {
      const name = open.pop()!;
      openCount.set(name, openCount.get(name)! - 1);
      parts.push(`</${name}>`);
    }
    while (anchors.length > 0 && anchors.at(-1)! >= depth) anchors.pop();
  };
  /**
   * Where the input not yet written out begins, when all of it up to the current token is text or start tags read
   * as text: it is written out in one piece, its `<` escaped. One part for a run of a million such tags, not one each.
   */
  let textFrom = -1;
  const writeText = (end: number) => {
    if (textFrom < 0) return;
    parts.push(escapeLessThan(text.slice(textFrom, end)));
    textFrom = -1;
  };
  readTokens(text, (token, offset) => {
    if (token.kind === 'text') {
      if (textFrom < 0) textFrom = offset;
      return;
    }
    // a start tag too deep to open, unless it is an entry, which first closes what is open (below)
    if (token.kind === 'start' && open.length >= MAX_DEPTH && !(entries.has(localName(token.name)) && anchors.length > 0)) {
      if (textFrom < 0) textFrom = offset;
      asText++;
      return;
    }
    writeText(offset);
    switch (token.kind) {
      case 'opaque':
        // a `<` inside is escaped where a parser might end the construct sooner and read it as a tag
        parts.push(token.raw.startsWith('<!--') || token.raw.startsWith('<![CDATA[') ? token.raw : '<' + escapeLessThan(token.raw.slice(1)));
        break;
      case 'start': {
        const local = localName(token.name);
        const isEntry = entries.has(local);
        if (isEntry && anchors.length > 0) {
          // the entry left open is closed with what it holds; a container stays open for this entry
          const anchor = anchors.at(-1)!;
          closeDownTo(entries.has(localName(open[anchor]!)) ? anchor : anchor + 1);
        }
        if (open.length >= MAX_DEPTH) {
          parts.push(escapeLessThan(token.raw));
          asText++;
          break;
        }
        const attributes = PLAIN_ATTRIBUTES.test(token.attributes) ? token.attributes.trimEnd() : '';
        parts.push(`<${token.name}${attributes}${token.selfClosing ? '/' : ''}>`);
        if (token.selfClosing) break;
        if (isEntry || containers.has(local)) anchors.push(open.length);
        open.push(token.name);
        openCount.set(token.name, (openCount.get(token.name) ?? 0) + 1);
        break;
      }
      case 'end': {
        if (openCount.get(token.name)) closeDownTo(open.lastIndexOf(token.name));
        break;
      }
    }
  });
  writeText(text.length);
  closeDownTo(0);
  const entryTags = listOfTags(nesting.entries);
  const done = [
    nesting.containers.length > 0
      ? `each ${entryTags} closed where the next begins and read directly inside the ${listOfTags(nesting.containers)} open around it`
      : `each ${entryTags} closed where the next begins`,
    'close tags matched to the elements they close',
    ...(asText > 0 ? [`${asText} start tags more than ${MAX_DEPTH} deep read as text`] : []),
  ];
  return { text: parts.join(''), warning: `not well-formed XML: ${why} at ${lineAndColumn(text, hostileAt)}; read with ${done.join(', ')}` };
}
