import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Servers whose certificates a real outlet's may be: expired, for another name, sent without the intermediate that
 * signed them, self-signed, or speaking only HTTP/2. Each failure is a `tls` one, in words that say what to do (renew,
 * send the whole chain, trust a private CA through NODE_EXTRA_CA_CERTS), read by a process that trusts the test's own
 * root authority as a user's would: through NODE_EXTRA_CA_CERTS, which node reads at start.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
let dir: string;
const servers: https.Server[] = [];
const urls: Record<string, string> = {};

/** Runs openssl in the test's folder. */
const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A certificate request and its key, `name`.csr and `name`.key. */
function request(name: string, commonName: string): void {
  openssl('req', '-new', ...EC_KEY, '-keyout', `${name}.key`, '-subj', `/CN=${commonName}`, '-out', `${name}.csr`);
}

/** Signs `name`.csr with `issuer`'s key, as `extension` of ext.cnf says, between two dates when given. */
function sign(name: string, issuer: string, extension: string, dates: string[] = ['-days', '30']): void {
  openssl('ca', '-batch', '-config', 'ca.cnf', '-notext', '-in', `${name}.csr`, '-out', `${name}.pem`, '-cert', `${issuer}.pem`, '-keyfile', `${issuer}.key`, '-extfile', 'ext.cnf', '-extensions', extension, ...dates);
}

async function serve(name: string, cert: string, key: string, extra: https.ServerOptions = {}): Promise<void> {
  const server = https.createServer({ cert, key, ...extra }, (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>T</title></channel></rss>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  urls[name] = `https://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-tls-'));
  writeFileSync(
    path.join(dir, 'ext.cnf'),
    '[ca]\nbasicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign\n' +
      '[leaf]\nbasicConstraints=CA:false\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n' +
      '[other]\nbasicConstraints=CA:false\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:other.example,DNS:www.other.example\n',
  );
  writeFileSync(path.join(dir, 'ca.cnf'), '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\n');
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'serial'), '1000\n');
  openssl('req', '-x509', '-new', ...EC_KEY, '-keyout', 'root.key', '-subj', '/CN=Test Root', '-days', '30', '-out', 'root.pem', '-addext', 'basicConstraints=critical,CA:true', '-addext', 'keyUsage=critical,keyCertSign');
  request('int', 'Test Intermediate');
  sign('int', 'root', 'ca');
  for (const [name, extension, dates] of [['good', 'leaf'], ['expired', 'leaf', ['-startdate', '20200101000000Z', '-enddate', '20210101000000Z']], ['other', 'other']] as const) {
    request(name, name);
    sign(name, 'int', extension, dates as string[] | undefined);
  }
  openssl('req', '-x509', '-new', ...EC_KEY, '-keyout', 'self.key', '-subj', '/CN=127.0.0.1', '-days', '30', '-out', 'self.pem', '-addext', 'subjectAltName=IP:127.0.0.1');
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8');
  const chain = (leaf: string) => read(`${leaf}.pem`) + read('int.pem');
  await serve('good', chain('good'), read('good.key'));
  await serve('expired', chain('expired'), read('expired.key'));
  await serve('otherName', chain('other'), read('other.key'));
  // the leaf alone, its intermediate left out, as a misconfigured server sends it
  await serve('incomplete', read('good.pem'), read('good.key'));
  await serve('selfSigned', read('self.pem'), read('self.key'));
  await serve('http2Only', chain('good'), read('good.key'), { ALPNProtocols: ['h2'] });
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
});

/** What fetchUrl makes of each server, in a process that trusts the test's root as NODE_EXTRA_CA_CERTS makes it. */
async function fetchedByTrustingProcess(): Promise<Record<string, { code: string; message: string } | string>> {
  const script = path.join(dir, 'fetch-all.mts');
  writeFileSync(
    script,
    `import { fetchUrl, DEFAULT_USER_AGENT } from ${JSON.stringify(path.join(repoRoot, 'src/ingest/fetch.ts'))};\n` +
      `const urls = ${JSON.stringify(urls)};\n` +
      'const options = { userAgent: DEFAULT_USER_AGENT, connectTimeoutMs: 5000, timeoutMs: 8000, maxBytes: 65536, maxRedirects: 3, allowPrivateAddresses: true };\n' +
      'const out = {};\n' +
      'for (const [name, url] of Object.entries(urls)) { const result = await fetchUrl(url, options); out[name] = result.status === "failed" ? { code: result.error.code, message: result.error.message } : result.status; }\n' +
      'console.log(JSON.stringify(out));\n',
  );
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, env: { ...process.env, NODE_EXTRA_CA_CERTS: path.join(dir, 'root.pem') } });
  return JSON.parse(stdout) as Record<string, { code: string; message: string } | string>;
}

describe('certificates and TLS set-ups of real outlets', () => {
  it('are each a tls failure saying what is wrong and what to do; a good server is read', async () => {
    const results = await fetchedByTrustingProcess();
    expect(results.good).toBe('ok');
    expect(results.expired).toEqual({ code: 'tls', message: `TLS error with ${urls.expired}: its certificate has expired (the outlet must renew it)` });
    // node's own words ended "is not in the cert's list:" with nothing after
    expect(results.otherName).toEqual({ code: 'tls', message: `TLS error with ${urls.otherName}: its certificate is for other.example, www.other.example, not 127.0.0.1` });
    expect(results.incomplete).toMatchObject({ code: 'tls' });
    expect((results.incomplete as { message: string }).message).toMatch(/lacks an intermediate certificate .*the outlet must send its whole chain.*NODE_EXTRA_CA_CERTS/);
    expect(results.selfSigned).toEqual({ code: 'tls', message: `TLS error with ${urls.selfSigned}: its certificate is self-signed: to trust it, add it to the file NODE_EXTRA_CA_CERTS names` });
    // refused in the handshake, not waited out to the total time-out as a silent host
    expect(results.http2Only).toMatchObject({ code: 'tls' });
    expect((results.http2Only as { message: string }).message).toMatch(/the server speaks only HTTP\/2, which pausewatch does not$/);
  }, 60_000);
});
