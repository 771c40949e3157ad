import type http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl, isPrivateAddress, trustedHostOf, UNANSWERED_CODES, type FetchOptions, type FetchResult } from '../../src/ingest/fetch.ts';
import { closedPort, startServer } from '../helpers/http-server.ts';
import { gzipBomb, slowDrip } from '../helpers/hostile-server.ts';
import { localFetchOptions } from '../helpers/fetch-options.ts';

/** Small limits so every cap fires within milliseconds. */
const options: FetchOptions = localFetchOptions({ maxRedirects: 3 });

const text = (res: http.ServerResponse, body: string | Buffer, headers: Record<string, string> = {}) =>
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(body);

function failure(result: FetchResult): { code: string; message: string } {
  expect(result.status).toBe('failed');
  if (result.status !== 'failed') throw new Error('unreachable');
  return result.error;
}

const MB = 1024 * 1024;
const body = 'Labs weigh a coordinated pause. '.repeat(40);
/** 20 characters more in UTF-8 bytes than in characters: "é" and "—" take 2 and 3 bytes. */
const accented = 'Le débat — la pause. '.repeat(5) + 'Fin.';

let server: Awaited<ReturnType<typeof startServer>>;
/** The URL of the test server with a user name and password, as a feed URL may carry them. */
let withCredentials: string;
const seen = { authorization: '' };

beforeAll(async () => {
  const bomb = await gzipBomb(16 * MB);
  // three empty gzip members, each named by 30 KB of file name (FNAME): 90 KB that decode to nothing, gzipped again
  // to a few KB (a body of thousands of empty members is refused for its count, before any size cap)
  const emptyMember = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0x08, 0, 0, 0, 0, 0, 255]), Buffer.from(`${'n'.repeat(30_000)}\0`, 'latin1'), zlib.deflateRawSync(Buffer.alloc(0)), Buffer.alloc(8)]);
  const emptyMembers = Buffer.concat([emptyMember, emptyMember, emptyMember]);
  server = await startServer({
    '/gzip-gzip': (_req, res) => text(res, zlib.gzipSync(zlib.gzipSync(body)), { 'content-encoding': 'gzip, gzip' }),
    '/layers': (req, res) => {
      const count = Number(new URL(req.url!, 'http://x').searchParams.get('n'));
      let layered: Buffer = Buffer.from(body);
      for (let i = 0; i < count; i++) layered = zlib.gzipSync(layered);
      text(res, layered, { 'content-encoding': Array(count).fill('gzip').join(', ') });
    },
    '/deflate-then-gzip': (_req, res) => text(res, zlib.gzipSync(zlib.deflateSync(body)), { 'content-encoding': 'deflate, gzip' }),
    '/gzip-then-br': (_req, res) => text(res, zlib.brotliCompressSync(zlib.gzipSync(body)), { 'content-encoding': 'GZIP ,br' }),
    '/identity': (_req, res) => text(res, zlib.gzipSync(body), { 'content-encoding': 'identity, gzip' }),
    '/zstd': (_req, res) => text(res, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]), { 'content-encoding': 'zstd' }),
    '/compress': (_req, res) => text(res, Buffer.from([0x1f, 0x9d, 0x90]), { 'content-encoding': 'compress' }),
    '/gzip-then-zstd': (_req, res) => text(res, zlib.gzipSync(body), { 'content-encoding': 'gzip, zstd' }),
    // a deflate body (zlib-wrapped or raw) and a stray newline after its end, in the same write or in a later one
    '/deflate-trailing': (req, res) => {
      const query = new URL(req.url!, 'http://x').searchParams;
      const compressed = query.get('form') === 'raw' ? zlib.deflateRawSync(body) : zlib.deflateSync(body);
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'deflate' });
      if (query.get('split') === 'yes') {
        res.write(compressed);
        setTimeout(() => res.end('\n'), 50);
      } else {
        res.end(Buffer.concat([compressed, Buffer.from('\n')]));
      }
    },
    // a plain body under a Content-Encoding that names no compression: a character set, or a MIME transfer encoding
    '/labelled': (req, res) => {
      const label = new URL(req.url!, 'http://x').searchParams.get('ce')!;
      text(res, label.includes('gzip') ? zlib.gzipSync(body) : body, { 'content-encoding': label });
    },
    // about 27 KB of response headers, over node's default limit of 16 KB, as news sites with long cookies send
    '/long-headers': (_req, res) => {
      const cookies = Array.from({ length: 30 }, (_, n) => `tracker${n}=${'x'.repeat(900)}; Path=/; Secure`);
      res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': cookies }).end(body);
    },
    '/stacked-bomb': (_req, res) => text(res, zlib.gzipSync(bomb), { 'content-encoding': 'gzip, gzip' }),
    '/empty-members': (_req, res) => text(res, zlib.gzipSync(emptyMembers), { 'content-encoding': 'gzip, gzip' }),
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
    '/slow': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      slowDrip(res, 'never done', 50);
    },
    '/to-ftp': (_req, res) => res.writeHead(302, { location: 'ftp://example.org/feed.xml' }).end(),
    '/to-status-absolute': (req, res) => res.writeHead(301, { location: `http://127.0.0.1:${req.socket.localPort}/status` }).end(),
    '/to-status-with-login': (req, res) => res.writeHead(301, { location: `http://chosen:by-server@127.0.0.1:${req.socket.localPort}/status` }).end(),
    '/to-other-host-status': (req, res) => res.writeHead(302, { location: `http://localhost:${req.socket.localPort}/status` }).end(),
    '/to-slow': (_req, res) => res.writeHead(302, { location: '/slow' }).end(),
    '/to-other-host': (req, res) => res.writeHead(302, { location: `http://localhost:${req.socket.localPort}/plain` }).end(),
    '/to-outlet': (req, res) => res.writeHead(302, { location: `http://feeds.outlet.test:${req.socket.localPort}/plain` }).end(),
    // node writes header strings as Latin-1: these send the UTF-8 bytes of "/fé ed.xml", and the lone byte 0xE9
    '/to-utf8': (_req, res) => res.writeHead(302, { location: Buffer.from('/fé ed.xml', 'utf8').toString('latin1') }).end(),
    '/to-fragment': (_req, res) => res.writeHead(301, { location: '/plain#latest' }).end(),
    '/to-latin1': (_req, res) => res.writeHead(302, { location: '/caf\u00e9.xml' }).end(),
    '/f%C3%A9%20ed.xml': (_req, res) => text(res, 'found by its UTF-8 name'),
    '/caf%E9.xml': (_req, res) => text(res, 'found by its Latin-1 name'),
    // the same byte in a host name, written without a scheme
    '/to-latin1-host': (req, res) => res.writeHead(302, { location: `//caf\u00e9.test:${req.socket.localPort}/plain` }).end(),
    // Content-Length counted in characters over a UTF-8 body (PHP's strlen on a multibyte string): the body runs past
    // the declared end. node's server writes what it is given when strictContentLength is off, as it is by default.
    '/length-in-characters': (_req, res) => text(res, accented, { 'content-length': String(accented.length) }),
    // the same answer on a connection the server says it keeps open: llhttp reads the rest as the next response
    '/length-in-characters-kept-open': (_req, res) => text(res, accented, { 'content-length': String(accented.length), connection: 'keep-alive' }),
    // gzip whose declared length stops short of the compressed bytes: nothing is left to recover
    '/gzip-length-short': (_req, res) => {
      const gzipped = zlib.gzipSync(body);
      text(res, gzipped, { 'content-encoding': 'gzip', 'content-length': String(gzipped.length - 10) });
    },
    // a Location after 1,100 Set-Cookie lines, past the 2,000 header lines node keeps by default
    '/to-plain-after-cookies': (req, res) => {
      const cookies = Array.from({ length: 1_100 }, (_, i) => `set-cookie: c${i}=1\r\n`).join('');
      res.socket?.end(`HTTP/1.1 301 Moved Permanently\r\n${cookies}location: /plain\r\ncontent-length: 0\r\n\r\n`);
      void req;
    },
    // a connection closed in good order before any answer, and one reset once the answer's head is in
    '/hang-up': (req, res) => {
      res.socket?.end();
      void req;
    },
    '/reset-mid-body': (req, res) => {
      res.socket?.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 100\r\n\r\nhalf');
      setTimeout(() => res.socket?.resetAndDestroy(), 50);
      void req;
    },
    // an answer 100 ms late, for a process busy when it comes
    '/after-100-ms': (_req, res) => void setTimeout(() => text(res, 'late but here'), 100),
    // a switch of protocol no request asked for
    '/switching': (req, res) => {
      res.socket?.write('HTTP/1.1 101 Switching Protocols\r\nupgrade: websocket\r\nconnection: upgrade\r\n\r\n');
      void req;
    },
    // a chunk size that is not hexadecimal
    '/bad-chunk': (req, res) => {
      res.socket?.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n');
      void req;
    },
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

  it("are sent on a redirect to the same origin, written absolute, and not to another; a login a Location names is never sent", async () => {
    const basic = (login: string) => `Basic ${Buffer.from(login).toString('base64')}`;
    expect(await fetchUrl(`${withCredentials}/to-status-absolute`, options)).toMatchObject({ status: 'ok', url: `${withCredentials}/status` });
    expect(seen.authorization).toBe(basic('reader:s3cret'));
    expect(await fetchUrl(`${withCredentials}/to-status-with-login`, options)).toMatchObject({ status: 'ok', url: `${withCredentials}/status` });
    expect(seen.authorization).toBe(basic('reader:s3cret'));
    expect(await fetchUrl(`${server.url}/to-status-with-login`, options)).toMatchObject({ status: 'ok', url: `${server.url}/status` });
    expect(seen.authorization).toBe('');
    await fetchUrl(`${withCredentials}/to-other-host-status`, options);
    expect(seen.authorization).toBe('');
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
    '::ffff:0:127.0.0.1', '::ffff:0:a00:1', '2002:7f00:1::1', '2002:a9fe:a9fe::', '2002:c0a8:101:1::5', '2001:0:4136:e378:8000:63bf:80ff:fffe', '2001::f5ff:fffe', 'fec0::1', 'feff::1', '64:ff9b:1::a00:1',
  ])('an IPv6 address that reaches a private IPv4 address or a site-local network (%s) is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['2606:4700:4700::1111', '64:ff9b::808:808', '::ffff:8.8.8.8', '2002:808:808::1', '2001:0:4136:e378:8000:63bf:f7f7:f7f7', '2001:db8::1', '93.184.216.34'])('a public address (%s) is not', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it.each(['[64:ff9b::127.0.0.1]', '[::127.0.0.1]', '[::ffff:0:127.0.0.1]', '[2002:7f00:1::1]', '[fec0::1]'])('a URL with the literal address %s is refused', async (host) => {
    const error = failure(await fetchUrl(`http://${host}:8701/feed.xml`, { ...options, allowPrivateAddresses: false }));
    expect(error.code).toBe('private_address');
  });
});

describe('trust in a host the user named', () => {
  /** As a run fetches: private addresses refused but on the host and port of the URL in the pipeline file. */
  const guarded: FetchOptions = { ...options, allowPrivateAddresses: false };
  let other: Awaited<ReturnType<typeof startServer>>;
  /** The test server and another one on the same machine, both under the name "localhost". */
  let named: string;
  let otherPort: string;
  beforeAll(async () => {
    other = await startServer({ '/plain': (_req, res) => text(res, 'internal service') });
    named = server.url.replace('127.0.0.1', 'localhost');
    otherPort = new URL(other.url).port;
  });
  afterAll(() => other.close());

  it('holds on the port of the URL the user named, and not on another port of the same name', async () => {
    const trusted = { ...guarded, trustedHostname: trustedHostOf(`${named}/status`) };
    expect(trusted.trustedHostname).toBe(`localhost:${new URL(server.url).port}`);
    expect((await fetchUrl(`${named}/plain`, trusted)).status).toBe('ok');
    // As if the outlet had pointed its name at 127.0.0.1 and linked to another port there.
    const error = failure(await fetchUrl(`http://localhost:${otherPort}/plain`, trusted));
    expect(error.code).toBe('private_address');
    expect(other.hits.get('/plain')).toBeUndefined();
  });

  it('default ports are written out, so a URL without a port is trusted on 80 or 443 only', () => {
    expect(trustedHostOf('https://News.Example.org/feed')).toBe('news.example.org:443');
    expect(trustedHostOf('http://news.example.org/feed')).toBe('news.example.org:80');
    expect(trustedHostOf('http://[::1]:8080/feed')).toBe('[::1]:8080');
    expect(trustedHostOf('not a url')).toBeNull();
  });

  it('a name written with its trailing dot is the same host, trusted and refused as without it', async () => {
    const port = new URL(server.url).port;
    // a pipeline file's `http://localhost.:port/…` is requested without the dot, and trusted on that host and port
    const trusted = { ...guarded, trustedHostname: trustedHostOf(`http://localhost.:${port}/status`) };
    expect(trusted.trustedHostname).toBe(`localhost:${port}`);
    expect((await fetchUrl(`${named}/plain`, trusted)).status).toBe('ok');
    // a link to the dotted name on another port is a private address, not a name to look up
    const error = failure(await fetchUrl(`http://localhost.:${otherPort}/plain`, trusted));
    expect(error).toMatchObject({ code: 'private_address' });
    expect(failure(await fetchUrl(`http://app.localhost.:${otherPort}/plain`, trusted)).code).toBe('private_address');
    expect(other.hits.get('/plain')).toBeUndefined();
  });

  it('a bare host name without a port trusts nothing', async () => {
    expect(failure(await fetchUrl(`${named}/plain`, { ...guarded, trustedHostname: 'localhost' })).code).toBe('private_address');
  });

  it('trust on port 80 carries to 443 of the same name (a site moving its readers to https), and nowhere else', async () => {
    // Nothing listens on 443 here: what counts is that the guard lets the request go, so it fails on the connection.
    const upgraded = failure(await fetchUrl('https://localhost/feed.xml', { ...guarded, trustedHostname: 'localhost:80' }));
    expect(upgraded.code).not.toBe('private_address');
    expect(failure(await fetchUrl('http://localhost:443/feed.xml', { ...guarded, trustedHostname: 'localhost:80' })).code).toBe('private_address');
    expect(failure(await fetchUrl('https://localhost/feed.xml', { ...guarded, trustedHostname: 'localhost:8080' })).code).toBe('private_address');
  });

  it('a name the user trusts is not followed to a link-local or cloud metadata address, however it is written', async () => {
    for (const address of ['169.254.169.254', '169.254.10.1', 'fe80::1', 'fd00:ec2::254', '::ffff:169.254.169.254', '64:ff9b::a9fe:a9fe']) {
      const resolveHost = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
      const result = await fetchUrl('http://feeds.outlet.test/feed.xml', { ...guarded, trustedHostname: 'feeds.outlet.test:80', resolveHost });
      const error = failure(result);
      expect(error.code).toBe('private_address');
      expect(error.message).toContain('link-local or cloud metadata address');
    }
  });

  it('a name the user trusts may still resolve to an intranet or loopback address', async () => {
    const resolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    const url = `http://feeds.outlet.test:${new URL(server.url).port}/plain`;
    const result = await fetchUrl(url, { ...guarded, trustedHostname: trustedHostOf(url), resolveHost });
    expect(result.status).toBe('ok');
    // and an untrusted one may not
    expect(failure(await fetchUrl(url, { ...guarded, resolveHost })).code).toBe('private_address');
  });

  it('a link-local address the user typed is theirs to ask for', async () => {
    const url = 'http://169.254.169.254:9/latest/meta-data/';
    const result = await fetchUrl(url, { ...guarded, connectTimeoutMs: 100, timeoutMs: 300, trustedHostname: trustedHostOf(url) });
    // nothing answers there in a test, but the guard let it through
    expect(failure(result).code).not.toBe('private_address');
    expect(failure(await fetchUrl(url, guarded)).code).toBe('private_address');
  });
});

describe('Content-Encoding', () => {
  it('undoes five layers at most: more is work without end, not a feed', async () => {
    expect((await fetchUrl(`${server.url}/layers?n=5`, options)).status).toBe('ok');
    const error = failure(await fetchUrl(`${server.url}/layers?n=6`, options));
    expect(error).toMatchObject({ code: 'unsupported_encoding', message: `6 Content-Encoding layers from ${server.url}/layers?n=6; at most 5 are undone` });
  });

  it.each(['/gzip-gzip', '/deflate-then-gzip', '/gzip-then-br', '/identity'])('each coding listed (%s) is undone, the last applied first', async (path) => {
    const result = await fetchUrl(`${server.url}${path}`, options);
    expect(result.status).toBe('ok');
    if (result.status === 'ok') expect(result.body.toString('utf8')).toBe(body);
  });

  it.each([
    ['/zstd', 'zstd'],
    ['/compress', 'compress'],
    ['/gzip-then-zstd', 'zstd'],
  ])('a coding pausewatch cannot undo (%s) fails, naming it and the URL, rather than pass as plain text', async (path, coding) => {
    const error = failure(await fetchUrl(`${withCredentials}${path}`, options));
    expect(error).toEqual({
      code: 'unsupported_encoding',
      message: `unsupported Content-Encoding "${coding}" from ${server.url.replace('http://', 'http://***@')}${path}`,
    });
  });

  it.each([
    ['zlib', 'no'],
    ['zlib', 'yes'],
    ['raw', 'no'],
  ])('a deflate body (%s, newline sent separately: %s) followed by a stray byte is read, without waiting for the timeout', async (form, split) => {
    const result = await fetchUrl(`${server.url}/deflate-trailing?form=${form}&split=${split}`, options);
    expect(result.status === 'failed' ? result.error : result.status).toBe('ok');
    if (result.status === 'ok') expect(result.body.toString('utf8')).toBe(body);
  });

  it.each(['UTF-8', 'utf8', 'ISO-8859-1', 'binary', '8bit', '7bit', 'utf-8, gzip'])('a Content-Encoding that names no compression (%s) is read as plain', async (label) => {
    const result = await fetchUrl(`${server.url}/labelled?ce=${encodeURIComponent(label)}`, options);
    expect(result.status === 'failed' ? result.error : result.status).toBe('ok');
    if (result.status === 'ok') expect(result.body.toString('utf8')).toBe(body);
  });

  it('a bomb gzipped twice stops at the size cap', async () => {
    const error = failure(await fetchUrl(`${server.url}/stacked-bomb`, options));
    expect(error.code).toBe('too_large');
    expect(error.message).toMatch(/decompresses to more than the 65536 bytes allowed/);
  });

  it('the size cap holds for every layer, even one that decodes to nothing', async () => {
    const error = failure(await fetchUrl(`${server.url}/empty-members`, options));
    expect(error.code).toBe('too_large');
  });
});

describe('redirects', () => {
  it('a Location header in UTF-8 is read as UTF-8, as browsers do', async () => {
    const result = await fetchUrl(`${server.url}/to-utf8`, options);
    expect(result).toMatchObject({ status: 'ok', url: `${server.url}/f%C3%A9%20ed.xml` });
    expect(result.redirects[0]?.to).toBe(`${server.url}/f%C3%A9%20ed.xml`);
  });

  it('a Location header\'s fragment is not kept in the redirect recorded, nor in the URL answered', async () => {
    const result = await fetchUrl(`${server.url}/to-fragment`, options);
    expect(result).toMatchObject({ status: 'ok', url: `${server.url}/plain` });
    expect(result.redirects).toEqual([{ from: `${server.url}/to-fragment`, to: `${server.url}/plain`, status: 301, permanent: true }]);
  });

  it('a Location header that is not valid UTF-8 is requested with its bytes escaped as they are, as browsers and curl send them', async () => {
    const result = await fetchUrl(`${server.url}/to-latin1`, options);
    expect(result).toMatchObject({ status: 'ok', url: `${server.url}/caf%E9.xml` });
    // in a host, the letter stays a letter, for the name's punycode
    const resolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    const host = await fetchUrl(`${server.url}/to-latin1-host`, { ...options, resolveHost });
    expect(host).toMatchObject({ status: 'ok', url: `http://xn--caf-dma.test:${new URL(server.url).port}/plain` });
  });
});

describe('answers out of the ordinary', () => {
  it('a Location after a thousand other header lines is still followed', async () => {
    const result = await fetchUrl(`${server.url}/to-plain-after-cookies`, options);
    expect(result).toMatchObject({ status: 'ok', url: `${server.url}/plain` });
  });

  it('a connection closed before any answer, or reset after the head, is said as it happened', async () => {
    expect(failure(await fetchUrl(`${server.url}/hang-up`, options))).toEqual({ code: 'connection_reset', message: `${server.url}/hang-up closed the connection without answering` });
    const reset = await fetchUrl(`${server.url}/reset-mid-body`, options);
    expect(reset).toMatchObject({ status: 'failed', httpStatus: 200, error: { code: 'connection_reset', message: `the connection was reset mid-body, reading ${server.url}/reset-mid-body` } });
  });

  it('an answer that came while the process was too busy to read it is read, not timed out', async () => {
    const fetched = fetchUrl(`${server.url}/after-100-ms`, { ...options, timeoutMs: 300 });
    // parsing a large feed blocks the process for seconds, past the time-out: the server answers meanwhile
    await new Promise((resolve) => setTimeout(resolve, 20));
    const busyUntil = Date.now() + 1_500;
    while (Date.now() < busyUntil);
    expect(await fetched).toMatchObject({ status: 'ok' });
  });

  it('a switch of protocol no request asked for fails at once, not at the time-out', async () => {
    // the time-out is the suite's, not ours: a fetch waiting for it fails the test
    const error = failure(await fetchUrl(`${server.url}/switching`, { ...options, timeoutMs: 600_000 }));
    expect(error).toEqual({ code: 'network', message: `${server.url}/switching answered HTTP 101 (Switching Protocols) to a request that asked for no protocol change` });
  });
});

describe('messages name the URL, and the redirect that led there', () => {
  const shown = () => server.url.replace('http://', 'http://***@');

  it('a timeout names the URL, not only its host', async () => {
    const error = failure(await fetchUrl(`${withCredentials}/slow`, { ...options, timeoutMs: 300 }));
    expect(error).toEqual({ code: 'timeout', message: `${shown()}/slow answered HTTP 200, then did not finish its body within 300 ms (fetch.timeoutMs)` });
    const redirected = failure(await fetchUrl(`${server.url}/to-slow`, { ...options, timeoutMs: 300 }));
    expect(redirected).toEqual({ code: 'timeout', message: `${server.url}/slow answered HTTP 200, then did not finish its body within 300 ms (fetch.timeoutMs) (redirected from ${server.url}/to-slow)` });
  });

  it('a failed DNS lookup names the URL', async () => {
    const resolveHost = () => Promise.reject(Object.assign(new Error('getaddrinfo ENOTFOUND feeds.outlet.test'), { code: 'ENOTFOUND' }));
    const error = failure(await fetchUrl('http://reader:s3cret@feeds.outlet.test:8701/feed.xml', { ...options, resolveHost }));
    expect(error).toEqual({ code: 'dns', message: 'DNS lookup failed for http://***@feeds.outlet.test:8701/feed.xml (ENOTFOUND)' });
  });

  it("running out of this machine's file descriptors says so, and which settings to turn", async () => {
    const resolveHost = () => Promise.reject(Object.assign(new Error('connect EMFILE'), { code: 'EMFILE' }));
    const error = failure(await fetchUrl('http://feeds.outlet.test:8701/feed.xml', { ...options, resolveHost }));
    expect(error).toEqual({ code: 'too_many_open_files', message: 'too many open files on this machine (EMFILE) to request http://feeds.outlet.test:8701/feed.xml: raise the limit (ulimit -n) or lower fetch.concurrency' });
  });

  it("a look-up that never answers fails as the name's, in the connect time-out, not as the host's silence", async () => {
    const resolveHost = () => new Promise<never>(() => {});
    const error = failure(await fetchUrl('http://feeds.outlet.test:8701/feed.xml', { ...options, connectTimeoutMs: 200, resolveHost }));
    expect(error).toEqual({
      code: 'dns_timeout',
      message: "no address for feeds.outlet.test within 200 ms (fetch.connectTimeoutMs): the system's name look-up did not answer, reading http://feeds.outlet.test:8701/feed.xml",
    });
    expect(UNANSWERED_CODES.has(error.code)).toBe(false);
  });

  it('a TLS failure names the URL and gives OpenSSL\'s reason on one line, not its error stack, and what it means', async () => {
    const error = failure(await fetchUrl(`${server.url.replace('http://', 'https://')}/feed.xml`, options));
    expect(error.code).toBe('tls');
    // ("wrong version number" from Node 20's OpenSSL; the wording is OpenSSL's): a plain-HTTP server on an https URL
    expect(error.message).toMatch(
      new RegExp(`^TLS error with ${server.url.replace('http://', 'https://')}/feed\\.xml: [a-z][a-z ]+: the server did not answer in TLS \\(a plain-HTTP server on that port\\? try http://\\)$`),
    );
  });

  it('a server that accepts the connection and never answers the TLS handshake fails at the connect timeout, saying so', async () => {
    // takes the TCP connection and never reads it: the ClientHello goes unanswered (no certificate is needed)
    const held: net.Socket[] = [];
    const mute = net.createServer((socket) => void held.push(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(mute.address() as AddressInfo).port}/feed.xml`;
    try {
      const error = failure(await fetchUrl(url, { ...options, connectTimeoutMs: 200, timeoutMs: 3_000 }));
      // the connect timeout's message; the total timeout's would be "no complete answer from ... within 3000 ms"
      expect(error).toEqual({ code: 'timeout', message: `no TLS handshake with ${url} within 200 ms (fetch.connectTimeoutMs)` });
    } finally {
      held.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => mute.close(() => resolve()));
    }
  });

  it('a refused connection names the URL', async () => {
    const port = await closedPort();
    const error = failure(await fetchUrl(`http://127.0.0.1:${port}/feed.xml`, options));
    expect(error).toEqual({ code: 'connection_refused', message: `connection refused by http://127.0.0.1:${port}/feed.xml` });
  });

  it('a private address reached through a redirect says which URL redirected there', async () => {
    const guarded = { ...options, allowPrivateAddresses: false, trustedHostname: trustedHostOf(server.url) };
    const literal = failure(await fetchUrl(`${withCredentials}/to-other-host`, guarded));
    expect(literal.code).toBe('private_address');
    expect(literal.message).toMatch(/^refused: localhost:\d+ is a private or local address \(.*\)/);
    expect(literal.message.endsWith(` (redirected from ${shown()}/to-other-host)`)).toBe(true);
    const resolveHost = async () => [{ address: '127.0.0.1', family: 4 }];
    const named = failure(await fetchUrl(`${withCredentials}/to-outlet`, { ...guarded, resolveHost }));
    expect(named.code).toBe('private_address');
    expect(named.message).toMatch(/^refused: feeds\.outlet\.test resolves to a private address/);
    expect(named.message.endsWith(` (redirected from ${shown()}/to-outlet)`)).toBe(true);
  });

  it('a redirect to a scheme other than http(s) says which URL redirected there', async () => {
    const error = failure(await fetchUrl(`${withCredentials}/to-ftp`, options));
    expect(error).toEqual({ code: 'invalid_url', message: `${shown()}/to-ftp redirects to ftp://example.org/feed.xml, and only http and https URLs are fetched` });
  });

  it('an HTTP error after a redirect says which URL redirected there', async () => {
    const error = failure(await fetchUrl(`${server.url}/hop-3`, options));
    expect(error).toEqual({ code: 'http_404', message: `HTTP 404 from ${server.url}/hop-4 (redirected from ${server.url}/hop-3)` });
  });
});

describe('response headers', () => {
  it('of more than node\'s default 16 KB are read', async () => {
    const result = await fetchUrl(`${server.url}/long-headers`, options);
    expect(result.status === 'failed' ? result.error : result.status).toBe('ok');
    expect(result.headers['set-cookie']).toContain('tracker29=');
  });
});

describe('a Content-Length that does not match the body', () => {
  it('a body longer than its Content-Length (counted in characters over UTF-8) keeps the declared bytes, as browsers do', async () => {
    const declared = Buffer.from(accented).subarray(0, accented.length);
    for (const path of ['/length-in-characters', '/length-in-characters-kept-open']) {
      const result = await fetchUrl(`${server.url}${path}`, options);
      expect(result.status, path).toBe('ok');
      if (result.status === 'ok') expect(result.body.equals(declared), path).toBe(true);
    }
  });

  it('a compressed body cut short by its Content-Length fails saying the length was wrong', async () => {
    const error = failure(await fetchUrl(`${server.url}/gzip-length-short`, options));
    expect(error.code).toBe('decode');
    expect(error.message).toMatch(new RegExp(`^cannot decompress the body of ${server.url}/gzip-length-short \\(gzip\\): .*; the server sent more than its Content-Length of \\d+ bytes, and only those were read$`));
  });

  it('a response the HTTP parser rejects is reported as malformed, naming the URL', async () => {
    const error = failure(await fetchUrl(`${server.url}/bad-chunk`, options));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(new RegExp(`^malformed HTTP response from ${server.url}/bad-chunk \\(HPE_INVALID_CHUNK_SIZE: `));
  });
});
