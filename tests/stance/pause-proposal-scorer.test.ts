import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScoreResult } from '../../src/model/index.ts';
import { createScorer, scorerNames } from '../../src/stance/index.ts';
import { asArticle, pauseScorer, pauseTopic, sideInArticle } from '../helpers/pause-topic.ts';

const scorer = pauseScorer;

function score(text: string, title: string | null = null): ScoreResult {
  return scorer.score({ title, text });
}

function labelOf(text: string): string {
  const result = score(text);
  return result.stance === null ? 'irrelevant' : result.stance.label;
}

describe('pause-proposal scorer: stance of a passage', () => {
  it("a rebutted objection: the evidence is the rebuttal that carried the label, weighted toward that label", () => {
    const result = score('Critics call the pause a marketing ploy. They are wrong: the labs are racing and someone has to stop the clock.');
    expect(result.stance?.label).toBe('support');
    const evidence = result.stance?.evidence ?? [];
    expect(evidence[0]?.sentence).toMatch(/^They are wrong/);
    expect(evidence.every((e) => e.weight > 0)).toBe(true);
  });

  it('a one-sided report of critics takes their side, with their sentence as evidence against the pause', () => {
    const result = score('Critics call the proposed pause of frontier AI development a marketing ploy that would only hand the lead to rival labs.');
    expect(result.stance?.label).toBe('oppose');
    expect(result.stance?.evidence[0]?.weight).toBeLessThan(0);
    expect(result.voices).toContainEqual(expect.objectContaining({ actor: 'Critics', stance: 'oppose' }));
  });

  it('a call to pause frontier training is support', () => {
    expect(labelOf('Governments should make the frontier labs stop their largest training runs until inspectors can check them.')).toBe('support');
  });

  it('negation flips the stance: "would not be a good thing" opposes', () => {
    expect(labelOf('Halting frontier AI training now would be a good thing for everyone.')).toBe('support');
    expect(labelOf('Halting frontier AI training now would not be a good thing for anyone.')).toBe('oppose');
  });

  it('"a pause is not enough, go further" is support, not opposition', () => {
    expect(labelOf('A six-month pause on frontier AI is not enough. Governments should go further and cap training compute for good.')).toBe('support');
  });

  it('sarcasm is read for what it means', () => {
    expect(labelOf("Sure, let's freeze American AI labs for a year and hand the lead to our rivals. Brilliant.")).toBe('oppose');
  });

  it('a concession does not change the side: the clause after "but" decides', () => {
    expect(labelOf('The risks of frontier AI are real, but a global moratorium is the wrong tool and would be unenforceable.')).toBe('oppose');
    expect(labelOf('While verifying a pause of frontier AI training will be hard, the labs should agree to one now.')).toBe('support');
  });

  it('a rhetorical question of disbelief opposes; an explainer question answered without a verdict is neutral', () => {
    expect(labelOf('Who seriously believes a rival superpower will honour a pause on frontier AI training?')).toBe('oppose');
    expect(labelOf('Is a pause of frontier AI training even enforceable? Experts point to chip tracking and power audits, with gaps in each.')).toBe('neutral');
  });

  it('a conditional approval denied in the next sentence is opposition', () => {
    expect(labelOf("If verification of frontier AI training were possible, a pause might make sense. It isn't.")).toBe('oppose');
  });

  it('an interviewee who answers "No" to backing a pause opposes it, and is the voice', () => {
    const result = score('Interview with Lena Marsh, a startup founder. Q: Would you back a pause on frontier AI training? A: No. It would shut out every small lab.');
    expect(result.stance?.label).toBe('oppose');
    expect(result.voices).toContainEqual(expect.objectContaining({ actor: 'Lena Marsh', stance: 'oppose' }));
  });

  it('attacking the proposer as regulatory capture is opposition', () => {
    expect(labelOf('The frontier AI pause is regulatory capture dressed up as conscience, a moat for the biggest labs.')).toBe('oppose');
  });

  it('a pause that would freeze the leaders in place, raise costs for newcomers or stop competition is opposition', () => {
    for (const text of [
      'Marcus Feld said the pause would "freeze the current leaders in place and call it safety."',
      'Critics say the pause would lock in the industry\'s current leaders.',
      'The startups argued that the pause would raise costs for newcomers.',
      '"A pause would freeze the leaders in place," said the chief executive of a start-up.',
      '"A moratorium would create barriers to entry," said the chief executive of a start-up.',
      '"This is the first time I have seen an industry ask Congress to help it stop competing," Feld said of the pause.',
      'Critics said the pause raises costs for startups and lets the giants stop competing.',
    ]) expect(labelOf(text), text).toBe('oppose');
    // not leaders of the world, costs raised by something else, or competition a pause would end
    for (const text of [
      'The summit cemented support among world leaders for a verified pause on frontier AI.',
      'Bengio said the labs must pause, adding that tariffs had raised costs for startups far more than any pause would.',
      'A verified pause is the only way to get the labs to stop competing in a race to the bottom, the researchers wrote.',
    ]) expect(labelOf(text), text).toBe('support');
    expect(labelOf('"A verified pause would help the labs stop competing on speed," said Yoshua Bengio.')).not.toBe('oppose');
    // a freeze that applies to the leaders first does not freeze them in place
    expect(labelOf('The freeze would apply to the current leaders first, Anthropic said.')).not.toBe('oppose');
  });
});

describe('pause-proposal scorer: voices in a report', () => {
  const report = [
    'Anthropic on Thursday called on the leading AI labs to coordinate a temporary, verified pause of frontier AI development.',
    'The company said such a slowdown "would give alignment research time to catch up" with the largest training runs.',
    '"This is regulatory capture, plain and simple," said Dana Whitcombe, a venture investor, who argued the plan would hand the lead to rivals.',
    'Officials in Brussels said they would study the proposal before the summit next month.',
  ].join('\n\n');

  it('a news report that presents the proposal and quotes a critic is neutral', () => {
    const result = score(report);
    expect(result.relevance.relevant).toBe(true);
    expect(result.stance?.label).toBe('neutral');
  });

  it('the quoted critic is an opposing voice and the proposer a supporting one', () => {
    const voices = score(report).voices;
    expect(voices).toContainEqual(expect.objectContaining({ actor: 'Dana Whitcombe', stance: 'oppose' }));
    expect(voices.some((voice) => voice.actor.includes('company') || voice.actor.includes('Anthropic'))).toBe(true);
    const critic = voices.find((voice) => voice.actor === 'Dana Whitcombe');
    expect(critic?.quote).toContain('regulatory capture');
  });
});

describe('pause-proposal scorer: relevance', () => {
  it.each([
    'The streaming app added a pause button to its AI-generated playlists.',
    'Senators weighed a ten-year moratorium on state AI laws, drawing objections from governors.',
    'Investors are pumping the brakes on data-centre spending after two cloud providers trimmed their budgets.',
    'The photo startup paused new sign-ups for its AI avatar tool after complaints about misuse.',
    'A European regulator ordered the country to block a chatbot app over its handling of minors’ data.',
  ])('a pause-like word in another sense is not relevant: %s', (text) => {
    const result = score(text);
    expect(result.relevance.relevant).toBe(false);
    expect(result.stance).toBeNull();
  });

  it('a passage that argues about the labs stopping is relevant without the word "pause"', () => {
    const result = score('The frontier labs should stop building ever-larger models until inspectors can check what they have already built.');
    expect(result.relevance.relevant).toBe(true);
    expect(result.stance?.label).toBe('support');
  });

  it('AI business news with no proposal in it is not relevant', () => {
    expect(score('The chatbot startup raised 40 million dollars to build customer-service agents for banks.').relevance.relevant).toBe(false);
  });

  it('a passage about the proposal is relevant, with the matching sentence as evidence', () => {
    const result = score('Anthropic asked rival labs to slow down frontier AI development together.');
    expect(result.relevance.relevant).toBe(true);
    expect(result.relevance.score).toBeGreaterThanOrEqual(0.5);
    expect(result.relevance.evidence[0]).toContain('slow down');
  });
});

describe('pause-proposal scorer: the seed articles', () => {
  const seedDir = join(import.meta.dirname, '../../seeds');
  const seeds = readdirSync(seedDir).filter((name) => name.endsWith('.txt')).sort();

  it.each(seeds)('%s is relevant and neutral', (name) => {
    const result = score(readFileSync(join(seedDir, name), 'utf8'));
    expect(result.relevance.relevant).toBe(true);
    expect(result.stance?.label).toBe('neutral');
  });

  it('004 reports David Sacks opposing and Anthropic supporting', () => {
    const file = seeds.find((name) => name.startsWith('004'))!;
    const voices = score(readFileSync(join(seedDir, file), 'utf8')).voices;
    expect(voices.some((voice) => voice.actor.includes('Sacks') && voice.stance === 'oppose')).toBe(true);
    expect(voices.some((voice) => voice.actor.includes('Anthropic') && voice.stance === 'support')).toBe(true);
  });
});

describe('pause-proposal scorer: result shape', () => {
  it('evidence sentences come with signed weights', () => {
    const result = score('Labs should pause frontier AI training now. Racing ahead without a brake is reckless.');
    expect(result.stance?.label).toBe('support');
    expect(result.stance!.evidence.length).toBeGreaterThan(0);
    for (const evidence of result.stance!.evidence) {
      expect(typeof evidence.sentence).toBe('string');
      expect(Number.isFinite(evidence.weight)).toBe(true);
    }
    expect(result.stance!.evidence.some((evidence) => evidence.weight > 0)).toBe(true);
    expect(result.stance!.score).toBeGreaterThan(0);
    expect(result.stance!.confidence).toBeGreaterThan(0);
    expect(result.stance!.confidence).toBeLessThanOrEqual(1);
  });

  it('every result carries the scorer version', () => {
    expect(scorer.version).toMatch(/^pause-proposal@\d+\.\d+\.\d+\+t[0-9a-f]{7}$/);
    expect(score('Nothing here is about AI.').scorerVersion).toBe(scorer.version);
  });

  it('an unknown scorer name throws and names the valid ones', () => {
    expect(scorerNames).toContain('pause-proposal');
    expect(() => createScorer(pauseTopic, { scorer: 'sentiment', relevanceThreshold: 0.5 })).toThrow(/pause-proposal/);
  });
});

describe('a report that recalls the proposer\'s call', () => {
  it('is no call of its own: the proposer made it', () => {
    const report = [
      'GENEVA — An international summit on slowing the most powerful AI systems opened Monday, as delegations remained divided over how far inspectors should go.',
      'Anthropic made the proposal public in June, calling on the leading developers to coordinate a pause or slowdown of frontier AI development that governments could verify.',
      'Delegates from 40 countries are attending. The talks run through Thursday. A final statement is expected on the last day.',
      'The United States and China each endorsed the principle of verification but signaled different ideas of how it should work.',
      'Organisers said the agenda would cover compute thresholds, inspections and funding.',
    ].join('\n\n');
    const result = pauseScorer.score({ title: 'Geneva AI summit opens', text: report });
    expect(result.stance?.label).toBe('neutral');
    expect(result.voices).toContainEqual(expect.objectContaining({ actor: 'Anthropic', stance: 'support' }));
  });
});

describe('a rebuttal', () => {
  const rebuttal = [
    'No, a verified pause is not a cartel',
    'Last week the economist Ben Arlott argued that the labs\' proposed pause on the largest AI training runs would amount to collusion. It is a clever argument, and it deserves a serious answer.',
    'Arlott is right that the hardest problem for any cartel is spotting cheating, and right that the proposal includes a way to spot cheating. But a mechanism for spotting defection does not make an agreement a cartel. Arms control treaties have inspectors too.',
    'A cartel raises prices and shares out a market. The proposal does neither. It stops the largest training runs for six months and lets smaller firms keep building everything below the threshold.',
    'Governments, not the labs, would set the threshold and run the inspections. That is regulation. We should want more of it.',
  ].join('\n\n');

  it('is not read as the argument it answers: a point granted to the other side weighs less, and "does not make it a cartel" denies', () => {
    const stance = scorer.score({ title: null, text: rebuttal }).stance!;
    expect(stance.label).not.toBe('oppose');
    const weightOf = (start: string) => stance.evidence.find((e) => e.sentence.startsWith(start))?.weight ?? 0;
    expect(weightOf('But a mechanism for spotting defection')).toBeGreaterThan(0);
    expect(Math.abs(weightOf('Arlott is right that'))).toBeLessThan(1);
  });

  it('takes no agreement for a grant, nor a clause after "made a secret that" for a denied noun', () => {
    expect(scorer.score({ title: null, text: 'The critics were right that a pause of frontier AI development would be unenforceable.' }).stance?.label).toBe('oppose');
    const secret = scorer.score({ title: null, text: 'Anthropic called on AI labs to agree a verified pause of frontier AI development. LeCun said he had never made a secret that he thought the pause was a mistake.' });
    expect(secret.voices.find((voice) => voice.actor === 'LeCun')?.stance).toBe('oppose');
  });
});

describe('a report of critics that calls one of them "the company"', () => {
  it('is theirs: "the company" right after another company is that company, not the proposer', () => {
    const critics = [
      'Veridian AI said on Monday that it would keep training its largest models.',
      'The company said a pause of frontier AI development would hand the lead to China.',
      'Senator Curtis Haldane said the moratorium was a gift to Beijing.',
      'David Sacks, a venture capitalist, said the pause was a cartel.',
      'Kestrel Labs said a pause would hand the lead to rivals abroad.',
      'Orion AI said the pause would hand the lead to China.',
      'Senator Dana Whitfield said the moratorium was naive and would hand the lead to Beijing.',
      'Marc Andreessen said the pause was a cartel for incumbents.',
      'The Chamber of Commerce said the pause would hand the lead to China.',
      'Yann LeCun said the moratorium was a gift to Beijing.',
      'Several members left early for floor votes.',
      'Anthropic proposed the pause last month.',
    ];
    expect(labelOf(critics.join('\n\n'))).toBe('oppose');
  });
});

describe('an article reporting a poll', () => {
  it('reports the public\'s opinion: the figures are not the writer\'s side', () => {
    const report = [
      'WASHINGTON — Public support for a verified pause on the most advanced AI systems has fallen since Anthropic first proposed one, a survey released Monday shows.',
      'The poll found 54 percent of U.S. adults support a pause in the development of the most advanced AI systems, down from 61 percent two weeks earlier.',
      'Opposition rose to 31 percent. The online survey of 2,010 adults was conducted June 24-26.',
      'The decline was sharpest among Republicans, the pollster said. Democrats were largely unchanged.',
      'The survey has a margin of error of plus or minus 2.2 percentage points.',
      'Halvorsen Research surveyed adults online in English and Spanish. Results were weighted by age, sex, region and education.',
      'The firm first asked about the proposal in June. It plans to repeat the question each month through the end of the year.',
    ].join('\n\n');
    const result = pauseScorer.score({ title: 'Support for AI pause slips as debate turns partisan, poll shows', text: report });
    expect(result.relevance.relevant).toBe(true);
    expect(result.stance?.label).toBe('neutral');
  });
});

describe('the noun an evaluation qualifies', () => {
  it('an evaluation of the race or its critics\' word right after it takes the race\'s side ("a silly objection" supports); not a lab\'s plan', () => {
    expect(sideInArticle('Helena Vos said it is a silly objection.')).toBe('support');
    expect(sideInArticle('Helena Vos said it is a reckless race.')).toBe('support');
    expect(sideInArticle('Tom Reyes said it was a reckless pause.')).toBe('oppose');
    expect(sideInArticle('"It is a reckless plan to scale up without any oversight," said Maria Lopez.')).not.toBe('oppose');
    expect(sideInArticle('"It is reckless to pause," said Maria Lopez.')).toBe('oppose');
    expect(sideInArticle('"It would be reckless to keep racing," said Maria Lopez.')).toBe('support');
  });

  it('the critics\' objections called poor support the pause ("a dumb objection", "bad faith"); a speed limit is the pause\'s kind', () => {
    expect(sideInArticle('Helena Vos said it is a dumb objection.')).toBe('support');
    expect(sideInArticle('Helena Vos said it is a bad faith objection.')).toBe('support');
    expect(sideInArticle('Helena Vos said these are flimsy criticisms of the pause.')).toBe('support');
    expect(sideInArticle('Helena Vos said it is not a weak objection.')).toBe('oppose');
    // (a review of 2.5.105) an objection called poor that is the pause's, or someone else's: no support
    expect(sideInArticle('Kestrel Labs accused PauseAI of bad faith criticism of its safety record.')).toBe('oppose');
    expect(sideInArticle('Tom Reyes dismissed the researchers\' warnings as spurious complaints.')).toBe('oppose');
    expect(sideInArticle('Maria Lopez said calls for a pause were a cynical objection to progress.')).not.toBe('support');
    expect(sideInArticle('Helena Vos called it a sensible speed limit.')).toBe('support');
    expect(sideInArticle('Helena Vos called it a reckless speed limit.')).toBe('oppose');
  });

  it('a verdict a denied belief frames right before it is denied ("I do not think it is a silly objection"); not a denial further back', () => {
    expect(sideInArticle('Helena Vos said she did not think it was a silly objection.')).toBe('oppose');
    expect(sideInArticle('Sam Altman said he did not think it was high time the pace of AI development was reduced.')).toBe('oppose');
    expect(sideInArticle('"I don\'t think it is reckless to pause," said Maria Lopez.')).toBe('support');
    for (const sentence of [
      '"I don\'t expect Congress to act, so I am urging the labs to pause," said Maria Lopez.',
      '"I don\'t think anyone disputes that the labs should pause," said Maria Lopez.',
      '"I don\'t think it\'s crazy to say the labs should slow down," said Geoffrey Hinton.',
    ]) expect(sideInArticle(sentence), sentence).toBe('support');
  });

  it('a call a denied belief frames right before its modal is denied ("he did not think the labs should pause"); not across a clause', () => {
    expect(sideInArticle('Senator Ruiz said he did not think the labs should pause.')).toBe('oppose');
    expect(sideInArticle('Senator Ruiz said she does not think that America should halt training.')).toBe('oppose');
    expect(sideInArticle('Senator Ruiz said she did not believe the labs should ever stop racing.')).toBe('oppose');
    expect(sideInArticle('Senator Ruiz said he did not think so, and the labs should pause.')).toBe('support');
    expect(sideInArticle('Senator Ruiz said she did not think the question mattered if the labs should pause.')).toBe('support');
    // a longer subject, a subject that is no one, a call opening with its subject; not "no doubt"
    expect(sideInArticle('Ted Cruz said nobody in Washington thinks the pace of AI development should be slowed.')).toBe('oppose');
    expect(sideInArticle('Ted Cruz said no lab thinks the labs should pause.')).toBe('oppose');
    expect(sideInArticle('Ted Cruz said there is no doubt he thinks the labs should pause.')).toBe('support');
    expect(sideInArticle('Ted Cruz said everyone thinks the pace of AI development should be slowed.')).toBe('support');
    // a full "does not" denies as "doesn't" does, and "never" is no part of the speaker's name
    expect(sideInArticle('Senator Ruiz does not support the moratorium on frontier AI training.')).toBe('oppose');
    expect(sideInArticle('Senator Ruiz did not think the labs should pause.')).toBe('oppose');
    expect(sideInArticle('Senator Ruiz does not oppose the moratorium on frontier AI training.')).toBe('support');
    expect(sideInArticle('Senator Ruiz never backed away from her call for a pause on frontier AI training.')).toBe('support');
    // a belief only when negated ("not convinced") frames a call as a denied belief does
    expect(sideInArticle('"I\'m not convinced the labs should pause," Senator Ruiz said.')).toBe('oppose');
    expect(sideInArticle('Senator Ruiz said she remained unconvinced that the pace of AI development should be slowed.')).toBe('oppose');
    expect(sideInArticle('"I am convinced the labs should pause," Senator Ruiz said.')).toBe('support');
    // (reviews of 2.5.119 and 2.5.123) a doubt is not read: one reported is as often others', and dismissed
    for (const sentence of [
      '"I don\'t doubt the labs should pause," Senator Ruiz said.',
      '"No one doubts the labs should pause," said Yoshua Bengio, the Turing Award winner.',
      '"Few doubt that the labs should slow down," Senator Maria Lopez said.',
      '"I have little doubt the labs should pause," said Senator Maria Lopez.',
      'Senator Maria Lopez said she no longer doubts the labs should pause.',
      '"Who can doubt that the labs should pause now?" said Senator Maria Lopez.',
      'Senator Maria Lopez dismissed doubts that the labs should pause.',
      // (a review of 2.5.121) "still" no clause break
      '"Anyone who still doubts the labs should pause has not read the research," said Yoshua Bengio.',
      '"Only cynics doubt that the labs should slow down," said Senator Maria Lopez.',
      '"If you doubt the labs should pause, read the system card," Yoshua Bengio said.',
    ]) expect(sideInArticle(sentence), sentence).toBe('support');
    // (a review of 2.5.104) a denial of a narrower point than the pause: waiting, only, voluntarily, on its own
    for (const sentence of [
      '"I don\'t think the labs should wait any longer to pause," Senator Ruiz said.',
      '"I don\'t think the labs should hesitate to pause," Senator Ruiz said.',
      '"I don\'t think the labs should pause voluntarily; governments should force them to," Senator Ruiz said.',
      '"I don\'t think any single lab should pause on its own; it has to be everyone," Senator Ruiz said.',
      // (a review of 2.5.112) a no-one word that is no subject of the belief
      'No fewer than 40 senators believe the labs should pause, Tom Reyes said.',
      'Senator Ruiz sees no sign of restraint and thinks the labs should pause.',
      'No one doubts Senator Ruiz thinks the labs should pause, Tom Reyes said.',
    ]) expect(sideInArticle(sentence), sentence).toBe('support');
    // (a review of 2.5.112) words of the frame, a reason or a length are no narrowing of the call
    for (const sentence of [
      '"I just don\'t think the labs should pause," Senator Ruiz said.',
      '"I don\'t think the labs should halt training just because a few researchers are worried," Senator Ruiz said.',
      '"I don\'t think the labs should pause for a single day," Senator Ruiz said.',
      'Kestrel Labs\' chief, Tom Reyes, doesn\'t think the labs need to pause.',
      // (a review of 2.5.113) a no-one subject with words of its own, after an opening; "not just" before an act
      'Tom Reyes said nobody who has studied this thinks the labs should pause.',
      'Tom Reyes said no one from the big labs thinks the labs should pause.',
      'Tom Reyes said these days nobody in Congress thinks the labs should pause.',
      'Tom Reyes said the labs can\'t just halt training runs and hope China follows.',
    ]) expect(sideInArticle(sentence), sentence).toBe('oppose');
    // (a review of 2.5.113) a denied call of a few: the one-country pause the proposal rejects too
    for (const sentence of [
      '"I don\'t think the US alone should pause," Tom Reyes said.',
      '"I don\'t think one country on its own should pause," Tom Reyes said.',
      // (a review of 2.5.114) "no" that is no subject's; "not only ... but"
      'Senator Ruiz said in no uncertain terms she believes the labs must pause.',
      'Senator Ruiz said voters with no stake in the industry think the labs should pause.',
      'Senator Ruiz said labs should not only pause but also open their data centers to inspectors.',
      'Senator Ruiz said she has not only backed the moratorium but voted for it twice.',
    ]) expect(sideInArticle(sentence), sentence).toBe('support');
    // (a review of 2.5.114) "own" and "a single" that are no few
    for (const sentence of [
      'Tom Reyes said he does not believe his own company should pause.',
      'Tom Reyes said he doesn\'t think a single lab should be allowed to pause.',
      // (a review of 2.5.115) a no-one subject after "almost", "so far"; "any single lab" all of them
      'Almost nobody in Congress thinks the labs should pause frontier AI development, Senator Ruiz said.',
      'So far nobody in Congress thinks the labs should pause frontier AI development, Senator Ruiz said.',
      'Senator Ruiz said she does not believe any single lab should pause frontier AI development.',
    ]) expect(sideInArticle(sentence), sentence).toBe('oppose');
    // "Nobody in Washington" is no speaker: the one who said it is
    const nobody = pauseScorer.score({ title: null, text: asArticle('Nobody in Washington thinks the pace of AI development should be slowed, Ted Cruz said.') });
    expect(nobody.voices.find((voice) => !voice.actor.startsWith('Lawmakers'))).toEqual(expect.objectContaining({ actor: 'Ted Cruz', stance: 'oppose' }));
  });
});
