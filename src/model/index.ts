/**
 * Plain types shared by the pipeline stages. No I/O lives here: every stage takes and returns these shapes,
 * so each can be tested with literals.
 *
 * Times are ISO-8601 UTC strings (`2026-06-05T10:19:00.000Z`); a value the input does not give is `null`,
 * never invented.
 */

export type SourceKind = 'feed' | 'files';

/** An error that is an expected outcome (a feed that is down, a page that will not parse), not a bug. */
export interface StageError {
  /** Stable machine code: `dns`, `timeout`, `connection_refused`, `http_500`, `parse`, `too_large`, ... */
  code: string;
  /** One line for a person: what failed and why. */
  message: string;
  /** The request was never sent: its host asked this run to wait, or left earlier requests unanswered. */
  notSent?: true;
}

/** One entry as a source hands it over, before extraction. */
export interface RawItem {
  sourceId: string;
  /**
   * Stable identity inside the source (the feed's GUID, else the link, else a hash of title and content;
   * for files the path relative to the project root).
   */
  key: string;
  /** Absolute URL of the article, or the project-relative path for a file source. */
  url: string;
  /** Whether `url` is a page of its own to fetch; not for a file, nor for a feed item without a link. */
  hasPage: boolean;
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
  /** Short description as the source gives it (HTML or text). */
  summary: string | null;
  /** The body the source carries: HTML for feeds and .html files, plain text for .txt files. */
  body: string | null;
  bodyFormat: 'html' | 'text';
  categories: string[];
  /** The outlet the feed names for the item (see FeedItem.outlet); absent for files. */
  outlet?: string | null;
  /** The outlet's address the feed gives for the item (see FeedItem.outletUrl); absent for files. */
  outletUrl?: string | null;
  /** The language its feed says its items are in (ParsedFeed.language); absent for files. */
  lang?: string | null;
}

/** What extraction makes of a page or a plain-text capture. */
export interface ExtractedArticle {
  url: string | null;
  canonicalUrl: string | null;
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  lang: string | null;
  siteName: string | null;
  image: string | null;
  /** Main text, paragraphs separated by a blank line. */
  text: string;
  /** True when the extractor suspects it got only part of the article (paywall, teaser, very short body). */
  partial: boolean;
}

/** A sentence that moved a score, and by how much (positive pushes towards support or relevance). */
export interface Evidence {
  sentence: string;
  weight: number;
}

export type StanceLabel = 'support' | 'oppose' | 'neutral';

export interface RelevanceResult {
  /** 0..1: how clearly the text is about the monitored proposal. */
  score: number;
  relevant: boolean;
  /** Sentences or phrases that matched the topic. */
  evidence: string[];
}

export interface StanceResult {
  label: StanceLabel;
  /** -1 (oppose) .. +1 (support). */
  score: number;
  /** 0..1 */
  confidence: number;
  evidence: Evidence[];
}

/** An attributed statement inside an article: who says it, and which side it takes. */
export interface Voice {
  actor: string;
  stance: StanceLabel;
  quote: string;
}

/** The full verdict of a scorer on one text. `stance` is null when the text is off-topic. */
export interface ScoreResult {
  scorerVersion: string;
  relevance: RelevanceResult;
  stance: StanceResult | null;
  voices: Voice[];
  /**
   * The text's language when the scorer does not read it (`de`, `ja`, `und-Cyrl`): its relevance is then by the
   * pipeline's words for that language, and no stance or voice is judged. Absent or null: a text the scorer read.
   */
  unreadLanguage?: string | null;
}

/** The text a scorer looks at. */
export interface ScorableText {
  title: string | null;
  text: string;
  /** The language the page or file declares, if any: the text's own words decide first (languageOfText). */
  lang?: string | null;
}

export type FetchOutcome = 'ok' | 'not_modified' | 'failed';

/** One source's line in the run report. */
export interface SourceReport {
  sourceId: string;
  name: string;
  kind: SourceKind;
  /** `not_due`: the source's next check is later (its schedule, or the server's ask); nothing was fetched. */
  outcome: FetchOutcome | 'not_due';
  /**
   * When the source will next be checked, and why (feeds only). `heldByServer`: the server asked, with Retry-After,
   * not to be asked before then; `run --all` keeps that wait, `sources recheck` clears it.
   */
  nextCheck: { at: string; reason: string; heldByServer: boolean } | null;
  error: StageError | null;
  itemsSeen: number;
  articlesAdded: number;
  /** Stored articles whose source changed them: a feed item's new headline, a capture edited since it was read. */
  articlesUpdated: number;
  duplicates: number;
  /** Items that failed on their own (page fetch or extraction) while the source as a whole succeeded. */
  itemErrors: { key: string; error: StageError }[];
  /**
   * Files a files source refused, as an earlier read refused them, unchanged in why: listed, not counted as failures
   * (the read that first refused each reported it among `itemErrors`). `since`: when that was.
   */
  itemsRefusedBefore: { key: string; error: StageError; since: string }[];
  /** Problems the source recovered from (a feed that was not well-formed but still yielded items). */
  warnings: string[];
}

export interface RunReport {
  runId: number;
  pipelineId: string;
  startedAt: string;
  finishedAt: string;
  /**
   * How many seconds this host's clock was ahead of the database's (negative: behind) when they differed by more than
   * a minute, and the run went by the database's; null when they agreed.
   */
  hostClockAheadSeconds: number | null;
  sources: SourceReport[];
  articlesAdded: number;
  /** Deliveries: one per alert and channel that took it, so an article alerted on three channels counts three. */
  alertsSent: number;
  /** alertsSent per channel, as messages name channels; channels that took none are left out. */
  alertsSentByChannel: { channel: string; count: number }[];
  /** The articles whose alerts were delivered this run, on one channel or several: the alerts a reader counts. */
  articlesAlerted: number;
  /** Alerts a channel did not accept this run (kept in the outbox, retried by the next runs for two days). */
  alertsFailed: { alertId: number; channel: string; error: string }[];
  /** Alerts not tried this run because their channel had just refused one, per channel. */
  alertsHeldBack: { channel: string; count: number }[];
  /** Alerts not tried because their channel asked (Retry-After, refusing one in an earlier run) to wait until `until`. */
  alertsAskedToWait: { channel: string; count: number; until: string }[];
  /**
   * Alerts given up this run after two days without delivery. `reason`: `undelivered` (their channel refused them or
   * was not reached), `removed` (the pipeline no longer has it) or `alerts_off` (it no longer takes alerts: an email
   * channel switched to `alerts: false`); `configured` is true for `undelivered` only.
   */
  alertsExpired: { alertId: number; channel: string; title: string; lastError: string | null; configured: boolean; reason: 'undelivered' | 'removed' | 'alerts_off' }[];
  /** Alerts kept for channels that no longer take them, per channel, and why (`removed` or `alerts_off`, as above). */
  alertsWaiting: { channel: string; count: number; reason: 'removed' | 'alerts_off' }[];
  /** Alerts waiting under a channel's former name (its URL or recipients) that followed it to the `id` it was given. */
  alertsMoved: { from: string; to: string; count: number }[];
  /**
   * Alerts withdrawn this run before their first delivery: a syndicated copy published at `firstPublished`, before
   * the alerted article, shows the coverage is older than `alerts.maxAgeHours`. Not a failure.
   */
  alertsWithdrawn: { alertId: number; channel: string; title: string; firstPublished: string }[];
  /**
   * New alerts this run did not send past `alerts.maxPerRun` (`maxPerRun`), per channel that had any, in the pipeline's
   * order of channels: marked held, never sent by any run (unlike alertsHeldBack, which the next run tries). The
   * channel is sent one message more saying how many (an email channel, a line in its message): `noticeSent`, or
   * `noticeError` why not (null when not tried: the channel had refused an alert, or the run was stopped). Not a failure.
   */
  alertsOverCap: { channel: string; count: number; maxPerRun: number; noticeSent: boolean; noticeError: string | null }[];
  digestPaths: string[];
  /**
   * Digest files this run could not write (a full disk, a folder made read-only): each with its day, the file and
   * why. The digest there before is kept whole; the run's other work is done, and it counts as partial (exit 1).
   */
  digestsFailed: { date: string; file: string; error: string }[];
  /**
   * The daily digests sent this run (`date` is the digest's day): to each channel that takes it, those of the last
   * three complete days it had not had, oldest first (yesterday's, with one run each morning).
   */
  digestEmailsSent: { channel: string; date: string }[];
  /**
   * Digests a channel refused this run, or did not get because it had just refused an earlier day's: not recorded as
   * sent, so the next runs try again, up to the day `retryUntil` (the digest's day plus three).
   */
  digestEmailsFailed: { channel: string; date: string; error: string; retryUntil: string }[];
  /** Digests no run sent to a channel within three days of their day: no run tries them again. Reported once. */
  digestEmailsGivenUp: { channel: string; date: string }[];
  /**
   * Emails this run sent that their SMTP server (`server`, host:port) took for some recipients and refused for the
   * others: each `refused` address, with the server's reply, got none of the alerts `alertIds` or the digest of
   * `digestDate` (null for alerts). They count as sent and are not sent again, since the other recipients have them.
   */
  recipientsRefused: { channel: string; server: string; refused: { address: string; reply: string }[]; alertIds: number[]; digestDate: string | null }[];
}

/** What a feed document says, whatever its format, once normalised. */
export interface ParsedFeed {
  format: 'rss' | 'rdf' | 'atom' | 'json' | 'sitemap';
  title: string | null;
  /** Absolute URL of the site the feed belongs to. */
  link: string | null;
  items: FeedItem[];
  /** Recoverable problems (the document was not well-formed, an item was skipped, ...). */
  warnings: string[];
  /** False when the document was not well-formed XML or JSON, so only part of it may have been read. */
  wellFormed: boolean;
  /**
   * True when the document stops before its end (its root element never closed), as a body cut short does: what the
   * server's validators (ETag, Last-Modified) stand for was not read whole.
   */
  endsEarly: boolean;
  /**
   * True when anything about the document was off, as feedparser's flag of that name: not well-formed, or served
   * with a media type that is not a feed's, or decoded otherwise than it says. `warnings` say what.
   */
  bozo: boolean;
  /** Seconds the feed asks readers to wait between checks (RSS `<ttl>`, `sy:updatePeriod`), if it says. */
  ttlSeconds: number | null;
  /**
   * The language the feed says its items are in (RSS `<language>` or `<dc:language>`, JSON Feed's `language`, a news
   * sitemap's `<news:language>`), a BCP 47 tag, or null: a short item's language where its own words are too few.
   */
  language: string | null;
  /** The hours and days the feed asks readers not to read it in (RSS `<skipHours>`, `<skipDays>`), null when none. */
  skip: SkipTimes | null;
}

/** Hours of the day (0-23) and days of the week (0 = Sunday, as Date.getUTCDay), in UTC, a feed asks to be skipped. */
export interface SkipTimes {
  hours: number[];
  days: number[];
}

export interface FeedEnclosure {
  url: string;
  type: string | null;
  /** As the feed gives it, a decimal string. */
  length: string | null;
}

export interface FeedItem {
  /** Stable identity (see the identity ladder in ingest/feed). */
  id: string;
  /** The GUID or Atom id as the feed gives it, null when absent. */
  guid: string | null;
  title: string | null;
  link: string | null;
  published: string | null;
  updated: string | null;
  author: string | null;
  /** HTML. */
  summary: string | null;
  /** HTML. */
  content: string | null;
  enclosures: FeedEnclosure[];
  categories: string[];
  /**
   * The outlet that published the item, when the feed names one: RSS `<source>`, Bing News's `<News:Source>`, Atom
   * `<source><title>`, a news sitemap's publication. Aggregators (Google News, Bing News) list many outlets in one feed.
   */
  outlet: string | null;
  /**
   * The outlet's address, when the feed gives one beside its name: RSS `<source url="https://www.outlet.example/">`,
   * as Google News writes it, or the alternate link of an Atom entry's `<source>`. An absolute http(s) URL without a
   * login, at most 2,048 characters; else absent or null.
   */
  outletUrl?: string | null;
  /**
   * The item's own language where it declares one apart from its feed's (a BCP 47 tag): an Atom entry's `xml:lang`,
   * an RSS item's `<dc:language>`, a JSON Feed item's `language`, a news sitemap entry's `<news:language>`; else
   * absent or null, and the feed's language (ParsedFeed.language) is the item's.
   */
  language?: string | null;
}

/**
 * What the monitored topic is, as the pipeline file states it. Phrases are matched case-insensitively on word
 * boundaries; a text is on topic when it names the proposal (`proposal`) in a context that fits (`context`).
 */
export interface TopicDefinition {
  /** One line for people, shown in the digest. */
  description: string;
  /** Phrases that name the proposal itself: "pause", "moratorium", "slowdown", "halt" ... */
  proposalTerms: string[];
  /** Phrases that place those words in the monitored domain: "frontier AI", "AI labs", "training runs" ... */
  contextTerms: string[];
  /** Phrases whose presence marks another sense of the proposal words ("pause button", "state AI laws"). */
  excludeTerms: string[];
  /**
   * The same lists for texts in other languages, by language code (`de`, `fr`, `ja`): the scorer reads English, so a
   * text in another language is on topic by these words alone, with no stance (src/stance/other-languages.ts).
   */
  otherLanguages?: Record<string, OtherLanguageTerms>;
}

/** A language's words for the topic: a sentence naming it holds a proposal term and a context term, no exclude term. */
export interface OtherLanguageTerms {
  proposalTerms: string[];
  contextTerms: string[];
  excludeTerms?: string[];
}

export interface StanceOptions {
  /** Name of a scorer in the stance registry. */
  scorer: string;
  /** Relevance at or above which a text counts as coverage of the topic. */
  relevanceThreshold: number;
}
