/**
 * Text normalisation and the exact-content fingerprint.
 *
 * Copies of one article differ in typography more often than in words: curly vs straight quotes, em dashes vs
 * hyphens, non-breaking spaces, ligatures, full-width digits, line wrapping. The normalised text folds all of that
 * away so that the exact hash and the shingles compare words, not glyphs.
 */
import { createHash } from 'node:crypto';

/**
 * Runs of letters/digits (any script); everything else (punctuation, quotes, dashes, symbols) separates words.
 * Apostrophes inside a word ("Anthropic’s", "don't") join it rather than split it, and are then dropped, so
 * straight and curly forms give the same word: "anthropics", "dont".
 */
// a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
const WORD = /[\p{L}\p{N}\p{M}]{1,1000}(?:['’‘ʼ`´][\p{L}\p{N}\p{M}]{1,1000})*/gu;
const APOSTROPHES = /['’‘ʼ`´]/g;

/** Lower-cased words of `text` after Unicode compatibility folding (NFKC: ligatures, full-width forms, NBSP). */
export function normalizedWords(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (/['’‘ʼ`´]/.test(word)) words[i] = word.replace(APOSTROPHES, '');
  }
  return words;
}

/** The text as compared for exact duplicates: case-folded words separated by single spaces. */
export function normalizeText(text: string): string {
  return normalizedWords(text).join(' ');
}

/** sha256 hex of {@link normalizeText}: equal for copies that differ only in case, punctuation, quotes or spacing. */
export function computeContentHash(text: string): string {
  return computeContentHashOfWords(normalizedWords(text));
}

/** As {@link computeContentHash}, for words already normalised by {@link normalizedWords}. */
export function computeContentHashOfWords(words: readonly string[]): string {
  return sha256Hex(words.join(' '));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
