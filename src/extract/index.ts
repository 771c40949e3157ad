import type { ExtractedArticle } from '../model/index.ts';
import { extractHtml } from './html.ts';
import { extractPlainText } from './plain-text.ts';

export { extractHtml, isFullerText } from './html.ts';
export { extractPlainText } from './plain-text.ts';
export { repairMojibake } from './mojibake.ts';
export { countWords } from './count-words.ts';
export { articleTextProblem, articleWordCount, captureTextError, MIN_ARTICLE_WORDS } from './article-words.ts';
export { extractFetchedPage } from './page-format.ts';
export { pageWall, type PageWall } from './page-walls.ts';

/**
 * Picks the extractor for the body's format.
 * @param encoding the encoding the body was decoded from (decodeCapture's), for the URLs a page writes
 */
export function extractArticle(body: string, format: 'html' | 'text', url: string | null, encoding?: string): ExtractedArticle {
  return format === 'html' ? extractHtml(body, { url, encoding }) : extractPlainText(body, { url });
}

