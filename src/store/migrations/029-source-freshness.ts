import type { Kysely } from 'kysely';

// Frozen. How long the feed's last full answer said it stays fresh (Cache-Control max-age, else Expires less the
// answer's time), in seconds: a 304 that leaves both headers out refreshes that answer, which keeps what it said
// (RFC 9111 §4.3.4), where before the feed was asked again at its publishing rate. NULL when it said nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('freshness_seconds', 'integer').execute();
}
