/** Days and months as the tokenizer gives them, lower-cased: when something happened, not who did it. */

/** Days ("On Tuesday Rajiv Mehta ...", "signed Monday by"); unlike a month, never a first name ("April Doss"). */
export const WEEKDAYS: ReadonlySet<string> = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/** Days and months, lower-cased: when something happened, not who did it. */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  ...WEEKDAYS, 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december',
]);

