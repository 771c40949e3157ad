import type { Kysely, Selectable } from 'kysely';
import { withoutCredentials } from '../ingest/url-display.ts';
import type { Database, HostWaitsTable } from './schema.ts';

/** A pause a host asked for that outlasts the run answered so (see HostWaitsTable). */
export interface HostWaitRecord {
  host: string;
  /** ISO-8601 UTC. */
  until: string;
  status: number;
  askedBy: string;
}

/** The pipeline's host waits still running at `now`; those over are forgotten. */
export async function activeHostWaits(db: Kysely<Database>, pipelineId: string, now: string): Promise<HostWaitRecord[]> {
  await db.deleteFrom('host_waits').where('pipeline_id', '=', pipelineId).where('wait_until', '<=', now).execute();
  return runningHostWaits(db, pipelineId, now);
}

/** The pipeline's host waits still running at `now`, read only (for `sources`, which a read-only user may run). */
export async function runningHostWaits(db: Kysely<Database>, pipelineId: string, now: string): Promise<HostWaitRecord[]> {
  const rows = await db.selectFrom('host_waits').selectAll().where('pipeline_id', '=', pipelineId).where('wait_until', '>', now).orderBy('host').execute();
  return rows.map(asRecord);
}

/** A stored row as the record runs and commands use. */
function asRecord(row: Selectable<HostWaitsTable>): HostWaitRecord {
  return { host: row.host, until: row.wait_until, status: row.status, askedBy: row.asked_by };
}

/** Keeps each host's wait unless one stored for it ends later. */
export async function saveHostWaits(db: Kysely<Database>, pipelineId: string, waits: readonly HostWaitRecord[]): Promise<void> {
  for (const wait of waits) {
    // a page's URL may carry its feed's login, which the database must not hold
    const values = { wait_until: wait.until, status: wait.status, asked_by: withoutCredentials(wait.askedBy) };
    await db
      .insertInto('host_waits')
      .values({ pipeline_id: pipelineId, host: wait.host, ...values })
      .onConflict((oc) => oc.columns(['pipeline_id', 'host']).doUpdateSet(values).where('host_waits.wait_until', '<', wait.until))
      .execute();
  }
}

/**
 * Forgets the waits of these hosts (hostKeyOf): the user asked for their feeds all the same (`sources recheck`).
 * Returns those that were still running at `now`, for the user to be told.
 */
export async function forgetHostWaits(db: Kysely<Database>, pipelineId: string, hosts: readonly string[], now: string): Promise<HostWaitRecord[]> {
  const known = [...new Set(hosts.filter((host) => host !== ''))];
  if (known.length === 0) return [];
  const rows = await db.selectFrom('host_waits').selectAll().where('pipeline_id', '=', pipelineId).where('host', 'in', known).orderBy('host').execute();
  await db.deleteFrom('host_waits').where('pipeline_id', '=', pipelineId).where('host', 'in', known).execute();
  return rows.filter((row) => row.wait_until > now).map(asRecord);
}
