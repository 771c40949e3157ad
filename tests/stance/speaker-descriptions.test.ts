import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../src/model/index.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';

function score(text: string): ScoreResult {
  return pauseScorer.score({ title: null, text });
}

/**
 * A relative clause that describes a speaker by an earlier act ("Researchers who signed the open letter") tells who
 * they are. What they are reported to do in the main clause is their position; the description gives it only where
 * the main clause takes none, and it is never the passage's own position.
 */
describe('a relative clause describing the speaker is not their statement', () => {
  it('"Researchers who signed the open letter disagreed": the signing is no support of the researchers\' or the passage\'s', () => {
    const result = score('Researchers who signed the open letter disagreed.');
    expect(result.stance?.label).not.toBe('support');
    expect(result.voices.filter((voice) => voice.stance === 'support')).toEqual([]);
  });

  it.each([
    'Researchers who have signed the open letter were split.',
    'Scientists who urged a pause last year have since changed their minds.',
  ])('dissent or second thoughts in the main clause keep the description\'s side from the speaker: %s', (text) => {
    const voice = score(text).voices.find((v) => /^(Researchers|Scientists)$/.test(v.actor));
    expect(voice?.quote).not.toMatch(/signed|urged/);
  });

  it('a description before a report is no part of the passage\'s own position ("... who signed the open letter said the pause was a mistake")', () => {
    const result = score('Researchers who signed the open letter said the pause was a mistake.');
    expect(result.stance?.label).toBe('oppose');
    expect(result.voices).toEqual([expect.objectContaining({ actor: 'Researchers', stance: 'oppose', quote: 'said the pause was a mistake.' })]);
  });

  it('in an article, the described speaker who disagrees is no supporter', () => {
    const text = [
      'Hundreds of scientists urged a coordinated pause of frontier AI development on Monday.',
      'Researchers who signed the open letter disagreed.',
      'The debate is expected to continue at a summit in Seoul next month.',
    ].join('\n\n');
    const result = pauseScorer.score({ title: 'Scientists urge AI pause', text });
    expect(result.voices.find((voice) => voice.actor === 'Researchers')?.stance).not.toBe('support');
  });

  it.each([
    ['Critics who backed the renewed call for a pause spoke first.', 'Critics'],
    ['Critics who renewed their call for a pause spoke first.', 'Critics'],
  ])('a main clause that takes no position leaves the description\'s side: %s', (text, actor) => {
    expect(score(text).voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });

  it.each([
    ['Economists who warn that a pause dents growth are measuring the wrong thing.', 'Economists'],
    ['Analysts who think a pause would be a costly mistake spoke first.', 'Analysts'],
  ])('a clause the relative verb takes, with or without "that", is no main clause: %s', (text, actor) => {
    expect(score(text).voices).toContainEqual(expect.objectContaining({ actor, stance: 'oppose' }));
  });
});
