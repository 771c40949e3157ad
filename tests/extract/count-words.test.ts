import { describe, expect, it } from 'vitest';
import { countWords } from '../../src/extract/index.ts';

/** The definition countWords must agree with. */
const byPattern = (text: string) => text.match(/[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu)?.length ?? 0;

describe('countWords', () => {
  it.each([
    ['', 0],
    ['The labs should pause.', 4],
    // "l’homme's": one apostrophe joins, the next starts a word of its own
    ["Don't stop: it’s l’homme's call", 6],
    ["rock'n'roll 5'a '90s a''b", 6],
    ['GPT-5, 2026 and 10,000 GPUs', 7],
    ['café naïve Ελλάδα Москва 北京 ١٢٣', 6],
    // a combining accent is not a letter: "été" written with them counts as two words, as the pattern counts it
    ['e\u0301te\u0301 — “quoted” … 𝒜𝒝 😀', 4],
  ])('%j has %i words', (text, words) => {
    expect(countWords(text)).toBe(words);
    expect(byPattern(text)).toBe(words);
  });

  it('agrees with the pattern on random text from many scripts', () => {
    const alphabet = [...'ab Z9 \'’-.,\n\tàßΩж中٣\u0301\u00a0'].concat(['𝒜', '😀', '\ud800', 'x\'y', '’s']);
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join('');
      expect(countWords(text), JSON.stringify(text)).toBe(byPattern(text));
    }
  });
});
