import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrationProvider } from '../../src/store/migrations/index.ts';

/** A database as a release with migrations up to `last` left it, for tests of what a later migration does to its rows. */
export async function databaseAt(dialect: 'sqlite' | 'postgres', target: string, last: string): Promise<Kysely<any>> {
  const db = new Kysely<any>({
    dialect: dialect === 'sqlite' ? new SqliteDialect({ database: new SQLite(target) }) : new PostgresDialect({ pool: new pg.Pool({ connectionString: target, max: 1 }) }),
  });
  const { error } = await new Migrator({ db, provider: migrationProvider(dialect) }).migrateTo(last);
  if (error) throw error;
  return db;
}
