/**
 * The language a text is written in, from its own words: extraction records it, and the scorer reads only texts in
 * the language its lexicon and model are of. Pure.
 */

/** Most frequent function words per language: enough to tell these apart on a few sentences. */
const STOPWORDS: Record<string, Set<string>> = {
  en: new Set(('the of and to a in is that for on with as are by it this was be at from have has an not or its their ' +
    'we you they he she his her our them us who what which when where how but if so no can will would could should ' +
    'cannot more than one all been were do does about into over after without because there any may must like').split(' ')),
  de: new Set(('der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an werden aus er hat dass ' +
    'wird sind wie nach bei oder noch nur über sie wurde einen einer vom zum zur').split(' ')),
  fr: new Set(('le la les de des et en un une du est que qui pour dans sur au par pas plus ne se ce il sont avec ' +
    'cette aussi être été mais ont leur elle nous vous selon sans sous tout où lui ces aux').split(' ')),
  es: new Set(('el la los las de del y en un una que es por para con no se su al lo como más pero sus ' +
    'han ya muy hasta también sin según fue hay después').split(' ')),
  it: new Set(('il la le di e che in un una per non è del della con si da sono al gli anche come ' +
    'questo questa hanno alla nella dei delle più ma tra sul dal degli nel').split(' ')),
  nl: new Set(('de het een en van in is dat op te zijn voor met die niet aan er ook als bij door ' +
    'wordt heeft worden naar maar om nog kan uit deze hebben tot wel geen over').split(' ')),
  pt: new Set(('o a os as de do da e em um uma que para com não por se na no mais dos das ao ' +
    'também está pelo pela já foi muito seu sua são nos nas ou pelos pelas às').split(' ')),
};
/** Share of words that must be one language's function words (running text sits around 0.3-0.5). */
const LANG_MIN_SHARE = 0.15;
const LANG_MIN_WORDS = 8;
/**
 * How far the first language's share must lead the second's: closer shares are mixed or unlisted text. Romance
 * languages share many function words ("de", "la", "que"): in Spanish news French's share can come within 1.5 times
 * Spanish's.
 */
const LANG_MIN_LEAD = 1.3;

/** Words of its own, not the runner-up's, by which a language leads where the two's shares are close. */
const LANG_MIN_OWN_WORDS = 3;
/** Distinct function words a language's verdict needs: names such as "Von der Leyen" or "Die Zeit" give two or three. */
const LANG_MIN_DISTINCT = 4;

interface WordShares {
  words: number;
  /** Each listed language's share, largest first, with the function words of it the text holds. */
  shares: { lang: string; share: number; distinct: number; hits: string[] }[];
}

/** The listed languages each function word is one of: a text's words are looked up once, not once per language. */
const LANGUAGES_OF_WORD = new Map<string, string[]>();
for (const [lang, set] of Object.entries(STOPWORDS)) for (const word of set) LANGUAGES_OF_WORD.set(word, [...(LANGUAGES_OF_WORD.get(word) ?? []), lang]);

// a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
const WORD = /\p{L}{1,1000}/gu;

function wordShares(text: string): WordShares {
  const words = text.toLowerCase().match(WORD) ?? [];
  const hitsOf = new Map(Object.keys(STOPWORDS).map((lang) => [lang, [] as string[]]));
  for (const word of words) for (const lang of LANGUAGES_OF_WORD.get(word) ?? []) hitsOf.get(lang)!.push(word);
  const shares = [...hitsOf]
    .map(([lang, hits]) => ({ lang, share: hits.length / Math.max(1, words.length), distinct: new Set(hits).size, hits }))
    .sort((a, b) => b.share - a.share);
  return { words: words.length, shares };
}

/** Whether a text has at least `count` words, found without reading the rest. */
function hasWords(text: string, count: number): boolean {
  const words = new RegExp(WORD);
  for (let found = 0; found < count; found++) if (words.exec(text) === null) return false;
  return true;
}

/** A passage in double quotation marks or guillemets, within a paragraph: a quoted speaker's words. */
const QUOTED = /["“„«][^"“”„«»\n]{1,2000}["”“»]/g;

/**
 * A text's own voice: the text without what it quotes, when enough is left (a German report quoting an American
 * executive at length is German, an English one quoting a Russian letter English), else the whole.
 */
function narratorText(text: string): string {
  const unquoted = text.replace(QUOTED, ' ');
  return hasWords(unquoted, LANG_MIN_WORDS) ? unquoted : text;
}

/**
 * The language of a text written in the Latin alphabet, by its share of each listed language's function words, or null
 * (too short, mixed, or a language not listed). Close shares mean mixed or unlisted language (many short words are
 * shared), and so do a few function words repeated in names: no guess.
 */
export function guessLanguage(text: string): string | null {
  return guessFrom(wordShares(text));
}

function guessFrom({ words, shares }: WordShares): string | null {
  if (words < LANG_MIN_WORDS) return null;
  const [best, runnerUp] = shares;
  if (!best || best.share < LANG_MIN_SHARE || best.distinct < LANG_MIN_DISTINCT) return null;
  if (runnerUp && best.share < runnerUp.share * LANG_MIN_LEAD && !leadsOnOwnWords(best, runnerUp)) return null;
  return best.lang;
}

/**
 * Whether the first language leads the second on the function words the two do not share: Spanish and French share
 * "la", "de", "en", "que", "se", "un", and a Spanish text's "el", "una", "no" tell it from French where its shares do not.
 */
function leadsOnOwnWords(best: WordShares['shares'][number], runnerUp: WordShares['shares'][number]): boolean {
  const bestOwn = hitsNotOf(best.hits, runnerUp.lang);
  return bestOwn >= LANG_MIN_OWN_WORDS && bestOwn >= hitsNotOf(runnerUp.hits, best.lang) * 3;
}

/** How many of a text's function words of one language are not another's too. */
function hitsNotOf(hits: readonly string[], other: string): number {
  const words = STOPWORDS[other]!;
  return hits.filter((w) => !words.has(w)).length;
}

/** English's share of a text's words; with `besides`, of its words that are English's and not that language's too. */
function englishShare(shares: WordShares['shares'], besides: string | null = null): number {
  const english = shares.find((s) => s.lang === 'en');
  if (!english) return 0;
  if (besides === null || STOPWORDS[besides] === undefined) return english.share;
  return english.hits.length === 0 ? 0 : (hitsNotOf(english.hits, besides) / english.hits.length) * english.share;
}

/**
 * Scripts that name a language, or a family of them, on their own. Kana is Japanese even among Han characters; Han
 * alone is Chinese; the Cyrillic and Arabic alphabets serve several languages, so they name only the script
 * (`und-Cyrl`: a language not determined, in Cyrillic), unless the page declares one written in it.
 */
const SCRIPTS: readonly { code: string; letters: RegExp; declared?: RegExp }[] = [
  { code: 'ja', letters: /[\p{Script=Hiragana}\p{Script=Katakana}]/u },
  { code: 'ko', letters: /\p{Script=Hangul}/u },
  { code: 'zh', letters: /\p{Script=Han}/u },
  { code: 'und-Cyrl', letters: /\p{Script=Cyrillic}/u, declared: /^(ru|uk|be|bg|sr|mk|kk|ky|mn|tg)$/ },
  { code: 'und-Arab', letters: /\p{Script=Arabic}/u, declared: /^(ar|fa|ur|ps|ku)$/ },
  { code: 'und-Grek', letters: /\p{Script=Greek}/u, declared: /^el$/ },
  { code: 'und-Hebr', letters: /\p{Script=Hebrew}/u, declared: /^(he|yi)$/ },
  { code: 'und-Deva', letters: /\p{Script=Devanagari}/u, declared: /^(hi|mr|ne)$/ },
  { code: 'th', letters: /\p{Script=Thai}/u },
];
/** Letters judged for the script: enough to tell a page in another script from an English one quoting a name. */
const SCRIPT_SAMPLE = 4_000;
/** English's share below which a text the guess cannot place is not English: one in a hundred English sentences. */
const ENGLISH_MIN_SHARE = 0.1;
/** Characters whose words are counted for the guess: a long text's first pages say its language as well as its whole. */
const GUESS_SAMPLE_CHARS = 50_000;
/** Share of a text's letters, by weight, in one non-Latin script that makes the text that script's. */
const SCRIPT_MIN_SHARE = 0.5;
/** The same share where the text's Latin words are no English: product and lab names in a Chinese headline. */
const SCRIPT_MIN_SHARE_BESIDE_LATIN = 0.2;
/** English's own words (not the declared language's too) that make a short text English whatever its page declares. */
const SHORT_TEXT_ENGLISH_SHARE = 0.15;
/** Words below which a text's English is counted without the words its declared language has too (a headline's "in"). */
const HEADLINE_WORDS = 20;

/**
 * The language of a text as the scorer needs it, from its own voice (narratorText): the script its letters are in,
 * then its function words (a page whose template declares `en` over a German article is German), then the language
 * the page, file or feed declares, where the words cannot tell. A BCP 47 code, lower-case primary subtag (`de`, `ja`,
 * `und-Cyrl`), or null: not known.
 */
export function languageOfText(text: string, declared: string | null = null): string | null {
  return judgeLanguage(text, declared).lang;
}

/** A text's language (languageOfText), and whether nothing in the text itself says so. */
export interface LanguageJudgement {
  lang: string | null;
  /**
   * Taken from what the page, file or feed declares for a text whose words cannot tell, none of them a function word
   * of that language: an English headline in a German feed ("OpenAI rejects Anthropic pause proposal") reads so. For a
   * language the guess has no function words of (Czech, Swedish), a text of fewer than 8 words.
   */
  unconfirmed: boolean;
  /** The language is one the guess knows the function words of (STOPWORDS): its texts can show themselves. */
  known: boolean;
}

export function judgeLanguage(text: string, declared: string | null = null): LanguageJudgement {
  // the primary subtag of a language tag ("de" of "de-AT"); anything else a page declares is no language
  const primary = declared?.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const declaredPrimary = /^[a-z]{2,3}$/.test(primary) ? primary : null;
  const own = narratorText(text.slice(0, GUESS_SAMPLE_CHARS));
  const shares = wordShares(own);
  const guess = guessFrom(shares);
  const sample = own.slice(0, SCRIPT_SAMPLE * 4);
  // a text whose letters are all Latin, as most are, has no script to judge
  if (NON_LATIN_LETTER.test(sample)) {
    const letters = tallyLetters(sample);
    const script = scriptOf(letters, guess);
    if (script !== null) return { lang: script.declared && declaredPrimary && script.declared.test(declaredPrimary) ? declaredPrimary : script.code, unconfirmed: false, known: false };
    if (letters.latin === 0) return { lang: declaredPrimary, unconfirmed: false, known: false };
  }
  if (guess !== null) return { lang: guess, unconfirmed: false, known: true };
  // The declared language where the words cannot tell: a text too short, unless it has English's own words ("Labs
  // should pause the AI race now" in a German feed), or one with next to no English in it. A page of English in a
  // site's template declaring its home language stays English.
  const englishOwn = englishShare(shares.shares, declaredPrimary);
  const tooFewToTell = (shares.words < LANG_MIN_WORDS && englishOwn < SHORT_TEXT_ENGLISH_SHARE) || (shares.words < HEADLINE_WORDS ? englishOwn : englishShare(shares.shares)) < ENGLISH_MIN_SHARE;
  if (!tooFewToTell) return { lang: null, unconfirmed: false, known: false };
  // its own words: "a", "no" and "as" are English too
  const declaredHits = shares.shares.find((s) => s.lang === declaredPrimary)?.hits ?? [];
  const declaredWords = hitsNotOf(declaredHits, 'en');
  // a language the guess lists has function words to show for itself; another's short text is judged by what else it
  // holds (see the scorer)
  const known = declaredPrimary !== null && STOPWORDS[declaredPrimary] !== undefined;
  return { lang: declaredPrimary, unconfirmed: declaredPrimary !== null && declaredWords === 0 && (known || shares.words < LANG_MIN_WORDS), known };
}

/**
 * What a character of a script weighs in judging a text's script: a Han or kana character stands for a word's letters,
 * a Hangul syllable for two or three, so a Chinese headline naming "Anthropic", "OpenAI" and "Google DeepMind" is
 * Chinese.
 */
function letterWeight(c: string): number {
  if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c)) return 3;
  return /\p{Script=Hangul}/u.test(c) ? 2 : 1;
}

/** A letter as the script judgement counts it: its weight, whether it is Latin, and which of SCRIPTS it is of (-1: none). */
interface LetterKind {
  weight: number;
  latin: boolean;
  script: number;
}

const ASCII_LETTER: LetterKind = { weight: 1, latin: true, script: -1 };
/** The kinds of the characters met (null: no letter), each judged once: a text has a few dozen, or thousands in CJK. */
const letterKinds = new Map<string, LetterKind | null>();
const LETTER_KINDS_KEPT = 20_000;

/** A character's kind as a letter, or null for a character that is no letter (`\p{L}`). */
function letterKind(c: string): LetterKind | null {
  if (c < '\u0080') return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? ASCII_LETTER : null;
  const known = letterKinds.get(c);
  if (known !== undefined) return known;
  const kind = /\p{L}/u.test(c) ? { weight: letterWeight(c), latin: /\p{Script=Latin}/u.test(c), script: SCRIPTS.findIndex((script) => script.letters.test(c)) } : null;
  if (letterKinds.size < LETTER_KINDS_KEPT) letterKinds.set(c, kind);
  return kind;
}

/** A text's letters counted by script, each weighed (letterWeight), in one pass. */
interface LetterTally {
  count: number;
  latin: number;
  weight: number;
  /** The weight of letters of no Latin script. */
  nonLatinWeight: number;
  /** The weight of letters of each of SCRIPTS, by its index. */
  scriptWeights: number[];
}

/** A letter of no Latin script (a Common-script modifier letter included, as letterKind counts it). */
const NON_LATIN_LETTER = /[^\P{L}\p{Script=Latin}]/u;

/** A sample's first SCRIPT_SAMPLE letters counted by script, read a character at a time. */
function tallyLetters(sample: string): LetterTally {
  const tally: LetterTally = { count: 0, latin: 0, weight: 0, nonLatinWeight: 0, scriptWeights: SCRIPTS.map(() => 0) };
  for (const c of sample) {
    if (tally.count === SCRIPT_SAMPLE) break;
    const kind = letterKind(c);
    if (kind === null) continue;
    tally.count += 1;
    tally.weight += kind.weight;
    if (kind.latin) tally.latin += 1;
    else tally.nonLatinWeight += kind.weight;
    if (kind.script >= 0) tally.scriptWeights[kind.script]! += kind.weight;
  }
  return tally;
}

/**
 * The script that makes a text its own: the first of SCRIPTS holding half its letters, by weight (Japanese: any kana
 * among them), or a fifth where its Latin words are no English (an English article quoting a Russian paragraph stays
 * English).
 */
function scriptOf(letters: LetterTally, guess: string | null): (typeof SCRIPTS)[number] | null {
  if (letters.weight === 0) return null;
  const nonLatinShare = letters.nonLatinWeight / letters.weight;
  for (const [index, script] of SCRIPTS.entries()) {
    const share = letters.scriptWeights[index]! / letters.weight;
    if (script.code === 'ja' ? share >= 0.05 && nonLatinShare >= SCRIPT_MIN_SHARE_BESIDE_LATIN : share >= SCRIPT_MIN_SHARE) return script;
    if (guess !== 'en' && share >= SCRIPT_MIN_SHARE_BESIDE_LATIN) return script;
  }
  return null;
}

/** For a script's code (`und-Cyrl`), the languages written in it that a declared language may name; null for others. */
export function languagesOfScript(code: string): RegExp | null {
  return SCRIPTS.find((script) => script.code === code)?.declared ?? null;
}

/** The code of the script a language is written in, among those SCRIPTS name by script alone (`ru`: `und-Cyrl`). */
export function scriptOfLanguage(code: string): string | null {
  const primary = code.toLowerCase().split('-')[0]!;
  return SCRIPTS.find((script) => script.declared?.test(primary))?.code ?? null;
}

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
const scriptNames = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'code' });

/**
 * A language code as people read it: "German", "Japanese"; a script's code (`und-Cyrl`) as its script, "Cyrillic
 * script" (ICU names it "root (Cyrillic)"); the code itself when unknown.
 */
export function languageName(code: string): string {
  try {
    const script = /^und-([A-Za-z]{4})$/.exec(code)?.[1];
    return script !== undefined ? `${scriptNames.of(script) ?? script} script` : (languageNames.of(code) ?? code);
  } catch {
    return code;
  }
}
