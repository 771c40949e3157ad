/**
 * How much of one text another holds, in runs of words: whether a JSON-LD `articleBody` is the article the page shows
 * (see html.ts). Pure; O(words of both).
 */

/** Characters of scripts written without spaces (as article-words.ts counts them): each is a word of its own here. */
const UNSPACED = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
const UNSPACED_OR_RUN = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;

/** Words in lower case: runs of letters and digits, and each character of a script written without spaces. */
function wordsOf(text: string): string[] {
  const words: string[] = [];
  // a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}]{1,1000}/gu) ?? []) {
    // one by one: a run may be a page of characters, more than a call can take arguments
    if (UNSPACED.test(run)) for (const word of run.match(UNSPACED_OR_RUN) ?? []) words.push(word);
    else words.push(run);
  }
  return words;
}

/** Words taken three at a time, as a key each. */
const SHINGLE = 3;

/**
 * Characters of `other` looked at: more than the longest articles have, so a hostile page's megabytes of JSON-LD
 * body cost no more than an article's; what a page shows of a longer one (a teaser's lead) is at its start.
 */
const MAX_OTHER_CHARS = 200_000;

function shingleAt(words: readonly string[], i: number): string {
  return `${words[i]} ${words[i + 1]} ${words[i + 2]}`;
}

/**
 * The share of `text`'s runs of three words that `other` holds as well, from 0 (none: another article) to 1 (all of
 * them: `text` is a part of `other`, as a teaser is of its article). 0 for a text of fewer than three words.
 */
export function sharedShare(text: string, other: string): number {
  const words = wordsOf(text);
  const own = new Set<string>();
  for (let i = 0; i + SHINGLE <= words.length; i++) own.add(shingleAt(words, i));
  if (own.size === 0) return 0;
  // `other` may be far longer (a JSON-LD body of megabytes): its runs are looked up, not kept, and only those that
  // start with a word of `text` are made at all
  const starts = new Set(words);
  const otherWords = wordsOf(other.length > MAX_OTHER_CHARS ? other.slice(0, MAX_OTHER_CHARS) : other);
  const found = new Set<string>();
  for (let i = 0; i + SHINGLE <= otherWords.length; i++) {
    if (!starts.has(otherWords[i]!)) continue;
    const shingle = shingleAt(otherWords, i);
    if (own.has(shingle)) found.add(shingle);
  }
  return found.size / own.size;
}
