import { sql, type Kysely } from 'kysely';

// Frozen. At most one run of a pipeline at a time, enforced by the database so two cron jobs cannot both start.
export async function up(db: Kysely<any>): Promise<void> {
  // Runs left 'running' by a crash before this migration are not running any more.
  await db.updateTable('runs').set({ status: 'failed' }).where('status', '=', 'running').execute();
  await db.schema.createIndex('runs_one_running').on('runs').column('pipeline_id').unique().where(sql.ref('status'), '=', 'running').execute();
}
