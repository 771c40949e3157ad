import type http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { sourceEntries } from '../../src/cli/commands/sources-add.ts';
import { discoverFeeds } from '../../src/ingest/discover.ts';
import { fetchUrl } from '../../src/ingest/fetch.ts';
import { discoveryFetchOptions } from '../helpers/discovery-fetch.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer, type Route } from '../helpers/http-server.ts';

/**
 * Users often give `sources add` the article they were reading rather than the outlet's home page. An article's page
 * declares its own comments feed beside the site's (WordPress, in the site's language), and its address is no section
 * to probe below; a page may declare more feeds than are tried, or another site's first.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const html = (body: string): Route => (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const feed = (title: string): Route => (_req, res) =>
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(title, [{ guid: title, title, link: `https://example.org/${encodeURIComponent(title)}` }]));
const link = (title: string, href: string) => `<link rel="alternate" type="application/rss+xml" title="${title}" href="${href}">`;
const page = (head: string, body = '<article><h1>KI-Pause</h1><p>Text.</p></article>', bodyClass = '') =>
  `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>KI-Pause: die Debatte</title>${head}</head><body class="${bodyClass}">${body}</body></html>`;

async function serve(routes: Record<string, Route>) {
  const server = await startServer(routes);
  cleanups.push(() => server.close());
  return server;
}
const discover = (url: string, maxLinks?: number) => discoverFeeds(url, fetchUrl, { fetch: discoveryFetchOptions(url), ...(maxLinks ? { maxLinks } : {}) });

describe("an article's page given to discovery", () => {
  it("sets aside the article's own comments feed, titled in the site's language, and offers the site's feed", async () => {
    const article = '/2026/06/05/ki-pause-debatte/';
    const server = await serve({
      [article]: html(page(link('Tagesblatt » Feed', '/feed/') + link('Tagesblatt » Kommentar-Feed', '/comments/feed/') + link('Tagesblatt » KI-Pause: die Debatte Kommentar-Feed', `${article}feed/`))),
      '/feed/': feed('Tagesblatt'),
      [`${article}feed/`]: feed('Kommentare zu: KI-Pause: die Debatte'),
    });
    const result = await discover(`${server.url}${article}`);
    expect(result.feeds.map((found) => found.url)).toEqual([`${server.url}/feed/`]);
    expect(result.commentFeeds.map((found) => [new URL(found.url).pathname, found.reason])).toEqual([
      ['/comments/feed/', 'a comments feed (its address has /comments/)'],
      [`${article}feed/`, "a comments feed (the article's own address with /feed/, where WordPress serves its comments)"],
    ]);
    expect(server.hits.get(`${article}feed/`)).toBeUndefined();
  });

  it('knows an article by its publication time or its body classes, by its canonical address too, and a section page from one', async () => {
    const server = await serve({
      // no date in the address; the page given with a campaign query, its canonical address without
      '/kabar/jangan-membenci/': html(
        page(`<link rel="canonical" href="/kabar/jangan-membenci/">${link('Kabar » Feed', '/feed/')}${link('Kabar » Jangan Membenci Umpan Komentar', '/kabar/jangan-membenci/feed/')}`, undefined, 'post-template-default single single-post postid-5129'),
      ),
      '/meinung/pause/': html(page(`<meta property="article:published_time" content="2026-06-05T08:00:00+02:00">${link('Blatt » Feed', '/feed/')}${link('Blatt » Pause', '/meinung/pause/feed/')}`)),
      // a category page declares its category's feed at the same place: a section's feed, kept
      '/category/politik/': html(page(link('Blatt » Feed', '/feed/') + link('Blatt » Politik Kategorie-Feed', '/category/politik/feed/'), '<h1>Politik</h1>', 'archive category category-politik')),
      '/feed/': feed('Blatt'),
      '/kabar/jangan-membenci/feed/': feed('Komentar pada: Jangan Membenci'),
      '/meinung/pause/feed/': feed('Kommentare zu: Pause'),
      '/category/politik/feed/': feed('Blatt - Politik'),
    });
    const paths = async (url: string) => (await discover(url)).feeds.map((found) => new URL(found.url).pathname);
    expect(await paths(`${server.url}/kabar/jangan-membenci/?utm_source=x`)).toEqual(['/feed/']);
    expect(await paths(`${server.url}/meinung/pause/`)).toEqual(['/feed/']);
    expect(await paths(`${server.url}/category/politik/`)).toEqual(['/feed/', '/category/politik/feed/']);
  });

  it("sets aside WordPress's feed of one post where pretty links are off (?feed=rss2&p=123)", async () => {
    const server = await serve({
      '/': (req, res) => {
        const query = new URL(req.url ?? '/', 'http://x').searchParams;
        if (query.get('feed') === 'rss2' && !query.has('p')) return feed('Dorfblatt')(req, res);
        if (query.has('feed')) return feed('Kommentare zu: KI-Pause')(req, res);
        html(page(link('Dorfblatt » Feed', '/?feed=rss2') + link('Dorfblatt » KI-Pause Kommentar-Feed', '/?feed=rss2&amp;p=123')))(req, res);
      },
    });
    const result = await discover(`${server.url}/?p=123`);
    expect(result.feeds.map((found) => found.url)).toEqual([`${server.url}/?feed=rss2`]);
    expect(result.commentFeeds.map((found) => found.reason)).toEqual(["a comments feed (its address asks for one post's feed, ?feed=...&p=...)"]);
  });

  it("probes the site's root, not below the article, when the page declares no feed, and after an author's feed its links gave", async () => {
    const article = '/2026/06/05/ki-moratorium/';
    const server = await serve({
      [article]: html(page('<meta name="generator" content="WordPress 6.5">', '<article><h1>KI-Moratorium</h1><p>Von <a href="/author/jane-doe/feed/" title="RSS von Jane Doe">RSS</a></p></article>')),
      [`${article}feed/`]: feed('Kommentare zu: KI-Moratorium'),
      [`${article}feed`]: feed('Kommentare zu: KI-Moratorium'),
      '/author/jane-doe/feed/': feed('Jane Doe – Rundschau'),
      '/feed': feed('Rundschau'),
    });
    const result = await discover(`${server.url}${article}`);
    expect(result.feeds.map((found) => new URL(found.url).pathname)).toEqual(['/author/jane-doe/feed/', '/feed']);
    expect([...server.hits.keys()].filter((path) => path.startsWith(article) && path !== article)).toEqual([]);
  });
});

describe('a page declaring more feeds than are tried, or another site’s', () => {
  it("tries the outlet's likely main feed first, however late the page declares it", async () => {
    const sections = ['world', 'politics', 'business', 'tech', 'science', 'health', 'sport', 'culture', 'opinion', 'travel', 'climate', 'media'];
    const server = await serve({
      '/': html(page(sections.map((name) => link(`Big News - ${name}`, `/${name}/rss.xml`)).join('') + link('Big News - All stories', '/rss.xml'))),
      ...Object.fromEntries(sections.map((name) => [`/${name}/rss.xml`, feed(`Big News - ${name}`)])),
      '/rss.xml': feed('Big News'),
    });
    const result = await discover(`${server.url}/`);
    expect(result.feeds[0]!.url).toBe(`${server.url}/rss.xml`);
    expect(result.feeds).toHaveLength(10);
    expect(result.skippedLinks.map((url) => new URL(url).pathname)).toEqual(['/travel/rss.xml', '/climate/rss.xml', '/media/rss.xml']);
  });

  it("tries another site's declared feed after the outlet's own, and names an entry for it by that site", async () => {
    const server = await serve({
      '/': html(page(link('Partner headlines', 'http://partner-wire.example/feed/') + link('Hostnews', '/feed/'))),
      '/feed/': feed('Hostnews'),
    });
    const result = await discover(`${server.url}/`, 1);
    expect(result.feeds.map((found) => found.url)).toEqual([`${server.url}/feed/`]);
    expect(result.skippedLinks).toEqual(['http://partner-wire.example/feed/']);
    const entries = sourceEntries(
      [
        { url: 'https://www.hostnews.example/feed/', title: 'Hostnews', format: 'rss', itemCount: 1, via: 'link' },
        { url: 'https://partner-wire.example/feed/', title: 'Partner headlines', format: 'rss', itemCount: 1, via: 'link' },
        { url: 'https://feeds.feedburner.com/hostnews', title: 'Hostnews (FeedBurner)', format: 'rss', itemCount: 1, via: 'link' },
      ],
      'https://www.hostnews.example/2026/06/05/story/',
    );
    expect(entries.map((entry) => entry.id)).toEqual(['hostnews-example-feed', 'partner-wire-example-feed', 'hostnews-example-hostnews']);
  });
});

describe('candidates that are HTML pages', () => {
  it('are rejected as pages, without the advice to run sources add on them', async () => {
    const app: Route = (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body><div id="app"></div></body></html>');
    const server = await serve({ '/': app, '/feed': app, '/rss': app });
    const result = await discover(`${server.url}/`);
    const reasons = new Set(result.rejected.filter((rejection) => ['/feed', '/rss'].includes(new URL(rejection.url).pathname)).map((rejection) => rejection.reason));
    expect([...reasons]).toEqual(['the document is an HTML page, not a feed']);
  });
});
