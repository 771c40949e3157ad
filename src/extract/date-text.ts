/**
 * Dates written for people ("June 5, 2026 10:19 AM", "5 Jun 2026 10:19 GMT", "25/06/2026"), read the same way on
 * every host: shared by the HTML metadata reader and the plain-text cleaner so a page and a capture of it agree.
 *
 * Rules, each because the text gives no better information:
 * - A date or time without a zone is UTC (the pipeline's storage convention), never the host's local time.
 * - A date without a time is the calendar date itself (`2026-06-05`): it names a day, not an instant, and UTC
 *   midnight would be the day before west of UTC.
 * - A zone name after a time is read as a feed's date is (../ingest/feed/normalise.ts, zoneOffsetOn, one table for
 *   both): GMT, CET, EDT, IST, AEST, HKT..., and ET/CT/MT/PT in US daylight time by the date, so a capture and a feed
 *   item of one story agree. An abbreviation some zones share has that table's one reading, the one news means by it
 *   (IST is India, +05:30, as nearly every news time printed "IST" is; CST US Central; BST British Summer Time).
 * - A word after the time that looks like a zone's name (2-5 capitals) but is none the table knows ("9:30 pm XYZ")
 *   leaves the date alone (`2026-06-05`): the time is in a zone that cannot be read, and UTC would be a guess.
 *   Unless the word is known to be no zone (NOT_ZONES: a news agency's credit, "10:19 AFP", or a word such as "BY"):
 *   then the time has no zone, and is UTC as above.
 * - Zone names are read in capitals, except the few always read in any case (ZONE_NAMES_IN_ANY_CASE): "et", "art",
 *   "cat" or "by" after a time are words, and the time has no zone.
 * - An all-numeric day and month (05/06/2026) is read only when one part is over 12 or both are equal: day-first
 *   and month-first are both common and nothing else says which, so any other reading would be invented.
 */

import { toIso, toIsoDay, zoneOffsetOn } from '../ingest/feed/normalise.ts';

export const MONTH_NUMBERS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

/** Zone names read in any case ("10:19 gmt", "4:15 pm est"), as they were before others were read; the rest only in capitals. */
const ZONE_NAMES_IN_ANY_CASE = new Set(['z', 'utc', 'gmt', 'est', 'edt', 'cst', 'cdt', 'pst', 'pdt', 'cet', 'cest', 'bst', 'eet', 'eest', 'jst']);
/** A word written as a zone's name is: 2-5 capitals ("ET", "IST", "AEST", "WITA"), but AM and PM, the half of the day. */
const ZONE_SHAPED = /^(?![AP]M$)[A-Z]{2,5}$/;
/**
 * Words written as zones' names are, that name none: news agencies, whose credit a date line may end with ("June 5,
 * 2026 10:19 AFP"), and words a date line goes on with in capitals ("10:19 AM BY JANE DOE"). None is a zone the
 * table knows, nor, as far as we know, one anywhere. An unknown word stays an unreadable zone (see the module comment).
 */
const NOT_ZONES = new Set([
  // wires and national agencies
  'AFP', 'AP', 'UPI', 'DPA', 'EFE', 'ANSA', 'ANP', 'APA', 'AAP', 'PA', 'CP', 'PTI', 'IANS', 'ANI', 'UNI', 'AA', 'DHA', 'IHA',
  'TASS', 'RIA', 'ITAR', 'MTI', 'CTK', 'PAP', 'BTA', 'STA', 'HINA', 'LUSA', 'AGI', 'KYODO', 'JIJI', 'CNA', 'IRNA', 'ISNA',
  'MENA', 'QNA', 'SPA', 'WAM', 'KUNA', 'KCNA', 'SANA', 'NAN', 'APS', 'MAP', 'TAP', 'NTB', 'TT', 'STT', 'SDA', 'ATS',
  // words a date line goes on with
  'BY', 'AND', 'VIA', 'FROM', 'THE', 'IN', 'ON', 'AT', 'OF', 'FOR', 'TO', 'WITH',
]);
const TIME = String.raw`(?:\s*(?:[-–—|•·@,]|\bat\b)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?`;
// The zone group takes any short word, which findDate keeps in the date only when it stands in a zone's place (inZonePlace).
const ZONE = String.raw`(?:\s*\(?(?:([a-z]{2,5})\b)?\s*([+-]\d{2}:?\d{2})?\)?)?`;

type Order = 'iso' | 'mdy' | 'dmy' | 'ymd' | 'numeric';

/** Capture groups after the date parts: hour, minute, second, meridiem, zone name, offset. */
const DATE_PATTERNS: { regex: RegExp; order: Order }[] = [
  {
    regex: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:\s*([ap]\.?m\.?)(?![a-z]))?)?\s*(?:(z|[a-z]{2,5})\b)?([+-]\d{2}:?\d{2})?/i,
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

/** The zone name's group in each form; the offset's is the next. */
const ZONE_GROUP: Record<Order, number> = { iso: 8, mdy: 8, dmy: 8, ymd: 9, numeric: 9 };

/**
 * Whether the word after a date, which the zone group took, stands in its zone's place, part of the date line, where
 * readMatch reads it (as a zone, as a word known to be none, or as a zone it cannot read): after a time, a word
 * written as a zone's name (ZONE_NAMES_IN_ANY_CASE, or ZONE_SHAPED); after a date without a time, where a zone
 * changes nothing, only the names read there before ("June 5, 2026 EDT"; "June 5, 2026 ET" stays a date with a word
 * after it). Any other word ("by", "and", "Et", "AFP" after a day) is text after the date.
 */
function inZonePlace(word: string, hasTime: boolean): boolean {
  if (ZONE_NAMES_IN_ANY_CASE.has(word.toLowerCase())) return true;
  return hasTime && ZONE_SHAPED.test(word);
}

/** The date a match reads, with its zone name (undefined: none) and numeric offset. */
function readMatch(m: RegExpExecArray, order: Order, zone: string | undefined, offsetText: string | undefined): string | null {
  let year: number;
  let month: number | undefined;
  let day: number;
  let hour: number | undefined;
  let minute: number;
  let second: number;
  if (order === 'iso') {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    hour = m[4] === undefined ? undefined : toHour24(Number(m[4]), m[7]);
    [minute, second] = [Number(m[5] ?? 0), Number(m[6] ?? 0)];
  } else {
    // The numeric forms carry the separator as group 2, so their time and zone groups come one later.
    const t = order === 'ymd' || order === 'numeric' ? 5 : 4;
    hour = m[t] === undefined ? undefined : toHour24(Number(m[t]), m[t + 3]);
    minute = Number(m[t + 1] ?? 0);
    second = Number(m[t + 2] ?? 0);
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
  }
  if (month === undefined) return null;
  // a zone without a time ("June 5, 2026 EDT") says where the day is, which the date alone already is
  if (hour === undefined) return toIsoDay(year, month, day);
  // a numeric offset before a name ("GMT+0200"); a name the feed reader's table does not know gives null
  const offset = parseOffset(offsetText) ?? (zone === undefined || NOT_ZONES.has(zone) ? 0 : zoneOffsetOn(zone, year, month, day, hour));
  // A time in a zone that cannot be read ("9:30 pm XYZ") is no instant: the date alone, as printed. UTC would be a
  // guess up to 14 hours out, which puts an evening or morning story on another day in the digest; the day is right.
  return offset === null ? toIsoDay(year, month, day) : toIso(year, month, day, hour, minute, second, offset);
}

/** The first date in `text`: the earliest match of any known form. */
export function findDate(text: string): DateMatch | null {
  let best: DateMatch | null = null;
  for (const { regex, order } of DATE_PATTERNS) {
    const m = regex.exec(text);
    if (!m || (best !== null && m.index >= best.index)) continue;
    const zoneGroup = ZONE_GROUP[order];
    const word = m[zoneGroup];
    const hasTime = m[order === 'iso' ? 4 : zoneGroup - 4] !== undefined;
    if (word === undefined || inZonePlace(word, hasTime)) {
      best = { iso: readMatch(m, order, word, m[zoneGroup + 1]), index: m.index, length: m[0].length };
    } else {
      // the word is text after the date: the match ends before it (and any "(" and space), its offset unread too
      const before = m[0].slice(0, m[0].lastIndexOf(word)).replace(/\s*\(?\s*$/, '');
      best = { iso: readMatch(m, order, undefined, undefined), index: m.index, length: before.length };
    }
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
    // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
    .replace(/[^\p{L}\p{N}]{1,1000}/gu, ' ')
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
