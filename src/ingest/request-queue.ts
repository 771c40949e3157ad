import PQueue from 'p-queue';
import { setTimeout as delay } from 'node:timers/promises';
import { hostKeyOf } from './url-display.ts';
import { steadyNow } from './steady-clock.ts';
import { asksToWait, fetchUrl, heldBackResult, HostAskedToWait, HostNotAnswering, readServerHints, RequestHeldBack, UNANSWERED_CODES, type FetchOptions, type FetchResult, type HopAnswer, type Throttle } from './fetch.ts';

export interface RequestQueueSettings {
  concurrency: number;
  perHostConcurrency: number;
  perHostGapMs: number;
  /**
   * Whether a host that leaves UNANSWERED_LIMIT requests in a row unanswered is asked nothing more. A run wants that;
   * `sources add`, asked to check each candidate and bounded by its own deadline, reports each. @default true
   */
  giveUpOnSilentHosts?: boolean;
  /** Told of each request held back for its host before it is sent, so a caller can say why a run stalls. */
  waits?: HostWaitWatcher | undefined;
  /** Pauses hosts asked earlier runs for that have not ended: held as if asked in this run. */
  heldOver?: readonly AskedPause[];
  /** Told of each pause an answer asks for that has an end, so later runs can keep it too. */
  pauseAsked?: (pause: AskedPause) => void;
  /** Told when a host that refused a request at the pace sent answered it at a slower one: its key and its new gap. */
  slowedDown?: (host: string, gapMs: number) => void;
}

/** A pause a host asked for with Retry-After. */
export interface AskedPause {
  /** As hostKeyOf gives it. */
  host: string;
  /** Epoch ms, on the steady clock (steadyNow), when it ends. */
  until: number;
  /** The status (429 or 503) and URL of the answer that asked. */
  status: number;
  askedBy: string;
}

/** A request held back before it is sent: its host asked for a pause, or the per-host gap has not passed. */
export interface HostWait {
  /** The host (and port) waited on, as hostKeyOf gives it. */
  host: string;
  /** Epoch ms when the wait began and when it ends. */
  from: number;
  until: number;
  /** The status of the answer that asked for the pause (429, 503); null for the per-host gap. */
  askedBy: number | null;
}

/** Told when each wait begins and when it is over (the same object both times); the request may wait again after. */
export interface HostWaitWatcher {
  waitStarted(wait: HostWait): void;
  waitEnded(wait: HostWait): void;
}

export type Fetcher = (url: string, options: FetchOptions) => Promise<FetchResult>;

/**
 * What makes two GETs interchangeable: the URL and every option that changes the request on the wire or what
 * may be answered (validators, Accept, the private-address guard). Limits are left out: the first caller's apply.
 */
function requestKey(url: string, options: FetchOptions): string {
  return JSON.stringify([url, options.etag ?? null, options.lastModified ?? null, options.validatorsUrl ?? null, options.accept ?? null, options.allowPrivateAddresses, options.trustedHostname ?? null, options.userAgent]);
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
  /** The gap between the starts of its requests: the pipeline's, widened while it refuses the pace (slowDown). */
  gapMs: number;
  /** Epoch ms the gap was last widened: a refusal of a request sent before then was answered to the old pace. */
  widenedAt: number;
  /** A 503 of the host was refused again at a slower pace: its 503s say nothing of the pace (see withSlowDowns). */
  no503Pace: boolean;
  /** A request refused for its pace was answered at a slower one: the host's gap was widened for a reason. */
  paceShown: boolean;
  /**
   * The latest-ending pause the host asked for, in this run or (settings.heldOver) an earlier one, or null; kept after
   * it ends (an end in the past holds nothing).
   */
  pause: HostPause | null;
  /** Requests in a row that the host left unanswered (UNANSWERED_CODES, no status), and the code of the last. */
  unanswered: number;
  unansweredCode: string;
  /** Requests to the host sent and not yet settled, and what waits for one to settle (see admit). */
  sent: number;
  settled: (() => void)[];
}

/**
 * After this many requests in a row without an answer, a host is not asked again in the run: its other feeds and
 * pages would each cost a timeout (twenty feeds of a dead outlet, two at a time, took five minutes). A request whose
 * answer came but whose body then stalled is not one of them: it says nothing of the host's other URLs.
 */
const UNANSWERED_LIMIT = 2;

interface HostPause {
  /** Epoch ms before which nothing is sent to the host; Infinity for a 429 that named no time (the rest of the run). */
  until: number;
  /** The status (429 or 503) and URL of the answer that asked. */
  status: number;
  askedBy: string;
}

const RETRY = Symbol('retry');

/** A widening of a host's gap (see slowDown in createRequestQueue): from `before` to `gapMs`, at `at` (epoch ms). */
interface Widening {
  url: string;
  before: number;
  gapMs: number;
  at: number;
}

/**
 * A 429 or 503 without a Retry-After that can be read asks to slow down, not how long to wait (nginx's `limit_req`
 * answers so to a second request within its second, with 503 unless told otherwise): the host's gap is doubled, from
 * at least SLOWED_GAP_MIN_MS and up to SLOWED_GAP_MAX_MS, for the rest of the run, and the refused request is sent
 * once more at that pace, ahead of requests not yet sent. Refused again, it was not the pace: a 429 holds the host
 * for the rest of the run, as one did before it was sent again; a 503 (one broken script, or a host down behind its
 * maintenance page) gives the widening back, and the host's later 503s are taken as they come, not sent again. At the
 * pipeline's half second between requests a host allowing one a second refused every other feed, and held back every
 * page, on every run; a host refusing everything must cost no more than it did (a try more, not minutes of them).
 */
const SLOWED_GAP_MIN_MS = 1_000;
const SLOWED_GAP_MAX_MS = 16_000;

/** Whether an answer asks to slow down rather than to wait a given time (see SLOWED_GAP_MIN_MS). */
function asksToSlowDown(answer: HopAnswer): boolean {
  return asksToWait(answer.status) && readServerHints(answer.headers, Date.now()).retryAfterSeconds === null;
}

/**
 * A pause this short is waited out: the requests behind it go a moment late rather than fail and wait for their next
 * check. A longer one (or the per-host gap, if that is longer: the request would wait that long anyway) fails them
 * at once without sending them.
 */
const LONGEST_PAUSE_WAITED_MS = 5_000;

/**
 * The longest a host is held for all its feeds and pages by one answer's Retry-After. The feed or page answered
 * keeps the wait it was given (up to LONGEST_RETRY_AFTER_SECONDS, a week), but one feed's 503 asking for a month
 * must not silence the host's other feeds for a week of stories: they are asked again after this, and each that is
 * answered so waits on its own.
 */
const LONGEST_HOST_PAUSE_SECONDS = 6 * 3_600;

/**
 * Every request goes through here: a global limit on requests in flight, and per host a limit plus a minimum
 * gap between the starts of requests, so a run over many feeds of one outlet does not hammer it (and get
 * pausewatch banned). fetchUrl admits each redirect hop under the limits of the host it goes to, ahead of new
 * requests; any other fetcher (a wrapper, a test double) is admitted as a whole under its URL's host. Identical
 * requests in flight are coalesced (see coalesceInFlight).
 *
 * A host that answers 429, or 503 with Retry-After, is left alone for as long as it asked, for every URL on it (feeds
 * and pages alike): a pause of up to LONGEST_PAUSE_WAITED_MS is waited out; during a longer one, requests to the host
 * fail at once without being sent, with HostAskedToWait (the answer's code, and the time left as Retry-After). A 429
 * or 503 without a Retry-After to go by (none, or one that cannot be read: "soon", an ISO date) asks to slow down:
 * the host's gap widens and the refused request is sent once more (see SLOWED_GAP_MIN_MS); a 429 refused again holds
 * the host for the rest of the queue's life, one run, unless its Retry-After could not be read (the host meant some
 * wait, but a guess of "the whole run" would fail every other feed on it for a typo). Requests already under way when
 * the answer comes are not recalled. A pause with an end is told to settings.pauseAsked, and a pause an earlier run
 * was asked for (settings.heldOver) holds the host as if asked in this run.
 *
 * A host that leaves UNANSWERED_LIMIT requests in a row unanswered (a timeout, a refused connection, no route, no DNS
 * answer) is not asked again in the run: the rest fail at once, unsent, with HostNotAnswering (the last one's code).
 * Any answer, even an error status, resets the count, and so does a timeout after the response head (a 200 whose body
 * stalled): the host answered, and one bad feed (a huge archive, a broken compressor) must never refuse another.
 */
export function createRequestQueue(settings: RequestQueueSettings, fetcher: Fetcher = fetchUrl): Fetcher {
  const global = new PQueue({ concurrency: settings.concurrency });
  const hosts = new Map<string, HostState>();
  const hostStateOf = (key: string): HostState => {
    let host = hosts.get(key);
    if (!host) {
      host = { slots: new PQueue({ concurrency: settings.perHostConcurrency }), nextStart: 0, gapMs: settings.perHostGapMs, widenedAt: 0, no503Pace: false, paceShown: false, pause: null, unanswered: 0, unansweredCode: '', sent: 0, settled: [] };
      hosts.set(key, host);
    }
    return host;
  };
  const hostState = (url: string): HostState => hostStateOf(hostKeyOf(url));
  for (const { host: key, until, status, askedBy } of settings.heldOver ?? []) {
    const host = hostStateOf(key);
    if (!host.pause || host.pause.until < until) host.pause = { until, status, askedBy };
  }
  /**
   * Notes the pause an answer from `url` asks for with its Retry-After, if any; the later end wins when two answers
   * ask. One without asks to slow down (withSlowDowns); `forTheRun` holds the host to the end of the run all the same.
   */
  const notePause = (url: string, answer: HopAnswer, forTheRun = false) => {
    if (!asksToWait(answer.status)) return;
    // readServerHints holds Retry-After at LONGEST_RETRY_AFTER_SECONDS, and gives null for one it cannot read
    const { retryAfterSeconds: retryAfter } = readServerHints(answer.headers, Date.now());
    if (retryAfter === null && !forTheRun) return;
    const until = retryAfter === null ? Infinity : steadyNow() + Math.min(retryAfter, LONGEST_HOST_PAUSE_SECONDS) * 1000;
    const host = hostState(url);
    if (host.pause && host.pause.until >= until) return;
    host.pause = { until, status: answer.status, askedBy: url };
    if (until !== Infinity) settings.pauseAsked?.({ host: hostKeyOf(url), until, status: answer.status, askedBy: url });
  };
  /**
   * Doubles the gap of the host of `url` (see SLOWED_GAP_MIN_MS) for a request sent at `sentAt` that it refused, its
   * next request held back by the new gap; once for requests sent together, all refused at the pace of the old gap.
   * Returns the widening, for giveBack, or null when the gap was not widened.
   */
  const slowDown = (url: string, sentAt: number): Widening | null => {
    const host = hostState(url);
    let widening: Widening | null = null;
    if (sentAt >= host.widenedAt && host.gapMs < SLOWED_GAP_MAX_MS) {
      widening = { url, before: host.gapMs, gapMs: Math.min(SLOWED_GAP_MAX_MS, Math.max(SLOWED_GAP_MIN_MS, host.gapMs * 2)), at: steadyNow() };
      [host.gapMs, host.widenedAt] = [widening.gapMs, widening.at];
    }
    host.nextStart = Math.max(host.nextStart, steadyNow() + host.gapMs);
    return widening;
  };
  /** Undoes a widening of the host's gap, unless another widened it since. */
  const giveBack = (widening: Widening) => {
    const host = hostState(widening.url);
    if (host.widenedAt === widening.at) host.gapMs = widening.before;
  };
  /** Keeps a widening the slower pace was answered at, and tells settings.slowedDown of it. */
  const tellSlowed = (widening: Widening | null) => {
    if (!widening) return;
    hostState(widening.url).paceShown = true;
    settings.slowedDown?.(hostKeyOf(widening.url), widening.gapMs);
  };
  /**
   * Sends a request (`send`, admitted under its host's limits, its answer noted) once more, ahead of requests not yet
   * sent, when its answer asks to slow down (see SLOWED_GAP_MIN_MS). A 429 refused again holds the host for the rest
   * of the run, unless its Retry-After could not be read ("soon": it meant some wait, but a guess of the whole run
   * would fail every other feed of the host for a typo).
   */
  const withSlowDowns = async <T>(send: (again: boolean) => Promise<{ result: T; url: string; answer: HopAnswer | null; sentAt: number }>): Promise<T> => {
    const first = await send(false);
    if (first.answer === null || !asksToSlowDown(first.answer)) return first.result;
    const host = hostState(first.url);
    if (first.answer.status !== 429 && host.no503Pace) return first.result;
    const widening = slowDown(first.url, first.sentAt);
    const again = await send(true);
    if (again.answer === null) return again.result;
    if (!asksToSlowDown(again.answer)) {
      tellSlowed(widening);
      return again.result;
    }
    if (again.answer.status === 429) {
      if (readServerHints(again.answer.headers, Date.now()).retryAfterProblem === null) notePause(again.url, again.answer, true);
    } else {
      if (widening) giveBack(widening);
      // the 503s sent meanwhile widened it too, for nothing, unless one was answered at the slower pace
      if (!host.paceShown) host.gapMs = settings.perHostGapMs;
      host.no503Pace = true;
    }
    return again.result;
  };
  /** Counts a request the host of `url` left unanswered (`code` in UNANSWERED_CODES), or resets the count (null). */
  const noteUnanswered = (url: string, code: string | null) => {
    const host = hostState(url);
    if (code === null) host.unanswered = 0;
    else [host.unanswered, host.unansweredCode] = [host.unanswered + 1, code];
  };
  const pausedUntil = (host: HostState) => host.pause?.until ?? 0;
  const silent = (host: HostState) => settings.giveUpOnSilentHosts !== false && host.unanswered >= UNANSWERED_LIMIT;
  /** Whether the host left a request unanswered and has another still out, whose fate decides whether it is silent. */
  const onTrial = (host: HostState) => settings.giveUpOnSilentHosts !== false && host.unanswered > 0 && host.sent > 0 && !silent(host);
  /** Runs `request` when the host of `url` may be asked; rejects with a RequestHeldBack when it may not (see above). */
  const admit = <T>(url: string, request: () => Promise<T>, hop: number, again = false): Promise<T> => {
    const host = hostState(url);
    // A redirect hop, or a request sent again, finishes a fetch already under way: it goes before requests that have
    // not started.
    const priority = hop > 0 || again ? 1 : 0;
    return host.slots.add(
      async () => {
        for (;;) {
          // A host that left a request unanswered is asked nothing new while another request to it is still out: if
          // that one goes unanswered too, the host is given up (silent), and a request sent meanwhile would cost a
          // timeout more (a dead host was asked perHostConcurrency + 1 times).
          while (onTrial(host)) await new Promise<void>((resolve) => host.settled.push(resolve));
          if (silent(host)) throw new HostNotAnswering(url, hostKeyOf(url), host.unansweredCode, host.unanswered);
          const pause = host.pause;
          if (pause && pause.until - steadyNow() > Math.max(host.gapMs, LONGEST_PAUSE_WAITED_MS)) {
            throw new HostAskedToWait(url, hostKeyOf(url), pause.status, pause.askedBy, pause.until);
          }
          const until = Math.max(host.nextStart, pausedUntil(host));
          if (until > steadyNow()) {
            const wait: HostWait = { host: hostKeyOf(url), from: steadyNow(), until, askedBy: host.pause && host.pause.until === until ? host.pause.status : null };
            settings.waits?.waitStarted(wait);
            try {
              await delay(until - wait.from);
            } finally {
              settings.waits?.waitEnded(wait);
            }
          }
          // The gap is measured from when requests really start: a sibling may have started while this one waited
          // for a global slot, in which case the slot is given back at once and the wait resumes. So is a pause
          // asked for meanwhile by the answer to a request already under way.
          const started = await global.add(
            async () => {
              if (steadyNow() < Math.max(host.nextStart, pausedUntil(host)) || silent(host) || onTrial(host)) return RETRY;
              host.nextStart = steadyNow() + host.gapMs;
              host.sent += 1;
              try {
                return { value: await request() };
              } finally {
                host.sent -= 1;
                // A host slowed to its pace (see slowDown) counts the gap from the answer as well: its limiter counts
                // from each request's arrival, which the answer follows, so a request slower on its way than the next
                // one cannot bring that one inside its second (a second 429 holds the host for the run).
                if (host.gapMs > settings.perHostGapMs) host.nextStart = Math.max(host.nextStart, steadyNow() + host.gapMs);
                for (const wake of host.settled.splice(0)) wake();
              }
            },
            { priority },
          );
          if (started !== RETRY) return started.value;
        }
      },
      { priority },
    );
  };
  const throttle: Throttle = (url, request, hop) =>
    withSlowDowns((again) =>
      admit(
        url,
        async () => {
          let answer;
          const sentAt = steadyNow();
          try {
            answer = await request();
          } catch (error) {
            const { code, httpStatus } = error as { code?: unknown; httpStatus?: unknown };
            // a failure with a status came after the answer's head (too large, undecodable, a body that stalled): the
            // host did answer, whatever the code
            if (typeof httpStatus === 'number') noteUnanswered(url, null);
            else if (typeof code === 'string' && UNANSWERED_CODES.has(code)) noteUnanswered(url, code);
            throw error;
          }
          noteUnanswered(url, null);
          notePause(url, answer);
          return { result: answer, url, answer, sentAt };
        },
        hop,
        again,
      ),
    );
  const admitted: Fetcher =
    fetcher === fetchUrl
      ? (url, options) => fetchUrl(url, { ...options, throttle })
      : async (url, options) => {
          try {
            return await withSlowDowns((again) => admit(url, () => admittedWhole(url, options), 0, again));
          } catch (error) {
            if (error instanceof RequestHeldBack) return heldBackResult(url, error);
            throw error;
          }
        };
  /** A fetcher's whole request (any fetcher but fetchUrl, whose hops the throttle admits), its answer noted. */
  async function admittedWhole(url: string, options: FetchOptions) {
    const sentAt = steadyNow();
    const result = await fetcher(url, options);
    // The answer came from where the fetcher ended up, after any redirects of its own.
    const answer = result.httpStatus === null ? null : { status: result.httpStatus, headers: result.headers };
    if (answer) notePause(result.url, answer);
    // the status first, as the throttle reads it: a body that stalled after its head (a timeout with a status) was
    // answered, and says nothing of the host's other URLs
    if (result.httpStatus !== null || result.status !== 'failed') noteUnanswered(result.url, null);
    else if (!result.error.notSent && UNANSWERED_CODES.has(result.error.code)) noteUnanswered(result.url, result.error.code);
    return { result, url: result.url, answer, sentAt };
  }
  return coalesceInFlight(admitted);
}
