import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openStore, StoreError } from '../../src/store/index.ts';
import * as repo from '../../src/store/index.ts';
import { freshPostgres, type TestDatabase } from '../helpers/databases.ts';

/** The database's URL with the tables kept in `schema`, as the README shows (`?options=-c search_path=...`). */
function inSchema(target: string, schema: string): string {
  const url = new URL(target);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.href;
}

const at = '2026-06-05T10:00:00.000Z';

// Schemas are PostgreSQL's own: the README's way to keep pausewatch's tables apart from others in one database.
describe('pausewatch tables in a PostgreSQL schema of their own', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await freshPostgres();
    const admin = new pg.Client({ connectionString: database.target });
    await admin.connect();
    try {
      await admin.query('CREATE SCHEMA first; CREATE SCHEMA second');
    } finally {
      await admin.end();
    }
  });
  afterEach(async () => {
    await database.drop();
  });

  it('a second schema of the same database gets tables of its own, though another schema already has them', async () => {
    const first = await openStore(inSchema(database.target, 'first'));
    await repo.syncSources(first.db, 'p', [{ id: 'feed-a', kind: 'feed', name: 'Feed A', location: 'https://a.example/feed' }], at);
    await first.close();

    // The migrator found the first schema's migration table, created none here, and failed on its lock table.
    const second = await openStore(inSchema(database.target, 'second'));
    try {
      await repo.syncSources(second.db, 'p', [{ id: 'feed-b', kind: 'feed', name: 'Feed B', location: 'https://b.example/feed' }], at);
      expect((await repo.listSources(second.db, 'p')).map((source) => source.id)).toEqual(['feed-b']);
    } finally {
      await second.close();
    }
    const firstAgain = await openStore(inSchema(database.target, 'first'), { mustExist: true });
    try {
      expect((await repo.listSources(firstAgain.db, 'p')).map((source) => source.id)).toEqual(['feed-a']);
    } finally {
      await firstAgain.close();
    }
  });

  it('a command that reads refuses a schema no run has prepared, though another schema of the database has the tables', async () => {
    await (await openStore(inSchema(database.target, 'first'))).close();
    await expect(openStore(inSchema(database.target, 'second'), { mustExist: true })).rejects.toThrow(StoreError);
    await expect(openStore(inSchema(database.target, 'second'), { mustExist: true })).rejects.toThrow(/no pausewatch tables/);
  });

  it('a search path naming no schema that exists is refused with what to create, for run and for the commands that read', async () => {
    // it failed on a missing kysely table, or "no schema has been selected to create in"
    await expect(openStore(inSchema(database.target, 'not_created'))).rejects.toThrow(/no schema of the search path \(not_created\) exists in .*: create it \(CREATE SCHEMA/);
    await expect(openStore(inSchema(database.target, 'not_created'), { mustExist: true })).rejects.toThrow(/no schema of the search path \(not_created\) exists/);
  });
});
