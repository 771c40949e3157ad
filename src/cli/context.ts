import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defaultPipelineFile } from '../config/default-pipeline.ts';
import { loadPipeline, type FetchSettings, type LoadedPipeline } from '../config/index.ts';
import { pipelineSchema } from '../config/schema.ts';
import { serverWaitOf, type ServerWait } from '../ingest/discover.ts';
import { fetchOptionsFrom, trustedHostOf, type FetchOptions, type FetchResult } from '../ingest/fetch.ts';
import { urlForDisplay } from '../ingest/url-display.ts';
import { formatDuration } from '../run/schedule.ts';
import { databaseClock, databaseFailure, openStore, type Store } from '../store/index.ts';
import { UsageError } from './errors.ts';
import { commandLine, shownPath, type TargetFlags } from './views.ts';

/** The flags every command accepts (CLI.md "Global flags"). */
export interface GlobalOptions {
  pipeline?: string;
  database?: string;
  json?: boolean;
  quiet?: boolean;
}

export { defaultPipelineFile } from '../config/default-pipeline.ts';

/**
 * `--database`, else DATABASE_URL, else `data/pausewatch.db` under the pipeline's project root. A DATABASE_URL set but
 * empty (`DATABASE_URL=` in an env file) is unset, as most tools read it.
 */
export function databaseTarget(options: GlobalOptions, rootDir: string): string {
  const fromEnvironment = process.env.DATABASE_URL?.trim();
  if (options.database === undefined && fromEnvironment === ':memory:') throw new UsageError(`DATABASE_URL is ":memory:": it ${IN_MEMORY_REFUSAL}`);
  return options.database ?? (fromEnvironment || path.join(rootDir, 'data', 'pausewatch.db'));
}

/**
 * Why the CLI refuses SQLite's in-memory database: a command's database is gone when it exits, and a run on one
 * still sends its alerts and writes its digests, whose folder then belongs to a database no later run can open.
 */
export const IN_MEMORY_REFUSAL = 'names an in-memory SQLite database, which keeps nothing once the command ends (a run would still send alerts and write digests); give a file or a postgres:// URL';

/** What a command needs of its pipeline beyond a definition that validates. */
export interface PipelineNeeds {
  /**
   * Sources to read: a pipeline whose `sources` list is empty is refused (requireSources). The schema takes an empty
   * list, so that a new pipeline can be written with its topic first and filled with `sources add`, and the commands
   * for which no source means nothing to report (an empty listing) load it as it is; `run` needs them.
   */
  sources?: boolean;
}

export async function openPipeline(options: GlobalOptions, needs: PipelineNeeds = {}): Promise<LoadedPipeline> {
  const loaded = await loadPipeline(options.pipeline ?? defaultPipelineFile());
  if (needs.sources) requireSources(loaded, options, `pipeline "${loaded.pipeline.id}" has no sources to run`);
  return loaded;
}

/**
 * That the pipeline file's `sources` list is empty, and how to fill it: `sources add` with the flags the command was
 * given, so that it edits the same file (without `--pipeline` it would add to the default pipeline).
 */
export function noSourcesText(loaded: LoadedPipeline, flags: TargetFlags): string {
  return (
    `the \`sources\` list in ${shownPath(loaded.file)} is empty; \`${commandLine('sources add <url>', flags)}\` finds an outlet's feeds and adds them to it ` +
    '(or write source entries into the list by hand)'
  );
}

/**
 * Refuses a pipeline without sources, for a command that reads them (`run`): a usage error (exit 2) that says `what`
 * cannot be done, names the file and its `sources` field, and says how to add sources (noSourcesText).
 */
export function requireSources(loaded: LoadedPipeline, flags: TargetFlags, what: string): void {
  if (loaded.pipeline.sources.length === 0) throw new UsageError(`${what}: ${noSourcesText(loaded, flags)}`);
}

/**
 * The pipeline of a command that only borrows its settings (`feed`, `extract` and `sources add` fetch with its
 * `fetch` section). A `--pipeline` the user named must load, as for every command; the default file may be absent
 * (a clone used only to check feeds), and then there is none and the schema's defaults apply.
 */
export async function openPipelineIfPresent(options: GlobalOptions): Promise<LoadedPipeline | null> {
  if (options.pipeline === undefined && !existsSync(defaultPipelineFile())) return null;
  return openPipeline(options);
}

/** `create` for `run`, which makes the database on its first run; `existing` for commands that read what it stored. */
export type StoreAccess = 'create' | 'existing';

export async function openContext(options: GlobalOptions, access: StoreAccess = 'existing'): Promise<{ loaded: LoadedPipeline; store: Store }> {
  const loaded = await openPipeline(options);
  return { loaded, store: await openPipelineStore(options, loaded, access) };
}

/** The store of a loaded pipeline: `--database`, else DATABASE_URL, else the pipeline's `data/pausewatch.db`. */
export function openPipelineStore(options: GlobalOptions, loaded: LoadedPipeline, access: StoreAccess = 'existing', refusesToPrepare?: (location: string) => string | null): Promise<Store> {
  return openStore(databaseTarget(options, loaded.rootDir), { mustExist: access === 'existing', refusesToPrepare });
}

/** Runs `work` with the pipeline and an open store, closing the store whatever happens. */
export async function withContext<T>(
  options: GlobalOptions,
  work: (ctx: { loaded: LoadedPipeline; store: Store }) => Promise<T>,
  access: StoreAccess = 'existing',
): Promise<T> {
  const loaded = await openPipeline(options);
  return withStore(options, loaded, (store) => work({ loaded, store }), access);
}

/**
 * Runs `work` with the store of a pipeline already loaded, closing it whatever happens: for `run`, whose checks of the
 * pipeline's settings come before the store is opened, so a run they refuse leaves no database behind.
 */
export async function withStore<T>(
  options: GlobalOptions, loaded: LoadedPipeline, work: (store: Store) => Promise<T>, access: StoreAccess = 'existing', refusesToPrepare?: (location: string) => string | null,
): Promise<T> {
  const store = await openPipelineStore(options, loaded, access, refusesToPrepare);
  try {
    return await work(store);
  } catch (error) {
    // a full disk, a file made read-only, a lock kept too long: said with the database and the reason, not as a bug
    throw databaseFailure(error, store) ?? error;
  } finally {
    await store.close();
  }
}

/** "this host's clock is 4 days ahead of the database's", for a clock `hostAheadSeconds` off (see databaseClock). */
export function clockGapText(hostAheadSeconds: number): string {
  return `this host's clock is ${formatDuration(Math.abs(hostAheadSeconds))} ${hostAheadSeconds > 0 ? 'ahead of' : 'behind'} the database's`;
}

/**
 * The clock a command that names today or sets a time goes by: the database's when this host's is more than a minute
 * off it (as runs go), said on stderr; a host days off would write the digest of a day to come, or put a feed it was
 * asked to recheck days on.
 */
export async function commandClock(store: Store): Promise<() => Date> {
  const { now, hostAheadSeconds } = await databaseClock(store.db, () => new Date());
  if (hostAheadSeconds !== null) process.stderr.write(`note: ${clockGapText(hostAheadSeconds)}: went by the database's, as runs do; set the wrong clock right\n`);
  return now;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes to stdout, waiting when its buffer is full, so a long listing is not held in memory on its way out. */
async function writeOut(text: string): Promise<void> {
  // closed by its reader (`| head`): the listing stops here, rather than wait for a drain that will not come
  if (process.stdout.destroyed) throw Object.assign(new Error('stdout was closed by its reader'), { code: 'EPIPE' });
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

/**
 * Prints the items of `pages` as one JSON array, page by page: the same text printJson prints for the whole array,
 * without holding it. A failure part way leaves the array unclosed (and the exit code says so).
 */
export async function printJsonArray(pages: AsyncIterable<readonly unknown[]>): Promise<void> {
  let count = 0;
  for await (const page of pages) {
    if (page.length === 0) continue;
    // indented by splitting at line feeds only: a regular expression's ^ would also match inside a string after a
    // U+2028 or U+2029, which JSON leaves unescaped
    const items = page.map((item) => `  ${JSON.stringify(item, null, 2).split('\n').join('\n  ')}`);
    await writeOut(`${count === 0 ? '[\n' : ',\n'}${items.join(',\n')}`);
    count += page.length;
  }
  await writeOut(count === 0 ? '[]\n' : '\n]\n');
}

/**
 * A command-line argument that may be a URL or a file: the URL when it is an http(s) one, null when it is not a
 * URL at all (a path). A URL with another scheme (`ftp:`, `file:`) or one that does not parse is a usage error
 * naming `what`, rather than a file that cannot be found.
 */
export function httpUrlArgument(text: string, what: string): URL | null {
  const otherScheme = (scheme: string) => new UsageError(`${what} must be an http(s) URL or a file path, not a URL of the ${scheme} scheme: ${JSON.stringify(urlForDisplay(text))}`);
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    // `data:`, `javascript:` or `mailto:` names no file either, unless one is there by that name (a one-letter scheme
    // is a Windows drive)
    const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(text)?.[1];
    if (scheme && !existsSync(text)) throw otherScheme(`${scheme.toLowerCase()}:`);
    return null;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${what} is not a valid URL: ${JSON.stringify(urlForDisplay(text))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw otherScheme(url.protocol);
  return url;
}

/** What a command that fetches a URL the user typed takes from the pipeline: its `fetch` settings, and the pipeline itself. */
export interface CommandFetchSettings {
  /** The pipeline loaded, or null when the default one is absent and the defaults apply. */
  loaded: LoadedPipeline | null;
  settings: FetchSettings;
}

/**
 * The `fetch` settings of the pipeline (`--pipeline`, else the default file) for `feed`, `extract` and `sources add`,
 * so they check a URL as a run would fetch it: same User-Agent, limits and private-address rule. A `--pipeline` that
 * does not exist or is invalid is a configuration error (exit 2); a missing default file means the schema's defaults.
 */
export async function commandFetchSettings(options: GlobalOptions): Promise<CommandFetchSettings> {
  const loaded = await openPipelineIfPresent(options);
  return { loaded, settings: loaded?.pipeline.fetch ?? pipelineSchema.shape.fetch.parse(undefined) };
}

/**
 * Fetch options from the pipeline's settings for a URL the user typed: its host and port are trusted (they may be
 * private), other hosts and ports that links and redirects lead to are not, unless the pipeline allows private addresses.
 */
export function commandFetchOptions(settings: FetchSettings, typedUrl: string): Omit<FetchOptions, 'etag' | 'lastModified'> {
  return { ...fetchOptionsFrom(settings), trustedHostname: trustedHostOf(typedUrl) };
}

/** A wait a server asked for, as the failure it came with ends: "; the server asks to wait 120 s (Retry-After), until …Z". */
export function retryAfterText(wait: Pick<ServerWait, 'seconds' | 'until'>): string {
  return `; the server asks to wait ${wait.seconds} s (Retry-After), until ${wait.until}`;
}

/**
 * Why a URL the user typed could not be fetched, on one line; for a 429 or 503, when the server asks to be asked
 * again, which someone checking a source needs more than the status. `wait` is that wait as worked out when the
 * answer came (serverWaitOf); by default, from now.
 */
export function fetchFailureText(target: string, response: Exclude<FetchResult, { status: 'ok' }>, wait = serverWaitOf(response, Date.now())): string {
  return `cannot fetch ${urlForDisplay(target)}: ${response.status === 'failed' ? response.error.message : 'not modified'}${wait ? retryAfterText(wait) : ''}`;
}
