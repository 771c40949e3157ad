import { startsLikePage } from '../extract/page-format.ts';
import { decodeDocument, getHeader, metaCharsetLabel, xmlDeclarationLabel, type CharsetLabel, type DecodedBody, type DocumentRules } from './feed/decode.ts';

/**
 * Where an HTML page labels its own encoding, as the HTML Standard's prescan reads it: a `<meta charset>` or `<meta
 * http-equiv="Content-Type">` in its first 1024 bytes, else the XML declaration an XHTML page starts with (which
 * counts only when no `<meta>` does), else a `<meta>` further on in its head.
 * Pages are not sniffed for UTF-16 without a BOM, as browsers do not sniff them.
 */
const PAGE_RULES: DocumentRules = {
  declaredLabel: (prefix) => metaCharsetLabel(prefix) ?? xmlDeclarationLabel(prefix),
  laterLabel: headMetaCharsetLabel,
  sniffWide: false,
};

/** A page served as XML (`application/xhtml+xml`) is read by XML's rules: its declaration first, as a feed's is. */
const XML_PAGE_RULES: DocumentRules = {
  ...PAGE_RULES,
  declaredLabel: (prefix) => xmlDeclarationLabel(prefix) ?? metaCharsetLabel(prefix),
};

/** A media type XML's rules read: `application/xhtml+xml`, `text/xml`, any `+xml`. */
const XML_MEDIA_TYPE = /^\s*(?:[\w.+-]+\/(?:[\w.-]+\+)?xml)\s*(?:;|$)/i;

/** How far into a page a `<meta>` charset is looked for when its first 1024 bytes hold none. */
const HEAD_SCAN_BYTES = 64 * 1024;

/**
 * A `<meta>` charset in the page's head after its first 1024 bytes (behind a long run of other `<meta>` tags, say):
 * browsers' parsers re-decode the page when they meet one there (WHATWG HTML "change the encoding"), where the
 * prescan alone would leave the page to detection, which reads Thai or Turkish as the wrong alphabet. Only the head:
 * a `<meta>` quoted in the article says nothing of the page's bytes.
 */
function headMetaCharsetLabel(body: Buffer): CharsetLabel | null {
  const start = body.subarray(0, HEAD_SCAN_BYTES).toString('latin1');
  const headEnd = start.search(/<\/head[\s>]|<body[\s>]/i);
  return metaCharsetLabel(headEnd === -1 ? start : start.slice(0, headEnd));
}

/**
 * Decodes an HTML page. Labels are taken in the order browsers take them (WHATWG "encoding sniffing"): a BOM wins,
 * then the charset of the Content-Type header, then the page's own label within the first 1024 bytes or further on
 * in its head (see PAGE_RULES; XML_PAGE_RULES for a page served as XML), then UTF-8. Labels map to decoders as
 * browsers map them: ISO-8859-1 and US-ASCII are windows-1252.
 * Our addition to that order, shared with feeds (decodeDocument): the bytes overrule the label that won when they
 * contradict it (labelOverruledByBytes): valid UTF-8 under a Latin single-byte label (a server or CMS default), or
 * under a header's legacy label when the page itself says UTF-8 or nothing, is read as UTF-8; bytes that are mostly
 * not UTF-8 under a UTF-8 label, or none, are read in the page's own label if only the header said UTF-8, else in
 * the encoding they read as (detected, when sure) or windows-1252; a UTF-16 or UTF-32 label over ASCII-compatible
 * bytes is ignored. Each such correction, and a label
 * the BOM contradicts, is reported in `warnings`. A page saved to a file is decoded by the same function without
 * headers, so it reads as it did over HTTP.
 * @param headers the response headers (only Content-Type is read, in any case)
 */
export function decodePage(bytes: Buffer, headers: Record<string, string> = {}): DecodedBody {
  const contentType = getHeader(headers, 'content-type');
  return decodeDocument(bytes, contentType, contentType !== undefined && XML_MEDIA_TYPE.test(contentType) ? XML_PAGE_RULES : PAGE_RULES);
}

/** A plain-text capture has no label of its own: a text that quotes `<meta charset=...>` does not declare one. */
const PLAIN_TEXT_RULES: DocumentRules = { declaredLabel: () => null, sniffWide: false };

/**
 * Decodes a plain-text capture as a page without any label: a BOM, else UTF-8, unless the bytes are mostly not UTF-8
 * (then the encoding they read as, or windows-1252), so one stray byte in a UTF-8 text is read as windows-1252
 * alone, not every accent in the file.
 */
export function decodePlainText(bytes: Buffer): DecodedBody {
  return decodeDocument(bytes, undefined, PLAIN_TEXT_RULES);
}

/**
 * A body served as text/plain has no label of its own either, unless it starts like an HTML page (a server serving
 * `.html` files as text/plain), which is read as the page it is: the same rule that decides which of the two it is
 * read as (fetchedPageFormat), applied to its first 1024 bytes.
 */
const TEXT_PAGE_RULES: DocumentRules = {
  declaredLabel: (prefix) => (startsLikePage(prefix) ? PAGE_RULES.declaredLabel(prefix) : null),
  laterLabel: (body) => (startsLikePage(body.subarray(0, 1024).toString('latin1')) ? headMetaCharsetLabel(body) : null),
  sniffWide: false,
};

/**
 * Characters no article holds: C0 controls but tab, line feed, vertical tab, form feed and carriage return; DEL;
 * and U+FFFD, which decoding puts where a byte is invalid in the encoding. Text in any encoding has next to none;
 * random bytes read as windows-1252 are one in eight of them.
 */
const NON_TEXT_CHARACTER = /[\x00-\x08\x0e-\x1f\x7f\ufffd]/g;
/** Above this share of non-text characters a decoded body is binary data, whatever its name or Content-Type says. */
const MAX_NON_TEXT_SHARE = 0.05;

/** Why decoded text is binary data rather than text, or null when it is text. The reason reads after "it is not text: ". */
export function binaryContentReason(text: string): string | null {
  // NUL never occurs in text; in a file it means binary data, or UTF-16 without a BOM (which would be read wrong).
  // PostgreSQL refuses to store it at all.
  if (text.includes('\0')) return 'it contains NUL bytes (binary data, or UTF-16 without a byte-order mark)';
  let count = 0;
  for (const _ of text.matchAll(NON_TEXT_CHARACTER)) count += 1;
  if (count > 0 && count / text.length > MAX_NON_TEXT_SHARE) {
    return `${Math.round((count / text.length) * 100)}% of its characters are control characters or bytes invalid in its encoding (${count} of ${text.length})`;
  }
  return null;
}

/** Content types whose bodies the article extractor reads; anything else (PDF, images, octet-stream, feeds) is not a page. */
const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);

export interface PageBodyProblem {
  code: 'not_html';
  /** What is wrong, naming the content type; it does not name the URL, which the caller prefixes. */
  message: string;
}

/**
 * A fetched response as an article page, decoded by decodePage (a text/plain body by TEXT_PAGE_RULES), or why it cannot be one: a Content-Type that is not
 * HTML, XHTML or plain text (a PDF, an image, application/octet-stream), or a body of binary data under any type. A
 * missing Content-Type is judged by the body alone. The body is decoded once, for the check and for the page.
 * @param headers the response headers (only Content-Type is read, in any case)
 */
export function readPageBody(bytes: Buffer, headers: Record<string, string>): { page: DecodedBody; problem: null } | { page: null; problem: PageBodyProblem } {
  const contentType = getHeader(headers, 'content-type');
  const type = contentType?.split(';')[0]!.trim().toLowerCase() || null;
  if (type !== null && !PAGE_TYPES.has(type)) return { page: null, problem: { code: 'not_html', message: `served as ${type}, not as an HTML page` } };
  const page = decodeDocument(bytes, contentType, type === 'text/plain' ? TEXT_PAGE_RULES : PAGE_RULES);
  const reason = binaryContentReason(page.text);
  if (reason) return { page: null, problem: { code: 'not_html', message: `served as ${type ?? 'no content type'}, but the body is not text: ${reason}` } };
  return { page, problem: null };
}
