import { describe, expect, it } from 'vitest';
import { voiceInArticle } from '../helpers/pause-topic.ts';

describe('what an actor sets out to do to the pause, as news reports it', () => {
  it.each([
    ['Republicans have vowed to block the moratorium.', 'Republicans = oppose'],
    ['Republicans vowed to fight the moratorium in court.', 'Republicans = oppose'],
    ['Democrats are pushing to extend the pause.', 'Democrats = support'],
    ['Tech companies are lobbying to kill the moratorium.', 'Tech companies = oppose'],
    ['The trade group sued to block the moratorium.', 'The trade group = oppose'],
    ['Senator Lopez is seeking to overturn the moratorium.', 'Senator Lopez = oppose'],
    ['Senator Lopez tried to block the moratorium but failed.', 'Senator Lopez = oppose'],
    ['Senator Lopez is trying to extend the pause.', 'Senator Lopez = support'],
    ['Senator Lopez introduced a bill to repeal the moratorium.', 'Senator Lopez = oppose'],
    ['Senator Lopez introduced a bill to extend the moratorium.', 'Senator Lopez = support'],
    // enacted or vetoed, support thrown behind it
    ['The governor signed the moratorium into law on Friday.', 'The governor = support'],
    ['The governor vetoed the moratorium.', 'The governor = oppose'],
    ['The White House has thrown its support behind the moratorium.', 'The White House = support'],
  ])('"%s": %s', (sentence, expected) => {
    expect(voiceInArticle(sentence)).toBe(expected);
  });

  it('names no speaker for an aim at something else, a push that is a noun, or a bill on something else', () => {
    for (const sentence of [
      'Investors were still trying to gauge how a pause would affect demand.',
      'The United States on Tuesday resisted a European push to let international inspectors visit data centers.',
      'A bipartisan pair of senators introduced legislation that would fund inspections before any pause.',
      'The lab tried to finish its training run before the pause.',
      // (a review of 2.5.146-2.5.148) a pause in another domain's business
      'Investors called for a pause in private equity deals.',
    ]) {
      expect(voiceInArticle(sentence) ?? 'none', sentence).not.toMatch(/= (?:support|oppose)$/);
    }
  });
});
