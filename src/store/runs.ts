import type { Kysely } from 'kysely';
import type { RunReport } from '../model/index.ts';
import type { Database, RunRow } from './schema.ts';

export async function startRun(db: Kysely<Database>, pipelineId: string, startedAt: string): Promise<number> {
  const row = await db
    .insertInto('runs')
    .values({ pipeline_id: pipelineId, started_at: startedAt, status: 'running', finished_at: null, report: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishRun(db: Kysely<Database>, report: RunReport, status: 'ok' | 'partial' | 'failed'): Promise<void> {
  await db
    .updateTable('runs')
    .set({ finished_at: report.finishedAt, status, report: JSON.stringify(report) })
    .where('id', '=', report.runId)
    .execute();
}

export function lastRun(db: Kysely<Database>, pipelineId: string): Promise<RunRow | undefined> {
  return db.selectFrom('runs').selectAll().where('pipeline_id', '=', pipelineId).orderBy('id', 'desc').limit(1).executeTakeFirst();
}
