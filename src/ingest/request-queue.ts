import PQueue from 'p-queue';
import { fetchUrl, type FetchOptions, type FetchResult } from './fetch.ts';

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

/**
 * Every request goes through here: a global limit on requests in flight, and per host a limit plus a minimum
 * gap between starts, so a run over many feeds of one outlet does not hammer it (and get pausewatch banned).
 * Identical requests in flight are coalesced (see coalesceInFlight) before they take a place in the queue.
 */
export function createRequestQueue(settings: RequestQueueSettings, fetcher: Fetcher = fetchUrl): Fetcher {
  const global = new PQueue({ concurrency: settings.concurrency });
  const hosts = new Map<string, PQueue>();
  const hostQueue = (url: string): PQueue => {
    let host: string;
    try {
      host = new URL(url).host.toLowerCase();
    } catch {
      host = '';
    }
    let queue = hosts.get(host);
    if (!queue) {
      queue = new PQueue({
        concurrency: settings.perHostConcurrency,
        ...(settings.perHostGapMs > 0 ? { interval: settings.perHostGapMs, intervalCap: 1 } : {}),
      });
      hosts.set(host, queue);
    }
    return queue;
  };
  return coalesceInFlight((url, options) => hostQueue(url).add(() => global.add(() => fetcher(url, options))));
}
