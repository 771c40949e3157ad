import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedPipeline } from '../../src/config/index.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import { writeDigest } from '../../src/run/write-digest.ts';
import * as repo from '../../src/store/index.ts';
import type { Store } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { wireDigestProject } from '../helpers/wire-digest-project.ts';
import { wireArticle } from '../helpers/wire-source.ts';

const support: ScoreResult = {
  scorerVersion: 'test',
  relevance: { score: 0.9, relevant: true, evidence: ['pause'] },
  stance: { label: 'support', score: 0.6, confidence: 0.7, evidence: [] },
  voices: [],
};

describe.each(dialects)('a digest west of UTC counts an article dated without a time on that day, on $name', ({ fresh }) => {
  let store: Store;
  let loaded: LoadedPipeline;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ store, loaded, close } = await wireDigestProject(fresh, { timeZone: 'America/New_York', since: '2026-06-01T00:00:00.000Z' }));
    const fetchedAt = '2026-06-10T14:00:00.000Z';
    // dated by the day alone, the first day of the week that ends on the 10th
    const id = await repo.insertArticle(store.db, { ...wireArticle('a', '2026-06-04', fetchedAt), title: 'Labs weigh a pause', site_name: 'Wire' });
    await repo.saveScore(store.db, id, support, fetchedAt);
  });
  afterAll(async () => {
    await close?.();
  });

  it('in the weekly shift and on the article line', async () => {
    const { data, paths } = await writeDigest({ loaded, store, date: '2026-06-10', now: () => new Date('2026-06-10T20:00:00.000Z') });
    expect(data.shift).toMatchObject({ current: { from: '2026-06-04', to: '2026-06-10', articles: 1, support: 1 }, previous: { articles: 0 } });
    expect(readFileSync(paths.find((p) => p.endsWith('.md'))!, 'utf8')).toMatch(/Labs weigh a pause.* · 2026-06-04 · #/);
  });
});
