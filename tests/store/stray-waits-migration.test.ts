import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { databaseAt } from '../helpers/migrated-database.ts';

describe.each(dialects)('upgrading a $name database to waits asked by 429 and 503 alone', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it("forgets the waits a 404's or a 500's Retry-After set, the feeds due at once, and keeps a 429's and a 503's", async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '028-host-waits');
    const at = '2026-12-01T06:00:00.000Z';
    const week = '2026-12-08T06:00:00.000Z';
    const source = (id: string, code: string) => ({
      id, pipeline_id: 'p', kind: 'feed', name: id, location: `https://x.example/${id}.xml`, last_error_code: code, server_wait_until: week,
      next_check_at: week, error_streak: 1, items_seen: 0, gone: 0, created_at: at, updated_at: at,
    });
    await old.insertInto('sources').values([source('missing', 'http_404'), source('broken', 'http_500'), source('busy', 'http_429'), source('down', 'http_503')]).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      const rows = await store.db.selectFrom('sources').select(['id', 'server_wait_until', 'next_check_at', 'freshness_seconds']).orderBy('id').execute();
      expect(rows).toEqual([
        { id: 'broken', server_wait_until: null, next_check_at: null, freshness_seconds: null },
        { id: 'busy', server_wait_until: week, next_check_at: week, freshness_seconds: null },
        { id: 'down', server_wait_until: week, next_check_at: week, freshness_seconds: null },
        { id: 'missing', server_wait_until: null, next_check_at: null, freshness_seconds: null },
      ]);
    } finally {
      await store.close();
    }
  });
});
