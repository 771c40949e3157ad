/**
 * Sentence splitting for English news text. Every line break is a boundary (headlines, bullet lines and
 * captions carry no final period), except after a title that stands before a name ("... said Dr." and "Helen
 * Marsh." on the next line of a hard-wrapped capture); inside a line a sentence ends at `.`, `!` or `?` (plus
 * closing quotes or brackets) followed by whitespace and a capital, digit or opening quote, unless the period
 * belongs to a known abbreviation or an initial ("U.S.", "Mr.", "J. Clark").
 */

export interface Sentence {
  /** The sentence; a line break inside it (after a title: "said Dr." over "Helen Marsh.") reads as a space. */
  text: string;
  /** Character offset of the sentence in the input. */
  start: number;
  /** Index of the line-separated block (paragraph) the sentence belongs to. */
  paragraph: number;
}

/**
 * Titles written before a name ("Dr. Helen Marsh", "Sen. Ruth Adeyemi", "Gen. (ret.) Ann Doe", "St. John"): their
 * period never ends a sentence, not even at the end of a line, since the name follows.
 */
const TITLES_BEFORE_NAMES = new Set([
  'mr', 'mrs', 'ms', 'mx', 'messrs', 'dr', 'prof', 'sen', 'sens', 'rep', 'reps', 'gov', 'gen', 'col', 'lt', 'sgt',
  'capt', 'cmdr', 'adm', 'maj', 'cpl', 'rev', 'hon', 'fr', 'st', 'supt', 'insp', 'ret',
]);

const ABBREVIATIONS = new Set([
  ...TITLES_BEFORE_NAMES, 'jr', 'sr', 'inc', 'corp', 'ltd', 'co', 'vs', 'no', 'fig', 'approx', 'dept', 'est', 'jan',
  'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'u.s', 'u.k', 'u.n',
  'e.u', 'a.i', 'd.c',
]);

// A candidate end: terminal punctuation, optional closing quotes/brackets, whitespace, then what may open a
// new sentence.
// Scraped text sometimes loses the space after a period ("a ploy.These skeptics"): a lower-case word, a
// period and a capitalised word is a boundary too. A match starts where a run of punctuation does (a match takes the
// whole run anyway), and the capital is looked for before the letters behind: tried from each mark of a long run of
// `!` or after each of a run of quotes, the search took the run's length squared (100,000 `!` in a paragraph: 27 s).
const BOUNDARY = /(?<![.!?…])([.!?…]+)(["'”’)\]]*)(\s+|(?=\p{Lu}\p{Ll})(?<=\p{Ll}{2}[.!?]["'”’)\]]*))(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu;

/** The word before the period at `periodIndex`, lower-cased, with the periods inside it ("u.s" of "U.S."). */
function wordBeforePeriod(text: string, periodIndex: number): { word: string; start: number } {
  let start = periodIndex;
  while (start > 0 && /[\p{L}.]/u.test(text[start - 1]!)) start--;
  return { word: text.slice(start, periodIndex).toLowerCase(), start };
}

function endsWithAbbreviation(text: string, periodIndex: number): boolean {
  const { word, start } = wordBeforePeriod(text, periodIndex);
  if (word.length === 0) return false;
  // A single capital letter is an initial ("Jack C. Clark").
  if (word.length === 1 && /\p{Lu}/u.test(text[start]!)) return true;
  return ABBREVIATIONS.has(word);
}

/**
 * True when a line ends with a title whose name opens the next line ("..., said Dr." over "Helen Marsh."): the line
 * break is a wrap inside the sentence, not the end of a line of its own.
 */
function endsWithTitleBeforeName(line: string, next: string | undefined): boolean {
  if (next === undefined || !/^\s*[\p{Lu}(]/u.test(next)) return false;
  const trimmed = line.trimEnd();
  // "Gen. (ret.)" closes a bracket after the title's period.
  const period = trimmed.endsWith('.)') ? trimmed.length - 2 : trimmed.length - 1;
  if (trimmed[period] !== '.') return false;
  const { word } = wordBeforePeriod(trimmed, period);
  return TITLES_BEFORE_NAMES.has(word);
}

/**
 * The lines of a text as `split('\n')` gives them, except that a line ending with a title is joined to the next one
 * (see endsWithTitleBeforeName), the line break read as a space, so offsets stay those of the input.
 */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  const joined: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    while (i + 1 < lines.length && endsWithTitleBeforeName(line, lines[i + 1])) line = `${line} ${lines[++i]!}`;
    joined.push(line);
  }
  return joined;
}

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let lineStart = 0;
  const lines = linesOf(text);
  for (const line of lines) {
    const lineOffset = lineStart;
    lineStart += line.length + 1;
    if (line.trim().length === 0) {
      paragraph++;
      continue;
    }
    let sentenceStart = 0;
    BOUNDARY.lastIndex = 0;
    for (let match = BOUNDARY.exec(line); match !== null; match = BOUNDARY.exec(line)) {
      const punctuation = match[1]!;
      if (punctuation === '.' && endsWithAbbreviation(line, match.index)) continue;
      const end = match.index + punctuation.length + match[2]!.length;
      pushSentence(sentences, line, sentenceStart, end, lineOffset, paragraph);
      sentenceStart = end + match[3]!.length;
    }
    pushSentence(sentences, line, sentenceStart, line.length, lineOffset, paragraph);
    paragraph++;
  }
  return sentences;
}

/**
 * The longest sentence kept whole. News sentences stay far below it; text without sentence ends (a list, scraped
 * furniture, a hostile page of "X said X said ...") is cut into pieces of at most this many characters at spaces,
 * since reading attributions and clauses costs more than linear time in a sentence's length.
 */
export const MAX_SENTENCE_CHARS = 1_000;

function pushSentence(
  sentences: Sentence[], line: string, from: number, to: number, lineOffset: number, paragraph: number,
): void {
  const raw = line.slice(from, to);
  const trimmed = raw.trim();
  if (trimmed.length === 0) return;
  const leading = raw.length - raw.trimStart().length;
  const start = lineOffset + from + leading;
  let offset = 0;
  while (trimmed.length - offset > MAX_SENTENCE_CHARS) {
    // at the last space within the limit, else (one word longer than it) at the limit
    const space = trimmed.lastIndexOf(' ', offset + MAX_SENTENCE_CHARS);
    const end = space > offset ? space : offset + MAX_SENTENCE_CHARS;
    sentences.push({ text: trimmed.slice(offset, end), start: start + offset, paragraph });
    offset = end;
    while (trimmed.charCodeAt(offset) === 0x20) offset++;
  }
  sentences.push({ text: trimmed.slice(offset), start: start + offset, paragraph });
}
