import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';

/**
 * Pages without class names whose comment area or "related stories" list is longer than the article: the article
 * is what comes out, not the comments or the other stories' teasers.
 */
const ARTICLE = [
  'Leading researchers on Tuesday renewed calls for a coordinated, verified pause on the development of frontier AI systems, arguing that governments need time to build inspection regimes.',
  'The proposal, circulated among delegations in Geneva, would halt training runs above a compute threshold until an international agency can verify compliance, according to a draft seen by reporters.',
  'Critics, including several industry groups, said a pause would be unenforceable, while supporters countered that chip supply chains make verification feasible.',
];
const article = ARTICLE.map((p) => `<p>${p}</p>`).join('');
const teasers = Array.from({ length: 40 }, (_, i) =>
  `<li><a href="/s/${i}">Another story, number ${i}, about something else</a><p>A teaser for story ${i}, which is about another topic, long enough to be scored, with commas, and more.</p></li>`).join('');
const comments = Array.from({ length: 60 }, (_, i) =>
  `<div><p>reader${i}</p><p>Comment ${i}: this pause idea is naive, honestly, and governments will never agree to it, because incentives, competition, and politics get in the way.</p></div>`).join('');

describe('a comment area or related list longer than the article', () => {
  it('a list of other stories under "Related stories" is not taken for the article', () => {
    const html = `<html><body><main><article><h1>Pause call renewed</h1>${article}</article><section><h2>Related stories</h2><ul>${teasers}</ul></section></main></body></html>`;
    expect(extractHtml(html).text).toBe(ARTICLE.join('\n\n'));
  });

  it('comments under a "42 Comments" heading, beside the article, are not taken for it', () => {
    const html = `<html><body><div><div><h1>Pause call renewed</h1>${article}</div><div><h3>42 Comments</h3>${comments}</div></div></body></html>`;
    expect(extractHtml(html).text).toBe(ARTICLE.join('\n\n'));
  });

  it('a section of the article headed "More on the verification regime" is still the article', () => {
    const html = `<html><body><div><p>Intro line of the piece, short.</p><section><h2>More on the verification regime</h2>${article}</section></div></body></html>`;
    expect(extractHtml(html).text).toContain(ARTICLE.join('\n\n'));
  });

  it('a wrapper that opens with a "Trending" heading but holds the headline is still the article', () => {
    const html = `<html><body><div><h3>Trending</h3><ul><li><a href="/a">One</a></li></ul><h1>Pause call renewed</h1>${article}</div></body></html>`;
    expect(extractHtml(html).text).toBe(ARTICLE.join('\n\n'));
  });
});
