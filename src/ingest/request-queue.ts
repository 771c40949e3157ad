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
 * pausewatch banned). Each redirect hop is admitted for the host it goes to. Identical requests in flight are
 * coalesced (see coalesceInFlight).
 */
export function createRequestQueue(settings: RequestQueueSettings, fetcher: Fetcher = fetchUrl): Fetcher {
  const global = new PQueue({ concurrency: settings.concurrency });
  const hosts = new Map<string, HostState>();
  const throttle: Throttle = (url, request) => {
    const key = url.host.toLowerCase();
    let host = hosts.get(key);
    if (!host) {
      host = { slots: new PQueue({ concurrency: settings.perHostConcurrency }), nextStart: 0 };
      hosts.set(key, host);
    }
    const state = host;
    return state.slots.add(async () => {
      for (;;) {
        const wait = state.nextStart - Date.now();
        if (wait > 0) await delay(wait);
        // The gap is measured from when requests really start: a sibling may have started while this one waited
        // for a global slot, in which case the slot is given back at once and the wait resumes.
        const started = await global.add(async () => {
          if (Date.now() < state.nextStart) return RETRY;
          state.nextStart = Date.now() + settings.perHostGapMs;
          return { value: await request() };
        });
        if (started !== RETRY) return started.value;
      }
    });
  };
  return coalesceInFlight((url, options) => fetcher(url, { ...options, throttle }));
}
