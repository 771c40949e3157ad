import type { Stats } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { startsLikePage } from '../extract/page-format.ts';
import type { RawItem, StageError } from '../model/index.ts';
import { binaryContentReason, decodePage, decodePlainText } from './decode-page.ts';

/** Files larger than this are not articles (a stray archive or dump); they are reported, not read. */
const MAX_FILE_BYTES = 5_000_000;

export interface FilesIngestResult {
  items: RawItem[];
  /** Files that could not be read, each with the reason; the others are still returned. */
  errors: { key: string; error: StageError }[];
}

export interface DecodedCapture {
  text: string;
  format: 'html' | 'text';
  /** The encoding the bytes were read in (`utf-8`, `utf-16le`, `windows-1252`, ...). */
  encoding: string;
  /** What decoding corrected: a label the bytes contradict, bytes invalid in the encoding. */
  warnings: string[];
}

/** Whether a file is a saved page: by its name, else by how its content starts (as a served page is judged). */
function isSavedPage(name: string, bytes: Buffer): boolean {
  if (/\.(?:x?html?|shtml)$/i.test(name)) return true;
  // The start of a page is ASCII in every encoding but UTF-16, whose BOM says so.
  const wide = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const head = wide ? decodePlainText(bytes.subarray(0, 2048)).text : bytes.subarray(0, 1024).toString('latin1').replace(/^\u00ef\u00bb\u00bf/, '');
  return startsLikePage(head);
}

/**
 * Decodes a local capture as the pipeline reads it, or says why it is no article. A saved page (`.html`, or a file
 * that starts like one) is decoded exactly as `decodePage` decodes it over HTTP without headers: BOM, then its XML
 * declaration or meta charset, then UTF-8, the bytes overruling a label they contradict (UTF-8 under a Latin label
 * is UTF-8; bytes mostly not UTF-8 under UTF-8, or none, are read in the encoding they read as, or windows-1252). A
 * text capture: BOM, then UTF-8, unless its bytes are mostly not UTF-8 (then as a page without a label).
 * Refused, as `empty`, a file with nothing but whitespace; as `not_text`, binary data (NUL bytes, or mostly
 * control characters and bytes invalid in the encoding), which would be stored as an article of garbage.
 * @param name the file's name as the user knows it, used for the format and in messages
 */
export function decodeCapture(name: string, bytes: Buffer): DecodedCapture | { error: StageError } {
  const format = isSavedPage(name, bytes) ? 'html' : 'text';
  const { text, encoding, warnings } = format === 'html' ? decodePage(bytes) : decodePlainText(bytes);
  if (text.trim() === '') return { error: { code: 'empty', message: `${name} is empty${bytes.length > 0 ? ' (nothing but whitespace)' : ''}` } };
  const reason = binaryContentReason(text);
  if (reason) return { error: { code: 'not_text', message: `${name} is not text: ${reason}` } };
  return { text, format, encoding, warnings };
}

/**
 * The files a glob matches, each real file once. A `**` glob follows a symlink to a directory, so a link back up
 * (`caps/loop -> .`) would list every file twice; of the paths to one real file the shortest is kept, so a run keys
 * it as the last did. A file linked from outside the root is still read.
 */
async function matchFiles(pattern: string, rootDir: string): Promise<{ key: string; absolute: string }[]> {
  const matches = (await glob(pattern, { cwd: rootDir, onlyFiles: true }))
    .map((relative) => ({ key: relative.split(path.sep).join('/'), absolute: path.join(rootDir, relative) }))
    .sort((a, b) => a.key.split('/').length - b.key.split('/').length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const seen = new Set<string>();
  const files: { key: string; absolute: string }[] = [];
  for (const match of matches) {
    // A path that cannot be resolved (removed since it was listed) is kept, so reading it reports why. A link to
    // nothing is not listed at all: the glob leaves it out.
    const real = await realpath(match.absolute).catch(() => match.absolute);
    if (seen.has(real)) continue;
    seen.add(real);
    files.push(match);
  }
  return files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function specialFileKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  if (info.isDirectory()) return 'a directory';
  return 'a special file';
}

/** Reads every file matching the source's glob (relative to the project root) as one raw item. */
export async function ingestFiles(sourceId: string, pattern: string, rootDir: string): Promise<FilesIngestResult> {
  const items: RawItem[] = [];
  const errors: FilesIngestResult['errors'] = [];
  for (const { key, absolute } of await matchFiles(pattern, rootDir)) {
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
