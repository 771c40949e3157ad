import { domainToUnicode } from 'node:url';
import { Command } from 'commander';
import { sourcesCommand } from './sources.ts';
import type { LoadedPipeline, Pipeline } from '../../config/index.ts';
import { addSourcesToPipelineFile, PipelineEditError, stringLiteral } from '../../config/pipeline-file.ts';
import { createRequestQueue, type HostWaitWatcher } from '../../ingest/request-queue.ts';
import { discoverFeeds, discoveryDeadlineMs, feedUrlKey, publishesOutletsFeeds, sameFeedKey, DISCOVERY_CONCURRENCY, type DiscoveredFeed, type DiscoveryEvent, type MergedCandidate, type DiscoveryResult, type ServerWait } from '../../ingest/discover.ts';
import { commandFetchOptions, commandFetchSettings, databaseTarget, defaultPipelineFile, fetchFailureText, printJson, retryAfterText, withStore, type GlobalOptions } from '../context.ts';
import { isMissingDatabaseFile, pendingMoves, StoreError } from '../../store/index.ts';
import { ExitCode, UsageError, type CliState } from '../errors.ts';
import { decodedEscapes, requestAddress, urlForDisplay, withoutFeedScheme } from '../../ingest/url-display.ts';
import { fitColumns, oneLine, plural, shortenText } from '../../model/display-text.ts';
import { statusLineWaits } from '../progress.ts';
import { shownPath, writeText } from '../views.ts';

/** A source entry for the pipeline file, as `definePipeline` expects it. */
export interface FeedSourceEntry {
  id: string;
  kind: 'feed';
  name: string;
  url: string;
}

/** Text as an id's words: lower-case ASCII letters and digits, accents dropped, at most 48 characters, cut between words. */
function slug(text: string): string {
  const words = text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (words.length <= SLUG_MAX) return words;
  const lastBreak = words.lastIndexOf('-', SLUG_MAX);
  return lastBreak > 0 ? words.slice(0, lastBreak) : words.slice(0, SLUG_MAX);
}
const SLUG_MAX = 48;

/**
 * Text from a feed made fit for a terminal and a pipeline file: on one line (oneLine drops control characters and
 * bidirectional overrides), without the direction marks either, since pasted code must read as it runs, and with
 * runs of white space made one space. A feed's title is written by whoever runs the feed.
 */
export function cleanFeedText(text: string, max = FEED_TEXT_MAX): string {
  return shortenText(oneLine(text).replace(/[\u200e\u200f]/g, '').replace(/\s+/g, ' ').trim(), max);
}

/** A feed's title as a source name or a listing: a name, not a paragraph (a 10 KB title was pasted whole). */
const FEED_TEXT_MAX = 120;

/**
 * Ready-to-paste source entries. Ids come from the site's host (without `www.`), or the feed's own for another site's
 * feed; when a site has several feeds, the feed's path is appended so ids stay unique and still say which feed they are.
 */
export function sourceEntries(feeds: readonly DiscoveredFeed[], pageUrl: string, takenIds: Iterable<string> = []): FeedSourceEntry[] {
  const pageHost = new URL(pageUrl).hostname;
  const hostSlug = (hostname: string) => {
    // an IPv6 address is all digits and colons: `[::1]` would be `1`
    if (hostname.startsWith('[')) return `ipv6-${slug(hostname)}`.replace(/-$/, '');
    // an internationalised name as its readers write it (`xn--bcher-kva.example` is `bucher-example`), when it has
    // Latin letters to keep; else as the URL spells it
    const bare = hostname.replace(/^www\./, '');
    return slug(domainToUnicode(bare)) || slug(bare) || 'feed';
  };
  // ids of the pipeline's sources are taken too: a pasted entry must not clash with one already there
  const used = new Set<string>(takenIds);
  return feeds.map((feed) => {
    const url = new URL(feed.url);
    // named by the page's site, unless the feed is another site's (a partner's wire, a sister edition abroad)
    const host = hostSlug(publishesOutletsFeeds(url.hostname, pageHost) ? pageHost : url.hostname);
    // the path's words as written (`/%D0%BD...` is `/новости`), where its escapes decode
    const base = feeds.length === 1 ? host : `${host}-${slug(decodedEscapes(url.pathname + url.search)) || 'root'}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    // an untitled feed is named by its address: its host alone when it is the only feed found
    const readHost = domainToUnicode(url.hostname) || url.hostname;
    const address = feeds.length === 1 ? readHost : decodedEscapes(`${readHost}${url.pathname}${url.search}`);
    return { id, kind: 'feed', name: (feed.title && cleanFeedText(feed.title)) || address, url: feed.url };
  });
}

/** The first ten of a list, then how many more, for a note's line. */
function shownList(items: readonly string[]): string {
  return items.length > 10 ? `${items.slice(0, 10).join(', ')} and ${items.length - 10} more` : items.join(', ');
}

// feedUrlKey lives with discovery, which merges candidates by it too; exported here as before.
export { feedUrlKey };

/** A feed source of the pipeline, and where a run found it moved to when its URL in the file is the old one. */
interface KnownFeed {
  sourceId: string;
  movedTo: string | null;
}

/**
 * A feed that moved permanently while the pipeline file still has its old URL (`from`), as a run stored it
 * (pendingMoves).
 */
type StoredMove = { sourceId: string; from: string; movedTo: string };

/**
 * The pipeline's feed sources by sameFeedKey of their URL, so a discovered feed already listed is recognised; and by
 * the URL each moved to (`moves`), which runs read: the file names the old one until `sources update-moved`. A URL in
 * the file counts before a move to it. A move counts while the file still has its source at the old URL (the file may
 * have changed since the moves were read: `sources update-moved`, a source removed).
 */
function pipelineFeeds(sources: Pipeline['sources'], moves: readonly StoredMove[]): Map<string, KnownFeed> {
  const byKey = new Map<string, KnownFeed>();
  for (const source of sources) {
    if (source.kind === 'feed' && !byKey.has(sameFeedKey(source.url))) byKey.set(sameFeedKey(source.url), { sourceId: source.id, movedTo: null });
  }
  for (const move of moves) {
    const stillThere = sources.some((source) => source.id === move.sourceId && source.kind === 'feed' && source.url === move.from);
    if (stillThere && !byKey.has(sameFeedKey(move.movedTo))) byKey.set(sameFeedKey(move.movedTo), { sourceId: move.sourceId, movedTo: move.movedTo });
  }
  return byKey;
}

/** What `sources add` makes of the feeds found, given the pipeline's sources: which it has already, and the rest's entries. */
interface AddPlan {
  /** For each feed found, the source of the pipeline that is that feed, else null. */
  existing: (KnownFeed | null)[];
  /** For each feed found, an entry with an id no source of the pipeline has. */
  entries: FeedSourceEntry[];
  /** The entries of the feeds the pipeline does not have: what is to be added. */
  fresh: FeedSourceEntry[];
}

/**
 * The plan for the feeds found (`result`) and a pipeline with `sources`. Made from the pipeline loaded when the command
 * started, and made again from the file under its edit lock when the entries are added to it: another `sources add`
 * may have added a source meanwhile (`xargs -P4`), whose id must not be taken again, or this very feed.
 */
function addPlan(result: DiscoveryResult, pageUrl: string, sources: Pipeline['sources'], moves: readonly StoredMove[]): AddPlan {
  const known = pipelineFeeds(sources, moves);
  // the URL typed counts too: it may be the pipeline's old address of a feed that has moved since
  // so does a URL merged into the feed shown, or one that redirected to it for good, or where a redirect of any kind
  // led (a link to /latest.xml that answers 302 to the feed the pipeline reads): the pipeline may list the feed
  // under that one
  const existing = result.feeds.map(
    (feed, index) =>
      [feed.url, ...(feed.merged ?? []).map((m) => m.url), ...(result.redirectedFrom[index] ?? []), ...(result.answeredFrom[index] ?? [])]
        .map((url) => known.get(sameFeedKey(url)))
        .find(Boolean) ??
      (feed.via === 'page' ? known.get(sameFeedKey(pageUrl)) : undefined) ??
      null,
  );
  const entries = sourceEntries(result.feeds, pageUrl, sources.map((source) => source.id));
  return { existing, entries, fresh: entries.filter((_entry, index) => !existing[index]) };
}

/**
 * The moves of the pipeline's feeds that runs stored, read from its database (`--database`, else DATABASE_URL, else
 * the default file). None when no run has made the database yet (a SQLite file that does not exist, a PostgreSQL
 * database without pausewatch tables): `sources add` needs none. A database that is there but cannot be opened or read
 * (a read-only folder, a full disk while it is brought up to date, one a newer pausewatch wrote, a file that is not a
 * pausewatch database) is refused as every command refuses it, with the database and the reason (a StoreError: exit
 * 2): without the moves, a feed the pipeline reads at the address it moved to would be added a second time.
 */
async function storedMoves(options: GlobalOptions, loaded: LoadedPipeline | null): Promise<StoredMove[]> {
  if (!loaded || !loaded.pipeline.sources.some((source) => source.kind === 'feed')) return [];
  const target = databaseTarget(options, loaded.rootDir);
  // a file no run has created (a URL, postgres://, is asked: a database there may hold the moves)
  if (isMissingDatabaseFile(target)) return [];
  try {
    // a failure of the database while it is read is said as other commands say it (databaseFailure)
    return await withStore(options, loaded, (store) => pendingMoves(store.db, loaded.pipeline.id, loaded.pipeline.sources));
  } catch (error) {
    if (isUnpreparedPostgres(target, error)) return [];
    throw error;
  }
}

/**
 * Whether openStore refused `target` as a PostgreSQL database no run has prepared: the counterpart of a SQLite file
 * that does not exist yet, where nothing is stored. (An empty or foreign SQLite file is refused: it is there.)
 */
function isUnpreparedPostgres(target: string, error: unknown): boolean {
  return /^postgres(ql)?:\/\//i.test(target) && error instanceof StoreError && error.code === 'unprepared';
}

/** The entry as pipeline-file code: an object literal, without the comma that follows it in a list. */
function entryCode(entry: FeedSourceEntry): string {
  return `{ id: ${stringLiteral(entry.id)}, kind: 'feed', name: ${stringLiteral(entry.name)}, url: ${stringLiteral(entry.url)} }`;
}

/**
 * Adds the fresh entries to the pipeline file, unless --dry-run; what was done, for the report, with the plan it was
 * done by. The plan `started` (from the pipeline loaded when the command started) is made again (`replan`) from the
 * file as it is under its edit lock, so ids are chosen, and feeds found already there, from the file as edited. Never
 * throws for a file it cannot edit: the entries are then printed to paste, with the reason.
 */
async function addToPipeline(
  started: AddPlan,
  replan: (sources: Pipeline['sources']) => AddPlan,
  loaded: LoadedPipeline | null,
  dryRun: boolean,
): Promise<{ plan: AddPlan; addedTo: string | null; error: string | null }> {
  if (dryRun || started.fresh.length === 0 || !loaded) return { plan: started, addedTo: null, error: null };
  // the plan of the file as last read under the lock, once there is one: its entries are the ones to paste on a failure
  let plan = started;
  try {
    const added = await addSourcesToPipelineFile(loaded.file, (current) => {
      plan = replan(current.sources);
      return plan.fresh.map((entry) => ({ id: entry.id, code: entryCode(entry) }));
    });
    // none when every feed found was added meanwhile (by another sources add)
    return { plan, addedTo: added.length > 0 ? loaded.file : null, error: null };
  } catch (error) {
    if (error instanceof PipelineEditError) return { plan, addedTo: null, error: error.message };
    throw error;
  }
}

/**
 * What to say when discovery stopped at its time limit. The candidates it cut off never failed on their own, so no
 * line named them as they went: they are named here (under --quiet every failed candidate is named at the end).
 */
export function timeLimitNote(result: Pick<DiscoveryResult, 'rejected'>, deadlineMs: number, quiet: boolean): string {
  const cutOff = quiet ? [] : result.rejected.filter((r) => r.cutOff);
  return (
    `discovery stopped at its limit of ${Number((deadlineMs / 1000).toFixed(1))} s (twice fetch.timeoutMs, at least 60 s)` +
    (cutOff.length > 0 ? `; not answered by then:\n${cutOff.map((r) => `  ${urlForDisplay(r.url)}: ${r.reason}`).join('\n')}` : '')
  );
}

const MERGE_REASONS: Record<MergedCandidate['reason'], string> = {
  same_address: 'the same address',
  same_final_url: 'redirects to the same feed',
  same_content: 'the same feed: same title and items',
};

/** Under a feed, the other URLs that turned out to be it, so the user knows they were not overlooked. */
export function mergedLines(feed: Pick<DiscoveredFeed, 'merged'>): string[] {
  return (feed.merged ?? []).map((m) => `          also at ${urlForDisplay(m.url)} (${MERGE_REASONS[m.reason]})`);
}

/** Comments feeds named one per line; a page may declare thousands (one per post), which --json lists. */
const COMMENT_FEEDS_LISTED = 10;

/** The comments feeds set aside, with why, and how to add one anyway; no lines when there are none. */
export function commentFeedLines(result: Pick<DiscoveryResult, 'commentFeeds'>): string[] {
  const count = result.commentFeeds.length;
  if (count === 0) return [];
  return [
    `Not offered: ${count === 1 ? 'a comments feed' : `${count} comments feeds`} (readers' comments, not articles; give ${count === 1 ? 'its' : "one's"} URL to sources add to add it anyway):`,
    // the reason quotes a title the site wrote
    ...result.commentFeeds.slice(0, COMMENT_FEEDS_LISTED).map((c) => `  ${urlForDisplay(c.url)}: ${cleanFeedText(c.reason, 240)}`),
    ...(count > COMMENT_FEEDS_LISTED ? [`  … and ${count - COMMENT_FEEDS_LISTED} more (--json lists them all)`] : []),
  ];
}

/**
 * Why a candidate failed, and when its server asks to be asked again (Retry-After) as `feed` says it: someone adding a
 * source needs to know when to try that feed again. A request the queue held back already says until when.
 */
export function rejectionText(rejected: { reason: string; wait?: ServerWait | null }): string {
  return `${rejected.reason}${rejected.wait && !rejected.wait.heldBack ? retryAfterText(rejected.wait) : ''}`;
}

/** The candidates discovery tried, one line each. */
function triedLines(rejected: DiscoveryResult['rejected']): string {
  return rejected.map((r) => `  tried ${urlForDisplay(r.url)}: ${rejectionText(r)}\n`).join('');
}

/** The wait a server asked for, in --json: `retryAfterSeconds` and `retryAfterUntil` (ISO-8601 UTC), null when none. */
function waitJson(wait: ServerWait | null | undefined): { retryAfterSeconds: number | null; retryAfterUntil: string | null } {
  return { retryAfterSeconds: wait?.seconds ?? null, retryAfterUntil: wait?.until ?? null };
}

/**
 * The URL argument of `sources add`. Unlike `feed` and `extract`, the command reads no files, so the messages do not
 * offer a file path; a bare host name gets the URL it probably meant.
 */
function outletUrlArgument(text: string): URL {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https' && /^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new UsageError(`sources add needs an http(s) URL, not a URL of the ${scheme}: scheme: ${JSON.stringify(urlForDisplay(text))}`);
  }
  if (!/^https?:\/\//i.test(text)) {
    const guess = /^[\w-]+(\.[\w-]+)+(:\d+)?(\/\S*)?$/.test(text) ? ` (did you mean https://${text}?)` : '';
    throw new UsageError(`sources add needs an http(s) URL, got ${JSON.stringify(urlForDisplay(text))}${guess}`);
  }
  try {
    return new URL(text);
  } catch {
    throw new UsageError(`the outlet is not a valid URL: ${JSON.stringify(urlForDisplay(text))}`);
  }
}

/**
 * The status line of `sources add` on a terminal, after terminalProgress (src/cli/progress.ts), which counts a run's
 * sources and articles rather than discovery's candidates: one self-rewriting line, other output printed above it,
 * led by the host the request queue holds requests for (`waits`, undefined when the line is not shown), as in a run.
 */
export function discoveryStatus(
  stream: NodeJS.WritableStream & { columns?: number },
  enabled: boolean,
): { waits: HostWaitWatcher | undefined; event(event: DiscoveryEvent): void; print(text: string): void; finish(): void } {
  const head = 'sources add: ';
  /** What discovery is doing: "fetching <page>", "trying feed links 3/10". */
  let doing = '';
  let total = 0;
  let done = 0;
  let failed = 0;
  let what = '';
  let finished = false;
  const width = () => Math.max(20, (stream.columns || 80) - 1);
  const draw = () => {
    if (!enabled || finished) return;
    // The wait first, as in a run: it is why the counter stands still, and a narrow terminal cuts the end of the line.
    const wait = waits?.phrase(width() - head.length) ?? '';
    const line = wait ? `${head}${wait}${doing ? ` · ${doing}` : ''}` : doing && `${head}${doing}`;
    stream.write(`\r${fitColumns(line, width(), '').text}\u001b[K`);
  };
  const waits = enabled ? statusLineWaits(draw) : undefined;
  return {
    waits,
    event(event) {
      if (event.type === 'page') doing = `fetching ${urlForDisplay(event.url)}`;
      else {
        if (event.type === 'candidates') {
          [what, total, done, failed] = [event.via === 'link' ? 'feed links' : 'common feed paths', event.urls.length, 0, 0];
        } else {
          done += 1;
          if (event.reason !== null) failed += 1;
        }
        doing = `trying ${what} ${done}/${total}${failed ? ` (${failed} failed)` : ''}`;
      }
      draw();
    },
    print(text) {
      if (enabled) stream.write('\r\u001b[K');
      writeText(stream, text);
      draw();
    },
    finish() {
      finished = true;
      waits?.stop();
      if (enabled) stream.write('\r\u001b[K');
    },
  };
}

/** `pausewatch sources add <url>`: a subcommand of the existing `sources` command (created if absent). */
export function registerSourcesAdd(program: Command, state: CliState): void {
  sourcesCommand(program)
    .command('add')
    .description("find the feeds of an outlet from its home page and add them to the pipeline file")
    .argument('<url>', "the outlet's home page (or a feed URL)")
    .option('--all-paths', 'also probe the common feed paths when the page declares feeds')
    .option('--dry-run', 'print the source entries without adding them to the pipeline file')
    .exitOverride()
    .action(async (typed: string, local: { allPaths?: boolean; dryRun?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      // a `feed:` link copied from a page, as the http(s) address it wraps
      const page = outletUrlArgument(withoutFeedScheme(typed));
      // as a run would send it: a host's trailing dot, which runs drop, is not written into the feeds found under it
      const pageUrl = requestAddress(page.href);
      const { settings, loaded } = await commandFetchSettings(options);
      // said before the search, which may take a minute, rather than after it
      if (!loaded && !local.dryRun) {
        throw new UsageError(`no pipeline file to add the feeds to: ${shownPath(defaultPipelineFile())} does not exist (name one with --pipeline, or use --dry-run)`);
      }
      // Read before the search too, so a database that cannot be read is said at once (exit 2), not after a minute of it.
      const moves = await storedMoves(options, loaded);
      // A line per candidate that fails, as it fails, so a slow site is never minutes of silence; on a terminal a
      // status line too, which names a host the queue holds requests for. --quiet keeps the lines for the end, and only
      // when nothing was found.
      const status = discoveryStatus(process.stderr, !options.quiet && !options.json && Boolean(process.stderr.isTTY));
      // The pipeline's limits per host apply, as in a run: discovery must not look like an attack on the outlet.
      const fetcher = createRequestQueue({ ...settings, giveUpOnSilentHosts: false, waits: status.waits });
      const deadlineMs = discoveryDeadlineMs(settings.timeoutMs);
      let result: DiscoveryResult;
      let linksTried = 0;
      try {
        result = await discoverFeeds(pageUrl, fetcher, {
          // The page is typed by the user, so its host may be on a private network; links and redirects to other hosts
          // may not, unless the pipeline allows private addresses.
          fetch: commandFetchOptions(settings, page.href),
          alwaysProbe: local.allPaths ?? false,
          concurrency: Math.min(DISCOVERY_CONCURRENCY, settings.concurrency),
          perHostConcurrency: settings.perHostConcurrency,
          deadlineMs,
          onProgress: (event) => {
            if (event.type === 'candidates' && event.via === 'link') linksTried += event.urls.length;
            status.event(event);
            if (event.type === 'tried' && event.reason !== null && !options.quiet) status.print(`  skipped ${urlForDisplay(event.url)}: ${rejectionText({ reason: event.reason, wait: event.wait })}\n`);
          },
        });
      } finally {
        status.finish();
      }
      // Ids and the feeds the pipeline has are decided again from the file under its edit lock (addToPipeline): the
      // file may have changed during the search, another sources add having added a feed of the same host, say.
      const replan = (sources: Pipeline['sources']) => addPlan(result, pageUrl, sources, moves);
      const added = await addToPipeline(replan(loaded?.pipeline.sources ?? []), replan, loaded, local.dryRun ?? false);
      const { existing, entries, fresh } = added.plan;
      const existingSourceIds = existing.map((match) => match?.sourceId ?? null);
      const notes: string[] = [];
      if (result.skippedLinks.length > 0) {
        notes.push(
          `note: the page links to ${linksTried + result.skippedLinks.length} feeds; the first ${linksTried} were tried and ` +
            `${result.skippedLinks.length} skipped (give one of those as the URL to check it): ${shownList(result.skippedLinks.map(urlForDisplay))}`,
        );
      }
      if (result.timedOut) notes.push(timeLimitNote(result, deadlineMs, options.quiet === true));
      if (notes.length > 0) writeText(process.stderr, `${notes.join('\n')}\n`);
      // under --quiet the failed candidates were not shown as they failed
      const tried = (rejected: DiscoveryResult['rejected']) => (options.quiet ? triedLines(rejected) : '');
      if (options.json) {
        printJson({
          // `source` is the entry to paste; `existingSourceId` says when the pipeline already has the feed under that id
          // `merged`: the other URLs found for the same feed, always an array for scripts
          // `added`: whether `source` is now in the pipeline file (`addedTo`); `addError` says why not, when it should be
          feeds: result.feeds.map((feed, index) => ({ ...feed, url: urlForDisplay(feed.url), merged: (feed.merged ?? []).map((m) => ({ ...m, url: urlForDisplay(m.url) })), source: entries[index], existingSourceId: existingSourceIds[index], added: added.addedTo !== null && !existingSourceIds[index] })),
          addedTo: added.addedTo && shownPath(added.addedTo),
          addError: added.error,
          commentFeeds: result.commentFeeds.map((c) => ({ ...c, url: urlForDisplay(c.url) })),
          // each with the wait its server asked for (Retry-After): when to try that candidate again
          rejected: result.rejected.map(({ wait, ...r }) => ({ ...r, url: urlForDisplay(r.url), ...waitJson(wait) })),
          error: result.error,
          errorCode: result.errorCode,
          // with `error`, when the page's server asked to wait (a 429 or 503 with Retry-After)
          ...waitJson(result.wait),
          skippedLinks: result.skippedLinks.map(urlForDisplay),
          timedOut: result.timedOut,
        });
      } else if (result.error) {
        const shown = urlForDisplay(pageUrl);
        const problem =
          result.errorCode === 'not_a_feed'
            ? `${shown} is not a readable feed: ${result.error}\n(given a feed's address, sources add reads that feed only; give the site's home page to look for its other feeds)`
            : result.errorCode === 'not_a_page'
              ? `${shown} is ${result.error}`
              : // as `feed` says it, with the wait a 429 or 503 asks for
                result.pageFailure
                ? fetchFailureText(pageUrl, result.pageFailure, result.wait)
                : `cannot fetch ${shown}: ${result.error}`;
        writeText(process.stderr, `${problem}\n${tried(result.rejected.filter((r) => r.url !== pageUrl))}`);
      } else if (result.feeds.length === 0) {
        const comments = commentFeedLines(result).map((line) => `${line}\n`).join('');
        writeText(process.stderr, `no feed found for ${urlForDisplay(pageUrl)} (${result.rejected.length} candidate${result.rejected.length === 1 ? '' : 's'} tried)\n${tried(result.rejected)}${comments}`);
      } else {
        const lines = result.feeds.map((feed, index) => {
          const match = existing[index];
          const note = match
            ? `  (already in the pipeline as source ${JSON.stringify(match.sourceId)}${match.movedTo ? `, which moved to ${urlForDisplay(match.movedTo)}` : ''})`
            : feed.via === 'probe'
              ? '  (found at a common feed path; the page does not link to it)'
              : '';
          const line = `${feed.format.padEnd(7)} ${plural(feed.itemCount, 'item').padStart(10)}  ${(feed.title && cleanFeedText(feed.title)) || '(untitled)'}  ${urlForDisplay(feed.url)}${note}`;
          return [line, ...mergedLines(feed)].join('\n');
        });
        const comments = commentFeedLines(result);
        if (comments.length > 0) lines.push('', ...comments);
        // an entry to paste keeps the feed's login, which it needs; one added is shown without it: the file has it
        const code = (entry: FeedSourceEntry) => `${entryCode(entry)},`;
        if (added.addedTo) lines.push('', `Added to ${shownPath(added.addedTo)} (the next run reads ${fresh.length === 1 ? 'it' : 'them'}):`, ...fresh.map((entry) => code({ ...entry, url: urlForDisplay(entry.url) })));
        else if (fresh.length > 0) lines.push('', 'Add to the sources of your pipeline file:', ...fresh.map(code));
        else lines.push('', `Nothing to add: ${result.feeds.length === 1 ? 'the feed is' : 'every feed found is'} already in the pipeline (${loaded ? shownPath(loaded.file) : 'the pipeline file'}).`);
        writeText(process.stdout, `${lines.join('\n')}\n`);
      }
      // No feed, or a discovery cut short by its time limit (feeds may be missing from the list): exit 1, as CLI.md asks
      // of a command that finished while something failed.
      if (result.feeds.length === 0 || result.timedOut) state.exitCode = ExitCode.partial;
      // Feeds found but not added: the report above printed them to paste; here is why they are not in the file.
      if (added.error) {
        writeText(process.stderr, `not added: ${added.error}\n`);
        state.exitCode = ExitCode.partial;
      }
    });
}
