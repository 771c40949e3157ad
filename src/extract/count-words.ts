/**
 * Words as a reader counts them: runs of letters or digits, with an apostrophe and letters joined on ("don't",
 * "l’homme"). The count is that of the matches of /[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu, found without building them:
 * matching cost a stored article about 70 µs, mostly in making one string per word.
 */
const LETTER = /^\p{L}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Classes of code points: a letter (\p{L}), another number (\p{N}), or neither. */
const LETTER_CLASS = 0;
const NUMBER_CLASS = 1;
const OTHER_CLASS = 2;
/** Not a class: a code unit not seen yet, or a high surrogate (whose class is that of the pair it starts). */
const LOOK_CLOSER = 3;

/**
 * The class of every code unit seen so far, looked up inline in countWords's loops (a call and a Map lookup per
 * character were most of its cost).
 */
const unitClass = new Uint8Array(0x10000).fill(LOOK_CLOSER);
/** Classes of the code points beyond U+FFFF seen so far; a hostile text cannot add more than Unicode has. */
const astralClass = new Map<number, number>();

for (let code = 0; code < 0x80; code++) {
  const letter = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  unitClass[code] = letter ? LETTER_CLASS : code >= 0x30 && code <= 0x39 ? NUMBER_CLASS : OTHER_CLASS;
}

function classOfCodePoint(code: number): number {
  const char = String.fromCodePoint(code);
  return LETTER.test(char) ? LETTER_CLASS : LETTER_OR_DIGIT.test(char) ? NUMBER_CLASS : OTHER_CLASS;
}

/** The class of the code point at `i` plus 4 times its width in code units (1, or 2 for a surrogate pair). */
function classAndWidthAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdbff) {
    let known = unitClass[unit]!;
    if (known === LOOK_CLOSER) unitClass[unit] = known = classOfCodePoint(unit);
    return known + 4;
  }
  const low = text.charCodeAt(i + 1);
  // a high surrogate without its low one is a code point of its own, neither letter nor digit
  if (!(low >= 0xdc00 && low <= 0xdfff)) return OTHER_CLASS + 4;
  const code = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  let known = astralClass.get(code);
  if (known === undefined) astralClass.set(code, (known = classOfCodePoint(code)));
  return known + 8;
}

/**
 * A text's code units are copied into a typed array before the loops read them: reading one is about twice as fast
 * as charCodeAt, and the native copy costs a tenth of that. The array is reused; a longer text gets its own.
 */
const REUSED_UNITS = 1 << 16;
const reusedUnits = new Uint16Array(REUSED_UNITS);
const reusedBytes = Buffer.from(reusedUnits.buffer);
/** Buffer writes UTF-16 little-endian; a typed array reads in the machine's byte order. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function countWords(text: string): number {
  const length = text.length;
  let units = reusedUnits;
  let bytes = reusedBytes;
  if (length > REUSED_UNITS) {
    units = new Uint16Array(length);
    bytes = Buffer.from(units.buffer);
  }
  if (LITTLE_ENDIAN) bytes.write(text, 0, 'utf16le');
  else for (let i = 0; i < length; i++) units[i] = text.charCodeAt(i);
  let count = 0;
  let i = 0;
  for (;;) {
    // between words: to the next letter or digit
    for (;;) {
      if (i >= length) return count;
      const known = unitClass[units[i]!]!;
      if (known === OTHER_CLASS) {
        i++;
        continue;
      }
      if (known !== LOOK_CLOSER) break;
      const classAndWidth = classAndWidthAt(text, i);
      if ((classAndWidth & 3) !== OTHER_CLASS) break;
      i += classAndWidth >> 2;
    }
    count++;
    // in a word: to the first code point that is neither
    for (;;) {
      if (i >= length) return count;
      const known = unitClass[units[i]!]!;
      if (known <= NUMBER_CLASS) {
        i++;
        continue;
      }
      if (known === OTHER_CLASS) break;
      const classAndWidth = classAndWidthAt(text, i);
      if ((classAndWidth & 3) === OTHER_CLASS) break;
      i += classAndWidth >> 2;
    }
    const unit = units[i]!;
    if ((unit === 0x27 || unit === 0x2019) && i + 1 < length && (classAndWidthAt(text, i + 1) & 3) === LETTER_CLASS) {
      // the apostrophe and the letters after it end the word, as the pattern's optional tail does
      i += 1;
      while (i < length) {
        const tail = classAndWidthAt(text, i);
        if ((tail & 3) !== LETTER_CLASS) break;
        i += tail >> 2;
      }
    } else {
      // past the code point that ended the word; of a surrogate pair, its low half is neither letter nor digit alone
      i++;
    }
  }
}
