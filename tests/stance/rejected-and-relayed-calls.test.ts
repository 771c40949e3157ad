import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../src/model/index.ts';
import { asArticle, pauseScorer } from '../helpers/pause-topic.ts';

/** An article as a feed gives it: a headline, a lead that names the proposal, the sentence under test, a close. */
function scoreInArticle(sentence: string): ScoreResult {
  const text = [
    'More than 300 researchers on Tuesday renewed their call for a coordinated pause of frontier AI development.',
    'The letter asks the leading labs to halt training runs above a compute threshold while verification is agreed.',
    sentence,
    'OpenAI and Google DeepMind did not respond to requests for comment.',
  ].join('\n\n');
  return pauseScorer.score({ title: 'Scientists renew call for global AI pause', text });
}

describe('a call that the speaker rejects is no advocacy of the speaker\'s', () => {
  it.each([
    ['China rejected the renewed call for a pause.', 'China'],
    ['China rejected renewed calls for a pause.', 'China'],
    ['China dismissed the repeated appeals for a moratorium.', 'China'],
    ['The ministry rejected the push for a moratorium.', 'The ministry'],
  ])('"%s" in an article: %s opposes', (sentence, actor) => {
    const result = scoreInArticle(sentence);
    expect(result.voices).toContainEqual(expect.objectContaining({ actor, stance: 'oppose' }));
  });

  it('a call named as a setting ("amid renewed calls") is not the speaker\'s call', () => {
    const result = scoreInArticle('Amid renewed calls for a pause, China said it would keep building.');
    expect(result.voices.find((voice) => voice.actor === 'China')?.stance).not.toBe('support');
  });

  it.each([
    ['China renewed its call for a pause.', 'China'],
    ['China issued a renewed call for a pause.', 'China'],
    ['China backed the renewed call for a pause.', 'China'],
    ['China has pushed for a pause.', 'China'],
  ])('"%s" in an article: %s still supports', (sentence, actor) => {
    const result = scoreInArticle(sentence);
    expect(result.voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });
});

describe('a call for the pause to be undone is a call against it', () => {
  it.each([
    ['OpenAI urged Congress to reject the proposed pause.', 'OpenAI'],
    ['OpenAI said Congress should reject the proposed pause.', 'OpenAI'],
    ['Industry groups urged lawmakers to vote down the moratorium.', 'Industry groups'],
    ['Industry groups called for the proposed pause to be scrapped.', 'Industry groups'],
    ['The Chamber urged regulators to lift the freeze on frontier training.', 'The Chamber'],
    ['The Chamber urged Congress to reject calls for a pause.', 'The Chamber'],
    // the undoing by its noun or its form in -ing, and the pause's own undoing after its possessive
    ['Industry groups called for the repeal of the moratorium.', 'Industry groups'],
    ['Industry groups called for an end to the moratorium.', 'Industry groups'],
    ['Industry groups called for the lifting of the pause.', 'Industry groups'],
    ['Industry groups called for scrapping the moratorium.', 'Industry groups'],
    ['Industry groups urged Congress to approve the moratorium\'s repeal.', 'Industry groups'],
  ])('"%s" in an article: %s opposes', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'oppose' }));
  });

  it.each([
    ['Researchers urged the labs to stop racing and pause.', 'Researchers'],
    ['Advocates urged governments to end the race with a pause.', 'Advocates'],
    ['Senator Ruiz urged Congress not to reject the proposed pause.', 'Senator Ruiz'],
    ['Senator Ruiz urged colleagues to block the moratorium\'s repeal.', 'Senator Ruiz'],
    ['Senator Ruiz called for extending the moratorium.', 'Senator Ruiz'],
    ['Researchers called for an end to frontier training under a verified moratorium.', 'Researchers'],
    ['Researchers called for an end to the race and a verified pause.', 'Researchers'],
    // (a review of 2.5.90) an undoing of what is against the pause, a second undoing, another noun undone, a pause to
    // be lifted only once it can be checked
    ['Senator Ruiz urged the administration to drop its objections to a pause.', 'Senator Ruiz'],
    ['Senator Ruiz urged Washington to end its opposition to the pause.', 'Senator Ruiz'],
    ['Campaigners urged ministers to resist pressure to abandon the pause.', 'Campaigners'],
    ['Senator Ruiz urged colleagues to block any attempt to lift the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz urged Congress to reject amendments that would gut the moratorium.', 'Senator Ruiz'],
    // a further undoing in -ing
    ['Senator Ruiz urged regulators to block the labs from lifting the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz urged Congress to reject any attempt at weakening the moratorium.', 'Senator Ruiz'],
    ['Stuart Russell called for a global pause in order for the arms race to be stopped.', 'Stuart Russell'],
    ['Stuart Russell called for a moratorium on frontier models too powerful to be stopped by their makers.', 'Stuart Russell'],
    ['Yoshua Bengio called for the pause to be lifted only once independent inspectors can verify the labs\' compute.', 'Yoshua Bengio'],
  ])('"%s" in an article: %s supports (the pause is what is called for)', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });
});

describe('a call to undo the pause by its noun, to enact it, or to deliberate on it', () => {
  it.each([
    ['Senator Ruiz said Congress should vote down the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should quickly vote down the moratorium.', 'Senator Ruiz'],
    // (a review of 2.5.119) a request that describes whom the speaker speaks of; an objection of people, not to the
    // pause; an act against the calls one keeps up; a call not to undo it, asked why
    ['Yann LeCun mocked the researchers who asked for a pause last year.', 'Yann LeCun'],
    ['Yann LeCun said the campaigners asking for a pause were alarmists.', 'Yann LeCun'],
    ['Sam Altman said the letter that asked for a pause was misguided.', 'Sam Altman'],
    ['Sam Altman dismissed the objections of pause advocates as alarmist.', 'Sam Altman'],
    ['Meta rejected criticism over its pause opposition.', 'Meta'],
    ['Yann LeCun refused to back down from mocking calls for a pause.', 'Yann LeCun'],
    ['Senator Ted Harmon asked why the labs should not abandon the pause if China refuses to join.', 'Senator Ted Harmon'],
    // (a review of 2.5.123) people a pause word modifies, an objection to its ending; a request in a relative clause
    // or a participle after adverbs; what a kept-up call takes; a question put to someone
    ['Senator Ted Harmon dismissed the complaints of pause protesters as theatre.', 'Senator Ted Harmon'],
    ['Yann LeCun dismissed the objections of the pause coalition as hysteria.', 'Yann LeCun'],
    ['Sam Altman dismissed objections to the moratorium being lifted.', 'Sam Altman'],
    ['Sam Altman said the scientists who last year asked for a pause had been proved wrong.', 'Sam Altman'],
    ['Yann LeCun mocked the campaigners constantly asking for a pause.', 'Yann LeCun'],
    ['Yann LeCun refused to walk back his comments mocking calls for a pause.', 'Yann LeCun'],
    ['Senator Ted Harmon refused to walk back his call for lifting the moratorium.', 'Senator Ted Harmon'],
    ['Senator Ted Harmon asked Senator Maria Lopez why the labs should not abandon the pause.', 'Senator Ted Harmon'],
    // a call for the pause to end
    ['Senator Ted Harmon called for the moratorium to end.', 'Senator Ted Harmon'],
    ['Senator Ted Harmon refused to back down from his call for the pause to end.', 'Senator Ted Harmon'],
    // (a review of 2.5.124) a halt of something else kept up; an objection that the pause would end too soon
    ['Senator Ted Harmon refused to walk back his call for a halt to AI regulation.', 'Senator Ted Harmon'],
    ['Senator Ted Harmon dismissed criticism that the pause would be lifted too soon.', 'Senator Ted Harmon'],
    ['Senator Ted Harmon rejected complaints that the moratorium would end too early.', 'Senator Ted Harmon'],
    ['Senator Ruiz said Congress should scrap the moratorium on frontier AI.', 'Senator Ruiz'],
    ['Senator Ruiz urged colleagues to throw out the proposed pause.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should ignore the proposed pause.', 'Senator Ruiz'],
    ['Senator Ruiz asked lawmakers to vote down the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz asked the labs not to pause.', 'Senator Ruiz'],
    ['Senator Ruiz said the ministry wants the moratorium scrapped.', 'Senator Ruiz'],
    // (a review of 2.5.112) undone after the noun, plans for it scrapped
    ['Senator Ruiz said Congress should allow the moratorium to be lifted.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should scrap plans for a moratorium.', 'Senator Ruiz'],
  ])('"%s" in an article: %s opposes', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'oppose' }));
  });

  it.each([
    ['Senator Ruiz said Congress should enact a moratorium on frontier AI.', 'Senator Ruiz'],
    ['Senator Ruiz said the labs must extend the pause.', 'Senator Ruiz'],
    ['Senator Ruiz asked the labs to pause their largest training runs.', 'Senator Ruiz'],
    ['Senator Ruiz said she wants the moratorium extended.', 'Senator Ruiz'],
    ['Senator Ruiz urged the court to dismiss the challenge to the moratorium.', 'Senator Ruiz'],
    // an undoing of what is against it, after a modal
    ['Senator Ruiz said the White House should end its opposition to the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should drop its objections to the moratorium.', 'Senator Ruiz'],
    // a call not to undo it
    ['Senator Ruiz said Congress should not vote down the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said regulators must not ignore the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should never repeal the moratorium.', 'Senator Ruiz'],
    // a request for the pause by its noun
    ['Senator Ruiz asked for a pause on frontier AI training.', 'Senator Ruiz'],
    ['Senator Ruiz asked the labs for a six-month pause.', 'Senator Ruiz'],
    // a rejection of what is against the pause, and of what that says
    ['Senator Ruiz dismissed the objections to the pause as flimsy.', 'Senator Ruiz'],
    ['Senator Ruiz rejected criticism of the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz rejected the industry\'s criticism that the pause would hand China the lead.', 'Senator Ruiz'],
    // a call kept up
    ['Senator Ruiz refused to back down from her call for a pause.', 'Senator Ruiz'],
    ['Senator Ruiz hasn\'t backed away from her call for a pause.', 'Senator Ruiz'],
    ['Senator Ruiz said she would not back down from her call for a verified pause.', 'Senator Ruiz'],
    // (a review of 2.5.119) more against-nouns, "about" after them, a call not walked back
    ['Senator Ruiz dismissed criticisms of the moratorium as overblown.', 'Senator Ruiz'],
    ['Senator Ruiz dismissed complaints about the pause as industry spin.', 'Senator Ruiz'],
    ['Senator Ruiz refused to walk back her call for a pause.', 'Senator Ruiz'],
    // (a review of 2.5.121) what follows a rejected objection's pause, its length; a negated call to undo that no
    // question asks; a request's own words for the pause, older requests in a relative clause or a participle; a
    // call kept up with its own words
    ['Senator Ruiz dismissed objections to the pause from industry lobbyists.', 'Senator Ruiz'],
    ['Senator Ruiz rejected criticism of the six-month pause as overblown.', 'Senator Ruiz'],
    ['Senator Ruiz dismissed objections to the pause she championed.', 'Senator Ruiz'],
    ['Senator Ruiz said that even if China refuses the labs should not abandon the pause.', 'Senator Ruiz'],
    ['Senator Ruiz explained why regulators should never lift the moratorium before inspectors are in place.', 'Senator Ruiz'],
    ['Senator Ruiz said her letter asking the labs to pause had gone unanswered.', 'Senator Ruiz'],
    ['Senator Ruiz, who has asked the labs to pause, said a deal was within reach.', 'Senator Ruiz'],
    ['Senator Ruiz said she was openly asking the labs to pause.', 'Senator Ruiz'],
    ['Senator Ruiz refused to back down from her repeated calls for a pause.', 'Senator Ruiz'],
    ['Senator Ruiz refused to back down from a call for a pause that has angered the industry.', 'Senator Ruiz'],
    // a call kept up with no verb of speech: its subject the speaker
    ['Senator Ruiz won\'t back down from her call for a pause.', 'Senator Ruiz'],
    ['Senator Ruiz never backed away from her call for a pause.', 'Senator Ruiz'],
    // (a review of 2.5.123) a requested pause with words of this one
    ['Senator Ruiz asked for a verified global pause.', 'Senator Ruiz'],
    ['Senator Ruiz asked the labs for a moratorium, citing the risks.', 'Senator Ruiz'],
    ['Senator Ruiz called for a pause to end the race.', 'Senator Ruiz'],
    // (a review of 2.5.124) a pause's purpose, its set end, its length: no call for it to end
    ['Yoshua Bengio called for a pause to stop and think about where the technology is heading.', 'Yoshua Bengio'],
    ['Senator Ruiz said Congress must extend the moratorium set to expire in June.', 'Senator Ruiz'],
    ['Senator Ruiz called for a moratorium to end in 2027, once inspectors are in place.', 'Senator Ruiz'],
  ])('"%s" in an article: %s supports', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });

  it.each([
    ['Senator Ruiz said Congress should debate the proposed pause.', 'Senator Ruiz'],
    ['Senator Ruiz asked the committee to examine the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said the council should study a pause.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should vote on the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should seriously consider a pause.', 'Senator Ruiz'],
    ['Senator Ruiz asked whether to pause the largest training runs.', 'Senator Ruiz'],
    // a request not made, or forgone, is no call either way
    ['Senator Ruiz asked no lab to pause.', 'Senator Ruiz'],
    ['Instead of urging the labs to pause, Senator Ruiz said they should publish audits.', 'Senator Ruiz'],
    ['Senator Ruiz said the statement was a far cry from calling for a moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said the statement urged restraint without calling for a pause.', 'Senator Ruiz'],
    ['Senator Ruiz said the statement urged restraint rather than calling for a pause.', 'Senator Ruiz'],
  ])('"%s" in an article: %s takes no side', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'neutral' }));
  });

  // (a review of 2.5.103) the pause by its noun is its verb's object, and this pause; a request of this pause
  it.each([
    ['Senator Ruiz said the county should lift its data centre moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said utilities want the data centre moratorium lifted.', 'Senator Ruiz'],
    ['Senator Ruiz said investors want the rate pause extended.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should extend the moratorium on state AI laws.', 'Senator Ruiz'],
    ['Senator Ruiz said the labs must reverse the slowdown in safety research.', 'Senator Ruiz'],
    ['Senator Ruiz said investors want the slowdown ended.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should pass on the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should declare the moratorium dead.', 'Senator Ruiz'],
    // (a review of 2.5.113) a pause "in" what opens with no place, a named company asked to stop something else,
    // "declare" with what is said of the pause
    ['Senator Ruiz called for a pause in arms sales to China.', 'Senator Ruiz'],
    ['Senator Ruiz supports a moratorium in California on new gas plants.', 'Senator Ruiz'],
    // (a review of 2.5.115) "declare" takes no side, what a request names within four words, a nation's own thing
    ['Senator Ruiz said regulators should declare the moratorium ineffective.', 'Senator Ruiz'],
    ['Tom Reyes asked the court to halt the sale of the company\'s AI unit.', 'Tom Reyes'],
    ['Tom Reyes called for a pause in the country\'s arms sales to the Gulf.', 'Tom Reyes'],
    ['Italy\'s privacy regulator asked OpenAI to stop processing Italian users\' data.', 'Italy\'s privacy regulator'],
    ['Senator Ruiz said Congress should declare the moratorium null and void.', 'Senator Ruiz'],
    ['Senator Ruiz has backed away from her call for a pause.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should pass amendments weakening the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said the labs should ignore the moratorium\'s critics.', 'Senator Ruiz'],
    ['Samsung asked its engineers to stop using chatbots after a leak.', 'Samsung'],
    ['OpenAI asked the court to halt the lawsuit.', 'OpenAI'],
  ])('"%s" in an article: %s takes no side (review)', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'neutral' }));
  });

  it.each([
    ['Senator Ruiz said OpenAI must reverse its withdrawal from the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should end the exemptions to the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said the governor should veto any bill that weakens the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said OpenAI should reverse its decision to quit the moratorium.', 'Senator Ruiz'],
    // (a review of 2.5.112) an against-noun's own act counted with it; modifiers news copy gives; a place; "not just"
    ['Senator Ruiz urged Congress to reject exemptions that undermine the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said governments should impose an immediate moratorium on frontier AI training.', 'Senator Ruiz'],
    ['Senator Ruiz called for a moratorium on advanced AI pending new safety regulations.', 'Senator Ruiz'],
    ['Senator Ruiz called for a pause in the United States and Europe.', 'Senator Ruiz'],
    // (a review of 2.5.113) an act against the pause in -ing; an enacting verb with what follows its pause
    ['Senator Ruiz said opponents should quit mocking the idea of a moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should extend the moratorium a further six months.', 'Senator Ruiz'],
    // (a review of 2.5.114) a pause in every country
    ['Senator Ruiz said she backs a pause in both the US and China.', 'Senator Ruiz'],
    ['Senator Ruiz doesn\'t just support the moratorium; she wrote it.', 'Senator Ruiz'],
    ['Senator Ruiz, a Democrat, asked the labs to pause their largest training runs.', 'Senator Ruiz'],
    ['Senator Ruiz wrote to the companies and asked them to pause.', 'Senator Ruiz'],
    ['"We are asking every lab to pause," said Holly Elmore.', 'Holly Elmore'],
  ])('"%s" in an article: %s supports (review)', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });

  it('a question or a request for comment is no request of the asker\'s', () => {
    for (const sentence of [
      'At the hearing, Senator Ruiz asked Altman about the proposal to pause frontier training.',
      'Senator Ruiz asked Altman when he planned to pause training.',
      'Had Senator Ruiz asked the labs to pause, they would have refused.',
      // asked for something else, or for another domain's pause
      'Senator Ruiz asked for comment on the pause.',
      'Senator Ruiz asked for more time to study the proposed pause.',
      'Senator Ruiz asked for a pause in the hearing so she could consult her staff.',
      'Senator Ruiz asked for a moratorium on state AI laws.',
      'Senator Ruiz was asked for her view of the pause.',
      // (a review of 2.5.119) a pause of a moment, or of something else
      'Senator Ruiz asked for a short pause before the committee vote.',
      'Senator Ruiz asked for a pause of a few minutes.',
      'Senator Ruiz asked for a pause while the witness conferred with counsel.',
      'Senator Ruiz asked regulators for a freeze on the merger.',
      'Senator Ruiz asked the court for a halt to the lawsuit.',
      // (a review of 2.5.123) procedural pauses, and pauses of rules
      'Senator Ruiz asked for a pause for lunch.',
      'Senator Ruiz asked for a pause because her microphone had stopped working.',
      'Senator Ruiz asked for a pause, citing safety concerns at the warehouse.',
      'Senator Ruiz asked Brussels for a pause of two years in the AI Act\'s implementation.',
      // (a review of 2.5.124) a request of no lab for a pause of something else
      'Senator Ruiz asked for a moratorium until the county studies the data centre\'s water use.',
      'Senator Ruiz asked for a one-year pause, citing job losses at the plant.',
      'Senator Ruiz asked for a moratorium on AI in hiring decisions.',
    ]) expect(scoreInArticle(sentence).voices.filter((voice) => voice.actor === 'Senator Ruiz' && voice.stance !== 'neutral'), sentence).toEqual([]);
    expect(scoreInArticle('Reuters asked OpenAI to comment on the proposed pause but did not receive a response.').voices.map((voice) => voice.actor)).not.toContain('Reuters');
  });

  it('"asked" reports no one where the subject is the one asked', () => {
    const passive = scoreInArticle('Senator Ruiz was asked to vote down the moratorium.');
    expect(passive.voices.find((voice) => voice.actor === 'Senator Ruiz')).toBeUndefined();
    const unnamed = scoreInArticle('An engineer, who asked not to be named, said the pause was overdue.');
    expect(unnamed.voices).toContainEqual(expect.objectContaining({ actor: 'An engineer', stance: 'support' }));
  });
});

describe('a call for a pause of something else is no call for this one', () => {
  it.each([
    ['Environmental groups called for a moratorium on new chip plants.', 'Environmental groups'],
    ['Unions called for a pause on facial recognition procurement.', 'Unions'],
    ['Residents signed a letter calling for a moratorium on new data centres in the county.', 'Residents'],
  ])('"%s" in an article: %s takes no side', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'neutral' }));
  });

  it.each([
    ['Researchers called for a pause on frontier AI training.', 'Researchers'],
    ['Researchers called for a moratorium on giant experiments.', 'Researchers'],
    ['Researchers called for a pause on anything more powerful than GPT-4.', 'Researchers'],
    ['Unions called for a pause on safety grounds.', 'Unions'],
    ['The union endorsed the global AI pause on Tuesday.', 'The union'],
    ['Researchers signed a letter calling for a pause on frontier AI training.', 'Researchers'],
    // (a review of 2.5.98) what AI development is called is open: a duration, "the technology", the race, a model
    ['Yoshua Bengio called for a pause of at least six months.', 'Yoshua Bengio'],
    ['Maria Lopez called for a global moratorium on the technology.', 'Maria Lopez'],
    ['Maria Lopez called for a pause on the race to build ever more powerful chatbots.', 'Maria Lopez'],
    ['Yoshua Bengio called for a six-month pause on giant neural networks.', 'Yoshua Bengio'],
    ['Maria Lopez called for a moratorium on AI data centres.', 'Maria Lopez'],
  ])('"%s" in an article: %s supports', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });
});

describe('a verb that reports a call keeps reporting it where a determiner might make it look like a noun', () => {
  it.each([
    ['Many writers signed the appeal for a standstill of frontier AI.', 'Many writers'],
    ['Critics who backed the renewed call for a pause spoke first.', 'Critics'],
  ])('"%s": %s supports', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });

  it('a form in -ing after "those" is still a verb ("those calling for a slowdown")', () => {
    const result = pauseScorer.score({ title: null, text: 'Please add my name to those calling for a worldwide slowdown of frontier AI.' });
    expect(result.stance?.label).toBe('support');
  });
});

describe('a passage\'s side is not relayed to a speaker whose own words take the other side', () => {
  const trap = (speaker: string) => `${speaker} said the pause is a trap that would hurt growth.`;

  it.each([
    ['Yoshua Bengio urged the labs to pause frontier AI training.', 'Marc Andreessen'],
    ['Scientists urged a pause on frontier AI.', 'The senator'],
    ['"We need a pause now," said Yoshua Bengio.', 'A Meta spokesperson'],
    ['Supporters say a pause of frontier AI is overdue.', 'Jensen Huang'],
  ])('after "%s", %s opposes, as the sentence alone does', (before, speaker) => {
    const alone = pauseScorer.score({ title: null, text: trap(speaker) });
    expect(alone.voices).toContainEqual(expect.objectContaining({ actor: speaker, stance: 'oppose' }));
    const result = pauseScorer.score({ title: null, text: `${before}\n\n${trap(speaker)}` });
    expect(result.stance?.label).toBe('support');
    expect(result.voices).toContainEqual(expect.objectContaining({ actor: speaker, stance: 'oppose' }));
    const titled = pauseScorer.score({ title: 'AI pause debate heats up', text: `${before}\n\n${trap(speaker)}` });
    expect(titled.voices.find((voice) => voice.actor === speaker)?.stance).not.toBe('support');
  });

  it('a speaker of the same camp still takes the passage\'s side where their words carry no cue', () => {
    const result = pauseScorer.score({
      title: null,
      text: 'Unions called for a pause of frontier AI development.\n\nTheir leader, Maria Costa, said workers deserved a say in how the systems are built and deployed.',
    });
    expect(result.voices).toContainEqual(expect.objectContaining({ actor: 'Maria Costa', stance: 'support' }));
  });
});

describe('a call renewed without a determiner ("China renewed calls for a pause") is the speaker\'s own call', () => {
  it.each([
    ['China renewed calls for a pause.', 'China'],
    ['Unions on Tuesday renewed calls for a pause.', 'Unions'],
    ['China has repeated calls for a pause.', 'China'],
  ])('"%s" in an article: %s supports', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });

  it('alone, it reports the speaker\'s support and is not read as opposition', () => {
    const result = pauseScorer.score({ title: null, text: 'China renewed calls for a pause of frontier AI development.' });
    expect(result.voices).toEqual([expect.objectContaining({ actor: 'China', stance: 'support' })]);
    expect(result.stance?.label).not.toBe('oppose');
  });

  it('a call the speaker rejects stays the speaker\'s opposition ("China rejected renewed calls for a pause")', () => {
    const result = pauseScorer.score({ title: null, text: 'China rejected renewed calls for a pause of frontier AI development.' });
    expect(result.stance?.label).toBe('oppose');
    expect(result.voices).toEqual([expect.objectContaining({ actor: 'China', stance: 'oppose' })]);
  });

  it('renewed calls as the subject of a judgement ("Renewed calls for a pause are naive") oppose, and name no speaker', () => {
    const result = pauseScorer.score({ title: null, text: 'Renewed calls for a pause of frontier AI development are naive.' });
    expect(result.stance?.label).toBe('oppose');
    expect(result.voices).toEqual([]);
    expect(scoreInArticle('Renewed calls for a pause are naive.').voices.filter((voice) => voice.stance === 'support')).toHaveLength(1);
  });

  it('renewed calls as a setting ("There were renewed calls") name no speaker', () => {
    expect(scoreInArticle('There were renewed calls for a pause.').voices.map((voice) => voice.actor)).toEqual(['300 researchers']);
  });
});

describe('a rejection by a verb and its particle', () => {
  it.each([
    ['Senator Lopez brushed aside calls for a pause.', 'Senator Lopez'],
    ['The minister shrugged off the renewed calls for a moratorium.', 'The minister'],
    ['China waved away the proposal for a pause.', 'China'],
    ['The Chamber fought off calls for a moratorium on frontier training.', 'The Chamber'],
  ])('"%s" in an article: %s, named without the verb, opposes', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'oppose' }));
  });

  it.each([
    ['Senator Lopez brushed aside the objections to the pause.', 'Senator Lopez'],
    ['Senator Lopez fought off calls for the moratorium to lapse.', 'Senator Lopez'],
    ['Senator Lopez rejected calls to scrap the moratorium.', 'Senator Lopez'],
    ['Senator Lopez dismissed calls for the moratorium to be lifted.', 'Senator Lopez'],
  ])('"%s" in an article: a rejection of what is against the pause, %s supports', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });

  // (a review of 2.5.126) "beat back" no backing; a rejection of the pause's critics and of their fears, of a proposal
  // to undo it, of a letter that calls for it
  it.each([
    ['Republicans beat back calls for a pause.', 'Republicans'],
    ['The industry beat back the proposal for a pause.', 'The industry'],
    ['OpenAI\'s chief executive shrugged off the open letter calling for a six-month pause.', 'OpenAI\'s chief executive'],
    ['OpenAI\'s chief executive dismissed the open letter calling for a six-month pause.', 'OpenAI\'s chief executive'],
    // (a review of 2.5.130) the calls named alone, a call to halt
    ['The minister brushed aside the calls, saying the country would not pause.', 'The minister'],
    ['The lab shrugged off the letter, calling it alarmist.', 'The lab'],
    ['The lab fended off calls to stop training its next model.', 'The lab'],
    // the pause let end
    ['Senator Ruiz urged lawmakers to let the moratorium expire.', 'Senator Ruiz'],
    ['Senator Ruiz said Congress should let the moratorium lapse.', 'Senator Ruiz'],
    // (a review of 2.5.143-2.5.145) what is against it lacking or removed, the rest of the opposing verbs
    ['The industry group slammed the lack of exemptions to the moratorium.', 'The industry group'],
    ['Senator Cruz opposed the removal of exemptions to the moratorium.', 'Senator Cruz'],
    ['Senator Cruz condemned the moratorium.', 'Senator Cruz'],
    ['The CEO mocked researchers who signed the pause letter.', 'The CEO'],
    ['There is no need for a moratorium, Senator Cruz said.', 'Senator Cruz'],
    ['The proposal to extend the pause was rejected by Senator Cruz.', 'Senator Cruz'],
    // (a review of 2.5.146-2.5.148) the pause named by what the debate calls it, a call far from its verb
    ["Senator Cruz rejected Anthropic's framework.", 'Senator Cruz'],
    ['The minister dismissed the whole exercise as theatre.', 'The minister'],
    ['Sam Altman dismissed calls from hundreds of prominent researchers to stop work on frontier models.', 'Sam Altman'],
    ['The call has been criticised by trade associations.', 'trade associations'],
    // (a re-run of the reviews' sentences at 2.5.151) the pause after "and", the pause let end at a time
    ['Senator Cruz opposed both the tariffs and the pause.', 'Senator Cruz'],
    ['Senator Ruiz urged Congress to let the moratorium end this summer.', 'Senator Ruiz'],
  ])('"%s" in an article: %s opposes', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'oppose' }));
  });

  it.each([
    ['Prime Minister Hale waved aside critics of the moratorium during question time.', 'Prime Minister Hale'],
    ['Dr. Amara Nwosu waved away fears that a pause would hand China the lead.', 'Amara Nwosu'],
    ['Senator Ruiz laughed off concerns that the pause would cost jobs.', 'Senator Ruiz'],
    ['Senator Ruiz dismissed concerns about the pause.', 'Senator Ruiz'],
    ['The minister turned down demands to lift the moratorium.', 'The minister'],
    ['Senator Ruiz turned down calls to delay the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz shot down the idea of ending the pause.', 'Senator Ruiz'],
    ['Senator Ruiz brushed aside proposals to weaken the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz rejected the proposal to lift the moratorium.', 'Senator Ruiz'],
    ['The senator fought off calls to exempt the largest labs from the pause.', 'The senator'],
    // any verb of opposing, a decision or a vote to undo it, the pause let end
    ['Senator Ruiz opposed the proposal to end the pause.', 'Senator Ruiz'],
    ['Senator Ruiz criticised the decision to lift the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz slammed the move to scrap the moratorium.', 'Senator Ruiz'],
    ['Senator Ruiz mocked critics of the pause.', 'Senator Ruiz'],
    ['Senator Ruiz slammed claims that the pause is unenforceable.', 'Senator Ruiz'],
    ['Senator Ruiz rejected pleas to let the pause expire.', 'Senator Ruiz'],
    ['Congress must not let the moratorium expire, Senator Ruiz said.', 'Senator Ruiz'],
    // (a review of 2.5.143-2.5.145) letting it end, the rest of the opposing verbs
    ['Bengio warned against letting the pause expire.', 'Bengio'],
    ['Senator Ruiz criticised plans to let the moratorium lapse quietly.', 'Senator Ruiz'],
    ['Senator Markey blasted the vote to repeal the moratorium.', 'Senator Markey'],
    ['Max Tegmark denounced the plan to let the moratorium expire.', 'Max Tegmark'],
    ['Geoffrey Hinton ridiculed the idea of ending the pause.', 'Geoffrey Hinton'],
    // people rejected for what they do about the pause; a need not doubted
    ['Safety advocates slammed lawmakers who voted to lift the moratorium.', 'Safety advocates'],
    ['Senator Ruiz said she never doubted the need for a moratorium.', 'Senator Ruiz'],
    // an undoing rejected by its own noun
    ['Senator Lopez opposed the lifting of the moratorium.', 'Senator Lopez'],
    ['Bengio criticised the end of the pause as premature.', 'Bengio'],
    // a proposal to undo it rejected in the passive
    ['The proposal to end the pause was opposed by Senator Lopez.', 'Senator Lopez'],
    ['Calls to let the moratorium expire were rejected by the committee chair.', 'the committee chair'],
  ])('"%s" in an article: %s supports', (sentence, actor) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });

  it('a rejection denied, a verb of opposing something else, or a letting of another pause takes no side', () => {
    for (const sentence of [
      'Senator Lopez did not oppose the proposal to end the pause.',
      'The senator has never criticised the decision to lift the moratorium.',
      'The minister condemned the attack on the embassy before the pause vote.',
      'The minister criticised the attack on the embassy before the pause vote.',
      'The mayor urged the city to let the rent freeze expire.',
      // (a review of 2.5.146-2.5.148) an object of something else to its clause's end, another domain's moratorium
      "At the pause summit, the Ukrainian delegate condemned Russia's invasion.",
      'Senator Cruz condemned the moratorium on state AI laws.',
      // (a re-run of the reviews' sentences at 2.5.151) a decision on another domain's pause
      'Aid agencies denounced the decision to end the humanitarian pause.',
      'Residents blasted the decision to lift the moratorium on new data centres.',
      // (a review of 2.5.152-2.5.154) a ban or deal of another domain
      'Farmers opposed the ban on glyphosate before the pause vote.',
      // a halt to another domain's business, an undoing's rejection denied
      'Activists pushed hard for a halt to fracking.',
      'Senator Lopez did not oppose the lifting of the moratorium.',
    ]) {
      expect(scoreInArticle(sentence).voices.filter((voice) => sentence.startsWith(voice.actor) && voice.stance !== 'neutral'), sentence).toEqual([]);
    }
    // an "end" that takes an object is no ending of the pause
    expect(scoreInArticle('Bengio said governments should let the pause end the race to build ever larger models.').voices)
      .not.toContainEqual(expect.objectContaining({ actor: 'Bengio', stance: 'oppose' }));
  });

  it('a call walked back is no backing: the article reads no support from it', () => {
    const walkedBack = pauseScorer.score({ title: null, text: asArticle('Senator Ruiz walked back her call for a pause on frontier AI training.') });
    const padding = pauseScorer.score({ title: null, text: asArticle('Senator Ruiz spoke about the pause on frontier AI training.') });
    expect(walkedBack.stance!.score).toBeLessThanOrEqual(padding.stance!.score);
  });

  it('a rejection of what is no pause takes no side, nor does a question', () => {
    for (const sentence of [
      'The minister turned down a plea from nurses for higher pay.', 'The board turned down the idea of a four-day week.',
      // (a review of 2.5.130) what the verb takes is no call or objection, though the pause is named after it
      'Senator Ruiz turned down an invitation to discuss the pause on television.', 'The CEO fought off a cold before the pause debate in Geneva.',
      'Anthropic turned down a request to comment on the pause.', 'The union turned down a pay offer during the pause in talks.',
      'The senator beat back a primary challenger who had called for a pause.',
      // nor is not rejecting a proposal support of it
      'Senator Ruiz did not reject the proposal for a moratorium.',
    ]) {
      const sided = scoreInArticle(sentence).voices.filter((voice) => sentence.startsWith(voice.actor) && voice.stance !== 'neutral');
      expect(sided, sentence).toEqual([]);
    }
    expect(scoreInArticle('Did the minister brush aside calls for a pause?').voices.map((voice) => voice.actor)).not.toContain('Did the minister');
    // a rejected proposal that delays something else until the pause is no proposal to undo it
    const delayed = scoreInArticle('The lab dismissed demands to delay its next model until the pause takes effect.').voices;
    expect(delayed.find((voice) => voice.actor === 'The lab')?.stance).not.toBe('support');
  });

  it('a verb and its particle of something else takes no side ("turned down job offers")', () => {
    const voices = scoreInArticle('Several engineers turned down job offers from the labs last year, recruiters said.').voices;
    expect(voices.filter((voice) => voice.actor.startsWith('Several engineers') && voice.stance !== 'neutral')).toEqual([]);
  });
});

describe('a rejected claim: what it says is the other side\'s, and the rejection is against it', () => {
  it.each([
    ['Senator Ruiz rejected the argument that a pause is necessary.', 'Senator Ruiz', 'oppose'],
    ['Senator Ruiz rejected the idea that the labs should pause.', 'Senator Ruiz', 'oppose'],
    ['Senator Ruiz dismissed the claim that a pause would save lives.', 'Senator Ruiz', 'oppose'],
    ['Senator Ruiz dismissed suggestions that the moratorium was unenforceable.', 'Senator Ruiz', 'support'],
    ['Senator Ruiz rejected claims that a pause would hand China the lead.', 'Senator Ruiz', 'support'],
    ['Holly Elmore dismissed criticism that the pause was naive.', 'Holly Elmore', 'support'],
    ['Holly Elmore, who founded PauseAI, shrugged off criticism that the movement was naive.', 'Holly Elmore', 'support'],
    ['Senator Ruiz brushed aside suggestions that the moratorium was unenforceable.', 'Senator Ruiz', 'support'],
    // questioning or disputing a merit of the pause or a claim
    ['Senator Ruiz rejected the need for a pause.', 'Senator Ruiz', 'oppose'],
    ['Senator Ruiz questioned the need for a pause.', 'Senator Ruiz', 'oppose'],
    ['Senator Ruiz questioned the wisdom of a pause.', 'Senator Ruiz', 'oppose'],
    ['Senator Ruiz disputed the need for a pause.', 'Senator Ruiz', 'oppose'],
    ['Senator Ruiz disputed claims that a pause would hand China the lead.', 'Senator Ruiz', 'support'],
    ['Researchers debunked the claim that a pause is necessary.', 'Researchers', 'oppose'],
    // (a review of 2.5.134) a merit of the pause's undoing questioned
    ['The minister questioned the wisdom of lifting the pause.', 'The minister', 'support'],
    ['The senator questioned the need for an exemption from the pause.', 'The senator', 'support'],
  ])('"%s" in an article: %s %s', (sentence, actor, stance) => {
    expect(scoreInArticle(sentence).voices).toContainEqual(expect.objectContaining({ actor, stance }));
  });

  it('questioning or disputing takes no side of something else, nor when few or no one do it', () => {
    for (const sentence of [
      'Senator Ruiz questioned the minister about the pause.', 'Veridian disputed her account of the pause.',
      // (a review of 2.5.134) a merit of something else, a claim that says nothing read
      'The senator questioned the need for new chip export rules.', 'The senator questioned the need for the hearing on the pause.',
      'The lab disputed reports that it had violated the moratorium.',
    ]) {
      expect(scoreInArticle(sentence).voices.filter((voice) => sentence.startsWith(voice.actor) && voice.stance !== 'neutral'), sentence).toEqual([]);
    }
    const few = pauseScorer.score({ title: null, text: asArticle('Few question the need for a pause.') });
    expect(few.stance!.score).toBeGreaterThan(0);
    // a doubt denied leaves what it would doubt standing: the speaker's need for a pause
    for (const sentence of ['Senator Ruiz has never questioned the need for a pause.', 'Senator Ruiz never doubted the need for a pause.']) {
      const denied = pauseScorer.score({ title: null, text: asArticle(sentence) });
      expect(denied.stance!.score, sentence).toBeGreaterThan(0);
      expect(denied.voices.filter((voice) => voice.stance === 'oppose'), sentence).toEqual([]);
    }
  });

  it('the article is not read as making the rejected claim itself', () => {
    const result = pauseScorer.score({ title: null, text: asArticle('Holly Elmore, who founded PauseAI, shrugged off criticism that the movement was naive.') });
    expect(result.stance!.label).not.toBe('oppose');
  });
});
