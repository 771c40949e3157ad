import type { Kysely } from 'kysely';
import type { AlertPayload } from '../../src/alert/index.ts';
import * as repo from '../../src/store/index.ts';
import type { Database } from '../../src/store/index.ts';

let nextItem = 0;

/**
 * A stored article (of source `s` in pipeline `p`, which the caller has synced) with an alert waiting in the outbox for
 * the channel named `channel`, its payload made by `payload` from the article's id and URL: the alert's row id.
 */
export async function waitingAlert(
  db: Kysely<Database>,
  { channel, title, at, payload }: { channel: string; title: string; at: string; payload: (articleId: number, url: string) => AlertPayload },
): Promise<number> {
  const key = `k${++nextItem}`;
  const url = `https://x/${key}`;
  const articleId = await repo.insertArticle(db, {
    pipeline_id: 'p', source_id: 's', item_key: key, url, canonical_url: url, title, byline: null,
    published_at: null, modified_at: null, fetched_at: at, lang: null, site_name: null, image: null, summary: null, text: 't', word_count: 1,
    partial: 0, content_hash: key, near_signature: '', topic_signature: '', duplicate_of: null, duplicate_reason: null, story_id: null,
    extract_error: null, updated_at: at,
  });
  await repo.enqueueAlert(db, { pipelineId: 'p', articleId, channel, payload: payload(articleId, url), createdAt: at });
  const row = await db.selectFrom('alerts').select('id').where('article_id', '=', articleId).where('channel', '=', channel).executeTakeFirstOrThrow();
  return row.id;
}
