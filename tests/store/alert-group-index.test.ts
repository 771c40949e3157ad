import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/**
 * Whether a text's group raised an alert is asked for every article a run stores: the query must find a group's
 * alerts by index, not by reading every alert the pipeline ever raised (at a few hundred thousand alerts, tens of
 * milliseconds per article stored).
 */
describe.each(dialects)('the alert-raised question on $name', ({ name, fresh }) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('reads the alerts table through an index on the article', async () => {
    const { sql, parameters } = repo.groupAlertQuery(store.db, 1).compile();
    let plan: string;
    if (name === 'sqlite') {
      const sqlite = new SQLite(database.target, { readonly: true });
      plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])).map((row) => (row as { detail: string }).detail).join('\n');
      sqlite.close();
    } else {
      const client = new pg.Client({ connectionString: database.target });
      await client.connect();
      // an empty table is cheapest to read whole: the planner is asked whether it can do otherwise
      await client.query('SET enable_seqscan = off');
      plan = (await client.query(`EXPLAIN ${sql}`, parameters as unknown[])).rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      await client.end();
    }
    expect(plan).toMatch(/alerts_article/);
    expect(plan).toMatch(/articles_duplicate_of/);
    expect(plan).not.toMatch(/SCAN (alerts|articles)(?! USING)|Seq Scan|Filter/);
  });
});
