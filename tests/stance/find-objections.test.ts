import { describe, expect, it } from 'vitest';
import { findObjections } from '../../src/stance/find-objections.ts';
import { splitSentences } from '../../src/stance/split-sentences.ts';
import { tokenize } from '../../src/stance/tokenize.ts';

function objections(text: string): boolean[] {
  return findObjections(splitSentences(text).map((sentence) => tokenize(sentence.text)));
}

describe('findObjections', () => {
  it('marks a critics\' claim that the next sentence answers', () => {
    expect(objections('Critics say a pause hands Beijing the lead. That is wrong: China is chip-constrained. Pause now.'))
      .toEqual([true, false, false]);
  });

  it('marks a supporters\' argument that an opponent dismisses with "but"', () => {
    expect(objections('Supporters say the pause is just brakes. But brakes slow your own car, not everyone else\'s.'))
      .toEqual([true, false]);
  });

  it('marks an interviewer\'s question, which the answer takes up or turns down', () => {
    expect(objections('Q: Isn\'t a pause just a gift to China? A: No. It is a truce everyone needs.')[0]).toBe(true);
  });

  it('leaves a plain report of critics unanswered by the passage unmarked', () => {
    expect(objections('Critics of the proposal warned on Tuesday that it would entrench incumbents. The company will publish details in July.'))
      .toEqual([false, false]);
  });

  it('leaves the author\'s own argument unmarked', () => {
    expect(objections('A verified pause is overdue. The labs should stop the largest runs now.')).toEqual([false, false]);
  });
});
