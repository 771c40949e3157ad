import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';
import { extractPlainText } from '../../src/extract/plain-text.ts';

/**
 * Input with more lines in a block, or more characters in a run, than a function call can take arguments (a hostile
 * capture or page; ~125,000 here) is read like any other: the plain-text cleaner failed with "Maximum call stack size
 * exceeded" (`extract` exited 3 with an internal error), and a Japanese page compared with its JSON-LD body came out
 * empty.
 */
describe('blocks longer than a call takes arguments', () => {
  it('a text capture of 160,000 lines without a blank one is read', () => {
    const lines = Array.from({ length: 160_000 }, (_, i) => `Delegate ${i} spoke.`);
    const article = extractPlainText(`Labs weigh a pause\n\n${lines.join('\n')}\n`);
    expect(article.title).toBe('Labs weigh a pause');
    expect(article.text.split('\n\n')).toHaveLength(160_000);
  }, 60_000);

  it('a Japanese page whose article is one run of 300,000 letters, next to a longer JSON-LD body, keeps its text', () => {
    // no punctuation: one run of letters
    const run = '研究者らは一時停止を求めた'.repeat(300_000 / 13);
    const ld = JSON.stringify({ '@type': 'NewsArticle', headline: '一時停止', articleBody: '各国政府は査察体制を議論した。'.repeat(800_000 / 15) });
    const html = `<html lang="ja"><head><script type="application/ld+json">${ld}</script></head><body><article><p>${run}</p></article></body></html>`;
    expect(extractHtml(html).text).toBe(run);
  }, 60_000);
});
