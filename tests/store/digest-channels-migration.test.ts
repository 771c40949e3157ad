import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { databaseAt } from '../helpers/migrated-database.ts';

describe.each(dialects)('upgrading a $name database to digest channels', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it('carries over each channel sent a digest: first seen at its first send, seen by the latest run, given up through its last day sent', async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '016-article-publication-index');
    await old.insertInto('runs').values([
      { pipeline_id: 'mail', started_at: '2026-12-02T05:00:00.000Z', status: 'ok' },
      { pipeline_id: 'mail', started_at: '2026-12-04T05:00:00.000Z', status: 'partial' },
      { pipeline_id: 'other', started_at: '2026-12-09T05:00:00.000Z', status: 'ok' },
    ]).execute();
    await old.insertInto('digest_emails').values([
      { pipeline_id: 'mail', channel: 'email#desk', date: '2026-12-01', sent_at: '2026-12-02T05:00:03.000Z' },
      { pipeline_id: 'mail', channel: 'email#desk', date: '2026-12-03', sent_at: '2026-12-04T05:00:03.000Z' },
      { pipeline_id: 'mail', channel: 'email:a@example.org', date: '2026-12-03', sent_at: '2026-12-04T05:00:04.000Z' },
    ]).execute();
    await old.destroy();

    const store = await openStore(database.target);
    try {
      const rows = await store.db.selectFrom('digest_channels').selectAll().orderBy('channel').execute();
      expect(rows).toEqual([
        { pipeline_id: 'mail', channel: 'email#desk', first_seen_at: '2026-12-02T05:00:03.000Z', last_seen_at: '2026-12-04T05:00:00.000Z', given_up_through: '2026-12-03' },
        { pipeline_id: 'mail', channel: 'email:a@example.org', first_seen_at: '2026-12-04T05:00:04.000Z', last_seen_at: '2026-12-04T05:00:00.000Z', given_up_through: '2026-12-03' },
      ]);
    } finally {
      await store.close();
    }
  });
});
