import { sql, type Kysely } from 'kysely';
import PQueue from 'p-queue';
import type { LoadedPipeline, SourceDefinition, FeedSourceDefinition } from '../config/index.ts';
import type { RawItem, RunReport, ScoreResult, SourceReport, StageError, ExtractedArticle, SkipTimes } from '../model/index.ts';
import { ingestFeed, withItemKey, type FeedIngestResult, type FeedState } from '../ingest/feed-source.ts';
import { ingestFiles } from '../ingest/files.ts';
import { createRequestQueue, type AskedPause, type Fetcher, type HostWaitWatcher } from '../ingest/request-queue.ts';
import { askedWaitSeconds, fetchOptionsFrom, fetchUrl, parseHttpDate, trustedHostOf, NO_HINTS, UNANSWERED_CODES, type FetchResult } from '../ingest/fetch.ts';
import { readPageBody } from '../ingest/decode-page.ts';
import { sameFeedKey } from '../ingest/discover.ts';
import { getHeader } from '../ingest/feed/decode.ts';
import { collapseWhitespace, contentIdentity, htmlToText, isContentIdentity } from '../ingest/feed/index.ts';
import { articleTextProblem, articleWordCount, captureTextError, extractArticle, extractFetchedPage, extractHtml, isFullerText, pageWall } from '../extract/index.ts';
import {
  aggregatorItemOfArticle, articleOfAggregatorItem, canonicalizeUrl, isOpeningOf, MAX_TEASER_WORDS, TEASER_WINDOW_HOURS, computeDedupKeys, DEDUP_WINDOW_DAYS, DuplicateIndex, exactDuplicateKeys, findStory,
  HeadlineIndex, identifyingFragment, isAboveOnSite, isInDedupWindow, itemLinkKey, looseItemLinkKey, looseUrlKey, looseUrlVariants, nearDuplicateSimilarity,
  MIN_WORDS_FOR_CONTENT_HASH, normalizeText, normalizedWords, parseNearSignature, relabelsNow, storyLabel,
  type DedupKeys, type DuplicateMatch, type HeadlineArticle, type IndexedArticle, type KnownArticle, type StoredHeadlineArticle,
} from '../dedup/index.ts';
import { createScorer, type Scorer } from '../stance/index.ts';
import { shouldAlert, shouldAlertOnEdit, alertPayload, deliverAlerts, digestKey, channelLabel, withoutSecrets, type AlertChannel, type RecipientsRefused } from '../alert/index.ts';
import * as repo from '../store/index.ts';
import type { Store, ArticleRow, Database, OwnerState, RunOwner, SourceRow } from '../store/index.ts';
import { activeHostWaits, saveHostWaits, type HostWaitRecord } from '../store/host-waits.ts';
import { DigestWriteError, loadDigestData, writeDigest } from './write-digest.ts';
import { addDays, dayBounds, localDate } from '../digest/index.ts';
import { hostKeyOf, requestAddress, urlForDisplay, withCredentialsOf, withoutCredentials } from '../ingest/url-display.ts';
import { shownHeadline } from '../model/display-text.ts';
import { ownerState, thisProcess } from './run-owner.ts';
import { RunStoppedError, type RunStop } from './run-stop.ts';
import { answerFreshness, BROUGHT_FORWARD, isDue, nextCheck, outOfSkipTimes, type NextCheck, paceAtCheck, SKIP_MOVE_SUFFIX, skippedUntil, skipsAt } from './schedule.ts';
import { steadyNow } from '../ingest/steady-clock.ts';

export interface RunProgress {
  /** Told of a source that has read everything and waits for its turn to store (see storeInTurn). */
  sourceWaitingToStore?(report: SourceReport): void;
  sourceFinished(report: SourceReport, done: number, total: number): void;
  articleProcessed(total: number): void;
  /** Told of each request held back for its host (a pause it asked for, the per-host gap). */
  waits?: HostWaitWatcher;
}

export interface RunOptions {
  loaded: LoadedPipeline;
  store: Store;
  channels: readonly AlertChannel[];
  now?: () => Date;
  /** The HTTP client; the request queue wraps it with the pipeline's politeness limits. */
  fetcher?: Fetcher;
  scorer?: Scorer;
  progress?: RunProgress;
  /** Check every feed now, even those whose next check is later. */
  all?: boolean;
  /** Uniform in [0, 1), for the jitter of retry times. */
  random?: () => number;
  /** Asked by an interrupted caller: what is under way that must not be cut (an alert being delivered, a digest being written) finishes, nothing more starts. */
  stop?: RunStop;
  /** Told the run's id once it holds the run lock, so an interrupted caller can release it. */
  onRunStarted?: (runId: number) => void;
  /** The process the run lock is held for, and what is known of a holder's; this process and ownerState by default. */
  owner?: RunOwner;
  ownerState?: (owner: RunOwner) => OwnerState;
  /** How often the run shows it is alive (repo.markRunAlive); RUN_ALIVE_INTERVAL_MS by default. */
  aliveIntervalMs?: number;
  /** The most sources at work at once (see sourcesAtWork); by default from the pipeline's request concurrency. */
  sourcesAtWork?: number;
  /**
   * Whether the run goes by the database's clock when `now` differs from it by more than a minute (see
   * repo.databaseClock); by default when `now` is not given, the host's clock.
   */
  reckonByDatabaseClock?: boolean;
}

/** Times an article's page is asked for in all, when it fails for a passing reason; and how many retries a run makes per feed. */
const PAGE_ATTEMPTS = 3;
const PAGE_RETRIES_PER_FEED_RUN = 5;
/**
 * Failures that may pass: the page is tried again on later runs. A 404, a refusal or a page too large would not; a
 * wall put up for bots (`blocked`: a challenge, a block page) may, as an outlet's 503 does, and a certificate refused
 * (`tls`: one that lapsed is most often renewed within hours, and every page read meanwhile kept its teaser for good).
 */
const PASSING_PAGE_ERRORS = { codes: ['timeout', 'dns', 'dns_timeout', 'connection_refused', 'connection_reset', 'network', 'unreachable', 'http_429', 'blocked', 'tls'], patterns: ['http_5__'] };

/** How old a feed's last document (its last 2xx answer) may be before it is asked for without validators: three days. */
const FEED_REVALIDATED_AFTER_MS = 3 * 86_400_000;

/** Failures in a row at an address learnt from a permanent redirect before it takes turns with the pipeline file's URL. */
const MOVED_ADDRESS_MAX_FAILURES = 3;

/** Why a new article copies a stored original, when its date may make it the original: the same text, or nearly. */
const SUPERSEDING_REASONS = new Set(['content_hash', 'near_duplicate']);
// Syndicated copies often carry their original's time to the minute: only one published a minute or more before it
// goes first.
const SUPERSEDING_LEAD_MS = 60_000;
// Further apart than the near-copy window, a date is more likely a feed's error (a CMS's default, a year's typo).
const SUPERSEDING_REACH_MS = DEDUP_WINDOW_DAYS * 86_400_000;

/**
 * Whether an article published at `published` came out at least a minute, and less than the dedup window, before one
 * published at `other`. A date without a time of day (a bare day, or midnight, as feeds give one) tells no order
 * within its day, and a wire story of 09:00 is not later than a reprint dated the day alone.
 */
function isPublishedBefore(published: string | null, other: string | null): boolean {
  if (published === null || other === null || isDayAlone(published) || isDayAlone(other)) return false;
  const lead = Date.parse(other) - Date.parse(published);
  return lead >= SUPERSEDING_LEAD_MS && lead < SUPERSEDING_REACH_MS;
}

/** A stored date that names a day and no time of it: a bare `YYYY-MM-DD`, or midnight, as feeds give a day. */
function isDayAlone(date: string): boolean {
  return !date.includes('T') || date.includes('T00:00:00');
}

/** How far a story's stored label lags its headlines: worked out from `from` of them, `retitled` of which changed since. */
interface LabelLag {
  from: number;
  retitled: number;
}

interface FeedItemIdentity {
  sourceId: string;
  key: string;
  /** The link the feed gave. */
  link: string;
  /** Whether the item is known by a GUID (or a hash), not by its link. */
  hasGuid: boolean;
  title: string | null;
}

/** Whether an item is known by a GUID (or a hash), not by its link: its key is neither the link the feed gave nor its URL. */
function knownByGuid(key: string, feedLink: string, url: string): boolean {
  return key !== feedLink && key !== url;
}

/** An item ready to store: extracted, with the metadata of the feed and the page merged. */
interface PreparedArticle {
  raw: RawItem;
  extracted: ExtractedArticle;
  extractError: StageError | null;
  /** The item's page was asked for (whatever came of it). */
  pageAttempted: boolean;
  /** The link the feed gave, when `raw.url` is where its page was read after redirects. */
  feedLink?: string;
  /** How reading the page went wrong but not fatally (a guessed charset, bytes replaced): one report line, or null. */
  pageWarning?: string | null;
  /**
   * Its page was read after a redirect to another address than its link: `landing`, the identity that page would
   * give the article, and the item as it is when that page proves not to be its article (see pageNotTheArticle):
   * its feed's text under its own link, with the reason as a `redirected_away` error.
   */
  redirect?: { landing: string; away: (why: string) => PreparedArticle };
}

/** Cloudflare's mark of an answer that is its challenge, not the page, whatever its status. */
function isCloudflareChallenge(headers: Record<string, string>): boolean {
  return getHeader(headers, 'cf-mitigated')?.trim().toLowerCase() === 'challenge';
}

/** An article page that is a wall (see pageWall), `what` saying whose: tried again on later runs, as a 503 is. */
function walledPage(link: string, what: string): StageError {
  return { code: 'blocked', message: `article page ${urlForDisplay(link)}: ${what} answered, not the article` };
}

/** The error of an item whose link redirected to `landing`, a page that is not its article, for the reason `why`. */
function redirectedAway(link: string, landing: string, why: string): StageError {
  // `landing` is followed by " (": the run finds the items sent to a page by this (see landingTakenBy)
  return { code: 'redirected_away', message: `article page ${urlForDisplay(link)}: redirected to ${landing} (${why}); the feed's text is kept` };
}

/** What a run reads of one delivery of a feed's items to tell them and the articles stored from it apart. */
class FeedView {
  readonly itemCount: number;
  readonly keysInFeed: ReadonlySet<string>;
  /** How many items of the feed have each link. */
  readonly linksInFeed: ReadonlyMap<string, number>;
  /** How many items of the feed have each link, by its canonical URL. */
  private readonly canonicalLinks: ReadonlyMap<string, number>;
  /** How many items of the feed have each publication date. */
  private readonly dates: ReadonlyMap<string, number>;
  /** How many items of the feed have each headline. */
  private readonly headlines: ReadonlyMap<string, number>;
  /** Keys of stored articles the feed gave to another story in this delivery (see newItems). */
  private readonly keysGivenAway = new Set<string>();

  constructor(
    items: readonly RawItem[],
    private readonly now: Date,
  ) {
    this.itemCount = items.length;
    this.keysInFeed = new Set(items.map((item) => item.key));
    this.linksInFeed = countOf(items.map((item) => item.url));
    this.canonicalLinks = countOf(items.flatMap((item) => (item.hasPage ? [canonicalizeUrl(item.url)] : [])));
    this.dates = countOf(items.flatMap((item) => this.dateOf(item) ?? []));
    this.headlines = countOf(items.flatMap((item) => item.title ?? []));
  }

  /**
   * Whether the item's headline may be another story's as well as its own: missing, shared with another item of the
   * feed ("Press release", "Daily press briefing"), or in a feed of one item, where nothing shows it is not.
   */
  headlineMayRecur(item: RawItem): boolean {
    return item.title === null || this.itemCount === 1 || (this.headlines.get(item.title) ?? 0) > 1;
  }

  /** The item's publication date, null when unknown or implausible: as of this delivery, for every rule alike. */
  dateOf(item: RawItem): string | null {
    return plausiblePublicationDate(item.publishedAt, this.now);
  }

  /** Whether the item's date and a stored article's (`publishedAt`) are both known and differ. */
  dateDiffers(item: RawItem, publishedAt: string | null): boolean {
    const date = this.dateOf(item);
    return date !== null && publishedAt !== null && date !== publishedAt;
  }

  /**
   * Whether the item's link is its own: no other item of the feed has it, however written (tracking parameters, a
   * trailing slash), and it is not a site's home page (which one item of a feed whose items all link there may have
   * alone).
   */
  ownLink(item: RawItem): boolean {
    if (!item.hasPage) return false;
    const link = canonicalizeUrl(item.url);
    return this.canonicalLinks.get(link) === 1 && !isHomePage(link);
  }

  /**
   * The item's date when it tells the item apart: a time of day other than midnight, which no other item of the feed
   * has. A day alone, midnight, or a feed's build time given to every item, says nothing of which item this is.
   */
  tellingDate(item: RawItem): string | null {
    const date = this.dateOf(item);
    return date !== null && !isDayAlone(date) && this.dates.get(date) === 1 ? date : null;
  }

  giveAway(key: string): void {
    this.keysGivenAway.add(key);
  }

  /** Whether the feed gave a stored article's key to another story in this delivery. */
  givenAway(key: string): boolean {
    return this.keysGivenAway.has(key);
  }
}

/** The values by a key of each, in their order. */
function groupedBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}

/** How many times each value occurs. */
function countOf(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/** Whether a canonical URL is a site's home page: its root, or its index page, without a query. */
function isHomePage(url: string): boolean {
  try {
    const parsed = new URL(url);
    return /^\/(?:index\.(?:html?|php|aspx?))?$/i.test(parsed.pathname) && parsed.search === '';
  } catch {
    return false;
  }
}

/** How many members two sets share. */
function sharedCount(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared;
}

/** Words that tell one dated notice from the next ("… on 12 June", "… on Friday", "Issue 42"). */
const DATE_OR_NUMBER_WORD =
  /\d|^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)$/;

/**
 * Whether two headlines share half their words or more, counted against the longer, and differ in no date or number:
 * a typo fixed, a word changed, not the next of a series ("Vigil on 12 June", "Vigil on 19 June").
 */
function headlinesNear(a: string | null, b: string | null): boolean {
  const x = new Set(normalizedWords(a ?? ''));
  const y = new Set(normalizedWords(b ?? ''));
  if (x.size === 0 || y.size === 0 || sharedCount(x, y) * 2 < Math.max(x.size, y.size)) return false;
  const differing = [...x].filter((word) => !y.has(word)).concat([...y].filter((word) => !x.has(word)));
  return !differing.some((word) => DATE_OR_NUMBER_WORD.test(word));
}

/**
 * Whether two texts (normalizeText's words) share 70% of the shorter's words or more: text added, a sentence
 * corrected, rather than another text.
 */
function textKept(a: string, b: string): boolean {
  const x = wordSet(a);
  const y = wordSet(b);
  return x.size > 0 && y.size > 0 && sharedCount(x, y) >= 0.7 * Math.min(x.size, y.size);
}

/** Whether a text (normalizeText's words) has every word of another, which has some: text added, none taken away. */
function textKeptWhole(a: string, b: string): boolean {
  const x = wordSet(a);
  const y = wordSet(b);
  return y.size > 0 && sharedCount(y, x) === y.size;
}

/** The distinct words of a text given as normalizeText's words. */
function wordSet(text: string): Set<string> {
  return new Set(text.split(' ').filter(Boolean));
}

/** The words of an item's description or content (HTML or text), as saysTheSame compares them; '' for none. */
function feedWords(html: string | null): string {
  return html ? normalizeText(htmlToText(html)) : '';
}

/** An item's link, as its feed gave it, and its headline: what sameArticle compares. */
function describedItem(item: PreparedArticle): { link: string; title: string | null } {
  return { link: item.feedLink ?? item.raw.url, title: item.raw.title };
}

/**
 * Whether two items are one article, for pages their links redirect to: the same link, or the same headline (one
 * may add the outlet's name, as Google News does: "Headline - Outlet"). Unknown headlines are not the same.
 */
function sameArticle(a: { link: string; title: string | null }, b: { link: string; title: string | null }): boolean {
  if (canonicalizeUrl(a.link) === canonicalizeUrl(b.link)) return true;
  const [x, y] = [normalizeText(a.title ?? ''), normalizeText(b.title ?? '')].sort((p, q) => p.length - q.length);
  return x !== '' && (x === y || y!.startsWith(`${x} `));
}

/**
 * The pages (canonical URLs) that items of one feed document link to under different keys: a press list's
 * `/press#item-1` beside `/press#item-2`, a newsletter whose every item links to its home page, a briefing at one
 * address whose editions are items of their own. Such a page is no one item's article (a list of them, or whatever it
 * shows today), so each keeps its feed's text rather than the page's (read once, it would give them all one text:
 * copies of the first).
 */
function sharedPages(items: readonly RawItem[]): Set<string> {
  const keys = new Map<string, Set<string>>();
  for (const item of items) {
    if (!item.hasPage) continue;
    const page = canonicalizeUrl(item.url);
    const seen = keys.get(page) ?? new Set<string>();
    seen.add(item.key);
    keys.set(page, seen);
  }
  return new Set([...keys].filter(([, seen]) => seen.size > 1).map(([page]) => page));
}

/** Scripts written without spaces between words, whose headlines titleSharesNoWord cannot split into words. */
const UNSPACED_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;

/**
 * Whether a page's title shares not one word of four letters or more with an item's headline, which has two such
 * words or more. A page an item's link was redirected to whose title says none of its headline is no article of it
 * (a consent, region or paywall page), even the first time an outlet sends a link there; an outlet's own retitling,
 * or its name added ("Headline | Outlet"), keeps words of the headline. Headlines in scripts without spaces, and
 * pages without a title, are not judged.
 */
function titleSharesNoWord(headline: string | null, pageTitle: string | null): boolean {
  if (!headline || !pageTitle || UNSPACED_SCRIPT.test(headline)) return false;
  const significant = (text: string) => normalizedWords(text).filter((word) => [...word].length >= 4);
  const words = significant(headline);
  if (words.length < 2) return false;
  const titleWords = new Set(significant(pageTitle));
  return !words.some((word) => titleWords.has(word));
}

/** Whether a page that may be a wall (see PageWall.weak) says nothing of an item's headline: no title, or one sharing no word. */
function saysNothingOf(headline: string | null, pageTitle: string | null): boolean {
  return pageTitle === null ? headline !== null : titleSharesNoWord(headline, pageTitle);
}

/** How many fetched pages a run remembers, so that a page linked twice is fetched once (fetchArticlePage). */
const PAGES_REMEMBERED = 500;

/**
 * An article's page, read and extracted, or why there is none (`notSent`: the request queue held it back).
 * `landing`: read after a redirect to another address than the link, the identity that page would give the article.
 */
type FetchedPage =
  /** `weakWall`: what the page is when only its title or a sentence says it is a wall (see PageWall.weak), for the caller to judge by the headline */
  | { extracted: ExtractedArticle; url: string; warning: string | null; landing: string | null; weakWall: string | null }
  | { error: StageError; notSent?: true };

/** An article whose page was asked for again (see retryPages), and what came of it. */
interface RetriedPage {
  entry: { id: number; item_key: string; url: string; page_attempts: number };
  page: FetchedPage;
}

function toKnown(row: repo.DedupKeyRow): KnownArticle {
  return {
    id: row.id,
    canonicalUrl: row.canonical_url,
    contentHash: row.content_hash,
    nearSignature: row.near_signature,
    topicSignature: row.topic_signature,
    storyId: row.story_id,
    publishedAt: row.published_at,
    fetchedAt: row.fetched_at,
    duplicateOf: row.duplicate_of,
  };
}

/** The parts of [from, to] that none of `spans` (sorted, disjoint, inclusive) covers. */
function uncoveredSpans(from: number, to: number, spans: readonly [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let start = from;
  for (const [lo, hi] of spans) {
    if (hi < start) continue;
    if (lo > to) break;
    if (lo > start) out.push([start, lo]);
    start = Math.max(start, hi);
  }
  if (start < to) out.push([start, to]);
  return out;
}

/** Adds [from, to] to `spans`, keeping them sorted and disjoint: the spans it meets are joined to it. */
function addSpan(spans: [number, number][], from: number, to: number): void {
  let joined: [number, number] = [from, to];
  const apart = spans.filter(([lo, hi]) => {
    if (hi < from || lo > to) return true;
    joined = [Math.min(joined[0], lo), Math.max(joined[1], hi)];
    return false;
  });
  spans.splice(0, spans.length, ...[...apart, joined].sort((a, b) => a[0] - b[0]));
}

function storedArticle(row: ArticleRow): ExtractedArticle {
  return {
    url: row.url, canonicalUrl: row.canonical_url, title: row.title, byline: row.byline, publishedAt: row.published_at,
    modifiedAt: row.modified_at, lang: row.lang, siteName: row.site_name, image: row.image, text: row.text, partial: row.partial === 1,
  };
}

/** The source's server answered with Retry-After, and that time has not come. */
function askedToWait(row: SourceRow | undefined, at: Date): boolean {
  return !!row?.server_wait_until && Date.parse(row.server_wait_until) > at.getTime();
}

/**
 * The feed sources that read a feed another source lists before them, by that one's id: the same URL, or one written
 * with `www.` or without, over http or https, with a trailing slash or its query in another order (see sameFeedKey),
 * with the same login. Both store every item, and stories and the digest count two outlets: usually one was pasted
 * twice.
 */
function sourcesOfOneFeed(sources: readonly SourceDefinition[]): Map<string, string> {
  const firstByKey = new Map<string, string>();
  const out = new Map<string, string>();
  for (const source of sources) {
    if (source.kind !== 'feed') continue;
    // a login is the user's, not the feed's spelling: two logins may read two users' private feeds
    const key = `${sameFeedKey(source.url)} ${loginOf(source.url)}`;
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, source.id);
    else out.set(source.id, first);
  }
  return out;
}

/** The login a URL carries, as written, or ''. */
function loginOf(url: string): string {
  try {
    const { username, password } = new URL(url);
    return username === '' && password === '' ? '' : `${username}:${password}`;
  } catch {
    return '';
  }
}

/** A link's canonical URL without its query: where it leads, as a moved article's link is told apart (see newItems). */
function withoutQuery(url: string): string {
  return canonicalizeUrl(url).replace(/[?#].*$/, '');
}

/**
 * What to tell a user when a feed's every item is new and its oldest was published after the feed's last good check,
 * later than two items at its pace then (paceAtCheck) would come: the feed lists fewer items than it published since,
 * and those between may have left it unread (checks too far apart for its pace, a server that answered 304 or
 * nothing meanwhile). Null otherwise: an undated item, no pace known, or no check to compare with (a first read, one
 * since the source's URL was changed to another feed).
 */
function unreadGapWarning(items: readonly RawItem[], freshCount: number, row: SourceRow | undefined): string | null {
  const lastReadAt = row?.last_success_at ?? null;
  if (lastReadAt === null || items.length < 2 || freshCount < items.length) return null;
  if (row?.location_changed_at && row.location_changed_at > lastReadAt) return null;
  const pace = paceAtCheck(repo.lastReadPublished(row) ?? [], Date.parse(lastReadAt));
  if (pace === null) return null;
  const times = items.map((item) => (item.publishedAt === null ? Number.NaN : Date.parse(item.publishedAt)));
  if (times.some((time) => !Number.isFinite(time))) return null;
  const oldest = times.reduce((a, b) => Math.min(a, b));
  if (oldest - Date.parse(lastReadAt) <= 2 * pace) return null;
  const shown = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `all ${items.length} items are new, the oldest published ${shown(oldest)}, after the feed's last good check at ${shown(Date.parse(lastReadAt))}: items published between may have left the feed unread`;
}

/** A 429 teaches a rate limit only when it came this soon after the check before (see learntRateLimit). */
const RATE_LIMIT_LEARNT_WITHIN_SECONDS = 3_600;
/** The longest interval a 429 sets as a feed's rate limit, so a server's bad hour cannot slow a feed for long. */
const LONGEST_RATE_LIMIT_SECONDS = 7_200;

/**
 * The rate limit a feed's own 429 shows, when it came within RATE_LIMIT_LEARNT_WITHIN_SECONDS of the check before and
 * that check was answered (a good answer: the feed's error streak is 0, so the time between is one between two
 * requests the server had): the server allows no less than twice that interval (or the limit it showed before, if
 * longer and still held), held at LONGEST_RATE_LIMIT_SECONDS. Null when the answer teaches nothing: another status,
 * a request the queue held back (the host's wait, not this feed's answer), a first check, a check after a failure,
 * or a 429 after a long quiet (an overloaded server).
 */
function learntRateLimit(result: { httpStatus: number | null; error: StageError | null }, row: SourceRow | undefined, at: Date): number | null {
  if (result.httpStatus !== 429 || result.error?.notSent || !row?.last_checked_at || row.error_streak > 0) return null;
  const since = (at.getTime() - Date.parse(row.last_checked_at)) / 1000;
  if (!(since > 0) || since > RATE_LIMIT_LEARNT_WITHIN_SECONDS) return null;
  return Math.round(Math.min(LONGEST_RATE_LIMIT_SECONDS, Math.max(repo.currentRateLimit(row, at) ?? 0, 2 * since)));
}

/**
 * Failures that say a feed's host was down, not that the feed is wrong: a request it left unanswered (the request
 * queue's UNANSWERED_CODES), a connection it broke, or a 5xx of an overloaded or failing server.
 */
const HOST_DOWN_CODES = new Set([...UNANSWERED_CODES, 'connection_reset', 'network', 'http_500', 'http_502', 'http_503', 'http_504']);
/** The span a host's failing feeds are spread over when it answers again (see bringRecoveredHostsForward). */
const RECOVERY_SPREAD_SECONDS = 900;

/**
 * A failure's code as a next check's reason names it: a request the queue held back is no answer of the feed's
 * (`http_429, not sent: its host asked to wait`), though it counts as a failure.
 */
function heldOrCode(error: StageError): string {
  if (!error.notSent) return error.code;
  return `${error.code}, not sent: ${error.code.startsWith('http_') ? 'its host asked to wait' : 'its host left requests unanswered'}`;
}

/** How far ahead of the run a publication date may be (time zones, scheduled posts) before it is a clock error. */
const FUTURE_DATE_TOLERANCE_MS = 86_400_000;

/**
 * A publication date, unless it is more than a day after `at`: such an item is dated by when it was first seen, as
 * an undated one is, since a feed or page with a broken clock (2099) would otherwise put the trend chart decades ahead.
 */
function plausiblePublicationDate(iso: string | null, at: Date): string | null {
  return iso !== null && Date.parse(iso) > at.getTime() + FUTURE_DATE_TOLERANCE_MS ? null : iso;
}

/** The earlier of two publication dates; a missing one is no earlier than the other. */
function earliestDate(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

/** The dates, in the time zone, of every calendar day from the instant `first` to the instant `last`, in order. */
function calendarDays(first: string, last: string, timeZone: string): string[] {
  const end = localDate(new Date(last), timeZone);
  const days = [localDate(new Date(first), timeZone)];
  while (days.at(-1)! < end) days.push(addDays(days.at(-1)!, 1));
  return days;
}

/**
 * The days back a daily digest is emailed: a run sends each of the last three complete days' digests that a channel
 * has not had, oldest first. With one run a morning that is three tries at each, so a relay down over a weekend
 * (Saturday's and Sunday's runs refused) costs no digest, while a machine back from a week off sends none of the days
 * it was off (no run watched them) and gives up, once, what was left unsent from before.
 */
export const DIGEST_EMAIL_DAYS = 3;

/** The dates from `first` to `last`, both `YYYY-MM-DD`, in order; none when `first` is after `last`. */
function datesFrom(first: string, last: string): string[] {
  const dates: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}

/**
 * Sends each channel that takes the digest (an email channel's `digest`) the digests of the last DIGEST_EMAIL_DAYS
 * complete days, in the digest's time zone, that it has not been sent, oldest first: the first run after midnight sends
 * yesterday's, the day's later runs send nothing, and one a channel refused is tried again by the next runs until it
 * leaves the window, when the run that gives it up reports it (`digestEmailsGivenUp`), once. A channel that refuses a
 * day is not asked for the next in the same run, as for alerts. Not a day no run began on (before the first run, or
 * with the machine off): it would report as quiet a day nobody watched. Nor, to a channel, a day before the day before
 * a run first saw it take the digest (see seeDigestChannel): added today, it gets yesterday's, not a backlog from
 * before it existed. A day a run watched and found nothing is sent, so readers can tell a quiet day from a broken job.
 * Each day goes to a channel once: recorded when the server took it, under the run lock.
 */
async function emailDigest(
  options: RunOptions,
  now: () => Date,
): Promise<Pick<RunReport, 'digestEmailsSent' | 'digestEmailsFailed' | 'digestEmailsGivenUp' | 'recipientsRefused'>> {
  const { loaded, store, stop } = options;
  const { pipeline } = loaded;
  const takers = options.channels.filter((channel) => channel.deliverDigest);
  const none = { digestEmailsSent: [], digestEmailsFailed: [], digestEmailsGivenUp: [], recipientsRefused: [] };
  if (takers.length === 0) return none;
  // as before a digest is written: stopped, the process is ending, and no message is begun
  stop?.throwIfRequested();
  const tz = pipeline.digest.timeZone;
  const at = now().toISOString();
  const yesterday = addDays(localDate(now(), tz), -1);
  const oldest = addDays(yesterday, 1 - DIGEST_EMAIL_DAYS);
  const seen = [];
  for (const channel of takers) {
    const { firstSeenAt, givenUpThrough } = await repo.seeDigestChannel(store.db, { pipelineId: pipeline.id, channel: channel.name, at });
    const from = addDays(localDate(new Date(firstSeenAt), tz), -1);
    // the first of its days not yet sent nor given up
    const open = givenUpThrough !== null && addDays(givenUpThrough, 1) > from ? addDays(givenUpThrough, 1) : from;
    seen.push({ channel, from, open, givenUpThrough });
  }
  const earliest = seen.map(({ open }) => open).sort()[0]!;
  // this run's start, when it is the pipeline's first here
  const firstRunAt = (await repo.firstRunStartedAt(store.db, pipeline.id)) ?? at;
  const sent = await repo.digestDaysEmailed(store.db, pipeline.id, earliest, yesterday);
  // a day no run began on has nothing in its digest (a day's articles are those fetched on it): a machine back from a
  // few days off would mail "no on-topic articles" for days nobody watched
  const watched = new Set((await repo.runStartsBetween(store.db, pipeline.id, dayBounds(earliest, tz).start, dayBounds(yesterday, tz).end))
    .map((start) => localDate(new Date(start), tz)));
  const unsent = (channel: AlertChannel, first: string, last: string) =>
    datesFrom(first, last).filter((date) => watched.has(date) && !sent.get(channel.name)?.has(date));

  // Days that left the window unsent: reported by the one run that moves the channel's mark past them.
  const digestEmailsGivenUp: RunReport['digestEmailsGivenUp'] = [];
  const lastGivenUp = addDays(oldest, -1);
  for (const { channel, open, givenUpThrough } of seen) {
    if (givenUpThrough !== null && givenUpThrough >= lastGivenUp) continue;
    if (await repo.claimDigestsGivenUp(store.db, { pipelineId: pipeline.id, channel: channel.name, previous: givenUpThrough, through: lastGivenUp })) {
      digestEmailsGivenUp.push(...unsent(channel, open, lastGivenUp).map((date) => ({ channel: channelLabel(channel.name), date })));
    }
  }

  const due = seen.map(({ channel, from }) => ({ channel, dates: unsent(channel, from > oldest ? from : oldest, yesterday) })).filter(({ dates }) => dates.length > 0);
  const digests = new Map<string, ReturnType<typeof loadDigestData>>();
  const digestOf = (date: string) => digests.get(date) ?? digests.set(date, loadDigestData(loaded, store, date, at)).get(date)!;
  type Outcome = { channel: string; date: string; refusal: string | null; partly?: RecipientsRefused | void };
  // side by side, as alerts are: a relay that hangs does not hold up another channel's digest
  const outcomes = await Promise.all(
    due.map(async ({ channel, dates }) => {
      const label = channelLabel(channel.name);
      const done: Outcome[] = [];
      let refused: string | null = null;
      for (const date of dates) {
        // one being handed over when a stop comes is seen through and recorded, or the next run would send it again
        if (stop?.requested) break;
        if (refused !== null) {
          done.push({ channel: label, date, refusal: `not tried after the digest of ${refused} failed` });
          continue;
        }
        // sent to some recipients and refused for others, it is sent: those who have it must not get it twice
        const send = async (): Promise<{ refusal: string | null; partly?: RecipientsRefused | void }> => {
          // the store failing to read the day is no refusal of the channel's: it ends the run, as before
          const digest = await digestOf(date);
          let partly: RecipientsRefused | void;
          try {
            partly = await channel.deliverDigest!(digest, digestKey(pipeline.id, firstRunAt, date));
          } catch (error) {
            // cut as an alert's error is: a URL in it shows its origin only
            return { refusal: withoutSecrets((error as Error).message) };
          }
          await repo.recordDigestEmail(store.db, { pipelineId: pipeline.id, channel: channel.name, date, sentAt: now().toISOString() });
          return { refusal: null, partly };
        };
        const outcome = await (stop ? stop.hold(send(), `the digest email of ${date} to ${label}`) : send());
        done.push({ channel: label, date, ...outcome });
        if (outcome.refusal !== null) refused = date;
      }
      return done;
    }),
  );
  // oldest day first, then the channels in the pipeline's order
  const all = outcomes.flat().sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    digestEmailsSent: all.flatMap(({ channel, date, refusal }) => (refusal === null ? [{ channel, date }] : [])),
    digestEmailsFailed: all.flatMap(({ channel, date, refusal }) => (refusal !== null ? [{ channel, date, error: refusal, retryUntil: addDays(date, DIGEST_EMAIL_DAYS) }] : [])),
    digestEmailsGivenUp,
    recipientsRefused: all.flatMap(({ channel, date, partly }) => (partly ? [{ channel, ...partly, alertIds: [], digestDate: date }] : [])),
  };
}

/**
 * What a source's check records when `failed` of its `total` new items could not be stored: how many, and the first
 * item's reason (the report lists them all), so `sources` says why the source is read again soon.
 */
function storeFailure(report: SourceReport, failed: number, total: number): StageError {
  const first = report.itemErrors.find((item) => item.error.code === 'store');
  return {
    code: 'store',
    message: `${failed} of ${total} new item${total === 1 ? '' : 's'} could not be stored${first ? ` (first, ${first.key}: ${first.error.message})` : ''}; read again next run`,
  };
}

function sourceLocation(source: SourceDefinition): string {
  return source.kind === 'feed' ? source.url : source.glob;
}


/**
 * Whether a finished run is "partial" (exit 1): a source or an item failed, a channel refused an alert, an alert
 * was given up for a channel that still takes alerts (for a channel the user removed or switched off, that is
 * expected), or an email's server refused some of its recipients (they got nothing, and a cron job must say so).
 */
export function runHadFailures(report: RunReport): boolean {
  return (
    report.sources.some((s) => s.outcome === 'failed' || s.itemErrors.length > 0) ||
    report.alertsFailed.length > 0 ||
    report.alertsExpired.some((expired) => expired.configured) ||
    report.digestEmailsFailed.length > 0 ||
    report.digestEmailsGivenUp.length > 0 ||
    report.digestsFailed.length > 0 ||
    report.recipientsRefused.length > 0
  );
}

/**
 * The store turns of `count` sources (see runPipeline): turn `index` opens once every source before it has released
 * its turn. Each waits on the one before it only, which opens after all earlier ones: a promise or two per source,
 * where waiting on all earlier sources took one reaction per pair of sources (half a gigabyte at 3,000 sources).
 */
export function storeTurns(count: number): { open(index: number): Promise<unknown>; release(index: number): void } {
  const releasers: (() => void)[] = [];
  const released = Array.from({ length: count }, () => new Promise<void>((resolve) => releasers.push(resolve)));
  // both: a source may release its turn before it opens (not due, failed)
  const opened: Promise<unknown>[] = [Promise.resolve()];
  for (let i = 1; i < count; i++) opened.push(Promise.all([opened[i - 1], released[i - 1]]));
  return { open: (index) => opened[index]!, release: (index) => releasers[index]!() };
}

/**
 * How many sources may be at work at once, fetching or holding what they fetched until their store turn (see
 * runPipeline), for a request queue of `concurrency`. Started all at once, every source fetched and prepared its
 * articles before the store reached it: memory grew with the pipeline (3.45 GB at 3,000 feeds before the first
 * article was stored). Sixteen sources per request in flight keep the queue busy when a few hosts' gaps hold their
 * sources back, or a slow feed holds the store, while what waits to be stored stays bounded.
 */
export function sourcesAtWork(concurrency: number): number {
  return Math.max(64, 16 * concurrency);
}

/**
 * One run of a pipeline: ingest every source, extract, deduplicate, score, store, alert, write the day's digest, email
 * the day before's. The only place where stages, store and queue meet. A failing source is reported, never fatal;
 * re-running is safe because every write is keyed (source + item, article + scorer version, article + alert channel,
 * day, digest channel + day).
 */
export async function runPipeline(options: RunOptions): Promise<RunReport> {
  const { loaded, store } = options;
  const { pipeline, rootDir } = loaded;
  // a channel for the digest only (an email channel's `alerts: false`) is queued no alert
  const channels = options.channels.filter((channel) => channel.takesAlerts !== false);
  const hostNow = options.now ?? (() => new Date());
  const db = store.db;
  const { now, hostAheadSeconds } = (options.reckonByDatabaseClock ?? options.now === undefined) ? await repo.databaseClock(db, hostNow) : { now: hostNow, hostAheadSeconds: null };
  const random = options.random ?? Math.random;
  const scorer = options.scorer ?? createScorer(pipeline.topic, pipeline.stance);
  const fetchOptions = fetchOptionsFrom(pipeline.fetch);

  const startedAt = now().toISOString();
  await repo.syncSources(
    db,
    pipeline.id,
    pipeline.sources.map((s) => ({ id: s.id, kind: s.kind, name: s.name, location: sourceLocation(s) })),
    startedAt,
  );
  const runId = await repo.startRun(db, pipeline.id, startedAt, { owner: options.owner ?? thisProcess(), ownerState: options.ownerState ?? ownerState });
  options.onRunStarted?.(runId);
  const showingAlive = showAlive(db, runId, options.aliveIntervalMs ?? repo.RUN_ALIVE_INTERVAL_MS, options.stop);
  try {
    // The dedup window (see isInDedupWindow): the articles first seen in the last fortnight, loaded now, and those
    // that appeared around each new article's date, loaded as articles from further back come (a backlog).
    const windowStart = new Date(now().getTime() - DEDUP_WINDOW_DAYS * 86_400_000).toISOString();
    const recent = await repo.recentDedupKeys(db, pipeline.id, windowStart);
    const known: KnownArticle[] = recent.map(toKnown);
    const knownIds = new Set(known.map((article) => article.id));
    // `known` indexed for findDuplicate's questions (same answers, without a scan per article): told of every
    // change to an entry's keys or original; story merges it need not hear of.
    const duplicates = new DuplicateIndex(known);
    // `known` by headline, for aggregators' items, which share only that with the outlet's article (see
    // headlineCandidates): told of every title an entry takes.
    const headlines = new HeadlineIndex();
    for (const row of recent) headlines.add(row.id, row.title);
    const sourcesById = new Map(pipeline.sources.map((source) => [source.id, source]));
    // Spans of appearance times (ms, inclusive, sorted, disjoint) whose articles are all in `known` (those first
    // seen since windowStart are from the start).
    const loadedSpans: [number, number][] = [];

    // The keys each source read in this run delivered (see newItems), to tell its own backlog delivered again under
    // other keys from a copy beside it (see coverageOf).
    const deliveredKeys = new Map<string, ReadonlySet<string>>();

    // Titles of the stories this run touched, so relabelling a story does not reload them for every new article.
    const storyTitleCache = new Map<number, string[]>();
    // Stories whose stored label was worked out from fewer of their titles than they have: from how many. A large
    // story is relabelled as it grows (see relabelsNow), and once more when the run's articles are stored; anything
    // else that changes its titles settles its label first, so every label ends as relabelling on each article left it.
    const labelsBehind = new Map<number, LabelLag>();
    // Dedup and story assignment read what earlier articles wrote, so storing is serial and in a fixed order, the
    // sources' order in the pipeline file; fetching is not. Were sources stored as their servers answered, which copy
    // is the original and whether two reports make one story would change from run to run (and database to database).
    // A source fetches everything first, then waits for its turn: until every earlier source has stored, or finished
    // without storing. Each releases its turn once, when it has stored or, at the latest, when it ends (not due,
    // failed, thrown); a turn waits only on earlier sources, which never wait on a later one, so none deadlocks.
    const turns = storeTurns(pipeline.sources.length);
    // Sources start in the pipeline file's order, a bounded number at work at once (see sourcesAtWork). The earliest
    // unfinished source is always among those at work, and its turn waits on finished ones only: the bound cannot
    // deadlock the turns.
    const sourceSlots = new PQueue({ concurrency: options.sourcesAtWork ?? sourcesAtWork(pipeline.fetch.concurrency) });
    /**
     * Before each write of a store turn: on SQLite every query is synchronous underneath (its await resolves as a
     * microtask), so without this a run of sources would store in one stretch of the event loop, with fetches'
     * answers unread (recorded as timeouts), hosts' gaps unkept and a Ctrl-C unheard. Once a stop is asked, nothing
     * more is stored (what was stays stored, each article being its own transaction).
     */
    async function beforeWrite(): Promise<void> {
      await new Promise((resolve) => setImmediate(resolve));
      options.stop?.throwIfRequested();
    }
    /**
     * Makes the writes of the source at `index` that dedup and stories read, in its turn (once per source), then
     * releases the turn: the revisions of its stored articles, their retried pages, then its new items in the order
     * given. Returns how many new items could not be stored. A source with nothing to write waits on no other.
     */
    async function storeInTurn(
      index: number,
      source: SourceDefinition,
      report: SourceReport,
      { revisions, retried = [], prepared }: { revisions: readonly (() => Promise<void>)[]; retried?: readonly RetriedPage[]; prepared: readonly PreparedArticle[] },
    ): Promise<number> {
      if (revisions.length + retried.length + prepared.length === 0) return 0;
      options.progress?.sourceWaitingToStore?.(report);
      await turns.open(index);
      try {
        for (const revise of revisions) {
          await beforeWrite();
          await revise();
        }
        for (const { entry, page } of retried) {
          await beforeWrite();
          await storeRetriedPage(entry, page, source, report);
        }
        return await storeAll(prepared, source, report);
      } finally {
        turns.release(index);
      }
    }
    let processed = 0;
    let done = 0;
    // A file's article, extracted once per run: to refuse a capture with no text, to compare it with the stored one
    // and to store it.
    const captureArticles = new WeakMap<RawItem, ExtractedArticle>();
    const captureArticle = (item: RawItem): ExtractedArticle => {
      let extracted = captureArticles.get(item);
      if (!extracted) {
        extracted = extractArticle(item.body ?? '', item.bodyFormat, item.url);
        captureArticles.set(item, extracted);
      }
      return extracted;
    };

    /**
     * What each files source's read refused, with what was remembered of its refusals before: remembered in turn
     * once the run has reported them, at its end (see rememberRefusedFiles).
     */
    const refusals: { report: SourceReport; known: ReadonlyMap<string, repo.FileRefusal>; refused: repo.FileRefusal[] }[] = [];

    // Feed sources that share an address (one feed listed twice, or two that moved to one place) share one fetch.
    const sourceRows = new Map((await repo.listSources(db, pipeline.id)).map((row) => [row.id, row]));
    /** Feed sources that read the feed an earlier source of the pipeline reads, by the earlier one's id (see sameFeedKey). */
    const readsFeedOf = sourcesOfOneFeed(pipeline.sources);
    // An address learnt from a permanent redirect is used until it fails a few times in a row; then it takes turns
    // with the pipeline file's URL, so an outlet that moved back (or set the redirect up by mistake) does not lose the
    // feed, and neither does one that retired its old URL while the new address was briefly down. The learnt address
    // is stored without a login: it gets the pipeline file's one on the same origin, as a relative redirect did.
    const movedAddress = (source: FeedSourceDefinition, movedTo: string): string => requestAddress(withCredentialsOf(movedTo, source.url));
    const feedAddress = (source: FeedSourceDefinition): string => {
      const row = sourceRows.get(source.id);
      if (!row?.moved_to) return requestAddress(source.url);
      const useMovedAddress = row.error_streak < MOVED_ADDRESS_MAX_FAILURES || (row.error_streak - MOVED_ADDRESS_MAX_FAILURES) % 2 === 1;
      return useMovedAddress ? movedAddress(source, row.moved_to) : requestAddress(source.url);
    };
    const feedSharers = new Map<string, FeedSourceDefinition[]>();
    for (const source of pipeline.sources) {
      if (source.kind !== 'feed') continue;
      const address = feedAddress(source);
      feedSharers.set(address, [...(feedSharers.get(address) ?? []), source]);
    }
    // A host's pause outlasting the run that was asked holds the next runs too (see host_waits), for every request to
    // it; `sources recheck` forgets it. The queue's clock is steadyNow(), the run's now(), the host's Date.now().
    const toQueueClock = (iso: string) => steadyNow() + (Date.parse(iso) - now().getTime());
    const fromQueueClock = (ms: number) => new Date(now().getTime() + (ms - steadyNow())).toISOString();
    const fromHostClock = (ms: number) => new Date(now().getTime() + (ms - Date.now())).toISOString();
    const heldOver = (await activeHostWaits(db, pipeline.id, now().toISOString())).map((wait) => ({ ...wait, until: toQueueClock(wait.until) }));
    // the pauses this run is asked for with an end, the latest per host, stored for the next runs once the sources end
    const askedPauses = new Map<string, HostWaitRecord>();
    const pauseAsked = ({ host, until, status, askedBy }: AskedPause) => {
      const wait = { host, until: fromQueueClock(until), status, askedBy };
      if ((askedPauses.get(host)?.until ?? '') < wait.until) askedPauses.set(host, wait);
    };
    // hosts that refused requests at the pipeline's pace (429 or 503 without Retry-After), and the gap they were slowed to
    const slowedHosts = new Map<string, number>();
    const fetcher = createRequestQueue(
      { ...pipeline.fetch, waits: options.progress?.waits, heldOver, pauseAsked, slowedDown: (host, gapMs) => slowedHosts.set(host, gapMs) },
      options.fetcher ?? fetchUrl,
    );
    const feedFetches = new Map<string, { result: Promise<FeedIngestResult>; takersLeft: number }>();
    // Whether an address is due is decided once, so the sources sharing it cannot disagree (the clock moves on).
    const addressDue = new Map<string, boolean>();

    /** One fetch per address and run, whichever of the sources sharing it asks first; held only until all have it. */
    function fetchFeedOnce(address: string, sharers: readonly FeedSourceDefinition[]): Promise<FeedIngestResult> {
      let shared = feedFetches.get(address);
      if (!shared) {
        const states = sharers.map((s): FeedState => {
          const row = sourceRows.get(s.id);
          return { etag: row?.etag ?? null, lastModified: row?.last_modified ?? null, bodyHash: row?.body_hash ?? null, validatorsUrl: row?.validators_url ?? null };
        });
        // A conditional GET only when every sharer has read the same version: "not modified" must be true for all.
        const sameVersion = states.every((state) => JSON.stringify(state) === JSON.stringify(states[0]));
        // Nor when a sharer's last document is three days old: a server or cache answering 304 to every conditional
        // request, whatever the feed holds, showed a frozen feed as checked; unchanged, the document counts as not
        // modified all the same by its hash.
        const revalidate = sharers.some((s) => {
          const read = sourceRows.get(s.id)?.last_document_at;
          return !read || now().getTime() - Date.parse(read) >= FEED_REVALIDATED_AFTER_MS;
        });
        const previous = !sameVersion ? { etag: null, lastModified: null, bodyHash: null, validatorsUrl: null } : revalidate ? { ...states[0]!, etag: null, lastModified: null } : states[0]!;
        // The host and port of a URL in the pipeline file are trusted (they may be private); the links inside the feed
        // to other hosts or ports, redirects there and an address learnt from a permanent redirect are not.
        const named = sharers.find((s) => trustedHostOf(s.url) === trustedHostOf(address)) ?? sharers[0]!;
        const result = ingestFeed({ id: sharers[0]!.id, url: address }, previous, fetcher, { ...fetchOptions, trustedHostname: trustedHostOf(named.url) });
        shared = { result, takersLeft: sharers.length };
        feedFetches.set(address, shared);
      }
      if (--shared.takersLeft === 0) feedFetches.delete(address);
      return shared.result;
    }

    /**
     * Puts in `known` every article that appeared within the dedup window of `at` (published then, or undated and
     * first seen then), so an article of a backlog is compared with the coverage of its own days. Only spans not
     * loaded before are asked for: a run's articles cost one query per new stretch of dates they reach back to.
     * `conn`: the transaction an article is being placed again in (see reviseCapture), else the database.
     */
    async function loadAppearedAround(at: string, conn: Kysely<Database> = db): Promise<void> {
      const atMs = Date.parse(at);
      if (Number.isNaN(atMs)) return;
      const reach = DEDUP_WINDOW_DAYS * 86_400_000;
      for (const [from, to] of uncoveredSpans(atMs - reach, atMs + reach, loadedSpans)) {
        for (const row of await repo.dedupKeysAppearedBetween(conn, pipeline.id, new Date(from).toISOString(), new Date(to).toISOString(), windowStart)) {
          if (knownIds.has(row.id)) continue;
          const article = toKnown(row);
          known.push(article);
          knownIds.add(article.id);
          duplicates.add(article);
          headlines.add(row.id, row.title);
        }
        addSpan(loadedSpans, from, to);
      }
    }

    /**
     * What an article with these keys, appearing at `at`, copies, if anything: the article it shares its canonical
     * URL or its text with, at any age (indexed lookups in the store), else a near-copy in its dedup window, else,
     * when the article (`byHeadline`) is an aggregator's item, the outlet's article it stands for (see
     * aggregator-copy.ts), else, given its `text`, the article under its headline that it is a teaser of (see
     * teaser-copy.ts). The answer is the original, at the root of any chain of copies. `self`, an article being
     * re-read, is not its own original, and neither are its copies (a page read on a retry has the URL of the copies
     * found meanwhile). Nor are the copies of `notCopiesOf`, an edited article whose copies are being re-read (see
     * recheckCopiesOf). Afterwards `known` holds the window of `at`, for the story. Read through `conn` (see
     * loadAppearedAround). `underHeadline` reads the articles under its headline (see headlineCandidates): a caller
     * that needs them too gives one read for both.
     */
    async function originalOf(
      keys: DedupKeys,
      at: string,
      {
        self = null,
        notCopiesOf = null,
        conn = db,
        item = null,
        byHeadline = null,
        text = null,
        underHeadline = () => headlineCandidates(byHeadline?.title ?? null, conn, self, notCopiesOf),
      }: {
        self?: number | null; notCopiesOf?: number | null; conn?: Kysely<Database>; item?: FeedItemIdentity | null; byHeadline?: HeadlineArticle | null; text?: string | null;
        underHeadline?: () => Promise<StoredHeadlineArticle[]>;
      } = {},
    ): Promise<DuplicateMatch | null> {
      await loadAppearedAround(at, conn);
      for (const key of exactDuplicateKeys(keys)) {
        const match =
          key.reason === 'canonical_url' && item !== null
            ? (await repo.articlesWithKey(conn, pipeline.id, { column: key.reason, value: key.value }, self, notCopiesOf)).find((row) => sharesPageAsCopy(row, keys, item))
            : await repo.firstArticleWithKey(conn, pipeline.id, { column: key.reason, value: key.value }, self, notCopiesOf);
        if (!match) continue;
        const original = match.duplicate_of === null ? match.id : await repo.originalArticleId(conn, match.duplicate_of);
        if (original !== self) return { articleId: original, reason: key.reason, similarity: 1 };
      }
      const isCandidate = (article: IndexedArticle) =>
        (self === null || article.duplicateOf !== self) && (notCopiesOf === null || article.duplicateOf !== notCopiesOf) && isInDedupWindow(article, at, windowStart);
      // Every article with the canonical URL was asked about above: another item of the source sharing its page is
      // not found again by that URL, only by its text.
      const near = duplicates.find(item !== null ? { ...keys, canonicalUrl: '' } : keys, self, isCandidate);
      if (near) {
        // the original may be outside the window, at the end of a chain the window shows only the start of
        const original = await repo.originalArticleId(conn, near.articleId);
        return original === self ? null : { ...near, articleId: original };
      }
      if (byHeadline === null) return null;
      const candidates = await underHeadline();
      // naming no outlet, it is no aggregator's item
      const copied = byHeadline.namedOutlet === null ? null : articleOfAggregatorItem(byHeadline, candidates);
      if (copied) {
        const original = copied.duplicateOf === null ? copied.id : await repo.originalArticleId(conn, copied.duplicateOf);
        return original === self ? null : { articleId: original, reason: 'outlet_headline', similarity: 1 };
      }
      return text === null ? null : teaserOriginal(text, at, candidates, conn, self);
    }

    /** The most articles under one headline that teaserOriginal reads the texts of. */
    const TEASER_CANDIDATES = 50;

    /**
     * Of the originals under the same headline (`candidates`), appeared within TEASER_WINDOW_HOURS of `at`, the one
     * this text is a feed's teaser of (see teaser-copy.ts). One way only: an article read whole after a teaser of it
     * stays an original (as the teaser's copy it would count by the teaser's relevance and stance, judged on a few
     * words), and the teaser is matched to the original's own text, never to a copy's: two posts of a live blog
     * opening alike are two articles, whatever teaser came between them.
     */
    async function teaserOriginal(text: string, at: string, candidates: readonly StoredHeadlineArticle[], conn: Kysely<Database>, self: number | null): Promise<DuplicateMatch | null> {
      if (articleWordCount(text) > MAX_TEASER_WORDS) return null;
      const apart = (candidate: StoredHeadlineArticle) => Math.abs(Date.parse(candidate.appearedAt) - Date.parse(at));
      // the nearest in time, at most TEASER_CANDIDATES of them: a headline hundreds of articles share (a live blog's)
      // would have each new one read them all
      // A copy of the text counts as its original does: a reprint whose group an earlier-published copy took over
      // keeps its headline, which the original may not share.
      const near = candidates
        .filter((candidate) => candidate.id !== self && (self === null || candidate.duplicateOf !== self) && apart(candidate) <= TEASER_WINDOW_HOURS * 3_600_000)
        .sort((a, b) => apart(a) - apart(b))
        .slice(0, TEASER_CANDIDATES);
      if (near.length === 0) return null;
      const rows = await repo.articleTexts(conn, near.map((candidate) => candidate.id));
      const copied = rows.find((row) => isOpeningOf(text, row.text));
      if (!copied) return null;
      const original = copied.duplicate_of === null ? copied.id : await repo.originalArticleId(conn, copied.duplicate_of);
      return original === self ? null : { articleId: original, reason: 'teaser', similarity: 1 };
    }

    /**
     * A stored article as the headline rule for aggregators' items sees it (see aggregator-copy.ts): one from a feed
     * names the outlet stored as its site name, at the address its item gave for it; a capture names none (its site
     * name is its own page's).
     */
    function headlineOf(article: Pick<ArticleRow, 'title' | 'site_name' | 'outlet_url' | 'source_id' | 'canonical_url' | 'published_at' | 'fetched_at'>): HeadlineArticle {
      const source = sourcesById.get(article.source_id);
      const capture = source?.kind === 'files';
      return {
        title: article.title, namedOutlet: capture ? null : article.site_name, namedOutletUrl: capture ? null : article.outlet_url, siteName: article.site_name, sourceName: source?.name ?? null,
        canonicalUrl: article.canonical_url, appearedAt: article.published_at ?? article.fetched_at,
      };
    }

    /** The most articles of one headline the headline rules look at. */
    const HEADLINE_CANDIDATES = 100;

    /**
     * The articles of `known` filed under a key of `title` (see HeadlineIndex), the HEADLINE_CANDIDATES last stored, as
     * stored now, read through `conn`: but
     * `self`, its copies and the copies of `notCopiesOf` (see originalOf). No query when none is filed there, as for
     * most articles.
     */
    async function headlineCandidates(title: string | null, conn: Kysely<Database>, self: number | null, notCopiesOf: number | null): Promise<StoredHeadlineArticle[]> {
      // the latest stored only: a headline thousands of items share (a feed titling every item alike) had each new one
      // read all the others, twice (2,000 such items took 40.8 s to store, 23.2 s with the cap); the cap counts copies
      // too, so an original behind a hundred later copies of its headline is not found by it
      const ids = headlines.candidates(title).filter((id) => id !== self).sort((a, b) => b - a).slice(0, HEADLINE_CANDIDATES);
      if (ids.length === 0) return [];
      const rows = await repo.headlineRows(conn, ids);
      return rows
        .filter((row) => row.duplicate_of === null || (row.duplicate_of !== self && row.duplicate_of !== notCopiesOf))
        .map((row) => ({ ...headlineOf(row), id: row.id, duplicateOf: row.duplicate_of }));
    }

    /**
     * Whether an article having the canonical URL of a new feed item (`item`) makes the item its copy. Across sources
     * it does, as it always has. Within the item's own source, another item of the feed sharing the page (another
     * GUID, or a link to another anchor of it: a press-release list's `/press#item-1`) is a copy only when it also
     * says the same (the same text, or a near-copy of it): the feed tells them apart, and one would otherwise swallow
     * the others and their alerts. Two items known by their links that differ only in what canonical URLs leave out
     * (a tracking parameter) stay one article and its copy.
     */
    function sharesPageAsCopy(
      row: Pick<ArticleRow, 'source_id' | 'item_key' | 'url' | 'feed_link' | 'title' | 'content_hash' | 'near_signature'>,
      keys: DedupKeys,
      item: FeedItemIdentity,
    ): boolean {
      if (row.source_id !== item.sourceId) return true;
      const rowLink = row.feed_link ?? row.url;
      // another anchor of the page, or another key where at least one is no link: two GUIDs, or the hash of an item's
      // text (its link was shared, or a home page, when it was stored or now)
      const anotherItem =
        identifyingFragment(rowLink) !== identifyingFragment(item.link) ||
        (row.item_key !== item.key && ((knownByGuid(row.item_key, rowLink, row.url) && item.hasGuid) || isContentIdentity(row.item_key) || isContentIdentity(item.key)));
      if (!anotherItem) return true;
      const own = parseNearSignature(keys.nearSignature);
      // the same text: a copy when it is long enough to tell a story apart, or comes under a headline near the other's
      // (a short standfirst two items share, "Read more on our website", says nothing of either)
      if (row.content_hash === keys.contentHash && ((own?.words ?? 0) >= MIN_WORDS_FOR_CONTENT_HASH || headlinesNear(row.title, item.title))) return true;
      const other = parseNearSignature(row.near_signature);
      return own !== null && other !== null && nearDuplicateSimilarity(own, other) !== null;
    }

    /** Puts an alert about the article in the outbox for every channel; one already there for a channel stays as it is. */
    async function enqueueAlerts(trx: Kysely<Database>, article: Parameters<typeof alertPayload>[0], score: ScoreResult, at: string): Promise<void> {
      const payload = alertPayload(article, score);
      for (const channel of channels) {
        await repo.enqueueAlert(trx, { pipelineId: pipeline.id, articleId: article.id, channel: channel.name, payload, createdAt: at });
      }
    }

    /** Dedups, clusters, scores and stores one article; says whether it is an original or a duplicate. */
    async function storeArticle(item: PreparedArticle, source: SourceDefinition): Promise<'added' | 'duplicate'> {
      const { raw, extracted } = item;
      const at = now().toISOString();
      const title = raw.title ?? extracted.title;
      const headline = shownHeadline({ title, text: extracted.text, url: raw.url });
      const computed = computeDedupKeys({ url: raw.url, canonicalUrl: extracted.canonicalUrl, title, text: extracted.text });
      // A feed item without a link of its own has a stand-in URL inside the feed, told apart by its fragment alone:
      // canonicalising it (which drops fragments) would make every such item of the feed one page.
      const keys = source.kind === 'feed' && !raw.hasPage ? { ...computed, canonicalUrl: raw.url } : computed;

      // the feed's date, else the page's; neither when it is more than a day ahead (a broken clock)
      const publishedAt = plausiblePublicationDate(raw.publishedAt, now()) ?? plausiblePublicationDate(extracted.publishedAt, now());
      // The same page reached through another feed (or under a new GUID), or its text, is stored as a duplicate of
      // the first sighting (or, published before it, takes its group over: below), at any age, so the item is known to
      // its source and never fetched again, and counts once.
      const identity: FeedItemIdentity | null =
        source.kind === 'feed' && raw.hasPage ? { sourceId: raw.sourceId, key: raw.key, link: item.feedLink ?? raw.url, hasGuid: knownByGuid(raw.key, item.feedLink ?? raw.url, raw.url), title } : null;
      // an aggregator's item names its outlet in the feed, and may give its address (`<source url>`, whose host is the
      // outlet's: see aggregator-copy.ts); the page, when read, names it best
      const siteName = extracted.siteName ?? raw.outlet ?? null;
      const byHeadline: HeadlineArticle = {
        title, namedOutlet: raw.outlet ?? null, namedOutletUrl: raw.outletUrl ?? null, siteName, sourceName: source.name, canonicalUrl: keys.canonicalUrl,
        appearedAt: publishedAt ?? at,
      };
      // the articles under its headline, read once for the headline rules of both originalOf and the stand-in below
      let headlineArticles: Promise<StoredHeadlineArticle[]> | undefined;
      const underHeadline = () => (headlineArticles ??= headlineCandidates(title, db, null, null));
      const copied = await originalOf(keys, publishedAt ?? at, { item: identity, byHeadline, text: extracted.text, underHeadline });
      // An aggregator's item for an article stored before it raises no alert: it says less than the article (a
      // headline and a snippet), which was judged already.
      const isAggregatorItem = copied?.reason === 'outlet_headline';
      // The outlet's article after an aggregator's item for it: the two are one article. The outlet's is the original
      // (its text and link are the article's; the aggregator's are a headline and a snippet, too little to judge the
      // article by in the digest) when the aggregator's was first seen on the same day, whose digest this run writes
      // again. One first seen on an earlier day was counted in that day's digest: it stays the original, as any copy
      // first seen earlier does, so the article counts once.
      const standIn = copied ? null : aggregatorItemOfArticle(byHeadline, await underHeadline());
      const standInRow = standIn ? await repo.getArticle(db, standIn.id) : undefined;
      const { timeZone } = pipeline.digest;
      const isSameDay = (row: ArticleRow) => localDate(new Date(row.fetched_at), timeZone) === localDate(new Date(at), timeZone);
      const adoptedStandIn = standInRow && isSameDay(standInRow) ? standInRow : undefined;
      // A copy of the text published before the original it was found to copy is the original: a wire agency's story
      // read after a paper's reprint of it (a run reads feeds in turn, and one outlet's feed comes before another's).
      // It takes the group over, as the outlet's article takes over an aggregator's item above, when the group's
      // original was first seen the same day; one first seen on an earlier day was counted then, and stays.
      const supersededRow = copied && SUPERSEDING_REASONS.has(copied.reason) && publishedAt !== null
        ? await repo.getArticle(db, copied.articleId) : undefined;
      const superseded = supersededRow && isPublishedBefore(publishedAt, supersededRow.published_at) && isSameDay(supersededRow)
        && !(await repo.groupHasLabel(db, supersededRow.id)) ? supersededRow : undefined;
      const adopted = adoptedStandIn ?? superseded;
      const duplicate: DuplicateMatch | null = superseded ? null
        : copied ?? (standInRow && !adoptedStandIn ? { articleId: standInRow.id, reason: 'outlet_headline', similarity: 1 } : null);
      let storyId: number | null = null;
      let mergeStoryIds: number[] = [];
      let original: ArticleRow | undefined;
      const label = storyLabel([headline]);
      if (duplicate) {
        original = await repo.getArticle(db, duplicate.articleId);
        storyId = original?.story_id ?? null;
      } else if (adopted) {
        storyId = adopted.story_id;
      } else {
        const story = findStory(keys, publishedAt ?? at, known);
        storyId = story?.storyId ?? null;
        mergeStoryIds = story?.mergeStoryIds ?? [];
      }
      const score = scorer.score({ title, text: extracted.text, lang: extracted.lang ?? raw.lang ?? null });

      return db.transaction().execute(async (trx) => {
        const merging = mergeStoryIds.length > 0 && storyId !== null;
        if (merging) {
          await repo.mergeStories(trx, storyId!, mergeStoryIds, at);
          for (const id of [storyId!, ...mergeStoryIds]) storyTitleCache.delete(id);
        }
        // the story's real headlines before this article's; an article without one labels its story only while no
        // other has one
        let titles: string[];
        let labelled = true;
        if (storyId === null) {
          storyId = await repo.createStory(trx, pipeline.id, label, at);
          titles = [];
        } else {
          titles = storyTitleCache.get(storyId) ?? (await repo.storyTitles(trx, storyId));
          const count = titles.length + (title ? 1 : 0);
          const lag = labelsBehind.get(storyId);
          labelled = count === 0 || merging || relabelsNow(count, lag?.from ?? titles.length, lag?.retitled);
          const newLabel = count === 0 ? label : labelled ? storyLabel(title ? [...titles, title] : titles) : null;
          await repo.touchStory(trx, storyId, at, newLabel);
        }
        const id = await repo.insertArticle(trx, {
          pipeline_id: pipeline.id,
          source_id: raw.sourceId,
          item_key: raw.key,
          url: raw.url,
          canonical_url: keys.canonicalUrl,
          feed_link: source.kind === 'feed' && raw.hasPage ? (item.feedLink ?? raw.url) : null,
          title,
          byline: extracted.byline ?? raw.author,
          published_at: publishedAt,
          modified_at: extracted.modifiedAt ?? raw.updatedAt,
          fetched_at: at,
          lang: extracted.lang ?? raw.lang ?? null,
          site_name: siteName,
          outlet_url: raw.outletUrl ?? null,
          image: extracted.image,
          summary: raw.summary,
          text: extracted.text,
          word_count: articleWordCount(extracted.text),
          partial: extracted.partial ? 1 : 0,
          content_hash: keys.contentHash,
          near_signature: keys.nearSignature,
          topic_signature: keys.topicSignature,
          duplicate_of: duplicate?.articleId ?? null,
          duplicate_reason: duplicate?.reason ?? null,
          story_id: storyId,
          extract_error: item.extractError?.message ?? null,
          extract_error_code: item.extractError?.code ?? null,
          page_attempts: item.pageAttempted ? 1 : 0,
          updated_at: at,
        });
        if (adopted) await repo.makeCopiesOf(trx, adopted.id, id, superseded ? copied!.reason : 'outlet_headline');
        await repo.saveScore(trx, id, score, at);
        // taking the aggregator's item's place, the article is covered by the alert it raised
        const covered =
          isAggregatorItem || (duplicate !== null ? await repo.alertRaisedForGroup(trx, duplicate.articleId) : !!adopted && (await repo.alertRaisedForGroup(trx, id)));
        // the source's first successful read: no success recorded before this run began
        const coverage = await coverageOf(trx, { sourceId: source.id, publishedAt }, () => !sourceRows.get(source.id)?.last_success_at, original);
        if (shouldAlert(score, covered, pipeline.alerts, coverage.date, now(), coverage.firstRead)) {
          await enqueueAlerts(trx, { id, title: headline, url: raw.url, outlet: siteName ?? source.name, publishedAt }, score, at);
        }
        // The in-memory views follow the database only once every write above has succeeded.
        if (title) titles.push(title);
        storyTitleCache.set(storyId, titles);
        for (const id of mergeStoryIds) labelsBehind.delete(id);
        if (labelled) labelsBehind.delete(storyId);
        else if (!labelsBehind.has(storyId)) labelsBehind.set(storyId, { from: titles.length - (title ? 1 : 0), retitled: 0 });
        if (mergeStoryIds.length > 0) {
          for (const article of known) if (article.storyId !== null && mergeStoryIds.includes(article.storyId)) article.storyId = storyId;
        }
        if (adopted) {
          for (const regrouped of known.filter((article) => article.id === adopted.id || article.duplicateOf === adopted.id)) knowAgain(regrouped.id, { duplicateOf: id });
        }
        const stored: KnownArticle = { ...keys, id, storyId, publishedAt, fetchedAt: at, duplicateOf: duplicate?.articleId ?? null };
        known.push(stored);
        knownIds.add(id);
        duplicates.add(stored);
        headlines.add(id, title);
        // a takeover leaves one more copy, as a copy stored would: counted as one
        return duplicate || superseded ? 'duplicate' : 'added';
      });
    }

    /**
     * Items under a key the source has not delivered that are still articles it has: an item known by its link (it
     * has no GUID of its own) whose link changed only in what canonical URLs leave out, a tracking parameter, or else
     * only in its scheme, a leading `www.` or a trailing slash (an outlet moving to https). Only when that is
     * unambiguous: the link is the only one of the feed with its canonical URL (or looser key), and the stored
     * article's own key is gone from the feed; only the source's own articles, and not one stored under the hash of
     * its text (its link was shared with other items, or a home page: it says nothing of which story it was). A link
     * to another anchor of a page (`/statements#2026-06-11` after `/statements#2026-06-10`) is another item, unless
     * its fragment identifies nothing (`#comments`, `#xtor=RSS-3`; see link-identity.ts). A new GUID is a new item, as
     * RSS says, even on a link seen before (a status page), but not:
     * - one on the link of an article whose GUID the feed now gives another story at another link: GUIDs that are
     *   places in the feed (`item-1` the newest) move every item to another at each post;
     * - one that is the article's GUID but for the scheme and a leading `www.` of an address inside it (Drupal's
     *   `481 at http://example.org`), on its link but for the same (an outlet moving to https), the old GUID gone.
     */
    async function rekeyedItems(items: readonly RawItem[], stored: ReadonlyMap<string, repo.StoredItem>, view: FeedView): Promise<Map<RawItem, repo.StoredItem>> {
      const withPage = items.filter((item) => item.hasPage);
      const canonical = new Map(withPage.map((item) => [item, canonicalizeUrl(item.url)]));
      const fragment = new Map(withPage.map((item) => [item, identifyingFragment(item.url)]));
      const linkKey = new Map(withPage.map((item) => [item, itemLinkKey(item.url)]));
      const looseKey = (item: RawItem) => looseItemLinkKey(item.url);
      const linksPerKey = countOf(withPage.map((item) => linkKey.get(item)!));
      const linksPerLooseKey = countOf(withPage.map(looseKey));
      const knownByLink = (item: RawItem) => item.key === item.url;
      const candidates = withPage.filter((item) => !stored.has(item.key) && linksPerKey.get(linkKey.get(item)!) === 1);
      const out = new Map<RawItem, repo.StoredItem>();
      if (candidates.length === 0) return out;
      const itemsByKey = new Map(items.map((item) => [item.key, item]));
      const rows = await repo.sourceArticlesWithCanonicalUrls(db, pipeline.id, candidates[0]!.sourceId, candidates.flatMap((item) => looseUrlVariants(canonical.get(item)!)));
      // in the order stored, by canonical URL and by its looser key: looked up once per item, not searched
      const rowsAt = groupedBy(rows, (row) => row.canonical_url);
      const rowsNear = groupedBy(rows, (row) => looseUrlKey(row.canonical_url));
      const sameFragment = (item: RawItem, row: repo.StoredItem) => identifyingFragment(row.feed_link ?? row.url) === fragment.get(item);
      const hasLeft = (row: repo.StoredItem | undefined) => (row !== undefined && !itemsByKey.has(row.item_key) ? row : undefined);
      // the article's GUID is in the feed, on an item at another link that is another story (another headline or
      // date; not the article moved to an archive page), and the item has the article's headline and date: a page
      // that carries a new story each day (`/briefing`) is not its last one
      const guidMoved = (item: RawItem, row: repo.StoredItem) => {
        const holder = itemsByKey.get(row.item_key);
        if (holder === undefined || !holder.hasPage || canonicalizeUrl(holder.url) === row.canonical_url || !sameHeadlineAndDate(item, row, view)) return false;
        return holder.title !== row.title || view.dateDiffers(holder, row.published_at);
      };
      const looseGuid = (key: string) => key.replace(/https?:\/\/(?:www\.)?/gi, '//');
      for (const item of candidates) {
        const at = rowsAt.get(canonical.get(item)!) ?? [];
        const near = rowsNear.get(looseUrlKey(canonical.get(item)!)) ?? [];
        // the first stored with the link's canonical URL, else with its looser key; taken when its key left the feed
        const match = knownByLink(item)
          ? (hasLeft(at.find((row) => sameFragment(item, row) && !isContentIdentity(row.item_key))) ??
            (linksPerLooseKey.get(looseKey(item)) === 1 ? hasLeft(near.find((row) => sameFragment(item, row) && !isContentIdentity(row.item_key))) : undefined))
          : (at.find((row) => sameFragment(item, row) && guidMoved(item, row)) ??
            hasLeft(near.find((row) => sameFragment(item, row) && row.item_key !== item.key && looseGuid(row.item_key) === looseGuid(item.key))));
        if (match) out.set(item, match);
      }
      return out;
    }

    /**
     * Whether an item delivered under a stored article's key comes with another link than the article had, compared
     * by their canonical URLs or by another key of links (`linkKey`).
     */
    function linkChanged(item: RawItem, stored: repo.StoredItem, linkKey: (url: string) => string = canonicalizeUrl): boolean {
      const link = linkKey(item.url);
      // The link the feed gave before, when known; else where the page was read (articles stored before it was kept).
      if (stored.feed_link !== null) return link !== linkKey(stored.feed_link);
      return link !== linkKey(stored.url) && link !== linkKey(stored.canonical_url);
    }

    /** Whether an item has the stored article's headline and date, a date being known. */
    function sameHeadlineAndDate(item: RawItem, stored: repo.StoredItem, view: FeedView): boolean {
      const date = view.dateOf(item);
      return date !== null && date === stored.published_at && item.title === stored.title;
    }

    /**
     * Whether an item delivered under a stored article's key may be a different story: its headline and link both
     * changed; a new headline alone is a retitle, a new link alone a moved article. At an unchanged link that is not its
     * own (no link, or the home page many items share; see FeedView.ownLink), a new headline under a date known on both
     * sides that is new, or the same but shared with other items of the feed (two stories of one minute); an undated
     * item's new headline there is a retitle, as an outlet's edit is more common than a GUID given away. The same
     * headline, or a missing one, tells nothing alone: another link does (further than a move to https), and at a link
     * not its own another date, both known; under a headline that cannot recur (see FeedView.headlineMayRecur), only
     * both together. Either way, an item that still says what the article said is the article (see saysTheSame).
     */
    function isAnotherStory(item: RawItem, stored: repo.StoredItem, view: FeedView): boolean {
      const datesDiffer = view.dateDiffers(item, stored.published_at);
      if (item.title === null || stored.title === null || item.title === stored.title) {
        // moved further than an outlet's move to https or to `www.`
        const moved = item.hasPage && linkChanged(item, stored, looseItemLinkKey);
        // a headline the article alone has is the article's, unless the item moved (or sits at a link not its own) and
        // its date moved too: then its text decides (see saysTheSame)
        if (stored.title !== null && !view.headlineMayRecur(item) && !((moved || !view.ownLink(item)) && datesDiffer)) return false;
        // moved, or, at a link not its own, under another date
        return moved || (!view.ownLink(item) && datesDiffer);
      }
      // a new headline at another link, whether its own or one it shares (a story moved to the home page is no edit)
      if (item.hasPage && linkChanged(item, stored)) return true;
      if (view.ownLink(item)) return false;
      if (view.dateOf(item) === null || stored.published_at === null) return false;
      return datesDiffer || view.tellingDate(item) === null;
    }

    /**
     * The source's article stored at an item's link under another key, with its headline and date: where an item whose
     * GUID the feed gave to another story is (GUIDs that are places in the feed, `item-1` for the newest, move every
     * item to another). Not another day's story at a page that carries a new one each day (`/briefing`).
     */
    async function storedAtLink(item: RawItem, view: FeedView): Promise<repo.StoredItem | undefined> {
      const rows = await repo.sourceArticlesWithCanonicalUrls(db, pipeline.id, item.sourceId, [canonicalizeUrl(item.url)]);
      return rows.find((row) => identifyingFragment(row.feed_link ?? row.url) === identifyingFragment(item.url) && sameHeadlineAndDate(item, row, view));
    }

    /**
     * The source's stored articles by publication date, for textMatch: those of the dates that tell apart `items`
     * without a link of its own (see FeedView.tellingDate) looked up at once, a date asked for later on its own.
     */
    function storedByDate(sourceId: string, items: readonly RawItem[], view: FeedView): (date: string) => Promise<repo.StoredItemText[]> {
      const dates = new Set(items.flatMap((item) => (view.ownLink(item) ? [] : [view.tellingDate(item) ?? []].flat())));
      let byDate: Promise<Map<string, repo.StoredItemText[]>> | null = null;
      const lookUp = async (wanted: readonly string[]) => {
        const found = new Map<string, repo.StoredItemText[]>(wanted.map((date) => [date, []]));
        for (const row of await repo.sourceArticleTexts(db, pipeline.id, sourceId, 'published_at', wanted)) found.get(row.published_at!)?.push(row);
        return found;
      };
      return async (date) => {
        byDate ??= lookUp([...dates]);
        const known = await byDate;
        const rows = known.get(date) ?? (await lookUp([date])).get(date)!;
        known.set(date, rows);
        return rows;
      };
    }

    /**
     * The stored article an item without a link of its own is when no key found it: the one article with its headline,
     * its text word for word and its date, when the feed gave the article's key to another story in this read and the
     * item's own key named another article before (`keyKnown`: GUIDs that are places in the feed, each taken by the
     * item above it), or, under a date that tells the item apart, when
     * the item's key or the article's is the hash of its headline and text (the feed shared one GUID among its items
     * for a while, or gave them back) and the article's key left the feed. Never for a GUID new to the feed otherwise,
     * which is a new item whatever it says, nor by a text other items share (`boilerplate`), nor by none, nor undated.
     */
    async function textMatch(
      item: RawItem,
      keyKnown: boolean,
      view: FeedView,
      storedOn: (date: string) => Promise<repo.StoredItemText[]>,
      boilerplate: () => ReadonlySet<string>,
    ): Promise<repo.StoredItem | undefined> {
      const date = view.dateOf(item);
      if (date === null) return undefined;
      const words = feedWords(item.body);
      if (words === '' || boilerplate().has(words)) return undefined;
      const telling = view.tellingDate(item) !== null;
      const hashKeyed = isContentIdentity(item.key);
      const matches = (await storedOn(date)).filter(
        (row) =>
          row.title === item.title &&
          normalizeText(row.text) === words &&
          ((keyKnown && view.givenAway(row.item_key)) || (telling && (hashKeyed || isContentIdentity(row.item_key)) && !view.keysInFeed.has(row.item_key))),
      );
      return matches.length === 1 ? matches[0] : undefined;
    }

    /**
     * The stored article an item known by the hash of its headline and description is when that hash found none: the
     * one article of the source known by such a hash that no item of the feed has now, with the item's headline, its
     * description as the feed wrote it but for white space (markup and all: two notices linking to two pages are two),
     * and no other known date. The hash reads the description as written, white space and all: a feed that indents
     * its descriptions anew, or puts a CDATA section on a line of its own, changes the hash, not the item. Not for an
     * item with content beside its description (the content, which the hash read, is not stored as written), nor for
     * a description other items share ("Read more"), nor an empty one.
     */
    function sameHashedText(item: RawItem, rows: readonly repo.StoredItemText[], view: FeedView, boilerplate: ReadonlySet<string>): repo.StoredItem | undefined {
      if (item.summary === null || item.body !== item.summary) return undefined;
      const description = collapseWhitespace(item.summary);
      const words = feedWords(item.summary);
      if (description === '' || words === '' || boilerplate.has(words)) return undefined;
      const matches = rows.filter(
        (row) =>
          row.title === item.title &&
          isContentIdentity(row.item_key) &&
          !view.keysInFeed.has(row.item_key) &&
          !view.dateDiffers(item, row.published_at) &&
          row.summary !== null &&
          collapseWhitespace(row.summary) === description,
      );
      return matches.length === 1 ? matches[0] : undefined;
    }

    /**
     * Whether an item says what the stored article under its key said: the same description, or the same content,
     * word for word (case, punctuation and spacing folded, see normalizeText). A GUID reused for another story comes
     * with another text; a retitle (and the new link a slug made from the headline gives) keeps it. Not a description
     * or content other items of the feed have too (`boilerplate`: "Read more"), which says nothing of the story; nor,
     * in a feed of one item, which has no others to show its standfirst is boilerplate ("Read the full statement on
     * our website"), under another date, both known, at another link or under a headline far from the article's (a
     * date alone that moves is a feed dating its one item by when it was built, a corrected headline an edit). An item
     * of a headline alone, the article's, at its link, says the same; so does one under a headline the article alone
     * has that keeps most of its text (see textKept).
     */
    async function saysTheSame(item: RawItem, stored: repo.StoredItem, boilerplate: ReadonlySet<string>, view: FeedView): Promise<boolean> {
      const moved = item.hasPage && linkChanged(item, stored, looseItemLinkKey);
      const sameHeadline = item.title !== null && item.title === stored.title;
      const summary = feedWords(item.summary);
      const content = feedWords(item.body);
      if (sameHeadline && !moved && summary === '' && content === '') return true;
      if (view.itemCount === 1 && view.dateDiffers(item, stored.published_at) && (moved || !headlinesNear(item.title, stored.title))) return false;
      const before = await storedWords(stored.id);
      if (!before) return false;
      // under a headline the article alone has, an edit keeps most of its text (a line added, a sentence corrected)
      if (sameHeadline && !view.headlineMayRecur(item) && textKept(summary || content, before.summary || before.text)) return true;
      return saysWordForWord({ summary, content }, before, boilerplate);
    }

    /**
     * The words of a stored article's feed description and of its text (see feedWords, normalizeText), as an item's
     * are compared with them; an article stored from its feed's text has the content (else the description) as its
     * text. Undefined when the article is gone.
     */
    async function storedWords(id: number): Promise<{ summary: string; text: string } | undefined> {
      const row = await db.selectFrom('articles').select(['summary', 'text']).where('id', '=', id).executeTakeFirst();
      return row && { summary: feedWords(row.summary), text: normalizeText(row.text) };
    }

    /**
     * Whether an item's description, or its content, is the stored article's description, or its text, word for word
     * (each given as its words: feedWords, normalizeText), and not one other items of the feed share (`boilerplate`).
     */
    function saysWordForWord(item: { summary: string; content: string }, before: { summary: string; text: string }, boilerplate: ReadonlySet<string>): boolean {
      if (item.summary !== '' && !boilerplate.has(item.summary) && item.summary === before.summary) return true;
      return item.content !== '' && !boilerplate.has(item.content) && item.content === before.text;
    }

    /**
     * Which of the items now sharing a link is the article stored there when it had the link alone, among those of
     * its date; an item its own key finds stored is another article, never the answer, but it counts against each
     * rule it also meets. The one that says what it said word for word (see saysWordForWord; of several, the one with
     * its headline; not when its text was its headline alone), or the one with its headline, unless these two are
     * different items (a new story given the article's standfirst); else the one item of its date when that date tells
     * it apart (a time of day no other item of the feed has) and its headline or text is near the article's (its
     * headline and wording corrected as the link came to be shared); else the one that keeps most of its words (see
     * textKept: a retitle that adds a sentence, an untitled post edited), or, undated and the one undated item there,
     * that keeps every word (text added); else none: a new story beside it is no retitle of it, and an article stored
     * again is better than a story lost.
     */
    async function itemAtSharedLink(
      sharing: readonly RawItem[],
      row: repo.StoredItem,
      boilerplate: ReadonlySet<string>,
      view: FeedView,
      isStored: (item: RawItem) => boolean,
    ): Promise<RawItem | undefined> {
      const ofItsDate = sharing.filter((item) => item.publishedAt === row.published_at);
      if (ofItsDate.length === 0) return undefined;
      const words = await storedWords(row.id);
      if (!words) return undefined;
      const storedText = words.summary || words.text;
      // a headline-only article's text is its headline: an item whose description is that headline says nothing of it
      const saysSomething = words.summary !== '' || words.text !== normalizeText(row.title ?? '');
      const candidates = ofItsDate.map((item) => ({ item, summary: feedWords(item.summary), content: feedWords(item.body) }));
      const saying = saysSomething ? candidates.filter((candidate) => saysWordForWord(candidate, words, boilerplate)).map(({ item }) => item) : [];
      const ofItsHeadline = ofItsDate.filter((item) => item.title === row.title);
      const only = (items: readonly RawItem[]) => (items.length === 1 ? items[0] : undefined);
      const bySaying = saying.length > 1 ? only(saying.filter((item) => item.title === row.title)) : only(saying);
      const byHeadline = only(ofItsHeadline);
      if (bySaying && byHeadline && bySaying !== byHeadline) return undefined;
      const fresh = (item: RawItem | undefined) => (item && !isStored(item) ? item : undefined);
      if (bySaying ?? byHeadline) return fresh(bySaying ?? byHeadline);
      if (saying.length > 1) return undefined;
      const dated = row.published_at !== null;
      const near = ({ item, summary, content }: (typeof candidates)[number]) => headlinesNear(item.title, row.title) || textKept(summary || content, storedText);
      if (ofItsDate.length === 1 && dated && view.tellingDate(ofItsDate[0]!) !== null && near(candidates[0]!)) return fresh(ofItsDate[0]);
      if (!dated && ofItsDate.length !== 1) return undefined;
      // of several with its headline ("Press release", or none), one of those
      const pool = ofItsHeadline.length > 1 ? candidates.filter(({ item }) => item.title === row.title) : candidates;
      const keeping = pool.filter(({ summary, content }) => {
        const text = summary || content;
        return text !== '' && !boilerplate.has(text) && (dated ? textKept(text, storedText) : textKeptWhole(text, storedText));
      });
      return fresh(only(keeping.map(({ item }) => item)));
    }

    /**
     * Items already stored are skipped, but not lost on their source's changes: a feed that retitles an item, or a
     * capture edited since it was read, updates the stored article instead of adding another or being ignored.
     * Returns the new items, and those updates as `revisions` to make in the source's store turn (see storeInTurn): a
     * revised text changes the keys later articles are compared with.
     */
    async function newItems(
      items: readonly RawItem[],
      source: SourceDefinition,
      report: SourceReport,
    ): Promise<{ fresh: RawItem[]; revisions: (() => Promise<void>)[] }> {
      const fresh: RawItem[] = [];
      const revisions: (() => Promise<void>)[] = [];
      // An item's link is also looked up: it is the key the identity ladder gives an item whose GUID is not usable.
      const lookup = new Set(items.flatMap((item) => (item.hasPage ? [item.key, item.url] : [item.key])));
      const stored = items.length > 0 ? await repo.storedItemKeys(db, pipeline.id, items[0]!.sourceId, [...lookup]) : new Map<string, repo.StoredItem>();
      const view = new FeedView(items, now());
      const rekeyed = await rekeyedItems(items, stored, view);
      const { keysInFeed, linksInFeed } = view;
      deliveredKeys.set(source.id, keysInFeed);
      // looked up once for the items no key finds; another's date, when the feed gave its key to another story, alone
      const storedOn = storedByDate(source.id, items.filter((item) => !stored.has(item.key)), view);
      // descriptions (or contents) several items of the feed share, which tell no story apart (see saysTheSame); worked
      // out only for a feed with an item that may reuse a GUID or be found by its text, since it reads every item's
      let boilerplate: ReadonlySet<string> | undefined;
      const sharedDescriptions = (): ReadonlySet<string> => {
        if (boilerplate) return boilerplate;
        const descriptions = countOf(items.flatMap((item) => [...new Set([feedWords(item.summary), feedWords(item.body)])].filter((words) => words !== '')));
        return (boilerplate = new Set([...descriptions].flatMap(([words, count]) => (count > 1 ? [words] : []))));
      };
      // the item at a link items share that is the article stored there when it had the link alone, once per link
      const claimants = new Map<string, Promise<RawItem | undefined>>();
      const claimantAt = (link: string, row: repo.StoredItem): Promise<RawItem | undefined> => {
        let claimant = claimants.get(link);
        if (!claimant) {
          const sharing = items.filter((item) => item.hasPage && item.url === link && item.key !== item.url);
          claimants.set(link, (claimant = itemAtSharedLink(sharing, row, sharedDescriptions(), view, (item) => stored.has(item.key))));
        }
        return claimant;
      };
      // First what each item's key says, so that every key the feed gave to another story is known before the text of
      // an item whose place another took is looked up (a feed may list its newest last).
      const keyed: { item: RawItem; existing: repo.StoredItem | undefined; keyKnown: boolean }[] = [];
      for (const delivered of items) {
        let item = delivered;
        let existing = stored.get(item.key);
        if (
          existing &&
          source.kind === 'feed' &&
          // an item known by its link is the article at that link, unless the link is a home page (a feed whose one item
          // is always the latest issue there)
          (!keysInFeed.has(item.url) || (item.key === item.url && isHomePage(canonicalizeUrl(item.url)))) &&
          isAnotherStory(item, existing, view) &&
          !(await saysTheSame(item, existing, sharedDescriptions(), view))
        ) {
          // The GUID is reused for another story (some CMSs recycle them): its identity is the ladder's next rung, as
          // for GUIDs a feed reuses, its own link, else its headline and text. Taking it for a retitle would overwrite
          // the old story and lose the new one.
          const ownLink = view.ownLink(item);
          view.giveAway(item.key);
          item = withItemKey(item, ownLink ? item.url : contentIdentity(item.title, item.body));
          existing = stored.get(item.key) ?? (ownLink ? await storedAtLink(item, view) : (await repo.storedItemKeys(db, pipeline.id, item.sourceId, [item.key])).get(item.key));
        } else if (!existing && item.hasPage && item.key !== item.url) {
          // Stored under its link while its GUID was shared with another item, or while it was the only item at the
          // link, and now delivered under its GUID or the hash of its text. Of items sharing the link now (a notice
          // posted again under its GUID and link, a new statement at the page all statements link to), only the one
          // itemAtSharedLink picks: another story there is no retitle of it.
          const byLink = stored.get(item.url);
          if (byLink && !keysInFeed.has(byLink.item_key) && (linksInFeed.get(item.url) === 1 || (await claimantAt(item.url, byLink)) === item)) existing = byLink;
        }
        keyed.push({ item, existing: existing ?? rekeyed.get(item), keyKnown: stored.has(delivered.key) });
      }
      // the headlines of items known by the hash of their headline and description that no key found (see
      // sameHashedText), looked up at once
      const hashedUnfound =
        source.kind === 'feed' ? keyed.filter(({ item, existing }) => !existing && isContentIdentity(item.key) && item.summary !== null && item.body === item.summary) : [];
      const storedHeadlines = hashedUnfound.length > 0 ? await repo.sourceArticleTexts(db, pipeline.id, source.id, 'title', hashedUnfound.map(({ item }) => item.title)) : [];
      for (const { item, existing: byKey, keyKnown } of keyed) {
        let existing = byKey;
        if (!existing && source.kind === 'feed' && !view.ownLink(item)) existing = await textMatch(item, keyKnown, view, storedOn, sharedDescriptions);
        if (!existing && storedHeadlines.length > 0 && isContentIdentity(item.key)) existing = sameHashedText(item, storedHeadlines, view, sharedDescriptions());
        if (!existing) {
          fresh.push(item);
        } else if (source.kind === 'files') {
          const extracted = captureArticle(item);
          const title = item.title ?? extracted.title;
          // A capture's own dateline is its best date; one it no longer shows leaves the stored date (it appeared then).
          const publishedAt = plausiblePublicationDate(extracted.publishedAt, now()) ?? existing.published_at;
          // The head (dateline, byline) is taken out of the text: a date added under the headline is an edit too.
          const sameHead = publishedAt === existing.published_at && extracted.modifiedAt === existing.modified_at && extracted.byline === existing.byline;
          if (sameHead && title === existing.title && computeDedupKeys({ url: item.url, title, text: extracted.text }).contentHash === existing.content_hash) continue;
          revisions.push(async () => {
            await reviseCapture(existing.id, title, extracted, publishedAt, source);
            report.articlesUpdated += 1;
          });
        } else if (item.title && existing.title !== item.title && item.bodyFormat === 'html') {
          const { title } = item;
          // a retitle that moved the article too (a slug made from the headline): it is at its new link now
          const moved = item.hasPage && !keysInFeed.has(item.url) && linkChanged(item, existing) ? movedTo(item.url, existing) : {};
          revisions.push(async () => {
            await reviseArticle(existing.id, title, { modified_at: item.updatedAt ?? existing.modified_at, ...moved });
            report.articlesUpdated += 1;
          });
        } else if (view.ownLink(item) && !keysInFeed.has(item.url) && linkChanged(item, existing, withoutQuery)) {
          // The same headline at a new link of its own: the outlet moved the article (new permalinks under the same
          // GUIDs, https). Links shown would go on pointing where it was, dead once the old ones stop redirecting. A
          // query alone is no move: a feed may give each delivery's links one of their own (`?sid=…`).
          const moved = movedTo(item.url, existing);
          revisions.push(async () => {
            await moveArticle(existing.id, moved);
            report.articlesUpdated += 1;
          });
        }
      }
      return { fresh, revisions };
    }

    /**
     * Stores the label a story's titles give, when the stored one lags them (see `labelsBehind`); the caller forgets
     * the lag once its transaction has committed.
     */
    async function settleLabel(trx: Kysely<Database>, storyId: number | null): Promise<void> {
      if (storyId === null || !labelsBehind.has(storyId)) return;
      const titles = storyTitleCache.get(storyId) ?? (await repo.storyTitles(trx, storyId));
      if (titles.length > 0) await repo.relabelStory(trx, storyId, storyLabel(titles));
    }

    /** Settles every label still lagging its story's titles: once the run's articles are stored. */
    async function settleLabels(): Promise<void> {
      if (labelsBehind.size === 0) return;
      const behind = [...labelsBehind.keys()];
      await db.transaction().execute(async (trx) => {
        for (const id of behind) await settleLabel(trx, id);
      });
      for (const id of behind) labelsBehind.delete(id);
    }

    /**
     * Where a stored feed article retitled and moved (see newItems) is now: the feed's new link, and, when the
     * article was at its link (stored from its feed's text, or from a page read there), its URL too, and its canonical
     * URL when that was its URL's. One read at the end of a redirect keeps the page it was read from.
     */
    function movedTo(link: string, stored: repo.StoredItem): repo.ArticleUpdate {
      if (canonicalizeUrl(stored.url) !== canonicalizeUrl(stored.feed_link ?? stored.url)) return { feed_link: link };
      const canonical = stored.canonical_url === canonicalizeUrl(stored.url) ? { canonical_url: canonicalizeUrl(link) } : {};
      return { feed_link: link, url: link, ...canonical };
    }

    /** A stored feed article at its new link (see movedTo), its headline and text unchanged: nothing to score again. */
    async function moveArticle(id: number, fields: repo.ArticleUpdate): Promise<void> {
      await repo.updateArticle(db, id, { ...fields, updated_at: now().toISOString() });
      const index = known.findIndex((other) => other.id === id);
      if (index >= 0 && fields.canonical_url !== undefined) {
        known[index] = { ...known[index]!, canonicalUrl: fields.canonical_url };
        duplicates.replace(known[index]!);
      }
    }

    /**
     * A new headline of a stored feed article (and, moved with it, its new link: see movedTo). Its score, dedup keys
     * and story label are worked out again, since all read them: a story must not stay labelled with a headline its
     * outlet withdrew. Whether it copies another article stays as decided when it was stored: its text, what copies
     * compare, is the same. (An edited capture, whose text changes, is reviseCapture's.)
     */
    async function reviseArticle(id: number, title: string | null, fields: repo.ArticleUpdate): Promise<void> {
      const article = await repo.getArticle(db, id);
      if (!article) return;
      const at = now().toISOString();
      const body = article.text;
      const keys = computeDedupKeys({ url: article.url, canonicalUrl: article.canonical_url, title, text: body });
      // One of its story's headlines changed: the story is relabelled now as when an article joins it (relabelsNow),
      // else once the run's articles are stored. Relabelling a story of thousands on each of a feed's retitles (an
      // outlet renaming its suffix on every item) read every title each time: minutes for one run. But a label that is
      // the headline withdrawn, which no other article of the story has, is worked out again now: left to the run's
      // end, a run stopped before it would leave a headline no article has, until an article joins the story.
      const story = article.story_id;
      const lag = story === null ? undefined : labelsBehind.get(story);
      const count = story === null ? 0 : (storyTitleCache.get(story)?.length ?? (await repo.countStoryTitles(db, story)));
      const withdrawsLabel = async (storyId: number, withdrawn: string) =>
        (await repo.storyLabelOf(db, storyId)) === storyLabel([withdrawn]) && !(await repo.storyHasTitle(db, storyId, withdrawn, id));
      const relabelled =
        story !== null &&
        (relabelsNow(count, lag?.from ?? count, (lag?.retitled ?? 0) + 1) || (article.title !== null && article.title !== title && (await withdrawsLabel(story, article.title))));
      await db.transaction().execute(async (trx) => {
        await repo.updateArticle(trx, id, {
          ...fields, title, content_hash: keys.contentHash, near_signature: keys.nearSignature, topic_signature: keys.topicSignature, updated_at: at,
        });
        await repo.replaceScore(trx, id, scorer.score({ title, text: body, lang: article.lang }), at);
        const titles = relabelled ? await repo.storyTitles(trx, story!) : [];
        if (titles.length > 0) await repo.relabelStory(trx, story!, storyLabel(titles));
      });
      if (story !== null) {
        storyTitleCache.delete(story);
        if (relabelled) labelsBehind.delete(story);
        else labelsBehind.set(story, { from: lag?.from ?? count, retitled: (lag?.retitled ?? 0) + 1 });
      }
      headlines.add(id, title);
      const index = known.findIndex((other) => other.id === id);
      if (index >= 0) {
        const canonicalUrl = fields.canonical_url ?? known[index]!.canonicalUrl;
        known[index] = { ...known[index]!, canonicalUrl, contentHash: keys.contentHash, nearSignature: keys.nearSignature, topicSignature: keys.topicSignature };
        duplicates.replace(known[index]!);
      }
    }

    /**
     * Dedup and story clustering decide again for a stored article with new keys (a page read on a retry, an edited
     * capture, a copy of an edited capture): the original it copies now, if any, and its story (null: one of its own).
     * A copy joins its original's story. An article `anew` (an edited capture: another text, maybe another article) is
     * placed as a new one is, keeping its story only when it is alone in it as an original (a story of its own): one
     * stored as a copy was in its story only as that copy. Otherwise one alone in its story, clustered by a snippet, is
     * placed again by its full text: a weekend column's teaser is not the story it was put in, nor a story of its own.
     * `byHeadline` and `text`: the article as it is now, for the headline and teaser rules (see originalOf). `notCopiesOf`:
     * see originalOf.
     * `conn`: the transaction it is placed again in, else the database.
     */
    async function placeAgain(
      article: ArticleRow,
      keys: DedupKeys,
      appearedAt: string,
      { anew, byHeadline, text = article.text, notCopiesOf = null, conn = db }: { anew: boolean; byHeadline: HeadlineArticle; text?: string; notCopiesOf?: number | null; conn?: Kysely<Database> },
    ): Promise<{ duplicate: DuplicateMatch | null; storyId: number | null }> {
      const duplicate = await originalOf(keys, appearedAt, { self: article.id, notCopiesOf, conn, byHeadline, text });
      if (duplicate) return { duplicate, storyId: (await repo.getArticle(conn, duplicate.articleId))?.story_id ?? article.story_id };
      const others = known.filter((other) => other.id !== article.id);
      const alone = article.story_id !== null && !others.some((other) => other.storyId === article.story_id);
      if (anew) return { duplicate, storyId: findStory(keys, appearedAt, others)?.storyId ?? (alone && article.duplicate_of === null ? article.story_id : null) };
      return { duplicate, storyId: alone ? (findStory(keys, appearedAt, others)?.storyId ?? article.story_id) : article.story_id };
    }

    /**
     * The stories of an article placed again (see placeAgain), once it is stored in story `to`, in its transaction:
     * the story it left is deleted if empty, else labelled by the titles left in it; the one it is in is labelled by its
     * titles (its headline may be new) and, if it joined it, seen at its time. The labels lagging are settled before
     * the article is written (settleLabel), and the caches forgotten after the commit (forgetStories).
     */
    async function restory(trx: Kysely<Database>, from: number | null, to: number, fetchedAt: string, headline: string): Promise<void> {
      if (from !== null && from !== to) {
        // when it went, by this run's clock: fetchedAt is when the article was first seen, perhaps weeks before
        await repo.deleteStoryIfEmpty(trx, from, to, now().toISOString());
        const left = await repo.storyTitles(trx, from);
        if (left.length > 0) await repo.relabelStory(trx, from, storyLabel(left));
      }
      const titles = await repo.storyTitles(trx, to);
      if (from !== to) await repo.touchStory(trx, to, fetchedAt, storyLabel(titles.length > 0 ? titles : [headline]));
      else if (titles.length > 0) await repo.relabelStory(trx, to, storyLabel(titles));
    }

    /**
     * Stores an article placed again (see placeAgain) in story `placed`, or in a new one of its own when null, in
     * `trx`: `write` makes the article's changes, after the labels lagging are settled and before the stories it left
     * and joined are relabelled (restory). Returns its story. The titles the run holds of both are forgotten now (a
     * cache); the caller forgets their lag once `trx` has committed (forgetStories).
     */
    async function storePlacedAgain(
      trx: Kysely<Database>,
      article: ArticleRow,
      placed: number | null,
      headline: string,
      write: (storyId: number) => Promise<void>,
    ): Promise<number> {
      for (const story of new Set([article.story_id, placed])) await settleLabel(trx, story);
      const joined = placed ?? (await repo.createStory(trx, pipeline.id, storyLabel([headline]), article.fetched_at));
      await write(joined);
      await restory(trx, article.story_id, joined, article.fetched_at, headline);
      for (const id of [article.story_id, joined]) if (id !== null) storyTitleCache.delete(id);
      return joined;
    }

    /** Forgets what the run holds of stories whose titles or labels were written outside storeArticle. */
    function forgetStories(ids: readonly (number | null)[]): void {
      for (const id of ids) {
        if (id === null) continue;
        storyTitleCache.delete(id);
        labelsBehind.delete(id);
      }
    }

    /**
     * The in-memory view of an article placed again, once its writes have succeeded (or are made, in a transaction that
     * may yet roll back: see reviseCapture).
     */
    function knowAgain(id: number, changes: Partial<KnownArticle>): void {
      const index = known.findIndex((other) => other.id === id);
      if (index < 0) return;
      known[index] = { ...known[index]!, ...changes };
      duplicates.replace(known[index]!);
    }

    /**
     * How an article's coverage is dated for the alert's age rule (see shouldAlert): `date`, when its text first
     * appeared, and, undated, whether it is backlog (`firstRead`). An original: its own date; undated, backlog when
     * its source's first successful read found it (`ownFirstRead`). A copy of `original`: the earlier of its date and
     * when the original appeared, published or, undated, first seen (fetched_at), since a copy of an old original is
     * not news whatever its own date, nor one of an undated original the pipeline has had for weeks (a source's CMS
     * giving its items new GUIDs, captures moved into another folder). An undated copy of an undated original is
     * backlog when it came in its own source's first read, or when it is that source's own backlog delivered again:
     * the original was found by the source's first read and the source no longer delivers it under its key (see
     * deliveredKeys), so the copy took its place (a CMS move within `alerts.maxAgeHours` of the first read). A copy
     * of an original that raised no alert otherwise (a teaser too short to judge, a capture saved again beside the one
     * the folder's first read found) is judged on its own, against that date.
     */
    async function coverageOf(
      conn: Kysely<Database>,
      article: { sourceId: string; publishedAt: string | null },
      ownFirstRead: () => boolean | Promise<boolean>,
      original: ArticleRow | undefined,
    ): Promise<{ date: string | null; firstRead: boolean }> {
      const { sourceId, publishedAt } = article;
      if (!original) return { date: publishedAt, firstRead: publishedAt === null && (await ownFirstRead()) };
      if (publishedAt === null && original.published_at === null) {
        const replaced = original.source_id === sourceId && deliveredKeys.get(sourceId)?.has(original.item_key) === false;
        const backlog = (await ownFirstRead()) || (replaced && !(await repo.sourceReadBefore(conn, pipeline.id, original.source_id, original.fetched_at)));
        if (backlog) return { date: null, firstRead: true };
      }
      return { date: earliestDate(publishedAt, original.published_at ?? original.fetched_at), firstRead: false };
    }

    /**
     * Whether an article, as stored in `trx` and scored `score`, is coverage to alert on (see shouldAlert), judged as
     * a new article is: covered when its text raised an alert (its own, its copies', or, as a copy, its original's
     * group's); dated and, undated, taken for backlog as coverageOf says, its own source's first read being the
     * first that succeeded before it was stored.
     */
    async function alertDue(trx: Kysely<Database>, article: ArticleRow, score: ScoreResult): Promise<boolean> {
      const originalId = article.duplicate_of === null ? article.id : await repo.originalArticleId(trx, article.duplicate_of);
      const covered = (await repo.alertRaisedForGroup(trx, originalId)) || (originalId !== article.id && (await repo.alertRaisedForGroup(trx, article.id)));
      const original = originalId === article.id ? undefined : await repo.getArticle(trx, originalId);
      const ownFirstRead = async () => !(await repo.sourceReadBefore(trx, pipeline.id, article.source_id, article.fetched_at));
      const coverage = await coverageOf(trx, { sourceId: article.source_id, publishedAt: article.published_at }, ownFirstRead, original);
      return shouldAlert(score, covered, pipeline.alerts, coverage.date, now(), coverage.firstRead);
    }

    /**
     * A capture saved again (see newItems): its article takes the new text, head and keys and is scored again, and
     * dedup and story clustering decide again (see placeAgain), since the text may no longer copy the article it was
     * stored as a copy of, or copy another now; then its own copies are read again (see recheckCopiesOf). All in one
     * transaction: were the copies read again in transactions of their own, a crash after the capture's would leave
     * them copies of a text it no longer has, and the next run, finding the capture as stored, would not read them
     * again. The edit raises the alert a new article would when it makes the article one to alert on (see
     * shouldAlertOnEdit); the copies, whose text did not change, raise none.
     */
    async function reviseCapture(id: number, title: string | null, extracted: ExtractedArticle, publishedAt: string | null, source: SourceDefinition): Promise<void> {
      const at = now().toISOString();
      const score = scorer.score({ title, text: extracted.text, lang: extracted.lang });
      const headline = (url: string) => shownHeadline({ title, text: extracted.text, url });
      // What the run holds in memory of the articles written, as stored before: put back if the transaction rolls back.
      const before = new Map<number, KnownArticle>();
      const stories: (number | null)[] = [];
      try {
        await db.transaction().execute(async (trx) => {
          const article = await repo.getArticle(trx, id);
          if (!article) return;
          before.set(id, toKnown(article));
          const keys = computeDedupKeys({ url: article.url, canonicalUrl: extracted.canonicalUrl, title, text: extracted.text });
          // whether it was coverage to alert on before the edit, its old text scored as its new one is
          const wasDue = await alertDue(trx, article, scorer.score({ title: article.title, text: article.text, lang: article.lang }));
          const byHeadline = headlineOf({ ...article, title, site_name: extracted.siteName, canonical_url: keys.canonicalUrl, published_at: publishedAt });
          const { duplicate, storyId: placed } = await placeAgain(article, keys, publishedAt ?? article.fetched_at, { anew: true, byHeadline, text: extracted.text, conn: trx });
          const storyId = await storePlacedAgain(trx, article, placed, headline(article.url), async (joined) => {
            await repo.updateArticle(trx, id, {
              title, text: extracted.text, byline: extracted.byline, lang: extracted.lang, site_name: extracted.siteName,
              word_count: articleWordCount(extracted.text), partial: extracted.partial ? 1 : 0, published_at: publishedAt, modified_at: extracted.modifiedAt,
              canonical_url: keys.canonicalUrl, content_hash: keys.contentHash, near_signature: keys.nearSignature, topic_signature: keys.topicSignature,
              duplicate_of: duplicate?.articleId ?? null, duplicate_reason: duplicate?.reason ?? null, story_id: joined, updated_at: at,
            });
            await repo.replaceScore(trx, id, score, at);
          });
          stories.push(article.story_id, storyId);
          knowAgain(id, { ...keys, storyId, publishedAt, duplicateOf: duplicate?.articleId ?? null });
          headlines.add(id, title);
          await recheckCopiesOf(trx, id, before, stories);
          // judged once its copies are placed again: one that no longer copies its text is no longer in its group
          const revised = await repo.getArticle(trx, id);
          if (revised && shouldAlertOnEdit(wasDue, await alertDue(trx, revised, score))) {
            await enqueueAlerts(trx, { id, title: headline(article.url), url: article.url, outlet: extracted.siteName ?? source.name, publishedAt }, score, at);
          }
        });
      } catch (error) {
        // rolled back: the articles are as they were, and so must the run's view of them be
        for (const [articleId, stored] of before) {
          if (known.some((other) => other.id === articleId)) knowAgain(articleId, stored);
        }
        for (const story of stories) if (story !== null) storyTitleCache.delete(story);
        throw error;
      }
      forgetStories(stories);
    }

    /**
     * Reads again, in `trx` (see reviseCapture), the copies of an edited capture, first stored first, as their text
     * may not copy its new one: each copies what dedup finds now, or nothing, and then stays in its story. The edited
     * article's copies not yet read again are no one's original: else the first, finding the second (a copy of the
     * same old text), would take the edited article's original for its own. Their text and score did not change.
     * Each copy written is noted in `before` as it was stored, and its stories in `stories`.
     */
    async function recheckCopiesOf(trx: Kysely<Database>, id: number, before: Map<number, KnownArticle>, stories: (number | null)[]): Promise<void> {
      for (const copy of await repo.copiesOf(trx, id)) {
        const keys: DedupKeys = { canonicalUrl: copy.canonical_url, contentHash: copy.content_hash, nearSignature: copy.near_signature, topicSignature: copy.topic_signature };
        const appearedAt = copy.published_at ?? copy.fetched_at;
        const { duplicate, storyId: placed } = await placeAgain(copy, keys, appearedAt, { anew: false, byHeadline: headlineOf(copy), notCopiesOf: id, conn: trx });
        const duplicateOf = duplicate?.articleId ?? null;
        if (duplicateOf === copy.duplicate_of && (duplicate?.reason ?? null) === copy.duplicate_reason && placed === copy.story_id) continue;
        before.set(copy.id, toKnown(copy));
        const headline = shownHeadline({ title: copy.title, text: copy.text, url: copy.url });
        const storyId = await storePlacedAgain(trx, copy, placed, headline, async (joined) => {
          await repo.updateArticle(trx, copy.id, { duplicate_of: duplicateOf, duplicate_reason: duplicate?.reason ?? null, story_id: joined, updated_at: now().toISOString() });
        });
        stories.push(copy.story_id, storyId);
        knowAgain(copy.id, { storyId, duplicateOf });
      }
    }

    /**
     * Asks again for the pages of a source's articles that failed for a passing reason (a timeout, a 503) and were
     * tried fewer than PAGE_ATTEMPTS times, a few per run, whether or not the feed changed. On success the article
     * takes the page's text and is scored again. One that raised an alert keeps it as it was; one that raised none
     * (scored on a teaser) is judged again by its page, as a new article would be, since nothing else ever will.
     * The pages are fetched here, side by side; storeRetriedPage stores what came of each.
     */
    async function retryPages(source: FeedSourceDefinition): Promise<RetriedPage[]> {
      const due = await repo.articlesWithFailedPages(db, pipeline.id, source.id, { maxAttempts: PAGE_ATTEMPTS, ...PASSING_PAGE_ERRORS, limit: PAGE_RETRIES_PER_FEED_RUN });
      return Promise.all(due.filter((article) => /^https?:/i.test(article.url)).map(async (entry) => ({ entry, page: await fetchArticlePage(entry.url, source.url) })));
    }

    /**
     * Stores what asking again for an article's page brought (see retryPages): in the source's store turn (see
     * storeInTurn), since with its page's text an article may turn out to copy another or belong to another story.
     */
    async function storeRetriedPage(entry: RetriedPage['entry'], fetched: RetriedPage['page'], source: SourceDefinition, report: SourceReport): Promise<void> {
      const at = now().toISOString();
      let page = fetched;
      // a page its link now redirects to, where another article was sent too, is not its article (see landingTakenBy)
      if (!('error' in page) && page.landing !== null) {
        const stored = await repo.getArticle(db, entry.id);
        const why = stored ? await landingNotTheArticle(page.landing, { link: stored.feed_link ?? stored.url, title: stored.title }, page.extracted.title) : null;
        if (why !== null) page = { error: redirectedAway(entry.url, page.landing, why) };
      }
      if (!('error' in page) && page.weakWall !== null && saysNothingOf((await repo.getArticle(db, entry.id))?.title ?? null, page.extracted.title)) {
        page = { error: walledPage(entry.url, page.weakWall) };
      }
      // A request the queue held back (its host asked to wait, or left others unanswered) was never sent: no try.
      const attempt = 'error' in page && page.notSent ? entry.page_attempts : entry.page_attempts + 1;
      if ('error' in page) {
        // The item's failure was reported when it was stored; a retry that fails too is a warning, not a new error.
        report.warnings.push(`${urlForDisplay(entry.item_key)}: ${page.error.message} (try ${attempt} of ${PAGE_ATTEMPTS})`);
        await repo.updateArticle(db, entry.id, { page_attempts: attempt, extract_error: page.error.message, extract_error_code: page.error.code, updated_at: at });
        return;
      }
      if (page.warning) report.warnings.push(`${urlForDisplay(entry.item_key)}: ${page.warning}`);
      const article = await repo.getArticle(db, entry.id);
      if (!article) return;
      // the article was stored with its feed's text, the page having failed: it may be the whole of a paywalled page
      const extracted = withFullerFeedText(page.extracted, article.text);
      const title = article.title ?? extracted.title;
      const keys = computeDedupKeys({ url: page.url, canonicalUrl: extracted.canonicalUrl, title, text: extracted.text });
      const publishedAt = article.published_at ?? plausiblePublicationDate(extracted.publishedAt, now());
      // With its page's text the article may turn out to be a copy of one stored before: dedup decides again. One
      // stored as a copy stays one: it copied by its feed's text, which the feed that carries it still has.
      // what the page does not say, the feed did: an aggregator's outlet, stored from the item, stays
      const siteName = extracted.siteName ?? article.site_name;
      const byHeadline = headlineOf({ ...article, title, site_name: siteName, canonical_url: keys.canonicalUrl, published_at: publishedAt });
      const { duplicate, storyId } = await placeAgain(article, keys, publishedAt ?? article.fetched_at, { anew: false, byHeadline, text: extracted.text });
      const headline = shownHeadline({ title, text: extracted.text, url: page.url });
      const score = scorer.score({ title: title ?? '', text: extracted.text, lang: extracted.lang ?? article.lang });
      await db.transaction().execute(async (trx) => {
        // its title may be new and it may leave its story: the labels lagging the titles are settled first
        for (const id of new Set([article.story_id, storyId])) await settleLabel(trx, id);
        await repo.updateArticle(trx, entry.id, {
          title, url: page.url, canonical_url: keys.canonicalUrl,
          text: extracted.text, word_count: articleWordCount(extracted.text), partial: extracted.partial ? 1 : 0,
          byline: extracted.byline ?? article.byline, lang: extracted.lang ?? article.lang, site_name: siteName,
          image: extracted.image ?? article.image,
          modified_at: extracted.modifiedAt ?? article.modified_at, published_at: publishedAt,
          content_hash: keys.contentHash, near_signature: keys.nearSignature, topic_signature: keys.topicSignature,
          ...(duplicate ? { duplicate_of: duplicate.articleId, duplicate_reason: duplicate.reason } : {}),
          story_id: storyId, extract_error: null, extract_error_code: null, page_attempts: attempt, updated_at: at,
        });
        await repo.replaceScore(trx, entry.id, score, at);
        // covered by its own alert, or (as a copy, or as an original whose copies were stored meanwhile) its group's
        const updated = await repo.getArticle(trx, entry.id);
        if (updated && (await alertDue(trx, updated, score))) {
          await enqueueAlerts(trx, { id: entry.id, title: headline, url: page.url, outlet: siteName ?? source.name, publishedAt }, score, at);
        }
        if (storyId !== null) await restory(trx, article.story_id, storyId, article.fetched_at, headline);
      });
      forgetStories([article.story_id, storyId]);
      knowAgain(entry.id, { ...keys, storyId, publishedAt, duplicateOf: duplicate?.articleId ?? article.duplicate_of });
      headlines.add(entry.id, title);
    }

    /**
     * Text for a feed item: its page when allowed and reachable, else what the feed itself carries. Pages on the host
     * the pipeline file names for the feed are trusted like the feed; links to other private hosts are not.
     */
    async function prepareFeedItem(item: RawItem, fetchPage: boolean, feedUrl: string): Promise<PreparedArticle> {
      const fromFeed = (): ExtractedArticle => {
        const html = item.body ?? item.summary ?? '';
        const extracted = extractHtml(html, { url: item.url });
        // A feed's summary is often one sentence, too short for the article extractor to accept as a body.
        const plain = htmlToText(html);
        const text = plain.length > extracted.text.length ? plain : extracted.text;
        return { ...extracted, text: text || item.title || '', partial: true };
      };
      if (!fetchPage) return { raw: item, extracted: fromFeed(), extractError: null, pageAttempted: false };
      // A page already stored (reached through another feed) is not fetched again: its stored text serves.
      const stored = await repo.findArticleByCanonicalUrl(db, pipeline.id, canonicalizeUrl(item.url));
      // ...unless stored for another item of one page many link to (see sharedPages): for another anchor of it, or
      // for another item of this source under another headline (an earlier edition); its text is not this item's
      const anotherItemsPage =
        stored &&
        (identifyingFragment(stored.feed_link ?? stored.url) !== identifyingFragment(item.url) ||
          (stored.source_id === item.sourceId && stored.item_key !== item.key && normalizeText(stored.title ?? '') !== normalizeText(item.title ?? '')));
      if (anotherItemsPage) {
        return { raw: item, extracted: fromFeed(), extractError: null, pageAttempted: false };
      }
      if (stored) return { raw: item, extracted: storedArticle(stored), extractError: null, pageAttempted: false };
      // stopped, no more pages are asked for (the source ends at its store turn anyway)
      options.stop?.throwIfRequested();
      const page = await fetchArticlePage(item.url, feedUrl);
      // a page held back unsent (its host asked the run to wait, or left it unanswered) costs none of its tries
      if ('error' in page) return { raw: item, extracted: fromFeed(), extractError: page.error, pageAttempted: !page.notSent };
      // titled as a wall is ("Access Denied", "Page not found"), or saying what one says, and nothing of the headline
      if (page.weakWall !== null && saysNothingOf(item.title, page.extracted.title)) {
        return { raw: item, extracted: fromFeed(), extractError: walledPage(item.url, page.weakWall), pageAttempted: true };
      }
      const extracted = page.extracted.partial && item.body ? withFullerFeedText(page.extracted, fromFeed().text) : page.extracted;
      const prepared: PreparedArticle = { raw: { ...item, url: page.url }, extracted, extractError: null, pageAttempted: true, feedLink: item.url, pageWarning: page.warning };
      if (page.landing === null) return prepared;
      const { landing } = page;
      const away = (why: string): PreparedArticle => ({ raw: item, extracted: fromFeed(), extractError: redirectedAway(item.url, landing, why), pageAttempted: true });
      return { ...prepared, redirect: { landing, away } };
    }

    /**
     * Why the page an item's link redirected to (`landing`, the identity it would give the article) is not the
     * article, or null: another article, of another link and headline, was already sent there (a consent or region
     * wall, a paywall page an outlet sends all its links to), stored as that page or kept with its feed's text for
     * it. Were it taken for the article, every later item sent there would be stored as a copy of the first, their
     * feed's text thrown away and no alert raised. Read in the source's store turn, so what earlier sources stored
     * counts, in the pipeline file's order.
     */
    async function landingTakenBy(landing: string, item: { link: string; title: string | null }): Promise<string | null> {
      const landed = await repo.findArticleByCanonicalUrl(db, pipeline.id, landing);
      if (landed && !sameArticle(item, { link: landed.feed_link ?? landed.url, title: landed.title })) {
        return `where the link of another article, ${urlForDisplay(landed.feed_link ?? landed.url)}, led too`;
      }
      // the articles kept with their feed's text for it name it in their error (see redirectedAway)
      const pattern = `%redirected to ${landing.replace(/[!%_]/g, '!$&')} (%`;
      const sentThere = await db
        .selectFrom('articles')
        .select(['url', 'feed_link', 'title'])
        .where('pipeline_id', '=', pipeline.id)
        .where('extract_error_code', '=', 'redirected_away')
        .where(sql<boolean>`extract_error like ${pattern} escape '!'`)
        .orderBy('id')
        .limit(20)
        .execute();
      const other = sentThere.find((row) => !sameArticle(item, { link: row.feed_link ?? row.url, title: row.title }));
      return other ? `where the link of another article, ${urlForDisplay(other.feed_link ?? other.url)}, led too` : null;
    }

    /**
     * Why the page an item's link was redirected to (`landing`, titled `pageTitle`) is not its article, or null:
     * another article was sent there (see landingTakenBy), or its title has no word of the item's headline (see
     * titleSharesNoWord), which tells even the first item an outlet sends to a wall.
     */
    async function landingNotTheArticle(landing: string, item: { link: string; title: string | null }, pageTitle: string | null): Promise<string | null> {
      const taken = await landingTakenBy(landing, item);
      if (taken !== null) return taken;
      return titleSharesNoWord(item.title, pageTitle) ? "a page whose title has no word of the item's headline" : null;
    }

    /**
     * The items of a batch whose links redirected to one page with the links of other items of it, of other
     * headlines (see sameArticle), and why that page is none of their articles: the first of them as much as the
     * others.
     */
    function pagesSentTogether(items: readonly PreparedArticle[]): Map<PreparedArticle, string> {
      const byLanding = new Map<string, PreparedArticle[]>();
      for (const item of items) {
        if (!item.redirect) continue;
        const sharers = byLanding.get(item.redirect.landing);
        if (sharers) sharers.push(item);
        else byLanding.set(item.redirect.landing, [item]);
      }
      const out = new Map<PreparedArticle, string>();
      for (const item of items) {
        if (!item.redirect) continue;
        const other = byLanding.get(item.redirect.landing)!.find((sharer) => sharer !== item && !sameArticle(describedItem(item), describedItem(sharer)));
        if (other) out.set(item, `where the link of another item, ${urlForDisplay(describedItem(other).link)}, led too`);
      }
      return out;
    }

    /**
     * An item as it is to be stored (see storeAll): one whose link redirected to a page that is not its article, as
     * items of its batch were sent there too (`sentTogether`, see pagesSentTogether), an article stored before was
     * (see landingTakenBy), or its title has no word of the item's headline (see titleSharesNoWord), keeps its feed's
     * text under its own link (see PreparedArticle.redirect).
     */
    async function pageNotTheArticle(item: PreparedArticle, sentTogether: ReadonlyMap<PreparedArticle, string>): Promise<PreparedArticle> {
      if (!item.redirect) return item;
      const why = sentTogether.get(item) ?? (await landingNotTheArticle(item.redirect.landing, describedItem(item), item.extracted.title));
      return why === null ? item : item.redirect.away(why);
    }

    /**
     * The page's extract, with the text its feed carried when the page is a teaser of it (a paywall shows this
     * reader the first paragraphs of what the feed's content:encoded gave whole): the page is still what was read
     * (its URL, title, dates and canonical URL serve), but its teaser would hide the rest of the story. Only when the
     * feed's text is much longer and holds the page's (isFullerText, as for a JSON-LD body): a feed saying
     * something else than its page does not replace what the page says.
     */
    function withFullerFeedText(extracted: ExtractedArticle, feedText: string): ExtractedArticle {
      if (!extracted.partial || !isFullerText(feedText, extracted.text)) return extracted;
      return { ...extracted, text: feedText, partial: false };
    }

    /**
     * The pages this run fetched, by the request made for each (its URL, with the feed's login): a page two feeds
     * link, or the items of a feed several sources list, is asked for once a run. A fetch serves another feed's link
     * only when neither feed's trusted host (the one its pipeline file URL names) was asked on the way, so that trust
     * changed nothing (as with fetch.allowPrivateAddresses). The latest PAGES_REMEMBERED requests are kept, which
     * bounds what a run of thousands holds.
     */
    const pagesFetched = new Map<string, { trusted: string | null; fetched: Promise<{ page: FetchedPage; hosts: string[] }> }[]>();
    async function fetchArticlePage(url: string, feedUrl: string): Promise<FetchedPage> {
      const request = withCredentialsOf(url, feedUrl);
      const trusted = trustedHostOf(feedUrl);
      const earlier = pagesFetched.get(request) ?? [];
      for (const entry of earlier) {
        if (entry.trusted === trusted) return (await entry.fetched).page;
      }
      // by name, whatever the port: trust on 80 carries to 443 (isTrusted)
      const nameOf = (host: string | null) => host?.replace(/:\d+$/, '') ?? null;
      for (const entry of earlier) {
        const { page, hosts } = await entry.fetched;
        const trustChangedNothing = fetchOptions.allowPrivateAddresses || !hosts.some((host) => nameOf(host) === nameOf(trusted) || nameOf(host) === nameOf(entry.trusted));
        if (trustChangedNothing) return page;
      }
      const fetched = fetchArticlePageOnce(url, request, trusted);
      pagesFetched.delete(request);
      pagesFetched.set(request, [...earlier, { trusted, fetched }]);
      if (pagesFetched.size > PAGES_REMEMBERED) pagesFetched.delete(pagesFetched.keys().next().value!);
      return (await fetched).page;
    }

    /**
     * Fetches and extracts an item's page (`request`, `url` with the feed's login if it is on the feed's origin): the
     * text and the URL that answered, or why there is none, and the hosts asked on the way (as trustedHostOf writes
     * them). Pages on the host and port the pipeline file names for the feed (`trusted`) are trusted like the feed; no
     * URL kept or shown carries the login.
     */
    async function fetchArticlePageOnce(url: string, request: string, trusted: string | null): Promise<{ page: FetchedPage; hosts: string[] }> {
      const response = await fetcher(request, { ...fetchOptions, trustedHostname: trusted });
      const hosts = [request, response.url, ...response.redirects.flatMap((redirect) => [redirect.from, redirect.to])].map(trustedHostOf);
      return { page: await pageOfResponse(url, response), hosts: hosts.filter((host): host is string => host !== null) };
    }

    /** The page `response` brought for the link `url` (see fetchArticlePageOnce). */
    async function pageOfResponse(url: string, response: FetchResult): Promise<FetchedPage> {
      // Cloudflare's challenge, answered 200, 403 or 503 with its header: passing, as the 503 is, not a refusal
      if (isCloudflareChallenge(response.headers)) return { error: walledPage(url, 'a Cloudflare challenge') };
      if (response.status !== 'ok') {
        const error = response.status === 'failed' ? response.error : { code: 'not_modified', message: 'unexpected 304' };
        const notSent = error.notSent ? { notSent: true as const } : {};
        return { error: { code: error.code, message: `article page ${urlForDisplay(url)}: ${error.message}` }, ...notSent };
      }
      const pageUrl = withoutCredentials(response.url);
      // A link to a PDF or a binary file keeps the feed's text rather than store its bytes as the article.
      const { page, problem } = readPageBody(response.body, response.headers);
      if (problem) return { error: { code: problem.code, message: `article page ${urlForDisplay(url)}: ${problem.message}` } };
      // read as `extract <url>` reads it: a text/plain page as text, not as HTML
      const extracted = extractFetchedPage(page.text, getHeader(response.headers, 'content-type'), pageUrl, page.encoding);
      // a bot challenge or block page, known by its vendor's marks: asked for again later, as a 503 is
      const wall = pageWall({ html: page.text, text: extracted.text, title: extracted.title });
      if (wall && !wall.weak) return { error: walledPage(url, wall.what) };
      // too short to be the article (a teaser, a consent page): the feed's text serves, and the report says why; one
      // that says what a wall says is that wall, asked for again
      const tooShort = articleTextProblem(extracted.text);
      if (tooShort) return { error: wall ? walledPage(url, wall.what) : { code: 'extract_empty', message: `article page ${urlForDisplay(url)}: ${tooShort}` } };
      const weakWall = wall?.what ?? null;
      // the page's decoding warnings, all on one line: a feed of fifty mis-labelled pages gives fifty lines, not more
      const warning = page.warnings.length > 0 ? `article page ${urlForDisplay(url)}: ${page.warnings.join('; ')}` : null;
      // Redirected to another address, the page would give the article another identity: not when that is the home
      // page or a section above the link (an outlet sending its links there, the article gone or out of reach), which
      // is no article; the feed's text serves, as for a page that failed. (A page other articles' links were sent to,
      // a consent wall or a paywall page, is found when the item is stored: see pageNotTheArticle.)
      const link = canonicalizeUrl(withoutCredentials(url));
      const reached = canonicalizeUrl(pageUrl);
      if (reached === link) return { extracted, url: pageUrl, warning, landing: null, weakWall };
      const landing = computeDedupKeys({ url: pageUrl, canonicalUrl: extracted.canonicalUrl, title: null, text: '' }).canonicalUrl;
      if (isAboveOnSite(reached, link) || isAboveOnSite(landing, link)) {
        return { error: redirectedAway(url, landing, 'the home page or a section above the link, not its article') };
      }
      return { extracted, url: pageUrl, warning, landing, weakWall };
    }

    /** Stores the items in order, one failure never stopping the rest; returns how many could not be stored. */
    async function storeAll(items: readonly PreparedArticle[], source: SourceDefinition, report: SourceReport): Promise<number> {
      let failed = 0;
      const sentTogether = pagesSentTogether(items);
      for (const prepared of items) {
        // outside the try: a stop is no failure of the item
        await beforeWrite();
        // an item without a GUID is known by its link, which may carry a login: messages show it masked
        const shownKey = urlForDisplay(prepared.raw.key);
        let item = prepared;
        try {
          // once the items before it are stored: a page one of them was sent to is no article of this one's
          item = await pageNotTheArticle(prepared, sentTogether);
          if (item.extractError) report.itemErrors.push({ key: shownKey, error: item.extractError });
          // as a retried page's failure is reported: the item's key, then what was wrong with its page
          if (item.pageWarning) report.warnings.push(`${shownKey}: ${item.pageWarning}`);
          const outcome = await storeArticle(item, source);
          if (outcome === 'added') report.articlesAdded += 1;
          if (outcome === 'duplicate') {
            report.articlesAdded += 1;
            report.duplicates += 1;
          }
        } catch (error) {
          // One bad item never stops the others; the error is reported with the item's key.
          // the database's failure in words (a lock, a full disk) naming it; the item's address when the key is another
          const reason = repo.databaseFailure(error, store)?.message ?? (error as Error).message;
          const shownUrl = urlForDisplay(item.raw.url);
          report.itemErrors.push({ key: shownKey, error: { code: 'store', message: shownUrl === shownKey ? reason : `${shownUrl}: ${reason}` } });
          failed += 1;
        }
        options.progress?.articleProcessed(++processed);
      }
      return failed;
    }

    /**
     * Remembers what the files sources refused, at the end of a run that got that far: a run stopped or killed before
     * it reported them leaves them to be reported again, as failures, by the next. The refusals of sources no longer
     * in the pipeline are forgotten, so one added back is read afresh. A failure here fails nothing: the next run
     * reports the refusals again.
     */
    async function rememberRefusedFiles(): Promise<void> {
      const at = now().toISOString();
      for (const { report, known, refused } of refusals) {
        try {
          await repo.recordRefusedFiles(db, pipeline.id, report.sourceId, known, refused, at);
        } catch (error) {
          const reason = repo.databaseFailure(error, store)?.message ?? (error as Error).message;
          report.warnings.push(`the files refused could not be remembered (${reason}): the next run reports them again`);
        }
      }
      await repo.forgetRefusedFilesOutside(db, pipeline.id, pipeline.sources.filter((source) => source.kind === 'files').map((source) => source.id)).catch(() => {});
    }

    async function runFilesSource(source: Extract<SourceDefinition, { kind: 'files' }>, report: SourceReport, index: number): Promise<void> {
      const started = now().toISOString();
      const ingested = await ingestFiles(source.id, source.glob, rootDir);
      // A capture with no article text (a saved page of nothing but markup) is refused, as `extract <file>` refuses
      // it, like a file that cannot be read: reported by its name, nothing stored (a stored version of it is left as
      // it was), and read again next run, when it may have been saved again.
      const items: RawItem[] = [];
      const errors = [...ingested.errors];
      for (const item of ingested.items) {
        const noText = captureTextError(item.key, captureArticle(item).text);
        if (noText) errors.push({ key: item.key, error: noText });
        else items.push(item);
      }
      errors.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      report.itemsSeen = items.length;
      // A file refused as an earlier read refused it, for the same reason, was reported then: a cron job would
      // otherwise fail every morning on a file saved empty, or a script saved beside a page, until it is removed.
      const refusedBefore = await repo.refusedFiles(db, pipeline.id, source.id);
      const refused = errors.map((item) => ({ key: item.key, code: item.error.code, message: item.error.message }));
      for (const [index, item] of errors.entries()) {
        const before = refusedBefore.get(item.key);
        if (repo.isSameRefusal(before, refused[index]!)) report.itemsRefusedBefore.push({ ...item, since: before.since });
        else report.itemErrors.push(item);
      }
      refusals.push({ report, known: refusedBefore, refused });
      const outcome = ingested.failure !== undefined || (items.length === 0 && errors.length === 0) ? 'failed' : 'ok';
      if (outcome === 'failed') {
        report.outcome = outcome;
        report.error = ingested.failure ?? { code: 'no_files', message: `no files match ${source.glob} under ${rootDir}` };
      }
      const { fresh, revisions } = await newItems(items, source, report);
      const prepared = fresh.map((raw): PreparedArticle => ({ raw, extracted: captureArticle(raw), extractError: null, pageAttempted: false }));
      const failedToStore = await storeInTurn(index, source, report, { revisions, prepared });
      // A read that could not store all its new captures (a full disk, a locked database) is no successful read: the
      // folder's first successful read, whose undated backlog raises no alerts, is the first that stored them all.
      const stored = failedToStore === 0;
      if (!stored) {
        // said as `sources` says it: the run's report and exit code agree with the source's row
        report.outcome = 'failed';
        report.error = storeFailure(report, failedToStore, fresh.length);
      }
      await repo.recordFetch(db, {
        runId, pipelineId: pipeline.id, sourceId: source.id, url: source.glob, startedAt: started, finishedAt: now().toISOString(),
        outcome: stored ? outcome : 'failed', httpStatus: null, error: report.error,
        // the captures stored count as seen even when others were not: the next read finds them stored, not new
        newItems: fresh.length - failedToStore,
      });
    }

    async function runFeedSource(source: FeedSourceDefinition, report: SourceReport, attempt: { recorded: boolean }, index: number): Promise<void> {
      const started = now().toISOString();
      const row = sourceRows.get(source.id);
      const url = feedAddress(source);
      const sharers = feedSharers.get(url) ?? [source];
      // A shared feed is checked when any of its sources is due, and its answer serves them all; but not while the
      // server has asked, with Retry-After, any of them not to ask yet (a source just added to the address included).
      // --all overrides the schedule, not such a wait.
      let due = addressDue.get(url);
      if (due === undefined) {
        const at = now();
        const rows = sharers.map((s) => sourceRows.get(s.id));
        due = !rows.some((shared) => askedToWait(shared, at)) && (options.all === true || rows.some((shared) => isDue(shared?.next_check_at, at, shared?.last_checked_at, repo.storedSkipTimes(shared))));
        addressDue.set(url, due);
      }
      if (!due) {
        report.outcome = 'not_due';
        const at = now();
        const waitedFor = sharers.map((s) => sourceRows.get(s.id)).find((shared) => askedToWait(shared, at));
        const scheduled = options.all === true ? null : (row?.next_check_at ?? null);
        // a check whose time has come, in an hour or on a day the feed asks to be skipped (isDue), waits for their end
        const skip = repo.storedSkipTimes(row);
        const skipped = skippedUntil(at.getTime(), skip);
        if (waitedFor) {
          report.nextCheck = { at: [waitedFor.server_wait_until!, scheduled ?? ''].sort().at(-1)!, reason: `the server asked to wait (${waitedFor.last_error_code}, Retry-After)`, heldByServer: true };
        } else if (skipped !== null && scheduled !== null && Date.parse(scheduled) < skipped.until) {
          report.nextCheck = { at: new Date(skipped.until).toISOString(), reason: `the feed asks not to be read now (its ${skipsAt(at.getTime(), skip).join(' and ')})`, heldByServer: false };
          // stored, so `sources` shows the time the check waits for rather than one gone by
          const reason = (row?.next_check_reason ?? 'scheduled').replace(SKIP_MOVE_SUFFIX, '');
          const moved = outOfSkipTimes({ at: at.toISOString(), reason }, skip);
          await repo.moveNextCheck(db, pipeline.id, source.id, moved.at, moved.reason, 'later');
        } else {
          report.nextCheck = { at: scheduled!, reason: row?.next_check_reason ? `scheduled: ${row.next_check_reason}` : 'scheduled', heldByServer: false };
        }
        return;
      }
      const shared = await fetchFeedOnce(url, sharers);
      const result = {
        ...shared,
        items: shared.items.map((item) => (item.sourceId === source.id ? item : { ...item, sourceId: source.id })),
        // read against the host's clock by the answer's Date; the schedule reckons by the run's. Without a Date it is
        // the server's own time, as the run's is
        hints:
          shared.hints.expiresAt === null || parseHttpDate(shared.headers['date']) === null
            ? shared.hints
            : { ...shared.hints, expiresAt: fromHostClock(Date.parse(shared.hints.expiresAt)) },
      };
      report.outcome = result.outcome;
      report.error = result.error;
      report.warnings.push(...result.warnings);
      const twin = readsFeedOf.get(source.id);
      if (twin !== undefined) {
        report.warnings.push(`reads the feed source "${twin}" reads (the same URL, or one written otherwise): each stores its items, and the digest counts two outlets; list it once`);
      }
      report.itemsSeen = result.items.length;
      const { fresh, revisions } = result.outcome === 'ok' ? await newItems(result.items, source, report) : { fresh: [], revisions: [] };
      const aheadOfTime = fresh.filter((item) => item.publishedAt !== null && plausiblePublicationDate(item.publishedAt, now()) === null);
      if (aheadOfTime.length > 0) {
        report.warnings.push(`${aheadOfTime.length} new item${aheadOfTime.length === 1 ? '' : 's'} dated more than a day ahead (as ${aheadOfTime[0]!.publishedAt!.slice(0, 10)}): dated by when first seen instead`);
      }
      const gap = result.outcome === 'ok' ? unreadGapWarning(result.items, fresh.length, row) : null;
      if (gap !== null) report.warnings.push(gap);
      // The publishing rate comes from the feed when it answered, else from the items of the document it last read,
      // which a 304 says it still is (those it shares with a feed the source was read from before included), or, with
      // none recorded, from the articles it stored.
      const readPublished = result.outcome === 'ok' ? result.items.map((i) => i.publishedAt) : null;
      const recentPublished = readPublished ?? repo.lastReadPublished(row) ?? (await repo.recentPublicationTimes(db, pipeline.id, source.id, 50));
      // On the old URL's turn (a moved feed whose new address keeps failing), a 410 says only that the old address
      // is retired: an ordinary failure, not the feed gone.
      const oldAddressRetired = result.gone && !!row?.moved_to && url !== movedAddress(source, row.moved_to);
      // Nor is a 410 at the end of a temporary redirect (see ingestFeed): only where the feed points for now is gone.
      const goneForNow = result.outcome === 'failed' && result.httpStatus === 410 && !result.gone;
      // not on a 200 (which was scheduled a week out), nor on a 404 or a 500 (held for a week, even against --all)
      const retryAfter = askedWaitSeconds({ status: result.outcome, httpStatus: result.httpStatus, hints: result.hints });
      const freshness = answerFreshness(result, row?.freshness_seconds ?? null, now());
      const rateLimit = learntRateLimit(result, row, now());
      const scheduled = nextCheck({
        now: now(), outcome: result.outcome, random,
        errorCode: oldAddressRetired ? 'old_address_gone' : goneForNow ? 'redirect_target_gone' : result.error ? heldOrCode(result.error) : null,
        httpStatus: oldAddressRetired || goneForNow ? null : result.httpStatus,
        failuresBefore: row?.error_streak ?? 0, recentPublished,
        // A document read without <ttl> has none: the stored one counts only when no document was read (a 304).
        ttlSeconds: result.outcome === 'ok' ? result.ttlSeconds : (row?.ttl_seconds ?? null), ...result.hints,
        skip: result.outcome === 'ok' ? result.skip : repo.storedSkipTimes(row),
        keptFreshnessSeconds: freshness.kept,
        retryAfterSeconds: retryAfter,
        retryAfterCapped: retryAfter !== null && result.hints.retryAfterProblem?.kind === 'capped',
        rateLimitSeconds: rateLimit ?? repo.currentRateLimit(row, now()),
      });
      // held by the server when its Retry-After, not the schedule's own backoff, sets the time
      report.nextCheck = { ...scheduled, heldByServer: retryAfter !== null && now().getTime() + retryAfter * 1000 >= Date.parse(scheduled.at) };
      const check: repo.FetchRecord = {
        runId, pipelineId: pipeline.id, sourceId: source.id, url, startedAt: started, finishedAt: now().toISOString(),
        outcome: result.outcome, httpStatus: result.httpStatus, error: result.error, newItems: fresh.length,
        // The pipeline file's URL answering without a permanent redirect forgets the address learnt before. A move is
        // learnt or forgotten only when the feed was read: a chain that ends in an error (a 301 to a dead, refused or
        // looping address) gives the user no URL to put in the pipeline file.
        movedTo: result.outcome === 'failed' ? undefined : (result.movedTo ?? (url === requestAddress(source.url) && row?.moved_to ? null : undefined)),
        gone: result.gone && !oldAddressRetired,
        nextCheckAt: report.nextCheck.at,
        nextCheckReason: report.nextCheck.reason,
        serverWaitUntil: retryAfter === null ? null : new Date(Math.min(Date.parse(report.nextCheck.at), now().getTime() + retryAfter * 1000)).toISOString(),
        // The document's own warnings (not this run's notes on new items), so `sources` shows them under cron too.
        // (and the gap before it, which only this read can tell, or it would be lost with the cron mail)
        ...(readPublished !== null ? { ttlSeconds: result.ttlSeconds, skipTimes: result.skip, warnings: gap === null ? result.warnings : [...result.warnings, gap], published: readPublished } : {}),
        ...(freshness.said !== undefined ? { freshnessSeconds: freshness.said } : {}),
        documentRead: result.httpStatus !== null && result.httpStatus >= 200 && result.httpStatus < 300,
        ...(rateLimit !== null ? { rateLimitSeconds: rateLimit } : {}),
      };
      const recordCheck = async (record = check) => {
        await repo.recordFetch(db, record);
        attempt.recorded = true;
      };
      // A feed that delivered new items is recorded as checked (its next check scheduled) only once they are stored:
      // a run killed or interrupted while fetching their pages leaves it due, so the next run reads them again rather
      // than skip the feed as not due until its next check, with those articles in no digest meanwhile.
      if (result.outcome !== 'ok') await recordCheck();
      if (result.outcome === 'not_modified') await repo.saveFeedValidators(db, pipeline.id, source.id, result.state);
      if (result.outcome === 'failed') return;
      const fetchPages = source.fetchArticles ?? pipeline.fetch.fetchArticles;
      // The page budget goes to the latest coverage...
      const newestFirst = [...fresh].sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''));
      const onSharedPage = sharedPages(result.outcome === 'ok' ? result.items : []);
      const withPages = newestFirst.filter((item) => item.hasPage && !onSharedPage.has(canonicalizeUrl(item.url)));
      const withPage = new Set(withPages.slice(0, fetchPages ? pipeline.fetch.maxArticlesPerFeed : 0));
      if (fetchPages && withPages.length > withPage.size) {
        report.warnings.push(
          `${withPages.length - withPage.size} new items keep their feed text only: pages are fetched for the ${pipeline.fetch.maxArticlesPerFeed} newest per run (fetch.maxArticlesPerFeed)`,
        );
      }
      // Pages that failed for a passing reason on an earlier run are asked for again, a few per run, whether or not
      // the feed changed, alongside the new items' pages.
      const [retried, prepared] = await Promise.all([
        fetchPages ? retryPages(source) : [],
        Promise.all(fresh.map((item) => prepareFeedItem(item, withPage.has(item), source.url))),
      ]);
      // ...but storing goes oldest first, so an original is stored before the copies that syndicate it.
      prepared.sort((a, b) => (a.raw.publishedAt ?? '\uffff').localeCompare(b.raw.publishedAt ?? '\uffff'));
      const failedToStore = await storeInTurn(index, source, report, { revisions, retried, prepared });
      if (result.outcome !== 'ok') return;
      if (failedToStore > 0) {
        // Not all its new items are stored (a full disk, a locked database): the feed is not scheduled as checked. It
        // is recorded as failing, with the reason in `sources`, and stays due, so the next run reads the items not
        // stored as new; only when storing keeps failing run after run does it back off, as after any failure. Nor
        // does this read count as the source's first successful read (no alert on its undated backlog).
        const retry = storeRetry(row?.error_streak ?? 0, result.skip);
        report.nextCheck = { ...retry, heldByServer: false };
        // said as `sources` says it: the run's report and exit code agree with the source's row
        report.outcome = 'failed';
        report.error = storeFailure(report, failedToStore, fresh.length);
        await recordCheck({
          runId, pipelineId: pipeline.id, sourceId: source.id, url, startedAt: started, finishedAt: now().toISOString(),
          outcome: 'failed', httpStatus: result.httpStatus, error: report.error,
          // the items stored count as seen even when others were not: the next read finds them stored, not new
          newItems: fresh.length - failedToStore,
          nextCheckAt: retry.at, nextCheckReason: retry.reason, serverWaitUntil: null,
        });
        return;
      }
      await recordCheck();
      // Validators last: were they saved before the items, a failure or an interruption in between would leave
      // items that the next run, answered "not modified", never reads again.
      await repo.saveFeedValidators(db, pipeline.id, source.id, result.state);
    }

    /**
     * When a feed is read again after the database failed to take what its read gave (a full disk, a locked file, a
     * cancelled query): by the next run, so the items not stored are read as new; only when storing keeps failing run
     * after run does it back off, as after any failure.
     */
    function storeRetry(failuresBefore: number, skip: SkipTimes | null): NextCheck {
      if (failuresBefore === 0) return { at: now().toISOString(), reason: 'failure 1 in a row (store): read again by the next run' };
      return nextCheck({ now: now(), outcome: 'failed', errorCode: 'store', httpStatus: null, failuresBefore, recentPublished: [], ttlSeconds: null, ...NO_HINTS, skip, random });
    }

    /** Records a source's failure that its own path threw: the database's (see storeRetry), or a bug's, backed off. */
    async function recordInternalFailure(source: FeedSourceDefinition, report: SourceReport): Promise<void> {
      const row = sourceRows.get(source.id);
      const failuresBefore = row?.error_streak ?? 0;
      const skip = repo.storedSkipTimes(row);
      const scheduled =
        report.error?.code === 'store'
          ? storeRetry(failuresBefore, skip)
          : nextCheck({ now: now(), outcome: 'failed', errorCode: 'internal', httpStatus: null, failuresBefore, recentPublished: [], ttlSeconds: null, ...NO_HINTS, skip, random });
      report.nextCheck = { ...scheduled, heldByServer: false };
      const at = now().toISOString();
      await repo.recordFetch(db, {
        runId, pipelineId: pipeline.id, sourceId: source.id, url: feedAddress(source), startedAt: at, finishedAt: at,
        outcome: 'failed', httpStatus: null, error: report.error, newItems: 0, nextCheckAt: report.nextCheck.at, nextCheckReason: report.nextCheck.reason,
      });
    }

    /** Runs the source at `index` in the pipeline file: its store turn (see storeInTurn) comes after those before it. */
    async function runSource(source: SourceDefinition, index: number): Promise<SourceReport> {
      const report: SourceReport = {
        sourceId: source.id, name: source.name, kind: source.kind, outcome: 'ok', error: null,
        itemsSeen: 0, articlesAdded: 0, articlesUpdated: 0, duplicates: 0, itemErrors: [], itemsRefusedBefore: [], warnings: [], nextCheck: null,
      };
      const attempt = { recorded: false };
      try {
        // a source that had not started when a stop was asked fetches nothing
        options.stop?.throwIfRequested();
        if (source.kind === 'files') await runFilesSource(source, report, index);
        else await runFeedSource(source, report, attempt, index);
      } catch (error) {
        // a stop asked while storing ends the run (see beforeWrite), not just this source
        if (error instanceof RunStoppedError) throw error;
        // A bug in one source's path must not take the others down; it is reported as an internal error. A failure
        // of the database itself (a full disk) is said as such, without a stack.
        const failure = repo.databaseFailure(error, store);
        report.outcome = 'failed';
        report.error = failure
          ? { code: 'store', message: `${source.id}: ${failure.message}` }
          : { code: 'internal', message: `${source.id}: ${(error as Error).stack ?? String(error)}` };
        // ...and backs off like any failure, so a feed that trips it is not fetched again on every run.
        if (source.kind === 'feed' && !attempt.recorded) await recordInternalFailure(source, report).catch(() => {});
      } finally {
        // not due, failed, or thrown before its turn: the sources after it must not wait for it
        turns.release(index);
      }
      options.progress?.sourceFinished(report, ++done, pipeline.sources.length);
      return report;
    }

    /**
     * Warns each feed whose host refused requests at the pace of fetch.perHostGapMs, and was slowed for the run (see
     * createRequestQueue): the summary names the sources, and the warning the setting that would spare the refusals.
     */
    function sayHostsSlowed(reports: readonly SourceReport[]): void {
      if (slowedHosts.size === 0) return;
      for (const report of reports) {
        const source = sourcesById.get(report.sourceId);
        const gapMs = source?.kind === 'feed' ? slowedHosts.get(hostKeyOf(feedAddress(source))) : undefined;
        if (gapMs === undefined) continue;
        report.warnings.push(
          `its host answered requests ${pipeline.fetch.perHostGapMs} ms apart (fetch.perHostGapMs) with 429 or 503 and no Retry-After to go by: ` +
            `slowed to one request every ${gapMs / 1000} s for the rest of the run, the refused ones sent again`,
        );
      }
    }

    /**
     * A host that came back (a feed of it that had failed for the host's silence or 5xx, HOST_DOWN_CODES, answered in
     * this run) brings forward its other feeds this run did not check that failed so too, spread over
     * RECOVERY_SPREAD_SECONDS: their backoff, jittered for the outage, left some a day away from a host that is back
     * (the stories of a day's outage seen up to 38 hours late). Once per failure streak, so a feed whose own address
     * keeps failing still backs off; not a feed whose server asked, with Retry-After, to wait.
     */
    async function bringRecoveredHostsForward(reports: readonly SourceReport[]): Promise<void> {
      const feeds = new Map(pipeline.sources.filter((source): source is FeedSourceDefinition => source.kind === 'feed').map((source) => [source.id, source]));
      const hostOf = (source: FeedSourceDefinition) => hostKeyOf(feedAddress(source));
      const failedForHost = (row: SourceRow | undefined): row is SourceRow => !!row && row.error_streak > 0 && HOST_DOWN_CODES.has(row.last_error_code ?? '');
      const cameBack = new Set(
        reports
          .filter((r) => feeds.has(r.sourceId) && (r.outcome === 'ok' || r.outcome === 'not_modified') && failedForHost(sourceRows.get(r.sourceId)))
          .map((r) => hostOf(feeds.get(r.sourceId)!)),
      );
      if (cameBack.size === 0) return;
      const at = now();
      for (const report of reports) {
        const source = feeds.get(report.sourceId);
        const row = sourceRows.get(report.sourceId);
        if (!source || report.outcome !== 'not_due' || !failedForHost(row) || row.next_check_reason?.startsWith(BROUGHT_FORWARD)) continue;
        if (askedToWait(row, at) || !cameBack.has(hostOf(source)) || !row.next_check_at) continue;
        // not into the hours and days the feed asks to be skipped
        const { at: next, reason } = outOfSkipTimes(
          { at: new Date(at.getTime() + Math.max(60, random() * RECOVERY_SPREAD_SECONDS) * 1000).toISOString(), reason: `${BROUGHT_FORWARD}: ${hostOf(source)} answered again (${row.next_check_reason ?? 'scheduled'})` },
          repo.storedSkipTimes(row),
        );
        if (await repo.moveNextCheck(db, pipeline.id, source.id, next, reason, 'earlier')) report.nextCheck = { at: next, reason, heldByServer: false };
      }
    }

    // Stopped, the run ends once no source is left at work (each stops at its turn), so nothing writes after it.
    const settled = await Promise.allSettled(pipeline.sources.map((source, index) => sourceSlots.add(() => runSource(source, index))));
    // kept even when the run was stopped: the hosts asked all the same
    await saveHostWaits(db, pipeline.id, [...askedPauses.values()]);
    const stopped = settled.find((outcome) => outcome.status === 'rejected');
    if (stopped) throw stopped.reason;
    const sources = settled.map((outcome) => (outcome as PromiseFulfilledResult<SourceReport>).value);
    sayHostsSlowed(sources);
    await bringRecoveredHostsForward(sources);
    await settleLabels();
    // every channel: the alerts waiting for one that no longer takes alerts are said to wait for that reason
    refuseReplacedFile(store);
    const delivery = await deliverAlerts(db, pipeline.id, options.channels, pipeline.alerts.maxAgeHours, now, options.stop, pipeline.alerts.maxPerRun, startedAt);
    // A run that crosses midnight stored articles in the day it began: that day's digest is written again too. So are
    // the days a run killed or interrupted since the last finished one stored articles in: it wrote no digest after them.
    const tz = pipeline.digest.timeZone;
    // The run's articles are stored and its alerts sent: a database out of reach for a moment (a restart, a locked
    // file) delays the digests and the run's record of its end, each tried again for about a minute, rather than fail
    // the run; not once a stop is asked, whose process is ending.
    const stopAsked = () => options.stop?.requested === true;
    const unfinished = await repo.retryPassingFailures(() => repo.unfinishedRunsArticles(db, pipeline.id, startedAt), undefined, stopAsked);
    const dates = [...new Set([...(unfinished ? calendarDays(unfinished.first, unfinished.last, tz) : []), localDate(new Date(startedAt), tz), localDate(now(), tz)])];
    const digestPaths: string[] = [];
    const digestsFailed: RunReport['digestsFailed'] = [];
    for (const date of dates) {
      // Stopped, the process is ending: no digest is begun, and one being written is held to the end, since a digest
      // cut short would replace a whole one (each try, not the pauses between them).
      options.stop?.throwIfRequested();
      const writeOnce = () => {
        const written = writeDigest({ loaded, store, date, now });
        return options.stop ? options.stop.hold(written, `the digest of ${date}`) : written;
      };
      try {
        digestPaths.push(...(await repo.retryPassingFailures(writeOnce, undefined, stopAsked)).paths);
      } catch (error) {
        // A digest file that cannot be written (a full disk) fails the digest, not the run: the articles are stored
        // and the alerts sent, which the run records as done; the digest there before is kept whole, and the next
        // run writes the day's again.
        if (!(error instanceof DigestWriteError)) throw error;
        digestsFailed.push({ date, file: error.path, error: error.message });
      }
    }
    const digestEmails = await emailDigest(options, now);
    await rememberRefusedFiles();

    const report: RunReport = {
      runId,
      pipelineId: pipeline.id,
      startedAt,
      finishedAt: now().toISOString(),
      hostClockAheadSeconds: hostAheadSeconds,
      sources,
      articlesAdded: sources.reduce((n, s) => n + s.articlesAdded, 0),
      alertsSent: delivery.sent,
      alertsSentByChannel: delivery.sentByChannel,
      articlesAlerted: delivery.articlesAlerted,
      alertsFailed: delivery.failed,
      alertsHeldBack: delivery.heldBack,
      alertsAskedToWait: delivery.askedToWait,
      alertsExpired: delivery.expired,
      alertsWaiting: delivery.waiting,
      alertsMoved: delivery.moved,
      alertsWithdrawn: delivery.withdrawn,
      alertsOverCap: delivery.held,
      digestPaths,
      digestsFailed,
      digestEmailsSent: digestEmails.digestEmailsSent,
      digestEmailsFailed: digestEmails.digestEmailsFailed,
      digestEmailsGivenUp: digestEmails.digestEmailsGivenUp,
      recipientsRefused: [
        ...delivery.recipientsRefused.map(({ channel, server, refused, alertIds }) => ({ channel, server, refused, alertIds, digestDate: null })),
        ...digestEmails.recipientsRefused,
      ],
    };
    refuseReplacedFile(store);
    showingAlive.end();
    await repo.retryPassingFailures(() => repo.finishRun(db, report, runHadFailures(report) ? 'partial' : 'ok'), undefined, stopAsked);
    return report;
  } catch (thrown) {
    // a full disk or another failure of the database itself, said with the database and the reason
    const error = repo.databaseFailure(thrown, store) ?? thrown;
    // A run that dies must not hold the pipeline's run lock until it is taken for abandoned (ten silent minutes, for a
    // run of another host): tried again while the database is locked by another process, its connection was cut or it
    // takes no more, which may be why the run died. On a full disk this write fails too: the run is left marked
    // running, and the next run on this host takes it for its ended process's.
    showingAlive.end();
    await repo.retryPassingFailures(() => repo.abandonRun(db, runId, now().toISOString(), (error as Error).message)).catch(() => {});
    throw error;
  }
}

/**
 * Throws when the SQLite file was deleted or replaced under the run, which took what it stored with it: checked before
 * its alerts go out (their record would be lost, and a run on the file put back would send them again) and before it
 * is marked finished (it did not succeed).
 */
function refuseReplacedFile(store: Store): void {
  const replaced = store.fileReplaced();
  if (replaced === null) return;
  throw new repo.StoreError(
    `${store.location} is no longer the file this run opened: ${replaced} while the run had it open, and what the run stored went with the old file; put the file back from a backup if it was not meant to go`,
  );
}

/**
 * Marks the run alive every `intervalMs` while it goes, so a run of another host sharing the database takes its lock
 * only once it falls silent (see repo.startRun). A run found taken over meanwhile (held still for minutes, its
 * database out of reach) is asked to stop, so two runs do not go on at once; a failed mark is tried at the next.
 */
function showAlive(db: Kysely<Database>, runId: number, intervalMs: number, stop: RunStop | undefined): { end(): void } {
  // ended before the run is marked finished or failed: a mark under way then finds it not running, and must not take
  // that for another run's
  let ended = false;
  const timer = setInterval(() => {
    repo.markRunAlive(db, runId).then(
      (running) => {
        if (!running && !ended) void stop?.request(`another run took over the pipeline's run lock: this run showed no sign of life for ${repo.SILENT_RUN_MINUTES} minutes`);
      },
      () => {},
    );
  }, intervalMs);
  // a timer that keeps no process alive: the run's own work does
  timer.unref();
  return {
    end() {
      ended = true;
      clearInterval(timer);
    },
  };
}
