/**
 * A feed's teaser of an article: the same headline over the article's opening words, cut where the feed's summary
 * ends (often mid-word, with an ellipsis or "Read more" after). Syndicated copies whose pages a run does not read (a
 * feed past `fetch.maxArticlesPerFeed`, a page that failed) keep such a teaser as their text, which shares no hash and
 * too few shingles with the wire's article stored whole: each would be another original, the wire counted twice.
 */
import { normalizedWords } from './fingerprint.ts';

/**
 * Fewer opening words than this say too little to be taken for the article's: a first sentence alone recurs over a
 * wire's updates of a developing story. The exact-content rule asks as many (MIN_WORDS_FOR_CONTENT_HASH).
 */
export const MIN_TEASER_WORDS = 20;

/**
 * More words than this are no teaser: a feed's summary is a paragraph or two. It bounds what the rule reads, too: of
 * the articles under one headline (a live blog's hundreds of updates), only the short ones' texts, or, for a short
 * new one, theirs.
 */
export const MAX_TEASER_WORDS = 150;

/** Words a feed puts after a cut summary: "… Read more", "[Continue reading]". */
const CUT_MARKS = [['read', 'more'], ['continue', 'reading'], ['more']];

function withoutCutMark(words: string[]): string[] {
  for (const mark of CUT_MARKS) {
    if (words.length > mark.length && mark.every((word, i) => words[words.length - mark.length + i] === word)) return words.slice(0, -mark.length);
  }
  return words;
}

/**
 * Whether `short` is the opening of `long`: MIN_TEASER_WORDS to MAX_TEASER_WORDS of its words, all but the last word for word
 * and the last the start of the word in its place (a summary cut mid-word), with `long` going on after them.
 */
export function isOpeningOf(short: string, long: string): boolean {
  const opening = withoutCutMark(normalizedWords(short));
  if (opening.length < MIN_TEASER_WORDS || opening.length > MAX_TEASER_WORDS) return false;
  const whole = normalizedWords(long);
  if (whole.length <= opening.length) return false;
  const last = opening.length - 1;
  for (let i = 0; i < last; i++) if (opening[i] !== whole[i]) return false;
  return whole[last]!.startsWith(opening[last]!);
}
