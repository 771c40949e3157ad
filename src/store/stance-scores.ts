import type { Kysely } from 'kysely';
import type { ScoreResult } from '../model/index.ts';
import type { Database } from './schema.ts';

/**
 * Stores a score under its scorer version. Scores are history: a new version adds a row, the same version
 * scoring again changes nothing, so re-running is safe and old verdicts stay comparable.
 */
export async function saveScore(db: Kysely<Database>, articleId: number, result: ScoreResult, at: string): Promise<boolean> {
  const inserted = await db
    .insertInto('stance_scores')
    .values({
      article_id: articleId,
      scorer_version: result.scorerVersion,
      relevance: result.relevance.score,
      relevant: result.relevance.relevant ? 1 : 0,
      label: result.stance?.label ?? null,
      score: result.stance?.score ?? null,
      confidence: result.stance?.confidence ?? null,
      evidence: JSON.stringify({ relevance: result.relevance.evidence, stance: result.stance?.evidence ?? [] }),
      voices: JSON.stringify(result.voices),
      scored_at: at,
      unread_language: result.unreadLanguage ?? null,
    })
    .onConflict((oc) => oc.columns(['article_id', 'scorer_version']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Replaces an article's score by the same scorer version (its text changed: its page could be read at last). */
export async function replaceScore(db: Kysely<Database>, articleId: number, result: ScoreResult, at: string): Promise<void> {
  await db.deleteFrom('stance_scores').where('article_id', '=', articleId).where('scorer_version', '=', result.scorerVersion).execute();
  await saveScore(db, articleId, result, at);
}

export async function hasScore(db: Kysely<Database>, articleId: number, scorerVersion: string): Promise<boolean> {
  const row = await db
    .selectFrom('stance_scores')
    .select('id')
    .where('article_id', '=', articleId)
    .where('scorer_version', '=', scorerVersion)
    .executeTakeFirst();
  return row !== undefined;
}
