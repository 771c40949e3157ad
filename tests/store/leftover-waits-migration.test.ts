import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { databaseAt } from '../helpers/migrated-database.ts';

/**
 * Earlier releases held a host's other feeds for as long as one answer's Retry-After asked (days), and put a feed's
 * next check off by a 200's Retry-After (a week): after the upgrade those waits must not go on holding healthy feeds.
 */
describe.each(dialects)('upgrading a $name database with waits an earlier release stored', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => database?.drop());

  it("holds a host's other feeds six hours at most, keeps the answered feed's own wait, and forgets a 200's Retry-After", async () => {
    database = await fresh();
    const old = await databaseAt(name, database.target, '033-run-alive-at');
    const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
    const [threeDays, week, twoHours] = [hours(72), hours(168), hours(2)];
    const source = (id: string, fields: Record<string, unknown>) => ({
      id, pipeline_id: 'p', kind: 'feed', name: id, location: `https://x.example/${id}.xml`, error_streak: 0, items_seen: 1, gone: 0, created_at: hours(-24), updated_at: hours(-1),
      ...fields,
    });
    await old
      .insertInto('sources')
      .values([
        source('answered', { last_error_code: 'http_429', last_error: 'HTTP 429 from https://x.example/answered.xml', error_streak: 1, server_wait_until: threeDays, next_check_at: threeDays }),
        source('held', { last_error_code: 'http_429', last_error: 'not requested: https://x.example/held.xml (x.example answered HTTP 429 to https://x.example/answered.xml)', error_streak: 1, server_wait_until: threeDays, next_check_at: threeDays }),
        source('put-off', { next_check_at: week, next_check_reason: '1 item over 3.3 h: every 3.3 h; raised to 7 days by Retry-After' }),
        source('steady', { next_check_at: twoHours, next_check_reason: '1 item over 3.3 h: every 3.3 h' }),
      ])
      .execute();
    await old.insertInto('host_waits').values([
      { pipeline_id: 'p', host: 'x.example', wait_until: threeDays, status: 429, asked_by: 'https://x.example/answered.xml' },
      { pipeline_id: 'p', host: 'y.example', wait_until: twoHours, status: 503, asked_by: 'https://y.example/feed' },
    ]).execute();
    await old.destroy();

    const before = Date.now();
    const store = await openStore(database.target);
    try {
      const sixHoursOn = (value: string | null) => Math.abs(Date.parse(value ?? '') - (before + 6 * 3_600_000)) < 60_000;
      const waits = await store.db.selectFrom('host_waits').select(['host', 'wait_until']).orderBy('host').execute();
      expect(sixHoursOn(waits[0]!.wait_until)).toBe(true);
      expect(waits[1]).toEqual({ host: 'y.example', wait_until: twoHours });
      const rows = Object.fromEntries(
        (await store.db.selectFrom('sources').select(['id', 'server_wait_until', 'next_check_at', 'next_check_reason']).execute()).map((row) => [row.id, row]),
      );
      expect(rows['answered']).toMatchObject({ server_wait_until: threeDays, next_check_at: threeDays });
      expect(sixHoursOn(rows['held']!.server_wait_until) && sixHoursOn(rows['held']!.next_check_at)).toBe(true);
      expect(rows['put-off']).toMatchObject({ next_check_at: null, next_check_reason: null });
      expect(rows['steady']).toMatchObject({ next_check_at: twoHours, next_check_reason: '1 item over 3.3 h: every 3.3 h' });
    } finally {
      await store.close();
    }
  });
});
