import type { Kysely } from 'kysely';

// Frozen. An item known by its link, when the feed wrote a login into that link (`https://reader:secret@host/a`),
// was stored under a key with the login, though its URL went without (010 took it out of the keys stored until then;
// runs went on writing it). Runs now key such an item by the link without the login; stored keys lose theirs here,
// so the next run finds the item under the key it gives it, unless another article of the source holds that key.
export async function up(db: Kysely<any>): Promise<void> {
  const articles: { id: number; pipeline_id: string; source_id: string; item_key: string }[] = await db
    .selectFrom('articles')
    .select(['id', 'pipeline_id', 'source_id', 'item_key'])
    .where('item_key', 'like', '%@%')
    .orderBy('id')
    .execute();
  for (const article of articles) {
    const itemKey = withoutLogin(article.item_key);
    if (itemKey === article.item_key) continue;
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

/** A URL without user name and password, as runs key items now; anything else (a GUID, a path with "@") as it is. */
function withoutLogin(value: string): string {
  try {
    const parsed = new URL(value);
    if (!parsed.username && !parsed.password) return value;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return value;
  }
}
