import { describe, expect, it } from 'vitest';
import { isQuantityOnly } from '../../src/stance/collect-voices.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';

describe('a quantity or a share alone is no speaker', () => {
  it('a poll report shows the groups it names, not "Sixty-two percent", "Some" or "others"', () => {
    const result = pauseScorer.score({
      title: 'Voters back a pause on frontier AI, poll finds',
      text: [
        'Sixty-two percent said the labs should pause frontier AI development until safety can be verified, according to a new survey.',
        'Some said a pause would hand the lead to China, while others said it was overdue.',
        'Many in the industry argue that a pause is unworkable.',
        '62% said they trusted regulators more than the labs, and nearly half said the moratorium should be permanent.',
      ].join('\n\n'),
    });
    const actors = result.voices.map((voice) => voice.actor.toLowerCase());
    for (const quantity of ['sixty-two percent', 'some', 'others', '62%', 'nearly half']) expect(actors).not.toContain(quantity);
    expect(actors).toContain('many in the industry');
  });

  it.each(['some', 'Some', 'others', 'Sixty-two percent', '62%', '62 per cent', 'nearly half', 'two-thirds', 'a third', 'the majority', 'Four', 'several others'])(
    '"%s" is a quantity only', (actor) => expect(isQuantityOnly(actor)).toBe(true),
  );

  it.each(['Some economists', 'Many in the industry', 'Some of your colleagues', 'one investor', 'Half my timeline', 'Sixty-two percent of voters'])(
    '"%s" says who speaks', (actor) => expect(isQuantityOnly(actor)).toBe(false),
  );
});

describe('a headline\'s description of a person merges into the speaker the body names with it', () => {
  const body = (lead: string) => `${lead}\n\n"You cannot ask the honest labs to wait while others race ahead," he told reporters in Taipei.`;

  it.each([
    ['Nvidia chief says AI pause would hand the lead to China', 'Jensen Huang, Nvidia\'s chief executive, said on Tuesday that a pause of frontier AI development would hand the lead to China.'],
    ['Nvidia boss says AI pause would hand the lead to China', 'Nvidia chief executive Jensen Huang said a pause of frontier AI development would hand the lead to China.'],
    ['Nvidia CEO slams AI pause', 'Jensen Huang, the chief executive of Nvidia, said a pause of frontier AI development would hand the lead to China.'],
  ])('"%s" over a body quoting Jensen Huang shows one speaker', (title, lead) => {
    const actors = pauseScorer.score({ title, text: body(lead) }).voices.map((voice) => voice.actor);
    expect(actors).toContain('Jensen Huang');
    expect(actors.filter((actor) => actor !== 'Jensen Huang')).toEqual([]);
  });

  it('a description of someone else, or a group, stays', () => {
    const other = pauseScorer.score({
      title: 'Nvidia chief says AI pause would hand the lead to China',
      text: body('Lisa Su, AMD\'s chief executive, said a pause of frontier AI development would hand the lead to China.'),
    });
    expect(other.voices.map((voice) => voice.actor)).toContain('Nvidia chief');
    const group = pauseScorer.score({
      title: 'Critics say AI pause would hand the lead to China',
      text: body('Jensen Huang, Nvidia\'s chief executive, said a pause of frontier AI development would hand the lead to China.'),
    });
    expect(group.voices.map((voice) => voice.actor)).toContain('Critics');
  });
});
