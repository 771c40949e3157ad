import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, type FetchOptions } from '../../src/ingest/fetch.ts';
import { ingestFeed, type FeedState } from '../../src/ingest/feed-source.ts';
import { startServer } from '../helpers/http-server.ts';
import { localFetchOptions } from '../helpers/fetch-options.ts';

/** What ingestFeed makes of a 304 and of a 410, depending on what was asked and how the answer was reached. */
const options: Omit<FetchOptions, 'etag' | 'lastModified'> = localFetchOptions();
const neverRead: FeedState = { etag: null, lastModified: null, bodyHash: null };

let server: Awaited<ReturnType<typeof startServer>>;
/** The conditions of the last request to /always-304. */
const asked = { ifNoneMatch: '', ifModifiedSince: '' };

beforeAll(async () => {
  server = await startServer({
    // answers 304 whatever it is asked, validators of its own included
    '/always-304': (req, res) => {
      asked.ifNoneMatch = req.headers['if-none-match'] ?? '';
      asked.ifModifiedSince = req.headers['if-modified-since'] ?? '';
      res.writeHead(304, { etag: '"v2"' }).end();
    },
    '/gone': (_req, res) => res.writeHead(410).end(),
    '/temporary-to-gone': (_req, res) => res.writeHead(302, { location: '/gone' }).end(),
    '/see-other-to-gone': (_req, res) => res.writeHead(303, { location: '/gone' }).end(),
    '/permanent-to-gone': (_req, res) => res.writeHead(301, { location: '/gone' }).end(),
    '/permanent-to-permanent-to-gone': (_req, res) => res.writeHead(308, { location: '/permanent-to-gone' }).end(),
    '/permanent-to-temporary-to-gone': (_req, res) => res.writeHead(301, { location: '/temporary-to-gone' }).end(),
  });
});
afterAll(() => server.close());

describe('a 304', () => {
  it('to a request that asked for no condition fails, naming the feed, and keeps no validator', async () => {
    const result = await ingestFeed({ id: 'wire', url: `${server.url}/always-304` }, neverRead, fetchUrl, options);
    expect(asked).toEqual({ ifNoneMatch: '', ifModifiedSince: '' });
    expect(result).toMatchObject({
      outcome: 'failed',
      httpStatus: 304,
      state: {},
      error: {
        code: 'not_modified',
        message: `${server.url}/always-304: unexpected 304 (Not Modified) to a request that asked for no condition (no If-None-Match or If-Modified-Since was sent)`,
      },
    });
  });

  it('to a request that asked for no condition fails even when a body hash was kept', async () => {
    const result = await ingestFeed({ id: 'wire', url: `${server.url}/always-304` }, { ...neverRead, bodyHash: 'abc' }, fetchUrl, options);
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'not_modified' } });
  });

  it.each([
    ['If-None-Match', { etag: '"v1"', lastModified: null }],
    ['If-Modified-Since', { etag: null, lastModified: 'Mon, 01 Jun 2026 10:00:00 GMT' }],
  ])('to a conditional GET (%s) is not modified, and keeps the newer validator it carries', async (_header, validators) => {
    const result = await ingestFeed({ id: 'wire', url: `${server.url}/always-304` }, { ...validators, bodyHash: 'abc' }, fetchUrl, options);
    expect(result).toMatchObject({ outcome: 'not_modified', error: null, state: { etag: '"v2"' } });
  });
});

describe('a 410', () => {
  it.each(['/gone', '/permanent-to-gone', '/permanent-to-permanent-to-gone'])('at the feed\'s URL or after permanent redirects only (%s) is the feed gone', async (path) => {
    const result = await ingestFeed({ id: 'wire', url: `${server.url}${path}` }, neverRead, fetchUrl, options);
    expect(result).toMatchObject({ outcome: 'failed', httpStatus: 410, gone: true, error: { code: 'http_410' } });
  });

  it.each(['/temporary-to-gone', '/see-other-to-gone', '/permanent-to-temporary-to-gone'])('after a temporary redirect (%s) is an ordinary failure, not the feed gone', async (path) => {
    const result = await ingestFeed({ id: 'wire', url: `${server.url}${path}` }, neverRead, fetchUrl, options);
    expect(result).toMatchObject({
      outcome: 'failed',
      httpStatus: 410,
      gone: false,
      url: `${server.url}/gone`,
      error: { code: 'http_410', message: expect.stringMatching(new RegExp(`^HTTP 410 from ${server.url.replace(/\./g, '\\.')}/gone \\(redirected from `)) },
    });
  });
});
