/**
 * The pause-proposal scorer: relevance to the proposal that leading labs coordinate a verified pause or
 * slowdown of frontier AI development, the position a text advances on it, and the voices it reports.
 *
 * Label convention: a passage's label is the position it advances as a whole — its own voice where it has one;
 * where it relays only one side at length, without counterpoint, that side; where it relays both sides, or
 * only reports that the proposal exists (including the proposer's own case for it), neutral.
 */

import type {
  Evidence, RelevanceResult, ScorableText, ScoreResult, StanceLabel, StanceOptions, StanceResult, TopicDefinition, Voice,
} from '../model/index.ts';
import { judgeLanguage } from '../model/language.ts';
import { findCueHits, type CueHit } from './clause-polarity.ts';
import { authorOf, withAuthorVoice } from './author-voice.ts';
import {
  advocacyValue, collectVoices, holdsClaim, isCompanyName, isGenericOrganisation, isHeadingLine, proposerSpeakers, quotedPartEnd,
  tidyQuote, VOICE_SIDE_THRESHOLD, type AttributedStatement,
} from './collect-voices.ts';
import {
  closesSingleQuote, dissentsFromDescription, findAttributions, leavesSingleQuoteOpen, namedPersons, statementRanges, subjectPersonNamed,
  type Attribution,
} from './find-attributions.ts';
import { createOtherLanguageRelevance } from './other-languages.ts';
import { ANSWER_NO, ANSWER_YES, PROPOSER_ACTORS } from './pause-lexicon.ts';
import { combineRelevance, scoreSentenceRelevance, SHORT_TEXT_SENTENCES, type AnalysedSentence } from './relevance.ts';
import { digestScorerSettings } from './scorer-settings-digest.ts';
import { createSentenceMatcher, type SentenceMatches } from './sentence-matches.ts';
import { MAX_SENTENCE_CHARS, splitSentences } from './split-sentences.ts';
import { decideWithRules, predictRelevance, predictStance } from './stance-model.ts';
import { tokenize } from './tokenize.ts';

export { VOICE_SIDE_THRESHOLD };

/**
 * The scorer's own version, changed whenever its behaviour does. A scorer reports it with a digest of its settings
 * (`pause-proposal@2.3.0+t3f9a1c0`), since the same code with other topic terms computes something else.
 */
export const PAUSE_PROPOSAL_SCORER_VERSION = 'pause-proposal@2.5.159';

// The article's own voice takes a side when its net polarity reaches this and is not balanced out.
const OWN_VOICE_THRESHOLD = 0.45;
// Long texts need proportionally more: one evaluative word in a 40-sentence report is not a position.
const OWN_VOICE_PER_TOPICAL_SENTENCE = 0.06;
// Share of the net polarity in all polarity (|net| / mass) below which the own voice is balanced.
const OWN_VOICE_DOMINANCE = 0.3;
// Share of the topical sentences that must carry one side's voices for the passage to take that side.
const RELAYED_AT_LENGTH_SHARE = 0.5;
// Each debate-reporting frame ("supporters say ... opponents say", "a survey found") raises the own-voice bar.
const NEUTRAL_FRAME_PENALTY = 0.35;
const MAX_EVIDENCE = 6;
// How many sentences either side of one on the topic a voice is read as on it (see collectVoices).
const TOPIC_REACH = 2;
// A pronoun that cannot stand for the last speaker looks back over at most this many before it.
const MAX_EARLIER_ACTORS = 3;
const REBUTTED_VOICE_WEIGHT = 0.8;
const LONG_TEXT_RISK_WEIGHT = 0.4;

// A passage's last sentence usually carries its verdict ("Do it anyway.", "Draw your own conclusions.").
const CLOSING_SENTENCE_WEIGHT = 1.4;
const PAST_OPINION_WEIGHT = 0.3;

const proposerActors = PROPOSER_ACTORS.map((name) => name.toLowerCase());

/** A speaker of a sentence with the polarity of the cues in what they state. */
export interface SentenceVoice {
  attribution: Attribution;
  value: number;
  /** The side is the one of the relative clause that describes the speaker (Attribution.description). */
  isDescribed?: true;
}

export interface SentenceAnalysis extends AnalysedSentence {
  relevance: number;
  /** A proposal word here was read as another sense ("slowdown in rate hikes", "pause button"). */
  readsOtherSense: boolean;
  /** Weight of the sentence's polarity in the article: sentences far from the topic count less. */
  topicalWeight: number;
  ownValue: number;
  ownMass: number;
  voices: SentenceVoice[];
  neutralFrames: number;
  hits: CueHit[];
  isSarcastic: boolean;
}

/** The paragraph number a title's sentence carries: it comes before the body's paragraphs (0, 1, ...). */
export const TITLE_PARAGRAPH = -1;

/**
 * Whether sentences[index] closes a body of more than one sentence: the sentence that usually carries a passage's
 * verdict. A title is not part of the body: with it counted, the one sentence of a titled page ("Opinion" over
 * "Critics said the pause is a marketing ploy.") was read as the verdict closing an argument, and scored apart
 * from the same sentence in a text file.
 */
export function closesBody(sentences: readonly Pick<AnalysedSentence, 'paragraph'>[], index: number): boolean {
  if (index !== sentences.length - 1 || sentences[index]!.paragraph === TITLE_PARAGRAPH) return false;
  let bodySentences = 0;
  for (const sentence of sentences) if (sentence.paragraph !== TITLE_PARAGRAPH) bodySentences++;
  return bodySentences > 1;
}

/** "Interview with Hannah Dorsey, a former regulator." names who answers in a Q/A text. */
function findInterviewee(sentences: readonly AnalysedSentence[]): string | null {
  for (const sentence of sentences.slice(0, 2)) {
    const match = /^Interview with ((?:(?:Dr|Mr|Mrs|Ms|Prof)\.\s+)?[^,.:;]+)/i.exec(sentence.text);
    if (match) return match[1]!.trim();
  }
  return null;
}

/**
 * Who goes on speaking after this sentence: the speaker of a transcript turn ("NAME: ...") or of a quote the
 * sentence opens and leaves open, until a question, another speaker or a new paragraph.
 */
interface ContinuingSpeaker {
  actor: string;
  paragraph: number;
  kind: 'turn' | 'quote';
  /** The quotation mark of a quote: a single one is closed by a sentence that closes one ("... gives up.'"). */
  mark?: '"' | "'";
}

/**
 * True when a sentence closes a double-quoted quotation the sentence before left open ('"... We fixed it and flew,"
 * he said.'): its first mark closes, and what follows it is the frame, not the quotation.
 */
function closesOpenQuote(sentence: AnalysedSentence, current: ContinuingSpeaker | null, quoteMarks: number): boolean {
  if (current?.kind !== 'quote' || current.mark !== '"' || current.paragraph !== sentence.paragraph) return false;
  return quoteMarks % 2 === 1;
}

/** '...," she said': the speaker after a sentence's first quote mark is a pronoun. */
function pronounAfterQuote(sentence: AnalysedSentence): boolean {
  const mark = sentence.tokens.findIndex((token) => token.word === '"');
  const next = sentence.tokens[mark + 1]?.word === ',' ? mark + 2 : mark + 1;
  return mark >= 0 && /^(she|he|they|we|i)$/.test(sentence.tokens[next]?.word ?? '');
}

function quoteMarksIn(sentence: AnalysedSentence): number {
  let marks = 0;
  for (const token of sentence.tokens) if (token.word === '"') marks++;
  return marks;
}

function nextContinuingSpeaker(
  sentence: AnalysedSentence, attributions: readonly Attribution[], current: ContinuingSpeaker | null, quoteMarks: number,
): ContinuingSpeaker | null {
  const last = attributions.at(-1);
  // Most sentences of an article neither speak nor continue a speaker: nothing to count.
  if (last === undefined && current === null) return null;
  const tokens = sentence.tokens;
  if (tokens[0]?.word === 'q' && tokens[1]?.word === ':') return null;
  const colon = tokens.findIndex((token) => token.word === ':');
  if (current !== null && current.paragraph === sentence.paragraph && last?.actor === current.actor && last.isResolved) {
    // A continued sentence: a turn goes on; a quote goes on until a sentence closes it.
    const isClosed = current.mark === "'" ? closesSingleQuote(sentence.text) : quoteMarks % 2 === 1;
    return current.kind === 'quote' && isClosed ? null : current;
  }
  if (last === undefined) return null;
  const isTurn = colon > 0 && colon <= 6 && last.ranges.some(([from]) => from <= colon + 1);
  if (isTurn) return { actor: last.actor, paragraph: sentence.paragraph, kind: 'turn' };
  // A sentence that closes the quotation left open before it leaves one open only with another opening mark.
  const isLeftOpen = (quoteMarks + (closesOpenQuote(sentence, current, quoteMarks) ? 1 : 0)) % 2 === 1;
  if (isLeftOpen) return { actor: last.actor, paragraph: sentence.paragraph, kind: 'quote', mark: '"' };
  if (leavesSingleQuoteOpen(sentence.text)) return { actor: last.actor, paragraph: sentence.paragraph, kind: 'quote', mark: "'" };
  return null;
}

/**
 * Whether a sentence reports a poll: a poll's words with a share ("The poll found 54 percent of U.S. adults support a
 * pause") or with the public's support or opposition as a noun ("Support for AI pause slips as debate turns partisan,
 * poll shows"), or a share of a group said to back or oppose ("61 percent of Americans support a verified pause").
 */
function reportsPoll(text: string): boolean {
  const hasShare = /\d\s*(?:%|percent\b|per cent\b)/i.test(text);
  const isPoll = /\b(?:polls?|polling|surveys?|surveyed|respondents|pollsters?)\b/i.test(text);
  if (isPoll) return hasShare || /\b(?:support for|opposition to|backing for)\b/i.test(text);
  return hasShare && /\b\d+(?:\.\d+)?\s*(?:%|percent|per cent) of [\p{L} .-]{1,40}? (?:supports?|oppose[sd]?|backs?|backed|favou?rs?)\b/iu.test(text);
}

/**
 * A sentence counted as the writer's own given to the speaker who said it from token `from` on (after a dateline,
 * which weighs nothing): its cues are theirs.
 */
function giveToSpeaker(analysis: SentenceAnalysis, actor: string, from: number): void {
  const value = analysis.hits.reduce((sum, hit) => sum + (hit.from >= from ? hit.value : 0), 0);
  analysis.voices = [{ attribution: { actor, ranges: [[from, analysis.tokens.length]], isResolved: true }, value }];
  analysis.ownValue = 0;
  analysis.ownMass = 0;
}

/**
 * A closer that relays another's words, or reads them out, after the quote's closing mark: '"...," Lopez said critics
 * had told her', '..., Baker said, reading from the statement his rivals had signed', '..., she said, quoting ...'.
 */
const RELAYED_QUOTE = /\b(?:quoting|reading (?:aloud )?from|summing up|paraphrasing|(?<!\bwho )(?:had|have|has) (?:told|warned|said|argued))\b|\bbefore (?:rejecting|dismissing|calling)\b/iu;
/**
 * A wire dateline before a quote's opening mark: "WASHINGTON (Reuters) — ", "LONDON, Dec 7 (Reuters) - "; or a live
 * blog's time stamp: "10:11 a.m. - ", "14:05 GMT — ".
 */
const DATELINE = /^(?:\p{Lu}[\p{Lu} .,'’-]*(?:,[^"“()]{0,20})?(?: \([^)]{1,30}\))?|\d{1,2}[:.]\d{2}(?: ?[ap]\.?m\.?)?(?: [A-Z]{2,4})?)\s*[—–-]{1,2}\s*$/u;

/** Where the quote that opens a sentence begins: its first token, or after a wire dateline; -1 if it opens later. */
function quoteOpeningAt(sentence: SentenceAnalysis): number {
  if (sentence.tokens[0]?.word === '"') return 0;
  const mark = sentence.tokens.findIndex((token) => token.word === '"');
  if (mark <= 0) return -1;
  return DATELINE.test(sentence.text.slice(0, sentence.tokens[mark]!.start)) ? mark : -1;
}

/** Texts a description before a name may be of, whose name is a title ("a new report, Pause Ready"). */
const DESCRIBED_TEXTS = 'report|study|paper|letter|statement|book|film|documentary|survey|poll|article|essay|memo|bill|analysis|review|document|podcast|show|series';
/** A speaker's name, capitalised words with a title's dot ("Sen. Maria Lopez"). */
const QUOTED_NAME = String.raw`\p{Lu}[\p{L}'’-]*(?:\.? \p{Lu}[\p{L}'’-]*){0,4}`;
/**
 * Before a name: a description it is set off from, its last word a person's ("the senator, Maria Lopez", "the former
 * Google engineer, Blake Lemoine"), maybe with the place they are from or sit for ("the senator from New Mexico, Maria
 * Lopez", "from Portland, Oregon, Maria Lopez", "the MP for Bristol West, Jane Smith"; a name of two words after it,
 * so not "the student from Lagos, Nigeria"); not one with another preposition, whose name may be its object's ("the
 * critics of the senator, Maria Lopez", "the lawyer for the founder, Ada Marchetti"), nor a document's title ("a new
 * report, Pause Ready").
 */
const BEFORE_NAME = String.raw`(?:(?:the|a|an) (?:(?!(?:of|for|to|by|from|with|at|in|on) )[\p{L}\d'’-]+ ){0,4}(?!(?:${DESCRIBED_TEXTS})\b)(?:\p{Ll}[\p{L}'’-]*|M[ES]?P)(?: (?:from|for) (?:\p{Lu}[\p{L}'’-]* ?){1,3}(?:, \p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*)?)?(?=, \p{Lu}[\p{L}'’-]*\.? \p{Lu}))?, )?`;
/** After a name: a party tag ("(D-N.M.)"), a description set off by commas (", chief executive of Kestrel Labs,"). */
const AFTER_NAME = String.raw`(?: \([^)]{1,12}\))?(?:, [^,;.]{1,60}(?:,|(?=\.?$)))?`;
/** The sentence's end, after adverbials only ("on Tuesday", "at the hearing", "too"): no clause of another's words. */
const ADVERBIALS_TO_END = String.raw`(?:,? (?:too|again|then|later|earlier|yesterday|today|(?:last|this) \p{L}+|\p{Lu}\p{Ll}+day|(?:on|at|in|during|before|after|over) [^.;,!?]+))*[.!]?$`;
/** Whom a speaker told: "the committee", "the Senate Commerce Committee", "reporters", "clients", "Politico". */
const TOLD_WHOM = String.raw`(?: (?:the|a|an|her|his|their|its|our) [\p{L}-]+(?: [\p{L}-]+){0,2}| (?:reporters|lawmakers|senators|journalists|colleagues|clients|investors|readers|staff|employees|supporters|us|me|them)| \p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+){0,2})?`;
const SAYING_VERBS = '(?:had |has )?(?:told|tells|said|says|wrote|writes|argued|argues|warned|warns|testified|put it|puts it|meant|means)';
/**
 * A sentence naming who said the quote before it, and saying no more: "That is what Senator Maria Lopez told the
 * committee on Tuesday", "That's how Ada Marchetti, chief executive of Kestrel Labs, put it", "Those were the words of
 * Ted Cruz at the hearing", "So said Ada Marchetti", "So said the senator, Maria Lopez". Not what someone wants ("That
 * is what China wants"), another's words they report ("what Lopez says critics have been arguing"), a possessive's
 * ("the words of Ted Cruz's critics").
 */
const SAID_BEFORE = [
  new RegExp(String.raw`^(?:That|This|Those|These)(?: is| was| are| were|['’]s) (?:what|how) ${BEFORE_NAME}(${QUOTED_NAME})${AFTER_NAME},? (?:${SAYING_VERBS})${TOLD_WHOM}${ADVERBIALS_TO_END}`, 'u'),
  new RegExp(String.raw`^(?:That|This|Those|These)(?:, too,)?(?: is| was| are| were|['’]s)(?: also| too| precisely| exactly| largely| broadly| essentially| roughly)? the (?:words?|view|views|position|message|warning|verdict) (?:of|from) ${BEFORE_NAME}(${QUOTED_NAME})${AFTER_NAME}${ADVERBIALS_TO_END}`, 'u'),
  new RegExp(String.raw`^So (?:said|says|argued|argues|warned|warns) ${BEFORE_NAME}(${QUOTED_NAME})${AFTER_NAME}${ADVERBIALS_TO_END}`, 'u'),
];

/** The speaker a sentence names as having said the quote before it (see SAID_BEFORE), or undefined. */
function speakerOfQuoteBefore(text: string): string | undefined {
  const name = SAID_BEFORE.map((pattern) => pattern.exec(text.trim())?.[1]).find((found) => found !== undefined);
  return name === undefined || /['’]s$/u.test(name) ? undefined : name;
}

/** The most sentences of a quote given to the speaker a sentence after it names. */
const MAX_QUOTE_SENTENCES = 5;

/**
 * The quote that ends right before sentence `index`, from the sentence its mark opens (after a dateline at most), up
 * to five sentences that no one had said, given to `actor`.
 */
function giveQuoteBefore(analyses: readonly SentenceAnalysis[], index: number, actor: string): void {
  if (analyses[index - 1]?.tokens.at(-1)?.word !== '"') return;
  let marks = 0;
  for (let k = index - 1; k >= Math.max(0, index - MAX_QUOTE_SENTENCES); k--) {
    const analysis = analyses[k]!;
    if (analysis.voices.length > 0) return;
    marks += quoteMarksIn(analysis);
    const opening = quoteOpeningAt(analysis);
    if (opening >= 0 && marks === 2) {
      for (const [at, unsaid] of analyses.slice(k, index).entries()) giveToSpeaker(unsaid, actor, at === 0 ? opening : 0);
      return;
    }
    if (marks >= 2) return;
  }
}

/** "your columnist", "your editorial": a voice a letter writer addresses in order to answer it. */
function isAddressedVoice(actor: string): boolean {
  return /^your\b/i.test(actor);
}

export function isProposer(actor: string): boolean {
  const lower = actor.toLowerCase();
  // Generic descriptions ("the company") name the proposer only as a whole; names may be part of a longer
  // surface form ("Anthropic's leadership").
  return proposerActors.some((name) => lower === name || (!name.startsWith('the ') && lower.includes(name)));
}

/** The proposer, by name or description, or one a text shows speaking for it (`speaksForProposal`, proposerSpeakers). */
function speaksAsProposer(actor: string, speaksForProposal: (actor: string) => boolean): boolean {
  return isProposer(actor) || speaksForProposal(actor);
}

export function sideOf(value: number, threshold: number): StanceLabel {
  if (value >= threshold) return 'support';
  if (value <= -threshold) return 'oppose';
  return 'neutral';
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function isInsideRanges(ranges: readonly [number, number][], from: number, to: number): boolean {
  return ranges.some(([start, end]) => from >= start && to <= end);
}

/**
 * The words a voice is quoted with: the parts of its statement (`ranges`) that hold a claim (see holdsClaim), so "argued." or
 * "said in a statement." is no quote; '' when none does, and then there is no voice to show.
 */
function voiceQuote(sentence: SentenceAnalysis, ranges: readonly [number, number][]): string {
  const parts = ranges
    .map(([from, to]): [number, number] => [from, quotedPartEnd(sentence.tokens, from, to)])
    .filter(([from, to]) => holdsClaim(sentence.tokens, from, to) || sentence.hits.some((hit) => hit.from >= from && hit.to <= to))
    .map(([from, to]) => tidyQuote(sentence.text.slice(sentence.tokens[from]!.start, closingSingleQuoteEnd(sentence.text, sentence.tokens[from]!.start, sentence.tokens[to - 1]!.end))));
  return parts.filter((part) => part.length > 0).join(' … ');
}

/**
 * Where a part from `start` to `end` ends once the mark closing its single-quoted words is taken in: single
 * quotation marks are no tokens, nor is the stop before one ("now.'"), so a part that opens such a quote would
 * otherwise lose its end.
 */
function closingSingleQuoteEnd(text: string, start: number, end: number): number {
  if (!/(?:^|[\s(\[—–:])['‘]\p{L}/u.test(text.slice(start, end))) return end;
  const closing = /^[.!?…]?['’](?![\p{L}\p{N}])/u.exec(text.slice(end, end + 2));
  return closing ? end + closing[0].length : end;
}

/** Everything the scorer reads off a passage; the learned layer's features come from here. */
export interface PassageAnalysis {
  relevance: RelevanceResult;
  sentences: SentenceAnalysis[];
  voices: Voice[];
  /** The rule-based verdict; null when the passage is off-topic. */
  ruleStance: StanceResult | null;
  /** The rules' side is the text's own words' (an op-ed's), not its speakers' relayed at length. */
  isOwnVoiceSide: boolean;
  /** Who speaks for the proposal in the text (proposerSpeakers). */
  speaksForProposal: (actor: string) => boolean;
  isShortText: boolean;
  /** A passage, not a whole article: the learned layers read it (see LEARNED_MAX_SENTENCES). */
  isPassage: boolean;
  /** The text has a headline of its own (a feed item, an article), not an excerpt cut from coverage. */
  hasTitle: boolean;
}

/**
 * Texts of up to this many sentences (title included) are passages — a post, a letter, a paragraph, a feed
 * snippet — and are labelled by the learned layers; longer ones are articles, labelled by the rules, which keep a
 * report with quoted voices from both camps neutral.
 */
export const LEARNED_MAX_SENTENCES = 10;

/**
 * The most of a text that is scored: some 30,000 words, beyond the longest feature. A page of megabytes (a hostile
 * one, or a whole archive on one page) is scored on its opening, in time bounded like any article's.
 */
export const MAX_SCORED_CHARS = 200_000;

export function createPassageAnalyser(topic: TopicDefinition, options: StanceOptions) {
  const matchSentence = createSentenceMatcher(topic);
  const threshold = options.relevanceThreshold;

  function analyse(input: ScorableText) {
    const analyseSentence = (text: string, paragraph: number): AnalysedSentence => {
      const tokens = tokenize(text);
      return { text, tokens, paragraph, matches: matchSentence(tokens) };
    };
    const scored = input.text.length > MAX_SCORED_CHARS ? input.text.slice(0, MAX_SCORED_CHARS) : input.text;
    const sentences = splitSentences(scored).map((sentence) => analyseSentence(sentence.text, sentence.paragraph));
    const titleText = (input.title ?? '').slice(0, MAX_SENTENCE_CHARS).trim();
    const title = titleText.length > 0 ? analyseSentence(titleText, TITLE_PARAGRAPH) : null;
    const relevanceScores = scoreSentenceRelevance(sentences, title);
    const all = title ? [title, ...sentences] : sentences;
    return { all, relevanceScores, hasTitle: title !== null };
  }

  /**
   * `analyseOffTopic` analyses stance even when the passage is off-topic (training reads every labelled
   * passage). Short passages are always analysed: the learned relevance layer reads their analysis.
   */
  return function analysePassage(input: ScorableText, { analyseOffTopic = false } = {}): PassageAnalysis {
    const { all, relevanceScores, hasTitle } = analyse(input);
    const isPassage = all.length <= LEARNED_MAX_SENTENCES;
    const combined = combineRelevance(relevanceScores, all.map((s) => s.text), threshold);
    // Outside the domain a text is off topic whatever its words of pausing: at most half the threshold.
    const relevance = isWithinDomain(all, hasTitle, isPassage) ? combined : { ...combined, score: Math.min(combined.score, round(threshold / 2)), relevant: false };
    if (!relevance.relevant && !analyseOffTopic && !isPassage) {
      return { relevance, sentences: [], voices: [], ruleStance: null, isOwnVoiceSide: false, speaksForProposal: () => false, isShortText: false, isPassage, hasTitle };
    }

    const isShortText = all.length <= SHORT_TEXT_SENTENCES;
    // Sarcasm is a property of a paragraph: "Sure, let's stop. Brilliant." spans sentences.
    const sarcasticParagraphs = new Set<number>();
    for (const sentence of all) if (sentence.matches.hasSarcasm) sarcasticParagraphs.add(sentence.paragraph);

    const analyses: SentenceAnalysis[] = [];
    let previousActor: string | null = null;
    let previousActorAge = 0;
    // Speakers before previousActor, and the people the text has named, for the pronouns that disagree with it.
    let earlierActors: string[] = [];
    const persons = new Set(all.flatMap((sentence) => namedPersons(sentence.text, sentence.tokens)));
    const interview = findInterviewee(all);
    let isInAnswer = false;
    let questionValue = 0;
    let continuingSpeaker: ContinuingSpeaker | null = null;
    const pronounsOf = new Map<string, string>();
    // The paragraph whose double quote the sentence before left open, or null, and the sentence that opened it.
    let quoteOpenIn: number | null = null;
    let quoteOpenedAt = -1;
    for (const [index, sentence] of all.entries()) {
      const ownRelevance = relevanceScores[index]!.score;
      const nearRelevance = Math.max(ownRelevance, 0.8 * (relevanceScores[index - 1]?.score ?? 0), 0.8 * (relevanceScores[index + 1]?.score ?? 0));
      let topicalWeight = isShortText ? 1 : 0.3 + 0.7 * nearRelevance;
      if (isShortText && closesBody(all, index)) topicalWeight *= CLOSING_SENTENCE_WEIGHT;
      if (sentence.matches.hasPastOpinion) topicalWeight *= PAST_OPINION_WEIGHT;
      // a sentence the next one answers ("... is right that X. But ...") grants what it says
      const next = all[index + 1];
      const isAnswered = next !== undefined && next.paragraph === sentence.paragraph && /^(but|however|yet)$/.test(next.tokens[0]?.word ?? '');
      const hits = findCueHits(sentence.tokens, sentence.matches.cues, sarcasticParagraphs.has(sentence.paragraph), isAnswered);
      const first = sentence.tokens[0]?.word;
      const quoteMarks = quoteMarksIn(sentence);
      if (sentence.tokens[1]?.word === ':' && (first === 'q' || first === 'a')) isInAnswer = first === 'a';
      const previous = all[index - 1];
      const heading = previous && previous.tokens.length <= 4 && !/[.!?]$/.test(previous.text) ? previous.text : null;
      let attributions: Attribution[];
      if (interview !== null && isInAnswer) {
        // In a Q/A interview, every sentence of an answer is the interviewee's.
        attributions = [{ actor: interview, ranges: [[first === 'a' ? 2 : 0, sentence.tokens.length]], isResolved: true }];
      } else {
        const turn = continuingSpeaker;
        const isTurnQuote = closesOpenQuote(sentence, turn, quoteMarks);
        // '"Last week, governments agreed ... verifiable. We think ... is to try," Veridian chief executive Tomas
        // Reyland said': a quote opened in the sentence before, with no speaker there, closes in this one.
        const closesUnsaidQuote = !isTurnQuote && quoteOpenIn === sentence.paragraph && first !== '"' && quoteMarks % 2 === 1;
        // the person the sentence before this one, or before the quote it closes, names as its subject
        const introducing = closesUnsaidQuote && quoteOpenedAt > 0 ? all[quoteOpenedAt - 1] : previous;
        const namedBefore = () => (introducing === undefined ? null : subjectPersonNamed(introducing.text, introducing.tokens, persons));
        // '...," she said, as Senator X, who ...': with no one before for "she", the quote is no one's the words name
        const isUnresolvedCloser = closesUnsaidQuote && previousActor === null && pronounAfterQuote(sentence) && namedBefore() === null;
        attributions = findAttributions(sentence.text, sentence.tokens, {
          previousActor, earlierActors, persons, heading, opensInsideQuote: isTurnQuote || (closesUnsaidQuote && !isUnresolvedCloser), namedBefore,
          pronounsOf,
        });
        for (const attribution of attributions) if (attribution.pronoun !== undefined) pronounsOf.set(attribution.actor, attribution.pronoun);
        if (attributions.length === 0 && turn !== null && turn.paragraph === sentence.paragraph && first !== 'q') {
          // The rest of a transcript turn ("NAME: Not split. Against. ...") or of a quote left open in the
          // sentence before is the same speaker's.
          attributions = [{ actor: turn.actor, ranges: [[0, sentence.tokens.length]], isResolved: true }];
        }
        // The speaker named right after a quote ('..., Tomas Reyland said', not '..., she told Senator X') said its
        // earlier sentences too, which had been given to the speaker before as a quote that continues.
        const closer = attributions[0];
        const speaksAfterQuote = (isTurnQuote || closesUnsaidQuote) && closer !== undefined && closer.ranges.some(([from]) => from === 0);
        if (speaksAfterQuote && !closer.isResolved && quoteOpenedAt >= 0) {
          for (const { voices: continued } of analyses.slice(quoteOpenedAt)) {
            if (continued.length === 1 && continued[0]!.attribution.isResolved) continued[0]!.attribution = { ...continued[0]!.attribution, actor: closer.actor };
          }
        }
        // '"A verified pause is overdue. We have waited long enough," Lopez said': the quote's sentences that no one
        // before it said, from one opening with its mark (after a dateline at most), are the speaker's named or meant
        // right after it, not the writer's own, unless that speaker relays another's words.
        if (speaksAfterQuote && quoteOpenedAt >= 0
          && !RELAYED_QUOTE.test(sentence.text.slice(Math.max(sentence.text.lastIndexOf('"'), sentence.text.lastIndexOf('”')) + 1))) {
          const opening = quoteOpeningAt(analyses[quoteOpenedAt]!);
          if (opening >= 0) {
            for (const [at, unsaid] of analyses.slice(quoteOpenedAt).entries()) {
              if (unsaid.voices.length === 0) giveToSpeaker(unsaid, closer.actor, at === 0 ? opening : 0);
            }
          }
        }
        // '"A verified pause is overdue." That is what Senator Maria Lopez told the committee': the quote just before
        // is the speaker's this sentence names
        const namedAfter = quoteMarks === 0 ? speakerOfQuoteBefore(sentence.text) : undefined;
        if (namedAfter !== undefined) giveQuoteBefore(analyses, index, namedAfter);
      }
      const isQuoteLeftOpen: boolean = ((quoteOpenIn === sentence.paragraph ? 1 : 0) + quoteMarks) % 2 === 1;
      if (isQuoteLeftOpen && quoteOpenIn !== sentence.paragraph) quoteOpenedAt = index;
      quoteOpenIn = isQuoteLeftOpen ? sentence.paragraph : null;
      if (!isQuoteLeftOpen) quoteOpenedAt = -1;
      continuingSpeaker = nextContinuingSpeaker(sentence, attributions, continuingSpeaker, quoteMarks);
      if (attributions.length > 0) {
        const before = [...attributions.slice(0, -1).map((attribution) => attribution.actor).reverse(), ...(previousActor === null ? [] : [previousActor])];
        previousActor = attributions.at(-1)!.actor;
        earlierActors = [...new Set([...before, ...earlierActors])].filter((actor) => actor !== previousActor).slice(0, MAX_EARLIER_ACTORS);
        previousActorAge = 0;
      } else if (++previousActorAge > 1) {
        previousActor = null;
        earlierActors = [];
      }

      const voices: SentenceVoice[] = attributions.map((attribution) => ({ attribution, value: 0 }));
      const described = new Map<SentenceVoice, number>();
      let ownValue = 0;
      let ownMass = 0;
      const hitSum = hits.reduce((sum, hit) => sum + hit.value, 0);
      if (first === 'q') questionValue = Math.max(-1.5, Math.min(1.5, hitSum / 0.35));
      else if (first === 'a' && voices.length > 0) {
        // "Q: Would you back a moratorium? A: No." — the answer takes up or turns down what was asked.
        const answer = sentence.tokens.slice(2, 6).map((t) => t.word);
        const isNo = ANSWER_NO.has(answer[0] ?? '') || answer.slice(0, 3).some((w) => w === 'not' || (w.endsWith("n't") && w !== "isn't"));
        const isYes = ANSWER_YES.has(answer[0] ?? '');
        if (isNo || isYes) voices[0]!.value += (isNo ? -1 : 1) * questionValue;
        questionValue = 0;
      }
      const previousAnalysis = analyses.at(-1);
      if (previousAnalysis && previousAnalysis.ownValue > 0 && sentence.matches.opensWithNegativeResolution) {
        // "If verification were possible, a pause might make sense. It isn't." — the hedged approval is denied.
        const reversal = Math.max(0.8, 2 * previousAnalysis.ownValue);
        ownValue -= reversal * topicalWeight;
        ownMass += reversal * topicalWeight;
      }
      const isPollReport = !isPassage && reportsPoll(sentence.text);
      for (const hit of hits) {
        const voice = voices.find((v) => isInsideRanges(v.attribution.ranges, hit.from, hit.to));
        const description = voice?.attribution.description;
        if (voice && description && isInsideRanges([description], hit.from, hit.to)) {
          // "Researchers who signed the open letter disagreed": who the speaker is, not what they state or the passage does.
          described.set(voice, (described.get(voice) ?? 0) + hit.value);
        } else if (voice && isAddressedVoice(voice.attribution.actor)) {
          // A letter that quotes "your columnist" or "your editorial" quotes it to answer it: what the
          // addressed voice says counts against the writer's own position.
          voice.value += hit.value;
          ownValue -= REBUTTED_VOICE_WEIGHT * hit.value * topicalWeight;
          ownMass += REBUTTED_VOICE_WEIGHT * Math.abs(hit.value) * topicalWeight;
        } else if (voice) voice.value += hit.value;
        // An article's poll figures ("54 percent of U.S. adults support a pause", "Support for AI pause slips, poll
        // shows") report the public's opinion, not the writer's: no own value.
        else if (!isPollReport) {
          // In a long report, talk of risk mostly relays the proposer's reasons; it is a weak sign of the
          // report's own position.
          const weight = !isShortText && hit.cue.kind === 'risk' ? topicalWeight * LONG_TEXT_RISK_WEIGHT : topicalWeight;
          ownValue += hit.value * weight;
          ownMass += Math.abs(hit.value) * weight;
        }
      }
      for (const voice of voices) {
        // A speaker described by the side they took ("Critics who backed the call spoke first") takes it, unless what
        // they are reported to do takes a position of its own ("... disagreed", "... said the pause was a mistake").
        const describedValue = described.get(voice) ?? 0;
        if (describedValue === 0 || voice.value !== 0 || dissentsFromDescription(sentence.tokens, voice.attribution)) continue;
        voice.value = describedValue;
        voice.isDescribed = true;
      }
      // Properties listed one by one: an object spread here was a quarter of the scorer's run time.
      analyses.push({
        text: sentence.text, tokens: sentence.tokens, paragraph: sentence.paragraph, matches: sentence.matches,
        relevance: ownRelevance, readsOtherSense: relevanceScores[index]!.readsOtherSense, topicalWeight, ownValue, ownMass, voices, hits,
        isSarcastic: sarcasticParagraphs.has(sentence.paragraph),
        neutralFrames: sentence.matches.hasNeutralFrame ? 1 : 0,
      });
    }

    const statements: AttributedStatement[] = [];
    for (const [sentence, analysis] of analyses.entries()) {
      if (analysis.voices.length === 0) continue;
      const advocacy = findCueHits(analysis.tokens, analysis.matches.voiceCues, analysis.isSarcastic);
      const isHeadline = analysis.paragraph === TITLE_PARAGRAPH || isHeadingLine(analysis.text);
      // One speaker's statements within a sentence ("X said ... and urged ...") make one statement.
      const bySpeaker = new Map<string, AttributedStatement>();
      for (const { attribution, value: cueValue, isDescribed } of analysis.voices) {
        let ranges = statementRanges(attribution, isDescribed === true);
        // The passage's stance reads cueValue only; a voice's side also reads the advocacy it is reported with.
        let value = cueValue + advocacyValue(analysis.tokens, ranges, advocacy, analysis.hits);
        if (value === 0 && isDescribed !== true && attribution.description && !dissentsFromDescription(analysis.tokens, attribution)) {
          // "Critics who renewed their call for a pause spoke first": advocacy only in the description.
          const described = advocacyValue(analysis.tokens, attribution.ranges, advocacy, analysis.hits);
          if (described !== 0) {
            ranges = attribution.ranges;
            value = described;
          }
        }
        const quote = voiceQuote(analysis, ranges);
        // "OpenAI, backed by Microsoft, ...": an agent backing a phrase the cues read nothing in backs no side of the pause
        if (attribution.backsPhrase && value === 0) continue;
        const entry = bySpeaker.get(attribution.actor);
        if (entry) {
          entry.value += value;
          entry.quote = [entry.quote, quote].filter((part) => part.length > 0).join(' … ');
        } else bySpeaker.set(attribution.actor, { attribution, value, quote, isHeadline, sentence });
      }
      statements.push(...bySpeaker.values());
    }
    // A sentence is on the topic when it or one within two of it is: "the plan", "the company" stand for the proposal
    // and its proposer in the sentences around the one that names them.
    const topical = new Set<number>();
    analyses.forEach((analysis, index) => {
      if (analysis.relevance < 0.5) return;
      for (let near = Math.max(0, index - TOPIC_REACH); near <= Math.min(analyses.length - 1, index + TOPIC_REACH); near++) topical.add(near);
    });
    const sentenceTexts = all.map((sentence) => sentence.text);
    const speaksForProposal = proposerSpeakers(sentenceTexts);
    const voices = collectVoices(statements, sentenceTexts, {
      readsCampExamples: !isPassage, topical, paragraphs: all.map((sentence) => sentence.paragraph), speaksForProposal,
    });
    const { carriedBy, ...ruleStance } = decideStance(analyses, isShortText, speaksForProposal);
    return { relevance, sentences: analyses, voices, ruleStance, isOwnVoiceSide: carriedBy === 'own', speaksForProposal, isShortText, isPassage, hasTitle };
  };
}

/** Whether a text has any word at all: an empty or blank text is about nothing, and nothing is guessed for it. */
function hasWords(sentences: readonly AnalysedSentence[]): boolean {
  return sentences.some((sentence) => sentence.tokens.some((token) => /^[\p{L}\p{N}]/u.test(token.word)));
}

/**
 * Whether the learned relevance layer may raise a text above the rules' verdict. A text is on topic when it names
 * the proposal in a fitting context. The layer was trained on passages cut from coverage, where a pause word nearly
 * always is the proposal, so it reads pause words so anywhere ("Hiring freeze at tech giant deepens", "Leftovers: how
 * to freeze stew safely" scored 0.64 and 0.90). It may not raise:
 * - a text whose only proposal words or debate phrases stand in sentences that name another sense (an excludeTerms
 *   phrase, "pause button");
 * - a text with no domain word at all, unless it is an untitled passage, an excerpt whose context is the coverage it
 *   was cut from ("The pause is overdue."), and none of its pause words was read as another sense ("a slowdown in
 *   rate hikes"). A text with a headline of its own, a feed item or an article, must name the domain itself.
 */
function mayLearnedLayerRaise(analysis: Pick<PassageAnalysis, 'sentences' | 'hasTitle'>): boolean {
  const sentences = analysis.sentences;
  // the layer reads passages only
  if (!isWithinDomain(sentences, analysis.hasTitle, true)) return false;
  const naming = sentences.filter((sentence) => sentence.matches.proposal.length > 0 || sentence.matches.debate.length > 0);
  if (naming.length > 0 && naming.every((sentence) => sentence.matches.isExcluded)) return false;
  if (sentences.some((sentence) => sentence.matches.hasContext)) return true;
  return !analysis.hasTitle && !sentences.some((sentence) => sentence.readsOtherSense);
}

/**
 * Whether a text is within the topic's domain. An untitled passage is an excerpt whose context is the coverage it was
 * cut from ("Breathing room, said the lab."): it always is. A text with a headline of its own (a feed item, an
 * article) or a long one must name AI itself or one of the topic's context terms somewhere, title included;
 * DOMAIN_PHRASES says why words the debate shares with any other ("systems", "research", "labs") do not count.
 */
function isWithinDomain(sentences: readonly { matches: SentenceMatches }[], hasTitle: boolean, isPassage: boolean): boolean {
  return (!hasTitle && isPassage) || sentences.some((sentence) => sentence.matches.hasDomain);
}

/** The learned layer's relevance as the scorer uses it: it may lower the rules' score, and raise it only where allowed. */
export function boundLearnedRelevance(analysis: Pick<PassageAnalysis, 'relevance' | 'sentences' | 'hasTitle'>, learned: number): number {
  return mayLearnedLayerRaise(analysis) ? learned : Math.min(learned, analysis.relevance.score);
}

export function createPauseProposalScorer(topic: TopicDefinition, options: StanceOptions) {
  const analysePassage = createPassageAnalyser(topic, options);
  const relevanceIn = createOtherLanguageRelevance(topic.otherLanguages ?? {}, options.relevanceThreshold);
  const version = `${PAUSE_PROPOSAL_SCORER_VERSION}+${digestScorerSettings(topic, options)}`;
  return {
    version,
    score(input: ScorableText): ScoreResult {
      // The lexicon, rules and model are of English: a text in another language is on topic by the pipeline's words
      // for it, if it has any, and no stance is judged (an English reading of German words is noise, not neutral).
      const { lang, unconfirmed, known } = judgeLanguage(`${input.title ?? ''}\n${input.text}`, input.lang ?? null);
      if (lang === null || lang === 'en') return scoreEnglish(input);
      // bounded as the English rules are: a hostile page of millions of letters costs seconds in the term patterns
      const relevance = relevanceIn(lang, input.title, input.text.slice(0, MAX_SCORED_CHARS));
      const unread: ScoreResult = { scorerVersion: version, relevance, stance: null, voices: [], unreadLanguage: lang };
      // A headline taken for its feed's language with no word of that language in it ("OpenAI rejects Anthropic pause
      // proposal" in a German feed) is English where the English rules find it on topic, and either that language's
      // words do not or a word of the English stance lexicon in it has an English verb's ending ("rejects",
      // "backed"): "danger", "catastrophe" and "capitulation" are French words too. A language the guess knows no
      // function words of (a Czech or Swedish feed's) asks for that ending always, its own words unknown.
      if (!unconfirmed) return unread;
      const analysis = analysePassage(input);
      if ((relevance.relevant || !known) && !analysis.sentences.some(hasInflectedEnglishCue)) return unread;
      const english = scoreEnglish(input, analysis);
      return english.relevance.relevant ? english : unread;
    },
  };

  /** A text scored by the English rules and learned layer. */
  function scoreEnglish(input: ScorableText, analysis = analysePassage(input)): ScoreResult {
    if (!hasWords(analysis.sentences)) {
      return { scorerVersion: version, relevance: { score: 0, relevant: false, evidence: [] }, stance: null, voices: [] };
    }
    // A short passage's relevance is the learned layer's, which reads the rules' score with the words around
    // it (a passage that argues about "the labs stopping" without a pause word is still on topic), within the
    // bounds the rules set.
    const learnedRelevance = analysis.isPassage ? predictRelevance(analysis) : null;
    const boundedRelevance = learnedRelevance === null ? null : boundLearnedRelevance(analysis, learnedRelevance);
    const relevance = boundedRelevance === null ? analysis.relevance : {
      ...analysis.relevance,
      score: round(boundedRelevance),
      relevant: boundedRelevance >= options.relevanceThreshold,
      evidence: analysis.relevance.evidence.length > 0 || boundedRelevance < options.relevanceThreshold
        ? analysis.relevance.evidence : analysis.sentences.slice(0, 1).map((s) => s.text),
    };
    if (analysis.ruleStance === null || !relevance.relevant) {
      return { scorerVersion: version, relevance, stance: null, voices: [] };
    }
    // Passages (a paragraph, a post, a quote) are labelled by the learned layer over the rule features;
    // whole articles by the rules, which keep a long report with quoted voices neutral.
    // A side the layer takes is shown with the sentences that drove it there (see decideWithRules); where the rules'
    // verdict stands, with the rules' evidence.
    const learned = analysis.isPassage ? predictStance(analysis) : null;
    const decision = learned === null ? null : decideWithRules(analysis, analysis.ruleStance.label, learned);
    const stance = learned === null || decision === null || decision.evidence === null ? analysis.ruleStance : {
      ...analysis.ruleStance,
      label: decision.label,
      score: round(learned.probabilities.support - learned.probabilities.oppose),
      confidence: round(learned.probabilities[decision.label]),
      evidence: firstNonEmpty(decision.evidence, analysis.ruleStance.evidence, topicalEvidence(analysis.sentences)),
    };
    const voices = alignRelayedVoice(analysis, stance.label, sideOfOwnWords, stance.evidence);
    // An op-ed's side, taken in its own words, is its author's.
    const isOwnSide = analysis.isOwnVoiceSide && stance.label === analysis.ruleStance.label && stance.evidence.length > 0;
    if (!isOwnSide) return { scorerVersion: version, relevance, stance, voices };
    const author = authorOf(analysis.sentences.filter((sentence) => sentence.paragraph !== TITLE_PARAGRAPH));
    return { scorerVersion: version, relevance, stance, voices: withAuthorVoice(voices, author, stance.label, stance.evidence[0]!.sentence) };
  }

  /** The side a passage made of a speaker's sentences alone takes, as `score` would give it. */
  function sideOfOwnWords(sentences: readonly string[]): StanceLabel {
    const analysis = analysePassage({ title: null, text: sentences.join(' ') });
    if (analysis.ruleStance === null) return 'neutral';
    const learned = analysis.isPassage ? predictStance(analysis) : null;
    return learned === null ? analysis.ruleStance.label : decideWithRules(analysis, analysis.ruleStance.label, learned).label;
  }
}

/**
 * An English verb's ending, "-s" (not "-ss") or "-ed", on a word of four letters or more: "rejects", "backs",
 * "backed". A French or Spanish plural has the "-s" too ("catastrophes"): a headline of such a language holding one
 * of the lexicon's nouns in the plural, and none of its own function words, is still read as English.
 */
const ENGLISH_VERB_FORM = /^[a-z]{2,}(?:[^s]s|ed)$/;

/** Whether a stance cue of the sentence holds a word in an English verb form (see ENGLISH_VERB_FORM). */
function hasInflectedEnglishCue({ matches, tokens }: AnalysedSentence): boolean {
  return [...matches.cues, ...matches.voiceCues].some(({ from, to }) => tokens.slice(from, to).some(({ word }) => ENGLISH_VERB_FORM.test(word)));
}

/** Speakers who only put questions: an interview's host is not a side. */
const HOST_ACTORS = /^(host|interviewer|moderator|presenter|anchor|q|chair|the chair)$/i;
// A speaker whose words fill this share of a passage carries it: the passage's side is theirs.
const CARRIES_PASSAGE_SHARE = 0.5;
// A neutral-looking speaker whose words fill this share takes the passage's side (their cues were just unlisted).
const RELAYED_SPEAKER_SHARE = 0.25;

/**
 * A passage that relays one speaker takes that speaker's side, so the speaker's voice takes the passage's
 * verdict where the speaker's own words carried no lexicon cue — or, when the speaker fills most of the
 * passage, even where the cues pointed the other way (the learned layer reads the whole passage better).
 *
 * Unless other speakers take the passage's side and the speaker's own sentences, read alone, take the other: the
 * passage's side is then the others' ("Bengio urged the labs to pause. Andreessen said the pause is a trap that
 * would hurt growth." is a passage for the pause, Andreessen's sentence one against it). Then the speaker's voice
 * takes the side of their own words where their cues said nothing, and keeps its cues' side otherwise.
 */
function alignRelayedVoice(
  analysis: PassageAnalysis, label: StanceLabel, sideOfOwnWords: (sentences: readonly string[]) => StanceLabel,
  evidence: readonly Evidence[] = [],
): Voice[] {
  if (!analysis.isPassage || label === 'neutral') return analysis.voices;
  // The proposer and its people speak for their proposal whatever the passage's side (see collectVoices).
  const isProposerVoice = (actor: string) => speaksAsProposer(actor, analysis.speaksForProposal);
  const lengths = new Map<string, number>();
  for (const voice of analysis.voices) {
    if (isProposerVoice(voice.actor) || HOST_ACTORS.test(voice.actor)) continue;
    lengths.set(voice.actor, (lengths.get(voice.actor) ?? 0) + voice.quote.length);
  }
  const ranked = [...lengths].sort((a, b) => b[1] - a[1]);
  const textLength = analysis.sentences.reduce((sum, s) => sum + s.text.length, 0);
  const isOnlySpeaker = ranked.length === 1;
  // The speaker whose words moved the passage to its side is tried before the one quoted at most length.
  const mover = mostMovingSpeaker(analysis, ranked, label, evidence);
  const relayed = [mover, ranked[0]].find((candidate) => {
    if (candidate === undefined) return false;
    const [actor, length] = candidate;
    const share = length / Math.max(1, textLength);
    const isNeutral = analysis.voices.every((v) => v.actor !== actor || v.stance === 'neutral' || v.stance === label);
    const others = analysis.voices.filter((v) => v.actor !== actor && !isProposerVoice(v.actor) && v.stance !== 'neutral');
    // Another speaker on the same side, or none on the other: the passage relays this speaker's camp.
    const isCarried = isOnlySpeaker && share >= CARRIES_PASSAGE_SHARE;
    const isRelayed = isNeutral && share >= RELAYED_SPEAKER_SHARE && others.every((v) => v.stance === label);
    return isCarried || isRelayed;
  });
  if (relayed === undefined) return analysis.voices;
  const [speaker] = relayed;
  const speakerVoices = analysis.voices.filter((v) => v.actor === speaker);
  const others = analysis.voices.filter((v) => v.actor !== speaker && !isProposerVoice(v.actor) && v.stance !== 'neutral');
  // Where other speakers take the passage's side, it may be theirs alone: then the speaker's own words, read alone,
  // must not gainsay it. A speaker who is the passage's one voice is read with the passage (a transcript's answer needs
  // its question, a letter's hypothetical its reply): read alone, such words were taken the wrong way as often as not.
  const ownSide = others.length > 0 ? sideOfOwnWords(sentencesQuoting(analysis.sentences, speakerVoices)) : 'neutral';
  if (ownSide !== 'neutral' && ownSide !== label) {
    return analysis.voices.map((voice) => (voice.actor === speaker && voice.stance === 'neutral' ? { ...voice, stance: ownSide } : voice));
  }
  return analysis.voices.map((voice) => (voice.actor === speaker ? { ...voice, stance: label } : voice));
}

/**
 * Among speakers not yet on the passage's side, the one whose sentence moved the passage there most (its evidence), when
 * that one moved it more than the speaker quoted at most length: in '"A pause would be a disaster for research," said
 * its director, Paul Kane.' after "The Centre responded to the proposal on Tuesday.", the side is Kane's, though the
 * Centre's words are as long. Undefined when the evidence does not tell them apart.
 */
function mostMovingSpeaker(
  analysis: PassageAnalysis, ranked: readonly [string, number][], label: StanceLabel, evidence: readonly Evidence[],
): [string, number] | undefined {
  const sign = label === 'support' ? 1 : -1;
  const moved = ([actor]: readonly [string, number]) => {
    const quoting = sentencesQuoting(analysis.sentences, analysis.voices.filter((voice) => voice.actor === actor));
    return Math.max(0, ...evidence.filter((e) => quoting.includes(e.sentence)).map((e) => e.weight * sign));
  };
  const isOnSide = ([actor]: readonly [string, number]) => analysis.voices.some((voice) => voice.actor === actor && voice.stance === label);
  const first = ranked[0];
  if (first === undefined) return undefined;
  const best = ranked.filter((speaker) => !isOnSide(speaker)).reduce<[string, number] | undefined>(
    (most, speaker) => (most === undefined || moved(speaker) > moved(most) ? speaker : most), undefined);
  return best !== undefined && moved(best) > moved(first) ? best : undefined;
}

// A quote's opening words that find the sentence it was taken from (a shown quote loses marks and commas at its ends).
const QUOTE_KEY_CHARS = 24;

/** The sentences, in text order, from which the voices' quotes were taken. */
function sentencesQuoting(sentences: readonly SentenceAnalysis[], voices: readonly Voice[]): string[] {
  const keys = voices.flatMap((voice) => voice.quote.split(' … ')).map((part) => part.slice(0, QUOTE_KEY_CHARS)).filter((key) => key.length > 0);
  return sentences.filter((sentence) => keys.some((key) => sentence.text.includes(key))).map((sentence) => sentence.text);
}

function firstNonEmpty(...lists: Evidence[][]): Evidence[] {
  return lists.find((list) => list.length > 0) ?? [];
}

function topicalEvidence(sentences: readonly SentenceAnalysis[]): Evidence[] {
  return sentences.filter((s) => s.relevance >= 0.5).slice(0, 3).map((s) => ({ sentence: s.text, weight: 0 }));
}

function decideStance(
  analyses: readonly SentenceAnalysis[], isShortText: boolean, speaksForProposal: (actor: string) => boolean,
): StanceResult & { carriedBy: 'own' | 'voices' | 'none' } {
  const topical = analyses.filter((a) => a.relevance >= 0.5 || a.ownMass > 0 || a.voices.length > 0);
  const topicalCount = Math.max(1, topical.length);
  const ownNet = analyses.reduce((sum, a) => sum + a.ownValue, 0);
  const ownMass = analyses.reduce((sum, a) => sum + a.ownMass, 0);
  const frames = analyses.reduce((sum, a) => sum + a.neutralFrames, 0);

  const ownThreshold = OWN_VOICE_THRESHOLD + (isShortText ? 0 : OWN_VOICE_PER_TOPICAL_SENTENCE * topicalCount)
    + NEUTRAL_FRAME_PENALTY * Math.min(frames, 2);
  const isOwnDecisive = Math.abs(ownNet) >= ownThreshold && Math.abs(ownNet) >= OWN_VOICE_DOMINANCE * ownMass;

  // Voices by side. An actor's side is the net of everything they say (an interviewee's answers, a quote
  // spread over sentences); "at length" is the share of topical sentences in which that side speaks.
  const actors = new Map<string, { value: number; sentences: Set<number>; isProposer: boolean }>();
  let hasProposerVoice = false;
  // "Veridian AI said ... The company said ...": "the company" right after another company is that company, as
  // collectVoices reads it
  let previousActor = '';
  analyses.forEach((analysis, index) => {
    for (const { attribution, value } of analysis.voices) {
      const isOtherCompany = isGenericOrganisation(attribution.actor) && isCompanyName(previousActor) && !isProposer(previousActor);
      if (!isGenericOrganisation(attribution.actor)) previousActor = attribution.actor;
      const key = isOtherCompany ? `${attribution.actor.toLowerCase()} (not the proposer)` : attribution.actor.toLowerCase();
      const actor = actors.get(key) ?? { value: 0, sentences: new Set<number>(), isProposer: !isOtherCompany && speaksAsProposer(attribution.actor, speaksForProposal) };
      actor.value += value;
      actor.sentences.add(index);
      actors.set(key, actor);
      // The proposer's reply, whatever it says, is the other side of a report that quotes critics.
      if (actor.isProposer) hasProposerVoice = true;
    }
  });
  const sentencesBySide = { support: new Set<number>(), oppose: new Set<number>() };
  let nonProposerSupport = 0;
  let voiceNet = 0;
  for (const actor of actors.values()) {
    const side = sideOf(actor.value, VOICE_SIDE_THRESHOLD);
    if (side === 'neutral') continue;
    voiceNet += actor.value;
    if (side === 'support' && !actor.isProposer) nonProposerSupport++;
    for (const index of actor.sentences) sentencesBySide[side].add(index);
  }

  let label: StanceLabel = 'neutral';
  let net = 0;
  let drivers: 'own' | 'voices' | 'none' = 'none';
  if (isOwnDecisive) {
    label = ownNet > 0 ? 'support' : 'oppose';
    net = ownNet;
    drivers = 'own';
  } else if (sentencesBySide.support.size > 0 !== sentencesBySide.oppose.size > 0 && !(sentencesBySide.oppose.size > 0 && hasProposerVoice)) {
    const side = sentencesBySide.support.size > 0 ? 'support' : 'oppose';
    const isAtLength = sentencesBySide[side].size / topicalCount >= RELAYED_AT_LENGTH_SHARE;
    // The proposer's own case for its proposal, relayed, is news that the proposal exists.
    const isOnlyProposer = side === 'support' && nonProposerSupport === 0;
    if (isAtLength && !isOnlyProposer) {
      label = side;
      net = voiceNet + ownNet;
      drivers = 'voices';
    }
  }

  const score = label === 'neutral'
    ? round(Math.tanh((ownNet + voiceNet) / 4) * 0.3)
    : round(Math.sign(net) * Math.min(1, 0.35 + Math.abs(net) / 3));
  const margin = label === 'neutral'
    ? 1 - Math.min(1, Math.abs(ownNet) / Math.max(ownThreshold, 0.01))
    : Math.min(1, Math.abs(net) / (2 * ownThreshold));
  const confidence = round(0.5 + 0.5 * Math.max(0, Math.min(1, margin)));

  return { label, score, confidence, evidence: collectEvidence(analyses, drivers), carriedBy: drivers };
}

/** The sentences that moved the decision, strongest first, each with its signed weight. */
function collectEvidence(analyses: readonly SentenceAnalysis[], drivers: 'own' | 'voices' | 'none'): Evidence[] {
  const weighted = analyses.map((a) => {
    const voiceValue = a.voices.reduce((sum, v) => sum + v.value, 0);
    const weight = drivers === 'own' ? a.ownValue : drivers === 'voices' ? voiceValue + a.ownValue : a.ownValue + voiceValue;
    return { sentence: a.text, weight: round(weight), relevance: a.relevance };
  });
  const moving = weighted.filter((e) => e.weight !== 0).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const evidence: Evidence[] = moving.slice(0, MAX_EVIDENCE).map(({ sentence, weight }) => ({ sentence, weight }));
  if (evidence.length === 0) {
    // A plain report moves nothing: its most topical sentences are what the neutral label rests on.
    for (const e of weighted.filter((w) => w.relevance >= 0.5).sort((a, b) => b.relevance - a.relevance).slice(0, 3)) {
      evidence.push({ sentence: e.sentence, weight: 0 });
    }
  }
  return evidence;
}
