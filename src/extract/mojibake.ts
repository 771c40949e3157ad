/**
 * Repair of mojibake: UTF-8 text that was decoded under a legacy single-byte code page somewhere upstream
 * ("â€™" for "’", "Ã©" for "é", "β€”" for "—" under windows-1253).
 *
 * Method: find runs of non-ASCII characters (UTF-8 multi-byte sequences never contain ASCII bytes, so a
 * mis-decoded character always stays inside such a run), map each run back to the bytes it came from under each
 * candidate code page, and re-decode every well-formed UTF-8 multi-byte sequence found in those bytes. A candidate
 * is accepted only when it is clearly more plausible than the original (see `implausibility`), which is what keeps
 * legitimate Greek, Cyrillic and accented Latin text intact: their bytes rarely form valid UTF-8, and when they do
 * the result is a character from an unrelated script, which scores worse.
 */
import iconv from 'iconv-lite';

/**
 * Code pages tried, most common mis-decoding first (order breaks ties). windows-1252/iso-8859-1 cover Western
 * sites; 1250/1251/1253/1254/1257 are the Windows defaults of Central Europe, Cyrillic, Greek, Turkish, Baltic;
 * koi8-r and macintosh are the legacy defaults of old Russian and Mac tooling.
 */
const CANDIDATE_CODE_PAGES = [
  'windows-1252',
  'iso-8859-1',
  'iso-8859-15',
  'windows-1250',
  'iso-8859-2',
  'windows-1251',
  'koi8-r',
  'windows-1253',
  'iso-8859-7',
  'windows-1254',
  'windows-1257',
  'macintosh',
] as const;

/** A text that was double-encoded needs one pass per layer; three layers is already pathological. */
const MAX_PASSES = 3;

/** char -> byte (0x80..0xFF) for one code page. */
type ReverseTable = Map<string, number>;

const reverseTables = new Map<string, ReverseTable>();

function reverseTableFor(codePage: string): ReverseTable {
  let table = reverseTables.get(codePage);
  if (table) return table;
  table = new Map();
  for (let byte = 0x80; byte <= 0xff; byte++) {
    const char = iconv.decode(Buffer.from([byte]), codePage);
    if (char.length === 1 && char !== '\uFFFD' && char.charCodeAt(0) >= 0x80) table.set(char, byte);
  }
  // Bytes a code page leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D in windows-1252) are passed through as the
  // C1 control of the same value by browsers and most decoders, so a C1 control in mojibake stands for that byte.
  for (let byte = 0x80; byte <= 0x9f; byte++) {
    const c1 = String.fromCharCode(byte);
    if (!table.has(c1)) table.set(c1, byte);
  }
  reverseTables.set(codePage, table);
  return table;
}

/** Length of the well-formed UTF-8 multi-byte sequence starting at `i`, or 0 (RFC 3629 table 3.7). */
function utf8SequenceLength(bytes: readonly number[], i: number): number {
  const lead = bytes[i]!;
  const isCont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = bytes[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (lead >= 0xc2 && lead <= 0xdf) return isCont(1) ? 2 : 0;
  if (lead === 0xe0) return isCont(1, 0xa0) && isCont(2) ? 3 : 0;
  if ((lead >= 0xe1 && lead <= 0xec) || lead === 0xee || lead === 0xef) return isCont(1) && isCont(2) ? 3 : 0;
  if (lead === 0xed) return isCont(1, 0x80, 0x9f) && isCont(2) ? 3 : 0;
  if (lead === 0xf0) return isCont(1, 0x90) && isCont(2) && isCont(3) ? 4 : 0;
  if (lead >= 0xf1 && lead <= 0xf3) return isCont(1) && isCont(2) && isCont(3) ? 4 : 0;
  if (lead === 0xf4) return isCont(1, 0x80, 0x8f) && isCont(2) && isCont(3) ? 4 : 0;
  return 0;
}

const LETTER = /\p{L}/u;
/** What a re-read may make beside letters it leaves whole: punctuation, symbols and spaces, not letters or marks. */
const PUNCTUATION_OR_SYMBOL = /^[\p{P}\p{S}\p{Z}]$/u;

/** How far from a run its word is searched for a whole letter (wordHasWholeLetter); a word is seldom longer. */
const WORD_SEARCH_CHARS = 40;

/**
 * Whether the word around text[start, end), a run of non-ASCII characters, holds a non-ASCII letter standing alone
 * (between ASCII characters): mis-decoded UTF-8 turns each such letter into a run of two or more characters, so one
 * standing alone is whole, and the word with it (`ȚARĂ®`, whose `Ă®` reads as î under windows-1250).
 */
function wordHasWholeLetter(text: string, start: number, end: number): boolean {
  const isLoneLetter = (i: number) =>
    text.charCodeAt(i) > 0x7f && !(text.charCodeAt(i - 1) > 0x7f) && !(text.charCodeAt(i + 1) > 0x7f) && LETTER.test(text[i]!);
  for (let i = start - 1; i >= Math.max(0, start - WORD_SEARCH_CHARS) && LETTER.test(text[i]!); i--) if (isLoneLetter(i)) return true;
  for (let i = end; i < Math.min(text.length, end + WORD_SEARCH_CHARS) && LETTER.test(text[i]!); i++) if (isLoneLetter(i)) return true;
  return false;
}

/**
 * Re-reads `run` as UTF-8 bytes that were decoded under `codePage`. Characters the code page cannot produce, and
 * bytes that do not form a valid UTF-8 sequence, are kept as they were, so a run mixing legitimate characters and
 * mojibake ("«Ã©»") is repaired only where the bytes say so. But a run whose re-read would make a letter or a mark
 * beside letters it leaves whole, in the run or its word (`besideWholeLetter`), is read as written: mis-decoded text
 * is mis-decoded letter by letter, and a word whose other letters are whole is no mojibake (`МТС®`, whose `С®` reads
 * as Ѯ under windows-1251; `ЯНДЕКС™`). A re-read making punctuation beside them is kept (`Москва` then a windows-1251
 * `вЂ™` for ’, pasted from elsewhere).
 */
function reinterpretRun(run: string, codePage: string, besideWholeLetter: boolean): string {
  const table = reverseTableFor(codePage);
  const chars = Array.from(run);
  const bytes: number[] = chars.map((c) => table.get(c) ?? -1);
  // Most runs of real text (Cyrillic, Greek, CJK, accented words) hold no UTF-8 sequence under a code page: done.
  if (!bytes.some((byte, i) => byte >= 0xc2 && utf8SequenceLength(bytes, i) > 0)) return run;
  let out = '';
  let madeLetter = false;
  let keptLetter = besideWholeLetter;
  let i = 0;
  while (i < chars.length) {
    const length = bytes[i]! >= 0 ? utf8SequenceLength(bytes, i) : 0;
    if (length > 0) {
      const char = Buffer.from(bytes.slice(i, i + length)).toString('utf8');
      madeLetter ||= !PUNCTUATION_OR_SYMBOL.test(char);
      out += char;
      i += length;
    } else {
      // not a lead whose next byte a decoder upstream lost (`Р�` for И under windows-1251): mojibake all the same
      keptLetter ||= LETTER.test(chars[i]!) && chars[i + 1] !== '\ufffd';
      out += chars[i]!;
      i += 1;
    }
  }
  return madeLetter && keptLetter ? run : out;
}

type CharClass = 'upper' | 'lower' | 'letter' | 'symbol' | 'other';

function classify(char: string): CharClass {
  if (/\p{Lu}/u.test(char)) return 'upper';
  if (/\p{Ll}/u.test(char)) return 'lower';
  if (/\p{L}/u.test(char)) return 'letter';
  if (/\p{S}/u.test(char)) return 'symbol';
  return 'other';
}

const SCRIPTS = ['Latin', 'Greek', 'Cyrillic', 'Hebrew', 'Arabic', 'Han', 'Hiragana', 'Katakana', 'Hangul'] as const;
const scriptPatterns = SCRIPTS.map((name) => [name, new RegExp(`\\p{Script=${name}}`, 'u')] as const);

function scriptOf(char: string): string {
  for (const [name, pattern] of scriptPatterns) if (pattern.test(char)) return name;
  return 'other';
}

/**
 * Characters real prose uses: Latin-1 and Latin Extended letters, Greek, Cyrillic, Hebrew and Arabic letters,
 * general punctuation, currency, letterlike symbols (™), arrows, − ≠ ≤ ≥, CJK, emoji. A UTF-8 re-read that lands
 * outside these (Syriac, NKo, Thaana, C1 controls, private use...) is a sign the bytes were never UTF-8.
 */
function isOrdinaryChar(char: string): boolean {
  const cp = char.codePointAt(0)!;
  return (
    cp < 0x80 ||
    // Latin-1 to Latin Extended-B but its last letters (Ⱥ Ʌ ɏ ...: phonetic and Salishan letters no news prose has,
    // which windows-1252 mojibake re-read under another code page lands on: "ÉTÉ…" as "ÉTɅ")
    (cp >= 0xa0 && cp <= 0x233) ||
    (cp >= 0x300 && cp <= 0x36f) || // combining accents (decomposed "é")
    (cp >= 0x370 && cp <= 0x3ff) ||
    (cp >= 0x400 && cp <= 0x4ff) ||
    (cp >= 0x5d0 && cp <= 0x5ea) ||
    (cp >= 0x620 && cp <= 0x64a) ||
    (cp >= 0x1e00 && cp <= 0x1eff) ||
    (cp >= 0x2010 && cp <= 0x205f) ||
    (cp >= 0x20a0 && cp <= 0x20bf) ||
    // the minus sign and the comparisons news text uses ("≤ 2%"); not √, ∑ or ≈, which lead Mac Roman mojibake
    cp === 0x2212 ||
    cp === 0x2260 ||
    cp === 0x2264 ||
    cp === 0x2265 ||
    (cp >= 0x2100 && cp <= 0x21ff) ||
    (cp >= 0x3000 && cp <= 0x30ff) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0x1f300 && cp <= 0x1faff)
  );
}

/**
 * Characters that prose almost never uses but that mojibake of common letters is full of (the second byte of a
 * UTF-8 pair read as windows-1252/latin-1: "Ã¨" è, "Ã¼" ü, "Ãº" ú, "Ã¯" ï ...).
 */
const RARE_IN_PROSE = new Set(Array.from('¤¦¨¯´¸¹²³¼½¾ªº¬‡†ˆ‰‹›ƒ‚„˜Ÿ\u00ad'));

/**
 * How implausible a string looks: rare or out-of-place characters, letters of two scripts glued together, a
 * capital right after a small letter ("cafÃ"), a letter glued to a symbol ("â€", "Ã©", "™t"). Mojibake scores
 * high on all of these; real words in any script score zero.
 */
function implausibility(text: string): number {
  const chars = Array.from(text);
  let score = 0;
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    const notation = isMathNotation(char, chars[i + 1]);
    if (!isOrdinaryChar(char) && !notation) score += 2;
    else if (RARE_IN_PROSE.has(char)) score += 1;
    // a combining mark on no letter: what a wrong re-read of double-encoded text makes (U+0322 of "Ã¢")
    if (/\p{M}/u.test(char) && (i === 0 || !/\p{L}/u.test(chars[i - 1]!))) score += 2;
    if (i === 0) continue;
    const previous = chars[i - 1]!;
    const a = classify(previous);
    const b = classify(char);
    const aIsLetter = a === 'upper' || a === 'lower' || a === 'letter';
    const bIsLetter = b === 'upper' || b === 'lower' || b === 'letter';
    if (aIsLetter && bIsLetter && scriptOf(previous) !== scriptOf(char)) score += 1;
    if (a === 'lower' && b === 'upper') score += 1;
    // "Â" before a no-break space or a Latin-1 sign (Â£ Â° Â©): UTF-8's C2 lead byte read as windows-1252, the most
    // common mojibake of all; no word puts a sign right after Â
    if (previous === 'Â' && char >= '\u00a0' && char <= '\u00bf') score += 2;
    // "Ã" before one (Ã¶ ö, Ã§ ç, Ã± ñ): UTF-8's C3 lead byte so read, in a word whose capital leaves no case change to
    // count ("KÃ¶ln"); no word puts a sign after Ã (a no-break space may follow a Portuguese capital: "IRMÃ", then U+00A0)
    if (previous === 'Ã' && char >= '\u00a1' && char <= '\u00bf') score += 2;
    // a low quotation mark glued to a letter ("â„¢" for ™): German opens quotes with it after a space
    if (aIsLetter && (char === '„' || char === '‚')) score += 1;

    // Only non-ASCII symbols count: mojibake makes those ("â€", "Ã©"), while ASCII ones ("<" of markup, "$") are
    // the text's own, and a word before a tag must not read better as a combining mark.
    if ((aIsLetter && b === 'symbol' && char > '\x7f') || (a === 'symbol' && previous > '\x7f' && bIsLetter && !isMathNotation(previous, char))) score += 1;
  }
  return score;
}

/**
 * A mathematical operator written before its operand, as prose about compute or risk writes it: "√2", "∑x", "√π".
 * Mojibake puts one only before another non-ASCII character ("√©" is "é" in Mac Roman); before a Greek letter the
 * two readings tie, and "√π" is kept unless the text holds clear Mac Roman mojibake.
 */
function isMathNotation(char: string, next: string | undefined): boolean {
  const cp = char.codePointAt(0)!;
  if (cp < 0x2200 || cp > 0x22ff || next === undefined) return false;
  return /[A-Za-z0-9]/.test(next) || /\p{Script=Greek}/u.test(next);
}

let continuationChars: RegExp | null = null;

/**
 * Characters that stand for a UTF-8 continuation byte (0x80-0xBF) under some candidate code page. Every mis-decoded
 * multi-byte sequence holds one, and words of real text seldom do (Cyrillic, Greek and CJK letters sit elsewhere),
 * so a run without one is left alone before the costly reading under every code page.
 */
function continuationPattern(): RegExp {
  if (continuationChars) return continuationChars;
  const chars = new Set<string>();
  for (const codePage of CANDIDATE_CODE_PAGES) {
    for (const [char, byte] of reverseTableFor(codePage)) if (byte >= 0x80 && byte <= 0xbf) chars.add(char);
  }
  const escaped = [...chars].map((char) => `\\u{${char.codePointAt(0)!.toString(16)}}`).join('');
  continuationChars = new RegExp(`[${escaped}]`, 'u');
  return continuationChars;
}

/** Runs of non-ASCII characters (no ASCII byte can be part of a UTF-8 multi-byte sequence). */
const NON_ASCII_RUN = /[^\x00-\x7f]{2,}/g;
/**
 * The characters of distinct runs one pass judges: each costs microseconds under every code page, and a hostile page
 * of a million "Ã©" without a space took 23 s. A run past what is left of it is left as it is: a real page's damage
 * is in runs of a word or a paragraph (2,400 Chinese characters without ASCII punctuation make a run of 7,200), and a
 * run is judged whole, since a piece cut from it may end inside a character and read as no mojibake at all.
 */
const JUDGED_CHARS_MAX = 1_000_000;
/**
 * Whether a text holds such a run at all. Only runs are judged, so a text without one is returned as it is; most
 * text (titles, names, English prose with a lone “ or —) has none, and this plain class is searched several times
 * faster than continuationPattern's, which is then tried only on the texts that have a run.
 */
const HAS_NON_ASCII_RUN = /[^\x00-\x7f]{2}/;

interface RunVerdict {
  start: number;
  run: string;
  /** The most plausible re-read that is strictly better than the run, if any. */
  improvement: string | null;
  /** Code pages whose re-read is strictly better. */
  improvingCodePages: string[];
  /** Re-reads that are exactly as plausible as the run, by code page (ambiguous on their own). */
  ties: Map<string, string>;
}

/** Runs judged under every code page since the module was loaded: the repair's cost, which tests and benches read. */
export const repairWork = { runsJudged: 0 };

function judgeRun(text: string, run: string, start: number, besideWholeLetter: boolean): RunVerdict {
  repairWork.runsJudged++;
  // One character of context on each side lets "cafÃ©" count the "fÃ" case change.
  const before = start > 0 ? text[start - 1]! : '';
  const after = text[start + run.length] ?? '';
  const verdict: RunVerdict = { start, run, improvement: null, improvingCodePages: [], ties: new Map() };
  // Scored only when some code page reads the run otherwise: scoring is most of the cost, and real text rarely needs it.
  let originalScore = -1;
  let bestScore = -1;
  for (const codePage of CANDIDATE_CODE_PAGES) {
    const candidate = reinterpretRun(run, codePage, besideWholeLetter);
    if (candidate === run) continue;
    if (originalScore < 0) bestScore = originalScore = implausibility(before + run + after);
    const score = implausibility(before + candidate + after);
    if (score < originalScore) verdict.improvingCodePages.push(codePage);
    else if (score === originalScore && Array.from(candidate).every(isOrdinaryChar)) verdict.ties.set(codePage, candidate);
    if (score < bestScore) {
      verdict.improvement = candidate;
      bestScore = score;
    }
  }
  return verdict;
}

/**
 * One repair pass. Runs that are clearly mojibake are repaired on their own evidence. A run whose re-read is only
 * as plausible as the original ("Ä—" for "ė") is repaired only when the same text holds clear mojibake under that
 * code page: a mis-decoded page is mis-decoded throughout, while text without clear mojibake is left alone.
 */
function repairOnce(text: string): string {
  if (!HAS_NON_ASCII_RUN.test(text)) return text;
  const mayBeMojibake = continuationPattern();
  if (!mayBeMojibake.test(text)) return text;
  // A mis-decoded page repeats the same few runs ("â€™", "Ã©") thousands of times: each is judged once with its
  // context (a verdict depends on nothing else), so a page of megabytes of them costs what its distinct runs cost.
  const judged = new Map<string, RunVerdict>();
  let judgedChars = 0;
  const verdicts = Array.from(text.matchAll(NON_ASCII_RUN))
    .filter((m) => mayBeMojibake.test(m[0]))
    .map((m) => {
      const besideWholeLetter = wordHasWholeLetter(text, m.index, m.index + m[0].length);
      const key = `${m.index > 0 ? text[m.index - 1] : ''}\u0000${m[0]}\u0000${text[m.index + m[0].length] ?? ''}\u0000${besideWholeLetter}`;
      let verdict = judged.get(key);
      if (verdict === undefined) {
        const affordable = judgedChars + m[0].length <= JUDGED_CHARS_MAX;
        if (affordable) judgedChars += m[0].length;
        verdict = affordable ? judgeRun(text, m[0], m.index, besideWholeLetter) : { start: m.index, run: m[0], improvement: null, improvingCodePages: [], ties: new Map() };
        judged.set(key, verdict);
      }
      return verdict.start === m.index ? verdict : { ...verdict, start: m.index };
    });
  const evidence = new Map<string, number>();
  for (const v of verdicts) for (const cp of v.improvingCodePages) evidence.set(cp, (evidence.get(cp) ?? 0) + 1);
  const documentCodePage = [...evidence.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  let out = '';
  let cursor = 0;
  for (const v of verdicts) {
    const replacement = v.improvement ?? (documentCodePage ? v.ties.get(documentCodePage) : undefined);
    if (replacement === undefined) continue;
    out += text.slice(cursor, v.start) + replacement;
    cursor = v.start + v.run.length;
  }
  return out + text.slice(cursor);
}

/**
 * Restores text that was UTF-8 but got decoded under a legacy code page, including double encoding. Text without
 * such damage is returned unchanged.
 *
 * @example repairMojibake('cafÃ© â€œquotedâ€\u009d') // 'café “quoted”'
 */
export function repairMojibake(text: string): string {
  let current = text;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const repaired = repairOnce(current);
    if (repaired === current) break;
    current = repaired;
  }
  return current;
}
