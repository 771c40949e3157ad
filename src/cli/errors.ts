import { readFile, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
/** Exit codes are part of the public contract (CLI.md). */
export const ExitCode = {
  ok: 0,
  /** Finished, but some source or item failed; the report says which. */
  partial: 1,
  /** Usage or configuration error; the message names the flag or field. */
  usage: 2,
  internal: 3,
} as const;

/** A usage error the user can fix: bad flag value, missing file. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Where a command leaves its exit code for `main` to return. */
export interface CliState {
  exitCode: number;
}

/** A whole number of at least 1, written as digits only: "1e2", "0x10" and "7.0" are typing mistakes, not ids. */
export function positiveWholeNumber(value: string, name: string, what = 'a positive whole number'): number {
  const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < 1) throw new UsageError(`${name}: expected ${what}, found ${JSON.stringify(value)}`);
  return number;
}

/**
 * The largest id a stored row can have. Ids are `integer` columns, which PostgreSQL holds in 32 bits (`serial`) and
 * compares only with numbers that fit: it refuses a larger one ("out of range for type integer") rather than find
 * nothing. SQLite counts its ids up from 1 too, so no row of either reaches past this.
 */
export const MAX_STORED_ID = 2_147_483_647;

/**
 * An id typed on the command line (`label <article-id>`, `articles --story`): digits only, at least 1, as
 * `positiveWholeNumber` takes them. One larger than any row can have is simply an id nothing has: `id` is null, and
 * `shown` is the id as the message should name it (without leading zeros, every digit kept).
 */
export function storedId(value: string, name: string, what: string): { id: number | null; shown: string } {
  const digits = value.trim();
  if (!/^\d+$/.test(digits) || /^0+$/.test(digits)) throw new UsageError(`${name}: expected ${what}, found ${JSON.stringify(value)}`);
  const shown = BigInt(digits).toString();
  return { id: BigInt(digits) <= BigInt(MAX_STORED_ID) ? Number(digits) : null, shown };
}

/**
 * Refuses source ids the pipeline does not define, naming them and the ones it has (the first ten).
 * @param listCommand the command that lists them all, with the flags the refused command was given
 */
export function requireSourceIds(ids: readonly string[], pipeline: { id: string; sources: readonly { id: string }[] }, listCommand: string): void {
  const known = pipeline.sources.map((source) => source.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length === 0) return;
  throw new UsageError(
    `<source-id>: no source ${unknown.map((id) => JSON.stringify(id)).join(', ')} in pipeline ${pipeline.id} ` +
      `(it has ${known.slice(0, 10).join(', ')}${known.length > 10 ? `, … ${known.length - 10} more` : ''}; \`${listCommand}\` lists them)`,
  );
}

/** Why a file named on the command line could not be read, in words rather than an errno code. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is a file, not a folder', EROFS: 'read-only file system', ENOSPC: 'no space left on the device',
  };
  return (code && words[code]) ?? code ?? (error as Error).message;
}

/** The most bytes read from a file named on the command line: feeds, pages and articles are far smaller. */
export const NAMED_FILE_MAX_BYTES = 50_000_000;

/** A file named on the command line that could not be read: a stable code, and a message naming the file. */
export class NamedFileError extends Error {
  constructor(
    readonly code: 'not_found' | 'permission_denied' | 'is_directory' | 'not_a_file' | 'too_large' | 'read',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a file named on the command line (`feed`, `extract`, `score`). Only a regular file: a device or a pipe
 * (`/dev/zero`, a FIFO) may never end, and was read until memory ran out. At most `maxBytes`.
 */
export async function readNamedFile(file: string, maxBytes = NAMED_FILE_MAX_BYTES): Promise<Buffer> {
  const codes: Record<string, NamedFileError['code']> = { ENOENT: 'not_found', EACCES: 'permission_denied', EPERM: 'permission_denied', EISDIR: 'is_directory' };
  const failed = (error: unknown) => new NamedFileError(codes[(error as NodeJS.ErrnoException).code ?? ''] ?? 'read', `cannot read ${file}: ${fileErrorReason(error)}`);
  // stat before opening: opening a pipe waits for a writer
  let stats: Stats;
  try {
    stats = await stat(file);
  } catch (error) {
    throw failed(error);
  }
  if (stats.isDirectory()) throw new NamedFileError('is_directory', `cannot read ${file}: it is a directory`);
  if (!stats.isFile()) throw new NamedFileError('not_a_file', `cannot read ${file}: not a file but a device or a pipe`);
  if (stats.size > maxBytes) throw new NamedFileError('too_large', `cannot read ${file}: it is ${stats.size} bytes, more than the ${maxBytes} read from a file`);
  try {
    return await readFile(file);
  } catch (error) {
    throw failed(error);
  }
}
