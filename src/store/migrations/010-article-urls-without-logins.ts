import type { Kysely } from 'kysely';

// Frozen. Before this release an item link relative to a feed URL with a login (`https://reader:secret@host/feed`)
// was resolved against it and stored with the login, which then showed in digests and alerts. Links are now
// resolved without it; stored URLs lose theirs here. An item known by such a link gets the key it has now, so the
// next run finds it stored instead of adding it again, unless that key was already stored meanwhile.
export async function up(db: Kysely<any>): Promise<void> {
  const articles: { id: number; pipeline_id: string; source_id: string; item_key: string; url: string; canonical_url: string }[] = await db
    .selectFrom('articles')
    .select(['id', 'pipeline_id', 'source_id', 'item_key', 'url', 'canonical_url'])
    .where((eb) => eb.or([eb('url', 'like', '%@%'), eb('canonical_url', 'like', '%@%'), eb('item_key', 'like', '%@%')]))
    .execute();
  for (const article of articles) {
    const url = withoutLogin(article.url);
    const canonicalUrl = withoutLogin(article.canonical_url);
    let itemKey = withoutLogin(article.item_key);
    if (itemKey !== article.item_key) {
      const taken = await db
        .selectFrom('articles')
        .select('id')
        .where('pipeline_id', '=', article.pipeline_id)
        .where('source_id', '=', article.source_id)
        .where('item_key', '=', itemKey)
        .executeTakeFirst();
      if (taken) itemKey = article.item_key;
    }
    if (url === article.url && canonicalUrl === article.canonical_url && itemKey === article.item_key) continue;
    await db.updateTable('articles').set({ url, canonical_url: canonicalUrl, item_key: itemKey }).where('id', '=', article.id).execute();
  }
  const attempts: { id: number; url: string }[] = await db.selectFrom('fetch_attempts').select(['id', 'url']).where('url', 'like', '%@%').execute();
  for (const attempt of attempts) {
    const url = withoutLogin(attempt.url);
    if (url !== attempt.url) await db.updateTable('fetch_attempts').set({ url }).where('id', '=', attempt.id).execute();
  }
}

/** An http(s) URL without user name and password; anything else (a GUID, a path with "@") as it is. */
function withoutLogin(value: string): string {
  if (!/^https?:\/\//i.test(value)) return value;
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
