import type http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePipeline } from '../../src/config/index.ts';
import { fetchUrl, type FetchOptions } from '../../src/ingest/fetch.ts';
import { ingestFeed, type FeedState } from '../../src/ingest/feed-source.ts';
import { createRequestQueue } from '../../src/ingest/request-queue.ts';
import { startServer } from '../helpers/http-server.ts';
import { gzipBomb, rssFeed, slowDrip, streamBytes, unansweredPort } from '../helpers/hostile-server.ts';
import { localFetchOptions } from '../helpers/fetch-options.ts';

/** Small limits so every cap fires within milliseconds. */
const options: Omit<FetchOptions, 'etag' | 'lastModified'> = localFetchOptions({ maxBytes: 256 * 1024 });
const fresh: FeedState = { etag: null, lastModified: null, bodyHash: null };
const MB = 1024 * 1024;

const goodFeed = rssFeed('Policy Wire', [
  { guid: 'pw-1', title: 'Labs weigh a coordinated pause', link: 'https://example.org/a', pubDate: 'Tue, 09 Jun 2026 10:00:00 GMT' },
  { guid: 'pw-2', title: 'Verification is the crux', link: 'https://example.org/b', pubDate: 'Tue, 09 Jun 2026 11:00:00 GMT' },
]);
const accentedFeed = rssFeed('Débats', [
  { guid: 'fr-1', title: 'Le débat sur la pause — suite', link: 'https://example.org/fr-1' },
  { guid: 'fr-2', title: 'Vérification : le cœur du problème', link: 'https://example.org/fr-2' },
]);
const rss = (res: http.ServerResponse, body: string | Buffer, headers: Record<string, string> = {}) =>
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', ...headers }).end(body);

function splitAfterFirstByte(res: http.ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', 'content-encoding': 'deflate' });
  res.write(body.subarray(0, 1));
  setTimeout(() => res.end(body.subarray(1)), 30);
}

let server: Awaited<ReturnType<typeof startServer>>;
let bomb: Buffer;
const seen = { userAgent: '', ifNoneMatch: '', ifModifiedSince: '', bytesStreamed: -1, retitled: 0 };

beforeAll(async () => {
  bomb = await gzipBomb(64 * MB);
  server = await startServer({
    '/good.xml': (req, res) => {
      seen.userAgent = req.headers['user-agent'] ?? '';
      rss(res, goodFeed, { 'cache-control': 'public, max-age=1800', expires: new Date(Date.now() + 3_600_000).toUTCString() });
    },
    '/etag.xml': (req, res) => {
      seen.ifNoneMatch = String(req.headers['if-none-match'] ?? '');
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
      rss(res, goodFeed, { etag: '"v1"' });
    },
    '/last-modified.xml': (req, res) => {
      seen.ifModifiedSince = String(req.headers['if-modified-since'] ?? '');
      if (req.headers['if-modified-since'] === 'Tue, 09 Jun 2026 12:00:00 GMT') return void res.writeHead(304).end();
      rss(res, goodFeed, { 'last-modified': 'Tue, 09 Jun 2026 12:00:00 GMT' });
    },
    '/etag-rotating.xml': (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v2"' }).end();
      rss(res, goodFeed, { etag: '"v1"', 'last-modified': 'Tue, 09 Jun 2026 12:00:00 GMT' });
    },
    '/no-validators.xml': (_req, res) => rss(res, goodFeed),
    '/expires.xml': (_req, res) => rss(res, goodFeed, { expires: new Date(Date.now() + 3_600_000).toUTCString() }),
    '/expires-275760.xml': (_req, res) => rss(res, goodFeed, { date: 'Thu, 01 Jan 1970 00:00:00 GMT', expires: 'Sat, 13 Sep 275760 00:00:00 GMT' }),
    '/bad-location.xml': (_req, res) => res.writeHead(302, { location: 'http://[oops/feed.xml' }).end(),
    '/gzip.xml': (_req, res) => rss(res, zlib.gzipSync(goodFeed), { 'content-encoding': 'gzip' }),
    '/deflate.xml': (_req, res) => rss(res, zlib.deflateSync(goodFeed), { 'content-encoding': 'deflate' }),
    '/raw-deflate.xml': (_req, res) => rss(res, zlib.deflateRawSync(goodFeed), { 'content-encoding': 'deflate' }),
    // One byte first, then the rest: too little to tell zlib from raw deflate until the second chunk.
    '/deflate-one-byte-first.xml': (_req, res) => splitAfterFirstByte(res, zlib.deflateSync(goodFeed)),
    '/raw-deflate-one-byte-first.xml': (_req, res) => splitAfterFirstByte(res, zlib.deflateRawSync(goodFeed)),
    '/br.xml': (_req, res) => rss(res, zlib.brotliCompressSync(goodFeed), { 'content-encoding': 'br' }),
    '/malformed-recoverable.xml': (_req, res) =>
      rss(res, goodFeed.replace('Verification is the crux', 'Verification &nbsp; is the crux & the cost').replace('</channel></rss>', '</channel>')),
    '/malformed-hopeless.xml': (_req, res) => rss(res, '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</tit'),
    '/quiet-as-text.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/plain' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title><link>https://example.org/</link></channel></rss>'),
    '/html.xml': (_req, res) => rss(res, '<!doctype html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>'),
    '/empty.xml': (_req, res) => rss(res, ''),
    '/garbage.xml': (_req, res) => rss(res, Buffer.from(Array.from({ length: 4096 }, (_v, i) => (i * 7919 + 13) % 256))),
    '/bomb.xml': (_req, res) => rss(res, bomb, { 'content-encoding': 'gzip' }),
    '/huge.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      void streamBytes(res, 50 * MB, '<?xml version="1.0"?><rss version="2.0"><channel><title>').then((n) => (seen.bytesStreamed = n));
    },
    '/huge-declared.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(50 * MB) });
      void streamBytes(res, 50 * MB);
    },
    '/slow.xml': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      slowDrip(res, '<?xml version="1.0"?><rss version="2.0"><channel>', 50);
    },
    '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_req, res) => res.writeHead(302, { location: '/loop-a' }).end(),
    ...Object.fromEntries(
      Array.from({ length: 8 }, (_v, i) => [`/hop-${i}`, (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(301, { location: `/hop-${i + 1}` }).end()]),
    ),
    '/hop-8': (_req, res) => rss(res, goodFeed),
    '/moved.xml': (_req, res) => res.writeHead(301, { location: '/good.xml' }).end(),
    '/temporary.xml': (_req, res) => res.writeHead(302, { location: '/good.xml' }).end(),
    '/moved-to-hopeless.xml': (_req, res) => res.writeHead(301, { location: '/malformed-hopeless.xml' }).end(),
    '/moved-to-html.xml': (_req, res) => res.writeHead(301, { location: '/html.xml' }).end(),
    '/error-500.xml': (_req, res) => res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>oops</h1>'),
    '/gone.xml': (_req, res) => res.writeHead(410, { 'content-type': 'text/plain' }).end('gone'),
    '/busy.xml': (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end(),
    '/busy-date.xml': (_req, res) =>
      res.writeHead(503, { date: 'Tue, 09 Jun 2026 12:00:00 GMT', 'retry-after': 'Tue, 09 Jun 2026 12:30:00 GMT' }).end(),
    '/same-guid.xml': (_req, res) =>
      rss(res, rssFeed('Same GUID', [1, 2, 3].map((n) => ({ guid: 'https://example.org/feed', title: `Story ${n}`, link: `https://example.org/story-${n}` })))),
    '/retitled.xml': (_req, res) => {
      seen.retitled += 1;
      const title = seen.retitled === 1 ? 'Labs weigh a pause' : 'Labs weigh a coordinated pause (updated)';
      rss(res, rssFeed('Retitled', [{ title, link: 'https://example.org/retitled', pubDate: 'Tue, 09 Jun 2026 10:00:00 GMT' }]));
    },
    // PHP's strlen as Content-Length over a UTF-8 body: the declared end falls a few bytes before the real one
    '/length-in-characters.xml': (_req, res) => rss(res, accentedFeed, { 'content-length': String(accentedFeed.length) }),
    '/latin1.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=iso-8859-1' }).end(Buffer.from(rssFeed('Caf\u00e9 news', [{ title: 'D\u00e9bat sur la pause', link: 'https://example.org/fr' }]), 'latin1')),
  });
});
afterAll(() => server.close());

const ingest = (path: string, previous: FeedState = fresh, fetchOptions = options) =>
  ingestFeed({ id: 'test', url: `${server.url}${path}` }, previous, fetchUrl, fetchOptions);

describe('HTTP manners', () => {
  it('sends a User-Agent that names pausewatch and where to learn about it', async () => {
    await ingest('/good.xml');
    expect(seen.userAgent).toMatch(/^pausewatch\/\S+ \(.*https?:\/\//);
  });

  it('an unchanged feed answers 304 to If-None-Match and nothing is re-read', async () => {
    const first = await ingest('/etag.xml');
    expect(first).toMatchObject({ outcome: 'ok', state: { etag: '"v1"' } });
    const second = await ingest('/etag.xml', { etag: '"v1"', lastModified: null, bodyHash: first.state.bodyHash ?? null });
    expect(seen.ifNoneMatch).toBe('"v1"');
    expect(second).toMatchObject({ outcome: 'not_modified', items: [] });
  });

  it('a 304 that brings a new ETag hands it on, keeping the validators it did not mention', async () => {
    const first = await ingest('/etag-rotating.xml');
    const second = await ingest('/etag-rotating.xml', { etag: '"v1"', lastModified: first.state.lastModified ?? null, bodyHash: first.state.bodyHash ?? null });
    expect(second).toMatchObject({ outcome: 'not_modified' });
    expect(second.state).toEqual({ etag: '"v2"', validatorsUrl: expect.stringMatching(/\/etag-rotating\.xml$/) });
  });

  it('an unchanged feed answers 304 to If-Modified-Since', async () => {
    const first = await ingest('/last-modified.xml');
    const second = await ingest('/last-modified.xml', { etag: null, lastModified: first.state.lastModified ?? null, bodyHash: null });
    expect(seen.ifModifiedSince).toBe('Tue, 09 Jun 2026 12:00:00 GMT');
    expect(second.outcome).toBe('not_modified');
  });

  it('a server without validators that sends the same bytes again counts as not modified', async () => {
    const first = await ingest('/no-validators.xml');
    const second = await ingest('/no-validators.xml', { etag: null, lastModified: null, bodyHash: first.state.bodyHash ?? null });
    expect(second.outcome).toBe('not_modified');
  });

  it.each(['/gzip.xml', '/deflate.xml', '/raw-deflate.xml', '/deflate-one-byte-first.xml', '/raw-deflate-one-byte-first.xml', '/br.xml'])('a compressed feed (%s) is decompressed and read', async (path) => {
    const result = await ingest(path);
    expect(result.outcome).toBe('ok');
    expect(result.items.map((item) => item.key)).toEqual(['pw-1', 'pw-2']);
  });

  it('a Latin-1 feed declared in the Content-Type header reads with its accents', async () => {
    const result = await ingest('/latin1.xml');
    expect(result.items[0]?.title).toBe('D\u00e9bat sur la pause');
  });

  it('Cache-Control max-age and Expires are handed to the scheduler; max-age wins when both are sent (RFC 9111)', async () => {
    const both = await ingest('/good.xml');
    expect(both.hints).toMatchObject({ maxAgeSeconds: 1800, expiresAt: null });
    const expiresOnly = await ingest('/expires.xml');
    expect(expiresOnly.hints.maxAgeSeconds).toBeNull();
    expect(Date.parse(expiresOnly.hints.expiresAt ?? '')).toBeGreaterThan(Date.now() + 3_000_000);
  });

  it('an Expires beyond what a date can hold, or a redirect to an invalid URL, is a recorded failure or no hint, never a crash', async () => {
    const farFuture = await ingest('/expires-275760.xml');
    expect(farFuture).toMatchObject({ outcome: 'ok', hints: { expiresAt: null } });
    const badRedirect = await ingest('/bad-location.xml');
    expect(badRedirect).toMatchObject({ outcome: 'failed', error: { code: 'invalid_redirect' } });
    expect(badRedirect.error?.message).toContain('"http://[oops/feed.xml"');
  });

  it('a permanent redirect reports the new address; a temporary one does not', async () => {
    expect(await ingest('/moved.xml')).toMatchObject({ outcome: 'ok', movedTo: `${server.url}/good.xml` });
    expect(await ingest('/temporary.xml')).toMatchObject({ outcome: 'ok', movedTo: null });
  });
});

describe('hostile and broken servers', () => {
  it('malformed XML keeps the items it can recover and records why', async () => {
    const result = await ingest('/malformed-recoverable.xml');
    expect(result.outcome).toBe('ok');
    expect(result.items.map((item) => item.title)).toEqual(['Labs weigh a coordinated pause', 'Verification \u00a0 is the crux & the cost']);
    expect(result.warnings.join(' ')).toMatch(/not well-formed/);
  });

  it('malformed XML with nothing to recover fails as parse_malformed', async () => {
    const result = await ingest('/malformed-hopeless.xml');
    expect(result).toMatchObject({ outcome: 'failed', items: [], state: {} });
    expect(result.error?.code).toMatch(/^parse_/);
    expect(result.error?.message).toMatch(new RegExp(`^${server.url}/malformed-hopeless\\.xml: `));
  });

  it('a document that cannot be read is named by the address it was read at, and the one redirected from', async () => {
    for (const [asked, read] of [['/moved-to-hopeless.xml', '/malformed-hopeless.xml'], ['/moved-to-html.xml', '/html.xml']]) {
      const result = await ingest(asked!);
      expect(result).toMatchObject({ outcome: 'failed', movedTo: `${server.url}${read}` });
      expect(result.error?.message.startsWith(`${server.url}${read} (redirected from ${server.url}${asked}): `), result.error?.message).toBe(true);
    }
  });

  it('a well-formed feed with no items yet is read, not failed, even when served as text/plain', async () => {
    const result = await ingest('/quiet-as-text.xml');
    expect(result).toMatchObject({ outcome: 'ok', error: null, items: [] });
    expect(result.warnings).toEqual(['served as text/plain, not an XML or JSON media type']);
  });

  it('an HTML page served as a feed fails as not_a_feed', async () => {
    expect((await ingest('/html.xml')).error?.code).toBe('parse_not_a_feed');
  });

  it('an empty body fails as empty', async () => {
    expect((await ingest('/empty.xml')).error?.code).toBe('parse_empty');
  });

  it('binary garbage fails as not_a_feed', async () => {
    expect((await ingest('/garbage.xml')).error?.code).toBe('parse_not_a_feed');
  });

  it('a gzip bomb (64 MB of zeros in a few KB) stops at the size cap without blowing up memory', async () => {
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = process.memoryUsage().rss;
    const result = await ingest('/bomb.xml');
    expect(result.error?.code).toBe('too_large');
    expect(result.error?.message).toMatch(/decompresses to more than/);
    expect(process.memoryUsage().rss - before).toBeLessThan(32 * MB);
  });

  it('a 50 MB response is cut off at the cap, long before the server has sent it all', async () => {
    const result = await ingest('/huge.xml');
    expect(result.error?.code).toBe('too_large');
    await expect.poll(() => seen.bytesStreamed).toBeGreaterThan(0);
    expect(seen.bytesStreamed).toBeLessThan(10 * MB);
  });

  it('a response declaring 50 MB is refused before its body is read', async () => {
    const result = await ingest('/huge-declared.xml');
    expect(result.error).toMatchObject({ code: 'too_large' });
    expect(result.error?.message).toMatch(/declares 52428800 bytes/);
  });

  it('a slow-drip server is cut off by the total timeout', async () => {
    // The server never finishes: only the total timeout can end this fetch.
    const result = await ingest('/slow.xml', fresh, { ...options, timeoutMs: 300 });
    expect(result.error?.code).toBe('timeout');
  });

  // unansweredPort relies on how Linux treats a full accept queue.
  it.skipIf(process.platform !== 'linux')('a host that never answers the TCP handshake is cut off by the connect timeout, not the total one', async () => {
    const silent = await unansweredPort();
    try {
      const result = await fetchUrl(`http://127.0.0.1:${silent.port}/feed.xml`, { ...options, connectTimeoutMs: 200, timeoutMs: 10_000 });
      expect(result.status).toBe('failed');
      if (result.status !== 'failed') return;
      expect(result.error.code).toBe('timeout');
      expect(result.error.message).toBe(`could not connect to http://127.0.0.1:${silent.port}/feed.xml within 200 ms (fetch.connectTimeoutMs)`);
    } finally {
      silent.close();
    }
  });

  it('a redirect loop is detected', async () => {
    const result = await ingest('/loop-a');
    expect(result.error?.code).toBe('redirect_loop');
  });

  it('at most 5 redirects are followed', async () => {
    expect((await ingest('/hop-3')).outcome).toBe('ok');
    const result = await ingest('/hop-0');
    expect(result.error?.code).toBe('too_many_redirects');
  });

  it('500 and 404 fail with their status; 410 marks the feed gone', async () => {
    expect(await ingest('/error-500.xml')).toMatchObject({ outcome: 'failed', httpStatus: 500, gone: false, error: { code: 'http_500' } });
    expect(await ingest('/nowhere.xml')).toMatchObject({ outcome: 'failed', httpStatus: 404, gone: false, error: { code: 'http_404' } });
    expect(await ingest('/gone.xml')).toMatchObject({ outcome: 'failed', httpStatus: 410, gone: true, error: { code: 'http_410' } });
  });

  it('429 with Retry-After in seconds tells the scheduler how long to wait', async () => {
    const result = await ingest('/busy.xml');
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'http_429' } });
    expect(result.hints.retryAfterSeconds).toBe(120);
  });

  it('a feed whose Content-Length counts characters, not UTF-8 bytes, keeps its items', async () => {
    const result = await ingest('/length-in-characters.xml');
    expect(result.outcome).toBe('ok');
    expect(result.items.map((item) => item.title)).toEqual(['Le débat sur la pause — suite', 'Vérification : le cœur du problème']);
  });

  it('Retry-After as an HTTP date is measured against the server clock', async () => {
    const result = await ingest('/busy-date.xml');
    expect(result.error?.code).toBe('http_503');
    expect(result.hints.retryAfterSeconds).toBe(1800);
  });
});

describe('item identity', () => {
  it('a feed that stamps every item with the same GUID keeps all items, identified by their links', async () => {
    const result = await ingest('/same-guid.xml');
    expect(result.items.map((item) => item.key)).toEqual([1, 2, 3].map((n) => `https://example.org/story-${n}`));
  });

  it('an item whose title changes between fetches keeps its id, so it is updated rather than added', async () => {
    const first = await ingest('/retitled.xml');
    const second = await ingest('/retitled.xml', { etag: null, lastModified: null, bodyHash: first.state.bodyHash ?? null });
    expect(second.outcome).toBe('ok');
    expect(second.items[0]?.title).toBe('Labs weigh a coordinated pause (updated)');
    expect(second.items[0]?.key).toBe(first.items[0]?.key);
  });
});

describe('isolation', () => {
  it('one hanging feed does not hold up or break another fetched beside it', async () => {
    const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 2, perHostGapMs: 0 });
    let slowSettled = false;
    const slow = ingestFeed({ id: 'slow', url: `${server.url}/slow.xml` }, fresh, queue, { ...options, timeoutMs: 3_000 }).finally(() => {
      slowSettled = true;
    });
    const good = await ingestFeed({ id: 'good', url: `${server.url}/good.xml` }, fresh, queue, options);
    expect(good.outcome).toBe('ok');
    // The good feed came back while the hanging one was still waiting on its server.
    expect(slowSettled).toBe(false);
    expect((await slow).error?.code).toBe('timeout');
  });

  it('the same feed URL listed twice is fetched once when the fetches overlap', async () => {
    const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 2, perHostGapMs: 0 });
    const before = server.hits.get('/no-validators.xml') ?? 0;
    const [a, b] = await Promise.all([
      ingestFeed({ id: 'a', url: `${server.url}/no-validators.xml` }, fresh, queue, options),
      ingestFeed({ id: 'b', url: `${server.url}/no-validators.xml` }, fresh, queue, options),
    ]);
    expect(server.hits.get('/no-validators.xml')! - before).toBe(1);
    expect(a.items.map((i) => [i.sourceId, i.key])).toEqual([['a', 'pw-1'], ['a', 'pw-2']]);
    expect(b.items.map((i) => [i.sourceId, i.key])).toEqual([['b', 'pw-1'], ['b', 'pw-2']]);
  });
});

describe('pipeline file', () => {
  it('an invalid feed URL is rejected at load, naming the field', () => {
    const definition = {
      id: 'bad-urls',
      name: 'Bad URLs',
      sources: [
        { id: 'ok', kind: 'feed', name: 'OK', url: 'https://example.org/feed.xml' },
        { id: 'bad', kind: 'feed', name: 'Bad', url: 'feed.example.org/rss' },
      ],
      topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
    } as unknown as Parameters<typeof definePipeline>[0];
    expect(() => definePipeline(definition)).toThrow(/sources\[1\]\.url/);
  });

  it('a URL that is not http(s) is refused by the fetcher with invalid_url', async () => {
    const result = await fetchUrl('ftp://example.org/feed.xml', options);
    expect(result).toMatchObject({ status: 'failed', error: { code: 'invalid_url' } });
  });
});
