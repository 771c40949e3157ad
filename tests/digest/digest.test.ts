import { describe, expect, it } from 'vitest';
import { buildDigest, dayBounds, renderMarkdown, type DigestArticle } from '../../src/digest/index.ts';

function article(id: number, overrides: Partial<DigestArticle> = {}): DigestArticle {
  return {
    id, title: `Article ${id}`, url: `https://news.example/${id}`, outlet: `Outlet ${id}`, sourceId: 's', publishedAt: '2026-06-09T08:00:00.000Z',
    fetchedAt: '2026-06-10T06:00:00.000Z', wordCount: 500, duplicateOf: null, storyId: 1, relevance: 0.9, relevant: true,
    stance: { label: 'neutral', score: 0, confidence: 0.7, override: false }, evidence: [], voices: [], ...overrides,
  };
}

const base = {
  pipeline: { id: 'p', name: 'Pause watch', description: 'The pause proposal' },
  date: '2026-06-10', timeZone: 'UTC', generatedAt: '2026-06-10T06:30:00.000Z',
  storyLabels: new Map([[1, 'Labs weigh a pause'], [2, 'Chip rules']]), sources: [], maxStories: 10, includeOffTopic: false,
};

describe('the digest', () => {
  it('groups articles by story, most outlets first, and counts a syndicated copy once in the stance totals', () => {
    const digest = buildDigest({
      ...base,
      articles: [
        article(1, { stance: { label: 'support', score: 0.7, confidence: 0.9, override: false } }),
        article(2, { duplicateOf: 1, stance: { label: 'support', score: 0.7, confidence: 0.9, override: false } }),
        article(3, { storyId: 2, stance: { label: 'oppose', score: -0.6, confidence: 0.8, override: false } }),
        article(4, { storyId: 2, relevant: false, stance: null }),
      ],
    });
    expect(digest.stories.map((s) => [s.label, s.articleCount, s.outletCount])).toEqual([['Labs weigh a pause', 2, 2], ['Chip rules', 1, 1]]);
    expect(digest.totals).toMatchObject({ articles: 4, onTopic: 3, offTopic: 1, duplicates: 1, stance: { support: 1, oppose: 1, neutral: 0 } });
    expect(digest.stories[0]!.articles.map((a) => a.id)).toEqual([1, 2]);
  });

  it('says who argues on which side, a speaker quoted by several outlets once per article', () => {
    const sacks = { actor: 'David Sacks', stance: 'oppose' as const, quote: 'regulatory capture' };
    const digest = buildDigest({
      ...base,
      articles: [
        article(1, { voices: [sacks, { ...sacks, quote: 'again' }, { actor: 'Anthropic', stance: 'support', quote: 'a good thing' }] }),
        article(2, { voices: [{ ...sacks, actor: 'david  sacks' }] }),
        article(3, { duplicateOf: 1, voices: [sacks] }),
      ],
    });
    expect(digest.voices.map((v) => [v.actor, v.stance, v.articles])).toEqual([['David Sacks', 'oppose', 2], ['Anthropic', 'support', 1]]);
    const markdown = renderMarkdown(digest);
    expect(markdown).toContain('- **For a pause:** Anthropic');
    expect(markdown).toContain('- **Against:** David Sacks (2 articles)');
  });

  it('renders hostile feed text inert: no HTML, no fake links, no javascript: URLs, no broken tables', () => {
    const digest = buildDigest({
      ...base,
      storyLabels: new Map([[1, '<script>alert(1)</script> # heading']]),
      articles: [
        article(1, {
          title: '[Click here](javascript:alert(1)) <img src=x onerror=alert(1)> | cell',
          url: 'javascript:alert(document.cookie)',
          outlet: 'Evil *Outlet*',
          evidence: [{ sentence: 'Pause **now** `rm -rf` <b>bold</b>', weight: 0.5 }],
        }),
      ],
      sources: [{ id: 's', name: 'Feed | with pipe', status: 'failed', lastError: 'HTTP 500 <html>' }],
    });
    const markdown = renderMarkdown(digest);
    expect(markdown).not.toMatch(/<script|<img|<b>|<html>/);
    // A link needs an unescaped "](": the title's brackets are escaped and the javascript: URL is shown as text.
    expect(markdown).not.toMatch(/(?<!\\)\]\(<?javascript:/);
    expect(markdown).toContain('(javascript:alert(document.cookie))');
    expect(markdown).toContain('\\[Click here\\]');
    expect(markdown).toContain('&lt;script&gt;');
    expect(markdown).toContain('Evil \\*Outlet\\*');
    expect(markdown).toContain('| Feed \\| with pipe | failed |');
  });

  it('drops C1 controls and bidirectional overrides, which would drive a terminal or reverse the line after a title', () => {
    const digest = buildDigest({ ...base, articles: [article(1, { title: 'Bidi \u202egnp.exe\u202c and \u2067isolate\u2069 \u009b31mred', outlet: 'Out\u0085let' })] });
    const markdown = renderMarkdown(digest);
    expect(markdown).toContain('[Bidi gnp.exe and isolate 31mred](<https://news.example/1>) — Outlet');
    expect(markdown).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('dates each article by the day in the digest time zone', () => {
    const lateInNewYork = { ...article(3), publishedAt: '2026-06-10T03:30:00.000Z' };
    expect(renderMarkdown(buildDigest({ ...base, timeZone: 'America/New_York', articles: [lateInNewYork] }))).toContain('— Outlet 3 · 2026-06-09 · #3');
    expect(renderMarkdown(buildDigest({ ...base, articles: [lateInNewYork] }))).toContain('— Outlet 3 · 2026-06-10 · #3');
  });

  it('shortens a title of thousands of characters at a word, and never inside an emoji', () => {
    const markdown = renderMarkdown(buildDigest({ ...base, articles: [article(4, { title: `${'pause '.repeat(2_000)}end` })] }));
    const line = markdown.split('\n').find((l) => l.includes('#4'))!;
    expect(line).toMatch(/^- \[(pause ){48}pause…\]\(<https:\/\/news\.example\/4>\)/);
    const emoji = renderMarkdown(buildDigest({ ...base, articles: [article(5, { title: '😀'.repeat(400) })] }));
    expect(emoji).toContain(`[${'😀'.repeat(299)}…]`);
  });

  it('links only http(s) URLs', () => {
    const markdown = renderMarkdown(buildDigest({ ...base, articles: [article(7)] }));
    expect(markdown).toContain('[Article 7](<https://news.example/7>)');
  });
});

describe('a digest day', () => {
  it('is the calendar day in the digest time zone, 23 or 25 hours long across a DST change', () => {
    expect(dayBounds('2026-06-10', 'UTC')).toEqual({ start: '2026-06-10T00:00:00.000Z', end: '2026-06-11T00:00:00.000Z' });
    expect(dayBounds('2026-06-10', 'Europe/Brussels')).toEqual({ start: '2026-06-09T22:00:00.000Z', end: '2026-06-10T22:00:00.000Z' });
    expect(dayBounds('2026-03-29', 'Europe/Brussels')).toEqual({ start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' });
    expect(dayBounds('2026-11-01', 'America/New_York')).toEqual({ start: '2026-11-01T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' });
  });
});
