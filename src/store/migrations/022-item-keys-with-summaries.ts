import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';

// Frozen. An item with no GUID or link of its own is keyed by a hash of its title and content; one with no content
// element (an RSS item with a description only) was hashed with its title alone, so such items with one title, or
// none, were told apart by their place in the feed, and a new item at the top took the key of the one it pushed down.
// Runs now hash the summary of an item with no content; stored keys made the old way are remade here from the stored
// title and summary, so the next run finds each item under the key it gives it, unless another article of the source
// holds that key.
export async function up(db: Kysely<any>): Promise<void> {
  const articles: { id: number; pipeline_id: string; source_id: string; item_key: string; title: string | null; summary: string }[] = await db
    .selectFrom('articles')
    .select(['id', 'pipeline_id', 'source_id', 'item_key', 'title', 'summary'])
    .where('item_key', 'like', 'sha256:%')
    .where('summary', 'is not', null)
    .orderBy('id')
    .execute();
  const untitled = identityHash('', '');
  // keys given in this migration, per pipeline and source: items alike in title and summary are numbered, as runs number them
  const given = new Map<string, number>();
  for (const article of articles) {
    const hash = /^sha256:([0-9a-f]{64})(?:#\d+)?$/.exec(article.item_key)?.[1];
    if (!hash) continue;
    // the title the old key was made with: none (an untitled item, whose stored title came from its text), or the stored one
    const title = hash === untitled ? '' : article.title !== null && hash === identityHash(article.title, '') ? article.title : null;
    if (title === null) continue;
    const key = `sha256:${identityHash(title, article.summary)}`;
    const scope = `${article.pipeline_id}\u0000${article.source_id}\u0000${key}`;
    const uses = given.get(scope) ?? 0;
    given.set(scope, uses + 1);
    const itemKey = uses === 0 ? key : `${key}#${uses}`;
    const taken = await db
      .selectFrom('articles')
      .select('id')
      .where('pipeline_id', '=', article.pipeline_id)
      .where('source_id', '=', article.source_id)
      .where('item_key', '=', itemKey)
      .executeTakeFirst();
    if (!taken) await db.updateTable('articles').set({ item_key: itemKey }).where('id', '=', article.id).execute();
  }
}

/** The hash runs key such items by: sha256 of the title and the text, NUL between. */
function identityHash(title: string, text: string): string {
  return createHash('sha256').update(`${title}\u0000${text}`).digest('hex');
}
