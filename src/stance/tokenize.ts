/**
 * Word tokens with their character offsets. Lexicon phrases are matched on tokens, not on raw text, so one pass
 * over a sentence finds every cue (a regex per cue would be scanned once per cue and is far slower).
 */

export interface Token {
  /**
   * Lower-cased word, curly apostrophes folded to `'`, a possessive "'s" removed ("proposal's" → "proposal",
   * so lexicon phrases match); punctuation tokens keep their character.
   */
  word: string;
  /** True when the word carried a possessive "'s" ("Anthropic's"). */
  isPossessive: boolean;
  start: number;
  end: number;
}

// Words may carry inner apostrophes and hyphens ("don't", "open-source", "six-month"); clause punctuation and
// quote marks are tokens of their own because clause splitting and attribution need them.
// Emoji are tokens too: 🙄 and 🙃 mark sarcasm in posts. "A.I.", as some papers' house style writes AI, is the
// word "ai": read letter by letter, its last dot would end a clause before the noun it modifies ("an A.I. pause").
// Before a capital its dot may also end a sentence the splitter kept whole ("... optimistic about A.I. Critics say
// ..."), and stays a token of its own, unless the capital continues a name or a headline ("the Center for A.I.
// Safety", "Tech Leaders Call for an A.I. Pause").
const TOKEN_PATTERN = /(?<![\p{L}\p{N}.])[Aa]\.[Ii]\.(?![\p{L}\p{N}])|[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*|[,;:!?()"“”—–]|\.(?=\s|$)|\p{Extended_Pictographic}/gu;
const CAPITAL_AFTER = /^\s\p{Lu}/u;
const NAME_CONTINUATION_AFTER = /^\s+(?:Safety|Security|Policy|Now|Act|Institute|Index|Summit|Action|Alliance|Labs?|Initiative|Council|Office|Commission|Research|Ethics|Governance|Pause|Moratorium|Freeze|Models?|Partnership|Forum|Center|Centre|Task|Bill|Regulation|Rules|Strategy|Plan|Race|Industry|Companies|Chips?|Systems?|Development|Risks?)\b/;

/** Words whose "'s" is "is" or "us", not a possessive. */
const CONTRACTIONS_WITH_S = new Set([
  "let's", "it's", "that's", "what's", "here's", "there's", "he's", "she's", "who's", "where's", "how's", "one's",
]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Lower-case the sentence once; per-token lower-casing is the tokenizer's main cost. A few characters change
  // length when lower-cased ("İ"); then offsets would drift, so such text is lower-cased word by word.
  const whole = text.toLowerCase();
  const lower = whole.length === text.length ? whole : null;
  TOKEN_PATTERN.lastIndex = 0;
  for (let match = TOKEN_PATTERN.exec(text); match !== null; match = TOKEN_PATTERN.exec(text)) {
    const raw = match[0];
    const start = match.index;
    let word = lower === null ? raw.toLowerCase() : lower.slice(start, start + raw.length);
    if (raw.length === 1) {
      if (word === '“' || word === '”') word = '"';
      else if (word === '–') word = '—';
    } else if (word.includes('’')) word = word.replaceAll('’', "'");
    else if (word === 'a.i.') {
      const after = text.slice(start + 4, start + 24);
      const endsSentence = CAPITAL_AFTER.test(after) && !NAME_CONTINUATION_AFTER.test(after);
      tokens.push({ word: 'ai', isPossessive: false, start, end: endsSentence ? start + 3 : start + 4 });
      if (endsSentence) tokens.push({ word: '.', isPossessive: false, start: start + 3, end: start + 4 });
      continue;
    }
    let isPossessive = false;
    if (word.endsWith("'s") && !CONTRACTIONS_WITH_S.has(word)) {
      word = word.slice(0, -2);
      isPossessive = true;
    } else if (isPluralPossessive(text, start, start + raw.length)) isPossessive = true;
    tokens.push({ word, isPossessive, start, end: start + raw.length });
  }
  return tokens;
}

/**
 * Whether the word from `start` to `end` is a plural possessive ("the researchers' call", "the labs’ pledge"): a word
 * in "s" whose apostrophe is followed by a space and a word. Inside single quotation marks the apostrophe may close
 * the quote ("'a gift to the labs' and ..."), so a text with an opening single quote before the word is left alone.
 */
function isPluralPossessive(text: string, start: number, end: number): boolean {
  if (text[end - 1] !== 's' || (text[end] !== "'" && text[end] !== '’') || !/^\s\p{L}/u.test(text.slice(end + 1, end + 3))) return false;
  return !/(?:^|[\s(\[—–:"“])['‘]\p{L}/u.test(text.slice(0, start));
}

/** Punctuation tokens that end a clause for negation and contrast scope. */
export function isClauseBreak(word: string): boolean {
  return word === ',' || word === ';' || word === ':' || word === '—' || word === '.' || word === '?' || word === '!'
    || word === '(' || word === ')';
}
