/**
 * Cleaner for plain-text captures of news pages: what a "copy all text" or a text-mode browser leaves of an
 * article. It finds the head (site name, headline, dateline, byline), drops page furniture (widgets, comment
 * blocks, author boxes, captions, section headings) and returns the body as paragraphs.
 *
 * The input is one string; there is no I/O here. Every rule below is a pattern of furniture, not a string of a
 * particular site, and says why it exists.
 */
import { MAX_BYLINE_CHARS, MAX_OUTLET_CHARS, MAX_TITLE_CHARS, withinLimit } from '../model/field-limits.ts';
import type { ExtractedArticle } from '../model/index.ts';
import { guessLanguage } from '../model/language.ts';
import { articleWordCount } from './article-words.ts';
import { countWords } from './count-words.ts';
import { DATE_FILLER_WORDS, findDate, textAroundDate } from './date-text.ts';
import { COMMENT_BLOCK, cutTrailingArea, isCookieNotice, isPaywallNotice, isTimestampLine, REACTION_PROMPT, RELATIVE_TIME } from './furniture-lines.ts';
import { repairMojibake } from './mojibake.ts';
import { emptyArticle } from './html.ts';
import { escapeRegExp } from '../model/escape-regexp.ts';

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

/** Control characters other than tab and the breaks: never text (a page's HTML loses them too, see collapseSpace). */
const CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f]/g;

function normaliseLines(text: string): string[] {
  return repairMojibake(text)
    // NEL and the Unicode line separator end a line, the paragraph separator a paragraph; a form feed (a page
    // break, on a line of its own where a page ends) and a vertical tab are white space
    .replace(/\r\n?|[\u0085\u2028]/g, '\n')
    .replace(/\u2029/g, '\n\n')
    .replace(/[\u000b\u000c]/g, ' ')
    .replace(CONTROLS, '')
    .replace(INVISIBLES, '')
    .replace(UNUSUAL_SPACES, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim());
}

// "。！？" and the closing quotes 」』 end sentences in Chinese and Japanese.
const TERMINAL_PUNCTUATION = /[.!?…:;"”’»)\]。！？」』]$/;
const BULLET = /^(?:[-*•–]|\d{1,2}[.)])\s+\S/;

/**
 * Some captures hard-wrap paragraphs at a fixed width (mail, text-mode browsers). A block is wrapped when its
 * lines, but the last, have similar width and at least one breaks mid-sentence; then its lines form one paragraph.
 * Otherwise every line is its own paragraph (001 and 003 separate paragraphs with single newlines).
 */
function isHardWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  const body = lines.slice(0, -1);
  // a headline over its byline ("By Renée Dupont") is two lines of the head, not a wrapped paragraph
  const last = lines[lines.length - 1]!;
  if (!TERMINAL_PUNCTUATION.test(last) && parseByline(last) !== null) return false;
  // a loop, not Math.max(...): a capture's block may have more lines than a call can take arguments
  let widest = 0;
  for (const line of lines) widest = Math.max(widest, line.length);
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
    else for (const line of block) paragraphs.push(line);
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

/**
 * Words a dateline carries besides the date. After removing them and the date, at most a place or agency name
 * may remain; more than that means a sentence that mentions a date, which is not the article's date.
 */
const DATELINE_LABELS = /\b(?:published|posted|updated|last|modified|date|time)\b/gi;
const MAX_DATELINE_LEFTOVER_WORDS = 3;

/**
 * Reads a line that is essentially a date ("Jun 05, 2026 - 10:19", "Published March 3, 2026 at 4:15 pm EST",
 * "5 June 2026", "2026-06-05T10:19:00Z"). Null for anything else, including sentences that contain a date.
 * A date without a time is midnight UTC of that day, the usual reading of a day-only timestamp.
 */
export function parseDateline(line: string): Dateline | null {
  const match = datelineMatch(line);
  if (!match || match.iso === null) return null;
  const kind = /\b(updated|modified)\b/i.test(line.slice(0, match.index)) ? 'updated' : 'published';
  return { iso: match.iso, kind };
}

/** The date of a line that is essentially a date, whether or not it can be read (05/06/2026 cannot). */
function datelineMatch(line: string): ReturnType<typeof findDate> {
  if (line.length > 120) return null;
  const match = findDate(line);
  if (!match) return null;
  const leftover = textAroundDate(line.replace(DATELINE_LABELS, (w) => ' '.repeat(w.length)), match, DATE_FILLER_WORDS);
  return leftover !== '' && leftover.split(/\s+/).length > MAX_DATELINE_LEFTOVER_WORDS ? null : match;
}

/**
 * A wire story's dateline opening its first paragraph: the place in capitals, then the date, then a dash and the
 * story ("BRUSSELS, June 5, 2026 — The Commission ...", "WASHINGTON, D.C., 5 June 2026 - ..."). Group 1 is the place
 * and date, read as a dateline (parseDateline), so a place of more than a few words is no dateline.
 */
const WIRE_DATELINE = /^(\p{Lu}{2}[\p{Lu}\s.,'’-]*?,\s*[^—–]{4,60}?)\s+(?:—|–|--?)\s+\S/u;

/** The date of a wire dateline opening a paragraph, or null. */
function wireDatelineDate(paragraph: string): Dateline | null {
  const match = WIRE_DATELINE.exec(paragraph);
  return match ? parseDateline(match[1]!) : null;
}

/**
 * A dateline whose date has no single reading ("Posted: 06/05/2026"), or a bare date label: never a headline, and
 * not text either.
 */
function isDateLabel(line: string): boolean {
  return datelineMatch(line) !== null || /^(?:(?:last\s+)?(?:posted|published|updated|modified)|dated?)\s*(?::|on\b)/i.test(line);
}

// ---------------------------------------------------------------------------------------------------------------
// Bylines and names

/** A person's name as a byline or an author box prints it: 1-4 capitalised words, particles allowed. */
const PERSON_NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:de|da|van|von|der|den|del|la|le|bin|al|dos|du)\s+)*\p{Lu}[\p{L}'’.-]*){0,3}`;
const BYLINE = new RegExp(
  String.raw`^(?:written\s+|words\s+)?by\s+(${PERSON_NAME}(?:\s*(?:,|and|&)\s*${PERSON_NAME})*)(?:\s*[|•·—–,]\s*(.*)|\s+on\s+(.*))?$`,
  'iu',
);
/** A byline that names a desk, not a person ("Staff Reports", "From staff reports", "Wire reports"). */
const DESK_BYLINE = /^(?:from\s+)?(?:staff|wire|news)\s+(?:reports?|writers?|services?)$/i;
const PERSON_NAME_LINE = new RegExp(String.raw`^${PERSON_NAME}$`, 'u');

interface Byline {
  name: string;
  /** What follows the name on the same line ("June 5, 2026", "Reuters"). */
  rest: string | null;
}

function parseByline(line: string): Byline | null {
  if (line.length > 120) return null;
  if (DESK_BYLINE.test(line)) return { name: line, rest: null };
  const m = BYLINE.exec(line);
  if (!m) return null;
  // The "i" flag makes \p{Lu} match any letter; make sure the name really is capitalised.
  if (!/^\p{Lu}/u.test(m[1]!)) return null;
  return { name: m[1]!.trim(), rest: (m[2] ?? m[3])?.trim() || null };
}

// ---------------------------------------------------------------------------------------------------------------
// Furniture rules: each says what it catches and why it is not article text.

interface FurnitureRule {
  name: string;
  matches(paragraph: string): boolean;
}

/**
 * A line that reports speech: a quotation and a speech verb ('"We will not pause," she said'), or one that ends in
 * a closing quote. Short as it may be, it is what someone said, the stance scorer's best evidence, not a label.
 */
const SPEECH_VERB =
  /\b(?:said|says|say|told|tells|added|adds|asked|asks|argued|argues|warned|warns|wrote|writes|insisted|insists|replied|replies|explained|explains|noted|notes|stated|states|claimed|claims|according to)\b/i;
const QUOTATION = /["“”«»„]|(?:^|\s)['‘][^'‘’]+['’](?=[\s,.!?]|$)/u;

function isReportedSpeech(paragraph: string): boolean {
  return /["”’»']$/u.test(paragraph) || (QUOTATION.test(paragraph) && SPEECH_VERB.test(paragraph));
}

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
    // runs of a \p{…} class bounded, as elsewhere: V8 runs out of stack on one of millions
    matches: (p) => /^(\p{L}[\p{L}'’]{0,1000})(?:\s+\1)?(?:\s+\p{L}{1,1000})?\s*[:(]?\s*\d[\d.,]*\s*[kKmM]?\)?$/iu.test(p),
  },
  {
    // "Updated: 2 hours ago", "Posted just now": relative to when the page was captured, so not a date and not
    // text.
    name: 'relative-time',
    matches: (p) => RELATIVE_TIME.test(p),
  },
  {
    // Live-blog stamps ("17.42 BST", "10:19 GMT") and bare datelines: they date an entry, they are not text.
    name: 'timestamp',
    matches: (p) => isTimestampLine(p),
  },
  {
    // Comment-section chrome: prompts, counts, "coming soon" placeholders. It describes the page, not the story.
    name: 'comment-block',
    matches: (p) => countWords(p) <= 20 && COMMENT_BLOCK.test(p),
  },
  {
    // The site's copyright line ("© 2026 Example News", "Copyright 2026 Example News. All rights reserved."): it is
    // on every page of the site, never part of the story.
    name: 'copyright',
    matches: (p) => countWords(p) <= 25 && (/^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4})/i.test(p) || /^all rights reserved\.?$/i.test(p)),
  },
  {
    // A breadcrumb trail ("Home > Tech > AI", "News › World"): where the page sits on the site, not the story.
    name: 'breadcrumb',
    matches: (p) => BREADCRUMB.test(p),
  },
  {
    // Share and tool buttons rendered as text.
    name: 'share-widget',
    matches: (p) =>
      /^(?:share(?: this)?(?: article| story| post| page)?(?: on \p{L}+)?|tweet|print|e-?mail|copy link|save(?: for later)?|bookmark|follow us(?: on .*)?|listen(?: to (?:this )?article)?|\d+ min(?:ute)?s? read|advertisement|sponsored(?: content)?|skip to (?:main )?content|continue reading(?: below)?)$/iu.test(p),
  },
  {
    // Cookie and consent banners captured with the page: about the site, never the story.
    name: 'cookie-notice',
    matches: isCookieNotice,
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
    matches: (p) => !BULLET.test(p) && articleWordCount(p) <= 12 && !TERMINAL_PUNCTUATION.test(p) && !isReportedSpeech(p),
  },
  {
    // A single short question standing as its own line is a subheading ("What comes next for global AI
    // governance?"): the paragraph after it answers it.
    name: 'question-subheading',
    matches: (p) => !BULLET.test(p) && countWords(p) <= 12 && /^[^.!?]+\?$/.test(p),
  },
];

/** Two to six short section names joined by `>`, `›`, `»` or `/` between spaces. */
const BREADCRUMB = /^[^\s>›»/][^>›»/]{0,30}(?:\s+[>›»/]\s+[^\s>›»/][^>›»/]{0,30}){1,5}$/u;

function furnitureRuleFor(paragraph: string): FurnitureRule | null {
  return FURNITURE_RULES.find((rule) => rule.matches(paragraph)) ?? null;
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

// ---------------------------------------------------------------------------------------------------------------
// Head: site name, headline, dateline, byline

/** Prose: a real paragraph. The head of a capture ends at the first one. */
function isProse(paragraph: string): boolean {
  const words = articleWordCount(paragraph);
  return (words >= 12 && /[.!?:;"”’)。！？」』]$/.test(paragraph)) || words >= 25;
}

/** A headline: a short line that is not a sentence ending in a full stop, nor a list item or caption. */
function isHeadlineLike(paragraph: string): boolean {
  const words = articleWordCount(paragraph);
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
  // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
  return text.toLowerCase().replace(/[^\p{L}\p{N}]{1,1000}/gu, '');
}

/** A site name is short: a brand of a few words ("Ai Mainstream", "The Verge"). */
const SITE_NAME_MAX_WORDS = 4;
const SITE_NAME_MAX_CHARS = 40;

/** Words a Title Case headline leaves in small letters (articles, conjunctions, prepositions). */
const SMALL_WORDS = new Set(
  'a an the and or nor but so yet as at by for from in into of off on onto out over per than to up upon via with vs v after before about against amid among'.split(' '),
);

/**
 * Written in sentence case: most words after the first, small words aside, start with a small letter ("Critics
 * say a pause would hand rivals the lead"), where a Title Case line capitalises them.
 */
function isSentenceCase(line: string): boolean {
  const words = (line.match(/\p{L}[\p{L}'’-]*/gu) ?? []).slice(1).filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  const small = words.filter((w) => /^\p{Ll}/u.test(w)).length;
  return small >= 2 && small * 2 >= words.length;
}

/**
 * The first line is the site name, not the headline, when it matches the URL's hostname, or when it is a short
 * brand-like line and a longer headline-like line follows it. Without the URL, that line must not be in sentence
 * case: a sentence under a short line is the standfirst under a headline ("AI Pause Backlash" / "Critics say
 * ..."), and taking it for the headline would also make the real headline a site name. A masthead over a
 * sentence-case headline is then read as the title, which at least invents no site name.
 */
function isSiteNameLine(line: string, nextCandidate: string | undefined, url: string | null | undefined): boolean {
  if (countWords(line) > SITE_NAME_MAX_WORDS || line.length > SITE_NAME_MAX_CHARS || /[.!?:]$/.test(line)) return false;
  const name = compact(line);
  if (hostnameLabels(url).some((label) => label === name)) return true;
  return (
    nextCandidate !== undefined &&
    isHeadlineLike(nextCandidate) &&
    countWords(nextCandidate) >= 5 &&
    countWords(nextCandidate) > countWords(line) &&
    !isSentenceCase(nextCandidate)
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
    // "Last updated: June 7, 2026 | Published: June 5, 2026": a dateline of each date
    const parts = p.split(/\s+\|\s+/);
    const datelines = parts.length > 1 ? parts.map(parseDateline) : [];
    if (datelines.length > 0 && datelines.every((part) => part !== null)) {
      for (const part of datelines) recordDate(part!);
      head.consumed.add(i);
      continue;
    }
    const dateline = parseDateline(p);
    if (dateline || isDateLabel(p)) {
      // A dateline is never the headline, even when its date has no single reading ("Posted: 06/05/2026").
      if (dateline) recordDate(dateline);
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
// The cleaner

/** Below this many words the capture is probably a teaser or a cut-off page. */
const PARTIAL_BELOW_WORDS = 80;

/** Key under which two paragraphs count as the same: case, spacing and punctuation ignored. */
function paragraphKey(paragraph: string): string {
  // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
  return paragraph.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]{1,1000}/gu, ' ').trim();
}

/** Cleans a plain-text capture of a news page into an article. Pure: the URL is only echoed and compared. */
export function extractPlainText(text: string, opts: PlainTextOptions = {}): ExtractedArticle {
  try {
    return extractText(text, opts);
  } catch {
    // a bug on exotic input, as extractHtml says: one page or file must never fail its source, let alone a run
    return emptyArticle(opts.url ?? null);
  }
}

function extractText(text: string, opts: PlainTextOptions): ExtractedArticle {
  const url = opts.url ?? null;
  const paragraphs = splitParagraphs(normaliseLines(text));
  const head = readHead(paragraphs, url);

  let body = paragraphs.filter((_, i) => !head.consumed.has(i));
  body = cutTrailingArea(body);
  const paywalled = body.some(isPaywallNotice);
  body = body.filter((p) => !isPaywallNotice(p));
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
  return {
    url,
    canonicalUrl: url,
    // A capture without a headline has no title: a sentence cut from the lead would be an invented one.
    title: withinLimit(head.title, MAX_TITLE_CHARS),
    byline: withinLimit(head.byline, MAX_BYLINE_CHARS),
    // a capture with no date line above the story may carry the date in its wire dateline
    publishedAt: head.publishedAt ?? (body[0] !== undefined && head.modifiedAt === null ? wireDatelineDate(body[0])?.iso ?? null : null),
    modifiedAt: head.modifiedAt,
    lang: guessLanguage(articleText),
    siteName: withinLimit(head.siteName, MAX_OUTLET_CHARS),
    image: null,
    text: articleText,
    partial: paywalled || articleWordCount(articleText) < PARTIAL_BELOW_WORDS,
  };
}
