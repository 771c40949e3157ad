import { afterEach, describe, expect, it } from 'vitest';
import { parseHttpDate, readServerHints } from '../../src/ingest/fetch.ts';

/**
 * HTTP dates are GMT in every form, asctime's included, which names no zone: read in the host's zone, a Date and
 * Retry-After an hour apart held a feed fifteen hours on a host in Kiritimati, and not at all in St John's.
 */

const hostZone = process.env.TZ;
afterEach(() => {
  if (hostZone === undefined) delete process.env.TZ;
  else process.env.TZ = hostZone;
});

describe.each(['UTC', 'Pacific/Kiritimati', 'America/St_Johns', 'Pacific/Pago_Pago'])('HTTP dates on a host in %s', (zone) => {
  it("reads asctime as GMT, as the other two forms say they are, for a 429's wait and a feed's Expires", () => {
    // node reads TZ as it changes: the process's zone is the host's for the rest of the test
    process.env.TZ = zone;
    const now = Date.parse('2026-12-06T01:45:53.000Z');
    const retry = readServerHints({ date: 'Sun Dec  6 01:45:53 2026', 'retry-after': 'Sun Dec  6 02:45:53 2026' }, now);
    expect(retry.retryAfterSeconds).toBe(3_600);
    const expires = readServerHints({ date: 'Sun Dec  6 01:45:53 2026', expires: 'Sun Dec  6 09:45:53 2026' }, now + 60_000);
    // measured from the server's Date, whatever this clock says
    expect(expires.expiresAt).toBe('2026-12-06T09:46:53.000Z');
    const mixed = readServerHints({ date: 'Sun, 06 Dec 2026 01:45:53 GMT', expires: 'Sun Dec  6 09:45:53 2026' }, now);
    expect(mixed.expiresAt).toBe('2026-12-06T09:45:53.000Z');
    // IMF's form without its GMT
    const bare = readServerHints({ date: 'Sun, 06 Dec 2026 01:45:53', expires: 'Sun, 06 Dec 2026 09:45:53 GMT' }, now + 60_000);
    expect(bare.expiresAt).toBe('2026-12-06T09:46:53.000Z');
    // an ISO date without its zone, which some servers send, is UTC too
    expect(parseHttpDate('2015-10-21T07:28:00')).toBe(Date.parse('2015-10-21T07:28:00Z'));
  });
});
