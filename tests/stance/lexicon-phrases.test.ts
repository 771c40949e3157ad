import { describe, expect, it } from 'vitest';
import * as lexicon from '../../src/stance/pause-lexicon.ts';
import { createPassageAnalyser } from '../../src/stance/pause-proposal-scorer.ts';
import { compilePhrases } from '../../src/stance/phrase-matcher.ts';
import { tokenize } from '../../src/stance/tokenize.ts';
import { asArticle, pauseScorer, pauseTopic, sideInArticle } from '../helpers/pause-topic.ts';

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

  it('writes a phrase of several words as a row of its own, not as one alternative of a slot ("bad trade|bad idea")', () => {
    // a slot is one word: "small price|cheap insurance" was the slots "small", "price|cheap", "insurance|cheapest",
    // ..., which no text matches; a word offered again by the next slot is the sign of it
    const split: string[] = [];
    for (const [list, phrase] of lexiconPhrases()) {
      const slots = phrase.trim().split(/\s+/).filter((slot) => !/^~\d+$/.test(slot)).map((slot) => new Set(slot.replace(/\?$/, '').split('|')));
      slots.forEach((slot, i) => {
        const next = slots[i + 1];
        if (next !== undefined && slot.size > 1 && [...slot].some((word) => next.has(word))) split.push(`${list}: ${phrase}`);
      });
    }
    expect(split).toEqual([]);
    // the phrases once written so, each read now
    const cues = compilePhrases([...lexicon.SUPPORT_CUES, ...lexicon.OPPOSE_CUES]);
    const sidesOf = (text: string) => new Set(cues.match(tokenize(text)).map((match) => match.data.polarity));
    for (const text of [
      'It is a small price to pay.', 'It is cheap insurance.', 'The pause gives us a fighting chance.', 'Safety work could catch up with capabilities.',
      'The pause is a fire drill.', 'The pause is a pit stop.', 'A pause is an insurance policy.', 'We cannot control these systems.',
    ]) expect(sidesOf(text), text).toContain(1);
    for (const text of [
      'We want evidence not vibes.', 'It is a PR exercise.', 'It is a bad trade.', 'Ask who benefits from the pause.', 'We need innovation over pauses.',
      'We want progress rather than fear.',
    ]) expect(sidesOf(text), text).toContain(-1);
    // (a review of 2.5.72) said of something else than the pause, they are no side
    for (const text of [
      'A pause would only let Chinese labs catch up with American ones.', 'We cannot control what Beijing does.', 'The EU checklist for the AI Act is due in March.',
      'The campaign bought an ad campaign and ran a fundraising drive.', 'We need to build better safety tests.',
      'Who benefits from the tax cut is unclear.',
    ]) expect(sidesOf(text), text).toEqual(new Set());
  });

  it('reads phrases once dead where they are safe: contractions, "everyone else", "A.I."', () => {
    expect(sideInArticle('"We\'re ready to provide inspectors for the pause," Albers said.')).toBe('support');
    expect(sideInArticle('"We\'ll pause our largest training runs if the others do," the chief executive said.')).toBe('support');
    expect(sideInArticle('"I am not open to an arrangement in which American companies stop and everyone else keeps going," Haldane said.')).toBe('oppose');
    expect(sideInArticle('"American labs would stop while the rest keep building," Senator Cruz said.')).toBe('oppose');
    expect(sideInArticle('If America pauses, the rest of the world keeps building, the senator said.')).toBe('oppose');
    expect(sideInArticle('The rest of the team keeps training the model on weekends, the engineer said.')).toBe('neutral');
    // (review of 2.5.56) the race as the reason for the pause, and idioms of the old dead rows, take no side against it
    for (const sentence of [
      '"Right now everyone keeps scaling because nobody wants to blink first; only a verified pause breaks that," said Yoshua Bengio.',
      '"If the pause happens, it will be no thanks to OpenAI," said the campaigner who organised the letter.',
      '"Self-regulation by the labs? Hard no. We need the pause," Senator Blumenthal said.',
    ]) expect(sideInArticle(sentence), sentence).not.toBe('oppose');
    for (const sentence of [
      '"Out-building China: that\'s the only way to keep Americans safe," Senator Cruz said, dismissing the AI pause.',
      '"Beating China to AGI is worth it, whatever the risk," the venture capitalist said of calls for an AI pause.',
    ]) expect(sideInArticle(sentence), sentence).not.toBe('support');
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
    // "A.I." is one word: no clause ends inside "an A.I. pause" ...
    expect(sideInArticle('"We support an A.I. pause," the senator said.')).toBe('support');
    // ... but its dot before a capital may end a sentence the splitter kept whole, and still ends the clause
    expect(sideInArticle('"Europe must invest in A.I. The pause is not a strategy," the EU commissioner said.')).not.toBe('support');
    const afterAI = pauseScorer.score({ title: null, text: asArticle('Sam Altman said he was optimistic about A.I. Critics say a pause would be reckless.') }).voices;
    expect(afterAI).toContainEqual(expect.objectContaining({ actor: 'Critics', stance: 'oppose' }));
    expect(afterAI).not.toContainEqual(expect.objectContaining({ actor: 'Sam Altman', stance: 'oppose' }));
    // and a name that has it is one name (a review of 2.5.59)
    expect(pauseScorer.score({ title: null, text: asArticle('Dan Hendrycks of the Center for A.I. Safety said a verified pause on frontier development was overdue.') })
      .voices[0]?.actor).toBe('Dan Hendrycks of the Center for A.I. Safety');
  });
});
