/**
 * The voices a text reports, as a reader of the digest wants them: one per attributed statement, named the way
 * a person would name the speaker ("Anthropic", not "AI startup Anthropic"), never a document ("the article"),
 * each with the speaker's own position on the pause.
 */

import { isSameTitledPerson } from '../model/person-titles.ts';
import type { StanceLabel, Voice } from '../model/index.ts';
import { roleOfActor } from './clause-features.ts';
import { CALENDAR_WORDS, WEEKDAYS } from './calendar-words.ts';
import { isActorHead, REPORTING_VERBS, SPEECH_VERBS, TITLE_ABBREVIATIONS, titleCase, type Attribution } from './find-attributions.ts';
import { NAMED_PROPOSERS } from './pause-lexicon.ts';
import { isRejectedCall, type CueHit } from './clause-polarity.ts';
import { isClauseBreak, type Token } from './tokenize.ts';
import { escapeRegExp } from '../model/escape-regexp.ts';

export interface AttributedStatement {
  attribution: Attribution;
  /** Summed polarity of the cues inside the statement: positive supports the pause. */
  value: number;
  quote: string;
  /** Said in a headline (the title, or a heading line in the body): the outlet's summary, not the speaker's words. */
  isHeadline: boolean;
  /** The index of the sentence it was said in, among the text's sentences (title first). */
  sentence: number;
}

/** A statement's side when its polarity reaches this; below it the speaker's role may still decide. */
export const VOICE_SIDE_THRESHOLD = 0.3;
// The proposer opposing its own proposal needs an explicit rejection, not a caveat ("a unilateral pause would fail").
const PROPOSER_OPPOSE_THRESHOLD = 1.2;

/** Nouns naming a text, not a speaker: "the article warns" reports what a document says. */
const DOCUMENT_NOUNS = new Set([
  'article', 'proposal', 'letter', 'paper', 'report', 'statement', 'post', 'blog', 'document', 'note', 'op-ed',
  'editorial', 'study', 'plan', 'memo', 'essay', 'piece', 'release', 'announcement', 'call', 'survey', 'poll',
  'notice', 'filing', 'summary', 'transcript', 'website', 'page', 'polling', 'polls', 'data', 'research', 'findings',
  'estimate', 'estimates', 'review', 'analysis', 'list', 'tally', 'assessment', 'projection', 'projections', 'text',
]);
/**
 * Of those, the nouns an organisation's name may end in: "Apollo Research", "MIT Technology Review", "Enders Analysis",
 * "the Office of Technology Assessment" speak.
 */
const NAME_ENDING_NOUNS = new Set(['research', 'data', 'polling', 'review', 'analysis', 'assessment']);
/** Documents that are the proposer's own: "the proposal suggests ..." is the proposer speaking. */
const PROPOSER_DOCUMENTS = new Set(['proposal', 'plan', 'call', 'announcement']);
/** Generic descriptions of an organisation that stand for the proposer when the text names it. */
const GENERIC_ORGANISATION = /^(the|this) (company|firm|lab|startup|developer)$/i;
/** The proposer described by what it makes, as wire copy varies its name: "the maker of the Claude models". */
const PROPOSER_BY_PRODUCT = /^[Tt]he\b(?=.*\bClaude\b).*\b(?:maker|developer|creator)s?\b/u;
/** Lower-case words inside a person's name ("Pieter van Dijk"). */
const NAME_PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'du', 'la', 'le', 'bin', 'al', 'el', 'ibn']);
/** Words after which a capitalised run is an object, not the speaker's name ("critics of Anthropic"). */
const HEADLINE_VERBS = /^(Issues|Urges|Calls|Says|Warns|Makes|Launches|Unveils|Proposes|Publishes|Releases|Backs|Seeks|Pushes|Asks|Demands|Floats|Rejects|Slams)$/;
const FUNCTION_WORDS = new Set([
  'of', 'at', 'for', 'from', 'with', 'and', 'by', 'in', 'to', 'on', 'about', 'against', 'like', 'than', 'the', 'a', 'an',
  'across', 'among', 'around', 'throughout', 'within', 'inside', 'outside', 'near', 'under', 'over', 'into',
]);


function sideOf(value: number, threshold: number): StanceLabel {
  if (value >= threshold) return 'support';
  if (value <= -threshold) return 'oppose';
  return 'neutral';
}

/** Reporting verbs whose first words name who was spoken to ("told reporters", "told the committee"). */
const ADDRESSEE_VERBS = new Set(['told', 'tells', 'tell']);
// At most this many words after "told" are taken for the one spoken to ("told parliament's Future Committee").
const MAX_ADDRESSEE_WORDS = 3;
/** Words that end the one spoken to: what follows is what was told ("told reporters that ...", "told them to"). */
const ADDRESSEE_END = new Set([
  'that', 'to', 'how', 'why', 'whether', 'what', 'it', 'they', 'we', 'he', 'she', 'i', 'on', 'in', 'at', 'during',
  'about', 'of', 'after', 'before',
]);
/**
 * Words that place a statement in time, place or occasion, or stand in for it ("said so", "said that"): they
 * make no claim of their own ("said in an interview on Monday", "told the hearing").
 */
const CIRCUMSTANCE_WORDS = new Set([
  'on', 'in', 'at', 'during', 'of', 'from', 'after', 'before', 'with', 'about', 'by', 'via', 'through', 'into', 'over',
  'while', 'when', 'upon', 'a', 'an', 'the', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our',
  'my', 'your', 'so', 'it', 'them', 'him', 'us', 'me', 'as', 'much', 'too', 'also', 'again', 'then', 'there', 'here',
  'and', 'today', 'yesterday', 'tonight', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'morning', 'afternoon', 'evening', 'night', 'week', 'weekend', 'month', 'year', 'last', 'next', 'earlier', 'later',
  'recently', 'previously', 'once', 'now', 'publicly', 'privately', 'separately', 'repeatedly', 'statement',
  'interview', 'hearing', 'briefing', 'conference', 'podcast', 'speech', 'post', 'email', 'video', 'livestream',
  'session', 'meeting', 'panel', 'forum', 'reply', 'response', 'remarks', 'testimony', 'press', 'written',
]);
// After a reporting verb, a claim takes at least this many words that are not circumstance ("said it leaned
// against", "say it is overdue"); fewer ("said of the freeze", "said, laughing") only set the scene.
const MIN_CLAIM_WORDS_AFTER_VERB = 2;

function isWordToken(token: Token): boolean {
  return /^[\p{L}\p{N}]/u.test(token.word);
}

/**
 * Whether tokens [from, to) of an attributed statement hold a claim, so that they belong in the voice's quote.
 * The rule: a part says something beyond the act of saying.
 * - A part with no word (the "." left of a quote) holds none, nor one of a speech verb alone ("warned.").
 * - A part that opens with a reporting verb ("said", "argued", "told") holds one when a colon or a quotation follows
 *   the verb (the speaker's own words: 'said: "Nope."'), or when, past the verb and the one spoken to ("told
 *   reporters"), at least MIN_CLAIM_WORDS_AFTER_VERB words are not circumstance words. "argued.", "said so.",
 *   "told reporters on Monday.", "said in a statement." hold none.
 * - Any other part is the speaker's own words (a quotation, a transcript turn, an answer) and holds one when it has
 *   a word that is not a circumstance word, however short ("Against.", "No pause."): "In a statement" holds none.
 * Callers keep a part in which a stance cue fired whatever this says: a part that takes a side says something.
 */
export function holdsClaim(tokens: readonly Token[], from: number, to: number): boolean {
  let index = from;
  while (index < to && !isWordToken(tokens[index]!)) index++;
  if (index >= to) return false;
  // A verb alone ('"...," the expert warned.') reports that someone spoke, whatever the verb.
  if (SPEECH_VERBS.has(tokens[index]!.word) && !tokens.slice(index + 1, to).some(isWordToken)) return false;
  let minWords = 1;
  if (REPORTING_VERBS.has(tokens[index]!.word)) {
    const verb = tokens[index]!.word;
    index++;
    const next = tokens[index]?.word;
    if (index < to && (next === ':' || next === '"')) return tokens.slice(index, to).some(isWordToken);
    if (ADDRESSEE_VERBS.has(verb)) {
      for (let skipped = 0; skipped < MAX_ADDRESSEE_WORDS && index < to; skipped++, index++) {
        const token = tokens[index]!;
        if (!isWordToken(token) || ADDRESSEE_END.has(token.word)) break;
      }
    }
    minWords = MIN_CLAIM_WORDS_AFTER_VERB;
  }
  let words = 0;
  for (; index < to; index++) {
    const token = tokens[index]!;
    if (token.word === '"' && minWords > 1) return tokens.slice(index, to).some(isWordToken);
    if (isClauseBreak(token.word) || !isWordToken(token) || CIRCUMSTANCE_WORDS.has(token.word)) continue;
    if (++words >= minWords) return true;
  }
  return false;
}

/**
 * Words that open a clause. A statement cut off by the next speaker's words ("Proponents argue ..., while skeptics
 * question ...", "X backed it and Y said ...") ends before such a word: it is the next clause's, not the speaker's.
 */
const CLAUSE_OPENERS = new Set([
  'and', 'or', 'but', 'nor', 'while', 'whereas', 'although', 'though', 'because', 'since', 'so', 'yet', 'which', 'who',
  'whom', 'whose', 'that', 'whether', 'if', 'when', 'where', 'unless', 'until', 'as',
]);
const CLAUSE_PUNCTUATION = new Set([',', ';', ':', '—']);

/**
 * Where the quote of an attributed part [from, to) ends: at a clause boundary. A part that the next statement cuts
 * off mid-clause ("argue that the stakes justify faster diplomacy, while" before "skeptics question ...") ends at
 * its last clause break when the words before it hold a claim, else before its trailing clause openers; a closing
 * quotation mark right after that break stays with the words it closes.
 */
export function quotedPartEnd(tokens: readonly Token[], from: number, to: number): number {
  const last = tokens[to - 1]?.word ?? '';
  const next = tokens[to]?.word;
  const isCut = next !== undefined && !isClauseBreak(next) && next !== '"' && !isClauseBreak(last) && last !== '"';
  if (!isCut) return to;
  for (let i = to - 1; i > from; i--) {
    if (!CLAUSE_PUNCTUATION.has(tokens[i]!.word) || !holdsClaim(tokens, from, i)) continue;
    const marksBefore = tokens.slice(from, i).filter((token) => token.word === '"').length;
    return marksBefore % 2 === 1 && tokens[i + 1]?.word === '"' ? i + 2 : i;
  }
  let end = to;
  while (end > from && (CLAUSE_OPENERS.has(tokens[end - 1]!.word) || CLAUSE_PUNCTUATION.has(tokens[end - 1]!.word))) end--;
  return end > from ? end : to;
}

const QUOTE_MARK = /["“”]/gu;

/**
 * A part's words as shown in a quote: without the commas and colons that join it to its frame, and without a
 * quotation mark at either end that the part does not also open or close ('said it would "probably be a good
 * thing."' keeps both; a part cut from inside one quotation loses the marks around it).
 */
export function tidyQuote(text: string): string {
  let quote = text.replace(/^[\s,:;]+|[\s,:;—–]+$/gu, '');
  const marks = () => quote.match(QUOTE_MARK)?.length ?? 0;
  const isEnclosed = /^["“]/u.test(quote) && /["”]$/u.test(quote) && marks() === 2;
  if (isEnclosed) quote = quote.slice(1, -1);
  if (marks() % 2 === 1 && /^["“”]/u.test(quote)) quote = quote.slice(1);
  if (marks() % 2 === 1 && /["“”]$/u.test(quote)) quote = quote.slice(0, -1);
  // 'called it "a stunt,"' → 'called it "a stunt"': the comma belonged to the sentence the quote stood in.
  return withoutQuoteFrame(quote.replace(/[,;:]\s*(["”])$/u, '$1').replace(/^[\s,:;]+|[\s,:;—–]+$/gu, ''));
}

/**
 * A few words of report and a colon, then an opening quotation mark: 'told reporters: "', "said in a statement: '",
 * a transcript's 'A: "'. Five words at most, none of them a modal or a form of "be" or "have": longer frames carry
 * claims of their own ('said the timeout would deepen the divide: "...').
 */
const COLON_FRAME = /^((?:[^\s"“”‘’':]+\s+){0,4}[^\s"“”‘’':]+):\s*(["“]|['‘](?=\p{L}))/u;
const CLAIM_IN_FRAME = /\b(?:would|will|should|could|can|may|might|must|is|are|was|were|be|been|has|have|had|not)\b/iu;

/**
 * The speaker's own words of a direct quote introduced by a colon ('told reporters: "A pause is unworkable."' →
 * 'A pause is unworkable.'), as a quote that comes before its speaker ('"...," said X') is shown. The quote may run
 * on into the next sentence, and then has no closing mark here. A part with more after the quote ('argued: "a pause"
 * is needed') keeps its frame: the words around the quote are the claim.
 */
function withoutQuoteFrame(quote: string): string {
  const frame = COLON_FRAME.exec(quote);
  if (!frame || CLAIM_IN_FRAME.test(frame[1]!)) return quote;
  const words = quote.slice(frame[0].length);
  if (frame[2] === '"' || frame[2] === '“') {
    const marks = words.match(QUOTE_MARK)?.length ?? 0;
    if (marks === 0) return words;
    return marks === 1 && /["”]$/u.test(words) ? words.slice(0, -1) : quote;
  }
  // In single quotation marks an apostrophe looks like a mark ("don't"): only the mark that ends the part closes.
  return /[\p{L}\p{N}.,!?…]['’]$/u.test(words) ? words.slice(0, -1) : words;
}

/** Words after a pause noun that make it a clause's subject ("suggested a pause would fail"), not what is proposed. */
const PREDICATE_OPENERS = new Set([
  'would', 'could', 'will', 'might', 'may', 'can', 'is', 'was', 'are', 'were', 'has', 'had', 'wouldn\'t', 'won\'t',
  'isn\'t', 'cannot', 'can\'t',
]);

/**
 * What reports of advocacy inside an attributed statement's ranges (VOICE_SIDE_CUES, weighed by findCueHits) add to
 * its speaker's side: "issued an urgent call for a global pause" supports it. Words another stance cue already read
 * count once. A report that tells no advocacy counts nothing: negated, mocked or hedged into the other sign ("did not
 * issue a call for a pause" is not opposition), arguing both sides ("argued for and against the pause"), or naming a
 * pause that is the subject of a claim ("suggested a pause would fail").
 */
export function advocacyValue(
  tokens: readonly Token[], ranges: readonly [number, number][], advocacy: readonly CueHit[], hits: readonly CueHit[],
): number {
  let value = 0;
  for (const report of advocacy) {
    if (report.value <= 0 || PREDICATE_OPENERS.has(tokens[report.to]?.word ?? '')) continue;
    // "argued for and against the pause" takes no side.
    if (tokens.slice(report.from, report.to).some((token) => token.word === 'against')) continue;
    if (!ranges.some(([from, to]) => report.from >= from && report.to <= to)) continue;
    if (hits.some((hit) => hit.from < report.to && report.from < hit.to)) continue;
    // "rejected renewed calls for a pause": the call is what the speaker turns down, read by the rejection.
    if (hits.some((hit) => isRejectedCall(tokens, hit, report))) continue;
    value += report.value;
  }
  return value;
}

/** Short words a headline leaves in lower case ("Anthropic Calls for Global Cooperation on Advanced AI"). */
const HEADLINE_LOWER_WORDS = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'nor', 'for', 'of', 'on', 'in', 'at', 'to', 'by', 'as', 'over', 'with', 'from',
  'into', 'amid', 'after', 'vs', 'via', 'per', 'its', 'is', 'are', 'be',
]);
const MIN_HEADLINE_WORDS = 3;

/**
 * True for a heading line in a body: a run of at least three words in title case with no closing punctuation
 * ("Anthropic Issues Call for Global Pause"). A sentence, which ends with a stop or starts only its first word with
 * a capital, is none.
 */
export function isHeadingLine(text: string): boolean {
  const trimmed = text.trim();
  if (/[.!?…:;"”’')\]]$/u.test(trimmed)) return false;
  const words = trimmed.split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (words.length < MIN_HEADLINE_WORDS) return false;
  return words.every((word, index) => /^[\p{Lu}\p{N}'‘"“(]/u.test(word) || (index > 0 && HEADLINE_LOWER_WORDS.has(word)));
}

/**
 * Titles before a person's name: abbreviations with their period ("Dr.", "Sen.", "Gen."), a bracketed "(ret.)" after
 * one, and the courtesy and academic titles also written without it ("Dr Helen Marsh", "Prof Ann Lee"). Spelled out,
 * "General" or "Major" may open a company's name ("General Motors"), and "Senator" says who someone is: those stay.
 */
const NAME_TITLE = /^(?:(?:mr|mrs|ms|mx|dr|prof)\.?|(?:messrs|sen|sens|rep|reps|gov|gen|col|lt|sgt|capt|cmdr|adm|maj|cpl|rev|hon|fr|supt|insp)\.|\(ret\.?\))$/i;

/**
 * A person named in full is shown without the title before the name ("Dr. Helen Marsh" → "Helen Marsh"), as a
 * description before a name is; a title before a surname alone stays ("Dr. Marsh"), since the surname alone names
 * nobody (earlierNameOf folds it into the full name when the text gives one).
 */
function withoutTitle(words: readonly string[]): string[] {
  let start = 0;
  while (start < words.length && NAME_TITLE.test(words[start]!)) start++;
  if (start === 0) return [...words];
  const rest = words.slice(start);
  return rest.length >= 2 && rest.every((word) => /^\p{Lu}/u.test(word) || NAME_PARTICLES.has(word)) ? rest : [...words];
}

/** The title before a surname alone ("Dr. Marsh" → "Marsh"), or null for any other name. */
function titledSurname(actor: string): string | null {
  const words = actor.split(' ');
  let start = 0;
  while (start < words.length && NAME_TITLE.test(words[start]!)) start++;
  return start > 0 && start === words.length - 1 && /^\p{Lu}/u.test(words[start]!) ? words[start]! : null;
}

/** Prepositions that tie a phrase to the noun before it ("opponents of the pause", "a pause on frontier AI"). */
const PHRASE_PREPOSITIONS = new Set([
  'of', 'on', 'in', 'at', 'for', 'from', 'with', 'to', 'by', 'over', 'about', 'into', 'under', 'against', 'across',
  'among', 'around', 'within', 'inside', 'outside', 'near', 'behind', 'toward', 'towards', 'without', 'during',
]);
/**
 * Prepositions of a phrase about a thing ("a pause on frontier AI", "the rules for training runs"); "at", "in", "from",
 * "with" and "of" more often place a speaker or name their body ("a researcher at an institute in Munich").
 */
const THING_PREPOSITIONS = new Set(['on', 'about', 'over', 'for', 'to', 'against', 'into', 'toward', 'towards', 'during', 'without', 'under']);
const PHRASE_DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'these', 'those']);

/**
 * A description of a speaker keeps its head and the phrase that says whose side or body they are of ("Opponents of a
 * global pause", "A researcher at a Chinese AI institute"); a further phrase about a thing, in lower case, describes
 * that thing, not the speaker ("... on frontier AI development" is the pause's), and is dropped. A phrase about a
 * named place or body stays ("... in Munich", "... to the Commission").
 */
function withoutThingPhrases(words: readonly string[]): string[] {
  let phrases = 0;
  for (let i = 1; i < words.length; i++) {
    if (!PHRASE_PREPOSITIONS.has(words[i]!)) continue;
    // "Hundreds of workers at two labs", "one of the largest developers": a quantity's "of" names the speaker's kind.
    if (words[i] === 'of' && isQuantityOnly(words.slice(0, i).join(' '))) continue;
    if (++phrases < 2 || !THING_PREPOSITIONS.has(words[i]!)) continue;
    let object = i + 1;
    while (object < words.length && PHRASE_DETERMINERS.has(words[object]!.toLowerCase())) object++;
    if (object < words.length && /^\p{Ll}/u.test(words[object]!)) return words.slice(0, i);
  }
  return [...words];
}

/** "AI startup Anthropic" → "Anthropic": a description before a proper name is dropped, and so is a title ("Dr."). */
export function cleanActorName(actor: string): string {
  return withoutTitle(describedName(actor).split(' ')).join(' ');
}

const SENTENCE_ADVERBS = /^(now|then|meanwhile|still|today|yesterday|also|instead|separately|earlier|later|so|yet)$/i;
const AFTER_SPEAKER_WORDS = /^(each|both|alike|too|themselves|itself|released|published|conducted|issued|commissioned)$/;
/** A clause's opening word: "When I asked ..., I was told" opens a clause, and names no speaker. */
const SUBORDINATOR = /^(when|if|as|while|because|after|before|although|though|since|until|unless|once|whether|given|speaking|considering|assuming)$/i;
/** A day or a month: "Monday with 1,412 signatures" is when and how a letter came, not who speaks. */
const isCalendarWord = (word: string) => CALENDAR_WORDS.has(word.toLowerCase());

function describedName(actor: string): string {
  // A dateline before the speaker ("BRUSSELS - A European Commission spokesperson", "July 2 - The minister") is the
  // report's place and date, not part of who speaks.
  const undated = actor.replace(/^.*\s[-–—]\s+(?=\S)/u, '');
  const trimmed = undated.replace(/^["“”'\s]+|["“”'\s,:]+$/gu, '').replace(/\s+/g, ' ');
  const words = trimmed.split(' ');
  // An adverb that opens the sentence ("Now one of the companies doing them says") is not part of who speaks.
  while (words.length > 1 && SENTENCE_ADVERBS.test(words[0]!)) words.shift();
  // A headline's verb is capitalised like a name ("Anthropic Issues Call for ..."): it is not part of the speaker.
  while (words.length > 1 && HEADLINE_VERBS.test(words.at(-1)!)) words.pop();
  // "the United States and China each endorsed", "a Halvorsen Research survey released on Monday": a word after the
  // speaker's noun, before the verb, is not part of who speaks.
  while (words.length > 1 && AFTER_SPEAKER_WORDS.test(words.at(-1)!) && !FUNCTION_WORDS.has(words.at(-2)!.toLowerCase())) words.pop();
  let start = words.length;
  while (start > 0) {
    const word = words[start - 1]!;
    if (/^\p{Lu}/u.test(word) || (NAME_PARTICLES.has(word) && start < words.length)) start--;
    else break;
  }
  // Particles cannot open a name.
  while (start < words.length && NAME_PARTICLES.has(words[start]!)) start++;
  if (start === words.length) return withoutThingPhrases(words).join(' ');
  if (start === 0) return words.join(' ');
  const before = words[start - 1]!.toLowerCase().replace(/[’']s$/, '');
  if (before === 'and') return withoutDescription(words);
  if (FUNCTION_WORDS.has(before) || /[’']s$/.test(words[start - 1]!)) return words.join(' ');
  return words.slice(start).join(' ');
}

/**
 * "authors Marina Favaro and Jack Clark" → "Marina Favaro and Jack Clark": a description in lower case before names
 * joined by "and" is dropped; "critics of Anthropic and OpenAI" keeps its words, since a function word ties them.
 */
function withoutDescription(words: readonly string[]): string {
  const first = words.findIndex((word) => /^\p{Lu}/u.test(word));
  const isDescription = first > 0 && words.slice(0, first).every((word) => !FUNCTION_WORDS.has(word.toLowerCase()) && !/[’']s$/.test(word));
  const isNames = words.slice(first).every((word) => /^\p{Lu}/u.test(word) || word === 'and' || NAME_PARTICLES.has(word));
  return isDescription && isNames ? words.slice(first).join(' ') : words.join(' ');
}

/**
 * The words of a speaker's phrase up to its first preposition when they end with a noun of a speaker or of a text
 * ("Critics" of "Critics of the proposal", "Open letter" of "Open letter from 140 engineers"): they say what kind of
 * speaker it is. Otherwise, the whole phrase ("the evidence reviewed in this paper", whose head the words do not tell).
 */
function headPhraseOf(actor: string): string {
  const words = actor.split(/\s+/);
  const preposition = words.findIndex((word, index) => index > 0 && PHRASE_PREPOSITIONS.has(word));
  if (preposition <= 0) return actor;
  const head = words[preposition - 1]!.toLowerCase().replace(/[’']s$/, '');
  return isActorHead(head) ? words.slice(0, preposition).join(' ') : actor;
}

/** "Open letter from 140 Korean engineers" → "140 Korean engineers": who a text is from or by. */
function authorOfText(actor: string): string | null {
  return /^\S+(?: \S+){0,3}? (?:from|by) (.+)$/u.exec(actor)?.[1] ?? null;
}

function headOf(actor: string): string {
  return (headPhraseOf(actor).toLowerCase().split(/\s+/).at(-1) ?? '').replace(/[’']s$/, '');
}

/**
 * The proposer as the subject of its proposing, its object after: "Anthropic on Monday proposed a verified pause",
 * "Anthropic, the maker of Claude, called for talks", "Anthropic published its proposal"; not the proposal named in
 * passing ("a hearing on Anthropic's proposed pause", "the pause Anthropic proposed in June"), nor another document.
 */
const proposingBy = (proposer: string) => {
  const name = String.raw`\b${escapeRegExp(proposer)}(?:, (?![^,;]{0,60}\b(?:says?|said|argue[sd]?|claim(?:s|ed)?)\b)[^,;]{1,60},)? (?:(?:on|last|this|in) \S+ )?`;
  return new RegExp(String.raw`${name}(?:has |had |also |formally )?(?:proposed|proposes|called for|calls for|put forward|puts forward|unveiled|unveils|floated|urged|urges) (?:a|an|the|that|its|to|for|on)\b|${name}(?:published|publishes|released|releases|set out|sets out|laid out|lays out) (?:a|its|the) (?:[\p{L}\d-]+ ){0,2}(?:proposal|call|plan for (?:a|an|the) (?:[\p{L}-]+ ){0,2}pause)\b`, 'u');
};
/** Words before the proposer that make its proposing none: "Neither OpenAI nor Anthropic has proposed", "If Anthropic proposed". */
const NOT_PROPOSING_BEFORE = /\b(?:not|nor|neither|never|no|if|unless|whether|had|were|should|would)\b[^;:]*$/iu;
/**
 * A proposal taken back in its sentence, by the proposer: "but on Friday the company withdrew the proposal", "has since
 * dropped its call", "backed away from its call"; not "until compute prices dropped", a denial or a supposition ("it had
 * not withdrawn its proposal", "would not withdraw it", "even if OpenAI dropped its plan"), nor others' ("rival labs had
 * abandoned the pause").
 */
const PROPOSAL_WITHDRAWN = /\b(?:withdrew|withdrawn|withdraws|dropped|drops|abandoned|abandons|shelved|scrapped|retracted|reversed|backed away from|walked back) (?:(?:the|its) (?:[\p{L}-]+ ){0,2}(?:proposal|plan|call)|(?<=\b(?:we|it) (?:have |has |had )?\S+ )(?:the|our|its) (?:[\p{L}-]+ ){0,2}(?:pause|moratorium))\b/iu;
/** Words before a withdrawal that make it none: "it had not withdrawn", "even if OpenAI dropped its plan". */
const NOT_WITHDRAWN_BEFORE = /(?:\b(?:not|never|if|unless|whether|would|could|might)\b|n't)[^.;,]{0,25}$/iu;

/** Whether a sentence says the proposer took its proposal back (see PROPOSAL_WITHDRAWN). */
function isProposalWithdrawn(text: string): boolean {
  const match = PROPOSAL_WITHDRAWN.exec(text);
  return match !== null && !NOT_WITHDRAWN_BEFORE.test(text.slice(Math.max(0, match.index - 40), match.index));
}

/** The proposer as the text names it ("Anthropic"), when it does. */
function proposerNamedIn(texts: readonly string[]): string | null {
  for (const text of texts) {
    const lower = text.toLowerCase();
    for (const name of NAMED_PROPOSERS) {
      const at = lower.indexOf(name);
      if (at >= 0) return text.slice(at, at + name.length);
    }
  }
  return null;
}

/**
 * Words of a quantity or a share: quantifiers ("some", "others", "most"), numbers and numerals ("62", "sixty-two",
 * "a third"), percentages ("percent", "%") and the words that hedge them ("nearly half", "more than 40 per cent").
 */
const QUANTITY_WORDS = new Set([
  'some', 'many', 'most', 'more', 'others', 'other', 'several', 'few', 'fewer', 'all', 'both', 'each', 'either',
  'neither', 'none', 'half', 'majority', 'minority', 'rest', 'remainder', 'percent', 'per', 'cent', 'percentage',
  'a', 'an', 'the', 'of', 'them', 'those', 'these', 'than', 'about', 'around', 'roughly', 'nearly', 'almost', 'over',
  'under', 'just', 'only', 'less', 'least', 'at', 'up', 'to', 'in', 'out', 'and', 'or', 'another', 'slim', 'narrow',
  'large', 'clear', 'vast', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty',
  'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred', 'thousand', 'dozen', 'dozens', 'hundreds',
  'thousands', 'third', 'thirds', 'quarter', 'quarters', 'fifth', 'fifths', 'tenth', 'tenths', 'share', 'proportion',
]);

/**
 * True for a quantity or a share alone ("some", "others", "Sixty-two percent", "62%", "nearly half", "two-thirds"):
 * a poll's figure or one part of a group, not a speaker a reader could name. "Some economists", "Many in the
 * industry" say who they are, and stay.
 */
export function isQuantityOnly(actor: string): boolean {
  const words = actor.toLowerCase().split(/[\s-]+/u).filter((word) => word.length > 0);
  return words.length > 0 && words.every((word) => QUANTITY_WORDS.has(word) || /^[\d.,]+%?$/u.test(word) || word === '%');
}

/** Words that make a quantity a share: a poll's figure for a group, not the group's voice. */
const SHARE_WORDS = new Set(['percent', 'cent', 'percentage', 'share', 'proportion', 'half', 'halves', 'majority', 'minority', 'third', 'thirds', 'quarter', 'quarters', 'fifth', 'fifths', 'tenth', 'tenths', '%']);

/**
 * True for a share of a group ("Sixty-eight percent of Democrats", "54 per cent of American adults", "a majority of
 * voters", "the share of American adults"): a poll's figure, which the stance counts and no reader would call a
 * speaker. A quantifier of a group ("Some economists", "Many of the researchers") says who speaks, and stays.
 */
export function isShareOfGroup(actor: string): boolean {
  const words = actor.toLowerCase().split(/[\s-]+/u).filter((word) => word.length > 0);
  const of = words.indexOf('of');
  if (of <= 0) return false;
  const quantity = words.slice(0, of);
  return isQuantityOnly(quantity.join(' ')) && quantity.some((word) => SHARE_WORDS.has(word) || /^[\d.,]+%$/u.test(word));
}

/**
 * Resolves a surface form to the speaker to show, or null for a document that is nobody's voice. A possessive
 * owner names the speaker ("Anthropic's proposal" → "Anthropic").
 */
function resolveActor(actor: string, proposer: string | null, isProposerNamedBefore: boolean): string | null {
  const cleaned = cleanActorName(actor);
  if (isQuantityOnly(cleaned) || isShareOfGroup(cleaned)) return null;
  const words = cleaned.split(' ');
  if (words.length > 1 && isCalendarWord(words[0]!) && !/^\p{Lu}/u.test(words[1]!)) {
    // "Monday with 1,412 signatures" says when, not who; "June supporters of the pause" are the supporters
    if (FUNCTION_WORDS.has(words[1]!) || !isActorHead(headOf(words.slice(1).join(' ')))) return null;
    return resolveActor(words.slice(1).join(' '), proposer, isProposerNamedBefore);
  }
  if (words.length > 1 && SUBORDINATOR.test(words[0]!)) return null;
  // "the San Francisco-based maker of the Claude models", "the Claude maker": the proposer, by its product
  if (proposer !== null && /^anthropic$/i.test(proposer) && PROPOSER_BY_PRODUCT.test(cleaned)) return proposer;
  // "Critics of the proposal" are critics: the kind of speaker is the head before the first preposition.
  const headPhrase = headPhraseOf(cleaned);
  const head = headOf(cleaned);
  // "Enders Analysis" speaks; "A Capital Economics Analysis" is a document
  const isNamed = NAME_ENDING_NOUNS.has(head) && /\p{Lu}\S* \p{Lu}\S*$/u.test(headPhrase) && !/^an?\s/i.test(headPhrase);
  if ((DOCUMENT_NOUNS.has(head) && !isNamed) || GENERIC_ORGANISATION.test(headPhrase)) {
    const owner = /^(.+?)[’']s\s+\S+$/u.exec(headPhrase)?.[1];
    if (owner && /^\p{Lu}/u.test(owner)) return cleanActorName(owner);
    const author = headPhrase === cleaned ? null : authorOfText(cleaned);
    if (author !== null) return resolveActor(author, proposer, isProposerNamedBefore);
    // "the proposal" is the proposer's wherever the text names it; "the company" only once the text has named the
    // proposer ("Veridian AI said ... The company said ...", with Anthropic named further on, is not Anthropic)
    if (proposer !== null && (PROPOSER_DOCUMENTS.has(head) || (GENERIC_ORGANISATION.test(headPhrase) && isProposerNamedBefore))) return proposer;
    return GENERIC_ORGANISATION.test(headPhrase) ? cleaned : null;
  }
  return cleaned;
}

/** The word that ends a company's name, which the company may go without: "Veridian AI", "Kestrel Labs". */
const COMPANY_ENDING = /^(?:AI|Labs?|Inc\.?|Corp\.?|Corporation|Technologies|Systems|Robotics|Computing)$/u;

/** A company's name by its ending: "Veridian AI", "Kestrel Labs". */
export function isCompanyName(actor: string): boolean {
  const words = actor.split(' ');
  return words.length >= 2 && /^\p{Lu}/u.test(words[0]!) && COMPANY_ENDING.test(words.at(-1)!);
}

/** "The company", "the lab": an organisation named by what it is, the proposer only where the text says so. */
export function isGenericOrganisation(actor: string): boolean {
  return GENERIC_ORGANISATION.test(actor);
}

/**
 * The earlier name of a speaker named again more briefly, or null: a surname alone ("Sacks" after "David Sacks"),
 * a full name with or without a title spelled out before it ("Maria Lopez" and "Senator Maria Lopez"),
 * or a family name written first ("Park" after "Park Ji-hoon", "Lim" after "Lim Wei Ming"), a company without the word
 * that ends its name ("Veridian" after "Veridian AI", where no one in the text has "Veridian" for a surname), and "the
 * researcher" after "A researcher at a Chinese AI institute". A family name is taken to come first only in a name of
 * three words or a hyphenated one, so "Google" is not "Google DeepMind".
 */
function earlierNameOf(actor: string, fullNames: readonly string[], earlierActors: readonly string[], isSurname: (name: string) => boolean): string | null {
  // "Dr. Marsh" after "Dr. Helen Marsh" (shown as "Helen Marsh"): the title before a surname names the same person.
  const surname = titledSurname(actor);
  if (surname !== null) return fullNames.find((full) => full.endsWith(` ${surname}`)) ?? null;
  // a title spelled out stays in a name (it says who someone is), so one name is written with and without it
  if (isFullName(actor)) return fullNames.find((full) => isSameTitledPerson(full, actor)) ?? null;
  if (!actor.includes(' ')) {
    const companies = fullNames.filter((full) => full.startsWith(`${actor} `) && COMPANY_ENDING.test(full.slice(actor.length + 1)));
    const name = fullNames.find((full) => full.endsWith(` ${actor}`))
      ?? fullNames.find((full) => full.startsWith(`${actor} `) && (full.split(' ').length >= 3 || /^\S+ \S+-\S+$/u.test(full)))
      ?? (companies.length === 1 && !isSurname(actor) ? companies[0] : undefined);
    return name ?? null;
  }
  const head = /^the (\p{Ll}+)$/u.exec(actor)?.[1];
  if (head === undefined || GENERIC_ORGANISATION.test(actor)) return null;
  const description = new RegExp(`^an? ${head}\\b`, 'i');
  return [...earlierActors].reverse().find((earlier) => description.test(earlier)) ?? null;
}

/** A person's name in full: two words or more, each capitalised or a particle ("Ursula von der Leyen"). */
function isFullName(actor: string): boolean {
  const words = actor.split(' ');
  return words.length >= 2 && /^\p{Lu}/u.test(words.at(-1)!) && words.every((word) => /^\p{Lu}/u.test(word) || NAME_PARTICLES.has(word));
}

/** True when one quote repeats the other (a headline restated in the lead, a lead restated in the body). */
function isSameStatement(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const [shorter, longer] = x.length <= y.length ? [x, y] : [y, x];
  if (shorter.length === 0) return true;
  if (longer.includes(shorter)) return true;
  // Same opening words: one is a truncation or a light rewording of the other.
  const prefix = Math.min(60, shorter.length);
  return shorter.length >= 30 && longer.startsWith(shorter.slice(0, prefix));
}

/** Heads of a headline's description of one person ("Nvidia chief", "OpenAI boss", "Former Google CEO"). */
const PERSON_ROLE_HEADS = new Set([
  'chief', 'ceo', 'boss', 'head', 'founder', 'co-founder', 'cofounder', 'executive', 'president', 'chair', 'chairman',
  'chairwoman', 'director', 'minister', 'secretary', 'spokesperson', 'spokesman', 'spokeswoman', 'scientist',
  'researcher', 'pioneer', 'godfather', 'laureate', 'winner', 'professor', 'economist', 'investor', 'senator',
  'governor', 'commissioner', 'official', 'adviser', 'advisor', 'leader', 'engineer', 'cto', 'czar', 'tsar',
]);
/** Words a description may use for the same role: a "boss" or "chief" is a chief executive. */
const ROLE_ALTERNATIVES: Record<string, readonly string[]> = {
  chief: ['chief', 'ceo', 'head', 'boss'], ceo: ['ceo', 'chief'], boss: ['boss', 'chief', 'ceo', 'head'],
  head: ['head', 'chief', 'boss', 'ceo'], cofounder: ['cofounder', 'co-founder', 'founder'], 'co-founder': ['co-founder', 'cofounder', 'founder'],
};
/** Words of a description that say nothing of whom it describes. */
const DESCRIPTION_FILLERS = new Set(['the', 'a', 'an', 'its', 'their', 'of', 'at', 'and']);
// How far around a name its description is looked for: an appositive or a title before it.
const DESCRIPTION_REACH_CHARS = 60;

function descriptionWords(text: string): string[] {
  return text.toLowerCase().split(/[\s,()]+/u).map((word) => word.replace(/[’']s$/u, '')).filter((word) => word.length > 0);
}

/**
 * True when a headline's description of one person ("Nvidia chief") describes a speaker the body names ("Jensen
 * Huang, Nvidia's chief executive, said ...", "Nvidia chief executive Jensen Huang said ...") or describes as
 * fully ("Nvidia's chief executive said ..."): every word of it, or of a role word's alternatives, stands in the
 * body speaker's description next to the name. A name ("Jensen Huang") or a group ("Critics") is not a description.
 */
function describes(headlineActor: string, bodyActor: string, texts: readonly string[]): boolean {
  const words = descriptionWords(headlineActor).filter((word) => !DESCRIPTION_FILLERS.has(word));
  const head = words.at(-1);
  if (head === undefined || !PERSON_ROLE_HEADS.has(head)) return false;
  const isDescribedIn = (description: readonly string[]) => words.every((word) => (ROLE_ALTERNATIVES[word] ?? [word]).some((alternative) => description.includes(alternative)));
  if (isDescribedIn(descriptionWords(bodyActor))) return true;
  if (!/^\p{Lu}/u.test(bodyActor)) return false;
  for (const text of texts) {
    for (let at = text.indexOf(bodyActor); at >= 0; at = text.indexOf(bodyActor, at + 1)) {
      const around = text.slice(Math.max(0, at - DESCRIPTION_REACH_CHARS), at + bodyActor.length + DESCRIPTION_REACH_CHARS);
      if (isDescribedIn(descriptionWords(around))) return true;
    }
  }
  return false;
}

/**
 * A headline's own clause before a colon, not a speaker: "Session weighs AI pause: the G7 communique". A speaker
 * named before a headline's colon ends with a name ("Senator Ruth Adeyemi: …") or a word for who speaks ("EU
 * lawmakers: …"); a clause ends with what it is about, in lower case.
 */
function isHeadlineClause(actor: string): boolean {
  const words = actor.split(' ');
  return words.length >= 3 && /^\p{Ll}/u.test(words.at(-1)!) && !isActorHead(headOf(actor));
}

/** True when two shown names are one speaker's: the same, or one the other's last words ("Sacks", "David Sacks"). */
export function isSameSpeaker(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.endsWith(` ${y}`) || y.endsWith(` ${x}`);
}

/** The most voices read of one text: a hearing's transcript has a few hundred turns; a page of thousands is hostile. */
const MAX_VOICES = 500;

/** The words for a post held at an organisation, the head of its description ("head of global affairs", "policy lead"). */
const STAFF_ROLES = [
  'head', 'chief', 'director', 'president', 'spokesperson', 'spokeswoman', 'spokesman', 'officer', 'executive', 'founder',
  'co-founder', 'cofounder', 'lead', 'counsel', 'adviser', 'advisor', 'manager', 'researcher', 'scientist', 'engineer',
  'ceo', 'cto', 'cso', 'chair', 'chairman', 'chairwoman', 'representative',
].join('|');
// A post with up to three words before it and "of global affairs" or "of European policy" after it: no verb, no clause.
const staffPost = (roles: string) => String.raw`(?:[\p{Ll}-]+ ){0,3}(?:${roles})(?: (?:of|for) [\p{L}-]+(?: [\p{L}-]+){0,2})?`;
const STAFF_POST = staffPost(STAFF_ROLES);
/** A post someone no longer holds, or one held elsewhere: "a former researcher at Anthropic". */
const NOT_STAFF = /\b(?:former|ex|formerly|once|onetime|one-time)\b/i;
/** The same right before a post that opens a match: "former Anthropic researcher Jane Doe", "ex-PauseAI organiser". */
const NOT_STAFF_BEFORE = /\b(?:former|ex|formerly|onetime|one-time)[\s-]*$/i;
/** Whether a post's match, in `text`, is one someone no longer holds, in it or right before it. */
function isFormerPost(text: string, match: RegExpMatchArray): boolean {
  return NOT_STAFF.test(match[0]) || NOT_STAFF_BEFORE.test(text.slice(Math.max(0, match.index! - 16), match.index));
}
// A name is capitalised words, the first not inside another word ("AbAb..." is no run of names to try at each letter).
const PERSON_NAME = String.raw`(?<![\p{L}'’-])\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}'’-]+){1,3}`;

/** "the company", as a text names its proposer again. */
const COMPANY_DESCRIPTION = /the (?:company|firm|lab|developer)/;

/**
 * The people a text names as a proposer's own, lower-cased: a name with a post at the proposer set off after it
 * ("Helena Vos, Anthropic's head of global affairs,", "Corinne Vasquez, a policy lead at Anthropic.", and "Helena
 * Vos, the company's head of global affairs," in or after a sentence naming it) or before it ("Anthropic's policy
 * lead, Corinne Vasquez", "Anthropic co-founder Jack Clark"). They speak for the proposal as the
 * proposer does. The post is a few words ending in one for a post, with no verb or clause in them: "Sarah Chen, a
 * policy analyst who has studied Anthropic's proposal," and "Anthropic's policy proposal drew criticism from Senator
 * Ruth Adeyemi" name no one of Anthropic's, nor does "a former researcher at Anthropic".
 */
function proposerPeopleIn(texts: readonly string[], proposer: string, roles = STAFF_ROLES): Set<string> {
  const name = escapeRegExp(proposer);
  const post = staffPost(roles);
  const after = (owner: string) => new RegExp(String.raw`(${PERSON_NAME}), (?:the |a |an )?(?:${owner}['’]s? ${post}|${post} (?:at|of|for) ${owner})(?=[,.;)]|$)`, 'gu');
  const named = after(name);
  // "Anthropic welcomed the letter. '...,' Helena Vos, the company's head of global affairs, said": the company of
  // the sentence naming the proposer, or the one after it
  const described = after(COMPANY_DESCRIPTION.source);
  const before = new RegExp(String.raw`(?<![\p{L}-])${name}(?:['’]s? ${post},? | (?:${roles}) )(${PERSON_NAME})`, 'gu');
  const people = new Set<string>();
  // only a sentence that names the proposer and a post can name its people: the patterns are tried at every capital
  const hasPost = new RegExp(String.raw`\b(?:${roles})\b`, 'i');
  const add = (text: string, pattern: RegExp) => {
    for (const match of text.matchAll(pattern)) if (!isFormerPost(text, match)) people.add(match[1]!.toLowerCase());
  };
  texts.forEach((text, index) => {
    const isNamed = text.includes(proposer);
    if (!(isNamed || texts[index - 1]?.includes(proposer)) || !hasPost.test(text)) return;
    if (isNamed) {
      add(text, named);
      add(text, before);
    }
    // ... where that sentence opens with the proposer's name and nothing between names another ("Anthropic
    // welcomed the letter. '...,' Helena Vos, the company's head of global affairs, said"; not "OpenAI dismissed the
    // pause proposed by Anthropic. X, the company's chief scientist," nor "Meta was unconvinced; X, the company's ...")
    if (!COMPANY_DESCRIPTION.test(text)) return;
    // quoted words are the speaker's; a capital outside them names someone else
    const namesNoOther = (words: string) => !words.replace(/["“][^"”]*["”]/gu, '').split(/[^\p{L}]+/u)
      .some((word) => /^\p{Lu}/u.test(word) && word !== 'AI' && !isCalendarWord(word));
    const previous = texts[index - 1] ?? '';
    const opensWithProposer = (sentence: string) => sentence.startsWith(`${proposer} `);
    const from = opensWithProposer(text) ? proposer.length : opensWithProposer(previous) && namesNoOther(previous.slice(proposer.length)) ? 0 : -1;
    if (from < 0) return;
    for (const match of text.slice(from).matchAll(described)) {
      if (!isFormerPost(text.slice(from), match) && namesNoOther(text.slice(from, from + match.index!))) people.add(match[1]!.toLowerCase());
    }
  });
  return people;
}

/**
 * A campaign named for the pause ("the Pause Now coalition", "PauseAI"): its name is its call, so it and its people
 * speak for the proposal as the proposer does. A group's name is "PauseAI" with its chapter ("PauseAI US", "PauseAI
 * Global"), or capitalised words after "Pause" and a word for a group; "Pause" alone opening a sentence is the verb,
 * and so is "Pause AI" ("Should We Pause AI?").
 */
const GROUP_WORDS = 'coalition|campaign|movement|alliance|network|group|collective|initiative';
/** A campaign's chapters by country or city ("PauseAI US", "PauseAI Germany"), not a post ("PauseAI CEO"). */
const CAMPAIGN_CHAPTERS = 'US|UK|EU|Global|Germany|France|Netherlands|Canada|Australia|Ireland|Italy|Spain|Sweden|Norway|Denmark|Finland|Poland|Japan|India|Brazil|Kenya|Nigeria|London|Berlin|Paris|Amsterdam';
const PAUSE_CAMPAIGN = new RegExp(String.raw`\bPauseAI(?: (?:${CAMPAIGN_CHAPTERS})\b)?(?![\p{L}\d])|(?<![\p{L}-])Pause(?: \p{Lu}[\p{L}'’-]*){0,3} (?:${GROUP_WORDS}|${GROUP_WORDS.replace(/\b\w/g, (letter) => letter.toUpperCase())})\b`, 'gu');
/** Posts in a campaign besides a staff's: "the coalition's national organiser", "an organizer with ...". */
const CAMPAIGN_ROLES = `${STAFF_ROLES}|organiser|organizer|coordinator|campaigner|activist|volunteer|member|supporter|backer|co-chair|leader`;
// A post is up to two words before the role, none a verb's past ("PauseAI activists heckled OpenAI chief Sam Altman")
const CAMPAIGN_POST = String.raw`(?:(?![\p{L}-]*ed )[\p{Ll}\p{Lu}-]+ ){0,2}(?:${CAMPAIGN_ROLES})`;
/** The most campaigns of a text read: the patterns are an alternation of their names, tried at every capital. */
const MAX_CAMPAIGNS = 4;

/**
 * Whether `text` names `actor` by a post at the campaign `name`: "PauseAI founder Joep Meindertsma", "Joep
 * Meindertsma, PauseAI('s) founder,", "Jane Smith, an organiser with PauseAI", "The founder of PauseAI, Joep
 * Meindertsma", "Joep Meindertsma, who founded PauseAI"; not "Yann LeCun dismissed PauseAI".
 */
function isPostAt(text: string, name: string, actor: string): boolean {
  // the campaign's whole name ("who led PauseAI's march", "who chairs the PauseAI caucus" no), a post of no verb or
  // conjunction ("PauseAI and opposition leader Keir Starmer", "PauseAI met Labour leader Keir Starmer" no)
  const campaign = String.raw`${escapeRegExp(name)}(?![\p{L}\d-])`;
  const person = escapeRegExp(actor);
  const post = String.raw`(?:(?!(?:and|or|with|met|joined|told|said|as|than|from|to|by)\b)[\p{Ll}\p{Lu}-]+ ){0,2}(?:${CAMPAIGN_ROLES})`;
  return new RegExp([
    String.raw`${campaign}(?:['’]s)? ${post},? ${person}`,
    String.raw`${person}, (?:the |a |an )?(?:${campaign}(?:['’]s)? ${post}|${post} (?:at|of|for|with|from) (?:the )?${campaign})`,
    String.raw`${post} (?:of|at) (?:the )?${campaign},? ${person}`,
    String.raw`${person}, who (?:co-?)?(?:founded|leads|led|runs|ran|heads|headed|directs|chairs|organi[sz]es) (?:the )?${campaign}(?!['’]| \p{Ll})`,
  ].join('|'), 'u').test(text);
}

/**
 * The campaigns named for the pause in a text, and the people it names as theirs: a name "of" one ("Ruth Calloway
 * of the Pause Now coalition"), with a post at one after it ("Devon Ashby, a San Francisco organizer with the Pause
 * Now coalition", "Ruth Calloway, the coalition's national organiser" where the text names one coalition) or before it
 * ("Pause Now organiser Ruth Calloway"). Lower-cased; the campaigns also by their word for a group ("the coalition").
 */
function pauseCampaignsIn(sentences: readonly string[]): { campaigns: string[]; people: string[] } {
  // a headline's capitals ("Inside the Pause Movement") are its style, not a campaign's name
  const prose = sentences.filter((sentence) => sentence.includes('Pause') && !isTitleCase(sentence)).join('\n');
  const names = [...new Set([...prose.matchAll(PAUSE_CAMPAIGN)].map((match) => match[0]))].slice(0, MAX_CAMPAIGNS);
  if (names.length === 0) return { campaigns: [], people: [] };
  const whole = sentences.join('\n');
  const lowerNames = names.map((name) => name.toLowerCase());
  const groupWords = lowerNames.map((name) => new RegExp(String.raw`(${GROUP_WORDS})$`).exec(name)?.[1] ?? null);
  // "the coalition" stands for a campaign only when the text names no other group called so ("the Safe Tech
  // Coalition") nor brings in one unnamed ("a coalition of 40 tech companies", "a rival coalition of startups", "the
  // industry coalition"), as
  // the campaign's own description is not ("The Pause Now coalition, a coalition of 40 groups,", "a coalition volunteer")
  const isOtherGroup = (word: string) => [...whole.matchAll(new RegExp(String.raw`(, )?\b(?:[Aa]n?|[Aa]nother|[Oo]ne|[Ss]econd|[Rr]ival|[Nn]ew|[Tt]he (?:industry|business|opposing|competing|counter)) (?:[\p{Ll}-]+ )?${word}\b(?! (?:${CAMPAIGN_ROLES})\b)`, 'gu'))]
    .some((match) => match[1] === undefined || !lowerNames.some((name) => whole.slice(Math.max(0, match.index - name.length), match.index).toLowerCase() === name))
    || [...whole.matchAll(new RegExp(String.raw`(?:\p{Lu}[\p{L}'’-]* )+(?:${word}|${word[0]!.toUpperCase()}${word.slice(1)})\b`, 'gu'))].some((match) => {
      // "The coalition plans ..." opening a sentence is the word itself, not a name
      const group = match[0].toLowerCase().replace(/^(?:the|its|this|that) /, '');
      return group !== word && !lowerNames.some((name) => name.endsWith(group) || group.endsWith(name));
    });
  const soleWords = groupWords.filter((word, index): word is string => word !== null && groupWords.indexOf(word) === index
    && groupWords.lastIndexOf(word) === index && !isOtherGroup(word));
  const campaign = [...names.map(escapeRegExp), ...soleWords.map((word) => `(?:[Tt]he|[Ii]ts) ${word}`)].join('|');
  const patterns = [
    // not the object of a preposition ("a letter to Sam Altman from PauseAI")
    String.raw`(?<!\b(?:to|for|at|against|by|on|towards?) )(${PERSON_NAME}),? (?:of|from|with) (?:the )?(?:${campaign})\b`,
    String.raw`(${PERSON_NAME}), (?:the |a |an )?(?:(?:${campaign})['’]s ${CAMPAIGN_POST}|${CAMPAIGN_POST} (?:at|of|for|with|from) (?:the )?(?:${campaign}))(?=[,.;)]|$)`,
    String.raw`(?<![\p{L}-])(?:${names.map(escapeRegExp).join('|')})(?:['’]s)? (?:${CAMPAIGN_POST}),? (${PERSON_NAME})`,
  ].map((pattern) => new RegExp(pattern, 'gu'));
  const people = new Set<string>();
  for (const pattern of patterns) {
    for (const match of whole.matchAll(pattern)) if (!isFormerPost(whole, match)) people.add(match[1]!.toLowerCase());
  }
  return { campaigns: [...lowerNames, ...soleWords.map((word) => `the ${word}`)], people: [...people] };
}

/**
 * A capitalised word right before a campaign's name, making it part of a larger one ("the No Pause Coalition", "the
 * Press Pause Network"), or a campaign against it ("the Stop the Pause campaign"); not a sentence's "The", a day or a
 * month ("On Monday PauseAI led ...").
 */
const LARGER_NAME_BEFORE = new RegExp(String.raw`(?:\b(?!(?:The|A|An|Its|Their|${[...CALENDAR_WORDS].map(titleCase).join('|')})\b)\p{Lu}[\p{L}'’-]* |\b(?:Stop|End|Against|Beyond) the )$`, 'u');
/**
 * A campaign left, or giving up, said right before or after its name: "a former PauseAI organiser", "has dropped its
 * demand".
 */
const LEFT_BEFORE = /\b(?:former|ex|left|quit|quits|leaves)(?: (?:the|a|an))? $/iu;
const LEFT_AFTER = /^[^.;,]{0,20}?\b(?:has|have|had)? ?(?:dropped|abandoned|withdrawn|withdrew|declined to comment)\b/iu;

/**
 * The campaigns named for the pause in a text's prose (see pauseCampaignsIn), each with the first sentence on the
 * topic that names it; not a hashtag, another's larger name, nor one said to be left or to give up.
 */
function pauseCampaignsNamed(sentences: readonly string[], isTopical: (sentence: number) => boolean): { name: string; sentence: number }[] {
  const named: { name: string; sentence: number }[] = [];
  sentences.forEach((sentence, index) => {
    if (!isTopical(index) || !sentence.includes('Pause') || isTitleCase(sentence)) return;
    for (const { 0: name, index: at } of sentence.matchAll(PAUSE_CAMPAIGN)) {
      // a hashtag ("#PauseAI") is the writer's, not the campaign's act; a larger name is another's ("the No Pause
      // Coalition", "the Stop the Pause campaign", "the Press Pause Network", "Ex-PauseAI")
      const before = sentence.slice(0, at);
      if (/[#\p{L}-]$/u.test(before) || LARGER_NAME_BEFORE.test(before)) continue;
      if (LEFT_BEFORE.test(before) || LEFT_AFTER.test(sentence.slice(at + name.length))) continue;
      if (named.length < MAX_CAMPAIGNS && !named.some((campaign) => campaign.name === name)) named.push({ name, sentence: index });
    }
  });
  return named;
}

/**
 * Whether a speaker shown as "X of <campaign>" is the campaign's: X a person's name ("Jonas Brel of the Pause First
 * Network") or a post ("an organiser of ..."), not any phrase ("Neighbours of the Pause Now coalition").
 */
function isOfCampaign(actor: string, campaign: string): boolean {
  const at = actor.toLowerCase().lastIndexOf(` of ${campaign}`);
  const atThe = actor.toLowerCase().lastIndexOf(` of the ${campaign}`);
  const end = Math.max(at, atThe);
  if (end <= 0 || (end === at ? at + 4 + campaign.length : atThe + 8 + campaign.length) !== actor.length) return false;
  const who = actor.slice(0, end);
  if (NOT_STAFF.test(who)) return false;
  return new RegExp(String.raw`^${PERSON_NAME}$`, 'u').test(who) || new RegExp(String.raw`^(?:(?:an?|the) )?${CAMPAIGN_POST}$`, 'iu').test(who);
}

/** A line in title case ("Inside the Pause Movement"): most of its words, small ones aside, capitalised. */
function isTitleCase(sentence: string): boolean {
  const words = sentence.split(/\s+/).filter((word) => /^\p{L}{4,}/u.test(word));
  return words.length >= 2 && words.filter((word) => /^\p{Lu}/u.test(word)).length >= words.length * 0.75;
}

/** "An Anthropic spokesperson", "Anthropic's policy chief": a post at one of these proposers, named by its post. */
function proposerPost(proposers: readonly string[], roles = STAFF_ROLES): RegExp | null {
  if (proposers.length === 0) return null;
  return new RegExp(String.raw`^(?:(?:an?|the) )?(?:${proposers.map((proposer) => escapeRegExp(proposer.toLowerCase())).join('|')})(?:'s)? ${staffPost(roles)}$`, 'u');
}

/** What the analyser knows of a text's sentences beyond their words, for reading its voices. */
export interface VoiceContext {
  /** Whether to read a camp's example (see collectVoices): an article's, not a passage's. */
  readsCampExamples?: boolean;
  /** The sentences on the topic, by index (title first); null: all. */
  topical?: ReadonlySet<number> | null;
  /** Each sentence's paragraph; null: one paragraph. */
  paragraphs?: readonly number[] | null;
  /** Who speaks for the proposal (proposerSpeakers of the same sentences), when the caller has it already. */
  speaksForProposal?: (actor: string) => boolean;
}

/**
 * A sentence that introduces a camp by what it says ("Critics were quick to question the company's motives.",
 * "Supporters said the verification provisions set the proposal apart."): its side, or 0. News writing names a camp,
 * then quotes one of them. A sentence that only mentions a camp ("Critics and supporters alike are waiting", "Few
 * supporters remain", "Opponents of the pause face a hard choice") introduces none.
 */
const CAMP_OPENING = /^(?:[\p{L}-]+\s+)?(critics|skeptics|sceptics|opponents|detractors|doubters|supporters|proponents|advocates|backers)(?: of (?:the|a|an|its|this) [\p{L}-]+(?: [\p{L}-]+)?)? (?:said|say|says|argued|argue|argues|warned|warn|warns|questioned|question|were quick to|called|call|contended|contend|countered|counter|insisted|insist|welcomed|welcome|praised|praise|dismissed|dismiss|attacked|attack|accused|accuse)\b/iu;
/** A sentence set against the one before it: its speaker is no example of the camp that sentence names. */
const CONTRAST_OPENING = /^(?:but|however|yet|still|by contrast|in contrast|others|not everyone|meanwhile|instead)\b/i;

function campSide(sentence: string): number {
  const camp = CAMP_OPENING.exec(sentence)?.[1];
  if (camp === undefined) return 0;
  return roleOfActor(camp) === 'critic' ? -1 : 1;
}

/** A title whose dot belongs to the name in a list ("Dr. Amara Okafor"). */
const TITLES = [...TITLE_ABBREVIATIONS].map(titleCase).join('|');
const SIGNER_TITLE = String.raw`(?:(?:${TITLES})\. ){0,2}`;
/** Titles alone, what is left of a name the list pattern cut ("Dr" of "Dr. van der Berg"). */
const TITLES_ONLY = new RegExp(String.raw`^(?:(?:${TITLES}|Sir|Dame)\.? ?)+$`, 'u');
const SIGNER_WORD = String.raw`\p{Lu}[\p{L}'’-]*`;
/** The words of a body's name before "of" or "for" ("Chamber of Progress", "Center for AI Safety"). */
const BODY_BEFORE_OF = 'Chamber|Center|Centre|Institute|Future|Council|Association|Alliance|Coalition|Federation|Union|Society|Foundation|Campaign|Partnership|League|Network|Forum|Academy|University|College|School|Ministry|Department|Office';
/** The fields a body's name joins with "and" ("the Ministry of Science and Technology"), where no list's "and" is meant. */
const BODY_FIELD = 'Science|Sciences|Technology|Technologies|Innovation|Industry|Trade|Energy|Commerce|Culture|Education|Research|Engineering|Medicine|Health|Economics|Security|Safety|Policy|Arts|Media|Communications|Information|Justice|Defen[cs]e|Labou?r|Employment|Climate|Environment|Development|Ethics|Law|Governance|Affairs|Studies';
/** Words that qualify a field in a body's name, not a name of their own ("Apollo Research" is no field). */
const FIELD_QUALIFIERS = 'Emerging|Public|International|Social|Foreign|Economic|Digital|Artificial|Advanced|Applied|Global|Strategic|Political|Environmental|Human|National|Homeland|Cyber|Computer|Data|Higher|Behavioral|Behavioural|Responsible|Trustworthy';
/** A field of a body's name, maybe after one word that qualifies it ("Emerging Technology", "Public Policy"). */
const BODY_FIELD_WORDS = String.raw`(?:(?:${FIELD_QUALIFIERS}) )?(?:${BODY_FIELD})`;
/** A body named by its fields before its head ("the Information Technology and Innovation Foundation"). */
const FIELDS_BODY = String.raw`(?:the )?(?:(?:${BODY_FIELD}) ){1,2}and (?:(?:${BODY_FIELD}) ){1,2}(?:${BODY_BEFORE_OF}|Committee|Commission|Agency|Authority|Board|Trust|Fund)(?![\p{L}])`;
/** A surname's particle after a title or a first name ("Dr. van der Berg", "Ursula von der Leyen"). */
const NAME_PARTICLE = String.raw`(?:(?:van|von|de|der|den|da|di|du|del|della|la|le|ter|ten|bin|al) )*`;
/**
 * A name in a list of signatories, capitalised words ("Google DeepMind", "Kestrel Labs"), maybe after "the" and a
 * title, with a body's "of" or "for" ("the Chamber of Progress") and its fields ("of Science, Innovation and
 * Technology"), a surname's particles; and a list of them.
 */
const SIGNER_NAME = String.raw`(?:${FIELDS_BODY}|(?:the )?${SIGNER_TITLE}${NAME_PARTICLE}${SIGNER_WORD}(?: ${NAME_PARTICLE}${SIGNER_WORD}|(?<=\b(?:${BODY_BEFORE_OF})) (?:of|for) (?:${BODY_FIELD_WORDS}(?:, ${BODY_FIELD_WORDS})*,? and ${BODY_FIELD_WORDS}(?=[,.;]|$| and | or )|${SIGNER_WORD})){0,3})`;
const SIGNER_NAMES = new RegExp(SIGNER_NAME, 'gu');
const SIGNER_LIST = String.raw`${SIGNER_NAME}(?:, ${SIGNER_NAME})*(?:,? and ${SIGNER_NAME})?`;
// capitalised or not, for the patterns read without the i flag, which read a name's capitals
const SIGNED_TEXT = '[Ss]tatement|[Ll]etter|[Pp]ledge|[Dd]eclaration';
/**
 * A sentence saying a signed text backs a pause: "a joint statement committing to work towards a verified pause". Not
 * one that stops short of it ("stops short of calling for a pause"), nor a pause of something else ("a moratorium on
 * state AI regulation", "a pause of the EU AI Act"), nor a letter of a year gone by ("In 2023 thousands signed ...").
 */
const BACKING_SENTENCE = new RegExp(String.raw`\b(?:${SIGNED_TEXT})\b([^;\n]{0,80}?)\b(?:backing|calling for|calls for|called for|calling on|calls on|called on|urging|committing|supporting|endorsing|in favou?r of|towards?)\b([^;\n]{0,40}?)\b(?:pause|moratorium|halt|slowdown)\b(?! (?:\S+ ){0,4}(?:regulations?|acts?|Act|laws?|rules|enforcement|tariffs?|exports?|licen[cs]es|hiring)\b)`, 'iu');
/**
 * A signed text named by the pause it pledges: "the labs' pause statement", "A pledge to pause is only as good as ...";
 * not one refused or dismissed ("refused calls for a pledge to pause", "A pledge to pause is a publicity stunt"), nor a
 * pause of hiring.
 */
const NAMED_FOR_PAUSE = /\b(?:pause|moratorium|slowdown) (?:statement|pledge|declaration)\b|\b[Pp]ledges? to (?:a |an )?(?:verified |global |coordinated )?(?:pause|halt|slow down|slowdown)\b(?! (?:\S+ ){0,2}(?:hiring|recruitment|sales|production|operations|investment)\b)/u;
const DISMISSED_PLEDGE = /\b(?:refus\w*|reject\w*|declin\w*|calls? for|stunt|ploy|sham|theat(?:er|re)|cartel|moat|naive|gimmick)\b/iu;
/** What a text would be urged to do to the pause that is no backing of it: "a letter urging them to block the pause". */
const AGAINST_THE_PAUSE = /\bto (?:block|reject|scrap|drop|end|kill|oppose|abandon|defeat|stop|resist|vote down|vote against)\b/iu;
/** The pause said to be undone: "calls for the proposed pause to be scrapped". */
const PAUSE_UNDONE = /\b(?:pause|moratorium)\b[^.;]{0,30}\bto be (?:blocked|rejected|scrapped|dropped|ended|abandoned|defeated|stopped|killed)\b/iu;
const NOT_BACKING = /\b(?:short of|without|not|n't|no|instead of|rather than)\b/iu;
const PAST_LETTER = /\b(?:in|of|from) (?:19|20)\d\d\b|\b(?:19|20)\d\d (?:open )?letter\b/u;
/** A list's sentence that names a past text by its year: "The 2023 letter ... was signed by". */
const PAST_LETTER_NAMED = /\b(?:19|20)\d\d (?:open )?(?:letter|statement|pledge|declaration)\b/u;
/** A signed text said to be against something: "a rival letter ... warned that the pause would entrench incumbents". */
const OPPOSING_SENTENCE = new RegExp(String.raw`\b(?:${SIGNED_TEXT})\b[^.;\n]{0,60}?\b(?:opposing|against|rejecting|criticising|criticizing|(?:warn(?:s|ed|ing)?|argu(?:es|ed|ing)) (?:that )?(?:[\p{L}-]+ ){0,3}(?:pause|moratorium|halt|slowdown|proposal))\b`, 'iu');
/** Words before a list that make it no list of a statement's signatories: "Absent from the signatories were ...". */
const NOT_SIGNATORIES = /\b(?:absent|unlike|not among|missing|excluding|other than|besides|rival|competing|counter|separate|another)\b/iu;
/**
 * A signed text brought in as another one ("a rival letter signed by", "a letter of intent", "Meta's own letter"): it
 * is not the backing one. "said in a statement" brings in none.
 */
const OTHER_SIGNED_TEXT = new RegExp(String.raw`(?<!\b(?:said|says|wrote|writes) in )\b(?:a|an|another|rival|separate|second|competing|their own|its own|\p{Lu}[\p{L}-]*['’]s own) (?:[\p{L}-]+ ){0,2}(?:${SIGNED_TEXT})\b`, 'iu');
/** "The statement", "the open letter": the signed text a sentence before introduced (see refersToSidedText). */
const THE_SIGNED_TEXT = /\b[Tt]he (?:joint |open )?(?:statement|document|letter|pledge|declaration)\b/u;
/**
 * A sentence saying, as its first words, what the text the sentence before brought in asks of a pause: "The statement
 * calls for a verified pause", "It urges governments to agree a pause", "It urges Congress to reject the pause" (see
 * isSidedNext); not "It comes a week after four labs signed a statement calling for a pause", "The statement they were
 * answering calls for ...".
 */
const NEXT_BACKS = /^(?:The (?:joint )?(?:statement|document|letter|pledge|declaration)|It|Their (?:joint )?(?:statement|letter|pledge)) (?:calls|called|urges|urged|commits|committed|backs|backed|endorses|endorsed|supports|asks|asked)\b([^.;]{0,60}?)\b(?:pause|moratorium|halt|slowdown)\b/u;
/** A list's text that is another's answer: "Their own letter", "a rival letter". */
const ANSWERING_TEXT = /\b(?:rival|separate|second|competing|counter|own|another)\b/iu;
/** A signed text introduced: "a statement on ...", "a counter-letter", "their own letter", "signed the Frontier Growth Compact". */
const INTRODUCED_TEXT = /(?<!\b(?:said|says|wrote|writes|is|was|are|were) (?:in )?)\b(?:an?|another|its own|their own|(?:a )?counter)[- ](?:[\p{L}-]+ ){0,3}(?:statement|letter|pledge|declaration|document|compact|memo|order)s?\b|\bcounter-letter\b|\b(?:signed|joined|issued|published) the (?:\p{Lu}[\p{L}-]* ){1,4}(?:Compact|Pledge|Declaration|Statement|Letter|Accord|Charter)\b/u;
/** When a text was signed, between "signed" and "by": "signed Monday by", "signed last week by". */
const SIGNING_TIME = String.raw`(?:(?:late |early )?(?:on |last |this |earlier this )?(?:${[...WEEKDAYS].map(titleCase).join('|')}|week|month)|yesterday|today|earlier|on \p{Lu}\p{Ll}+\.? \d{1,2}|in \p{Lu}\p{Ll}+)`;
/**
 * What a sentence may say of a signed text before its signing or organising: a set-off description ("The first letter,
 * calling on governments to adopt a verified pause, was signed ..."), a participle's phrase ("a letter backing the
 * pause, signed by", "The open letter calling for a verified pause was written by"), "to" a pause ("pledge to a
 * verified pause was signed by").
 */
const TEXT_DESCRIBED = String.raw`(?:, [^;]{1,120}?,["”]?| (?:calling|urging|asking|backing|opposing|to)\b[^,.;]{0,80}?)?`;
const SIGNATORY_LISTS = [
  // "The signatories — Anthropic, Google DeepMind, Veridian AI and Kestrel Labs — said", "signatories include A and B"
  new RegExp(String.raw`\b[Ss]ignatories(?: [—–-] |: |, including | include | included | are | were |, (?:which|who) (?:also )?include(?:d)? |, among them )(${SIGNER_LIST})`, 'gu'),
  // "The statement was signed by A, B and C", "The letter, signed by A and B,", "the document signed by A and B",
  // "was signed Monday by", "was also signed by the heads of A and B"
  new RegExp(String.raw`\b(?:${SIGNED_TEXT}|[Dd]ocument)${TEXT_DESCRIBED},? (?:was |is |has been )?(?:also |jointly )?(?:co-)?signed (?:${SIGNING_TIME} )?by (?:(?:the )?(?:heads?|leaders|chiefs|chief executives?|CEOs?|bosses|founders?|executives) (?:of|from) )?(${SIGNER_LIST})`, 'gu'),
  // "The joint statement that A, B and C put out on Monday"
  new RegExp(String.raw`\b(?:${SIGNED_TEXT}) that (${SIGNER_LIST}) (?:put out|issued|released|published|signed)\b`, 'gu'),
  // "A, B and C signed a joint statement"
  new RegExp(String.raw`^(${SIGNER_LIST}) (?:(?:on \p{Lu}\p{Ll}+|have|also|jointly) )?signed (?:a|an|the) (?:joint |open )?(?:${SIGNED_TEXT})`, 'gu'),
  // after a sentence saying the statement backs a pause: "It was signed by A and B", "A, B and C were among the signatories"
  new RegExp(String.raw`^It (?:was|has been) (?:co-)?signed by (${SIGNER_LIST})`, 'gu'),
  // (not one that was, "until it withdrew", "before it pulled out")
  new RegExp(String.raw`^(${SIGNER_LIST}) (?:is|are|were)(?: now| also| already)? among (?:the|its) signatories\b(?![^.;]*\b(?:until|before|but)\b)`, 'gu'),
];
const ORGANISING = 'organi[sz]ed|led|written|drafted|coordinated|initiated|spearheaded';
/**
 * A signed text's organisers, who speak for its side: "The open letter, titled "...," was organized by Naomi Castell, a
 * computer scientist at Alder University, and Hiroshi Tanabe of the Kanto Institute", "It was organized by a new
 * coalition ... and led by Talia Brandt, chief executive of Lumenfold"; the text the subject of organising, not a
 * campaign, bill or study the sentence brings in ("The letter targets a bill written by").
 */
const ORGANISERS = new RegExp(String.raw`\b(?:${SIGNED_TEXT}|It)${TEXT_DESCRIBED} (?:was |is |has been )?(?:${ORGANISING})(?: and (?:${ORGANISING}))? by (?:[^.;]{1,80}? and (?:was |is )?(?:${ORGANISING}) by )?(?:(?!an? |the )[\p{Ll}-]+ ){0,2}(${SIGNER_NAME})(?:, (?:a |an |the )?\p{Ll}[^,;]{0,80},| (?:of|at|from) (?:the )?\p{Lu}[\p{L}'’-]*(?: (?:of|for|the|\p{Lu}[\p{L}'’-]*))*)?(?:,? and (${SIGNER_NAME}))?`, 'gu');
/** An organiser after the text's signatories: "The letter was signed by NetChoice, and was drafted by Talia Brandt". */
const ORGANISED_AFTER_SIGNING = new RegExp(String.raw`\b(?:${SIGNED_TEXT}|It)${TEXT_DESCRIBED},? (?:was |is |has been )?(?:co-)?signed (?:${SIGNING_TIME} )?by [^.;]{1,120}?,? and (?:was |is |has been )?(?:${ORGANISING}) by (?:(?!an? |the )[\p{Ll}-]+ ){0,2}(${SIGNER_NAME})`, 'gu');
/** A signed text named: "the statement", "a pledge", "the document". */
const ANOTHER_TEXT_NAMED = new RegExp(String.raw`\b(?:${SIGNED_TEXT}|[Dd]ocument)s?\b`, 'u');
const TEXTS_NAMED = new RegExp(ANOTHER_TEXT_NAMED.source, 'gu');
/** A list sentence that says its text backs no pause: "stops short of calling for a pause", "no plans to seek a pause". */
const NOT_BACKING_LIST = /\b(?:stops? short of|no plans to|rather than|instead of)\b/iu;
/** A claim a correction takes back: "An earlier version of this article said the statement was signed by Meta". */
const CORRECTED_CLAIM = /\b(?:earlier|previous) version\b|\bmisstated\b|\bincorrectly\b/iu;
/**
 * What after a list's last name makes it no signatory: a role or a source's verb ("co-founder", "winners", "reported",
 * "Security experts").
 */
const ROLE_OR_REPORT_AFTER = /^ (?:co-founders?|cofounders?|founders?|winners?|laureates?|chief|president|executives?|scientists?|researchers?|experts?|officials?|engineers?|academics?|analysts?|staff|employees|leaders?|reported|said|says|told|confirmed)\b/u;
/** A list's last name without the weekday a sentence put after it ("... and Kestrel Labs Monday, commits"). */
function withoutTrailingWeekday(name: string): string {
  const space = name.lastIndexOf(' ');
  return space > 0 && WEEKDAYS.has(name.slice(space + 1).toLowerCase()) ? name.slice(0, space) : name;
}
/** The most signatories of a text read: each is a name the speaker patterns try. */
const MAX_SIGNATORIES = 12;
/** Capitalised words that open a sentence or count, and name no signatory. */
const COMMON_CAPITALS = /^(?:The|A|An|On|In|It|They|We|Four|Three|Five|Two|Six|Several|Many|Some|All|Separately|Instead|Yesterday|Meanwhile|Also|Earlier|Later|Last|This|Today)\b/u;
/**
 * A signatory that took its name back, or says it never gave it: "Orion AI withdrew its signature", "pulled its name
 * from the statement", "did not sign it"; not "has not withdrawn its signature".
 */
const WITHDRAWN = /^[^.;]{0,40}?(?<!\b(?:not|not yet|never) )\b(?:withdrew|withdrawn|retracted|rescinded|revoked|removed|took back) (?:its|their|his|her) (?:name|signature|support)\b|^[^.;]{0,40}?\b(?:pulled out of|withdrew from|backed out of|pulled (?:its|their|his|her) name from) the (?:statement|letter|pledge|declaration)\b|^ (?:did not|didn't|has not|hasn't|never|had not|have not|haven't) sign(?:ed)? (?:it|the (?:joint )?(?:statement|letter|pledge|declaration))\b/u;
/** Words of one who has not decided: "too early to say whether a pause was needed". */
const UNDECIDED = /\b(?:whether|too early|undecided|unclear|not sure|uncertain)\b/iu;
/** The posts whose holders speak for a signatory: its leaders and spokespeople, not any employee. */
const LEADING_ROLES = 'head|chief|director|president|spokesperson|spokeswoman|spokesman|executive|founder|co-founder|cofounder|ceo|chair|chairman|chairwoman';

/**
 * A sentence saying a signed text is against the pause: "a joint letter opposing the proposed verified pause", "sign
 * letter against the AI pause", "a letter urging them to block the pause", "calls for the pause to be scrapped"; not
 * one against something else ("a statement against child exploitation"), nor a letter of a year gone by.
 */
const OPPOSING_TEXT = new RegExp(String.raw`\b(?:${SIGNED_TEXT})\b[^.;\n]{0,60}?\b(?:(?:opposing|against|rejecting|criticising|criticizing|attacking)|(?:calling on|urging|asking) [^.;]{1,40}? to (?:reject|block|scrap|vote down|vote against|oppose|abandon|drop|kill)) (?:the |a |any )?(?:[\p{L}-]+ ){0,3}(?:pause|moratorium|halt|slowdown)\b`, 'iu');
/**
 * A pause of something other than AI development: "the pause on facial recognition procurement by police", "the
 * hiring freeze and slowdown at federal science agencies", "the moratorium on new data centres in Virginia".
 */
const PAUSE_OF_OTHER = /\b(?:pause|moratorium|halt|slowdown|freeze)s? (?:on|of|at|for|in) (?![^.;]{0,50}\b(?:AI|A\.I\.|artificial|frontier|training|models?|systems|superintelligence|compute|labs?|development)\b)/u;

function isOpposingSentence(sentence: string): boolean {
  if (PAST_LETTER.test(sentence) || PAUSE_OF_OTHER.test(sentence)) return false;
  if (OPPOSING_TEXT.test(sentence)) return true;
  const match = BACKING_SENTENCE.exec(sentence);
  return match !== null && !NOT_BACKING.test(match[1]!) && (AGAINST_THE_PAUSE.test(match[2]!) || PAUSE_UNDONE.test(sentence));
}

function isBackingSentence(sentence: string): boolean {
  if (PAST_LETTER.test(sentence) || OPPOSING_SENTENCE.test(sentence) || PAUSE_OF_OTHER.test(sentence)) return false;
  const match = BACKING_SENTENCE.exec(sentence);
  if (match !== null) return !NOT_BACKING.test(match[1]!) && !AGAINST_THE_PAUSE.test(match[2]!) && !PAUSE_UNDONE.test(sentence);
  return NAMED_FOR_PAUSE.test(sentence) && !NOT_BACKING.test(sentence) && !DISMISSED_PLEDGE.test(sentence);
}

/**
 * Whether "the" statement of sentences[index] is the one a sentence before says is for (or against) a pause: walking
 * back, such a sentence comes before any that introduces another ("a statement on protecting children", "a
 * counter-letter", "signed the Frontier Growth Compact").
 */
function refersToSidedText(sentenceTexts: readonly string[], sided: readonly boolean[], index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    if (sided[i]) return true;
    const sentence = sentenceTexts[i]!;
    if (INTRODUCED_TEXT.test(sentence)) return false;
  }
  return false;
}

/**
 * Whether the sentence after a list says, in its first words, that the text the list signed is for the pause (or, for
 * `side` oppose, against it): "The statement calls for a verified pause", "It urges Congress to reject the pause".
 */
function isSidedNext(next: string | undefined, side: Signatory['side']): boolean {
  const match = NEXT_BACKS.exec(next ?? '');
  if (match === null || NOT_BACKING.test(match[1]!)) return false;
  const isAgainst = AGAINST_THE_PAUSE.test(match[1]!) || PAUSE_UNDONE.test(next!);
  return side === 'oppose' ? isAgainst && !PAUSE_OF_OTHER.test(next!) : !isAgainst;
}

/**
 * The signatories a text names of a statement it says backs a pause (`side` support) or is against it (oppose): a
 * list in a sentence saying so ("A, B and C signed a joint statement calling for a verified pause"), or one naming
 * "the" statement's signatories just after it ("... committing to work towards a verified pause. The signatories —
 * Anthropic, Google DeepMind, Veridian AI and Kestrel Labs — said"), or "the" statement's further on (see
 * refersToSidedText), and the text's organisers. Not a list of those absent, of a rival or another signed text (for
 * the pause), a correction's or a past year's, nor one that withdrew or says it did not sign.
 */
function signatoriesIn(sentenceTexts: readonly string[], side: Signatory['side'], sides: SentenceSides): Signatory[] {
  const sided = side === 'support' ? sides.backing : sides.opposing;
  if (!sided.includes(true) && !sentenceTexts.some((sentence) => NEXT_BACKS.test(sentence))) return [];
  // each name with the first sentence that lists it
  const names = new Map<string, number>();
  sentenceTexts.forEach((sentence, index) => {
    if (side === 'support' ? OPPOSING_SENTENCE.test(sentence) : sides.backing[index]) return;
    // the sentence says what its own text is for, or names "the" statement after one that does
    const isOwn = sided[index]!;
    const isThatText = sided[index - 1] === true || (THE_SIGNED_TEXT.test(sentence) && refersToSidedText(sentenceTexts, sided, index));
    // or brings in a text the next sentence says is for a pause ("A, B and C signed a joint statement on Monday. The
    // statement calls for a verified pause."); an answering text's list is not the pause's backers
    const isSidedAfter = isSidedNext(sentenceTexts[index + 1], side) && (side === 'oppose' || !ANSWERING_TEXT.test(sentence));
    // another text brought in ("a rival letter") is no backing one; against the pause, it often is the opposing one
    const isOther = side === 'support' && OTHER_SIGNED_TEXT.test(sentence);
    if (!isOwn && !isSidedAfter && (!isThatText || isOther)) return;
    if (!isOwn && (PAST_LETTER_NAMED.test(sentence) || NOT_BACKING_LIST.test(sentence))) return;
    // a letter of a year gone by, dated in the sentence before ("In March 2023, ... published an open letter.")
    if (PAST_LETTER.test(sentenceTexts[index - 1] ?? '') || CORRECTED_CLAIM.test(sentence)) return;
    const entries: string[] = [];
    const sidedText = side === 'oppose' ? OPPOSING_TEXT.exec(sentence) : null;
    for (const pattern of [ORGANISERS, ORGANISED_AFTER_SIGNING]) {
      for (const match of sentence.matchAll(pattern)) entries.push(...match.slice(1).filter((name) => name !== undefined));
    }
    for (const pattern of SIGNATORY_LISTS) {
      for (const match of sentence.matchAll(pattern)) {
        if (NOT_SIGNATORIES.test(sentence.slice(0, match.index))) continue;
        // against the pause, a list of the text it answers ("a letter opposing the pause answers the statement signed
        // by ..."): another signed text named between, or in the list's own description of its text
        if (sidedText !== null && match.index! > sidedText.index) {
          const between = sentence.slice(sidedText.index + sidedText[0].length, match.index! + match[0].length);
          if (ANOTHER_TEXT_NAMED.test(between)) continue;
        }
        if ((match[0].match(TEXTS_NAMED) ?? []).length > 1) continue;
        // a list's last name may end the sentence ("... and Kestrel Labs."); a name's own "and" is no list's ("the
        // Ministry of Science and Technology, ..."), read with the character after the list, which says whether a
        // body's last field ends there ("the Ministry of Defence and Security experts" lists the ministry)
        const listEnd = match.index! + match[0].lastIndexOf(match[1]!) + match[1]!.length;
        const listed = [...`${match[1]!}${sentence.charAt(listEnd)}`.matchAll(SIGNER_NAMES)].map((name) => name[0]);
        // a list's last name followed by a role is a description's ("Apple co-founder Steve Wozniak", "Turing Award
        // winners"), by a verb of reporting a source ("..., Reuters reported")
        const after = sentence.slice(match.index! + match[0].length);
        if (ROLE_OR_REPORT_AFTER.test(after)) listed.pop();
        entries.push(...listed);
      }
    }
    for (const entry of entries) {
      const name = withoutTrailingWeekday(entry.replace(/^the /u, '').replace(/\.$/u, ''));
      if (COMMON_CAPITALS.test(name) || TITLES_ONLY.test(name) || name.length < 2 || /['’]s$/u.test(name) || names.has(name)) continue;
      names.set(name, index);
    }
  });
  const withdrawn = (name: string) => sentenceTexts.some((sentence) => {
    const at = sentence.indexOf(name);
    return at >= 0 && WITHDRAWN.test(sentence.slice(at + name.length));
  });
  return [...names].slice(0, MAX_SIGNATORIES).filter(([name]) => !withdrawn(name)).map(([name, sentence]) => ({ name, sentence, side }));
}

/** A body's word ending a name ("the Department"), which its "of" or "for" goes on from. */
const BODY_WORD = new RegExp(String.raw`\b(?:${BODY_BEFORE_OF})$`, 'u');

/**
 * Whether `actor` is the opening words of `name`, cut before its end: a body's word before its "of" or "for" ("the
 * Department" of "the Department for Science, ..."), or a name cut at a comma ("Department for Science"); not a whole
 * name of its own ("Google" beside "Google DeepMind").
 */
function isCutName(actor: string, name: string): boolean {
  const cut = actor.replace(/^the /iu, '');
  const whole = name.replace(/^the /iu, '');
  if (cut.length >= whole.length || !whole.startsWith(cut)) return false;
  const rest = whole.slice(cut.length);
  return rest.startsWith(',') || (BODY_WORD.test(cut) && /^ (?:of|for) /u.test(rest));
}

/** The last block of an article's lede, by order, its title the first; of a text of one block, its last sentence. */
const LEDE_END = 2;

/** A camp named by its signature: "The signatories", "its signatories", "many signatories". */
const SIGNATORIES_CAMP = /\bsignator(?:y|ies)$/iu;
/** A voice's words that are its signing alone: "signed a letter on Monday". */
const SIGNING_ONLY = /^(?:(?:have|has|also|jointly) )?(?:co-)?sign(?:ed|s)? (?:a|an|the)\b/u;

/** For each of a text's sentences, whether it says a signed text backs the pause, and whether one is against it. */
interface SentenceSides {
  backing: readonly boolean[];
  opposing: readonly boolean[];
}

/** A statement's signatory, the index of the sentence that lists it, and the statement's side. */
interface Signatory {
  name: string;
  sentence: number;
  side: 'support' | 'oppose';
}

const PERSON_NAME_ONLY = new RegExp(`^${PERSON_NAME}$`, 'u');

/** Whether the text names another person with `name`'s surname: "Senator Paul Brandt" beside "Talia Brandt". */
function surnameShared(sentenceTexts: readonly string[], name: string): boolean {
  const surname = name.split(' ').at(-1)!;
  const other = new RegExp(String.raw`\p{Lu}[\p{L}'’-]+ ${escapeRegExp(surname)}\b`, 'gu');
  return sentenceTexts.some((text) => [...text.matchAll(other)].some((match) => !name.endsWith(match[0])));
}

/**
 * Who takes a side on the proposal by their signature (see signatoriesIn): a signatory by its name, and the leaders and
 * spokespeople the text names as its own. A signatory's words on the topic that lean nowhere are said for the
 * statement it signed; unlike the proposer's, any against it keep their side (a signatory's chief may doubt a detail).
 */
function signatoryVoices(sentenceTexts: readonly string[], signed: readonly Signatory[]): (actor: string) => boolean {
  if (signed.length === 0) return () => false;
  const signatories = signed.map((signatory) => signatory.name);
  // a signatory who is a person is also the surname a text calls them by later ("Talia Brandt" ... "Brandt said"),
  // where the text names no one else with it ("Senator Paul Brandt")
  const persons = signatories.filter((name) => PERSON_NAME_ONLY.test(name) && !surnameShared(sentenceTexts, name));
  const people = [...persons, ...signatories.flatMap((signatory) => [...proposerPeopleIn(sentenceTexts, signatory, LEADING_ROLES)])];
  return ownSpeakers(signatories.map((name) => name.toLowerCase()), proposerPost(signatories, LEADING_ROLES), people);
}

/**
 * Whether a speaker is one of `names` (lower-cased, "the" aside), holds a `post` at one ("An Anthropic spokesperson",
 * not a former one), or is one of the `people` named as theirs: the reading proposerSpeakers and signatoryVoices share.
 */
function ownSpeakers(names: readonly string[], post: RegExp | null, people: readonly string[]): (actor: string) => boolean {
  return (actor) => {
    const name = lowerActor(actor);
    return names.includes(name.replace(/^the /, '')) || (post !== null && post.test(name) && !NOT_STAFF.test(name))
      || people.some((person) => isSameSpeaker(person, actor));
  };
}

/** A speaker's name lower-cased, with its typographic apostrophes plain ("Anthropic’s" → "anthropic's"). */
function lowerActor(actor: string): string {
  return actor.toLowerCase().replace(/’/g, "'");
}

/**
 * Who speaks for the proposal in a text: a proposer by its name ("Anthropic", not "Anthropic's rivals" or "Critics
 * of Anthropic"), a post at one ("An Anthropic spokesperson"), the people the text names as a proposer's own (see
 * proposerPeopleIn), and a campaign named for the pause with its people (see pauseCampaignsIn).
 */
export function proposerSpeakers(sentenceTexts: readonly string[]): (actor: string) => boolean {
  const whole = sentenceTexts.join('\n');
  const lower = whole.toLowerCase();
  const named = NAMED_PROPOSERS.filter((proposer) => lower.includes(proposer));
  // the name as the text writes it ("Anthropic"), for patterns that read its capitals
  const surfaceOf = (proposer: string) => (lower.length === whole.length ? whole.substr(lower.indexOf(proposer), proposer.length) : proposer);
  const people = named.map(surfaceOf).flatMap((proposer) => [...proposerPeopleIn(sentenceTexts, proposer)]);
  const campaigners = pauseCampaignsIn(sentenceTexts);
  people.push(...campaigners.people);
  const isOwn = ownSpeakers(named, proposerPost(named), people);
  return (actor) => {
    const name = lowerActor(actor);
    // the campaign, or someone shown with it ("Jonas Brel of the Pause First Network")
    const isCampaign = campaigners.campaigns.some((campaign) => name === campaign || name === `the ${campaign}` || isOfCampaign(actor, campaign));
    return isOwn(actor) || isCampaign;
  };
}

/** Puts a voice among the others in the order of the text's sentences. */
function insertInTextOrder<T extends { sentence: number }>(voices: T[], voice: T): void {
  const at = voices.findIndex((other) => other.sentence > voice.sentence);
  voices.splice(at < 0 ? voices.length : at, 0, voice);
}

/** The first sentence on the topic that says the proposer made its proposal (see proposingBy), or -1. */
function proposingSentence(sentenceTexts: readonly string[], proposer: string, isTopical: (sentence: number) => boolean): number {
  const proposing = proposingBy(proposer);
  return sentenceTexts.findIndex((text, index) => {
    const match = isTopical(index) ? proposing.exec(text) : null;
    return match !== null && !NOT_PROPOSING_BEFORE.test(text.slice(0, match.index)) && !isProposalWithdrawn(text);
  });
}

/**
 * One voice per attributed statement, in text order. `sentenceTexts` are the text's sentences (title first),
 * used to find the proposer's name for "the proposal" and "the company".
 *
 * A headline ("Anthropic Urges Global Pause Over ...") attributes, but in the outlet's words: it gives a voice only to
 * a speaker the body does not quote, for whom it is the one report of what they said (a feed item's title over a
 * summary that quotes someone else). Where the body quotes the speaker, its statements are theirs and the headline,
 * a summary of them, is left out.
 */
export function collectVoices(
  statements: readonly AttributedStatement[], sentenceTexts: readonly string[], context: VoiceContext = {},
): Voice[] {
  const { readsCampExamples = true, topical = null, paragraphs = null } = context;
  const isTopical = (sentence: number) => topical === null || topical.has(sentence);
  const speaksForProposal = context.speaksForProposal ?? proposerSpeakers(sentenceTexts);
  const sides: SentenceSides = { backing: sentenceTexts.map(isBackingSentence), opposing: sentenceTexts.map(isOpposingSentence) };
  const backers = signatoriesIn(sentenceTexts, 'support', sides);
  // a name on both sides' lists is read for neither
  const opposers = signatoriesIn(sentenceTexts, 'oppose', sides).filter((opposer) => !backers.some((backer) => backer.name === opposer.name));
  const signatories = [...backers, ...opposers];
  const backsProposal = signatoryVoices(sentenceTexts, backers);
  const signatoriesAgainst = sides.opposing.includes(true) && !sides.backing.includes(true);
  const opposesProposal = signatoryVoices(sentenceTexts, opposers);
  const proposer = proposerNamedIn(sentenceTexts);
  const proposerFrom = proposer === null ? -1 : sentenceTexts.findIndex((text) => text.includes(proposer));
  // Whether someone in the text has a name for a surname ("Senator Ellen Harvey"), asked once a name.
  const surnames = new Map<string, boolean>();
  const isSurname = (name: string) => {
    let known = surnames.get(name);
    if (known === undefined) {
      const pattern = new RegExp(String.raw`\p{Lu}[\p{L}'’-]+ ${escapeRegExp(name)}\b`, 'u');
      known = sentenceTexts.some((text) => pattern.test(text));
      surnames.set(name, known);
    }
    return known;
  };
  // Camp sentences whose example has been quoted: only the first speaker after one is its example.
  const quotedAfterCamp = new Set<number>();
  const fullNames: string[] = [];
  const voices: (Voice & { value: number; isHeadline: boolean; sentence: number })[] = [];
  for (const statement of statements) {
    // each statement is matched against the speakers before it: past this many, a text is a list, not a report
    if (voices.length >= MAX_VOICES) break;
    let actor = resolveActor(statement.attribution.actor, proposer, proposerFrom >= 0 && proposerFrom <= statement.sentence);
    if (actor === null || statement.quote.length === 0) continue;
    // "Veridian AI said ... The company said ...": the company quoted just before, whether or not the text names the
    // proposer before it
    const previous = voices.at(-1)?.actor;
    if (isGenericOrganisation(statement.attribution.actor.trim()) && previous !== undefined && isCompanyName(previous)) actor = previous;
    if (statement.isHeadline && isHeadlineClause(actor)) continue;
    // "Sacks" after "David Sacks", "the researcher" after "a researcher at ...": the same speaker, first named.
    const firstNamed = earlierNameOf(actor, fullNames, voices.map((voice) => voice.actor), isSurname);
    if (firstNamed !== null) actor = firstNamed;
    // Names of several ("Vindman and Williams") are no one's full name: "Williams" later is one of them.
    else if (actor.includes(' ') && /^\p{Lu}/u.test(actor) && !/ and /u.test(actor) && !fullNames.includes(actor)) fullNames.push(actor);
    // "The signatories" of a text the article only says is against the pause are its critics, not its backers
    const role = signatoriesAgainst && SIGNATORIES_CAMP.test(actor) ? 'critic' : roleOfActor(actor);
    let stance = sideOf(statement.value, VOICE_SIDE_THRESHOLD);
    // A camp named by its role speaks for that camp when its words alone do not say ("Critics questioned ...").
    if (stance === 'neutral' && role === 'critic') stance = 'oppose';
    else if (stance === 'neutral' && role === 'backer') stance = 'support';
    // So does the first speaker an article quotes after a sentence that introduces the camp by what it says of the
    // proposal, as its example ("Critics were quick to question the company's motives. Marcus Feld ... said the plan
    // would 'freeze the current leaders in place'"), in the same paragraph, not set against it ("But ...") and not
    // leaning the other way. A passage's speakers are the learned layer's to read, with their words' own sense.
    else if (readsCampExamples && stance === 'neutral' && role === 'other') {
      const camp = statement.sentence - 1;
      const isSameParagraph = paragraphs === null || paragraphs[camp] === paragraphs[statement.sentence];
      const follows = camp >= 0 && !quotedAfterCamp.has(camp) && isTopical(camp) && isSameParagraph
        && !CONTRAST_OPENING.test(sentenceTexts[statement.sentence] ?? '');
      const side = follows ? campSide(sentenceTexts[camp] ?? '') : 0;
      if (side !== 0 && side * statement.value >= 0) {
        stance = side > 0 ? 'support' : 'oppose';
        quotedAfterCamp.add(camp);
      }
    }
    // The proposer, and the people the text names as its own, speak for their proposal: whatever they say of it on
    // topic (a caveat, "we expect to be criticized", how it would work) is said for it, unless they reject it outright.
    // Off topic ("its revenue doubled") they take no side, and only an outright rejection opposes.
    // A proposal its sentence says was withdrawn is no longer spoken for, whatever call it names ("backed away from its
    // call for a verified pause").
    const isProposerVoice = speaksForProposal(actor);
    if (isProposerVoice && isProposalWithdrawn(sentenceTexts[statement.sentence] ?? '')) {
      stance = statement.value <= -PROPOSER_OPPOSE_THRESHOLD ? 'oppose' : 'neutral';
    } else if (isProposerVoice && role !== 'critic') {
      const isOutright = statement.value <= -PROPOSER_OPPOSE_THRESHOLD;
      stance = isOutright ? 'oppose' : isTopical(statement.sentence) ? 'support' : stance === 'oppose' ? 'neutral' : stance;
    } else if (stance === 'neutral' && statement.value >= 0 && role !== 'critic' && isTopical(statement.sentence) && !UNDECIDED.test(statement.quote)
      && backsProposal(actor)) {
      // A signatory of a statement backing a pause, and its leaders, speak for what they signed (see signatoryVoices),
      // unless they say they have not decided ("too early to say whether a pause was needed").
      stance = 'support';
    } else if (stance === 'neutral' && statement.value <= 0 && role !== 'backer' && isTopical(statement.sentence) && !UNDECIDED.test(statement.quote)
      && opposesProposal(actor)) {
      // and so do those of a letter against it
      stance = 'oppose';
    }
    const key = actor.toLowerCase();
    const earlier = voices.find((voice) => voice.actor.toLowerCase() === key && isSameStatement(voice.quote, statement.quote));
    if (earlier) {
      if (statement.quote.length > earlier.quote.length) earlier.quote = statement.quote;
      if (earlier.stance === 'neutral' || Math.abs(statement.value) > Math.abs(earlier.value)) {
        if (stance !== 'neutral') earlier.stance = stance;
        earlier.value = statement.value;
      }
      continue;
    }
    voices.push({ actor, stance, quote: statement.quote, value: statement.value, isHeadline: statement.isHeadline, sentence: statement.sentence });
  }
  // The list read as one speaker in its own sentence ("signed by NetChoice and TechNet") is its signatories, each.
  for (let i = signatories.length === 0 ? -1 : voices.length - 1; i >= 0; i--) {
    const listed = signatories.filter((signatory) => signatory.sentence === voices[i]!.sentence);
    if (listed.length === 0) continue;
    const parts = [...`${voices[i]!.actor}.`.matchAll(SIGNER_NAMES)].map((part) => part[0]);
    // (a name of its own with "and" in it, "Ernst and Young", "the Bill and Melinda Gates Foundation", is one speaker:
    // each part a name of several words, one in capitals inside or the proposer's)
    const isListOfNames = parts.every((part) => /\s|\p{Ll}\p{Lu}|^\p{Lu}{2,}$/u.test(part.replace(/^the /u, '')) || NAMED_PROPOSERS.includes(part.toLowerCase()));
    if (parts.length > 1 && isListOfNames && parts.every((part) => listed.some((signatory) => isSameSpeaker(part, signatory.name)))) voices.splice(i, 1);
  }
  // A signatory the text quotes nowhere ("The signatories — Anthropic, Google DeepMind, Veridian AI and Kestrel Labs —
  // said in the statement ...") takes its statement's side by its signature: a voice of its own, the list its
  // evidence, in the list's place in the text.
  for (const signatory of signatories) {
    // a name the list's own sentence gave cut is the list's ("the Department" of "the Department for Science,
    // Innovation and Technology")
    for (const voice of voices) {
      if (voice.sentence === signatory.sentence && isCutName(voice.actor, signatory.name)) voice.actor = signatory.name;
    }
    const own = voices.filter((voice) => isSameSpeaker(voice.actor, signatory.name));
    // a voice the list's own sentence gave it ("The statement was signed by Anthropic, ...") is its signature's, also
    // where signing read as backing the pause ("A, B and C signed a letter on Monday. It urges Congress to reject the
    // pause."); not one with words of its own ("..., although Kestrel Labs said it still supports a verified pause")
    for (const voice of own) {
      if (voice.sentence === signatory.sentence && (voice.stance === 'neutral' || SIGNING_ONLY.test(voice.quote))) voice.stance = signatory.side;
    }
    if (voices.length >= MAX_VOICES || own.length > 0) continue;
    insertInTextOrder(voices, { actor: signatory.name, stance: signatory.side, quote: sentenceTexts[signatory.sentence]!.trim(), value: 0, isHeadline: false, sentence: signatory.sentence });
  }
  // Who signed a text its own sentence says is against the pause opposes it, whatever a call word in that sentence
  // read ("Industry groups signed a letter calling for the proposed pause to be scrapped").
  for (const voice of voices) {
    if (SIGNING_ONLY.test(voice.quote) && sides.opposing[voice.sentence] === true) voice.stance = 'oppose';
  }
  // The proposer, named in a sentence on the topic as making its proposal but quoted nowhere ("Anthropic on Monday
  // proposed a verified pause"), speaks for it: a voice of its own, that sentence its evidence. A voice named by it
  // already ("Anthropic last week" too) is that voice; its spokesperson's is another.
  if (proposer !== null && voices.length < MAX_VOICES
    && !voices.some((voice) => isSameSpeaker(voice.actor, proposer) || lowerActor(voice.actor).startsWith(`${proposer.toLowerCase()} `))) {
    const at = proposingSentence(sentenceTexts, proposer, isTopical);
    if (at >= 0) insertInTextOrder(voices, { actor: proposer, stance: 'support', quote: sentenceTexts[at]!.trim(), value: 0, isHeadline: false, sentence: at });
  }
  // A campaign named for the pause ("the Pause Now coalition") backs it by its name: named in the lede, in a sentence
  // on the topic ("a week of protests organised by the Pause Now coalition"), the news is its act, and given no side
  // it is a voice for the pause, that sentence its evidence; not one named in passing further on ("campaigners from the
  // Pause Now coalition held a vigil outside").
  // (The lede is the title and the body's first two blocks, by their order, as a paragraph's number counts blank lines
  // too; a text of one block, by its first sentences.)
  const campaigns = pauseCampaignsNamed(sentenceTexts, isTopical);
  const blocks = paragraphs === null || campaigns.length === 0 ? [] : [...new Set(paragraphs)];
  const isLede = (sentence: number) => (blocks.length <= 2 ? sentence : blocks.indexOf(paragraphs![sentence]!)) <= LEDE_END;
  for (const { name, sentence } of campaigns) {
    if (voices.length >= MAX_VOICES) break;
    if (!isLede(sentence)) continue;
    // one with a side already, by its name or its group's word ("The coalition said it was disappointed")
    const groupWord = `the ${name.split(' ').at(-1)!.toLowerCase()}`;
    const isCampaign = (actor: string) => isSameSpeaker(actor, name) || actor.toLowerCase() === groupWord;
    if (voices.some((voice) => voice.stance !== 'neutral' && speaksForProposal(voice.actor) && isCampaign(voice.actor))) continue;
    // nor one whose speaker the same sentence names by it ("PauseAI CEO Joep Meindertsma said ...", "PauseAI founder
    // Joep Meindertsma said", "Joep Meindertsma, PauseAI's founder, said")
    const text = sentenceTexts[sentence]!;
    const isNamedBy = (actor: string) => actor.includes(name) || isPostAt(text, name, actor);
    if (voices.some((voice) => voice.sentence === sentence && voice.stance !== 'neutral' && isNamedBy(voice.actor))) continue;
    insertInTextOrder(voices, { actor: name, stance: 'support', quote: sentenceTexts[sentence]!.trim(), value: 0, isHeadline: false, sentence });
  }
  const bodyActors = voices.filter((voice) => !voice.isHeadline).map((voice) => voice.actor);
  return voices
    .filter((voice) => !voice.isHeadline || !bodyActors.some((actor) => isSameSpeaker(actor, voice.actor) || describes(voice.actor, actor, sentenceTexts)))
    .map(({ actor, stance, quote }) => ({ actor, stance, quote }));
}
