/**
 * The author of an opinion piece as one of its voices: where a text takes a side in its own words (an op-ed, a
 * column), that side is its author's, and a reader of the digest asks who argues it. A text presents itself as its
 * author's argument by its standfirst ("..., argues Oliver Tremaine", "..., writes Imogen Sato") or its sign-off
 * ("Oliver Tremaine is professor of industrial economics at ..."). A byline alone does not: news reports carry
 * bylines too, and their reporters take no side of their own (on the story corpora, giving a byline's name the side
 * a report's own words took put more names on a side no label gives them than on the labelled one).
 */

import type { StanceLabel, Voice } from '../model/index.ts';
import { isSameSpeaker } from './collect-voices.ts';

/** A name that is an organisation's, not a person's: "The European Commission", "Meta Platforms". */
const ORGANISATION = /^(?:The|A|An|This|That|It)\b|\b(?:Platforms|Inc|Corp|Corporation|Group|Labs?|AI|Institute|University|Forum|Council|Commission|Ministry|Department|Office|Agency|Foundation|Coalition|Alliance|Association|Company|Partners|Holdings|Technologies|Systems)\b/;
/** Words of a name that says a desk, an agency or the outlet, not a person who argues. */
const NOT_PERSON = /\b(?:staff|reporters?|correspondents?|editors?|editorial|board|desk|team|newsroom|news|agency|wire|press|service|bureau|contributors?|writers?)\b/i;
/** A person's name as an author's line prints it: two to four capitalised words, an initial among them ("Ann K. Roe"). */
const AUTHOR_NAME = String.raw`\p{Lu}[\p{L}'’-]*\.?(?: \p{Lu}[\p{L}'’-]*\.?){1,3}`;
/**
 * "..., argues Oliver Tremaine", "writes Imogen Sato": the standfirst's name for the author. Not "says": "..., says
 * Yann LeCun" is a news lede quoting someone.
 */
const STANDFIRST_AUTHOR = new RegExp(String.raw`,\s+(?:argues|writes)\s+(${AUTHOR_NAME})$`, 'u');
/** The words for what an op-ed's author is: "Oliver Tremaine is professor of industrial economics at ...". */
const AUTHOR_POSTS = 'professor|lecturer|fellow|researcher|scientist|economist|director|founder|co-founder|chair|president|author|editor|columnist|writer|journalist|lawyer|analyst|adviser|advisor|partner|member|head|dean|student|engineer|executive|officer|former';
const SIGN_OFF = new RegExp(String.raw`^(${AUTHOR_NAME}) (?:is|was) (?:a |an |the )?(?:[\p{L}-]+ ){0,3}(?:${AUTHOR_POSTS})\b`, 'u');
const MAX_SIGN_OFF_WORDS = 30;
/** "By Jane Doe", a byline left in the text. */
const BYLINE = new RegExp(String.raw`^By ${AUTHOR_NAME}$`, 'u');

/** A line that names the author: a standfirst's "..., argues X" or a byline's "By X". */
function isAuthorLine(text: string): boolean {
  return STANDFIRST_AUTHOR.test(text.replace(/\.$/, '')) || BYLINE.test(text);
}

export interface AuthorSentence {
  text: string;
  paragraph: number;
}

/**
 * The author a text names as its own: its standfirst's (the first body paragraph, one sentence, ending "..., argues
 * X") or its sign-off's (the last paragraph, one short sentence, "X is ... at|of ..."). `sentences` are the body's,
 * in order, with their paragraphs.
 */
export function authorOf(sentences: readonly AuthorSentence[]): string | null {
  const isAlone = (sentence: AuthorSentence) => sentences.filter((other) => other.paragraph === sentence.paragraph).length === 1;
  const first = sentences[0];
  const standfirst = first && isAlone(first) ? STANDFIRST_AUTHOR.exec(first.text.replace(/\.$/, ''))?.[1] : undefined;
  if (standfirst !== undefined && !NOT_PERSON.test(standfirst)) return standfirst;
  const last = sentences.at(-1);
  const signOff = last && isAlone(last) && last.text.split(/\s+/).length <= MAX_SIGN_OFF_WORDS ? SIGN_OFF.exec(last.text)?.[1] : undefined;
  // a sign-off names someone the piece does not quote: "Yann LeCun is chief AI scientist at Meta." after his words is
  // a report's background
  const isQuoted = signOff !== undefined && sentences.slice(0, -1)
    .some((sentence) => sentence.text.includes(signOff.split(' ').at(-1)!) && !isAuthorLine(sentence.text));
  return signOff !== undefined && !NOT_PERSON.test(signOff) && !ORGANISATION.test(signOff) && !isQuoted ? signOff : null;
}

/**
 * The voices with the author speaking for the side the text takes in its own words: the voices the text already gives
 * them (the standfirst's "argues Oliver Tremaine") take that side, and an author it gives none is added, with the
 * sentence that carried the side as their words.
 */
export function withAuthorVoice(voices: readonly Voice[], author: string | null, side: StanceLabel, quote: string): Voice[] {
  if (side === 'neutral' || author === null) return [...voices];
  const result = voices.map((voice) => (isSameSpeaker(author, voice.actor) ? { ...voice, stance: side } : voice));
  return result.some((voice) => isSameSpeaker(author, voice.actor)) ? result : [...result, { actor: author, stance: side, quote }];
}
