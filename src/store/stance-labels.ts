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

/** The newest analyst label of each article that has one. */
export function latestLabels(db: Kysely<Database>, articleIds: readonly number[]): Promise<Map<number, StanceLabelRow>> {
  return newestPerArticle(articleIds, (chunk) =>
    db.selectFrom('stance_labels').selectAll().where('article_id', 'in', chunk).orderBy('created_at').orderBy('id').execute(),
  );
}

/** Every article's newest label, for exporting as evaluation data. */
export async function allLatestLabels(db: Kysely<Database>, pipelineId: string): Promise<StanceLabelRow[]> {
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
  return [...newest.values()];
}
