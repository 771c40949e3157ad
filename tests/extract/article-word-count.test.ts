import { describe, expect, it } from 'vitest';
import { articleWordCount } from '../../src/extract/article-words.ts';
import { countWords } from '../../src/extract/count-words.ts';

/**
 * An article's word count: what spaces separate, plus half a word for each character of a script written without
 * spaces (Thai, Lao, Myanmar, Khmer, kana, CJK ideographs), wherever in the text those characters stand.
 */
describe('articleWordCount', () => {
  it('counts a text in a spaced script as its words', () => {
    expect(articleWordCount('Labs should pause — “now”, say analysts.')).toBe(6);
    expect(articleWordCount('')).toBe(0);
  });

  it('adds half a word for each unspaced character, after any run of Latin text', () => {
    // "Geneva" + the run 代表団が合意した (one spaced word, 8 characters: +4)
    expect(articleWordCount('Geneva 代表団が合意した')).toBe(2 + 4);
    const latin = 'word '.repeat(5000);
    expect(articleWordCount(`${latin}一時停止`)).toBe(5000 + 1 + 2);
  });

  it('counts Thai, Khmer and CJK compatibility ideographs, and rounds half words down', () => {
    // their vowel signs are marks, which split what countWords counts
    expect(articleWordCount('หยุดชั่วคราว')).toBe(countWords('หยุดชั่วคราว') + 6); // 12 Thai code units
    expect(articleWordCount('ការផ្អាក')).toBe(countWords('ការផ្អាក') + 4); // 8 Khmer code units
    expect(articleWordCount('豈')).toBe(1); // U+F900: one word, half a word rounded down
  });
});
