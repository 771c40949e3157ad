import SQLite from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../src/store/index.ts';

/** What must not change about a file pausewatch refuses: its bytes and its mtime. */
function snapshot(file: string) {
  return { bytes: readFileSync(file), mtimeMs: statSync(file).mtimeMs };
}

/** Another program's database: one table, in the journal mode its program chose. */
function foreignDatabase(file: string, journalMode: 'delete' | 'wal'): void {
  const sqlite = new SQLite(file);
  sqlite.pragma(`journal_mode = ${journalMode}`);
  sqlite.exec(`CREATE TABLE foo (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO foo (name) VALUES ('kept')`);
  sqlite.close();
}

async function refusal(target: string, mustExist: boolean): Promise<StoreError> {
  const error = await openStore(target, { mustExist }).then(
    async (store) => {
      await store.close();
      return null;
    },
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('opening an existing SQLite file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-read-only-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('for a command that reads what runs stored', () => {
    it('refuses a 0-byte file and leaves it untouched', async () => {
      const file = path.join(dir, 'zero.db');
      writeFileSync(file, '');
      const before = snapshot(file);
      const error = await refusal(file, true);
      expect(error.message).toBe(`no pausewatch tables in ${file} (an empty SQLite file): \`pausewatch run\` creates them (or check --database and DATABASE_URL)`);
      expect(snapshot(file)).toEqual(before);
      expect(readdirSync(dir)).toEqual(['zero.db']);
    });

    it.each(['delete', 'wal'] as const)("refuses another program's database (journal mode %s) and leaves it untouched", async (journalMode) => {
      const file = path.join(dir, 'other.db');
      foreignDatabase(file, journalMode);
      const before = snapshot(file);
      const error = await refusal(file, true);
      expect(error.message).toBe(
        `no pausewatch tables in ${file} (another program's SQLite database, with tables "foo"): \`pausewatch run\` creates them in a new file (or check --database and DATABASE_URL)`,
      );
      expect(snapshot(file)).toEqual(before);
      // nothing beside it either, but for the -wal and -shm SQLite itself makes beside a WAL-mode file when it opens one
      if (journalMode === 'delete') expect(readdirSync(dir)).toEqual(['other.db']);
    });

    it('refuses a file that is not SQLite at all, and leaves it untouched', async () => {
      const file = path.join(dir, 'notes.db');
      writeFileSync(file, 'not a database, but long enough to hold a SQLite header if it were one. '.repeat(4));
      const before = snapshot(file);
      expect((await refusal(file, true)).message).toBe(`${file} is not a SQLite database (check --database and DATABASE_URL)`);
      expect(snapshot(file)).toEqual(before);
    });

    it('opens a pausewatch database, closed or with a run holding it open', async () => {
      const file = path.join(dir, 'pausewatch.db');
      const run = await openStore(file);
      await run.db.insertInto('runs').values({ pipeline_id: 'p', started_at: '2026-06-05T10:00:00.000Z', status: 'ok' }).execute();
      // While the run's connection is open, its commits may be in the -wal only.
      expect(existsSync(`${file}-wal`)).toBe(true);
      const whileOpen = await openStore(file, { mustExist: true });
      expect(await whileOpen.db.selectFrom('runs').select('pipeline_id').execute()).toEqual([{ pipeline_id: 'p' }]);
      await whileOpen.close();
      await run.close();

      expect(readdirSync(dir)).toEqual(['pausewatch.db']);
      const closed = await openStore(file, { mustExist: true });
      expect(await closed.db.selectFrom('runs').select('pipeline_id').execute()).toEqual([{ pipeline_id: 'p' }]);
      await closed.close();
    });
  });

  describe('for run, which creates the database', () => {
    it('makes a pausewatch database of a 0-byte file', async () => {
      const file = path.join(dir, 'zero.db');
      writeFileSync(file, '');
      const store = await openStore(file);
      expect(await store.db.selectFrom('runs').selectAll().execute()).toEqual([]);
      await store.close();
      const sqlite = new SQLite(file, { readonly: true });
      expect(sqlite.prepare('SELECT type, name FROM sqlite_master').all()).toContainEqual({ type: 'table', name: 'articles' });
      sqlite.close();
    });

    it.each(['delete', 'wal'] as const)("refuses another program's database (journal mode %s) rather than add its tables to it", async (journalMode) => {
      const file = path.join(dir, 'other.db');
      foreignDatabase(file, journalMode);
      const before = snapshot(file);
      expect((await refusal(file, false)).message).toBe(
        `${file} is another program's SQLite database (with tables "foo"), not a pausewatch one: \`pausewatch run\` adds its tables only to a new or empty file (check --database and DATABASE_URL)`,
      );
      expect(snapshot(file)).toEqual(before);
    });
  });

  it('names a few of many foreign tables', async () => {
    const file = path.join(dir, 'other.db');
    const sqlite = new SQLite(file);
    for (const name of ['a', 'b', 'c', 'd', 'e']) sqlite.exec(`CREATE TABLE ${name} (x)`);
    sqlite.close();
    expect((await refusal(file, true)).message).toContain(`(another program's SQLite database, with tables "a", "b", "c" and 2 more)`);
  });
});

describe('a --database URL of another kind than postgres://', () => {
  let cwd: string;
  let dir: string;
  beforeEach(() => {
    cwd = process.cwd();
    dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-url-'));
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['mysql://x/y', 'mysql://x/y'],
    ['mysql://reader:secret@db.example/news', 'mysql://reader:***@db.example/news'],
    ['sqlite:///var/lib/pausewatch.db', 'sqlite:///var/lib/pausewatch.db'],
    ['file:///tmp/pausewatch.db', 'file:///tmp/pausewatch.db'],
  ])('%s is refused, for run and for reading, and creates nothing', async (target, shown) => {
    for (const mustExist of [true, false]) {
      expect((await refusal(target, mustExist)).message).toBe(
        `unsupported database URL ${shown}: only SQLite file paths and postgres:// URLs are supported (check --database and DATABASE_URL)`,
      );
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a Windows drive letter is a path, not a URL scheme', async () => {
    expect((await refusal('C://data/pw.db', true)).message).toBe(`no database at ${path.resolve('C://data/pw.db')}: \`pausewatch run\` creates it (or check --database and DATABASE_URL)`);
  });
});
