/**
 * RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through rss-parser, then normalised.
 *
 * rss-parser does the parsing; its `customFields` hand us the raw xml2js nodes (with attributes) of every field
 * we read, because its own mapping drops Atom text-construct types, enclosures after the first, xml:base and
 * more. A side pass (xml-scan.ts) supplies what xml2js cannot: well-formedness, namespace bindings, inherited
 * xml:base and the raw markup of inline XHTML. Most of rss-parser's time goes on items, so a document the side pass
 * found plainly well-formed has its items built from the pass as xml2js would build them (xml-items.ts) and rss-parser
 * reads the rest; another well-formed document reaches rss-parser as a skeleton without its long item bodies
 * (xml-skeleton.ts). A document that is not well-formed is first kept within the nesting the parsers read in linear
 * time (bound-nesting.ts).
 */
import Parser from 'rss-parser';
import * as cheerio from 'cheerio';
import type { FeedEnclosure, FeedItem, ParsedFeed, SkipTimes } from '../../model/index.ts';
import { formatNames } from '../../model/byline.ts';
import { escapeRegExp } from '../../model/escape-regexp.ts';
import { FeedParseError } from './feed-parse-error.ts';
import { boundNesting, type EntryNesting } from './bound-nesting.ts';
import { childrenNamed, describeXmlError, endsBeforeRootEnd, openEntryStartAtEnd, rootOpenAtEnd, wellFormednessWarnings, closedChild, fastScan, innerMarkup, isAtomRoot, isXmlChar, makeNameCanonicaliser, saxScan, scanXml, type NameCanonicaliser, type ScanNaming, type ScannedElement, type XmlScan } from './xml-scan.ts';
import { hollowItemBodies, refillItemBodies, type Skeleton } from './xml-skeleton.ts';
import { NotInSubset, withoutElements, xml2jsFields } from './xml-items.ts';
import {
  assignItemIds,
  withoutEmptyItems,
  dropRepeatedItems,
  authorName,
  cleanText,
  collapseWhitespace,
  decodeEntities,
  escapeHtml,
  htmlTitleText,
  titleOfHtml,
  htmlToText,
  DateReader,
  outletUrlOf,
  languageTag,
  repairDecodedText,
  resolveHtmlUrls,
  resolveUrl,
  unwrapNewsSearchLink,
  withInlineXmlBases,
} from './normalise.ts';

/** A node as xml2js builds it: a string for a bare text element, else an object with `_` text and `$` attributes. */
type XmlNode = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };
type RawRecord = Record<string, unknown>;

/** Elements read from each item/entry, by canonical name (see xml-scan.ts). */
const ITEM_FIELDS = [
  'title', 'dc:title', 'media:title', 'link', 'atom:link', 'guid', 'id', 'description', 'dc:description', 'summary', 'content',
  'content:encoded', 'xhtml:body', 'body', 'fullitem', 'pubDate', 'published', 'issued', 'created', 'updated',
  'modified', 'dc:date', 'dcterms:issued', 'dcterms:created', 'dcterms:modified', 'author', 'dc:creator',
  'dc:author', 'itunes:author', 'itunes:summary', 'enclosure', 'enc:enclosure', 'media:content', 'media:group', 'media:description', 'category', 'dc:subject',
  'itunes:category', 'itunes:keywords', 'media:category', 'media:keywords',
  'comments', 'source', 'dc:language',
  // FeedBurner's copy of the publisher's own link (see readItem)
  'feedburner:origLink',
  // Bing News's outlet (see AGGREGATOR_SOURCE)
  'news:source',
  // Atom's elements in RSS items, as .NET's SyndicationFeed writes them (`<a10:updated>`, `<a10:author>`)
  'atom:published', 'atom:updated', 'atom:author', 'atom:summary', 'atom:content',
];
/**
 * Bing News names an item's outlet in `<News:Source>`, under a prefix bound to a namespace that varies (the search's
 * own URL) and written in any case (`News:Source`, `news:source`): read as `news:source` whatever its namespace.
 */
const AGGREGATOR_SOURCE = /^news:source$/i;

/** The names a feed's elements are read by: canonical names (makeNameCanonicaliser), and Bing's outlet's. */
function feedCanonicaliser(prefixes: Map<string, string>, rootIsAtom: boolean): NameCanonicaliser {
  const canonical = makeNameCanonicaliser(prefixes, rootIsAtom);
  // the length first: the canonicaliser is asked for every element's and attribute's name
  return (name) => (name.length === 11 && AGGREGATOR_SOURCE.test(name) ? 'news:source' : canonical(name));
}

/** The naming a feed is scanned with: feedCanonicaliser's, Atom's or RSS's as its root decides. */
const feedNaming: ScanNaming = { atRoot: (root, prefixes) => feedCanonicaliser(prefixes, isAtomRoot(root.name, root.uri)) };

/** Elements read from the channel (RSS/RDF) or the feed (Atom). */
const FEED_FIELDS = ['title', 'dc:title', 'link', 'atom:link', 'author', 'ttl', 'sy:updatePeriod', 'sy:updateFrequency', 'skipHours', 'skipDays', 'language', 'dc:language'];
const RAW = 'raw:';

/** rss-parser never settles on some inputs (a prolog without a root element); every parse gets this long. */
export const PARSE_TIME_LIMIT_MS = 5000;

function asArray(value: unknown): XmlNode[] {
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}
function nodeText(node: XmlNode | undefined): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  return typeof node._ === 'string' ? node._ : '';
}
function nodeAttrs(node: XmlNode | undefined): Record<string, string> {
  return node && typeof node === 'object' && node.$ ? node.$ : {};
}
function hasChildElements(node: XmlNode | undefined): boolean {
  return !!node && typeof node === 'object' && Object.keys(node).some((key) => key !== '_' && key !== '$');
}

/**
 * `raw:` and a field's name, made once per name: a key built anew for every lookup (thirty per item) had to be
 * hashed and looked up among the internalized strings each time. The names are the fixed ones this module reads.
 */
const rawKeys = new Map<string, string>();
function rawKey(name: string): string {
  let key = rawKeys.get(name);
  if (key === undefined) rawKeys.set(name, (key = RAW + name));
  return key;
}

/** A field: its xml2js node, and which child of the item's (or channel's) element it is: the `index`-th named `name`. */
interface FieldRef {
  node: XmlNode;
  name: string;
  index: number;
}

class FieldReader {
  /** @param element the item's (or channel's) element in the scan, if the scan has it */
  constructor(
    private readonly raw: RawRecord,
    private readonly element: ScannedElement | undefined,
    private readonly scan: XmlScan,
    readonly documentBase: string | null,
  ) {}

  /** The xml2js nodes of a field, in document order. */
  nodes(name: string): XmlNode[] {
    return asArray(this.raw[rawKey(name)]);
  }
  all(name: string): FieldRef[] {
    const nodes = this.nodes(name);
    return nodes.map((node, index) => ({ node, name, index }));
  }
  /** The scanned element of a field (xml2js and the scan group children by the same names, in document order). */
  private elementOf(ref: FieldRef): ScannedElement | undefined {
    return closedChild(this.element, ref.name, ref.index);
  }
  first(...names: string[]): FieldRef | undefined {
    for (const name of names) {
      const nodes = this.nodes(name);
      for (let index = 0; index < nodes.length; index++) {
        const node = nodes[index]!;
        if (nodeText(node).trim() !== '' || hasChildElements(node)) return { node, name, index };
      }
    }
    return undefined;
  }
  /** Effective base URL of a field (xml:base chain, Content-Location, document URL). */
  baseOf(ref: FieldRef | undefined): string | null {
    // Most feeds have no xml:base: skip the lookups (a measurable share of normalising a large feed).
    if (!this.scan.hasXmlBase) return this.documentBase;
    const own = this.element && this.element.innerEnd >= 0 ? this.element : undefined;
    return (ref ? this.elementOf(ref) : own)?.base ?? own?.base ?? this.documentBase;
  }
  /** Attributes of the item/channel element itself (e.g. rdf:about). */
  ownAttributes(): Record<string, string> {
    const attrs = this.raw[rawKey('$')];
    return attrs && typeof attrs === 'object' && !Array.isArray(attrs) ? (attrs as Record<string, string>) : {};
  }
  get prefixes(): Map<string, string> {
    return this.scan.prefixes;
  }
  /** Document position of a field, for "whichever comes first" rules. */
  orderOf(ref: FieldRef): number {
    return this.elementOf(ref)?.order ?? Number.MAX_SAFE_INTEGER;
  }
  innerOf(ref: FieldRef): string | null {
    const element = this.elementOf(ref);
    return element ? innerMarkup(this.scan, element) : null;
  }
  /** Plain text of a field, e.g. a GUID or a date; entities are already decoded by the XML parser. */
  text(...names: string[]): string | null {
    const ref = this.first(...names);
    if (!ref) return null;
    const value = collapseWhitespace(nodeText(ref.node));
    return value === '' ? null : value;
  }
}

interface Construct {
  /** HTML ready for the `summary`/`content` fields (plain text is escaped). */
  html: string;
  /** The value itself: markup when isHtml, else plain text. */
  value: string;
  /** True when the source marked or carried markup (as opposed to plain text). */
  isHtml: boolean;
  /** True when the markup is the document's own elements (Atom `type="xhtml"`), not HTML written as text. */
  inline: boolean;
}

/**
 * Removes the XHTML namespace plumbing from inline markup: `xmlns` declarations and `xhtml:` prefixes. A declaration
 * is looked for from the first of the white space before it only (`(?<!\s)`): tried from every space of a long run,
 * the search took time growing with the square of the run (200,000 spaces before a title's markup: 20 s).
 */
function cleanInlineXhtml(markup: string): string {
  return markup
    .replace(/(?<!\s)\s+xmlns(?::[\w.-]+)?\s*=\s*(["'])http:\/\/www\.w3\.org\/1999\/xhtml\1/g, '')
    .replace(/<(\/?)[\w.-]+:([\w.-]+)(?=[\s>/])/g, (whole, slash: string, local: string) =>
      /^(xhtml|html|h|x)$/i.test(whole.slice(slash ? 2 : 1, whole.indexOf(':'))) ? `<${slash}${local}` : whole,
    )
    .trim();
}

const FOREIGN_ROOTS: Record<string, string> = { svg: 'http://www.w3.org/2000/svg', math: 'http://www.w3.org/1998/Math/MathML' };

/**
 * HTML has no namespace prefixes: inline SVG/MathML written as `<svg:svg>` (prefix bound somewhere up the
 * document) is rewritten to `<svg xmlns="…">`, the form HTML parsers and feedparser produce.
 */
function unprefixForeignMarkup(markup: string, prefixes: Map<string, string>): string {
  let result = markup;
  for (const [prefix, uri] of prefixes) {
    if (!prefix || !Object.values(FOREIGN_ROOTS).includes(uri)) continue;
    const escaped = prefix.replace(/[.-]/g, '\\$&');
    result = result
      .replace(new RegExp(`<(/?)${escaped}:([\\w.-]+)`, 'g'), '<$1$2')
      // from the first of the white space only, as in cleanInlineXhtml (tried from each space, a long run took its square)
      .replace(new RegExp(`(?<!\\s)\\s+xmlns:${escaped}\\s*=\\s*(["'])[^"']*\\1`, 'g'), '');
  }
  for (const [root, uri] of Object.entries(FOREIGN_ROOTS)) {
    result = result.replace(new RegExp(`<${root}(?=[\\s>/])([^>]*)>`, 'g'), (tag, attributes: string) =>
      /\sxmlns\s*=/.test(attributes) ? tag : `<${root} xmlns="${uri}"${attributes}>`,
    );
  }
  return result;
}

/** A `<div>` start or end tag (an empty-element one marked by its `/`), or a comment, which may hold such text. */
const DIV_TAG = /<(\/?)div(?=[\s/>])[^>]*?(\/?)>|<!--[\s\S]*?-->/gi;

/**
 * The single `<div>` wrapper Atom 1.0 requires around type="xhtml" content is not part of the content. Only a div
 * whose end tag ends the content is that wrapper: sibling divs (`<div>one</div><div>two</div>`) are kept whole.
 */
function unwrapXhtmlDiv(markup: string): string {
  const trimmed = markup.trim();
  const start = /^<div(?=[\s/>])[^>]*>/i.exec(trimmed)?.[0];
  if (!start || start.endsWith('/>') || !/<\/div\s*>$/i.test(trimmed)) return markup;
  DIV_TAG.lastIndex = start.length;
  let depth = 1;
  for (let tag = DIV_TAG.exec(trimmed); tag; tag = DIV_TAG.exec(trimmed)) {
    if (tag[0].startsWith('<!--') || tag[2]) continue;
    depth += tag[1] ? -1 : 1;
    if (depth === 0) return DIV_TAG.lastIndex === trimmed.length ? trimmed.slice(start.length, tag.index).trim() : markup;
  }
  return markup;
}

/**
 * Reads a text construct: Atom `type` (text/html/xhtml and 0.3's MIME types) and `mode` (xml/escaped/base64);
 * RSS fields have no type and hold HTML by convention (`defaultHtml`).
 */
function readConstruct(reader: FieldReader, ref: FieldRef, defaultHtml: boolean): Construct {
  const attrs = nodeAttrs(ref.node);
  const type = (attrs.type ?? '').trim().toLowerCase();
  const mode = (attrs.mode ?? '').trim().toLowerCase();
  const base = reader.baseOf(ref);
  const typeIsHtml = /html/.test(type);
  const typeIsText = type === 'text' || type === 'text/plain';
  let value = nodeText(ref.node);
  let isHtml: boolean;
  let inline = false;
  // Atom 1.0 §4.1.3.3: content with a media type that is neither text nor XML is Base64-encoded.
  const isBinaryType = type !== '' && !/^(text|html|xhtml)$/.test(type) && !/^text\/|[/+]xml$/.test(type);
  if (mode === 'base64' || (isBinaryType && mode === '')) {
    value = Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8');
    // decoded bytes of an unknown or missing type are shown as HTML (as feedparser does); only text/plain stays text
    isHtml = !typeIsText && (typeIsHtml || isBinaryType || type === '' || defaultHtml);
  } else if (type === 'xhtml' || type === 'application/xhtml+xml' || hasChildElements(ref.node)) {
    // inline markup: take it verbatim from the document (xml2js loses the order of mixed content)
    const inner = reader.innerOf(ref);
    if (inner !== null) {
      value = cleanInlineXhtml(withInlineXmlBases(inner, base).replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, cdata: string) => escapeHtml(cdata)));
      value = unprefixForeignMarkup(value, reader.prefixes);
      if (type === 'xhtml') value = unwrapXhtmlDiv(value);
      inline = true;
    }
    isHtml = true;
  } else if (mode === 'escaped') {
    isHtml = !typeIsText;
  } else {
    isHtml = typeIsHtml || (!typeIsText && defaultHtml);
  }
  // UTF-8 that went through a legacy code page upstream ("Itâ€™s"), repaired as article text is; no control characters
  value = repairDecodedText(value);
  const html = isHtml ? resolveHtmlUrls(value, base) : escapeHtml(value);
  return { html, value, isHtml, inline };
}

/**
 * A title as text: markup (Atom html/xhtml titles, or HTML in an RSS title) reduced to its words; angle brackets in
 * an RSS or `type="html"` title that holds no HTML kept as words (titleOfHtml).
 */
function readTitle(reader: FieldReader, ref: FieldRef | undefined, defaultHtml: boolean): string | null {
  if (!ref) return null;
  const construct = readConstruct(reader, ref, defaultHtml);
  if (!construct.isHtml) return cleanText(construct.value) ?? null;
  if (!construct.inline) return titleOfHtml(construct.value);
  const text = htmlToText(construct.html);
  return text === '' ? null : text;
}

function htmlOrNull(construct: Construct | undefined): string | null {
  if (!construct) return null;
  return construct.html.trim() === '' ? null : construct.html;
}

interface AtomLink {
  rel: string;
  href: string;
  type: string | null;
  length: string | null;
  /** The language of the page it links to, when the link says (RFC 4287 §4.2.7.4). */
  hreflang: string | null;
}
/** The IANA registry's address, before a registered relation's name: `…/relation/alternate` is `alternate`. */
const IANA_RELATION_PREFIX = 'http://www.iana.org/assignments/relation/';

/**
 * An Atom link's relation: `alternate` when it names none (RFC 4287 §4.2.7.2), a registered one written as its IANA
 * URI by its name (§4.2.7.2 makes the two equivalent), case and spacing aside.
 */
function atomRel(rel: string | undefined): string {
  const name = (rel ?? 'alternate').trim().toLowerCase();
  return name.startsWith(IANA_RELATION_PREFIX) ? name.slice(IANA_RELATION_PREFIX.length) : name;
}

/**
 * resolveUrl of a reference that may be empty or blank (an attribute, a text), which names no URL here: resolveUrl
 * would give the base for it, the feed's own address.
 */
function resolveGiven(ref: string | null | undefined, base: string | null): string | null {
  if (ref === null || ref === undefined || ref.trim() === '') return null;
  // escaped twice by the feed's writer (`?id=1&amp;amp;ref=rss`): no URL holds `&amp;`, as feedparser reads it too
  return resolveUrl(ref.includes('&amp;') ? ref.replaceAll('&amp;', '&') : ref, base);
}

function atomLinks(reader: FieldReader, name: string): AtomLink[] {
  return reader.all(name).flatMap((ref) => {
    const attrs = nodeAttrs(ref.node);
    const href = resolveGiven(attrs.href ?? nodeText(ref.node), reader.baseOf(ref));
    if (!href) return [];
    return [{ rel: atomRel(attrs.rel), href, type: attrs.type ?? null, length: attrs.length ?? null, hreflang: attrs.hreflang?.trim() || null }];
  });
}

/** Where an item names its authors, in the order they are trusted; the first that names anyone gives them all. */
const AUTHOR_FIELDS = ['author', 'dc:creator', 'dc:author', 'itunes:author', 'atom:author'];

/**
 * Every author of an item (or Atom feed) as a byline prints them ("A, B and C"): each `<dc:creator>` or Atom
 * `<author>` is one person. Only the first field that names anyone counts, since the others often repeat the same
 * people in another form (`<author>jane@example.org (Jane Doe)</author>` beside `<dc:creator>`) or name the show.
 */
function readAuthor(reader: FieldReader): string | null {
  for (const field of AUTHOR_FIELDS) {
    const names = reader.all(field).flatMap((ref) => {
      const name = personName(ref.node);
      return name ? [name] : [];
    });
    if (names.length > 0) return formatNames(names);
  }
  return null;
}

function personName(node: XmlNode): string | null {
  // an Atom person construct: `<name>` in an Atom document, `<atom:name>` in RSS
  const nameNodes = node && typeof node === 'object' ? (node.name ?? node['atom:name']) : undefined;
  if (Array.isArray(nameNodes)) return cleanText(nodeText(nameNodes[0] as XmlNode));
  // HTML, as RSS text is by convention (`<a href="/authors/jane">Jane Doe</a>`): its words, as a title's are
  const text = nodeText(node);
  return authorName(text.includes('<') ? htmlTitleText(text) : text);
}

/** The named authors of an Atom entry's `<source>`, the feed it was copied from. */
function sourceAuthor(reader: FieldReader): string | null {
  const source = reader.all('source')[0]?.node;
  if (!source || typeof source !== 'object') return null;
  const names = asArray(source.author).flatMap((author) => {
    const name = author && typeof author === 'object' ? cleanText(nodeText(asArray(author.name)[0])) : null;
    return name ? [name] : [];
  });
  return formatNames(names);
}

/**
 * RSS `<source url="...">Reuters</source>` names the outlet by its text; Atom's `<source>` by its `<title>`; Bing
 * News's items by `<News:Source>Reuters</News:Source>` (see AGGREGATOR_SOURCE).
 */
function readOutlet(reader: FieldReader): string | null {
  const source = reader.all('source')[0]?.node;
  let named: string | null = null;
  if (typeof source === 'string') named = cleanText(source);
  else if (source !== undefined && source !== null) named = cleanText(nodeText(source)) ?? cleanText(nodeText(asArray(source.title)[0]));
  return named ?? cleanText(nodeText(reader.all('news:source')[0]?.node));
}

/**
 * The outlet's address, an absolute http(s) URL (see outletUrlOf): RSS `<source url="https://www.reuters.com">`; Atom's
 * `<source>` by its alternate link (RFC 4287 §4.2.11: the feed the entry was copied from, whose `<link>` without a
 * `rel` is its alternate, the site), resolved against `xml:base`.
 */
function readOutletUrl(reader: FieldReader): string | null {
  const ref = reader.all('source')[0];
  const source = ref?.node;
  const rssUrl = outletUrlOf(nodeAttrs(source).url);
  if (rssUrl !== null || ref === undefined || source === null || typeof source !== 'object') return rssUrl;
  for (const link of asArray(source.link)) {
    const { rel, href } = nodeAttrs(link);
    if (atomRel(rel) !== 'alternate') continue;
    const url = outletUrlOf(resolveGiven(href, reader.baseOf(ref)));
    if (url !== null) return url;
  }
  return null;
}

function readEnclosures(reader: FieldReader, links: AtomLink[]): FeedEnclosure[] {
  const enclosures: FeedEnclosure[] = [];
  for (const ref of reader.all('enclosure')) {
    const attrs = nodeAttrs(ref.node);
    const url = resolveGiven(attrs.url ?? attrs.href, reader.baseOf(ref));
    if (url) enclosures.push({ url, type: attrs.type?.trim() || null, length: attrs.length?.trim() || null });
  }
  // RSS 1.0's enclosure module: the address as an RDF resource, the type and length in the module's namespace
  for (const ref of reader.all('enc:enclosure')) {
    const attrs = nodeAttrs(ref.node);
    const url = resolveGiven(attrs['rdf:resource'] ?? attrs['enc:url'], reader.baseOf(ref));
    if (url && !enclosures.some((enclosure) => enclosure.url === url)) enclosures.push({ url, type: attrs['enc:type']?.trim() || null, length: attrs['enc:length']?.trim() || null });
  }
  for (const link of links) {
    if (link.rel === 'enclosure') enclosures.push({ url: link.href, type: link.type?.trim() || null, length: link.length?.trim() || null });
  }
  // Media RSS, which many news feeds use for their images and video instead of <enclosure>: on the item, or
  // grouped as renditions of one object in <media:group> (whose children keep the prefix the feed gave them).
  const media: { node: XmlNode; base: string | null }[] = reader.all('media:content').map((ref) => ({ node: ref.node, base: reader.baseOf(ref) }));
  for (const group of reader.all('media:group')) {
    if (typeof group.node !== 'object') continue;
    for (const [key, value] of Object.entries(group.node)) {
      if (key.replace(/^.*:/, '') === 'content') media.push(...asArray(value).map((node) => ({ node, base: reader.baseOf(group) })));
    }
  }
  for (const { node, base } of media) {
    const attrs = nodeAttrs(node);
    const url = resolveGiven(attrs.url, base);
    if (url && !enclosures.some((enclosure) => enclosure.url === url)) {
      enclosures.push({ url, type: attrs.type?.trim() || null, length: attrs.fileSize?.trim() || null });
    }
  }
  return enclosures;
}

/**
 * An item's Media RSS elements of one name (`description`, `title`): its own, then those in its `<media:group>`s and
 * `<media:content>`s (where a video feed or a podcast puts them), in that order.
 */
function mediaElements(reader: FieldReader, local: string): XmlNode[] {
  const nodes: XmlNode[] = reader.all(`media:${local}`).map((ref) => ref.node);
  for (const container of [...reader.all('media:group'), ...reader.all('media:content')]) {
    if (typeof container.node !== 'object') continue;
    for (const [key, value] of Object.entries(container.node)) if (key.replace(/^.*:/, '') === local) nodes.push(...asArray(value));
  }
  return nodes;
}

/** The first non-empty Media RSS description as HTML: plain text (the default `type="plain"`) is escaped. */
function readMediaDescription(reader: FieldReader): string | null {
  for (const node of mediaElements(reader, 'description')) {
    const text = nodeText(node).trim();
    if (text !== '') return nodeAttrs(node).type === 'html' ? text : escapeHtml(text);
  }
  return null;
}

/** The first non-empty Media RSS title as text, for an item without a title of its own. */
function readMediaTitle(reader: FieldReader): string | null {
  for (const node of mediaElements(reader, 'title')) {
    const text = nodeText(node);
    const title = nodeAttrs(node).type === 'html' ? htmlTitleText(text) : cleanText(text);
    if (title) return title;
  }
  return null;
}

/** The item's `<itunes:summary>`, plain text as Apple's podcast spec has it, as HTML (escaped); null when empty. */
function readItunesSummary(reader: FieldReader): string | null {
  const ref = reader.first('itunes:summary');
  const text = ref ? nodeText(ref.node).trim() : '';
  return text === '' ? null : escapeHtml(text);
}

function readCategories(reader: FieldReader): string[] {
  const names = [
    ...reader.all('category').map((ref) => nodeAttrs(ref.node).term ?? nodeText(ref.node)),
    ...reader.all('dc:subject').map((ref) => nodeText(ref.node)),
    // podcasts' and Media RSS's (on the item, in its groups and contents): an iTunes category names itself in an
    // attribute, keywords are a comma-separated list
    ...reader.all('itunes:category').map((ref) => nodeAttrs(ref.node).text ?? ''),
    ...mediaElements(reader, 'category').map((node) => nodeText(node)),
    ...reader.all('itunes:keywords').flatMap((ref) => nodeText(ref.node).split(',')),
    ...mediaElements(reader, 'keywords').flatMap((node) => nodeText(node).split(',')),
  ];
  // one category however it is capitalised (keywords often repeat a tag in small letters): the first spelling kept
  const byLowerCase = new Map<string, string>();
  for (const name of names) {
    const cleaned = cleanText(name);
    if (cleaned && !byLowerCase.has(cleaned.toLowerCase())) byLowerCase.set(cleaned.toLowerCase(), cleaned);
  }
  return [...byLowerCase.values()];
}

/** The first field name present decides; if it repeats, the last occurrence wins (feedparser's overwrite rule). */
function readDate(reader: FieldReader, names: string[], dates: DateReader): string | null {
  for (const name of names) {
    // every value is read, the unreadable ones counted, and the last readable one kept
    let last: string | null = null;
    for (const node of reader.nodes(name)) {
      const value = dates.read(nodeText(node));
      if (value) last = value;
    }
    if (last !== null) return last;
  }
  return null;
}

interface DraftItem extends Omit<FeedItem, 'id'> {}

/**
 * The page a feed or entry stands for: its alternate link of an HTML type (no type means HTML), else its first
 * alternate. An entry may list its PDF or audio as alternates too, and the page is what the pipeline reads. Of its
 * HTML pages, one that names no language of its own (`hreflang`) comes first: the others are its translations.
 */
function alternatePage(links: readonly AtomLink[]): AtomLink | undefined {
  const alternates = links.filter((link) => link.rel === 'alternate');
  const pages = alternates.filter((link) => link.type === null || /^\s*(text\/html|application\/xhtml\+xml)\s*(;|$)/i.test(link.type));
  return pages.find((link) => link.hreflang === null) ?? pages[0] ?? alternates[0];
}

/**
 * The item with its id: `{ id, ...draft }`, its fields in the same order, without a copy made property by property at
 * run time for each of a feed's thousands of items.
 */
function feedItem(id: string, draft: DraftItem): FeedItem {
  const { guid, title, link, published, updated, author, summary, content, enclosures, categories, outlet, outletUrl, language } = draft;
  return { id, guid, title, link, published, updated, author, summary, content, enclosures, categories, outlet, outletUrl, language };
}

/** An item as read, before the items of the document are compared. */
interface ReadItem extends DraftItem {
  /** True when the link is the item's GUID (an RSS 2.0 permalink, an RSS 1.0 rdf:about), not a link of its own. */
  linkIsGuid: boolean;
}

/**
 * The items without the links they took from a GUID that several of them share: some CMSs stamp every item with
 * the feed's own address as a permalink GUID, which is then no item's page (later stages would mark the items
 * copies of one another and fetch the feed as an article). Such items have no link, as if they gave none.
 */
function withoutSharedGuidLinks(items: readonly ReadItem[]): DraftItem[] {
  const guidCounts = new Map<string, number>();
  for (const item of items) if (item.guid) guidCounts.set(item.guid, (guidCounts.get(item.guid) ?? 0) + 1);
  return items.map((item) => {
    const { guid, title, link, published, updated, author, summary, content, enclosures, categories, outlet, outletUrl, language } = item;
    const draft: DraftItem = { guid, title, link, published, updated, author, summary, content, enclosures, categories, outlet, outletUrl, language };
    if (item.linkIsGuid && guid && guidCounts.get(guid)! > 1) draft.link = null;
    return draft;
  });
}

/**
 * An RSS item's or channel's `<link>`: the first with text, else the href of an Atom-style `<link href="…"/>`
 * without the Atom namespace, read as feedparser reads it (an alternate's). One without either (`<link><span/></link>`)
 * is no link.
 */
function rssLink(reader: FieldReader): string | null {
  for (const ref of reader.all('link')) {
    const url = resolveGiven(nodeText(ref.node), reader.baseOf(ref));
    if (url) return url;
  }
  return alternatePage(atomLinks(reader, 'link'))?.href ?? null;
}

/** @param feedAuthor the Atom feed's author, for entries that name none */
function readItem(reader: FieldReader, isAtom: boolean, dates: DateReader, feedAuthor: string | null): ReadItem {
  const links = [...atomLinks(reader, isAtom ? 'link' : 'atom:link')];
  const alternate = alternatePage(links);
  const guidRef = reader.first(isAtom ? 'id' : 'guid') ?? reader.first('id', 'guid');
  const guidText = guidRef ? collapseWhitespace(nodeText(guidRef.node)) || null : null;
  const about = reader.ownAttributes()['rdf:about']?.trim() || null;
  const guid = guidText ?? about;

  // RSS's own <link> before an <atom:link> beside it, which may point at another form of the item (its JSON, a page
  // in another language) however its rel reads
  let link: string | null = isAtom ? (alternate?.href ?? null) : (rssLink(reader) ?? alternate?.href ?? null);
  let linkIsGuid = false;
  // RSS 2.0: a <guid> is a permalink unless isPermaLink says otherwise ("false", or "no" or "0" as some generators
  // write it), so it doubles as the link; so does an Atom entry's http(s) <id> when the entry has no link (as
  // feedparser reads both). Only an explicit
  // isPermaLink="true" makes a relative GUID a link: by default most non-URL GUIDs ("12345") are not meant as one.
  const permaLink = guidRef ? (nodeAttrs(guidRef.node).isPermaLink ?? '').trim().toLowerCase() : '';
  if (!link && guidRef && guidText && !['false', 'no', '0'].includes(permaLink)) {
    // an absolute one normalised as any link is (`HTTP://Example.COM` is http://example.com/, a space escaped)
    const resolved = permaLink === 'true' || /^https?:\/\//i.test(guidText) ? resolveGiven(guidText, reader.baseOf(guidRef)) : null;
    if (resolved && /^https?:\/\//i.test(resolved)) [link, linkIsGuid] = [resolved, true];
  }
  // RSS 1.0: an item's rdf:about is its URL ("should be identical to the value of the <link>"), for items without one
  if (!link && !isAtom && !guidText && about) {
    const resolved = resolveGiven(about, reader.baseOf(undefined));
    if (resolved && /^https?:\/\//i.test(resolved)) [link, linkIsGuid] = [resolved, true];
  }
  // a news search's click-through link (Bing News's) stands for the outlet's page it names: the item's link is that
  if (link) link = unwrapNewsSearchLink(link) ?? link;
  // A feed run through FeedBurner links each item to a feedproxy.google.com redirect and keeps the publisher's own
  // address in <feedburner:origLink>: the article's link is that, as a reader's browser ends up there.
  const origLink = reader.first('feedburner:origLink');
  const publisherLink = origLink ? resolveGiven(nodeText(origLink.node), reader.baseOf(origLink)) : null;
  if (publisherLink && /^https?:\/\//i.test(publisherLink)) [link, linkIsGuid] = [publisherLink, false];

  const titleRef = reader.first('title', 'dc:title', 'media:title');
  let summaryRef: FieldRef | undefined;
  let contentRef: FieldRef | undefined;
  if (isAtom) {
    summaryRef = reader.first('summary', 'description');
    contentRef = reader.first('content', 'content:encoded');
  } else {
    // RSS has several summary-like elements; the first in the document is the summary, and when the item has no
    // full-content element a second one is the content (feedparser's rule; it keeps both texts).
    const summaryLike = ['description', 'summary', 'dc:description', 'atom:summary']
      .map((name) => reader.first(name))
      .filter((ref): ref is FieldRef => !!ref)
      .sort((a, b) => reader.orderOf(a) - reader.orderOf(b));
    summaryRef = summaryLike[0];
    contentRef = reader.first('content:encoded', 'xhtml:body', 'body', 'fullitem', 'content', 'atom:content') ?? summaryLike[1];
  }
  // an Atom text construct is text unless its type says otherwise, in an RSS item too
  const isHtmlByDefault = (ref: FieldRef) => !isAtom && !ref.name.startsWith('atom:');
  const content = htmlOrNull(contentRef ? readConstruct(reader, contentRef, isHtmlByDefault(contentRef)) : undefined);
  let summary = htmlOrNull(summaryRef ? readConstruct(reader, summaryRef, isHtmlByDefault(summaryRef)) : undefined);
  // feedparser semantics: an entry without a summary shows the start of its content there.
  if (!summary && isAtom) summary = content;
  // A video feed's entry (YouTube's) has no summary but its Media RSS description, a podcast's episode its iTunes
  // summary (often beside the show notes in `<content:encoded>`).
  if (!summary) summary = readMediaDescription(reader) ?? readItunesSummary(reader);

  return {
    guid,
    title: readTitle(reader, titleRef, !isAtom) ?? readMediaTitle(reader),
    link,
    published: readDate(reader, ['published', 'pubDate', 'issued', 'dcterms:issued', 'created', 'dcterms:created', 'atom:published'], dates),
    updated: readDate(reader, ['updated', 'modified', 'dc:date', 'dcterms:modified', 'atom:updated'], dates),
    // RFC 4287 §4.2.1: an entry without authors has its source's, else the feed's (an author without a name is
    // still the entry's own, so nothing is inherited then)
    author: readAuthor(reader) ?? (isAtom && reader.all('author').length === 0 ? (sourceAuthor(reader) ?? feedAuthor) : null),
    summary,
    content,
    enclosures: readEnclosures(reader, links),
    categories: readCategories(reader),
    outlet: readOutlet(reader),
    outletUrl: readOutletUrl(reader),
    language: readItemLanguage(reader, isAtom),
    linkIsGuid,
  };
}

/**
 * An item's own language, where a multilingual feed gives one apart from its own: `xml:lang` on the item (RFC 4287
 * §2; an RSS item may carry it too), else on its content, summary or title (a feed marking only the text), else an
 * RSS item's `<dc:language>`.
 */
function readItemLanguage(reader: FieldReader, isAtom: boolean): string | null {
  const own = languageTag(reader.ownAttributes()['xml:lang']);
  if (own !== null) return own;
  for (const name of isAtom ? ['content', 'summary', 'title'] : ['content:encoded', 'description', 'title']) {
    const ref = reader.first(name);
    const marked = ref ? languageTag(nodeAttrs(ref.node)['xml:lang']) : null;
    if (marked !== null) return marked;
  }
  return isAtom ? null : languageTag(reader.text('dc:language'));
}

const UPDATE_PERIOD_SECONDS: Record<string, number> = { hourly: 3600, daily: 86400, weekly: 604800, monthly: 2592000, yearly: 31536000 };

/**
 * The longest wait a feed may ask for: a year, the longest period the syndication module names. The scheduler caps
 * it far lower anyway; this keeps a `<ttl>99999999</ttl>` within an integer column (PostgreSQL's holds 2^31 - 1).
 */
const MAX_TTL_SECONDS = UPDATE_PERIOD_SECONDS.yearly!;

function readTtlSeconds(reader: FieldReader): number | null {
  const ttlMinutes = Number(reader.text('ttl'));
  if (Number.isFinite(ttlMinutes) && ttlMinutes > 0) return Math.min(Math.round(ttlMinutes * 60), MAX_TTL_SECONDS);
  const period = reader.text('sy:updatePeriod');
  const seconds = period ? UPDATE_PERIOD_SECONDS[period.toLowerCase()] : undefined;
  if (seconds) {
    const frequency = Number(reader.text('sy:updateFrequency') ?? 1);
    return Math.min(Math.round(seconds / (Number.isFinite(frequency) && frequency > 0 ? frequency : 1)), MAX_TTL_SECONDS);
  }
  return null;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/**
 * RSS `<skipHours>` and `<skipDays>`: the hours (GMT, 0-23; 24, which RSS 0.91 feeds write for midnight's hour, is 0)
 * and the days in which the feed asks aggregators not to read it. Values neither names are left out with a warning;
 * a list of every hour or every day would silence the feed for good, and a monitoring tool must not lose a feed on a
 * hint: it is ignored, with a warning.
 */
function readSkipTimes(reader: FieldReader, warnings: string[]): SkipTimes | null {
  const listed = (field: string, child: string) =>
    reader.nodes(field).flatMap((node) => (node && typeof node === 'object' ? asArray(node[child]) : [])).map((node) => collapseWhitespace(nodeText(node)));
  const unread: string[] = [];
  const hours = new Set<number>();
  for (const value of listed('skipHours', 'hour')) {
    const hour = /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN;
    if (hour >= 0 && hour <= 24) hours.add(hour % 24);
    else unread.push(`<hour>${value}</hour>`);
  }
  const days = new Set<number>();
  for (const value of listed('skipDays', 'day')) {
    const day = WEEKDAYS.indexOf(value.toLowerCase());
    if (day >= 0) days.add(day);
    else unread.push(`<day>${value}</day>`);
  }
  if (unread.length > 0) warnings.push(`skipHours and skipDays: ${unread.slice(0, 3).join(', ')}${unread.length > 3 ? ` and ${unread.length - 3} more` : ''} not read (an hour is 0 to 23, a day an English weekday's name)`);
  for (const [set, all, name] of [[hours, 24, 'hour'], [days, 7, 'day']] as const) {
    if (set.size < all) continue;
    warnings.push(`skip${name === 'hour' ? 'Hours' : 'Days'} lists every ${name}: ignored, as it would never let the feed be read`);
    set.clear();
  }
  if (hours.size === 0 && days.size === 0) return null;
  return { hours: [...hours].sort((a, b) => a - b), days: [...days].sort((a, b) => a - b) };
}

/** Predefined XML entities; every other named reference is HTML's and must be rewritten for an XML parser. */
const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/** What repairText changed, by kind, for the warning that says how a broken document was read. */
class RepairCounts {
  private readonly counts = new Map<string, { many: string; count: number }>();
  /** @param one the repair done once ("escaping 1 stray '&'"); @param many the same with `#` for how often */
  add(one: string, many: string): void {
    const seen = this.counts.get(one);
    if (seen) seen.count += 1;
    else this.counts.set(one, { many, count: 1 });
  }
  /** The repairs made, in the order first made; null when there were none. */
  describe(): string | null {
    if (this.counts.size === 0) return null;
    return [...this.counts].map(([one, { many, count }]) => (count === 1 ? one : many.replace('#', String(count)))).join(', ');
  }
}

/** A numeric character reference as XML writes it (`&#65;`, `&#x41;`). */
const NUMERIC_REFERENCE = /&#(?:([0-9]+)|x([0-9A-Fa-f]+));/g;
const referencedCode = (decimal: string | undefined, hex: string | undefined) => (decimal !== undefined ? Number(decimal) : parseInt(hex!, 16));
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * References to characters XML forbids (`&#11;`, `&#0;`, `&#xD800;`), each of which makes a strict parser reject the
 * whole document. A high and a low surrogate written one after the other are UTF-16 spelled out as references and
 * become the character they encode; NUL, a lone surrogate or a number past U+10FFFF becomes U+FFFD, as HTML
 * decodes them; any other (a control character, U+FFFE, U+FFFF) is dropped, since text cannot use it anyway.
 */
function repairCharacterReferences(text: string, counts: RepairCounts): string {
  /** The offset of a low surrogate reference already joined to the high one before it. */
  let joinedAt = -1;
  return text.replace(NUMERIC_REFERENCE, (whole, decimal: string | undefined, hex: string | undefined, offset: number) => {
    if (offset === joinedAt) return '';
    const code = referencedCode(decimal, hex);
    if (isXmlChar(code)) return whole;
    if (isHighSurrogate(code)) {
      NUMERIC_REFERENCE_AT.lastIndex = offset + whole.length;
      const next = NUMERIC_REFERENCE_AT.exec(text);
      const low = next ? referencedCode(next[1], next[2]) : -1;
      if (isLowSurrogate(low)) {
        joinedAt = offset + whole.length;
        counts.add('joining 1 pair of surrogate references', 'joining # pairs of surrogate references');
        return `&#${(code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000};`;
      }
    }
    counts.add('repairing 1 reference to a character XML forbids', 'repairing # references to characters XML forbids');
    return code === 0 || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff ? '&#xFFFD;' : '';
  });
}
const NUMERIC_REFERENCE_AT = new RegExp(NUMERIC_REFERENCE.source, 'y');

/**
 * What may follow a `<` that opens markup: `/`, `!`, `?` or a name's first character, as XML 1.0 (and sax, the parser
 * rss-parser uses) allows it: letters of many scripts, not punctuation, dashes or symbols (`Read more <– previous`
 * failed the whole feed as "Unencoded <").
 */
const MARKUP_AFTER_LT = /[A-Za-z_:/!?\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;

/**
 * Escapes each `<` that cannot open markup (`Price < 5`, `a <3 b`, `<=`), which a strict parser rejects and a lenient
 * one writes back unescaped, and each `<?` that opens a processing instruction not ended (`?>`) before the next `<`
 * (`<title>Who's next <?</title>`, `<?published>`), which would run on to the next `?>`, or to the end of the
 * document and lose it all: a feed's instructions hold no markup. Given text outside CDATA sections and comments (see
 * outsideVerbatim).
 */
function escapeBareLessThan(text: string, counts: RepairCounts): string {
  const out: string[] = [];
  let copied = 0;
  // the first `?>` after the `<?` last looked at (the text's length when none), searched for again only once passed:
  // linear however many `<?` there are
  let instructionEnd = -1;
  for (let lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
    if (lt + 1 < text.length && MARKUP_AFTER_LT.test(text[lt + 1]!)) {
      if (text.charCodeAt(lt + 1) !== 0x3f /* ? */) continue;
      if (instructionEnd < lt) {
        const end = text.indexOf('?>', lt + 2);
        instructionEnd = end === -1 ? text.length : end;
      }
      const nextLt = text.indexOf('<', lt + 2);
      if (instructionEnd < (nextLt === -1 ? text.length : nextLt)) continue;
      counts.add("reading 1 unended '<?' as text", "reading # unended '<?' as text");
    } else {
      counts.add("reading 1 bare '<' as text", "reading # bare '<' as text");
    }
    out.push(text.slice(copied, lt), '&lt;');
    copied = lt + 1;
  }
  if (copied === 0) return text;
  out.push(text.slice(copied));
  return out.join('');
}

/**
 * `repair` applied to the text between CDATA sections and comments, which hold their characters as written (`AT&T`,
 * `a < b` and `&#11;` are all fine there). A section never ended runs to the end of the text, unless `counts` is given
 * to count the repair of it as no section: its `<` escaped, as text (a headline's `<!--` written raw would otherwise
 * swallow the rest of the document and its items). Linear: every search moves forward, and one that finds no end is
 * not made again.
 */
function outsideVerbatim(text: string, repair: (chunk: string) => string, counts?: RepairCounts): string {
  const out: string[] = [];
  let chunkStart = 0;
  const neverEnded = new Set<string>();
  for (let at = text.indexOf('<!'); at >= 0; ) {
    const close = text.startsWith('<![CDATA[', at) ? ']]>' : text.startsWith('<!--', at) ? '-->' : null;
    if (close === null) {
      at = text.indexOf('<!', at + 2);
      continue;
    }
    const closeAt = neverEnded.has(close) ? -1 : text.indexOf(close, at + (close === ']]>' ? 9 : 4));
    if (closeAt < 0) {
      if (counts === undefined) {
        out.push(repair(text.slice(chunkStart, at)), text.slice(at));
        chunkStart = text.length;
        break;
      }
      neverEnded.add(close);
      const opening = close === '-->' ? '<!--' : '<![CDATA[';
      counts.add(`reading 1 unended '${opening}' as text`, `reading # unended '${opening}' as text`);
      out.push(repair(text.slice(chunkStart, at)), '&lt;');
      chunkStart = at + 1;
      at = text.indexOf('<!', at + 2);
      continue;
    }
    const end = closeAt + close.length;
    out.push(repair(text.slice(chunkStart, at)), text.slice(at, end));
    chunkStart = end;
    at = text.indexOf('<!', end);
  }
  if (chunkStart < text.length) out.push(repair(text.slice(chunkStart)));
  return out.join('');
}

/**
 * Makes a not-well-formed document parseable without changing what it says: HTML named entities become
 * numeric references, stray `&` become `&amp;`, references to characters XML forbids are repaired or dropped, and a
 * `<` that cannot open markup becomes `&lt;`, all outside CDATA sections and comments. Used only after a strict parse
 * failed; `counts` says what it changed.
 */
function repairText(text: string, counts: RepairCounts): string {
  return outsideVerbatim(text, (chunk) => {
    const entitiesRepaired = chunk
      .replace(/&([A-Za-z][A-Za-z0-9]*);/g, (whole, name: string) => {
        if (XML_ENTITIES.has(name)) return whole;
        counts.add('rewriting 1 HTML entity', 'rewriting # HTML entities');
        return htmlEntityAsNumeric(name) ?? `&amp;${name};`;
      })
      .replace(/&(?!#\d+;|#x[0-9A-Fa-f]+;|[A-Za-z][A-Za-z0-9]*;)/g, () => {
        counts.add("escaping 1 stray '&'", "escaping # stray '&'");
        return '&amp;';
      });
    return escapeBareLessThan(repairCharacterReferences(entitiesRepaired, counts), counts);
  }, counts);
}

/** The most characters entity expansion may produce in one document, all entities and references together. */
const ENTITY_EXPANSION_BUDGET = 1_000_000;
/** How deep entities may refer to one another; a longer chain is a bomb, and its reference stays as written. */
const ENTITY_DEPTH = 64;

/**
 * The HTML character reference `&name;` as a numeric reference an XML parser reads, or null when HTML has no such
 * name. Zero-padded to the reference's own length where the digits allow, so error columns stay where they were.
 */
function htmlEntityAsNumeric(name: string): string | null {
  const decoded = decodeEntities(`&${name};`);
  if (decoded === `&${name};`) return null;
  const chars = [...decoded];
  if (chars.length === 1) return `&#${String(chars[0]!.codePointAt(0)).padStart(name.length - 1, '0')};`;
  return chars.map((char) => `&#${char.codePointAt(0)};`).join('');
}

/**
 * Whether `text` holds `<!D` or `<!d`, where a DOCTYPE may start: one search for `<!` through the text (which a
 * feed has before each CDATA section and comment) rather than one for each case.
 */
function mayHoldDoctype(text: string): boolean {
  for (let at = text.indexOf('<!'); at !== -1; at = text.indexOf('<!', at + 2)) {
    const next = text.charCodeAt(at + 2);
    if (next === 0x44 /* D */ || next === 0x64 /* d */) return true;
  }
  return false;
}

/**
 * Expands the general entities a DOCTYPE declares, which sax does not support:
 * - those of the internal subset (`<!ENTITY id "tag:example.com,">`), values that refer to one another included.
 *   Only what the document uses is expanded, each entity once, at most 64 levels deep, and all expansion together
 *   draws on one budget, so an entity bomb (however many declarations, however deep) stops there; a reference past
 *   it stays as written.
 * - with an external DTD (`<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" ...>`), HTML's
 *   named characters: such DTDs declare them, and a reference to a name the parser cannot see declared is not a
 *   well-formedness error in a document with an external DTD (XML 1.0, WFC: Entity Declared).
 * References inside CDATA sections and comments are left as written, as XML reads them.
 * The internal subset is replaced by as many line breaks as it held, so error lines still point into the document.
 */
export function expandInternalEntities(text: string): string {
  // Nearly every feed has no DOCTYPE: one plain search costs a fraction of the case-insensitive regex.
  if (!mayHoldDoctype(text)) return text;
  // The external id, when present, runs up to the subset or the end: no two parts may both take the white space
  // before `[` (that made the search quadratic on long runs of it).
  // The subset runs to the first `]` outside a quoted value (an entity's value may hold one).
  // Only the first `<!DOCTYPE` is read (a document has one, before its root element): tried at every one, the pattern
  // scanned from each to the end of the text, and a feed of `<!DOCTYPE x [` repeated took 5 s for 130 KB.
  const first = text.search(/<!DOCTYPE/i);
  if (first === -1) return text;
  const pattern = /<!DOCTYPE\s+[^\s[>]+(?:(\s+(?:PUBLIC|SYSTEM)\s[^[>]*)|\s*)(?:\[((?:[^\]"']|"[^"]*"|'[^']*')*)\]\s*)?>/iy;
  pattern.lastIndex = first;
  const doctype = pattern.exec(text);
  if (!doctype) return text;
  const hasExternalDtd = doctype[1] !== undefined;
  const subset = doctype[2] ?? '';
  const declared = new Map<string, string>();
  for (const match of subset.matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
    const name = match[1] ?? '';
    if (!XML_ENTITIES.has(name) && !declared.has(name)) declared.set(name, match[2] ?? match[3] ?? '');
  }
  if (declared.size === 0 && !hasExternalDtd) return text;
  let budget = ENTITY_EXPANSION_BUDGET;
  /** Each declared entity's expanded value, once computed; null while it is being computed, so a cycle stops. */
  const expanded = new Map<string, string | null>();
  const expand = (value: string, depth: number): string => {
    let out = '';
    let last = 0;
    for (const match of value.matchAll(/&([A-Za-z_][\w.-]*);/g)) {
      const replacement = valueOf(match[1]!, depth);
      if (replacement === null || replacement.length > budget) continue;
      budget -= replacement.length;
      out += value.slice(last, match.index) + replacement;
      last = match.index + match[0].length;
    }
    return last === 0 ? value : out + value.slice(last);
  };
  const valueOf = (name: string, depth: number): string | null => {
    const raw = declared.get(name);
    if (raw === undefined) return hasExternalDtd && !XML_ENTITIES.has(name) ? htmlEntityAsNumeric(name) : null;
    if (expanded.has(name)) return expanded.get(name)!;
    if (depth >= ENTITY_DEPTH) return null;
    expanded.set(name, null);
    const value = expand(raw, depth + 1);
    expanded.set(name, value);
    return value;
  };
  const bodyStart = doctype.index + doctype[0].length;
  const lineBreaks = '\n'.repeat(subset.split('\n').length - 1);
  const head = text.slice(doctype.index, bodyStart).replace(`[${subset}]`, lineBreaks);
  // CDATA sections and comments hold their characters as written: `&co;` in one is those four characters
  return text.slice(0, doctype.index) + head + outsideVerbatim(text.slice(bodyStart), (chunk) => expand(chunk, 0));
}

/** Feed fields that hold only text: any tag inside one means its end tag was lost. */
const TEXT_FIELDS = new Set([
  'title', 'link', 'guid', 'id', 'pubdate', 'published', 'updated', 'name', 'email', 'uri', 'category', 'comments',
  'dc:creator', 'dc:date', 'dc:title', 'ttl',
]);
/** Fields that may hold unescaped HTML: only the start or end of an item, entry or channel ends them. */
const MARKUP_FIELDS = new Set(['description', 'summary', 'content', 'content:encoded']);
const STRUCTURE = new Set(['item', 'entry', 'channel', 'rss', 'feed', 'rdf:rdf']);
/**
 * Items and entries never nest; they belong directly in the channel (RSS 0.9x and 2.0), the root (RSS 1.0, whose
 * channel is closed before its items) or the feed (Atom). Both names for every format: the nesting bound and
 * closeUnclosedFields read them from here.
 */
const FEED_ENTRIES: EntryNesting = { entries: ['item', 'entry'], containers: ['channel', 'rdf:RDF', 'feed'] };
/** The same names, lower case, as closeUnclosedFields compares them. */
const ENTRIES = new Set(FEED_ENTRIES.entries.map((name) => name.toLowerCase()));
const ENTRY_PARENTS = new Set(FEED_ENTRIES.containers.map((name) => name.toLowerCase()));
const ENTRY_LEVEL = [...ENTRIES, ...ENTRY_PARENTS];
/** Inline HTML that titles carry unescaped (`A <b>bold</b> step`): inside a text field it does not end the field. */
const INLINE_HTML = new Set([
  'a', 'abbr', 'b', 'bdi', 'br', 'cite', 'code', 'dfn', 'em', 'i', 'kbd', 'mark', 'q', 's', 'small', 'span', 'strong', 'sub', 'sup', 'u', 'wbr',
]);
const TAG = /<(\/?)([A-Za-z_][\w:.-]*)(?:\s[^<>]*?)?(\/?)>/y;
/** A tag cut off by the next `<` or by the end of the text. */
const CUT_TAG = /<(\/?)[A-Za-z_][^<>]*(?=<|$)/y;

interface OpenElement {
  name: string;
  /** text: ends at any tag; markup: ends at an item, entry or channel boundary; other: only at its end tag. */
  kind: 'text' | 'markup' | 'other';
}

/**
 * Puts back the end tags a broken feed lost, before the lenient parser reads it: a field left open (`<title>Broken`
 * followed by `<item>`) would otherwise swallow every item after it. A text field ends at the next tag; a field
 * that may hold HTML (or an Atom text construct of type xhtml) ends at the next item, entry or channel boundary;
 * a new item or entry ends the one still open, and whatever else was left open since it or since the channel, RDF
 * root or feed it belongs in; an end tag closes what is still open inside its element. An end
 * tag cut off by the next `<` (`</tit` then `<item>`) is dropped; a start tag cut off so is kept as text.
 * Linear in the text, however hostile: every search moves forward, and each element is opened and closed once.
 */
export function closeUnclosedFields(text: string): string {
  const open: OpenElement[] = [];
  /** How many elements of each (lower-case) name are open, so a stray end tag costs no search. */
  const openCount = new Map<string, number>();
  const out: string[] = [];
  const push = (name: string, kind: OpenElement['kind']) => {
    open.push({ name, kind });
    openCount.set(name.toLowerCase(), (openCount.get(name.toLowerCase()) ?? 0) + 1);
  };
  const closeInnermost = () => {
    const element = open.pop()!;
    openCount.set(element.name.toLowerCase(), openCount.get(element.name.toLowerCase())! - 1);
    return `</${element.name}>`;
  };
  /**
   * The end tags that close everything inside the innermost open element named `name`, and that element too
   * unless its own end tag follows (`endTagFollows`); null when no such element is open.
   */
  const closeThrough = (name: string, endTagFollows: boolean): string | null => {
    if (!openCount.get(name)) return null;
    let closing = '';
    while (open.at(-1)!.name.toLowerCase() !== name) closing += closeInnermost();
    const own = closeInnermost();
    return endTagFollows ? closing : closing + own;
  };
  /**
   * The end tags that close everything open since the innermost item, entry, channel, RDF root or feed, and that
   * item or entry too: where a new item or entry belongs. None when no such element is open. The elements walked
   * over are the ones closed, so this costs nothing beyond the end tags it writes.
   */
  const closeToEntryLevel = (): string => {
    if (!ENTRY_LEVEL.some((name) => openCount.get(name))) return '';
    let closing = '';
    while (!ENTRIES.has(open.at(-1)!.name.toLowerCase()) && !ENTRY_PARENTS.has(open.at(-1)!.name.toLowerCase())) closing += closeInnermost();
    return ENTRIES.has(open.at(-1)!.name.toLowerCase()) ? closing + closeInnermost() : closing;
  };
  let position = 0;
  for (let lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', position)) {
    out.push(text.slice(position, lt));
    position = lt + 1;
    const verbatimEnd = text.startsWith('<![CDATA[', lt) ? ']]>' : text.startsWith('<!--', lt) ? '-->' : /^<[!?]/.test(text.slice(lt, lt + 2)) ? '>' : null;
    if (verbatimEnd !== null) {
      const end = text.indexOf(verbatimEnd, lt + 2);
      position = end < 0 ? text.length : end + verbatimEnd.length;
      out.push(text.slice(lt, position));
      continue;
    }
    TAG.lastIndex = lt;
    const tag = TAG.exec(text);
    if (!tag) {
      CUT_TAG.lastIndex = lt;
      const cut = CUT_TAG.exec(text);
      if (cut) {
        position = CUT_TAG.lastIndex;
        out.push(cut[1] ? '' : `&lt;${cut[0].slice(1)}`);
      } else {
        out.push('<');
      }
      continue;
    }
    position = TAG.lastIndex;
    const [token, slash, rawName, selfClosing] = tag as unknown as [string, string, string, string];
    const name = rawName.toLowerCase();
    if (slash) {
      const closing = closeThrough(name, true);
      // an end tag with nothing to close is left for the lenient parser to drop
      out.push(closing === null ? token : closing + token);
      continue;
    }
    // Items and entries do not nest, and belong directly in the channel, RDF root or feed: a new one ends the one
    // still open, and whatever else was left open since (an unclosed <image> or <x> would otherwise hold every item after it).
    if (ENTRIES.has(name)) out.push(closeToEntryLevel());
    // Inline HTML in a text field is part of it, and ends with it at the next other tag (it may be left open too).
    const inlineInText = INLINE_HTML.has(name) && open.at(-1)?.kind === 'text';
    for (let current = open.at(-1); !inlineInText && current && (current.kind === 'text' || (current.kind === 'markup' && STRUCTURE.has(name))); current = open.at(-1)) {
      out.push(closeInnermost());
    }
    if (!selfClosing) {
      const xhtml = /\stype\s*=\s*["']xhtml["']/i.test(token);
      push(rawName, MARKUP_FIELDS.has(name) || (xhtml && TEXT_FIELDS.has(name)) ? 'markup' : TEXT_FIELDS.has(name) || inlineInText ? 'text' : 'other');
    }
    out.push(token);
  }
  out.push(text.slice(position));
  return out.join('');
}

/** At most this many items are left out of a document the parser trips on in them (withoutBrokenItems). */
const MAX_BROKEN_ITEMS = 10;

/** An item's or an entry's start tag, and its end tag, whatever the prefix. */
const ITEM_START_TAG = /<(?:[\w.-]+:)?(?:item|entry)(?=[\s/>])/g;
const ITEM_END_TAG = /<\/(?:[\w.-]+:)?(?:item|entry)\s*>/g;

/** Where a sax error (its message's `Line:` and `Column:`, as describeXmlError reads them) is in `text`; null when it does not say. */
function errorOffset(text: string, error: unknown): number | null {
  const message = error instanceof Error ? error.message : String(error);
  const line = /^Line: (\d+)$/m.exec(message);
  const column = /^Column: (\d+)$/m.exec(message);
  if (!line || !column) return null;
  let start = 0;
  for (let n = Number(line[1]); n > 0 && start >= 0; n--) start = text.indexOf('\n', start) + 1 || -1;
  return start < 0 ? null : Math.min(text.length, start + Number(column[1]));
}

/**
 * Where the attribute's quote opens that the markup of text[from, to) leaves open at `to`
 * (`<enclosure type="audio/mpeg/>`), or -1: quotes count inside tags only, not in text, comments or CDATA sections.
 */
function quoteLeftOpen(text: string, from: number, to: number): number {
  let quote = 0; // the open quote's code; 0 outside one
  let opened = -1;
  let inTag = false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (inTag) {
      if (code === 0x22 || code === 0x27) [quote, opened] = [code, i];
      else if (code === 0x3e) inTag = false;
    } else if (code === 0x3c) {
      const close = text.startsWith('<!--', i) ? '-->' : text.startsWith('<![CDATA[', i) ? ']]>' : null;
      if (close === null) {
        inTag = true;
        continue;
      }
      const end = text.indexOf(close, i);
      if (end < 0 || end >= to) return -1;
      i = end + close.length - 1;
    }
  }
  return quote !== 0 ? opened : -1;
}

/**
 * The markup to leave out for an error at `offset`, as [start, end): from the item's start tag before it, or the end of
 * the item before it when that is later (the broken item's own start tag may be what is broken, `<it}em>`), to the
 * first end tag at or after it, or to the next item's start when that comes first (the error was between items). An
 * error in an item that begins inside a quote the item before left open (`<title x="a>`, `type="audio/mpeg/>`) is
 * where that quote ends, in the item's start tag (`<item rdf:about="` read as an attribute's name) or further in: that
 * item goes too. Null when no item precedes the error or none ends after it: it is in the channel's own markup.
 */
function brokenSpanAt(text: string, offset: number): [number, number] | null {
  const starts: number[] = [];
  ITEM_START_TAG.lastIndex = 0;
  let next = ITEM_START_TAG.exec(text);
  for (; next && next.index < offset; next = ITEM_START_TAG.exec(text)) starts.push(next.index);
  const [before, lastStart] = [starts.at(-2) ?? -1, starts.at(-1) ?? -1];
  let previousEnd = -1;
  ITEM_END_TAG.lastIndex = 0;
  let end = ITEM_END_TAG.exec(text);
  // an end tag the error is in (past its '<') ends the broken item
  for (; end && end.index + end[0].length <= offset; end = ITEM_END_TAG.exec(text)) previousEnd = end.index + end[0].length;
  let start = Math.max(lastStart, previousEnd);
  if (lastStart >= previousEnd && before >= 0) {
    // the item where a quote left open by the items before opened, read from the first item (the quote may run
    // through items holding no quote of their own); in the error's item's start tag when no quote is found
    const quote = quoteLeftOpen(text, starts[0]!, lastStart);
    if (quote >= 0) start = starts.filter((itemStart) => itemStart <= quote).at(-1)!;
    else if (text.indexOf('>', lastStart) >= offset) start = before;
  }
  if (start < 0 || !end) return null;
  return [start, next && next.index < end.index ? next.index : end.index + end[0].length];
}

/**
 * `text`, which the parser failed on with `error`, without the items it trips on, each left out where its error is
 * (brokenSpanAt), until the rest parses: what is read then, how many items were left out and the errors that took
 * them; null when an error is outside any item, more than MAX_BROKEN_ITEMS would go, or the `deadline` (epoch ms)
 * passes.
 */
async function withoutBrokenItems(
  text: string,
  error: unknown,
  parse: (text: string) => Promise<RssParserOutput>,
  deadline: number,
): Promise<{ output: RssParserOutput; text: string; itemsLeftOut: number; errors: string[] } | null> {
  const errors: string[] = [];
  let itemsLeftOut = 0;
  let candidate = text;
  let lastError = error;
  while (errors.length < MAX_BROKEN_ITEMS && itemsLeftOut < MAX_BROKEN_ITEMS && Date.now() < deadline && !(lastError instanceof FeedParseError)) {
    const offset = errorOffset(candidate, lastError);
    const span = offset === null ? null : brokenSpanAt(candidate, offset);
    if (!span) return null;
    errors.push(describeXmlError(lastError).replace(/ at line \d+, column \d+$/, ''));
    // by their start or end tags, whichever is whole (`<it}em>…</item>` is one); markup between items holds none
    const cut = candidate.slice(span[0], span[1]);
    itemsLeftOut += Math.max(cut.match(ITEM_START_TAG)?.length ?? 0, cut.match(ITEM_END_TAG)?.length ?? 0);
    candidate = candidate.slice(0, span[0]) + candidate.slice(span[1]);
    try {
      return { output: await parse(candidate), text: candidate, itemsLeftOut, errors };
    } catch (next) {
      lastError = next;
    }
  }
  return null;
}

/** Last resort for broken structure (unclosed tags, truncated documents): a forgiving parser re-serialises it. */
function reserialise(text: string): string {
  const withoutProlog = closeUnclosedFields(text.replace(/^\s*<\?xml[^>]*\?>/, ''));
  const $ = cheerio.load(withoutProlog, { xml: { xmlMode: true, decodeEntities: false } });
  return $.xml();
}

/** The first element of each name (what xml2js's grouping calls `name#0`). */
function firstOfEachName(elements: ScannedElement[] | null): ScannedElement[] {
  const seen = new Set<string>();
  return (elements ?? []).filter((element) => !seen.has(element.name) && !!seen.add(element.name));
}

/** True when the root element has a closed `<channel>` child, whatever its prefix. */
function hasChannel(scan: XmlScan): boolean {
  return firstOfEachName(scan.document.children).some((root) =>
    firstOfEachName(root.children).some((child) => /^([\w.-]+:)?channel$/.test(child.name) && child.innerEnd >= 0),
  );
}

/** Wraps everything inside the root element in `<channel>`, for RSS documents that skip it. */
function wrapInChannel(text: string, rootName: string): string {
  const start = new RegExp(`<${escapeRegExp(rootName)}(?:\\s[^>]*)?>`).exec(text);
  const end = text.lastIndexOf(`</${rootName}`);
  if (!start || end < start.index) return text;
  const innerStart = start.index + start[0].length;
  return `${text.slice(0, innerStart)}<channel>${text.slice(innerStart, end)}</channel>${text.slice(end)}`;
}

function withTimeLimit<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new FeedParseError('timeout', `the XML parser did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

type RssParserOutput = RawRecord & { items?: RawRecord[] };

/** The raw xml2js nodes of the item fields we read, under `raw:<name>` (what customFields with keepArray gives). */
function copyRawFields(xmlItem: RawRecord): RawRecord {
  const item: RawRecord = {};
  for (const name of ITEM_FIELDS_AND_ATTRIBUTES) if (xmlItem[name] !== undefined) item[RAW + name] = xmlItem[name];
  return item;
}
const ITEM_FIELDS_AND_ATTRIBUTES = [...ITEM_FIELDS, '$'];
const ITEM_FIELD_NAMES = new Set(ITEM_FIELDS);
const isItemField = (name: string) => ITEM_FIELD_NAMES.has(name);

/**
 * rss-parser without its own item mapping. Only the raw nodes are read here, so its standard item fields
 * (contentSnippet, ISO dates, content re-serialised by xml2js's builder) are work thrown away: about a fifth of
 * the parse of a large feed. Its Atom mapping also throws on an unparseable <published>, failing a readable feed.
 * The format dispatch (RSS 0.9x/1.0/2.0, Atom) and channel fields stay rss-parser's.
 */
class RawItemParser extends Parser<RawRecord, RawRecord> {
  parseItemRss(xmlItem: RawRecord): RawRecord {
    return copyRawFields(xmlItem);
  }
  parseItemAtom(entry: RawRecord): RawRecord {
    return copyRawFields(entry);
  }
}

async function runRssParser(text: string, canonicalName: (name: string) => string, timeLimitMs: number): Promise<RssParserOutput> {
  const customField = (name: string): [string, string, { keepArray: boolean }] => [name, RAW + name, { keepArray: true }];
  // A new instance per parse: a reused one never settles after a document that had no root element.
  const parser = new RawItemParser({
    defaultRSS: 2,
    xml2js: { strict: true, tagNameProcessors: [canonicalName], attrNameProcessors: [canonicalName] },
    customFields: {
      feed: [...FEED_FIELDS, '$'].map(customField) as unknown as (keyof RawRecord)[],
      item: [...ITEM_FIELDS, '$'].map(customField) as unknown as (keyof RawRecord)[],
    },
  });
  return (await withTimeLimit(parser.parseString(text), timeLimitMs)) as RssParserOutput;
}

function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

export interface XmlParseContext {
  /** Base for relative URLs: Content-Location resolved against the document URL, else the document URL. */
  documentBase: string | null;
  timeLimitMs?: number;
  /**
   * How much of a well-formed document's parse rss-parser is spared, for the tests, the eval and the bench, which
   * hold the shortcuts to the reference. `items` (the default): a document the fast scan read has its items built
   * from the scan, and rss-parser reads the rest (xml-items.ts); any other goes as `skeleton`, rss-parser reading it
   * without its long item bodies (xml-skeleton.ts). `none`: rss-parser reads the whole document, the reference.
   */
  shortcut?: 'items' | 'skeleton' | 'none';
}

/** True when parseXmlFeed builds the items of `text` from its scan rather than through rss-parser (the eval counts them). */
export function readsItemsFromScan(text: string): boolean {
  const { scan, fast } = scanFeedText(expandInternalEntities(text), null);
  return fast && scan.rootName !== null;
}

/**
 * The channel and the items of a scan, picked as rss-parser picks them from its xml2js tree, so that its n-th item
 * is the n-th element here: by the root's canonical name (not by namespace, which decides `format`). A root `feed`
 * gives its entries; `rdf:RDF` its items, which RSS 0.9/1.0 put beside the channel; any other root the items of its
 * first channel.
 */
function scannedParts(scan: XmlScan, rootName: string): { channel: ScannedElement | undefined; items: ScannedElement[] } {
  const root = childrenNamed(scan.document, rootName)[0];
  if (rootName === 'feed') return { channel: root, items: childrenNamed(root, 'entry') };
  const channel = childrenNamed(root, 'channel')[0];
  return { channel, items: childrenNamed(rootName === 'rdf:RDF' ? root : channel, 'item') };
}

/**
 * How many elements named `name` the document holds outside `read` (and outside what they hold): items a generator
 * put where the format does not (after the `</channel>`, or inside an RSS 1.0 channel), which are not read, so a
 * feed of nothing but such items is not taken for an empty one without a word.
 */
function countStrayItems(scan: XmlScan, name: string, read: readonly ScannedElement[]): number {
  const readItems = new Set(read);
  let stray = 0;
  const visit = (element: ScannedElement) => {
    for (const child of element.children ?? []) {
      if (readItems.has(child)) continue;
      if (child.name === name) stray++;
      else visit(child);
    }
  };
  visit(scan.document);
  return stray;
}

/**
 * The skeleton parseXmlFeed gives rss-parser for `text`; null when the document is not well-formed or has no body
 * worth emptying. For the bench and the eval, which measure and check the shortcut.
 */
export function feedSkeleton(text: string): Skeleton | null {
  const { scan, boundWarning } = scanFeedText(expandInternalEntities(text), null);
  if (!scan.rootName || scan.errorTally.size > 0 || boundWarning !== null) return null;
  const canonicalName = feedCanonicaliser(scan.prefixes, isAtomRoot(scan.rootName, scan.rootUri));
  return hollowItemBodies(scan, scannedParts(scan, canonicalName(scan.rootName)).items);
}

/**
 * rss-parser over the skeleton of a well-formed document (see xml-skeleton.ts), its item bodies refilled from the
 * text. Null when the document has no body worth emptying, or when rss-parser's output does not line up with the
 * scan; the caller then parses the whole document.
 */
async function parseSkeleton(scan: XmlScan, items: readonly ScannedElement[], canonicalName: NameCanonicaliser, timeLimitMs: number): Promise<RssParserOutput | null> {
  const skeleton = hollowItemBodies(scan, items);
  if (!skeleton) return null;
  let output: RssParserOutput;
  try {
    output = await runRssParser(skeleton.text, canonicalName, timeLimitMs);
  } catch (error) {
    if (error instanceof FeedParseError && error.code === 'timeout') throw error;
    return null;
  }
  const rawItems = output.items ?? [];
  return rawItems.length === items.length && refillItemBodies(rawItems, skeleton.fields, RAW) ? output : null;
}

/** rss-parser's output without its items, and the items built from the scan (xml-items.ts) one at a time, as they are read. */
interface ItemsFromScan {
  output: RssParserOutput;
  /** The raw fields of the `index`-th item; throws NotInSubset when it holds what xml-items.ts does not read. */
  rawItem: (index: number) => RawRecord;
}

/**
 * rss-parser over a document the fast scan read, without its items, which are built from the scan as xml2js builds
 * them (xml-items.ts) when they are read: each item's nodes are garbage once its item is read, rather than all of
 * them living (and being copied by the garbage collector) until the last is. Null when rss-parser still finds items
 * in what is left; the caller then takes a slower path, as it does when an item turns out to hold something
 * xml-items.ts does not read.
 */
async function parseItemsFromScan(scan: XmlScan, items: readonly ScannedElement[], canonicalName: NameCanonicaliser, timeLimitMs: number): Promise<ItemsFromScan | null> {
  let rest: string;
  try {
    rest = withoutElements(scan, items);
  } catch (error) {
    if (error instanceof NotInSubset) return null;
    throw error;
  }
  let output: RssParserOutput;
  try {
    output = await runRssParser(rest, canonicalName, timeLimitMs);
  } catch (error) {
    if (error instanceof FeedParseError && error.code === 'timeout') throw error;
    return null;
  }
  if ((output.items ?? []).length !== 0) return null;
  return { output, rawItem: (index) => xml2jsFields(scan, items[index]!, canonicalName, isItemField, RAW) };
}

/** The text rss-parser reads when parseXmlFeed reads `text` as a run does; for the bench, which times it. */
export function rssParserInput(text: string): string {
  const { scan, text: scanned, fast } = scanFeedText(expandInternalEntities(text), null);
  if (!scan.rootName) return scanned;
  const canonicalName = feedCanonicaliser(scan.prefixes, isAtomRoot(scan.rootName, scan.rootUri));
  const { items } = scannedParts(scan, canonicalName(scan.rootName));
  if (fast) {
    try {
      return withoutElements(scan, items);
    } catch (error) {
      if (!(error instanceof NotInSubset)) throw error;
    }
  }
  return (scan.errorTally.size === 0 ? hollowItemBodies(scan, items)?.text : null) ?? scanned;
}

interface ScannedFeedText {
  scan: XmlScan;
  /** The text the parsers are to read. */
  text: string;
  /** Why the text is a shallow rewrite of the document, or null when it is not (see scanFeedText). */
  boundWarning: string | null;
  /** What was moved in the document so that its parts stand where the format puts them (see parseXmlFeed). */
  rewrites: string[];
  /** Whether the fast scan read it (the document is well-formed and in its subset). */
  fast: boolean;
}

/**
 * The scan of a document, and the text the parsers are to read: the document itself, unless it is not well-formed
 * and nested beyond what the parsers read in linear time (bound-nesting.ts); then the shallow rewrite, and the
 * warning that says so. A well-formed document is read by the fast scan alone and pays nothing for the bound.
 */
function scanFeedText(text: string, documentBase: string | null): ScannedFeedText {
  // Keys use canonical names from the start, so this scan serves the normalisation too when the text parses as is.
  const fast = fastScan(text, documentBase, feedNaming);
  if (fast) return { scan: fast, text, boundWarning: null, rewrites: [], fast: true };
  const bounded = boundNesting(text, FEED_ENTRIES);
  return { scan: saxScan(bounded.text, documentBase, feedNaming), text: bounded.text, boundWarning: bounded.warning, rewrites: [], fast: false };
}

/**
 * The document of a `<channel>` root (an RSS generator that left out `<rss>`) inside `<rss version="2.0">`, which
 * feedparser reads it as; the root's start tag is found by the scan, so a `<channel>` in the prolog's comments is not.
 */
function withRssRoot(scan: XmlScan): string | null {
  const root = scan.document.children?.[0];
  if (!root || scan.rootName !== 'channel' || scan.rootUri !== '') return null;
  const start = scan.text.lastIndexOf('<channel', root.innerStart);
  return start < 0 ? null : `${scan.text.slice(0, start)}<rss version="2.0">${scan.text.slice(start)}</rss>`;
}

/** The end tag of a closed element, which its innerEnd points at, as [start, end) in the scanned text; null for `<x/>`. */
function endTagSpan(scan: XmlScan, element: ScannedElement): [number, number] | null {
  if (element.innerEnd < 0 || !scan.text.startsWith('</', element.innerEnd)) return null;
  const end = scan.text.indexOf('>', element.innerEnd);
  return end < 0 ? null : [element.innerEnd, end + 1];
}

/**
 * The document with the RSS items a generator put beside or inside the channel, where the format does not put them,
 * moved to where it does, and how many; null when there are none such. RSS 0.9x/2.0 items after `</channel>` (the
 * channel is then closed at the end of the root) or before `<channel>` (it then opens before the first of them), and
 * RSS 1.0 items inside the channel (the channel is then closed before the first of them): feedparser reads them, and
 * rss-parser reads items only where the format puts them. Only the channel's start or end tag moves.
 */
function withStrayItemsMoved(scan: XmlScan): { text: string; moved: number } | null {
  const root = childrenNamed(scan.document, scan.rootName ?? '')[0];
  const channel = childrenNamed(root, 'channel')[0];
  const channelEnd = channel && endTagSpan(scan, channel);
  if (!root || !channel || !channelEnd) return null;
  const { text } = scan;
  const [endStart, endEnd] = channelEnd;
  if (scan.rootName === 'rss') {
    const items = childrenNamed(root, 'item');
    const before = items.filter((item) => item.order < channel.order);
    const after = items.length - before.length;
    const rootEnd = endTagSpan(scan, root);
    let moved = text;
    let count = 0;
    // after the channel: its end tag moves to the end of the root
    if (after > 0 && rootEnd) {
      moved = text.slice(0, endStart) + text.slice(endEnd, rootEnd[0]) + text.slice(endStart, endEnd) + text.slice(rootEnd[0]);
      count += after;
    }
    // before it: its start tag moves before the first of them (all of that lies before where the end tag was)
    const startTag = text.lastIndexOf('<', channel.innerStart - 1);
    const firstStart = before.length > 0 ? text.lastIndexOf('<', before[0]!.innerStart - 1) : -1;
    if (firstStart >= 0 && startTag > firstStart) {
      moved = moved.slice(0, firstStart) + moved.slice(startTag, channel.innerStart) + moved.slice(firstStart, startTag) + moved.slice(channel.innerStart);
      count += before.length;
    }
    return count === 0 ? null : { text: moved, moved: count };
  }
  if (scan.rootName === 'rdf:RDF') {
    const inside = childrenNamed(channel, 'item');
    if (inside.length === 0) return null;
    const firstStart = text.lastIndexOf('<', inside[0]!.innerStart - 1);
    return { text: text.slice(0, firstStart) + text.slice(endStart, endEnd) + text.slice(firstStart, endStart) + text.slice(endEnd), moved: inside.length };
  }
  return null;
}

/** An RSS or RDF `<item>`, an Atom `<entry>`: what openEntryStartAtEnd looks for in a feed. */
const FEED_ENTRY_NAMES = new Set(['item', 'entry']);

/** Parses an RSS/RDF/Atom document (already decoded). Throws FeedParseError when nothing usable can be read. */
export async function parseXmlFeed(text: string, ctx: XmlParseContext): Promise<ParsedFeed> {
  let scanned = scanFeedText(expandInternalEntities(text), ctx.documentBase);
  if (!scanned.scan.rootName) throw new FeedParseError('parse', 'the document has no root element');
  const rewrites: string[] = [];
  // a text bounded before (scanFeedText) is bounded still: its warning stays
  const rescan = (moved: string) => ({ ...scanFeedText(moved, ctx.documentBase), ...(scanned.boundWarning !== null ? { boundWarning: scanned.boundWarning } : {}) });
  const cut = scanned.fast ? null : openEntryStartAtEnd(scanned.scan, FEED_ENTRY_NAMES);
  if (cut !== null) {
    scanned = rescan(scanned.scan.text.slice(0, cut));
    rewrites.push('the document ends inside an item, as one cut short does: that item is not read');
  }
  const inRss = withRssRoot(scanned.scan);
  if (inRss !== null) {
    scanned = rescan(inRss);
    rewrites.push('the root element is <channel>, without <rss>; read as RSS 2.0');
  }
  const gathered = withStrayItemsMoved(scanned.scan);
  if (gathered !== null) {
    scanned = rescan(gathered.text);
    const where = scanned.scan.rootName === 'rss' ? 'outside the <channel>, where RSS items belong in it' : 'inside the <channel>, where RSS 1.0 items belong beside it';
    rewrites.push(`${gathered.moved} <item> element${gathered.moved === 1 ? ' stood' : 's stood'} ${where}; read as the feed's items`);
  }
  scanned.rewrites = rewrites;
  const shortcut = ctx.shortcut ?? 'items';
  if (shortcut === 'items' && scanned.fast) {
    try {
      return await readXmlFeed(scanned, ctx, 'items');
    } catch (error) {
      // An item holds what xml-items.ts does not read, found as the items were read: the document is read again,
      // its items by rss-parser, as it is when that is found before any item is read.
      if (!(error instanceof NotInSubset)) throw error;
    }
  }
  return readXmlFeed(scanned, ctx, shortcut === 'items' ? 'skeleton' : shortcut);
}

/** parseXmlFeed of a scanned document, with the shortcut given (see XmlParseContext). */
async function readXmlFeed(scanned: ScannedFeedText, ctx: XmlParseContext, shortcut: NonNullable<XmlParseContext['shortcut']>): Promise<ParsedFeed> {
  const timeLimitMs = ctx.timeLimitMs ?? PARSE_TIME_LIMIT_MS;
  const warnings: string[] = [];
  const { scan: firstScan, text, boundWarning, fast } = scanned;
  const rootName = firstScan.rootName!;
  let wellFormed = firstScan.errorTally.size === 0 && boundWarning === null;
  // One broken construct can trip the scanner many times over: each message once, with how often it came. The
  // positions in a rewritten document are not the input's: its warning says where, the scan's only what.
  if (boundWarning !== null) warnings.push(boundWarning);
  warnings.push(...scanned.rewrites);
  warnings.push(...wellFormednessWarnings(firstScan, { withPositions: boundWarning === null }));

  const rootLocal = rootName.replace(/^.*:/, '');
  const isAtom = isAtomRoot(rootName, firstScan.rootUri);
  const format: ParsedFeed['format'] = isAtom ? 'atom' : /rdf/i.test(rootLocal) ? 'rdf' : 'rss';
  const canonicalName = feedCanonicaliser(firstScan.prefixes, isAtom);

  const firstParts = scannedParts(firstScan, canonicalName(rootName));
  let output: RssParserOutput | null = null;
  /** The items' raw fields when they are built from the scan as they are read; else they are rss-parser's. */
  let rawItemFromScan: ((index: number) => RawRecord) | null = null;
  let usedText = text;
  if (wellFormed && shortcut !== 'none') {
    if (fast && shortcut === 'items') {
      const fromScan = await parseItemsFromScan(firstScan, firstParts.items, canonicalName, timeLimitMs);
      if (fromScan) ({ output, rawItem: rawItemFromScan } = fromScan);
    }
    output ??= await parseSkeleton(firstScan, firstParts.items, canonicalName, timeLimitMs);
  }
  // Strict first; on failure repair entities, then re-serialise leniently. Each attempt is a fresh parser.
  const repairs = new RepairCounts();
  let repaired: string | null = null;
  const repairedText = () => (repaired ??= repairText(text, repairs));
  const attempts: [() => string, () => string][] = [
    [() => 'as is', () => text],
    [() => `after ${repairs.describe() ?? 'repairing the text'}`, repairedText],
    [() => `after ${repairs.describe() ? `${repairs.describe()} and ` : ''}re-serialising the markup leniently`, () => reserialise(repairedText())],
  ];
  let lastError: unknown = null;
  /** The rewritten texts the parser failed on, and how, for withoutBrokenItems. */
  const failedRewrites: { text: string; error: unknown }[] = [];
  for (const [describe, makeText] of output ? [] : attempts) {
    const candidate = makeText();
    const label = describe();
    try {
      output = await runRssParser(candidate, canonicalName, timeLimitMs);
      usedText = candidate;
      if (label !== 'as is') warnings.push(`recovered ${label}`);
      break;
    } catch (error) {
      lastError = error;
      if (label !== 'as is') failedRewrites.push({ text: candidate, error });
      if (error instanceof FeedParseError && error.code === 'timeout') throw error;
      if (label === 'as is' && wellFormed) {
        // rss-parser crashes (TypeError) on well-formed RSS that lacks a <channel>; feedparser reads such
        // documents, so the root's children are wrapped in a channel and parsed again (not a well-formedness issue).
        if (error instanceof TypeError && !isAtom && !hasChannel(firstScan)) {
          try {
            output = await runRssParser(wrapInChannel(text, rootName), canonicalName, timeLimitMs);
            usedText = wrapInChannel(text, rootName);
            warnings.push(`<${rootName}> has no <channel>; its children were read as the channel`);
            break;
          } catch (retryError) {
            lastError = retryError;
          }
        }
        wellFormed = false;
        warnings.push(`not well-formed XML: ${describeXmlError(error)}`);
      }
    }
  }
  // Still unread: the items the parser trips on are left out one by one, in the repaired text and then in the one
  // re-serialised, so one item's broken markup (an attribute's quotes inside its quotes, a byte flipped in a tag's
  // name) does not lose the feed's other items; within one time limit for both.
  const salvageDeadline = Date.now() + timeLimitMs;
  for (const failed of output ? [] : failedRewrites) {
    const salvage = await withoutBrokenItems(failed.text, failed.error, (candidate) => runRssParser(candidate, canonicalName, timeLimitMs), salvageDeadline);
    if (!salvage) continue;
    ({ output, text: usedText } = salvage);
    const { itemsLeftOut: count, errors } = salvage;
    const what = count === 0 ? 'markup between items' : `${count} item${count === 1 ? '' : 's'}`;
    warnings.push(`${what} left out, the XML parser tripping on ${count > 1 ? 'them' : 'it'}: ${errors.slice(0, 3).join('; ')}${errors.length > 3 ? '; …' : ''}`);
    break;
  }
  if (!output) {
    const message = errorMessage(lastError);
    if (/not recognized/i.test(message)) throw new FeedParseError('not_a_feed', `the XML root <${rootName}> is not RSS, RDF or Atom`);
    // rss-parser fails on a feed whose root is left open with a TypeError of its own (a document cut short before its
    // channel, or without one): what the user can act on is where the document ends, not the reader's own fault
    if (lastError instanceof TypeError) {
      const where = rootOpenAtEnd(firstScan) ? `the document ends with its root element <${rootName}> open, as one cut short does` : `no channel and items could be read in its <${rootName}>`;
      throw new FeedParseError('parse', `the XML could not be parsed: ${where}`);
    }
    throw new FeedParseError('parse', `the XML could not be parsed: ${message}`);
  }

  // A repaired or re-wrapped text has other positions: scan it again, with the names fixed by the first scan.
  const scan = usedText === text ? firstScan : scanXml(usedText, ctx.documentBase, canonicalName);
  const { channel, items: itemElements } = scan === firstScan ? firstParts : scannedParts(scan, canonicalName(scan.rootName ?? rootName));
  const strayItems = countStrayItems(scan, isAtom ? 'entry' : 'item', itemElements);
  if (strayItems > 0) {
    const rule = isAtom ? 'Atom entries belong in <feed>' : format === 'rdf' ? 'RSS 1.0 items belong in <rdf:RDF>, beside the <channel>' : 'RSS items belong in the <channel>';
    warnings.push(`${strayItems} <${isAtom ? 'entry' : 'item'}> element${strayItems === 1 ? '' : 's'} not read: ${rule}`);
  }

  const feedReader = new FieldReader(output, channel, scan, ctx.documentBase);
  const feedLinks = atomLinks(feedReader, isAtom ? 'link' : 'atom:link');
  // as an item's (readItem): RSS's own <link> first
  const feedLink = isAtom ? (alternatePage(feedLinks)?.href ?? null) : (rssLink(feedReader) ?? alternatePage(feedLinks)?.href ?? null);

  const dates = new DateReader();
  // RFC 4287 §4.2.1: the feed's authors stand for those of an entry that names none (RSS has no such rule)
  const feedAuthor = isAtom ? readAuthor(feedReader) : null;
  const drafts = withoutEmptyItems(withoutSharedGuidLinks(dropRepeatedItems(
    rawItemFromScan
      ? itemElements.map((element, index) => readItem(new FieldReader(rawItemFromScan(index), element, scan, ctx.documentBase), isAtom, dates, feedAuthor))
      : (output.items ?? []).map((raw, index) => readItem(new FieldReader(raw, itemElements[index], scan, ctx.documentBase), isAtom, dates, feedAuthor)),
    (index) => {
      const element = itemElements[index];
      return element && element.innerEnd >= 0 ? scan.text.slice(element.innerStart, element.innerEnd) : `#${index}`;
    },
    warnings,
  )), warnings);
  warnings.push(...dates.warnings());
  const ids = assignItemIds(drafts);
  return {
    format,
    title: readTitle(feedReader, feedReader.first('title', 'dc:title'), !isAtom),
    link: feedLink,
    items: drafts.map((draft, index) => feedItem(ids[index] ?? '', draft)),
    warnings,
    wellFormed,
    endsEarly: !wellFormed && endsBeforeRootEnd(firstScan),
    bozo: !wellFormed,
    ttlSeconds: readTtlSeconds(feedReader),
    skip: isAtom ? null : readSkipTimes(feedReader, warnings),
    // an Atom feed's is its root's xml:lang (RFC 4287 §2)
    language: languageTag(isAtom ? feedReader.ownAttributes()['xml:lang'] : (feedReader.text('language') ?? feedReader.text('dc:language'))),
  };
}

