import type { Kysely } from 'kysely';

// Frozen. Why an article's page could not be read, as a code, and how many times it was tried: a page that failed
// for a passing reason (a timeout, a 503) is tried again on later runs, a few times.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('extract_error_code', 'text').execute();
  await db.schema.alterTable('articles').addColumn('page_attempts', 'integer', (column) => column.notNull().defaultTo(0)).execute();
}
