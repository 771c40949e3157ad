import { describe, expect, it } from 'vitest';
import { articleOfAggregatorItem, isAggregatorItemOf, type HeadlineArticle, type StoredHeadlineArticle } from '../../src/dedup/index.ts';

/**
 * An aggregator's item gives the outlet's address beside its name (Google News's `<source url="https://www...">`):
 * the item stands for an article of that host with its headline, though neither the article's host, its site name
 * nor its source's name says the outlet's name. Still never by the headline alone.
 */

const HEADLINE = 'Labs weigh a verified pause on frontier AI';

/** A Google News item for HEADLINE, naming `outlet` at `outletUrl`. */
const googleNewsItem = (outlet: string, outletUrl: string | null, fields: Partial<HeadlineArticle> = {}): HeadlineArticle => ({
  title: `${HEADLINE} - ${outlet}`, namedOutlet: outlet, namedOutletUrl: outletUrl, siteName: outlet, sourceName: 'Google News: AI pause',
  canonicalUrl: 'https://news.google.com/rss/articles/CBMiWmh0dHBzOi8vd3d3LmV4YW1wbGUuY29t?oc=5', appearedAt: '2026-06-05T10:00:00.000Z', ...fields,
});

/** An outlet's own article, from a feed the pipeline file names "Tech desk", at `url`. */
const ownArticle = (url: string, fields: Partial<HeadlineArticle> = {}): HeadlineArticle => ({
  title: HEADLINE, namedOutlet: null, siteName: null, sourceName: 'Tech desk', canonicalUrl: url, appearedAt: '2026-06-05T09:30:00.000Z', ...fields,
});

const TR_ARTICLE = 'https://www.technologyreview.com/2026/06/05/1/labs-weigh-pause/';

describe("an aggregator item naming the outlet's address", () => {
  it("stands for the article on that host, www. aside, when the outlet's name is nowhere in the article", () => {
    // "MIT Technology Review" is neither in technologyreview.com's keys nor the source's name
    expect(isAggregatorItemOf(googleNewsItem('MIT Technology Review', null), ownArticle(TR_ARTICLE))).toBe(false);
    expect(isAggregatorItemOf(googleNewsItem('MIT Technology Review', 'https://www.technologyreview.com'), ownArticle(TR_ARTICLE))).toBe(true);
    expect(isAggregatorItemOf(googleNewsItem('MIT Technology Review', 'https://technologyreview.com/'), ownArticle(TR_ARTICLE))).toBe(true);
    expect(isAggregatorItemOf(googleNewsItem('MIT Technology Review', 'https://www.technologyreview.com'), ownArticle('https://technologyreview.com/2026/06/05/1/labs-weigh-pause/'))).toBe(true);
    const stored: StoredHeadlineArticle = { ...ownArticle(TR_ARTICLE), id: 4, duplicateOf: null };
    expect(articleOfAggregatorItem(googleNewsItem('MIT Technology Review', 'https://www.technologyreview.com'), [stored])?.id).toBe(4);
    // the match by name stays as it was, whatever host the address names
    expect(isAggregatorItemOf(googleNewsItem('Reuters', 'https://feeds.reuters.example/technology'), ownArticle('https://www.reuters.com/technology/labs-weigh-pause/'))).toBe(true);
  });

  it('still needs the headline, within two days', () => {
    const item = googleNewsItem('MIT Technology Review', 'https://www.technologyreview.com');
    expect(isAggregatorItemOf(item, ownArticle(TR_ARTICLE, { appearedAt: '2026-06-07T10:00:00.000Z' }))).toBe(true);
    expect(isAggregatorItemOf(item, ownArticle(TR_ARTICLE, { title: 'Labs reject a verified pause on frontier AI' }))).toBe(false);
    expect(isAggregatorItemOf(item, ownArticle(TR_ARTICLE, { appearedAt: '2026-06-07T10:01:00.000Z' }))).toBe(false);
  });

  it('is not matched to another host: a subdomain, another outlet carrying the headline, a capture', () => {
    const item = googleNewsItem('MIT Technology Review', 'https://www.technologyreview.com');
    expect(isAggregatorItemOf(item, ownArticle(TR_ARTICLE))).toBe(true);
    expect(isAggregatorItemOf(item, ownArticle('https://events.technologyreview.com/2026/labs-weigh-pause/'))).toBe(false);
    expect(isAggregatorItemOf(item, ownArticle('https://www.wired.com/story/labs-weigh-pause/'))).toBe(false);
    expect(isAggregatorItemOf(item, ownArticle('captures/labs-weigh-pause.html'))).toBe(false);
    // two outlets, one wire headline: the address of the one does not make the item the other's
    expect(isAggregatorItemOf(googleNewsItem('Yahoo News', 'https://news.yahoo.com'), ownArticle('https://www.reuters.com/technology/labs-weigh-pause/'))).toBe(false);
  });

  it("is no aggregator's item when the address is its own site's, as when the name is its own host's", () => {
    // an outlet's own feed giving its own address, beside a name its host does not spell, and a capture of the page
    const capture = ownArticle('captures/labs-weigh-pause.html', { siteName: 'MIT Technology Review' });
    const own = googleNewsItem('MIT Technology Review', null, { title: HEADLINE, canonicalUrl: TR_ARTICLE });
    expect(isAggregatorItemOf(own, capture)).toBe(true);
    expect(isAggregatorItemOf({ ...own, namedOutletUrl: 'https://technologyreview.com/' }, capture)).toBe(false);
  });
});
