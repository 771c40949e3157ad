import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../src/digest/day.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { appearedAt, storedTimeBounds } from '../../src/trends/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/**
 * The narrow reads `stories`, `trends` and `articles --story` make: the same rows and figures as the whole-row reads
 * they replace, and for trends, every original that appeared on the days asked for, whatever the zone, bare dates
 * included.
 */
describe.each(dialects)('the reads of stories and trends on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let story: number;
  let otherStory: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    const db = store.db;
    const now = '2026-06-01T00:00:00.000Z';
    await repo.syncSources(db, 'p', [{ id: 'a', kind: 'feed', name: 'A', location: 'https://a.example/feed' }, { id: 'b', kind: 'feed', name: 'B', location: 'https://b.example/feed' }], now);
    await repo.syncSources(db, 'other', [{ id: 'a', kind: 'feed', name: 'A', location: 'https://a.example/feed' }], now);
    story = await repo.createStory(db, 'p', 'A story', now);
    otherStory = await repo.createStory(db, 'other', 'Another pipeline', now);
    const add = async (name: string, row: { pipeline?: string; source?: string; published: string | null; fetched: string; copyOf?: string; story?: number; site?: string }) => {
      ids[name] = await repo.insertArticle(db, {
        pipeline_id: row.pipeline ?? 'p', source_id: row.source ?? 'a', item_key: name, url: `https://a.example/${name}`, canonical_url: `https://a.example/${name}`,
        title: name, byline: null, published_at: row.published, modified_at: null, fetched_at: row.fetched, lang: 'en', site_name: row.site ?? null, image: null,
        summary: null, text: `The text of ${name}.`, word_count: 4, partial: 0, content_hash: name, near_signature: '', topic_signature: '',
        duplicate_of: row.copyOf === undefined ? null : ids[row.copyOf]!, duplicate_reason: row.copyOf === undefined ? null : 'hash',
        story_id: row.story ?? null, extract_error: null, updated_at: row.fetched,
      });
    };
    // a copy published (a bare date) before its original: the pair appeared on the copy's day
    await add('o1', { published: '2026-06-01T10:00:00.000Z', fetched: '2026-06-02T08:00:00.000Z', story, site: 'Outlet' });
    await add('c1', { published: '2026-05-30', fetched: '2026-06-03T08:00:00.000Z', copyOf: 'o1', story, source: 'b' });
    // undated, with an undated copy: first seen, late evening in New York
    await add('o2', { published: null, fetched: '2026-06-05T03:00:00.000Z' });
    await add('c2', { published: null, fetched: '2026-06-05T04:00:00.000Z', copyOf: 'o2', story });
    // a bare date, which sorts before every instant of its day; west of UTC the day starts hours after its midnight
    await add('o3', { published: '2026-06-10', fetched: '2026-06-10T12:00:00.000Z', story });
    // an original published weeks later than a copy dated in June
    await add('o4', { published: '2026-07-20T12:00:00.000Z', fetched: '2026-07-20T13:00:00.000Z' });
    await add('c4', { published: '2026-06-07T00:00:00.000Z', fetched: '2026-07-21T00:00:00.000Z', copyOf: 'o4' });
    await add('o5', { published: '2026-06-10T03:30:00.000Z', fetched: '2026-06-10T04:00:00.000Z' });
    await add('o6', { published: null, fetched: '2026-06-11T03:59:59.000Z' });
    await add('o7', { published: '2026-06-05T12:00:00.000Z', fetched: '2026-06-05T12:00:00.000Z', pipeline: 'other', story: otherStory });
    // long after everything else, with a copy dated later still
    await add('o8', { published: '2026-08-01T12:00:00.000Z', fetched: '2026-08-01T12:30:00.000Z' });
    await add('c8', { published: '2026-08-02T12:00:00.000Z', fetched: '2026-08-02T12:30:00.000Z', copyOf: 'o8' });
    const score = (label: 'support' | 'oppose' | null, version: string) => ({
      scorerVersion: version,
      relevance: { score: label ? 0.9 : 0.1, relevant: label !== null, evidence: ['pause'] },
      stance: label ? { label, score: label === 'support' ? 0.5 : -0.5, confidence: 0.6, evidence: [{ sentence: 'A pause.', weight: 0.4 }] } : null,
      voices: [{ actor: 'A senator', stance: 'support' as const, quote: 'Pause now.' }],
    });
    await repo.saveScore(db, ids.o1!, score('support', '1'), '2026-06-02T08:00:00.000Z');
    // re-scored under a new version, which takes over
    await repo.saveScore(db, ids.o1!, score('oppose', '2'), '2026-06-09T08:00:00.000Z');
    await repo.saveScore(db, ids.o2!, score(null, '1'), '2026-06-05T03:00:00.000Z');
    await repo.saveScore(db, ids.c2!, score('support', '1'), '2026-06-05T04:00:00.000Z');
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it("trendOriginals: the pipeline's originals in listArticles' order, with their copies' earliest publication date", async () => {
    const all = await repo.listArticles(store.db, { pipelineId: 'p' });
    const originals = all.filter((a) => a.duplicate_of === null);
    const copies = await repo.copyPublicationTimes(store.db, originals.map((a) => a.id));
    const ofKind = (times: string[] | undefined, bare: boolean) => times?.find((time) => (time.length === 10) === bare) ?? null;
    const expected = originals.map((a) => ({
      id: a.id, published_at: a.published_at, fetched_at: a.fetched_at, copy_published_day: ofKind(copies.get(a.id), true), copy_published_at: ofKind(copies.get(a.id), false),
    }));
    expect(await repo.trendOriginals(store.db, 'p')).toEqual(expected);
    expect(expected.find((a) => a.id === ids.o1)).toMatchObject({ copy_published_day: '2026-05-30', copy_published_at: null });
    expect(expected.find((a) => a.id === ids.o4)).toMatchObject({ copy_published_day: null, copy_published_at: '2026-06-07T00:00:00.000Z' });
  });

  const zones = ['America/New_York', 'Pacific/Pago_Pago', 'UTC', 'Europe/Brussels', 'Asia/Tokyo', 'Pacific/Kiritimati'];
  const ranges = [
    { since: '2026-05-30' },
    { since: '2026-05-31' },
    { since: '2026-06-05', until: '2026-06-05' },
    { since: '2026-06-06', until: '2026-06-07' },
    { since: '2026-06-09', until: '2026-06-10' },
    { since: '2026-06-10', until: '2026-06-10' },
    { since: '2026-06-11' },
    { until: '2026-06-04' },
    { until: '2026-06-09' },
    { until: '2026-06-10' },
    { since: '2026-07-15' },
  ];

  it.each(zones)('trendOriginals keeps every original that appeared on the days of a range in %s, and leaves out those far from it', async (zone) => {
    const all = await repo.trendOriginals(store.db, 'p');
    for (const range of ranges) {
      const dayOfRow = (row: repo.TrendOriginalRow) => dayOf(appearedAt(row, [row.copy_published_day, row.copy_published_at], zone), zone);
      const inRange = (day: string) => (range.since === undefined || day >= range.since) && (range.until === undefined || day <= range.until);
      const picked = await repo.trendOriginals(store.db, 'p', storedTimeBounds(range, zone));
      const expected = all.filter((row) => inRange(dayOfRow(row)));
      // the same rows as the whole list, in its order, the days asked for all there
      expect(all.filter((row) => picked.some((p) => p.id === row.id)), JSON.stringify(range)).toEqual(picked);
      expect(picked, JSON.stringify(range)).toEqual(expect.arrayContaining(expected));
      // what the query adds to them is at most a neighbouring day
      const near = (day: string) => inRange(day) || [-1, 1].some((step) => inRange(new Date(Date.parse(`${day}T00:00:00Z`) + step * 86_400_000).toISOString().slice(0, 10)));
      expect(picked.filter((row) => !near(dayOfRow(row))), JSON.stringify(range)).toEqual([]);
    }
  });

  it('storyMembers: the articles of the stories asked for, by id', async () => {
    expect(await repo.storyMembers(store.db, [story])).toEqual([
      { id: ids.o1, story_id: story, duplicate_of: null, site_name: 'Outlet', source_id: 'a' },
      { id: ids.c1, story_id: story, duplicate_of: ids.o1, site_name: null, source_id: 'b' },
      { id: ids.c2, story_id: story, duplicate_of: ids.o2, site_name: null, source_id: 'a' },
      { id: ids.o3, story_id: story, duplicate_of: null, site_name: null, source_id: 'a' },
    ]);
    expect(await repo.storyMembers(store.db, [otherStory])).toEqual([{ id: ids.o7, story_id: otherStory, duplicate_of: null, site_name: null, source_id: 'a' }]);
    expect(await repo.storyMembers(store.db, [])).toEqual([]);
  });

  it("latestScoreVerdicts: latestScores' newest score of each article, without its evidence and voices", async () => {
    const wanted = Object.values(ids);
    const full = await repo.latestScores(store.db, wanted);
    const lean = await repo.latestScoreVerdicts(store.db, wanted);
    expect([...lean.keys()].sort()).toEqual([...full.keys()].sort());
    for (const [id, row] of full) {
      const { evidence: _evidence, voices: _voices, ...verdict } = row;
      expect(lean.get(id)).toEqual(verdict);
    }
    expect(lean.get(ids.o1!)).toMatchObject({ scorer_version: '2', label: 'oppose' });
    expect(await repo.latestScoreVerdicts(store.db, [])).toEqual(new Map());
  });

  it("hasStory: only the pipeline's own stories", async () => {
    expect(await repo.hasStory(store.db, 'p', story)).toBe(true);
    expect(await repo.hasStory(store.db, 'p', otherStory)).toBe(false);
    expect(await repo.hasStory(store.db, 'other', otherStory)).toBe(true);
    expect(await repo.hasStory(store.db, 'p', otherStory + 100)).toBe(false);
  });
});
