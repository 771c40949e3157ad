import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The databases every storage test runs against: a real SQLite file and a real PostgreSQL database (the one on
 * 127.0.0.1:5432 of every project machine, or PAUSEWATCH_TEST_PG). Each call makes a fresh, empty database.
 */
export interface TestDatabase {
  /** Value for `openStore` / `--database`. */
  target: string;
  drop(): Promise<void>;
}

export const PG_ADMIN_URL = process.env.PAUSEWATCH_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function freshSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-db-'));
  return { target: path.join(dir, 'pausewatch.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs one statement as the PostgreSQL administrator (creating and dropping databases and roles). */
export async function pgAdmin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

export async function freshPostgres(): Promise<TestDatabase> {
  const name = `pausewatch_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    target: url.href,
    drop: async () => {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export const dialects = [
  { name: 'sqlite', fresh: freshSqlite },
  { name: 'postgres', fresh: freshPostgres },
] as const;
