import type { Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { startsLikePage } from '../extract/page-format.ts';
import type { RawItem, StageError } from '../model/index.ts';
import { binaryContentReason, decodePage, decodePlainText } from './decode-page.ts';
import { readMhtml } from './mhtml.ts';

/** Files larger than this are not articles (a stray archive or dump); they are reported, not read. */
const MAX_FILE_BYTES = 5_000_000;

export interface FilesIngestResult {
  items: RawItem[];
  /** Files that could not be read, each with the reason; the others are still returned. */
  errors: { key: string; error: StageError }[];
  /** Why no file was read at all, when the glob itself could not be listed (see GlobTooWide). */
  failure?: StageError;
}

/**
 * How long listing a glob's files may take, and how many files it may match: `glob: '/'`'s `/**` listed the whole disk
 * for minutes, gigabytes of paths, and heard no stop meanwhile.
 */
export const GLOB_LIMITS = { timeMs: 10_000, maxFiles: 100_000 };

/** A glob that reaches too far to list (see GLOB_LIMITS). */
class GlobTooWide extends Error {}

export interface DecodedCapture {
  text: string;
  format: 'html' | 'text';
  /** The encoding the bytes were read in (`utf-8`, `utf-16le`, `windows-1252`, ...). */
  encoding: string;
  /** What decoding corrected: a label the bytes contradict, bytes invalid in the encoding. */
  warnings: string[];
}

/**
 * The start of a file as text, to judge how it starts: its first `chars` bytes as latin1 (the start of a page or an
 * XML document is ASCII in every encoding but UTF-16), or, after a UTF-16 byte-order mark, its first `chars`
 * characters decoded.
 */
function fileHead(bytes: Buffer, chars: number): string {
  const wide = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return wide ? decodePlainText(bytes.subarray(0, 2 * chars)).text : bytes.subarray(0, chars).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
}

/** Whether a file is a saved page: by its name, else by how its content starts (as a served page is judged). */
function isSavedPage(name: string, bytes: Buffer): boolean {
  if (/\.(?:x?html?|shtml)$/i.test(name)) return true;
  return startsLikePage(fileHead(bytes, 1024));
}

/** A page saved as a single file by a browser (`.mhtml`) or by Internet Explorer or Word (`.mht`). */
const ARCHIVE_NAME = /\.mht(?:ml)?$/i;

/**
 * What a file is by its extension, when the extension says it is not an article: the scripts, style sheets, source
 * maps and data a browser saves beside a page ("Webpage, Complete" writes them to `<page>_files/`, a script as
 * `name.js.download`). Images and fonts are binary, refused as `not_text` by their bytes.
 */
const NOT_ARTICLE_EXTENSIONS: Record<string, string> = {
  js: 'a script',
  mjs: 'a script',
  cjs: 'a script',
  css: 'a style sheet',
  json: 'JSON data',
  map: 'a source map',
  svg: 'an SVG image',
};

/** Extensions of XML documents: a saved page only when its root element is `html` (XHTML); else a feed, a sitemap, data. */
const XML_EXTENSIONS = new Set(['xml', 'rss', 'atom', 'rdf']);
/** Root elements of feeds (RSS, Atom, RSS 1.0's `rdf:RDF`), by local name in lower case. */
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf']);

/**
 * The name of an XML document's root element, from the start of the file: after the XML declaration, processing
 * instructions, comments, white space and a doctype (its internal subset included). Null when the start holds none.
 */
function xmlRootName(head: string): string | null {
  let at = 0;
  for (;;) {
    while (at < head.length && /\s/.test(head[at]!)) at += 1;
    if (head.startsWith('<?', at)) {
      const end = head.indexOf('?>', at + 2);
      if (end === -1) return null;
      at = end + 2;
    } else if (head.startsWith('<!--', at)) {
      const end = head.indexOf('-->', at + 4);
      if (end === -1) return null;
      at = end + 3;
    } else if (head.slice(at, at + 9).toUpperCase() === '<!DOCTYPE') {
      const close = head.indexOf('>', at);
      const subset = head.indexOf('[', at);
      const subsetEnd = subset !== -1 && subset < close ? head.indexOf(']', subset) : -1;
      const end = subsetEnd !== -1 ? head.indexOf('>', subsetEnd) : subset !== -1 && subset < close ? -1 : close;
      if (end === -1) return null;
      at = end + 1;
    } else {
      return /^<([A-Za-z_][\w.:-]*)/.exec(head.slice(at, at + 200))?.[1] ?? null;
    }
  }
}

/**
 * What a file is when its name says it is no article (see NOT_ARTICLE_EXTENSIONS), as it reads after "it is ", or
 * null. An `.xml` (`.rss`, `.atom`, `.rdf`) file is one unless its root element is `html`: a feed or a sitemap saved
 * to the folder would be stored as one article of all its items; a file whose root cannot be found is read as before.
 * Chrome's `.download`, added to a script it saves beside a page, is looked through.
 */
function notArticleKind(name: string, bytes: Buffer): string | null {
  const extension = /\.([^./\\]+)$/.exec(name.replace(/\.download$/i, ''))?.[1]?.toLowerCase();
  if (extension === undefined) return null;
  const kind = NOT_ARTICLE_EXTENSIONS[extension];
  if (kind !== undefined) return `${kind} (.${extension})`;
  if (!XML_EXTENSIONS.has(extension)) return null;
  const root = xmlRootName(fileHead(bytes, 4096));
  if (root === null) return null;
  const local = root.slice(root.indexOf(':') + 1).toLowerCase();
  if (local === 'html') return null;
  return FEED_ROOTS.has(local) ? `a feed (<${root}>)` : `an XML document (<${root}>)`;
}

/**
 * Decodes a local capture as the pipeline reads it, or says why it is no article. A saved page (`.html`, or a file
 * that starts like one) is decoded exactly as `decodePage` decodes it over HTTP without headers: BOM, then its XML
 * declaration or meta charset, then UTF-8, the bytes overruling a label they contradict (UTF-8 under a Latin label
 * is UTF-8; bytes mostly not UTF-8 under UTF-8, or none, are read in the encoding they read as, or windows-1252). A
 * text capture: BOM, then UTF-8, unless its bytes are mostly not UTF-8 (then as a page without a label).
 * An MHTML archive (a page saved as a single file: MIME headers with a `multipart/related` Content-Type, whatever the
 * file is called) is read as the page it holds (see readMhtml), decoded as that page would be served with the
 * part's Content-Type.
 * Refused, as `not_article`, a file whose extension says it is a page's script, style sheet or data, or an XML
 * document other than XHTML (see notArticleKind); as `not_html`, an MHTML archive with no HTML page; as `bad_mhtml`,
 * one that cannot be read, or a `.mht`/`.mhtml` file that is neither an archive nor a page; as `empty`, a file with
 * nothing but whitespace; as `not_text`, binary data (NUL bytes, or mostly control characters and bytes invalid in
 * the encoding), which would be stored as an article of garbage.
 * @param name the file's name as the user knows it, used for the format and in messages
 */
export function decodeCapture(name: string, bytes: Buffer): DecodedCapture | { error: StageError } {
  const kind = notArticleKind(name, bytes);
  if (kind) return { error: { code: 'not_article', message: `${name} is ${kind}, not a text capture or a saved page` } };
  const archive = readMhtml(bytes);
  if (archive && 'error' in archive) return { error: { code: archive.error.code, message: `${name} cannot be read as a saved page: ${archive.error.reason}` } };
  const format = archive || isSavedPage(name, bytes) ? 'html' : 'text';
  const { text, encoding, warnings } = archive
    ? decodePage(archive.html, { 'content-type': archive.contentType })
    : format === 'html' ? decodePage(bytes) : decodePlainText(bytes);
  if (text.trim() === '') {
    const detail = archive ? ' (its page is nothing but whitespace)' : bytes.length > 0 ? ' (nothing but whitespace)' : '';
    return { error: { code: 'empty', message: `${name} is empty${detail}` } };
  }
  const reason = binaryContentReason(text);
  if (reason) return { error: { code: 'not_text', message: `${name} is not text: ${reason}` } };
  // Read as text, the MIME headers and encoded parts of an archive it could not make out would be the article.
  if (!archive && format === 'text' && ARCHIVE_NAME.test(name)) {
    return {
      error: {
        code: 'bad_mhtml',
        message: `${name} cannot be read as a saved page: it is named as an MHTML archive but does not start as one (a MIME-Version header and a multipart/related Content-Type)`,
      },
    };
  }
  return { text, format, encoding, warnings };
}

/**
 * Suffixes of the folder a browser saves a page's resources in, beside the page ("Webpage, Complete": `page.html` and
 * `page_files/`): `_files` in Chrome, Edge and an English Firefox; a localised Firefox names it in its language, and
 * Windows keeps such a folder with its page (Connected Files) under these names too.
 */
const RESOURCE_FOLDER_SUFFIXES = ['_files', '.files', '-Dateien', '_fichiers', '_archivos'];
/** Extensions of a page saved with its resources: `.html` or `.htm`, and Firefox's `.xhtml` or `.xht` for XHTML. */
const COMPLETE_PAGE_EXTENSIONS = ['html', 'htm', 'xhtml', 'xht'];

/**
 * The page whose resource folder holds the file `key` (relative to `rootDir`, `/`-separated), or null: a folder on its
 * path named as one (RESOURCE_FOLDER_SUFFIXES, in any case) with the page it is named after beside it. Its other
 * files (extensionless scripts, `saved_resource.html`, the pages of its frames: ads, embeds) are no article. A folder
 * so named without its page is an ordinary one. `pages` remembers what was found per folder, for a folder of many.
 */
async function pageOfResource(key: string, rootDir: string, pages: Map<string, string | null>): Promise<string | null> {
  const folders = key.split('/').slice(0, -1);
  for (let depth = 1; depth <= folders.length; depth++) {
    const folder = folders.slice(0, depth).join('/');
    let page = pages.get(folder);
    if (page === undefined) {
      page = await savedPageOf(folder, rootDir);
      pages.set(folder, page);
    }
    if (page !== null) return page;
  }
  return null;
}

/** The page a folder holds the resources of (see pageOfResource), as a key like the folder's; null when it is none's. */
async function savedPageOf(folder: string, rootDir: string): Promise<string | null> {
  const name = folder.slice(folder.lastIndexOf('/') + 1);
  const suffix = RESOURCE_FOLDER_SUFFIXES.find((candidate) => name.length > candidate.length && name.toLowerCase().endsWith(candidate.toLowerCase()));
  if (suffix === undefined) return null;
  const stem = folder.slice(0, folder.length - suffix.length);
  for (const extension of COMPLETE_PAGE_EXTENSIONS) {
    const page = `${stem}.${extension}`;
    const info = await stat(path.join(rootDir, page)).catch(() => null);
    if (info?.isFile()) return page;
  }
  return null;
}

/**
 * The files a glob matches, each real file once. A `**` glob follows a symlink to a directory, so a link back up
 * (`caps/loop -> .`) would list every file twice. Of the paths to one real file, the file's own path is kept when the
 * glob matches it, so a link added or removed beside it never moves its key (and its edits to another article);
 * else, for a file linked from outside the glob, the shortest, so a run keys it as the last did.
 */
async function matchFiles(pattern: string, rootDir: string, limits: typeof GLOB_LIMITS): Promise<{ key: string; absolute: string }[]> {
  const signal = AbortSignal.timeout(limits.timeMs);
  const listed = await glob(pattern, { cwd: rootDir, onlyFiles: true, signal });
  // stopped, the crawl returns what it found so far
  if (signal.aborted) throw new GlobTooWide(`listing the files ${pattern} matches under ${rootDir} took more than ${limits.timeMs / 1000} s, so none was read: the glob reaches too far (the whole disk?)`);
  if (listed.length > limits.maxFiles) throw new GlobTooWide(`${pattern} matches ${listed.length} files under ${rootDir}, more than the ${limits.maxFiles} a files source reads, so none was read`);
  const matches = listed
    .map((relative) => ({ key: relative.split(path.sep).join('/'), absolute: path.join(rootDir, relative) }))
    .sort((a, b) => a.key.split('/').length - b.key.split('/').length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const realRoot = await realpath(rootDir).catch(() => rootDir);
  const byRealPath = new Map<string, { key: string; absolute: string }>();
  for (const match of matches) {
    // A path that cannot be resolved (removed since it was listed) is kept, so reading it reports why. A link to
    // nothing is not listed at all: the glob leaves it out.
    const real = await realpath(match.absolute).catch(() => match.absolute);
    const kept = byRealPath.get(real);
    if (kept === undefined || (real === path.join(realRoot, match.key) && real !== path.join(realRoot, kept.key))) byRealPath.set(real, match);
  }
  return [...byRealPath.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function specialFileKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a directory';
  return 'a special file';
}

/** Reads every file matching the source's glob (relative to the project root) as one raw item. */
export async function ingestFiles(sourceId: string, pattern: string, rootDir: string, limits = GLOB_LIMITS): Promise<FilesIngestResult> {
  const items: RawItem[] = [];
  const errors: FilesIngestResult['errors'] = [];
  const savedPages = new Map<string, string | null>();
  let matched: { key: string; absolute: string }[];
  try {
    matched = await matchFiles(pattern, rootDir, limits);
  } catch (error) {
    if (!(error instanceof GlobTooWide)) throw error;
    return { items, errors, failure: { code: 'glob_too_wide', message: error.message } };
  }
  for (const { key, absolute } of matched) {
    try {
      const info = await stat(absolute);
      // A link in the folder may lead to a pipe, which would never end, or a device such as /dev/zero, which would
      // fill memory; the glob lists links by what they are called, not what they lead to.
      if (!info.isFile()) {
        errors.push({ key, error: { code: 'not_a_file', message: `${key} is ${specialFileKind(info)}, not a regular file, so it is not read` } });
        continue;
      }
      const size = info.size;
      if (size > MAX_FILE_BYTES) {
        errors.push({ key, error: { code: 'too_large', message: `${key} is ${size} bytes, more than the ${MAX_FILE_BYTES} read from a file` } });
        continue;
      }
      const decoded = decodeCapture(key, await readFile(absolute));
      if ('error' in decoded) {
        errors.push({ key, error: decoded.error });
        continue;
      }
      // after decodeCapture, whose refusals (a script, binary data) say more about the file
      const page = await pageOfResource(key, rootDir, savedPages);
      if (page !== null) {
        errors.push({ key, error: { code: 'not_article', message: `${key} is a resource saved with the page ${page}, not a text capture or a saved page` } });
        continue;
      }
      items.push({
        sourceId,
        key,
        url: key,
        hasPage: false,
        title: null,
        author: null,
        publishedAt: null,
        // The file's own time says when it was saved (or cloned), not when the article changed: not a date of it.
        updatedAt: null,
        summary: null,
        body: decoded.text,
        bodyFormat: decoded.format,
        categories: [],
      });
    } catch (error) {
      errors.push({ key, error: { code: 'read', message: `cannot read ${key}: ${(error as Error).message}` } });
    }
  }
  return { items, errors };
}
