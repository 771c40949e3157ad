import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  DEFAULT_MIGRATION_TABLE,
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type SqliteDatabase,
} from 'kysely';
import pg from 'pg';
import { withUnparsedLoginHidden } from '../model/display-text.ts';
import { migrationProvider, type Dialect } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { isLostConnection } from './passing-failures.ts';

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
  /**
   * Why the SQLite file at `location` is no longer the one open (deleted, or another moved into its place, while open:
   * what was written since went with the old one); null when it is, and for PostgreSQL.
   */
  fileReplaced(): string | null;
}

/** The database cannot be opened or migrated. */
export class StoreError extends Error {
  override name = 'StoreError';
  /** `unprepared`: a database no run has prepared (no pausewatch tables), the counterpart of a missing SQLite file. */
  readonly code: 'unprepared' | null;
  constructor(message: string, options: ErrorOptions & { code?: 'unprepared' } = {}) {
    super(message, options);
    this.code = options.code ?? null;
  }
}

/**
 * A failure of the database itself while a command used it (a full disk, an I/O error, a file made read-only, a lock
 * another process kept), as a StoreError naming the database and the reason in words; null for any other error (a
 * bug, a constraint a query broke), which stays as it is. The set-up is the user's to mend, as when the database
 * cannot be opened.
 */
export function databaseFailure(error: unknown, store: Pick<Store, 'dialect' | 'location'>): StoreError | null {
  if (error instanceof StoreError) return error;
  const lost = lostConnectionFailure(error, store);
  if (lost) return lost;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return null;
  const said = typeof message === 'string' ? message : String(error);
  const at = store.location;
  const failure = (text: string) => Object.assign(new StoreError(text, { cause: error }), { code });
  if (store.dialect === 'sqlite') {
    if (code === 'SQLITE_FULL') return failure(`the disk holding ${at} is full (SQLite: ${said}): free some space there and run again; what was stored before stays stored`);
    if (code.startsWith('SQLITE_READONLY')) return failure(`cannot write ${at}: the file or the folder holding it is read-only (SQLite: ${said})`);
    if (code.startsWith('SQLITE_IOERR')) return failure(`cannot read or write ${at}: the disk or file system failed (SQLite ${code}: ${said})`);
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return failure(`${at} is damaged (SQLite ${code}: ${said}): restore it from a backup`);
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      return failure(`${at} stayed locked by another process for longer than ${BUSY_TIMEOUT_MS / 1000} s (SQLite: ${said}): run again once it is done`);
    }
    return null;
  }
  // PostgreSQL's SQLSTATE: 53100 disk_full, 58030 io_error, 53300 too_many_connections, 25006 read_only_sql_transaction,
  // 42501 insufficient_privilege, 57014 query_canceled
  if (code === '53100') return failure(`the disk of the PostgreSQL server of ${at} is full (${said}): free some space there and run again; what was stored before stays stored`);
  if (code === '58030') return failure(`the PostgreSQL server of ${at} cannot read or write its files (${said})`);
  if (code === '53300') return failure(`the PostgreSQL server of ${at} takes no more connections (${said})`);
  if (code === '25006') return failure(`${at} is read-only (${said}): a standby server, or default_transaction_read_only is on`);
  if (code === '42501') return failure(`the PostgreSQL user of ${at} may not do what this command needs (${said}): ${PRIVILEGES_NEEDED}`);
  if (code === '57014') return failure(`a query on ${at} was cancelled (${said}): the server's statement_timeout or an administrator; run again, with a longer statement_timeout for this user if it keeps happening`);
  return null;
}

/** The failure of a PostgreSQL connection cut or refused under a command (isLostConnection), which has no code of pg's own sometimes. */
function lostConnectionFailure(error: unknown, store: Pick<Store, 'dialect' | 'location'>): StoreError | null {
  if (store.dialect !== 'postgres' || !isLostConnection(error)) return null;
  const said = (error as { message?: unknown } | null)?.message;
  return Object.assign(
    new StoreError(`lost the connection to the PostgreSQL server of ${store.location} (${typeof said === 'string' ? said : String(error)}): run again once it is back; what was stored before stays stored`, { cause: error }),
    { code: (error as { code?: unknown }).code ?? 'connection_lost' },
  );
}

/**
 * Why the SQLite file `file` could not be opened. A pausewatch database is in WAL mode, and SQLite writes its -wal and
 * -shm files beside it even to read it: in a folder that cannot be written (a read-only mount, a backup's folder) it
 * says only "unable to open database file", which reads as a missing or broken file.
 */
export function sqliteOpenFailure(file: string, error: unknown): StoreError {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const said = typeof message === 'string' ? message : String(error);
  const dir = path.dirname(file);
  if (code === 'SQLITE_CANTOPEN' && isFolder(file)) {
    return new StoreError(`cannot open SQLite database ${file}: it is a folder, not a file; give the database file's path (inside it: ${path.join(file, 'pausewatch.db')})`, { cause: error });
  }
  if ((code === 'SQLITE_CANTOPEN' || (typeof code === 'string' && code.startsWith('SQLITE_READONLY'))) && existsSync(file) && !isWritableFolder(dir)) {
    return new StoreError(
      `cannot open SQLite database ${file}: the folder holding it (${dir}) is read-only, and SQLite writes its -wal and -shm files ` +
        `beside a pausewatch database even to read it (${said}): make the folder writable, or copy the database to one that is`,
      { cause: error },
    );
  }
  return new StoreError(`cannot open SQLite database ${file}: ${said}`, { cause: error });
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function isWritableFolder(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** A target openStore takes for a SQLite file (not a URL, not `:memory:`). */
export function isSqliteFileTarget(target: string): boolean {
  return !isUrl(target) && target !== ':memory:';
}

function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** `scheme://…`: a URL, not a path. A one-letter scheme is a Windows drive (`C://data/pw.db`), so two letters at least. */
function isUrl(target: string): boolean {
  return /^[a-z][a-z0-9+.-]+:\/\//i.test(target);
}

/**
 * True when `target` names a SQLite file that does not exist yet: what openStore with `mustExist` refuses as "no
 * database", for a caller that has nothing to read then rather than an error (a URL, or `:memory:`, is no such file).
 */
export function isMissingDatabaseFile(target: string): boolean {
  return !isUrl(target) && target !== ':memory:' && !existsSync(path.resolve(target));
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.href;
  } catch {
    return withUnparsedLoginHidden(url);
  }
}

// PostgreSQL returns 64-bit integers (count(*), bigint) as strings; every count this app makes fits a double.
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/**
 * The URL with its `sslmode` read as PostgreSQL's own clients read it: node-postgres 8 takes `prefer`, `require` and
 * `verify-ca` for `verify-full` and says so in a nine-line warning on every command (in every cron mail), unless
 * `uselibpqcompat=true` asks for libpq's meaning, which its next major version makes the default. A URL that sets
 * `uselibpqcompat` itself, or has no `sslmode`, is left as it is; one that does not parse is left for pg to refuse.
 */
export function withLibpqSslModes(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return target;
  }
  if (!url.searchParams.has('sslmode') || url.searchParams.has('uselibpqcompat')) return target;
  url.searchParams.set('uselibpqcompat', 'true');
  return url.href;
}

export interface OpenStoreOptions {
  /**
   * Refuse a SQLite file that does not exist yet or holds no pausewatch tables (an empty file, another program's
   * database) instead of creating them: for commands that only read or annotate what a run stored, where a mistyped
   * path should be an error, not an empty database.
   */
  mustExist?: boolean;
  /**
   * Asked, before anything is written to a database that holds no pausewatch tables yet (a new or empty SQLite file, a
   * PostgreSQL database no run has prepared), with its location: a reason not to prepare it refuses it (StoreError),
   * leaving it as it was.
   */
  refusesToPrepare?: (location: string) => string | null;
}

/** Opens `target` (a file path, or a postgres:// URL) and brings its schema up to date. */
export async function openStore(target: string, options: OpenStoreOptions = {}): Promise<Store> {
  let store: Store;
  // Set for SQLite, which is migrated on its connection directly rather than through `store.db`.
  let sqliteToMigrate: SQLite.Database | null = null;
  if (!isPostgresUrl(target) && isUrl(target)) {
    // Otherwise a file of that name relative to the working directory, which a read would call missing.
    throw new StoreError(`unsupported database URL ${redact(target)}: only SQLite file paths and postgres:// URLs are supported (check --database and DATABASE_URL)`);
  }
  if (isPostgresUrl(target)) {
    const pool = new pg.Pool({ connectionString: withLibpqSslModes(target), max: 4, types: pgTypes, connectionTimeoutMillis: 10_000 });
    // An idle connection the server drops (a restart, an administrator's terminate) is an 'error' on the pool, and
    // an unheard 'error' ends the process. The pool has already discarded that connection; the next query opens a
    // fresh one, and a query that fails still fails with its own error.
    pool.on('error', () => {});
    // The same for a connection in use (a query under way, a transaction open), which the pool's listener does not
    // hear: the query fails with the error, as one of a lost connection (databaseFailure), and the process lives.
    pool.on('connect', (client) => client.on('error', () => {}));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    store = { db, dialect: 'postgres', location: redact(target), close: () => db.destroy(), fileReplaced: () => null };
  } else {
    const file = path.resolve(target);
    const inMemory = target === ':memory:';
    const mustExist = options.mustExist ?? false;
    if (!inMemory && mustExist && !existsSync(file)) {
      throw new StoreError(`no database at ${file}: \`pausewatch run\` creates it (or check --database and DATABASE_URL)`);
    }
    let sqlite: SQLite.Database;
    try {
      if (!inMemory) mkdirSync(path.dirname(file), { recursive: true });
      // The busy timeout from the first read on (schemaOf): a process closing the file holds it locked while it
      // checkpoints and removes the write-ahead log.
      sqlite = new SQLite(inMemory ? ':memory:' : file, { timeout: BUSY_TIMEOUT_MS });
    } catch (error) {
      throw sqliteOpenFailure(file, error);
    }
    try {
      // Read before anything writes to the file (WAL mode, migrations): whether pausewatch should use it at all.
      if (!inMemory) {
        const schema = schemaOf(sqlite, file);
        refuseUnfitSqliteFile(file, schema, mustExist);
        if (!isPrepared(schema)) refuseToPrepare(options, file);
      }
      // Articles are kilobytes of text each: with 16 KiB pages (SQLite's default is 4) a row spills onto fewer
      // overflow pages, and storing a large feed's items took about a sixth less time (npm run bench:feeds). Only a
      // new file takes it; an existing one keeps the page size it was made with.
      sqlite.pragma(`page_size = ${SQLITE_PAGE_SIZE}`);
      // WAL lets `pausewatch articles` read while a run writes; foreign keys are off by default in SQLite.
      await turnToWal(sqlite);
      sqlite.pragma('foreign_keys = ON');
      // In WAL mode NORMAL never corrupts the file; a power cut may lose the last commits, which a re-run restores.
      sqlite.pragma('synchronous = NORMAL');
    } catch (error) {
      sqlite.close();
      if (error instanceof StoreError) throw error;
      throw sqliteOpenFailure(file, error);
    }
    const db = new Kysely<Database>({ dialect: dialectWithImmediateTransactions(withStatementCache(sqlite)) });
    const close = async () => {
      try {
        await db.destroy();
      } finally {
        // kysely opens its driver, which closes the file, at its first query: a store closed before one (a migration
        // that failed) held the file open, its write-ahead log never checkpointed. Closing twice does nothing.
        sqlite.close();
      }
    };
    const opened = inMemory ? null : statSync(file);
    const fileReplaced = () => {
      if (opened === null) return null;
      try {
        const now = statSync(file);
        return now.ino === opened.ino && now.dev === opened.dev ? null : 'another file was put in its place';
      } catch {
        return 'it was deleted';
      }
    };
    store = { db, dialect: 'sqlite', location: file, close, fileReplaced };
    sqliteToMigrate = sqlite;
  }
  try {
    const schema = store.dialect === 'postgres' ? await currentSchema(store) : null;
    if (store.dialect === 'postgres' && schema === null) {
      // Where the tables would go: PostgreSQL creates no schema by itself, and the run failed on a missing kysely table.
      const { rows } = await sql<{ search_path: string }>`SHOW search_path`.execute(store.db);
      throw new StoreError(
        `no schema of the search path (${rows[0]?.search_path ?? 'unknown'}) exists in ${store.location}: create it (CREATE SCHEMA <name>) or check the URL's search_path`,
      );
    }
    // The PostgreSQL counterpart of a missing SQLite file: a database no run has prepared, where a command that only
    // reads would otherwise create the tables and report an empty store rather than the wrong URL.
    if (schema !== null && (options.mustExist || options.refusesToPrepare) && !(await hasMigrationTable(store, schema))) {
      if (options.mustExist) {
        throw new StoreError(`no pausewatch tables in ${store.location}: \`pausewatch run\` creates them (or check --database and DATABASE_URL)`, { code: 'unprepared' });
      }
      refuseToPrepare(options, store.location);
    }
    if (sqliteToMigrate) await migrateSqlite(sqliteToMigrate, store.location);
    else await migrate(store.db, 'postgres', schema, store.location);
  } catch (error) {
    await store.close().catch(() => {});
    if (error instanceof StoreError) throw error;
    throw new StoreError(`cannot prepare database ${store.location}: ${(error as Error).message}${postgresHint(store, error)}`);
  }
  return store;
}

/** What a PostgreSQL user needs besides owning the tables, for a message about a privilege it lacks. */
const PRIVILEGES_NEEDED =
  'the commands that only read (articles, stories, trends, labels, sources, sources history) need SELECT on the pausewatch tables, ' +
  'and run, digest, label, rescore and sources recheck need INSERT, UPDATE and DELETE too, and USAGE on their sequences';

/**
 * What to do about the PostgreSQL errors a wrong URL or set-up gives, which name the symptom only. node-postgres
 * takes the user name from the URL, else PGUSER, else USER, which cron and containers often leave unset.
 */
function postgresHint(store: Store, error: unknown): string {
  if (store.dialect !== 'postgres') return '';
  const { message, code } = error as { message?: string; code?: string };
  if (/no PostgreSQL user name/i.test(message ?? '')) return ' (name one in the URL, as postgres://USER@host/db, or set PGUSER)';
  if (code === '42501') {
    return ` (the PostgreSQL user lacks a privilege: tables an older pausewatch made are brought up to date by their owner, with \`pausewatch run\`; ${PRIVILEGES_NEEDED})`;
  }
  if (code === 'ECONNREFUSED') return ' (is PostgreSQL running and listening at that host and port?)';
  if (code === '3D000') return ' (create it with `createdb`, or check the database name in the URL)';
  // node-postgres parses the URL with WHATWG's URL, whose one word for every fault is "Invalid URL"
  if (code === 'ERR_INVALID_URL') return ' (check the port, 1 to 65535, and write "@", ":", "/", "?" and "#" in the user name or password percent-encoded, as %40, %3A, %2F, %3F and %23)';
  return '';
}

/** Statements kept prepared, by SQL text. Bounded: `in (...)` lists of varying length each make their own text. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * kysely's SQLite driver prepares every query anew; preparing costs more than running a small insert. Queries run
 * one at a time on the one connection (kysely serialises them), so a cached statement is never in use twice.
 */
function withStatementCache(sqlite: SQLite.Database): TransactionAwareDatabase {
  const cache = new Map<string, SQLite.Statement>();
  // The statement used last, already the most recent in the map: a feed's inserts run the same one thousands of times.
  let lastSql: string | null = null;
  let lastStatement: SQLite.Statement | null = null;
  return {
    close: () => sqlite.close(),
    get inTransaction() {
      return sqlite.inTransaction;
    },
    prepare(sql: string) {
      if (sql === lastSql) return lastStatement!;
      let statement = cache.get(sql);
      if (statement) {
        // Re-inserted so the map's order is least recently used first.
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      lastSql = sql;
      lastStatement = statement;
      return statement;
    },
  };
}

/** A table, index, view or trigger of a SQLite database, as its schema table lists it. */
interface SchemaEntry {
  type: string;
  name: string;
}

/** What the database open on `file` holds, read without writing; a file that is not SQLite is named as such. */
function schemaOf(sqlite: SQLite.Database, file: string): SchemaEntry[] {
  try {
    return sqlite.prepare('SELECT type, name FROM sqlite_master').all() as SchemaEntry[];
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') throw new StoreError(`${file} is not a SQLite database (check --database and DATABASE_URL)`);
    throw error;
  }
}

/** Whether a SQLite file's schema holds pausewatch's tables: the migrations' own table says a run prepared it. */
function isPrepared(schema: readonly SchemaEntry[]): boolean {
  return schema.some((entry) => entry.type === 'table' && entry.name === DEFAULT_MIGRATION_TABLE);
}

/** Refuses a database with no pausewatch tables yet, before anything is written to it, when the caller has a reason. */
function refuseToPrepare(options: OpenStoreOptions, location: string): void {
  const refusal = options.refusesToPrepare?.(location) ?? null;
  if (refusal !== null) throw new StoreError(refusal);
}

/**
 * Refuses `file` before anything writes to it (setting WAL mode, migrating) when pausewatch should not use it: for a
 * command that reads (`mustExist`), a file with no pausewatch tables (an empty file, another program's database); for
 * `run`, another program's database, which would get pausewatch's tables added to its own.
 */
function refuseUnfitSqliteFile(file: string, schema: readonly SchemaEntry[], mustExist: boolean): void {
  if (isPrepared(schema)) return;
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

/**
 * The PostgreSQL schema the tables are created in: the first schema of the search path that exists (`public`, or the
 * one a URL's `options=-c search_path=...` names). Null where none of them exists.
 */
async function currentSchema(store: Store): Promise<string | null> {
  const { rows } = await sql<{ schema: string | null }>`SELECT current_schema() AS schema`.execute(store.db);
  return rows[0]?.schema ?? null;
}

/** Whether a run has prepared the PostgreSQL database: kysely's migration table exists in its current schema. */
async function hasMigrationTable(store: Store, schema: string): Promise<boolean> {
  const { rows } = await sql<{ table: string | null }>`SELECT to_regclass(quote_ident(${schema}) || '.' || ${DEFAULT_MIGRATION_TABLE})::text AS table`.execute(store.db);
  return rows[0]?.table != null;
}

/**
 * A database a newer pausewatch has migrated: it records migrations this version does not have, and its tables may
 * hold what this version cannot read or would undo. Refused, naming the migrations, rather than kysely's "corrupted
 * migrations".
 */
function newerDatabaseError(location: string, unknown: readonly string[]): StoreError {
  const names = unknown.length === 1 ? `migration ${unknown[0]} is` : `migrations ${unknown.join(', ')} are`;
  return new StoreError(`${location} was written by a newer pausewatch (${names} unknown to this version): upgrade pausewatch to use it (or check --database and DATABASE_URL)`);
}

/**
 * `schema`: PostgreSQL's current schema, where the tables are created; null for SQLite. `location`: the database as
 * messages name it.
 */
async function migrate(db: Kysely<any>, dialect: Dialect, schema: string | null, location: string): Promise<void> {
  // kysely looks for its migration tables in every schema of the database unless told which: the pausewatch tables
  // of another schema (another pipeline's, kept apart as the README shows) made it skip creating them in this one,
  // and the run failed on a missing kysely_migration_lock. They go where the pausewatch tables go.
  const migrationTableSchema = schema ?? undefined;
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), migrationTableSchema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const message = (error as Error).message ?? String(error);
    // kysely's words for a database that records a migration this version does not have
    const missing = /^corrupted migrations: previously executed migration (.+) is missing$/.exec(message);
    if (missing) throw newerDatabaseError(location, [missing[1]!]);
    // No migration failed when the database could not be reached at all (a mistyped PostgreSQL database, a server down).
    // The error's code (SQLSTATE, ECONNREFUSED) goes with it, for postgresHint.
    throw Object.assign(new Error(failed ? `migration ${failed.migrationName} failed: ${message}` : message), { code: (error as { code?: unknown }).code });
  }
}

/** How long a statement waits for another connection's write to the SQLite file to end. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Sets WAL mode, retried while another process holds the file's write lock, as one turning the same new or older file
 * to WAL at the same moment does. Turning reads the file's header, then takes the write lock in the same statement,
 * and there SQLite refuses at once (SQLITE_BUSY, "database is locked") without waiting out the busy timeout, since
 * waiting with a read lock held could deadlock. Between tries this process holds no lock. A file already in WAL mode
 * needs no write lock.
 */
async function turnToWal(sqlite: SQLite.Database): Promise<void> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
    }
    await sleep(WAL_RETRY_MS);
  }
}

/** How long turnToWal waits between tries: another process's turn to WAL takes milliseconds. */
const WAL_RETRY_MS = 20;

/** The page size of a new SQLite file, in bytes. */
export const SQLITE_PAGE_SIZE = 16384;

/** How long opening waits for another process's migration of the same SQLite file, which a large file makes long. */
const MIGRATION_WAIT_MS = 10 * 60_000;

/**
 * Brings a SQLite file's schema up to date, also when several processes open a new or older file at once (cron jobs
 * started the same minute, `run` and `sources` together). kysely takes no lock on SQLite and runs each migration by
 * itself: the processes all created the same tables, or rebuilt them under one another. Here every pending migration
 * runs in one transaction that holds the file's write lock from its start (BEGIN IMMEDIATE): another process waits
 * for it, then finds nothing left to do; and a process killed midway leaves the file as it was.
 */
async function migrateSqlite(sqlite: SQLite.Database, location: string): Promise<void> {
  // The usual open: no lock to wait for, nor to take on a file in a folder the user may only read.
  if (await isSqliteSchemaCurrent(sqlite, location)) return;
  // A migration that rebuilds a table (007) needs foreign keys off, and they switch only outside a transaction:
  // its own switch, inside this one, does nothing.
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.pragma(`busy_timeout = ${MIGRATION_WAIT_MS}`);
    try {
      sqlite.exec('BEGIN IMMEDIATE');
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
      throw new StoreError(`${location} stayed locked for ${MIGRATION_WAIT_MS / 60_000} minutes while pausewatch waited to bring its tables up to date: another process is still migrating or writing it`);
    } finally {
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    }
    const db = new Kysely<any>({ dialect: dialectInTransaction(sqlite) });
    try {
      // Rows that broke a key before (deleted with foreign keys off, as the sqlite3 shell runs) are the user's to mend.
      const brokenBefore = new Set(foreignKeyViolations(sqlite).map(violationKey));
      await migrate(db, 'sqlite', null, location);
      // With foreign keys off, a migration's delete cascaded nowhere: what it left dangling stops the migration.
      const broken = foreignKeyViolations(sqlite).filter((row) => !brokenBefore.has(violationKey(row)));
      if (broken.length > 0) throw new Error(`migrating broke foreign keys, in ${[...new Set(broken.map((row) => row.table))].join(', ')}`);
      sqlite.exec('COMMIT');
    } finally {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      await db.destroy();
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/**
 * Whether every migration, and no other, is recorded: read without a lock, so only a hint, which the Migrator checks
 * again. A migration recorded that this version does not know is a newer pausewatch's: refused before any lock is
 * taken, so a read-only folder gives the same message.
 */
async function isSqliteSchemaCurrent(sqlite: SQLite.Database, location: string): Promise<boolean> {
  if (!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(DEFAULT_MIGRATION_TABLE)) return false;
  const recorded = new Set(sqlite.prepare(`SELECT name FROM ${DEFAULT_MIGRATION_TABLE}`).pluck().all() as string[]);
  const known = Object.keys(await migrationProvider('sqlite').getMigrations());
  const unknown = [...recorded].filter((name) => !known.includes(name)).sort();
  if (unknown.length > 0) throw newerDatabaseError(location, unknown);
  return recorded.size === known.length && known.every((name) => recorded.has(name));
}

/** A row that breaks a foreign key: its table, its row id and the table it refers to. */
interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
}

function foreignKeyViolations(sqlite: SQLite.Database): ForeignKeyViolation[] {
  return sqlite.prepare('PRAGMA foreign_key_check').all() as ForeignKeyViolation[];
}

const violationKey = (row: ForeignKeyViolation) => `${row.table}\u0000${row.rowid}\u0000${row.parent}`;

/**
 * kysely's SQLite dialect on a connection whose transaction is already open: a transaction a migration opens of its
 * own (007's rebuild) becomes a savepoint in it, which undoes that migration's part on an error as its own would.
 * Destroying it leaves the connection open.
 */
function dialectInTransaction(sqlite: SQLite.Database): KyselyDialect {
  return sqliteDialectWithDriver({ prepare: (query) => sqlite.prepare(query), close: () => {} }, SavepointDriver);
}

/** kysely's SQLite dialect over `database`, with `Driver` deciding how its transactions begin and end. */
function sqliteDialectWithDriver<D extends SqliteDatabase>(database: D, Driver: new (config: { database: D }) => SqliteDriver): KyselyDialect {
  const dialect = new SqliteDialect({ database });
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new Driver({ database }),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

/**
 * kysely's SQLite dialect with each transaction begun IMMEDIATE, taking the write lock at once. Every transaction
 * pausewatch opens writes, most after reading (the story titles, the labels in force). Begun deferred, such a
 * transaction cannot take the write lock once another process has committed since its first read: in WAL mode SQLite
 * refuses at once (SQLITE_BUSY_SNAPSHOT), without waiting out the busy timeout, and two pipelines sharing a file lost
 * articles so. Begun IMMEDIATE, it waits for the other writer instead, as the busy timeout intends.
 */
function dialectWithImmediateTransactions(database: TransactionAwareDatabase): KyselyDialect {
  return sqliteDialectWithDriver(database, ImmediateTransactionDriver);
}

/** A SQLite connection that tells whether a transaction is open (better-sqlite3's `inTransaction`). */
type TransactionAwareDatabase = SqliteDatabase & { readonly inTransaction: boolean };

class ImmediateTransactionDriver extends SqliteDriver {
  readonly #database: TransactionAwareDatabase;
  constructor(config: { database: TransactionAwareDatabase }) {
    super(config);
    this.#database = config.database;
  }
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('BEGIN IMMEDIATE'));
  }
  // SQLite ends a transaction itself on some failures (a full disk, SQLITE_FULL, out of memory): a ROLLBACK then fails
  // with "no transaction is active", which hid the failure that ended it (a full disk became an internal error)
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#database.inTransaction) await super.rollbackTransaction(connection);
  }
}

class SavepointDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('SAVEPOINT migration'));
  }
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('RELEASE migration'));
  }
  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK TO migration'));
    await connection.executeQuery(CompiledQuery.raw('RELEASE migration'));
  }
}
