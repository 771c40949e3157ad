/**
 * Cleaner for plain-text captures of news pages: what a "copy all text" or a text-mode browser leaves of an
 * article. It finds the head (site name, headline, dateline, byline), drops page furniture (widgets, comment
 * blocks, author boxes, captions, section headings) and returns the body as paragraphs.
 *
 * The input is one string; there is no I/O here. Every rule below is a pattern of furniture, not a string of a
 * particular site, and says why it exists.
 */
import type { ExtractedArticle } from '../model/index.ts';
import { countWords } from './count-words.ts';
import { repairMojibake } from './mojibake.ts';

export interface PlainTextOptions {
  /** Where the capture came from; becomes `url`/`canonicalUrl` and helps recognise a site-name line. */
  url?: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Text normalisation

/** Spaces a capture carries over from HTML (`&nbsp;`, thin and ideographic spaces) are plain spaces in the text. */
const UNUSUAL_SPACES = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
/** Invisible characters (zero-width, byte-order mark, soft hyphen) only break word matching. */
const INVISIBLES = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

function normaliseLines(text: string): string[] {
  return repairMojibake(text)
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLES, '')
    .replace(UNUSUAL_SPACES, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim());
}

const TERMINAL_PUNCTUATION = /[.!?…:;"”’»)\]]$/;
const BULLET = /^(?:[-*•–]|\d{1,2}[.)])\s+\S/;

/**
 * Some captures hard-wrap paragraphs at a fixed width (mail, text-mode browsers). A block is wrapped when its
 * lines, but the last, have similar width and at least one breaks mid-sentence; then its lines form one paragraph.
 * Otherwise every line is its own paragraph (001 and 003 separate paragraphs with single newlines).
 */
function isHardWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  const body = lines.slice(0, -1);
  const widest = Math.max(...lines.map((l) => l.length));
  if (widest > 100 || lines.some((l) => BULLET.test(l))) return false;
  return body.every((l) => l.length >= 40 && l.length >= widest * 0.6) && body.some((l) => !TERMINAL_PUNCTUATION.test(l));
}

function joinWrappedLines(lines: string[]): string {
  return lines.reduce((acc, line) => (/\p{L}-$/u.test(acc) ? acc + line : `${acc} ${line}`));
}

function splitParagraphs(lines: string[]): string[] {
  const paragraphs: string[] = [];
  let block: string[] = [];
  const flush = (): void => {
    if (block.length === 0) return;
    if (isHardWrapped(block)) paragraphs.push(joinWrappedLines(block));
    else paragraphs.push(...block);
    block = [];
  };
  for (const line of lines) {
    if (line === '') flush();
    else block.push(line);
  }
  flush();
  return paragraphs;
}

/**
 * When tags are stripped without adding whitespace, adjacent blocks run together ("intervention.Some in the
 * industry", "It states,Model development"). A word of two small letters, punctuation, then a capitalised word is
 * that join, not an abbreviation ("U.S.", "e.g.") or a domain name.
 */
function restoreMissingSpaces(paragraph: string): string {
  return paragraph.replace(/(\p{Ll}{2}[.!?,;])(\p{Lu}\p{Ll})/gu, '$1 $2');
}

// ---------------------------------------------------------------------------------------------------------------
// Datelines

/** A parsed dateline: ISO-8601 UTC, and whether it states publication or modification. */
export interface Dateline {
  iso: string;
  kind: 'published' | 'updated';
}

const MONTH_NUMBERS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';

/**
 * Offsets of unambiguous zone names. A dateline without a zone is read as UTC: a plain-text capture has no page
 * metadata to say otherwise and UTC is the pipeline's storage convention. Ambiguous abbreviations (IST, ET...) are
 * not guessed either.
 */
const ZONE_OFFSET_MINUTES: Record<string, number> = {
  utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, pst: -480, pdt: -420,
  cet: 60, cest: 120, bst: 60, eet: 120, eest: 180, jst: 540,
};
const TIME = String.raw`(?:\s*(?:[-–—|•·@,]|\bat\b)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?`;
const ZONE = String.raw`(?:\s*\(?(utc|gmt|est|edt|cst|cdt|pst|pdt|cet|cest|bst|eet|eest|jst)?\b\s*([+-]\d{2}:?\d{2})?\)?)?`;

/**
 * Numeric dates like 05/06/2026 are not read: day-first and month-first are both common and the text does not
 * say which, so any reading would be invented.
 */
const DATE_PATTERNS: { regex: RegExp; order: 'ymd' | 'mdy' | 'dmy' }[] = [
  {
    regex: /\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(z|utc|gmt)?([+-]\d{2}:?\d{2})?/i,
    order: 'ymd',
  },
  { regex: new RegExp(String.raw`\b${MONTH_NAME}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}${ZONE}`, 'i'), order: 'mdy' },
  { regex: new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+${MONTH_NAME},?\s+(\d{4})${TIME}${ZONE}`, 'i'), order: 'dmy' },
];

/**
 * Words a dateline carries besides the date. After removing them and the date, at most a place or agency name
 * may remain; more than that means a sentence that mentions a date, which is not the article's date.
 */
const DATELINE_WORDS =
  /\b(published|posted|updated|last|modified|on|at|date|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b/gi;
const MAX_DATELINE_LEFTOVER_WORDS = 3;

function toIso(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMinutes: number): string | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  if (new Date(ms).getUTCDate() !== d) return null; // 31 April, 30 February
  return new Date(ms - offsetMinutes * 60_000).toISOString();
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

/**
 * Reads a line that is essentially a date ("Jun 05, 2026 - 10:19", "Published March 3, 2026 at 4:15 pm EST",
 * "5 June 2026", "2026-06-05T10:19:00Z"). Null for anything else, including sentences that contain a date.
 * A date without a time is midnight UTC of that day, the usual reading of a day-only timestamp.
 */
export function parseDateline(line: string): Dateline | null {
  if (line.length > 120) return null;
  for (const { regex, order } of DATE_PATTERNS) {
    const m = regex.exec(line);
    if (!m) continue;
    let iso: string | null;
    if (order === 'ymd') {
      const offset = parseOffset(m[8]) ?? 0;
      iso = toIso(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), offset);
    } else {
      const month = MONTH_NUMBERS[(order === 'mdy' ? m[1]! : m[2]!).toLowerCase().slice(0, 3)];
      const day = Number(order === 'mdy' ? m[2] : m[1]);
      const zone = m[8]?.toLowerCase();
      const offset = parseOffset(m[9]) ?? (zone ? (ZONE_OFFSET_MINUTES[zone] ?? 0) : 0);
      const hour = m[4] === undefined ? 0 : toHour24(Number(m[4]), m[7]);
      iso = month === undefined ? null : toIso(Number(m[3]), month, day, hour, Number(m[5] ?? 0), Number(m[6] ?? 0), offset);
    }
    if (!iso) return null;
    const leftover = `${line.slice(0, m.index)} ${line.slice(m.index + m[0].length)}`
      .replace(DATELINE_WORDS, ' ')
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .trim();
    if (leftover !== '' && leftover.split(/\s+/).length > MAX_DATELINE_LEFTOVER_WORDS) return null;
    const kind = /\b(updated|modified)\b/i.test(line.slice(0, m.index)) ? 'updated' : 'published';
    return { iso, kind };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Bylines and names

/** A person's name as a byline or an author box prints it: 1-4 capitalised words, particles allowed. */
const PERSON_NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:de|da|van|von|der|den|del|la|le|bin|al|dos|du)\s+)*\p{Lu}[\p{L}'’.-]*){0,3}`;
const BYLINE = new RegExp(
  String.raw`^(?:written\s+|words\s+)?by\s+(${PERSON_NAME}(?:\s*(?:,|and|&)\s*${PERSON_NAME})*)\s*(?:[|•·—–,]\s*(.*))?$`,
  'iu',
);
const PERSON_NAME_LINE = new RegExp(String.raw`^${PERSON_NAME}$`, 'u');

interface Byline {
  name: string;
  /** What follows the name on the same line ("June 5, 2026", "Reuters"). */
  rest: string | null;
}

function parseByline(line: string): Byline | null {
  if (line.length > 120) return null;
  const m = BYLINE.exec(line);
  if (!m) return null;
  // The "i" flag makes \p{Lu} match any letter; make sure the name really is capitalised.
  if (!/^\p{Lu}/u.test(m[1]!)) return null;
  return { name: m[1]!.trim(), rest: m[2]?.trim() || null };
}

// ---------------------------------------------------------------------------------------------------------------
// Furniture rules: each says what it catches and why it is not article text.

interface FurnitureRule {
  name: string;
  matches(paragraph: string): boolean;
}

const REACTION_PROMPT =
  /^(?:what(?:'|’)?s your (?:reaction|take)|how do you feel about this|did you (?:like|enjoy|find) this|rate this (?:article|story|post)|was this (?:article|story|post) (?:helpful|useful)|how would you rate)\b[^.]*\??$/i;

const COMMENT_BLOCK =
  /^(?:join the (?:discussion|conversation|debate)|discuss this (?:story|article|post)|leave a (?:comment|reply)|post a comment|add (?:a|your) comment|be the first to (?:comment|share|reply|respond)|(?:sign|log) in to (?:comment|reply|join)|subscribe to comment|comments? (?:are|is) (?:closed|disabled)|community comments?\b|(?:show|view|load|hide) (?:all )?comments|\d+ (?:comments?|replies|responses)|comments?(?:\s*\(\d+\))?|responses?(?:\s*\(\d+\))?)/i;

const RELATED_LINKS_HEADING =
  /^(?:related(?: articles| stories| posts| news| coverage)?|more (?:from|on|stories|news)\b.*|you (?:may|might) also like|recommended(?: for you| stories)?|read (?:more|next|also)|trending(?: now)?|most (?:read|popular|viewed)|popular (?:posts|stories)|latest (?:news|stories|posts))$/i;

const FURNITURE_RULES: FurnitureRule[] = [
  {
    // "What's Your Reaction?" and kin head a row of emoji buttons, not text.
    name: 'reaction-prompt',
    matches: (p) => REACTION_PROMPT.test(p),
  },
  {
    // Counters: "0 0", "1.2K". Bare numbers on their own line are widget state (likes, shares, views).
    name: 'counter',
    matches: (p) => /^[\d\s.,:/|·•()-]+[kKmM]?$/.test(p),
  },
  {
    // Widget button with its count: "Like Like 0", "Shares 120", "Comments (0)". An icon's alt text repeats the
    // label, hence the optional doubled word; two words and a count is never a sentence.
    name: 'labelled-counter',
    matches: (p) => /^(\p{L}[\p{L}'’]*)(?:\s+\1)?(?:\s+\p{L}+)?\s*[:(]?\s*\d[\d.,]*\s*[kKmM]?\)?$/iu.test(p),
  },
  {
    // "Updated: 2 hours ago", "Posted just now": relative to when the page was captured, so not a date and not
    // text.
    name: 'relative-time',
    matches: (p) =>
      /^(?:(?:last\s+)?updated|posted|published|edited|modified)?\s*:?\s*(?:(?:\d+|an?|one|a few)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago|just now|yesterday|today)\.?$/i.test(p),
  },
  {
    // Comment-section chrome: prompts, counts, "coming soon" placeholders. It describes the page, not the story.
    name: 'comment-block',
    matches: (p) => countWords(p) <= 20 && COMMENT_BLOCK.test(p),
  },
  {
    // Share and tool buttons rendered as text.
    name: 'share-widget',
    matches: (p) =>
      /^(?:share(?: this)?(?: article| story| post| page)?(?: on \p{L}+)?|tweet|print|e-?mail|copy link|save(?: for later)?|bookmark|follow us(?: on .*)?|listen(?: to (?:this )?article)?|\d+ min(?:ute)?s? read|advertisement|sponsored(?: content)?|skip to (?:main )?content|continue reading(?: below)?)$/iu.test(p),
  },
  {
    // Newsletter and paywall prompts addressed to the reader, not part of the story.
    name: 'subscription-prompt',
    matches: (p) =>
      countWords(p) <= 25 &&
      /^(?:sign up|subscribe|register|already a subscriber|get (?:our|the) (?:newsletter|daily|weekly))\b/i.test(p) &&
      /\b(?:newsletter|subscri\w*|inbox|sign up|log in|account)\b/i.test(p),
  },
  {
    // Site-wide disclaimers appended to generated or forecast pieces ("Based on current signals. Events may
    // develop differently.", "This summary was generated with AI."): boilerplate, identical on every page.
    name: 'disclaimer',
    matches: (p) =>
      countWords(p) <= 30 &&
      /^(?:based on (?:current|available) (?:signals|data|information)|events may develop differently|for informational purposes only|(?:this is )?not (?:financial|investment|legal) advice|this (?:article|story|summary|content|post) (?:was|has been|is) (?:generated|produced|created|written|drafted) (?:with|by|using) (?:the (?:help|assistance) of )?(?:ai|artificial intelligence|an ai|automat))/i.test(p),
  },
  {
    // Image captions: a fragment (no sentence ending) that names a picture, or any short line with a photo
    // credit. A caption describes the picture, which the text does not carry.
    name: 'image-caption',
    matches: (p) =>
      (!/[.!?]$/.test(p) &&
        /^(?:illustration|photo(?:graph)?|image|picture|file photo|pictured|graphic|screenshot|rendering|video|credit)s?\b/i.test(p)) ||
      (countWords(p) <= 40 &&
        /(?:\b(?:getty images|ap photo|afp via|via reuters|shutterstock)\b|\((?:photo|image|credit)s?:|\b(?:photo|image|credit)s?:\s*\p{Lu})/iu.test(p)),
  },
  {
    // Section headings ("WHY IT MATTERS", "Key Points", "Timeline"), labels ("No defenders identified"), link stubs
    // ("Anthropic's blog") and lone words ("User"): short lines without a sentence ending. They carry no claim a
    // reader or the stance scorer can use, and the digest shows paragraphs, so they are dropped.
    name: 'heading-or-label',
    matches: (p) => !BULLET.test(p) && countWords(p) <= 12 && !TERMINAL_PUNCTUATION.test(p),
  },
  {
    // A single short question standing as its own line is a subheading ("What comes next for global AI
    // governance?"): the paragraph after it answers it.
    name: 'question-subheading',
    matches: (p) => !BULLET.test(p) && countWords(p) <= 12 && /^[^.!?]+\?$/.test(p),
  },
];

function furnitureRuleFor(paragraph: string): FurnitureRule | null {
  return FURNITURE_RULES.find((rule) => rule.matches(paragraph)) ?? null;
}

/**
 * Lines that open the comment area, the reaction widget or the related-links rail. Once one appears in the latter
 * part of a capture, everything after it is that area (reactions, author box, comments, other headlines).
 */
function opensTrailingArea(paragraph: string): boolean {
  return (
    REACTION_PROMPT.test(paragraph) ||
    RELATED_LINKS_HEADING.test(paragraph) ||
    (countWords(paragraph) <= 6 && COMMENT_BLOCK.test(paragraph))
  );
}

/** Where the trailing area may start: past this share of the body's characters. Earlier, only the line goes. */
const TRAILING_AREA_MIN_POSITION = 0.5;

function cutTrailingArea(paragraphs: string[]): string[] {
  const total = paragraphs.reduce((n, p) => n + p.length, 0);
  let seen = 0;
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    if (seen > total * TRAILING_AREA_MIN_POSITION && opensTrailingArea(p)) return paragraphs.slice(0, i);
    seen += p.length;
  }
  return paragraphs;
}

/** Words that say a paragraph describes a person's job: an author box, not the story. */
const BIO_ROLE =
  /\b(?:founder|co-founder|writer|journalist|reporter|editor|author|correspondent|contributor|columnist|director|analyst|engineer|researcher|producer|host|professor|fellow|student|blogger|consultant)\b/i;
const BIO_ACTIVITY = /\b(?:writes|covers|reports on|has written|contributes|is based in|follow (?:him|her|them))\b/i;

/**
 * Author boxes close many articles: a name line, then "<Name> is the founder of ... and writes here on ...". The
 * paragraph must start with (part of) that name and describe a role, and sit in the last few paragraphs, so a
 * body paragraph that introduces a person ("David Sacks, a venture capitalist, ...") is not taken for one.
 * A lone bio without a name line is dropped only when it is the last paragraph and also says what the person
 * writes or covers.
 */
function removeAuthorBox(paragraphs: string[]): string[] {
  const tailStart = Math.max(0, paragraphs.length - 4);
  const drop = new Set<number>();
  for (let i = tailStart; i < paragraphs.length; i++) {
    const line = paragraphs[i]!;
    const next = paragraphs[i + 1];
    if (/^about the author$/i.test(line) && next !== undefined) {
      drop.add(i).add(i + 1);
      continue;
    }
    if (next !== undefined && PERSON_NAME_LINE.test(line) && line.length <= 50 && startsWithNameAndRole(next, line)) {
      drop.add(i).add(i + 1);
    }
  }
  const last = paragraphs.length - 1;
  const lastParagraph = paragraphs[last];
  if (lastParagraph !== undefined && !drop.has(last)) {
    const m = new RegExp(String.raw`^(${PERSON_NAME})\s+is\s+(?:a|an|the)\b`, 'u').exec(lastParagraph);
    if (m && m[1]!.includes(' ') && BIO_ROLE.test(lastParagraph) && BIO_ACTIVITY.test(lastParagraph)) drop.add(last);
  }
  return paragraphs.filter((_, i) => !drop.has(i));
}

function startsWithNameAndRole(paragraph: string, name: string): boolean {
  const parts = name.split(/\s+/);
  const variants = [name, parts[0]!, parts[parts.length - 1]!, 'He', 'She', 'They'];
  const startsWithName = variants.some((v) =>
    new RegExp(String.raw`^${escapeRegExp(v)}(?:\s+(?:is|was|has|writes|covers|joined|leads|works)\b|\s*[,(]|['’]s\b)`, 'u').test(paragraph),
  );
  return startsWithName && BIO_ROLE.test(paragraph);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------------------
// Head: site name, headline, dateline, byline

/** Prose: a real paragraph. The head of a capture ends at the first one. */
function isProse(paragraph: string): boolean {
  const words = countWords(paragraph);
  return (words >= 12 && /[.!?:;"”’)]$/.test(paragraph)) || words >= 25;
}

/** A headline: a short line that is not a sentence ending in a full stop, nor a list item or caption. */
function isHeadlineLike(paragraph: string): boolean {
  const words = countWords(paragraph);
  return words >= 2 && words <= 25 && paragraph.length <= 200 && !/[.:;,]$/.test(paragraph) && !BULLET.test(paragraph);
}

/** The longest label of the URL's hostname that is not a prefix or suffix ("aimainstream" of www.aimainstream.com). */
function hostnameLabels(url: string | null | undefined): string[] {
  if (!url) return [];
  try {
    return new URL(url).hostname.toLowerCase().split('.').filter((label) => label.length > 2 && label !== 'www');
  } catch {
    return [];
  }
}

function compact(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A site name is short: a brand of a few words ("Ai Mainstream", "The Verge"). */
const SITE_NAME_MAX_WORDS = 4;
const SITE_NAME_MAX_CHARS = 40;

/**
 * The first line is the site name, not the headline, when it matches the URL's hostname, or when it is a short
 * brand-like line and a longer headline-like line follows it.
 */
function isSiteNameLine(line: string, nextCandidate: string | undefined, url: string | null | undefined): boolean {
  if (countWords(line) > SITE_NAME_MAX_WORDS || line.length > SITE_NAME_MAX_CHARS || /[.!?:]$/.test(line)) return false;
  const name = compact(line);
  if (hostnameLabels(url).some((label) => label === name)) return true;
  return (
    nextCandidate !== undefined &&
    isHeadlineLike(nextCandidate) &&
    countWords(nextCandidate) >= 5 &&
    countWords(nextCandidate) > countWords(line)
  );
}

/** How far into the capture the head may reach, in lines, before the first prose paragraph. */
const HEAD_MAX_LINES = 10;

interface Head {
  siteName: string | null;
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  /** Indexes of paragraphs the head used up. */
  consumed: Set<number>;
}

function readHead(paragraphs: string[], url: string | null | undefined): Head {
  const head: Head = { siteName: null, title: null, byline: null, publishedAt: null, modifiedAt: null, consumed: new Set() };
  const titleCandidates: number[] = [];
  const recordDate = (dateline: Dateline): void => {
    if (dateline.kind === 'updated') head.modifiedAt ??= dateline.iso;
    else head.publishedAt ??= dateline.iso;
  };
  for (let i = 0; i < Math.min(paragraphs.length, HEAD_MAX_LINES); i++) {
    const p = paragraphs[i]!;
    if (isProse(p)) break;
    const byline = parseByline(p);
    if (byline && head.byline === null) {
      head.byline = byline.name;
      const dateline = byline.rest ? parseDateline(byline.rest) : null;
      if (dateline) recordDate(dateline);
      head.consumed.add(i);
      continue;
    }
    const dateline = parseDateline(p);
    if (dateline) {
      recordDate(dateline);
      head.consumed.add(i);
      continue;
    }
    // A headline looks like a heading (short, no full stop) or a question; any other furniture is not one.
    const rule = furnitureRuleFor(p);
    if (rule !== null && rule.name !== 'heading-or-label' && rule.name !== 'question-subheading') continue;
    if (isHeadlineLike(p)) titleCandidates.push(i);
  }
  const [first, second] = titleCandidates;
  if (first === undefined) return head;
  // A site-name line can only be the very first line of the capture.
  if (first === 0 && isSiteNameLine(paragraphs[first]!, second === undefined ? undefined : paragraphs[second], url)) {
    head.siteName = paragraphs[first]!;
    head.consumed.add(first);
    if (second !== undefined) {
      head.title = paragraphs[second]!;
      head.consumed.add(second);
    }
  } else {
    head.title = paragraphs[first]!;
    head.consumed.add(first);
  }
  return head;
}

// ---------------------------------------------------------------------------------------------------------------
// Title derived from the lead

/**
 * Headline length cut. Feed and search headlines run 60-100 characters; past ~90 a "headline" reads as a sentence
 * and is truncated by most readers anyway.
 */
const DERIVED_TITLE_MAX_CHARS = 90;

/** Sourcing that opens a lead ("According to the Wall Street Journal, ..."): attribution, not the news. */
const LEAD_ATTRIBUTION =
  /^(?:according to [^,]{3,80}|in a (?:statement|blog post|post|report|interview|letter|memo)[^,]{0,80}|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:earlier|late|last|this) (?:week|month|year)),\s+/i;

/**
 * Where the lead's main clause ends: a participle or subordinate clause ("..., warning that", "on the grounds
 * that", "because ...") adds reasons and detail a headline leaves out.
 */
const CLAUSE_BOUNDARY =
  /(?:,\s+(?:warning|saying|arguing|adding|citing|noting|claiming|suggesting|which|who|while|after|as|because|although|though|amid|despite|and said)\b|\s+(?:on the grounds that|because|so that|in order to|amid|while|after)\b|\s*[;:]\s|\s[–—]\s)/i;

/** Words a headline does not end on before an ellipsis. */
const TRAILING_FUNCTION_WORDS =
  /(?:\s+(?:the|a|an|of|to|and|or|in|on|for|with|at|by|that|from|as|its|their|his|her|is|are|was|were|be|this|these))+$/i;

function firstSentence(paragraph: string): string {
  const m = /^.+?[.!?](?=\s+["“‘'(]?\p{Lu}|$)/u.exec(paragraph);
  return (m ? m[0] : paragraph).trim();
}

/**
 * A headline-like title for a capture that has none: the lead sentence's main clause, cut at a word boundary to
 * DERIVED_TITLE_MAX_CHARS with an ellipsis. The lead of a news story states the news, so its main clause is what
 * a headline would say; a title is never left empty when there is text.
 */
export function deriveTitleFromLead(lead: string): string {
  let title = firstSentence(lead).replace(LEAD_ATTRIBUTION, '');
  const boundary = CLAUSE_BOUNDARY.exec(title);
  if (boundary && countWords(title.slice(0, boundary.index)) >= 4) title = title.slice(0, boundary.index);
  title = title.replace(/[\s.,;:!]+$/, '');
  if (title.length > DERIVED_TITLE_MAX_CHARS) {
    const cut = title.slice(0, DERIVED_TITLE_MAX_CHARS);
    const atWord = cut.slice(0, Math.max(cut.lastIndexOf(' '), 1));
    title = `${atWord.replace(TRAILING_FUNCTION_WORDS, '').replace(/[\s,;:–—-]+$/, '')}…`;
  }
  return title.charAt(0).toUpperCase() + title.slice(1);
}

// ---------------------------------------------------------------------------------------------------------------
// Language guess

/** Most frequent function words per language: enough to tell these apart on a few sentences. */
const STOPWORDS: Record<string, Set<string>> = {
  en: new Set('the of and to a in is that for on with as are by it this was be at from have has an not or its their'.split(' ')),
  de: new Set('der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass'.split(' ')),
  fr: new Set('le la les de des et en un une du est que qui pour dans sur au par pas plus ne se ce il sont avec'.split(' ')),
  es: new Set('el la los las de del y en un una que es por para con no se su al lo como más pero sus'.split(' ')),
  it: new Set('il la le di e che in un una per non è del della con si da sono al gli anche come'.split(' ')),
  nl: new Set('de het een en van in is dat op te zijn voor met die niet aan er ook als bij door'.split(' ')),
  pt: new Set('o a os as de do da e em um uma que para com não por se na no mais dos das ao'.split(' ')),
};
/** Share of words that must be one language's function words (running text sits around 0.3-0.5). */
const LANG_MIN_SHARE = 0.15;
const LANG_MIN_WORDS = 8;

function guessLanguage(text: string): string | null {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < LANG_MIN_WORDS) return null;
  const shares = Object.entries(STOPWORDS)
    .map(([lang, set]) => [lang, words.filter((w) => set.has(w)).length / words.length] as const)
    .sort((a, b) => b[1] - a[1]);
  const [best, runnerUp] = shares;
  if (!best || best[1] < LANG_MIN_SHARE) return null;
  // Close shares mean mixed or unlisted language (many short words are shared): do not guess.
  if (runnerUp && best[1] < runnerUp[1] * 1.5) return null;
  return best[0];
}

// ---------------------------------------------------------------------------------------------------------------
// The cleaner

/** Below this many words the capture is probably a teaser or a cut-off page. */
const PARTIAL_BELOW_WORDS = 80;

/** Key under which two paragraphs count as the same: case, spacing and punctuation ignored. */
function paragraphKey(paragraph: string): string {
  return paragraph.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Cleans a plain-text capture of a news page into an article. Pure: the URL is only echoed and compared. */
export function extractPlainText(text: string, opts: PlainTextOptions = {}): ExtractedArticle {
  const url = opts.url ?? null;
  const paragraphs = splitParagraphs(normaliseLines(text));
  const head = readHead(paragraphs, url);

  let body = paragraphs.filter((_, i) => !head.consumed.has(i));
  body = cutTrailingArea(body);
  body = removeAuthorBox(body);
  body = body.filter((p) => furnitureRuleFor(p) === null).map(restoreMissingSpaces);

  // Captures repeat paragraphs (a summary box and the lead, a pull quote); the title may also open the body.
  const seen = new Set<string>([head.title, head.siteName].filter((t): t is string => t !== null).map(paragraphKey));
  body = body.filter((p) => {
    const key = paragraphKey(p);
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });

  const articleText = body.join('\n\n');
  const title = head.title ?? (body[0] !== undefined ? deriveTitleFromLead(body[0]) : null);
  return {
    url,
    canonicalUrl: url,
    title,
    byline: head.byline,
    publishedAt: head.publishedAt,
    modifiedAt: head.modifiedAt,
    lang: guessLanguage(articleText),
    siteName: head.siteName,
    image: null,
    text: articleText,
    partial: countWords(articleText) < PARTIAL_BELOW_WORDS,
  };
}
