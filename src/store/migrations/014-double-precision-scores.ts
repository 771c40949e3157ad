import { sql, type Kysely } from 'kysely';

import type { MigrationContext } from './index.ts';

// Frozen. The stance scores were `real` on PostgreSQL, four bytes: a score read back differed from the one stored
// past its seventh digit, and from what SQLite (whose REAL is eight bytes) gave back for the same article. A stored
// score goes over through its text, the shortest decimal that reads back as that `real` (0.9, where a plain cast
// gives 0.8999999761581421): what it read as before, not the four-byte rounding of it.
export async function up(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
  if (dialect !== 'postgres') return;
  // The shortest exact text, whatever the server's or database's default of this setting; for this transaction only.
  await sql`SET LOCAL extra_float_digits = 1`.execute(db);
  await sql`ALTER TABLE stance_scores
    ALTER COLUMN relevance TYPE double precision USING relevance::text::double precision,
    ALTER COLUMN score TYPE double precision USING score::text::double precision,
    ALTER COLUMN confidence TYPE double precision USING confidence::text::double precision`.execute(db);
}
