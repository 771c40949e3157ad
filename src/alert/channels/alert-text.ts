import type { AlertPayload } from '../rules.ts';
import { isBareDate } from '../../digest/day.ts';
import { oneLine, shortenText } from '../../model/display-text.ts';

/**
 * One line of text for people: the same in the console, in chat and in mail. The date tells fresh news from a late
 * find. Breaks and display controls in feed text go: a right-to-left override in a title would show the outlet and
 * the link after it reversed.
 */
export function alertText(alert: AlertPayload): string {
  const stance = alert.stance ? `${alert.stance} ${alert.score !== null ? (alert.score >= 0 ? '+' : '') + alert.score.toFixed(2) : ''}`.trim() : 'off-topic';
  const published = alert.publishedAt ? `, ${shownPublication(alert.publishedAt)}` : '';
  return oneLine(`[${stance}] ${shortenText(alert.title, 300)} — ${shortenText(alert.outlet, 100)}${published} ${alert.url}`);
}

/** A publication time to the minute, in UTC; a date given without a time as that date alone, with no time made up. */
export function shownPublication(publishedAt: string): string {
  return isBareDate(publishedAt) ? publishedAt : `${publishedAt.slice(0, 16).replace('T', ' ')} UTC`;
}
