import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, type FetchOptions } from '../../src/ingest/fetch.ts';
import { ingestFeed, permanentMove } from '../../src/ingest/feed-source.ts';
import { startServer } from '../helpers/http-server.ts';
import { localFetchOptions } from '../helpers/fetch-options.ts';

/**
 * A news site in the EU sends a reader without its consent cookie to a consent page, which sets the cookie and sends
 * them back to the article: the article's address twice in one chain, which was taken for a redirect loop, so the
 * page was never read.
 */

const options: FetchOptions = localFetchOptions();

const cookieOf = (req: http.IncomingMessage) => req.headers.cookie ?? '';
const seen: string[] = [];
let site: Awaited<ReturnType<typeof startServer>>;
let otherHost: string;

beforeAll(async () => {
  site = await startServer({
    // the article, read only with the consent cookie
    '/article': (req, res) => {
      seen.push(`article:${cookieOf(req)}`);
      if (!cookieOf(req).includes('consent=yes')) res.writeHead(302, { location: '/consent?return=%2Farticle' }).end();
      else res.writeHead(200, { 'content-type': 'text/html' }).end('<p>The article.</p>');
    },
    '/consent': (req, res) => {
      seen.push(`consent:${cookieOf(req)}`);
      res.writeHead(302, { location: '/article', 'set-cookie': ['consent=yes; Path=/; Max-Age=3600; SameSite=Lax', 'tracker=1; Path=/; Expires=Wed, 21 Oct 2099 07:28:00 GMT'] }).end();
    },
    // a check that never sets the cookie: the loop it is
    '/stuck': (_req, res) => res.writeHead(302, { location: '/stuck-check' }).end(),
    '/stuck-check': (_req, res) => res.writeHead(302, { location: '/stuck' }).end(),
    // a cookie set for the site, then a redirect to another host
    '/to-other-host': (_req, res) => res.writeHead(302, { location: `${otherHost}/echo`, 'set-cookie': 'session=secret; Path=/' }).end(),
    // a cookie naming a domain that is not the host's, and one too long: neither is kept
    '/foreign-cookie': (_req, res) => res.writeHead(302, { location: '/echo', 'set-cookie': ['stolen=1; Domain=example.com; Path=/', `big=${'x'.repeat(5_000)}; Path=/`, 'own=1; Path=/'] }).end(),
    '/echo': (req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`cookie: ${cookieOf(req)}`),
  });
  // the same server under another host name: cookies are a host's, not an address's
  otherHost = site.url.replace('127.0.0.1', 'localhost');
});
afterAll(() => site.close());

describe('cookies within one chain of redirects', () => {
  it('are sent back, so a consent page that sets one and returns to the article is followed to the article', async () => {
    seen.length = 0;
    const result = await fetchUrl(`${site.url}/article`, options);
    expect(result).toMatchObject({ status: 'ok', url: `${site.url}/article` });
    expect(result.redirects.map((r) => new URL(r.to).pathname)).toEqual(['/consent', '/article']);
    expect(seen).toEqual(['article:', 'consent:', 'article:consent=yes; tracker=1']);
  });

  it('are not kept past the chain: the next fetch starts without them', async () => {
    seen.length = 0;
    await fetchUrl(`${site.url}/article`, options);
    expect(seen[0]).toBe('article:');
  });

  it('leave a loop that sets no cookie a loop', async () => {
    const result = await fetchUrl(`${site.url}/stuck`, options);
    expect(result).toMatchObject({ status: 'failed', error: { code: 'redirect_loop' } });
  });

  it('go only to the host that set them, and only those it may set, of a browser\'s size', async () => {
    const echoed = async (path: string) => {
      const result = await fetchUrl(`${site.url}${path}`, options);
      return result.status === 'ok' ? result.body.toString() : result.status;
    };
    expect(await echoed('/to-other-host')).toBe('cookie: ');
    expect(await echoed('/foreign-cookie')).toBe('cookie: own=1');
  });
});

describe('a feed sent through a consent page and back', () => {
  it('has not moved, though its first redirect was permanent', async () => {
    const server = await startServer({
      '/feed.xml': (req, res) => {
        if (!cookieOf(req).includes('consent=yes')) res.writeHead(301, { location: '/consent?return=%2Ffeed.xml' }).end();
        else res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>T</title><link>https://e.example/</link><item><title>A</title><link>https://e.example/a</link></item></channel></rss>');
      },
      '/consent': (_req, res) => res.writeHead(302, { location: '/feed.xml', 'set-cookie': 'consent=yes; Path=/' }).end(),
    });
    try {
      const result = await ingestFeed({ id: 'f', url: `${server.url}/feed.xml` }, { etag: null, lastModified: null, bodyHash: null }, fetchUrl, options);
      expect(result).toMatchObject({ outcome: 'ok', movedTo: null });
      expect(result.items.map((item) => item.title)).toEqual(['A']);
      // a chain that does not come back still moved where its leading permanent redirects lead
      expect(permanentMove([{ from: 'https://a.example/feed', to: 'https://b.example/feed', status: 301, permanent: true }])).toBe('https://b.example/feed');
    } finally {
      await server.close();
    }
  });
});
