import type http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, fetchUrl, isPrivateAddress, type FetchOptions, type FetchResult } from '../../src/ingest/fetch.ts';
import { startServer } from '../helpers/http-server.ts';

/** Small limits so every cap fires within milliseconds. */
const options: FetchOptions = {
  userAgent: DEFAULT_USER_AGENT,
  connectTimeoutMs: 1_000,
  timeoutMs: 2_000,
  maxBytes: 64 * 1024,
  maxRedirects: 3,
  allowPrivateAddresses: true,
};

const text = (res: http.ServerResponse, body: string | Buffer, headers: Record<string, string> = {}) =>
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(body);

function failure(result: FetchResult): { code: string; message: string } {
  expect(result.status).toBe('failed');
  if (result.status !== 'failed') throw new Error('unreachable');
  return result.error;
}

let server: Awaited<ReturnType<typeof startServer>>;
/** The URL of the test server with a user name and password, as a feed URL may carry them. */
let withCredentials: string;
const seen = { authorization: '' };

beforeAll(async () => {
  server = await startServer({
    '/status': (req, res) => {
      seen.authorization = req.headers.authorization ?? '';
      const code = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('c') ?? 200);
      res.writeHead(code, { 'content-type': 'text/plain' }).end(`status ${code}`);
    },
    '/huge-declared': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10 * 1024 * 1024) });
      res.end();
    },
    '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_req, res) => res.writeHead(302, { location: '/loop-a' }).end(),
    '/hop-0': (_req, res) => res.writeHead(302, { location: '/hop-1' }).end(),
    '/hop-1': (_req, res) => res.writeHead(302, { location: '/hop-2' }).end(),
    '/hop-2': (_req, res) => res.writeHead(302, { location: '/hop-3' }).end(),
    '/hop-3': (_req, res) => res.writeHead(302, { location: '/hop-4' }).end(),
    '/bad-location': (_req, res) => res.writeHead(302, { location: 'http://[oops/feed.xml' }).end(),
    '/bad-gzip': (_req, res) => text(res, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }),
    '/plain': (_req, res) => text(res, 'hello'),
  });
  withCredentials = server.url.replace('http://', 'http://reader:s3cret@');
});
afterAll(() => server.close());

describe('credentials in a feed URL', () => {
  it('are sent as basic auth but never shown in a message', async () => {
    const error = failure(await fetchUrl(`${withCredentials}/status?c=500`, options));
    expect(error).toEqual({ code: 'http_500', message: `HTTP 500 from ${server.url.replace('http://', 'http://***@')}/status?c=500` });
    expect(seen.authorization).toBe(`Basic ${Buffer.from('reader:s3cret').toString('base64')}`);
  });

  it.each(['/huge-declared', '/loop-a', '/hop-0', '/bad-location', '/bad-gzip', '/status?c=404'])('are hidden in the message of a failed fetch of %s', async (path) => {
    const error = failure(await fetchUrl(`${withCredentials}${path}`, options));
    expect(error.message).not.toMatch(/s3cret|reader/);
    expect(error.message).toContain('***@127.0.0.1');
  });

  it('are hidden when the URL is not even valid', async () => {
    const error = failure(await fetchUrl('http://reader:s3cret@[oops/feed.xml', options));
    expect(error.code).toBe('invalid_url');
    expect(error.message).not.toContain('s3cret');
    const scheme = failure(await fetchUrl('ftp://reader:s3cret@example.org/feed.xml', options));
    expect(scheme.code).toBe('invalid_url');
    expect(scheme.message).not.toContain('s3cret');
  });
});

describe('private addresses', () => {
  it.each([
    '64:ff9b::127.0.0.1', '64:ff9b::7f00:1', '64:ff9b::a9fe:a9fe', '::127.0.0.1', '::7f00:1', '::ffff:127.0.0.1', '::ffff:7f00:1',
    '::ffff:0:127.0.0.1', '::ffff:0:a00:1', '2002:7f00:1::1', '2002:a9fe:a9fe::', '2002:c0a8:101:1::5', 'fec0::1', 'feff::1', '64:ff9b:1::a00:1',
  ])('an IPv6 address that reaches a private IPv4 address or a site-local network (%s) is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['2606:4700:4700::1111', '64:ff9b::808:808', '::ffff:8.8.8.8', '2002:808:808::1', '2001:db8::1', '93.184.216.34'])('a public address (%s) is not', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it.each(['[64:ff9b::127.0.0.1]', '[::127.0.0.1]', '[::ffff:0:127.0.0.1]', '[2002:7f00:1::1]', '[fec0::1]'])('a URL with the literal address %s is refused', async (host) => {
    const error = failure(await fetchUrl(`http://${host}:8701/feed.xml`, { ...options, allowPrivateAddresses: false }));
    expect(error.code).toBe('private_address');
  });
});
