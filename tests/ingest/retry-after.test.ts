import { afterEach, describe, expect, it } from 'vitest';
import { ingestFeed } from '../../src/ingest/feed-source.ts';
import { fetchUrl, LONGEST_RETRY_AFTER_SECONDS, type FetchOptions } from '../../src/ingest/fetch.ts';
import { createRequestQueue } from '../../src/ingest/request-queue.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { localFetchOptions } from '../helpers/fetch-options.ts';

const options: FetchOptions = localFetchOptions({ timeoutMs: 5_000 });
const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>a</title><link>https://e.example/a</link></item></channel></rss>';
const noState = { etag: null, lastModified: null, bodyHash: null };

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A server whose /busy answers `status` with these headers, and whose /feed.xml answers a feed. */
async function hostAnswering(status: number, headers: Record<string, string>) {
  const routes: Record<string, Route> = {
    '/busy': (_req, res) => res.writeHead(status, headers).end(),
    '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS),
  };
  const server = await startServer(routes);
  cleanups.push(() => server.close());
  return server;
}

/** Retry-After values that are neither a number of seconds nor an HTTP date. */
const UNREADABLE = ['soon', '2026-06-05T10:00:00Z', '05/06/2026', '1.5', '-1', '1e9', 'Fri, 05 Jun 2026 10:00:00 +0200'];

describe('Retry-After as read from an answer', () => {
  it('reads seconds and the three HTTP date forms, measured from the server\'s own clock', async () => {
    const serverDate = 'Fri, 05 Jun 2026 10:00:00 GMT';
    const cases: [string, number][] = [
      ['120', 120],
      ['0', 0],
      ['Fri, 05 Jun 2026 10:30:00 GMT', 1_800],
      ['Friday, 05-Jun-26 11:00:00 GMT', 3_600],
      ['Fri Jun  5 10:01:00 2026', 60],
      ['Thu, 04 Jun 2026 10:00:00 GMT', 0],
    ];
    for (const [value, seconds] of cases) {
      const server = await hostAnswering(429, { 'retry-after': value, date: serverDate });
      const result = await fetchUrl(`${server.url}/busy`, options);
      expect(result.hints, value).toMatchObject({ retryAfterSeconds: seconds, retryAfterProblem: null });
    }
  });

  it('gives no time for a value it cannot read, and says what the value was', async () => {
    for (const value of UNREADABLE) {
      const server = await hostAnswering(429, { 'retry-after': value });
      const result = await fetchUrl(`${server.url}/busy`, options);
      expect(result.hints, value).toMatchObject({ retryAfterSeconds: null, retryAfterProblem: { value, kind: 'unreadable' } });
    }
  });

  it('holds a wait longer than a week at a week, however many digits it has', async () => {
    for (const value of ['604801', '99999999999', '9'.repeat(400), 'Sun, 01 Jan 2190 00:00:00 GMT']) {
      const server = await hostAnswering(503, { 'retry-after': value });
      const result = await fetchUrl(`${server.url}/busy`, options);
      expect(result.hints, value.slice(0, 20)).toMatchObject({ retryAfterSeconds: LONGEST_RETRY_AFTER_SECONDS, retryAfterProblem: { value, kind: 'capped' } });
    }
  });
});

describe('a host whose 429 or 503 carries a Retry-After that cannot be read', () => {
  it('is not held for the rest of the run: its other feeds are still asked for', async () => {
    for (const status of [429, 503]) {
      for (const value of UNREADABLE) {
        const server = await hostAnswering(status, { 'retry-after': value });
        const queue = createRequestQueue({ concurrency: 2, perHostConcurrency: 1, perHostGapMs: 0 });
        const busy = await queue(`${server.url}/busy`, options);
        expect(busy).toMatchObject({ status: 'failed', httpStatus: status, error: { code: `http_${status}` } });
        const next = await queue(`${server.url}/feed.xml`, options);
        expect(next.status, `${status} ${value}`).toBe('ok');
        expect(server.hits.get('/feed.xml')).toBe(1);
      }
    }
  });

  it('a 429 with a readable Retry-After, or none, still holds the host', async () => {
    for (const headers of [{ 'retry-after': '7200' }, { 'retry-after': 'Sun, 01 Jan 2190 00:00:00 GMT' }, {}] as Record<string, string>[]) {
      const server = await hostAnswering(429, headers);
      const queue = createRequestQueue({ concurrency: 2, perHostConcurrency: 1, perHostGapMs: 0 });
      await queue(`${server.url}/busy`, options);
      const next = await queue(`${server.url}/feed.xml`, options);
      expect(next).toMatchObject({ status: 'failed', httpStatus: null, error: { code: 'http_429', notSent: true } });
      expect(server.hits.get('/feed.xml')).toBeUndefined();
    }
  });

  it('the feed that got the answer warns, naming itself and the value', async () => {
    const server = await hostAnswering(429, { 'retry-after': 'soon' });
    const queue = createRequestQueue({ concurrency: 2, perHostConcurrency: 1, perHostGapMs: 0 });
    const result = await ingestFeed({ id: 'busy', url: `${server.url}/busy` }, noState, queue, options);
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'http_429' }, hints: { retryAfterSeconds: null } });
    expect(result.warnings).toEqual([
      `${server.url}/busy answered HTTP 429 with Retry-After "soon" is neither a number of seconds nor an HTTP date: ignored, the retry follows the usual backoff`,
    ]);
    const capped = await hostAnswering(503, { 'retry-after': '99999999999' });
    const held = await ingestFeed({ id: 'down', url: `${capped.url}/busy` }, noState, queue, options);
    expect(held.warnings).toEqual([`${capped.url}/busy answered HTTP 503 with Retry-After "99999999999" asks for more than 7 days: held at 7 days`]);
  });
});
