import { createHash } from 'node:crypto';
import type { RawItem, SkipTimes, StageError, FeedItem } from '../model/index.ts';
import { MAX_BYLINE_CHARS, MAX_OUTLET_CHARS, MAX_TITLE_CHARS, withinLimit } from '../model/field-limits.ts';
import { describeRetryAfterProblem, type FetchOptions, type Redirect, type ServerHints } from './fetch.ts';
import type { Fetcher } from './request-queue.ts';
import { parseFeed, FeedParseError } from './feed/parse-feed.ts';
import { outletUrlOf } from './feed/normalise.ts';
import { urlForDisplay, withoutCredentials, withoutFeedScheme } from './url-display.ts';

export interface FeedState {
  etag: string | null;
  lastModified: string | null;
  bodyHash: string | null;
  /** The address whose answer gave etag and lastModified (without a login); null or absent: unknown, sent to any. */
  validatorsUrl?: string | null;
}

export interface FeedIngestResult {
  outcome: 'ok' | 'not_modified' | 'failed';
  error: StageError | null;
  httpStatus: number | null;
  /** URL that answered; differs from the asked one after redirects. */
  url: string;
  items: RawItem[];
  /** Validators to keep for the next conditional GET (absent when nothing new was learnt). */
  state: Partial<FeedState>;
  /** Where the asked URL moved permanently, the address to use from now on (see permanentMove); null when it did not. */
  movedTo: string | null;
  /** The server answered 410 Gone, at the feed's URL or at the end of permanent redirects only. */
  gone: boolean;
  headers: Record<string, string>;
  /** Retry-After, Cache-Control max-age and Expires of the response, for the scheduler. */
  hints: ServerHints;
  /** The feed's own `<ttl>` / `sy:updatePeriod`, in seconds (only known when the body was parsed). */
  ttlSeconds: number | null;
  /** The feed's own `<skipHours>` and `<skipDays>` (only known when the body was parsed). */
  skip: SkipTimes | null;
  warnings: string[];
}

/**
 * The keys a feed's items are stored under: their ids (the identity ladder's, unique within the feed) without a user
 * name and password. An item known by its link, when the feed writes a login into it (`https://reader:secret@host/a`),
 * would otherwise keep the login in the database, where its URL has none. Where the id without the login is another
 * item's id, or taken by an earlier item, the id stays as it is: keys stay unique within the feed.
 */
export function itemKeys(ids: readonly string[]): string[] {
  const withoutLogins = ids.map(withoutCredentials);
  const taken = new Set(ids.filter((id, index) => withoutLogins[index] === id));
  return ids.map((id, index) => {
    const key = withoutLogins[index]!;
    if (key === id || taken.has(key)) return id;
    taken.add(key);
    return key;
  });
}

/** A feed's items as the rest of the pipeline sees them, each under its key (itemKeys), in the feed's language. */
export function feedItemsToRawItems(sourceId: string, feedUrl: string, items: readonly FeedItem[], lang: string | null = null): RawItem[] {
  const keys = itemKeys(items.map((item) => item.id));
  return items.map((item, index) => feedItemToRawItem(sourceId, feedUrl, item, keys[index]!, lang));
}

/** Where an item without a link is: its feed's address, its key the fragment. */
function linklessItemUrl(feedUrl: string, key: string): string {
  return `${feedUrl}#${encodeURIComponent(key)}`;
}

/**
 * The item under another key. An item without a link moves to the address that key gives it (see linklessItemUrl),
 * which is its canonical URL too: else it would be a copy of the article its old key names.
 */
export function withItemKey(item: RawItem, key: string): RawItem {
  const keyInUrl = `#${encodeURIComponent(item.key)}`;
  if (item.hasPage || !item.url.endsWith(keyInUrl)) return { ...item, key };
  return { ...item, key, url: linklessItemUrl(item.url.slice(0, -keyInUrl.length), key) };
}

/**
 * An item's link as a web page's address: a `feed:` one as the http(s) address it wraps, null for any other scheme
 * (`file:`, `ftp:`, `mailto:`), which would be stored, alerted and linked from the digest as an article's address.
 */
function webLink(link: string | null): string | null {
  if (link === null) return null;
  const unwrapped = withoutFeedScheme(link);
  return /^https?:/i.test(unwrapped) ? unwrapped : null;
}

/** A feed item as the rest of the pipeline sees it. Items without a web link get a stable pseudo-URL inside the feed. */
function feedItemToRawItem(sourceId: string, feedUrl: string, item: FeedItem, key: string, lang: string | null): RawItem {
  const link = webLink(item.link);
  return {
    sourceId,
    key,
    // the link, or the feed's address, without a user name and password: this one is stored and shown in digests and
    // alerts (a page on the feed's own origin is still asked for with the feed's login)
    url: link !== null ? withoutCredentials(link) : linklessItemUrl(withoutCredentials(feedUrl), key),
    hasPage: link !== null,
    title: withinLimit(item.title, MAX_TITLE_CHARS),
    author: withinLimit(item.author, MAX_BYLINE_CHARS),
    publishedAt: item.published ?? item.updated,
    updatedAt: item.updated,
    summary: item.summary,
    body: item.content ?? item.summary,
    bodyFormat: 'html',
    categories: item.categories,
    outlet: withinLimit(item.outlet, MAX_OUTLET_CHARS),
    outletUrl: outletUrlOf(item.outletUrl),
    lang: item.language ?? lang,
  };
}

/**
 * Where a chain of redirects says the asked URL moved: the target of the chain's leading run of permanent redirects
 * (301, 308); null when its first answer was not one. A temporary redirect ends the run, whatever follows it:
 * A -301-> B -302-> C moved to B (C is only where B sends readers for now), A -302-> B -301-> C did not move (A's own
 * answer was temporary), A -301-> B -308-> C moved to C. A chain that comes back to an address it passed (A -301->
 * a consent page -302-> A, with the cookie it set) moved nowhere.
 */
export function permanentMove(redirects: readonly Redirect[]): string | null {
  const passed = new Set<string>();
  for (const { from, to } of redirects) {
    passed.add(from);
    if (passed.has(to)) return null;
  }
  const temporary = redirects.findIndex((redirect) => !redirect.permanent);
  const leading = temporary === -1 ? redirects.length : temporary;
  return leading === 0 ? null : redirects[leading - 1]!.to;
}

/** Fetches one feed with a conditional GET and parses it. Never throws for a bad feed: the result says why. */
export async function ingestFeed(
  source: { id: string; url: string },
  previous: FeedState,
  fetcher: Fetcher,
  options: Omit<FetchOptions, 'etag' | 'lastModified'>,
): Promise<FeedIngestResult> {
  const response = await fetcher(source.url, {
    ...options,
    etag: previous.etag,
    lastModified: previous.lastModified,
    validatorsUrl: previous.validatorsUrl,
    accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5',
  });
  const base = {
    httpStatus: response.httpStatus,
    url: response.url,
    items: [] as RawItem[],
    state: {} as Partial<FeedState>,
    movedTo: permanentMove(response.redirects),
    gone: false,
    headers: response.headers,
    hints: response.hints,
    ttlSeconds: null as number | null,
    skip: null as SkipTimes | null,
    warnings: [] as string[],
  };
  if (response.status === 'failed') {
    // A Retry-After that was ignored or cut short changes when the feed is asked again: the run says so, and why.
    const problem = response.hints.retryAfterProblem;
    const warnings = problem ? [`${urlForDisplay(response.url)} answered HTTP ${response.httpStatus} with ${describeRetryAfterProblem(problem)}`] : [];
    // 410 is the feed gone only when its own URL, or where it moved for good, said so: a temporary redirect's target
    // (an expiring signed URL, one CDN node) being gone says nothing of the feed, an ordinary failure.
    const gone = response.httpStatus === 410 && response.redirects.every((redirect) => redirect.permanent);
    return { ...base, outcome: 'failed', error: response.error, gone, warnings };
  }
  if (response.status === 'not_modified') {
    // A 304 is an answer to If-None-Match or If-Modified-Since; to a request without either it says nothing of the
    // feed, which would otherwise show as checked and fine without ever being read. Its validators are not kept: the
    // next request would be conditional, and its 304 taken for "unchanged".
    if (!previous.etag && !previous.lastModified) {
      const message = `${urlForDisplay(source.url)}: unexpected 304 (Not Modified) to a request that asked for no condition (no If-None-Match or If-Modified-Since was sent)`;
      return { ...base, outcome: 'failed', error: { code: 'not_modified', message } };
    }
    // A 304 may carry newer validators (RFC 9110 §15.4.5); those it leaves out stay as they were.
    const etag = response.headers['etag'];
    const lastModified = response.headers['last-modified'];
    return {
      ...base,
      outcome: 'not_modified',
      error: null,
      state: { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}), validatorsUrl: withoutCredentials(response.url) },
    };
  }

  const bodyHash = createHash('sha256').update(response.body).digest('hex');
  const state: Partial<FeedState> = {
    etag: response.headers['etag'] ?? null,
    lastModified: response.headers['last-modified'] ?? null,
    bodyHash,
    validatorsUrl: withoutCredentials(response.url),
  };
  // Servers without validators often send the same bytes again: that is "not modified" too.
  if (previous.bodyHash && previous.bodyHash === bodyHash) return { ...base, state, outcome: 'not_modified', error: null };

  // the document read, by the address it was read at, and, when redirects led there, the address asked
  const document =
    response.url === source.url ? urlForDisplay(source.url) : `${urlForDisplay(response.url)} (redirected from ${urlForDisplay(source.url)})`;
  try {
    // Links resolve against the address without its login, so no stored URL (shown in digests) carries it; pages on
    // the feed's origin are fetched with the feed's login all the same (run-pipeline).
    const feed = await parseFeed(response.body, { url: withoutCredentials(response.url), headers: response.headers, maxBytes: options.maxBytes });
    if (!feed.wellFormed && feed.items.length === 0) {
      const why = feed.warnings.join('; ') || 'the document is not well-formed';
      return { ...base, outcome: 'failed', error: { code: 'parse_malformed', message: `${document}: no items could be recovered (${why})` } };
    }
    // A document cut short (a connection closed early, a body longer than its Content-Length, a 206 never asked
    // for) is not the version its validators name: kept, the next check's 304 would stand for the items cut off,
    // never read until the feed changed. Its hash is kept: the same cut bytes again are nothing new.
    const cutShort = feed.endsEarly && (state.etag !== null || state.lastModified !== null);
    return {
      ...base,
      outcome: 'ok',
      error: null,
      state: cutShort ? { ...state, etag: null, lastModified: null } : state,
      items: feedItemsToRawItems(source.id, response.url, feed.items, feed.language),
      ttlSeconds: feed.ttlSeconds,
      skip: feed.skip,
      warnings: cutShort ? [...feed.warnings, "the server's validators (ETag, Last-Modified) are not kept for a document cut short: the next check reads it whole"] : feed.warnings,
    };
  } catch (error) {
    if (!(error instanceof FeedParseError)) throw error;
    // The validators are not kept: the next run must fetch and try again, not get a 304 for a feed never read.
    return { ...base, outcome: 'failed', error: { code: `parse_${error.code}`, message: `${document}: ${error.message}` } };
  }
}
