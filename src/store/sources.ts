import type { Kysely } from 'kysely';
import type { SkipTimes, StageError } from '../model/index.ts';
import { shortenText } from '../model/display-text.ts';
import { addressThatAnswered } from '../ingest/fetch.ts';
import { hostKeyOf, requestAddress, withCredentialsOf, withoutCredentials } from '../ingest/url-display.ts';
import { forgetHostWaits, type HostWaitRecord } from './host-waits.ts';
import { loginDigest, loginOf, sameLogin } from './login-digest.ts';
import type { Database, SourceRow } from './schema.ts';
import { withoutNul } from './without-nul.ts';

export interface SourceSpec {
  id: string;
  kind: 'feed' | 'files';
  name: string;
  /** The feed URL as the pipeline file has it, login included (which is not stored), or the glob of a files source. */
  location: string;
}

/**
 * Makes the pipeline's rows of the sources table match its definition; fetch state survives unless the location
 * changed to another address (not the same one spelt otherwise, nor the one the feed moved to), or the feed URL's
 * login did. A source is the pipeline's own: another pipeline in the same database may use the same id. A feed URL
 * is stored without its user name and password, which the database (and its backups) must not hold; a digest of
 * them tells a new login from the stored one (login-digest.ts).
 */
export async function syncSources(db: Kysely<Database>, pipelineId: string, specs: readonly SourceSpec[], now: string): Promise<void> {
  const stored = await db.selectFrom('sources').selectAll().where('pipeline_id', '=', pipelineId).execute();
  const storedById = new Map(stored.map((row) => [row.id, row]));
  // A login's scrypt check or digest takes tens of milliseconds: all are made before the writes, side by side on
  // Node's thread pool, rather than one after another for a pipeline of many paid feeds.
  const plans = await Promise.all(
    specs.map(async (spec) => {
      const location = spec.kind === 'feed' ? withoutCredentials(spec.location) : spec.location;
      const login = spec.kind === 'feed' ? loginOf(spec.location) : null;
      const existing = storedById.get(spec.id);
      // Another login may read another account's feed: its validators and moves are not this one's, as for a new URL.
      const loginChanged = existing === undefined || !(await sameLogin(login, existing.login_digest));
      const digest = loginChanged && login !== null ? await loginDigest(login) : null;
      return { spec, location, existing, loginChanged, digest };
    }),
  );
  for (const { spec, location, existing, loginChanged, digest } of plans) {
    if (!existing) {
      await db
        .insertInto('sources')
        .values({
          id: spec.id, pipeline_id: pipelineId, kind: spec.kind, name: spec.name, location, login_digest: digest,
          error_streak: 0, items_seen: 0, gone: 0, created_at: now, updated_at: now,
        })
        .onConflict((oc) => oc.columns(['pipeline_id', 'id']).doNothing())
        .execute();
      continue;
    }
    const moved = existing.location !== location || loginChanged;
    // The file taking up the address a permanent redirect moved the feed to (`sources update-moved`) names the same
    // feed, as does a spelling of its URL the run fetches as the same address: its articles still tell how often it
    // publishes. Any other new address, or login, may be another feed, whose rate only articles stored from now on tell.
    const tookUpMove = takesUpMove(existing, location);
    const anotherFeed = !tookUpMove && (loginChanged || existing.kind !== spec.kind || !sameAddress(location, existing.location));
    const startAfresh = moved && startsAfresh(existing, spec.kind, location, loginChanged);
    if (moved || existing.name !== spec.name || existing.kind !== spec.kind) {
      await db
        .updateTable('sources')
        .set({
          kind: spec.kind,
          name: spec.name,
          location,
          ...(loginChanged ? { login_digest: digest } : {}),
          ...(anotherFeed ? { location_changed_at: now } : {}),
          updated_at: now,
          ...(startAfresh
            ? {
                moved_to: null, etag: null, last_modified: null, body_hash: null, validators_url: null, ttl_seconds: null, error_streak: 0, gone: 0, next_check_at: null,
                next_check_reason: null, server_wait_until: null, last_read_published: null, freshness_seconds: null, skip_times: null, last_document_at: null, rate_limit_seconds: null, rate_limit_at: null, ...warningColumns([], now),
              }
            : tookUpMove
              ? { moved_to: null }
              : {}),
        })
        .where('pipeline_id', '=', pipelineId)
        .where('id', '=', spec.id)
        .execute();
    }
  }
}

/**
 * Whether a source's stored state (validators, redirects, <ttl>, waits, error history) is another feed's than the one
 * the pipeline file names at `location`: a new address is a new server. The same address spelt otherwise gets the
 * same requests, and so does a move taken up: while a move is stored, runs already ask the moved-to address, with
 * the validators its answers gave (a read of the file's URL that is not redirected forgets the move). Another login
 * may be another account's feed, even there.
 */
function startsAfresh(existing: SourceRow, kind: SourceSpec['kind'], location: string, loginChanged: boolean): boolean {
  return loginChanged || existing.kind !== kind || !(takesUpMove(existing, location) || sameAddress(location, existing.location));
}

/** Whether `location` is the address a permanent redirect moved the stored source to. */
function takesUpMove(existing: SourceRow, location: string): boolean {
  return existing.moved_to !== null && sameAddress(location, existing.moved_to);
}

/**
 * Whether the stored row is the state of the source the pipeline file now names by its address and kind, or one the
 * next run starts afresh (see syncSources): `sources` must not show another feed's health beside the new address
 * before that run. A changed login alone is not looked for: checking each feed's login costs tens of milliseconds of
 * scrypt, for a listing.
 */
export function storedStateApplies(existing: SourceRow, spec: SourceSpec): boolean {
  return !startsAfresh(existing, spec.kind, spec.kind === 'feed' ? withoutCredentials(spec.location) : spec.location, false);
}

/** Whether two stored locations are one address to fetch (requestAddress): a glob only as written. */
function sameAddress(a: string, b: string): boolean {
  return a === b || requestAddress(a) === requestAddress(b);
}

export function listSources(db: Kysely<Database>, pipelineId: string): Promise<SourceRow[]> {
  return db.selectFrom('sources').selectAll().where('pipeline_id', '=', pipelineId).orderBy('id').execute();
}

export interface FetchRecord {
  runId: number;
  pipelineId: string;
  sourceId: string;
  url: string;
  startedAt: string;
  finishedAt: string;
  outcome: 'ok' | 'not_modified' | 'failed';
  httpStatus: number | null;
  error: StageError | null;
  /**
   * Items this source had not delivered before that this check stored (on a check that could not store them all,
   * those it did); `items_seen` counts distinct items.
   */
  newItems: number;
  /**
   * State to remember (validators are saved apart, by saveFeedValidators, once the items are stored). movedTo: the
   * address a permanent redirect led to, null to forget it, absent to keep what is stored.
   */
  movedTo?: string | null;
  /** Whether the answer was 410 Gone; a failed check without it is no longer gone, as its schedule is not. */
  gone?: boolean;
  nextCheckAt?: string | null;
  /** Why the next check falls then (schedule.ts's one line). */
  nextCheckReason?: string | null;
  /** The feed's `<ttl>`, when the answer had a body to read it from. */
  ttlSeconds?: number | null;
  /** The feed's `<skipHours>` and `<skipDays>`, when the answer had a body to read them from. */
  skipTimes?: SkipTimes | null;
  /** How long the answer said it stays fresh (SourcesTable.freshness_seconds); absent keeps the stored value. */
  freshnessSeconds?: number | null;
  /** Whether the server answered with the document (a 2xx), not a 304 (SourcesTable.last_document_at). */
  documentRead?: boolean;
  /** The interval a 429 showed the server allows at least (SourcesTable.rate_limit_seconds); absent keeps it. */
  rateLimitSeconds?: number;
  /** When a failed answer carried Retry-After: the time before which the server asked not to be asked. */
  serverWaitUntil?: string | null;
  /**
   * What the document read recovered from, on an `ok` outcome: replaces the stored ones ([] clears them). Absent keeps
   * them, as for a 304 or a failure, which read no new document.
   */
  warnings?: readonly string[];
  /**
   * The publication times of the document's items (null for an undated one), on an `ok` outcome: kept, the newest
   * LAST_READ_PUBLISHED_KEPT, for a later check that reads no document (see lastReadPublished). Absent keeps them.
   */
  published?: readonly (string | null)[];
}

/** Publication times kept of a source's last document read: as many as the schedule's rate estimate reads (rateSampleSize). */
export const LAST_READ_PUBLISHED_KEPT = 50;

/**
 * The publication times of the items of the last feed document the source read (see FetchRecord.published), newest
 * first, to schedule a check that reads no document (a 304) as that read was: the items the feed still has, whenever
 * the source first stored them. Null when no read recorded them (a source never read, or last read before they were
 * kept): its stored articles are all there is to go on.
 */
export function lastReadPublished(row: Pick<SourceRow, 'last_read_published'> | undefined): string[] | null {
  if (!row?.last_read_published) return null;
  try {
    const parsed: unknown = JSON.parse(row.last_read_published);
    return Array.isArray(parsed) ? parsed.filter((time): time is string => typeof time === 'string') : null;
  } catch {
    // written by this module only; a hand-edited value counts as none
    return null;
  }
}

/** The feed's stored `<skipHours>` and `<skipDays>` (SourcesTable.skip_times); null when none or unreadable. */
export function storedSkipTimes(row: Pick<SourceRow, 'skip_times'> | undefined): SkipTimes | null {
  if (!row?.skip_times) return null;
  try {
    const parsed = JSON.parse(row.skip_times) as Partial<SkipTimes> | null;
    const numbers = (list: unknown) => (Array.isArray(list) ? list.filter((n): n is number => Number.isInteger(n)) : []);
    return parsed && typeof parsed === 'object' ? { hours: numbers(parsed.hours), days: numbers(parsed.days) } : null;
  } catch {
    // written by this module only; a hand-edited value counts as none
    return null;
  }
}

/** The column for a document's publication times: its newest dated items (ISO times sort as text). */
function publishedColumn(published: readonly (string | null)[]): string {
  const dated = published.filter((time): time is string => time !== null).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
  return JSON.stringify(dated.slice(0, LAST_READ_PUBLISHED_KEPT));
}

/** At most this many warnings are kept per source, each cut to SOURCE_WARNING_MAX_LENGTH characters. */
export const SOURCE_WARNINGS_KEPT = 10;
export const SOURCE_WARNING_MAX_LENGTH = 300;

/** The columns for a source's last warnings: a JSON feed can warn once per item, so the list is capped. */
function warningColumns(warnings: readonly string[], at: string) {
  if (warnings.length === 0) return { last_warnings: null, last_warning_count: 0, last_warnings_at: null };
  const kept = warnings.slice(0, SOURCE_WARNINGS_KEPT).map((w) => shortenText(w, SOURCE_WARNING_MAX_LENGTH));
  return { last_warnings: JSON.stringify(kept), last_warning_count: warnings.length, last_warnings_at: at };
}

/**
 * Where a feed moved permanently while the pipeline file still names the URL it moved from (`pipelineUrl`); null
 * otherwise. A row learnt for another URL is stale: the file says the new URL, or another one, whose first run
 * forgets it.
 */
export function pendingMove(pipelineUrl: string, row: Pick<SourceRow, 'moved_to' | 'location'> | undefined): string | null {
  // both stored without the login the file's URL may have
  const stored = withoutCredentials(pipelineUrl);
  return row?.moved_to && row.location === stored && row.moved_to !== stored ? row.moved_to : null;
}

/**
 * The feeds of a pipeline that moved permanently while its file still has the old URL: each source's id, the URL the
 * file has (`from`) and the one runs read (`movedTo`: with the login of `from` when on its origin, as runs send it),
 * in the pipeline's order (see pendingMove).
 */
export async function pendingMoves(
  db: Kysely<Database>,
  pipelineId: string,
  sources: readonly { id: string; kind: string; url?: string }[],
): Promise<{ sourceId: string; from: string; movedTo: string }[]> {
  const rows = new Map((await listSources(db, pipelineId)).map((row) => [row.id, row]));
  return sources.flatMap((source) => {
    const movedTo = source.kind === 'feed' && source.url !== undefined ? pendingMove(source.url, rows.get(source.id)) : null;
    return movedTo ? [{ sourceId: source.id, from: source.url!, movedTo: withCredentialsOf(movedTo, source.url!) }] : [];
  });
}

/** How long a rate limit learnt from a 429 holds, unless another 429 shows it again. */
const RATE_LIMIT_KEPT_MS = 7 * 86_400_000;

/** The rate limit a feed's server showed within RATE_LIMIT_KEPT_MS of `at` (SourcesTable.rate_limit_seconds), or null. */
export function currentRateLimit(row: Pick<SourceRow, 'rate_limit_seconds' | 'rate_limit_at'> | undefined, at: Date): number | null {
  if (!row?.rate_limit_seconds || !row.rate_limit_at) return null;
  return at.getTime() - Date.parse(row.rate_limit_at) < RATE_LIMIT_KEPT_MS ? row.rate_limit_seconds : null;
}

/**
 * Moves a source's next check to `at`, with why, when that is `earlier` than the one stored (a host's return brings it
 * forward) or `later` (out of the hours its feed asks to be skipped); whether it moved.
 */
export async function moveNextCheck(db: Kysely<Database>, pipelineId: string, sourceId: string, at: string, reason: string, only: 'earlier' | 'later'): Promise<boolean> {
  const result = await db
    .updateTable('sources')
    .set({ next_check_at: at, next_check_reason: reason })
    .where('pipeline_id', '=', pipelineId)
    .where('id', '=', sourceId)
    .where('next_check_at', only === 'earlier' ? '>' : '<', at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Makes the named sources due at the next run: clears their next check and any wait their server asked for with
 * Retry-After, which `run --all` keeps, the wait stored for their host included (host_waits: the host's other feeds
 * that stored the wait keep theirs). For a user who knows better than the schedule (the outlet fixed its feed, or a
 * week-long Retry-After was a server's mistake). Returns the rows as they were, each with the host waits forgotten
 * for it (still running then), for the report.
 */
export async function clearNextChecks(db: Kysely<Database>, pipelineId: string, sourceIds: readonly string[], now: string): Promise<(SourceRow & { clearedHostWaits: HostWaitRecord[] })[]> {
  if (sourceIds.length === 0) return [];
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('sources').selectAll().where('pipeline_id', '=', pipelineId).where('id', 'in', sourceIds).orderBy('id').execute();
    await trx
      .updateTable('sources')
      .set({ next_check_at: null, next_check_reason: null, server_wait_until: null, updated_at: now })
      .where('pipeline_id', '=', pipelineId)
      .where('id', 'in', sourceIds)
      .execute();
    const forgotten = await forgetHostWaits(trx, pipelineId, before.flatMap(hostsAskedBy), now);
    return before.map((row) => {
      const hosts = new Set(hostsAskedBy(row));
      return { ...row, clearedHostWaits: forgotten.filter((wait) => hosts.has(wait.host)) };
    });
  });
}

/**
 * The hosts whose wait may hold a feed: its own, the one it moved to, and the one its last error names as having
 * answered (a redirect's target) or held it unsent (addressThatAnswered).
 */
function hostsAskedBy(row: SourceRow): string[] {
  return [row.location, row.moved_to, addressThatAnswered(row.last_error ?? '')].flatMap((url) => (url ? [hostKeyOf(url)] : []));
}

/** A source's newest fetch attempts, newest first: its health over time, where the sources row has only the latest. */
export function recentFetchAttempts(db: Kysely<Database>, pipelineId: string, sourceId: string, limit: number) {
  return db
    .selectFrom('fetch_attempts')
    .selectAll()
    .where('pipeline_id', '=', pipelineId)
    .where('source_id', '=', sourceId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The warnings kept for a source (see SOURCE_WARNINGS_KEPT); [] when it has none. */
export function sourceWarnings(row: Pick<SourceRow, 'last_warnings'>): string[] {
  if (!row.last_warnings) return [];
  try {
    const parsed: unknown = JSON.parse(row.last_warnings);
    return Array.isArray(parsed) ? parsed.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    // written by this module only; a hand-edited value is shown as it is rather than failing `sources`
    return [row.last_warnings];
  }
}

/**
 * Remembers what a conditional GET sends next time (ETag, Last-Modified, the body's hash): only once every item of
 * the body has been stored, since a feed that answers "not modified" is not read again.
 */
export async function saveFeedValidators(
  db: Kysely<Database>,
  pipelineId: string,
  sourceId: string,
  validators: { etag?: string | null; lastModified?: string | null; bodyHash?: string | null; validatorsUrl?: string | null },
): Promise<void> {
  const set = {
    ...(validators.etag !== undefined ? { etag: validators.etag } : {}),
    ...(validators.lastModified !== undefined ? { last_modified: validators.lastModified } : {}),
    ...(validators.bodyHash !== undefined ? { body_hash: validators.bodyHash } : {}),
    ...(validators.validatorsUrl !== undefined ? { validators_url: validators.validatorsUrl } : {}),
  };
  if (Object.keys(set).length === 0) return;
  await db.updateTable('sources').set(set).where('pipeline_id', '=', pipelineId).where('id', '=', sourceId).execute();
}

/** Logs the attempt and updates the source's health in one transaction. */
export async function recordFetch(db: Kysely<Database>, record: FetchRecord): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('fetch_attempts')
      .values({
        run_id: record.runId,
        pipeline_id: record.pipelineId,
        source_id: record.sourceId,
        // the address asked, without the login the pipeline file's URL gave it: the file has that
        url: withoutCredentials(record.url),
        started_at: record.startedAt,
        finished_at: record.finishedAt,
        outcome: record.outcome,
        http_status: record.httpStatus,
        error_code: record.error?.code ?? null,
        // a parse error may quote the document, NULs included
        error_message: withoutNul(record.error?.message ?? null),
        items_seen: record.newItems,
      })
      .execute();
    const source = await trx.selectFrom('sources').select(['error_streak', 'items_seen']).where('pipeline_id', '=', record.pipelineId).where('id', '=', record.sourceId).executeTakeFirstOrThrow();
    const common = {
      last_checked_at: record.finishedAt,
      updated_at: record.finishedAt,
      next_check_at: record.nextCheckAt ?? null,
      next_check_reason: record.nextCheckReason ?? null,
      server_wait_until: record.serverWaitUntil ?? null,
      ...(record.rateLimitSeconds !== undefined ? { rate_limit_seconds: record.rateLimitSeconds, rate_limit_at: record.finishedAt } : {}),
    };
    if (record.outcome === 'failed') {
      await trx
        .updateTable('sources')
        .set({
          ...common,
          last_error: withoutNul(record.error?.message ?? 'unknown error'),
          last_error_code: record.error?.code ?? null,
          error_streak: source.error_streak + 1,
          // a check that stored some of its new items but not all is failed, and those it stored are seen all the same
          items_seen: source.items_seen + record.newItems,
          // this answer's word: a 500 after a 410 is retried on the short backoff, not weekly as a gone feed
          gone: record.gone ? 1 : 0,
        })
        .where('pipeline_id', '=', record.pipelineId)
        .where('id', '=', record.sourceId)
        .execute();
      return;
    }
    await trx
      .updateTable('sources')
      .set({
        ...common,
        last_success_at: record.finishedAt,
        error_streak: 0,
        gone: 0,
        items_seen: source.items_seen + record.newItems,
        // a redirect relative to a URL with a login resolves with it: stored without (see SourcesTable.moved_to)
        ...(record.movedTo !== undefined ? { moved_to: record.movedTo === null ? null : withoutCredentials(record.movedTo) } : {}),
        ...(record.ttlSeconds !== undefined ? { ttl_seconds: record.ttlSeconds } : {}),
        ...(record.skipTimes !== undefined ? { skip_times: record.skipTimes === null ? null : JSON.stringify(record.skipTimes) } : {}),
        ...(record.freshnessSeconds !== undefined ? { freshness_seconds: record.freshnessSeconds } : {}),
        ...(record.documentRead === true ? { last_document_at: record.finishedAt } : {}),
        ...(record.warnings !== undefined ? warningColumns(record.warnings, record.finishedAt) : {}),
        ...(record.published !== undefined ? { last_read_published: publishedColumn(record.published) } : {}),
      })
      .where('pipeline_id', '=', record.pipelineId)
      .where('id', '=', record.sourceId)
      .execute();
  });
}
