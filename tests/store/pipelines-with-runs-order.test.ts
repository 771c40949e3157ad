import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, pipelinesWithRuns } from '../../src/store/index.ts';
import { dialects, PG_ADMIN_URL, pgAdmin, type TestDatabase } from '../helpers/databases.ts';

/**
 * The pipelines a database holds, which the reports name when opened with the wrong --pipeline or --database, come
 * in the same order from SQLite and PostgreSQL. PostgreSQL sorted them by the database's collation: in one made with
 * an ICU or glibc locale other than C, as a team's server often is, "desk_a" came before "desk1" and "desk-b".
 */

/** A PostgreSQL database sorting text by ICU's en-US collation, as `createdb --locale-provider=icu` makes one. */
async function freshPostgresIcu(): Promise<TestDatabase> {
  const name = `pausewatch_test_icu_${randomBytes(6).toString('hex')}`;
  await pgAdmin(`CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return { target: url.href, drop: () => pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.drop();
  database = undefined;
});

describe.each([...dialects, { name: 'postgres (ICU en-US collation)', fresh: freshPostgresIcu }])('pipelines with runs on $name', ({ fresh }) => {
  it('are listed in code-point order, whatever the collation', async () => {
    database = await fresh();
    const store = await openStore(database.target);
    try {
      for (const pipelineId of ['desk_a', 'desk1', 'desk-b', 'desk.c', 'desk1']) {
        await store.db.insertInto('runs').values({ pipeline_id: pipelineId, started_at: '2026-06-05T10:00:00.000Z', status: 'ok' }).execute();
      }
      expect(await pipelinesWithRuns(store.db)).toEqual(['desk-b', 'desk.c', 'desk1', 'desk_a']);
    } finally {
      await store.close();
    }
  });
});
