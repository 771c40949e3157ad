import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFeedLinks, discoverFeeds } from '../../src/ingest/discover.ts';
import { fetchUrl } from '../../src/ingest/fetch.ts';
import { startServer } from '../helpers/http-server.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { discoveryFetchOptions } from '../helpers/discovery-fetch.ts';

/**
 * `sources add` reads a home page the outlet writes, and an outlet may write it to hurt: markup that a parser takes
 * minutes over, thousands of links, links to the user's own network or to other schemes, a `<base>` that is no address.
 * Discovery runs its page work synchronously, where its time limit cannot stop it: the work must stay linear. These
 * tests assert what is found; without the fixes they ran for minutes, until the test's time limit failed them.
 */

const fetchOptionsFor = (typedUrl: string) => discoveryFetchOptions(typedUrl, 10_000_000);
const feedLink = (href: string) => `<link rel="alternate" type="application/rss+xml" href="${href}">`;

describe('discoverFeedLinks on hostile pages', () => {
  it('finds a feed link after 100,000 unclosed <div> (a 500 KB page a browser-exact parse took many minutes over)', () => {
    const html = `<html><head>${feedLink('/first.xml')}</head><body>${'<div>'.repeat(100_000)}${feedLink('/deep.xml')}</body></html>`;
    expect(discoverFeedLinks(html, 'https://outlet.example/').map((link) => link.url)).toEqual(['https://outlet.example/first.xml', 'https://outlet.example/deep.xml']);
  });

  it('ignores a <base href> that is not an http(s) address, as browsers do, and resolves relative links against the page', () => {
    for (const base of ['javascript:void(0)', 'data:text/html,x', 'file:///etc/']) {
      const html = `<html><head><base href="${base}">${feedLink('feed.xml')}</head></html>`;
      expect(discoverFeedLinks(html, 'https://outlet.example/news/')).toEqual([{ url: 'https://outlet.example/news/feed.xml', title: null, type: 'application/rss+xml' }]);
    }
  });

  it('keeps the first usable <base href> only, and drops links of other schemes', () => {
    const html =
      '<html><head><base href="https://static.outlet.example/site/"><base href="https://elsewhere.example/">' +
      [feedLink('atom.xml'), feedLink('file:///etc/passwd'), feedLink('javascript:alert(1)'), feedLink('data:application/rss+xml,<rss/>'), feedLink('ftp://outlet.example/feed')].join('') +
      '</head></html>';
    expect(discoverFeedLinks(html, 'https://outlet.example/').map((link) => link.url)).toEqual(['https://static.outlet.example/site/atom.xml']);
  });
});

describe('discoverFeeds on hostile pages against a real server', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  const html = (body: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  const COMMENT_LINKS = 20_000;

  beforeAll(async () => {
    server = await startServer({
      // one comments feed per post, as WordPress declares them, 20,000 times (a page of under 1 MB)
      '/posts/': html(`<html><head>${Array.from({ length: COMMENT_LINKS }, (_, i) => feedLink(`/comments/${i}/`)).join('')}${feedLink('/feed.xml')}</head></html>`),
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Outlet', [{ guid: 'a', title: 'A', link: 'https://outlet.example/a' }])),
      // links to a metadata address, a private one and the same server under another name and port: none may be fetched
      '/private-links/': html(
        `<html><head>${[feedLink('http://169.254.169.254/latest/meta-data/'), feedLink('http://10.255.255.1/feed'), feedLink('http://localhost:1/feed.xml'), feedLink('/feed.xml')].join('')}</head></html>`,
      ),
    });
  });
  afterAll(() => server.close());

  it('sets aside 20,000 comments feed links, once each, without fetching any, and offers the feed after them', async () => {
    const result = await discoverFeeds(`${server.url}/posts/`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/posts/`) });
    expect(result.feeds.map((feed) => feed.url)).toEqual([`${server.url}/feed.xml`]);
    expect(result.commentFeeds).toHaveLength(COMMENT_LINKS);
    expect(new Set(result.commentFeeds.map((c) => c.url)).size).toBe(COMMENT_LINKS);
    expect([...server.hits.keys()].filter((pathname) => pathname.startsWith('/comments/'))).toEqual([]);
  });

  it('refuses links to a metadata, private or other local address before connecting, and keeps the page\'s own feed', async () => {
    const result = await discoverFeeds(`${server.url}/private-links/`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}/private-links/`) });
    expect(result.feeds.map((feed) => feed.url)).toEqual([`${server.url}/feed.xml`]);
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.url, r.reason]));
    expect(reasons).toEqual({
      'http://169.254.169.254/latest/meta-data/': expect.stringMatching(/^refused: 169\.254\.169\.254 is a private or local address/),
      'http://10.255.255.1/feed': expect.stringMatching(/^refused: 10\.255\.255\.1 is a private or local address/),
      'http://localhost:1/feed.xml': expect.stringMatching(/^refused: localhost:1 is a private or local address/),
    });
  });
});
