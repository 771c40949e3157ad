import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as repo from '../../src/store/index.ts';
import { openStore, StoreError } from '../../src/store/index.ts';
import { SQLITE_PAGE_SIZE } from '../../src/store/connect.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-page-size-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pageSize = (file: string) => {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    return sqlite.pragma('page_size', { simple: true });
  } finally {
    sqlite.close();
  }
};

const source = { id: 'a', kind: 'feed' as const, name: 'A', location: 'https://example.com/feed' };

describe('the page size of a SQLite database', () => {
  it('is the larger one for a new file, kept when the file is opened again', async () => {
    const file = path.join(dir, 'new.db');
    const store = await openStore(file);
    await repo.syncSources(store.db, 'p', [source], '2026-06-09T12:00:00.000Z');
    await store.close();
    expect(SQLITE_PAGE_SIZE).toBeGreaterThan(4096);
    expect(pageSize(file)).toBe(SQLITE_PAGE_SIZE);
    const again = await openStore(file);
    await again.close();
    expect(pageSize(file)).toBe(SQLITE_PAGE_SIZE);
  });

  it('stays as it was in a file begun with 4 KiB pages, which takes the schema and rows as before', async () => {
    const file = path.join(dir, 'old.db');
    // a file begun with SQLite's default page size, as every database made before the larger pages was
    const sqlite = new SQLite(file);
    sqlite.pragma('page_size = 4096');
    sqlite.pragma('journal_mode = WAL');
    sqlite.close();
    expect(pageSize(file)).toBe(4096);

    const store = await openStore(file);
    await repo.syncSources(store.db, 'p', [source], '2026-06-09T12:00:00.000Z');
    await store.close();
    expect(pageSize(file)).toBe(4096);
    const reopened = await openStore(file);
    expect((await reopened.db.selectFrom('sources').select('id').execute()).map((row) => row.id)).toEqual(['a']);
    await reopened.close();
  });
});

describe('opening a SQLite file', () => {
  it('that fails lets the file go: its write-ahead log is checkpointed and removed', async () => {
    const file = path.join(dir, 'newer.db');
    const made = await openStore(file);
    await made.close();
    // a newer pausewatch's file: refused in the migration step, before any query on the store's kysely instance
    const sqlite = new SQLite(file);
    sqlite.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future_feature', '2030-01-01T00:00:00.000Z')").run();
    sqlite.close();
    expect(existsSync(`${file}-wal`)).toBe(false);

    await expect(openStore(file)).rejects.toThrow(StoreError);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
  });

  it('that another connection holds the write lock of, before it is in WAL mode, waits for the lock', async () => {
    const file = path.join(dir, 'locked.db');
    // a new file, in SQLite's default rollback mode, whose write lock another connection holds for a moment
    const other = new SQLite(file);
    other.exec('BEGIN IMMEDIATE');
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        other.exec('COMMIT');
        other.close();
        resolve();
      }, 200),
    );
    const store = await openStore(file);
    await released;
    await repo.syncSources(store.db, 'p', [source], '2026-06-09T12:00:00.000Z');
    await store.close();
    const sqlite = new SQLite(file, { readonly: true });
    try {
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      sqlite.close();
    }
  });
});

describe('a folder given as the SQLite database', () => {
  it('is refused as a folder, naming the file that would be inside it, and nothing is written there', async () => {
    const folder = mkdtempSync(path.join(dir, 'folder-'));
    for (const mustExist of [false, true]) {
      const opened = openStore(folder, { mustExist });
      await expect(opened).rejects.toThrow(StoreError);
      await expect(opened).rejects.toThrow(`cannot open SQLite database ${folder}: it is a folder, not a file; give the database file's path (inside it: ${path.join(folder, 'pausewatch.db')})`);
    }
    expect(existsSync(path.join(folder, 'pausewatch.db'))).toBe(false);
  });
});
