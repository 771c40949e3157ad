import type { StageError } from '../model/index.ts';
import { countWords, isUnspaced, type UnspacedSeen } from './count-words.ts';

/** A character isUnspaced accepts. */
const HAS_UNSPACED = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Reused by articleWordCount, which countWords tells whether the text holds such a character. */
const seen: UnspacedSeen = { unspaced: false };

/**
 * Words of an article, in any script. countWords counts what spaces separate, so a Japanese or Chinese paragraph,
 * written without spaces, is one "word" per run of characters: a whole article would be "only 10 words". Each
 * character of such a script counts half a word on top (words of Chinese and Japanese average under two characters),
 * so the article checks (MIN_ARTICLE_WORDS, the extractors' partial flags) measure every language alike.
 */
export function articleWordCount(text: string, spaced: (text: string) => number = countWords): number {
  let words = -1;
  if (spaced === countWords) {
    // countWords meets every such character on its way, and says so: most texts have none, and need no search
    seen.unspaced = false;
    words = countWords(text, seen);
    if (!seen.unspaced) return words;
  }
  // the regex finds the first such character (most texts have none) ten times faster than the loop does
  const first = text.search(HAS_UNSPACED);
  if (first === -1) return spaced(text);
  let unspaced = 0;
  for (let i = first; i < text.length; i++) if (isUnspaced(text.charCodeAt(i))) unspaced++;
  return (words === -1 ? spaced(text) : words) + Math.floor(unspaced / 2);
}

/**
 * The fewest words a fetched article page must give for a run to take its text as the article. Under it (a teaser,
 * a consent or paywall page, a page the extractor could not read) the run reports the page as `extract_empty` and
 * keeps the feed's own text for the item; `extract <url>` applies the same check and exits 1.
 */
export const MIN_ARTICLE_WORDS = 20;

/**
 * Why an extracted text is not an article, or null when it is one: it has no words at all, or fewer than `minWords`
 * (`MIN_ARTICLE_WORDS` for a fetched page; 1 where any text is enough, as for a file given to `score`).
 */
export function articleTextProblem(text: string, minWords = MIN_ARTICLE_WORDS): string | null {
  const words = articleWordCount(text);
  if (words === 0) return 'no article text found';
  if (words < minWords) return `only ${words} ${words === 1 ? 'word' : 'words'}, fewer than the ${minWords} an article needs`;
  return null;
}

/**
 * Why a capture (a saved page or a text file, as a files source or `extract <file>` reads it) holds no article, as
 * the error naming it, or null when it holds one: its extracted text has no words at all (a page of nothing but
 * markup, scripts and styles; a text of nothing but page furniture). A capture of any length is an article otherwise:
 * a files source keeps short ones. A run's files source and `extract <file>` refuse the same captures in these words.
 * @param name the file as the user knows it: the files source's key, or the path given to `extract`
 * @param text the capture's extracted text
 */
export function captureTextError(name: string, text: string): StageError | null {
  const problem = articleTextProblem(text, 1);
  return problem ? { code: 'empty', message: `${name}: ${problem}` } : null;
}
