import { describe, expect, it } from 'vitest';
import { buildDigest, renderMarkdown, type DigestArticle } from '../../src/digest/index.ts';

const support = { label: 'support' as const, score: 0.7, confidence: 0.9, override: false };

function article(id: number, overrides: Partial<DigestArticle> = {}): DigestArticle {
  return {
    id, title: `Labs weigh a pause ${id}`, untitled: false, url: `https://news.example/${id}`, outlet: `Outlet ${id}`, sourceId: 's', publishedAt: '2026-06-09T08:00:00.000Z',
    fetchedAt: '2026-06-10T06:00:00.000Z', wordCount: 500, duplicateOf: null, storyId: 1, relevance: 0.9, relevant: true, stance: support,
    evidence: [], voices: [], ...overrides,
  };
}

const base = {
  pipeline: { id: 'p', name: 'Pause watch', description: 'The pause proposal' },
  date: '2026-06-10', timeZone: 'UTC', generatedAt: '2026-06-10T06:30:00.000Z',
  sources: [], maxStories: 10, includeOffTopic: true,
};

describe('a syndicated copy in the digest', () => {
  it('is off-topic when its original is, whatever its own score says, and heads no story alone', () => {
    const irrelevant = { relevant: false, stance: null };
    const digest = buildDigest({ ...base, articles: [article(4, irrelevant), article(11, { duplicateOf: 4 })] });
    expect(digest.totals).toMatchObject({ articles: 2, onTopic: 0, offTopic: 2, duplicates: 0, stance: { support: 0, oppose: 0, neutral: 0 } });
    expect(digest.stories).toEqual([]);
    expect(digest.offTopic.map((a) => [a.id, a.relevant, a.stance])).toEqual([[4, false, null], [11, false, null]]);
    expect(renderMarkdown(digest)).toContain('**0 on-topic articles** from 0 outlets (0 originals, 0 duplicates) and 2 off-topic.');
  });

  it("takes its original's stance, an analyst's label included, and keeps its own evidence", () => {
    const labelled = { label: 'oppose' as const, score: 0.7, confidence: 0.9, override: true };
    const evidence = [{ sentence: 'A pause is the responsible choice.', weight: 0.8 }];
    const digest = buildDigest({ ...base, articles: [article(4, { stance: labelled }), article(11, { duplicateOf: 4, relevant: false, stance: null, evidence })] });
    expect(digest.totals).toMatchObject({ onTopic: 2, offTopic: 0, duplicates: 1, stance: { support: 0, oppose: 1, neutral: 0 } });
    expect(digest.stories[0]!.articles.map((a) => [a.id, a.stance, a.evidence])).toEqual([[4, labelled, []], [11, labelled, evidence]]);
  });

  it('follows an original first seen on an earlier day when the caller gives its stance, and keeps its own without it', () => {
    const copy = article(11, { duplicateOf: 4 });
    const followed = buildDigest({ ...base, articles: [copy], originals: new Map([[4, { relevant: false, stance: null }]]) });
    expect(followed.totals).toMatchObject({ onTopic: 0, offTopic: 1 });
    expect(followed.stories).toEqual([]);
    const own = buildDigest({ ...base, articles: [copy] });
    expect(own.totals).toMatchObject({ onTopic: 1, duplicates: 1 });
    expect(renderMarkdown(own)).toContain('Its original, #4, was first seen on an earlier day and is counted there');
  });
});
