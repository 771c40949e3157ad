import PQueue from 'p-queue';
import { fetchUrl, type FetchOptions, type FetchResult } from './fetch.ts';

export interface RequestQueueSettings {
  concurrency: number;
  perHostConcurrency: number;
  perHostGapMs: number;
}

export type Fetcher = (url: string, options: FetchOptions) => Promise<FetchResult>;

/**
 * Every request goes through here: a global limit on requests in flight, and per host a limit plus a minimum
 * gap between starts, so a run over many feeds of one outlet does not hammer it (and get pausewatch banned).
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
  return (url, options) =>
    hostQueue(url).add(() => global.add(() => fetcher(url, options)));
}
