/**
 * Dates written for people ("June 5, 2026 10:19 AM", "5 Jun 2026 10:19 GMT", "25/06/2026"), read the same way on
 * every host: shared by the HTML metadata reader and the plain-text cleaner so a page and a capture of it agree.
 *
 * Rules, each because the text gives no better information:
 * - A date or time without a zone is UTC (the pipeline's storage convention), never the host's local time.
 * - A date without a time is the calendar date itself (`2026-06-05`): it names a day, not an instant, and UTC
 *   midnight would be the day before west of UTC.
 * - Only unambiguous zone names are read (GMT, CET, EDT...); IST, ET and kin are not guessed.
 * - An all-numeric day and month (05/06/2026) is read only when one part is over 12 or both are equal: day-first
 *   and month-first are both common and nothing else says which, so any other reading would be invented.
 */

export const MONTH_NUMBERS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

/** Offsets of unambiguous zone names, in minutes east of UTC. */
const ZONE_OFFSET_MINUTES: Record<string, number> = {
  utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, pst: -480, pdt: -420,
  cet: 60, cest: 120, bst: 60, eet: 120, eest: 180, jst: 540,
};
const TIME = String.raw`(?:\s*(?:[-–—|•·@,]|\bat\b)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?`;
const ZONE = String.raw`(?:\s*\(?(?:(utc|gmt|est|edt|cst|cdt|pst|pdt|cet|cest|bst|eet|eest|jst)\b)?\s*([+-]\d{2}:?\d{2})?\)?)?`;

type Order = 'iso' | 'mdy' | 'dmy' | 'ymd' | 'numeric';

/** Capture groups after the date parts: hour, minute, second, meridiem, zone name, offset. */
const DATE_PATTERNS: { regex: RegExp; order: Order }[] = [
  {
    regex: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(z|utc|gmt)?([+-]\d{2}:?\d{2})?/i,
    order: 'iso',
  },
  { regex: new RegExp(String.raw`\b${MONTH_NAME}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}${ZONE}`, 'i'), order: 'mdy' },
  { regex: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH_NAME},?\s+(\d{4})${TIME}${ZONE}`, 'i'), order: 'dmy' },
  // Year first ("2026/06/05", "2026.06.05") is always year, month, day.
  { regex: new RegExp(String.raw`\b(\d{4})([/.])(\d{1,2})\2(\d{1,2})\b${TIME}${ZONE}`, 'i'), order: 'ymd' },
  { regex: new RegExp(String.raw`\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b${TIME}${ZONE}`, 'i'), order: 'numeric' },
];

export interface DateMatch {
  /**
   * ISO-8601 UTC, or the date alone (`2026-06-05`) when the text gives no time; null when the text has a date's shape
   * but no single reading (05/06/2026, 31 April).
   */
  iso: string | null;
  /** Where the date (with its time and zone) starts and how long it is. */
  index: number;
  length: number;
}

export function toIso(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMinutes: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(ms).getUTCDate() !== d) return null; // 31 April, 30 February
  return new Date(ms - offsetMinutes * 60_000).toISOString();
}

/** `YYYY-MM-DD` of a date given without a time, or null for a day the month does not have. */
export function toIsoDay(y: number, mo: number, d: number): string | null {
  const iso = toIso(y, mo, d, 0, 0, 0, 0);
  // years outside 0-9999 print with a sign and six digits, which is no `YYYY-MM-DD`
  return iso !== null && /^\d{4}-/.test(iso) ? iso.slice(0, 10) : null;
}

function parseOffset(text: string | undefined): number | null {
  const m = text ? /^([+-])(\d{2}):?(\d{2})$/.exec(text) : null;
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : null;
}

function toHour24(hour: number, meridiem: string | undefined): number {
  if (!meridiem) return hour;
  const isPm = meridiem.toLowerCase().startsWith('p');
  if (hour === 12) return isPm ? 12 : 0;
  return isPm ? hour + 12 : hour;
}

/** Day and month of an all-numeric date, or null when both readings are possible and differ. */
function numericDayMonth(first: number, second: number): { day: number; month: number } | null {
  if (first === second) return { day: first, month: first };
  if (first > 12 && second <= 12) return { day: first, month: second };
  if (second > 12 && first <= 12) return { day: second, month: first };
  return null;
}

function readMatch(m: RegExpExecArray, order: Order): string | null {
  if (order === 'iso') {
    if (m[4] === undefined) return toIsoDay(Number(m[1]), Number(m[2]), Number(m[3]));
    const offset = parseOffset(m[8]) ?? 0;
    return toIso(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), offset);
  }
  // The numeric forms carry the separator as group 2, so their time and zone groups come one later.
  const t = order === 'ymd' || order === 'numeric' ? 5 : 4;
  const zone = m[t + 4]?.toLowerCase();
  const offset = parseOffset(m[t + 5]) ?? (zone ? (ZONE_OFFSET_MINUTES[zone] ?? 0) : 0);
  const hour = m[t] === undefined ? 0 : toHour24(Number(m[t]), m[t + 3]);
  const minute = Number(m[t + 1] ?? 0);
  const second = Number(m[t + 2] ?? 0);
  let year: number;
  let month: number | undefined;
  let day: number;
  if (order === 'mdy' || order === 'dmy') {
    month = MONTH_NUMBERS[(order === 'mdy' ? m[1]! : m[2]!).toLowerCase().slice(0, 3)];
    day = Number(order === 'mdy' ? m[2] : m[1]);
    year = Number(m[3]);
  } else if (order === 'ymd') {
    year = Number(m[1]);
    month = Number(m[3]);
    day = Number(m[4]);
  } else {
    const parts = numericDayMonth(Number(m[1]), Number(m[3]));
    if (!parts) return null;
    ({ day, month } = parts);
    year = Number(m[4]);
  }
  if (month === undefined) return null;
  // a zone without a time ("June 5, 2026 EDT") says where the day is, which the date alone already is
  return m[t] === undefined ? toIsoDay(year, month, day) : toIso(year, month, day, hour, minute, second, offset);
}

/** The first date in `text`: the earliest match of any known form. */
export function findDate(text: string): DateMatch | null {
  let best: DateMatch | null = null;
  for (const { regex, order } of DATE_PATTERNS) {
    const m = regex.exec(text);
    if (m && (best === null || m.index < best.index)) best = { iso: readMatch(m, order), index: m.index, length: m[0].length };
  }
  return best;
}

/** Words that go with a date without changing it: weekdays and the "on"/"at" of "on Monday, June 5 at 10:19". */
export const DATE_FILLER_WORDS = /\b(?:on|at|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?/gi;

/** What is left of `text` once the date match and the words that may accompany it are taken out. */
export function textAroundDate(text: string, match: DateMatch, filler: RegExp = DATE_FILLER_WORDS): string {
  return `${text.slice(0, match.index)} ${text.slice(match.index + match.length)}`
    .replace(/\([^)]*\)/g, ' ') // "GMT+0000 (Coordinated Universal Time)": the zone's name, a comment
    .replace(filler, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A value that is a date and nothing else ("June 5, 2026 10:19 AM", "Tue, 19 Nov 2019 10:30:00 +0000"), as
 * ISO-8601 UTC, or `YYYY-MM-DD` without a time ("June 5, 2026"); null for anything else, including dates that have
 * no single reading.
 */
export function readWholeDate(value: string): string | null {
  const match = findDate(value);
  if (!match || match.iso === null) return null;
  return textAroundDate(value, match) === '' ? match.iso : null;
}
