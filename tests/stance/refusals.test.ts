import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../src/model/index.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';

function score(text: string): ScoreResult {
  return pauseScorer.score({ title: null, text });
}

/**
 * Refusing or declining to sign, back, endorse or join a call for the pause is not doing it: it opposes the call. What
 * is refused is read as the text that is refused says it: refusing to sign a letter against the pause opposes none.
 */
describe('refusing to take up a call for the pause', () => {
  it.each([
    'The lab refuses to sign the pause letter.',
    'The lab declined to back the call for a pause.',
    'The minister declined to endorse the moratorium.',
    'The union refused to back calls to halt frontier AI development.',
    'The lab declined to sign the letter calling for a pause.',
  ])('opposes it: %s', (text) => {
    const result = score(text);
    expect(result.stance?.label).toBe('oppose');
    expect(result.voices.filter((voice) => voice.stance === 'support')).toEqual([]);
  });

  it('is the refuser\'s position in the digest\'s voices: "The lab refuses to sign" is the lab against', () => {
    expect(score('The lab refuses to sign the pause letter.').voices).toEqual([expect.objectContaining({ actor: 'The lab', stance: 'oppose' })]);
  });

  it('"Researchers who signed the 2023 letter declined to sign this one" are against this one', () => {
    const voices = score('Several researchers who signed the 2023 letter declined to sign this one.').voices;
    expect(voices).toEqual([expect.objectContaining({ actor: 'Several researchers', stance: 'oppose' })]);
  });

  it('"did not refuse to sign" is signing', () => {
    expect(score('The lab did not refuse to sign the pause letter.').stance?.label).not.toBe('oppose');
  });
});

describe('signing, or refusing to sign, a text against the pause', () => {
  it.each([
    'The union refused to sign a letter opposing the pause.',
    'The union refused to sign a letter against the pause.',
    'The union declined to sign the statement, which rejects the pause.',
    'The lab refused to sign a letter opposing the pause.',
  ])('refusing it opposes nothing: %s', (text) => {
    const result = score(text);
    expect(result.stance?.label).not.toBe('oppose');
    expect(result.voices).toEqual([expect.objectContaining({ actor: text.split(' refused')[0]!.split(' declined')[0], stance: 'support' })]);
  });

  it('signing it opposes the pause: "The union signed a letter opposing the pause"', () => {
    const result = score('The union signed a letter opposing the pause.');
    expect(result.stance?.label).toBe('oppose');
    expect(result.voices).toEqual([expect.objectContaining({ actor: 'The union', stance: 'oppose' })]);
  });
});

describe('a refusal that takes no position', () => {
  it.each([
    'The lab declined to comment on the pause.',
    'The lab declined to say whether it would back the pause.',
    'Anthropic declined to give details of the pause.',
  ])('declining to speak says nothing of the pause: %s', (text) => {
    expect(score(text).voices.filter((voice) => voice.stance !== 'neutral')).toEqual([]);
    expect(score(text).stance?.label).not.toBe('oppose');
  });

  it('a refusal supposed ("if any major developer refuses to join") or recommended is nobody\'s act', () => {
    expect(score('Unlike the 2023 letter, the June proposal contains an exit clause: if any major developer refuses to join within 90 days, the others are released.').voices).toEqual([]);
    expect(score('We recommend that member states decline to endorse the moratorium.').voices).toEqual([]);
  });
});
