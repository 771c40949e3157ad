import { describe, expect, it } from 'vitest';
import type { Voice } from '../../src/model/index.ts';
import { actorNumber } from '../../src/stance/find-attributions.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';

function voicesOf(text: string): Voice[] {
  return pauseScorer.score({ title: null, text }).voices;
}

/** The quotes shown for an actor, joined: what the digest shows as that speaker's words. */
function quotesOf(voices: readonly Voice[], actor: string): string {
  return voices.filter((voice) => voice.actor === actor).map((voice) => voice.quote).join(' | ');
}

describe('a subject pronoun stands only for a speaker it agrees with in number', () => {
  it('"he" is no plural group: "Scientists urged a pause. He said ..." does not make the scientists say it', () => {
    const voices = voicesOf('Scientists urged a pause of frontier AI development. He said the risks are overstated.');
    expect(quotesOf(voices, 'Scientists')).toBe('urged a pause of frontier AI development.');
    expect(voices.filter((voice) => voice.stance === 'oppose')).toEqual([]);
  });

  it('"he" or "she" looks past a group to the person named before it', () => {
    const voices = voicesOf('Yoshua Bengio said frontier AI is dangerous. Scientists urged a pause. He said the labs must stop now.');
    expect(quotesOf(voices, 'Yoshua Bengio')).toContain('said the labs must stop now.');
    expect(quotesOf(voices, 'Scientists')).not.toContain('must stop now');
  });

  it('"they" is no single named person', () => {
    const voices = voicesOf('Yoshua Bengio said a pause of frontier AI was overdue. They added that the labs must stop now.');
    expect(quotesOf(voices, 'Yoshua Bengio')).not.toContain('must stop now');
  });

  it('"they" is no surname alone of a person named in full before', () => {
    const voices = voicesOf('Yoshua Bengio spoke in Montreal. Bengio said a pause of frontier AI was overdue. They added that the labs must stop now.');
    expect(voices.map((voice) => voice.quote).join(' | ')).not.toContain('must stop now');
  });

  it.each([
    ['Scientists urged a pause of frontier AI. They said the labs must stop now.', 'Scientists'],
    ['The minister said a pause of frontier AI was naive. She added that the labs must keep building.', 'The minister'],
    ['Anthropic said a pause of frontier AI was overdue. It added that the labs must stop now.', 'Anthropic'],
    ['Anthropic said a pause of frontier AI was overdue. They added that the labs must stop now.', 'Anthropic'],
  ])('a pronoun that agrees still stands for the speaker before: %s', (text, actor) => {
    expect(quotesOf(voicesOf(text), actor)).toMatch(/added|said the labs must stop now/);
  });
});

describe('the number of a speaker as written', () => {
  it.each([
    ['Scientists', 'plural'], ['300 researchers', 'plural'], ['the unions', 'plural'], ['Many', 'plural'],
    ['OpenAI and Google DeepMind', 'plural'], ['Yoshua Bengio', 'person'], ['the minister', 'person'],
    ['Dr. Fiona McGrath', 'person'], ['Nvidia chief Jensen Huang', 'person'], ['Anthropic', 'other'], ['China', 'other'],
    ['the company', 'other'], ['Future of Life Institute', 'other'], ['Google DeepMind', 'other'], ['Reuters', 'other'],
  ] as const)('%s: %s', (actor, number) => {
    expect(actorNumber(actor)).toBe(number);
  });

  it('a surname alone is a person once the text has named that person in full', () => {
    expect(actorNumber('Bengio')).toBe('other');
    expect(actorNumber('Bengio', new Set(['bengio']))).toBe('person');
  });
});
