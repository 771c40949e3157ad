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
    ['Newsom vetoed a bill to lift the moratorium.', 'Newsom = support'],
    ['The governor vetoed a bill to extend the pause.', 'The governor = oppose'],
    ['The White House has thrown its support behind the moratorium.', 'The White House = support'],
    // (a re-run of the reviews' sentences at 2.5.151) more aims, kept or undone
    ['The senator moved to kill the moratorium.', 'The senator = oppose'],
    ['Ruiz is working to lift the moratorium.', 'Ruiz = oppose'],
    ['Ruiz tried to quietly kill the moratorium.', 'Ruiz = oppose'],
    ['Ruiz sought to narrow the moratorium.', 'Ruiz = oppose'],
    ['Ruiz fought to preserve the moratorium.', 'Ruiz = support'],
    ['Ruiz has vowed to defend the moratorium.', 'Ruiz = support'],
    ['Ruiz is fighting to save the pause.', 'Ruiz = support'],
    ['The companies fought the moratorium in court.', 'The companies = oppose'],
    ['The labs challenged the moratorium in court.', 'The labs = oppose'],
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
      'Ruiz fought off a cold before the pause debate.',
      'Ruiz is working to comply with the moratorium.',
      // (a review of 2.5.152-2.5.154) a pause modifying what is aimed at, the pause kept under review
      'Ruiz hopes to end the pause debate quickly.',
      'The governor vetoed a budget bill before the pause vote.',
      'Ruiz said lawmakers should keep the moratorium under review.',
    ]) {
      expect(voiceInArticle(sentence) ?? 'none', sentence).not.toMatch(/= (?:support|oppose)$/);
    }
  });
});
