import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { extractArticle } from '../../src/extract/index.ts';
import { splitSentences } from '../../src/stance/index.ts';

/**
 * A hostile page may hold a long run of one character where a pattern looks for something after the run: each such
 * pattern is read in time linear in the run. Without that, these pages took minutes each, with the run blocked.
 */
const paragraph = '<p>Anthropic has called for a coordinated global pause of frontier AI development, and critics said the proposal would fail for many reasons.</p>';

describe('pages with long runs of one character', () => {
  it('read a JSON-LD articleBody of a million "<a" without a ">"', () => {
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Hello', articleBody: '<a'.repeat(500_000) });
    const html = `<!doctype html><html><head><title>Hello</title><script type="application/ld+json">${ld}</script></head><body>${paragraph.repeat(3)}</body></html>`;
    expect(extractArticle(html, 'html', 'https://example.org/a').title).toBe('Hello');
  });

  it('read a heading with a long trailing run of dashes after the article, and cut the comments it opens', () => {
    const html = `<!doctype html><html><head><title>Pause debate</title></head><body><article><h1>Pause debate</h1>${paragraph.repeat(8)}<h2>Comments ${'-'.repeat(300_000)}x</h2>${paragraph.repeat(3)}</article></body></html>`;
    expect(extractArticle(html, 'html', 'https://example.org/a').text).toMatch(/^Anthropic has called/);
  });

  it('read a page in a legacy encoding whose canonical link holds a long run of spaces', () => {
    const html = `<!doctype html><html><head><meta charset="windows-1252"><title>Pause debate</title><link rel="canonical" href="https://example.org/a?q=\u00e9${' '.repeat(500_000)}x"></head><body><article><h1>Pause debate</h1>${paragraph.repeat(8)}</article></body></html>`;
    const body = iconv.decode(iconv.encode(html, 'windows-1252'), 'windows-1252');
    expect(extractArticle(body, 'html', 'https://example.org/a', 'windows-1252').title).toBe('Pause debate');
  });

  it('split a paragraph holding a long run of "!" or of quotes into its sentences', () => {
    // (a sentence is cut into pieces of at most 1,000 characters)
    expect(splitSentences(`Stop${'!'.repeat(300_000)} now. Then go.`).at(-1)!.text).toBe('Then go.');
    expect(splitSentences(`He said.${'"'.repeat(300_000)}x Then left.`).at(-1)!.text).toMatch(/x Then left\.$/);
  });
});
