import { describe, expect, it } from 'vitest';
import { computeContentHash, computeDedupKeys, normalizedWords } from '../../src/dedup/index.ts';
import { extractHtml, extractPlainText } from '../../src/extract/index.ts';

/**
 * A hostile page or file, under the size caps, whose text holds a run of millions of one kind of character: V8 runs
 * out of stack matching a \p{…} class over it, and a 4.3 MB text file made its whole source fail, on every run
 * ("internal: RangeError: Maximum call stack size exceeded"; `extract` exited 3).
 */
const BANGS = `“${'!'.repeat(4_300_000)}`;
const LETTERS = `“${'a'.repeat(4_300_000)}`;
const PARAGRAPH = 'Leading AI labs discussed a coordinated, verified pause of frontier AI development on Monday, officials said.';

describe('a text with a run of millions of one character', () => {
  it('is extracted from a text file or page, its other paragraphs kept', () => {
    // a run of letters alone, in a text with a character past Latin-1 elsewhere (which makes V8 match it as UTF-16)
    const PLAIN_LETTERS = 'a'.repeat(4_300_000);
    for (const run of [BANGS, LETTERS, PLAIN_LETTERS]) {
      const article = extractPlainText(`Labs weigh a pause — “Geneva”\n\n${run}\n\n${PARAGRAPH}`);
      expect(article.text).toContain(PARAGRAPH);
    }
  });

  it('is extracted from an HTML page, its other paragraphs kept', () => {
    expect(extractHtml(`<html><body><article><p>${BANGS}</p><p>${PARAGRAPH}</p></article></body></html>`).text).toContain(PARAGRAPH);
  });

  it('gets its dedup keys, the run counted as words of at most 1,000 letters', () => {
    expect(() => computeDedupKeys({ url: 'https://a.example/x', canonicalUrl: null, title: 'T', text: LETTERS })).not.toThrow();
    expect(computeContentHash(LETTERS)).toMatch(/^[0-9a-f]{64}$/);
    expect(normalizedWords(LETTERS)).toHaveLength(4_300);
  });
});
