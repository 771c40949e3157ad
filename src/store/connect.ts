import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { DEFAULT_MIGRATION_TABLE, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { migrationProvider, type Dialect } from './migrations/index.ts';
import type { Database } from './schema.ts';

/**
 * The ONLY place that picks SQLite or PostgreSQL. Everything above `store/` talks to `Kysely<Database>` and stays
 * dialect-free.
 */

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The file path or the URL (password removed) the store was opened with, for messages. */
  location: string;
  close(): Promise<void>;
}

/** The database cannot be opened or migrated. */
export class StoreError extends Error {
  override name = 'StoreError';
}

function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** `scheme://…`: a URL, not a path. A one-letter scheme is a Windows drive (`C://data/pw.db`), so two letters at least. */
function isUrl(target: string): boolean {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(target);
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return url;
  }
}

// PostgreSQL returns 64-bit integers (count(*), bigint) as strings; every count this app makes fits a double.
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface OpenStoreOptions {
  /**
   * Refuse a SQLite file that does not exist yet or holds no pausewatch tables (an empty file, another program's
   * database) instead of creating them: for commands that only read or annotate what a run stored, where a mistyped
   * path should be an error, not an empty database.
   */
  mustExist?: boolean;
}

/** Opens `target` (a file path, or a postgres:// URL) and brings its schema up to date. */
export async function openStore(target: string, options: OpenStoreOptions = {}): Promise<Store> {
  let store: Store;
  if (!isPostgresUrl(target) && isUrl(target)) {
    // Otherwise a file of that name relative to the working directory, which a read would call missing.
    throw new StoreError(`unsupported database URL ${redact(target)}: only SQLite file paths and postgres:// URLs are supported (check --database and DATABASE_URL)`);
  }
  if (isPostgresUrl(target)) {
    const pool = new pg.Pool({ connectionString: target, max: 4, types: pgTypes, connectionTimeoutMillis: 10_000 });
    // An idle connection the server drops (a restart, an administrator's terminate) is an 'error' on the pool, and
    // an unheard 'error' ends the process. The pool has already discarded that connection; the next query opens a
    // fresh one, and a query that fails still fails with its own error.
    pool.on('error', () => {});
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    store = { db, dialect: 'postgres', location: redact(target), close: () => db.destroy() };
  } else {
    const file = path.resolve(target);
    if (target !== ':memory:') refuseUnfitSqliteFile(file, options.mustExist ?? false);
    let sqlite: SQLite.Database;
    try {
      if (target !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
      sqlite = new SQLite(target === ':memory:' ? ':memory:' : file);
      // WAL lets `pausewatch articles` read while a run writes; foreign keys are off by default in SQLite.
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.pragma('busy_timeout = 5000');
      // In WAL mode NORMAL never corrupts the file; a power cut may lose the last commits, which a re-run restores.
      sqlite.pragma('synchronous = NORMAL');
    } catch (error) {
      throw new StoreError(`cannot open SQLite database ${file}: ${(error as Error).message}`);
    }
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    store = { db, dialect: 'sqlite', location: file, close: () => db.destroy() };
  }
  try {
    // The PostgreSQL counterpart of a missing SQLite file: a database no run has prepared, where a command that only
    // reads would otherwise create the tables and report an empty store rather than the wrong URL.
    if (options.mustExist && store.dialect === 'postgres' && !(await hasMigrationTable(store))) {
      throw new StoreError(`no pausewatch tables in ${store.location}: \`pausewatch run\` creates them (or check --database and DATABASE_URL)`);
    }
    await migrate(store);
  } catch (error) {
    await store.close().catch(() => {});
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot prepare database ${store.location}: ${(error as Error).message}`);
  }
  return store;
}

/** Statements kept prepared, by SQL text. Bounded: `in (...)` lists of varying length each make their own text. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * kysely's SQLite driver prepares every query anew; preparing costs more than running a small insert. Queries run
 * one at a time on the one connection (kysely serialises them), so a cached statement is never in use twice.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Re-inserted so the map's order is least recently used first.
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/**
 * Stops before anything writes to `file` (creating it, setting WAL mode, migrating) when pausewatch should not use it:
 * a file that is not SQLite; for a command that reads (`mustExist`), a file that does not exist or has no pausewatch
 * tables; for `run`, another program's database, which would get pausewatch's tables added to its own.
 */
function refuseUnfitSqliteFile(file: string, mustExist: boolean): void {
  if (!existsSync(file)) {
    if (mustExist) throw new StoreError(`no database at ${file}: \`pausewatch run\` creates it (or check --database and DATABASE_URL)`);
    return;
  }
  const schema = sqliteSchema(file);
  if (schema.some((entry) => entry.type === 'table' && entry.name === DEFAULT_MIGRATION_TABLE)) return;
  // sqlite_… entries are SQLite's own (sequences, statistics, the indexes of constraints).
  const foreign = schema.filter((entry) => !entry.name.startsWith('sqlite_'));
  if (foreign.length === 0) {
    if (mustExist) throw new StoreError(`no pausewatch tables in ${file} (an empty SQLite file): \`pausewatch run\` creates them (or check --database and DATABASE_URL)`);
    return;
  }
  const tables = foreign.filter((entry) => entry.type === 'table').map((entry) => JSON.stringify(entry.name.slice(0, 60)));
  const holds = tables.length === 0 ? `no tables but ${foreign.length} views or triggers` : `tables ${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ` and ${tables.length - 3} more` : ''}`;
  if (mustExist) {
    throw new StoreError(`no pausewatch tables in ${file} (another program's SQLite database, with ${holds}): \`pausewatch run\` creates them in a new file (or check --database and DATABASE_URL)`);
  }
  throw new StoreError(`${file} is another program's SQLite database (with ${holds}), not a pausewatch one: \`pausewatch run\` adds its tables only to a new or empty file (check --database and DATABASE_URL)`);
}

export interface SchemaEntry {
  type: string;
  name: string;
}

/**
 * The tables, indexes, views and triggers of an existing SQLite file, read without writing anything: not to the
 * file, and no -wal or -shm file beside it. SQLite, even read-only, creates those two beside a WAL-mode file (every
 * pausewatch database, and many of other programs') that has no -wal; and without a -wal the file holds every commit, so
 * its schema table is read from its pages. A -wal means a connection is open (or crashed), the newest commits may be
 * in it, and both files are there already: a read-only connection reads them.
 */
export function sqliteSchema(file: string): SchemaEntry[] {
  if (!existsSync(`${file}-wal`)) {
    const schema = schemaFromPages(file);
    if (schema) return schema;
  }
  let sqlite: SQLite.Database | undefined;
  try {
    sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
    return sqlite.prepare('SELECT type, name FROM sqlite_master').all() as SchemaEntry[];
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw notSqlite(file);
    throw new StoreError(`cannot open SQLite database ${file}: ${(error as Error).message}`);
  } finally {
    sqlite?.close();
  }
}

function notSqlite(file: string): StoreError {
  return new StoreError(`${file} is not a SQLite database (check --database and DATABASE_URL)`);
}

/** The schema read from the file's pages, or null when they are not as expected (damaged, or changing under it). */
function schemaFromPages(file: string): SchemaEntry[] | null {
  const cannotOpen = (error: unknown) => new StoreError(`cannot open SQLite database ${file}: ${(error as Error).message}`);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    throw cannotOpen(error);
  }
  try {
    let size: number;
    let header: Buffer;
    try {
      size = fstatSync(fd).size;
      // A 0-byte file is an empty SQLite database, as SQLite sees it.
      if (size === 0) return [];
      if (size < 100) throw notSqlite(file);
      header = readPage(fd, 0, 100);
    } catch (error) {
      throw error instanceof StoreError ? error : cannotOpen(error);
    }
    if (header.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0') throw notSqlite(file);
    try {
      return readSchemaTable(fd, header, size);
    } catch {
      return null;
    }
  } finally {
    closeSync(fd);
  }
}

function readPage(fd: number, offset: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  if (readSync(fd, buffer, 0, length, offset) !== length) throw new Error(`short read at ${offset}`);
  return buffer;
}

/**
 * The type and name of each row of the schema table, a table b-tree rooted at page 1, as
 * https://www.sqlite.org/fileformat2.html lays it out. Throws on anything it does not expect.
 */
function readSchemaTable(fd: number, header: Buffer, size: number): SchemaEntry[] {
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const usable = pageSize - header[20]!;
  const encoding = header.readUInt32BE(56);
  const pageCount = Math.floor(size / pageSize);
  const entries: SchemaEntry[] = [];
  const visited = new Set<number>();
  const readPageAt = (page: number): Buffer => {
    if (page < 1 || page > pageCount || visited.has(page)) throw new Error(`page ${page} out of place`);
    visited.add(page);
    return readPage(fd, (page - 1) * pageSize, pageSize);
  };
  const visit = (page: number): void => {
    const data = readPageAt(page);
    const start = page === 1 ? 100 : 0;
    const kind = data[start];
    const cellCount = data.readUInt16BE(start + 3);
    const pointers = start + (kind === 0x05 ? 12 : 8);
    const cellAt = (index: number) => data.readUInt16BE(pointers + 2 * index);
    if (kind === 0x05) {
      // Interior page: each cell points to the subtree left of it, the header to the rightmost one.
      for (let index = 0; index < cellCount; index++) visit(data.readUInt32BE(cellAt(index)));
      visit(data.readUInt32BE(start + 8));
    } else if (kind === 0x0d) {
      for (let index = 0; index < cellCount; index++) entries.push(schemaEntry(data, cellAt(index), usable, encoding, readPageAt));
    } else {
      throw new Error(`page ${page} is not a table b-tree page`);
    }
  };
  visit(1);
  return entries;
}

/** The first two columns (type, name) of the record in a table leaf cell; both are text. */
function schemaEntry(page: Buffer, cell: number, usable: number, encoding: number, readPageAt: (page: number) => Buffer): SchemaEntry {
  const [payloadSize, afterSize] = varint(page, cell);
  const [, payloadStart] = varint(page, afterSize); // the rowid
  // How much of the payload is on this page; the rest is on a chain of overflow pages (a long name on small pages).
  const maxLocal = usable - 35;
  const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
  const spill = minLocal + ((payloadSize - minLocal) % (usable - 4));
  const local = payloadSize <= maxLocal ? payloadSize : spill <= maxLocal ? spill : minLocal;
  const parts = [page.subarray(payloadStart, payloadStart + local)];
  let next = local < payloadSize ? page.readUInt32BE(payloadStart + local) : 0;
  /** The record's first `length` bytes, following the overflow chain as far as they reach. */
  const prefix = (length: number): Buffer => {
    let record = Buffer.concat(parts);
    while (record.length < Math.min(length, payloadSize) && next !== 0 && parts.length <= 10_000) {
      const overflow = readPageAt(next);
      next = overflow.readUInt32BE(0);
      parts.push(overflow.subarray(4, usable));
      record = Buffer.concat(parts);
    }
    if (record.length < length) throw new Error('record shorter than its header says');
    return record;
  };
  let record = prefix(Math.min(9, payloadSize));
  const [headerSize, afterHeaderSize] = varint(record, 0);
  record = prefix(headerSize);
  const [typeSerial, afterTypeSerial] = varint(record, afterHeaderSize);
  const [nameSerial] = varint(record, afterTypeSerial);
  const nameStart = headerSize + textLength(typeSerial);
  const nameEnd = nameStart + textLength(nameSerial);
  record = prefix(nameEnd);
  return { type: decodeText(record.subarray(headerSize, nameStart), encoding), name: decodeText(record.subarray(nameStart, nameEnd), encoding) };
}

function varint(data: Buffer, at: number): [number, number] {
  let value = 0;
  for (let index = 0; index < 9; index++) {
    const byte = data[at + index];
    if (byte === undefined) throw new Error('varint beyond the page');
    if (index === 8) return [value * 256 + byte, at + 9];
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return [value, at + index + 1];
  }
  throw new Error('unreachable');
}

function textLength(serialType: number): number {
  if (serialType < 13 || serialType % 2 === 0) throw new Error(`serial type ${serialType} is not text`);
  return (serialType - 13) / 2;
}

/** The header's text encoding: 1 (or 0, before anything was stored) UTF-8, 2 UTF-16le, 3 UTF-16be. */
function decodeText(bytes: Buffer, encoding: number): string {
  if (encoding === 2) return bytes.toString('utf16le');
  if (encoding === 3) return Buffer.from(bytes).swap16().toString('utf16le');
  return bytes.toString('utf8');
}

/** Whether a run has prepared the PostgreSQL database: kysely's migration table exists. */
async function hasMigrationTable(store: Store): Promise<boolean> {
  const { rows } = await sql<{ table: string | null }>`SELECT to_regclass(${DEFAULT_MIGRATION_TABLE})::text AS table`.execute(store.db);
  return rows[0]?.table != null;
}

async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const message = (error as Error).message ?? String(error);
    // No migration failed when the database could not be reached at all (a mistyped PostgreSQL database, a server down).
    throw new Error(failed ? `migration ${failed.migrationName} failed: ${message}` : message);
  }
}
