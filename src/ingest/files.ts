import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { RawItem, StageError } from '../model/index.ts';

/** Files larger than this are not articles (a stray archive or dump); they are reported, not read. */
const MAX_FILE_BYTES = 5_000_000;

export interface FilesIngestResult {
  items: RawItem[];
  /** Files that could not be read, each with the reason; the others are still returned. */
  errors: { key: string; error: StageError }[];
}

/**
 * Decodes a file as UTF-8 (dropping a BOM). A file that is not valid UTF-8 is read as windows-1252, the legacy
 * encoding of most hand-saved Western pages, rather than filled with U+FFFD.
 */
export function decodeTextFile(bytes: Buffer): string {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

/** Reads every file matching the source's glob (relative to the project root) as one raw item. */
export async function ingestFiles(sourceId: string, pattern: string, rootDir: string): Promise<FilesIngestResult> {
  const files = (await glob(pattern, { cwd: rootDir, onlyFiles: true })).sort();
  const items: RawItem[] = [];
  const errors: FilesIngestResult['errors'] = [];
  for (const relative of files) {
    const key = relative.split(path.sep).join('/');
    const absolute = path.join(rootDir, relative);
    try {
      const { size } = await stat(absolute);
      if (size > MAX_FILE_BYTES) {
        errors.push({ key, error: { code: 'too_large', message: `${key} is ${size} bytes, more than the ${MAX_FILE_BYTES} read from a file` } });
        continue;
      }
      const text = decodeTextFile(await readFile(absolute));
      const isHtml = /\.html?$/i.test(relative) || /^\s*<(!doctype html|html)[\s>]/i.test(text);
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
        body: text,
        bodyFormat: isHtml ? 'html' : 'text',
        categories: [],
      });
    } catch (error) {
      errors.push({ key, error: { code: 'read', message: `cannot read ${key}: ${(error as Error).message}` } });
    }
  }
  return { items, errors };
}
