import iconv from 'iconv-lite';
import { decodeLegacy, headerMislabelsUtf8, namesWideEncoding, resolveDecoder } from './feed/decode.ts';

export interface DecodedText {
  text: string;
  encoding: string;
}

/** A byte-order mark names the encoding beyond doubt; it beats every label (WHATWG "BOM sniff"). */
function decodeByBom(bytes: Buffer): DecodedText | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  return null;
}

/** Unlabelled bytes: UTF-8 when they are valid UTF-8, else windows-1252 (what browsers assume for legacy pages). */
function decodeUnlabelled(bytes: Buffer): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not Node's TextDecoder('windows-1252'): it maps 0x80-0x9F to C1 controls, losing “ ” — and €.
    return { text: decodeLegacy(bytes, 'windows-1252'), encoding: 'windows-1252' };
  }
}

/** The encoding an XML declaration at the very start names (`<?xml version="1.0" encoding="windows-1251"?>`). */
function xmlDeclarationEncoding(head: string): string | undefined {
  return /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']\s*([\w.:-]+)/.exec(head)?.[1];
}

/**
 * Decodes an HTML page. Order, as browsers do it (WHATWG "encoding sniffing"): a BOM wins, then the charset of
 * the Content-Type header, then the page's own label within the first 1024 bytes (an XML declaration at the start,
 * as XHTML pages carry, else a `<meta charset>` or `<meta http-equiv="Content-Type">`), then UTF-8 if the bytes are
 * valid UTF-8, else windows-1252 (what browsers assume for legacy pages). Labels map to decoders as browsers map
 * them: ISO-8859-1 and US-ASCII are windows-1252. One exception to the order: see below. A page saved to a file is
 * decoded by the same function without headers, so it reads as it did over HTTP.
 */
export function decodePage(bytes: Buffer, headers: Record<string, string> = {}): DecodedText {
  const byBom = decodeByBom(bytes);
  if (byBom) return byBom;

  const fromHeader = /charset\s*=\s*["']?([\w.:-]+)/i.exec(headers['content-type'] ?? '')?.[1];
  const head = bytes.subarray(0, 1024).toString('latin1');
  const fromDocument = xmlDeclarationEncoding(head) ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1];
  // A header naming a legacy charset over a page that is UTF-8, as its own label says (or nothing does), is wrong.
  const headerEncoding = fromHeader ? resolveDecoder(fromHeader) : null;
  if (headerEncoding && headerMislabelsUtf8(bytes, headerEncoding, fromDocument ?? null)) return { text: bytes.toString('utf8'), encoding: 'utf-8' };
  for (const label of [fromHeader, fromDocument]) {
    if (!label) continue;
    // A page that says utf-16 (or "unicode", as Word's HTML does) in ASCII-compatible bytes is lying; browsers treat
    // that label as utf-8.
    if (namesWideEncoding(label)) break;
    const encoding = resolveDecoder(label);
    if (encoding) return { text: decodeLegacy(bytes, encoding), encoding };
  }
  return decodeUnlabelled(bytes);
}

/**
 * Decodes a plain-text capture: a BOM, else UTF-8, else windows-1252, as a page without any label. No charset label
 * is looked for: a text that quotes `<meta charset=...>` does not declare its own encoding.
 */
export function decodePlainText(bytes: Buffer): DecodedText {
  return decodeByBom(bytes) ?? decodeUnlabelled(bytes);
}

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
 * Why a fetched response cannot be read as an article page, or null when it can: a Content-Type that is not HTML,
 * XHTML or plain text (a PDF, an image, application/octet-stream), or a body of binary data under any type. A
 * missing Content-Type is judged by the body alone.
 * @param contentType the response's Content-Type header, parameters included (`text/html; charset=utf-8`)
 * @param bytes the response body, undecoded
 */
export function pageBodyProblem(contentType: string | undefined, bytes: Buffer): PageBodyProblem | null {
  const type = contentType?.split(';')[0]!.trim().toLowerCase() || null;
  if (type !== null && !PAGE_TYPES.has(type)) return { code: 'not_html', message: `served as ${type}, not as an HTML page` };
  const reason = binaryContentReason(decodePage(bytes, contentType ? { 'content-type': contentType } : {}).text);
  if (reason) return { code: 'not_html', message: `served as ${type ?? 'no content type'}, but the body is not text: ${reason}` };
  return null;
}
