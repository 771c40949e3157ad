/**
 * Date normalisation. Pages give dates as ISO-8601 with or without offset, RFC-2822, or "2019-11-19 10:30:00".
 * We return ISO-8601 UTC, or null when the value cannot be read: a wrong date is worse than none. A value without
 * a zone is UTC on every host (see ../date-text.ts for the free-form rules). A date without a time
 * (`"datePublished": "2026-06-01"`) is returned as that date, `2026-06-01`: it names a day, and UTC midnight would be
 * the day before west of UTC.
 */
import { dateWithPlaceZone, toIsoDay } from '../../ingest/feed/normalise.ts';
import { readWholeDate } from '../date-text.ts';

// Dates outside this window are parse accidents (epoch zero, "0001-01-01", ids mistaken for timestamps).
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

export function normalizeDate(value: string | null | undefined): string | null {
  if (!value) return null;
  let s = value.trim();
  if (!s || s.length > 80) return null;

  // Unix timestamps (seconds or milliseconds) appear in some data attributes.
  if (/^\d{10}(\d{3})?$/.test(s)) return checked(new Date(s.length === 10 ? Number(s) * 1000 : Number(s)));

  // "2019-11-19 10:30:00" (space instead of T) and "+0000" offsets are common; Date.parse wants T and "+00:00".
  s = s.replace(/^(\d{4}-\d{2}-\d{2})\s+(\d{1,2}:\d{2})/, '$1T$2');
  s = s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i.exec(s);
  if (iso) {
    const [, y, mo, d, h, mi, sec, zone] = iso;
    if (h === undefined) return checkedDay(toIsoDay(Number(y), Number(mo), Number(d)));
    const hh = (h ?? '00').padStart(2, '0');
    // A date or time without an offset is taken as UTC: the page gives no better information.
    let tz = zone ? zone.toUpperCase() : 'Z';
    if (/^[+-]\d{2}$/.test(tz)) tz += ':00';
    return checked(new Date(`${y}-${mo}-${d}T${hh}:${mi ?? '00'}:${sec ?? '00'}${tz}`));
  }
  // Free-form dates are read by our own patterns, not Date.parse: it reads a zoneless date in the host's zone
  // (so the same page gave different times on different machines) and guesses at "05/06/2026".
  // a CMS printing its configured zone by name (`… 02:30 Europe/Brussels`), read as a feed's date is
  const free = readWholeDate(s) ?? dateWithPlaceZone(value);
  if (free === null) return null;
  return free.length === 10 ? checkedDay(free) : checked(new Date(free));
}

/** A `YYYY-MM-DD` date in the window of plausible years, else null. */
function checkedDay(day: string | null): string | null {
  if (day === null) return null;
  const year = Number(day.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR ? day : null;
}

function checked(d: Date): string | null {
  const t = d.getTime();
  if (Number.isNaN(t)) return null;
  const y = d.getUTCFullYear();
  return y >= MIN_YEAR && y <= MAX_YEAR ? d.toISOString() : null;
}
