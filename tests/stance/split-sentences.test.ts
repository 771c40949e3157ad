import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/stance/index.ts';
import { MAX_SENTENCE_CHARS } from '../../src/stance/split-sentences.ts';

describe('splitSentences', () => {
  it('keeps abbreviations and initials inside their sentence', () => {
    const sentences = splitSentences('Dr. Amara Osei of the U.S. lab spoke first. Then J. Clark replied.').map((s) => s.text);
    expect(sentences).toEqual(['Dr. Amara Osei of the U.S. lab spoke first.', 'Then J. Clark replied.']);
  });

  it('ends a sentence after a closing quote and at every line break', () => {
    const sentences = splitSentences('"We must pause," she said. "Now."\nKey Points\nA line without a period').map((s) => s.text);
    expect(sentences).toEqual(['"We must pause," she said.', '"Now."', 'Key Points', 'A line without a period']);
  });

  it('splits where scraped text lost the space after a period', () => {
    expect(splitSentences('It was a marketing ploy.These skeptics disagree.').map((s) => s.text))
      .toEqual(['It was a marketing ploy.', 'These skeptics disagree.']);
  });

  it('does not end a sentence at a title that ends a line: a hard-wrapped "said Dr." goes on with the name', () => {
    const text = 'A verified global pause is overdue, said Dr.\nHelen Marsh. The labs disagree.\nKey Points';
    const sentences = splitSentences(text);
    expect(sentences.map((sentence) => sentence.text)).toEqual([
      'A verified global pause is overdue, said Dr. Helen Marsh.', 'The labs disagree.', 'Key Points',
    ]);
    // the line break inside the sentence reads as a space; offsets stay the input's
    for (const sentence of sentences) expect(text.slice(sentence.start, sentence.start + sentence.text.length).replace('\n', ' ')).toBe(sentence.text);
  });

  it.each([
    'Labs must agree to a pause, said Gen. (ret.) Helen Marsh.',
    'Labs must agree to a pause, said Capt. Helen Marsh.',
    'Labs must agree to a pause, said Rev. Helen Marsh.',
    'Labs must agree to a pause, said Col. (ret.)\nHelen Marsh.',
  ])('does not end a sentence at a title before a name: %j', (text) => {
    expect(splitSentences(text)).toHaveLength(1);
  });

  it('reports where each sentence starts in the input', () => {
    const text = 'First one.  Second one.';
    for (const sentence of splitSentences(text)) expect(text.slice(sentence.start, sentence.start + sentence.text.length)).toBe(sentence.text);
  });
});

describe('a sentence longer than MAX_SENTENCE_CHARS', () => {
  it('is cut at spaces into pieces no longer than it, which keep their offsets and every word', () => {
    const line = Array.from({ length: 700 }, (_v, i) => `word${i}`).join(' ');
    const text = `Intro.\n${line}`;
    const sentences = splitSentences(text);
    expect(sentences[0]!.text).toBe('Intro.');
    const pieces = sentences.slice(1);
    expect(pieces.length).toBeGreaterThan(4);
    for (const piece of pieces) {
      expect(piece.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(text.slice(piece.start, piece.start + piece.text.length)).toBe(piece.text);
      expect(piece.text).not.toMatch(/^ | $/);
    }
    expect(pieces.map((piece) => piece.text).join(' ')).toBe(line);
  });

  it('cuts a word longer than the limit at the limit', () => {
    const sentences = splitSentences('x'.repeat(2 * MAX_SENTENCE_CHARS + 5));
    expect(sentences.map((sentence) => sentence.text.length)).toEqual([MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 5]);
  });
});
