import { sql, type Kysely } from 'kysely';

// Frozen. The articles of a source whose page failed, which each run asks for again a few at a time
// (articlesWithFailedPages), were found among every article the source ever stored: a source's whole history read
// per feed and run, 1.7 s a run at a year of 300 feeds. A partial index holds only the articles kept partial with
// an extraction error.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX articles_failed_pages ON articles (pipeline_id, source_id, id) WHERE partial = 1 AND extract_error_code IS NOT NULL`.execute(db);
}
