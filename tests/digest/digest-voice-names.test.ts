import { describe, expect, it } from 'vitest';
import { buildDigest, renderMarkdown, type DigestArticle } from '../../src/digest/index.ts';
import type { Voice } from '../../src/model/index.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';

function article(id: number, voices: Voice[]): DigestArticle {
  return {
    id, title: `Article ${id}`, untitled: false, url: `https://news.example/${id}`, outlet: `Outlet ${id}`, sourceId: 's',
    publishedAt: '2026-06-09T08:00:00.000Z', fetchedAt: '2026-06-10T06:00:00.000Z', wordCount: 500, duplicateOf: null, storyId: id,
    relevance: 0.9, relevant: true, stance: { label: 'neutral', score: 0, confidence: 0.7, override: false }, evidence: [], voices,
  };
}

const base = {
  pipeline: { id: 'p', name: 'Pause watch', description: 'The pause proposal' },
  date: '2026-06-10', timeZone: 'UTC', generatedAt: '2026-06-10T06:30:00.000Z',
  sources: [], maxStories: 10, includeOffTopic: false,
};

/** The "Who is arguing" lines of the digest of these articles. */
function whoIsArguing(articles: DigestArticle[]): string[] {
  const markdown = renderMarkdown(buildDigest({ ...base, articles }));
  const lines = markdown.split('\n');
  const start = lines.indexOf('## Who is arguing');
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end).filter((line) => line.trim().length > 0);
}

describe('"Who is arguing" names the people and groups the articles quote', () => {
  it('lists the speakers of the reported articles, not a title, a thing or a description: Helen Marsh, the opponents, Paul Kane', () => {
    const texts = [
      'Campaigners renewed calls for a verified pause of frontier AI training.\n\n"A pause is the only responsible course," said Dr.\nHelen Marsh.',
      'Opponents of a global pause on frontier AI development argued that it would hand the lead to rivals.',
      'The Centre for Long-Term Resilience responded to the pause proposal on Tuesday.\n\n"A pause would be a disaster for research," said its director, Paul Kane.',
    ];
    const articles = texts.map((text, index) => article(index + 1, pauseScorer.score({ title: null, text }).voices));
    const lines = whoIsArguing(articles);
    expect(lines.find((line) => line.startsWith('- **For a pause:**'))).toContain('Helen Marsh');
    expect(lines.find((line) => line.startsWith('- **Against:**'))).toMatch(/Opponents of a global pause.*Paul Kane|Paul Kane.*Opponents of a global pause/);
    expect(lines.join('\n')).not.toMatch(/\bDr\b|frontier AI development|its director/);
  });

  it('merges a title and surname ("Dr. Marsh") and a name stored with its title ("Dr. Helen Marsh") into the full name', () => {
    const said = (actor: string): Voice => ({ actor, stance: 'support', quote: `${actor} said so` });
    const digest = buildDigest({
      ...base,
      articles: [article(1, [said('Helen Marsh')]), article(2, [said('Dr. Marsh')]), article(3, [said('Dr. Helen Marsh')]), article(4, [said('Prof Marsh')])],
    });
    expect(digest.voices.map((v) => [v.actor, v.stance, v.articles])).toEqual([['Helen Marsh', 'support', 4]]);
  });

  it('merges a name written in one article with a title spelled out ("Senator Maria Lopez") and in another without it', () => {
    const said = (actor: string): Voice => ({ actor, stance: 'support', quote: `${actor} said so` });
    const digest = buildDigest({
      ...base,
      articles: [article(1, [said('Senator Maria Lopez')]), article(2, [said('Maria Lopez')]), article(3, [said('Lopez')]), article(4, [said('US Senator Maria Lopez')])],
    });
    expect(digest.voices.map((v) => [v.actor, v.stance, v.articles])).toEqual([['US Senator Maria Lopez', 'support', 4]]);
    const ceo = buildDigest({ ...base, articles: [article(1, [said('OpenAI CEO Sam Altman')]), article(2, [said('Sam Altman')])] });
    expect(ceo.voices.map((v) => [v.actor, v.articles])).toEqual([['OpenAI CEO Sam Altman', 2]]);
  });

  it('leaves a name apart when the words before it in a fuller one are no titles: a first name, a body\'s', () => {
    const said = (actor: string): Voice => ({ actor, stance: 'oppose', quote: 'no' });
    const lopez = buildDigest({ ...base, articles: [article(1, [said('Ana Maria Lopez')]), article(2, [said('Maria Lopez')])] });
    expect(lopez.voices.map((v) => v.actor).sort()).toEqual(['Ana Maria Lopez', 'Maria Lopez']);
    // a body named with more words is another body
    const councils = buildDigest({ ...base, articles: [article(1, [said('National Security Council')]), article(2, [said('Security Council')])] });
    expect(councils.voices.map((v) => v.actor).sort()).toEqual(['National Security Council', 'Security Council']);
  });

  it('leaves "Dr. Clark" apart when two full names end with that surname', () => {
    const said = (actor: string): Voice => ({ actor, stance: 'oppose', quote: 'no' });
    const digest = buildDigest({ ...base, articles: [article(1, [said('Jack Clark')]), article(2, [said('Wesley Clark')]), article(3, [said('Dr. Clark')])] });
    expect(digest.voices.map((v) => v.actor).sort()).toEqual(['Dr. Clark', 'Jack Clark', 'Wesley Clark']);
  });
});
