import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedPipeline } from '../config/index.ts';
import { defaultPipelineFile } from '../config/default-pipeline.ts';
import type { Evidence, Voice } from '../model/index.ts';
import { compareNames, shownHeadline } from '../model/display-text.ts';
import { buildDigest, dayBounds, localDate, renderMarkdown, spanWatched, type DigestArticle, type DigestData, type DigestVerdict, type SourceHealth, type StanceTally } from '../digest/index.ts';
import { addDays, dayOf, isBareDate, sameTimeOn } from '../digest/day.ts';
import * as repo from '../store/index.ts';
import { appearedAt, effectiveStance } from '../trends/index.ts';
import type { ArticleRow, Store, SourceRow } from '../store/index.ts';

/** A stored source's health; a feed that answered 410 Gone is `gone`, as `pausewatch sources` lists it, not `failed`. */
export function sourceHealth(row: SourceRow): SourceHealth {
  const status = row.gone ? 'gone' : row.error_streak > 0 ? 'failed' : row.last_success_at ? 'ok' : 'never';
  return { id: row.id, name: row.name, status, lastError: row.error_streak > 0 ? row.last_error : null, warningCount: row.last_warning_count };
}

/**
 * The health of the pipeline's sources as the pipeline file defines them now, as `sources` lists them: a source
 * removed from the file is no longer read, so its last error is no longer news (its articles still count in their
 * days); one added since the last run is listed as never read, under the name the file gives it.
 */
export function definedSourcesHealth(loaded: LoadedPipeline, rows: readonly SourceRow[]): SourceHealth[] {
  const stored = new Map(rows.map((row) => [row.id, row]));
  return loaded.pipeline.sources
    .map((source): SourceHealth => {
      const row = stored.get(source.id);
      return row ? { ...sourceHealth(row), name: source.name } : { id: source.id, name: source.name, status: 'never', lastError: null, warningCount: 0 };
    })
    .sort(healthOrder);
}

const STATUS_RANK: Record<SourceHealth['status'], number> = { failed: 0, gone: 0, never: 1, not_modified: 2, ok: 2 };

/** Sources that need a look first (failing or gone, never read), then by the name the table shows. */
function healthOrder(a: SourceHealth, b: SourceHealth): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || compareNames(a.name, b.name) || compareNames(a.id, b.id);
}

/** An article's verdict as the digest shows it: on-topic or not, and the stance that counts, labels winning. */
function digestVerdict(stance: ReturnType<typeof effectiveStance>): DigestVerdict {
  return {
    relevant: stance.relevant,
    unreadLanguage: stance.unreadLanguage,
    stance: stance.label ? { label: stance.label, score: stance.score, confidence: stance.confidence, override: stance.override !== null } : null,
  };
}

/**
 * Loads the articles first seen on `date` (in the digest's time zone) with their current stance, and the health of
 * the sources defined now, as it is now (no history of it is kept; the digest says so), for an older day too.
 */
export async function loadDigestData(loaded: LoadedPipeline, store: Store, date: string, generatedAt: string): Promise<DigestData> {
  const { pipeline } = loaded;
  const { start, end } = dayBounds(date, pipeline.digest.timeZone);
  const rows = await repo.listArticles(store.db, { pipelineId: pipeline.id, fetchedFrom: start, fetchedTo: end });
  const scores = await repo.latestScores(store.db, rows.map((r) => r.id));
  const labels = await repo.latestLabels(store.db, rows.map((r) => r.id));
  // every stored source, removed from the pipeline file or not: their articles of the day are named after them
  const sources = await repo.listSources(store.db, pipeline.id);
  const sourceNames = new Map(sources.map((s) => [s.id, s.name]));
  // an article whose page was not read has no site name of its own: its source's read pages give one
  const siteNames = await repo.singleSiteNames(store.db, pipeline.id, rows.filter((row) => row.site_name === null).map((row) => row.source_id));

  const articles: DigestArticle[] = rows.map((row) => {
    const score = scores.get(row.id);
    const stance = effectiveStance(score, labels.get(row.id));
    const evidence = score ? (JSON.parse(score.evidence) as { stance: Evidence[] }).stance : [];
    return {
      id: row.id,
      title: shownHeadline(row),
      untitled: row.title === null,
      url: row.url,
      outlet: row.site_name ?? siteNames.get(row.source_id) ?? sourceNames.get(row.source_id) ?? row.source_id,
      sourceId: row.source_id,
      publishedAt: row.published_at,
      fetchedAt: row.fetched_at,
      wordCount: row.word_count,
      duplicateOf: row.duplicate_of,
      storyId: row.story_id,
      relevance: score?.relevance ?? null,
      ...digestVerdict(stance),
      evidence,
      voices: score ? (JSON.parse(score.voices) as Voice[]) : [],
    };
  });

  const shift = await loadShift(loaded, store, date, generatedAt);
  return buildDigest({
    maxArticlesPerStory: pipeline.digest.maxArticlesPerStory,
    storyArticleCounts: await storyArticleCounts(store, pipeline, rows),
    originals: await earlierOriginals(store, rows),
    pipeline: { id: pipeline.id, name: pipeline.name, description: pipeline.topic.description, file: pipelineFileFlag(loaded) },
    date,
    timeZone: pipeline.digest.timeZone,
    generatedAt,
    articles,
    sources: definedSourcesHealth(loaded, sources),
    maxStories: pipeline.digest.maxStories,
    includeOffTopic: pipeline.digest.includeOffTopic,
    shift,
  });
}

/**
 * How many articles of every day the stories with more of the day's articles than the digest lists under one have:
 * the digest's line about those not listed gives the `articles --story <id> --limit <n>` that lists them all. A query
 * for each such story only, so a day of small stories costs none.
 */
async function storyArticleCounts(store: Store, pipeline: LoadedPipeline['pipeline'], rows: readonly ArticleRow[]): Promise<Map<number, number>> {
  const ofTheDay = new Map<number, number>();
  for (const row of rows) if (row.story_id !== null) ofTheDay.set(row.story_id, (ofTheDay.get(row.story_id) ?? 0) + 1);
  const counts = new Map<number, number>();
  for (const [storyId, count] of ofTheDay) {
    if (count > pipeline.digest.maxArticlesPerStory) counts.set(storyId, await repo.countArticles(store.db, { pipelineId: pipeline.id, storyId }));
  }
  return counts;
}

/**
 * The verdicts of the originals of the day's copies that were first seen on an earlier day: the copies count as
 * their originals do (an original labelled irrelevant takes its copies off-topic), as in trends.
 */
async function earlierOriginals(store: Store, rows: readonly ArticleRow[]): Promise<Map<number, DigestVerdict>> {
  const ofTheDay = new Set(rows.map((row) => row.id));
  const ids = [...new Set(rows.flatMap((row) => (row.duplicate_of !== null && !ofTheDay.has(row.duplicate_of) ? [row.duplicate_of] : [])))];
  const scores = await repo.latestScores(store.db, ids);
  const labels = await repo.latestLabels(store.db, ids);
  return new Map(ids.map((id) => [id, digestVerdict(effectiveStance(scores.get(id), labels.get(id)))]));
}

/**
 * The day, in the digest's time zone, of the pipeline's first run: pausewatch watched from it on, and the days before
 * hold only what was published then and found later. Null when no run of the pipeline is recorded.
 */
export async function firstWatchedDay(store: Store, pipeline: { id: string; digest: { timeZone: string } }): Promise<string | null> {
  const firstRun = await repo.firstRunStartedAt(store.db, pipeline.id);
  return firstRun === null ? null : localDate(new Date(firstRun), pipeline.digest.timeZone);
}

/** The pipeline file as `--pipeline` would take it from the project's root, or null for the default one. */
function pipelineFileFlag(loaded: LoadedPipeline): string | null {
  return loaded.file === defaultPipelineFile() ? null : path.relative(loaded.rootDir, loaded.file).split(path.sep).join('/');
}

/**
 * Stance tallies for the seven days ending with `date` and the seven before, by when each article appeared
 * (published, by it or a syndicated copy, else first seen), on-topic originals only, analyst labels winning: the
 * same rules as `trends`. Each says how much of it pausewatch watched, from the day of the pipeline's first run: the
 * days before hold only what was published then and found later, not a quiet week.
 */
async function loadShift(loaded: LoadedPipeline, store: Store, date: string, generatedAt: string): Promise<DigestData['shift']> {
  const { pipeline } = loaded;
  const previousFrom = addDays(date, -13);
  const currentFrom = addDays(date, -6);
  const tz = pipeline.digest.timeZone;
  // Fetched up to the end of the day; published dates may be older than the window, so filter after loading.
  const rows = await repo.originalTimes(store.db, { pipelineId: pipeline.id, fetchedFrom: dayBounds(previousFrom, tz).start, fetchedTo: dayBounds(date, tz).end });
  const scores = await repo.latestScoreVerdicts(store.db, rows.map((r) => r.id));
  const labels = await repo.latestLabels(store.db, rows.map((r) => r.id));
  // copies seen after the day do not move its originals: a digest rewritten later counts as it did on the day
  const copiesPublished = await repo.copyPublicationTimes(store.db, rows.map((r) => r.id), { seenBefore: dayBounds(date, tz).end });
  const tally = (from: string, to: string): StanceTally => ({ from, to, articles: 0, support: 0, oppose: 0, neutral: 0 });
  const current = tally(currentFrom, date);
  const previous = tally(previousFrom, addDays(date, -7));
  // A day in progress (a morning's digest) counts to now: the days before count their last day to the same time, or
  // every morning's change would be a day's coverage short.
  const inProgress = Date.parse(generatedAt) < Date.parse(dayBounds(date, tz).end);
  const previousLastDay = addDays(date, -7);
  // the same time of day by the zone's clock, which is not 7 times 24 hours before across a change of the clocks
  const previousCutMs = Date.parse(sameTimeOn(generatedAt, previousLastDay, tz));
  for (const row of rows) {
    const stance = effectiveStance(scores.get(row.id), labels.get(row.id));
    if (!stance.label) continue;
    const appeared = appearedAt(row, copiesPublished.get(row.id) ?? [], tz);
    const day = dayOf(appeared, tz);
    const bucket = day >= currentFrom && day <= date ? current : day >= previousFrom && day < currentFrom ? previous : null;
    if (!bucket) continue;
    // a bare date names the day, no time of it: counted whole
    if (inProgress && bucket === previous && day === previousLastDay && !isBareDate(appeared) && Date.parse(appeared) > previousCutMs) continue;
    bucket.articles += 1;
    bucket[stance.label] += 1;
  }
  const watchedFrom = await firstWatchedDay(store, pipeline);
  return {
    current: { ...current, watched: spanWatched(current, watchedFrom) },
    previous: { ...previous, watched: spanWatched(previous, watchedFrom) },
    watchedFrom,
    countedTo: inProgress ? generatedAt : null,
  };
}

/**
 * The id of another pipeline whose digests are in this pipeline's `digest.dir` (by its newest `<date>.json`), or
 * null. Digests are named by date alone, so two pipelines sharing a folder would overwrite each other's days.
 */
export async function otherPipelineInDigestDir(loaded: LoadedPipeline): Promise<{ pipelineId: string; file: string } | null> {
  const newest = await newestDigestInDir(loaded);
  return newest && newest.pipelineId !== loaded.pipeline.id ? newest : null;
}

/**
 * The newest digest (`<date>.json`) in the pipeline's `digest.dir`, with the id of the pipeline that wrote it; null
 * when there is none, or it is not a digest of ours (or was cut short), so nothing can be said of whose it is.
 */
export async function newestDigestInDir(loaded: LoadedPipeline): Promise<{ pipelineId: string; file: string; date: string } | null> {
  const dir = path.resolve(loaded.rootDir, loaded.pipeline.digest.dir);
  const names = await readdir(dir).catch(() => [] as string[]);
  const newest = names.filter((name) => /^\d{4}-\d{2}-\d{2}\.json$/.test(name)).sort().at(-1);
  if (!newest) return null;
  try {
    const { pipeline } = JSON.parse(await readFile(path.join(dir, newest), 'utf8')) as { pipeline?: { id?: unknown } };
    const id = pipeline?.id;
    return typeof id === 'string' ? { pipelineId: id, file: path.join(dir, newest), date: newest.slice(0, 10) } : null;
  } catch {
    return null;
  }
}

/**
 * This process's mark on the temporary files it writes: its id and a random part (ids repeat: after a reboot, in
 * another container, on another host sharing the folder). No other process writes through the same names, so two
 * writers of one day (a cron `run` and a user's `digest`) never rename or remove each other's half-written file.
 */
const WRITER = `${process.pid}-${randomBytes(6).toString('hex')}`;

/**
 * Where this process writes `file` before renaming it over the digest: beside it (a rename does not cross file
 * systems), hidden, and not named `<date>.md` or `.json`, so neither the shared-folder check, `ls`, nor a script's
 * `*.json` takes it for a digest. Named for this process (`.<date>.md.<pid>-<random>.tmp`); its own writes of one
 * file take turns (see `oneAtATime`), so no two writes share a temporary file.
 */
export function digestTempFile(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${WRITER}.tmp`);
}

/**
 * Temporary digest files as pausewatch names them, of any process and day: this release's, and the one name per
 * file (`.<date>.md.tmp`) that earlier releases used.
 */
const TEMP_FILE = /^\.\d{4}-\d{2}-\d{2}\.(?:md|json)(?:\.\d+-[0-9a-f]{12})?\.tmp$/;

/**
 * How long a temporary file goes unwritten before it is taken for one a killed process left behind. A write takes
 * milliseconds; a process stopped (Ctrl-Z) or a network folder stalled for longer would lose its write, and fail
 * naming the digest file, rather than leave a half-written digest in place.
 */
export const STALE_TEMP_FILE_MS = 60 * 60 * 1000;

/**
 * Removes from `dir` the temporary digest files other processes left behind (killed mid-write): named as pausewatch
 * names them, plain files, and not written to for `STALE_TEMP_FILE_MS`. Each file has its process's name, so the next
 * write does not overwrite it as it did when the name was the same for every process, and without this the folder
 * would keep one per killed write. Never fails the digest: a file it cannot remove stays for the next write.
 */
async function removeStaleTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const ownSuffix = `.${WRITER}.tmp`;
  for (const name of names) {
    if (!TEMP_FILE.test(name) || name.endsWith(ownSuffix)) continue;
    const file = path.join(dir, name);
    try {
      const stats = await lstat(file);
      // a folder, link or pipe of that name is nothing pausewatch made: left alone
      if (stats.isFile() && Date.now() - stats.mtimeMs > STALE_TEMP_FILE_MS) await rm(file, { force: true });
    } catch {
      // gone already (another writer removed it), or not ours to remove
    }
  }
}

/** The writes of each file under way in this process, chained: see `oneAtATime`. */
const writesUnderWay = new Map<string, Promise<unknown>>();

/**
 * Runs `write` of `file` once this process's earlier writes of it have ended: they would share its temporary file
 * (`digestTempFile`). In turn, so the last write asked for is the one left in place.
 */
async function oneAtATime<T>(file: string, write: () => Promise<T>): Promise<T> {
  const mine = (writesUnderWay.get(file) ?? Promise.resolve()).catch(() => {}).then(write);
  const ended = mine.catch(() => {});
  writesUnderWay.set(file, ended);
  try {
    return await mine;
  } finally {
    if (writesUnderWay.get(file) === ended) writesUnderWay.delete(file);
  }
}

/**
 * Writes `file` whole or not at all: a run killed mid-write, a full disk or an unwritable folder leaves the previous
 * digest as it was (and its readers never see half of one). Fails with the system's error, naming `file`.
 */
async function writeWhole(file: string, text: string): Promise<void> {
  await oneAtATime(file, () => writeThroughTemp(file, text));
}

async function writeThroughTemp(file: string, text: string): Promise<void> {
  const temp = digestTempFile(file);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(text);
      // flushed before the rename, or a power cut could leave the new name on an empty file; a file system (or a
      // pipe) that cannot flush does not stop the digest
      await handle.sync().catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EINVAL' && error.code !== 'ENOTSUP') throw error;
      });
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    // this process's file alone, so no other writer's; a folder in its place is no file of ours, and is left alone:
    // rm refuses one without `recursive`
    await rm(temp, { force: true }).catch(() => {});
    throw namingFile(error, file);
  }
}

/** Why a digest file could not be written, in words, for the errors a set-up gives (a full disk, a read-only folder). */
const WRITE_ERROR_WORDS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  EISDIR: 'a folder is in the way',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EIO: 'input/output error (a failing disk or network share)',
};

/**
 * A digest file that could not be written: the message names the file and the reason, in words where the system's
 * code is a common one, and says the previous digest was kept (it is written whole or not at all). `code`, `errno`,
 * `syscall` and `path` are the system error's, with `path` the digest file rather than the temporary file written.
 */
export class DigestWriteError extends Error {
  override name = 'DigestWriteError';
  readonly code: string;
  readonly errno: number | undefined;
  readonly syscall: string;
  readonly path: string;
  constructor(file: string, error: NodeJS.ErrnoException & { code: string; syscall: string }) {
    const description = error.message.slice(error.code.length + 2).split(`, ${error.syscall}`)[0];
    const reason = WRITE_ERROR_WORDS[error.code] ?? description;
    super(`cannot write the digest ${file}: ${reason} (${error.code}, ${error.syscall}); the digest there before is kept as it was`, { cause: error });
    this.code = error.code;
    this.errno = error.errno;
    this.syscall = error.syscall;
    this.path = file;
  }
}

/**
 * A file system error as writing `file` directly gives it, naming `file` rather than the temporary file written; a
 * write that failed (ENOSPC) names the file too, which a direct write's error did not. Other errors are left as
 * they are.
 */
export function namingFile(error: unknown, file: string): unknown {
  const { code, syscall, message } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || typeof syscall !== 'string' || typeof message !== 'string' || !message.startsWith(`${code}: `)) return error;
  return new DigestWriteError(file, error as NodeJS.ErrnoException & { code: string; syscall: string });
}

/** Builds the day's digest, writes `<dir>/<date>.md` and `.json`, and keeps a copy in the database. */
export async function writeDigest(args: { loaded: LoadedPipeline; store: Store; date: string; now: () => Date }): Promise<{ data: DigestData; paths: string[]; markdown: string }> {
  const { loaded, store, date } = args;
  const generatedAt = args.now().toISOString();
  const data = await loadDigestData(loaded, store, date, generatedAt);
  const markdown = renderMarkdown(data);
  const json = `${JSON.stringify(data, null, 2)}\n`;
  const dir = path.resolve(loaded.rootDir, loaded.pipeline.digest.dir);
  await mkdir(dir, { recursive: true });
  const paths = [path.join(dir, `${date}.md`), path.join(dir, `${date}.json`)];
  await writeWhole(paths[0]!, markdown);
  await writeWhole(paths[1]!, json);
  await removeStaleTempFiles(dir);
  await repo.saveDigest(store.db, { pipelineId: loaded.pipeline.id, date, markdown, json, articleCount: data.totals.articles, at: generatedAt });
  return { data, paths, markdown };
}
