import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, fetchUrl, type FetchOptions } from '../../src/ingest/fetch.ts';
import type { Fetcher } from '../../src/ingest/request-queue.ts';
import { createRequestQueue } from '../../src/ingest/request-queue.ts';
import { startServer, type Route } from '../helpers/http-server.ts';

const options: FetchOptions = {
  userAgent: DEFAULT_USER_AGENT,
  connectTimeoutMs: 1_000,
  timeoutMs: 5_000,
  maxBytes: 64 * 1024,
  maxRedirects: 5,
  allowPrivateAddresses: true,
};

/** Requests being answered by all watched servers together. */
const everywhere = { inFlight: 0, maxInFlight: 0 };

/** A server that notes when each request arrives and how many it is answering at once. */
async function watchedServer(answerAfterMs: number, extra: Record<string, Route> = {}) {
  const arrivals: number[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = await startServer({
    ...extra,
    '/feed.xml': (_req, res) => {
      arrivals.push(performance.now());
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      everywhere.maxInFlight = Math.max(everywhere.maxInFlight, ++everywhere.inFlight);
      setTimeout(() => {
        inFlight -= 1;
        everywhere.inFlight -= 1;
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>t</title></channel></rss>');
      }, answerAfterMs);
    },
  });
  return {
    ...server,
    arrivals,
    get maxInFlight() {
      return maxInFlight;
    },
    /** Smallest time between two consecutive arrivals. */
    smallestGap: () => Math.min(...arrivals.slice(1).map((t, i) => t - arrivals[i]!)),
  };
}

/**
 * The per-host gap the tests ask for. Starts are recorded where requests start (a fetcher that notes the time it
 * is called), which the gap bounds to the millisecond; arrivals at a server in this same process also wait for its
 * event loop, so a test that can only see arrivals accepts half the gap.
 */
const GAP_MS = 100;
const LEAST_ARRIVAL_GAP_MS = GAP_MS / 2;

/** fetchUrl, noting when each request to each host starts. */
function startRecorder() {
  const starts = new Map<string, number[]>();
  const fetcher: Fetcher = (url, fetchOptions) => {
    const host = new URL(url).host;
    starts.set(host, [...(starts.get(host) ?? []), performance.now()]);
    return fetchUrl(url, fetchOptions);
  };
  const smallestGap = (url: string) => {
    const times = starts.get(new URL(url).host) ?? [];
    return Math.min(...times.slice(1).map((t, i) => t - times[i]!));
  };
  return { fetcher, starts, smallestGap };
}

type WatchedServer = Awaited<ReturnType<typeof watchedServer>>;

describe('the request queue', () => {
  let slowA: WatchedServer;
  let fastA: WatchedServer;
  let slowB: WatchedServer;
  beforeAll(async () => {
    slowA = await watchedServer(60);
    fastA = await watchedServer(0, { '/to-self': (_req, res) => res.writeHead(301, { location: '/feed.xml' }).end() });
    slowB = await watchedServer(200, { '/to-fast-a': (_req, res) => res.writeHead(302, { location: `${fastA.url}/feed.xml` }).end() });
  });
  afterAll(async () => {
    await Promise.all([slowA, fastA, slowB].map((s) => s?.close()));
  });
  const reset = () => {
    for (const server of [slowA, fastA, slowB]) server.arrivals.length = 0;
    everywhere.maxInFlight = 0;
  };

  it('keeps to the per-host limit and the minimum gap between starts on one host', async () => {
    reset();
    const recorder = startRecorder();
    const queue = createRequestQueue({ concurrency: 10, perHostConcurrency: 2, perHostGapMs: GAP_MS }, recorder.fetcher);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => queue(`${slowA.url}/feed.xml?n=${i}`, options)));
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(slowA.arrivals).toHaveLength(6);
    expect(slowA.maxInFlight).toBeLessThanOrEqual(2);
    expect(recorder.smallestGap(slowA.url)).toBeGreaterThanOrEqual(GAP_MS - 2);
  });

  it('keeps to the global limit across hosts', async () => {
    reset();
    const queue = createRequestQueue({ concurrency: 1, perHostConcurrency: 4, perHostGapMs: 0 });
    const results = await Promise.all([1, 2, 3].flatMap((n) => [queue(`${slowA.url}/feed.xml?g=${n}`, options), queue(`${fastA.url}/feed.xml?g=${n}`, options)]));
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(slowA.arrivals.length + fastA.arrivals.length).toBe(6);
    expect(everywhere.maxInFlight).toBe(1);
  });

  it('measures the gap from when requests really start, not from when they joined the queue', async () => {
    reset();
    const recorder = startRecorder();
    const queue = createRequestQueue({ concurrency: 1, perHostConcurrency: 2, perHostGapMs: GAP_MS }, recorder.fetcher);
    // The slow request holds the only global slot while both requests to fastA wait behind it.
    const blocker = queue(`${slowB.url}/feed.xml`, options);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await Promise.all([queue(`${fastA.url}/feed.xml?q=1`, options), queue(`${fastA.url}/feed.xml?q=2`, options), blocker]);
    expect(fastA.arrivals).toHaveLength(2);
    expect(recorder.smallestGap(fastA.url)).toBeGreaterThanOrEqual(GAP_MS - 2);
  });

  it('admits a redirect hop under the limits of the host it leads to', async () => {
    reset();
    const queue = createRequestQueue({ concurrency: 10, perHostConcurrency: 2, perHostGapMs: GAP_MS });
    const [direct, redirected] = await Promise.all([queue(`${fastA.url}/feed.xml`, options), queue(`${slowB.url}/to-fast-a`, options)]);
    expect(direct.status).toBe('ok');
    expect(redirected).toMatchObject({ status: 'ok', url: `${fastA.url}/feed.xml` });
    expect(fastA.arrivals).toHaveLength(2);
    expect(fastA.smallestGap()).toBeGreaterThanOrEqual(LEAST_ARRIVAL_GAP_MS);
  });

  it('waiting for the host gap before a redirect hop does not count against the total timeout', async () => {
    reset();
    const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 300 });
    const result = await queue(`${fastA.url}/to-self`, { ...options, timeoutMs: 200 });
    expect(result).toMatchObject({ status: 'ok', url: `${fastA.url}/feed.xml` });
    expect(result.redirects).toHaveLength(1);
  });

  it('a fetcher of the caller\'s own (a wrapper, a cache) is held to the same limits as a whole', async () => {
    reset();
    let inFlight = 0;
    let maxInFlight = 0;
    const logging: Fetcher = async (url, fetchOptions) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        return await fetchUrl(url, fetchOptions);
      } finally {
        inFlight -= 1;
      }
    };
    const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: GAP_MS }, logging);
    const results = await Promise.all([1, 2, 3].map((n) => queue(`${slowA.url}/feed.xml?w=${n}`, options)));
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(maxInFlight).toBe(1);
    expect(slowA.smallestGap()).toBeGreaterThanOrEqual(LEAST_ARRIVAL_GAP_MS);
  });
});
