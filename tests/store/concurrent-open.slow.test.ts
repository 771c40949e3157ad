import { spawn } from 'node:child_process';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';

const child = path.resolve(import.meta.dirname, 'open-store-child.ts');
const at = '2026-06-05T10:00:00.000Z';

/** Opens `target` in `count` processes at once, as cron jobs started the same minute do; how each one ended. */
async function openAtOnce(target: string, count: number): Promise<{ code: number | null; stderr: string }[]> {
  const children = Array.from({ length: count }, () => {
    const process_ = spawn(process.execPath, ['--import', 'tsx', child, target], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = new Promise<void>((resolve) => process_.stdout.once('data', () => resolve()));
    const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => process_.on('exit', (code) => resolve({ code, stderr })));
    return { process_, ready, exited };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.process_.stdin.write('go\n');
  return Promise.all(children.map((c) => c.exited));
}

function recordedMigrations(target: string): string[] {
  const sqlite = new SQLite(target, { readonly: true });
  try {
    return sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').pluck().all() as string[];
  } finally {
    sqlite.close();
  }
}

describe('several processes opening one SQLite file at once', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('a new file: every process opens it, and the schema is made once', async () => {
    database = await freshSqlite();
    const ended = await openAtOnce(database.target, 4);
    expect(ended).toEqual(Array.from({ length: 4 }, () => ({ code: 0, stderr: '' })));
    expect(recordedMigrations(database.target)).toEqual(Object.keys(await migrationProvider('sqlite').getMigrations()));
  });

  it('a file of an older release: every process opens it, the tables are rebuilt once and keep their rows', async () => {
    database = await freshSqlite();
    const old = new Kysely<any>({ dialect: new SqliteDialect({ database: new SQLite(database.target) }) });
    const { error } = await new Migrator({ db: old, provider: migrationProvider('sqlite') }).migrateTo('006-article-page-retries');
    if (error) throw error;
    await old.insertInto('sources').values({ id: 'seeds', pipeline_id: 'a', kind: 'files', name: 'Seeds', location: '*.txt', error_streak: 0, items_seen: 1, gone: 0, created_at: at, updated_at: at }).execute();
    await old.insertInto('articles').values({
      pipeline_id: 'a', source_id: 'seeds', item_key: 'one', url: 'https://x/one', canonical_url: 'https://x/one', fetched_at: at, text: 'Body.',
      word_count: 1, content_hash: 'h', near_signature: '', topic_signature: '', updated_at: at,
    }).execute();
    await old.destroy();

    const ended = await openAtOnce(database.target, 4);
    expect(ended).toEqual(Array.from({ length: 4 }, () => ({ code: 0, stderr: '' })));
    expect(recordedMigrations(database.target)).toEqual(Object.keys(await migrationProvider('sqlite').getMigrations()));
    const store = await openStore(database.target, { mustExist: true });
    try {
      expect(await store.db.selectFrom('articles').select(['pipeline_id', 'source_id', 'item_key']).execute()).toEqual([{ pipeline_id: 'a', source_id: 'seeds', item_key: 'one' }]);
    } finally {
      await store.close();
    }
  });
});
