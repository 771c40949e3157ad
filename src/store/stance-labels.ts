import type { Kysely } from 'kysely';
import { newestPerArticle } from './articles.ts';
import type { Database, StanceLabelRow, StanceLabelsTable } from './schema.ts';

export async function addStanceLabel(
  db: Kysely<Database>,
  label: { articleId: number; label: StanceLabelsTable['label']; note: string | null; at: string },
): Promise<number> {
  const row = await db
    .insertInto('stance_labels')
    .values({ article_id: label.articleId, label: label.label, note: label.note, created_at: label.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An analyst's verdict, as opposed to the `cleared` row that withdraws one. */
export type AnalystLabelRow = StanceLabelRow & { label: Exclude<StanceLabelRow['label'], 'cleared'> };

const isVerdict = (row: StanceLabelRow): row is AnalystLabelRow => row.label !== 'cleared';

/** What `label --stance` did: `recorded` false when the article already had that verdict, with that note. */
export interface AppliedLabel {
  recorded: boolean;
  /** The label in force afterwards: the new row, or the one already there. */
  label: AnalystLabelRow;
  /** The label in force before, if any. */
  previous: AnalystLabelRow | null;
}

/**
 * Gives an article an analyst's verdict. Giving it again is safe: the verdict it already has, with no note or the
 * note it has, records nothing, so the note stays; with another note it is recorded with that note; another verdict
 * is recorded as a new row, the ones before it staying as history.
 */
export async function applyStanceLabel(
  db: Kysely<Database>,
  label: { articleId: number; label: AnalystLabelRow['label']; note: string | null; at: string },
): Promise<AppliedLabel> {
  return withArticleLocked(db, label.articleId, async (trx) => {
    const previous = (await latestLabels(trx, [label.articleId])).get(label.articleId) ?? null;
    if (previous && previous.label === label.label && (label.note === null || label.note === previous.note)) return { recorded: false, label: previous, previous };
    const id = await addStanceLabel(trx, label);
    return { recorded: true, label: { id, article_id: label.articleId, label: label.label, note: label.note, created_at: label.at }, previous };
  });
}

/**
 * Withdraws an article's analyst verdict, recording a `cleared` row: the verdict withdrawn, or null when it had none
 * in force (then nothing is recorded, so clearing twice records one row).
 */
export async function clearStanceLabel(db: Kysely<Database>, label: { articleId: number; note: string | null; at: string }): Promise<AnalystLabelRow | null> {
  return withArticleLocked(db, label.articleId, async (trx) => {
    const withdrawn = (await latestLabels(trx, [label.articleId])).get(label.articleId) ?? null;
    if (withdrawn) await addStanceLabel(trx, { ...label, label: 'cleared' });
    return withdrawn;
  });
}

/**
 * Runs `work` in a transaction that first takes the article row's write lock, so two `label` commands given at the
 * same instant take turns: the second reads what the first recorded, and "already labelled" holds across processes.
 * A read first would let both see no label and both record one. On PostgreSQL the lock is a write that changes
 * nothing; on SQLite every transaction holds the database's write lock from its start (see connect.ts).
 */
async function withArticleLocked<T>(db: Kysely<Database>, articleId: number, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('articles').set((eb) => ({ id: eb.ref('id') })).where('id', '=', articleId).execute();
    return work(trx);
  });
}

/** The newest analyst label of each article that has one in force (none when the newest was cleared). */
export async function latestLabels(db: Kysely<Database>, articleIds: readonly number[]): Promise<Map<number, AnalystLabelRow>> {
  const newest = await newestPerArticle(articleIds, (chunk) =>
    db.selectFrom('stance_labels').selectAll().where('article_id', 'in', chunk).orderBy('created_at').orderBy('id').execute(),
  );
  return new Map([...newest].filter((entry): entry is [number, AnalystLabelRow] => isVerdict(entry[1])));
}

/** Every article's newest label in force, for listing and exporting as evaluation data. */
export async function allLatestLabels(db: Kysely<Database>, pipelineId: string): Promise<AnalystLabelRow[]> {
  const rows = await db
    .selectFrom('stance_labels')
    .innerJoin('articles', 'articles.id', 'stance_labels.article_id')
    .selectAll('stance_labels')
    .where('articles.pipeline_id', '=', pipelineId)
    .orderBy('stance_labels.created_at')
    .orderBy('stance_labels.id')
    .execute();
  const newest = new Map<number, StanceLabelRow>();
  for (const row of rows) newest.set(row.article_id, row);
  return [...newest.values()].filter(isVerdict);
}

/** Whether an analyst's label is in force on an original or any of its copies. */
export async function groupHasLabel(db: Kysely<Database>, originalId: number): Promise<boolean> {
  const copies = await db.selectFrom('articles').select('id').where('duplicate_of', '=', originalId).execute();
  return (await latestLabels(db, [originalId, ...copies.map((row) => row.id)])).size > 0;
}
