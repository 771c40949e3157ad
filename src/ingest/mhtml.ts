/**
 * A reader for MHTML archives (a page saved by Chrome or Edge as "Webpage, Single File", `.mhtml`; by Internet
 * Explorer or Word as `.mht`): a MIME `multipart/related` message whose parts are the page's HTML and the files it
 * uses (style sheets, images, frames), each in a transfer encoding. Only the page is wanted, so this reads the
 * message's headers, finds the boundaries, and decodes one part: the HTML the archive was saved from.
 *
 * Written for this one case rather than taken from a mail parser: none is a dependency, the general ones parse and
 * decode every part (a saved page's images are most of its bytes) and much that an archive never holds (addresses,
 * encoded words, attachments), while this needs a dozen header fields and two transfer encodings. Every step is
 * linear in the archive's size and bounded (header block sizes, boundary length, nesting depth, parts examined), so a
 * hostile archive costs no more than a page of the same size: the caller bounds that size.
 */

/** The archive's own header block is looked for in this many bytes; a part's in MAX_PART_HEADER_BYTES. */
const MAX_HEAD_BYTES = 64 * 1024;
const MAX_PART_HEADER_BYTES = 16 * 1024;
/** RFC 2046 allows 70 characters; archives written by other tools get some leeway, and no more. */
const MAX_BOUNDARY_LENGTH = 200;
/** A multipart inside a part (an archive inside an archive) is followed this deep, no deeper. */
const MAX_DEPTH = 3;
/** Parts looked at, nested ones included; a saved page has tens to a few thousand. */
const MAX_PARTS = 20_000;

export type MhtmlResult =
  /** The page: its bytes, decoded from their transfer encoding, and the part's Content-Type (its charset). */
  | { html: Buffer; contentType: string }
  | { error: { code: 'not_html' | 'bad_mhtml'; reason: string } };

type Headers = Map<string, string>;

interface ContentType {
  /** `type/subtype`, in lower case; `text/plain` when the part has none (RFC 2045). */
  mediaType: string;
  params: Map<string, string>;
}

interface Part {
  headers: Headers;
  contentType: ContentType;
  /** Where the part's body starts and ends in the archive's bytes (as a latin1 string, one character per byte). */
  start: number;
  end: number;
}

/**
 * The header block at `from` in `text`, unfolded (a line starting with a space or tab continues the field before it),
 * names in lower case, the first of each name kept; with where the body after the blank line starts. Null when the
 * block is not one: a line before the blank line that is neither a field nor a continuation, or no blank line within
 * `limit` characters (or before `end`).
 */
function readHeaderBlock(text: string, from: number, end: number, limit: number): { headers: Headers; bodyStart: number } | null {
  const headers: Headers = new Map();
  let name: string | null = null;
  let value = '';
  const flush = () => {
    if (name !== null && !headers.has(name)) headers.set(name, value.trim());
    name = null;
  };
  let at = from;
  const stop = Math.min(end, from + limit);
  while (at < stop) {
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd === -1 || lineEnd >= end) lineEnd = end;
    const line = text.slice(at, lineEnd > at && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
    const next = Math.min(lineEnd + 1, end);
    if (line === '') {
      flush();
      return { headers, bodyStart: next };
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (name === null) return null;
      value += ` ${line.trim()}`;
    } else {
      const field = /^([!-9;-~]+)[ \t]*:(.*)$/.exec(line);
      if (!field) return null;
      flush();
      name = field[1]!.toLowerCase();
      value = field[2]!;
    }
    at = next;
    if (lineEnd >= end) break;
  }
  // A part with headers and no body (the archive ends after them) is still a part; a longer block is no header block.
  if (at >= end && end - from <= limit) {
    flush();
    return { headers, bodyStart: end };
  }
  return null;
}

/** A Content-Type value: its media type and parameters (values unquoted, names in lower case). */
function parseContentType(value: string | undefined): ContentType {
  const params = new Map<string, string>();
  if (value === undefined) return { mediaType: 'text/plain', params };
  const semicolon = value.indexOf(';');
  const mediaType = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  if (semicolon !== -1) {
    const param = /\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))\s*(?:;|$)/gy;
    param.lastIndex = semicolon + 1;
    // a malformed parameter ends the list; those before it are kept
    for (let match = param.exec(value); match && match[0] !== ''; match = param.exec(value)) {
      const name = match[1]!.toLowerCase();
      if (!params.has(name)) params.set(name, match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : match[3]!.trim());
      if (param.lastIndex >= value.length) break;
    }
  }
  return { mediaType: mediaType || 'text/plain', params };
}

/**
 * The archive's header block, when the file is an MHTML archive: a header block at its start (after a UTF-8 BOM)
 * with a `MIME-Version` field and a `multipart/related` Content-Type. Null for anything else.
 */
function archiveHead(text: string): { headers: Headers; contentType: ContentType; bodyStart: number } | null {
  const from = text.startsWith('\u00ef\u00bb\u00bf') ? 3 : 0;
  // cheap refusal of every file that does not start with a header field (pages, text captures)
  if (!/^[!-9;-~]+[ \t]*:/.test(text.slice(from, from + 80))) return null;
  const block = readHeaderBlock(text, from, text.length, MAX_HEAD_BYTES);
  if (!block || !block.headers.has('mime-version')) return null;
  const contentType = parseContentType(block.headers.get('content-type'));
  if (contentType.mediaType !== 'multipart/related') return null;
  return { ...block, contentType };
}

/** Whether the bytes are an MHTML archive (see archiveHead), by their content alone, whatever the file is called. */
function isMhtml(bytes: Buffer): boolean {
  return archiveHead(bytes.subarray(0, MAX_HEAD_BYTES + 4).toString('latin1')) !== null;
}

/**
 * The parts of the multipart body between `start` and `end`, in order, each as soon as it is found, nested multiparts
 * followed (to MAX_DEPTH) in place of the part that holds them. A delimiter is `--boundary` at the start of a line,
 * then optional white space and the line's end; `--boundary--` closes the body. Text before the first delimiter (a
 * preamble: "This document is a Single File Web Page...") is skipped; without a closing delimiter the last part runs
 * to the end (an archive cut short keeps the parts it has).
 */
function* multipartParts(text: string, start: number, end: number, boundary: string, depth: number, budget: { parts: number }): Generator<Part> {
  const dash = `--${boundary}`;
  /** The next delimiter line at or after `from`: where it starts, where the line after it starts, whether it closes. */
  const nextDelimiter = (from: number): { at: number; after: number; close: boolean } | null => {
    for (let at = text.indexOf(dash, from); at !== -1 && at < end; at = text.indexOf(dash, at + 1)) {
      if (at !== start && text[at - 1] !== '\n') continue;
      let after = at + dash.length;
      const close = text.startsWith('--', after);
      if (close) after += 2;
      while (after < end && (text[after] === ' ' || text[after] === '\t')) after += 1;
      if (after >= end) return { at, after: end, close };
      if (text[after] === '\n') return { at, after: after + 1, close };
      if (text[after] === '\r' && text[after + 1] === '\n') return { at, after: after + 2, close };
    }
    return null;
  };
  let delimiter = nextDelimiter(start);
  while (delimiter && !delimiter.close) {
    if (budget.parts <= 0) return;
    budget.parts -= 1;
    const partStart = delimiter.after;
    delimiter = nextDelimiter(partStart);
    // the line break before a delimiter belongs to the delimiter
    let partEnd = delimiter ? delimiter.at : end;
    if (delimiter && partEnd > partStart && text[partEnd - 1] === '\n') partEnd -= partEnd - 1 > partStart && text[partEnd - 2] === '\r' ? 2 : 1;
    const block = readHeaderBlock(text, partStart, partEnd, MAX_PART_HEADER_BYTES);
    // a part whose headers cannot be read is no page; the others still may be
    if (!block) continue;
    const contentType = parseContentType(block.headers.get('content-type'));
    const inner = contentType.params.get('boundary');
    if (contentType.mediaType.startsWith('multipart/') && inner && inner.length <= MAX_BOUNDARY_LENGTH && depth < MAX_DEPTH) {
      yield* multipartParts(text, block.bodyStart, partEnd, inner, depth + 1, budget);
    } else {
      yield { headers: block.headers, contentType, start: block.bodyStart, end: partEnd };
    }
  }
}

const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/** A URL as written and as the URL parser writes it, so `https://Outlet.example/a b` matches `https://outlet.example/a%20b`. */
function sameLocation(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX[0x30 + i] = i;
for (let i = 0; i < 6; i++) HEX[0x41 + i] = HEX[0x61 + i] = 10 + i;

/**
 * Decodes quoted-printable (RFC 2045 6.7): `=XX` is the byte XX (lower-case hex digits accepted), `=` at the end of a
 * line (white space allowed after it) joins the line to the next, white space at the end of a line is dropped (a
 * transport may add it; the encoder writes `=20` for a space that counts), and a stray `=` is kept as it is.
 */
function decodeQuotedPrintable(input: Buffer): Buffer {
  const out = Buffer.allocUnsafe(input.length);
  let o = 0;
  /** Where the current line's output ends, trailing white space left out. */
  let kept = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === 0x3d) {
      const high = i + 2 < input.length ? HEX[input[i + 1]!]! : -1;
      const low = high >= 0 ? HEX[input[i + 2]!]! : -1;
      if (low >= 0) {
        out[o++] = (high << 4) | low;
        kept = o;
        i += 2;
        continue;
      }
      let j = i + 1;
      while (j < input.length && (input[j] === 0x20 || input[j] === 0x09)) j += 1;
      if (j >= input.length) break;
      // a soft line break: white space written before it is the text's own
      if (input[j] === 0x0a) {
        kept = o;
        i = j;
        continue;
      }
      if (input[j] === 0x0d && input[j + 1] === 0x0a) {
        kept = o;
        i = j + 1;
        continue;
      }
      out[o++] = c;
      kept = o;
      continue;
    }
    if (c === 0x0a || (c === 0x0d && input[i + 1] === 0x0a)) {
      o = kept;
      if (c === 0x0d) {
        out[o++] = 0x0d;
        i += 1;
      }
      out[o++] = 0x0a;
      kept = o;
      continue;
    }
    out[o++] = c;
    if (c !== 0x20 && c !== 0x09) kept = o;
  }
  return out.subarray(0, kept);
}

/** Decodes base64, skipping line breaks and anything else outside its alphabet, as mail readers do. */
function decodeBase64(input: Buffer): Buffer {
  return Buffer.from(input.toString('latin1').replace(/[^A-Za-z0-9+/]+/g, ''), 'base64');
}

/** A list of media types for a message: at most five, then how many more. */
function typeList(types: Set<string>): string {
  const all = [...types];
  return all.length > 5 ? `${all.slice(0, 5).join(', ')} and ${all.length - 5} more` : all.join(', ');
}

/**
 * The saved page in an MHTML archive, or why there is none; null when the bytes are not an MHTML archive (see
 * isMhtml). The page is the `text/html` (or XHTML) part the archive was saved from: the one whose Content-Location is
 * the archive's `Snapshot-Content-Location` (Chrome's), else the one the `start` parameter names by Content-ID
 * (RFC 2387), else the first; other HTML parts are the page's frames. Its body is decoded from its
 * Content-Transfer-Encoding (quoted-printable, base64, 7bit, 8bit, binary); its charset is left to the caller, with
 * the part's Content-Type, as a page's is decoded with the response's.
 */
export function readMhtml(bytes: Buffer): MhtmlResult | null {
  if (!isMhtml(bytes)) return null;
  // one character per byte: the structure is ASCII, the parts are cut out as bytes
  const text = bytes.toString('latin1');
  const head = archiveHead(text);
  if (!head) return null;
  const boundary = head.contentType.params.get('boundary');
  if (!boundary) return { error: { code: 'bad_mhtml', reason: 'its multipart/related Content-Type names no boundary' } };
  if (boundary.length > MAX_BOUNDARY_LENGTH) {
    return { error: { code: 'bad_mhtml', reason: `its boundary is ${boundary.length} characters long, more than the ${MAX_BOUNDARY_LENGTH} read` } };
  }
  const snapshot = head.headers.get('snapshot-content-location');
  const startId = head.contentType.params.get('start')?.trim();
  const budget = { parts: MAX_PARTS };
  let first: Part | null = null;
  let named: Part | null = null;
  const others = new Set<string>();
  let seen = 0;
  for (const part of multipartParts(text, head.bodyStart, text.length, boundary, 1, budget)) {
    seen += 1;
    if (!HTML_TYPES.has(part.contentType.mediaType)) {
      if (others.size < 50) others.add(part.contentType.mediaType);
      continue;
    }
    first ??= part;
    const location = part.headers.get('content-location');
    if (snapshot !== undefined && location !== undefined && sameLocation(location, snapshot)) {
      named = part;
      break;
    }
    if (snapshot === undefined && startId !== undefined && part.headers.get('content-id')?.trim() === startId) {
      named = part;
      break;
    }
    // without a snapshot or a start part to look for, the first page is the page
    if (snapshot === undefined && startId === undefined) break;
  }
  const page = named ?? first;
  if (!page) {
    const parts =
      budget.parts <= 0 ? `the first ${MAX_PARTS} parts looked at: ${typeList(others)}` : seen === 0 ? 'no parts' : `${seen} part${seen === 1 ? '' : 's'}: ${typeList(others)}`;
    return { error: { code: 'not_html', reason: `it is an MHTML archive with no HTML page in it (${parts})` } };
  }
  const body = bytes.subarray(page.start, page.end);
  const encoding = (page.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let html: Buffer;
  if (encoding === 'quoted-printable') html = decodeQuotedPrintable(body);
  else if (encoding === 'base64') html = decodeBase64(body);
  else if (encoding === '7bit' || encoding === '8bit' || encoding === 'binary' || encoding === '') html = body;
  else return { error: { code: 'bad_mhtml', reason: `its page is in a transfer encoding that is not read (${encoding.slice(0, 40)})` } };
  return { html, contentType: page.headers.get('content-type') ?? 'text/html' };
}
