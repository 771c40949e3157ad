import { describe, expect, it } from 'vitest';
import { findAttributions } from '../../src/stance/find-attributions.ts';
import { tokenize } from '../../src/stance/tokenize.ts';
import { sideInArticle, voiceInArticle } from '../helpers/pause-topic.ts';

describe('a stand reported in the words news uses for one', () => {
  it.each([
    ['Senator Ruiz threw her weight behind the pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz came out in favour of the pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz voiced support for the moratorium.', 'Senator Ruiz = support'],
    ['Senator Ruiz expressed support for a verified pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz spoke in favor of the pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz is a vocal proponent of the pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz is in favour of a pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz came out against the moratorium on Tuesday.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz voted against the moratorium.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz argued against a pause.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz warned against a pause.', 'Senator Ruiz = oppose'],
    ['Industry groups are lobbying against the moratorium.', 'Industry groups = oppose'],
    ['Senator Ruiz voiced opposition to the moratorium.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz poured cold water on the proposal for a pause.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz spoke out against the pause.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz is firmly against the pause.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz is opposed to the pause.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz remains deeply skeptical of the moratorium.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz is broadly supportive of the pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz is a longtime skeptic of the moratorium.', 'Senator Ruiz = oppose'],
    // praise and attack of the pause
    ['Senator Ruiz hailed the proposal for a pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz applauded the moratorium.', 'Senator Ruiz = support'],
    ['Senator Ruiz embraced the proposal for a pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz signalled support for the moratorium.', 'Senator Ruiz = support'],
    ['Senator Ruiz stands behind the pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz attacked the moratorium.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz panned the proposal for a pause.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz took aim at the moratorium.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz hit out at the proposal for a pause.', 'Senator Ruiz = oppose'],
    // (a review of 2.5.135) a vote for it; a stand against its undoing is for it
    ['Senator Ruiz voted for the moratorium.', 'Senator Ruiz = support'],
    ['Ruiz voted against the proposal to end the pause.', 'Ruiz = support'],
    ['Activists campaigned against lifting the moratorium.', 'Activists = support'],
    ['Senator Ruiz voted against delaying the pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz came out for the moratorium.', 'Senator Ruiz = support'],
    ['Senator Ruiz campaigned in favour of the pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz has spoken in favour of the pause.', 'Senator Ruiz = support'],
    // (a review of 2.5.138) an adjective before the pause, a setting after it, a proposal named alone, a support of its
    // undoing turned once
    ['The economist cautioned against a blanket halt on AI research.', 'The economist = oppose'],
    ['Andrew Ng argued against a pause in a widely shared post.', 'Andrew Ng = oppose'],
    ['The trade group voiced opposition to the moratorium in a letter to lawmakers.', 'The trade group = oppose'],
    ['Senator Ruiz came out against the proposal on Tuesday.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz hailed the proposal as a breakthrough.', 'Senator Ruiz = support'],
    ['Industry groups voiced support for ending the pause.', 'Industry groups = oppose'],
    // resistance by "pushed back", and how hard one works for or against it ("pushed back" no backing)
    ['Senator Ruiz pushed back against the pause.', 'Senator Ruiz = oppose'],
    ['Industry groups are pushing back on the proposal for a pause.', 'Industry groups = oppose'],
    ['Senator Ruiz pushed back against the call to lift the moratorium.', 'Senator Ruiz = support'],
    ['Senator Ruiz pushed hard for a moratorium.', 'Senator Ruiz = support'],
    ['The group lobbied hard for a pause on frontier AI.', 'The group = support'],
    ['The group lobbied hard against the pause.', 'The group = oppose'],
    ['Senator Ruiz argued strongly against a moratorium.', 'Senator Ruiz = oppose'],
    // (a review of 2.5.142) calls for it, any effort adverb
    ['Industry lobbyists pushed back on calls for a six-month pause.', 'Industry lobbyists = oppose'],
    ['The Chamber of Commerce has lobbied aggressively against the moratorium.', 'The Chamber of Commerce = oppose'],
    ['Senator Ruiz pushed strongly for a moratorium.', 'Senator Ruiz = support'],
    // one of a camp, a stand held for some time
    ['Senator Ruiz is among the most vocal supporters of the pause.', 'Senator Ruiz = support'],
    ['Senator Ruiz is one of the leading critics of the moratorium.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz has been a leading critic of the moratorium.', 'Senator Ruiz = oppose'],
    ['Senator Ruiz is one of the most vocal supporters of the pause.', 'Senator Ruiz = support'],
    ['The governor vetoed the moratorium on frontier AI training.', 'The governor = oppose'],
    // one of a camp a relative clause says what it does: the one who belongs to it speaks
    ['Ruiz is among the lawmakers who oppose the moratorium.', 'Ruiz = oppose'],
    ['Ruiz is one of the few senators who opposed the moratorium.', 'Ruiz = oppose'],
    ['Ruiz has long been a critic of the moratorium.', 'Ruiz = oppose'],
  ])('"%s": %s', (sentence, expected) => {
    expect(voiceInArticle(sentence)).toBe(expected);
  });

  it('a stand held before, a copula of something else, or a noun of a camp is no stand of the speaker now', () => {
    // a view held before, as often given up since
    expect(voiceInArticle('Senator Ruiz was against the pause when it was first proposed.') ?? 'none').not.toMatch(/= oppose$/);
    // no stand, or a stand on something else
    for (const sentence of [
      'Senator Ruiz is a Democrat from New Mexico who has followed the pause debate.', 'Senator Ruiz is critical of the labs.',
      'Senator Ruiz attacked the labs for racing ahead.',
      // (a review of 2.5.135) a call, proposal, plan or idea of something else, a pause of something else, a stand denied
      'The board voted against the proposal to split the company.', 'The senator threw her weight behind the plan to expand rural broadband.',
      'The governor is against the idea of new regulation.', 'The senator warned against the idea that a pause would be easy to enforce.',
      'Diplomats argued against a pause in hostilities.', 'The union is against the hiring freeze.',
      'He never spoke in favour of the moratorium, his office said.', 'No one on the panel argued against the pause.',
      'Senator Ruiz campaigned in Ohio last week.',
      // (a review of 2.5.138) a halt of another domain, a plan a relative clause or a compound says is another's
      'The council voted in favour of a halt to fracking.', 'Senator Ruiz hailed the plan, which would fund new science labs.',
      "Senator Ruiz praised the company's return-to-office plan.",
      // a date pushed back is no stand
      'The lab pushed back its launch until after the pause vote.',
      // (a review of 2.5.142) a stand on something about the pause, or on another domain's pause
      'Senator Ruiz pushed back on questions about the pause.', 'The company pushed back on reports about its pause.',
      'Israel pushed back against a humanitarian pause.', 'Fed officials pushed back against a pause in rate hikes.',
      'Senator Ruiz pushed back against critics of the pause.', 'Senator Ruiz attacked critics of the moratorium.',
      // a camp named in a relative clause
      'Atlas 3 is among the models that supporters of the moratorium point to.',
      // (a review of 2.5.146-2.5.148) a stand held once, a freeze on something else
      'Senator Ruiz had been a leading critic of the moratorium until last year.',
      'Senator Ruiz would have been a critic of the moratorium.',
      'Senator Ruiz challenged the pause critics.',
      'The governor vetoed the freeze on tuition fees.',
    ]) {
      expect(sideInArticle(sentence) ?? 'neutral', sentence).toBe('neutral');
    }
    // the camps a sentence describes ("supporters and opponents of the halt") take no side of the sentence's speaker
    expect(sideInArticle('The committee voted to invite both supporters and opponents of the frontier AI halt to testify.') ?? 'neutral').toBe('neutral');
    // a headline's noun is no verb of a stand ("launch campaign against AI pause")
    const campaign = findAttributions('When the 2023 letter came out I mocked it.', tokenize('When the 2023 letter came out I mocked it.'), { previousActor: null, persons: new Set() });
    expect(campaign.map((attribution) => attribution.actor)).not.toContain('the 2023 letter');
  });
});
