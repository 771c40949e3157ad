import { sql, type Kysely } from 'kysely';
import type { RunReport } from '../model/index.ts';
import type { Database } from './schema.ts';

/** A run refused because another run of the pipeline holds its lock; the message says what a user can act on. */
export class RunInProgressError extends Error {
  override name = 'RunInProgressError';
  constructor(
    readonly pipelineId: string,
    readonly runId: number,
    readonly runStartedAt: string,
    readonly owner: RunOwner | null,
    /** When the refused run tried to start: how long ago the other began is said from it. */
    at: string,
  ) {
    const began = Date.parse(runStartedAt);
    const minutes = Math.max(0, Math.round((Date.parse(at) - began) / 60_000));
    const when = Number.isNaN(began) ? runStartedAt : `${runStartedAt.slice(0, 16).replace('T', ' ')} UTC (${minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`} ago)`;
    // The stored host carries the process table's namespace after a space ("vm pid:[4026531836]"), which tells
    // containers apart but is nothing a user can act on; a host name holds no space.
    const by = owner ? ` by process ${owner.pid} on host ${owner.host.split(' ')[0] || owner.host} (\`kill ${owner.pid}\` there stops it, and it gives the lock back)` : '';
    super(
      `another run of pipeline ${pipelineId} is in progress: run ${runId}, started ${when}${by}; ` +
        `a run whose process ended stops blocking at once on the same host, and one that shows no sign of life for ${SILENT_RUN_MINUTES} minutes otherwise`,
    );
  }
}

/**
 * A running run shows it is alive this often (markRunAlive), by the database's clock; one of another host silent for
 * SILENT_RUN_MINUTES crashed or was killed, or lost its database, and no longer blocks new runs.
 */
export const RUN_ALIVE_INTERVAL_MS = 60_000;
export const SILENT_RUN_MINUTES = 10;
/** A run of a release that did not show it was alive (no alive_at) no longer blocks this long after it started. */
export const ABANDONED_RUN_HOURS = 6;

/** The process that holds a run, as stored in `runs.owner` and `runs.owner_started`. */
export interface RunOwner {
  host: string;
  pid: number;
  /** When the process started, as its kernel counts (Linux's ticks since boot): a process id reused is told apart. */
  started?: string | null;
}

/** What is known of the process that holds a run: on this host, gone or alive; elsewhere, nothing. */
export type OwnerState = 'gone' | 'alive' | 'unknown';

export interface StartRunOptions {
  /** This process, stored with the run. */
  owner?: RunOwner;
  /**
   * Whether the process holding a run is known to be gone (on this host, no such process: a run killed without
   * cleaning up, which stops blocking at once) or alive (on this host: it blocks however long it has run, whatever the
   * clocks say). Unknown (another host, a start time that cannot be told, a run from before owners were stored): it
   * blocks while it shows it is alive.
   */
  ownerState?: (owner: RunOwner) => OwnerState;
}

function parseOwner(value: string | null, started: string | null = null): RunOwner | null {
  const match = value ? /^(.*):(\d+)$/.exec(value) : null;
  return match ? { host: match[1]!, pid: Number(match[2]), started } : null;
}

/**
 * The time now by the database's clock, ISO-8601 UTC to the second: what runs of every host that share it compare
 * their signs of life by, since their own clocks may differ by hours.
 */
export async function databaseNow(db: Kysely<Database>): Promise<string> {
  const { now } = await sql<{ now: Date | string }>`select CURRENT_TIMESTAMP as now`.execute(db).then((result) => result.rows[0]!);
  // PostgreSQL gives a Date; SQLite the UTC time as text, `2026-06-05 10:19:00`
  return (now instanceof Date ? now : new Date(`${now.replace(' ', 'T')}Z`)).toISOString().replace(/\.\d{3}Z$/, '.000Z');
}

/** How far a host's clock may be from its database's before commands go by the database's (see databaseClock). */
export const CLOCK_TOLERANCE_MS = 60_000;

/**
 * The clock a command goes by: the host's (`hostNow`), or, when the database's differs from it by more than
 * CLOCK_TOLERANCE_MS, the database's, with how many seconds the host's is ahead of it (negative: behind). Every host
 * sharing a PostgreSQL database then dates articles, schedules feeds, judges alerts' ages and names today alike: by
 * its own clock, a host four days ahead alerted none of fifteen new articles (past alerts.maxAgeHours) and put every
 * feed's next check four days on. On SQLite the database's clock is the host's.
 */
export async function databaseClock(db: Kysely<Database>, hostNow: () => Date): Promise<{ now: () => Date; hostAheadSeconds: number | null }> {
  const before = hostNow().getTime();
  const databaseTime = Date.parse(await databaseNow(db));
  // the database read its clock between the two readings of the host's, and to the second below
  const offsetMs = databaseTime + 500 - (before + hostNow().getTime()) / 2;
  if (Math.abs(offsetMs) <= CLOCK_TOLERANCE_MS) return { now: hostNow, hostAheadSeconds: null };
  return { now: () => new Date(hostNow().getTime() + offsetMs), hostAheadSeconds: -Math.round(offsetMs / 1000) };
}

/**
 * Starts a run, unless another run of the pipeline is in progress: a unique index allows one 'running' row per
 * pipeline, so two processes racing here cannot both win. A running run stops blocking once its process is known to
 * be gone, or, when nothing is known of its process (another host's), once it has shown no sign of life
 * (markRunAlive) for SILENT_RUN_MINUTES by the database's clock; one of a release that showed none,
 * ABANDONED_RUN_HOURS after it began.
 */
export async function startRun(db: Kysely<Database>, pipelineId: string, startedAt: string, options: StartRunOptions = {}): Promise<number> {
  const now = await databaseNow(db);
  const silentSince = new Date(Date.parse(now) - SILENT_RUN_MINUTES * 60_000).toISOString();
  const staleBefore = new Date(Date.parse(startedAt) - ABANDONED_RUN_HOURS * 3_600_000).toISOString();
  const running = await db.selectFrom('runs').select(['id', 'owner', 'owner_started', 'alive_at', 'started_at']).where('pipeline_id', '=', pipelineId).where('status', '=', 'running').execute();
  for (const run of running) {
    const owner = parseOwner(run.owner, run.owner_started);
    const state = owner && options.ownerState ? options.ownerState(owner) : 'unknown';
    if (state === 'alive') continue;
    const silent = run.alive_at === null ? run.started_at < staleBefore : run.alive_at < silentSince;
    if (state !== 'gone' && !silent) continue;
    const error =
      state === 'gone'
        ? `process ${owner!.pid} on ${owner!.host} ended without finishing the run`
        : `no sign of life from the run since ${(run.alive_at ?? run.started_at).slice(0, 16).replace('T', ' ')} UTC`;
    await db
      .updateTable('runs')
      .set({ status: 'failed', finished_at: startedAt, report: JSON.stringify({ error }) })
      .where('id', '=', run.id)
      .where('status', '=', 'running')
      // not a run that showed life since it was read
      .where((eb) => (run.alive_at === null ? eb('alive_at', 'is', null) : eb('alive_at', '=', run.alive_at)))
      .execute();
  }
  try {
    const owner = options.owner ? `${options.owner.host}:${options.owner.pid}` : null;
    const row = await db
      .insertInto('runs')
      .values({ pipeline_id: pipelineId, started_at: startedAt, status: 'running', finished_at: null, report: null, owner, owner_started: options.owner?.started ?? null, alive_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    const active = await db.selectFrom('runs').select(['id', 'started_at', 'owner', 'owner_started']).where('pipeline_id', '=', pipelineId).where('status', '=', 'running').executeTakeFirst();
    if (!active) throw error;
    throw new RunInProgressError(pipelineId, active.id, active.started_at, parseOwner(active.owner, active.owner_started), startedAt);
  }
}

/**
 * Marks a running run alive now, by the database's clock; false when it is no longer running: another run took it for
 * silent (a process held still for minutes, a database out of reach) and holds the lock now.
 */
export async function markRunAlive(db: Kysely<Database>, runId: number): Promise<boolean> {
  const now = await databaseNow(db);
  const result = await db.updateTable('runs').set({ alive_at: now }).where('id', '=', runId).where('status', '=', 'running').executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function finishRun(db: Kysely<Database>, report: RunReport, status: 'ok' | 'partial' | 'failed'): Promise<void> {
  await db
    .updateTable('runs')
    .set({ finished_at: report.finishedAt, status, report: JSON.stringify(report) })
    .where('id', '=', report.runId)
    // not a run another took over meanwhile (marked failed): its lock is the other's
    .where('status', '=', 'running')
    .execute();
}

/**
 * When the pipeline's runs that finished (`ok` or `partial`: they reached alert delivery) began and ended, for those
 * that ended at `since` or later and began before `before`.
 */
export async function finishedRunSpans(db: Kysely<Database>, pipelineId: string, since: string, before: string): Promise<{ started_at: string; finished_at: string }[]> {
  const rows = await db
    .selectFrom('runs')
    .select(['started_at', 'finished_at'])
    .where('pipeline_id', '=', pipelineId)
    .where('status', 'in', ['ok', 'partial'])
    .where('finished_at', '>=', since)
    .where('started_at', '<', before)
    .execute();
  return rows.flatMap((row) => (row.finished_at === null ? [] : [{ started_at: row.started_at, finished_at: row.finished_at }]));
}

/** Ends a run that threw: marked failed, with the reason, so it stops blocking new runs at once. */
export async function abandonRun(db: Kysely<Database>, runId: number, at: string, reason: string): Promise<void> {
  await db.updateTable('runs').set({ status: 'failed', finished_at: at, report: JSON.stringify({ error: reason }) }).where('id', '=', runId).execute();
}

/**
 * When the runs of a pipeline that ended without finishing (killed, interrupted, failed) since its last finished run,
 * and before `before`, stored their first and last articles; null when there are none. Such a run wrote no digest
 * after them, so the next run writes the digests of those days too.
 */
export async function unfinishedRunsArticles(db: Kysely<Database>, pipelineId: string, before: string): Promise<{ first: string; last: string } | null> {
  const finished = await db
    .selectFrom('runs')
    .select((eb) => eb.fn.max('started_at').as('at'))
    .where('pipeline_id', '=', pipelineId)
    .where('status', 'in', ['ok', 'partial'])
    .where('started_at', '<', before)
    .executeTakeFirst();
  const unfinished = await db
    .selectFrom('runs')
    .select((eb) => eb.fn.min('started_at').as('at'))
    .where('pipeline_id', '=', pipelineId)
    .where('status', '=', 'failed')
    .where('started_at', '>', finished?.at ?? '')
    .where('started_at', '<', before)
    .executeTakeFirst();
  if (!unfinished?.at) return null;
  const stored = await db
    .selectFrom('articles')
    .select((eb) => [eb.fn.min('fetched_at').as('first'), eb.fn.max('fetched_at').as('last')])
    .where('pipeline_id', '=', pipelineId)
    .where('fetched_at', '>=', unfinished.at)
    .where('fetched_at', '<', before)
    .executeTakeFirst();
  return stored?.first && stored.last ? { first: stored.first, last: stored.last } : null;
}

/**
 * The pipelines that have run against this database, for telling a user who opened another pipeline's database. In
 * code-point order, as SQLite sorts: PostgreSQL sorts by the database's collation, which in a database made with
 * another locale than C (ICU's en-US, glibc's en_US.UTF-8) puts "desk_a" before "desk1" and "desk-b".
 */
export async function pipelinesWithRuns(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('runs').select('pipeline_id').distinct().execute();
  return rows.map((row) => row.pipeline_id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
