import { describe, expect, it } from 'vitest';
import { voiceInArticle } from '../helpers/pause-topic.ts';

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
    // (a review of 2.5.142) more modals, undoings, openings, and what the pause is on
    ["The trade group said the pause shouldn't be enforced.", 'The trade group = oppose'],
    ['Republican lawmakers said the halt has to be overturned.', 'Republican lawmakers = oppose'],
    ['The moratorium should have been extended, Bengio said.', 'Bengio = support'],
    ['The pause has to end, the CEO said.', 'the CEO = oppose'],
    ['Investors say the pause must end.', 'Investors = oppose'],
    ['The moratorium should be phased out, the senator said.', 'the senator = oppose'],
    ['The pause must be brought to an end, the trade group said.', 'the trade group = oppose'],
    ['Senator Cruz told reporters the moratorium should be scrapped.', 'Senator Cruz = oppose'],
    ['Senator Cruz contends the moratorium should be lifted.', 'Senator Cruz = oppose'],
    ['Senator Lopez said the proposed six-month moratorium on frontier AI training should be dropped.', 'Senator Lopez = oppose'],
    ['Geoffrey Hinton said the freeze on frontier training has to be kept in place.', 'Geoffrey Hinton = support'],
    ['The Anthropic-backed moratorium should be lifted, Senator Cruz said.', 'Senator Cruz = oppose'],
    ['The pause should be lifted as soon as possible, Senator Young said.', 'Senator Young = oppose'],
    ['The moratorium should be lifted once and for all, Senator Cruz said.', 'Senator Cruz = oppose'],
    // (a review of 2.5.146-2.5.148) "had to" in the speaker's words, the pause on AI development
    ['Senator Ruiz said the moratorium had to be extended.', 'Senator Ruiz = support'],
    ['Senator Lopez said the pause on AI development should be extended.', 'Senator Lopez = support'],
    // after an opening adverb, in a statement, in a relative clause describing the speaker
    ['"Frankly, this moratorium should be scrapped," said Senator Ted Budd.', 'Senator Ted Budd = oppose'],
    ['Senator Cruz said in a statement the pause must end.', 'Senator Cruz = oppose'],
    ['Senator Lopez, who says the pause should be lifted, will chair the hearing.', 'Senator Lopez = oppose'],
    ['Senator Ted Cruz mocked critics who said the pause should be lifted.', 'Senator Ted Cruz = support'],
    // (a review of 2.5.152-2.5.154) AI systems, the modal found back from its "be"
    ['The moratorium on AI systems should be lifted, the senator said.', 'the senator = oppose'],
    ['The moratorium should have been extended, Bengio said.', 'Bengio = support'],
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
      // (a review of 2.5.142) a claim no rejection takes, a report of what was done, an undoing on a condition
      'Senator Lopez called the argument that the pause should be lifted absurd.',
      'Bengio countered the claim that the moratorium should end.',
      'The pause has had to be extended twice, officials said.',
      'The pause should be lifted as soon as the labs agree on verification, Senator Young said.',
      'Senator Lopez said the moratorium on evictions should be lifted.',
      'The pause should be rolled out quickly, the senator said.',
      // (a review of 2.5.143-2.5.145) a report of what had to be done, a condition after an adverb, a pause on AI use in
      // schools, others' view reported
      'The pause had to be extended twice because the talks stalled, officials said.',
      'The pause should be lifted early when the treaty collapses, officials said.',
      'The freeze on AI use in classrooms should be lifted, the school board said.',
      'Senator Lopez said many executives say the pause should be lifted.',
      'Senator Lopez noted that many in the industry think the moratorium should be scrapped.',
      'Senator Lopez said the moratorium on AI in weapons systems should be extended.',
      // what has been done is a report, no call
      'The pause has been lifted, officials said.',
      'The moratorium on labs that have ignored safety should be lifted, Senator Lopez said.',
    ]) {
      expect(voiceInArticle(sentence) ?? 'none', sentence).not.toMatch(/= (?:support|oppose)$/);
    }
  });
});
