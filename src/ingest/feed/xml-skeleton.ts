/**
 * rss-parser (sax, then xml2js) walks every character of a document in JavaScript, and most characters of a news
 * feed are item bodies: HTML inside CDATA or escaped. A body that is only text needs nothing from an XML parser
 * beyond XML's text rules, and the scan has already checked the document against them. So a well-formed document
 * goes to rss-parser as a skeleton whose long text-only item fields are emptied, and their text is put back into
 * its output afterwards, decoded here as sax decodes it: the five predefined entities and character references,
 * CDATA sections verbatim, nothing else (no line-end or whitespace changes).
 *
 * Anything this module is not sure of (a comment or child element in the field, a reference sax would reject, an
 * output that does not line up with the scan) leaves the field, or the whole document, to rss-parser.
 */
import { decodeCharacterData, type ScannedElement, type XmlScan } from './xml-scan.ts';

/** The item fields worth emptying: the ones that hold article bodies and summaries. */
const BODY_FIELDS = new Set(['description', 'dc:description', 'summary', 'content', 'content:encoded', 'xhtml:body', 'body', 'fullitem']);
/** Shorter fields are left in place: emptying one costs about what parsing it would. */
const MIN_HOLLOWED_LENGTH = 128;

/** An emptied field: where it sits in rss-parser's output, and the text xml2js would have given it. */
export interface HollowedField {
  /** Index of the item among the scanned items (and rss-parser's `items`). */
  item: number;
  /** Canonical element name, as xml2js groups it. */
  name: string;
  /** Which of the item's children with this name it is, and how many there are. */
  index: number;
  count: number;
  text: string;
  /** True when the text came (partly) from a non-empty CDATA section: xml2js then keeps whitespace-only text. */
  cdata: boolean;
}

export interface Skeleton {
  text: string;
  fields: HollowedField[];
}

/** The text content of markup made only of character data and CDATA sections; null for anything else. */
export function textContent(markup: string): { text: string; cdata: boolean } | null {
  let text = '';
  let cdata = false;
  let position = 0;
  for (;;) {
    const lt = markup.indexOf('<', position);
    const data = decodeCharacterData(markup.slice(position, lt < 0 ? markup.length : lt));
    if (data === null) return null;
    text += data;
    if (lt < 0) return { text, cdata };
    if (!markup.startsWith('<![CDATA[', lt)) return null;
    const end = markup.indexOf(']]>', lt + 9);
    if (end < 0) return null;
    // sax reports no CDATA event for an empty section, so it does not count as CDATA for xml2js either
    if (end > lt + 9) cdata = true;
    text += markup.slice(lt + 9, end);
    position = end + 3;
  }
}

/**
 * The skeleton of a well-formed document: `scan.text` with the long text-only body fields of `items` emptied.
 * Null when there is nothing worth emptying.
 */
export function hollowItemBodies(scan: XmlScan, items: readonly ScannedElement[]): Skeleton | null {
  const parts: string[] = [];
  const fields: HollowedField[] = [];
  let copiedTo = 0;
  items.forEach((item, itemIndex) => {
    const seen = new Map<string, number>();
    const candidates: { element: ScannedElement; index: number }[] = [];
    for (const child of item.children ?? []) {
      if (!BODY_FIELDS.has(child.name)) continue;
      const index = seen.get(child.name) ?? 0;
      seen.set(child.name, index + 1);
      if (child.children === null && child.innerEnd - child.innerStart >= MIN_HOLLOWED_LENGTH) candidates.push({ element: child, index });
    }
    for (const { element, index } of candidates) {
      const content = textContent(scan.text.slice(element.innerStart, element.innerEnd));
      if (!content) continue;
      parts.push(scan.text.slice(copiedTo, element.innerStart));
      copiedTo = element.innerEnd;
      fields.push({ item: itemIndex, name: element.name, index, count: seen.get(element.name)!, text: content.text, cdata: content.cdata });
    }
  });
  if (fields.length === 0) return null;
  parts.push(scan.text.slice(copiedTo));
  return { text: parts.join(''), fields };
}

/**
 * Puts the emptied fields' text back into rss-parser's raw item nodes (`rawItems[i][prefix + name]`, arrays of
 * xml2js nodes), shaped as xml2js shapes text: a bare string without attributes, else `_` beside `$`, and no `_`
 * for whitespace-only text outside CDATA. False when the output does not line up with the scan; the caller then
 * parses the whole document instead.
 */
export function refillItemBodies(rawItems: readonly Record<string, unknown>[], fields: readonly HollowedField[], prefix: string): boolean {
  for (const field of fields) {
    const nodes = rawItems[field.item]?.[prefix + field.name];
    if (!Array.isArray(nodes) || nodes.length !== field.count) return false;
    const node: unknown = nodes[field.index];
    if (node === '') {
      nodes[field.index] = field.text;
    } else if (node !== null && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length === 1 && '$' in node) {
      if (field.cdata || !/^\s*$/.test(field.text)) (node as Record<string, unknown>)._ = field.text;
    } else {
      return false;
    }
  }
  return true;
}
