import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../src/model/index.ts';
import { extractArticle } from '../../src/extract/index.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';

/** Scores a file's body the way `pausewatch score` does: extracted, title and text. */
function scoreFile(body: string, format: 'html' | 'text'): ScoreResult {
  const article = extractArticle(body, format, null);
  return pauseScorer.score({ title: article.title, text: article.text || body });
}

/** A small page: a section name as its <title>, the sentences as its body. */
function page(title: string, sentences: readonly string[]): string {
  const paragraphs = sentences.map((sentence) => `<p>${sentence}</p>`).join('\n');
  return `<!doctype html>\n<html><head><title>${title}</title></head>\n<body><article>${paragraphs}</article></body></html>\n`;
}

describe('the same words score alike as an HTML page and as a text file', () => {
  it.each([
    [['Critics said the AI pause for frontier AI labs is a marketing ploy.']],
    [['Supporters said the AI pause for frontier AI labs is overdue.']],
    [['Critics said the AI pause for frontier AI labs is a marketing ploy.', 'Supporters said it was overdue.']],
  ])('%j under the title "Opinion"', (sentences) => {
    const text = scoreFile(`${sentences.join('\n\n')}\n`, 'text');
    const html = scoreFile(page('Opinion', sentences), 'html');
    expect(text.stance).not.toBeNull();
    expect(html.stance?.label).toBe(text.stance?.label);
    expect(html.voices.map((v) => [v.actor, v.stance])).toEqual(text.voices.map((v) => [v.actor, v.stance]));
  });

  it('a critic calling the pause a marketing ploy is an oppose voice on the page too', () => {
    const html = scoreFile(page('Opinion', ['Critics said the AI pause for frontier AI labs is a marketing ploy.']), 'html');
    expect(html.stance?.label).toBe('oppose');
    expect(html.voices).toEqual([expect.objectContaining({ actor: 'Critics', stance: 'oppose' })]);
    // A section name says nothing about the pause: it is not evidence.
    expect(html.stance?.evidence.map((e) => e.sentence)).not.toContain('Opinion');
  });
});

describe('a voice carries a claim, not just the act of saying', () => {
  const onlySaying = /^(said|says|say|argued|argues|argue|noted|told|wrote|claimed|added|stated|states)\b[^a-z]*$/i;

  it.each([
    'A verified pause of frontier AI development is overdue, a coalition argued.',
    'The pause of frontier AI is a marketing ploy, critics said.',
    'Signatures on the open letter calling for a pause of frontier AI passed 12,000 on Sunday, organisers said.',
    'A coalition argued. The labs must pause frontier AI training now.',
    'Critics said so. The AI pause for frontier AI labs is a marketing ploy.',
    'Critics told reporters on Monday. The AI pause for frontier AI labs is a marketing ploy.',
  ])('%s', (text) => {
    const result = pauseScorer.score({ title: null, text });
    for (const voice of result.voices) {
      expect(voice.quote).not.toMatch(onlySaying);
      expect(voice.quote).not.toMatch(/^(said|told) (so|reporters on Monday)\.$/);
    }
  });

  it('the frame around a quote is left out of it; the quote and a short answer stay', () => {
    const quoted = pauseScorer.score({ title: null, text: '"We need a pause of frontier AI development," the coalition said in a statement.' });
    expect(quoted.voices).toEqual([{ actor: 'the coalition', stance: 'support', quote: 'We need a pause of frontier AI development' }]);
    const reported = pauseScorer.score({ title: null, text: 'In a statement, the coalition said a verified pause of frontier AI development is overdue.' });
    expect(reported.voices.map((v) => v.quote)).toEqual(['said a verified pause of frontier AI development is overdue.']);
    const answer = pauseScorer.score({
      title: null,
      text: 'HOST: Dimitra, do you back a verified pause of frontier AI development?\nDIMITRA PAPADAKIS: Against.',
    });
    expect(answer.voices.map((v) => v.quote)).toContain('Against.');
  });
});
