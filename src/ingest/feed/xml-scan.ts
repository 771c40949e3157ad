/**
 * A small streaming pass over an XML feed, run beside rss-parser, for what rss-parser's xml2js tree loses:
 *   - well-formedness (xml2js does not check namespace prefixes and stops at the first error; feedparser's
 *     `bozo` needs the first error even when the document is still readable),
 *   - the namespace each prefix is bound to (so `<rss:title>` or `<atom:feed>` can be renamed for rss-parser),
 *   - the effective xml:base of every element (xml2js keeps attributes, but not the inherited base),
 *   - the raw inner markup of every element (xml2js splits mixed content into text and children, losing order,
 *     which breaks inline XHTML like `<div>Hello <b>world</b>!</div>`).
 * Elements form a tree that xml2js's grouping maps onto: the n-th `<entry>` node xml2js gives is the n-th child
 * named `entry`, names renamed by the same `canonicalName` function rss-parser's xml2js is given.
 */
import { createRequire } from 'node:module';
import { MAX_DEPTH } from './bound-nesting.ts';

const require = createRequire(import.meta.url);

interface SaxQualifiedAttribute {
  name: string;
  value: string;
  prefix: string;
  local: string;
  uri: string;
}
interface SaxTag {
  name: string;
  attributes: Record<string, SaxQualifiedAttribute>;
  isSelfClosing: boolean;
}
interface SaxParser {
  /** The current start tag's attributes (internal to sax; see AttributeList). */
  attribList: [string, string][];
  line: number;
  column: number;
  onerror: (error: Error) => void;
  onopentag: (tag: SaxTag) => void;
  onclosetag: (name: string) => void;
  onopennamespace: (ns: { prefix: string; uri: string }) => void;
  write(text: string): SaxParser;
  close(): SaxParser;
  resume(): SaxParser;
  error: Error | null;
  position: number;
  startTagPosition: number;
}
// sax is xml2js's parser (installed with rss-parser); it has no bundled types, hence the local interface.
const sax = require('sax') as { parser(strict: boolean, options: Record<string, unknown>): SaxParser };

export const NS = {
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rss20: 'http://backend.userland.com/rss2',
  rss20b: 'http://blogs.law.harvard.edu/tech/rss',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  media: 'http://search.yahoo.com/mrss/',
  xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

/** The prefix rss-parser (and our field lists) expect for each well-known namespace; '' = unprefixed. */
const CANONICAL_PREFIX: Record<string, string> = {
  [NS.rss10]: '',
  [NS.rss090]: '',
  [NS.rss20]: '',
  [NS.rss20b]: '',
  [NS.rdf]: 'rdf',
  [NS.dc]: 'dc',
  [NS.dcterms]: 'dcterms',
  [NS.content]: 'content',
  [NS.xhtml]: 'xhtml',
  [NS.media]: 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://purl.org/dc/elements/1.0/': 'dc',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  // RSS 1.0's enclosure module (`<enc:enclosure rdf:resource=… enc:type=…>`)
  'http://purl.oclc.org/net/rss_2.0/enc#': 'enc',
};

/**
 * Renames `prefix:local` element/attribute names to the canonical prefix of the prefix's namespace, and unprefixed
 * names of RSS or Atom written with capitals to their own spelling (SPELLING).
 */
export type NameCanonicaliser = (name: string) => string;

/** A spelling of each name, by its small letters. */
const bySmallLetters = (names: readonly string[]) => new Map(names.map((name) => [name.toLowerCase(), name]));

/**
 * RSS's and Atom's unprefixed element and attribute names, for a feed that writes them with a capital (`<Item>`,
 * `<Title>`, `<PubDate>`, `<enclosure URL=…>`): XML's names are case-sensitive, but feedparser reads these in any
 * case, and the items were lost or empty. The root's name is in neither list: it tells what the document is.
 */
const SPELLING = {
  rss: bySmallLetters([
    'channel', 'item', 'items', 'title', 'link', 'description', 'language', 'copyright', 'managingEditor', 'webMaster', 'pubDate',
    'lastBuildDate', 'category', 'generator', 'docs', 'ttl', 'image', 'url', 'author', 'comments', 'enclosure', 'guid', 'source',
    'skipHours', 'skipDays', 'hour', 'day', 'length', 'type', 'isPermaLink', 'domain', 'href', 'rel',
  ]),
  atom: bySmallLetters([
    'entry', 'title', 'subtitle', 'tagline', 'link', 'id', 'updated', 'published', 'modified', 'issued', 'created', 'author',
    'contributor', 'name', 'email', 'uri', 'url', 'summary', 'content', 'category', 'rights', 'source', 'href', 'rel', 'type',
    'hreflang', 'term', 'scheme', 'label', 'length', 'mode',
  ]),
};

/** RSS's names with a capital inside, by their small letters (`<pubdate>`, `isPermalink`). */
const CAMEL_CASE_SPELLING = new Map([...SPELLING.rss].filter(([small, name]) => small !== name));

export function makeNameCanonicaliser(prefixes: Map<string, string>, rootIsAtom: boolean): NameCanonicaliser {
  const spelling = rootIsAtom ? SPELLING.atom : SPELLING.rss;
  const camelCase = rootIsAtom ? undefined : CAMEL_CASE_SPELLING;
  return (name) => {
    const colon = name.indexOf(':');
    if (colon < 0) {
      // This is asked of every element's and attribute's name: one that starts with a small letter is looked up only
      // among the few RSS names with a capital inside (`<pubdate>`, `<lastbuilddate>`).
      const first = name.charCodeAt(0);
      if (first >= 0x41 && first <= 0x5a) return spelling.get(name.toLowerCase()) ?? name;
      return camelCase?.get(name.toLowerCase()) ?? name;
    }
    const prefix = name.slice(0, colon);
    if (prefix === 'xml' || prefix === 'xmlns') return name;
    const uri = prefixes.get(prefix);
    if (uri === undefined) return name;
    const local = name.slice(colon + 1);
    let canonical = CANONICAL_PREFIX[uri];
    // Atom elements are unprefixed inside an Atom document, `atom:` inside RSS (rss-parser reads `atom:link`).
    if (uri === NS.atom10 || uri === NS.atom03) canonical = rootIsAtom ? '' : 'atom';
    if (canonical === undefined) return name;
    return canonical ? `${canonical}:${local}` : local;
  };
}

export interface ScannedElement {
  /** The element's name (canonical when the scan was given a canonicaliser). */
  name: string;
  /** Effective xml:base (resolved against the document base), or the document base. */
  base: string | null;
  /** Namespace URI of the element. */
  uri: string;
  /** Document order of the start tag (0 = root), to tell which of two sibling fields came first. */
  order: number;
  /**
   * Where the markup between the start and end tag lies in the scanned text; innerEnd is -1 while the end tag
   * has not been read (an element left open by a broken document is not reported).
   */
  innerStart: number;
  innerEnd: number;
  /**
   * Child elements in document order; null when there are none. One array, not a map by name: a large feed has
   * tens of thousands of elements, and the garbage collector copies every object the scan keeps.
   */
  children: ScannedElement[] | null;
}

export interface XmlScan {
  /** Well-formedness errors by kind (the line without its position): the first, and how many came; empty when well-formed. */
  errorTally: Map<string, { first: string; count: number }>;
  rootName: string | null;
  rootUri: string;
  /** prefix → namespace URI, first binding wins ('' = default namespace of the root). */
  prefixes: Map<string, string>;
  /** Above the root element: its children are the root (and, in a broken document, what follows it). */
  document: ScannedElement;
  /** The text scanned, which the elements' offsets point into. */
  text: string;
  /** True when the root element was opened and closed. */
  complete: boolean;
  /** True when some element carries xml:base; when false every element's base is the document base. */
  hasXmlBase: boolean;
}

/** The children of `parent` named `name`, in document order. */
export function childrenNamed(parent: ScannedElement | undefined, name: string): ScannedElement[] {
  return parent?.children?.filter((child) => child.name === name) ?? [];
}

/** The `index`-th child named `name` of `parent`, once its end tag was read. */
export function closedChild(parent: ScannedElement | undefined, name: string, index = 0): ScannedElement | undefined {
  let seen = 0;
  for (const child of parent?.children ?? []) {
    if (child.name !== name) continue;
    if (seen++ === index) return child.innerEnd >= 0 ? child : undefined;
  }
  return undefined;
}

/** The markup between the start and end tag of a closed element, exactly as in the document. */
export function innerMarkup(scan: XmlScan, element: ScannedElement): string {
  return scan.text.slice(element.innerStart, element.innerEnd);
}

function resolveBase(ref: string, base: string | null): string | null {
  try {
    return new URL(ref, base ?? undefined).href;
  } catch {
    return base ?? (ref || null);
  }
}

/** The longest base an `xml:base` may give; one resolving to more is ignored (the parent's base holds). */
export const MAX_XML_BASE_CHARS = 2048;
/**
 * The characters of `xml:base` values (with the bases they are resolved against) one document resolves at most:
 * eight times its length, and never less than this; the `xml:base` of any element after that is ignored. Each element
 * has a base of its own: without a bound, 50,000 nested `<div xml:base="a/">` made bases of up to 100,000 characters
 * each, and a 1 MB feed filled the heap. A large feed with a base on every entry and in its content spends about two
 * or three times its length.
 */
const XML_BASE_BUDGET_CHARS = 4_000_000;
const XML_BASE_BUDGET_PER_CHAR = 8;

/** Resolves the `xml:base` of a document's elements within MAX_XML_BASE_CHARS and the document's budget. */
export class XmlBases {
  private budget: number;

  /** @param documentLength the characters of the document (or fragment) whose bases these are */
  constructor(
    private readonly resolve: (ref: string, base: string | null) => string | null,
    documentLength: number,
  ) {
    this.budget = Math.max(XML_BASE_BUDGET_CHARS, XML_BASE_BUDGET_PER_CHAR * documentLength);
  }

  /** The base an element's `xml:base` gives under its parent's: the parent's when it is too long or over budget. */
  under(xmlBase: string, parentBase: string | null): string | null {
    const cost = xmlBase.length + (parentBase?.length ?? 0);
    if (cost > this.budget) return parentBase;
    this.budget -= cost;
    const base = this.resolve(xmlBase, parentBase);
    return base !== null && base.length > MAX_XML_BASE_CHARS ? parentBase : base;
  }
}

/**
 * True for an Atom document: the root is called `feed` (Atom without a namespace too), or is in an Atom namespace
 * and is not called `rss` or `RDF`: some generators write `<rss xmlns="http://www.w3.org/2005/Atom">` to declare the
 * `atom:link` they use, and their items are RSS all the same.
 */
export function isAtomRoot(rootName: string, rootUri: string): boolean {
  const local = rootName.replace(/^.*:/, '');
  if (local === 'feed') return true;
  return (rootUri === NS.atom10 || rootUri === NS.atom03) && !/^(rss|rdf)$/i.test(local);
}

/** Builds the canonicaliser once the root element is known (it decides Atom vs RSS naming). */
export type CanonicaliserFactory = (root: { name: string; uri: string }, prefixes: Map<string, string>) => NameCanonicaliser;

/**
 * How element keys are named: raw names (none), a canonicaliser known up front, or one built at the root
 * element from the bindings seen so far. The last gives the same keys as a second pass with the final bindings,
 * because a prefix must be bound before (or on) the element that uses it, and the first binding wins.
 */
export type ScanNaming = NameCanonicaliser | { atRoot: CanonicaliserFactory } | undefined;

/** The naming a feed is scanned with: canonical names, Atom's or RSS's as its root decides. */
export const canonicalFeedNaming: ScanNaming = { atRoot: (root, prefixes) => makeNameCanonicaliser(prefixes, isAtomRoot(root.name, root.uri)) };

/** The parts of a scan both scanners fill in the same way. */
class ScanBuilder {
  readonly result: XmlScan;
  private canonicalName: NameCanonicaliser | null;
  private opened = 0;
  private readonly bases: XmlBases;

  constructor(
    text: string,
    documentBase: string | null,
    private readonly naming: ScanNaming,
  ) {
    this.bases = new XmlBases((ref, base) => resolveBase(ref.trim(), base), text.length);
    const document: ScannedElement = { name: '', base: documentBase, uri: '', order: -1, innerStart: 0, innerEnd: text.length, children: null };
    this.result = { errorTally: new Map(), rootName: null, rootUri: '', prefixes: new Map(), document, text, complete: false, hasXmlBase: false };
    this.canonicalName = typeof naming === 'function' ? naming : null;
  }

  bindPrefix(prefix: string, uri: string): void {
    if (!this.result.prefixes.has(prefix)) this.result.prefixes.set(prefix, uri);
  }

  /** The element opening under `parent`, its markup starting at `innerStart`; it is open until `close`. */
  open(parent: ScannedElement, rawName: string, uri: string, xmlBase: string | undefined, innerStart: number): ScannedElement {
    if (parent === this.result.document && this.result.rootName === null) {
      this.result.rootName = rawName;
      this.result.rootUri = uri;
      if (this.naming && typeof this.naming === 'object') this.canonicalName = this.naming.atRoot({ name: rawName, uri }, this.result.prefixes);
    }
    const name = this.canonicalName ? this.canonicalName(rawName) : rawName;
    if (xmlBase !== undefined) this.result.hasXmlBase = true;
    const base = xmlBase !== undefined ? this.bases.under(xmlBase, parent.base) : parent.base;
    const element: ScannedElement = { name, base, uri, order: this.opened++, innerStart, innerEnd: -1, children: null };
    // Created on the first child: most elements are leaves and never need one.
    (parent.children ??= []).push(element);
    return element;
  }

  close(element: ScannedElement, innerEnd: number, isRoot: boolean): void {
    element.innerEnd = innerEnd;
    if (isRoot) this.result.complete = true;
  }
}

/**
 * Scans `text` (see the module comment). A fast hand-written scanner reads documents that are plainly
 * well-formed; at the first thing it is not sure about it gives up and the sax scanner reads the document
 * instead, so errors and their messages always come from sax. Never throws.
 */
export function scanXml(text: string, documentBase: string | null, naming?: ScanNaming): XmlScan {
  return fastScan(text, documentBase, naming) ?? saxScan(text, documentBase, naming);
}

/**
 * A sax (or xml2js) error in one line, with where it was found, so a user can find the spot in a large feed: sax
 * writes "message\nLine: n\nColumn: n\nChar: c", counting lines from 0.
 */
export function describeXmlError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const first = message.split('\n')[0] || 'XML error';
  const line = /^Line: (\d+)$/m.exec(message);
  const column = /^Column: (\d+)$/m.exec(message);
  return line && column ? `${first} at line ${Number(line[1]) + 1}, column ${column[1]}` : first;
}

/** At most this many kinds of error are told apart (each counted however often it comes). */
const ERROR_KINDS_KEPT = 10;

/**
 * Notes a well-formedness error: counted by kind (its message's first line, what describeXmlError puts before the
 * position), only the first of each described. A broken document can raise millions of errors: all but a few are
 * only counted, by a search for the end of a line.
 */
function noteXmlError(scan: XmlScan, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const lineEnd = message.indexOf('\n');
  const kind = (lineEnd < 0 ? message : message.slice(0, lineEnd)) || 'XML error';
  const seen = scan.errorTally.get(kind);
  if (seen) seen.count += 1;
  else if (scan.errorTally.size < ERROR_KINDS_KEPT) scan.errorTally.set(kind, { first: describeXmlError(error), count: 1 });
}

/**
 * One warning per kind of well-formedness error, naming where it was first found (unless `withPositions` is false,
 * for a scan of a rewritten document, whose positions are not the input's) and how often it came.
 */
export function wellFormednessWarnings(scan: Pick<XmlScan, 'errorTally'>, { withPositions = true } = {}): string[] {
  return [...scan.errorTally].map(([kind, { first, count }]) => `not well-formed XML: ${withPositions ? first : kind}${count > 1 ? ` (${count} times)` : ''}`);
}

/**
 * sax's list of a start tag's attributes in xmlns mode, with its duplicate check made a lookup. sax (1.6) keeps
 * `[name, value]` pairs there and asks `attribList.indexOf(name)` before each, which never finds a name among pairs:
 * a repeated attribute was never caught, and each check scanned every attribute before it (a start tag repeating one
 * attribute 300,000 times, in a 1.8 MB feed, held the run for 46 s). Here a repeat is found, reported as the
 * well-formedness error it is, and dropped, as sax drops one outside xmlns mode: the first value holds. sax empties
 * the list by setting its length to 0, which the next check notices.
 */
class AttributeList extends Array<[string, string]> {
  // what Array's own methods (map, slice, ...) make is a plain array, never one of these
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  private readonly names = new Set<string>();

  constructor(private readonly onRepeated: (name: string) => void) {
    super();
  }

  override indexOf(name: unknown): number {
    if (this.length === 0) this.names.clear();
    if (typeof name !== 'string' || !this.names.has(name)) return -1;
    this.onRepeated(name);
    return 0;
  }

  override push(...pairs: [string, string][]): number {
    for (const [name] of pairs) this.names.add(name);
    return super.push(...pairs);
  }
}

const localNameOf = (element: ScannedElement) => element.name.slice(element.name.indexOf(':') + 1);

/** The root element when the document ends with it still open (cut short, or never closed); null otherwise. */
export function rootOpenAtEnd(scan: XmlScan): ScannedElement | null {
  const root = scan.document.children?.at(-1);
  return root && root.innerEnd < 0 ? root : null;
}

/**
 * Where the entry (by its local name: a feed's item, a sitemap's `<url>`) the document ends inside starts; null when it
 * ends outside every entry, as a whole document does. A body cut short (a connection dropped, answered 200) leaves
 * its last entry open with what it holds cut too: read, a headline, link or text cut off would be stored as a new
 * article and alerted beside the whole one, or rename it, or be all a first read ever stored of it. Entries are the
 * root's children, or (RSS) its channel's; of entries a broken generator never closed, each holding the next, the
 * innermost is the one cut. A document whose root's end tag still comes after that entry is not cut: a CDATA section
 * or comment left open swallowed the rest of it, which the lenient reading recovers.
 */
export function openEntryStartAtEnd(scan: XmlScan, entryNames: ReadonlySet<string>): number | null {
  const root = rootOpenAtEnd(scan);
  if (!root) return null;
  let element = root.children?.at(-1);
  if (element && element.innerEnd < 0 && localNameOf(element) === 'channel') element = element.children?.at(-1);
  let cut: ScannedElement | null = null;
  for (; element && element.innerEnd < 0 && entryNames.has(localNameOf(element)); element = element.children?.at(-1)) cut = element;
  if (cut === null) return null;
  const start = scan.text.lastIndexOf('<', cut.innerStart - 1);
  return start < 0 || new RegExp(rootEndTag(root)).test(scan.text.slice(cut.innerStart)) ? null : start;
}

/** A pattern of the root's end tag, under any prefix: what openEntryStartAtEnd and endsBeforeRootEnd look for. */
function rootEndTag(root: ScannedElement): string {
  return `</(?:[\\w.-]+:)?${localNameOf(root).replaceAll('.', '\\.')}\\s*>`;
}

/**
 * Whether the document stops before its root element ends, as a body cut short does: its root (the first element) is
 * open at the end and the document does not end with its end tag. A CDATA section or comment left open leaves the root
 * open too, but its end tag is still there at the end, swallowed; an element after the root's end (`</rss><br>`) is
 * not the root.
 */
export function endsBeforeRootEnd(scan: XmlScan): boolean {
  const root = scan.document.children?.[0];
  if (!root || root.innerEnd >= 0) return false;
  // the end tag the document ends with, comments, processing instructions and white space aside: `</rss>` written in
  // an item's text (a post on writing feeds) ends nothing
  const endTag = new RegExp(`${rootEndTag(root)}(?:\\s|<!--[\\s\\S]*?-->|<\\?[\\s\\S]*?\\?>)*$`);
  return !endTag.test(scan.text.slice(root.innerStart));
}

/** The general scanner (sax): reports well-formedness errors and reads any document. Exported for tests. */
export function saxScan(text: string, documentBase: string | null, naming: ScanNaming): XmlScan {
  const builder = new ScanBuilder(text, documentBase, naming);
  const result = builder.result;
  const stack: ScannedElement[] = [result.document];
  // strictEntities: only XML's five named entities are defined; `&hearts;` in XML is an error (bozo), even though
  // rss-parser's own sax instance quietly accepts HTML entities.
  const parser = sax.parser(true, { xmlns: true, position: true, strictEntities: true });
  parser.attribList = new AttributeList((name) => noteXmlError(result, new Error(`Attribute name repeated: ${name}\nLine: ${parser.line}\nColumn: ${parser.column}`)));
  parser.onerror = (error) => {
    noteXmlError(result, error);
    parser.error = null;
    parser.resume();
  };
  parser.onopennamespace = (ns) => builder.bindPrefix(ns.prefix, ns.uri);
  /** Self-closing elements: sax fires onclosetag right after onopentag, and their inner markup is empty. */
  const selfClosing = new WeakSet<ScannedElement>();
  parser.onopentag = (tag) => {
    const parent = stack[stack.length - 1] ?? result.document;
    const uri = (tag as unknown as { uri?: string }).uri ?? '';
    const element = builder.open(parent, tag.name, uri, tag.attributes['xml:base']?.value, parser.position);
    stack.push(element);
    if (tag.isSelfClosing) selfClosing.add(element);
  };
  parser.onclosetag = () => {
    const element = stack.pop();
    if (!element || element === result.document) {
      if (element) stack.push(element);
      return;
    }
    const innerEnd = selfClosing.has(element) ? element.innerStart : Math.max(element.innerStart, parser.startTagPosition - 1);
    builder.close(element, innerEnd, stack.length === 1);
  };
  // sax builds an Error for every error it meets, and a document broken all over (a bare `<` in every item) meets
  // hundreds of thousands of them: their stack traces were three quarters of the scan. Only messages are kept.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    parser.write(text).close();
  } catch (error) {
    noteXmlError(result, error);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------------------------
// Fast path. sax walks the document one character at a time in JavaScript and costs about as much as the whole
// rss-parser parse; this scanner jumps from `<` to `<` with indexOf and sticky regexes. It accepts only a strict,
// conservative subset of XML (ASCII names, quoted attributes, the five entities and character references,
// DOCTYPE without internal subset) and returns null on anything else, including every well-formedness error.

const NAME = '[A-Za-z_][\\w.-]*(?::[A-Za-z_][\\w.-]*)?';
/** Sticky: the `<` and name of a start tag. Shared with xml-items.ts, which reads the tags this scanner accepted. */
export const START_TAG = new RegExp(`<(${NAME})`, 'y');
// XML's white space is these four characters; JavaScript's \s also takes U+00A0, U+2028 and others, which sax rejects.
export const ATTRIBUTE = new RegExp(`[ \\t\\r\\n]+(${NAME})[ \\t\\r\\n]*=[ \\t\\r\\n]*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
const TAG_END = /[ \t\r\n]*\/?>/y;
const END_TAG_REST = /[ \t\r\n]*>/y;
const DOCTYPE = /<!DOCTYPE\s[^<>[\]]*>/y;
const NON_WHITESPACE = /[^ \t\r\n]/;
/** XML's five predefined entities and the character references: all a document without a DTD may use. */
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE_NAME = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/y;

/** True for a code point XML's `Char` production allows: what a character reference may stand for. */
export function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

/** The character a numeric reference's digits (`#65`, `#x41`) stand for, when XML allows it; null otherwise. */
function referencedChar(digits: string): string | null {
  const code = digits[1] === 'x' ? parseInt(digits.slice(2), 16) : parseInt(digits.slice(1), 10);
  return isXmlChar(code) ? String.fromCodePoint(code) : null;
}

/**
 * The character a reference to one of the five predefined entities at `amp` stands for (`&lt;` is `<`), or null
 * when there is none there: what REFERENCE_NAME and PREDEFINED give, without a match (and its strings) for each of
 * the thousands of references escaped markup holds. Character references are left to REFERENCE_NAME.
 */
function predefinedEntityAt(data: string, amp: number): string | null {
  const first = data.charCodeAt(amp + 1);
  if (first === 0x6c /* l */ || first === 0x67 /* g */) {
    return data.charCodeAt(amp + 2) === 0x74 /* t */ && data.charCodeAt(amp + 3) === 0x3b /* ; */ ? (first === 0x6c ? '<' : '>') : null;
  }
  if (first === 0x61 /* a */) return data.startsWith('amp;', amp + 1) ? '&' : data.startsWith('apos;', amp + 1) ? "'" : null;
  return first === 0x71 /* q */ && data.startsWith('quot;', amp + 1) ? '"' : null;
}

/** The length of the reference predefinedEntityAt read: `&lt;` and `&gt;` 4, `&amp;` 5, `&quot;` and `&apos;` 6. */
function predefinedEntityLength(char: string): number {
  return char === '<' || char === '>' ? 4 : char === '&' ? 5 : 6;
}

/** True when every `&` in `text` starts one of the references XML defines without a DTD, to an allowed character. */
function referencesAreValid(text: string): boolean {
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', amp + 1)) {
    if (predefinedEntityAt(text, amp) !== null) continue;
    REFERENCE_NAME.lastIndex = amp;
    const ref = REFERENCE_NAME.exec(text)?.[1];
    if (ref === undefined || (PREDEFINED[ref] === undefined && referencedChar(ref) === null)) return false;
  }
  return true;
}

/**
 * Character data (text or an attribute value) with its references decoded, as sax decodes them; null when it holds
 * a reference sax would reject (an HTML entity, a stray `&`, a character XML does not allow).
 */
export function decodeCharacterData(data: string): string | null {
  let amp = data.indexOf('&');
  if (amp < 0) return data;
  let out = '';
  let position = 0;
  while (amp >= 0) {
    let decoded = predefinedEntityAt(data, amp);
    if (decoded !== null) {
      out += data.slice(position, amp) + decoded;
      position = amp + predefinedEntityLength(decoded);
    } else {
      REFERENCE_NAME.lastIndex = amp;
      const ref = REFERENCE_NAME.exec(data)?.[1];
      if (ref === undefined) return null;
      decoded = PREDEFINED[ref] ?? referencedChar(ref);
      if (decoded === null) return null;
      out += data.slice(position, amp) + decoded;
      position = REFERENCE_NAME.lastIndex;
    }
    amp = data.indexOf('&', position);
  }
  return out + data.slice(position);
}

interface FastFrame {
  element: ScannedElement;
  rawName: string;
  /** The prefixes this element binds, taken out of scope again at its end tag; null when it binds none. */
  bindings: Map<string, string> | null;
}

/**
 * The prefixes in scope at the scanner's position: each prefix's bindings, innermost last. One map for the whole
 * scan, changed at the start and end tags that declare prefixes, so a lookup costs the same at any depth: a walk up
 * the stack, or a copy of the scope for each element that declares one, was quadratic on deeply nested documents.
 */
class PrefixScope {
  private readonly bound = new Map<string, string[]>();

  lookup(prefix: string): string | undefined {
    const uris = this.bound.get(prefix);
    return uris === undefined ? undefined : uris[uris.length - 1];
  }

  enter(bindings: Map<string, string>): void {
    for (const [prefix, uri] of bindings) {
      const uris = this.bound.get(prefix);
      if (uris) uris.push(uri);
      else this.bound.set(prefix, [uri]);
    }
  }

  leave(bindings: Map<string, string>): void {
    for (const prefix of bindings.keys()) this.bound.get(prefix)!.pop();
  }
}

/**
 * The fast scanner: the scan of a plainly well-formed document, or null. Exported for the differential tests.
 *
 * Elements more than MAX_DEPTH deep are first only checked, not built: a document left open all the way down (10 MB
 * of unclosed `<x>`, a hostile feed's 3.3 million elements) would otherwise hold an element and a frame for each
 * (1.2 GB) before its end showed that it is not well-formed, and the scan of its shallow rewrite had to follow. A
 * well-formed document that deep is scanned again, whole.
 */
export function fastScan(text: string, documentBase: string | null, naming: ScanNaming): XmlScan | null {
  const scan = scanPlainly(text, documentBase, naming, MAX_DEPTH);
  return scan === TOO_DEEP ? (scanPlainly(text, documentBase, naming, Infinity) as XmlScan | null) : scan;
}

/** What scanPlainly gives for a well-formed document with elements deeper than it builds. */
const TOO_DEEP = Symbol('too deep');

/** fastScan, building elements at most `builtDepth` deep; TOO_DEEP when the document is well-formed below that. */
function scanPlainly(text: string, documentBase: string | null, naming: ScanNaming, builtDepth: number): XmlScan | null | typeof TOO_DEEP {
  const builder = new ScanBuilder(text, documentBase, naming);
  const result = builder.result;
  const stack: FastFrame[] = [{ element: result.document, rawName: '', bindings: null }];
  /** Where the start tags of the open elements deeper than builtDepth are: one number each, for their names. */
  const unbuilt: number[] = [];
  /** The prefixes those elements bind, by their index in `unbuilt`: most bind none. */
  const unbuiltBindings = new Map<number, Map<string, string>>();
  let tooDeep = false;
  const scope = new PrefixScope();
  let position = 0;
  let rootClosed = false;
  for (;;) {
    const lt = text.indexOf('<', position);
    const runEnd = lt < 0 ? text.length : lt;
    if (runEnd > position) {
      // Searches stay inside the run (a slice is O(1) in V8): an unbounded indexOf would make the scan quadratic.
      const run = text.slice(position, runEnd);
      if (stack.length === 1) {
        if (NON_WHITESPACE.test(run)) return null;
      } else if (run.includes('&') && !referencesAreValid(run)) {
        return null;
      } else if (run.includes(']]>')) {
        return null;
      }
    }
    if (lt < 0) break;
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        // `--` may not appear inside a comment, nor may it end in `-` (`<!-- a --->`)
        if (end < 0 || text.slice(lt + 4, end).includes('--') || text.charCodeAt(end - 1) === 0x2d) return null;
        position = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0 || stack.length === 1) return null;
        position = end + 3;
      } else {
        DOCTYPE.lastIndex = lt;
        if (result.rootName !== null || !DOCTYPE.test(text)) return null;
        position = DOCTYPE.lastIndex;
      }
      continue;
    }
    if (next === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return null;
      position = end + 2;
      continue;
    }
    if (next === 0x2f /* / */) {
      if (unbuilt.length > 0) {
        const start = unbuilt.pop()!;
        START_TAG.lastIndex = start;
        START_TAG.test(text);
        const rawName = text.slice(start + 1, START_TAG.lastIndex);
        if (!text.startsWith(rawName, lt + 2)) return null;
        END_TAG_REST.lastIndex = lt + 2 + rawName.length;
        if (!END_TAG_REST.test(text)) return null;
        const bindings = unbuiltBindings.get(unbuilt.length);
        if (bindings) {
          scope.leave(bindings);
          unbuiltBindings.delete(unbuilt.length);
        }
        position = END_TAG_REST.lastIndex;
        continue;
      }
      const frame = stack[stack.length - 1]!;
      if (stack.length === 1 || !text.startsWith(frame.rawName, lt + 2)) return null;
      // `</name>` or `</name  >`, and not `</name-longer>`
      END_TAG_REST.lastIndex = lt + 2 + frame.rawName.length;
      if (!END_TAG_REST.test(text)) return null;
      stack.pop();
      if (frame.bindings) scope.leave(frame.bindings);
      builder.close(frame.element, lt, stack.length === 1);
      if (stack.length === 1) rootClosed = true;
      position = END_TAG_REST.lastIndex;
      continue;
    }

    // A start tag.
    if (rootClosed) return null;
    // tested rather than matched, and the name cut out after the `<`: no match array for each of a feed's tags
    START_TAG.lastIndex = lt;
    if (!START_TAG.test(text)) return null;
    let cursor = START_TAG.lastIndex;
    const rawName = text.slice(lt + 1, cursor);
    let attributes: Map<string, string> | null = null;
    let bindings: Map<string, string> | null = null;
    for (;;) {
      ATTRIBUTE.lastIndex = cursor;
      const attribute = ATTRIBUTE.exec(text);
      if (!attribute) break;
      const name = attribute[1]!;
      const value = attribute[2] ?? attribute[3] ?? '';
      attributes ??= new Map();
      if (attributes.has(name) || (value.includes('&') && !referencesAreValid(value))) return null;
      attributes.set(name, value);
      if (name === 'xmlns' || name.startsWith('xmlns:')) {
        const prefix = name === 'xmlns' ? '' : name.slice(6);
        const uri = decodeCharacterData(value) ?? '';
        // Rebinding xml/xmlns or unbinding a prefix are namespace errors sax reports: leave them to it.
        if (prefix === 'xml' || prefix === 'xmlns' || (prefix !== '' && uri === '')) return null;
        (bindings ??= new Map()).set(prefix, uri);
      }
      cursor = ATTRIBUTE.lastIndex;
    }
    TAG_END.lastIndex = cursor;
    if (!TAG_END.test(text)) return null;
    // the tag ends in `/>` or `>`, after any white space
    const selfClosing = text.charCodeAt(TAG_END.lastIndex - 2) === 0x2f; /* / */

    const unbuiltElement = unbuilt.length > 0 || stack.length > builtDepth;
    // the element's own declarations are in scope for its own name and attributes
    if (bindings) scope.enter(bindings);
    const colon = rawName.indexOf(':');
    const uri = colon >= 0 ? scope.lookup(rawName.slice(0, colon)) : (scope.lookup('') ?? '');
    let unbound = uri === undefined;
    if (attributes) for (const name of attributes.keys()) {
      const attributeColon = name.indexOf(':');
      if (attributeColon < 0) continue;
      const prefix = name.slice(0, attributeColon);
      if (prefix !== 'xml' && prefix !== 'xmlns' && scope.lookup(prefix) === undefined) unbound = true;
    }
    if (unbound) return null;
    if (bindings) for (const [prefix, bound] of bindings) builder.bindPrefix(prefix, bound);

    position = TAG_END.lastIndex;
    if (unbuiltElement) {
      tooDeep = true;
      if (selfClosing) {
        if (bindings) scope.leave(bindings);
      } else {
        if (bindings) unbuiltBindings.set(unbuilt.length, bindings);
        unbuilt.push(lt);
      }
      continue;
    }
    const xmlBase = attributes?.get('xml:base');
    const element = builder.open(stack[stack.length - 1]!.element, rawName, uri!, xmlBase === undefined ? undefined : (decodeCharacterData(xmlBase) ?? ''), position);
    if (selfClosing) {
      if (bindings) scope.leave(bindings);
      builder.close(element, position, stack.length === 1);
      if (stack.length === 1) rootClosed = true;
      continue;
    }
    stack.push({ element, rawName, bindings });
  }
  if (stack.length !== 1 || unbuilt.length > 0 || result.rootName === null) return null;
  return tooDeep ? TOO_DEEP : result;
}
