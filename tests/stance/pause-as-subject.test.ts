import { describe, expect, it } from 'vitest';
import { pauseScorer, asArticle } from '../helpers/pause-topic.ts';

/** The speaker and side the scorer gives a sentence inside an article, or undefined where it names no speaker. */
function voiceInArticle(sentence: string): string | undefined {
  const voice = pauseScorer.score({ title: null, text: asArticle(sentence) }).voices.find((each) => !each.actor.startsWith('Lawmakers'));
  return voice === undefined ? undefined : `${voice.actor} = ${voice.stance}`;
}

describe('the pause as a clause subject, with what should be done with it', () => {
  it.each([
    // its undoing opposes it, its keeping supports it
    ['Senator Lopez said the pause should be lifted.', 'Senator Lopez = oppose'],
    ['The moratorium should be scrapped, Senator Lopez said.', 'Senator Lopez = oppose'],
    ['Senator Lopez said the moratorium should end.', 'Senator Lopez = oppose'],
    ["Senator Lopez said Anthropic's proposed moratorium should be dropped.", 'Senator Lopez = oppose'],
    ["Senator Lopez said OpenAI's pause should be abandoned.", 'Senator Lopez = oppose'],
    ['Critics say the pause should be allowed to lapse.', 'Critics = oppose'],
    ['Senator Lopez said the moratorium must be extended.', 'Senator Lopez = support'],
    ['Senator Lopez said that the global moratorium should be kept in place.', 'Senator Lopez = support'],
    ['Campaigners said the halt should be extended until independent auditors are in place.', 'Campaigners = support'],
    // denied, or inside a rejected claim, the other way
    ['Senator Lopez said the pause should not be lifted.', 'Senator Lopez = support'],
    ["I don't think the pause should be lifted, Senator Lopez said.", 'Senator Lopez = support'],
    ['Senator Lopez rejected the idea that the pause should be lifted.', 'Senator Lopez = support'],
    ['Senator Lopez dismissed claims that the moratorium should end.', 'Senator Lopez = support'],
  ])('"%s": %s', (sentence, expected) => {
    expect(voiceInArticle(sentence)).toBe(expected);
  });

  it('takes no side for another pause, an object of another word, or an undoing bound by a condition', () => {
    for (const sentence of [
      'Senator Lopez said the hiring freeze should be lifted.',
      'Senator Lopez said exemptions from the pause should be scrapped.',
      'Senator Lopez said the pause should be lifted once the labs comply with inspections.',
      'Senator Lopez said the moratorium should be lifted only if inspectors certify the models.',
      'Senator Lopez asked whether the pause should be lifted.',
    ]) {
      expect(voiceInArticle(sentence) ?? 'none', sentence).not.toMatch(/= (?:support|oppose)$/);
    }
  });
});
