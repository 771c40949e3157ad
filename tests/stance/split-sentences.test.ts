import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/stance/index.ts';

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

  it('reports where each sentence starts in the input', () => {
    const text = 'First one.  Second one.';
    for (const sentence of splitSentences(text)) expect(text.slice(sentence.start, sentence.start + sentence.text.length)).toBe(sentence.text);
  });
});
