import { DEFAULT_USER_AGENT, trustedHostOf, type FetchOptions } from '../../src/ingest/fetch.ts';

/**
 * Fetch options as `sources add` fetches with them: the host and port of the URL typed (a test server, on 127.0.0.1)
 * are trusted, the rest guarded; short time limits for tests.
 */
export function discoveryFetchOptions(typedUrl: string, maxBytes = 1_000_000): FetchOptions {
  return {
    userAgent: DEFAULT_USER_AGENT, connectTimeoutMs: 1_000, timeoutMs: 2_000, maxBytes, maxRedirects: 5,
    allowPrivateAddresses: false, trustedHostname: trustedHostOf(typedUrl),
  };
}
