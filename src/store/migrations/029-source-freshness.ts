import type { Kysely } from 'kysely';

// Frozen. How long the feed's last full answer said it stays fresh (Cache-Control max-age, else Expires less the
// answer's time), in seconds: a 304 that leaves both headers out refreshes that answer, which keeps what it said
// (RFC 9111 §4.3.4), where before the feed was asked again at its publishing rate. NULL when it said nothing.
// And the waits a Retry-After on another status than 429 or 503 set (a 404 or a 500 a gateway adds one to), which
// runs no longer take: forgotten, and those feeds due at once rather than held for up to a week.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('freshness_seconds', 'integer').execute();
  await db
    .updateTable('sources')
    .set({ server_wait_until: null, next_check_at: null })
    .where('server_wait_until', 'is not', null)
    .where((eb) => eb.or([eb('last_error_code', 'is', null), eb('last_error_code', 'not in', ['http_429', 'http_503'])]))
    .execute();
}
