import { describe, expect, it } from 'vitest';
import * as lexicon from '../../src/stance/pause-lexicon.ts';
import { createPassageAnalyser } from '../../src/stance/pause-proposal-scorer.ts';
import { tokenize } from '../../src/stance/tokenize.ts';
import { asArticle, pauseScorer, pauseTopic } from '../helpers/pause-topic.ts';

/** Every phrase of the lexicon, by the name of the list it is in. */
function lexiconPhrases(): [list: string, phrase: string][] {
  const phrases: [string, string][] = [];
  for (const [list, value] of Object.entries(lexicon)) {
    const entries: unknown[] = Array.isArray(value) ? value : value instanceof Set ? [...value] : [];
    for (const entry of entries) {
      const phrase = typeof entry === 'string' ? entry : (entry as { pattern?: unknown }).pattern;
      if (typeof phrase === 'string') phrases.push([list, phrase]);
    }
  }
  return phrases;
}

describe('the lexicon', () => {
  it('names only words the tokenizer gives: a contraction whole ("we\'re", "won\'t"), a possessive without its "\'s"', () => {
    // "'re", "today's" or "a.i" in a phrase never matched anything: the text's tokens are "we're", "today", "a" "i"
    const unmatchable: string[] = [];
    const phrases = lexiconPhrases();
    for (const [list, phrase] of phrases) {
      for (const slot of phrase.trim().split(/\s+/)) {
        if (/^~\d+$/.test(slot)) continue;
        for (const alternative of slot.replace(/\?$/, '').split('|')) {
          if (alternative.endsWith('*')) continue;
          const tokens = tokenize(alternative);
          if (tokens.length !== 1 || tokens[0]!.word !== alternative) unmatchable.push(`${list}: "${alternative}" in ${phrase}`);
        }
      }
    }
    expect(phrases.length).toBeGreaterThan(400);
    expect(unmatchable).toEqual([]);
  });

  it('reads phrases once dead: contractions, a two-word alternative, "A.I."', () => {
    // long enough for the rules to decide, not the learned layer that reads passages
    const sideOf = (sentence: string) => pauseScorer.score({ title: null, text: asArticle(sentence) }).voices
      .find((voice) => !voice.actor.startsWith('Lawmakers'))?.stance;
    for (const sentence of [
      '"We\'re ready to provide inspectors for the pause," Albers said.',
      '"We\'ll back it," Senator Jane Doe said of the pause.',
      '"It\'s the only option we have left," Senator Jane Doe said of the pause.',
    ]) expect(sideOf(sentence), sentence).toBe('support');
    for (const sentence of [
      '"Hard no," Senator Jane Doe said of the pause.',
      '"Count me out," Senator Jane Doe said of the pause.',
      'OpenAI said it won\'t join the pause.',
      '"I am not open to an arrangement in which American companies stop and everyone else keeps going," Haldane said.',
    ]) expect(sideOf(sentence), sentence).toBe('oppose');
    // a report that spells the domain "A.I." (as some papers' house style does) is about it
    const report = Array.from({ length: 12 }, (_, i) => `Lawmakers in committee ${i + 1} discussed the proposed pause on A.I. training on Tuesday.`);
    expect(pauseScorer.score({ title: 'Senators weigh an A.I. pause', text: report.join(' ') }).relevance.relevant).toBe(true);
    // "the A.I. freeze" names the proposal as "the AI freeze" does; "the hiring freeze" another freeze
    const analyse = createPassageAnalyser(pauseTopic, { scorer: 'pause-proposal', relevanceThreshold: 0.5 });
    const readsOtherSense = (text: string) => analyse({ title: null, text }).sentences[0]!.readsOtherSense;
    expect(readsOtherSense('The A.I. freeze sparked protests.')).toBe(false);
    expect(readsOtherSense('The hiring freeze sparked protests.')).toBe(true);
    const critics = ['Critics said the A.I. pause would hand the lead to China.', ...Array.from({ length: 12 }, (_, i) => `Lawmakers in committee ${i + 1} met on Tuesday to discuss the budget.`)];
    expect(pauseScorer.score({ title: null, text: critics.join(' ') }).stance?.label).toBe('oppose');
  });
});
