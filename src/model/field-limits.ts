import { shortenText } from './display-text.ts';

/**
 * The most characters kept of a headline, a byline and an outlet's name read from a feed or a page. Real ones are far
 * shorter; a hostile source's megabyte headline or site name otherwise travelled whole into every digest, alert and
 * webhook body: a JSON webhook refusing the body held back every alert behind it, and a digest email past the relay's
 * size limit was never sent. Kept to the limit, cut at a word and marked with "…".
 */
export const MAX_TITLE_CHARS = 500;
export const MAX_BYLINE_CHARS = 300;
export const MAX_OUTLET_CHARS = 200;

/** The value within `max` characters (see above); null stays null. */
export function withinLimit(value: string | null, max: number): string | null {
  return value === null ? null : shortenText(value, max);
}
