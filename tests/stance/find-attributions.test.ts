import { describe, expect, it } from 'vitest';
import { findAttributions } from '../../src/stance/find-attributions.ts';
import { tokenize } from '../../src/stance/tokenize.ts';

function attributionsOf(text: string, previousActor: string | null = null): { actor: string; said: string }[] {
  const tokens = tokenize(text);
  return findAttributions(text, tokens, { previousActor }).map((attribution) => ({
    actor: attribution.actor,
    said: attribution.ranges.map(([from, to]) => tokens.slice(from, to).map((token) => token.word).join(' ')).join(' | '),
  }));
}

function actorsOf(text: string): string[] {
  return attributionsOf(text).map((attribution) => attribution.actor);
}

describe('find attributions: who said it', () => {
  it.each([
    ['Last week, Congress passed a resolution supporting the pause, said Senator Jane Doe.', 'Senator Jane Doe'],
    ['Despite the backlash, the lab continued to oppose the pause, said Maria Lopez, a lab spokeswoman.', 'Maria Lopez'],
    ['Stocks rallied on Friday, lifting chip makers to a record, said a trader at a Frankfurt bank.', 'a trader'],
    ['This week, the debate shifted, said Professor Ana Ruiz of Oxford.', 'Professor Ana Ruiz of Oxford'],
  ])('an opening adverbial before "..., said X" is not a speaker: %s', (text, actor) => {
    const actors = actorsOf(text);
    expect(actors).toContain(actor);
    expect(actors.filter((found) => /^(last week|despite|this week|friday)/i.test(found))).toEqual([]);
  });

  it.each([
    'WASHINGTON (Reuters): The Senate will take up the pause resolution next week.',
    'UPDATED (June 5): This story has been updated to add that the lab opposes the pause.',
  ])('a dateline or an update note is not a transcript speaker: %s', (text) => {
    expect(actorsOf(text)).not.toContainEqual(expect.stringMatching(/^(WASHINGTON|UPDATED)$/));
  });

  it.each([
    ['Anthropic on Tuesday called on the leading AI labs to coordinate a verified global pause.', 'Anthropic'],
    ['The ministers in June said a pause of frontier AI development could be verified.', 'The ministers'],
  ])('a date between the speaker and the verb is not the speaker: %s', (text, actor) => {
    expect(actorsOf(text)).toEqual([actor]);
  });

  it('declining to comment is not a statement', () => {
    expect(actorsOf('Google refused to comment on the pause.')).toEqual([]);
  });

  it.each([
    ['"Every moratorium has been broken," said historian Dr. Ezra Kaplan, rejecting the proposal.', 'historian Dr. Ezra Kaplan'],
    ["France's digital minister, Aurélien Marchand, said Paris would \"not join any moratorium.\"", 'Aurélien Marchand'],
    ['Lina Haddad, head of a Beirut-based digital-rights group, said the Arab world has "no seat at the table."', 'Lina Haddad'],
    ['Dr. Fiona McGrath, who convenes a working group, endorsed the call on Tuesday, saying clinicians "would never do this."', 'Dr. Fiona McGrath'],
    ['Mr. Aidan Keller, a nuclear safety engineer, testified: "You shut the reactor down first."', 'Mr. Aidan Keller'],
    ['Witness statement of Dr. Lars Eriksen: "Any pause built on that capability would be fiction."', 'Dr. Lars Eriksen'],
    ['PROF. KENJI WATANABE: They would be shut out of the frontier.', 'PROF. KENJI WATANABE'],
    ['SEFO RABUKA (telecoms engineer): Honestly, no, we should not sign it.', 'SEFO RABUKA'],
    ['A (economist Yusuf Demir): Growth with a small chance of ruin is leverage.', 'economist Yusuf Demir'],
    ['Baroness Whitcombe asked the minister whether the Government would now join the call for a pause.', 'Baroness Whitcombe'],
    ['The Baltic Council of Science Academies has voted to back the proposed slowdown of frontier AI.', 'The Baltic Council of Science Academies'],
    ['Toronto city council passed a motion on Wednesday urging Ottawa to champion a global pause.', 'Toronto city council'],
    ['In written evidence, the Federal Association of Physicists called a temporary slowdown "scientifically justified".', 'the Federal Association of Physicists'],
    ['MEXICO CITY — Rodrigo Salcedo, who chairs a senate panel, called the status quo a game of chicken and said Mexico would sign.', 'Rodrigo Salcedo'],
    ['Akira Tanabe, who runs a parts supplier, broke ranks on Friday, calling a temporary cap a price worth paying.', 'Akira Tanabe'],
    ['"Why should we stop when we have only just started?" asked Fatima Zahra, who runs an AI startup.', 'Fatima Zahra'],
    ['Ewa Kowalczyk (Civic Coalition) asked the minister whether the government would commit to the pause.', 'Ewa Kowalczyk'],
  ])('%s → %s', (text, actor) => {
    // "X called ... and said ..." makes two statements by one speaker.
    expect([...new Set(actorsOf(text))]).toEqual([actor]);
  });

  it('what the speaker reports is theirs, not a second speaker\'s', () => {
    expect(actorsOf('Venture investor Rafael Montoya said on Thursday he no longer opposes a pause.')).toEqual(['Venture investor Rafael Montoya']);
    const [union] = attributionsOf('A spokesperson for the Union of Concerned Programmers said its 18,000 members would support the pause.');
    expect(union).toEqual({ actor: 'A spokesperson for the Union of Concerned Programmers', said: 'said its 18 , 000 members would support the pause .' });
    const [engineer] = attributionsOf('According to a senior engineer at one of the labs, who asked not to be named, many staff privately welcome the proposal.');
    expect(engineer!.actor).toBe('a senior engineer');
    expect(engineer!.said).toBe('many staff privately welcome the proposal .');
  });

  it('a relative clause inside the subject is not the speaker', () => {
    expect(actorsOf("A retired general who once ran U.S. Cyber Command's planning staff said Washington should back a verified halt."))
      .toEqual(['A retired general']);
  });

  it('"he" is the name nearest to it, not a place named before', () => {
    const text = 'At the trade show in Las Vegas, chipmaker executive Victor Lam drew applause when he called the pause proposal a surrender note.';
    expect(actorsOf(text)).toEqual(['Victor Lam']);
  });

  it('a number keeps its thousands separator inside a subject', () => {
    expect(actorsOf('The union of 40,000 software workers has voted to back the pause.')).toEqual(['The union of 40,000 software workers']);
  });

  it('a transcript turn may still relay another voice', () => {
    expect(actorsOf('RADIO HOST: Critics say you are scaremongering about the pause.')).toEqual(['RADIO HOST', 'Critics']);
  });

  it.each([
    ['a question names no speaker', 'Q: Minister, will Hungary back the Anthropic proposal?'],
    ['the writer speaking is no actor', "I'd tell my government not to sign the pause."],
    ['a date after the verb is no speaker', 'The pause would fail, said on Tuesday in a statement.'],
    ['"passed" without a motion reports nothing', 'The frontier labs passed the benchmark last week, ahead of the pause talks.'],
    ['"issued" without a statement reports nothing', 'The lab issued new shares after the pause talks.'],
    ['an object noun after a verb is no second verb', 'Critics of the pause dismissed claims the slowdown was a cartel play.'],
    ['a condition supposes a speaker', 'The pause would expire after a year unless a majority of participating developers voted to extend it.'],
    ['a group described by what it agreed is no speaker', 'The answer is never the people who agreed to freeze frontier training.'],
    ['"nobody" is no speaker', 'One with teeth needs a global regulator nobody has agreed to build for the pause.'],
    ['a question inside a clause is not a subject', 'Ask yourself who benefits when the top of the ladder is told to stand still on the pause.'],
  ])('%s', (_, text) => {
    expect(actorsOf(text).filter((actor) => !/^critics of the pause$/i.test(actor))).toEqual([]);
  });
});
