import { describe, expect, it } from 'vitest';
import {
  aggregatorItemOfArticle, articleOfAggregatorItem, HeadlineIndex, isAggregatorItemOf, type HeadlineArticle, type StoredHeadlineArticle,
} from '../../src/dedup/index.ts';

/**
 * An aggregator's item (Google News: its own link, "Headline - Outlet", the outlet in `<source>`) copies the outlet's
 * article by headline and outlet alone, since it shares neither URL nor text with it; never by headline alone.
 */

const HEADLINE = 'Researchers call a verified frontier AI pause overdue';

/** A Google News item for HEADLINE, naming `outlet`, published at `at`. */
const googleNewsItem = (outlet: string, at = '2026-06-05T10:00:00.000Z', title = `${HEADLINE} - ${outlet}`): HeadlineArticle => ({
  title, namedOutlet: outlet, siteName: outlet, sourceName: 'Google News: AI pause',
  canonicalUrl: 'https://news.google.com/rss/articles/CBMiWmh0dHBzOi8vd3d3LmV4YW1wbGUuY29t?oc=5', appearedAt: at,
});

/** An outlet's own article, from its own feed (which names no outlet), at `url`. */
const ownArticle = (url: string, fields: Partial<HeadlineArticle> = {}): HeadlineArticle => ({
  title: HEADLINE, namedOutlet: null, siteName: null, sourceName: 'Outlet feed', canonicalUrl: url, appearedAt: '2026-06-05T09:30:00.000Z', ...fields,
});

const stored = (id: number, article: HeadlineArticle, duplicateOf: number | null = null): StoredHeadlineArticle => ({ ...article, id, duplicateOf });

describe('an aggregator item and the outlet article it stands for', () => {
  it("is matched by the headline without the ' - Outlet' suffix and the outlet the item names, found in the article's host", () => {
    expect(isAggregatorItemOf(googleNewsItem('Reuters'), ownArticle('https://www.reuters.com/technology/labs-pause-2026-06-05/'))).toBe(true);
    expect(isAggregatorItemOf(googleNewsItem('The Guardian'), ownArticle('https://www.theguardian.com/technology/2026/jun/05/labs-pause'))).toBe(true);
    // names that hosts abbreviate
    expect(isAggregatorItemOf(googleNewsItem('Financial Times'), ownArticle('https://www.ft.com/content/0b1c'))).toBe(true);
    expect(isAggregatorItemOf(googleNewsItem('The New York Times'), ownArticle('https://www.nytimes.com/2026/06/05/technology/ai-pause.html'))).toBe(true);
    expect(isAggregatorItemOf(googleNewsItem('Yahoo News'), ownArticle('https://news.yahoo.com/labs-pause-0930.html'))).toBe(true);
  });

  it("is matched by the article's site name or its source's name when its host does not name the outlet", () => {
    const item = googleNewsItem('MIT Technology Review');
    const url = 'https://www.technologyreview.com/2026/06/05/1/labs-pause/';
    expect(isAggregatorItemOf(item, ownArticle(url))).toBe(false);
    expect(isAggregatorItemOf(item, ownArticle(url, { siteName: 'MIT Technology Review' }))).toBe(true);
    expect(isAggregatorItemOf(item, ownArticle(url, { sourceName: 'MIT Technology Review: AI' }))).toBe(true);
    // a capture has no host: its site name says whose it is
    expect(isAggregatorItemOf(item, ownArticle('captures/labs-pause.html', { siteName: 'MIT Technology Review' }))).toBe(true);
  });

  it("takes the headline with the outlet's own suffix, case, quotes and punctuation folded", () => {
    const article = ownArticle('https://www.theguardian.com/technology/2026/jun/05/labs-pause', { title: 'Researchers call a verified frontier-AI pause “overdue” | The Guardian' });
    expect(isAggregatorItemOf(googleNewsItem('The Guardian', undefined, 'RESEARCHERS call a verified frontier AI pause "overdue" - The Guardian'), article)).toBe(true);
  });

  it('is not matched across outlets: two outlets carrying one wire headline are two pieces of coverage', () => {
    expect(isAggregatorItemOf(googleNewsItem('Yahoo News'), ownArticle('https://www.reuters.com/technology/labs-pause-2026-06-05/'))).toBe(false);
    expect(isAggregatorItemOf(googleNewsItem('Reuters', undefined, `${HEADLINE} - Yahoo News`), ownArticle('https://www.reuters.com/technology/labs-pause/'))).toBe(false);
  });

  it('is not matched by another headline of the outlet, one too short to tell articles apart, or one two days apart', () => {
    const reuters = 'https://www.reuters.com/technology/labs-pause/';
    expect(isAggregatorItemOf(googleNewsItem('Reuters'), ownArticle(reuters, { title: 'Researchers call a verified frontier AI pause premature' }))).toBe(false);
    expect(isAggregatorItemOf(googleNewsItem('Reuters', undefined, 'AI pause live - Reuters'), ownArticle(reuters, { title: 'AI pause live' }))).toBe(false);
    expect(isAggregatorItemOf(googleNewsItem('Reuters', '2026-06-07T09:30:00.000Z'), ownArticle(reuters))).toBe(true);
    expect(isAggregatorItemOf(googleNewsItem('Reuters', '2026-06-07T09:31:00.000Z'), ownArticle(reuters))).toBe(false);
  });

  it("is no item of an aggregator when it names no outlet, names its own site's, or is on the article's site", () => {
    const reuters = ownArticle('https://www.reuters.com/technology/labs-pause/');
    expect(isAggregatorItemOf({ ...googleNewsItem('Reuters'), namedOutlet: null }, reuters)).toBe(false);
    // an outlet's news sitemap names the outlet itself
    const sitemapItem = { ...googleNewsItem('Reuters'), canonicalUrl: 'https://www.reuters.com/technology/labs-pause-amp-copy/' };
    expect(isAggregatorItemOf(sitemapItem, ownArticle('https://uk.reuters.com/technology/labs-pause/'))).toBe(false);
    expect(isAggregatorItemOf({ ...googleNewsItem('Reuters'), canonicalUrl: 'https://reuters.com/technology/x' }, reuters)).toBe(false);
  });

  it('finds the original an item stands for before a copy, then the closest in time, and the item that stood for an article before it', () => {
    const item = googleNewsItem('Reuters');
    const far = stored(1, ownArticle('https://www.reuters.com/a', { appearedAt: '2026-06-04T12:00:00.000Z' }));
    const near = stored(2, ownArticle('https://www.reuters.com/b', { appearedAt: '2026-06-05T09:00:00.000Z' }));
    const copy = stored(3, ownArticle('https://www.reuters.com/c', { appearedAt: '2026-06-05T10:00:00.000Z' }), 1);
    expect(articleOfAggregatorItem(item, [copy, far, near])?.id).toBe(2);
    expect(articleOfAggregatorItem(item, [copy])?.id).toBe(3);
    expect(articleOfAggregatorItem(googleNewsItem('Yahoo News'), [copy, far, near])).toBeNull();

    const article = ownArticle('https://www.reuters.com/technology/labs-pause/');
    expect(aggregatorItemOfArticle(article, [stored(7, { ...item, appearedAt: '2026-06-05T09:45:00.000Z' }), stored(8, item)])?.id).toBe(7);
    // only an original takes the outlet's article as its own
    expect(aggregatorItemOfArticle(article, [stored(8, item, 7)])).toBeNull();
  });

  it('files articles by their headline with and without a suffix, for the few a title may match', () => {
    const index = new HeadlineIndex();
    index.add(1, `${HEADLINE} - Reuters`);
    index.add(2, HEADLINE.toUpperCase());
    index.add(3, 'Critics call a verified frontier AI pause premature');
    index.add(4, 'Live updates');
    expect(index.candidates(HEADLINE).sort()).toEqual([1, 2]);
    expect(index.candidates(`${HEADLINE} | The Guardian`).sort()).toEqual([1, 2]);
    expect(index.candidates('Live updates')).toEqual([]);
    expect(index.candidates(null)).toEqual([]);
  });
});
