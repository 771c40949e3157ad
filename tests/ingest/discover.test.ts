import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFeedLinks, discoverFeeds } from '../../src/ingest/discover.ts';
import { timeLimitNote } from '../../src/cli/commands/sources-add.ts';
import { fetchUrl } from '../../src/ingest/fetch.ts';
import { startServer } from '../helpers/http-server.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { discoveryFetchOptions } from '../helpers/discovery-fetch.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/discover/${name}`, import.meta.url), 'utf8');
const fetchOptionsFor = discoveryFetchOptions;

describe('discoverFeedLinks', () => {
  it('finds the feeds a home page declares, absolute, once each, skipping style sheets and language versions', () => {
    const html = fixture('outlet-home.html').replaceAll('{{OTHER}}', 'https://cdn.example.net');
    expect(discoverFeedLinks(html, 'https://www.example.org/section/index.html')).toEqual([
      { url: 'https://www.example.org/rss/all.xml', title: 'Example Outlet – All stories', type: 'application/rss+xml' },
      { url: 'https://www.example.org/section/policy/atom.xml', title: 'Example Outlet – Policy', type: 'application/atom+xml' },
      { url: 'https://www.example.org/section/feed.json', title: 'Example Outlet (JSON)', type: 'application/feed+json' },
      { url: 'https://www.example.org/dead.xml', title: 'Old podcast', type: 'application/rss+xml' },
      { url: 'https://cdn.example.net/partner.rss', title: 'Partner wire', type: 'application/rss+xml' },
    ]);
  });

  it('resolves relative feed links against <base href>', () => {
    const html = '<html><head><base href="https://static.example.org/site/"><link rel="alternate" type="application/atom+xml" href="atom.xml"></head></html>';
    expect(discoverFeedLinks(html, 'https://example.org/')).toEqual([{ url: 'https://static.example.org/site/atom.xml', title: null, type: 'application/atom+xml' }]);
  });

  it('takes rel="feed" links, and rel="alternate" links without a type whose address looks like a feed', () => {
    const html =
      '<html><head>' +
      '<link rel="alternate" href="/feed.atom"><link rel="alternate" href="/news.rss"><link rel="alternate" href="/feed/">' +
      '<link rel="alternate" href="/export.xml"><link rel="alternate" href="/stories?format=rss"><link rel="feed" href="/updates/">' +
      // a language version, a mobile site, a declared HTML page: not feeds
      '<link rel="alternate" hreflang="fr" href="/fr/"><link rel="alternate" media="only screen and (max-width: 640px)" href="https://m.example.org/">' +
      '<link rel="feed" type="text/html" href="/h-feed/"><link rel="alternate" type="text/html" href="/feed.html">' +
      '</head></html>';
    expect(discoverFeedLinks(html, 'https://example.org/').map((link) => [link.url, link.type])).toEqual([
      ['https://example.org/feed.atom', ''],
      ['https://example.org/news.rss', ''],
      ['https://example.org/feed/', ''],
      ['https://example.org/export.xml', ''],
      ['https://example.org/stories?format=rss', ''],
      ['https://example.org/updates/', ''],
    ]);
  });

  it("leaves out WordPress's REST API alternates, which every WordPress page declares as application/json, and keeps JSON feeds", () => {
    const html =
      '<html><head><link rel="alternate" type="application/rss+xml" title="Desk &raquo; Feed" href="https://desk.example/feed/">' +
      '<link rel="alternate" title="JSON" type="application/json" href="https://desk.example/wp-json/wp/v2/pages/12">' +
      '<link rel="alternate" type="application/json" href="/?rest_route=/wp/v2/categories/5">' +
      '<link rel="alternate" type="application/json" title="JSON Feed" href="/feed.json"></head></html>';
    expect(discoverFeedLinks(html, 'https://desk.example/').map((link) => link.url)).toEqual(['https://desk.example/feed/', 'https://desk.example/feed.json']);
  });

  it('a page without feed links gives nothing', () => {
    expect(discoverFeedLinks(fixture('blog-without-links.html'), 'https://blog.example.org/')).toEqual([]);
  });
});

describe('discoverFeeds against a real server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const html = (body: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  const feed = (body: string, type = 'application/rss+xml') => (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'content-type': type }).end(body);
  const atom =
    '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Policy desk</title><id>urn:x</id>' +
    '<entry><id>urn:x:1</id><title>One</title><link href="https://example.org/1"/><updated>2026-06-09T10:00:00Z</updated></entry></feed>';
  const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'JSON desk', items: [{ id: '1', url: 'https://example.org/1', content_text: 'x' }] });

  beforeAll(async () => {
    const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {
      '/rss/all.xml': feed(rssFeed('All stories', [{ guid: 'a', title: 'A', link: 'https://example.org/a' }, { guid: 'b', title: 'B', link: 'https://example.org/b' }])),
      '/policy/atom.xml': feed(atom, 'application/atom+xml'),
      '/feed.json': feed(json, 'application/feed+json'),
      '/partner.rss': feed(rssFeed('Partner wire', [])),
      '/blog/': html(fixture('blog-without-links.html')),
      '/feed': (_req, res) => res.writeHead(301, { location: '/feed/' }).end(),
      '/feed/': feed(atom, 'application/atom+xml'),
      '/atom.xml': (_req, res) => res.writeHead(302, { location: '/feed/' }).end(),
      '/rss': html('<!doctype html><html><body>Subscribe!</body></html>'),
      // A feed link answered by a temporary redirect to a signed, expiring address, linked twice (once with a fragment).
      '/signed/': html('<html><head><link rel="alternate" type="application/rss+xml" href="/feed-302"><link rel="alternate" type="application/rss+xml" href="/feed-302#latest"></head></html>'),
      '/feed-302': (_req, res) => res.writeHead(302, { location: '/cdn/feed.xml?sig=abc123&expires=1796100300' }).end(),
      '/cdn/feed.xml': feed(rssFeed('Signed', [{ guid: 's', title: 'S', link: 'https://example.org/s' }])),
      '/broken.xml': feed('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><description>cut off <b>here'),
      '/api/status.json': feed(JSON.stringify({ status: 'ok', items: [1, 2] }), 'application/json'),
      '/report.pdf': feed('%PDF-1.7 not really', 'application/pdf'),
      '/hanging/': html(Array.from({ length: 6 }, (_, i) => `<link rel="alternate" type="application/rss+xml" href="/hang?i=${i}">`).join('')),
      '/hang': () => {},
      // WordPress answers a feed with and without the trailing slash; a page may link both spellings.
      '/two-spellings/': html('<html><head><link rel="alternate" type="application/rss+xml" title="Site feed" href="/wp/feed/?format=rss"><link rel="alternate" type="application/rss+xml" href="/wp/feed?format=rss"></head></html>'),
      '/wp/feed': feed(rssFeed('WordPress site', [{ guid: 'w', title: 'W', link: 'https://example.org/w' }])),
      '/wp/feed/': feed(rssFeed('WordPress site', [{ guid: 'w', title: 'W', link: 'https://example.org/w' }])),
      // served with no Content-Type, its markup opening with <meta> (HTML5 leaves out <html> and <head>)
      '/bare/': (_req, res) => res.end('<meta charset="utf-8"><title>Bare</title><link rel="alternate" type="application/rss+xml" href="/rss/all.xml">'),
      // a WordPress feed behind a PHP warning, typed as the address
      '/wp-warning/feed/': feed(`<br />\n<b>Warning</b>:  Cannot modify header information in <b>/var/www/wp-includes/feed-rss2.php</b> on line <b>8</b><br />\n${rssFeed('Warned', [{ guid: 'p', title: 'P', link: 'https://example.org/p' }])}`),
      '/news-sitemap.xml.gz': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(gzipSync(readFileSync(new URL('../fixtures/feeds/news-sitemap.xml', import.meta.url)))),
    };
    server = await startServer(routes);
    // The home page links to the same server under another host name ("localhost"), known once it listens.
    const otherHost = server.url.replace('127.0.0.1', 'localhost');
    routes['/'] = html(fixture('outlet-home.html').replaceAll('{{OTHER}}', otherHost));
    // A link on the page's own host that redirects to another host on the private network.
    routes['/to-other'] = (_req, res) => res.writeHead(302, { location: `${otherHost}/rss/all.xml` }).end();
    routes['/redirecting/'] = html('<html><head><link rel="alternate" type="application/rss+xml" href="/to-other"></head></html>');
  });
  afterAll(() => server.close());

  it('keeps the declared feeds that parse, with title, format and item count, and says why the others were skipped', async () => {
    const probesBefore = server.hits.get('/feed') ?? 0;
    const result = await discoverFeeds(`${server.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/`) });
    expect(result.error).toBeNull();
    // the likely main feeds first (a title "All stories", a feed at the root), then a section's, in page order
    expect(result.feeds).toEqual([
      { url: `${server.url}/rss/all.xml`, title: 'All stories', format: 'rss', itemCount: 2, via: 'link' },
      { url: `${server.url}/feed.json`, title: 'JSON desk', format: 'json', itemCount: 1, via: 'link' },
      { url: `${server.url}/policy/atom.xml`, title: 'Policy desk', format: 'atom', itemCount: 1, via: 'link' },
    ]);
    const reasons = Object.fromEntries(result.rejected.map((r) => [new URL(r.url).pathname, r.reason]));
    expect(reasons['/dead.xml']).toMatch(/HTTP 404/);
    // a link to another host may not reach a private address, even when the page itself may
    expect(reasons['/partner.rss']).toMatch(/private or local address/);
    // declared feeds were found, so the outlet was not probed
    expect(server.hits.get('/feed') ?? 0).toBe(probesBefore);
  });

  it('reads a page served with no Content-Type whose markup opens with <meta> as a page, and a feed behind a PHP warning as a feed', async () => {
    const bare = await discoverFeeds(`${server.url}/bare/`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/bare/`) });
    expect(bare.error).toBeNull();
    expect(bare.feeds.map((found) => found.url)).toEqual([`${server.url}/rss/all.xml`]);
    const warned = await discoverFeeds(`${server.url}/wp-warning/feed/`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/wp-warning/feed/`) });
    expect(warned.feeds).toEqual([{ url: `${server.url}/wp-warning/feed/`, title: 'Warned', format: 'rss', itemCount: 1, via: 'page' }]);
  });

  it('a link on the page\'s own host may not redirect to a private address elsewhere', async () => {
    const result = await discoverFeeds(`${server.url}/redirecting/`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/redirecting/`) });
    // (the common paths on the page's own host are probed instead, and give the outlet's own feeds)
    expect(result.feeds.map((feed) => feed.url)).toEqual([`${server.url}/feed/`, `${server.url}/feed.json`]);
    expect(result.rejected.find((r) => r.url.endsWith('/to-other'))?.reason).toMatch(/localhost:\d+ is a private or local address/);
    // a pipeline that allows private addresses follows it (and keeps the linked URL, the redirect being temporary)
    const allowed = await discoverFeeds(`${server.url}/redirecting/`, fetchUrl, { fetch: { ...fetchOptionsFor(`${server.url}/redirecting/`), allowPrivateAddresses: true } });
    expect(allowed.feeds.map((feed) => feed.url)).toContain(`${server.url}/to-other`);
  });

  it('a page without feed links falls back to the common paths, following redirects and merging duplicates', async () => {
    const result = await discoverFeeds(`${server.url}/blog/`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/blog/`) });
    // /feed is a permanent redirect to /feed/, /atom.xml a temporary one: one feed, the address that keeps named
    expect(result.feeds).toEqual([
      { url: `${server.url}/feed/`, title: 'Policy desk', format: 'atom', itemCount: 1, via: 'probe', merged: [{ url: `${server.url}/atom.xml`, reason: 'same_final_url' }] },
      { url: `${server.url}/feed.json`, title: 'JSON desk', format: 'json', itemCount: 1, via: 'probe' },
    ]);
    expect(result.rejected.find((r) => r.url === `${server.url}/rss`)?.reason).toMatch(/HTML page/);
  });

  it('a section page has its own common paths probed first, and the site root only when it has none there', async () => {
    const site = await startServer({
      '/news/': html('<html><body>no feed links</body></html>'),
      '/news/feed': feed(rssFeed('News section', [{ guid: 'n', title: 'N', link: 'https://example.org/n' }])),
      '/blog': html('<html><body>no feed links</body></html>'),
      '/feed': feed(rssFeed('Whole site', [{ guid: 'w', title: 'W', link: 'https://example.org/w' }])),
    });
    try {
      const section = await discoverFeeds(`${site.url}/news/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/news/`) });
      expect(section.feeds).toEqual([{ url: `${site.url}/news/feed`, title: 'News section', format: 'rss', itemCount: 1, via: 'probe' }]);
      expect(site.hits.get('/feed')).toBeUndefined();
      // --all-paths: the root's too, after the section's
      const all = await discoverFeeds(`${site.url}/news/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/news/`), alwaysProbe: true });
      expect(all.feeds.map((f) => f.title)).toEqual(['News section', 'Whole site']);
      // a section without a feed of its own: the site's (its paths tried below /blog/ first)
      const bare = await discoverFeeds(`${site.url}/blog`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/blog`) });
      expect(bare.feeds.map((f) => f.title)).toEqual(['Whole site']);
      expect(site.hits.get('/blog/index.xml')).toBe(1);
    } finally {
      await site.close();
    }
  });

  it('one feed served at several common paths, or linked and at a common path, is offered once under its best address', async () => {
    const same = rssFeed('One site', [{ guid: 'o1', title: 'One', link: 'https://example.org/o1' }, { guid: 'o2', title: 'Two', link: 'https://example.org/o2' }]);
    const site = await startServer({
      '/': html('<html><body>no feed links</body></html>'),
      '/linked/': html('<html><head><link rel="alternate" type="application/rss+xml" href="/syndication/all-stories.xml"></head></html>'),
      '/syndication/all-stories.xml': feed(same),
      '/feed': feed(same),
      '/rss': feed(same),
      '/rss.xml': feed(same),
      '/feed.xml': feed(same),
      // same title, other items: another feed
      '/index.xml': feed(rssFeed('One site', [{ guid: 'o3', title: 'Three', link: 'https://example.org/o3' }])),
    });
    try {
      const probed = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      // the shortest of the guessed paths, the others named
      expect(probed.feeds.map(({ url, merged }) => ({ url, merged }))).toEqual([
        {
          url: `${site.url}/rss`,
          merged: ['/feed', '/rss.xml', '/feed.xml'].map((path) => ({ url: `${site.url}${path}`, reason: 'same_content' })),
        },
        { url: `${site.url}/index.xml`, merged: undefined },
      ]);
      // a feed the page links beats a guessed path, however long its address
      const linked = await discoverFeeds(`${site.url}/linked/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/linked/`), alwaysProbe: true });
      expect(linked.feeds[0]).toMatchObject({ url: `${site.url}/syndication/all-stories.xml`, via: 'link', title: 'One site', itemCount: 2 });
      expect(linked.feeds[0]!.merged?.map((m) => new URL(m.url).pathname)).toEqual(['/feed', '/rss', '/rss.xml', '/feed.xml']);
      expect(linked.feeds).toHaveLength(2);
    } finally {
      await site.close();
    }
  });

  it('keeps the linked URL of a feed behind a temporary redirect, and a link with a fragment is the same feed', async () => {
    const before = server.hits.get('/feed-302') ?? 0;
    const result = await discoverFeeds(`${server.url}/signed/`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/signed/`) });
    expect(result.feeds).toEqual([{ url: `${server.url}/feed-302`, title: 'Signed', format: 'rss', itemCount: 1, via: 'link' }]);
    expect((server.hits.get('/feed-302') ?? 0) - before).toBe(1);
  });

  it('a feed linked under two spellings of its address is offered once, fetched once, and the other spelling named', async () => {
    const before = (server.hits.get('/wp/feed') ?? 0) + (server.hits.get('/wp/feed/') ?? 0);
    const result = await discoverFeeds(`${server.url}/two-spellings/`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/two-spellings/`) });
    expect(result.feeds).toEqual([
      { url: `${server.url}/wp/feed?format=rss`, title: 'WordPress site', format: 'rss', itemCount: 1, via: 'link', merged: [{ url: `${server.url}/wp/feed/?format=rss`, reason: 'same_address' }] },
    ]);
    expect((server.hits.get('/wp/feed') ?? 0) + (server.hits.get('/wp/feed/') ?? 0) - before).toBe(1);
  });

  it('a feed linked over https that fails is still found over http, where it answers', async () => {
    const site = await startServer({
      '/': (req, res) =>
        html(`<html><head><link rel="alternate" type="application/rss+xml" href="https://${req.headers.host}/feed.xml"><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head></html>`)(req, res),
      '/feed.xml': feed(atom, 'application/atom+xml'),
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(result.feeds).toMatchObject([{ url: `${site.url}/feed.xml`, via: 'link' }]);
      expect(result.rejected).toEqual([{ url: `${site.url.replace('http:', 'https:')}/feed.xml`, reason: expect.any(String) }]);
    } finally {
      await site.close();
    }
  });

  it('finds a feed behind an untyped rel="alternate" link or a rel="feed" link, and does not probe', async () => {
    const site = await startServer({
      '/': html('<html><head><link rel="alternate" href="/feed.atom"><link rel="feed" href="/updates"></head></html>'),
      '/feed.atom': feed(atom, 'application/atom+xml'),
      '/updates': feed(json, 'application/feed+json'),
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(result.feeds).toEqual([
        { url: `${site.url}/feed.atom`, title: 'Policy desk', format: 'atom', itemCount: 1, via: 'link' },
        { url: `${site.url}/updates`, title: 'JSON desk', format: 'json', itemCount: 1, via: 'link' },
      ]);
      expect(site.hits.get('/feed')).toBeUndefined();
    } finally {
      await site.close();
    }
  });

  it('comments feeds are listed apart with the reason, not offered, and a linked one is not even fetched', async () => {
    const item = (guid: string) => [{ guid, title: guid, link: `https://example.org/${guid}` }];
    const site = await startServer({
      // as WordPress declares them on a page, plus a Blogger-style one and a link titled like a per-post comments feed
      '/': html(
        '<html><head>' +
          '<link rel="alternate" type="application/rss+xml" title="Site &raquo; Feed" href="/feed/">' +
          '<link rel="alternate" type="application/rss+xml" title="Site &raquo; Comments Feed" href="/comments/feed/">' +
          '<link rel="alternate" type="application/rss+xml" title="Site &raquo; Labs weigh a pause Comments Feed" href="/2026/06/labs-weigh-a-pause/feed/">' +
          '<link rel="alternate" type="application/atom+xml" href="/feeds/comments/default">' +
          '<link rel="alternate" type="application/rss+xml" title="Opinion &amp; Comment" href="/comment/rss">' +
          '<link rel="alternate" type="application/rss+xml" href="/desk/feed/">' +
          '</head></html>',
      ),
      '/feed/': feed(rssFeed('Site', item('a'))),
      '/comment/rss': feed(rssFeed('Opinion & Comment', item('b'))),
      // linked without a title that gives it away: its own title does (a WordPress page's /feed/ is one)
      '/desk/feed/': feed(rssFeed('Comments on: Desk', item('c'))),
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      // an opinion section ("Comment") is not a comments feed
      expect(result.feeds.map((f) => f.title)).toEqual(['Site', 'Opinion & Comment']);
      expect(result.commentFeeds).toEqual([
        { url: `${site.url}/comments/feed/`, title: 'Site » Comments Feed', reason: 'a comments feed (its address has /comments/)' },
        { url: `${site.url}/2026/06/labs-weigh-a-pause/feed/`, title: 'Site » Labs weigh a pause Comments Feed', reason: 'a comments feed (the link\'s title is "Site » Labs weigh a pause Comments Feed")' },
        { url: `${site.url}/feeds/comments/default`, title: null, reason: 'a comments feed (its address has /comments/)' },
        { url: `${site.url}/desk/feed/`, title: 'Comments on: Desk', reason: 'a comments feed (the feed\'s title is "Comments on: Desk")' },
      ]);
      for (const path of ['/comments/feed/', '/2026/06/labs-weigh-a-pause/feed/', '/feeds/comments/default']) expect(site.hits.get(path)).toBeUndefined();
      // given as the URL itself, a comments feed is what the user asked for
      const asked = await discoverFeeds(`${site.url}/desk/feed/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/desk/feed/`) });
      expect(asked).toMatchObject({ feeds: [{ title: 'Comments on: Desk', via: 'page' }], commentFeeds: [] });
    } finally {
      await site.close();
    }
  });

  it('a post page\'s comments feed, linked from it, is not fetched again as the common path /feed below the page', async () => {
    const site = await startServer({
      '/2026/06/labs/': html('<html><head><link rel="alternate" type="application/rss+xml" title="Site &raquo; Labs Comments Feed" href="/2026/06/labs/feed/"></head></html>'),
      '/2026/06/labs/feed/': feed(rssFeed('Comments on: Labs', [{ guid: 'c', title: 'C', link: 'https://example.org/c' }])),
      '/feed': feed(rssFeed('Site', [{ guid: 's', title: 'S', link: 'https://example.org/s' }])),
    });
    try {
      const result = await discoverFeeds(`${site.url}/2026/06/labs/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/2026/06/labs/`) });
      expect(result.feeds.map((f) => f.title)).toEqual(['Site']);
      expect(result.commentFeeds.map((c) => c.url)).toEqual([`${site.url}/2026/06/labs/feed/`]);
      expect(site.hits.get('/2026/06/labs/feed')).toBeUndefined();
      expect(site.hits.get('/2026/06/labs/feed/')).toBeUndefined();
    } finally {
      await site.close();
    }
  });

  it('a URL that is already a feed is returned as is', async () => {
    const result = await discoverFeeds(`${server.url}/rss/all.xml`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/rss/all.xml`) });
    expect(result.feeds).toEqual([{ url: `${server.url}/rss/all.xml`, title: 'All stories', format: 'rss', itemCount: 2, via: 'page' }]);
  });

  it('a URL that is a gzipped news sitemap is returned as is, not taken for a page', async () => {
    const result = await discoverFeeds(`${server.url}/news-sitemap.xml.gz`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/news-sitemap.xml.gz`) });
    expect(result.feeds).toEqual([{ url: `${server.url}/news-sitemap.xml.gz`, title: 'The Example Paper', format: 'sitemap', itemCount: 2, via: 'page' }]);
    // decompressed, it is held to the pipeline's fetch.maxBytes, as a run reads it
    const small = await discoverFeeds(`${server.url}/news-sitemap.xml.gz`, fetchUrl, { fetch: { ...fetchOptionsFor(`${server.url}/news-sitemap.xml.gz`), maxBytes: 600 } });
    expect(small.feeds).toEqual([]);
    expect(small.rejected).toContainEqual(expect.objectContaining({ url: `${server.url}/news-sitemap.xml.gz`, reason: 'the body is a gzip file that decompresses to more than 600 bytes' }));
  });

  it('a URL that answers with a feed that cannot be read is reported with the reason, not swapped for the site\'s feeds', async () => {
    const probesBefore = server.hits.get('/feed') ?? 0;
    const broken = await discoverFeeds(`${server.url}/broken.xml`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/broken.xml`) });
    expect(broken).toMatchObject({ feeds: [], errorCode: 'not_a_feed', error: expect.stringMatching(/^no item could be read: not well-formed XML/) });
    expect(broken.rejected).toEqual([{ url: `${server.url}/broken.xml`, reason: broken.error }]);
    const json = await discoverFeeds(`${server.url}/api/status.json`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/api/status.json`) });
    expect(json).toMatchObject({ feeds: [], errorCode: 'not_a_feed', error: expect.stringMatching(/JSON but not a JSON Feed/) });
    // neither is HTML, so neither has links to follow nor sends probes to the site
    expect(server.hits.get('/feed') ?? 0).toBe(probesBefore);
  });

  it('a URL that is neither a feed nor an HTML page is reported, and the site is not probed', async () => {
    const probesBefore = server.hits.get('/feed') ?? 0;
    const result = await discoverFeeds(`${server.url}/report.pdf`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/report.pdf`) });
    expect(result).toMatchObject({ feeds: [], errorCode: 'not_a_page', error: 'neither a feed nor an HTML page (served as application/pdf)' });
    expect(server.hits.get('/feed') ?? 0).toBe(probesBefore);
  });

  it('stops at its overall time limit, naming the candidates that did not answer and those not tried, and probes nothing more', async () => {
    const probesBefore = server.hits.get('/feed') ?? 0;
    const started = Date.now();
    const result = await discoverFeeds(`${server.url}/hanging/`, fetchUrl, { fetch: { ...fetchOptionsFor(`${server.url}/hanging/`), timeoutMs: 5_000 }, deadlineMs: 600, concurrency: 2 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toMatchObject({ feeds: [], timedOut: true, error: null });
    expect(result.rejected.map((r) => r.reason)).toEqual([
      ...Array(2).fill('no answer within the 0.6 s that discovery may take'),
      ...Array(4).fill('not tried: discovery reached its limit of 0.6 s'),
    ]);
    expect(result.rejected.every((r) => r.cutOff === true)).toBe(true);
    expect(timeLimitNote(result, 600, false).split('\n')).toEqual([
      'discovery stopped at its limit of 0.6 s (twice fetch.timeoutMs, at least 60 s); not answered by then:',
      ...result.rejected.map((r) => `  ${r.url}: ${r.reason}`),
    ]);
    expect(server.hits.get('/feed') ?? 0).toBe(probesBefore);
  });

  it('tries at most maxLinks of the page\'s feed links and lists the others', async () => {
    const result = await discoverFeeds(`${server.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/`), maxLinks: 2 });
    expect(result.feeds.map((feed) => feed.title)).toEqual(['All stories', 'JSON desk']);
    expect(result.skippedLinks.map((url) => new URL(url).pathname)).toEqual(['/policy/atom.xml', '/dead.xml', '/partner.rss']);
  });

  it('a home page that answers with an error still has its common feed paths probed', async () => {
    const site = await startServer({
      '/': (_req, res) => res.writeHead(503).end(),
      '/feed': feed(atom, 'application/atom+xml'),
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(result).toMatchObject({ feeds: [{ url: `${site.url}/feed`, via: 'probe' }], error: null });
      expect(result.rejected[0]).toEqual({ url: `${site.url}/`, reason: expect.stringMatching(/HTTP 503/) });
    } finally {
      await site.close();
    }
  });

  it.each([
    ['temporary', 'the outlet', 302],
    ['permanent', 'the new home', 301],
  ])('a home page sent by a %s redirect to another site has %s probed', async (_kind, _probed, status) => {
    // another site: "localhost" is not the outlet's host 127.0.0.1 (a consent wall, a login page, or a move)
    const wall = await startServer({
      '/consent': html('<html><head><title>Before you continue</title></head><body><form><button>Accept</button></form></body></html>'),
      '/feed': feed(rssFeed('Consent service notices', [{ guid: 'n', title: 'N', link: 'https://consent.example/n' }])),
    });
    const wallUrl = wall.url.replace('127.0.0.1', 'localhost');
    const outlet = await startServer({
      '/': (_req, res) => res.writeHead(status, { location: `${wallUrl}/consent?continue=home` }).end(),
      '/feed': feed(rssFeed('The outlet', [{ guid: 'o', title: 'O', link: 'https://outlet.example/o' }])),
    });
    try {
      const result = await discoverFeeds(`${outlet.url}/`, fetchUrl, { fetch: { ...fetchOptionsFor(`${outlet.url}/`), allowPrivateAddresses: true } });
      const expected = status === 302 ? { url: `${outlet.url}/feed`, title: 'The outlet' } : { url: `${wallUrl}/feed`, title: 'Consent service notices' };
      expect(result.feeds).toEqual([expect.objectContaining({ ...expected, via: 'probe' })]);
    } finally {
      await Promise.all([wall.close(), outlet.close()]);
    }
  });

  it('a site that moved to another domain by a temporary redirect of every path has its new home probed', async () => {
    const moved = await startServer({
      '/': html('<html><head><title>The outlet</title></head><body>News</body></html>'),
      '/feed': feed(rssFeed('The outlet', [{ guid: 'o', title: 'O', link: 'https://outlet.example/o' }])),
    });
    const newHome = moved.url.replace('127.0.0.1', 'localhost');
    // the old host: every path sent to the new home page with a 302, as PHP's header() and nginx's return send it
    const old = http.createServer((_req, res) => res.writeHead(302, { location: `${newHome}/` }).end());
    await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', resolve));
    const oldUrl = `http://127.0.0.1:${(old.address() as AddressInfo).port}`;
    try {
      const result = await discoverFeeds(`${oldUrl}/`, fetchUrl, { fetch: { ...fetchOptionsFor(`${oldUrl}/`), allowPrivateAddresses: true } });
      expect(result.feeds).toEqual([expect.objectContaining({ url: `${newHome}/feed`, title: 'The outlet', via: 'probe' })]);
    } finally {
      await Promise.all([moved.close(), new Promise((resolve) => old.close(resolve))]);
    }
  });

  it('follows a page that only sends readers on with <meta http-equiv="refresh"> to the page it names, and reads that one\'s feeds', async () => {
    const requests: string[] = [];
    const site = await startServer({
      // a language chooser: no feed of its own, no /feed at the root; the English home page declares the feed
      '/': html('<html><head><meta http-equiv="Refresh" content="0; URL=\'/en/?from=root#top\'"><title>Choose</title></head><body><a href="/en/">English</a></body></html>'),
      '/en/': (req, res) => {
        requests.push(req.url!);
        html('<html><head><link rel="alternate" type="application/rss+xml" href="/en/news.rss"></head><body>News</body></html>')(req, res);
      },
      '/en/news.rss': feed(rssFeed('English desk', [{ guid: 'e', title: 'E', link: 'https://outlet.example/e' }])),
      // a page reloading itself every five minutes, and one pointing at a page that is gone: read as they are
      '/live/': html('<html><head><meta http-equiv="refresh" content="300; url=/live/"></head><body>Live</body></html>'),
      '/moved/': html('<html><head><meta http-equiv="refresh" content="0;url=/gone/"></head><body>Moved</body></html>'),
      '/live/feed': feed(rssFeed('Live desk', [{ guid: 'l', title: 'L', link: 'https://outlet.example/l' }])),
      // a refresh to a notice in plain text: not a page to read in this one's stead
      '/notice/': html('<html><head><meta http-equiv="refresh" content="0; url=/notice.txt"></head><body>Notice</body></html>'),
      '/notice.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('We are moving.'),
      '/notice/feed': feed(rssFeed('Notice desk', [{ guid: 'n', title: 'N', link: 'https://outlet.example/n' }])),
      '/moved/feed': feed(rssFeed('Moved desk', [{ guid: 'm', title: 'M', link: 'https://outlet.example/m' }])),
    });
    try {
      const chooser = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(chooser).toMatchObject({ feeds: [{ url: `${site.url}/en/news.rss`, title: 'English desk', via: 'link' }], error: null });
      expect(requests).toEqual(['/en/?from=root']);

      const live = await discoverFeeds(`${site.url}/live/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/live/`) });
      expect(live.feeds).toEqual([expect.objectContaining({ url: `${site.url}/live/feed`, via: 'probe' })]);
      const moved = await discoverFeeds(`${site.url}/moved/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/moved/`) });
      expect(moved.feeds).toEqual([expect.objectContaining({ url: `${site.url}/moved/feed`, via: 'probe' })]);
      expect(moved.rejected).toContainEqual({ url: `${site.url}/gone/`, reason: expect.stringMatching(/HTTP 404/) });
      const notice = await discoverFeeds(`${site.url}/notice/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/notice/`) });
      expect(notice).toMatchObject({ feeds: [{ url: `${site.url}/notice/feed`, via: 'probe' }], error: null });
      expect(notice.rejected).toContainEqual({ url: `${site.url}/notice.txt`, reason: 'not an HTML page' });
    } finally {
      await site.close();
    }
  });

  it('follows a refresh in a <noscript>, and not one in a <template>, which no browser acts on', async () => {
    const requests: string[] = [];
    const site = await startServer({
      '/template/': html('<html><head><title>Home</title></head><body><template><meta http-equiv="refresh" content="0; url=/elsewhere/"></template>Home</body></html>'),
      '/template/feed': feed(rssFeed('Home desk', [{ guid: 'h', title: 'H', link: 'https://outlet.example/h' }])),
      '/noscript/': html('<html><head><noscript><meta http-equiv="refresh" content="0; url=/elsewhere/"></noscript></head><body>Home</body></html>'),
      '/elsewhere/': (req, res) => {
        requests.push(req.url!);
        html('<html><head><link rel="alternate" type="application/rss+xml" href="/elsewhere/news.rss"></head><body>News</body></html>')(req, res);
      },
      '/elsewhere/news.rss': feed(rssFeed('Elsewhere desk', [{ guid: 'e', title: 'E', link: 'https://outlet.example/e' }])),
    });
    try {
      const templated = await discoverFeeds(`${site.url}/template/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/template/`) });
      expect(templated.feeds).toEqual([expect.objectContaining({ url: `${site.url}/template/feed`, via: 'probe' })]);
      expect(requests).toEqual([]);
      const noscript = await discoverFeeds(`${site.url}/noscript/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/noscript/`) });
      expect(noscript.feeds).toEqual([expect.objectContaining({ url: `${site.url}/elsewhere/news.rss`, via: 'link' })]);
      expect(requests).toEqual(['/elsewhere/']);
    } finally {
      await site.close();
    }
  });

  it('follows a refresh only within the time left of the search', async () => {
    // each page answers after 1.5 s and sends readers to the next: with 2 s for the search, the second is not asked
    const slowly = (next: string) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
      void setTimeout(() => html(`<html><head><meta http-equiv="refresh" content="0; url=${next}"></head><body>On</body></html>`)(_req, res), 1_500);
    const site = await startServer({ '/': slowly('/one/'), '/one/': slowly('/two/'), '/two/': slowly('/three/') });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`), deadlineMs: 2_000 });
      expect(result.feeds).toEqual([]);
      expect(site.hits.get('/one/')).toBeUndefined();
    } finally {
      await site.close();
    }
  });

  it('finds a news sitemap that robots.txt alone names, when the page and the common paths give no feed', async () => {
    const requests: string[] = [];
    const sitemap = readFileSync(new URL('../fixtures/feeds/news-sitemap.xml', import.meta.url), 'utf8');
    const site = await startServer({
      '/': html('<html><head><title>Outlet</title></head><body>News</body></html>'),
      '/robots.txt': (req, res) => {
        requests.push(req.url!);
        // the site's full sitemap, another site's news sitemap, and its own
        // and three of its newsletters' and newsroom's, which would take the three tries
        res
          .writeHead(200, { 'content-type': 'text/plain' })
          .end('User-agent: *\r\nDisallow: /search\r\nSitemap: /sitemap.xml\r\nsitemap: https://other.example/news-sitemap.xml\r\nSitemap: /newsletter-sitemap.xml\r\nSitemap: /newsroom/sitemap.xml\r\nSitemap: /sitemaps/newsletters.xml\r\nSITEMAP:  /sitemaps/news.xml  \r\n');
      },
      '/sitemap.xml': (req, res) => {
        requests.push(req.url!);
        res.writeHead(200, { 'content-type': 'application/xml' }).end('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>');
      },
      '/sitemaps/news.xml': feed(sitemap, 'application/xml'),
    });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(result).toMatchObject({ feeds: [{ url: `${site.url}/sitemaps/news.xml`, format: 'sitemap', via: 'probe' }], error: null });
      expect(requests).toEqual(['/robots.txt']);
    } finally {
      await site.close();
    }
  });

  it("finds a site's JSON Feed at /feed.json when its page declares no feed", async () => {
    const site = await startServer({ '/': html('<html><head><title>Desk</title></head><body>News</body></html>'), '/feed.json': feed(json, 'application/feed+json') });
    try {
      const result = await discoverFeeds(`${site.url}/`, fetchUrl, { fetch: fetchOptionsFor(`${site.url}/`) });
      expect(result).toMatchObject({ feeds: [{ url: `${site.url}/feed.json`, format: 'json', via: 'probe' }], error: null });
      // a feed found: robots.txt is not asked
      expect(site.hits.get('/robots.txt')).toBeUndefined();
    } finally {
      await site.close();
    }
  });

  it('a URL below the home page that fails is reported, not swapped for the site\'s feed', async () => {
    const result = await discoverFeeds(`${server.url}/missing`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/missing`) });
    expect(result).toMatchObject({ feeds: [], error: expect.stringMatching(/HTTP 404/) });
  });

  it('an unreachable site is reported, not thrown, and not probed', async () => {
    const result = await discoverFeeds('http://127.0.0.1:1/', fetchUrl, { fetch: fetchOptionsFor('http://127.0.0.1:1/') });
    expect(result).toMatchObject({ feeds: [], rejected: [{ url: 'http://127.0.0.1:1/' }], error: expect.stringMatching(/refused|connect/i) });
  });
});
