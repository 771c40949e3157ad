import { DEFAULT_USER_AGENT, type FetchOptions } from '../../src/ingest/fetch.ts';

/**
 * Fetch options for a test server on 127.0.0.1: small limits, so every cap fires within milliseconds, private
 * addresses allowed. `overrides` change what a test needs otherwise (a shorter time-out, fewer redirects).
 */
export function localFetchOptions(overrides: Partial<FetchOptions> = {}): FetchOptions {
  return {
    userAgent: DEFAULT_USER_AGENT,
    connectTimeoutMs: 1_000,
    timeoutMs: 2_000,
    maxBytes: 64 * 1024,
    maxRedirects: 5,
    allowPrivateAddresses: true,
    ...overrides,
  };
}
