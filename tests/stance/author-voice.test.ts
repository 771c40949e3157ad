import { describe, expect, it } from 'vitest';
import { authorOf } from '../../src/stance/author-voice.ts';
import { pauseScorer } from '../helpers/pause-topic.ts';

const oped = [
  'A pause on AI would be a cartel with a conscience',
  'Coordinated restraint among the leading laboratories would be collusion, however noble the motive, argues Ben Arlott',
  'Imagine that the five largest carmakers agreed among themselves to stop developing their newest models for six months. Competition authorities would be on the phone within the hour.',
  'The pause is a cartel. It would entrench the incumbents and hand them a moat. Smaller firms would be frozen out while the giants wait together.',
  'A pause is the wrong instrument. It is a bad idea, and regulators should say so before it hardens into an agreement.',
  'The labs should compete on safety instead of colluding on a pause. A pause is a cartel by another name.',
  'Ben Arlott is professor of industrial economics at the University of Kestrel.',
].join('\n\n');

function paragraphs(text: string): { text: string; paragraph: number }[] {
  return text.split('\n\n').flatMap((paragraph, index) => paragraph.split(/(?<=\.) /).map((sentence) => ({ text: sentence, paragraph: index })));
}

describe('the author of an opinion piece', () => {
  it('is named by its standfirst or its sign-off, not by a report\'s first sentence or a desk', () => {
    expect(authorOf(paragraphs(oped).slice(1))).toBe('Ben Arlott');
    expect(authorOf(paragraphs('The pause is a cartel. It would entrench the incumbents.\n\nBen Arlott is professor of industrial economics at the University of Kestrel.'))).toBe('Ben Arlott');
    // a report's lead runs on past its first sentence; a desk or agency is no person who argues
    expect(authorOf(paragraphs('Labs met in Geneva, says Jane Doe. They talked for two days.\n\nNothing was agreed.'))).toBeNull();
    expect(authorOf(paragraphs('The talks failed, writes Reuters Staff\n\nNothing was agreed in Geneva.'))).toBeNull();
    // a standfirst's closing stop is not part of the name; a news lede's "says" names a speaker, not the author
    expect(authorOf(paragraphs('A verified pause is overdue, argues Oliver Tremaine.\n\nThe labs cannot slow down alone.'))).toBe('Oliver Tremaine');
    expect(authorOf(paragraphs('A verified pause would be a dangerous mistake, says Yann LeCun\n\nThe labs cannot slow down alone.'))).toBeNull();
    // a closing line of background, or about someone the piece quotes, is no sign-off
    expect(authorOf(paragraphs('The labs cannot slow down alone.\n\nThe European Commission is expected to publish its own proposal in the spring.'))).toBeNull();
    expect(authorOf(paragraphs('"A pause is a fantasy," LeCun said.\n\nYann LeCun is chief AI scientist at Meta.'))).toBeNull();
    expect(authorOf(paragraphs('The pause is a mistake.\n\nMeta Platforms is a member of the Frontier Model Forum.'))).toBeNull();
  });

  it('speaks for the side the piece takes in its own words', () => {
    const result = pauseScorer.score({ title: null, text: oped });
    expect(result.stance?.label).toBe('oppose');
    expect(result.voices.filter((voice) => voice.actor === 'Ben Arlott').map((voice) => voice.stance)).toEqual(['oppose']);
  });

  it('is no voice where the text names no author of its own', () => {
    const report = oped.replace(', argues Ben Arlott', '').replace('\n\nBen Arlott is professor of industrial economics at the University of Kestrel.', '');
    expect(pauseScorer.score({ title: null, text: report }).voices.map((voice) => voice.actor)).not.toContain('Ben Arlott');
  });
});
