import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as kysely sees it. Times are ISO-8601 UTC text in both dialects, so comparisons and sorting work
 * the same on SQLite and PostgreSQL; booleans are 0/1 integers for the same reason; JSON is stored as text.
 */

type Id = Generated<number>;

export interface SourcesTable {
  id: string;
  pipeline_id: string;
  kind: 'feed' | 'files';
  name: string;
  /** Feed URL without its login (the pipeline file has that), or the glob of a files source. */
  location: string;
  /** A digest of the feed URL's login (see login-digest.ts), null when it has none: to notice that the login changed. */
  login_digest: string | null;
  /**
   * Set when the feed answered a permanent redirect: fetch this instead of `location`. Without a login: the run sends
   * the pipeline file's one to this address when it is on the same origin (withCredentialsOf).
   */
  moved_to: string | null;
  etag: string | null;
  last_modified: string | null;
  body_hash: string | null;
  /** The address whose answer gave etag and last_modified, without a login: they are sent there only (null: anywhere, as before migration 036). */
  validators_url: string | null;
  last_checked_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  last_error_code: string | null;
  /** Consecutive failures; reset to 0 by a success. */
  error_streak: number;
  next_check_at: string | null;
  items_seen: number;
  /** The feed's own `<ttl>` / `sy:updatePeriod` from its last full answer, in seconds. */
  ttl_seconds: number | null;
  /** 410 Gone: the server says the feed will not come back. */
  gone: number;
  /** Set from Retry-After on a failed answer (429, 503): the server asked not to be asked before then. */
  server_wait_until: string | null;
  /** Why next_check_at is when it is (the schedule's one line). */
  next_check_reason: string | null;
  /**
   * JSON array of what the last read feed document recovered from (at most SOURCE_WARNINGS_KEPT, each cut), null when
   * it had nothing to say. Kept through a 304 or a failure: they describe the last document read.
   */
  last_warnings: string | null;
  /** How many warnings that read had, the ones not kept included. */
  last_warning_count: Generated<number>;
  /** When the feed was read with those warnings. */
  last_warnings_at: string | null;
  /**
   * When the pipeline file last gave the source another address (URL, login or glob; a permanent move it took up is
   * not one): only articles stored since then tell how often the feed now read publishes. Null when no change is
   * recorded (a source never changed, or changed before this column existed): all its articles count.
   */
  location_changed_at: string | null;
  /**
   * JSON array of the publication times of the items of the last feed document read (the newest
   * LAST_READ_PUBLISHED_KEPT, undated items left out); null before a read recorded them. A check that reads no
   * document (a 304) reads that document again: its items tell how often the feed publishes, those it shares with a
   * feed the source was read from before included, which location_changed_at leaves out of the stored articles.
   */
  last_read_published: string | null;
  /**
   * How long the last answer with a body (or a 304 that said) stays fresh, in seconds: its Cache-Control max-age, else
   * its Expires less its time; null when it said neither. A 304 that says neither keeps it (RFC 9111 §4.3.4).
   */
  freshness_seconds: number | null;
  /** The feed's `<skipHours>` and `<skipDays>` from its last document read, as JSON SkipTimes; null when it named none. */
  skip_times: string | null;
  /**
   * When the feed last answered with its document (a 2xx), not a 304; null before a check recorded it. A feed whose
   * last document is three days old is asked without validators (see FEED_REVALIDATED_AFTER_MS in run-pipeline.ts).
   */
  last_document_at: string | null;
  /**
   * The shortest interval the feed's server has shown it allows, in seconds: twice the time since the check before a
   * 429 it answered within the hour, held at two hours; null when it never answered so. Checks come no closer
   * (schedule.ts) for a week from rate_limit_at, when it showed it.
   */
  rate_limit_seconds: number | null;
  rate_limit_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RunsTable {
  id: Id;
  pipeline_id: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'ok' | 'partial' | 'failed';
  report: string | null;
  /** `host:pid` of the process running it. */
  owner: string | null;
  /** When that process started, as its kernel counts (see RunOwner.started); null when not known. */
  owner_started: string | null;
  /** When the run last showed it was alive, by the database's clock; null for a run of a release before 033. */
  alive_at: string | null;
}

export interface FetchAttemptsTable {
  id: Id;
  run_id: number;
  pipeline_id: string;
  source_id: string;
  url: string;
  started_at: string;
  finished_at: string;
  outcome: 'ok' | 'not_modified' | 'failed';
  http_status: number | null;
  error_code: string | null;
  error_message: string | null;
  /** New items the attempt delivered. */
  items_seen: number;
}

export interface StoriesTable {
  id: Id;
  pipeline_id: string;
  label: string;
  first_seen: string;
  last_seen: string;
}

/** A story gone (folded into another, or emptied by its last article moving) and the story holding its articles now. */
export interface StoryMergesTable {
  story_id: number;
  pipeline_id: string;
  into_id: number;
  merged_at: string;
}

export interface ArticlesTable {
  id: Id;
  pipeline_id: string;
  source_id: string;
  /** Identity inside the source (GUID, link or hash); unique per source of a pipeline. */
  item_key: string;
  url: string;
  canonical_url: string;
  /** The link the feed gave the item, before its page's redirects (`url` is where the page was read); else null. */
  feed_link: ColumnType<string | null, string | null | undefined, string | null>;
  title: string | null;
  byline: string | null;
  published_at: string | null;
  modified_at: string | null;
  fetched_at: string;
  lang: string | null;
  site_name: string | null;
  /** The address an aggregator's item gives for the outlet it names (`<source url>`); else null. */
  outlet_url: ColumnType<string | null, string | null | undefined, string | null>;
  image: string | null;
  summary: string | null;
  text: string;
  word_count: number;
  partial: number;
  content_hash: string;
  near_signature: string;
  topic_signature: string;
  duplicate_of: number | null;
  duplicate_reason: string | null;
  story_id: number | null;
  /** The extraction failed and `text` holds what the feed gave (title or summary). */
  extract_error: string | null;
  /** The code of extract_error (`timeout`, `http_503`, ...), to tell a passing failure from a lasting one. */
  extract_error_code: string | null;
  /** How many times the article's page was asked for (0 when the text came from the feed or a file alone). */
  page_attempts: Generated<number>;
  updated_at: string;
}

export interface StanceScoresTable {
  id: Id;
  article_id: number;
  scorer_version: string;
  relevance: number;
  relevant: number;
  label: 'support' | 'oppose' | 'neutral' | null;
  score: number | null;
  confidence: number | null;
  /** JSON: { relevance: string[], stance: Evidence[] } */
  evidence: string;
  /** JSON: Voice[] */
  voices: string;
  scored_at: string;
  /** The text's language when the scorer does not read it: relevance by that language's topic words, no stance. */
  unread_language: string | null;
}

/** A human label on an article. Several may exist; the newest wins over any scorer. */
export interface StanceLabelsTable {
  id: Id;
  article_id: number;
  /**
   * `irrelevant` takes the article out of the stance statistics; `cleared` withdraws the labels before it, so the
   * scorer's stance counts again (the history stays).
   */
  label: 'support' | 'oppose' | 'neutral' | 'irrelevant' | 'cleared';
  note: string | null;
  created_at: string;
}

export interface AlertsTable {
  id: Id;
  pipeline_id: string;
  article_id: number;
  channel: string;
  /** One alert per article and channel, whatever happens to the run: the outbox's idempotency key. */
  dedupe_key: string;
  payload: string;
  /**
   * `expired`: undelivered for as long as the outbox retries (two days); given up and reported once. `withdrawn`: taken
   * back before its first delivery, since a syndicated copy stored later shows the coverage is older than alerts cover.
   */
  /** `held`: past `alerts.maxPerRun` in the run that would have sent it first; never sent. */
  status: 'pending' | 'sent' | 'failed' | 'expired' | 'withdrawn' | 'held';
  attempts: number;
  last_error: string | null;
  /** Not to be sent before this: its channel refused it asking to wait (Retry-After) longer than a run waits. */
  not_before: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface DigestsTable {
  id: Id;
  pipeline_id: string;
  date: string;
  markdown: string;
  json: string;
  article_count: number;
  created_at: string;
  updated_at: string;
}

/** A day's digest sent to an email channel: at most one per pipeline, channel and day. */
export interface DigestEmailsTable {
  pipeline_id: string;
  /** The channel's outbox name (`email#<id>`, else `email:<recipients>`), as the alerts table has it. */
  channel: string;
  /** The digest's day, `YYYY-MM-DD` in `digest.timeZone`. */
  date: string;
  sent_at: string;
}
export interface DigestChannelsTable {
  pipeline_id: string;
  /** The channel's outbox name, as in `digest_emails`. */
  channel: string;
  /** When a run first saw the channel take the digest (again, after a finished run without it). */
  first_seen_at: string;
  /** When a run last saw it take the digest. */
  last_seen_at: string;
  /** The last day, `YYYY-MM-DD`, whose digest not sent to it has been reported as given up; null before any. */
  given_up_through: string | null;
}

/** A file its files source's last read refused (see migration 027): one row per file, while it is refused. */
export interface RefusedFilesTable {
  pipeline_id: string;
  source_id: string;
  /** The file's key, as its item would have (its path under the project root). */
  item_key: string;
  /** Why, as the run reported it: the item error's code and message. */
  code: string;
  message: string;
  /** When a read first refused it for this reason. */
  first_refused_at: string;
}

/**
 * A pause a host asked for (a 429, or a 503 with Retry-After) that outlasts the run answered so (see migration 028):
 * later runs ask the host nothing until then. One row per pipeline and host, the latest-ending pause.
 */
export interface HostWaitsTable {
  pipeline_id: string;
  /** The host (and port), as hostKeyOf gives it. */
  host: string;
  /** When the pause ends. */
  wait_until: string;
  /** The status of the answer that asked (429, 503). */
  status: number;
  /** The URL that was answered so, without a login. */
  asked_by: string;
}

export interface Database {
  sources: SourcesTable;
  runs: RunsTable;
  fetch_attempts: FetchAttemptsTable;
  stories: StoriesTable;
  story_merges: StoryMergesTable;
  articles: ArticlesTable;
  stance_scores: StanceScoresTable;
  stance_labels: StanceLabelsTable;
  alerts: AlertsTable;
  digests: DigestsTable;
  digest_emails: DigestEmailsTable;
  digest_channels: DigestChannelsTable;
  refused_files: RefusedFilesTable;
  host_waits: HostWaitsTable;
}

export type SourceRow = Selectable<SourcesTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticle = Insertable<ArticlesTable>;
export type ArticleUpdate = Updateable<ArticlesTable>;
export type StanceScoreRow = Selectable<StanceScoresTable>;
export type StanceLabelRow = Selectable<StanceLabelsTable>;
export type AlertRow = Selectable<AlertsTable>;
export type StoryRow = Selectable<StoriesTable>;
export type RunRow = Selectable<RunsTable>;
export type FetchAttemptRow = Selectable<FetchAttemptsTable>;
export type { ColumnType };
