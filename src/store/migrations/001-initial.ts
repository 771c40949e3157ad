import type { Kysely } from 'kysely';

import type { MigrationContext } from './index.ts';

// Frozen: written against Kysely<any> so it never depends on today's schema types. Change the schema with a new file.
export async function up(db: Kysely<any>, { idColumn }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('moved_to', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('body_hash', 'text')
    .addColumn('last_checked_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_error_code', 'text')
    .addColumn('error_streak', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_check_at', 'text')
    .addColumn('items_seen', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('gone', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await idColumn(db.schema.createTable('runs'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report', 'text')
    .execute();

  await idColumn(db.schema.createTable('fetch_attempts'))
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('items_seen', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('fetch_attempts_source').on('fetch_attempts').columns(['source_id', 'started_at']).execute();

  await idColumn(db.schema.createTable('stories'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .execute();

  await idColumn(db.schema.createTable('articles'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('item_key', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('canonical_url', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('byline', 'text')
    .addColumn('published_at', 'text')
    .addColumn('modified_at', 'text')
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('lang', 'text')
    .addColumn('site_name', 'text')
    .addColumn('image', 'text')
    .addColumn('summary', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('word_count', 'integer', (c) => c.notNull())
    .addColumn('partial', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('near_signature', 'text', (c) => c.notNull())
    .addColumn('topic_signature', 'text', (c) => c.notNull())
    .addColumn('duplicate_of', 'integer', (c) => c.references('articles.id'))
    .addColumn('duplicate_reason', 'text')
    .addColumn('story_id', 'integer', (c) => c.references('stories.id'))
    .addColumn('extract_error', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('articles_source_item', ['source_id', 'item_key'])
    .execute();
  await db.schema.createIndex('articles_pipeline_canonical').on('articles').columns(['pipeline_id', 'canonical_url']).execute();
  await db.schema.createIndex('articles_pipeline_hash').on('articles').columns(['pipeline_id', 'content_hash']).execute();
  await db.schema.createIndex('articles_pipeline_fetched').on('articles').columns(['pipeline_id', 'fetched_at']).execute();
  await db.schema.createIndex('articles_story').on('articles').column('story_id').execute();

  await idColumn(db.schema.createTable('stance_scores'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('scorer_version', 'text', (c) => c.notNull())
    .addColumn('relevance', 'real', (c) => c.notNull())
    .addColumn('relevant', 'integer', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('score', 'real')
    .addColumn('confidence', 'real')
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('voices', 'text', (c) => c.notNull())
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('stance_scores_article_version', ['article_id', 'scorer_version'])
    .execute();

  await idColumn(db.schema.createTable('alerts'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('alerts_status').on('alerts').columns(['pipeline_id', 'status']).execute();

  await idColumn(db.schema.createTable('digests'))
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('json', 'text', (c) => c.notNull())
    .addColumn('article_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('digests_pipeline_date', ['pipeline_id', 'date'])
    .execute();

}
