/**
 * A small streaming pass over an XML feed, run beside rss-parser, for what rss-parser's xml2js tree loses:
 *   - well-formedness (xml2js does not check namespace prefixes and stops at the first error; feedparser's
 *     `bozo` needs the first error even when the document is still readable),
 *   - the namespace each prefix is bound to (so `<rss:title>` or `<atom:feed>` can be renamed for rss-parser),
 *   - the effective xml:base of every element (xml2js keeps attributes, but not the inherited base),
 *   - the raw inner markup of every element (xml2js splits mixed content into text and children, losing order,
 *     which breaks inline XHTML like `<div>Hello <b>world</b>!</div>`).
 * Elements are keyed by their path as xml2js groups them: `/feed#0/entry#2/content#0` (name#index among siblings
 * of the same name), with names renamed by the same `canonicalName` function rss-parser's xml2js is given.
 */
import { createRequire } from 'node:module';

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
};

/** Renames `prefix:local` element/attribute names to the canonical prefix of the prefix's namespace. */
export type NameCanonicaliser = (name: string) => string;

export function makeNameCanonicaliser(prefixes: Map<string, string>, rootIsAtom: boolean): NameCanonicaliser {
  return (name) => {
    const colon = name.indexOf(':');
    if (colon < 0) return name;
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
  /** Effective xml:base (resolved against the document base), or the document base. */
  base: string | null;
  /** The markup between the start and end tag, exactly as in the document. */
  inner: string;
  /** Namespace URI of the element. */
  uri: string;
  /** Document order of the start tag (0 = root), to tell which of two sibling fields came first. */
  order: number;
}

export interface XmlScan {
  /** First well-formedness errors, one line each; empty when the document is well-formed. */
  errors: string[];
  rootName: string | null;
  rootUri: string;
  /** prefix → namespace URI, first binding wins ('' = default namespace of the root). */
  prefixes: Map<string, string>;
  elements: Map<string, ScannedElement>;
  /** True when the root element was opened and closed. */
  complete: boolean;
}

function resolveBase(ref: string, base: string | null): string | null {
  try {
    return new URL(ref, base ?? undefined).href;
  } catch {
    return base ?? (ref || null);
  }
}

/**
 * Scans `text`. `canonicalName` may be given on a second pass, once prefixes are known; keys then use the renamed
 * element names. Never throws.
 */
export function scanXml(text: string, documentBase: string | null, canonicalName?: NameCanonicaliser): XmlScan {
  const result: XmlScan = {
    errors: [],
    rootName: null,
    rootUri: '',
    prefixes: new Map(),
    elements: new Map(),
    complete: false,
  };
  interface Frame {
    key: string;
    base: string | null;
    innerStart: number;
    uri: string;
    childCounts: Map<string, number>;
    order: number;
  }
  let opened = 0;
  const rootFrame: Frame = { key: '', base: documentBase, innerStart: 0, uri: '', childCounts: new Map(), order: -1 };
  const stack: Frame[] = [rootFrame];
  // strictEntities: only XML's five named entities are defined; `&hearts;` in XML is an error (bozo), even though
  // rss-parser's own sax instance quietly accepts HTML entities.
  const parser = sax.parser(true, { xmlns: true, position: true, strictEntities: true });
  parser.onerror = (error) => {
    if (result.errors.length < 5) result.errors.push(error.message.split('\n')[0] ?? 'XML error');
    parser.error = null;
    parser.resume();
  };
  parser.onopennamespace = (ns) => {
    if (!result.prefixes.has(ns.prefix)) result.prefixes.set(ns.prefix, ns.uri);
  };
  parser.onopentag = (tag) => {
    const parent = stack[stack.length - 1] ?? rootFrame;
    const name = canonicalName ? canonicalName(tag.name) : tag.name;
    const index = parent.childCounts.get(name) ?? 0;
    parent.childCounts.set(name, index + 1);
    const xmlBase = tag.attributes['xml:base']?.value;
    const base = xmlBase !== undefined ? resolveBase(xmlBase.trim(), parent.base) : parent.base;
    const uri = (tag as unknown as { uri?: string }).uri ?? '';
    const frame: Frame = { key: `${parent.key}/${name}#${index}`, base, innerStart: parser.position, uri, childCounts: new Map(), order: opened++ };
    if (stack.length === 1 && result.rootName === null) {
      result.rootName = tag.name;
      result.rootUri = uri;
    }
    stack.push(frame);
    if (tag.isSelfClosing) {
      // sax fires onclosetag right after; the inner markup is empty.
      frame.innerStart = -1;
    }
  };
  parser.onclosetag = () => {
    const frame = stack.pop();
    if (!frame || frame === rootFrame) {
      if (frame) stack.push(frame);
      return;
    }
    const inner = frame.innerStart < 0 ? '' : text.slice(frame.innerStart, Math.max(frame.innerStart, parser.startTagPosition - 1));
    result.elements.set(frame.key, { base: frame.base, inner, uri: frame.uri, order: frame.order });
    if (stack.length === 1) result.complete = true;
  };
  try {
    parser.write(text).close();
  } catch (error) {
    result.errors.push(error instanceof Error ? error.message.split('\n')[0] ?? 'XML error' : 'XML error');
  }
  return result;
}
