import type { Kysely } from 'kysely';
import type { MigrationContext } from './index.ts';

// Frozen. Analyst labels: a history per article, the newest one wins; also the seed of evaluation data.
export async function up(db: Kysely<any>, { idColumn }: MigrationContext): Promise<void> {
  await idColumn(db.schema.createTable('stance_labels'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stance_labels_article').on('stance_labels').columns(['article_id', 'created_at']).execute();
}
