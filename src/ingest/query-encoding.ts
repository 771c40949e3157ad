/**
 * URLs written in a page with a legacy encoding, resolved as browsers resolve them. The WHATWG URL parser, given a
 * document's encoding (HTML parses `<link href>` and `<base href>` with it), percent-encodes the non-ASCII characters
 * of the QUERY in that encoding rather than in UTF-8: `?cat=Новости` in a windows-1251 page is requested as
 * `?cat=%CD%EE%E2%EE%F1%F2%E8`, which is what the site's server expects. The rest of the URL is not affected: the path
 * and the fragment are UTF-8 whatever the page's encoding, and so is the query of a URL whose scheme is not special
 * (mailto:, data:) or is ws or wss. A UTF-8 or UTF-16 page (and any encoding without an encoder) gives UTF-8 URLs.
 * A character the encoding cannot represent becomes `&#N;` (its code point in decimal), percent-encoded: `%26%23N%3B`.
 * ASCII, `%xx` escapes already in the address included, is left to the URL parser, which treats it alike whatever the
 * encoding.
 *
 * The encoders are iconv-lite's, under the decoder names decodePage returns, with the WHATWG encoders' own rules where
 * they differ in common text: U+2212 MINUS SIGN is written as U+FF0D in Shift_JIS and EUC-JP, and ISO-2022-JP, which
 * iconv-lite cannot encode, is encoded here from its EUC-JP table. Rare characters may still get other bytes than in
 * a browser: a GBK page is decoded, and so encoded, as GB18030 (the four-byte codes of characters GBK lacks, rather
 * than `&#N;`), Big5 includes the HKSCS characters, EUC-JP those of JIS X 0212.
 */
import iconv from 'iconv-lite';

/** Schemes whose query a document's encoding applies to (URL standard, query state): the special ones but ws and wss. */
const QUERY_IN_DOCUMENT_ENCODING = new Set(['http:', 'https:', 'ftp:', 'file:']);

/**
 * The encoding the queries of a document's URLs are written in, given the encoding it was decoded with (a decoder
 * name, as decodePage returns): UTF-8 for a UTF-8, UTF-16 or UTF-32 document (the standard's "get an output
 * encoding") and for an encoding there is no encoder for; else the document's own.
 */
export function urlQueryEncoding(documentEncoding: string): string {
  const encoding = documentEncoding.trim().toLowerCase();
  if (/^utf-?(8|16|32)/.test(encoding) || encoding === 'replacement') return 'utf-8';
  return encoding === 'iso-2022-jp' || iconv.encodingExists(encoding) ? encoding : 'utf-8';
}

/** What encoding a query gives: text left to the URL parser, bytes, or a code point the encoding cannot represent. */
type Piece = { text: string } | { bytes: readonly number[] } | { unmappable: number };

/** The string's code points, a lone surrogate as U+FFFD (the URL API takes USVStrings). */
function scalarValues(text: string): number[] {
  return Array.from(text, (char) => {
    const codePoint = char.codePointAt(0)!;
    return codePoint >= 0xd800 && codePoint <= 0xdfff ? 0xfffd : codePoint;
  });
}

/**
 * A query in an ASCII-compatible encoding iconv-lite encodes: ASCII as it is, each other character encoded on its
 * own (these encoders keep no state between characters). iconv-lite writes a character it has no bytes for as `?`
 * (one per UTF-16 unit), and U+FFFD as the byte its table leaves undefined (0x98 in windows-1251): both have no bytes
 * in the standard's encoders, but in GB18030's, which has a code for every character.
 */
function legacyPieces(codePoints: readonly number[], encoding: string): Piece[] {
  const japanese = encoding === 'shift_jis' || encoding === 'euc-jp';
  return codePoints.map((codePoint): Piece => {
    if (codePoint < 0x80) return { text: String.fromCodePoint(codePoint) };
    if (codePoint === 0xfffd && encoding !== 'gb18030') return { unmappable: codePoint };
    const bytes = iconv.encode(String.fromCodePoint(japanese && codePoint === 0x2212 ? 0xff0d : codePoint), encoding);
    return bytes.every((byte) => byte === 0x3f) ? { unmappable: codePoint } : { bytes: [...bytes] };
  });
}

/** Halfwidth katakana U+FF61-U+FF9F as ISO-2022-JP writes them, full width (the standard's index ISO-2022-JP katakana). */
const FULLWIDTH_KATAKANA = Array.from({ length: 0xff9f - 0xff61 + 1 }, (_, offset) => {
  const codePoint = 0xff61 + offset;
  // NFKC gives the index's character for all but the two sound marks, which it makes combining marks
  return codePoint === 0xff9e ? 0x309b : codePoint === 0xff9f ? 0x309c : String.fromCodePoint(codePoint).normalize('NFKC').codePointAt(0)!;
});

/** A character's two JIS X 0208 bytes (each 0x21-0x7E), from its EUC-JP code (the same plus 0x80); null when it has none. */
function jis0208Bytes(codePoint: number): [number, number] | null {
  const euc = iconv.encode(String.fromCodePoint(codePoint), 'euc-jp');
  const inRange = (byte: number | undefined) => byte !== undefined && byte >= 0xa1 && byte <= 0xfe;
  return euc.length === 2 && inRange(euc[0]) && inRange(euc[1]) ? [euc[0]! - 0x80, euc[1]! - 0x80] : null;
}

/**
 * A query in ISO-2022-JP, by the WHATWG encoder: stateful (escape sequences switch between ASCII, JIS X 0201 Roman
 * and JIS X 0208), so the whole query is encoded at once, ASCII included, and it ends in the ASCII state.
 */
function iso2022JpPieces(codePoints: readonly number[]): Piece[] {
  const pieces: Piece[] = [];
  type State = 'ascii' | 'roman' | 'jis0208';
  let state: State = 'ascii';
  /** The escape sequence into `next`, which it returns. */
  const escapeTo = (next: State): State => {
    pieces.push({ bytes: next === 'ascii' ? [0x1b, 0x28, 0x42] : next === 'roman' ? [0x1b, 0x28, 0x4a] : [0x1b, 0x24, 0x42] });
    return next;
  };
  for (let index = 0; index < codePoints.length; ) {
    let codePoint = codePoints[index]!;
    if (state !== 'jis0208' && (codePoint === 0x0e || codePoint === 0x0f || codePoint === 0x1b)) {
      pieces.push({ unmappable: 0xfffd });
    } else if (state === 'ascii' && codePoint < 0x80) {
      pieces.push({ bytes: [codePoint] });
    } else if (state === 'roman' && ((codePoint < 0x80 && codePoint !== 0x5c && codePoint !== 0x7e) || codePoint === 0xa5 || codePoint === 0x203e)) {
      pieces.push({ bytes: [codePoint === 0xa5 ? 0x5c : codePoint === 0x203e ? 0x7e : codePoint] });
    } else if (codePoint < 0x80) {
      state = escapeTo('ascii');
      continue;
    } else if (codePoint === 0xa5 || codePoint === 0x203e) {
      state = escapeTo('roman');
      continue;
    } else {
      if (codePoint === 0x2212) codePoint = 0xff0d;
      if (codePoint >= 0xff61 && codePoint <= 0xff9f) codePoint = FULLWIDTH_KATAKANA[codePoint - 0xff61]!;
      const bytes = jis0208Bytes(codePoint);
      if (bytes === null) {
        if (state === 'jis0208') {
          state = escapeTo('ascii');
          continue;
        }
        pieces.push({ unmappable: codePoint });
      } else if (state !== 'jis0208') {
        state = escapeTo('jis0208');
        continue;
      } else {
        pieces.push({ bytes });
      }
    }
    index += 1;
  }
  if (state !== 'ascii') escapeTo('ascii');
  return pieces;
}

/** A byte as the special-query percent-encode set leaves it, or escaped: C0 controls, space, `"`, `#`, `'`, `<`, `>`, above 0x7E. */
function queryByte(byte: number): string {
  const char = String.fromCharCode(byte);
  return byte <= 0x20 || byte >= 0x7f || `"#'<>`.includes(char) ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}` : char;
}

/**
 * A URL's query (without its `?`) with its non-ASCII characters percent-encoded in `encoding` (a decoder name, as
 * decodePage returns) as the URL standard's "percent-encode after encoding" does, a character the encoding lacks
 * as `%26%23N%3B`; ASCII, `%xx` escapes included, is kept. Unchanged for UTF-8 (see urlQueryEncoding) and for an
 * all-ASCII query.
 */
export function encodeQueryInEncoding(query: string, encoding: string): string {
  const target = urlQueryEncoding(encoding);
  if (target === 'utf-8' || !/[^\x00-\x7f]/.test(query)) return query;
  const codePoints = scalarValues(query);
  const pieces = target === 'iso-2022-jp' ? iso2022JpPieces(codePoints) : legacyPieces(codePoints, target);
  return pieces
    .map((piece) => ('text' in piece ? piece.text : 'bytes' in piece ? piece.bytes.map(queryByte).join('') : `%26%23${piece.unmappable}%3B`))
    .join('');
}

/**
 * `new URL(href, base)` as a document decoded from `documentEncoding` resolves it (see the module comment): the same
 * URL, but for the non-ASCII characters of a query `href` itself writes, in an http(s), ftp or file URL, which are
 * percent-encoded in the document's encoding. A query `href` takes from `base` is as `base` has it; without a base,
 * `href` must be absolute. Throws as `new URL` does for an address that cannot be parsed.
 */
export function resolveInDocumentEncoding(href: string, base: string | URL | undefined, documentEncoding: string): URL {
  const resolved = new URL(href, base);
  if (!/[^\x00-\x7f]/.test(href) || urlQueryEncoding(documentEncoding) === 'utf-8' || !QUERY_IN_DOCUMENT_ENCODING.has(resolved.protocol)) return resolved;
  // The address as the URL parser reads it: without leading and trailing C0 controls and spaces, nor any tab or
  // newline. Then the query is what follows the first `?`, unless a `#` comes first, up to the first `#`.
  // (the trailing run from its first character only: tried from each, a long run inside took its length squared)
  const input = href.replace(/^[\x00-\x20]+|(?<![\x00-\x20])[\x00-\x20]+$/g, '').replace(/[\t\n\r]/g, '');
  const hash = input.indexOf('#');
  const question = input.indexOf('?');
  if (question < 0 || (hash >= 0 && hash < question)) return resolved;
  const end = hash < 0 ? input.length : hash;
  return new URL(`${input.slice(0, question + 1)}${encodeQueryInEncoding(input.slice(question + 1, end), documentEncoding)}${input.slice(end)}`, base);
}
