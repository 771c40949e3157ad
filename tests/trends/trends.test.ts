import { describe, expect, it } from 'vitest';
import { aggregateTrends, appearedAt, effectiveStance, periodOf } from '../../src/trends/index.ts';

const score = (label: 'support' | 'oppose' | 'neutral' | null, relevant = 1) => ({
  relevant, relevance: relevant ? 0.9 : 0.1, label, score: label === 'support' ? 0.6 : label === 'oppose' ? -0.4 : 0, confidence: 0.7, scorer_version: 'v1', unread_language: null,
});

describe('the stance that counts', () => {
  it("is the analyst label when there is one, beside the scorer's own score, confidence and version; trends take the label's pole", () => {
    const stance = effectiveStance(score('support'), { label: 'oppose', note: 'sarcasm', created_at: '2026-06-10T09:00:00.000Z' });
    expect(stance).toEqual({
      relevant: true, label: 'oppose', score: 0.6, confidence: 0.7, scorerVersion: 'v1',
      override: { label: 'oppose', note: 'sarcasm', at: '2026-06-10T09:00:00.000Z' }, trendScore: -1, unreadLanguage: null,
    });
    // a label on an article the scorer found off-topic, or never scored, makes up no score
    expect(effectiveStance(score(null, 0), { label: 'support', note: null, created_at: 'x' })).toMatchObject({ relevant: true, label: 'support', score: null, confidence: null, trendScore: 1 });
    expect(effectiveStance(undefined, { label: 'neutral', note: null, created_at: 'x' })).toMatchObject({ label: 'neutral', score: null, confidence: null, scorerVersion: null, trendScore: 0 });
  });

  it('an "irrelevant" label takes an on-topic article out of the statistics', () => {
    expect(effectiveStance(score('support'), { label: 'irrelevant', note: null, created_at: 'x' })).toMatchObject({ relevant: false, label: null, score: null, confidence: null, trendScore: null });
  });

  it('an off-topic score has no stance, and an unscored article is not counted', () => {
    expect(effectiveStance(score(null, 0), undefined)).toMatchObject({ relevant: false, label: null, score: null, override: null });
    expect(effectiveStance(undefined, undefined)).toMatchObject({ relevant: false, label: null });
  });

  it('an article in a language the scorer does not read is on topic by its words, with no label unless an analyst gives one', () => {
    const german = { ...score(null), score: null, confidence: null, unread_language: 'de' };
    expect(effectiveStance(german, undefined)).toMatchObject({ relevant: true, label: null, score: null, unreadLanguage: 'de', trendScore: null });
    expect(effectiveStance(german, { label: 'oppose', note: null, created_at: 'x' })).toMatchObject({ relevant: true, label: 'oppose', unreadLanguage: 'de', trendScore: -1 });
  });
});

describe('trends', () => {
  it('names periods as ISO days, ISO weeks and months in the digest time zone', () => {
    expect(periodOf('2026-06-05T10:00:00Z', 'day', 'UTC')).toBe('2026-06-05');
    expect(periodOf('2026-06-05T23:30:00Z', 'day', 'Europe/Brussels')).toBe('2026-06-06');
    expect(periodOf('2021-01-03T12:00:00Z', 'week', 'UTC')).toBe('2020-W53');
    expect(periodOf('2024-12-30T12:00:00Z', 'week', 'UTC')).toBe('2025-W01');
    expect(periodOf('2026-06-05T10:00:00Z', 'month', 'UTC')).toBe('2026-06');
  });

  it('counts each stance per period, oldest first, with the mean score', () => {
    const rows = aggregateTrends(
      [
        { at: '2026-06-09T10:00:00Z', label: 'oppose', score: -0.5 },
        { at: '2026-06-02T10:00:00Z', label: 'support', score: 0.8 },
        { at: '2026-06-03T10:00:00Z', label: 'neutral', score: 0 },
        { at: '2026-06-10T10:00:00Z', label: 'oppose', score: null },
      ],
      'week',
      'UTC',
    );
    expect(rows).toEqual([
      { period: '2026-W23', articles: 2, support: 1, oppose: 0, neutral: 1, meanScore: 0.4 },
      { period: '2026-W24', articles: 2, support: 0, oppose: 2, neutral: 0, meanScore: -0.5 },
    ]);
  });

  it('counts coverage in a language the scorer does not read apart, and marks its period when it is dated ahead', () => {
    const rows = aggregateTrends(
      [
        { at: '2026-06-02T10:00:00Z', label: 'support', score: 0.8 },
        { at: '2026-06-02T11:00:00Z', label: null, score: null },
        { at: '2026-06-03T09:00:00Z', label: null, score: null },
      ],
      'day',
      'UTC',
      {},
      '2026-06-02',
    );
    expect(rows).toEqual([
      { period: '2026-06-02', articles: 1, support: 1, oppose: 0, neutral: 0, meanScore: 0.8, notScored: 1, partial: true, from: '2026-06-02', to: '2026-06-02' },
      { period: '2026-06-03', articles: 0, support: 0, oppose: 0, neutral: 0, meanScore: null, datedAhead: 1, notScored: 1 },
    ]);
  });

  it('lists quiet periods as zeros, between the first and last article or over the range asked for', () => {
    const points = [
      { at: '2026-06-02T10:00:00Z', label: 'support' as const, score: 0.8 },
      { at: '2026-06-24T10:00:00Z', label: 'oppose' as const, score: -0.4 },
    ];
    const zero = (period: string) => ({ period, articles: 0, support: 0, oppose: 0, neutral: 0, meanScore: null });
    expect(aggregateTrends(points, 'week', 'UTC')).toEqual([
      { period: '2026-W23', articles: 1, support: 1, oppose: 0, neutral: 0, meanScore: 0.8 },
      zero('2026-W24'),
      zero('2026-W25'),
      { period: '2026-W26', articles: 1, support: 0, oppose: 1, neutral: 0, meanScore: -0.4 },
    ]);
    expect(aggregateTrends(points, 'month', 'UTC', { from: '2026-04-15', to: '2026-07-01' }).map((row) => [row.period, row.articles])).toEqual([
      ['2026-04', 0], ['2026-05', 0], ['2026-06', 2], ['2026-07', 0],
    ]);
    expect(aggregateTrends([], 'day', 'UTC', { from: '2026-06-01', to: '2026-06-02' })).toEqual([zero('2026-06-01'), zero('2026-06-02')]);
    expect(aggregateTrends([], 'day', 'UTC')).toEqual([]);
  });

  it('dates an original by the earliest publication of it or its copies, else by when it was first seen', () => {
    const undated = { published_at: null, fetched_at: '2026-12-01T06:00:00.000Z' };
    expect(appearedAt(undated, ['2026-06-05T10:00:00.000Z'], 'UTC')).toBe('2026-06-05T10:00:00.000Z');
    expect(appearedAt(undated, [], 'UTC')).toBe('2026-12-01T06:00:00.000Z');
    expect(appearedAt({ ...undated, published_at: '2026-06-07T10:00:00.000Z' }, ['2026-06-05T10:00:00.000Z'], 'UTC')).toBe('2026-06-05T10:00:00.000Z');
  });
});
