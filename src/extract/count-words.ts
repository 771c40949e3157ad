/**
 * Words as a reader counts them: runs of letters or digits, with an apostrophe and letters joined on ("don't",
 * "l’homme"). The count is that of the matches of /[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu, found without building them:
 * matching cost a stored article about 70 µs, mostly in making one string per word.
 */
const LETTER = /^\p{L}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Classes of the non-ASCII code points seen so far: 1 letter, 2 digit (or other number), 0 neither. */
const nonAsciiClass = new Map<number, number>();

function classOf(code: number): number {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return 1;
    return code >= 0x30 && code <= 0x39 ? 2 : 0;
  }
  let known = nonAsciiClass.get(code);
  if (known === undefined) {
    const char = String.fromCodePoint(code);
    known = LETTER.test(char) ? 1 : LETTER_OR_DIGIT.test(char) ? 2 : 0;
    // a text in a new script adds a few hundred entries; a hostile one cannot add more than Unicode has
    nonAsciiClass.set(code, known);
  }
  return known;
}

export function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if (classOf(code) !== 0) {
      if (!inWord) count++;
      inWord = true;
      i += width;
      continue;
    }
    if (inWord && (code === 0x27 || code === 0x2019) && i + 1 < text.length && classOf(text.codePointAt(i + 1)!) === 1) {
      // the apostrophe and the letters after it end the word, as the pattern's optional tail does
      i += 1;
      while (i < text.length) {
        const next = text.codePointAt(i)!;
        if (classOf(next) !== 1) break;
        i += next > 0xffff ? 2 : 1;
      }
    } else {
      i += width;
    }
    inWord = false;
  }
  return count;
}
