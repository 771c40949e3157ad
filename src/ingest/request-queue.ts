import PQueue from 'p-queue';
import { setTimeout as delay } from 'node:timers/promises';
import { fetchUrl, type FetchOptions, type FetchResult, type Throttle } from './fetch.ts';

export interface RequestQueueSettings {
  concurrency: number;
  perHostConcurrency: number;
  perHostGapMs: number;
}

export type Fetcher = (url: string, options: FetchOptions) => Promise<FetchResult>;

/**
 * What makes two GETs interchangeable: the URL and every option that changes the request on the wire or what
 * may be answered (validators, Accept, the private-address guard). Limits are left out: the first caller's apply.
 */
function requestKey(url: string, options: FetchOptions): string {
  return JSON.stringify([url, options.etag ?? null, options.lastModified ?? null, options.accept ?? null, options.allowPrivateAddresses, options.trustedHostname ?? null, options.userAgent]);
}

/**
 * Identical GETs in flight at the same time share one request: the same feed listed twice in a pipeline, or one
 * article linked from two feeds, is fetched once per run. Only in-flight requests are shared; once a request has
 * settled, the next call fetches again (nothing is cached, so no body outlives its callers). The result, body
 * Buffer included, is shared: callers must not mutate it.
 */
export function coalesceInFlight(fetcher: Fetcher): Fetcher {
  const inFlight = new Map<string, Promise<FetchResult>>();
  return (url, options) => {
    const key = requestKey(url, options);
    const pending = inFlight.get(key);
    if (pending) return pending;
    const request = fetcher(url, options).finally(() => inFlight.delete(key));
    inFlight.set(key, request);
    return request;
  };
}

interface HostState {
  /** Requests to the host in flight, at most perHostConcurrency. */
  slots: PQueue;
  /** Epoch ms before which no request to the host may start. */
  nextStart: number;
}

const RETRY = Symbol('retry');

/**
 * Every request goes through here: a global limit on requests in flight, and per host a limit plus a minimum
 * gap between the starts of requests, so a run over many feeds of one outlet does not hammer it (and get
 * pausewatch banned). fetchUrl admits each redirect hop under the limits of the host it goes to, ahead of new
 * requests; any other fetcher (a wrapper, a test double) is admitted as a whole under its URL's host. Identical
 * requests in flight are coalesced (see coalesceInFlight).
 */
export function createRequestQueue(settings: RequestQueueSettings, fetcher: Fetcher = fetchUrl): Fetcher {
  const global = new PQueue({ concurrency: settings.concurrency });
  const hosts = new Map<string, HostState>();
  const hostState = (url: string): HostState => {
    let key: string;
    try {
      key = new URL(url).host.toLowerCase();
    } catch {
      key = '';
    }
    let host = hosts.get(key);
    if (!host) {
      host = { slots: new PQueue({ concurrency: settings.perHostConcurrency }), nextStart: 0 };
      hosts.set(key, host);
    }
    return host;
  };
  const throttle: Throttle = (url, request, hop) => {
    const host = hostState(url);
    // A redirect hop finishes a fetch already under way: it goes before requests that have not started.
    const priority = hop > 0 ? 1 : 0;
    return host.slots.add(
      async () => {
        for (;;) {
          const wait = host.nextStart - Date.now();
          if (wait > 0) await delay(wait);
          // The gap is measured from when requests really start: a sibling may have started while this one waited
          // for a global slot, in which case the slot is given back at once and the wait resumes.
          const started = await global.add(
            async () => {
              if (Date.now() < host.nextStart) return RETRY;
              host.nextStart = Date.now() + settings.perHostGapMs;
              return { value: await request() };
            },
            { priority },
          );
          if (started !== RETRY) return started.value;
        }
      },
      { priority },
    );
  };
  const admitted: Fetcher =
    fetcher === fetchUrl
      ? (url, options) => fetchUrl(url, { ...options, throttle })
      : (url, options) => throttle(url, () => fetcher(url, options), 0);
  return coalesceInFlight(admitted);
}
