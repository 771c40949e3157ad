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

function sign(label: string): number {
  return label === 'support' ? 1 : label === 'oppose' ? -1 : 0;
}

describe('support in the passive: "X is supported by Y" is Y backing X', () => {
  it.each(['supported', 'backed', 'endorsed', 'welcomed'])('"The moratorium is %s by AI labs." supports the pause, AI labs speaking', (verb) => {
    const result = score(`The moratorium is ${verb} by AI labs.`);
    expect(result.stance?.label).toBe('support');
    expect(result.stance?.score).toBeGreaterThan(0);
    expect(result.stance?.evidence[0]?.weight).toBeGreaterThan(0);
    expect(result.voices).toContainEqual(expect.objectContaining({ actor: 'AI labs', stance: 'support' }));
  });

  it('with a longer subject, an adverb and a perfect: "has been widely praised by"', () => {
    const result = score('The pause on frontier AI training has been widely praised by safety researchers.');
    expect(result.stance?.label).toBe('support');
    expect(result.voices).toContainEqual(expect.objectContaining({ actor: 'safety researchers', stance: 'support' }));
  });

  it('negated, it is no support; the passive of an opposing verb opposes, its agent speaking', () => {
    expect(score('The moratorium is not supported by AI labs.').stance?.label).toBe('oppose');
    const opposed = score('The moratorium is opposed by AI labs.');
    expect(opposed.stance?.label).toBe('oppose');
    expect(opposed.voices).toContainEqual(expect.objectContaining({ actor: 'AI labs', stance: 'oppose' }));
  });

  it('the subject of a passive is not its speaker: praised by some, attacked by others, is both sides', () => {
    const text = 'The letter has been praised by some scientists and attacked by others as alarmist.';
    expect(actorsOf(text)).toEqual(['some scientists', 'others']);
    const result = score(text);
    expect(result.stance?.label).toBe('neutral');
    expect(result.voices).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: 'some scientists', stance: 'support' }),
    ]));
    // "others" alone is a share of a group, no speaker to show (quantities-and-headline-speakers.test.ts); its
    // statement still counts, and keeps the passage neutral.
    expect(result.voices.map((voice) => voice.actor)).not.toContain('others');
  });

  it('a passive inside a report is the reporter\'s statement, and "supported by the evidence" names no speaker', () => {
    expect(actorsOf('The pause is backed by AI labs, Anthropic said.')).toEqual(['Anthropic']);
    expect(actorsOf('The claim is not supported by the evidence.')).toEqual([]);
  });
});

describe('a short text\'s label agrees with the evidence it shows', () => {
  it('the proposer\'s own call, alone, is news that the proposal exists, not opposition shown with support as evidence', () => {
    const result = score('Anthropic calls for a pause of frontier AI development.');
    expect(result.stance?.label).toBe('neutral');
    expect(result.voices).toContainEqual(expect.objectContaining({ actor: 'Anthropic', stance: 'support' }));
  });

  it('the proposer\'s call with the labs\' backing supports the pause, every sentence of evidence toward it', () => {
    const result = score('Anthropic calls for a pause of frontier AI development. The moratorium is supported by AI labs.');
    expect(result.stance?.label).toBe('support');
    expect(result.stance?.evidence.length).toBeGreaterThan(0);
    expect(result.stance?.evidence.every((e) => e.weight > 0)).toBe(true);
  });

  // Speakers, what they are reported to do, and a second sentence: 600 short texts of every kind the scorer reads.
  const speakers = ['Anthropic', 'The letter', 'Researchers', 'Critics', 'Unions', 'The company', 'Several governments', 'AI labs', 'Safety researchers', 'The minister'];
  const reports = [
    'calls for a pause of frontier AI development.', 'called for a moratorium on frontier AI training.', 'urged a halt to frontier AI development.',
    'said the pause would hand the lead to rivals.', 'welcomed the slowdown of frontier AI.', 'questioned whether a pause of frontier AI could be verified.',
    'backs the proposed pause on frontier AI.', 'rejected calls to halt frontier AI development.', 'proposed a six-month freeze on frontier AI training.',
    'described the moratorium as a marketing ploy.', 'warned that frontier AI development is moving too fast.', 'signed the letter calling for a pause.',
  ];
  const seconds = ['', ' The moratorium is supported by AI labs.', ' Rivals will not stop.', ' The pause is overdue.', ' Others disagree.'];
  const texts = speakers.flatMap((speaker) => reports.flatMap((report) => seconds.map((second) => `${speaker} ${report}${second}`)));

  it('a side comes with a score of its sign and evidence led by a sentence of its sign, weighing toward it in all', () => {
    const contradicting: string[] = [];
    let sides = 0;
    for (const text of texts) {
      const stance = score(text).stance;
      if (stance === null || stance.label === 'neutral') continue;
      sides++;
      const side = sign(stance.label);
      const total = stance.evidence.reduce((sum, e) => sum + e.weight, 0);
      if (Math.sign(stance.score) !== side || Math.sign(stance.evidence[0]?.weight ?? 0) !== side || Math.sign(total) !== side) {
        contradicting.push(`${stance.label} ${stance.score} [${stance.evidence.map((e) => e.weight).join(', ')}] ${text}`);
      }
    }
    expect(sides).toBeGreaterThan(300);
    expect(contradicting).toEqual([]);
  });
});
