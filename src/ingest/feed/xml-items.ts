/**
 * Item nodes without rss-parser. rss-parser (sax, then xml2js) spends most of a large feed's parse on its items:
 * every element becomes sax events and xml2js objects in JavaScript, one character at a time. A document the fast
 * scan read (xml-scan.ts) is already known to be well-formed and inside a small subset of XML (ASCII names, quoted
 * attributes, the five predefined entities and character references, comments, CDATA, processing instructions),
 * and the scan has located every element. Here each item is built from those locations into the very node xml2js
 * builds with rss-parser's options (strict, no trimming or normalising, explicit arrays, `_` for text and `$` for
 * attributes, names through the same canonicaliser), so the normalisation reads it unchanged; rss-parser still
 * parses the rest of the document (the channel and its fields, the format) with the items cut out.
 *
 * The rules followed are xml2js's own (its parser's onopentag, ontext, oncdata and onclosetag), including its quirks:
 * whitespace-only text outside CDATA is dropped, an element with only text becomes a string, an empty one the
 * whitespace it held, an empty CDATA section is not CDATA. Anything this module does not expect throws
 * NotInSubset, and the caller leaves the document to rss-parser.
 */
import { ATTRIBUTE, decodeCharacterData, START_TAG, type NameCanonicaliser, type ScannedElement, type XmlScan } from './xml-scan.ts';

/** Markup outside the subset this module reads, or a shape xml2js itself would fail on. */
export class NotInSubset extends Error {}

/** Deeper than any feed field nests: past it the document is left to rss-parser rather than risk the stack. */
const MAX_DEPTH = 200;

type Xml2jsObject = Record<string, unknown>;

/** Where the start tag of a closed element begins: no `<` can stand inside a start tag the fast scan accepted. */
function startTagOf(text: string, element: ScannedElement): number {
  return text.lastIndexOf('<', element.innerStart - 1);
}

/** Where the markup of a closed element ends: after its end tag, or at the end of its self-closing tag. */
function endOf(text: string, element: ScannedElement): number {
  const selfClosing = element.innerStart === element.innerEnd && text.charCodeAt(element.innerStart - 2) === 0x2f; /* / */
  return selfClosing ? element.innerEnd : text.indexOf('>', element.innerEnd) + 1;
}

/**
 * xml2js's assignOrPush with explicitArray: every child name holds an array of nodes. xml2js's objects have no
 * prototype; these are plain objects, which V8 keeps far faster, so own keys are tested, and `__proto__` (which a
 * plain object would take as its prototype) is left to xml2js.
 */
function assignOrPush(node: Xml2jsObject, key: string, value: unknown): void {
  if (key === '__proto__') throw new NotInSubset('an element named __proto__');
  if (!Object.hasOwn(node, key)) node[key] = [value];
  else {
    if (!Array.isArray(node[key])) node[key] = [node[key]];
    (node[key] as unknown[]).push(value);
  }
}

/** Appends the character data of `text[from, to)` (text, CDATA, comments, processing instructions) to `node._`. */
function appendCharacterData(node: Xml2jsObject, text: string, from: number, to: number): void {
  let position = from;
  while (position < to) {
    let lt = text.indexOf('<', position);
    if (lt < 0 || lt > to) lt = to;
    if (lt > position) {
      const data = decodeCharacterData(text.slice(position, lt));
      if (data === null) throw new NotInSubset('a reference the scan would not accept');
      node._ += data;
    }
    if (lt === to) return;
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      // sax reports no CDATA event for an empty section
      if (end > lt + 9) {
        node._ += text.slice(lt + 9, end);
        node.cdata = true;
      }
      position = end + 3;
    } else if (text.startsWith('<!--', lt)) {
      position = text.indexOf('-->', lt + 4) + 3;
    } else if (text.startsWith('<?', lt)) {
      position = text.indexOf('?>', lt + 2) + 2;
    } else {
      throw new NotInSubset('markup the scan did not report as an element');
    }
    if (position < 3) throw new NotInSubset('an unterminated section');
  }
}

/** The attributes of a closed element, as xml2js's `$`; null when it has none. */
function attributesOf(text: string, element: ScannedElement, canonicalName: NameCanonicaliser): Xml2jsObject | null {
  START_TAG.lastIndex = startTagOf(text, element);
  if (!START_TAG.test(text)) throw new NotInSubset('no start tag where the scan put one');
  let attributes: Xml2jsObject | null = null;
  for (let cursor = START_TAG.lastIndex; ; ) {
    ATTRIBUTE.lastIndex = cursor;
    const attribute = ATTRIBUTE.exec(text);
    if (!attribute) return attributes;
    cursor = ATTRIBUTE.lastIndex;
    const value = decodeCharacterData(attribute[2] ?? attribute[3] ?? '');
    if (value === null) throw new NotInSubset('a reference the scan would not accept');
    const name = canonicalName(attribute[1]!);
    if (name === '__proto__') throw new NotInSubset('an attribute named __proto__');
    (attributes ??= {})[name] = value;
  }
}

/**
 * What rss-parser hands its item parser, cut to the fields kept: each kept child's xml2js nodes under
 * `keyPrefix + name`, and the element's attributes under `keyPrefix + '$'`.
 */
export function xml2jsFields(scan: XmlScan, element: ScannedElement, canonicalName: NameCanonicaliser, keepChild: (name: string) => boolean, keyPrefix: string): Record<string, unknown> {
  if (element.innerEnd < 0) throw new NotInSubset('an element left open');
  const fields: Record<string, unknown[]> = {};
  const attributes = attributesOf(scan.text, element, canonicalName);
  if (attributes) (fields as Record<string, unknown>)[`${keyPrefix}$`] = attributes;
  for (const child of element.children ?? []) {
    if (keepChild(child.name)) (fields[keyPrefix + child.name] ??= []).push(xml2jsNode(scan, child, canonicalName, 1));
  }
  return fields;
}

/** The xml2js node of a closed element of `scan`. */
export function xml2jsNode(scan: XmlScan, element: ScannedElement, canonicalName: NameCanonicaliser, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new NotInSubset('nested too deeply');
  if (element.innerEnd < 0) throw new NotInSubset('an element left open');
  const { text } = scan;
  const node: Xml2jsObject = { _: '' };
  const attributes = attributesOf(text, element, canonicalName);
  if (attributes) node.$ = attributes;
  let position = element.innerStart;
  for (const child of element.children ?? []) {
    appendCharacterData(node, text, position, startTagOf(text, child));
    assignOrPush(node, child.name, xml2jsNode(scan, child, canonicalName, depth + 1));
    position = endOf(text, child);
  }
  appendCharacterData(node, text, position, element.innerEnd);

  // xml2js's onclosetag
  let cdata = false;
  if (node.cdata === true) {
    cdata = true;
    delete node.cdata;
  }
  const characters = node._;
  if (typeof characters !== 'string') throw new NotInSubset('a child element named `_`, which xml2js fails on');
  let result: unknown = node;
  let emptyText: string | undefined;
  if (/^\s*$/.test(characters) && !cdata) {
    emptyText = characters;
    delete node._;
  } else if (Object.keys(node).length === 1) {
    result = characters;
  }
  return typeof result === 'object' && Object.keys(node).length === 0 ? emptyText : result;
}

/**
 * The document without the given elements (each cut from its start tag to its end), for rss-parser to read the
 * rest of. The elements must be siblings or otherwise disjoint, in document order.
 */
export function withoutElements(scan: XmlScan, elements: readonly ScannedElement[]): string {
  const { text } = scan;
  const parts: string[] = [];
  let copiedTo = 0;
  for (const element of elements) {
    const start = startTagOf(text, element);
    if (start < copiedTo) throw new NotInSubset('overlapping elements');
    parts.push(text.slice(copiedTo, start));
    copiedTo = endOf(text, element);
  }
  parts.push(text.slice(copiedTo));
  return parts.join('');
}
