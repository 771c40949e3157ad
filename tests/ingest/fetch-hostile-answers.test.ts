import type http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, fetchUrl, type FetchOptions, type FetchResult } from '../../src/ingest/fetch.ts';
import { createRequestQueue } from '../../src/ingest/request-queue.ts';
import { startServer } from '../helpers/http-server.ts';
import { gzipBomb } from '../helpers/hostile-server.ts';

/** A short total timeout, so a timer left armed by a failed request would fire while the test still waits. */
const options: FetchOptions = {
  userAgent: DEFAULT_USER_AGENT,
  connectTimeoutMs: 300,
  timeoutMs: 300,
  maxBytes: 64 * 1024,
  maxRedirects: 3,
  allowPrivateAddresses: true,
};

const outcome = (r: FetchResult) => (r.status === 'failed' ? `${r.error.code}${r.error.notSent ? ' (not sent)' : ''}` : r.status);

function failure(result: FetchResult): { code: string; message: string } {
  expect(result.status).toBe('failed');
  if (result.status !== 'failed') throw new Error('unreachable');
  return result.error;
}

function bodyOf(result: FetchResult): string {
  expect(result.status === 'failed' ? result.error : result.status).toBe('ok');
  return result.status === 'ok' ? result.body.toString() : '';
}

const escape = (literal: string) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const text = 'Labs weigh a coordinated pause. '.repeat(40);
const gzipped = zlib.gzipSync(text);

/** Writes `body` one byte at a time, so every boundary of a gzip member falls between two chunks. */
async function drip(res: http.ServerResponse, body: Buffer): Promise<void> {
  for (const byte of body) {
    res.write(Buffer.from([byte]));
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}

let server: Awaited<ReturnType<typeof startServer>>;
/** The Authorization header of the last request to /login. */
let authorization = '';
const gzip = (res: http.ServerResponse, body: Buffer) => res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(body);

beforeAll(async () => {
  const bomb = await gzipBomb(16 * 1024 * 1024);
  server = await startServer({
    '/login': (req, res) => {
      authorization = req.headers.authorization ?? '';
      res.writeHead(200, { 'content-type': 'text/plain' }).end('logged in');
    },
    '/to-login': (_req, res) => res.writeHead(302, { location: `${server.url}/login` }).end(),
    '/plain': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('plain'),
    '/gzip-newline': (_req, res) => gzip(res, Buffer.concat([gzipped, Buffer.from('\n')])),
    '/gzip-junk': (_req, res) => gzip(res, Buffer.concat([gzipped, Buffer.from('<!-- served in 0.02s -->\r\n')])),
    '/gzip-zero-padding': (_req, res) => gzip(res, Buffer.concat([gzipped, Buffer.alloc(512)])),
    '/gzip-members': (_req, res) => gzip(res, Buffer.concat([zlib.gzipSync('first member, '), zlib.gzipSync('second member'), Buffer.from('\n')])),
    '/gzip-members-dripped': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
      void drip(res, Buffer.concat([zlib.gzipSync('first member, '), zlib.gzipSync('second member'), Buffer.from('\n')]));
    },
    '/gzip-cut-short': (_req, res) => gzip(res, gzipped.subarray(0, gzipped.length - 4)),
    '/gzip-many-members': (_req, res) => gzip(res, Buffer.concat(Array.from({ length: 1001 }, () => zlib.gzipSync('')))),
    '/gzip-bad-checksum': (_req, res) => {
      const damaged = Buffer.from(gzipped);
      damaged[damaged.length - 8]! ^= 0xff;
      gzip(res, damaged);
    },
    '/gzip-bomb-newline': (_req, res) => gzip(res, Buffer.concat([bomb, Buffer.from('\n')])),
    '/encoding-none': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'none' }).end('not compressed'),
    '/hang': () => {},
    '/too-large': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10 * 1024 * 1024) }).end(),
    '/bad-gzip': (_req, res) => gzip(res, Buffer.from('not gzip at all')),
  });
});
afterAll(() => server.close());

describe('a login that decodeURIComponent cannot read, or a request node:http refuses to send', () => {
  it('sends a "%" in a user name or password that starts no escape as it is, as curl does, redirect or not', async () => {
    // the feed URL's login, sent on the redirect within its origin
    expect(bodyOf(await fetchUrl(`${server.url.replace('http://', 'http://x:%zz@')}/to-login`, options))).toBe('logged in');
    expect(authorization).toBe(`Basic ${Buffer.from('x:%zz').toString('base64')}`);
    expect(bodyOf(await fetchUrl(`${server.url.replace('http://', 'http://reader:50%off@')}/login`, options))).toBe('logged in');
    expect(authorization).toBe(`Basic ${Buffer.from('reader:50%off').toString('base64')}`);
    // escapes are still decoded, UTF-8 as node:http decodes them
    expect(bodyOf(await fetchUrl(`${server.url.replace('http://', 'http://r%C3%A9dac:p%40ss@')}/login`, options))).toBe('logged in');
    expect(authorization).toBe(`Basic ${Buffer.from('rédac:p@ss').toString('base64')}`);
    // past the total timeout: a timer left armed by any of these would fire now, and vitest reports what it throws
    await delay(options.timeoutMs + 200);
  });

  it('is a failure naming the URL (without its password) and the reason, and leaves no timer behind', async () => {
    const withLogin = `${server.url.replace('http://', 'http://reader:s3cret@')}/plain`;
    const shown = `${server.url.replace('http://', 'http://***@')}/plain`;
    const userAgent = failure(await fetchUrl(withLogin, { ...options, userAgent: 'pausewatch (desk — jane@example.org)' }));
    expect(userAgent.code).toBe('invalid_request');
    // the reason is node's own message, which names the header
    expect(userAgent.message).toMatch(new RegExp(`^node:http refused to request ${escape(shown)}: .*"user-agent"`));
    const etag = failure(await fetchUrl(withLogin, { ...options, etag: '"v1"\r\nX-Injected: 1' }));
    expect(etag.code).toBe('invalid_request');
    expect(etag.message).toMatch(new RegExp(`^node:http refused to request ${escape(shown)}: .*"if-none-match"`));
    await delay(options.timeoutMs + 200);
    expect(server.hits.get('/plain')).toBeUndefined();
  });
});

describe('a gzip body with bytes after its end', () => {
  it('is read, whatever follows the footer: a newline, junk, zero padding', async () => {
    for (const path of ['/gzip-newline', '/gzip-junk', '/gzip-zero-padding']) {
      expect(bodyOf(await fetchUrl(`${server.url}${path}`, options))).toBe(text);
    }
  });

  it('is read member by member when it holds several, in one chunk or byte by byte', async () => {
    for (const path of ['/gzip-members', '/gzip-members-dripped']) {
      expect(bodyOf(await fetchUrl(`${server.url}${path}`, { ...options, timeoutMs: 5_000 }))).toBe('first member, second member');
    }
  });

  it('still fails when cut short or damaged, and still stops a bomb', async () => {
    expect(failure(await fetchUrl(`${server.url}/gzip-cut-short`, options))).toEqual({
      code: 'decode',
      message: `cannot decompress the body of ${server.url}/gzip-cut-short (gzip): unexpected end of file`,
    });
    expect(failure(await fetchUrl(`${server.url}/gzip-bad-checksum`, options)).message).toMatch(/: incorrect data check$/);
    expect(failure(await fetchUrl(`${server.url}/gzip-bomb-newline`, { ...options, timeoutMs: 5_000 }))).toEqual({
      code: 'too_large',
      message: `${server.url}/gzip-bomb-newline decompresses to more than the ${options.maxBytes} bytes allowed`,
    });
  });

  it('fails past 1,000 members, each a call into zlib, rather than spend seconds on a body of empty ones', async () => {
    expect(failure(await fetchUrl(`${server.url}/gzip-many-members`, options))).toEqual({
      code: 'decode',
      message: `cannot decompress the body of ${server.url}/gzip-many-members (gzip): more than 1000 gzip members`,
    });
  });

  it('Content-Encoding: none (a PHP idiom) is read as no encoding', async () => {
    expect(bodyOf(await fetchUrl(`${server.url}/encoding-none`, options))).toBe('not compressed');
  });
});

describe('the request queue, for a host that answers between two silences', () => {
  it('counts an answer that failed after its head (too large, undecodable) as an answer', async () => {
    for (const answered of ['/too-large', '/bad-gzip']) {
      const queue = createRequestQueue({ concurrency: 1, perHostConcurrency: 1, perHostGapMs: 0 });
      const results: FetchResult[] = [];
      for (const path of ['/hang', answered, '/hang', '/plain']) results.push(await queue(`${server.url}${path}`, options));
      expect(results.map(outcome)).toEqual(['timeout', answered === '/too-large' ? 'too_large' : 'decode', 'timeout', 'ok']);
    }
  });
});
