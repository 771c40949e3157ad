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

/** More words than this are no teaser: a feed's summary is a paragraph or two. A longer text is not looked at. */
export const MAX_TEASER_WORDS = 150;

/**
 * How far apart a teaser and its article may have appeared: a syndicated copy runs within hours of the wire, and a
 * recurring headline ("Live updates: …", a weekly column's) comes back days later over a new article.
 */
export const TEASER_WINDOW_HOURS = 48;

/**
 * Words a feed puts after a cut summary, from where they start to the end: "… Read more", "[Continue reading]",
 * "Continue reading "Headline"", "Read the full story", "Keep reading", WordPress's "The post Headline appeared first
 * on Site."
 */
const CUT_MARKS = [['read', 'more'], ['continue', 'reading'], ['read', 'the', 'full', 'story'], ['keep', 'reading'], ['the', 'post'], ['more']];
/** How near the end a cut mark is looked for: the headline or site name after it included. */
const CUT_MARK_REACH = 30;

function withoutCutMark(words: string[]): string[] {
  const from = Math.max(0, words.length - CUT_MARK_REACH);
  for (let i = from; i < words.length; i++) {
    const mark = CUT_MARKS.find((marks) => marks.every((word, k) => words[i + k] === word));
    // "more" alone only as the last word ("(more…)"); "the post" only before WordPress's "appeared first on"
    if (mark === undefined || (mark.length === 1 && i !== words.length - 1)) continue;
    if (mark[0] === 'the' && !words.slice(i + 2).join(' ').includes('appeared first on')) continue;
    return words.slice(0, i);
  }
  return words;
}

/**
 * Whether `short` is the opening of `long`: MIN_TEASER_WORDS to MAX_TEASER_WORDS of its words, all but the last word
 * for word and the last the start of the word in its place (a summary cut mid-word), with `long` going on after them.
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
