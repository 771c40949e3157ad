import { describe, expect, it } from 'vitest';
import { feedItemsToRawItems } from '../../src/ingest/feed-source.ts';
import { unwrapNewsSearchLink } from '../../src/ingest/feed/normalise.ts';
import { parseFeed } from '../../src/ingest/feed/parse-feed.ts';
import { parseXmlFeed } from '../../src/ingest/feed/xml.ts';

/**
 * Bing News's RSS (`https://www.bing.com/news/search?q=...&format=rss`) names each item's outlet in `<News:Source>`,
 * its prefix bound to a namespace that varies, and links the item through `bing.com/news/apiclick.aspx?...&url=`,
 * whose `url` is the outlet's page. The parser reads the outlet, and links the item to that page, but only to an
 * http(s) URL that is not a private address. Google News's `<source url>` keeps the outlet's address.
 */

const ARTICLE = 'https://www.example-outlet.com/2026/06/05/labs-weigh-pause';

/** A Bing News click-through link to `target`, the `url` parameter escaped as Bing escapes it (lower-case hex). */
const bingLink = (target: string, host = 'www.bing.com', path = '/news/apiclick.aspx') =>
  `http://${host}${path}?ref=FexRss&aid=&tid=6A0B9C3DF00D4E1BA1E07C5B0A1F2B3C&url=${encodeURIComponent(target).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}&c=1522419271838452741&mkt=en-us`;

const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

interface BingItem {
  title: string;
  link: string;
  outlet: string;
  /** How the outlet element is written: `News:Source` by default. */
  element?: string;
}

/** A Bing News RSS document, as Bing serves it (its `News` prefix bound to the search's own URL by default). */
function bingFeed(items: readonly BingItem[], namespace = 'https://www.bing.com/news/search?q=ai+pause&format=rss', prefix = 'News'): string {
  const entries = items.map((item) => {
    const element = item.element ?? `${prefix}:Source`;
    return (
      `<item><title>${xmlEscape(item.title)}</title><link>${xmlEscape(item.link)}</link>` +
      `<description>Labs and researchers discuss a verified pause of frontier AI development.</description>` +
      `<pubDate>Fri, 05 Jun 2026 10:19:00 GMT</pubDate><${element}>${xmlEscape(item.outlet)}</${element}>` +
      `<${prefix}:Image>https://www.bing.com/th?id=OVFT.abc&amp;pid=News</${prefix}:Image></item>`
    );
  });
  return (
    `<?xml version="1.0" encoding="utf-8" ?><rss version="2.0" xmlns:${prefix}="${xmlEscape(namespace)}"><channel>` +
    `<title>ai pause - Bing News</title><link>https://www.bing.com/news/search?q=ai+pause&amp;format=rss</link>` +
    `<description>Search results</description>${entries.join('')}</channel></rss>`
  );
}

const parse = (text: string) => parseFeed(Buffer.from(text), { url: 'https://www.bing.com/news/search?q=ai+pause&format=rss' });

describe('a Bing News item', () => {
  it("is read with its outlet from <News:Source> and linked to the outlet's page its click-through link names", async () => {
    const feed = await parse(bingFeed([{ title: 'Labs weigh a verified pause on frontier AI', link: bingLink(ARTICLE), outlet: 'Example Outlet' }]));
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ title: 'Labs weigh a verified pause on frontier AI', link: ARTICLE, id: ARTICLE, outlet: 'Example Outlet', published: '2026-06-05T10:19:00.000Z' });
    // the item is known by the page, not by Bing's link (whose traffic id changes from one fetch to the next)
    const [raw] = feedItemsToRawItems('bing', 'https://www.bing.com/news/search?q=ai+pause&format=rss', feed.items);
    expect(raw).toMatchObject({ url: ARTICLE, key: ARTICLE, hasPage: true, outlet: 'Example Outlet' });
  });

  it('has its outlet read whatever the case of the element and its prefix, and whatever namespace the prefix is bound to', async () => {
    const variants: [string, string, string | undefined][] = [
      ['https://www.bing.com/news/search?q=ai+pause&format=rss', 'News', undefined],
      ['https://www.bing.com:443/news/search?q=moratorium&format=RSS', 'News', 'News:source'],
      ['http://www.bing.com/news/search?format=rss', 'news', 'news:source'],
      ['urn:bing:news', 'NEWS', 'NEWS:SOURCE'],
    ];
    for (const [namespace, prefix, element] of variants) {
      const text = bingFeed([{ title: 'Labs weigh a verified pause on frontier AI', link: bingLink(ARTICLE), outlet: 'Example Outlet', ...(element ? { element } : {}) }], namespace, prefix);
      // every way the document is read: the items built from the scan, rss-parser over a skeleton, rss-parser alone
      for (const shortcut of ['items', 'skeleton', 'none'] as const) {
        const feed = await parseXmlFeed(text, { documentBase: null, shortcut });
        expect(feed.items.map((item) => [item.outlet, item.link]), `${element ?? 'News:Source'} ${shortcut}`).toEqual([['Example Outlet', ARTICLE]]);
      }
    }
  });

  it('has its outlet read in a document that is not well-formed', async () => {
    // a bare "&" in a title: read after repairing the text
    const text = bingFeed([{ title: 'Labs weigh a verified pause on frontier AI', link: bingLink(ARTICLE), outlet: 'Example Outlet' }]).replace(
      '<title>Labs weigh',
      '<title>Q&A: Labs weigh',
    );
    const feed = await parse(text);
    expect(feed.wellFormed).toBe(false);
    expect(feed.items.map((item) => [item.title, item.outlet, item.link])).toEqual([['Q&A: Labs weigh a verified pause on frontier AI', 'Example Outlet', ARTICLE]]);
  });

  it('keeps its click-through link when the url parameter is a private address, or not an http(s) URL', async () => {
    const refused = [
      'http://127.0.0.1:8080/admin',
      'http://10.0.0.5/internal',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:8080/admin',
      'http://[::ffff:127.0.0.1]/admin',
      // IPv4 written as the URL parser still reads it: 127.0.0.1
      'http://2130706433/admin',
      'http://0x7f.1/admin',
      'http://localhost:8080/admin',
      'http://printer.localhost./',
      'javascript:alert(document.cookie)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://files.example-outlet.com/a',
      '//www.example-outlet.com/2026/06/05/labs-weigh-pause',
      '/2026/06/05/labs-weigh-pause',
      'https://',
    ];
    const feed = await parse(bingFeed(refused.map((target, i) => ({ title: `Item ${i} on a verified pause`, link: bingLink(target), outlet: 'Example Outlet' }))));
    expect(feed.items.map((item) => item.link)).toEqual(refused.map((target) => bingLink(target)));
    // and not in the item's identity either
    expect(feed.items.every((item) => item.id.startsWith('http://www.bing.com/news/apiclick.aspx?'))).toBe(true);
    // the outlet is read all the same
    expect(feed.items.every((item) => item.outlet === 'Example Outlet')).toBe(true);
  });

  it('is unwrapped only from Bing News click-through links, once, to the one page they name', () => {
    expect(unwrapNewsSearchLink(bingLink(ARTICLE))).toBe(ARTICLE);
    expect(unwrapNewsSearchLink(bingLink(ARTICLE).replace('http://', 'https://'))).toBe(ARTICLE);
    expect(unwrapNewsSearchLink(bingLink(ARTICLE, 'bing.com'))).toBe(ARTICLE);
    expect(unwrapNewsSearchLink(bingLink(ARTICLE, 'www.bing.com', '/News/ApiClick.aspx'))).toBe(ARTICLE);
    expect(unwrapNewsSearchLink(bingLink('http://news.example.org/a?id=7&section=world#top'))).toBe('http://news.example.org/a?id=7&section=world#top');
    // other hosts, ports, paths and logins are not Bing's click-through
    for (const host of ['www.bing.com.evil.example', 'evil.example', 'news.bing.com', 'www.bing.com:8443', 'reader@www.bing.com']) {
      expect(unwrapNewsSearchLink(bingLink(ARTICLE, host)), host).toBeNull();
    }
    for (const path of ['/search', '/news/search', '/news/apiclick.aspx/x', '/apiclick.aspx']) expect(unwrapNewsSearchLink(bingLink(ARTICLE, 'www.bing.com', path)), path).toBeNull();
    // no url parameter, or two that disagree
    expect(unwrapNewsSearchLink('http://www.bing.com/news/apiclick.aspx?ref=FexRss&tid=1')).toBeNull();
    expect(unwrapNewsSearchLink(`${bingLink(ARTICLE)}&url=${encodeURIComponent('https://other.example/a')}`)).toBeNull();
    expect(unwrapNewsSearchLink(`${bingLink(ARTICLE)}&url=${encodeURIComponent(ARTICLE)}`)).toBe(ARTICLE);
    // a click-through link to another is unwrapped once: the page asked for is still Bing's, fetched as any link is
    expect(unwrapNewsSearchLink(bingLink(bingLink(ARTICLE)))).toBe(bingLink(ARTICLE));
    expect(unwrapNewsSearchLink('not a url')).toBeNull();
  });
});

describe("an aggregator item's <source url>", () => {
  /** A Google News item naming its outlet with `source`, the attribute written as given. */
  const googleNewsFeed = (sources: readonly string[]) =>
    `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>"AI pause" - Google News</title><link>https://news.google.com/</link>` +
    sources
      .map(
        (source, i) =>
          `<item><title>Labs weigh a verified pause on frontier AI ${i} - MIT Technology Review</title><link>https://news.google.com/rss/articles/CBMi${i}?oc=5</link>` +
          `<guid isPermaLink="false">CBMi${i}</guid><pubDate>Fri, 05 Jun 2026 09:07:00 GMT</pubDate><description>snippet</description>${source}</item>`,
      )
      .join('') +
    '</channel></rss>';

  it("is kept as the outlet's address: an absolute http(s) URL without a login, within 2,048 characters", async () => {
    const long = `https://www.technologyreview.com/${'a'.repeat(2100)}`;
    const sources = [
      '<source url="https://www.technologyreview.com">MIT Technology Review</source>',
      '<source url=" https://reader:secret@WWW.TechnologyReview.com/#top ">MIT Technology Review</source>',
      '<source url="javascript:alert(1)">MIT Technology Review</source>',
      '<source url="/technologyreview">MIT Technology Review</source>',
      '<source url="ftp://technologyreview.com/">MIT Technology Review</source>',
      `<source url="${long}">MIT Technology Review</source>`,
      '<source>MIT Technology Review</source>',
    ];
    const feed = await parseFeed(Buffer.from(googleNewsFeed(sources)), { url: 'https://news.google.com/rss/search?q=ai+pause' });
    expect(feed.items.map((item) => [item.outlet, item.outletUrl])).toEqual([
      ['MIT Technology Review', 'https://www.technologyreview.com/'],
      ['MIT Technology Review', 'https://www.technologyreview.com/'],
      ['MIT Technology Review', null],
      ['MIT Technology Review', null],
      ['MIT Technology Review', null],
      ['MIT Technology Review', null],
      ['MIT Technology Review', null],
    ]);
    const raw = feedItemsToRawItems('google-news', 'https://news.google.com/rss/search?q=ai+pause', feed.items);
    expect(raw.map((item) => item.outletUrl)).toEqual(['https://www.technologyreview.com/', 'https://www.technologyreview.com/', null, null, null, null, null]);
    // what reaches the pipeline is checked there too, whichever parser gave it
    expect(feedItemsToRawItems('x', 'https://x.example/feed', [{ ...feed.items[0]!, outletUrl: long }])[0]!.outletUrl).toBeNull();
    expect(feedItemsToRawItems('x', 'https://x.example/feed', [{ ...feed.items[0]!, outletUrl: 'javascript:alert(1)' }])[0]!.outletUrl).toBeNull();
  });
});
