import type { AlertSettings } from '../config/index.ts';
import { isBareDate } from '../digest/day.ts';
import type { ScoreResult } from '../model/index.ts';

/** What an alert says about a new article; the same payload goes to every channel. */
export interface AlertPayload {
  articleId: number;
  title: string;
  url: string;
  outlet: string;
  publishedAt: string | null;
  relevance: number;
  stance: string | null;
  score: number | null;
  evidence: string | null;
  /** The article's language when the scorer does not read it: no stance was judged (`stance` null). */
  unreadLanguage?: string | null;
}

/**
 * New coverage worth telling someone about: on topic, relevant enough, of a stance the user follows, recent (a
 * feed's backlog is not news), and not `covered`: a syndicated copy of a text an alert was raised for (the original's,
 * or another copy's). A copy of an original that raised none (a teaser, an old date) is judged on its own.
 * Undated coverage is new, unless `firstRead`: found by its source's first successful read, when it is the backlog
 * (a sitemap's, a folder of captures) as much as today's news.
 */
export function shouldAlert(score: ScoreResult, covered: boolean, settings: AlertSettings, publishedAt: string | null, now: Date, firstRead = false): boolean {
  if (!settings.enabled || covered) return false;
  if (publishedAt === null ? firstRead : isPastMaxAge(publishedAt, settings.maxAgeHours, now)) return false;
  if (!score.relevance.relevant || score.relevance.score < settings.minRelevance) return false;
  // coverage in a language the scorer does not read has no stance to choose by: it is new coverage all the same
  if (score.stance === null) return Boolean(score.unreadLanguage) && settings.otherLanguages;
  return settings.stances.includes(score.stance.label);
}

/**
 * Whether an edit of a stored article (a capture saved again) raises the alert it never raised: when it makes the
 * article coverage to alert on (`dueNow`, shouldAlert on the article as edited) that was not before (`dueBefore`, on
 * it as it was, by the same settings and clock). A copy edited into an original of its own raises one, as a new
 * article would; a correction of an article that raised one (covered, before and after), an edit of one that stays
 * off-topic, out of date or the backlog, and an edit of coverage that was due and raised none (no channel took alerts
 * then) raise none. Alerts are one per article and channel: an article that raised one never raises another.
 */
export function shouldAlertOnEdit(dueBefore: boolean, dueNow: boolean): boolean {
  return dueNow && !dueBefore;
}

/**
 * When coverage was published, in ms (NaN when unreadable). A date without a time may be any hour of that day: it is
 * taken at the day's end, so yesterday's item, hours old, is not dropped as 31 hours old at a run at 07:00.
 */
export function publishedMs(publishedAt: string): number {
  return isBareDate(publishedAt) ? Date.parse(publishedAt) + 86_400_000 - 1 : Date.parse(publishedAt);
}

/** Whether coverage published at `publishedAt` is too old to alert on: more than `maxAgeHours` before `now`. */
export function isPastMaxAge(publishedAt: string, maxAgeHours: number, now: Date): boolean {
  return now.getTime() - publishedMs(publishedAt) > maxAgeHours * 3_600_000;
}

export function alertPayload(
  article: { id: number; title: string; url: string; outlet: string; publishedAt: string | null },
  score: ScoreResult,
): AlertPayload {
  return {
    articleId: article.id,
    title: article.title,
    url: article.url,
    outlet: article.outlet,
    publishedAt: article.publishedAt,
    relevance: Number(score.relevance.score.toFixed(3)),
    stance: score.stance?.label ?? null,
    score: score.stance ? Number(score.stance.score.toFixed(3)) : null,
    evidence: score.stance?.evidence[0]?.sentence ?? score.relevance.evidence[0] ?? null,
    unreadLanguage: score.unreadLanguage ?? null,
  };
}
