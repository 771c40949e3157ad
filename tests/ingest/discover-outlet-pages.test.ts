import type http from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { discoverFeedLinks, discoverFeeds, isOutletsOwnHost } from '../../src/ingest/discover.ts';
import { fetchUrl } from '../../src/ingest/fetch.ts';
import { startServer } from '../helpers/http-server.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { discoveryFetchOptions } from '../helpers/discovery-fetch.ts';

/** Home pages as outlets write them, beyond the RSS Autodiscovery convention's letter. */

const fetchOptionsFor = discoveryFetchOptions;
const html = (body: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const feed = (title: string, guid: string) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(title, [{ guid, title: guid, link: `https://example.org/${guid}` }]));

describe('discoverFeedLinks: links outlets write', () => {
  it('takes the older feed media types (application/x-rss+xml, text/rss+xml, text/atom+xml) and feed: addresses', () => {
    const page =
      '<html><head>' +
      '<link rel="alternate" type="application/x-rss+xml" href="/a.rss"><link rel="alternate" type="text/rss+xml" href="/b">' +
      '<link rel="alternate" type="text/atom+xml" href="/c"><link rel="alternate" type="application/rss+xml" href="feed:https://example.org/d">' +
      '<link rel="alternate" type="application/rss+xml" href="feed://example.org/e">' +
      '<link rel="alternate" type="application/rss+xml" href="feed://https://example.org/f">' +
      // not feeds: a language version, and a style sheet
      '<link rel="alternate" type="text/html" href="/fr/"><link rel="alternate stylesheet" type="text/css" href="/dark.css">' +
      '</head></html>';
    expect(discoverFeedLinks(page, 'https://example.org/').map((link) => link.url)).toEqual([
      'https://example.org/a.rss', 'https://example.org/b', 'https://example.org/c', 'https://example.org/d', 'http://example.org/e',
      'https://example.org/f',
    ]);
  });

  it('leaves out links in <template> and <noscript>, which a browser does not make part of the page', () => {
    const page =
      '<html><head><noscript><link rel="alternate" type="application/rss+xml" href="/old.xml"></noscript></head><body>' +
      '<template><link rel="alternate" type="application/rss+xml" href="/template.xml"></template>' +
      '<link rel="alternate" type="application/rss+xml" href="/real.xml"></body></html>';
    expect(discoverFeedLinks(page, 'https://example.org/').map((link) => link.url)).toEqual(['https://example.org/real.xml']);
  });
});

describe("isOutletsOwnHost: the hosts a page's ordinary links may name as the outlet's", () => {
  it.each([
    ['www.example.org', 'example.org', true],
    ['rss.nytimes.com', 'www.nytimes.com', true],
    ['feeds.bbc.co.uk', 'www.bbc.co.uk', true],
    ['rss.cnn.com', 'edition.cnn.com', true],
    ['feeds.elpais.com', 'english.elpais.com', true],
    ['blogname.blogspot.com', 'other.blogspot.com', false],
    // another outlet, or another blog of the same platform
    ['other-outlet.example', 'www.example.org', false],
    ['co.uk', 'www.bbc.co.uk', false],
    ['friend.wordpress.com', 'myblog.wordpress.com', false],
    ['bob.github.io', 'alice.github.io', false],
    ['ministerio-b.gob.es', 'ministerio-a.gob.es', false],
    ['9.9.3.4', '1.2.3.4', false],
    ['1.2.3.4', '1.2.3.4', true],
  ])('%s for a page on %s: %s', (link, page, expected) => {
    expect(isOutletsOwnHost(link, page)).toBe(expected);
  });
});

describe('discoverFeeds: outlet pages against a real server', () => {
  it("finds the feeds an outlet's RSS page lists as ordinary links, on its own site only, when it declares none", async () => {
    const site = await startServer({
      '/services/rss/': html(
        '<html><head><title>RSS feeds</title></head><body><ul>' +
          '<li><a href="/services/rss/world.xml">World</a></li><li><a href="politics.xml">Politics</a></li>' +
          '<li><a href="/services/rss/world.xml#top">World again</a></li><li><a href="/about/">About us</a></li>' +
          // another outlet's feed, as a blogroll links it: not this outlet's
          '<li><a href="https://other-outlet.example/feed/">Friends</a></li>' +
          '</ul></body></html>',
      ),
      '/services/rss/world.xml': feed('Outlet: World', 'w'),
      '/services/rss/politics.xml': feed('Outlet: Politics', 'p'),
    });
    try {
      const result = await discoverFeeds(`${site.url}/services/rss/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/services/rss/`) });
      expect(result.feeds.map((f) => [f.url, f.title, f.via])).toEqual([
        [`${site.url}/services/rss/world.xml`, 'Outlet: World', 'link'],
        [`${site.url}/services/rss/politics.xml`, 'Outlet: Politics', 'link'],
      ]);
      // found by its links, the site is not probed, and the other page is not asked for
      expect(site.hits.get('/feed')).toBeUndefined();
      expect(site.hits.get('/about/')).toBeUndefined();
    } finally {
      await site.close();
    }
  });

  it("does not try a page's ordinary links when its declared feed links give a feed", async () => {
    const site = await startServer({
      '/': html('<html><head><link rel="alternate" type="application/rss+xml" href="/feed/"></head><body><a href="/archive/rss.xml">Archive</a></body></html>'),
      '/feed/': feed('Site', 's'),
      '/archive/rss.xml': feed('Archive', 'a'),
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(result.feeds.map((f) => f.title)).toEqual(['Site']);
      expect(site.hits.get('/archive/rss.xml')).toBeUndefined();
    } finally {
      await site.close();
    }
  });

  it('offers an opinion section\'s "Comment feed", and tells section feeds that share the outlet\'s title apart by their links', async () => {
    const site = await startServer({
      '/': html(
        '<html><head>' +
          '<link rel="alternate" type="application/rss+xml" title="The Daily » Comment feed" href="/opinion/latest.xml">' +
          '<link rel="alternate" type="application/rss+xml" title="The Daily - Politics" href="/politics.xml">' +
          '<link rel="alternate" type="application/rss+xml" title="The Daily - Sport" href="/sport.xml">' +
          '<link rel="alternate" type="application/rss+xml" title="Site » Comments Feed" href="/all-comments.xml">' +
          '</head></html>',
      ),
      '/opinion/latest.xml': feed('The Daily: Comment', 'c'),
      '/politics.xml': feed('The Daily', 'p'),
      '/sport.xml': feed('The Daily', 's'),
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(result.feeds.map((f) => f.title)).toEqual(['The Daily: Comment', 'The Daily - Politics', 'The Daily - Sport']);
      expect(result.commentFeeds.map((f) => f.title)).toEqual(['Site » Comments Feed']);
    } finally {
      await site.close();
    }
  });

  it("offers a site's RSS feed and JSON Feed of the same posts once, told alike by their items' links", async () => {
    const posts = [1, 2].map((n) => ({ guid: `https://blog.example/?p=${n}`, title: `Post ${n}`, link: `https://blog.example/2026/06/post-${n}/` }));
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Blog', items: posts.map((post) => ({ id: post.link, url: post.link, title: post.title })) });
    const site = await startServer({
      '/': html('<html><head><link rel="alternate" type="application/rss+xml" href="/feed/"><link rel="alternate" type="application/feed+json" href="/feed/json/"></head></html>'),
      '/feed/': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Blog', posts)),
      '/feed/json/': (_req, res) => res.writeHead(200, { 'content-type': 'application/feed+json' }).end(json),
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(result.feeds).toHaveLength(1);
      expect(result.feeds[0]).toMatchObject({ url: `${site.url}/feed/`, merged: [{ url: `${site.url}/feed/json/`, reason: 'same_content' }] });
    } finally {
      await site.close();
    }
  });

  it('reads the feed links in the head of a home page over the size cap, or one that never ends, as far as it came', async () => {
    const head = '<html><head><link rel="alternate" type="application/rss+xml" href="/news.xml"></head><body>';
    const huge = rssFeed('Huge', Array.from({ length: 20_000 }, (_v, i) => ({ guid: `g${i}`, title: `Item ${i}`, link: `https://example.org/${i}` })));
    const site = await startServer({
      // 3 MB against a cap of 1 MB, its length declared
      '/big/': (_req, res) => {
        const page = head + '<p>filler.</p>'.repeat(200_000);
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(page)) }).end(page);
      },
      // the head, then a body that never ends
      '/endless/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write(head);
        const drip = setInterval(() => res.write('<p>more</p>'), 50);
        res.on('close', () => clearInterval(drip));
      },
      '/news.xml': feed('News', 'n'),
      // a feed over the cap, given as the URL: reported, not read in part, whatever type it is served as
      '/huge.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(huge),
      '/huge-as-html.xml': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(huge),
      '/big-nothing/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body>${'<p>filler.</p>'.repeat(200_000)}`),
    });
    try {
      for (const path of ['/big/', '/endless/']) {
        const result = await discoverFeeds(`${site.url}${path}`, fetchUrl, { fetch: { ...fetchOptionsFor(`${site.url}${path}`), timeoutMs: 1_000 } });
        expect(result.feeds.map((f) => f.url)).toEqual([`${site.url}/news.xml`]);
      }
      // the head of a page sent in one piece far over a small cap
      const small = await discoverFeeds(`${site.url}/big/`, fetchUrl, { fetch: { ...fetchOptionsFor(`${site.url}/big/`), maxBytes: 2_000 } });
      expect(small.feeds.map((f) => f.url)).toEqual([`${site.url}/news.xml`]);
      for (const path of ['/huge.xml', '/huge-as-html.xml']) {
        const huge = await discoverFeeds(`${site.url}${path}`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}${path}`) });
        expect(huge).toMatchObject({ feeds: [], errorCode: 'too_large', error: expect.stringContaining('more than the 1000000 bytes allowed') });
      }
      // a page read in part that gives no feed says it was cut
      const nothing = await discoverFeeds(`${site.url}/big-nothing/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/big-nothing/`) });
      expect(nothing).toMatchObject({ feeds: [], errorCode: 'too_large' });
      expect(nothing.rejected[0]!.reason).toMatch(/more than the 1000000 bytes allowed; read as far as it came$/);
    } finally {
      await site.close();
    }
  });

  it("tries a home page's ordinary feed links beside its common paths, not instead of them, and leaves out sitemaps", async () => {
    const site = await startServer({
      '/': html('<html><body><a href="/podcast/feed.xml">Podcast</a> <a href="/sitemap.xml">Site map</a></body></html>'),
      '/podcast/feed.xml': feed('Podcast', 'p'),
      '/feed': feed('Example News', 'n'),
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(result.feeds.map((f) => f.title)).toEqual(['Podcast', 'Example News']);
      expect(site.hits.get('/sitemap.xml')).toBeUndefined();
    } finally {
      await site.close();
    }
  });

  it('keeps apart two feeds of one title whose items all link to the same page (a status page\'s)', async () => {
    const status = (guid: string) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Example Status', [1, 2].map((n) => ({ guid: `${guid}-${n}`, title: `${guid} ${n}`, link: 'https://status.example.org/' }))));
    const site = await startServer({
      '/': html('<html><head><link rel="alternate" type="application/rss+xml" href="/api.rss"><link rel="alternate" type="application/rss+xml" href="/web.rss"></head></html>'),
      '/api.rss': status('api-incident'),
      '/web.rss': status('web-incident'),
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(result.feeds.map((f) => f.url)).toEqual([`${site.url}/api.rss`, `${site.url}/web.rss`]);
    } finally {
      await site.close();
    }
  });

  it("reads a feed given as the URL behind WordPress's database error, however long the feed", async () => {
    const posts = Array.from({ length: 40 }, (_v, i) => ({ guid: `g${i}`, title: `Post ${i}`, link: `https://blog.example/${i}` }));
    const site = await startServer({
      '/feed/': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<div id="error"><p class="wpdberror">WordPress database error</p></div>${rssFeed('Blog', posts)}`),
    });
    try {
      const result = await discoverFeeds(`${site.url}/feed/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/feed/`) });
      expect(result.feeds).toMatchObject([{ url: `${site.url}/feed/`, title: 'Blog', itemCount: 40, via: 'page' }]);
    } finally {
      await site.close();
    }
  });

  it('does not probe the common paths of a site whose page stopped sending, each of which would wait as long', async () => {
    const site = await startServer({
      '/': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><head><title>Slow</title>');
      },
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: { ...fetchOptionsFor(`${site.url}/`), timeoutMs: 500 } });
      expect(result).toMatchObject({ feeds: [], errorCode: 'timeout' });
      expect([...site.hits.keys()]).toEqual(['/']);
    } finally {
      await site.close();
    }
  });
});

describe('fetchUrl with keepCutBody', () => {
  it('keeps a body that decompresses past the cap up to the cap, saying which limit cut it; without it the fetch fails', async () => {
    const body = gzipSync(Buffer.from('<p>word</p>'.repeat(500_000)));
    const site = await startServer({ '/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(body) });
    try {
      const options = { ...fetchOptionsFor(`${site.url}/page`), maxBytes: 100_000 };
      const kept = await fetchUrl(`${site.url}/page`, { ...options, keepCutBody: true });
      expect(kept).toMatchObject({ status: 'ok', cut: { code: 'too_large', message: expect.stringContaining('decompresses to more than the 100000 bytes allowed') } });
      if (kept.status !== 'ok') throw new Error('not ok');
      expect(kept.body.length).toBe(100_000);
      expect(kept.body.toString().startsWith('<p>word</p><p>word</p>')).toBe(true);
      expect(await fetchUrl(`${site.url}/page`, options)).toMatchObject({ status: 'failed', error: { code: 'too_large' } });
    } finally {
      await site.close();
    }
  });
});
