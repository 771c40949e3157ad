/**
 * Lines that are page furniture whether they come from an HTML page or a plain-text capture of one: the heading
 * that opens the comment area or the "read next" rail, and time stamps. Shared by html/text.ts and plain-text.ts
 * so both extractors cut the same things.
 */
import { countWords } from './count-words.ts';
import { DATE_FILLER_WORDS, findDate } from './date-text.ts';

/** "What's your reaction?" and kin head a row of emoji buttons, not text. */
export const REACTION_PROMPT =
  /^(?:what(?:'|’)?s your (?:reaction|take)|how do you feel about this|did you (?:like|enjoy|find) this|rate this (?:article|story|post)|was this (?:article|story|post) (?:helpful|useful)|how would you rate)\b[^.]*\??$/i;

/** The comment area's name, in the languages of the corpus: alone on a line (with a count) it heads the area. */
const COMMENT_WORD = String.raw`(?:comments?|responses?|replies|kommentare?|commentaires?|comentarios?|comentários?|commenti|commento|reacties|reactie)`;
/** What follows that name on a line of chrome, and no sentence does: the area closed, shown, hidden or hosted. */
const COMMENT_CHROME = String.raw`(?:(?:are|is|have been|now|for this (?:article|story|post))\s+)*(?:closed|disabled|off)|powered by|anzeigen|ausblenden|geschlossen|deaktiviert|fermés|désactivés|chiusi|disattivati|cerrados|desactivados|fechados|desativados|gesloten|uitgeschakeld`;

/**
 * Comment-section chrome: prompts, counts, "coming soon" placeholders, in the languages of the corpus. The area's name
 * is chrome alone on its line (with a count or a colon: "Comments (12)", "Kommentare: 4") or followed by words that
 * close, show or host it ("Comments are now closed", "Kommentare anzeigen", "Comments powered by Disqus"); followed by
 * other words it starts a sentence or a headline: French "comment" is "how" ("Comment vérifier une pause de l'IA ?"),
 * and "Commentaire : …", "Kommentar: …" or "Responses from the labs" head an opinion piece or a section.
 */
export const COMMENT_BLOCK = new RegExp(
  String.raw`^(?:join the (?:discussion|conversation|debate)|discuss this (?:story|article|post)|leave a (?:comment|reply)|post a comment|add (?:a|your) comment|be the first to (?:comment|share|reply|respond)|(?:sign|log) in to (?:comment|reply|join)|subscribe to comment|community comments?|(?:show|view|load|hide) (?:all )?comments|laisser un commentaire|deja (?:un|tu) comentario|deixe (?:um|seu) comentário|lascia un commento|schreiben sie einen kommentar|kommentar schreiben|plaats een reactie|\d+ ${COMMENT_WORD})(?![\p{L}\p{N}])` +
    String.raw`|^${COMMENT_WORD}(?:\s*\(\d+\))?(?:[^\p{L}]{0,20}$|\s+(?:${COMMENT_CHROME})(?![\p{L}\p{N}]))`,
  'iu',
);

/** Headings of the list of other stories that follows an article. */
export const RELATED_LINKS_HEADING =
  /^(?:related(?: articles| stories| posts| news| coverage)?|more (?:from|on|stories|news)\b.*|you (?:may|might) also like|recommended(?: for you| stories)?|read (?:more|next|also)|trending(?: now)?|most (?:read|popular|viewed)|popular (?:posts|stories)|latest (?:news|stories|posts)|lesen sie (?:auch|mehr)|mehr zum thema|das könnte sie auch interessieren|(?:à )?lire aussi|sur le même sujet|lea (?:también|más)|noticias relacionadas|leia (?:também|mais)|leggi anche)$/iu;

/**
 * Trailing marks a heading may carry ("Read next:", "Related »"), looked for from the first of a run only: tried from
 * each mark of a long run (`Comments -----…x`), the search took the run's length squared.
 */
const TRAILING_MARKS = /(?<![\s.:…»›>→|-])[\s.:…»›>→|-]+$/u;

/**
 * A line that opens the comment area, the reaction widget or the related-links rail: once one appears in the
 * latter part of an article, everything after it is that area (reactions, author box, comments, other headlines).
 */
export function opensTrailingArea(line: string): boolean {
  const text = line.replace(TRAILING_MARKS, '');
  if (text === '' || countWords(text) > 6) return REACTION_PROMPT.test(line);
  return REACTION_PROMPT.test(line) || RELATED_LINKS_HEADING.test(text) || COMMENT_BLOCK.test(text);
}

/**
 * A heading that heads a block of comments or of other stories, and nothing else: the block under it is that area
 * wherever it sits on the page. Stricter than opensTrailingArea, which a position in the text backs up: "More on
 * <topic>" also heads a section of an article, and a lone "Comment" or "Kommentar" is the kicker of an opinion piece.
 */
export function headsTrailingBlock(heading: string): boolean {
  const text = heading.replace(TRAILING_MARKS, '');
  if (/^(?:more on\b|comment$|kommentar$)/i.test(text)) return false;
  return opensTrailingArea(heading);
}

/** Where the trailing area may start: past this share of the text's characters. Earlier, only the line goes. */
export const TRAILING_AREA_MIN_POSITION = 0.5;

/** A line that heads the comment area ("24 comments", "Leave a reply", "Kommentare"). */
export function opensCommentArea(line: string): boolean {
  const text = line.replace(TRAILING_MARKS, '');
  return text !== '' && countWords(text) <= 6 && COMMENT_BLOCK.test(text);
}

/**
 * Index of the first line of the trailing area, or `lines.length` when there is none. A heading that opens it
 * counts only past TRAILING_AREA_MIN_POSITION of the text: earlier it is a stray label (a "12 comments" link under
 * the byline, a "Related" box inside the story) and whatever follows is still the article. `isCertain(i)` marks
 * lines whose markup leaves no doubt (an HTML heading over the comments), which open the area wherever they come
 * after some text: a long comment thread would otherwise put its own heading before the middle.
 */
export function trailingAreaStart(lines: readonly string[], isCertain: (i: number) => boolean = () => false): number {
  const total = lines.reduce((n, p) => n + p.length, 0);
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if ((seen > total * TRAILING_AREA_MIN_POSITION || (seen > 0 && isCertain(i))) && opensTrailingArea(line)) return i;
    seen += line.length;
  }
  return lines.length;
}

/** Cuts the trailing area (comments, reactions, other headlines) off a list of paragraphs. */
export function cutTrailingArea(paragraphs: string[]): string[] {
  return paragraphs.slice(0, trailingAreaStart(paragraphs));
}

/**
 * "Updated: 2 hours ago", "2 min ago", "Posted just now": relative to when the page was seen, so neither a date
 * nor text.
 */
export const RELATIVE_TIME =
  /^(?:(?:last\s+)?updated|posted|published|edited|modified)?\s*:?\s*(?:(?:\d+|an?|one|a few)\s*(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year|[smhd])s?\s+ago|just now|yesterday|today)\.?$/i;

/** A clock time as live blogs and datelines print it: "17.42", "10:19", "9.05pm", "10:19:30 a.m.". */
const CLOCK = String.raw`\d{1,2}[.:h]\d{2}(?:[.:]\d{2})?(?:\s*[aApP]\.?[mM]\.?)?`;
/** A zone after it: an upper-case abbreviation ("BST", "ET", "CEST"), "GMT+1", an offset, or "Uhr". */
const CLOCK_ZONE = String.raw`(?:\s*(?:\(?[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?\)?|[+-]\d{2}:?\d{2}|Uhr))?`;
const LABEL = String.raw`(?:(?:last\s+)?(?:updated|posted|published|modified)\s*:?\s*)?`;
const CLOCK_LINE = new RegExp(String.raw`^${LABEL}${CLOCK}${CLOCK_ZONE}$`);
const CLOCK_ANYWHERE = new RegExp(String.raw`(?:^|\s|,)${CLOCK}${CLOCK_ZONE}(?=$|\s|,)`, 'g');

/**
 * A paragraph that is only a time stamp: a clock time ("17.42 BST", "10:19 GMT"), a relative time ("2 min ago"),
 * or a date with at most a time and a label ("Updated: Fri 5 Jun 2026 10.19 BST"). Live blogs put one above
 * every entry; it dates the entry, it is not text, and the article's date comes from its metadata.
 */
export function isTimestampLine(line: string): boolean {
  const text = line.trim();
  if (text.length > 80) return false;
  if (CLOCK_LINE.test(text) || RELATIVE_TIME.test(text)) return true;
  const date = findDate(text);
  if (!date) return false;
  const rest = `${text.slice(0, date.index)} ${text.slice(date.index + date.length)}`
    .replace(/^\s*(?:(?:last\s+)?(?:updated|posted|published|modified)\b)/i, ' ')
    .replace(CLOCK_ANYWHERE, ' ')
    .replace(DATE_FILLER_WORDS, ' ')
    .replace(/\b(?:[A-Z]{1,4}T|UTC)\b/g, ' ') // a zone after a date without a time, which the date pattern leaves ("June 5, 2026 ET")
    // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
    .replace(/[^\p{L}\p{N}]{1,1000}/gu, ' ')
    .trim();
  return rest === '';
}

/**
 * A paywall's notice that the page stops short of the article ("This article is for subscribers only", "Subscribe
 * to continue reading"): not text, and the sign that what was read is partial.
 */
const PAYWALL_NOTICE =
  /^(?:this (?:article|story|content|piece) is (?:for|available to|exclusive to|only (?:for|available to)) (?:paying |premium )?(?:subscribers|members)(?: only)?|(?:subscribe|sign in|log in|register) to (?:continue|keep) reading|to (?:continue|keep) reading,? (?:please )?(?:subscribe|sign in|log in|register)|(?:you(?:'|’)ve|you have) (?:reached|used) (?:your|all your) (?:limit of )?free (?:articles?|stories)|the rest of this (?:article|story) is (?:for|available to) (?:subscribers|members)|(?:already a subscriber|not a subscriber)\?.*(?:log|sign) in)\b/i;

export function isPaywallNotice(paragraph: string): boolean {
  return countWords(paragraph) <= 30 && PAYWALL_NOTICE.test(paragraph.trim());
}

/**
 * A cookie or consent banner: about the site, never the story. "We and our partners store and/or access information
 * on a device, such as cookies" is the wording of the IAB's consent framework, which most consent banners use; its
 * other paragraph ("precise geolocation data and identification through device scanning", "consent to our and our
 * 842 partners' processing") names no cookies, and a consent wall of both was stored as the article.
 */
const COOKIE_NOTICE =
  /\b(?:we|this (?:site|website)) uses? cookies\b|\b(?:accept|manage|reject) (?:all )?cookies\b|\bcookie (?:policy|settings|preferences)\b|\bby continuing to (?:use|browse)\b.*\b(?:cookies|privacy)\b|^we and our (?:\d+ )?(?:partners|vendors)\b.*\bcookies\b|\b(?:consent to our and our (?:\d+ )?(?:partners|vendors)|precise geolocation data and identification through device scanning|change your preferences before consenting|store and\/or access information on a device|the storing of cookies on your device)\b/i;

/**
 * Words in quotation marks: an article quoting a banner's words ("Reject all cookies", a campaigner's "this site uses
 * cookies to stop duplicate signatures") is not the banner, whose own words are its sentences. (A banner's quoted button
 * name, OneTrust's "By clicking “Accept All Cookies”, you agree to the storing of cookies on your device", leaves its
 * sentence to say what it is.)
 */
// (a closing ’ followed by a letter is an apostrophe: ‘Don’t accept all cookies’)
const QUOTED = /“[^“”]*”|„[^„“”]*[“”]|«[^«»]*»|‘[^‘]*?’(?!\p{L})|"[^"]*"/gu;

/** A banner's own instruction, opening it, to press one of its buttons ("Click “Accept all cookies” to …"): its quotes are its buttons. */
const BUTTON_INSTRUCTION = /^(?:please )?(?:click|select|tap|press|choose)(?: on)? ["“‘„«]/i;

export function isCookieNotice(paragraph: string): boolean {
  if (countWords(paragraph) > 60) return false;
  return COOKIE_NOTICE.test(BUTTON_INSTRUCTION.test(paragraph) ? paragraph : paragraph.replace(QUOTED, '…'));
}
