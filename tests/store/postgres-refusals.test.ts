import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFailure, openStore, retryPassingFailures } from '../../src/store/index.ts';
import { freshPostgres, pgAdmin } from '../helpers/databases.ts';

/**
 * A PostgreSQL server that refuses a command for its own settings: a statement cut by statement_timeout is named as
 * such (it was an internal error with a stack trace), and a connection refused while other clients hold all the server
 * (or the user) may have is tried again by a write that must not be lost, as a cut one is.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a PostgreSQL server refusing a command', () => {
  it('names a statement its statement_timeout cancelled, with the database and what to do', async () => {
    const database = await freshPostgres();
    cleanups.push(() => database.drop());
    const store = await openStore(database.target);
    cleanups.push(() => store.close());
    const error = await store.db
      .transaction()
      .execute(async (trx) => {
        await sql`SET LOCAL statement_timeout = 20`.execute(trx);
        await sql`SELECT pg_sleep(1)`.execute(trx);
      })
      .then(() => null, (thrown: unknown) => thrown);
    expect(databaseFailure(error, store)?.message).toMatch(/^a query on postgres:\/\/.+ was cancelled \(canceling statement due to statement timeout\): the server's statement_timeout or an administrator; run again/);
  });

  it('tries a write again while the user may open no more connections, until one is free', async () => {
    const role = `pausewatch_one_${randomBytes(4).toString('hex')}`;
    await pgAdmin(`CREATE ROLE ${role} LOGIN CONNECTION LIMIT 1`);
    cleanups.push(() => pgAdmin(`DROP ROLE IF EXISTS ${role}`));
    const database = await freshPostgres();
    cleanups.push(() => database.drop());
    const url = new URL(database.target);
    url.username = role;
    // the user's one connection, held by another client for a while
    const other = new pg.Client({ connectionString: url.href });
    await other.connect();
    const released = new Promise<void>((resolve) => setTimeout(() => void other.end().then(resolve), 1_500));
    const refused = await new pg.Client({ connectionString: url.href }).connect().then(() => null, (error: unknown) => error);
    expect(databaseFailure(refused, { dialect: 'postgres', location: url.href })?.message).toMatch(/takes no more connections \(too many connections for role/);
    let tries = 0;
    const one = await retryPassingFailures(async () => {
      tries++;
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      try {
        return (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one;
      } finally {
        await client.end();
      }
    }, [500, 500, 500, 500, 500, 500]);
    await released;
    expect(one).toBe(1);
    expect(tries).toBeGreaterThan(1);
  });
});
