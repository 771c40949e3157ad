import { describe, expect, it } from 'vitest';
import type { Voice } from '../../src/model/index.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';

function voicesOf(text: string, title: string | null = null): Voice[] {
  return pauseScorer.score({ title, text }).voices;
}

const actors = (voices: readonly Voice[]) => voices.map((voice) => voice.actor);

/**
 * A title before a name ("Dr.", "Prof.", "Sen.", "Gen. (ret.)") is part of the name: its period ends no sentence, not
 * even at a line break (see split-sentences.test.ts), and the speaker shown is the person ("Helen Marsh"), whom "Dr.
 * Marsh" later names again.
 */
describe('a title before a name', () => {
  it('is never the speaker: "..., said Dr." over "Helen Marsh." is Helen Marsh\'s support', () => {
    const voices = voicesOf('"A verified global pause is the only responsible course," said Dr.\nHelen Marsh.');
    expect(voices).toEqual([expect.objectContaining({ actor: 'Helen Marsh', stance: 'support' })]);
  });

  it.each([
    ['"A pause is the only responsible course," said Dr. Helen Marsh.', 'Helen Marsh'],
    ['Prof. Helen Marsh said the labs must pause frontier AI training.', 'Helen Marsh'],
    ['Labs must agree to a pause, said Sen. Ruth Adeyemi.', 'Ruth Adeyemi'],
    ['Dr Helen Marsh said the labs must pause frontier AI training.', 'Helen Marsh'],
    ['"Every moratorium has been broken," said historian Dr. Ezra Kaplan.', 'Ezra Kaplan'],
  ])('is left out of a full name, as a description is: %s', (text, actor) => {
    expect(actors(voicesOf(text))).toEqual([actor]);
  });

  it('before a surname names the same person as the full name before it: "Dr. Marsh" later is Helen Marsh', () => {
    const voices = voicesOf([
      '"A verified global pause is the only responsible course," said Dr. Helen Marsh.',
      'Dr. Marsh added that the labs must stop scaling until inspection is possible.',
    ].join('\n\n'));
    expect(actors(voices)).toEqual(['Helen Marsh', 'Helen Marsh']);
  });

  it('stays before a surname the text gives no full name for: "Dr. Marsh" alone is not "Marsh"', () => {
    expect(actors(voicesOf('Dr. Marsh said the labs must pause frontier AI training.'))).toEqual(['Dr. Marsh']);
  });
});

/**
 * The object of a preposition inside the speaker's phrase ("Opponents of a global pause on [frontier AI development]")
 * is no speaker: the speaker is the phrase it belongs to, named by its head and the phrase that says whose side they
 * are of. A thing (no person, body or country) is never a voice.
 */
describe('a prepositional phrase inside the speaker', () => {
  it('"Opponents of a global pause on frontier AI development argued ...": the opponents argue, not "frontier AI development"', () => {
    const voices = voicesOf('Opponents of a global pause on frontier AI development argued that it would hand the lead to rivals.');
    expect(voices).toEqual([expect.objectContaining({ actor: 'Opponents of a global pause', stance: 'oppose' })]);
  });

  it.each([
    ['Supporters of a moratorium on giant AI experiments say the labs must stop.', 'Supporters of a moratorium'],
    ['Those opposed to a pause on frontier AI development argued that it would hand the lead to rivals.', 'Those opposed to a pause'],
    ['Researchers with the institute said a global pause of frontier AI training is overdue.', 'Researchers with the institute'],
    ['Officials close to the talks said a pause on frontier AI would hand China the lead.', 'Officials close to the talks'],
    ['A venture investor on the same panel said a pause on frontier AI would hand China the lead.', 'A venture investor on the same panel'],
  ])('names the speaker by the phrase the object belongs to: %s', (text, actor) => {
    expect(actors(voicesOf(text))).toEqual([actor]);
  });

  it.each([
    'Opponents of a global pause on frontier AI development argued that it would hand the lead to rivals.',
    'Those opposed to a pause on frontier AI development argued that it would hand the lead to rivals.',
    'Supporters of a moratorium on giant AI experiments say the labs must stop.',
  ])('never makes a thing a voice: %s', (text) => {
    expect(actors(voicesOf(text)).join('|')).not.toMatch(/AI development|AI experiments/);
  });

  it('"Critics of the proposal" are critics, not the proposer, and "Critics of the letter" are no letter', () => {
    const voices = voicesOf('Anthropic proposed a verified pause of frontier AI training.\n\nCritics of the proposal said it would hand China the lead.');
    expect(voices).toContainEqual(expect.objectContaining({ actor: 'Critics of the proposal', stance: 'oppose' }));
    expect(voices.filter((voice) => voice.actor === 'Anthropic')).toHaveLength(1);
    expect(voicesOf('Critics of the letter said a pause would hand China the lead.')).toEqual([
      expect.objectContaining({ actor: 'Critics of the letter', stance: 'oppose' }),
    ]);
  });

  it('a text from someone speaks for them: "Open letter from 140 engineers" is the engineers\' voice', () => {
    expect(actors(voicesOf('Open letter from 140 Korean engineers: the labs must pause frontier AI training until it can be inspected.'))).toContain('140 Korean engineers');
  });
});

/**
 * A name set off after a description of the speaker ('"...," said its director, Paul Kane.') is who speaks: the voice
 * is the person's, with their words only, so that their other statements ("Kane added ...") are the same voice.
 */
describe('a name after a description of the speaker', () => {
  it('"..., said its director, Paul Kane.": Paul Kane speaks, and the quote is his words without his name', () => {
    const voices = voicesOf('"A pause would be a disaster for research," said its director, Paul Kane.');
    expect(voices).toEqual([{ actor: 'Paul Kane', stance: 'oppose', quote: 'A pause would be a disaster for research' }]);
  });

  it.each([
    ['A verified pause is overdue, said a researcher, Dr. Helen Marsh.', 'Helen Marsh'],
    ['"A pause is unworkable," said the director, Paul Kane, in an interview.', 'Paul Kane'],
    ['According to its director, Nirmala Perera, the labs must pause frontier AI training.', 'Nirmala Perera'],
  ])('%s', (text, actor) => {
    expect(actors(voicesOf(text))).toEqual([actor]);
  });

  it.each([
    ["Anthropic's head of global affairs, Helena Vos, said the EU letter was the response the pause proposal hoped for.", 'Helena Vos'],
    ['Marcus Feld, director of the Open Compute Alliance, a group that advocates for open-source AI, said the pause would freeze the leaders.', 'Marcus Feld'],
    ['On Friday, Martin Esterby, the Technology Secretary, said Britain would not sign a pause treaty without the US and China.', 'Martin Esterby'],
  ])('before the verb, a description and a name between commas, or a name and descriptions: %s', (text, actor) => {
    expect(actors(voicesOf(text))).toEqual([actor]);
  });

  it('in an article, his statements are one voice with his side, not "its director" taking none', () => {
    const voices = voicesOf([
      'The Centre for Long-Term Resilience published its response to the pause proposal on Tuesday.',
      '"A pause would only push research into the shadows," said its director, Paul Kane.',
      'Kane added that a pause would be a disaster for research.',
    ].join('\n\n'));
    expect(actors(voices)).not.toContain('its director');
    expect(voices.filter((voice) => voice.actor === 'Paul Kane').map((voice) => voice.stance)).toContain('oppose');
    expect(voices.filter((voice) => voice.actor === 'Paul Kane' && voice.stance === 'support')).toEqual([]);
  });
});
