/**
 * The author of an opinion piece as one of its voices: where a text takes a side in its own words (an op-ed, a
 * column), that side is its author's, and a reader of the digest asks who argues it. A text presents itself as its
 * author's argument by its standfirst ("..., argues Oliver Tremaine", "..., writes Imogen Sato") or its sign-off
 * ("Oliver Tremaine is professor of industrial economics at ..."). A byline alone does not: news reports carry
 * bylines too, and their reporters take no side of their own (on the story corpora, giving a byline's name the side
 * a report's own words took put more names on a side no label gives them than on the labelled one).
 */

import type { StanceLabel, Voice } from '../model/index.ts';

/** Words of a name that says a desk, an agency or the outlet, not a person who argues. */
const NOT_PERSON = /\b(?:staff|reporters?|correspondents?|editors?|editorial|board|desk|team|newsroom|news|agency|wire|press|service|bureau|contributors?|writers?)\b/i;
/** "..., argues Oliver Tremaine", "writes Imogen Sato": the standfirst's name for the author. */
const STANDFIRST_AUTHOR = /,\s+(?:argues|writes|says)\s+(\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){1,3})\.?$/u;
/** "Oliver Tremaine is professor of industrial economics at the University of Kestrel.": an op-ed's sign-off. */
const SIGN_OFF = /^(\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){1,3}) is (?:a |an |the )?[\p{Ll}-]+(?: [\p{L}-]+){0,8} (?:at|of|for|in) /u;
const MAX_SIGN_OFF_WORDS = 30;

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
  const standfirst = first && isAlone(first) ? STANDFIRST_AUTHOR.exec(first.text)?.[1] : undefined;
  if (standfirst !== undefined && !NOT_PERSON.test(standfirst)) return standfirst;
  const last = sentences.at(-1);
  const signOff = last && isAlone(last) && last.text.split(/\s+/).length <= MAX_SIGN_OFF_WORDS ? SIGN_OFF.exec(last.text)?.[1] : undefined;
  return signOff !== undefined && !NOT_PERSON.test(signOff) ? signOff : null;
}

/** True when two shown names are one person's: the same, or one the other's last words ("Sato", "Imogen Sato"). */
function isSamePerson(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || x.endsWith(` ${y}`) || y.endsWith(` ${x}`);
}

/**
 * The voices with the author speaking for the side the text takes in its own words: the voices the text already gives
 * them (the standfirst's "argues Oliver Tremaine") take that side, and an author it gives none is added, with the
 * sentence that carried the side as their words.
 */
export function withAuthorVoice(voices: readonly Voice[], author: string | null, side: StanceLabel, quote: string): Voice[] {
  if (side === 'neutral' || author === null) return [...voices];
  const result = voices.map((voice) => (isSamePerson(author, voice.actor) ? { ...voice, stance: side } : voice));
  return result.some((voice) => isSamePerson(author, voice.actor)) ? result : [...result, { actor: author, stance: side, quote }];
}
