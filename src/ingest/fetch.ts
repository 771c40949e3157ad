import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import type { StageError } from '../model/index.ts';
import { whatwgEncoding } from './feed/decode.ts';
import { RedirectCookies } from './redirect-cookies.ts';
import { steadyNow } from './steady-clock.ts';
import { requestAddress, unbracketedHost, urlForDisplay, withCredentialsOf, withoutCredentials } from './url-display.ts';

/**
 * HTTP GET with the limits a crawler of other people's servers needs: connect and total timeouts, a size cap on
 * the body both as sent and once decompressed (a gzip bomb is a few KB on the wire), a bounded number of
 * redirects, conditional requests, and a refusal to connect to private or metadata addresses for URLs that
 * came from untrusted feeds. Expected failures come back as values with stable codes, never as throws.
 *
 * Messages end up in digests and reports that are shared, so every URL in them goes through urlForDisplay: a feed URL
 * may carry a user name and password (sent as basic auth, as node:http does with URL userinfo), never shown.
 *
 * Built on node:http rather than fetch() because the caps must hold at the socket: fetch() offers no hook to
 * check the resolved address before connecting, nor to stop counting decompressed bytes mid-stream.
 */

export interface FetchOptions {
  userAgent: string;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  allowPrivateAddresses: boolean;
  /**
   * The host and port of a URL the user named (a feed URL in the pipeline file, a URL typed on the command line):
   * URLs on that host and port may reach a private address even when allowPrivateAddresses is off. A redirect or a
   * link to another host, or to another port of the same host, does not carry the trust: a feed on a public host
   * cannot send pausewatch to a metadata or intranet address.
   *
   * Give it as `host:port`, as trustedHostOf(url) does (`news.example.org:443`, `127.0.0.1:8701`, `[::1]:8080`; the
   * port is always written, default ports included). Trust is by port because the outlet controls its own DNS: it
   * may point its name at 127.0.0.1 later, and a link on it to any other port would then reach the user's own
   * services. The one other port trusted is 443 after 80 on the same name: a site that moves its readers from http
   * to https. A bare host name without a port trusts nothing.
   *
   * Trust through a name never reaches a link-local or cloud-metadata address (169.254.0.0/16, fe80::/10,
   * fd00:ec2::254, and the IPv6 forms embedding them): only a URL with that literal address, named by the user, or
   * allowPrivateAddresses does.
   */
  trustedHostname?: string | null;
  /**
   * Resolves a host name to its addresses; the system resolver (dns.lookup) by default. The private-address guard
   * applies to its answers. For tests, and for callers with a resolver of their own.
   */
  resolveHost?: ((hostname: string) => Promise<dns.LookupAddress[]>) | undefined;
  /**
   * For a page read only for what its head declares (feed discovery): a 2xx body over maxBytes, or not finished
   * within the total timeout, is kept as far as it came (`cut` on the result says which limit stopped it) rather than
   * failing the fetch. Only bytes within maxBytes are kept, decompressed ones included.
   */
  keepCutBody?: boolean;
  /** Validators from the previous successful fetch, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  /**
   * The address whose answer gave them (without a login): they are sent to that hop only, not to another a redirect
   * leads to today (a 302 to the day's edition); null or absent: to every hop.
   */
  validatorsUrl?: string | null;
  accept?: string;
  /**
   * Runs each request, redirect hops included, when the host it goes to may be asked (see createRequestQueue). The
   * total timeout counts the time spent requesting, not the waits for the queue before each request.
   */
  throttle?: Throttle;
}

/** What a Throttle may read of each answer: the queue pauses a host that answers 429, or 503 with Retry-After. */
export interface HopAnswer {
  status: number;
  headers: Record<string, string>;
}

/**
 * `hop` is 0 for the URL asked for, 1 and up for the redirects followed from it. A throttle may refuse a request
 * without running it by rejecting with a RequestHeldBack; fetchUrl reports that as a failure.
 */
export type Throttle = <T extends HopAnswer>(url: string, request: () => Promise<T>, hop: number) => Promise<T>;

/**
 * The address a failure's message names as the one that answered it ("HTTP 429 from <url>", fetchUrl's), or as the
 * host that held the request unsent ("not requested: <url> (<host> answered HTTP 429 …)", HostAskedToWait's) as
 * `http://<host>/`; null when it names neither. Read here, beside the code that writes those words: a stored error is
 * all `sources recheck` has to find the host whose wait it forgets.
 */
export function addressThatAnswered(message: string): string | null {
  const answered = /^HTTP \d{3} from (\S+)/.exec(message)?.[1];
  if (answered !== undefined) return answered;
  const heldBy = /^not requested: \S+ \((\S+) answered HTTP/.exec(message)?.[1];
  return heldBy === undefined ? null : `http://${heldBy}/`;
}

/**
 * A request the request queue refused without sending it, for what its host did earlier in the run; fetchUrl and the
 * queue report it as a failure (heldBackResult) with `code` and, when there is one, the time left as Retry-After.
 */
export abstract class RequestHeldBack extends Error {
  constructor(
    /** The URL refused. */
    readonly url: string,
    /** The failure code it is reported with. */
    readonly code: string,
    message: string,
  ) {
    super(`not requested: ${urlForDisplay(url)} (${message})`);
  }

  /** The time left before the host may be asked again, in seconds; null when no time was given. */
  abstract retryAfterSeconds(nowMs: number): number | null;
}

/**
 * The host answered another request with 429, or with 503 and Retry-After, and the pause it asked for has not ended
 * (see createRequestQueue). Reported with the code of that answer (`http_429`, `http_503`) and the time left as
 * Retry-After, so the scheduler and the page retries treat the refused request exactly as if the host had answered it so.
 */
export class HostAskedToWait extends RequestHeldBack {
  constructor(
    url: string,
    /** `host:port` that asked for the pause. */
    host: string,
    /** The status of the answer that asked. */
    status: number,
    /** The URL whose answer asked. */
    askedBy: string,
    /** Epoch ms when the pause ends; Infinity when a 429 named no time: nothing more goes to the host in this run. */
    readonly until: number,
  ) {
    const how = Number.isFinite(until) ? `asked to wait until ${new Date(until).toISOString()}` : 'gave no Retry-After: nothing more is sent to it in this run';
    super(url, `http_${status}`, `${host} answered HTTP ${status} to ${urlForDisplay(askedBy)} and ${how}`);
  }

  retryAfterSeconds(nowMs: number): number | null {
    return Number.isFinite(this.until) ? Math.max(1, Math.ceil((this.until - nowMs) / 1000)) : null;
  }
}

/**
 * The host left the last requests of this run unanswered (timed out before any answer, refused the connection, could
 * not be reached or looked up), so one more would only cost its timeout. Reported with the code of the last of those
 * failures, as a failure the scheduler backs off from like any other.
 */
export class HostNotAnswering extends RequestHeldBack {
  constructor(url: string, /** `host:port` that did not answer. */ host: string, /** The last one's code. */ code: string, unanswered: number) {
    super(url, code, `${host} left the last ${unanswered} requests of this run unanswered: ${code}`);
  }

  retryAfterSeconds(): null {
    return null;
  }
}

/**
 * Codes of a request the host never answered, as against one it answered with an error; only with no HTTP status: a
 * timeout after the response head (a body that stalled) was answered.
 */
export const UNANSWERED_CODES: ReadonlySet<string> = new Set(['timeout', 'connection_refused', 'unreachable', 'dns']);

/**
 * The wait, in seconds, a failed answer asks for with Retry-After: on a 429 or a 503, the statuses that ask for one,
 * or for a request the request queue held back unsent for a wait its host asked for (no status). Not on a 404 or a
 * 500 a gateway adds one to: a feed was held for a week by one. Null when none is asked.
 */
export function askedWaitSeconds(answer: Pick<FetchResult, 'status' | 'httpStatus' | 'hints'>): number | null {
  const status = answer.httpStatus;
  return answer.status === 'failed' && (status === null || asksToWait(status)) ? answer.hints.retryAfterSeconds : null;
}

/** Whether an answer's status is one whose Retry-After asks the client to wait: 429 Too Many Requests, 503. */
export const asksToWait = (status: number): boolean => status === 429 || status === 503;

/** The failure a request refused by the request queue comes back as; `at` says how far fetchUrl got before it. */
export function heldBackResult(
  requestedUrl: string,
  held: RequestHeldBack,
  at: { redirects?: Redirect[]; headers?: Record<string, string>; redirectedFrom?: string | null } = {},
): FetchResult {
  return {
    requestedUrl,
    url: held.url,
    redirects: at.redirects ?? [],
    // nothing was answered: no status, and the pause is the only hint
    httpStatus: null,
    headers: at.headers ?? {},
    hints: { ...NO_HINTS, retryAfterSeconds: held.retryAfterSeconds(steadyNow()) },
    status: 'failed',
    error: { code: held.code, message: `${held.message}${redirectNote(at.redirectedFrom ?? null)}`, notSent: true },
  };
}

const unthrottled: Throttle = (_url, request) => request();

export interface Redirect {
  from: string;
  to: string;
  status: number;
  /** 301 and 308: the source should be updated to the new URL. */
  permanent: boolean;
}

interface FetchBase {
  /** URL asked for. */
  requestedUrl: string;
  /** URL finally answered, after redirects. */
  url: string;
  redirects: Redirect[];
  httpStatus: number | null;
  headers: Record<string, string>;
  /** What the last response asks of the next check (see readServerHints); all null when it says nothing. */
  hints: ServerHints;
}

/**
 * A server's own word on when to come back, read from the last response. Scheduling treats each as a floor:
 * a reader that polls sooner than asked gets rate-limited or banned.
 */
export interface ServerHints {
  /**
   * `Retry-After` (429, 503, 3xx) as seconds from now, whether sent as seconds or as an HTTP date, at most
   * LONGEST_RETRY_AFTER_SECONDS; null when absent or unreadable (see retryAfterProblem).
   */
  retryAfterSeconds: number | null;
  /** A `Retry-After` not taken as sent: unreadable (ignored) or beyond LONGEST_RETRY_AFTER_SECONDS (held at it). */
  retryAfterProblem: RetryAfterProblem | null;
  /**
   * The freshness `Cache-Control: max-age` leaves, in seconds: max-age less the `Age` a cache on the way gave the
   * copy, not below 0; null when absent or when `no-cache`/`no-store` forbid reuse.
   */
  maxAgeSeconds: number | null;
  /** `Expires` as ISO-8601 UTC, corrected for the server's clock via its `Date` header; null when absent or invalid. */
  expiresAt: string | null;
}

export const NO_HINTS: ServerHints = Object.freeze({ retryAfterSeconds: null, retryAfterProblem: null, maxAgeSeconds: null, expiresAt: null });

export interface RetryAfterProblem {
  /** The header's value as sent. */
  value: string;
  /**
   * `unreadable`: neither a number of seconds nor an HTTP date, so it says nothing and is ignored; the answer is a
   * failure like any other (the request queue does not pause the host for it, the schedule backs off as usual).
   * `capped`: a wait longer than LONGEST_RETRY_AFTER_SECONDS, held at that.
   */
  kind: 'unreadable' | 'capped';
}

/**
 * The longest wait a Retry-After is taken to ask for: 7 days, the schedule's cap on it too (maxServerDelaySeconds).
 * A longer one is a server's mistake or its way of saying "go away", and a week is long enough for either; a feed
 * that names years must not fall silent for them, nor overflow a date.
 */
export const LONGEST_RETRY_AFTER_SECONDS = 604_800;

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const TIME = '\\d{2}:\\d{2}:\\d{2}';
/** The three forms of an HTTP date (RFC 9110 §5.6.7): IMF-fixdate, then the obsolete RFC 850 and asctime forms. */
const HTTP_DATE_FORMS = [
  new RegExp(`^${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT$`, 'i'),
  new RegExp(`^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT$`, 'i'),
  new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4}$`, 'i'),
];

/**
 * Retry-After (RFC 9110 §10.2.3): a number of seconds (digits only) or an HTTP date, measured from the server's own
 * clock. Date.parse alone would take "12.5" or "-1" for a day in 2001 and "05/06/2026" for whichever month comes
 * first, so only the two forms the RFC allows are read; anything else is unreadable.
 */
function readRetryAfter(value: string, serverNow: number): { seconds: number | null; problem: RetryAfterProblem | null } {
  let seconds: number | null = null;
  if (/^\d+$/.test(value)) {
    seconds = Number(value);
  } else if (HTTP_DATE_FORMS.some((form) => form.test(value))) {
    const at = parseHttpDate(value);
    if (at !== null) seconds = Math.max(0, Math.ceil((at - serverNow) / 1000));
  }
  if (seconds === null) return { seconds: null, problem: { value, kind: 'unreadable' } };
  if (seconds > LONGEST_RETRY_AFTER_SECONDS) return { seconds: LONGEST_RETRY_AFTER_SECONDS, problem: { value, kind: 'capped' } };
  return { seconds, problem: null };
}

/** A Retry-After problem in words, for the warning of the feed whose answer carried it. */
export function describeRetryAfterProblem(problem: RetryAfterProblem): string {
  const shown = JSON.stringify(problem.value.length > 80 ? `${problem.value.slice(0, 80)}...` : problem.value);
  return problem.kind === 'unreadable'
    ? `Retry-After ${shown} is neither a number of seconds nor an HTTP date: ignored, the retry follows the usual backoff`
    : `Retry-After ${shown} asks for more than ${LONGEST_RETRY_AFTER_SECONDS / 86_400} days: held at ${LONGEST_RETRY_AFTER_SECONDS / 86_400} days`;
}

/**
 * An HTTP date (RFC 9110 §5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms Date.parse reads). asctime
 * names no zone, nor does a server that leaves out IMF's `GMT`: it is GMT, where Date.parse would take the host's zone
 * (a Date and Expires of a host on Kiritimati held a feed fifteen hours for an hour's Retry-After).
 */
export function parseHttpDate(value: string | undefined): number | null {
  if (!value) return null;
  const text = value.trim();
  // asctime, and any other form that ends at its time or year with no zone after
  const zoneless = HTTP_DATE_FORMS[2]!.test(text) || /\d:\d{2}(?::\d{2})?$/.test(text);
  const ms = Date.parse(zoneless ? (/^\d{4}-\d{2}-\d{2}T/.test(text) ? `${text}Z` : `${text} GMT`) : text);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Reads Retry-After, Cache-Control and Expires. HTTP dates are measured against the response's own `Date` header
 * when present (RFC 9111 §4.2.1), so a server whose clock is off still gets the delay it meant; `nowMs` is the
 * fallback for servers without one.
 */
export function readServerHints(headers: Record<string, string>, nowMs: number): ServerHints {
  const serverNow = parseHttpDate(headers['date']) ?? nowMs;
  const skew = nowMs - serverNow;

  const retryAfter = headers['retry-after']?.trim();
  const { seconds: retryAfterSeconds, problem: retryAfterProblem } = retryAfter ? readRetryAfter(retryAfter, serverNow) : { seconds: null, problem: null };

  let maxAgeSeconds: number | null = null;
  const cacheControl = (headers['cache-control'] ?? '').toLowerCase();
  // no-store / no-cache mean "do not reuse without asking", not "ask rarely": they give no interval.
  const noReuse = /\bno-(store|cache)\b/.test(cacheControl);
  const maxAge = /(?:^|[,\s])max-age\s*=\s*"?(\d+)"?/.exec(cacheControl);
  // RFC 9111 §4.2.3: a copy a cache has held for Age seconds is fresh only for the rest of max-age. Age is a number
  // of seconds; any other value says nothing.
  const ageText = headers['age']?.trim() ?? '';
  const age = /^\d+$/.test(ageText) ? Number(ageText) : 0;
  if (!noReuse && maxAge?.[1]) maxAgeSeconds = Math.max(0, Number(maxAge[1]) - age);

  // RFC 9111 §5.3: Cache-Control decides when it says anything about freshness, and an invalid Expires (often "0" or
  // "-1") means "already expired", i.e. no hint.
  const expires = noReuse || maxAge ? null : parseHttpDate(headers['expires']);
  // A date beyond what Date can hold (year 275760, or a Date header from 1970 skewing it there) is no hint either.
  // The Date of a cached copy is older by its Age, which is no skew of the server's clock (RFC 9111 §4.2.3).
  const expiresMs = expires === null ? NaN : new Date(expires + skew - age * 1000).getTime();
  const expiresAt = Number.isNaN(expiresMs) ? null : new Date(expiresMs).toISOString();
  return { retryAfterSeconds, retryAfterProblem, maxAgeSeconds, expiresAt };
}

export type FetchResult =
  | (FetchBase & { status: 'ok'; body: Buffer; /** The limit the body stopped at (FetchOptions.keepCutBody): maxBytes or timeoutMs. */ cut?: BodyCut })
  | (FetchBase & { status: 'not_modified' })
  | (FetchBase & { status: 'failed'; error: StageError });

export const DEFAULT_USER_AGENT = 'pausewatch/0.1 (news monitoring; +https://github.com/pausewatch/pausewatch)';

/** The `fetch` settings of a pipeline that FetchOptions come from (as its schema gives them). */
type FetchLimits = Pick<FetchOptions, 'connectTimeoutMs' | 'timeoutMs' | 'maxBytes' | 'maxRedirects' | 'allowPrivateAddresses'> & {
  userAgent?: string | undefined;
};

/** The options every fetch of a pipeline shares, from its settings: `run`, and the commands that check a URL. */
export function fetchOptionsFrom(settings: FetchLimits): Omit<FetchOptions, 'etag' | 'lastModified'> {
  return {
    userAgent: settings.userAgent ?? DEFAULT_USER_AGENT,
    connectTimeoutMs: settings.connectTimeoutMs,
    timeoutMs: settings.timeoutMs,
    maxBytes: settings.maxBytes,
    maxRedirects: settings.maxRedirects,
    allowPrivateAddresses: settings.allowPrivateAddresses,
  };
}

/**
 * Loopback, private, link-local (cloud metadata at 169.254.169.254), CGNAT, unspecified, multicast and their IPv6
 * twins. IPv6 forms that carry an IPv4 address are checked by the IPv4 address they reach (see embeddedIpv4).
 */
const privateRanges = (() => {
  const list = new net.BlockList();
  for (const [address, prefix] of [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
    ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
  ] as const) list.addSubnet(address, prefix, 'ipv4');
  for (const [address, prefix] of [
    ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
    // site-local: deprecated (RFC 3879) but still routed inside some networks
    ['fec0::', 10],
    // local-use NAT64 (RFC 8215): translates to whatever IPv4 network the operator chose
    ['64:ff9b:1::', 48],
  ] as const) {
    list.addSubnet(address, prefix, 'ipv6');
  }
  return list;
})();

/** An IPv6 address as its eight 16-bit groups, or null when it is not one. Accepts a dotted IPv4 tail. */
function ipv6Groups(address: string): number[] | null {
  if (!net.isIPv6(address)) return null;
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const groups = tail === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 ? groups : null;
}

/**
 * The IPv4 address an IPv6 address reaches through a translation or tunnel mechanism, if any: IPv4-mapped
 * (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d, RFC 2765), IPv4-compatible (::a.b.c.d, deprecated but still
 * routed by some stacks), NAT64 well-known prefix (64:ff9b::/96, RFC 6052) and 6to4 (2002:AABB:CCDD::/48, RFC 3056,
 * the IPv4 address in bits 16 to 48) and Teredo (2001:0::/32, RFC 4380, the client's address inverted in the last
 * 32 bits). A name resolving to [64:ff9b::7f00:1] reaches 127.0.0.1 on a NAT64 network.
 */
function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  if (!g) return null;
  const ipv4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  const zero = (from: number, to: number) => g.slice(from, to).every((group) => group === 0);
  if (zero(0, 5) && g[5] === 0xffff) return ipv4(g[6]!, g[7]!);
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) return ipv4(g[6]!, g[7]!);
  if (zero(0, 6)) return ipv4(g[6]!, g[7]!);
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return ipv4(g[6]!, g[7]!);
  if (g[0] === 0x2002) return ipv4(g[1]!, g[2]!);
  if (g[0] === 0x2001 && g[1] === 0) return ipv4(g[6]! ^ 0xffff, g[7]! ^ 0xffff);
  return null;
}

/**
 * Link-local and cloud-metadata addresses: where a cloud VM's credentials are served (169.254.169.254 on AWS, GCP,
 * Azure, Oracle; fd00:ec2::254 on AWS over IPv6; 100.100.100.200 on Alibaba Cloud). A name the user trusts may
 * resolve to an intranet address, never to these: the name's owner could repoint it.
 */
const metadataRanges = (() => {
  const list = new net.BlockList();
  list.addSubnet('169.254.0.0', 16, 'ipv4');
  list.addAddress('100.100.100.200', 'ipv4');
  list.addSubnet('fe80::', 10, 'ipv6');
  list.addAddress('fd00:ec2::254', 'ipv6');
  return list;
})();

/** Whether an address is in `ranges`, an IPv6 form embedding an IPv4 address judged by that address too. */
function isInRanges(ranges: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const ipv4 = embeddedIpv4(address);
    if (ipv4 !== null && ranges.check(ipv4, 'ipv4')) return true;
    return ranges.check(address, 'ipv6');
  }
  return ranges.check(address, 'ipv4');
}

export function isMetadataAddress(address: string): boolean {
  return isInRanges(metadataRanges, address);
}

export function isPrivateAddress(address: string): boolean {
  return isInRanges(privateRanges, address);
}

/** Whether a host name is `localhost` or a name under it, which resolves to a loopback address wherever it is looked up. */
export function isLocalhostName(host: string): boolean {
  const name = withoutRootDot(host);
  return name === 'localhost' || name.endsWith('.localhost');
}

/** A host name without the trailing dot of its fully qualified spelling (`localhost.` is `localhost`). */
function withoutRootDot(hostname: string): string {
  return hostname.length > 1 && hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
}

/** Whether a URL's host names a private or local address as written, with no lookup: an IP literal of one, or localhost. */
export function namesPrivateAddress(hostname: string): boolean {
  const host = unbracketedHost(hostname);
  return isPrivateAddress(host) || isLocalhostName(host);
}

class FetchFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
}

/**
 * Which addresses a URL may reach: `any` with allowPrivateAddresses; `trusted` on the host and port the user named
 * (private addresses, but through a name never link-local or metadata ones); `public` otherwise.
 */
type Reach = 'any' | 'trusted' | 'public';

/** The system's look-ups under way, by host name: every request for a host waits on one. */
const lookupsUnderWay = new Map<string, Promise<dns.LookupAddress[]>>();

/**
 * The system resolver's addresses for a name (getaddrinfo: /etc/hosts, DNS, whatever the machine is set to use), one
 * look-up at a time per name. Each holds one of libuv's threads (64 from the executable, bin.cjs; node's own 4) until the
 * resolver gives up, minutes for a name whose server never answers, and they share those threads with file and zlib
 * work: a feed's other requests, and every other feed's of the name, wait on the one look-up rather than take more.
 */
function sharedLookup(hostname: string): Promise<dns.LookupAddress[]> {
  const key = hostname.toLowerCase();
  let lookup = lookupsUnderWay.get(key);
  if (!lookup) {
    lookup = dns.promises.lookup(hostname, { all: true }).finally(() => lookupsUnderWay.delete(key));
    lookupsUnderWay.set(key, lookup);
  }
  return lookup;
}

/** dns.lookup that refuses the answers `reach` does not allow, so a public name pointing at 127.0.0.1 is caught too. */
function guardedLookup(reach: Reach, resolveHost: FetchOptions['resolveHost']): net.LookupFunction {
  return (hostname, options, callback) => {
    const answer = (error: NodeJS.ErrnoException | null, list: dns.LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const usable =
        reach === 'any' ? list : list.filter((a) => !(reach === 'public' ? isPrivateAddress(a.address) : isMetadataAddress(a.address)));
      if (usable.length === 0) {
        const message =
          reach === 'public'
            ? `${hostname} resolves to a private address ${PRIVATE_ADDRESS_HINT}`
            : `${hostname} resolves to a link-local or cloud metadata address (${list.map((a) => a.address).join(', ')}), which is reached only by a URL with that literal address, or with fetch.allowPrivateAddresses`;
        return callback(Object.assign(new Error(message), { code: 'EPRIVATE' }), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, usable);
      const first = usable[0]!;
      callback(null, first.address, first.family);
    };
    (resolveHost ?? sharedLookup)(hostname).then(
      (list) => answer(null, options.family ? list.filter((a) => a.family === options.family) : list),
      (error: NodeJS.ErrnoException) => answer(error, []),
    );
  };
}

/** Appended to a failure that the bytes cut off at a too-small Content-Length may explain. */
const contentLengthNote = (declared: string | undefined) => `; the server sent more than its Content-Length of ${declared} bytes, and only those were read`;

/**
 * OpenSSL's certificate verification failures, as node names them (X509_V_ERR_… without the prefix): the server's
 * certificate refused, a `tls` failure whatever the words of its message ("CA signature digest algorithm too weak"
 * says neither "certificate" nor "SSL", and was a `network` error, its host taken for down).
 */
const CERTIFICATE_CODE =
  /^(?:CERT_|CRL_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|ERROR_IN_CERT_|INVALID_CA$|INVALID_PURPOSE$|PATH_LENGTH_EXCEEDED$|HOSTNAME_MISMATCH$|CA_MD_TOO_WEAK$|CA_KEY_TOO_SMALL$|EE_KEY_TOO_SMALL$)/;

/** Where the fix lies for a certificate this machine does not trust: the outlet's, or the user's trust store. */
const UNTRUSTED_AUTHORITY = "an authority this machine does not trust (a private CA, or a network that inspects TLS): add that CA's certificate to the file NODE_EXTRA_CA_CERTS names";

/** A certificate no chain leads from to a trusted authority: an intermediate left out (browsers fetch it, node does not), or a private CA. */
const UNTRACED_CERTIFICATE =
  "its certificate cannot be traced to a trusted authority: the server's chain lacks an intermediate certificate (browsers fetch it, pausewatch does not: the outlet must send its whole chain), or it comes from " +
  UNTRUSTED_AUTHORITY;

/** What a refused certificate means, by node's code: what the user can do, or tell the outlet. */
const CERTIFICATE_REASONS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'its certificate has expired (the outlet must renew it)',
  CERT_NOT_YET_VALID: "its certificate is not valid yet (or this machine's clock is behind)",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its certificate is self-signed: to trust it, add it to the file NODE_EXTRA_CA_CERTS names",
  SELF_SIGNED_CERT_IN_CHAIN: `its certificate comes from ${UNTRUSTED_AUTHORITY}`,
  // a chain sent short of one of its intermediates gives this too
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRACED_CERTIFICATE,
  // what a server sending its certificate without the intermediate one gets
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRACED_CERTIFICATE,
  CA_MD_TOO_WEAK: 'its certificate is signed with a digest too weak to trust (SHA-1 or MD5)',
  CA_KEY_TOO_SMALL: "its certificate authority's key is too small to trust",
  EE_KEY_TOO_SMALL: "its certificate's key is too small to trust",
  CERT_REVOKED: 'its certificate has been revoked',
};

/**
 * A certificate for other names than the host's, said with the names it is for (node's own message ends "is not in
 * the cert's list:" with nothing after the colon when the certificate names no address).
 */
function wrongNameReason(error: Error & { cert?: { subjectaltname?: string; subject?: { CN?: string } }; host?: string }): string {
  const listed = (error.cert?.subjectaltname ?? '').split(/,\s*/).map((name) => name.replace(/^(?:DNS|IP Address):/, '')).filter(Boolean);
  const names = listed.length > 0 ? listed : error.cert?.subject?.CN ? [error.cert.subject.CN] : [];
  // node's host keeps the trailing dot of a fully qualified name, which the user did not write
  const host = (error.host ?? '').replace(/\.$/, '');
  if (names.length === 0) return `its certificate names no host (not ${host})`;
  const shownNames = names.slice(0, 4).join(', ') + (names.length > 4 ? ` and ${names.length - 4} more` : '');
  return `its certificate is for ${shownNames}, not ${host}`;
}

/** The reason a server's certificate was refused, in words a person can act on; OpenSSL's own for the rarer codes. */
function certificateReason(error: NodeJS.ErrnoException): string {
  return CERTIFICATE_REASONS[error.code!] ?? `its certificate was refused (${error.code}: ${error.message})`;
}

/**
 * The TLS failures OpenSSL words for its own developers ("wrong version number"), and what they mean to a user. A
 * server answering in plain HTTP, or garbage, on the port an https URL names gives the first.
 */
const TLS_HINTS: readonly (readonly [RegExp, string])[] = [
  [/wrong version number|packet length too long/i, 'the server did not answer in TLS (a plain-HTTP server on that port? try http://)'],
  [/alert protocol version|unsupported protocol/i, 'the server offers only TLS versions older than 1.2, which node refuses'],
  [/no application protocol/i, 'the server speaks only HTTP/2, which pausewatch does not'],
  [/excessive message size/i, "the server's certificate chain is too large to read"],
  [/alert certificate required|peer did not return a certificate/i, 'the server asks for a client certificate'],
  [/alert handshake failure|no shared cipher|no cipher match/i, 'no TLS version or cipher in common with the server (its set-up too old, or too strict)'],
];

/** Network failures name the URL, not only its host: a user with several feeds on one host must know which one. */
function classifyNetworkError(error: NodeJS.ErrnoException, url: string): FetchFailure {
  const shown = urlForDisplay(url);
  switch (error.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return new FetchFailure('dns', `DNS lookup failed for ${shown} (${error.code})`);
    case 'ECONNREFUSED':
      return new FetchFailure('connection_refused', `connection refused by ${shown}`);
    case 'ECONNRESET':
    case 'EPIPE':
      // node says "socket hang up" for a connection the server closed, in good order, before any answer
      if (error.message === 'socket hang up') return new FetchFailure('connection_reset', `${shown} closed the connection without answering`);
      // a firewall that refuses this client's TLS greeting (by its name or fingerprint), not a reset mid-answer
      if (/before secure TLS connection was established/.test(error.message)) return new FetchFailure('connection_reset', `${shown} closed the connection during the TLS handshake`);
      return new FetchFailure('connection_reset', `connection reset by ${shown}`);
    case 'ETIMEDOUT':
      return new FetchFailure('timeout', `timed out connecting to ${shown}`);
    case 'EPRIVATE':
      return new FetchFailure('private_address', `refused: ${error.message}`);
    case 'EMFILE':
    case 'ENFILE':
      // this machine's limit, not the host's fault: the message says which setting to turn
      return new FetchFailure('too_many_open_files', `too many open files on this machine (${error.code}) to request ${shown}: raise the limit (ulimit -n) or lower fetch.concurrency`);
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return new FetchFailure('unreachable', `network unreachable for ${shown} (${error.code})`);
    default:
      // node's HTTP parser (llhttp) rejecting what the server sent: the server is at fault, not the network.
      if (error.code?.startsWith('HPE_')) {
        return new FetchFailure('network', `malformed HTTP response from ${shown} (${error.code}: ${error.message.replace(/^Parse Error: /, '')})`);
      }
      if (error.code === 'ERR_TLS_CERT_ALTNAME_INVALID') return new FetchFailure('tls', `TLS error with ${shown}: ${wrongNameReason(error)}`);
      if (error.code !== undefined && CERTIFICATE_CODE.test(error.code)) return new FetchFailure('tls', `TLS error with ${shown}: ${certificateReason(error)}`);
      if (error.code?.startsWith('ERR_TLS') || error.code?.startsWith('ERR_SSL') || /certificate|SSL/i.test(error.message)) {
        // OpenSSL's message is its error stack ("C0B7…:error:0A00010B:SSL routines:ssl3_get_record:wrong version
        // number:../deps/…c:354:\n"): the reason is the part a person can act on, said as what to do where it can be.
        const reason = /SSL routines:[^:]*:([^:\n]+)/.exec(error.message)?.[1] ?? error.message.trim().split('\n')[0]!;
        const hint = TLS_HINTS.find(([pattern]) => pattern.test(reason))?.[1];
        return new FetchFailure('tls', `TLS error with ${shown}: ${hint === undefined ? reason : `${reason}: ${hint}`}`);
      }
      return new FetchFailure('network', `network error with ${shown}: ${error.message}`);
  }
}

function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/**
 * `Content-Encoding: deflate` means zlib-wrapped deflate (RFC 9110 §8.4.1.2), but some servers (old IIS, some
 * CDNs) send raw deflate under that name, as browsers tolerate. The first two bytes tell: a zlib header has
 * compression method 8 in the low nibble and is a multiple of 31 read as a 16-bit number.
 *
 * Bytes after the end of the compressed stream (a newline, padding) are dropped, as GzipDecoder drops what follows
 * its last member: node's inflater ends its readable side at the stream's end, with input left over, and takes no more.
 */
class DeflateDecoder extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;
  /** A first chunk too short to tell the two apart (a server may flush one byte). */
  private head: Buffer | null = null;

  private start(first: Buffer): zlib.Inflate | zlib.InflateRaw {
    const isZlib = first.length >= 2 && (first[0]! & 0x0f) === 8 && ((first[0]! << 8) | first[1]!) % 31 === 0;
    const inner = isZlib ? zlib.createInflate() : zlib.createInflateRaw();
    inner.on('data', (data: Buffer) => this.push(data));
    inner.on('error', (error) => this.destroy(error));
    this.inner = inner;
    return inner;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let inner = this.inner;
    if (!inner) {
      const data = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      if (data.length < 2) {
        this.head = data;
        return callback();
      }
      this.head = null;
      inner = this.start(data);
      chunk = data;
    }
    // the compressed stream has ended: what follows is trailing junk
    if (inner.readableEnded) return callback();
    // The callback waits for the inner stream to take the chunk, which keeps backpressure intact.
    inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    // A body of one byte never reached _transform's decision: it is decided (and fails) here.
    const head = this.head;
    this.head = null;
    const inner = this.inner ?? (head ? this.start(head) : null);
    if (!inner) return callback();
    // 'end' fires once, and has already when the compressed stream ended before the body did: waiting for it would
    // stall the fetch until its total timeout.
    if (inner.readableEnded) return callback();
    inner.once('end', () => callback());
    if (head) inner.end(head);
    else inner.end();
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}

/** CRC-32 as gzip computes it; zlib.crc32 from Node 20.15 on, this table before. */
const crc32: (data: Buffer, value: number) => number =
  typeof zlib.crc32 === 'function'
    ? zlib.crc32
    : (() => {
        const table = Array.from({ length: 256 }, (_, n) => {
          for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
          return n >>> 0;
        });
        return (data: Buffer, value: number) => {
          let crc = ~value >>> 0;
          for (const byte of data) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
          return ~crc >>> 0;
        };
      })();

/** No real gzip header comes close (it holds a file name and a comment); a longer one is held in memory for nothing. */
const MAX_GZIP_HEADER_BYTES = 1024 * 1024;
/**
 * Members read at most in one gzip body: a few in real ones (files joined); a body of millions of empty 20-byte
 * members within the size cap would cost seconds of CPU, each member a call into zlib.
 */
const MAX_GZIP_MEMBERS = 1000;

/** The length of the gzip header (RFC 1952 §2.3) `bytes` start with, or null until enough bytes have come. */
function gzipHeaderLength(bytes: Buffer): number | null {
  if (bytes.length < 10) return null;
  // zlib's own messages, so a failure reads the same as node's gunzip gave it
  if (bytes[2] !== 8) throw new Error('unknown compression method');
  const flags = bytes[3]!;
  if (flags & 0xe0) throw new Error('unknown header flags set');
  let end = 10;
  // FEXTRA: a length and that many bytes
  if (flags & 0x04) end = bytes.length < end + 2 ? Infinity : end + 2 + bytes.readUInt16LE(end);
  // FNAME, FCOMMENT: zero-terminated
  for (const flag of [0x08, 0x10]) {
    if (flags & flag) {
      const zero = end < bytes.length ? bytes.indexOf(0, end) : -1;
      end = zero === -1 ? Infinity : zero + 1;
    }
  }
  // FHCRC
  if (flags & 0x02) end += 2;
  return end <= bytes.length ? end : null;
}

/**
 * Member data inflated at once, without a stream, when a chunk holds all of it and it inflates to at most this: a
 * stream per member costs tens of microseconds, and a body of empty members (20 bytes each) would cost seconds.
 */
const INFLATED_AT_ONCE_BYTES = 256 * 1024;

/** A member's data inflated at once (see INFLATED_AT_ONCE_BYTES), and the bytes it took; null when it cannot be. */
function inflatedAtOnce(data: Buffer): { inflated: Buffer; used: number } | null {
  try {
    // `info` adds the engine, whose bytesWritten counts the bytes the data took: the footer follows
    const { buffer, engine } = zlib.inflateRawSync(data, { info: true, maxOutputLength: INFLATED_AT_ONCE_BYTES }) as unknown as { buffer: Buffer; engine: zlib.InflateRaw };
    return { inflated: buffer, used: engine.bytesWritten };
  } catch {
    // cut off by the chunk's end, too large, or broken: the stream reads it, and reports what is wrong
    return null;
  }
}

/**
 * Gunzip, member by member, ignoring what follows the last member. A gzip body may hold several members one after
 * another (RFC 1952 §2.2), read in turn; but servers also send a newline, padding or junk after the footer, which
 * curl and browsers read past and node's gunzip fails on ("incorrect header check", "unexpected end of file"). So
 * after a member, bytes that start like one (1F 8B) are read as one, and anything else is dropped unread. Each
 * member's CRC-32 and length are checked as gunzip checks them, and a body cut short still fails.
 */
class GzipDecoder extends Transform {
  private state: 'header' | 'data' | 'footer' | 'ignoring' = 'header';
  /** Bytes of a header or footer that has not all come yet. */
  private held: Buffer | null = null;
  private members = 0;
  /** Inflates the member being read; its bytesWritten counts the bytes it took, which tells where its data ends. */
  private inflater: zlib.InflateRaw | null = null;
  private given = 0;
  private crc = 0;
  private size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.decode(chunk).then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    this.decodeEnd().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    this.inflater?.destroy();
    callback(error);
  }

  /** `data` after the bytes held from earlier chunks. Only a header or footer is held, so this copies little. */
  private withHeld(data: Buffer): Buffer {
    const held = this.held;
    this.held = null;
    return held ? Buffer.concat([held, data]) : data;
  }

  private async decode(chunk: Buffer): Promise<void> {
    let data = chunk;
    while (data.length > 0 && !this.destroyed) {
      if (this.state === 'ignoring') return;
      if (this.state === 'header') {
        data = this.withHeld(data);
        if (data[0] !== 0x1f || (data.length > 1 && data[1] !== 0x8b)) {
          if (this.members === 0) throw new Error('incorrect header check');
          this.state = 'ignoring';
          return;
        }
        const length = gzipHeaderLength(data);
        if (length === null) {
          if (data.length > MAX_GZIP_HEADER_BYTES) throw new Error(`a gzip header of more than ${MAX_GZIP_HEADER_BYTES} bytes`);
          this.held = Buffer.from(data);
          return;
        }
        data = data.subarray(length);
        this.startMember();
      } else if (this.state === 'data') {
        const whole = this.inflater === null ? inflatedAtOnce(data) : null;
        if (whole) {
          this.inflated(whole.inflated);
          data = data.subarray(whole.used);
          this.state = 'footer';
          continue;
        }
        const inflater = (this.inflater ??= this.streamingInflater());
        await new Promise<void>((resolve) => inflater.write(data, () => resolve()));
        this.given += data.length;
        const unused = this.given - inflater.bytesWritten;
        // every byte taken: the member's data goes on, or ended exactly here and the next bytes are its footer
        if (unused === 0) return;
        await this.endMember(inflater);
        data = data.subarray(data.length - unused);
      } else {
        data = this.withHeld(data);
        if (data.length < 8) {
          this.held = Buffer.from(data);
          return;
        }
        if (data.readUInt32LE(0) !== this.crc) throw new Error('incorrect data check');
        if (data.readUInt32LE(4) !== this.size) throw new Error('incorrect length check');
        data = data.subarray(8);
        this.state = 'header';
      }
    }
  }

  private startMember(): void {
    if (this.members === MAX_GZIP_MEMBERS) throw new Error(`more than ${MAX_GZIP_MEMBERS} gzip members`);
    this.members += 1;
    [this.given, this.crc, this.size] = [0, 0, 0];
    this.state = 'data';
  }

  private inflated(data: Buffer): void {
    this.crc = crc32(data, this.crc);
    this.size = (this.size + data.length) >>> 0;
    this.push(data);
  }

  private streamingInflater(): zlib.InflateRaw {
    const inflater = zlib.createInflateRaw();
    inflater.on('data', (data: Buffer) => this.inflated(data));
    inflater.on('error', (error) => this.destroy(error));
    return inflater;
  }

  /** Waits for the member's last inflated bytes, which come before its inflater's end. */
  private async endMember(inflater: zlib.InflateRaw): Promise<void> {
    if (!inflater.readableEnded) await new Promise((resolve) => inflater.once('end', resolve));
    inflater.destroy();
    this.inflater = null;
    this.state = 'footer';
  }

  private async decodeEnd(): Promise<void> {
    if (this.state === 'ignoring' || (this.state === 'header' && this.members > 0 && this.held === null)) return;
    if (this.state === 'data') {
      // the inflater fails if the member's data is cut short; if not, its footer is missing
      const inflater = (this.inflater ??= this.streamingInflater());
      inflater.end();
      await this.endMember(inflater);
    }
    throw new Error('unexpected end of file');
  }
}

/**
 * The codings of a Content-Encoding header, in the order they were applied (RFC 9110 §8.4: "listed in the order in
 * which they were applied"), those that say "not compressed" left out (see isUncompressedLabel). Several
 * Content-Encoding headers arrive joined by node.
 */
function contentCodings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && !isUncompressedLabel(coding));
}

/**
 * `identity`; `none`, not a registered coding but what PHP scripts send; MIME's Content-Transfer-Encoding values
 * (`binary`, `8bit`, `7bit`), sent by servers that mix the two headers up.
 */
const UNCOMPRESSED_LABELS: ReadonlySet<string> = new Set(['identity', 'none', 'binary', '8bit', '7bit']);

/**
 * Whether a Content-Encoding value means the body is sent as it is: one of UNCOMPRESSED_LABELS, or a character set
 * (`UTF-8`, `ISO-8859-1`: the charset put in the wrong header). No encoding label the WHATWG standard knows is the name
 * of a compression, so a body under one is never compressed bytes handed on as text; any other name still fails the fetch.
 */
function isUncompressedLabel(coding: string): boolean {
  return UNCOMPRESSED_LABELS.has(coding) || whatwgEncoding(coding) !== null;
}

/** Content-Encoding layers undone at most (curl allows 5 since CVE-2022-32206); real servers send one. */
const MAX_CONTENT_CODINGS = 5;
/** The codings decoderFor undoes; any other (zstd, compress, ...) fails the fetch. */
const DECODABLE_CODINGS: ReadonlySet<string> = new Set(['gzip', 'x-gzip', 'deflate', 'br']);

/** A stream that undoes `coding`, one of DECODABLE_CODINGS. */
function decoderFor(coding: string): Transform {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      return new GzipDecoder();
    case 'deflate':
      return new DeflateDecoder();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      throw new Error(`no decoder for Content-Encoding ${JSON.stringify(coding)}`);
  }
}

interface SingleResponse {
  status: number;
  headers: Record<string, string>;
  /** The Set-Cookie header lines, each whole (an Expires date holds a comma, so the joined header cannot be split). */
  setCookies: readonly string[];
  body: Buffer | null;
  cut?: BodyCut;
}

/** Why a body kept with FetchOptions.keepCutBody ends where it does, and the failure it would have been without. */
export interface BodyCut {
  code: 'too_large' | 'timeout';
  message: string;
}

/**
 * `url` without its user name and password, and those as the Authorization header to send in their place (null for
 * a URL without them). node:http would send them itself, but it decodes them with decodeURIComponent and throws on
 * a `%` that starts no escape (`reader:50%off`, a redirect to `http://x:%zz@host/`); curl sends such a `%` as it
 * is, and so does this. For any other login the header is the one node:http sends.
 */
function withoutLogin(url: URL): { target: URL; authorization: string | null } {
  if (!url.username && !url.password) return { target: url, authorization: null };
  const target = new URL(url.href);
  target.username = '';
  target.password = '';
  const login = Buffer.concat([percentDecoded(url.username), Buffer.from(':'), percentDecoded(url.password)]);
  return { target, authorization: `Basic ${login.toString('base64')}` };
}

/** The bytes a percent-encoded string stands for; a `%` that starts no escape stands for itself. */
function percentDecoded(text: string): Buffer {
  const parts = text.split(/(%[0-9a-f]{2})/i);
  // split with a capture group puts the escapes at the odd indexes
  return Buffer.concat(parts.map((part, index) => (index % 2 === 1 ? Buffer.from([parseInt(part.slice(1), 16)]) : Buffer.from(part))));
}

/**
 * What node:http threw, synchronously, instead of sending a request: a header value it refuses (a character beyond
 * Latin-1 or a line break in the user agent or a validator), or a URL it cannot send. Its messages name at most the
 * header (`Invalid character in header content ["user-agent"]`), never a value or the URL, so they can be shown.
 */
function refusedRequest(error: unknown, url: string): FetchFailure {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const reason = error instanceof Error ? error.message : String(error);
  const isHeader = code === 'ERR_INVALID_CHAR' || code.startsWith('ERR_HTTP_INVALID_HEADER');
  return new FetchFailure(isHeader ? 'invalid_request' : 'invalid_url', `node:http refused to request ${urlForDisplay(url)}: ${reason}`);
}

/**
 * The most bytes of response headers read. node's default, 16 KB, fails news sites that send long Set-Cookie,
 * Content-Security-Policy and Link preload headers (20 KB and more) as malformed; browsers read far more.
 */
const MAX_RESPONSE_HEADER_BYTES = 256 * 1024;

/** Whether validators given by the answer of `validatorsUrl` are sent to `url` (see FetchOptions.validatorsUrl). */
function validatorsApply(url: URL, validatorsUrl: string | null | undefined): boolean {
  return !validatorsUrl || requestAddress(withoutCredentials(url.href)) === requestAddress(validatorsUrl);
}

/** One request, no redirects followed. Rejects with FetchFailure. */
function requestOnce(url: URL, options: FetchOptions, reach: Reach, deadline: number, cookie: string): Promise<SingleResponse> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      accept: options.accept ?? '*/*',
      'accept-encoding': 'gzip, deflate, br',
    };
    if (validatorsApply(url, options.validatorsUrl)) {
      if (options.etag) headers['if-none-match'] = options.etag;
      if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    }
    const { target, authorization } = withoutLogin(url);
    if (authorization !== null) headers['authorization'] = authorization;
    if (cookie !== '') headers['cookie'] = cookie;

    let request: http.ClientRequest;
    try {
      request = transport.get(target, {
        headers,
        lookup: guardedLookup(reach, options.resolveHost),
        // No keep-alive: each fetch is independent and nothing should hold the process open afterwards.
        agent: false,
        maxHeaderSize: MAX_RESPONSE_HEADER_BYTES,
        // Said in the handshake, so a server that speaks only HTTP/2 refuses at once: offered nothing, one waited out
        // the time-out for an answer that never came, and its host was taken for silent.
        ...(url.protocol === 'https:' ? { ALPNProtocols: ['http/1.1'] } : {}),
      });
    } catch (error) {
      // node:http checks the request before sending it, and throws: nothing was sent and no timer is armed yet.
      reject(refusedRequest(error, url.href));
      return;
    }
    // node keeps the first 2,000 header lines and drops the rest without a word: 1,100 Set-Cookie lines lost the
    // Content-Encoding, Location or Retry-After after them. Their bytes are capped (maxHeaderSize), not their count.
    request.maxHeadersCount = 0;

    let settled = false;
    let onFail: (() => void) | null = null;
    /** Settles the request before its body ends: its timer, decoders and socket stopped. */
    const stop = () => {
      settled = true;
      clearTimeout(totalTimer);
      onFail?.();
      request.destroy();
    };
    const fail = (failure: FetchFailure) => {
      if (settled) return;
      stop();
      reject(failure);
    };

    /** The response being read, once its head has arrived. */
    let answer: http.IncomingMessage | null = null;
    /** With keepCutBody, ends a 2xx answer at a limit with the body read so far; without it, false (the caller fails). */
    let keepCut: (failure: FetchFailure) => boolean = () => false;

    const remaining = Math.max(1, deadline - steadyNow());
    /** When the total time-out is due; a timer that fires much later than this found the process busy. */
    let due = steadyNow() + remaining;
    let totalTimer: NodeJS.Timeout;
    const timedOut = () => {
      // The process was busy past the time-out (parsing another 9 MB feed blocks it for seconds): the answer may have
      // come in meanwhile, unread. It gets the time it lost, once, before it counts as late.
      const lost = steadyNow() - due;
      if (lost > BUSY_PROCESS_MS) {
        due = Infinity;
        totalTimer = setTimeout(timedOut, lost);
        return;
      }
      // Once the head is in, the server did answer: the timeout carries its status, as the other failures after the
      // head (too large, undecodable) do, so the check's record and `sources` show a 200 that stalled for what it is.
      // Only a 2xx body is read (any other status resolves at its head), so the status is never a 410 or a 429.
      const status = answer?.statusCode ?? null;
      const failure =
        status === null
          ? new FetchFailure('timeout', `no complete answer from ${urlForDisplay(url.href)} within ${options.timeoutMs} ms (fetch.timeoutMs)`)
          : new FetchFailure('timeout', `${urlForDisplay(url.href)} answered HTTP ${status}, then did not finish its body within ${options.timeoutMs} ms (fetch.timeoutMs)`, status);
      if (!keepCut(failure)) fail(failure);
    };
    totalTimer = setTimeout(timedOut, remaining);

    request.on('socket', (socket: net.Socket) => {
      if (socket.connecting) {
        // The connection is made when it can carry the request: over https, once the TLS handshake is done too, so a
        // server that accepts and never answers the ClientHello costs the connect timeout, not the total one.
        const secure = url.protocol === 'https:';
        let connected = false;
        const connectTimedOut = () =>
          fail(
            new FetchFailure(
              'timeout',
              connected
                ? `no TLS handshake with ${urlForDisplay(url.href)} within ${options.connectTimeoutMs} ms (fetch.connectTimeoutMs)`
                : `could not connect to ${urlForDisplay(url.href)} within ${options.connectTimeoutMs} ms (fetch.connectTimeoutMs)`,
            ),
          );
        // A name is looked up first, in a time of its own: a look-up waiting for a thread that other names' look-ups
        // hold (see sharedLookup) says nothing of whether the host answers, and is not counted as its silence.
        const hostname = unbracketedHost(url.hostname);
        const lookedUp = net.isIP(hostname) === 0;
        const lookupTimedOut = () =>
          fail(new FetchFailure('dns_timeout', `no address for ${hostname} within ${options.connectTimeoutMs} ms (fetch.connectTimeoutMs): the system's name look-up did not answer, reading ${urlForDisplay(url.href)}`));
        let timer = setTimeout(lookedUp ? lookupTimedOut : connectTimedOut, Math.min(options.connectTimeoutMs, remaining));
        if (lookedUp) {
          socket.once('lookup', (error: Error | null) => {
            clearTimeout(timer);
            if (!error) timer = setTimeout(connectTimedOut, Math.max(1, Math.min(options.connectTimeoutMs, deadline - steadyNow())));
          });
        }
        socket.once('connect', () => {
          connected = true;
          if (!secure) clearTimeout(timer);
        });
        if (secure) socket.once('secureConnect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      }
    });

    /** The server sent bytes after the end its Content-Length declared (see the error handler). */
    let overran = false;
    request.on('error', (error: NodeJS.ErrnoException) => {
      // llhttp stops with an HPE_* error at bytes after a message it has read in full: a body longer than its
      // Content-Length, most often a length counted in characters over a UTF-8 body (a common PHP bug). The declared
      // bytes were all read and the socket is of no further use (one request per socket), so they are kept, as
      // browsers do; the parsers downstream recover what the cut left out.
      if (answer?.complete && error.code?.startsWith('HPE_')) {
        overran = true;
        return;
      }
      // once the head is in, the server did answer: the failure carries its status, as a close mid-body does
      if (answer !== null && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
        fail(new FetchFailure('connection_reset', `the connection was reset mid-body, reading ${urlForDisplay(url.href)}`, answer.statusCode));
        return;
      }
      fail(classifyNetworkError(error, url.href));
    });

    // A 101 to a request that asked for no upgrade: node hands the socket over and reads no further, so without this
    // the fetch would wait out its whole time-out (and count as a host that does not answer).
    request.on('upgrade', (_response, socket: net.Socket) => {
      socket.destroy();
      fail(new FetchFailure('network', `${urlForDisplay(url.href)} answered HTTP 101 (Switching Protocols) to a request that asked for no protocol change`, 101));
    });

    request.on('response', (response) => {
      answer = response;
      const status = response.statusCode ?? 0;
      const responseHeaders = flattenHeaders(response.headers);
      const setCookies = response.headers['set-cookie'] ?? [];
      // Redirects and errors need no body; drop it rather than download it.
      if (status < 200 || status >= 300) {
        response.resume();
        settled = true;
        clearTimeout(totalTimer);
        resolve({ status, headers: responseHeaders, setCookies, body: null });
        request.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      if (options.keepCutBody) {
        keepCut = (failure) => {
          if (settled) return true;
          stop();
          resolve({ status, headers: responseHeaders, setCookies, body: Buffer.concat(chunks), cut: { code: failure.code as BodyCut['code'], message: failure.message } });
          return true;
        };
      }
      const declared = Number(responseHeaders['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes && !options.keepCutBody) {
        return fail(new FetchFailure('too_large', `${urlForDisplay(url.href)} declares ${declared} bytes, more than the ${options.maxBytes} allowed`, status));
      }

      // With keepCutBody, the last stream's own count cuts the body, so the chunk that crosses the cap keeps its part
      // within it; the counts before (the bytes on the wire, each layer but the last) come first and would drop it.
      const cutByLastStream = options.keepCutBody === true;
      /** The body arrives as it is sent, with no Content-Encoding to undo; known before any of it arrives. */
      let plainBody = false;
      let wireBytes = 0;
      response.on('data', (chunk: Buffer) => {
        wireBytes += chunk.length;
        if (wireBytes > options.maxBytes && !(cutByLastStream && plainBody)) {
          const failure = new FetchFailure('too_large', `${urlForDisplay(url.href)} sent more than the ${options.maxBytes} bytes allowed`, status);
          // the bytes within the cap that reached the end of the decoders are kept; the rest is not read
          if (!keepCut(failure)) fail(failure);
        }
      });

      // Undone last-applied first. A coding that cannot be undone fails the fetch: passing the body on as if it were
      // plain would hand compressed bytes to the feed parser, or worse, store them as an article.
      const codings = contentCodings(responseHeaders['content-encoding']);
      // Each layer is capped in size, not in work: thousands of tiny layers would keep a fetch busy for minutes.
      if (codings.length > MAX_CONTENT_CODINGS) {
        return fail(new FetchFailure('unsupported_encoding', `${codings.length} Content-Encoding layers from ${urlForDisplay(url.href)}; at most ${MAX_CONTENT_CODINGS} are undone`, status));
      }
      const unsupported = codings.find((coding) => !DECODABLE_CODINGS.has(coding));
      if (unsupported !== undefined) {
        return fail(new FetchFailure('unsupported_encoding', `unsupported Content-Encoding ${JSON.stringify(unsupported)} from ${urlForDisplay(url.href)}`, status));
      }
      const decoders = codings.reverse().map(decoderFor);
      plainBody = decoders.length === 0;
      // A bomb's compressed bytes are already inside the decoders when a cap fires: stop them too.
      onFail = () => decoders.forEach((decoder) => decoder.destroy());
      const tooLarge = () => {
        const failure = new FetchFailure('too_large', `${urlForDisplay(url.href)} ${plainBody ? 'sent' : 'decompresses to'} more than the ${options.maxBytes} bytes allowed`, status);
        if (!keepCut(failure)) fail(failure);
      };
      let stream: NodeJS.ReadableStream = response;
      for (const [index, decoder] of decoders.entries()) {
        stream.pipe(decoder);
        stream = decoder;
        decoder.on('error', (error: Error) =>
          fail(
            new FetchFailure(
              'decode',
              `cannot decompress the body of ${urlForDisplay(url.href)} (${responseHeaders['content-encoding']}): ${error.message}${overran ? contentLengthNote(responseHeaders['content-length']) : ''}`,
              status,
            ),
          ),
        );
        // Every layer is held to the cap, not only the last: gzip inside gzip can expand to gigabytes of empty
        // members that decode to nothing, which the cap on the final bytes would never see.
        let layerBytes = 0;
        const isLast = index === decoders.length - 1;
        decoder.on('data', (chunk: Buffer) => {
          layerBytes += chunk.length;
          if (layerBytes > options.maxBytes && !(cutByLastStream && isLast)) tooLarge();
        });
      }
      let decodedBytes = 0;
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        decodedBytes += chunk.length;
        if (decodedBytes > options.maxBytes) {
          chunks.push(chunk.subarray(0, chunk.length - (decodedBytes - options.maxBytes)));
          return tooLarge();
        }
        chunks.push(chunk);
      });
      response.on('aborted', () => fail(new FetchFailure('connection_reset', `the connection closed mid-body, reading ${urlForDisplay(url.href)}`, status)));
      stream.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(totalTimer);
        resolve({ status, headers: responseHeaders, setCookies, body: Buffer.concat(chunks) });
      });
    });
  });
}

/** How late a time-out may fire before it is taken for a process too busy to read what came (see requestOnce). */
const BUSY_PROCESS_MS = 1_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A Location header as browsers read it. node hands header values over as Latin-1, one character per byte, but
 * servers send non-ASCII paths as UTF-8 (`/fé.xml` arrives as `/fÃ©.xml`): bytes that are valid UTF-8 are read as
 * UTF-8, anything else stays Latin-1.
 */
function readLocation(value: string | undefined): string | undefined {
  // cheap test first: almost every Location is ASCII
  if (value === undefined || !/[\x80-\xff]/.test(value)) return value;
  try {
    return utf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    // a byte of a legacy encoding in the path or query (`/f\xE9.xml` in Latin-1): escaped as the byte it is, as
    // browsers and curl send it, where the URL parser would escape the character's UTF-8 (`%C3%A9`), another path; a
    // host's letters stay letters, for the parser's IDNA
    const authority = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/?#]*/i.exec(value)?.[0] ?? '';
    return authority + value.slice(authority.length).replace(/[\x80-\xff]/g, (byte) => `%${byte.charCodeAt(0).toString(16).toUpperCase()}`);
  }
}

const PRIVATE_ADDRESS_HINT = '(only the host and port of a URL named in the pipeline file or on the command line may be private; fetch.allowPrivateAddresses allows all)';

/** `host:port` of a URL, the port always written: the form FetchOptions.trustedHostname takes. Null for no URL. */
export function trustedHostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // without a trailing dot: runs request the address without it (requestAddress), and links name the host either way
    return `${withoutRootDot(parsed.hostname)}:${effectivePort(parsed)}`;
  } catch {
    return null;
  }
}

function effectivePort(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** Reads FetchOptions.trustedHostname: `host:port` or `[v6]:port`; null for anything else (a bare host trusts nothing). */
function parseTrustedHost(value: string): { hostname: string; port: string } | null {
  const match = /^(\[[^\]]*\]|[^:[\]]+):(\d{1,5})$/.exec(value.trim());
  if (!match) return null;
  const [, host, port] = match as unknown as [string, string, string];
  try {
    // through the URL parser, so the name compares the way URL.hostname writes it (case, IDN, IPv4 shorthands)
    return { hostname: new URL(`http://${host}/`).hostname, port: String(Number(port)) };
  } catch {
    return null;
  }
}

function isTrusted(url: URL, trustedHostname: string | null | undefined): boolean {
  if (!trustedHostname) return false;
  const trusted = parseTrustedHost(trustedHostname);
  if (!trusted || withoutRootDot(trusted.hostname) !== withoutRootDot(url.hostname)) return false;
  const port = effectivePort(url);
  return trusted.port === port || (trusted.port === '80' && url.protocol === 'https:' && port === '443');
}

/** The end of a message about a URL reached through a redirect: which URL sent pausewatch there. */
function redirectNote(redirectedFrom: string | null): string {
  return redirectedFrom === null ? '' : ` (redirected from ${urlForDisplay(redirectedFrom)})`;
}

/**
 * Parses a URL and checks it may be fetched at all: scheme, and literal private addresses (which skip DNS). Also
 * says which addresses its host may resolve to, for the DNS guard. `redirectedFrom` is the URL whose redirect led
 * here, null for the URL asked for.
 */
function checkUrl(raw: string, options: FetchOptions, redirectedFrom: string | null): { url: URL; reach: Reach } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchFailure('invalid_url', `not a valid absolute URL: ${JSON.stringify(urlForDisplay(raw))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchFailure(
      'invalid_url',
      redirectedFrom === null
        ? `only http and https URLs are fetched, not ${url.protocol} (${urlForDisplay(raw)})`
        : `${urlForDisplay(redirectedFrom)} redirects to ${urlForDisplay(raw)}, and only http and https URLs are fetched`,
    );
  }
  const reach: Reach = options.allowPrivateAddresses ? 'any' : isTrusted(url, options.trustedHostname) ? 'trusted' : 'public';
  // A literal address on the trusted host and port was typed by the user, link-local or not: it is theirs to ask for.
  if (reach === 'public' && namesPrivateAddress(url.hostname)) {
    throw new FetchFailure('private_address', `refused: ${url.host} is a private or local address ${PRIVATE_ADDRESS_HINT}${redirectNote(redirectedFrom)}`);
  }
  return { url, reach };
}

export async function fetchUrl(requestedUrl: string, options: FetchOptions): Promise<FetchResult> {
  const redirects: Redirect[] = [];
  const cookies = new RedirectCookies();
  // each URL with the cookies sent to it: a consent page that sets one and sends the reader back is no loop
  const visited = new Set<string>();
  const throttle = options.throttle ?? unthrottled;
  let spentMs = 0;
  let current = requestedUrl;
  let last: SingleResponse | null = null;
  try {
    for (;;) {
      const redirectedFrom = redirects.at(-1)?.from ?? null;
      const { url, reach } = checkUrl(current, options, redirectedFrom);
      const cookie = cookies.for(url.href);
      visited.add(`${url.href}\n${cookie}`);
      last = await throttle(
        url.href,
        async () => {
          const remaining = options.timeoutMs - spentMs;
          if (remaining <= 0) throw new FetchFailure('timeout', `no complete answer from ${urlForDisplay(url.href)} within ${options.timeoutMs} ms (fetch.timeoutMs)${redirectNote(redirectedFrom)}`);
          const started = steadyNow();
          try {
            return await requestOnce(url, options, reach, started + remaining, cookie);
          } catch (error) {
            // A failure at a redirect's target says where the redirect came from: the user knows the URL they named.
            if (error instanceof FetchFailure && redirectedFrom !== null) {
              throw new FetchFailure(error.code, `${error.message}${redirectNote(redirectedFrom)}`, error.httpStatus);
            }
            throw error;
          } finally {
            spentMs += steadyNow() - started;
          }
        },
        redirects.length,
      );
      const location = readLocation(last.headers['location']);
      if ([301, 302, 303, 307, 308].includes(last.status) && location) {
        cookies.take(last.setCookies, url.href);
        let next: string;
        try {
          const target = new URL(location, url);
          // A fragment is never sent, and names no other resource: a move is recorded (and stored, and shown) as the
          // address that answers, and a redirect to the same URL with another fragment is the loop it is.
          target.hash = '';
          // The login is the pipeline file's to give, on its URL's origin only (its pages get it so too), not the
          // server's: one a Location named (`http://user:pw@host/`) was sent once, then lost with the move, which is
          // stored without it (401 for good); one on the same origin written absolute was dropped.
          next = withCredentialsOf(withoutCredentials(target.href), requestedUrl);
        } catch {
          throw new FetchFailure('invalid_redirect', `${urlForDisplay(url.href)} redirects to an invalid URL: ${JSON.stringify(urlForDisplay(location))}`, last.status);
        }
        if (visited.has(`${next}\n${cookies.for(next)}`)) throw new FetchFailure('redirect_loop', `redirect loop: ${urlForDisplay(url.href)} leads back to ${urlForDisplay(next)}`, last.status);
        if (redirects.length >= options.maxRedirects) {
          throw new FetchFailure('too_many_redirects', `more than ${options.maxRedirects} redirects from ${urlForDisplay(requestedUrl)}`, last.status);
        }
        redirects.push({ from: url.href, to: next, status: last.status, permanent: last.status === 301 || last.status === 308 });
        current = next;
        continue;
      }
      const base = { requestedUrl, url: url.href, redirects, httpStatus: last.status, headers: last.headers, hints: readServerHints(last.headers, Date.now()) };
      if (last.status === 304) return { ...base, status: 'not_modified' };
      if (last.status >= 200 && last.status < 300 && last.body) return { ...base, status: 'ok', body: last.body, ...(last.cut ? { cut: last.cut } : {}) };
      return { ...base, status: 'failed', error: { code: `http_${last.status}`, message: `HTTP ${last.status} from ${urlForDisplay(url.href)}${redirectNote(redirectedFrom)}` } };
    }
  } catch (error) {
    if (error instanceof RequestHeldBack) {
      return heldBackResult(requestedUrl, error, { redirects, headers: last?.headers ?? {}, redirectedFrom: redirects.at(-1)?.from ?? null });
    }
    if (!(error instanceof FetchFailure)) throw error;
    return {
      requestedUrl,
      url: current,
      redirects,
      httpStatus: error.httpStatus,
      headers: last?.headers ?? {},
      hints: last ? readServerHints(last.headers, Date.now()) : NO_HINTS,
      status: 'failed',
      error: { code: error.code, message: error.message },
    };
  }
}
