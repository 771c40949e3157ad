/** Calendar days in a time zone, so "today's digest" means the reader's day, not the server's. */

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone: building one costs far more than formatting, and day bounds format a few dozen times. */
function dateFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDate(instant: Date, timeZone: string): string {
  return dateFormatter(timeZone).format(instant);
}

/**
 * The calendar day, in the zone, of a stored date: a bare date (`2026-06-01`, what a source gives without a time) is
 * that day wherever the reader is, since it names a day and no instant; a timestamp is the day the zone shows at it.
 * Read as an instant, a bare date is UTC midnight, which is the day before west of UTC.
 */
export function dayOf(value: string, timeZone: string): string {
  return isBareDate(value) ? value : localDate(new Date(value), timeZone);
}

/** Whether a stored date is a calendar date without a time (`YYYY-MM-DD`), as sources that give no time are stored. */
export function isBareDate(value: string): boolean {
  return value.length === 10 && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Wider than any UTC offset a zone has ever had (the largest, a local mean time, was under 16 hours). */
const SEARCH_SECONDS = 26 * 3600;

/**
 * The first instant, in epoch seconds, at which `shown` (what the zone's calendar or clock shows then, as text that
 * sorts in time) reaches `wanted`, searched within SEARCH_SECONDS of `guess`. Invariants: at `before` the zone shows
 * something earlier, at `reached` `wanted` or later. Offsets and transitions are whole seconds, so the search stops
 * at one second.
 */
function firstSecondShowing(wanted: string, shown: (seconds: number) => string, guess: number): number {
  let before = guess - SEARCH_SECONDS;
  let reached = guess + SEARCH_SECONDS;
  while (reached - before > 1) {
    const middle = Math.floor((before + reached) / 2);
    if (shown(middle) >= wanted) reached = middle;
    else before = middle;
  }
  return reached;
}

/**
 * The first instant, in epoch milliseconds, at which the zone's calendar shows `date`. Local midnight does not always
 * exist: where DST starts at midnight (America/Santiago, America/Havana) the clock jumps from 23:59:59 to 01:00, and
 * the day starts then. So the day is searched for by the date the zone shows rather than computed from an offset.
 */
function startOfDay(date: string, timeZone: string): number {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`) / 1000;
  return firstSecondShowing(date, (seconds) => localDate(new Date(seconds * 1000), timeZone), midnightUtc) * 1000;
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** `HH:MM:SS` of the instant in the zone. */
function localTime(instant: Date, timeZone: string): string {
  let formatter = timeFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    timeFormatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

/**
 * The instant, as an ISO UTC string, at which the zone's clock shows on `date` the time it shows at `instant`: "the
 * same time" a week before, which is not seven times 24 hours across a change of the clocks. A time the clocks
 * skip on that day is the first instant after it; one they show twice, the first.
 */
export function sameTimeOn(instant: string, date: string, timeZone: string): string {
  const wanted = `${date} ${localTime(new Date(instant), timeZone)}`;
  const shown = (seconds: number) => {
    const at = new Date(seconds * 1000);
    return `${localDate(at, timeZone)} ${localTime(at, timeZone)}`;
  };
  const reached = firstSecondShowing(wanted, shown, Date.parse(`${wanted.replace(' ', 'T')}Z`) / 1000);
  return new Date(reached * 1000 + (Date.parse(instant) % 1000)).toISOString();
}

/** The calendar date (`YYYY-MM-DD`) `days` days after `date` (before it, when negative). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * [start, end) of the calendar day `date` in the zone, as ISO UTC strings: from the first instant the zone shows the
 * date to the first instant it shows the next one, so consecutive days share their bound and no hour is in two days.
 * Days are 23 or 25 hours (23½ or 24½ on Lord Howe Island) at DST changes.
 */
export function dayBounds(date: string, timeZone: string): { start: string; end: string } {
  return { start: new Date(startOfDay(date, timeZone)).toISOString(), end: new Date(startOfDay(addDays(date, 1), timeZone)).toISOString() };
}
