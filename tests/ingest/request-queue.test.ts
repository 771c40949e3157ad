import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchUrl, type FetchOptions, type FetchResult } from '../../src/ingest/fetch.ts';
import type { Fetcher } from '../../src/ingest/request-queue.ts';
import { createRequestQueue } from '../../src/ingest/request-queue.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { localFetchOptions } from '../helpers/fetch-options.ts';

const options: FetchOptions = localFetchOptions({ timeoutMs: 5_000 });

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
 * is called), which the gap bounds closely: the queue reads the clock a few calls before the fetcher does, and on a
 * machine loaded by other work a pause between the two (the process not scheduled, a garbage collection) made one
 * recorded gap more than 2 ms short. A recorded gap may be short by LEAST_START_GAP_MS's margin; requests not spaced
 * at all start within a millisecond or two of each other.
 * Arrivals at a server in this same process also wait for its event loop, so a test that can only see arrivals
 * accepts half the gap.
 */
const GAP_MS = 100;
const LEAST_START_GAP_MS = GAP_MS - 20;
const LEAST_ARRIVAL_GAP_MS = GAP_MS / 2;

/** fetchUrl, noting when each request to each host starts. */
function startRecorder() {
  const starts = new Map<string, number[]>();
  const fetcher: Fetcher = (url, fetchOptions) => {
    // The queue's own clock, read first thing: the gap it keeps is between its readings of Date.now().
    const at = Date.now();
    const host = new URL(url).host;
    starts.set(host, [...(starts.get(host) ?? []), at]);
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
    expect(recorder.smallestGap(slowA.url)).toBeGreaterThanOrEqual(LEAST_START_GAP_MS);
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
    expect(recorder.smallestGap(fastA.url)).toBeGreaterThanOrEqual(LEAST_START_GAP_MS);
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

describe('the clock the queue keeps its gaps by', () => {
  it('only goes forward: the wall clock set back an hour mid-run holds no request for the hour', async () => {
    const server = await startServer({ '/a': (_req, res) => res.writeHead(200).end('a'), '/b': (_req, res) => res.writeHead(200).end('b') });
    // Date alone is faked, as `date -s` would move it; timers and the process's monotonic clock go on
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    try {
      const queue = createRequestQueue({ concurrency: 1, perHostConcurrency: 1, perHostGapMs: 50 });
      expect((await queue(`${server.url}/a`, options)).status).toBe('ok');
      vi.setSystemTime(Date.now() - 3_600_000);
      // the suite's time-out, not an hour, is what a request held would meet
      expect((await queue(`${server.url}/b`, options)).status).toBe('ok');
    } finally {
      vi.useRealTimers();
      await server.close();
    }
  });
});

describe('a host that asks for a pause', () => {
  /** A server whose every path answers `status` with `headers`, noting when each request arrived. */
  async function askingServer(status: number, headers: Record<string, string>, extra: Record<string, Route> = {}) {
    const arrivals: { path: string; at: number }[] = [];
    const asking: Route = (req, res) => {
      arrivals.push({ path: req.url ?? '', at: Date.now() });
      res.writeHead(status, headers).end();
    };
    const routes: Record<string, Route> = { ...extra };
    // every /feed-N and /page-N asks
    for (let n = 0; n < 20; n++) for (const kind of ['feed', 'page']) routes[`/${kind}-${n}`] ??= asking;
    return { ...(await startServer(routes)), arrivals };
  }
  const failed = (result: FetchResult) => {
    if (result.status !== 'failed') throw new Error(`expected a failure, got ${result.status}`);
    return result;
  };
  const hostOf = (url: string) => new URL(url).host;
  /** Text matched literally inside a RegExp (URLs here hold no special character but the dot). */
  const literally = (text: string) => text.replace(/[.]/g, '\\.');

  it('one 429 with a long Retry-After holds back the rest of the host, feeds and pages: they fail at once without being sent', async () => {
    const busy = await askingServer(429, { 'retry-after': '7200' });
    const other = await askingServer(200, { 'content-type': 'text/plain' });
    try {
      const queue = createRequestQueue({ concurrency: 8, perHostConcurrency: 2, perHostGapMs: 20 });
      const urls = [...Array.from({ length: 10 }, (_, n) => `${busy.url}/feed-${n}`), ...Array.from({ length: 10 }, (_, n) => `${busy.url}/page-${n}`)];
      const results = await Promise.all([...urls.map((url) => queue(url, options)), queue(`${other.url}/feed-0`, options)]);
      const elsewhere = results.pop()!;
      // another host is not held back
      expect(elsewhere.status).toBe('ok');
      // the first request, and at most one more already under way when the 429 came (two per host at a time)
      expect(busy.arrivals.length).toBeGreaterThanOrEqual(1);
      expect(busy.arrivals.length).toBeLessThanOrEqual(2);
      const answered = results.filter((r) => r.httpStatus === 429);
      const held = results.filter((r) => r.httpStatus === null).map(failed);
      expect(answered).toHaveLength(busy.arrivals.length);
      expect(held).toHaveLength(20 - busy.arrivals.length);
      // whichever answer asked for the later end (one request, or two under way at once)
      const askedBy = `(${busy.arrivals.map((a) => literally(`${busy.url}${a.path}`)).join('|')})`;
      for (const result of held) {
        // the code of the answer, and the time left as Retry-After: what the scheduler reads of a 429
        expect(result.error.code).toBe('http_429');
        expect(result.hints.retryAfterSeconds).toBeGreaterThan(7000);
        expect(result.hints.retryAfterSeconds).toBeLessThanOrEqual(7200);
        expect(result.error.message).toMatch(
          new RegExp(`^not requested: ${literally(result.requestedUrl)} \\(${literally(hostOf(busy.url))} answered HTTP 429 to ${askedBy} and asked to wait until \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)$`),
        );
      }
    } finally {
      await Promise.all([busy.close(), other.close()]);
    }
  });

  it('a short Retry-After is waited out: the host\'s other requests go after it ends, and are answered', async () => {
    let asked = 0;
    const arrivals: number[] = [];
    let pausedAt = 0;
    const server = await startServer({
      '/feed.xml': (_req, res) => {
        arrivals.push(Date.now());
        if (asked++ === 0) {
          pausedAt = Date.now();
          return void res.writeHead(429, { 'retry-after': '1' }).end();
        }
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      },
    });
    try {
      const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 0 });
      const results = await Promise.all(Array.from({ length: 4 }, (_, n) => queue(`${server.url}/feed.xml?n=${n}`, options)));
      expect(results.map((r) => r.httpStatus)).toEqual([429, 200, 200, 200]);
      expect(arrivals).toHaveLength(4);
      // a lower bound only: a loaded machine makes the wait longer, never shorter
      expect(arrivals[1]! - pausedAt).toBeGreaterThanOrEqual(990);
    } finally {
      await server.close();
    }
  });

  it('a 503 with Retry-After holds back the host; a 503 without it does not', async () => {
    const down = await askingServer(503, { 'retry-after': '600' }, { '/ok': (_req, res) => res.writeHead(200).end('ok') });
    const broken = await askingServer(503, {}, { '/ok': (_req, res) => res.writeHead(200).end('ok') });
    try {
      for (const [server, expected] of [[down, 'http_503'], [broken, 'ok']] as const) {
        const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 0 });
        expect((await queue(`${server.url}/feed-0`, options)).httpStatus).toBe(503);
        const next = await queue(`${server.url}/ok`, options);
        expect(next.status === 'failed' ? next.error.code : next.status).toBe(expected);
      }
      expect(down.hits.get('/ok')).toBeUndefined();
      expect(broken.hits.get('/ok')).toBe(1);
    } finally {
      await Promise.all([down.close(), broken.close()]);
    }
  });

  it('a 429 without Retry-After, again when the request is sent once more, slower, holds back the host for the rest of the run, without a time to give the scheduler', async () => {
    const busy = await askingServer(429, {});
    try {
      const slowed: [string, number][] = [];
      const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 0, slowedDown: (host, gapMs) => slowed.push([host, gapMs]) });
      expect(failed(await queue(`${busy.url}/feed-0`, options))).toMatchObject({ httpStatus: 429 });
      const held = failed(await queue(`${busy.url}/feed-1`, options));
      expect(held).toMatchObject({ httpStatus: null, error: { code: 'http_429' }, hints: { retryAfterSeconds: null } });
      expect(held.error.message).toContain('gave no Retry-After: nothing more is sent to it in this run');
      // sent twice: at once, then a second later; refused at that pace too, it was not the pace, and no slowing is told
      expect(busy.arrivals.map((arrival) => arrival.path)).toEqual(['/feed-0', '/feed-0']);
      expect(busy.arrivals[1]!.at - busy.arrivals[0]!.at).toBeGreaterThanOrEqual(990);
      expect(slowed).toEqual([]);
    } finally {
      await busy.close();
    }
  });

  it('a host answering 503 without Retry-After to everything (down behind its maintenance page) is asked a try more, not each request twice', async () => {
    const down = await askingServer(503, {});
    try {
      const slowed: number[] = [];
      const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 0, slowedDown: (_host, gapMs) => slowed.push(gapMs) });
      const results = await Promise.all(Array.from({ length: 6 }, (_, n) => queue(`${down.url}/feed-${n}`, options)));
      expect(results.map((result) => result.httpStatus)).toEqual(Array(6).fill(503));
      // the first refused, and once more a second later; the rest once each
      expect(down.arrivals.length).toBeLessThanOrEqual(8);
      expect(slowed).toEqual([]);
    } finally {
      await down.close();
    }
  });

  it.each([429, 503])('a host refusing more than a request a second with %i, without Retry-After, is slowed to its pace and every request answered', async (status) => {
    const arrivals: number[] = [];
    let last = 0;
    const limited = await startServer(
      Object.fromEntries(
        Array.from({ length: 4 }, (_, n) => [
          `/feed-${n}`,
          ((_req, res) => {
            const now = Date.now();
            arrivals.push(now);
            // nginx's limit_req at 1 r/s without a burst: a request within the second of the last one let through
            if (now - last < 1_000) return void res.writeHead(status).end();
            last = now;
            res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
          }) as Route,
        ]),
      ),
    );
    try {
      const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 500 });
      const results = await Promise.all(Array.from({ length: 4 }, (_, n) => queue(`${limited.url}/feed-${n}`, options)));
      expect(results.map((result) => result.httpStatus)).toEqual([200, 200, 200, 200]);
      // a refusal, then a second between requests (two, should a request arrive a moment early at the second's end)
      expect(arrivals.length).toBeGreaterThanOrEqual(5);
      expect(arrivals.length).toBeLessThanOrEqual(6);
    } finally {
      await limited.close();
    }
  });

  it('a redirect into a host that asked for a pause is held at that hop, and says where it was redirected from', async () => {
    const busy = await askingServer(429, { 'retry-after': '7200' });
    const mover = await startServer({ '/moved': (_req, res) => res.writeHead(302, { location: `${busy.url}/feed-1` }).end() });
    try {
      const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 0 });
      await queue(`${busy.url}/feed-0`, options);
      const held = failed(await queue(`${mover.url}/moved`, options));
      expect(held).toMatchObject({ url: `${busy.url}/feed-1`, httpStatus: null, error: { code: 'http_429' } });
      expect(held.redirects).toHaveLength(1);
      expect(held.error.message.endsWith(`(redirected from ${mover.url}/moved)`)).toBe(true);
      expect(busy.arrivals).toHaveLength(1);
    } finally {
      await Promise.all([busy.close(), mover.close()]);
    }
  });

  it('a fetcher of the caller\'s own is held back too', async () => {
    const busy = await askingServer(429, { 'retry-after': '7200' });
    try {
      const own: Fetcher = (url, fetchOptions) => fetchUrl(url, fetchOptions);
      const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 0 }, own);
      const results = await Promise.all(Array.from({ length: 5 }, (_, n) => queue(`${busy.url}/feed-${n}`, options)));
      expect(results.map((r) => r.httpStatus)).toEqual([429, null, null, null, null]);
      expect(results.map((r) => (r.status === 'failed' ? r.error.code : r.status))).toEqual(Array(5).fill('http_429'));
      expect(busy.arrivals).toHaveLength(1);
    } finally {
      await busy.close();
    }
  });
});

describe('a host that does not answer', () => {
  /** A server whose `/hang/…` paths never answer and whose other paths answer at once. */
  async function silentServer() {
    const arrivals: string[] = [];
    const server = await startServer({
      '/hang': (req) => void arrivals.push(req.url!),
      // answers 250 ms after it comes: after a /hang sent 100 ms before it has timed out
      '/slow': (req, res) => {
        arrivals.push(req.url!);
        setTimeout(() => {
          arrivals.push(`answered ${req.url!}`);
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>t</title></channel></rss>');
        }, 250);
      },
      '/ok': (req, res) => {
        arrivals.push(req.url!);
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss version="2.0"><channel><title>t</title></channel></rss>');
      },
    });
    return { ...server, arrivals };
  }
  const quick = { ...options, timeoutMs: 300, connectTimeoutMs: 300 };
  const outcome = (r: FetchResult) => (r.status === 'failed' ? `${r.error.code}${r.error.notSent ? ' (not sent)' : ''}` : r.status);

  it('is asked nothing more in the run after two requests in a row went unanswered: the rest fail at once, unsent', async () => {
    const silent = await silentServer();
    try {
      for (const own of [false, true]) {
        silent.arrivals.length = 0;
        const fetcher: Fetcher = (url, fetchOptions) => fetchUrl(url, fetchOptions);
        const queue = own ? createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 0 }, fetcher) : createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 0 });
        const results = await Promise.all(Array.from({ length: 5 }, (_, n) => queue(`${silent.url}/hang?n=${n}`, quick)));
        expect(results.map(outcome)).toEqual(['timeout', 'timeout', 'timeout (not sent)', 'timeout (not sent)', 'timeout (not sent)']);
        expect(silent.arrivals).toHaveLength(2);
        const held = results[4]!;
        expect(held.status === 'failed' && held.error.message).toMatch(/^not requested: .*\/hang\?n=4 \(127\.0\.0\.1:\d+ left the last 2 requests of this run unanswered: timeout\)$/);
      }
    } finally {
      await silent.close();
    }
  });

  it('is asked nothing new while a request is still out after one went unanswered, with several requests per host allowed', async () => {
    const silent = await silentServer();
    try {
      // the second request goes out 100 ms after the first: when the first times out, the second is still out, and
      // a third sent then would cost a timeout more if the host is dead
      const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 2, perHostGapMs: 100 });
      const results = await Promise.all(Array.from({ length: 6 }, (_, n) => queue(`${silent.url}/hang?n=${n}`, quick)));
      expect(results.map(outcome)).toEqual(['timeout', 'timeout', ...Array(4).fill('timeout (not sent)')]);
      expect(silent.arrivals).toEqual(['/hang?n=0', '/hang?n=1']);

      // the one still out answers, late: the request held meanwhile is sent once it has, and the host asked again
      silent.arrivals.length = 0;
      const answering = createRequestQueue({ concurrency: 4, perHostConcurrency: 2, perHostGapMs: 100 });
      const mixed = await Promise.all(['hang?n=0', 'slow?n=1', 'ok?n=2', 'ok?n=3'].map((p) => answering(`${silent.url}/${p}`, quick)));
      expect(mixed.map(outcome)).toEqual(['timeout', 'ok', 'ok', 'ok']);
      expect(silent.arrivals).toEqual(['/hang?n=0', '/slow?n=1', 'answered /slow?n=1', '/ok?n=2', '/ok?n=3']);
    } finally {
      await silent.close();
    }
  });

  it('is asked again as long as answers come between the silences, and sources add may keep asking', async () => {
    const silent = await silentServer();
    try {
      const queue = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 0 });
      const paths = ['hang?n=0', 'ok?n=1', 'hang?n=2', 'ok?n=3', 'hang?n=4'];
      const results = [];
      for (const p of paths) results.push(await queue(`${silent.url}/${p}`, quick));
      expect(results.map(outcome)).toEqual(['timeout', 'ok', 'timeout', 'ok', 'timeout']);
      expect(silent.arrivals).toHaveLength(5);

      silent.arrivals.length = 0;
      const patient = createRequestQueue({ concurrency: 4, perHostConcurrency: 1, perHostGapMs: 0, giveUpOnSilentHosts: false });
      const all = await Promise.all(Array.from({ length: 4 }, (_, n) => patient(`${silent.url}/hang?n=${n}`, quick)));
      expect(all.map(outcome)).toEqual(Array(4).fill('timeout'));
      expect(silent.arrivals).toHaveLength(4);
    } finally {
      await silent.close();
    }
  });
});
