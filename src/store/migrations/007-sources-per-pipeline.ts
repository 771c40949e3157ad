import { sql, type Kysely } from 'kysely';

import type { MigrationContext } from './index.ts';

// Frozen. A source is identified by its pipeline and its id, not by its id alone: two pipelines sharing a database
// (one per debate) may both name a source "seeds" or "guardian-ai", and each keeps its own fetch state and articles.
// Before, the second pipeline took the row over and found every item already stored.
export async function up(db: Kysely<any>, { dialect }: MigrationContext): Promise<void> {
  if (dialect === 'postgres') await upPostgres(db);
  else await upSqlite(db);
}

/**
 * A pipeline whose source row another pipeline took over gets a row of its own again (its fetch state starts
 * afresh) wherever its articles or fetch attempts name that source, so the new keys hold for all that is stored.
 * `into` is where the rows go; the old `sources` table, still keyed by id alone, says what the source was.
 */
function restoreTakenOverSources(into: string) {
  return sql`
    INSERT INTO ${sql.table(into)} (id, pipeline_id, kind, name, location, error_streak, items_seen, gone, created_at, updated_at)
    SELECT taken.source_id, taken.pipeline_id, s.kind, s.name, s.location, 0, 0, 0, s.created_at, s.updated_at
    FROM (
      SELECT source_id, pipeline_id FROM articles
      UNION
      SELECT f.source_id, r.pipeline_id FROM fetch_attempts f JOIN runs r ON r.id = f.run_id
    ) taken JOIN sources s ON s.id = taken.source_id
    WHERE taken.pipeline_id <> s.pipeline_id`;
}

/**
 * A row another pipeline took over holds what that pipeline read (its ETag, Last-Modified, body hash, next check),
 * while the items were stored under the other one. Kept by either, it would answer "not modified" for items the
 * other has never seen: every id now under more than one pipeline starts afresh, and is fetched on the next run. Its
 * count of items seen was summed over both pipelines: each row counts its own pipeline's articles again.
 */
function forgetSharedValidators(table: string) {
  return sql`
    UPDATE ${sql.table(table)} SET etag = NULL, last_modified = NULL, body_hash = NULL, next_check_at = NULL,
      items_seen = (SELECT COUNT(*) FROM articles a WHERE a.pipeline_id = ${sql.table(table)}.pipeline_id AND a.source_id = ${sql.table(table)}.id)
    WHERE id IN (SELECT id FROM ${sql.table(table)} GROUP BY id HAVING COUNT(*) > 1)`;
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  // PostgreSQL runs each migration in a transaction: all of this happens or none of it.
  await sql`ALTER TABLE fetch_attempts ADD COLUMN pipeline_id text`.execute(db);
  await sql`UPDATE fetch_attempts f SET pipeline_id = r.pipeline_id FROM runs r WHERE r.id = f.run_id`.execute(db);
  await sql`ALTER TABLE fetch_attempts ALTER COLUMN pipeline_id SET NOT NULL`.execute(db);
  await sql`ALTER TABLE fetch_attempts DROP CONSTRAINT fetch_attempts_source_id_fkey`.execute(db);
  await sql`ALTER TABLE articles DROP CONSTRAINT articles_source_id_fkey`.execute(db);
  await sql`ALTER TABLE articles DROP CONSTRAINT articles_source_item`.execute(db);
  await sql`ALTER TABLE sources DROP CONSTRAINT sources_pkey`.execute(db);
  await restoreTakenOverSources('sources').execute(db);
  await forgetSharedValidators('sources').execute(db);
  await sql`ALTER TABLE sources ADD CONSTRAINT sources_pkey PRIMARY KEY (pipeline_id, id)`.execute(db);
  await sql`ALTER TABLE articles ADD CONSTRAINT articles_source_item UNIQUE (pipeline_id, source_id, item_key)`.execute(db);
  await sql`ALTER TABLE articles ADD CONSTRAINT articles_source_fkey FOREIGN KEY (pipeline_id, source_id) REFERENCES sources (pipeline_id, id)`.execute(db);
  await sql`ALTER TABLE fetch_attempts ADD CONSTRAINT fetch_attempts_source_fkey FOREIGN KEY (pipeline_id, source_id) REFERENCES sources (pipeline_id, id) ON DELETE CASCADE`.execute(db);
  await sql`DROP INDEX fetch_attempts_source`.execute(db);
  await sql`CREATE INDEX fetch_attempts_source ON fetch_attempts (pipeline_id, source_id, started_at)`.execute(db);
}

/**
 * SQLite cannot change a primary key or a foreign key in place: the three tables are rebuilt the documented way
 * (https://www.sqlite.org/lang_altertable.html#otheralter): foreign keys off, new table, copy, drop, rename, check.
 * kysely runs SQLite migrations outside a transaction, so this one opens its own.
 */
async function upSqlite(db: Kysely<any>): Promise<void> {
  // kysely records a migration only after it returns: a process killed in between leaves this one done but not
  // recorded, and the next start must not rebuild again.
  const columns = await sql<{ name: string }>`PRAGMA table_info(fetch_attempts)`.execute(db);
  if (columns.rows.some((column) => column.name === 'pipeline_id')) return;
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      // Rows that already broke a foreign key (deleted with foreign keys off, as the sqlite3 shell runs) are the
      // user's to mend; only what the rebuild itself would break stops it.
      const brokenBefore = new Set((await sql<ForeignKeyViolation>`PRAGMA foreign_key_check`.execute(trx)).rows.map(violationKey));
      await sql`CREATE TABLE sources_new (
        id text NOT NULL, pipeline_id text NOT NULL, kind text NOT NULL, name text NOT NULL, location text NOT NULL,
        moved_to text, etag text, last_modified text, body_hash text, last_checked_at text, last_success_at text,
        last_error text, last_error_code text, error_streak integer DEFAULT 0 NOT NULL, next_check_at text,
        items_seen integer DEFAULT 0 NOT NULL, gone integer DEFAULT 0 NOT NULL, created_at text NOT NULL,
        updated_at text NOT NULL, ttl_seconds integer, server_wait_until text,
        PRIMARY KEY (pipeline_id, id))`.execute(trx);
      await sql`INSERT INTO sources_new SELECT id, pipeline_id, kind, name, location, moved_to, etag, last_modified, body_hash,
        last_checked_at, last_success_at, last_error, last_error_code, error_streak, next_check_at, items_seen, gone,
        created_at, updated_at, ttl_seconds, server_wait_until FROM sources`.execute(trx);
      await restoreTakenOverSources('sources_new').execute(trx);
      await forgetSharedValidators('sources_new').execute(trx);

      await sql`CREATE TABLE fetch_attempts_new (
        id integer PRIMARY KEY AUTOINCREMENT, run_id integer NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        pipeline_id text NOT NULL, source_id text NOT NULL, url text NOT NULL, started_at text NOT NULL,
        finished_at text NOT NULL, outcome text NOT NULL, http_status integer, error_code text, error_message text,
        items_seen integer DEFAULT 0 NOT NULL,
        FOREIGN KEY (pipeline_id, source_id) REFERENCES sources (pipeline_id, id) ON DELETE CASCADE)`.execute(trx);
      await sql`INSERT INTO fetch_attempts_new SELECT f.id, f.run_id, r.pipeline_id, f.source_id, f.url, f.started_at, f.finished_at,
        f.outcome, f.http_status, f.error_code, f.error_message, f.items_seen
        FROM fetch_attempts f JOIN runs r ON r.id = f.run_id`.execute(trx);

      await sql`CREATE TABLE articles_new (
        id integer PRIMARY KEY AUTOINCREMENT, pipeline_id text NOT NULL, source_id text NOT NULL, item_key text NOT NULL,
        url text NOT NULL, canonical_url text NOT NULL, title text, byline text, published_at text, modified_at text,
        fetched_at text NOT NULL, lang text, site_name text, image text, summary text, text text NOT NULL,
        word_count integer NOT NULL, partial integer DEFAULT 0 NOT NULL, content_hash text NOT NULL,
        near_signature text NOT NULL, topic_signature text NOT NULL, duplicate_of integer REFERENCES articles (id),
        duplicate_reason text, story_id integer REFERENCES stories (id), extract_error text, updated_at text NOT NULL,
        extract_error_code text, page_attempts integer DEFAULT 0 NOT NULL,
        CONSTRAINT articles_source_item UNIQUE (pipeline_id, source_id, item_key),
        FOREIGN KEY (pipeline_id, source_id) REFERENCES sources (pipeline_id, id))`.execute(trx);
      await sql`INSERT INTO articles_new SELECT id, pipeline_id, source_id, item_key, url, canonical_url, title, byline,
        published_at, modified_at, fetched_at, lang, site_name, image, summary, text, word_count, partial, content_hash,
        near_signature, topic_signature, duplicate_of, duplicate_reason, story_id, extract_error, updated_at,
        extract_error_code, page_attempts FROM articles`.execute(trx);

      for (const table of ['sources', 'fetch_attempts', 'articles']) {
        await sql`DROP TABLE ${sql.table(table)}`.execute(trx);
        await sql`ALTER TABLE ${sql.table(`${table}_new`)} RENAME TO ${sql.table(table)}`.execute(trx);
      }
      await sql`CREATE INDEX fetch_attempts_source ON fetch_attempts (pipeline_id, source_id, started_at)`.execute(trx);
      await sql`CREATE INDEX articles_pipeline_canonical ON articles (pipeline_id, canonical_url)`.execute(trx);
      await sql`CREATE INDEX articles_pipeline_hash ON articles (pipeline_id, content_hash)`.execute(trx);
      await sql`CREATE INDEX articles_pipeline_fetched ON articles (pipeline_id, fetched_at)`.execute(trx);
      await sql`CREATE INDEX articles_story ON articles (story_id)`.execute(trx);

      const broken = (await sql<ForeignKeyViolation>`PRAGMA foreign_key_check`.execute(trx)).rows.filter((row) => !brokenBefore.has(violationKey(row)));
      if (broken.length > 0) throw new Error(`foreign keys broken by the rebuild, in ${[...new Set(broken.map((row) => row.table))].join(', ')}`);
    });
  } finally {
    await sql`PRAGMA foreign_keys = ON`.execute(db);
  }
}

/** A row of PRAGMA foreign_key_check: the table and row that break a key, and the table they refer to. */
interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
  fkid: number;
}

const violationKey = (row: ForeignKeyViolation) => `${row.table}\u0000${row.rowid}\u0000${row.parent}`;
