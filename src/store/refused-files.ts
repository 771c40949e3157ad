import type { Kysely } from 'kysely';
import { inChunks } from './in-chunks.ts';
import type { Database } from './schema.ts';
import { withoutNul } from './without-nul.ts';

/** A file a files source refused, and why: what an item error says of it. */
export interface FileRefusal {
  key: string;
  code: string;
  message: string;
}

/**
 * Whether `refusal` is `before` again: the same code and message. Compared as stored: PostgreSQL keeps no NUL, which a
 * message quoting an MHTML file's header may hold.
 */
export function isSameRefusal<T extends FileRefusal>(before: T | undefined, refusal: FileRefusal): before is T {
  return before !== undefined && before.code === refusal.code && before.message === withoutNul(refusal.message);
}

/** The files the source's last read refused, by key, each with its reason and when it was first refused for it. */
export async function refusedFiles(db: Kysely<Database>, pipelineId: string, sourceId: string): Promise<Map<string, FileRefusal & { since: string }>> {
  const rows = await db
    .selectFrom('refused_files')
    .select(['item_key', 'code', 'message', 'first_refused_at'])
    .where('pipeline_id', '=', pipelineId)
    .where('source_id', '=', sourceId)
    .execute();
  return new Map(rows.map((row) => [row.item_key, { key: row.item_key, code: row.code, message: row.message, since: row.first_refused_at }]));
}

/**
 * Makes `refusals` the files the source's last read refused: a file read this time, or gone, is forgotten (refused
 * again later, it is news again); one refused for another reason starts again from `now`; one refused for the same
 * reason keeps when it was first refused. `known` is what refusedFiles gave before the read.
 */
export async function recordRefusedFiles(
  db: Kysely<Database>,
  pipelineId: string,
  sourceId: string,
  known: ReadonlyMap<string, FileRefusal>,
  refusals: readonly FileRefusal[],
  now: string,
): Promise<void> {
  const current = new Map(refusals.map((refusal) => [refusal.key, refusal]));
  const sameReason = (refusal: FileRefusal) => isSameRefusal(known.get(refusal.key), refusal);
  const stale = [...known.keys()].filter((key) => !current.has(key) || !sameReason(current.get(key)!));
  const added = [...current.values()].filter((refusal) => !sameReason(refusal));
  if (stale.length === 0 && added.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const keys of inChunks(stale)) {
      await trx.deleteFrom('refused_files').where('pipeline_id', '=', pipelineId).where('source_id', '=', sourceId).where('item_key', 'in', keys).execute();
    }
    // six parameters a row: within SQLite's cap on one statement's parameters at 100 rows
    for (let i = 0; i < added.length; i += 100) {
      await trx
        .insertInto('refused_files')
        .values(added.slice(i, i + 100).map((refusal) => ({
          pipeline_id: pipelineId, source_id: sourceId, item_key: refusal.key, code: refusal.code, message: withoutNul(refusal.message), first_refused_at: now,
        })))
        .execute();
    }
  });
}

/** Forgets the refusals of the pipeline's sources other than `sourceIds` (sources taken out of the pipeline). */
export async function forgetRefusedFilesOutside(db: Kysely<Database>, pipelineId: string, sourceIds: readonly string[]): Promise<void> {
  let query = db.deleteFrom('refused_files').where('pipeline_id', '=', pipelineId);
  if (sourceIds.length > 0) query = query.where('source_id', 'not in', sourceIds);
  await query.execute();
}
