import { countWords } from './count-words.ts';

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
  const words = countWords(text);
  if (words === 0) return 'no article text found';
  if (words < minWords) return `only ${words} ${words === 1 ? 'word' : 'words'}, fewer than the ${minWords} an article needs`;
  return null;
}
