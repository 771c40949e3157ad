import { afterEach, describe, expect, it, vi } from 'vitest';
import { dayOf } from '../../src/digest/day.ts';
import * as repo from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { appearedAt, earliestPublished, storedTimeBounds } from '../../src/trends/index.ts';
import { dialects } from '../helpers/databases.ts';
import { seededTrendsProject } from '../helpers/seeded-trends.ts';
import type { TempProject } from '../helpers/temp-project.ts';

const fetched = '2026-12-06T12:00:00.000Z';

describe('the earliest publication of an original and its copies', () => {
  it('is by the day in the zone, where a bare date is its own day: west of UTC an instant of the 4th UTC may be the 3rd', () => {
    // 03:00 UTC on the 4th is 22:00 on the 3rd in New York, a day before the bare date "2026-12-04", which sorts first as text
    const original = { published_at: '2026-12-04', fetched_at: fetched };
    expect(appearedAt(original, ['2026-12-04T03:00:00.000Z'], 'America/New_York')).toBe('2026-12-04T03:00:00.000Z');
    expect(dayOf(appearedAt(original, ['2026-12-04T03:00:00.000Z'], 'America/New_York'), 'America/New_York')).toBe('2026-12-03');
    expect(earliestPublished(['2026-12-04', '2026-12-04T03:00:00.000Z'], 'America/New_York')).toBe('2026-12-04T03:00:00.000Z');
    expect(earliestPublished(['2026-12-04T03:00:00.000Z', '2026-12-04'], 'America/New_York')).toBe('2026-12-04T03:00:00.000Z');
    // on the same day, the bare date counts as its start; east of UTC the instant is on the 4th too
    expect(earliestPublished(['2026-12-04T03:00:00.000Z', '2026-12-04'], 'Asia/Tokyo')).toBe('2026-12-04');
    expect(earliestPublished(['2026-12-04T03:00:00.000Z', '2026-12-04'], 'UTC')).toBe('2026-12-04');
    // and by instant within a day, wherever the list puts them
    expect(earliestPublished(['2026-12-04T05:00:00.000Z', '2026-12-04T03:00:00.000Z'], 'America/New_York')).toBe('2026-12-04T03:00:00.000Z');
    expect(earliestPublished([null, undefined], 'UTC')).toBeUndefined();
    expect(appearedAt({ published_at: null, fetched_at: fetched }, [null], 'UTC')).toBe(fetched);
  });
});

describe.each(dialects)('an original whose copies give a bare date and an instant, on $name', ({ fresh }) => {
  let project: TempProject | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await project?.remove();
  });

  it('appeared on the day of the earlier in the digest zone, in the store, trends and the range trends pick', async () => {
    const timeZone = 'America/New_York';
    project = await seededTrendsProject({
      database: fresh,
      timeZone,
      runs: ['2026-11-01T12:00:00.000Z'],
      articles: [
        // undated original; one copy dated by the day alone, one at 22:00 the evening before in New York
        { name: 'original', published: null, fetched, label: 'support' },
        { name: 'dated-copy', published: '2026-12-04', fetched, label: 'support', copyOf: 'original' },
        { name: 'timed-copy', published: '2026-12-04T03:00:00.000Z', fetched, label: 'support', copyOf: 'original' },
      ],
    });
    const store = await openStore(project.database.target);
    try {
      const [row] = await repo.trendOriginals(store.db, 'seeded');
      expect(row).toMatchObject({ published_at: null, copy_published_day: '2026-12-04', copy_published_at: '2026-12-04T03:00:00.000Z' });
      expect(dayOf(appearedAt(row!, [row!.copy_published_day, row!.copy_published_at], timeZone), timeZone)).toBe('2026-12-03');
      // what the digest's shift reads, with and without the copies seen by a day's end
      const times = await repo.copyPublicationTimes(store.db, [row!.id]);
      expect(dayOf(appearedAt(row!, times.get(row!.id)!, timeZone), timeZone)).toBe('2026-12-03');
      expect(await repo.copyPublicationTimes(store.db, [row!.id], { seenBefore: fetched })).toEqual(new Map());
      // the range of the 3rd alone keeps it
      expect((await repo.trendOriginals(store.db, 'seeded', storedTimeBounds({ since: '2026-12-03', until: '2026-12-03' }, timeZone))).map((r) => r.id)).toEqual([row!.id]);
    } finally {
      await store.close();
    }
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2027-01-15T12:00:00Z'));
    const rows = JSON.parse((await project.cli('trends', '--json', '--by', 'day')).stdout) as { period: string; articles: number }[];
    expect(rows.map((r) => [r.period, r.articles])).toEqual([['2026-12-03', 1]]);
    const since = JSON.parse((await project.cli('trends', '--json', '--by', 'day', '--since', '2026-12-03', '--until', '2026-12-03')).stdout) as { articles: number }[];
    expect(since.map((r) => r.articles)).toEqual([1]);
  });
});
