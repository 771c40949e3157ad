import { describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/seeded-random.ts';
import { pauseScorer as scorer } from '../helpers/pause-topic.ts';
import { MAX_SCORED_CHARS } from '../../src/stance/pause-proposal-scorer.ts';

/**
 * Words that steer the scorer's rules: reporting verbs (some also nouns), participles, "and", "according to",
 * relative pronouns, quotation marks and apostrophes, names, pronouns, determiners, negation, the topic's terms.
 * Shuffled into sentences no writer would make, they reach corners real text rarely does.
 */
const VOCABULARY = [
  'said', 'says', 'argue', 'argued', 'argues', 'oppose', 'opposes', 'support', 'supports', 'warned', 'urges', 'called',
  'calls', 'states', 'claims', 'notes', 'told', 'asked', 'according', 'to', 'and', 'or', 'but', 'that', 'which', 'who',
  'has', 'have', 'had', 'been', 'not', "isn't", 'never', 'the', 'a', 'an', 'his', 'her', 'their', 'its', 'he', 'she',
  'they', 'it', 'Anthropic', 'OpenAI', 'Jane', 'Roe', 'Dr.', 'Sacks', 'member', 'critics', 'labs', 'minister',
  'pause', 'moratorium', 'slowdown', 'halt', 'frontier', 'AI', 'development', 'verified', 'global', 'on', 'in', 'of',
  'calling', 'arguing', 'saying', 'if', 'were', 'would', 'might', 'should', 'make', 'sense', 'Speaking', 'Asked',
  '"', "'", '‘', '’', '“', '”', ',', ':', ';', '?', '!', '(', ')', '—', '-', '.', 'Yes', 'No', 'Q:', 'A:',
];

function randomText(random: () => number): string {
  const sentences = 1 + Math.floor(random() * 4);
  const parts: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const length = 1 + Math.floor(random() * 14);
    const words = Array.from({ length }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!);
    if (random() < 0.5) words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    parts.push(`${words.join(random() < 0.8 ? ' ' : '')}${random() < 0.8 ? '.' : ''}`);
  }
  return parts.join(random() < 0.9 ? ' ' : '\n\n');
}

describe('the scorer on any text', () => {
  // A throw loses the article: the run records an item error and the same text fails again on every retry.
  it('scores thousands of random sentences built from the words its rules read, with and without a title, and never throws', () => {
    const random = seededRandom(20261202);
    const failures: string[] = [];
    for (let i = 0; i < 4000 && failures.length < 5; i++) {
      const text = randomText(random);
      const title = random() < 0.5 ? null : randomText(random);
      try {
        const result = scorer.score({ title, text });
        expect(result.relevance.score).toBeGreaterThanOrEqual(0);
      } catch (error) {
        failures.push(`${JSON.stringify({ title, text })}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('gives a fragment that opens with its verb, and goes on with "and" and a second verb, to its heading', () => {
    // "Oppose and argue." threw: the second verb shared the first's empty subject
    expect(() => scorer.score({ title: null, text: 'Oppose and argue.' })).not.toThrow();
    const { voices } = scorer.score({ title: 'Anthropic', text: 'Warns of the risks of a pause and urges a halt to frontier AI development.' });
    expect(voices.map((voice) => voice.actor)).toEqual(['Anthropic']);
  });
});

describe('the scorer on hostile lengths', () => {
  it('reads the voices of a page that never ends a sentence, cut into pieces', () => {
    // "Dr John Smith said ..." 8,000 times, with no sentence end: read as one sentence, its attributions took seconds
    const result = scorer.score({ title: 'Frontier AI pause', text: `${'Dr John Smith said the frontier AI labs should pause '.repeat(3000)}.` });
    expect(result.relevance.relevant).toBe(true);
    expect(result.voices.some((voice) => voice.actor === 'John Smith')).toBe(true);
  });

  it(`scores the first ${MAX_SCORED_CHARS.toLocaleString('en')} characters of a text, no more`, () => {
    const filler = 'The weather was mild and the trains ran on time. '.repeat(Math.ceil(MAX_SCORED_CHARS / 49));
    const topical = 'Anthropic urged the frontier AI labs to pause their largest training runs.';
    expect(scorer.score({ title: null, text: `${topical} ${filler}` }).relevance.relevant).toBe(true);
    expect(scorer.score({ title: null, text: `${filler} ${topical}` }).relevance.relevant).toBe(false);
  });
});
