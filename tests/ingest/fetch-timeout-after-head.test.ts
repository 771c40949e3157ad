import type http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, type FetchOptions, type FetchResult } from '../../src/ingest/fetch.ts';
import { ingestFeed, type FeedState } from '../../src/ingest/feed-source.ts';
import { createRequestQueue } from '../../src/ingest/request-queue.ts';
import { nextCheck } from '../../src/run/schedule.ts';
import { startServer } from '../helpers/http-server.ts';
import { slowDrip } from '../helpers/hostile-server.ts';
import { localFetchOptions } from '../helpers/fetch-options.ts';

/**
 * A total timeout that fires after the response head arrived (the body still dripping, or never coming) reports the
 * status the server answered with; one that fires before any head does not. The timeout is short, but only the
 * outcome is asserted: how long anything took is not.
 */
const options: FetchOptions = localFetchOptions({ timeoutMs: 400, maxRedirects: 3 });
const fresh: FeedState = { etag: null, lastModified: null, bodyHash: null };

function failed(result: FetchResult): { httpStatus: number | null; code: string; message: string; notSent?: boolean | undefined } {
  expect(result.status).toBe('failed');
  if (result.status !== 'failed') throw new Error('unreachable');
  return { httpStatus: result.httpStatus, code: result.error.code, message: result.error.message, ...(result.error.notSent ? { notSent: true } : {}) };
}

/** Sends the head at once (no body byte), then nothing more until the client hangs up. */
const headThenSilence = (status: number, headers: Record<string, string> = {}) => (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/rss+xml', ...headers });
  res.flushHeaders();
};

let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  const gzipped = zlib.gzipSync('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title></channel></rss>');
  server = await startServer({
    // 200, then a byte every 50 ms for ever
    '/drip': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      slowDrip(res, '<?xml version="1.0"?><rss version="2.0"><channel>', 50);
    },
    // 200 and its head, then no body byte at all
    '/stall': headThenSilence(200),
    '/stall-206': headThenSilence(206),
    // half a gzip body, then nothing: the timeout fires while the decoder waits
    '/gzip-stall': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
      res.write(gzipped.subarray(0, gzipped.length >> 1));
    },
    '/to-stall': (_req, res) => res.writeHead(302, { location: '/stall' }).end(),
    // 503 (and 410) whose bodies never end: an error answer is read at its head, its body never waited for
    '/unavailable-stall': headThenSilence(503, { 'retry-after': '120' }),
    '/gone-stall': headThenSilence(410),
    // no head ever
    '/hang': () => {},
    '/ok': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>t</title></channel></rss>'),
  });
});
afterAll(() => server.close());

describe('a timeout after the response head', () => {
  it('reports the status of a 200 whose body drips past the limit, and says the server answered', async () => {
    expect(failed(await fetchUrl(`${server.url}/drip`, options))).toEqual({
      httpStatus: 200,
      code: 'timeout',
      message: `${server.url}/drip answered HTTP 200, then did not finish its body within 400 ms (fetch.timeoutMs)`,
    });
  });

  it('reports the status of a 200 that sends its head and then no body at all', async () => {
    expect(failed(await fetchUrl(`${server.url}/stall`, options))).toMatchObject({ httpStatus: 200, code: 'timeout' });
    expect(failed(await fetchUrl(`${server.url}/stall-206`, options))).toEqual({
      httpStatus: 206,
      code: 'timeout',
      message: `${server.url}/stall-206 answered HTTP 206, then did not finish its body within 400 ms (fetch.timeoutMs)`,
    });
  });

  it('reports the status when the body stalls inside a compressed stream', async () => {
    expect(failed(await fetchUrl(`${server.url}/gzip-stall`, options))).toEqual({
      httpStatus: 200,
      code: 'timeout',
      message: `${server.url}/gzip-stall answered HTTP 200, then did not finish its body within 400 ms (fetch.timeoutMs)`,
    });
  });

  it('after a redirect, reports the status of the answer that stalled, not the redirect\'s, and names where it came from', async () => {
    const result = await fetchUrl(`${server.url}/to-stall`, options);
    expect(failed(result)).toEqual({
      httpStatus: 200,
      code: 'timeout',
      message: `${server.url}/stall answered HTTP 200, then did not finish its body within 400 ms (fetch.timeoutMs) (redirected from ${server.url}/to-stall)`,
    });
    expect(result.redirects.map((r) => r.status)).toEqual([302]);
  });

  it('hides a login in the URL it names', async () => {
    const { message } = failed(await fetchUrl(`${server.url.replace('http://', 'http://reader:s3cret@')}/stall`, options));
    expect(message).toBe(`${server.url.replace('http://', 'http://***@')}/stall answered HTTP 200, then did not finish its body within 400 ms (fetch.timeoutMs)`);
  });

  it('reports the status through the request queue and a feed check, as a run records it', async () => {
    const queue = createRequestQueue({ concurrency: 1, perHostConcurrency: 1, perHostGapMs: 0 });
    const result = await ingestFeed({ id: 'wire', url: `${server.url}/drip` }, fresh, queue, options);
    expect(result).toMatchObject({ outcome: 'failed', httpStatus: 200, gone: false, error: { code: 'timeout' } });
    expect(result.error?.message).toContain('answered HTTP 200, then did not finish its body within 400 ms (fetch.timeoutMs)');
  });

  it.each([
    ['fetchUrl', undefined],
    ['a fetcher of its own', (url: string, opts: FetchOptions) => fetchUrl(url, opts)],
  ])('does not count as unanswered in the request queue (%s): after two such, the host\'s other feeds are still asked', async (_name, fetcher) => {
    // the host answered both: one slow feed must not refuse the others on its host
    const queue = createRequestQueue({ concurrency: 1, perHostConcurrency: 1, perHostGapMs: 0 }, fetcher);
    const hitsBefore = server.hits.get('/ok') ?? 0;
    expect(failed(await queue(`${server.url}/stall`, options))).toMatchObject({ httpStatus: 200, code: 'timeout' });
    expect(failed(await queue(`${server.url}/drip`, options))).toMatchObject({ httpStatus: 200, code: 'timeout' });
    expect(await queue(`${server.url}/ok`, options)).toMatchObject({ status: 'ok', httpStatus: 200 });
    expect(server.hits.get('/ok')).toBe(hitsBefore + 1);
  });

  it('a timeout after the head resets the count of unanswered requests, as any answer does', async () => {
    const queue = createRequestQueue({ concurrency: 1, perHostConcurrency: 1, perHostGapMs: 0 });
    expect(failed(await queue(`${server.url}/hang?n=1`, options))).toMatchObject({ httpStatus: null, code: 'timeout' });
    expect(failed(await queue(`${server.url}/stall`, options))).toMatchObject({ httpStatus: 200, code: 'timeout' });
    // one request in a row unanswered, not two: this one is still sent
    expect(failed(await queue(`${server.url}/hang?n=2`, options))).toEqual({ httpStatus: null, code: 'timeout', message: `no complete answer from ${server.url}/hang?n=2 within 400 ms (fetch.timeoutMs)` });
  });

  it('is scheduled as a failure to back off from, like any timeout', async () => {
    const result = failed(await fetchUrl(`${server.url}/stall`, options));
    const next = nextCheck({
      now: new Date('2026-06-09T12:00:00Z'),
      outcome: 'failed',
      errorCode: result.code,
      httpStatus: result.httpStatus,
      failuresBefore: 0,
      recentPublished: [],
      random: () => 0.5,
    });
    expect(next.reason).toMatch(/^failure 1 in a row \(timeout\): backoff/);
  });
});

describe('an error status whose body never ends', () => {
  it('is the HTTP error, read at its head, not a timeout', async () => {
    const unavailable = await fetchUrl(`${server.url}/unavailable-stall`, options);
    expect(failed(unavailable)).toEqual({ httpStatus: 503, code: 'http_503', message: `HTTP 503 from ${server.url}/unavailable-stall` });
    expect(unavailable.hints.retryAfterSeconds).toBe(120);
    expect(failed(await fetchUrl(`${server.url}/gone-stall`, options))).toMatchObject({ httpStatus: 410, code: 'http_410' });
  });
});

describe('a timeout before the response head', () => {
  it('reports no status, and says nothing was answered', async () => {
    expect(failed(await fetchUrl(`${server.url}/hang`, options))).toEqual({
      httpStatus: null,
      code: 'timeout',
      message: `no complete answer from ${server.url}/hang within 400 ms (fetch.timeoutMs)`,
    });
  });
});
