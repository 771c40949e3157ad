import stringWidth from 'string-width';

/**
 * Characters that text from feeds and pages must not carry to a terminal or a document: C0 and C1 controls (escape
 * sequences recolour, retitle or rewrite a terminal; U+009B alone starts one in xterm) and the bidirectional
 * embeddings, overrides and isolates, which can make a title display reversed over the outlet, date or id after it
 * ("Trojan Source"). Line feeds and tabs are kept; the marks RTL text needs (U+200E, U+200F, U+061C) are too.
 */
const UNSAFE_FOR_DISPLAY = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without the characters above. */
export function withoutDisplayControls(text: string): string {
  return text.replace(UNSAFE_FOR_DISPLAY, '');
}

/** Line and paragraph breaks of every kind, including the Unicode ones (NEL, LS, PS), and tabs. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;

/**
 * `text` for one line of output (a table cell, an alert line): breaks become spaces, so a title cannot start a line
 * of its own (a forged second alert), and the characters above are dropped.
 */
export function oneLine(text: string): string {
  return withoutDisplayControls(text.replace(BREAKS, ' '));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * The first `count` characters of `text` as a reader counts them (a flag, a family emoji or a letter with its accents
 * is one), and whether more follow. Only a prefix is segmented: each step of V8's segmenter costs more the longer the
 * string, which made a title of a few hundred thousand characters take minutes. Boundaries inside a prefix are those
 * of the text but for its last one, so the prefix grows until a character follows the last one wanted.
 */
export function leadingCharacters(text: string, count: number): { chars: string[]; more: boolean } {
  for (let length = (count + 1) * 4; ; length *= 2) {
    const whole = text.length <= length;
    const chars: string[] = [];
    for (const part of graphemes.segment(whole ? text : text.slice(0, length))) {
      chars.push(part.segment);
      if (chars.length > count) return { chars: chars.slice(0, count), more: true };
    }
    if (whole) return { chars, more: false };
  }
}

/**
 * `text` cut to fit `columns` terminal columns, by whole characters as a reader counts them, ending in `cutMark` when
 * it is cut; and the columns it takes. A character of a wide script (Chinese, Japanese, Korean) or an emoji takes two
 * columns, as terminals draw them (Unicode's East Asian Width, by string-width), so a table of such titles stays
 * aligned and a status line is not wrapped.
 */
export function fitColumns(text: string, columns: number, cutMark: '…' | '' = '…'): { text: string; width: number } {
  // Characters until they fill more than the columns, or the text ends: twice as many again while some take none (a
  // zero-width space), within a bound, as a reader's title does not hold thousands of them.
  let count = columns + 1;
  let chars: string[];
  let more: boolean;
  let widths: number[];
  for (;;) {
    ({ chars, more } = leadingCharacters(text, count));
    widths = chars.map((char) => stringWidth(char));
    if (!more || widths.reduce((sum, width) => sum + width, 0) > columns || count >= MOST_CHARACTERS_FITTED) break;
    count *= 2;
  }
  const total = widths.reduce((sum, width) => sum + width, 0);
  if (!more && total <= columns) return { text: chars.join(''), width: total };
  const room = columns - cutMark.length;
  let kept = 0;
  let used = 0;
  while (kept < chars.length && used + widths[kept]! <= room) used += widths[kept++]!;
  return { text: chars.slice(0, kept).join('') + cutMark, width: used + cutMark.length };
}

/** The most characters fitColumns reads of a text: beyond them it is cut, zero-width or not. */
const MOST_CHARACTERS_FITTED = 4096;

/**
 * `text` cut to at most `max` characters as a reader counts them (never inside an emoji or a letter's accents) at a
 * word boundary where there is one, with "…": a 10,000-character "title" from a broken feed must not fill a digest
 * or a chat message.
 */
export function shortenText(text: string, max: number): string {
  if (text.length <= max) return text;
  const { chars, more } = leadingCharacters(text, max);
  if (!more) return text;
  const cut = chars.slice(0, max - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${atWord.length >= cut.length / 2 ? atWord : cut}…`;
}

/**
 * What to show for an article without a headline: its first words, marked as cut. Shown in digests, alerts and
 * story labels, never stored as its title, which stays null: the contract's unknown values are not invented.
 */
export function leadHeadline(text: string, words = 12): string | null {
  const lead = text.trim().split(/\s+/).filter(Boolean);
  if (lead.length === 0) return null;
  return lead.length > words ? `${lead.slice(0, words).join(' ')}…` : lead.join(' ');
}

/** The headline to show for an article: its title, else its first words (its title stays null), else its URL. */
export function shownHeadline(article: { title: string | null; text: string; url: string }): string {
  return article.title ?? leadHeadline(article.text) ?? article.url;
}

/**
 * Names (outlets, voices, sources) in the order a reader expects, the same on every machine: `localeCompare` without a
 * locale takes the host's (`LANG`), so a cron job and an analyst's shell wrote one day's digest in two orders
 * (Swedish sorts Ö after Z).
 */
export const compareNames = new Intl.Collator('en').compare;

/** A number to two decimals, without the minus of one that rounds to zero ("-0.00" for -0.004). */
export function twoDecimals(value: number): string {
  const text = value.toFixed(2);
  return /^-0\.00$/.test(text) ? '0.00' : text;
}

/** twoDecimals with a sign: "+0.42", "-0.42", and "+0.00" for one that rounds to zero. */
export function signedTwoDecimals(value: number): string {
  const text = twoDecimals(value);
  return text.startsWith('-') ? text : `+${text}`;
}

/** "1 alert", "3 alerts", "2 stories": a count and its noun. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/**
 * A URL that does not parse (a port past 65535, a password with an unencoded "/", "#" or "?") with its login hidden:
 * where the password ends is unknown then, so everything from "//" to the last "@" becomes `***`.
 */
export function withUnparsedLoginHidden(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^\s]*@/i, '$1***@');
}
