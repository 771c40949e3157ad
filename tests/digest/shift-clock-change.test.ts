import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedPipeline } from '../../src/config/index.ts';
import { sameTimeOn } from '../../src/digest/day.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import { writeDigest } from '../../src/run/write-digest.ts';
import * as repo from '../../src/store/index.ts';
import type { Store } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { wireDigestProject } from '../helpers/wire-digest-project.ts';
import { wireArticle } from '../helpers/wire-source.ts';

const supporting: ScoreResult = {
  scorerVersion: 'test',
  relevance: { score: 0.9, relevant: true, evidence: ['pause'] },
  stance: { label: 'support', score: 0.6, confidence: 0.7, evidence: [] },
  voices: [],
};

describe('the same time of day a week before', () => {
  it('is by the zone\'s clock, not seven times 24 hours, across a change of the clocks', () => {
    // 08:00 in New York on 10 March 2026 (summer time since the 8th) and 08:00 on the 3rd (winter time)
    expect(sameTimeOn('2026-03-10T12:00:00.000Z', '2026-03-03', 'America/New_York')).toBe('2026-03-03T13:00:00.000Z');
    expect(sameTimeOn('2026-11-03T13:00:00.000Z', '2026-10-27', 'America/New_York')).toBe('2026-10-27T12:00:00.000Z');
    // a week without a change: 7 times 24 hours
    expect(sameTimeOn('2026-06-10T06:00:00.000Z', '2026-06-03', 'Europe/Brussels')).toBe('2026-06-03T06:00:00.000Z');
    // 01:30 does not exist in London on 29 March 2026: the first instant after it, 02:00 summer time
    expect(sameTimeOn('2026-04-05T00:30:00.000Z', '2026-03-29', 'Europe/London')).toBe('2026-03-29T01:00:00.000Z');
  });
});

describe.each(dialects)('the weekly shift of a morning digest across a change of the clocks, on $name', ({ fresh }) => {
  let store: Store;
  let loaded: LoadedPipeline;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ store, loaded, close } = await wireDigestProject(fresh, { timeZone: 'America/New_York', since: '2026-02-01T00:00:00.000Z' }));
    // 07:30 and 08:30 in New York on 3 March, winter time
    for (const [key, published] of [['early', '2026-03-03T12:30:00.000Z'], ['late', '2026-03-03T13:30:00.000Z']] as const) {
      const id = await repo.insertArticle(store.db, { ...wireArticle(key, published, published), title: `Labs weigh a pause ${key}`, site_name: 'Wire' });
      await repo.saveScore(store.db, id, supporting, published);
    }
  });
  afterAll(async () => {
    await close?.();
  });

  it('counts the last day of the week before to the same 08:00, though the clocks went forward between', async () => {
    const { data } = await writeDigest({ loaded, store, date: '2026-03-10', now: () => new Date('2026-03-10T12:00:00.000Z') });
    // the 07:30 article, before 08:00 that day, is counted; the 08:30 one is not
    expect(data.shift).toMatchObject({ previous: { from: '2026-02-25', to: '2026-03-03', articles: 1, support: 1 }, countedTo: '2026-03-10T12:00:00.000Z' });
  });
});
