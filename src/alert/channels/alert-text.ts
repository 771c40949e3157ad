import type { AlertPayload } from '../rules.ts';
import { isBareDate } from '../../digest/day.ts';
import { oneLine, shortenText, signedTwoDecimals } from '../../model/display-text.ts';
import { languageName } from '../../model/language.ts';

/**
 * One line of text for people: the same in the console, in chat and in mail. The date tells fresh news from a late
 * find. Breaks and display controls in feed text go: a right-to-left override in a title would show the outlet and
 * the link after it reversed.
 */
export function alertText(alert: AlertPayload): string {
  const stance = alert.stance ? `${alert.stance} ${alert.score !== null ? signedTwoDecimals(alert.score) : ''}`.trim() : stanceWord(alert);
  const published = alert.publishedAt ? `, ${shownPublication(alert.publishedAt)}` : '';
  return oneLine(`[${stance}] ${shortenText(alert.title, 300)} — ${shortenText(alert.outlet, 100)}${published} ${alert.url}`);
}

/** A publication time to the minute, in UTC; a date given without a time as that date alone, with no time made up. */
export function shownPublication(publishedAt: string): string {
  return isBareDate(publishedAt) ? publishedAt : `${publishedAt.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * What a channel is told about the new articles a run did not alert it to, past `alerts.maxPerRun`: handed over once,
 * after the run's alerts. `key` is the same at every try of one notice, as an alert's Delivery.key.
 */
export interface HeldNotice {
  /** The new articles not alerted on this channel: never sent later. */
  count: number;
  maxPerRun: number;
  key: string;
}

/** The notice as one line of text for people: the console, chat, and the end of an alert email. */
export function heldText(notice: HeldNotice): string {
  const more = notice.count === 1 ? '1 more new article was' : `${notice.count} more new articles were`;
  return `${more} not alerted here: over alerts.maxPerRun (${notice.maxPerRun} a run). The digest and \`pausewatch articles\` list them.`;
}

/** An alert's stance in a word: its label, or for coverage in a language the scorer does not read, that language. */
export function stanceWord(alert: Pick<AlertPayload, 'stance' | 'unreadLanguage'>): string {
  if (alert.stance) return alert.stance;
  return alert.unreadLanguage ? `not scored, ${languageName(alert.unreadLanguage)}` : 'off-topic';
}
