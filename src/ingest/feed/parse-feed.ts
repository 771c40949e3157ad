/**
 * Entry point of feed parsing: bytes and response headers in, one normalised ParsedFeed out, whatever the format.
 * The format is detected from the content (see detect.ts). HTTP fetching happens elsewhere.
 */
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import type { ParsedFeed } from '../../model/index.ts';
import { decodeFeedBytes, getHeader } from './decode.ts';
import { sniffFeedKind } from './detect.ts';
import { FeedParseError } from './feed-parse-error.ts';
import { parseJsonFeed } from './json-feed.ts';
import { parseNewsSitemap } from './sitemap.ts';
import { parseXmlFeed, PARSE_TIME_LIMIT_MS } from './xml.ts';
import { collapseWhitespace, resolveUrl } from './normalise.ts';

export { FeedParseError } from './feed-parse-error.ts';
export type { FeedParseErrorCode } from './feed-parse-error.ts';

export interface ParseFeedContext {
  /** The URL the document was fetched from (after redirects); base for relative links. */
  url: string;
  /** Response headers; `Content-Type` (charset) and `Content-Location` (base URL) are read. */
  headers?: Record<string, string>;
  /** Upper bound for the XML parser, in ms. @default 5000 */
  timeLimitMs?: number;
  /** Cap on the size of a body that arrives gzip-compressed without Content-Encoding, once decompressed. @default 10 MB */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 10_000_000;

/** Bytes that start as a gzip file does. */
export function isGzipFile(bytes: Buffer): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * A body that is itself a gzip file rather than a compressed transfer (which fetch has already undone): the sitemaps
 * protocol allows `sitemap.xml.gz`, and some servers compress twice. Decompressed within the cap, as a transfer is,
 * so a bomb stops there. A file cut short (a dropped connection, an upload still being written) gives what it holds,
 * with a warning, as a truncated XML document would: the items before the cut are as good as any.
 */
function gunzipDownload(bytes: Buffer, maxBytes: number): { bytes: Buffer; warning: string | null } | null {
  if (!isGzipFile(bytes)) return null;
  const tooLarge = () => new FeedParseError('too_large', `the body is a gzip file that decompresses to more than ${maxBytes} bytes`);
  try {
    return { bytes: gunzipSync(bytes, { maxOutputLength: maxBytes }), warning: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    if (code === 'Z_BUF_ERROR') {
      // what was decompressed before the end came early
      let partial: Buffer;
      try {
        partial = gunzipSync(bytes, { maxOutputLength: maxBytes, finishFlush: zlibConstants.Z_SYNC_FLUSH });
      } catch (retryError) {
        if ((retryError as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        partial = Buffer.alloc(0);
      }
      if (partial.length > 0) return { bytes: partial, warning: `the gzip file ends early (${bytes.length} bytes); read the ${partial.length} bytes it holds` };
    }
    throw new FeedParseError('not_a_feed', `the body is a gzip file that cannot be decompressed (${(error as Error).message})`);
  }
}

/** Media types that say "this is not a feed"; the body is still parsed (content decides), but it is flagged. */
function contentTypeWarning(contentType: string | undefined): string | null {
  if (!contentType) return null;
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  // gzip: a sitemap.xml.gz is served as what it is, a gzip file
  if (mediaType === '' || /xml|rss|atom|rdf|json|octet-stream|gzip/.test(mediaType)) return null;
  return `served as ${mediaType}, not an XML or JSON media type`;
}

/** Why a body that is neither XML nor a JSON object or array is not a feed. */
function unknownBodyMessage(text: string, binary: boolean): string {
  if (binary) return 'the body is binary data, not a feed (neither XML nor JSON)';
  const trimmed = text.trim();
  // A lone JSON value (an API answering `null` or `"ok"`) is JSON, just not a JSON Feed; "404 Not Found" is not JSON.
  if (trimmed.length <= 4096 && /^(?:-?\d|"|true$|false$|null$)/.test(trimmed)) {
    try {
      const value: unknown = JSON.parse(trimmed);
      return `the body is a lone JSON ${value === null ? 'null' : typeof value} (${JSON.stringify(trimmed.slice(0, 20))}), not a JSON Feed (an object with "version" and "items")`;
    } catch {
      // not JSON after all
    }
  }
  return `the body is neither XML nor JSON (starts with ${JSON.stringify(trimmed.slice(0, 20))})`;
}

/**
 * Why a document exhausted what the parsers can hold, when `error` says it did: the stack (nesting deeper than
 * a recursive step of theirs goes) or the largest string or array V8 makes. That is the document's doing, as a
 * malformed one's is, and fails that document alone; any other error is a bug, which the caller reports as one.
 */
function exhaustionReason(error: unknown): string | null {
  if (!(error instanceof RangeError)) return null;
  if (/call stack/i.test(error.message)) return `it nests deeper than the parser can follow (${error.message})`;
  if (/invalid (string|array|typed array) length|allocation failed/i.test(error.message)) return `it holds more than the parser can (${error.message})`;
  return null;
}

/**
 * The text with its line ends as an XML parser reads them (XML 1.0 §2.11: CR LF and a lone CR are LF), so that a feed
 * written on Windows gives the same summaries, and the same keys to items known by their text, as one written
 * elsewhere. A `&#13;` is a character reference, kept.
 */
const withXmlLineEnds = (text: string) => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

export async function parseFeed(bytes: Buffer, ctx: ParseFeedContext): Promise<ParsedFeed> {
  try {
    return await parseFeedBytes(bytes, ctx);
  } catch (error) {
    const reason = exhaustionReason(error);
    if (reason === null) throw error;
    throw new FeedParseError('parse', `the document cannot be read: ${reason}`);
  }
}

async function parseFeedBytes(bytes: Buffer, ctx: ParseFeedContext): Promise<ParsedFeed> {
  if (bytes.length === 0) throw new FeedParseError('empty', 'the document is empty (0 bytes)');
  const unzipped = gunzipDownload(bytes, ctx.maxBytes ?? DEFAULT_MAX_BYTES);
  const decoded = decodeFeedBytes(unzipped?.bytes ?? bytes, ctx.headers);
  const sniffed = sniffFeedKind(decoded.text);
  const preambleWarnings: string[] = [];
  let text = decoded.text;
  if ((sniffed.kind === 'xml' || sniffed.kind === 'json') && sniffed.start > 0) {
    const preamble = collapseWhitespace(text.slice(0, sniffed.start));
    const shown = preamble.length > 80 ? `${preamble.slice(0, 80)}…` : preamble;
    preambleWarnings.push(`${sniffed.start} characters before the feed skipped, as a PHP warning printed ahead of it is: ${JSON.stringify(shown)}`);
    text = text.slice(sniffed.start);
  }
  // Relative links resolve against Content-Location (itself relative to the URL) first, then the URL.
  const contentLocation = getHeader(ctx.headers, 'content-location');
  const documentBase = (contentLocation ? resolveUrl(contentLocation, ctx.url) : null) ?? resolveUrl(ctx.url, null);

  let feed: ParsedFeed;
  switch (sniffed.kind) {
    case 'empty':
      throw new FeedParseError('empty', 'the response body holds only whitespace');
    case 'html':
      throw new FeedParseError('not_a_feed', 'the document is an HTML page, not a feed', '`pausewatch sources add <its URL> --dry-run` lists the feeds it links to');
    case 'unknown':
      throw new FeedParseError('not_a_feed', unknownBodyMessage(decoded.text, sniffed.binary));
    case 'json':
      feed = parseJsonFeed(text, documentBase);
      break;
    case 'xml': {
      const xml = withXmlLineEnds(text);
      if (sniffed.localName && /^(urlset|sitemapindex)$/i.test(sniffed.localName)) {
        feed = parseNewsSitemap(xml, documentBase);
      } else {
        feed = await parseXmlFeed(xml, { documentBase, timeLimitMs: ctx.timeLimitMs ?? PARSE_TIME_LIMIT_MS });
      }
      break;
    }
  }
  const extraWarnings = [...(unzipped?.warning ? [unzipped.warning] : []), ...decoded.warnings, ...preambleWarnings];
  const typeWarning = contentTypeWarning(getHeader(ctx.headers, 'content-type'));
  if (typeWarning) extraWarnings.push(typeWarning);
  if (extraWarnings.length === 0) return feed;
  return { ...feed, warnings: [...extraWarnings, ...feed.warnings], bozo: true };
}
