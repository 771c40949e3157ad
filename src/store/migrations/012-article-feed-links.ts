import type { Kysely } from 'kysely';

// Frozen. The link a feed item came with, before its page's redirects: `url` is where the page was read, so a feed
// whose links redirect (trackers, http to https) would otherwise look as if every item had a new link, and a
// retitle as a GUID reused for another story. Null for captures, linkless items and articles stored before it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('feed_link', 'text').execute();
}
