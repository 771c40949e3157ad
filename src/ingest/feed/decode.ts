/**
 * Bytes → text for feed documents; article pages share the rules through decodeDocument, with their own reading of
 * the document's label (see decodePage). The charset is chosen in this order:
 *   1. a byte-order mark (RFC 7303 §3.3: the BOM beats everything, since it cannot be wrong about the bytes),
 *   2. the HTTP `Content-Type` charset parameter (RFC 3023/7303: the transport label beats the XML declaration),
 *   3. the byte pattern of `<?xml` in UTF-16/32 without a BOM (XML 1.0 Appendix F),
 *   4. the XML declaration's `encoding` (or `<meta charset>` for HTML served as a feed),
 *   5. UTF-8.
 * Then the bytes may overrule the label that won (see labelOverruledByBytes), whichever source it came from, and a
 * label the BOM contradicts is reported; either sets `bozo` with a warning naming the label and the encoding used.
 * A label naming UTF-16 or UTF-32 over ASCII-compatible bytes, from the header or the document, is ignored.
 * Deliberate divergence from feedparser/RFC 3023: `text/xml` without a charset does NOT mean US-ASCII; RFC 7303
 * dropped that rule because real servers send `text/xml` for documents in every encoding.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { metaCharsets } from '../meta-prescan.ts';
import { startsLikePage } from '../../extract/page-format.ts';
import { PREAMBLE_SEARCHED_CHARS, sniffFeedKind } from './detect.ts';

export interface DecodedBody {
  text: string;
  /** The encoding actually used to decode, lower-case (`utf-8`, `windows-1252`, `utf-16le`, ...). */
  encoding: string;
  /** Problems that make the document suspect (unknown charset label, bytes invalid in the charset). */
  warnings: string[];
}

/**
 * Charset labels are read as browsers read them (the WHATWG Encoding Standard, whose label table Node's TextDecoder
 * knows): every alias of ISO-8859-1 and US-ASCII (`l1`, `iso_8859-1`, `ansi_x3.4-1968`, ...) means Windows-1252,
 * since servers that say so almost always send its curly quotes in 0x80-0x9F; GB2312 means GBK, and so on.
 * These are the WHATWG encodings iconv-lite decodes under another name: a superset where the standard's decoder
 * is one (its GBK decoder is GB18030's, its EUC-KR decoder is CP949's), or none for `replacement`.
 */
const WHATWG_TO_ICONV: Record<string, string | null> = {
  gbk: 'gb18030',
  'euc-kr': 'cp949',
  'x-mac-cyrillic': 'maccyrillic',
  replacement: null,
  'x-user-defined': null,
};
/** IANA aliases of US-ASCII and Latin-1 the standard does not list; other labels it lacks (UTF-32) go to iconv-lite as they are. */
const OTHER_LABELS: Record<string, string> = Object.fromEntries(
  ['us', 'iso646-us', 'csascii', 'iso-ir-6', 'ansi_x3.4-1986', 'iso_646.irv:1991', 'ibm367', 'cp367', 'latin-1'].map((label) => [label, 'windows-1252']),
);

/** The WHATWG encoding a label names, or null when the standard (or this Node's ICU) does not know it. */
export function whatwgEncoding(label: string): string | null {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** Case-insensitive lookup of a header in a plain header record. */
export function getHeader(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

/** The charset parameter of a Content-Type value, unquoted and lower-cased (`charset= 'us-ascii'` → `us-ascii`). */
export function charsetFromContentType(contentType: string | undefined): string | null {
  if (!contentType) return null;
  // white space after a quote only: two `\s*` side by side took a header of tabs' length squared
  const match = /;\s*charset\s*=\s*(?:["']\s*)?([^"';\s]+)/i.exec(contentType);
  return match?.[1] ? match[1].toLowerCase() : null;
}

function sniffBom(bytes: Buffer): { encoding: string; length: number } | null {
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0x00 && b1 === 0x00 && b2 === 0xfe && b3 === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) return { encoding: 'utf-32le', length: 4 };
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

/** UTF-16/32 without a BOM, recognised by where the zero bytes sit around the first `<` (XML 1.0 Appendix F). */
function sniffWideEncoding(bytes: Buffer): string | null {
  if (bytes.length < 4) return null;
  const [b0, b1, b2, b3] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return 'utf-32be';
  if (b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return 'utf-32le';
  if (b0 === 0 && b1 !== 0 && b2 === 0 && b3 !== 0) return 'utf-16be';
  if (b0 !== 0 && b1 === 0 && b2 !== 0 && b3 === 0) return 'utf-16le';
  return null;
}

/** Where a charset label was read, as warnings name it. */
export type LabelSource = 'the Content-Type header' | 'the XML declaration' | 'the <meta> charset';

export interface CharsetLabel {
  /** The label as written, lower-cased (`iso-8859-1`, `utf8`). */
  name: string;
  source: LabelSource;
}

/** The encoding an XML declaration at the very start names (`<?xml version="1.0" encoding="windows-1251"?>`). */
export function xmlDeclarationLabel(prefix: string): CharsetLabel | null {
  const xmlDecl = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([A-Za-z0-9._:-]+)\s*["']/.exec(prefix);
  return xmlDecl?.[1] ? { name: xmlDecl[1].toLowerCase(), source: 'the XML declaration' } : null;
}

/**
 * The encoding an HTML `<meta charset>` or `<meta http-equiv="Content-Type">` names in an ASCII-compatible prefix:
 * of the tags the WHATWG prescan finds (metaCharsets), the first whose label names an encoding, else the first, so
 * that it is reported unknown. A label with trailing junk (`utf-8;`) is read for its leading name: more lenient than
 * browsers, which ignore such a label, since the page's author meant the name.
 */
export function metaCharsetLabel(prefix: string): CharsetLabel | null {
  const names = metaCharsets(prefix).map((label) => /^[a-z0-9._:-]+/.exec(label)?.[0] ?? label);
  const name = names.find((label) => resolveDecoder(label) !== null || namesWideEncoding(label)) ?? names[0];
  return name === undefined ? null : { name, source: 'the <meta> charset' };
}

/**
 * A feed's own label: its XML declaration, or a `<meta>` charset for an HTML page served as a feed. Only a body that
 * starts as a page has one: a `<meta charset>` in an item's HTML (pasted from Word) says nothing of the feed's bytes,
 * which are UTF-8 in XML without a declaration, and always in JSON.
 */
function declaredEncoding(prefix: string): CharsetLabel | null {
  const xmlLabel = xmlDeclarationLabel(prefix);
  if (xmlLabel || /^\s*<\?xml/.test(prefix)) return xmlLabel;
  return startsLikePage(prefix) || /^\s*<(?:meta|title)[\s>/]/i.test(prefix) ? metaCharsetLabel(prefix) : null;
}

/**
 * The XML declaration of a feed printed after a preamble (a PHP warning, a database error, as sniffFeedKind finds
 * them), which names the feed's encoding as one at the start would: without it a windows-1251 feed behind a warning
 * was read as windows-1252. Found in a latin1 view of the bytes, where an ASCII preamble keeps its length.
 */
function declarationAfterPreamble(body: Buffer): CharsetLabel | null {
  const view = body.subarray(0, PREAMBLE_SEARCHED_CHARS + 1024).toString('latin1');
  const sniffed = sniffFeedKind(view);
  return sniffed.kind === 'xml' && sniffed.start > 0 ? xmlDeclarationLabel(view.slice(sniffed.start, sniffed.start + 1024)) : null;
}

/**
 * The feed without a preamble before it, for the encoding detector: a PHP warning's English diluted the statistics
 * of a short windows-1251 feed until it was read as windows-1252.
 */
function feedAfterPreamble(body: Buffer): Buffer {
  const sniffed = sniffFeedKind(body.subarray(0, PREAMBLE_SEARCHED_CHARS + 1024).toString('latin1'));
  return (sniffed.kind === 'xml' || sniffed.kind === 'json') && sniffed.start > 0 ? body.subarray(sniffed.start) : body;
}

/**
 * Maps a charset label to a decoder name (iconv-lite's, or the WHATWG name of one only Node's TextDecoder has), with
 * the browsers' aliases (ISO-8859-1 and US-ASCII read as windows-1252, ...), or null when no decoder exists for it.
 * Feeds and pages share it.
 */
export function resolveDecoder(label: string): string | null {
  const normalised = label.trim().toLowerCase();
  const whatwg = whatwgEncoding(normalised);
  const name = whatwg === null ? (OTHER_LABELS[normalised] ?? normalised) : whatwg in WHATWG_TO_ICONV ? (WHATWG_TO_ICONV[whatwg] ?? null) : whatwg;
  // iconv-lite lacks a few encodings browsers decode (ISO-2022-JP): Node's TextDecoder decodes those
  return name !== null && (iconv.encodingExists(name) || name === whatwg) ? name : null;
}

/** Bytes in an encoding resolveDecoder named, decoded as they are (a BOM is left to the caller). */
function decodeBytes(bytes: Buffer, encoding: string): string {
  return iconv.encodingExists(encoding) ? iconv.decode(bytes, encoding, { stripBOM: false }) : new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
}

/** A label naming a 16- or 32-bit encoding ("unicode" is Word's name for UTF-16), which ASCII-compatible bytes cannot be. */
export function namesWideEncoding(label: string): boolean {
  return /^(utf-?(16|32)|ucs|unicode)/i.test(label);
}

/** A UTF-16/32 label without byte order means "use the BOM or the sniffed order", not a specific decoder. */
function isUnorderedWideLabel(label: string): boolean {
  return /^(utf-?16|utf-?32|ucs-?2|ucs-?4|iso-10646-ucs-2)$/i.test(label);
}

/**
 * More bytes that break UTF-8 than well-formed multi-byte UTF-8 sequences: text in another encoding. A majority
 * vote over the non-ASCII characters, so a stray bad byte or two (a truncated character, one pasted quote) in text
 * that is otherwise UTF-8 costs only themselves (see decodeUtf8WithStrayBytes), while windows-1252 text, where nearly
 * every accented letter is followed by ASCII and so breaks UTF-8, is recognised even when it has a single accent.
 */
function mostlyNotUtf8(bytes: Buffer): boolean {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    const { length, continued } = utf8SequenceAt(bytes, i);
    if (length > 0 && continued === length) {
      valid += 1;
      i += length - 1;
    } else {
      invalid += 1;
    }
  }
  return invalid > valid;
}

/**
 * The UTF-8 sequence the byte at `i` (not ASCII) starts: how many bytes its lead says it has (0 for a byte no sequence
 * starts with), and how many it has, the lead and the continuation bytes that follow it, up to that length.
 */
function utf8SequenceAt(bytes: Buffer, i: number): { length: number; continued: number } {
  const lead = bytes[i]!;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  let continued = 1;
  while (continued < length && i + continued < bytes.length && (bytes[i + continued]! & 0xc0) === 0x80) continued++;
  return { length, continued };
}

/**
 * Single-byte charsets for Latin scripts, as resolveDecoder names them (ISO-8859-1 and US-ASCII are windows-1252).
 * Their accented letters sit in 0xC0-0xFF and their symbols in 0x80-0xBF, so their text is valid UTF-8 only where
 * every accented letter is followed by a symbol ("Ã©"): mojibake, not text. Valid UTF-8 under one of these labels
 * is UTF-8 mislabelled by a default (Apache's AddDefaultCharset, PHP's old default_charset, a CMS setting written
 * into both the header and the declaration). Multi-byte charsets are left out: two GBK or Shift_JIS characters can
 * be valid UTF-8 by chance (卢梅 in GBK is C2 AC C3 B7), and a short title would be "rescued" into nonsense.
 */
const LATIN_SINGLE_BYTE = new Set([
  'windows-1252', 'iso-8859-15', 'windows-1250', 'iso-8859-2', 'windows-1254', 'windows-1257', 'windows-1258',
  'iso-8859-3', 'iso-8859-4', 'iso-8859-10', 'iso-8859-13', 'iso-8859-14', 'iso-8859-16', 'macintosh',
]);

/** How warnings name an encoding. */
const shown = (encoding: string): string => (encoding === 'utf-8' ? 'UTF-8' : encoding);

/** Whether a label names the encoding a BOM showed (a UTF-16 or UTF-32 label without byte order fits either order). */
function labelFits(label: string, encoding: string): boolean {
  if (isUnorderedWideLabel(label) || label === 'unicode') return encoding.startsWith(/32|ucs-?4/.test(label) ? 'utf-32' : 'utf-16');
  return resolveDecoder(label) === encoding;
}

/**
 * The encoding the bytes call for when they contradict the label that won, with the warning to give, or null when
 * they do not. One rule whichever source the label came from (header, declaration, or none, meaning UTF-8):
 *  - UTF-8 over bytes that are mostly not UTF-8 gives way to the next witness: the document's own label when the
 *    header said UTF-8 and the document names another encoding, else the one the bytes read as when a detector is
 *    sure of it (detectedLegacyEncoding), else windows-1252, in which every byte is a character (feedparser's
 *    fallback, and what browsers assume for unlabelled legacy text).
 *  - A legacy label over bytes that are valid UTF-8 with a non-ASCII character gives way to UTF-8 when it names a
 *    Latin single-byte charset, or when it came from the header and the document itself says UTF-8, by declaring
 *    it or by declaring nothing (XML's default). Valid UTF-8 decodes without loss, so nothing is risked.
 * @param label the label that chose `encoding`, or null when nothing did and `encoding` is the UTF-8 default
 * @param documentLabel the document's own label (XML declaration or meta tag)
 * @param validUtf8 whether the body is valid UTF-8 (a check of every byte, made once for the whole decode)
 * @param detectedText the part of the body the encoding detector reads (a feed without its preamble)
 */
function labelOverruledByBytes(
  body: Buffer,
  encoding: string,
  label: CharsetLabel | null,
  documentLabel: CharsetLabel | null,
  validUtf8: () => boolean,
  detectedText: (body: Buffer) => Buffer = (text) => text,
): { encoding: string; warning: string } | null {
  const fromHeader = label?.source === 'the Content-Type header';
  const said = label ? `${label.source} says ${encoding === 'utf-8' ? 'UTF-8' : label.name}` : 'no charset is declared (so UTF-8 by default)';
  if (encoding === 'utf-8') {
    // The native check first: mostlyNotUtf8 walks every byte in JavaScript.
    if (validUtf8() || !mostlyNotUtf8(body)) return null;
    // A document that starts in ASCII cannot be UTF-16 or UTF-32 whatever it declares.
    const next = fromHeader && documentLabel && !namesWideEncoding(documentLabel.name) ? resolveDecoder(documentLabel.name) : null;
    // the document's own label, unless its bytes are not that either (windows-1252 text under a meta shift_jis: every
    // accented letter would become U+FFFD); then the bytes decide, as with no label
    if (next && next !== 'utf-8' && !decodeBytes(body, next).includes('\ufffd')) {
      return { encoding: next, warning: `${said} but the body is not valid UTF-8; decoded as ${next}, as the document declares` };
    }
    const detected = detectedLegacyEncoding(detectedText(body));
    if (detected) return { encoding: detected.decoder, warning: `${said} but the body is not valid UTF-8; decoded as ${detected.name}, which its bytes read as` };
    return { encoding: 'windows-1252', warning: `${said} but the body is not valid UTF-8; decoded as windows-1252` };
  }
  if (!label || namesWideEncoding(encoding) || isAscii(body) || !validUtf8()) return null;
  const documentSaysUtf8 = fromHeader && (documentLabel === null || resolveDecoder(documentLabel.name) === 'utf-8');
  if (!LATIN_SINGLE_BYTE.has(encoding) && !documentSaysUtf8) return null;
  return { encoding: 'utf-8', warning: `${said} but the body is valid UTF-8${documentSaysUtf8 && documentLabel ? ', as the document declares' : ''}; decoded as UTF-8` };
}

/**
 * When the header named one legacy encoding and the document declares another (Apache's `AddDefaultCharset
 * ISO-8859-1` over a PHP feed declaring ISO-8859-2, nginx's `charset windows-1251;` over a windows-1252 feed), the
 * one whose decoding reads as words (misreadSigns) wins, the header on a tie, as RFC 7303 would have it; a warning
 * names both either way. A server that re-encodes the body to the charset it names (nginx's `source_charset`) keeps
 * it: the body then reads as words in the header's encoding.
 * @param decoded the body decoded by the header's encoding
 */
function documentLabelOverHeader(body: Buffer, decoded: string, encoding: string, label: CharsetLabel, documentLabel: CharsetLabel): { encoding: string; warning: string } | null {
  const declared = resolveDecoder(documentLabel.name);
  if (declared === null || declared === encoding || declared === 'utf-8' || namesWideEncoding(declared) || isAscii(body)) return null;
  const byDocument = decodeBytes(body, declared);
  const said = `${label.source} says ${label.name} but ${documentLabel.source} says ${documentLabel.name}`;
  if (misreadSigns(byDocument) < misreadSigns(decoded)) return { encoding: declared, warning: `${said}; decoded as ${declared}, which its bytes read as` };
  return { encoding, warning: `${said}; decoded as ${encoding}, as the header says` };
}

/**
 * Signs of text decoded in the wrong single-byte encoding: a sign or symbol from past ASCII inside a word, a letter on
 * either side (`Wiadomo¶ci`, `rozwa¿ają`: Polish read as Latin-1), a C1 control (windows-1252's € and quotes read as
 * ISO-8859-x), and letters of another script in one run of Latin letters (`Cafй`: French read as windows-1251). Not a
 * sign beside a word (`«pause»`, `España®`, `m³`), which other encodings turn into letters: text in the right one has
 * them too (Russian «ёлочки» read as KOI8-R were taken for its own).
 */
function misreadSigns(text: string): number {
  let signs = 0;
  for (const [word] of text.matchAll(/[^\s<>"'()[\]{},.;:!?]+/gu)) {
    if (isAsciiText(word)) continue;
    // (not a no-break space, a soft hyphen or a Catalan middle dot, which stand inside words)
    signs += word.match(/(?<=\p{L})(?![\u00a0\u00ad\u00b7])[\u00a1-\u02ff](?<!\p{L})(?=\p{L})|[\u0080-\u009f]/gu)?.length ?? 0;
    // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
    for (const [letters] of word.matchAll(/\p{L}{1,1000}/gu)) {
      if (/[A-Za-z]/.test(letters) && /[\p{Script=Cyrillic}\p{Script=Greek}\p{Script=Hebrew}\p{Script=Arabic}]/u.test(letters)) signs += 1;
    }
  }
  return signs;
}

const isAsciiText = (text: string): boolean => /^[\x00-\x7f]*$/.test(text);

/** Bytes read by the detector: enough text for its statistics, a bounded cost on a body of megabytes. */
const DETECTION_PREFIX_BYTES = 64 * 1024;
/** The detector's confidence (0-100) from which its guess replaces windows-1252; below it the text is too short to tell. */
const MIN_DETECTION_CONFIDENCE = 30;
/**
 * Single-byte code pages of non-Latin scripts, whose every letter windows-1252 garbles. The detector's confidence in
 * one stays low on Ukrainian or short text (windows-1251 at 12-23 on Ukrainian headlines and paragraphs, where Russian
 * gives 47-59), so such a best guess is taken from MIN_NON_LATIN_CONFIDENCE, and at any confidence only when the
 * text reads as words of its script (readsAsItsScript): the detector's best guess is one of these, at 33-42, on short
 * Western text with signs too (`Größe ²` as ISO-8859-5's `Grіпe В`).
 */
const NON_LATIN_SINGLE_BYTE = new Set([
  'windows-1251', 'koi8-r', 'koi8-u', 'iso-8859-5', 'ibm866', 'windows-1253', 'iso-8859-7', 'windows-1255', 'iso-8859-8',
  'iso-8859-8-i', 'windows-1256', 'iso-8859-6',
]);
const MIN_NON_LATIN_CONFIDENCE = 10;

/** The most words, of those with a letter past ASCII, that may be mostly ASCII letters (readsAsItsScript). */
const MOST_MIXED_WORDS = 0.2;

/**
 * Whether text decoded in a non-Latin code page reads as words of its script: a Western text so decoded puts a few
 * letters of it among more ASCII ones (`Peña` as `PeЯa`, `Málaga` as `Mсlaga`), where words of Cyrillic, Greek,
 * Hebrew or Arabic are written in their own letters, an ASCII look-alike aside (`пiдтримав` typed with a Latin `i`).
 */
function readsAsItsScript(text: string): boolean {
  let words = 0;
  let mixed = 0;
  // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
  for (const [word] of text.matchAll(/\p{L}{1,1000}/gu)) {
    const ascii = word.match(/[A-Za-z]/g)?.length ?? 0;
    if (ascii === word.length) continue;
    words++;
    if (ascii > word.length - ascii) mixed++;
  }
  return words > 0 && mixed <= words * MOST_MIXED_WORDS;
}
/** A Latin single-byte guess must beat windows-1252 by this much: mistaking one for the other costs a few letters. */
const LATIN_MARGIN = 10;

/**
 * The legacy encoding unlabelled non-UTF-8 bytes are in, by chardet's byte statistics (ICU's detector), or null for
 * the windows-1252 default. Where windows-1252 is wrong for a script (Shift_JIS, GB18030, EUC-KR, windows-1251,
 * KOI8-R, Greek, Hebrew, Arabic) every letter is lost; for another Latin charset only a few, so those need a clear
 * lead. Multi-byte guesses are trusted since a detector that names one has found its byte patterns throughout.
 */
function detectedLegacyEncoding(body: Buffer): { name: string; decoder: string } | null {
  const sample = withoutMarkup(body.subarray(0, DETECTION_PREFIX_BYTES));
  const guesses = chardet.analyse(sample);
  const best = guesses[0];
  if (!best || /^(utf|iso-2022|ascii)/i.test(best.name)) return null;
  const decoder = resolveDecoder(best.name);
  if (decoder === null || decoder === 'windows-1252' || decoder === 'utf-8') return null;
  if (NON_LATIN_SINGLE_BYTE.has(decoder)) {
    if (best.confidence < MIN_NON_LATIN_CONFIDENCE || !readsAsItsScript(decodeBytes(sample, decoder))) return null;
  } else if (best.confidence < MIN_DETECTION_CONFIDENCE) {
    return null;
  }
  // KOI8-U is KOI8-R with Ukrainian's і ї є ґ where KOI8-R draws boxes, which no text holds; the detector knows
  // KOI8-R alone
  if (decoder === 'koi8-r') return { name: 'KOI8-U', decoder: 'koi8-u' };
  if (LATIN_SINGLE_BYTE.has(decoder)) {
    const western = guesses.find((guess) => resolveDecoder(guess.name) === 'windows-1252')?.confidence ?? 0;
    if (best.confidence < western + LATIN_MARGIN) return null;
  }
  return { name: best.name, decoder };
}

/**
 * The bytes between tags: markup is ASCII that dilutes the statistics of a short feed's text. No byte of a tag can
 * be part of a character here: the trail bytes of Shift_JIS, GBK and Big5 start at 0x40, above '<' and '>'.
 */
function withoutMarkup(bytes: Buffer): Buffer {
  const text: number[] = [];
  let inTag = false;
  for (const byte of bytes) {
    if (byte === 0x3c) inTag = true;
    else if (byte === 0x3e && inTag) inTag = false;
    else if (!inTag) text.push(byte);
  }
  return Buffer.from(text);
}

function decodeWith(bytes: Buffer, encoding: string, validUtf8: boolean, warnings: string[]): string {
  if (encoding === 'utf-8') {
    if (validUtf8) return bytes.toString('utf8');
    // a feed that needs this is not well-formed
    const { text, strayBytes, brokenSequences } = decodeUtf8WithStrayBytes(bytes);
    const read = [
      strayBytes > 0 ? `${strayBytes} stray ${strayBytes === 1 ? 'byte was' : 'bytes were'} read as windows-1252` : '',
      brokenSequences > 0 ? `${brokenSequences} broken ${brokenSequences === 1 ? 'sequence was' : 'sequences were'} replaced by U+FFFD` : '',
    ];
    warnings.push(`the document contains bytes that are not valid UTF-8; ${read.filter(Boolean).join(', ')}`);
    return text;
  }
  return decodeLegacy(bytes, encoding);
}

/** The characters windows-1252 gives the bytes 0x80 to 0xFF, as decodeLegacy reads them. */
const WINDOWS_1252_HIGH = decodeLegacy(Buffer.from(Array.from({ length: 0x80 }, (_v, i) => 0x80 + i)), 'windows-1252');

/**
 * UTF-8 text that is not all valid UTF-8 (mostly it is: see labelOverruledByBytes). A byte that stands alone, neither
 * in a sequence nor starting one (a continuation byte without its lead, a lead followed by no continuation byte, a
 * byte UTF-8 never uses), is read as its windows-1252 character: the bytes text pasted from a legacy page or editor
 * leaves in a UTF-8 document (`It\x92s`, `caf\xe9`), which browsers would show as U+FFFD. A sequence cut short after its
 * lead and some continuation bytes, or one UTF-8 forbids (overlong, a surrogate), is U+FFFD, as Node decodes it: no
 * byte of it stands alone.
 */
function decodeUtf8WithStrayBytes(bytes: Buffer): { text: string; strayBytes: number; brokenSequences: number } {
  let text = '';
  let copied = 0; // bytes before this index are in `text`
  let strayBytes = 0;
  let brokenSequences = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    const { length, continued } = utf8SequenceAt(bytes, i);
    // a lead byte last of all is a character the body was cut in, not a stray byte
    if (continued > 1 || (length > 0 && i + 1 === bytes.length)) {
      if (continued < length || forbiddenSequence(lead, bytes[i + 1]!)) brokenSequences++;
      i += continued - 1;
      continue;
    }
    text += bytes.toString('utf8', copied, i) + WINDOWS_1252_HIGH[lead - 0x80];
    copied = i + 1;
    strayBytes++;
  }
  return { text: text + bytes.toString('utf8', copied), strayBytes, brokenSequences };
}

/** Whether a whole sequence is one UTF-8 forbids, by its first two bytes: overlong, a surrogate, or past U+10FFFF. */
function forbiddenSequence(lead: number, second: number): boolean {
  return (lead === 0xe0 && second < 0xa0) || (lead === 0xed && second >= 0xa0) || (lead === 0xf0 && second < 0x90) || (lead === 0xf4 && second > 0x8f);
}

/** Bytes in a legacy encoding (an iconv-lite decoder name) as text, windows-1252 as browsers read it. */
function decodeLegacy(bytes: Buffer, encoding: string): string {
  const text = decodeBytes(bytes, encoding);
  if (encoding !== 'windows-1252' || !text.includes('\ufffd')) return text;
  // The five bytes windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are the C1 controls of the same value
  // to browsers (WHATWG); iconv-lite makes them U+FFFD, which loses the byte mojibake repair needs ("â€\u009d" is ”).
  // One byte is one character in this encoding, so the position says which byte it was.
  return text.replace(/\ufffd/g, (_char, index: number) => String.fromCharCode(bytes[index]!));
}

/** How a kind of document labels its own encoding, and whether its bytes may show UTF-16/32 without a BOM. */
export interface DocumentRules {
  /** The document's own label, read from its first 1024 bytes as Latin-1 (an XML declaration, a `<meta>` tag). */
  declaredLabel: (prefix: string) => CharsetLabel | null;
  /** A label further on, read when the first 1024 bytes give none (a `<meta>` after a long head); the body's bytes. */
  laterLabel?: (body: Buffer) => CharsetLabel | null;
  /** Whether UTF-16/32 without a BOM is recognised by the zero bytes around the first `<` (XML 1.0 Appendix F). */
  sniffWide: boolean;
  /** The part of the body whose bytes tell an unlabelled legacy encoding (all of it unless said). */
  detectedText?: (body: Buffer) => Buffer;
}

/**
 * Decodes a document by its byte-order mark, its Content-Type charset, and its own label (read as `rules` say), in
 * that order, then lets the bytes overrule the label that won (labelOverruledByBytes). Feeds and pages share it;
 * they differ only in where the document's own label is read and in the UTF-16/32 sniffing.
 * Never throws: an unknown or wrong label falls back to UTF-8 (or what the bytes call for) with a warning.
 * @param contentType the response's Content-Type header, parameters included
 */
export function decodeDocument(bytes: Buffer, contentType: string | undefined, rules: DocumentRules): DecodedBody {
  const headerCharset = charsetFromContentType(contentType);
  const headerLabel: CharsetLabel | null = headerCharset ? { name: headerCharset, source: 'the Content-Type header' } : null;
  const bom = sniffBom(bytes);
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const declared = rules.declaredLabel(body.subarray(0, 1024).toString('latin1')) ?? rules.laterLabel?.(body) ?? null;

  let encoding: string | null = bom?.encoding ?? null;
  let label: CharsetLabel | null = null; // the label that chose `encoding`
  const unknownLabels: CharsetLabel[] = [];
  // A header naming UTF-16 or UTF-32 over bytes without a zero among the first 1024 is wrong: those encodings put
  // zero bytes beside every ASCII character, and markup starts with ASCII. The document's own label is read instead.
  const wideHeader = !encoding && headerLabel !== null && namesWideEncoding(headerLabel.name) && !body.subarray(0, 1024).includes(0);
  if (!encoding && headerLabel && !isUnorderedWideLabel(headerLabel.name) && !wideHeader) {
    encoding = resolveDecoder(headerLabel.name);
    if (encoding) label = headerLabel;
    else unknownLabels.push(headerLabel);
  }
  const wide = encoding || !rules.sniffWide ? null : sniffWideEncoding(bytes);
  encoding ??= wide;
  // Unsniffed, a header's `utf-16` (or `ucs-2`) without a BOM means UTF-16LE, as browsers read it (the WHATWG label
  // table); wideHeader has ruled out ASCII-compatible bytes. UTF-32, unknown to browsers, is left to the fallbacks.
  if (!encoding && !rules.sniffWide && headerLabel && /^(utf-?16|ucs-?2|iso-10646-ucs-2)$/i.test(headerLabel.name) && !wideHeader) {
    encoding = 'utf-16le';
    label = headerLabel;
  }
  // Read this far, the declaration is in ASCII-compatible bytes, which a 16- or 32-bit encoding it names cannot be.
  const wideDeclaration = !encoding && declared !== null && namesWideEncoding(declared.name);
  if (!encoding && declared && !wideDeclaration) {
    encoding = resolveDecoder(declared.name);
    if (encoding) label = declared;
    else unknownLabels.push(declared);
  }
  encoding ??= 'utf-8';

  const warnings: string[] = [];
  let utf8Checked: boolean | undefined;
  const validUtf8 = () => (utf8Checked ??= isUtf8(body));
  for (const [ignored, wrong] of [[headerLabel, wideHeader], [declared, wideDeclaration]] as const) {
    if (wrong && !isUnorderedWideLabel(ignored!.name)) {
      warnings.push(`${ignored!.source} says ${ignored!.name} but the document is written in an ASCII-compatible encoding; the label is ignored`);
    }
  }
  if (bom) {
    // The BOM is right about the bytes, but a label that contradicts it shows the document's metadata is wrong.
    for (const other of [headerLabel, declared]) {
      if (other && !labelFits(other.name, encoding)) warnings.push(`the byte-order mark says ${shown(encoding)} but ${other.source} says ${other.name}; decoded as ${shown(encoding)}`);
    }
  } else if (!wide) {
    const overruled = labelOverruledByBytes(body, encoding, label, declared, validUtf8, rules.detectedText);
    if (overruled) {
      encoding = overruled.encoding;
      warnings.push(overruled.warning);
    }
  }
  for (const unknown of unknownLabels.reverse()) {
    const kind = unknown.source === 'the Content-Type header' ? 'charset' : 'encoding';
    warnings.unshift(`unknown ${kind} "${unknown.name}" in ${unknown.source}; decoded as ${shown(encoding)}`);
  }
  // The native check costs a fraction of searching the decoded text for U+FFFD.
  let text = decodeWith(body, encoding, encoding === 'utf-8' && validUtf8(), warnings);
  if (!bom && !wide && headerLabel !== null && label === headerLabel && declared !== null && encoding !== 'utf-8' && resolveDecoder(headerLabel.name) === encoding) {
    const conflict = documentLabelOverHeader(body, text, encoding, headerLabel, declared);
    if (conflict) {
      warnings.push(conflict.warning);
      if (conflict.encoding !== encoding) [encoding, text] = [conflict.encoding, decodeWith(body, conflict.encoding, false, warnings)];
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, encoding, warnings };
}

const FEED_RULES: DocumentRules = { declaredLabel: declaredEncoding, laterLabel: declarationAfterPreamble, sniffWide: true, detectedText: feedAfterPreamble };

/**
 * Decodes a feed body, returning the warnings too (used by parseFeed to set `bozo`).
 * Never throws: an unknown or wrong label falls back to UTF-8 (or what the bytes call for) with a warning.
 */
export function decodeFeedBytes(bytes: Buffer, headers?: Record<string, string>): DecodedBody {
  return decodeDocument(bytes, getHeader(headers, 'content-type'), FEED_RULES);
}

/** Decodes a feed body to text using the HTTP header, BOM and XML declaration (see the module comment). */
export function decodeBody(bytes: Buffer, headers?: Record<string, string>): { text: string; encoding: string } {
  const { text, encoding } = decodeFeedBytes(bytes, headers);
  return { text, encoding };
}
