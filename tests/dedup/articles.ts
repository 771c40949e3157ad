/** Loads the plain-text articles the dedup tests run on: the project's seeds and tests/fixtures/dedup. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DedupKeys, KnownArticle } from '../../src/dedup/index.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = 'tests/fixtures/dedup';

export interface TextArticle {
  url: string;
  title: string | null;
  text: string;
}

/**
 * A plain-text capture as a simple extractor reads it: the first non-empty line is the title when it is
 * headline-sized, otherwise the whole file is body text.
 */
export function readTextArticle(relativePath: string, url: string = relativePath): TextArticle {
  const raw = readFileSync(PROJECT_ROOT + relativePath, 'utf8');
  const lines = raw.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== '');
  const firstLine = lines[first]?.trim() ?? '';
  if (firstLine.split(/\s+/).length <= 20) {
    return { url, title: firstLine, text: lines.slice(first + 1).join('\n').trim() };
  }
  return { url, title: null, text: raw.trim() };
}

export function seedPaths(): string[] {
  return readdirSync(PROJECT_ROOT + 'seeds')
    .filter((name) => name.endsWith('.txt'))
    .sort()
    .map((name) => `seeds/${name}`);
}

/** A stored row built from computed keys, as the store would hand it back. */
export function knownArticle(
  id: number,
  keys: DedupKeys,
  fields: Partial<Omit<KnownArticle, 'id'>> = {},
): KnownArticle {
  return {
    id,
    ...keys,
    storyId: null,
    publishedAt: null,
    fetchedAt: '2026-06-05T12:00:00.000Z',
    duplicateOf: null,
    ...fields,
  };
}
