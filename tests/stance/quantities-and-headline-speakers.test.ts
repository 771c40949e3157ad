import { describe, expect, it } from 'vitest';
import { isQuantityOnly, isShareOfGroup } from '../../src/stance/collect-voices.ts';
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

  it('a share of a group is a poll\'s figure, no speaker either; a quantifier of a group still says who speaks', () => {
    for (const actor of ['Sixty-eight percent of Democrats', '54 per cent of American adults', 'a majority of voters', '62% of respondents', 'Two-thirds of Republicans']) {
      expect([actor, isShareOfGroup(actor)]).toEqual([actor, true]);
    }
    for (const actor of ['Some economists', 'Many of the researchers', 'One of the leading labs', 'Hundreds of workers']) {
      expect([actor, isShareOfGroup(actor)]).toEqual([actor, false]);
    }
    const result = pauseScorer.score({
      title: 'Most Americans back a verified AI pause',
      text: 'Sixty-eight percent of Democrats backed a verified pause of frontier AI development, and 54 per cent of Republicans supported the moratorium, the survey found.\n\nSome economists said a pause would hurt growth.',
    });
    const actors = result.voices.map((voice) => voice.actor.toLowerCase());
    expect(actors.filter((actor) => actor.includes('percent') || actor.includes('per cent'))).toEqual([]);
  });
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

describe('a headline "Name: statement" reads the statement as the named speaker\'s', () => {
  // An article long enough to be scored by the rules, whose body takes no side: the voice is the headline's alone.
  const body = [
    'The Turing award winner has long warned about frontier AI development.',
    'In a new essay published on Tuesday, he sets out the history of the debate.',
    'The essay runs to some 4,000 words.',
    'It describes the open letter of 2023 and the summits that followed.',
    'It also recounts meetings with officials in London, Paris and Seoul.',
    'Several labs have published safety frameworks since then.',
    'Governments have set up AI safety institutes.',
    'The essay was published by a university press.',
    'It will be discussed at a conference in Montreal next month.',
    'Tickets for the conference are sold out.',
  ].join('\n\n');

  it.each([
    ['Yoshua Bengio: A pause is the only sane option left', 'Yoshua Bengio', 'support'],
    ['Yoshua Bengio: A moratorium remains our only hope', 'Yoshua Bengio', 'support'],
    ['Gary Marcus: Why a pause is the only way forward', 'Gary Marcus', 'support'],
    ['Marc Andreessen: Racing ahead is the only option left for frontier AI', 'Marc Andreessen', 'oppose'],
  ])('"%s": %s, %s', (title, actor, stance) => {
    const result = pauseScorer.score({ title, text: body });
    expect(result.voices).toContainEqual(expect.objectContaining({ actor, stance }));
  });

  it('the same statement as a one-line text supports the pause', () => {
    const result = pauseScorer.score({ title: null, text: 'Yoshua Bengio: A pause is the only sane option left' });
    expect(result.stance?.label).toBe('support');
    expect(result.voices).toContainEqual(expect.objectContaining({ actor: 'Yoshua Bengio', stance: 'support' }));
  });
});

describe('one name before a colon names the speaker, as a full name does; a label or a dateline does not', () => {
  const body = [
    'The Turing award winner has long warned about frontier AI development.',
    'In a new essay published on Tuesday, he sets out the history of the debate.',
    'The essay runs to some 4,000 words.',
    'It describes the open letter of 2023 and the summits that followed.',
    'It also recounts meetings with officials in London, Paris and Seoul.',
    'Several labs have published safety frameworks since then.',
    'Governments have set up AI safety institutes.',
    'The essay was published by a university press.',
    'It will be discussed at a conference in Montreal next month.',
    'Tickets for the conference are sold out.',
  ].join('\n\n');

  it.each(['Bengio', 'Yoshua Bengio'])('"%s: A pause is the only sane option left" as a one-line text: the speaker supports', (name) => {
    const result = pauseScorer.score({ title: null, text: `${name}: A pause is the only sane option left.` });
    expect(result.stance?.label).toBe('support');
    expect(result.voices).toEqual([expect.objectContaining({ actor: name, stance: 'support', quote: 'A pause is the only sane option left.' })]);
  });

  it.each(['Bengio', 'Yoshua Bengio'])('"%s: ..." as a headline: the speaker supports', (name) => {
    const result = pauseScorer.score({ title: `${name}: A pause is the only sane option left`, text: body });
    expect(result.voices).toContainEqual(expect.objectContaining({ actor: name, stance: 'support' }));
  });

  it.each([
    'Update', 'Analysis', 'Explainer', 'Opinion', 'Exclusive', 'Thread', 'PSA', 'Brilliant', 'Remember', 'Washington',
    'WASHINGTON', 'New Delhi', 'NEW DELHI', 'Hong Kong', 'Breaking News', 'Sketch', 'Profile', 'Column', 'Briefing',
  ])('"%s: ..." labels or datelines the line: no speaker', (label) => {
    for (const input of [
      { title: null, text: `${label}: A pause of frontier AI development is the only sane option left.` },
      { title: `${label}: A pause of frontier AI development is the only sane option left`, text: body },
    ]) {
      expect(pauseScorer.score(input).voices.map((voice) => voice.actor)).not.toContain(label);
    }
  });

  it('a surname alone in a transcript is the speaker the text named in full before', () => {
    const text = [
      'HOST: Should the labs stop?',
      'GABRIELA MONTOYA: No. Stopping the clock fixes none of the harms we audit.',
      'HOST: So no freeze?',
      'MONTOYA: No freeze. A pause of frontier AI development is the wrong answer.',
    ].join('\n\n');
    const voices = pauseScorer.score({ title: null, text }).voices;
    expect(voices.find((voice) => /freeze/i.test(voice.quote) && voice.actor !== 'HOST')?.actor).toMatch(/MONTOYA/);
    expect(voices.filter((voice) => voice.actor === 'HOST').map((voice) => voice.quote).join(' ')).not.toContain('No freeze.');
  });
});

