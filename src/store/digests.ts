import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export interface DigestRecord {
  pipelineId: string;
  date: string;
  markdown: string;
  json: string;
  articleCount: number;
  at: string;
}

/** One digest per pipeline and day; writing it again replaces the content and keeps its creation time. */
export async function saveDigest(db: Kysely<Database>, digest: DigestRecord): Promise<void> {
  await db
    .insertInto('digests')
    .values({
      pipeline_id: digest.pipelineId,
      date: digest.date,
      markdown: digest.markdown,
      json: digest.json,
      article_count: digest.articleCount,
      created_at: digest.at,
      updated_at: digest.at,
    })
    .onConflict((oc) =>
      oc.columns(['pipeline_id', 'date']).doUpdateSet({ markdown: digest.markdown, json: digest.json, article_count: digest.articleCount, updated_at: digest.at }),
    )
    .execute();
}
