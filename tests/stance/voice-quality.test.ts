import { describe, expect, it } from 'vitest';
import type { Voice } from '../../src/model/index.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';

function voicesOf(text: string, title: string | null = null): Voice[] {
  return pauseScorer.score({ title, text }).voices;
}

function quoteOf(voices: readonly Voice[], actor: string): string {
  const voice = voices.find((v) => v.actor === actor);
  if (voice === undefined) throw new Error(`no voice of ${actor} in ${JSON.stringify(voices)}`);
  return voice.quote;
}

describe('a quote ends at a clause boundary', () => {
  it('a statement cut off by the next speaker ends before the clause that speaker opens', () => {
    const voices = voicesOf('Safety researchers called the slowdown "the least the industry owes us," while investors warned it would chase capital abroad.');
    expect(quoteOf(voices, 'Safety researchers')).toBe('called the slowdown "the least the industry owes us"');
    expect(quoteOf(voices, 'investors')).toBe('warned it would chase capital abroad.');
  });

  it('a trailing "and" or "while" is never the end of a quote', () => {
    for (const text of [
      'Teachers in Ohio endorsed the freeze on frontier AI training, and venture investors said it would cost jobs.',
      'Campaigners argue that a moratorium on frontier AI would give regulators a head start, while economists counter that it would only shift the work elsewhere.',
    ]) {
      for (const voice of voicesOf(text)) expect(voice.quote).not.toMatch(/\b(and|while|or|but)$|,$/);
    }
  });

  it('a quotation closed inside the statement keeps both its marks', () => {
    const voices = voicesOf('The chair of the ethics board said a verified pause of frontier AI training would be "a sensible step."');
    expect(voices[0]!.quote).toBe('said a verified pause of frontier AI training would be "a sensible step."');
  });
});
