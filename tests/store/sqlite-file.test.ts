import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import * as repo from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
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
