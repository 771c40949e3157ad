import { describe, expect, it } from 'vitest';
import { computeDedupKeys, DEDUP_WINDOW_DAYS, exactDuplicateKeys, isInDedupWindow } from '../../src/dedup/index.ts';

const run = '2026-11-25T06:00:00.000Z';
const recentSince = new Date(Date.parse(run) - DEDUP_WINDOW_DAYS * 86_400_000).toISOString();

describe('the dedup window', () => {
  it('holds the articles that appeared within a fortnight of the new one, either side, by publication date', () => {
    const firstSeenLongAgo = { fetchedAt: '2026-11-01T06:00:00.000Z' };
    // a backlog item published on 31 October meets the coverage of late October and early November
    expect(isInDedupWindow({ ...firstSeenLongAgo, publishedAt: '2026-10-30T09:00:00.000Z' }, '2026-10-31T12:00:00.000Z', recentSince)).toBe(true);
    expect(isInDedupWindow({ ...firstSeenLongAgo, publishedAt: '2026-11-13T09:00:00.000Z' }, '2026-10-31T12:00:00.000Z', recentSince)).toBe(true);
    expect(isInDedupWindow({ ...firstSeenLongAgo, publishedAt: '2026-10-10T09:00:00.000Z' }, '2026-10-31T12:00:00.000Z', recentSince)).toBe(false);
    // an undated article appeared when it was first seen
    expect(isInDedupWindow({ fetchedAt: '2026-10-25T06:00:00.000Z', publishedAt: null }, '2026-10-31T12:00:00.000Z', recentSince)).toBe(true);
    expect(isInDedupWindow({ fetchedAt: '2026-10-01T06:00:00.000Z', publishedAt: null }, '2026-10-31T12:00:00.000Z', recentSince)).toBe(false);
  });

  it('also holds every article first seen in the fortnight before the run, whenever it was published', () => {
    // an old article a backlog brought last week is there for today's undated capture of it
    expect(isInDedupWindow({ fetchedAt: '2026-11-20T06:00:00.000Z', publishedAt: '2026-06-05T09:00:00.000Z' }, run, recentSince)).toBe(true);
    expect(isInDedupWindow({ fetchedAt: '2026-11-01T06:00:00.000Z', publishedAt: '2026-06-05T09:00:00.000Z' }, run, recentSince)).toBe(false);
  });
});

describe('the exact keys of an article', () => {
  const long = 'Leading AI labs and governments agreed to study a coordinated and verified pause of frontier AI development, officials who attended the meeting said on Thursday.';
  it('are its canonical URL, then its content hash when its text is long enough to trust it', () => {
    const keys = computeDedupKeys({ url: 'https://a.example/pause?utm_source=x', title: null, text: long });
    expect(exactDuplicateKeys(keys)).toEqual([
      { reason: 'canonical_url', value: 'https://a.example/pause' },
      { reason: 'content_hash', value: keys.contentHash },
    ]);
    // a paywall stub's hash is shared by unrelated articles
    expect(exactDuplicateKeys(computeDedupKeys({ url: 'https://a.example/2', title: null, text: 'Subscribe to read the rest of this article.' })).map((k) => k.reason)).toEqual(['canonical_url']);
  });
});
