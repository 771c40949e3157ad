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
 * Added to the class of a code unit isUnspaced accepts, in unitClass: the loops note such a unit as they pass it, so
 * countWords can tell its caller whether the text holds one (see UnspacedSeen) without a search of its own.
 */
const UNSPACED_FLAG = 4;

/**
 * Whether a UTF-16 code unit is a character of a script written without spaces between words: Thai, Lao, Myanmar,
 * Khmer, Hiragana, Katakana and the CJK ideographs. Ranges of code units rather than a \p{Script} regex: this runs over
 * every character of every page.
 */
export function isUnspaced(unit: number): boolean {
  return (
    (unit >= 0x0e00 && unit <= 0x0eff) ||
    (unit >= 0x1000 && unit <= 0x109f) ||
    (unit >= 0x1780 && unit <= 0x17ff) ||
    (unit >= 0x3040 && unit <= 0x30ff) ||
    (unit >= 0x3400 && unit <= 0x4dbf) ||
    (unit >= 0x4e00 && unit <= 0x9fff) ||
    (unit >= 0xf900 && unit <= 0xfaff)
  );
}

/** Set by countWords when the text holds a code unit isUnspaced accepts; left as it was otherwise. */
export interface UnspacedSeen {
  unspaced: boolean;
}

/**
 * The class of every code unit seen so far, looked up inline in countWords's loops (a call and a Map lookup per
 * character were most of its cost); plus UNSPACED_FLAG for a unit isUnspaced accepts.
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

/** Passed for `seen` by callers that do not ask. */
const NOT_ASKED: UnspacedSeen = { unspaced: false };

/**
 * The class of the code point at `i` plus 4 times its width in code units (1, or 2 for a surrogate pair); notes in
 * `seen` a code unit isUnspaced accepts.
 */
function classAndWidthAt(text: string, i: number, seen: UnspacedSeen): number {
  const unit = text.charCodeAt(i);
  if (unit < 0xd800 || unit > 0xdbff) {
    let known = unitClass[unit]!;
    if (known === LOOK_CLOSER) unitClass[unit] = known = classOfCodePoint(unit) + (isUnspaced(unit) ? UNSPACED_FLAG : 0);
    if (known >= UNSPACED_FLAG) {
      seen.unspaced = true;
      known -= UNSPACED_FLAG;
    }
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

/**
 * @param seen set to say the text holds a code unit isUnspaced accepts, which countWords meets on its way (each code
 * unit is read from unitClass or through classAndWidthAt, and carries UNSPACED_FLAG in both): articleWordCount needs
 * no search for one
 */
export function countWords(text: string, seen: UnspacedSeen = NOT_ASKED): number {
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
      let known = unitClass[units[i]!]!;
      if (known >= UNSPACED_FLAG) {
        seen.unspaced = true;
        known -= UNSPACED_FLAG;
      }
      if (known === OTHER_CLASS) {
        i++;
        continue;
      }
      if (known !== LOOK_CLOSER) break;
      const classAndWidth = classAndWidthAt(text, i, seen);
      if ((classAndWidth & 3) !== OTHER_CLASS) break;
      i += classAndWidth >> 2;
    }
    count++;
    // in a word: to the first code point that is neither
    for (;;) {
      if (i >= length) return count;
      let known = unitClass[units[i]!]!;
      if (known <= NUMBER_CLASS) {
        i++;
        continue;
      }
      if (known >= UNSPACED_FLAG) {
        seen.unspaced = true;
        known -= UNSPACED_FLAG;
        if (known <= NUMBER_CLASS) {
          i++;
          continue;
        }
      }
      if (known === OTHER_CLASS) break;
      const classAndWidth = classAndWidthAt(text, i, seen);
      if ((classAndWidth & 3) === OTHER_CLASS) break;
      i += classAndWidth >> 2;
    }
    const unit = units[i]!;
    if ((unit === 0x27 || unit === 0x2019) && i + 1 < length && (classAndWidthAt(text, i + 1, seen) & 3) === LETTER_CLASS) {
      // the apostrophe and the letters after it end the word, as the pattern's optional tail does
      i += 1;
      while (i < length) {
        const tail = classAndWidthAt(text, i, seen);
        if ((tail & 3) !== LETTER_CLASS) break;
        i += tail >> 2;
      }
    } else {
      // past the code point that ended the word; of a surrogate pair, its low half is neither letter nor digit alone
      i++;
    }
  }
}
