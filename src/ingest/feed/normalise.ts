/**
 * Normalisation shared by every feed format: dates to UTC ISO-8601 (a date without a time to `YYYY-MM-DD`), URLs to absolute form, text cleanup,
 * author names, and the identity ladder for items.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import iconv from 'iconv-lite';
import { repairMojibake } from '../../extract/mojibake.ts';
import { formatNames } from '../../model/byline.ts';
import type { FeedItem } from '../../model/index.ts';
import { namesPrivateAddress } from '../fetch.ts';
import { decodedEscapes } from '../url-display.ts';
import { MAX_XML_BASE_CHARS, XmlBases } from './xml-scan.ts';

const require = createRequire(import.meta.url);
// `entities` is the HTML entity table cheerio and rss-parser use (installed with both).
const { decodeHTML, decodeHTMLAttribute } = require('entities') as { decodeHTML(text: string): string; decodeHTMLAttribute(text: string): string };

// ---------------------------------------------------------------------------------------------------------------
// Text

/** Decodes HTML character references (named, decimal, hex), as HTML does, including `&nbsp;` → U+00A0. */
export function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

/**
 * Decodes character references in an HTML attribute value as browsers do: a legacy entity written without `;`
 * stays as written before `=` or a letter or digit, so `?id=7&section=world` keeps its `&section` (text decoding
 * would make it `§ion`). For URLs in markup; a URL the XML parser already decoded must not be decoded again.
 */
export function decodeAttributeEntities(value: string): string {
  return value.includes('&') ? decodeHTMLAttribute(value) : value;
}

/**
 * Control characters no reader can see (C0 but tab, line feed, carriage return and form feed, which are white space;
 * DEL; C1), and the noncharacters U+FFFE and U+FFFF, which XML forbids as it does C0 (a byte-swapped BOM in a
 * title): a raw 0x1A byte or `&#x1A;` in a title came out as U+001A.
 */
const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]/g;
const HAS_CONTROL_CHARACTER = new RegExp(CONTROL_CHARACTERS.source);

/** The text without control characters (see CONTROL_CHARACTERS); most text has none, and is returned as it is. */
export function withoutControlCharacters(text: string): string {
  return HAS_CONTROL_CHARACTER.test(text) ? text.replace(CONTROL_CHARACTERS, '') : text;
}

/**
 * Windows-1252's character for each C1 code point (U+0080 to U+009F), '' for the five it leaves undefined. A C1
 * control in a feed's text is a Windows-1252 byte read as Latin-1 somewhere upstream, or a numeric reference
 * (`It&#146;s 9&#150;5`) that XML decodes to the code point where HTML, whose convention feeds' text follows, decodes
 * it to Windows-1252's character (as `&#150;` inside CDATA already is): either way the character was meant.
 */
const WINDOWS_1252_C1 = Array.from({ length: 0x20 }, (_v, i) => {
  // iconv-lite, not TextDecoder: Node's 'windows-1252' decoder reads these bytes as Latin-1 (the C1 controls)
  const character = iconv.decode(Buffer.of(0x80 + i), 'windows-1252');
  return character === '\ufffd' ? '' : character;
});
const C1_CONTROL = /[\x80-\x9f]/g;
const HAS_C1_CONTROL = /[\x80-\x9f]/;

/** The text with its C1 controls read as Windows-1252's characters (WINDOWS_1252_C1); most text has none. */
function withC1AsWindows1252(text: string): string {
  return HAS_C1_CONTROL.test(text) ? text.replace(C1_CONTROL, (c1) => WINDOWS_1252_C1[c1.charCodeAt(0) - 0x80]!) : text;
}

/**
 * Text or markup from a feed as a reader should get it: UTF-8 that went through a legacy code page upstream
 * ("Itâ€™s") repaired, C1 controls read as the Windows-1252 characters they stood for (WINDOWS_1252_C1), then the
 * other control characters removed (in that order: the repair reads a C1 control as the byte it stood for in a
 * sequence of them). Every text and HTML field goes through this, directly or through cleanText and htmlToText.
 */
export function repairDecodedText(text: string): string {
  return MAY_NEED_REPAIR.test(text) ? withoutControlCharacters(withC1AsWindows1252(repairMojibake(text))) : text;
}

/**
 * Where repairDecodedText may have work to do: a control character (CONTROL_CHARACTERS), or two non-ASCII code units
 * in a row (where repairMojibake starts to look: its `[^\x00-\x7f]{2}`). A text without either, as most feed bodies
 * are (prose with a lone “ or —), is returned as it is after one search rather than two. One class leads the pattern
 * (a control or any non-ASCII code unit), and the rest is checked only after a character of it: the text is read
 * once, in a third less time than the two searches took (tests/ingest/feed-text-equivalence.test.ts holds the result
 * to the two steps').
 */
const MAY_NEED_REPAIR = /[\x00-\x08\x0b\x0e-\x1f\x7f-\uffff](?:(?<=[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff])|[^\x00-\x7f])/;

/**
 * Where collapseWhitespace may have work to do: a control character, white space other than a space, U+00A0, or two
 * spaces. Searched for as two patterns, a class and a pair of spaces: each is found natively far faster than the
 * alternation of both, which is tried at every position.
 */
const NEEDS_COLLAPSING_CHARACTER = /[\x00-\x1f\x7f-\xa0\u2028\u2029\ufffe\uffff]/g;

/**
 * Collapses runs of white space, removes control characters and trims, as
 * `withoutControlCharacters(text).replace(/[ \t\n\r\f\u2028\u2029]{2,}|[\t\n\r\f\u2028\u2029]|\u00a0{2,}/g, ' ').trim()`
 * does: a run of white space becomes a space, and so does a lone character other than a space; U+2028 and U+2029 are
 * line breaks; a lone U+00A0 is content ("10\u00a0km"), a run of them is spacing. Made in one scan that copies the
 * text between the places it needs to change in slices, which is faster than that replace (it tried its pattern at
 * every space); tests/ingest/feed-text-equivalence.test.ts holds the two to the same results.
 */
export function collapseWhitespace(text: string): string {
  const length = text.length;
  // The next NEEDS_COLLAPSING_CHARACTER and the next two spaces, each searched for again only once passed. Found in
  // the loop rather than by a closure: under tsx, whose esbuild keeps names, a closure made per call also costs a
  // defineProperty of its name per call.
  let nextCharacter = -1;
  let nextSpaces = -1;
  let out = '';
  let copied = 0; // text before this index is in `out`, or was dropped
  let done = 0; // text before this index has been dealt with
  for (;;) {
    if (nextCharacter !== length && nextCharacter < done) {
      NEEDS_COLLAPSING_CHARACTER.lastIndex = done;
      nextCharacter = NEEDS_COLLAPSING_CHARACTER.test(text) ? NEEDS_COLLAPSING_CHARACTER.lastIndex - 1 : length;
    }
    if (nextSpaces !== length && nextSpaces < done) {
      const spaces = text.indexOf('  ', done);
      nextSpaces = spaces === -1 ? length : spaces;
    }
    // the index just past the first place at or after `done` that may need work
    let found: number;
    if (nextCharacter < nextSpaces) found = nextCharacter + 1;
    else if (nextSpaces < length) found = nextSpaces + 2;
    else break;
    let start = text.charCodeAt(found - 1) === 0x20 ? found - 2 : found - 1;
    // a lone space or U+00A0 just before begins the run: " \n" is one, and so is "\u00a0\x01\u00a0" once the control goes
    const before = text.charCodeAt(start - 1);
    if (start > done && (before === 0x20 || before === 0xa0)) start--;
    const code = text.charCodeAt(start);
    let end = start + 1;
    if (isControlCharacter(code)) {
      out += text.slice(copied, start);
      copied = end;
    } else {
      // a run of white space or of U+00A0, control characters in it dropped
      const nbsp = code === 0xa0;
      let count = 1;
      let controls = false;
      for (; end < length; end++) {
        const next = text.charCodeAt(end);
        if (nbsp ? next === 0xa0 : isCollapsibleWhitespace(next)) count++;
        else if (isControlCharacter(next)) controls = true;
        else break;
      }
      if (count > 1 || (!nbsp && code !== 0x20)) {
        out += text.slice(copied, start) + ' ';
        copied = end;
      } else if (controls) {
        // a lone space or U+00A0 stays as it is, without the control characters after it
        out += text.slice(copied, start + 1);
        copied = end;
      }
    }
    done = end;
  }
  return (copied === 0 ? text : out + text.slice(copied)).trim();
}

/** Whether the code unit is one of CONTROL_CHARACTERS. */
function isControlCharacter(code: number): boolean {
  return code <= 0x08 || code === 0x0b || (code >= 0x0e && code <= 0x1f) || (code >= 0x7f && code <= 0x9f) || code >= 0xfffe;
}

/** Whether the code unit is white space collapseWhitespace collapses in runs (U+00A0 aside). */
function isCollapsibleWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c || code === 0x2028 || code === 0x2029;
}

/**
 * Tags that end a line or a block where a browser shows them: they become a space, so `One.</p><p>Two.` and
 * `Line one<br>Line two` keep their words apart. Other tags (`<b>`, `<a>`) go without one: `<b>W</b>ord` is a word.
 */
const BREAKING_TAG_NAMES = new Set([
  'br', 'p', 'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'hr', 'table', 'tr', 'td',
  'th', 'section', 'article', 'header', 'footer', 'figure', 'figcaption', 'aside', 'nav',
]);

/** BREAKING_TAG_NAMES by length, for isBreakingTagName. */
const BREAKING_TAG_NAMES_BY_LENGTH: string[][] = [];
for (const name of BREAKING_TAG_NAMES) (BREAKING_TAG_NAMES_BY_LENGTH[name.length] ??= []).push(name);

/**
 * Whether `markup.slice(start, end)`, a tag name of ASCII letters and digits, is one of BREAKING_TAG_NAMES in any
 * case: `BREAKING_TAG_NAMES.has(markup.slice(start, end).toLowerCase())` without making the two strings, once per tag.
 * A letter's code with 0x20 set is its small letter's, and a digit's is its own.
 */
function isBreakingTagName(markup: string, start: number, end: number): boolean {
  const names = BREAKING_TAG_NAMES_BY_LENGTH[end - start];
  if (names === undefined) return false;
  for (const name of names) {
    let k = 0;
    while (k < name.length && (markup.charCodeAt(start + k) | 0x20) === name.charCodeAt(k)) k++;
    if (k === name.length) return true;
  }
  return false;
}

/** The start of a script or a style sheet, whose content no reader sees as text, or of a comment or CDATA section. */
const SCRIPT_OR_STYLE_START = /<(script|style)[\s/>]/i;
const SECTION_OR_HIDDEN_START = /<!--|<!\[CDATA\[|<(script|style)[\s/>]/gi;

/**
 * The markup with each script and style sheet, from its start tag to its end tag, as a space: a feed's HTML carries
 * embeds' code and, from WordPress, a gallery's style sheet (`#gallery-1 { margin: auto; }`), which read as words.
 * One left unended is only its tag (a browser would hide the rest, but a title's "<script> tips" would be lost). A
 * start tag inside a comment or CDATA section starts nothing: those are read later, as they were.
 */
function withoutScriptsAndStyles(html: string): string {
  if (!SCRIPT_OR_STYLE_START.test(html)) return html;
  const start = new RegExp(SECTION_OR_HIDDEN_START.source, 'gi');
  const unended = new Set<string>();
  let out = '';
  let copied = 0;
  for (let found = start.exec(html); found !== null; found = start.exec(html)) {
    if (found[1] === undefined) {
      // a comment or CDATA section: passed over whole; one never ended is text, and the search goes on after its start
      const close = html.indexOf(found[0] === '<!--' ? '-->' : ']]>', start.lastIndex);
      if (close !== -1) start.lastIndex = close + 3;
      continue;
    }
    const name = found[1].toLowerCase();
    // searched once a name: a later start of it has no end tag either
    if (unended.has(name)) continue;
    const endTag = new RegExp(`</${name}(?=[\\s/>]|$)`, 'gi');
    endTag.lastIndex = start.lastIndex;
    const end = endTag.exec(html);
    if (end === null) {
      unended.add(name);
      continue;
    }
    const closed = html.indexOf('>', end.index);
    out += `${html.slice(copied, found.index)} `;
    copied = closed === -1 ? html.length : closed + 1;
    start.lastIndex = copied;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/**
 * Plain text of an HTML fragment: scripts and style sheets dropped (withoutScriptsAndStyles), tags dropped (line and
 * block breaks as spaces), entities decoded, whitespace collapsed. The result is that of replacing comments, CDATA
 * sections, BREAKING_TAG and TAG one after the other (see withoutSections and replaceTags), then decodeEntities and
 * collapseWhitespace; most fragments have no "<!", and their tags are dropped in one scan.
 */
export function htmlToText(fragment: string): string {
  const html = withoutScriptsAndStyles(fragment);
  let withoutTags = withoutTagsInOneScan(html, true);
  if (withoutTags === null) {
    // comments and CDATA sections first (both start with "<!", which most fragments lack), then tags
    const markup = html.includes('<!') ? withoutSections(withoutSections(html, '<!--', '-->', false), '<![CDATA[', ']]>', true) : html;
    withoutTags = withoutTagsInOneScan(markup, false) ?? replaceTags(replaceTags(markup, true), false);
  }
  return collapseWhitespace(decodeEntities(withoutTags));
}

/**
 * The markup with breaking tags (BREAKING_TAG) as spaces and other tags (TAG) dropped, in one scan: the same as
 * replacing the two patterns one after the other (tests/ingest/feed-text-equivalence.test.ts). Null when the markup
 * has a `<` where the two could differ: inside a tag (`<a title="<br>">`, whose `<br>` the first pattern replaces
 * on its own), or opening a tag that never ends (`a<b`, which the first pattern's replacement could complete).
 * Otherwise every `<` is text or starts a tag both patterns read alike, so the result is theirs. Null as well, with
 * `stopAtBang`, at a `<!` (a comment or CDATA section may begin there, to be dealt with first).
 */
function withoutTagsInOneScan(markup: string, stopAtBang: boolean): string | null {
  const length = markup.length;
  let out = '';
  let copied = 0; // markup before this index is in `out`, or was a tag
  for (let open = markup.indexOf('<'); open !== -1; ) {
    // the next '<': where this tag must have ended (a '<' inside it, in quotes or not, makes the scan fail), and
    // where the search goes on after it
    const next = markup.indexOf('<', open + 1);
    let i = open + 1;
    let code = markup.charCodeAt(i);
    if (code === 0x21 /* ! */ && stopAtBang) return null;
    if (code === 0x2f /* / */) code = markup.charCodeAt(++i);
    if (!isAsciiLetter(code)) {
      open = next; // text, as in "a < b" or "<3"
      continue;
    }
    const nameStart = i;
    do code = markup.charCodeAt(++i);
    while (isAsciiLetter(code) || (code >= 0x30 && code <= 0x39));
    // a breaking tag's name is followed by white space (\s), '/' or '>'
    const breaking = (code === 0x2f || code === 0x3e || isPatternSpace(code)) && isBreakingTagName(markup, nameStart, i);
    // to the first '>' outside quotes, before the next '<'; a quoted value is passed with one search for its end
    const limit = next === -1 ? length : next;
    for (;;) {
      if (i >= limit) return null;
      code = markup.charCodeAt(i);
      if (code === 0x3e /* > */) break;
      if (code === 0x22 /* " */ || code === 0x27 /* ' */) {
        const close = markup.indexOf(code === 0x22 ? '"' : "'", i + 1);
        if (close === -1 || close > limit) return null;
        i = close;
      }
      i++;
    }
    out += breaking ? markup.slice(copied, open) + ' ' : markup.slice(copied, open);
    copied = i + 1;
    open = next;
  }
  return copied === 0 ? markup : out + markup.slice(copied);
}

/**
 * `markup` with each section from `open` to the first `close` after it removed, or replaced by what it encloses
 * (`keepInside`): `markup.replace(/<!--[\s\S]*?-->/g, '')` and `.replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')`, in
 * linear time. Those patterns scan from every opening to the end of the text when no close follows: a feed title of
 * `<!--` repeated over a megabyte took minutes. Once one opening has no close after it, no later one has.
 */
function withoutSections(markup: string, open: string, close: string, keepInside: boolean): string {
  let out = '';
  let copied = 0;
  for (let start = markup.indexOf(open); start !== -1; start = markup.indexOf(open, copied)) {
    const end = markup.indexOf(close, start + open.length);
    if (end === -1) break;
    out += markup.slice(copied, start) + (keepInside ? markup.slice(start + open.length, end) : '');
    copied = end + close.length;
  }
  return copied === 0 ? markup : out + markup.slice(copied);
}

/**
 * `markup.replace(BREAKING_TAG, ' ')` (`breaking`), else `markup.replace(TAG, '')`, where TAG is
 * `/<\/?[A-Za-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/g` and BREAKING_TAG the same for a start or end tag of one of
 * BREAKING_TAG_NAMES in any case, its name followed by `(?=[\s/>])`: tags dropped, quoted attribute values (which may
 * hold '>') skipped as units. In linear time: the patterns themselves scan from every '<' to the end of the text when the tag
 * never ends, and a feed title of `<p "x" ` repeated over 160 KB took 11 s (a 10 MB one, hours), all of it holding
 * the event loop and with it every timeout of the run. The scan from a '<' to its '>' is deterministic, so a place
 * outside quotes from which one scan failed fails every later scan that reaches it: such places are marked and a
 * scan stops there. A later scan never reaches the places of one that succeeded, which it starts after.
 */
function replaceTags(markup: string, breaking: boolean): string {
  const length = markup.length;
  /** 1 where a failed scan passed outside quotes. */
  const deadEnd = new Uint8Array(length + 1);
  let out = '';
  let copied = 0;
  for (let open = markup.indexOf('<'); open !== -1; open = markup.indexOf('<', open + 1)) {
    let i = open + 1;
    if (markup.charCodeAt(i) === 0x2f /* / */) i++;
    if (breaking) {
      // a name of BREAKING_TAG_NAMES, then white space (\s), '/' or '>'
      const nameStart = i;
      let code = markup.charCodeAt(i);
      while (isAsciiLetter(code) || (code >= 0x30 && code <= 0x39)) code = markup.charCodeAt(++i);
      if (!(code === 0x2f || code === 0x3e || isPatternSpace(code)) || !isBreakingTagName(markup, nameStart, i)) continue;
    } else {
      if (!isAsciiLetter(markup.charCodeAt(i))) continue;
      i++;
    }
    const end = tagEnd(markup, i, deadEnd);
    if (end === -1) continue;
    out += markup.slice(copied, open) + (breaking ? ' ' : '');
    copied = end + 1;
    open = end;
  }
  return copied === 0 ? markup : out + markup.slice(copied);
}

/** The index of the '>' that ends a tag whose attributes start at `from` (the first outside quotes), or -1. */
function tagEnd(markup: string, from: number, deadEnd: Uint8Array): number {
  const length = markup.length;
  let i = from;
  let end = -1;
  const start = i;
  for (;;) {
    if (i >= length || deadEnd[i] === 1) break;
    const code = markup.charCodeAt(i);
    if (code === 0x3e /* > */) {
      end = i;
      break;
    }
    if (code === 0x22 /* " */ || code === 0x27 /* ' */) {
      const close = markup.indexOf(code === 0x22 ? '"' : "'", i + 1);
      if (close === -1) break;
      // marked now: the places inside quotes are not this scan's outside places, and stay unmarked
      deadEnd[i] = 2;
      i = close + 1;
      continue;
    }
    deadEnd[i] = 2;
    i++;
  }
  // what this scan passed outside quotes: dead ends when it failed; a success is never reached again
  if (end === -1) {
    for (let k = start; k < i; k++) if (deadEnd[k] === 2) deadEnd[k] = 1;
  } else {
    for (let k = start; k < i; k++) if (deadEnd[k] === 2) deadEnd[k] = 0;
  }
  return end;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** Whether the code unit is white space to a regular expression's \s (WhiteSpace and LineTerminator). */
function isPatternSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** Escapes text for inclusion in HTML, so plain-text summaries fit the HTML `summary`/`content` fields. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The names of HTML's elements, those it no longer defines included (`<center>`, `<font>`, `<nobr>`). */
const HTML_ELEMENT =
  '(?:a|abbr|acronym|address|applet|area|article|aside|audio|b|base|basefont|bdi|bdo|bgsound|big|blink|blockquote|body|br|button|' +
  'canvas|caption|center|cite|code|col|colgroup|data|datalist|dd|del|details|dfn|dialog|dir|div|dl|dt|em|embed|fieldset|' +
  'figcaption|figure|font|footer|form|frame|frameset|h[1-6]|head|header|hgroup|hr|html|i|iframe|img|input|ins|kbd|label|' +
  'legend|li|link|main|map|mark|marquee|math|menu|meta|meter|nav|nobr|noembed|noframes|noscript|object|ol|optgroup|option|' +
  'output|p|param|picture|pre|progress|q|rp|rt|ruby|s|samp|script|section|select|small|source|span|strike|strong|style|sub|' +
  'summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|track|tt|u|ul|var|video|wbr|xmp)';

/** The elements a title's markup uses inline, whose start tag alone (`Line<br>`, `<b/>`) is markup. */
const INLINE_TITLE_ELEMENT = '(?:a|abbr|b|big|br|cite|code|em|font|i|img|mark|q|s|small|span|strike|strong|sub|sup|tt|u|wbr)';

/**
 * What a title holding HTML has: a comment or a CDATA section (one escaped twice), an element's end tag (or a
 * prefixed one's, Word's `</o:p>`), an element's start tag with an attribute (`<span class="x">`, `<svg/onload=…>`),
 * or an inline element's start tag alone (`Line<br>`). A title without any is text that uses angle brackets (`Java
 * List<String> tips`, `List<Map>`, `Style the <select> element`, `The <AI> Act`, `If a<b and c>d`), whose brackets
 * are its words, as feedparser decides by its own list of elements.
 */
const HTML_IN_TITLE = new RegExp(
  `<!--|<!\\[CDATA\\[|</(?:${HTML_ELEMENT}|[a-z]+:[a-z]+)\\s*>|<${HTML_ELEMENT}[\\s/]+[\\w:-]+\\s*=|<${INLINE_TITLE_ELEMENT}\\s*/?>`,
  'i',
);

/**
 * A title that may hold HTML (an RSS title, an Atom `type="html"` one) as text: its tags dropped when it holds HTML
 * (HTML_IN_TITLE), else kept as the words they are, and its entities decoded; null when nothing is left.
 */
export function titleOfHtml(html: string): string | null {
  const text = HTML_IN_TITLE.test(html) ? htmlToText(html) : collapseWhitespace(decodeEntities(html));
  return text === '' ? null : text;
}

/**
 * A title that may hold HTML as text, read as an RSS title is (titleOfHtml), repaired as every text field is. Formats
 * whose titles are plain text by their spec (a news sitemap's, a JSON Feed's) are filled with HTML by their
 * generators all the same ("Senators <em>back</em> a pause").
 */
export function htmlTitleText(value: string): string | null {
  return titleOfHtml(repairDecodedText(value));
}

/**
 * A text field (title, author, category) as people read it; null when nothing is left. UTF-8 that went through a
 * legacy code page upstream ("JosÃ© GarcÃ­a") is repaired as titles, bodies and article text are.
 */
export function cleanText(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = collapseWhitespace(withC1AsWindows1252(repairMojibake(decodeEntities(value))));
  return text === '' ? null : text;
}

// ---------------------------------------------------------------------------------------------------------------
// URLs

/** Schemes that run code or embed content; a feed link or base with one is dropped (feedparser does the same). */
const UNSAFE_SCHEME = /^\s*(javascript|vbscript|data):/i;

/**
 * Whether a reference names an unsafe scheme (UNSAFE_SCHEME) as URL parsers read it: they drop tabs and line breaks
 * anywhere and C0 controls and spaces in front, so `java&#9;script:` and a NUL before `javascript:` are javascript:.
 */
function namesUnsafeScheme(ref: string): boolean {
  return UNSAFE_SCHEME.test(ref.replace(/[\t\n\r]/g, '').replace(/^[\x00-\x20]+/, ''));
}

/** A base URL is only trusted when it is absolute http(s); others (e.g. a `javascript:` Content-Location) are ignored. */
export function isUsableBase(url: string | null | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url.trim());
}

/**
 * WHATWG URL percent-encodes non-ASCII path characters; feeds (and feedparser) keep IRIs readable, so encoded
 * sequences that stand for non-ASCII characters are turned back into those characters: not those that show nothing
 * or lie about the text around them (NOT_SHOWN_IN_IRI), which stay escaped.
 */
function keepIriCharacters(url: string): string {
  return url.replace(/(?:%[C-F][0-9A-F](?:%[89AB][0-9A-F]){1,3})+/gi, (escapes) => {
    const decoded = decodedEscapes(escapes);
    return decoded === escapes || !NOT_SHOWN_IN_IRI.test(decoded) ? decoded : decoded.replace(NOT_SHOWN_IN_IRI_ALL, encodeURIComponent);
  });
}

/**
 * Characters a link must not carry raw (RFC 3987 §4.1 and the `ucschar` it allows): C1 controls, spaces (U+00A0,
 * U+2000-U+200A, U+3000, ...), invisible formatting (the soft hyphen, zero-width characters, U+FEFF, the tag
 * characters) and the bidirectional marks and controls, which reorder what a terminal or the digest shows around them
 * (U+202E, U+061C), and noncharacters.
 */
const NOT_SHOWN_IN_IRI = /[\u0080-\u00A0\u00AD\u061C\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFDD0-\uFDEF\uFEFF\uFFF0-\uFFFF\u{E0000}-\u{E007F}]/u;
const NOT_SHOWN_IN_IRI_ALL = new RegExp(NOT_SHOWN_IN_IRI.source, 'gu');

/**
 * Fast path for resolveUrl. Most links in a feed are either absolute http(s) URLs that are already in WHATWG
 * normal form, or root-relative paths; for those, parsing with `new URL` returns the input (resp. origin + path)
 * unchanged, and costs a third of normalising a large feed. "Normal form" is checked conservatively: lower-case
 * ASCII host without punycode or a numeric last label (IPv4 parsing), no port or userinfo, and a path, query and
 * fragment made only of characters the URL parser leaves alone, without dot segments (also not as %2e).
 */
const NORMAL_ABSOLUTE_HEAD = /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?=\/)/;
const NORMAL_PATH_AND_REST =
  /^(?![^?#]*(?:\/\.{1,2}(?:[/?#]|$)|%2e))\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@%/]*(?:\?[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*)?(?:#[A-Za-z0-9\-._~!$&()*+,;=:@%/?#]*)?$/i;
/** Origin of the last base seen: one document resolves thousands of links against the same base. */
let lastBase: { base: string; origin: string | null } = { base: '', origin: null };

function resolveNormalUrl(ref: string, base: string | undefined): string | null {
  const head = NORMAL_ABSOLUTE_HEAD.exec(ref);
  if (head) return !head[0].includes('xn--') && NORMAL_PATH_AND_REST.test(ref.slice(head[0].length)) ? ref : null;
  if (!base || ref.charCodeAt(0) !== 0x2f /* / */ || !NORMAL_PATH_AND_REST.test(ref)) return null;
  if (lastBase.base !== base) {
    let origin: string | null = null;
    try {
      const parsed = new URL(base);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') origin = parsed.origin;
    } catch {
      // not a usable base: the slow path decides
    }
    lastBase = { base, origin };
  }
  return lastBase.origin === null ? null : lastBase.origin + ref;
}

// ---------------------------------------------------------------------------------------------------------------
// Aggregators' links and outlets

/**
 * Click-through links news searches wrap an article's address in, by host, path and the parameters that may hold the
 * address, in order: Bing News's `http://www.bing.com/news/apiclick.aspx?ref=FexRss&...&url=<article>&...`, and
 * Google's `https://www.google.com/url?rct=j&sa=t&url=<article>&ct=ga&...` (Google Alerts' feeds; `q=` in older ones).
 */
const CLICK_THROUGH_LINKS: readonly { hosts: ReadonlySet<string>; path: string; parameters: readonly string[] }[] = [
  { hosts: new Set(['bing.com', 'www.bing.com']), path: '/news/apiclick.aspx', parameters: ['url'] },
  { hosts: new Set(['google.com', 'www.google.com']), path: '/url', parameters: ['url', 'q'] },
];

/**
 * The article a news search's click-through link stands for (see CLICK_THROUGH_LINKS): the outlet's own page, which
 * the item is then linked to, identified by and fetched at, as if the feed had linked it. Null (the link stays as it
 * is) for any other host, port or path, and when the parameter is missing, given twice with two values, or is not an
 * absolute http(s) URL, or names a private, loopback, link-local, metadata or unspecified address by its IP (in any
 * form the URL parser reads as one) or `localhost`. A host name that resolves to such an address is refused where
 * every other link of a feed is, by the fetch layer when the page is asked for (fetch.ts): the unwrapped link is the
 * item's link, with no trust of its own.
 */
export function unwrapNewsSearchLink(link: string): string | null {
  let click: URL;
  try {
    click = new URL(link.trim());
  } catch {
    return null;
  }
  if (click.protocol !== 'http:' && click.protocol !== 'https:') return null;
  if (click.port !== '' || click.username !== '' || click.password !== '') return null;
  const form = CLICK_THROUGH_LINKS.find(({ hosts, path }) => hosts.has(click.hostname) && click.pathname.toLowerCase() === path);
  if (form === undefined) return null;
  for (const parameter of form.parameters) {
    const targets = new Set<string>();
    for (const [name, value] of click.searchParams) if (name.toLowerCase() === parameter) targets.add(value.trim());
    if (targets.size === 0) continue;
    const [target] = targets;
    const article = targets.size === 1 && target !== undefined ? absoluteHttpUrl(target) : null;
    if (article === null || isLocalHost(article.hostname)) return null;
    return resolveUrl(target, null) ?? article.href;
  }
  return null;
}

/** Whether a URL's host names a private or local address outright (see namesPrivateAddress), a trailing dot aside. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/\.$/, '').toLowerCase();
  return host === '' || namesPrivateAddress(host);
}

/** `text` parsed when it is an absolute http(s) URL, else null. */
export function absoluteHttpUrl(text: string): URL | null {
  if (!/^https?:\/\//i.test(text)) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
}

/** The most characters of an outlet's address kept: a longer one is dropped, not cut (a cut URL names another page). */
export const MAX_OUTLET_URL_CHARS = 2048;

/**
 * An outlet's address as a feed gives it (RSS `<source url>`), kept for its host: an absolute http(s) URL, without a
 * login or a fragment, within MAX_OUTLET_URL_CHARS; null for anything else (a relative path, `javascript:`, garbage).
 */
export function outletUrlOf(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  const url = trimmed.length > MAX_OUTLET_URL_CHARS ? null : absoluteHttpUrl(trimmed);
  if (url === null || url.hostname === '') return null;
  url.username = '';
  url.password = '';
  url.hash = '';
  return url.href.length > MAX_OUTLET_URL_CHARS ? null : url.href;
}

/** Absolute form of `ref` against `base`; the trimmed input when it cannot be resolved (better than dropping it). */
export function resolveUrl(ref: string | null | undefined, base: string | null | undefined): string | null {
  if (ref === null || ref === undefined) return null;
  const trimmed = ref.trim();
  const usableBase = isUsableBase(base) ? base : undefined;
  if (trimmed === '') return usableBase ? resolveUrl(usableBase, null) : null;
  // an http(s) URL or a path of plain characters, safe as it is
  const fast = resolveNormalUrl(trimmed, usableBase);
  if (fast !== null) return fast;
  if (namesUnsafeScheme(trimmed)) return null;
  try {
    const resolved = new URL(trimmed, usableBase).href;
    return /[^\x00-\x7f]/.test(trimmed) ? keepIriCharacters(resolved) : resolved;
  } catch {
    // kept as written, but for what no URL holds: a NUL (in a host, where it is not percent-encoded) would make the
    // item's link and key text PostgreSQL refuses, and one the store keeps without it, so never found again
    return withoutControlCharacters(trimmed);
  }
}

/**
 * HTML attributes that hold a URL (the ones feed readers resolve; from HTML 4/5 attribute lists), and those that hold
 * a list of image candidates (`srcset`: URLs each with an optional width or density, see resolveSrcset).
 */
const URL_ATTRIBUTES = /(\s(?:href|src|cite|action|background|longdesc|poster|usemap|codebase|data|profile|formaction|icon|manifest|(srcset|imagesrcset))\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi;
/**
 * Rewrites relative URLs inside start tags of an HTML fragment to absolute ones; text is left alone. A start tag is
 * what `/<[A-Za-z][^<>]*>/g` matches: it stops at the next `<` as well as at `>`, so hostile markup without a
 * closing `>` costs one scan to the next tag rather than one to the end of the text per `<` (quadratic, minutes on a
 * few hundred kilobytes). The tags are found by searches for `<` and `>` (each `>` searched for once, however many
 * `<` come before it), and the fragment is copied only around the attributes that change: one whose URLs are all
 * absolute already (or that has none) is returned as it is. The same as
 * `html.replace(START_TAG, (tag) => tag.replace(URL_ATTRIBUTES, …))`, which built a new string and a match per tag
 * (tests/ingest/feed-text-equivalence.test.ts holds the two to the same results).
 */
export function resolveHtmlUrls(html: string, base: string | null | undefined): string {
  if (!base || base.length > MAX_XML_BASE_CHARS) return html;
  const growth = new ResolvedGrowth(html);
  let out = '';
  let copied = 0; // html before this index is in `out`, or is unchanged
  let gt = -1; // the first '>' after the last one passed, once searched for
  let eq = -1; // the first '=' after the last one passed, once searched for (-2: there is none)
  for (let lt = html.indexOf('<'); lt !== -1; ) {
    const nextLt = html.indexOf('<', lt + 1);
    if (isAsciiLetter(html.charCodeAt(lt + 1))) {
      if (gt < lt + 2) {
        gt = html.indexOf('>', lt + 2);
        // no '>' after this '<', so none after any later one: no more tags
        if (gt === -1) break;
      }
      if (eq !== -2 && eq < lt + 2) {
        eq = html.indexOf('=', lt + 2);
        if (eq === -1) eq = -2;
      }
      // a tag when no '<' comes before its '>'; most (<p>, <em>) have no attribute at all, and no '=' before their '>'
      if ((nextLt === -1 || nextLt > gt) && eq !== -2 && eq < gt) {
        const tag = html.slice(lt, gt + 1);
        const resolved = resolveTagUrls(tag, base);
        if (resolved !== tag) {
          if (!growth.allows(resolved.length - tag.length)) break;
          out += html.slice(copied, lt) + resolved;
          copied = gt + 1;
        }
      }
    }
    lt = nextLt;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/**
 * How many characters resolving a fragment's URLs may add to it: four times its length, and never less than
 * 1,000,000; the URLs after that stay as written. Each relative URL grows by its base (up to MAX_XML_BASE_CHARS):
 * without a bound, a 1 MB feed of `<a href="x">` under one long base asked for gigabytes. Real content, a few
 * relative links per paragraph under a base of a hundred characters, grows by a fraction of its length.
 */
class ResolvedGrowth {
  private left: number;

  constructor(fragment: string) {
    this.left = Math.max(4 * fragment.length, 1_000_000);
  }

  /** True once a tag was refused: no later one is resolved, so none need be tried. */
  get spent(): boolean {
    return this.left < 0;
  }

  /** Whether a tag's URLs may be resolved, adding `added` characters; once one may not, none after it may. */
  allows(added: number): boolean {
    if (this.spent) return false;
    this.left -= added;
    return this.left >= 0;
  }
}

/** A start or end tag of inline XML markup, or a comment or CDATA section, whose `<` and `>` are no tags. */
const INLINE_XML_TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)[A-Za-z_][\w:.-]*((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
const XML_BASE_ATTRIBUTE = /\sxml:base\s*=\s*(?:"([^"]*)"|'([^']*)')/;

/**
 * Inline XML markup (an Atom type="xhtml" construct) with the `xml:base` of its own elements applied: the URLs of
 * each start tag resolved against its element's base (its own `xml:base`, resolved against its parent's, up to
 * `base`, the construct's), and the `xml:base` attributes removed, which HTML does not read. The markup as it is
 * when none of its elements carries one: resolveHtmlUrls then resolves it all against `base`.
 */
export function withInlineXmlBases(markup: string, base: string | null): string {
  if (!markup.includes('xml:base')) return markup;
  const resolver = new XmlBases((ref, parent) => resolveUrl(decodeAttributeEntities(ref), parent) ?? parent, markup.length);
  const bases: (string | null)[] = [base];
  const growth = new ResolvedGrowth(markup);
  const resolveWithin = (tag: string, tagBase: string): string => {
    if (growth.spent) return tag;
    const resolved = resolveTagUrls(tag, tagBase);
    return growth.allows(resolved.length - tag.length) ? resolved : tag;
  };
  return markup.replace(INLINE_XML_TOKEN, (token, close: string | undefined, attributes: string | undefined, selfClosing: string | undefined) => {
    if (close === undefined) return token; // a comment or CDATA section
    if (close === '/') {
      if (bases.length > 1) bases.pop();
      return token;
    }
    const parent = bases[bases.length - 1] ?? null;
    const declared = XML_BASE_ATTRIBUTE.exec(attributes ?? '');
    const own = declared ? resolver.under(declared[1] ?? declared[2] ?? '', parent) : parent;
    if (selfClosing !== '/') bases.push(own);
    if (!declared) return own && own !== base ? resolveWithin(token, own) : token;
    const tag = token.replace(declared[0], '');
    return own ? resolveWithin(tag, own) : tag;
  });
}

/** The start tag with the URLs of its URL_ATTRIBUTES resolved against `base`; the tag itself when none changes. */
function resolveTagUrls(tag: string, base: string): string {
  let out = '';
  let copied = 0;
  URL_ATTRIBUTES.lastIndex = 0;
  for (let match = URL_ATTRIBUTES.exec(tag); match !== null; match = URL_ATTRIBUTES.exec(tag)) {
    const [whole, lead, candidates, dq, sq, bare] = match as unknown as [string, string, string | undefined, string | undefined, string | undefined, string | undefined];
    const raw = dq ?? sq ?? bare ?? '';
    // Entities in attribute values (`&amp;`) must be decoded before resolving and re-escaped after.
    const value = decodeAttributeEntities(raw);
    const resolved = candidates !== undefined ? resolveSrcset(value, base) : (resolveUrl(value, base) ?? raw);
    // Most URLs need no escaping: a search is cheaper than a regex replace that finds nothing.
    const escaped = resolved.includes('&') ? resolved.replace(/&/g, '&amp;') : resolved;
    const replacement =
      sq !== undefined ? `${lead}'${escaped.includes("'") ? escaped.replace(/'/g, '&#39;') : escaped}'` : `${lead}"${escaped.includes('"') ? escaped.replace(/"/g, '&quot;') : escaped}"`;
    if (replacement !== whole) {
      out += tag.slice(copied, match.index) + replacement;
      copied = match.index + whole.length;
    }
  }
  return copied === 0 ? tag : out + tag.slice(copied);
}

/**
 * A `srcset` value with each candidate's URL resolved against `base`, the rest (widths, densities, separators) as
 * written. Read as HTML reads it: a URL runs to white space, and commas at its end separate it from the next
 * candidate (one inside it, as in a `data:` URL, is its own); its descriptors run to the next comma outside
 * parentheses. A URL that cannot be resolved stays as written.
 */
function resolveSrcset(value: string, base: string): string {
  let out = '';
  let copied = 0;
  let at = 0;
  const skip = (characters: RegExp) => {
    while (at < value.length && characters.test(value[at]!)) at++;
  };
  while (at < value.length) {
    skip(/[\s,]/);
    const start = at;
    skip(/\S/);
    let end = at;
    while (end > start && value[end - 1] === ',') end--;
    if (end === at) {
      // descriptors, to the comma that ends the candidate
      let depth = 0;
      for (; at < value.length && (value[at] !== ',' || depth > 0); at++) {
        if (value[at] === '(') depth++;
        else if (value[at] === ')' && depth > 0) depth--;
      }
    } else {
      at = end;
    }
    if (end === start) continue;
    const url = value.slice(start, end);
    const resolved = resolveUrl(url, base) ?? url;
    if (resolved !== url) {
      out += value.slice(copied, start) + resolved;
      copied = end;
    }
  }
  return copied === 0 ? value : out + value.slice(copied);
}

// ---------------------------------------------------------------------------------------------------------------
// Authors

/**
 * The author's name without an e-mail address. RSS `<author>` is an e-mail by spec and often "email (Name)";
 * others write "Name <email>". A bare e-mail gives null: it is not a name.
 *
 * Read by scans rather than by the patterns it was written with (`^\S+@\S+\s*\(([^)]+)\)$`,
 * `^(.*?)\s*<[^>]*@[^>]*>$` and `[^\s<>()"]+@[^\s<>()"]+\.[^\s<>()"]+`), which give the same results but backtrack
 * over the whole value from every '@', '<' or character: a feed's 70 KB "author" took 11 s, a megabyte hours.
 */
export function authorName(value: string | null | undefined): string | null {
  const text = cleanText(value);
  if (!text) return null;
  // "jane@x.org (Jane Doe), john@x.org (John Roe)": each address with its name is one person. Only when every part
  // holds an address, or "Doe, Jane <jane@x.org>" would be two people.
  const people = splitAtSeparators(text);
  if (people.length > 1 && people.every((person) => firstEmail(person) !== null)) {
    return formatNames(people.flatMap((person) => oneAuthorName(person) ?? []));
  }
  // Some with an address, some without ("jane@x.org (Jane Doe), John Roe"): several people when every name is of two
  // words or more, as "Doe" and "Jane" of "Doe, Jane <jane@x.org>" are not; and not a name and an address after one
  // comma, which is how one person is written surname first ("de la Cruz, Maria Elena <maria@x.org>").
  const surnameFirst = people.length === 2 && !text.includes(';') && firstEmail(people[0]!) === null;
  if (people.length > 1 && !surnameFirst && people.some((person) => firstEmail(person) !== null)) {
    const names = people.map(oneAuthorName);
    if (names.every((name) => name === null || /\S\s+\S/.test(name))) return formatNames(names.flatMap((name) => name ?? []));
  }
  return oneAuthorName(text);
}

/** The parts of `text` between commas or semicolons outside parentheses, angle brackets and double quotes, trimmed. */
function splitAtSeparators(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === '(' || char === '<') depth++;
    else if ((char === ')' || char === '>') && depth > 0) depth--;
    else if ((char === ',' || char === ';') && depth === 0) {
      parts.push(text.slice(start, at).trim());
      start = at + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part !== '');
}

function oneAuthorName(person: string): string | null {
  // "By Jane Doe", as a byline is printed: the name is what follows
  const text = person.replace(/^by\s+(?=\S)/i, '');
  const inParens = nameInParensAfterEmail(text);
  if (inParens !== null) return cleanText(inParens);
  const inAngles = nameBeforeEmailInAngles(text);
  if (inAngles !== null) return cleanText(inAngles.replace(/^["']|["']$/g, ''));
  const email = firstEmail(text);
  if (email) {
    const rest = collapseWhitespace((text.slice(0, email.start) + text.slice(email.end)).replace(/[()<>]/g, ' '));
    return rest === '' || rest === 'mailto:' ? null : rest;
  }
  return text;
}

/** What `^\S+@\S+\s*\(([^)]+)\)$` captures in `text` ("jane@x.org (Jane Doe)"), or null. */
function nameInParensAfterEmail(text: string): string | null {
  const close = text.length - 1;
  if (text.charCodeAt(close) !== 0x29 /* ) */) return null;
  // the name runs from a '(' to the last ')' and holds no ')' of its own
  const after = text.lastIndexOf(')', close - 1);
  let tokenEnd = 0;
  while (tokenEnd < text.length && !isPatternSpace(text.charCodeAt(tokenEnd))) tokenEnd++;
  let spacesEnd = tokenEnd;
  while (spacesEnd < text.length && isPatternSpace(text.charCodeAt(spacesEnd))) spacesEnd++;
  // the e-mail is the first word, an '@' neither first nor last in it; the '(' follows it, after white space or in it
  const hasEmailBefore = (end: number) => {
    const at = text.indexOf('@', 1);
    return at !== -1 && at <= end - 2;
  };
  const nameFrom = (open: number) => (open > after && open + 1 < close ? text.slice(open + 1, close) : null);
  if (spacesEnd > tokenEnd && text.charCodeAt(spacesEnd) === 0x28 /* ( */ && hasEmailBefore(tokenEnd)) {
    const name = nameFrom(spacesEnd);
    if (name !== null) return name;
  }
  // the last '(' in the first word that leaves an e-mail before it and a name after it
  for (let open = text.lastIndexOf('(', Math.min(tokenEnd, close) - 1); open > after && open >= 0; open = text.lastIndexOf('(', open - 1)) {
    if (!hasEmailBefore(open)) return null;
    const name = nameFrom(open);
    if (name !== null) return name;
  }
  return null;
}

/** What `^(.*?)\s*<[^>]*@[^>]*>$` captures in `text` ("Jane Doe <jane@x.org>"), or null. */
function nameBeforeEmailInAngles(text: string): string | null {
  const end = text.length - 1;
  if (text.charCodeAt(end) !== 0x3e /* > */) return null;
  // the '<' must come after every other '>' and before an '@' inside the brackets: the first such '<'
  const lastAt = text.lastIndexOf('@', end - 1);
  const open = text.indexOf('<', text.lastIndexOf('>', end - 1) + 1);
  if (open === -1 || open >= lastAt) return null;
  return text.slice(0, open).trimEnd();
}

/** Whether the code unit may be part of an e-mail address as `[^\s<>()"]` reads one. */
function isEmailCharacter(code: number): boolean {
  return !(code === 0x3c || code === 0x3e || code === 0x28 || code === 0x29 || code === 0x22 || isPatternSpace(code));
}

/**
 * Where `[^\s<>()"]+@[^\s<>()"]+\.[^\s<>()"]+` first matches in `text`: the first run of such characters with an '@'
 * after its first character and a '.' at least two characters after that '@' and before its last character, whole.
 */
function firstEmail(text: string): { start: number; end: number } | null {
  const length = text.length;
  let start = 0;
  while (start < length) {
    while (start < length && !isEmailCharacter(text.charCodeAt(start))) start++;
    let end = start;
    while (end < length && isEmailCharacter(text.charCodeAt(end))) end++;
    if (end > start) {
      const run = text.slice(start, end);
      const at = run.indexOf('@', 1);
      if (at !== -1 && run.lastIndexOf('.', run.length - 2) >= at + 2) return { start, end };
    }
    start = end;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // seen in real feeds: full names, and "Sept"
  sept: 9,
};

/**
 * Month names and abbreviations in the languages of the outlets that follow the debate most, as feeds whose CMS
 * formats dates in the site's language write them ("mer., 3 juin 2026", "Mi, 03 Mär 2026", "3 de junio de 2026"):
 * German, French, Spanish, Italian, Portuguese and Dutch. Only the names whose first three letters are not the
 * English abbreviation of their month (Juni, marzo and janvier need no entry; Oktober and abril do), as whole words,
 * since those letters clash (juin and juillet); none names two months across the languages.
 */
const LOCAL_MONTHS: Record<string, number> = Object.fromEntries(
  (
    [
      [1, 'jänner jän enero ene gennaio gen'],
      [2, 'février févr fév fevrier fevereiro fev'],
      [3, 'märz mär mrz maart mrt'],
      [4, 'avril avr abril abr'],
      [5, 'mai maggio mag maio mei'],
      [6, 'juin giugno giu'],
      [7, 'juillet juil luglio lug'],
      [8, 'août aout aoû agosto ago'],
      [9, 'setiembre set settembre setembro'],
      [10, 'oktober okt ottobre ott outubro out'],
      [12, 'dezember dez décembre déc diciembre dic dicembre dezembro'],
    ] as const
  ).flatMap(([month, names]) => names.split(' ').map((name) => [name, month] as const)),
);

/** The month a name stands for: a name of LOCAL_MONTHS, else an English one by its first three letters (four for "Sept"). */
function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  return LOCAL_MONTHS[lower] ?? MONTHS[lower.slice(0, lower.startsWith('sept') ? 4 : 3)];
}

/**
 * Named zones real feeds use (RFC 822 §5.1 plus common abbreviations); minutes east of UTC. Also read in text a page
 * or capture prints (../../extract/date-text.ts, through zoneOffsetOn), so a story dated in a feed and in a capture
 * gets the same instant. An abbreviation some zones share is read one way, the one news that prints it means:
 * IST is India (+05:30), the zone of nearly every news time printed "IST" (Irish and Israel time are rarely written
 * so in news); CST is US Central, not China; AST is Atlantic, not Arabia; BST is British Summer Time, not Bangladesh.
 */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, wet: 0, west: 60, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, eet: 120, eest: 180,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  akst: -540, akdt: -480, hst: -600, ast: -240, adt: -180, nzst: 720, nzdt: 780, aest: 600, aedt: 660,
  jst: 540, kst: 540, ist: 330, msk: 180,
  // East and South-East Asia, Australia, Africa, South America, and Germany's names for CET and CEST
  hkt: 480, sgt: 480, pht: 480, wib: 420, wita: 480, wit: 540, ict: 420, awst: 480, acst: 570, acdt: 630, pkt: 300,
  sast: 120, cat: 120, eat: 180, wat: 60, brt: -180, art: -180, mez: 60, mesz: 120,
  // the half-hour zones of Newfoundland and Lord Howe Island
  nst: -210, ndt: -150, lhst: 630, lhdt: 660,
};

/**
 * An offset's hours and minutes as minutes, or null when no zone has it: none is more than 14 hours from UTC, so
 * "+2500" is a typo, not a date to shift by a day.
 */
function offsetMinutes(hours: number, minutes: number): number | null {
  return minutes > 59 || hours * 60 + minutes > 14 * 60 ? null : hours * 60 + minutes;
}

/** Minutes east of UTC for a zone token ("+0200", "-05:00", "GMT+2", "EST", "A"), or null when unknown. */
function zoneOffset(token: string): number | null {
  const zone = token.trim().toLowerCase();
  if (zone === '') return 0;
  const numeric = /^(?:gmt|utc|ut)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(zone);
  if (numeric) {
    const minutes = offsetMinutes(Number(numeric[2]), Number(numeric[3] ?? 0));
    return minutes === null ? null : (numeric[1] === '-' ? -1 : 1) * minutes;
  }
  if (zone in ZONES) return ZONES[zone] ?? 0;
  // RFC 822 military zones are notoriously reversed in practice; RFC 1123 says treat them as UTC.
  if (/^[a-ik-z]$/.test(zone)) return 0;
  return null;
}

/** US zones named without saying standard or daylight time ("10:19 ET"): minutes east of UTC in standard time. */
const US_GENERIC_ZONES: Record<string, number> = { et: -300, ct: -360, mt: -420, pt: -480 };

/**
 * Whether US daylight saving time is in force at a local date and hour: since 2007 from the second Sunday of March to
 * the first Sunday of November; before, from the first Sunday of April to the last Sunday of October (an archive's
 * dates). On those Sundays the clocks change at 2:00: from then on the first, until then on the second; as Temporal's
 * "compatible" reading takes them, the hour from 2:00 the clocks skip in March is read with the offset before the
 * change, and the hour from 1:00 that comes twice in November as its first (daylight).
 */
function usDaylightTime(year: number, month: number, day: number, hour: number): boolean {
  const sundayOnOrAfter = (m: number, from: number) => from + ((7 - new Date(Date.UTC(year, m - 1, from)).getUTCDay()) % 7);
  const [startMonth, start, endMonth, end] = year >= 2007 ? [3, sundayOnOrAfter(3, 8), 11, sundayOnOrAfter(11, 1)] : [4, sundayOnOrAfter(4, 1), 10, sundayOnOrAfter(10, 25)];
  if (month !== startMonth && month !== endMonth) return month > startMonth && month < endMonth;
  return month === startMonth ? day > start || (day === start && hour >= 3) : day < end || (day === end && hour < 2);
}

/**
 * Minutes east of UTC for a zone token at a local date and hour (noon when the text gives none): zoneOffset, with
 * ET/CT/MT/PT following US daylight time; null for a zone not known. Shared with the reader of dates in pages and
 * captures (../../extract/date-text.ts).
 */
export function zoneOffsetOn(zone: string, year: number, month: number, day: number, hour = 12): number | null {
  const usGeneric = US_GENERIC_ZONES[zone.trim().toLowerCase()];
  return usGeneric === undefined ? zoneOffset(zone) : usGeneric + (usDaylightTime(year, month, day, hour) ? 60 : 0);
}

function expandYear(year: string): number {
  const value = Number(year);
  if (year.length === 2) return value < 50 ? 2000 + value : 1900 + value;
  if (year.length === 3) return 1900 + value; // "108" from JavaScript getYear()-style generators
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** The time values a Date holds are within ±8.64e15 ms (ECMAScript's TimeClip). */
const MAX_TIME_MS = 8.64e15;

/** The instant of a date and time read from a feed, offset in minutes east of UTC; null for a day or time that cannot be. */
export function toIso(year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number): string | null {
  // 24:00:00 is the day's end, as ISO 8601 allows; a leap second is 60
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || (hour === 24 && minute + second > 0) || minute > 59 || second > 60) return null;
  // reject rollovers such as 31 February; Date.UTC reads the years 0-99 as 1900-1999, and so does the check
  const calendarYear = year >= 0 && year <= 99 ? 1900 + year : year;
  const leap = calendarYear % 4 === 0 && (calendarYear % 100 !== 0 || calendarYear % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  // the day's start must be a time a Date holds too (NaN from Date.UTC past ±271,821 years), as that check required
  if (Number.isNaN(Date.UTC(year, month - 1, day))) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000;
  if (!(Math.abs(ms) <= MAX_TIME_MS)) return null;
  return isoString(ms);
}

const TWO_DIGITS = Array.from({ length: 100 }, (_v, n) => (n < 10 ? `0${n}` : `${n}`));
const DAY_MS = 86_400_000;

/**
 * `new Date(ms).toISOString()`, built from the time value: toISOString is a call into the runtime, and reading a feed's
 * date took a third less time without it and the Date the day's check made (3,000 RFC 1123 dates: 9.8 ms, now 6.5).
 * The day is found from the day count as Howard Hinnant's civil_from_days finds it. Years outside 0000-9999, which
 * toISOString writes with a sign and six digits, are left to it. tests/ingest/feed/fast-paths.test.ts holds the two
 * to the same text.
 */
export function isoString(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  let rest = ms - days * DAY_MS;
  const shifted = days + 719_468; // days since 0000-03-01
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) return new Date(ms).toISOString();
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  const millis = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : `${milli}`;
  return `${TWO_DIGITS[Math.floor(year / 100)]}${TWO_DIGITS[year % 100]}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hour]}:${TWO_DIGITS[minute]}:${TWO_DIGITS[second]}.${millis}Z`;
}

/**
 * A date given without a time, as `YYYY-MM-DD`, or null for a day the month does not have. It names a day, not an
 * instant: as UTC midnight it would fall on the day before wherever the digest's zone is west of UTC.
 */
export function toIsoDay(year: number, month: number, day: number): string | null {
  const iso = toIso(year, month, day, 0, 0, 0, 0);
  // years outside 0-9999 print with a sign and six digits, which is no `YYYY-MM-DD`
  return iso !== null && /^\d{4}-/.test(iso) ? iso.slice(0, 10) : null;
}

/** A time on a 12-hour clock ("10:19 PM", "9:05 a.m."), for asTwentyFourHourTime. */
const TWELVE_HOUR_TIME = /\b(\d{1,2}):(\d{2})(:\d{2})?\s*([ap])\.?m\.?(?=\s|$)/i;
const asTwentyFourHourTime = (_time: string, hour: string, minute: string, second: string | undefined, half: string) =>
  `${(Number(hour) % 12) + (half.toLowerCase() === 'p' ? 12 : 0)}:${minute}${second ?? ''}`;

const ISO_DATE = /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:[T\s]+(\d{1,2})(?::?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]{1,5})?)?)?)?$/i;

/**
 * A year, a month and a day at the start of a date, year first as ISO writes them: with hyphens, slashes or dots
 * (`2026/6/3`, `2026.06.03`, Hungarian `2026.06.03.`), with a dot and a space as Korean writes them (`2026. 6. 3.`),
 * or with the signs of Chinese and Japanese (`2026年6月3日`).
 */
const YEAR_FIRST_DATE = /^(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|\. ?(\d{1,2})\. ?(\d{1,2})|年 ?(\d{1,2})月 ?(\d{1,2})日)\.?(?=$|[T\s])/;

/**
 * An ISO-like date as feeds vary it, in the form ISO_DATE reads: the year-first forms of YEAR_FIRST_DATE, months and
 * days of one digit, a 12-hour clock (`10:00 PM`), a zone written `GMT+2`, a comment after the zone (`-04:00 (EDT)`), a
 * zone's name or RFC 9557 time zone after the offset (`-07:00 PDT`, `+02:00[Europe/Berlin]`);
 * null for text that does not start with a year, a month and a day.
 */
function isoVariant(text: string): string | null {
  const date = YEAR_FIRST_DATE.exec(text);
  if (!date) return null;
  const month = date[3] ?? date[5] ?? date[7]!;
  const day = date[4] ?? date[6] ?? date[8]!;
  const rest = text
    .slice(date[0].length)
    .replace(/\s*\([^()]*\)$/, '')
    // RFC 9557's time zone after the offset (`+02:00[Europe/Berlin]`), or a zone name (`-07:00 PDT`): the offset says it
    .replace(/([+-]\d{1,2}(?::?\d{2})?|\dZ)(?:\[[^\]]*\]|\s+[A-Za-z]{2,5})$/i, '$1')
    .replace(TWELVE_HOUR_TIME, asTwentyFourHourTime)
    .replace(/\s*(?:gmt|utc)\s*(?=[+-]\d)/i, '');
  return `${date[1]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}${rest}`;
}

/** XML Schema's date with a zone (`2026-06-05Z`, `2026-06-05+02:00`): the day, which the zone does not change. */
const ZONED_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * ISO 8601 / W3CDTF / RFC 3339, with the zone optional (no zone = UTC), the time optional (no time = the date alone;
 * a year or a month alone, its first day), compact forms too.
 */
function parseIsoDate(text: string): string | null {
  const zonedDay = ZONED_DAY.exec(text);
  if (zonedDay) return toIsoDay(Number(zonedDay[1]), Number(zonedDay[2]), Number(zonedDay[3]));
  const read = isoDateOf(ISO_DATE.exec(text));
  if (read !== null) return read;
  // the variants only when the text is not read as it is ("10:00 PM" matches, its "PM" taken for a zone)
  const variant = isoVariant(text);
  return variant === null || variant === text ? null : isoDateOf(ISO_DATE.exec(variant));
}

function isoDateOf(match: RegExpExecArray | null): string | null {
  if (!match) return null;
  const [, y, mo, d, h, mi, s, zone] = match;
  if (h === undefined) return toIsoDay(Number(y), Number(mo ?? 1), Number(d ?? 1));
  const offset = zone ? zoneOffsetOn(zone, Number(y), Number(mo ?? 1), Number(d ?? 1), Number(h)) : 0;
  if (offset === null) return null;
  return toIso(Number(y), Number(mo ?? 1), Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), offset);
}

/**
 * A leading day name dropped ("Wed, ", "mer. ", "Mi, "), whatever its language; a month left ("Jun 5 2026",
 * "June, 5 2026"). A word that is both (Spanish "Mar" for martes) is a day name when a day and a month follow it.
 */
function dropDayName(word: string, name: string, offset: number, text: string): string {
  if (!monthNumber(name)) return '';
  // Spanish and Portuguese put "de" between them ("mar, 3 de junio de 2026")
  // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
  const dayAndMonth = /^\d{1,2}\.?(?:[\s-]+de)?[\s-]+(\p{L}{1,40})/iu.exec(text.slice(offset + word.length));
  return dayAndMonth && monthNumber(dayAndMonth[1]!) ? '' : word;
}

/**
 * RFC 822/1123 and the variants feeds really send: day name missing or wrong (ignored), 2-digit years, missing
 * seconds, named or "GMT+2" zones, month before day ("Jun 5 2026"), "at" between date and time. Without a time, the
 * date alone (a zone, if named, says where that day is, which changes nothing).
 */
function parseRfc822Date(text: string): string | null {
  const cleaned = text
    // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
    .replace(/^(\p{L}{1,40})\.?,?\s+(?=\d|\p{L}{3})/u, dropDayName)
    // Spanish and Portuguese write "3 de junio de 2026"
    .replace(/(\d)\s+de\s+(?=\p{L})/u, '$1 ')
    .replace(/(\p{L})\.?\s+de\s+(?=\d{4})/u, '$1 ')
    // "at" before the time, and its words in the languages read ("a las", "alle", "à", "às", "um", "om"), or "@"
    .replace(/\bat\b|(?<=\s)(?:a las|a la|alle|à|às|um|om|@)(?=\s)/iu, ' ')
    // Drupal's "June 5, 2026 - 10:19", French's "10h19"
    .replace(/(\d{4})\s+-\s+(?=\d{1,2}:\d{2})/, '$1 ')
    .replace(/(?<=\s)(\d{1,2})h(\d{2})(?=\s|$)/i, '$1:$2')
    .replace(TWELVE_HOUR_TIME, asTwentyFourHourTime)
    .replace(/,/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // a day written "3." as German writes it
  // a time with dots (`08.05.00`), as Java's date formats write it for Danish, Finnish or Norwegian, or a colon
  // before the seconds after all (`08.05:00`)
  const dayFirst = /^(\d{1,2})(?:st|nd|rd|th|er|\.)?[\s-](\p{L}{3,10})\.?[\s-](\d{2,4})(?:\s+(\d{1,2})([:.])(\d{2})(?:(?:\5|:)(\d{2}))?(?:(?<=:\d\d:\d\d)\.\d+)?)?\s*(.*)$/iu.exec(cleaned);
  const monthFirst = /^(\p{L}{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\s+(\d{4})(?:\s+(\d{1,2})([:.])(\d{2})(?:(?:\5|:)(\d{2}))?)?\s*(.*)$/iu.exec(cleaned);
  // C's asctime ("Jun 5 10:19:00 2026", its day name already dropped): the year comes last, and no zone is given
  const asctime = /^([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:([A-Za-z]{1,5})\s+)?(\d{4})$/.exec(cleaned);
  let parts: { day: string; month: string; year: string; hour?: string; minute?: string; second?: string; zone: string } | null = null;
  if (dayFirst) {
    const [, day = '', month = '', year = '', hour, , minute, second, zone = ''] = dayFirst;
    parts = { day, month, year, hour, minute, second, zone };
  } else if (monthFirst) {
    const [, month = '', day = '', year = '', hour, , minute, second, zone = ''] = monthFirst;
    parts = { day, month, year, hour, minute, second, zone };
  } else if (asctime) {
    const [, month = '', day = '', hour, minute, second, zone = '', year = ''] = asctime;
    parts = { day, month, year, hour, minute, second, zone };
  }
  if (!parts) return null;
  const month = monthNumber(parts.month);
  if (!month) return null;
  // "GMT +0200" and "UTC +02:00" say the offset after the name, as "GMT+2" does
  let zone = parts.zone.replace(/[()]/g, ' ').trim().replace(/^(?:gmt|utc|ut)\s+(?=[+-]\d)/i, '');
  // "EST (Eastern Standard Time)" or "+0000 GMT": the first token decides
  zone = zone.split(/\s+/)[0] ?? '';
  const year = expandYear(parts.year);
  const offset = zoneOffsetOn(zone, year, month, Number(parts.day), parts.hour === undefined ? undefined : Number(parts.hour));
  if (offset === null) return null;
  if (parts.hour === undefined) return toIsoDay(year, month, Number(parts.day));
  return toIso(year, month, Number(parts.day), Number(parts.hour ?? 0), Number(parts.minute ?? 0), Number(parts.second ?? 0), offset);
}

const RFC1123 = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UTC|UT|Z|[+-]\d{4})$/;

/** Day-month-year readings a date string may hold: [day, month (name or number), year]. */
const DAY_MONTH_YEAR: { pattern: RegExp; order: [number, number, number] }[] = [
  { pattern: /(?<![\d.])(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{2,4})(?!\d)/g, order: [1, 2, 3] }, // 31 Feb 2026, 31-Feb-26
  { pattern: /\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)/g, order: [2, 1, 3] }, // Feb 30, 2026
  { pattern: /(?<!\d)(\d{4})[\s-]+([A-Za-z]{3,9})\.?[\s-]+(\d{1,2})(?!\d)/g, order: [3, 2, 1] }, // 2026 Feb 31
  { pattern: /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/g, order: [3, 2, 1] }, // 2026/02/31
];

/** Whether the text names a day the month does not have ("31 Feb 2026"), which Date.parse would roll forward. */
function namesImpossibleDay(text: string): boolean {
  for (const { pattern, order } of DAY_MONTH_YEAR) {
    for (const match of text.matchAll(pattern)) {
      const [day, monthText, yearText] = order.map((group) => match[group]!);
      const month = /^\d+$/.test(monthText!) ? Number(monthText) : MONTHS[monthText!.slice(0, 3).toLowerCase()];
      if (!month || month > 12) continue;
      const year = Number(yearText) < 100 ? 2000 + Number(yearText) : Number(yearText);
      const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
      if (Number(day) < 1 || Number(day) > daysInMonth) return true;
    }
  }
  return false;
}

/** The Unix epoch: what a CMS writes for a date it never had (a zero timestamp), not a publication date. */
const UNIX_EPOCH = '1970-01-01T00:00:00.000Z';
/** The same written as a date alone. */
const UNIX_EPOCH_DAY = '1970-01-01';
/**
 * A date before the Unix epoch (or beyond year 9999) is no feed item's publication date but a placeholder for none:
 * Go's zero time, which Hugo writes for an undated post (`0001-01-01T00:00:00Z`, read as 1901 by Date.UTC, which
 * takes the years 0-99 for 1900-1999), or a date field left at its type's minimum.
 */
const isPlaceholderDate = (date: string) => !/^\d{4}-/.test(date) || date < '1970';

/**
 * The dates of one document, read as parseFeedDate reads them, keeping the texts that could not be read (and the
 * zero timestamps, taken for no date): an item whose date is unreadable looks undated, and the feed should say why.
 */
export class DateReader {
  private readonly unreadable: string[] = [];
  private zeroTimestamps = 0;
  private readonly placeholders: string[] = [];

  read(value: string | null | undefined): string | null {
    const date = parseFeedDate(value);
    if (date === null && value && value.trim() !== '') this.unreadable.push(value.trim());
    if (date === UNIX_EPOCH || date === UNIX_EPOCH_DAY) {
      // dated 1970, the item would head every trend chart's first year and never count as new
      this.zeroTimestamps += 1;
      return null;
    }
    if (date !== null && isPlaceholderDate(date)) {
      this.placeholders.push(value!.trim());
      return null;
    }
    return date;
  }

  /** A warning for the unreadable dates, with the first as an example, and one for zero timestamps; none when all were read. */
  warnings(): string[] {
    const out: string[] = [];
    const [first] = this.unreadable;
    const lack = (count: number) => (count === 1 ? 'its item lacks' : 'their items lack');
    if (first !== undefined) {
      const count = this.unreadable.length;
      out.push(`${count} date${count === 1 ? '' : 's'} could not be read (the first: ${JSON.stringify(first.slice(0, 60))}), so ${lack(count)} that date`);
    }
    if (this.zeroTimestamps > 0) {
      const count = this.zeroTimestamps;
      out.push(`${count} date${count === 1 ? ' was' : 's were'} the Unix epoch (1970-01-01T00:00:00Z), a zero timestamp, so ${lack(count)} that date`);
    }
    const [firstPlaceholder] = this.placeholders;
    if (firstPlaceholder !== undefined) {
      const count = this.placeholders.length;
      out.push(`${count} date${count === 1 ? ' was' : 's were'} before 1970 (the first: ${JSON.stringify(firstPlaceholder.slice(0, 60))}), a placeholder for none such as Go's zero time, so ${lack(count)} that date`);
    }
    return out;
  }
}

/**
 * Whether the text holds a numeric zone offset no zone has ("+2500", "-0075"), which Date.parse would apply. An
 * offset follows a time, white space or GMT/UTC; "06-05-2026" holds no offset "-2026".
 */
function namesImpossibleOffset(text: string): boolean {
  const offsets = /(?:\d:\d{2}(?::\d{2})?(?:[.,]\d+)?|\s)\s*[+-](\d{2}):?(\d{2})(?!\d)|\b(?:gmt|utc|ut)\s*[+-](\d{1,2})(?::?(\d{2}))?(?!\d)/gi;
  for (const match of text.matchAll(offsets)) {
    if (offsetMinutes(Number(match[1] ?? match[3]), Number(match[2] ?? match[4] ?? 0)) === null) return true;
  }
  return false;
}

/** A time of day in a date string ("10:19", or the compact "T1019"). */
const HAS_TIME_OF_DAY = /\d:\d{2}|T\d{2}/i;

/**
 * The date a string without a time names, `YYYY-MM-DD`, read with its zone left out ("Mon Jun 01 2026 GMT+0200" is
 * 1 June, which Date.parse puts at 22:00 on 31 May); null when the string without its zone does not read as one day.
 */
function dateWithoutZone(text: string): string | null {
  const withoutZone = text.replace(/\b(?:gmt|utc|ut)\b\s*(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}\b/gi, ' ').trim();
  const ms = Date.parse(`${withoutZone} UTC`);
  if (Number.isNaN(ms) || ms % DAY_MS !== 0) return null;
  const iso = new Date(ms).toISOString();
  return /^\d{4}-/.test(iso) ? iso.slice(0, 10) : null;
}

/**
 * Any date a feed gives, as ISO-8601 UTC (`2026-06-05T10:19:00.000Z`), or null when it cannot be read.
 * A date without a zone is taken as UTC (feeds give no better hint, and it keeps results independent of the
 * machine's time zone). A date without a time is the date alone (`2026-06-05`): it names a day, not an instant.
 */
export function parseFeedDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const collapsed = collapseWhitespace(value);
  // Fast path for the RFC 1123 form nearly every RSS generator writes; same result as the general reader below.
  const rfc1123 = RFC1123.exec(collapsed);
  if (rfc1123) {
    const [, day, monthName, year, hour, minute, second, zone] = rfc1123;
    const month = MONTHS[monthName!.toLowerCase()];
    const offset = zoneOffset(zone!);
    const iso = month && offset !== null ? toIso(Number(year), month, Number(day), Number(hour), Number(minute), Number(second), offset) : null;
    // An impossible date (31 Feb) falls through to the general readers, which have their own last resort.
    if (iso) return iso;
  }
  // Go's time.String() ends with its monotonic clock's reading (`m=+0.000123`), no part of the date; German ends a
  // time with "Uhr". Neither ends an RFC 1123 date, so the fast path above need not strip them.
  const text = collapsed.replace(/ m=[+-]\d+(?:\.\d+)?$/, '').replace(/(\d:\d{2}) uhr$/i, '$1');
  // No date format runs to 100 characters; a longer "date" is junk, and the readers below need not scan it.
  if (text === '' || text.length > 100) return null;
  const placeZone = PLACE_ZONE_AT_END.exec(text);
  if (placeZone) return dateInPlaceZone(text.slice(0, placeZone.index), placeZone[1]!);
  const iso = parseIsoDate(text);
  if (iso) return iso;
  const rfc = parseRfc822Date(text);
  if (rfc) return rfc;
  if (UNIX_SECONDS.test(text) || UNIX_MILLISECONDS.test(text)) return unixTimestampDate(Number(text));
  // An all-numeric date (04.06.2026, 13/06/2026 10:00), where it can be told which number is the day: as the date
  // written year first, read as ISO-like dates are (no zone: UTC). Never when it cannot (04/06/2026).
  const lastResort = withNumericDayMonthRead(text);
  if (lastResort === null) return null;
  const yearFirst = yearFirstDateAndTime(lastResort);
  if (yearFirst !== text) {
    const read = parseIsoDate(yearFirst);
    if (read) return read;
  }
  // Last resort for forms neither reader knows: only when the string names a zone, so the machine's zone
  // never leaks into the result, and never for a day the month does not have (Date.parse rolls 31 Feb into March).
  if (!/(?:[+-]\d{2}:?\d{2}|\b(?:gmt|utc|z)\b)/i.test(text)) return null;
  // nor without a year, which Date.parse makes 2001 ("Thu, 04 Jun 10:19:00 GMT")
  if (!FOUR_DIGIT_YEAR.test(lastResort) || namesImpossibleDay(lastResort) || namesImpossibleOffset(lastResort)) return null;
  const ms = Date.parse(lastResort);
  if (Number.isNaN(ms)) return null;
  return (HAS_TIME_OF_DAY.test(lastResort) ? null : dateWithoutZone(lastResort)) ?? new Date(ms).toISOString();
}

/**
 * A time zone database name after a date (`2026-06-05 10:19:00 America/New_York`, `(Europe/Berlin)`, RFC 9557's
 * `[Europe/Berlin]`), as a CMS that prints its configured zone writes it: an area and a place, `Etc/GMT+5` too, and
 * the database's older names a server's settings still carry: a country's (`US/Eastern`, `Canada/Atlantic`) and
 * POSIX's US rules (`EST5EDT`).
 */
const PLACE_ZONE_AT_END =
  /\s*[[(]?((?:Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|US|Canada|Brazil|Mexico|Chile)\/[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)?|[ECMP]ST\d[ECMP]DT)[\])]?$/;

/**
 * The date `rest` gives, read in the named zone: its wall-clock time there, with that zone's offset at that moment
 * (summer time included, from Node's time zone database). An offset or zone written before the name decides, as in
 * RFC 9557 (`+02:00[Europe/Berlin]`), whatever the name; a day alone stays that day; a name the database does not know
 * makes no date. A time the clocks skipped is read with the offset before the change (02:30 when they went from 02:00
 * to 03:00 is 03:30), one they passed twice is the first (as JavaScript's Temporal reads them).
 */
function dateInPlaceZone(rest: string, zone: string): string | null {
  if (PLACE_ZONE_AT_END.test(rest)) return null;
  const read = parseFeedDate(rest);
  if (read === null || !read.includes('T') || namesItsZone(rest)) return read;
  const offsetOf = zoneOffsetReader(zone);
  if (!offsetOf) return null;
  // read without a zone, as UTC: that is the wall clock; the instant is that less the zone's offset then, one of the
  // offsets of the day before and the day after (a change of offset falls between them, if one does)
  const wallClock = Date.parse(read);
  const before = wallClock - offsetOf(wallClock - DAY_MS) * 60_000;
  const after = wallClock - offsetOf(wallClock + DAY_MS) * 60_000;
  const holds = (instant: number) => wallClock - offsetOf(instant) * 60_000 === instant;
  const instant = holds(before) && holds(after) ? Math.min(before, after) : holds(before) ? before : holds(after) ? after : before;
  return new Date(instant).toISOString();
}

/**
 * A date written with a place's zone after it (`2026-10-25 02:30 Europe/Brussels`), as parseFeedDate reads it; null
 * for any other text. For readers of dates in pages, whose own patterns know zones by their abbreviations only.
 */
export function dateWithPlaceZone(value: string): string | null {
  const text = value.trim();
  const placeZone = PLACE_ZONE_AT_END.exec(text);
  return placeZone ? dateInPlaceZone(text.slice(0, placeZone.index), placeZone[1]!) : null;
}

/**
 * Whether a date ends in a zone of its own: an offset (`+0200`, `-04:00`, `GMT+2`, glued to the time or not), `Z`, or a
 * zone's name or letter that `zoneOffset` knows, a comment after it aside (`-04:00 (EDT)`).
 */
function namesItsZone(text: string): boolean {
  const trimmed = text.replace(/\s*\([^()]*\)\s*$/, '').trimEnd();
  if (/\d(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) return true;
  const last = trimmed.slice(trimmed.lastIndexOf(' ') + 1);
  if (/^(?:gmt|utc|ut)?[+-]\d{1,2}(?::?\d{2})?$/i.test(last)) return true;
  return /^[a-z]/i.test(last) && !/^[ap]\.?m\.?$/i.test(last) && zoneOffsetOn(last, 2000, 1, 1) !== null;
}

/**
 * The time zone database's zones read so far, by name; and the names it does not hold, kept apart, so a feed's
 * made-up ones cannot crowd the real ones out.
 */
const zoneOffsetReaders = new Map<string, (utcMs: number) => number>();
const unknownZones = new Set<string>();

/**
 * How many minutes east of UTC a named zone is at an instant, or null when the time zone database has no such zone.
 * One formatter a zone, kept: building one costs far more than using it, and the database names a few hundred.
 */
function zoneOffsetReader(zone: string): ((utcMs: number) => number) | null {
  const known = zoneOffsetReaders.get(zone);
  if (known !== undefined) return known;
  if (unknownZones.has(zone)) return null;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
  } catch {
    // RangeError: a name the database does not hold
    if (unknownZones.size < 1000) unknownZones.add(zone);
    return null;
  }
  const reader = (utcMs: number) => {
    const part: Record<string, number> = {};
    for (const { type, value } of format.formatToParts(utcMs)) part[type] = Number(value);
    const wallClock = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
    return Math.round((wallClock - Math.floor(utcMs / 1000) * 1000) / 60_000);
  };
  zoneOffsetReaders.set(zone, reader);
  return reader;
}

/**
 * A date some generators write as seconds since the Unix epoch (9 or 10 digits: 1973 to 2286, a fraction allowed) or
 * milliseconds (13 digits: 2001 to 2286). Other runs of digits are compact dates (`20260603`, read above) or nothing:
 * `202606031200` is no timestamp of a year a feed could have.
 */
const UNIX_SECONDS = /^\d{9,10}(?:\.\d+)?$/;
const UNIX_MILLISECONDS = /^\d{13}$/;

/**
 * The ISO date, to the second, of a Unix timestamp in seconds or, from 10^11 up (in seconds the year 5138, in
 * milliseconds 1973), in milliseconds; null for one no Date holds. JSON Feeds written by hand or by a database's
 * serialiser give dates as numbers so, against the spec's RFC 3339 strings.
 */
export function unixTimestampDate(timestamp: number): string | null {
  const ms = Math.abs(timestamp) < 1e11 ? timestamp * 1000 : timestamp;
  // to the second, as every other date is read
  const date = new Date(Math.floor(ms / 1000) * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A year of four digits, not the digits of a zone offset ("+0200", "-0500") or a time. */
const FOUR_DIGIT_YEAR = /(?<![+:\d])(?:19|20)\d{2}(?![\d:])/;

/** English day names, Sunday first as Date's getUTCDay counts, and one opening a date (`Fri, `, `Friday `). */
const ENGLISH_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const ENGLISH_DAY_NAME = /^\s*(sun|mon|tue|wed|thu|fri|sat)(?:day|sday|nesday|rsday|urday)?\.?,?\s*$/i;

/** An all-numeric day and month before the year: 04/06/2026, 4.6.2026, 04-06-2026. */
const NUMERIC_DAY_MONTH_YEAR = /(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])/;

/**
 * The text with an all-numeric date written year first (2026/06/04), which Date.parse reads one way only; null when
 * it cannot be told which number is the month. Date.parse reads 04/06/2026 and 04-06-2026 American style, as 6 April:
 * with slashes or dashes, which both sides of the Atlantic write, a date is read so only when the day shows it
 * (06/13/2026), the other way when the day comes first (13/06/2026), and not at all when both could be the month, as
 * pages' dates are; with dots (04.06.2026), which only day-first countries write, day first.
 */
function withNumericDayMonthRead(text: string): string | null {
  const match = NUMERIC_DAY_MONTH_YEAR.exec(text);
  if (!match) return text;
  const [whole, firstText, separator, secondText, year] = match as unknown as [string, string, string, string, string];
  const first = Number(firstText);
  const second = Number(secondText);
  let dayFirst = separator === '.' || first > 12;
  if (separator !== '.' && first <= 12) {
    if (second > 12) dayFirst = false;
    else if (first !== second) {
      // a day name before the date tells (Drupal's `Fri, 06/05/2026 - 10:19`), when one reading alone falls on it
      const named = ENGLISH_DAY_NAME.exec(text.slice(0, match.index));
      if (!named) return null;
      const weekday = ENGLISH_DAYS.indexOf(named[1]!.toLowerCase());
      const fallsOn = (day: number, month: number) => new Date(Date.UTC(Number(year), month - 1, day)).getUTCDay() === weekday;
      const [asDayFirst, asMonthFirst] = [fallsOn(first, second), fallsOn(second, first)];
      if (asDayFirst === asMonthFirst) return null;
      dayFirst = asDayFirst;
    }
  }
  const [day, month] = dayFirst ? [first, second] : [second, first];
  return `${text.slice(0, match.index)}${year}/${String(month).padStart(2, '0')}/${String(day).padStart(2, '0')}${text.slice(match.index + whole.length)}`;
}

/**
 * An all-numeric date written or made year first, as the ISO reader takes it: a day name before it dropped and the
 * comma or Drupal's dash between it and a time (`Fri, 2026/06/05 - 10:19`, `1997-07-19, 16:46`) made a space.
 */
function yearFirstDateAndTime(text: string): string {
  return text
    // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
    .replace(/^\p{L}{1,40}\.?,?\s+(?=\d{4}[-/.]\d)/u, '')
    .replace(/^(\d{4}([-/.])\d{1,2}\2\d{1,2}),?(?:\s+-)?\s+(?=\d{1,2}:\d{2})/, '$1 ');
}

// ---------------------------------------------------------------------------------------------------------------
// Identity

/** sha256 hex of the parts, joined by a separator that cannot occur in text. */
export function hashIdentity(...parts: (string | null | undefined)[]): string {
  return createHash('sha256').update(parts.map((part) => part ?? '').join('\u0000')).digest('hex');
}

export interface IdentityInput {
  guid: string | null;
  link: string | null;
  title: string | null;
  content: string | null;
  summary?: string | null;
  published?: string | null;
  updated?: string | null;
}

/**
 * The items that hold anything at all: one whose every field is empty (`<item></item>`, or what a broken document's
 * recovery makes of a cut-off `<item>`) would be stored as an article of nothing under a made-up id. They are dropped
 * and counted in a warning. An item with only a date or an author stays, as feedparser keeps it.
 */
export function withoutEmptyItems<T extends Omit<FeedItem, 'id'>>(items: T[], warnings: string[]): T[] {
  const kept = items.filter(
    (item) =>
      item.guid || item.title || item.link || item.published || item.updated || item.author || item.summary || item.content || item.outlet ||
      item.enclosures.length > 0 || item.categories.length > 0,
  );
  const dropped = items.length - kept.length;
  if (dropped > 0) warnings.push(`${dropped} empty item${dropped === 1 ? '' : 's'} (not one field filled) skipped`);
  return kept;
}

/**
 * Items a feed lists more than once: kept once, so the repeat neither becomes a second article nor pushes the item
 * off its GUID onto a hash. A repeat is the same in its source text (a CMS repeating a story), or has the same GUID,
 * link, title, text and date, differing only in what does not make another article (a pinned copy with a "Featured"
 * category): under a hash, the pinned copy and the item would be two articles, and a third when the pin is gone and
 * the item is known by its GUID again. Items that only read the same once normalised (fields in another order) are
 * kept apart, as written, and so are items sharing a GUID and a link under other headlines (a CMS that stamps every
 * item with its home page). Only items sharing a GUID (or, without one, a link) are compared, which keeps this cheap.
 */
export function dropRepeatedItems<T extends IdentityInput>(items: T[], sourceOf: (index: number) => string, warnings: string[]): T[] {
  // Per GUID (or link): the first item's index, and once the key repeats, the source texts and the articles (see
  // articleKey) seen under it: sets, so a hostile feed of thousands of items under one GUID costs linear time.
  const byKey = new Map<string, { first: number; sources: Set<string> | null; articles: Set<string> | null }>();
  let sameArticle = 0;
  const kept = items.filter((item, index) => {
    const key = item.guid ?? item.link;
    if (!key) return true;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { first: index, sources: null, articles: null });
      return true;
    }
    seen.sources ??= new Set([sourceOf(seen.first)]);
    const source = sourceOf(index);
    if (seen.sources.has(source)) return false;
    seen.sources.add(source);
    if (!item.guid || !item.link) return true;
    seen.articles ??= new Set([articleKey(items[seen.first]!)]);
    const article = articleKey(item);
    if (seen.articles.has(article)) {
      sameArticle += 1;
      return false;
    }
    seen.articles.add(article);
    return true;
  });
  const repeats = items.length - kept.length - sameArticle;
  if (repeats > 0) warnings.push(`${repeats} item${repeats === 1 ? '' : 's'} listed again word for word; each kept once`);
  if (sameArticle > 0) {
    warnings.push(`${sameArticle} item${sameArticle === 1 ? '' : 's'} listed again with the same GUID, link, title, text and date (a pinned copy); the first kept`);
  }
  return kept;
}

/**
 * What makes an item the article it is: its GUID, link, title, text and date (another date is another time of a
 * recurring item, see assignItemIds), hashed, so that items are told apart in a set.
 */
function articleKey(item: IdentityInput): string {
  return hashIdentity(item.guid, item.link, item.title, item.content ?? item.summary, dateOf(item));
}

/**
 * The identity ladder. Policy:
 *   1. the GUID / Atom id, unless the same GUID appears on more than one item of this document (some CMSs
 *      stamp every item with the feed's own id, which would merge distinct stories);
 *   2. else the item's absolute link, unless that too is shared by several items;
 *   3. else `sha256:` + sha256(title + content, or + summary for an item with no content, as an RSS item with a
 *      description only), stable across fetches as long as the item does not change. Items of one document that
 *      hash alike (a status feed's "Service restored") are told apart by their date: the earliest keeps the plain
 *      hash, which it had while it was the only one, and each later one hashes its date too. By their place in the
 *      feed, a newer lookalike at the top would take the key of the one stored before it, and be lost.
 * A duplicate key that survives all three (identical items, or lookalikes of one date) is disambiguated by its
 * position, so keys are unique within a document.
 */
export function assignItemIds(items: IdentityInput[]): string[] {
  const count = (values: (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };
  // An id is stored and looked up as it is, and PostgreSQL refuses text holding NUL (the store drops it, so the
  // next run would not find the item and store it again): a GUID is read without its NULs.
  items = items.map((item) => (item.guid?.includes('\0') ? { ...item, guid: item.guid.replaceAll('\0', '') || null } : item));
  const guidCounts = count(items.map((item) => item.guid));
  const linkCounts = count(items.map((item) => item.link));
  const ids = items.map((item) => {
    if (item.guid && guidCounts.get(item.guid) === 1) return item.guid;
    if (item.link && linkCounts.get(item.link) === 1) return item.link;
    return contentIdentity(item.title, item.content ?? item.summary);
  });
  const hashCounts = count(ids.filter(isContentIdentity));
  const lookalikes = new Map<string, number[]>();
  ids.forEach((id, index) => {
    if (hashCounts.get(id)! < 2 || dateOf(items[index]!) === null) return;
    const group = lookalikes.get(id);
    if (group) group.push(index);
    else lookalikes.set(id, [index]);
  });
  for (const indexes of lookalikes.values()) {
    const earliest = indexes.reduce((a, b) => (dateOf(items[b]!)! < dateOf(items[a]!)! ? b : a));
    for (const index of indexes) {
      const item = items[index]!;
      if (index !== earliest && dateOf(item) !== dateOf(items[earliest]!)) ids[index] = `${CONTENT_IDENTITY_PREFIX}${hashIdentity(item.title, item.content ?? item.summary, dateOf(item))}`;
    }
  }
  const seen = new Map<string, number>();
  return ids.map((id) => {
    const uses = seen.get(id) ?? 0;
    seen.set(id, uses + 1);
    return uses === 0 ? id : `${id}#${uses}`;
  });
}

/** The ladder's last rung: the identity of an item by its title and text (content, else summary). */
/** A language tag as a feed gives it ("de-DE", "en_us", "pt-br"), or null for anything that is not one. */
export function languageTag(value: string | null | undefined): string | null {
  const tag = value?.trim().replace(/_/g, '-') ?? '';
  return /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$/i.test(tag) ? tag : null;
}

export function contentIdentity(title: string | null, text: string | null | undefined): string {
  return `${CONTENT_IDENTITY_PREFIX}${hashIdentity(title, text)}`;
}

const CONTENT_IDENTITY_PREFIX = 'sha256:';

/** Whether an item's key is the ladder's last rung (see contentIdentity), not a GUID or a link. */
export function isContentIdentity(key: string): boolean {
  return key.startsWith(CONTENT_IDENTITY_PREFIX);
}

function dateOf(item: IdentityInput): string | null {
  return item.published ?? item.updated ?? null;
}
