import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../src/model/index.ts';
import { findAttributions } from '../../src/stance/find-attributions.ts';
import { tokenize } from '../../src/stance/tokenize.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';

function score(text: string): ScoreResult {
  return pauseScorer.score({ title: null, text });
}

function actorsOf(text: string): string[] {
  return findAttributions(text, tokenize(text), { previousActor: null }).map((attribution) => attribution.actor);
}

describe('"call" as a verb with a plural subject reports its speaker\'s call, as "called" does', () => {
  it.each([
    ['Researchers call for a pause of frontier AI development.', 'Researchers'],
    ['Researchers called for a pause of frontier AI development.', 'Researchers'],
    ['Scientists and ethicists call for a moratorium on frontier AI.', 'Scientists and ethicists'],
    ['Critics in Europe call for a pause of frontier AI training.', 'Critics in Europe'],
    ['Dozens of ethicists now call for a halt to frontier AI training.', 'Dozens of ethicists'],
    ['Unions will call for a halt to frontier AI training.', 'Unions'],
    ['Unions urge a moratorium on frontier AI.', 'Unions'],
  ])('"%s" supports the pause, its speaker supporting', (text, actor) => {
    const result = score(text);
    expect(result.stance?.label).toBe('support');
    expect(result.stance?.score).toBeGreaterThan(0);
    expect(result.stance?.evidence.every((evidence) => evidence.weight >= 0)).toBe(true);
    expect(result.voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });

  it('the present and the past tense of the same report get the same side', () => {
    const present = score('Researchers call for a pause of frontier AI development.');
    const past = score('Researchers called for a pause of frontier AI development.');
    expect(present.stance?.label).toBe(past.stance?.label);
    expect(Math.sign(present.stance?.score ?? 0)).toBe(Math.sign(past.stance?.score ?? 0));
  });

  it('a rejected call is the rejecter\'s opposition, "call" or "calls"', () => {
    for (const text of ['Minister rejects call for a pause of frontier AI.', 'Minister rejects calls for a pause of frontier AI.']) {
      const result = score(text);
      expect(result.stance?.label, text).toBe('oppose');
      expect(result.voices, text).toContainEqual(expect.objectContaining({ actor: 'Minister', stance: 'oppose' }));
    }
  });
});

describe('"call" and "calls" as nouns take no side: the rest of the sentence decides', () => {
  it.each([
    'The call for a pause of frontier AI is naive.',
    'Calls for a pause of frontier AI are naive.',
    "The researchers' call for a pause of frontier AI is naive.",
    'The Anthropic call for a pause of frontier AI is naive.',
    'Renewed calls for a moratorium on frontier AI are naive.',
  ])('"%s" opposes the pause', (text) => {
    const result = score(text);
    expect(result.stance?.label).toBe('oppose');
    expect(result.stance?.evidence[0]?.weight).toBeLessThan(0);
  });

  it('a noun "call" names no speaker: "The researchers\' call", "Lab ignores call", "The Anthropic call"', () => {
    expect(actorsOf("The researchers' call for a pause of frontier AI is naive.")).toEqual([]);
    expect(actorsOf('Lab ignores call for AI pause.')).toEqual([]);
    expect(actorsOf('The Anthropic call for a pause is self-serving and should be rejected.')).toEqual([]);
    // The verb still does.
    expect(actorsOf('Critics in Europe call it an American power play.')).toEqual(['Critics in Europe']);
    expect(actorsOf('Supporters will call it cheap insurance.')).toEqual(['Supporters']);
  });

  it('reporting that calls exist is no support: "Amid calls for a pause" and "Lab ignores call" are not support', () => {
    expect(score('Amid calls for a pause of frontier AI, labs kept training.').stance?.label).not.toBe('support');
    expect(score('Lab ignores call for a pause of frontier AI.').stance?.label).not.toBe('support');
  });
});

describe('a passive endorsement in a relative clause', () => {
  const text = 'The moratorium, which is backed by dozens of researchers, would halt training runs.';

  it('supports the pause, with the agent as the voice of the phrase it backs, not of the rest of the sentence', () => {
    const result = score(text);
    expect(result.stance?.label).toBe('support');
    expect(result.stance?.evidence[0]?.weight).toBeGreaterThan(0);
    expect(result.voices).toEqual([
      expect.objectContaining({ actor: 'dozens of researchers', stance: 'support', quote: 'The moratorium, which is backed by dozens of researchers' }),
    ]);
  });

  it('the phrase backed starts at its determiner, after a clause of the writer\'s own', () => {
    const result = score('Labs should honour the moratorium, which is backed by dozens of researchers.');
    expect(result.stance?.label).toBe('support');
    expect(result.voices).toContainEqual(expect.objectContaining({
      actor: 'dozens of researchers', stance: 'support', quote: 'the moratorium, which is backed by dozens of researchers',
    }));
  });

  it('a relative clause about anything else takes no side', () => {
    expect(score('OpenAI, which is backed by Microsoft, is racing ahead with frontier AI training.').stance?.label).not.toBe('support');
  });

  it('a call in a relative clause inside what someone else says is theirs to report, not the callers\' voice', () => {
    for (const text of [
      'Researchers who call for a pause of frontier AI development are naive, said the chief executive of a large lab.',
      'Researchers who call for a pause of frontier AI development are naive, the chief executive of a large lab said.',
    ]) {
      const result = score(text);
      expect(result.stance?.label, text).toBe('oppose');
      expect(result.voices, text).toEqual([expect.objectContaining({ actor: 'the chief executive of a large lab', stance: 'oppose' })]);
    }
    expect(score('Dario Amodei, who called for a pause of frontier AI development, said the labs should wait together.').voices)
      .toEqual([expect.objectContaining({ actor: 'Dario Amodei', stance: 'support' })]);
  });

  it('reads an endorsement in a participle between commas as the relative clause, with the agent as the voice', () => {
    const result = score('The moratorium, endorsed by Yoshua Bengio and Stuart Russell, would halt frontier AI training for six months.');
    expect(result.stance?.label).toBe('support');
    expect(result.voices).toEqual([
      expect.objectContaining({ actor: 'Yoshua Bengio and Stuart Russell', stance: 'support', quote: 'The moratorium, endorsed by Yoshua Bengio and Stuart Russell' }),
    ]);
  });

  it('names no voice for an agent that backs something other than the pause', () => {
    for (const text of [
      'OpenAI, backed by Microsoft, is racing ahead with frontier AI training despite calls for a pause.',
      'OpenAI, which is backed by Microsoft, is racing ahead with frontier AI training despite a proposed pause.',
    ]) expect(score(text).voices, text).toEqual([]);
  });

  it('names no voice for what the writer says someone should do', () => {
    expect(score('The White House should reject calls for a pause and write rules instead.').voices).toEqual([]);
    expect(score('The White House rejected calls for a pause and wrote that rules would come instead.').voices)
      .toEqual([expect.objectContaining({ actor: 'The White House', stance: 'oppose' })]);
  });

  it('a denied endorsement, or one by no one, names no voice', () => {
    for (const text of [
      'The moratorium, which is not backed by any lab, would halt training runs.',
      'The moratorium, which is not backed by Google DeepMind, would halt training runs.',
      "The moratorium isn't supported by the major labs.",
      'The moratorium is backed by no lab.',
    ]) expect(score(text).voices, text).toEqual([]);
  });
});
