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
  it('a description or a name longer than nine words keeps its opening words', () => {
    expect(actorsOf('The chief technology officer of a large Indian IT services firm said on Wednesday that a global freeze would entrench American labs.'))
      .toEqual(['The chief technology officer of a large Indian IT services firm']);
    expect(actorsOf('The deputy director of the Office of Science and Technology Policy said the White House was engaging.'))
      .toEqual(['The deputy director of the Office of Science and Technology Policy']);
    expect(actorsOf('Professor Sione Latu of the University of the South Pacific said the pause was overdue.'))
      .toEqual(['Professor Sione Latu of the University of the South Pacific']);
    // (a review of 2.5.62-2.5.63) not a day, an adverb, or an opening phrase's words
    expect(actorsOf('On Tuesday Rajiv Mehta of NIST\'s Center for AI Standards and Innovation warned that a pause would fail.'))
      .toEqual(['Rajiv Mehta of NIST\'s Center for AI Standards and Innovation']);
    expect(actorsOf('In a letter chief executives of four large Indian IT services firms said the pause was naive.'))
      .toEqual(['chief executives of four large Indian IT services firms']);
    // (a review of 2.5.66) an article inside the subject, and a month that is a first name
    expect(actorsOf('Officials from the nine-country Gulf Cooperation Council\'s new digital technology working group said the labs should pause.'))
      .toEqual(['Officials from the nine-country Gulf Cooperation Council\'s new digital technology working group']);
    expect(actorsOf('Tech Policy Press contributor April Doss of the Institute for Technology Law and Policy said a pause would be reckless.'))
      .toEqual(['April Doss of the Institute for Technology Law and Policy']);
  });

  it('a speech verb another verb makes happen ("lets both companies claim") reports no one', () => {
    expect(actorsOf('The summary finesses the disagreement with a phrase that lets both companies claim a win.')).toEqual([]);
    expect(actorsOf('Make the ceiling on training runs permanent and let the labs argue their way above it.')).toEqual([]);
    expect(actorsOf('A loophole letting frontier developers claim they have paused is the real scandal.')).toEqual([]);
    // a participle of one is no causative, and a report in the past is one
    expect(actorsOf('Campaigners helping the organisers said the pause was overdue.')).toEqual(['Campaigners helping the organisers']);
    expect(actorsOf('Officials who made the case said the pause was overdue.')).toEqual(['Officials']);
    // (a review of 2.5.64) a participle and a present plural
    expect(actorsOf('Companies making frontier AI models argue that a pause would hand the lead to China.')).toEqual(['Companies making frontier AI models']);
    expect(actorsOf('Scientists helping draft the treaty say a verified pause is achievable.')).toEqual(['Scientists helping draft the treaty']);
  });

  it('a sentence before a colon is no speaker named before one', () => {
    expect(actorsOf('Economists in Jakarta are split: if the pause holds, local IT firms may gain time to adapt.')).toEqual([]);
    expect(actorsOf('Economists in Jakarta: if the pause holds, local IT firms may gain time to adapt.')).toEqual(['Economists in Jakarta']);
    // (a review of 2.5.61) names that are auxiliaries in small letters
    expect(actorsOf('Will MacAskill: A verified pause on frontier AI development is the only sane option left.')).toEqual(['Will MacAskill']);
    expect(actorsOf('Theresa May: A verified pause on frontier AI development is the only sane option left.')).toEqual(['Theresa May']);
    // (a review of 2.5.66) a headline's capitalised auxiliary is no name
    expect(actorsOf('Labs Must Be Stopped: A pause is the only sane option left.')).toEqual([]);
    expect(actorsOf('Tech Leaders Are Divided: A pause is the only sane option left.')).toEqual([]);
  });

  it('a set-off relative clause with an auxiliary or a day before its verb, and a report inside the report that follows', () => {
    expect(attributionsOf('OpenAI, which has said it opposes a fixed-term pause, said it shares the interest in verification.')).toEqual([
      { actor: 'OpenAI', said: 'said it opposes a fixed-term pause' },
      { actor: 'OpenAI', said: 'said it shares the interest in verification .' },
    ]);
    expect(attributionsOf('OpenAI, which on Monday said it opposes a fixed-term pause, was invited to testify.'))
      .toEqual([{ actor: 'OpenAI', said: 'said it opposes a fixed-term pause' }]);
  });

  it('a name before a description set off by a comma speaks when the description goes on "who said"', () => {
    expect(attributionsOf('Among those arrested was Lena Okonjo, a 29-year-old engineer who said she had left a job at another lab.'))
      .toEqual([{ actor: 'Lena Okonjo', said: 'said she had left a job at another lab .' }]);
    expect(actorsOf('Lena Okonjo, a 29-year-old engineer who said she had left a lab, was arrested.')).toEqual(['Lena Okonjo']);
    expect(actorsOf('Protesters included Lena Okonjo, a nurse who said she wanted the labs to pause.')).toEqual(['Lena Okonjo']);
    expect(actorsOf('Jing Wang, a researcher at a Beijing lab who said a pause was overdue, was detained last week.')).toEqual(['Jing Wang']);
    // an opening phrase is no name
    for (const text of ['In London, a nurse who marched said the pause was needed.', 'Unlike Altman, a nurse who marched said the pause was needed.', 'Echoing Hinton, a nurse who marched said the pause was needed.']) {
      expect(actorsOf(text), text).toEqual(['a nurse']);
    }
    // nor is a verb's object, the last name of a list, an imperative's object, or a name before a "who" that is not the verb's subject
    expect(actorsOf('Yann LeCun dismissed Eliezer Yudkowsky, the researcher who says the labs must halt all training.')).toEqual(['Yann LeCun', 'the researcher']);
    expect(actorsOf('Geoffrey Hinton and Yoshua Bengio, the two scientists who said the labs must pause, were not at the rally.')).toEqual(['the two scientists']);
    expect(actorsOf('Meet Lena Okonjo, the nurse who says the pause is overdue.')).toEqual(['the nurse']);
    expect(actorsOf('Demis Hassabis, the executive who many researchers say could make or break a pause, spoke.')).not.toContain('Demis Hassabis');
  });

  it('a passer-by, a protester or a man in the crowd can speak', () => {
    expect(actorsOf('"I get it, but I have a job to get to," said one man who declined to give his name.')).toEqual(['one man']);
    expect(actorsOf('A demonstrator said the labs had ignored the public for too long.')).toEqual(['A demonstrator']);
  });

  it('a name with a comma in it starts at its own "the" after an opening phrase; "As of Monday" is no name', () => {
    expect(actorsOf('After the talks the Department for Science, Innovation and Technology said a pause was premature.'))
      .toEqual(['the Department for Science, Innovation and Technology']);
    expect(actorsOf('As of Monday, Google and Meta said they opposed any pause.')).toEqual(['Google and Meta']);
  });

  it('a set-off clause dated before the report after it is background: the report is the speaker\'s word now', () => {
    expect(attributionsOf('Martin Esterby, who told Parliament last week that Britain would not sign a pause treaty, said the statement was a political commitment.'))
      .toEqual([{ actor: 'Martin Esterby', said: 'said the statement was a political commitment .' }]);
    // with no report after it, the clause is the speaker's only word
    expect(actorsOf('Meta, which said last week that a pause would be premature, declined to comment.')).toEqual(['Meta']);
  });

  it('a verb after ", but" shares the subject of the verb before it', () => {
    const said = attributionsOf('OpenAI said on Monday it was willing to take part in talks, but rejected the idea of a fixed-term pause.');
    expect(said.map((attribution) => attribution.actor)).toEqual(['OpenAI', 'OpenAI']);
    expect(said[1]!.said).toContain('rejected the idea of a fixed-term pause');
  });

  it('a relative clause set off by commas reports what the phrase before it said, up to its closing comma', () => {
    expect(attributionsOf('OpenAI, which said on Monday it opposes a fixed-term pause, declined to send a witness.'))
      .toEqual([{ actor: 'OpenAI', said: 'said on monday it opposes a fixed-term pause' }]);
    for (const [text, actor] of [
      ['It drew an immediate rebuke from pause advocates, who said the objection was exactly what the treaty would address.', 'pause advocates'],
      ['The ruling follows criticism from Sarah Kettering, the Labour MP for Westgate, who said the minister had told people to wait.', 'Sarah Kettering'],
      ['"A year is forever in this industry," countered another, who said he worked for a local start-up.', null],
      ['Talks between OpenAI and the White House, which said on Friday it opposes any pause, broke down.', null],
    ] as const) {
      const actors = actorsOf(text);
      if (actor !== null) expect(actors, text).toContain(actor);
      expect(actors.filter((found) => /rebuke|criticism|countered|Labour MP|OpenAI and/.test(found)), text).toEqual([]);
    }
    // a place's preposition or a common noun's "of" before the name; a later "from" names the speaker after a "between"
    for (const [text, actor] of [
      ['Hundreds of activists demanding a verified pause rallied outside OpenAI, which has called the idea unworkable.', 'OpenAI'],
      ['Activists chanted outside the London offices of Google DeepMind, which says a pause would be premature.', 'Google DeepMind'],
      ['The debate between the labs deepened on Tuesday with a statement from Meta, which said a pause would hand the lead to China.', 'Meta'],
    ]) expect(actorsOf(text!), text).toEqual([actor]);
    // after a text's author ("a letter organized by X, which"), "which" is the text, which is no speaker; "praised by X,
    // which" is X
    for (const text of [
      'The proposal echoes the March 2023 letter organized by the Future of Life Institute, which called for a six-month pause.',
      'The proposal echoes a 2023 report by the Future of Life Institute, which called for a six-month pause.',
    ]) expect(actorsOf(text), text).not.toContain('the Future of Life Institute');
    expect(actorsOf('The bill was praised by the Future of Life Institute, which called for a six-month pause.')).toEqual(['the Future of Life Institute']);
    // (a review of 2.5.93) only a past year's text: of another, "which" may be its author's
    for (const [text, actor] of [
      ['The findings come from a study commissioned by Kestrel Labs, which opposes any moratorium on frontier training.', 'Kestrel Labs'],
      ['Lopez cited a report published by the Future of Life Institute, which has campaigned for a pause since 2023.', 'the Future of Life Institute'],
    ]) expect(actorsOf(text!), text).toContain(actor);
    // an aside that "that" opens inside the clause does not end it
    expect(attributionsOf('OpenAI, which said on Monday that, in its view, a pause would be counterproductive, declined to comment.'))
      .toEqual([{ actor: 'OpenAI', said: 'said on monday that , in its view , a pause would be counterproductive' }]);
  });

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

  it('a negated auxiliary is no part of a name: the statement keeps it, and a denied report is none', () => {
    expect(attributionsOf("Senator Ruiz doesn't believe the labs should halt training.")).toEqual([{ actor: 'Senator Ruiz', said: "doesn't believe the labs should halt training ." }]);
    expect(actorsOf('Senator Ruiz won’t back the pause.')).toEqual(['Senator Ruiz']);
    expect(actorsOf('Senator Ruiz cannot support a moratorium, her office said.')).toContain('Senator Ruiz');
    expect(actorsOf('But the same sceptics cannot tell us what the next model will be able to do.')).toEqual([]);
  });

  it('a full "does not" before a verb of a side is the statement\'s as "doesn\'t" is; before other verbs no statement', () => {
    expect(attributionsOf('Senator Ruiz does not support the moratorium.')).toEqual([{ actor: 'Senator Ruiz', said: 'not support the moratorium .' }]);
    expect(actorsOf('OpenAI did not sign the pause letter.')).toEqual(['OpenAI']);
    expect(actorsOf('The lab did not refuse to sign the pause letter.')).toEqual([]);
  });

  it('"never" is no part of a name either: the statement keeps it, and a report never made is none', () => {
    expect(attributionsOf('Senator Ruiz never backed away from her call for a pause.')).toEqual([{ actor: 'Senator Ruiz', said: 'never backed away from her call for a pause .' }]);
    expect(actorsOf('Senator Ruiz has never said she opposes the pause.')).toEqual([]);
  });

  it('a verb of rejecting and its particle are no part of a name ("fought off calls for ...")', () => {
    expect(attributionsOf('Senator Maria Lopez fought off calls for the moratorium to lapse.')).toEqual([{ actor: 'Senator Maria Lopez', said: 'fought off calls for the moratorium to lapse .' }]);
    expect(actorsOf('The minister brushed aside the renewed calls for a pause.')).toEqual(['The minister']);
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
    ['Anthropic made the proposal public in June, calling on the leading developers to coordinate a pause.', 'Anthropic'],
    ['Four AI labs sign statement backing verified pause on frontier models', 'Four AI labs'],
    ['"Why should we stop when we have only just started?" asked Fatima Zahra, who runs an AI startup.', 'Fatima Zahra'],
    ['Most Democrats on the committee said the labs should pause.', 'Most Democrats on the committee'],
    ['Every Republican on the panel voted against the moratorium.', 'Every Republican on the panel'],
    ['Ewa Kowalczyk (Civic Coalition) asked the minister whether the government would commit to the pause.', 'Ewa Kowalczyk'],
    ['Sen. Curtis Haldane (R-Idaho), who chairs the subcommittee, said the proposal "deserves to be taken seriously."', 'Sen. Curtis Haldane'],
    ['Ewa Kowalczyk (Civic Coalition), a member of the committee, said the proposal was flawed.', 'Ewa Kowalczyk'],
    ["The bill's sponsor, Sen. Curtis Haldane (R-Idaho), said the pause would hand the lead to China.", 'Sen. Curtis Haldane'],
    ["Japan's digital minister, Kenji Morita (LDP), said the pause was naive.", 'Kenji Morita'],
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

describe('find attributions: single quotation marks and "STATEMENT, X said."', () => {
  function saidBy(text: string, actor: string): string {
    return attributionsOf(text).filter((found) => found.actor === actor).map((found) => found.said).join(' | ');
  }

  it.each([
    ["'A coordinated pause is the only responsible course,' Maria Lopez said.", 'Maria Lopez'],
    ['‘A coordinated pause is the only responsible course,’ Maria Lopez said.', 'Maria Lopez'],
    ["'A coordinated pause is the only responsible course,' said Maria Lopez.", 'Maria Lopez'],
    ['A coordinated pause is the only responsible course, Maria Lopez said.', 'Maria Lopez'],
    ['A coordinated pause is the only responsible course, the researcher argued.', 'the researcher'],
    ['A coordinated pause is the only responsible course, Maria Lopez, a professor at Leeds, said.', 'Maria Lopez'],
    ['A coordinated pause is the only responsible course, the digital minister, Siobhán Kelly, said.', 'Siobhán Kelly'],
    ["'A coordinated pause is the only responsible course,' the virologist told reporters.", 'the virologist'],
  ])('the statement before the speaker is theirs: %s', (text, actor) => {
    expect(saidBy(text, actor)).toContain('only responsible course');
  });

  it('a question in single quotes before "asked X" is X\'s', () => {
    expect(saidBy("'Why should we stop when we have only just started?' asked Fatima Zahra.", 'Fatima Zahra')).toContain('only just started');
  });

  it('a scare quote inside an attributed statement does not shrink it to the quoted word', () => {
    expect(saidBy("The so-called 'pause' is a marketing stunt, critics said.", 'critics')).toContain('marketing stunt');
  });

  it('an apostrophe is no quotation mark', () => {
    expect(saidBy("'It hurts the startups' plans more than anyone's,' Maria Lopez said.", 'Maria Lopez')).toContain('anyone');
  });

  it('the description of an inverted speaker is not what they said', () => {
    const said = saidBy('A global pause would hand the lead to rivals, said Maria Lopez, a professor at Leeds.', 'Maria Lopez');
    expect(said).toContain('hand the lead to rivals');
    expect(said).not.toContain('professor');
    expect(saidBy('A pause is wise, said Maria Lopez, a professor at Leeds, adding that labs must be audited.', 'Maria Lopez'))
      .toContain('adding that labs must be audited');
  });

  it('the description of a named speaker is not what they said', () => {
    const said = saidBy('A pause is the only sane course, the digital minister, Siobhán Kelly, said.', 'Siobhán Kelly');
    expect(said).not.toContain('digital minister');
  });

  it.each([
    ['an adverbial before the speaker', 'Asked about the proposed pause on Monday, the minister said.', 'the minister', 'asked'],
    ['a title in quotes before the speaker', "Speaking on the 'Compute Hour' podcast, the founder said her company would not sign.", 'the founder', 'compute hour'],
    ['a title in double quotes before the speaker', 'Asked on the "Compute Hour" podcast whether she had changed her mind, researcher Ana Ruiz said: "Completely."', 'researcher Ana Ruiz', 'compute hour'],
    ['a condition before a verb that is no report', 'Had the moratorium been proposed by a rival lab, the company would have called it a stunt.', 'the company', 'rival lab'],
    ['a time before "X said, REST"', 'In May, the minister said the pause was necessary to build trust between the labs.', 'the minister', 'may'],
  ])('%s is not what the speaker said', (_, text, actor, words) => {
    expect(saidBy(text, actor)).not.toContain(words);
  });

  it('a speaker inside a subordinate clause says nothing of the clause before', () => {
    const text = 'The clip had been edited to show the minister dodging a question about the pause, when, in fact, he replied at once.';
    expect(attributionsOf(text, 'Maria Lopez').map((found) => found.said).join(' ')).not.toContain('edited');
  });

  it.each([
    ['scare quotes', "Anthropic's 'pause' has drawn 'mixed' reviews from the industry since June."],
    ['a title in quotes', "Her essay 'Why We Must Pause the Giant Models' was shared widely among researchers this week."],
    ['apostrophes', "Sales of the big labs' chips have doubled since the '90s export rules were lifted."],
    ['an adjective that looks like a verb', 'A pause risks a capability surge at its expiry, the opposite of its stated goal.'],
  ])('%s name no speaker', (_, text) => {
    expect(attributionsOf(text)).toEqual([]);
  });

  it('a title in single quotes does not continue the speaker before; a whole quoted sentence does', () => {
    expect(attributionsOf("'Pause Giant AI Experiments' was the title of the 2023 letter.", 'Maria Lopez')).toEqual([]);
    expect(attributionsOf("'The same rule should apply to frontier training runs.'", 'Maria Lopez').map((found) => found.actor)).toEqual(['Maria Lopez']);
  });
});

describe('find attributions: plural nouns that are also reporting verbs ("states", "claims")', () => {
  it.each([
    ['after a quantifier', 'Some states back the idea of a pause.', 'Some states', 'back the idea of a pause .'],
    ['in a compound', 'Some member states back the idea of a pause; others have raised concerns about verification.', 'Some member states', 'back the idea of a pause'],
    ['in a compound with a region', 'The Gulf states have said they would not sign the pause.', 'The Gulf states', 'said they would not sign the pause .'],
    ['in a name', 'The United States backs the pause.', 'The United States', 'backs the pause .'],
    ['in a compound with an abbreviation', 'Officials in U.S. states agreed to back the pause.', 'Officials in U.S. states', 'agreed to back the pause .'],
    ['before a verb of its own', 'Andean states agreed to back the pause.', 'Andean states', 'agreed to back the pause .'],
    ['after "the"', 'The member states back the pause.', 'The member states', 'back the pause .'],
  ])('"states" %s is a noun, and its own verb reports: %s', (_, text, actor, said) => {
    expect(attributionsOf(text)).toEqual([{ actor, said }]);
  });

  it.each([
    ['a compound in a list before a clause', 'If I believed a pause could be enforced in China, Russia and the Gulf states, I might support it.'],
    ['a quantifier before "claims"', 'Both claims are plausible, and the pause text does not settle them.'],
    ['an adjective before "claims"', 'Without those two false claims, the freeze stands unanswered.'],
    ['a verb of its own after "states"', 'Andean states have no view on the pause.'],
    ['a relative clause after "states"', 'The pause binds only Andean states that have signed it.'],
    ['a preposition a reporting verb does not take', 'A moratorium would bar Andean states from passing their own pause laws.'],
  ])('a plural noun is no reporting verb: %s', (_, text) => {
    expect(attributionsOf(text)).toEqual([]);
  });

  it.each([
    ['before "that"', 'The minister states that the pause is unworkable.', 'The minister', 'states that the pause is unworkable .'],
    ['before an object', 'The report states the obvious about the pause.', 'The report', 'states the obvious about the pause .'],
    ['after a name', 'Anthropic states that a pause is needed.', 'Anthropic', 'states that a pause is needed .'],
    ['before a noun that is also a verb', 'The letter states support for a pause.', 'The letter', 'states support for a pause .'],
    ['before "to"', 'The lab claims to be so powerful that it frightens itself.', 'The lab', 'claims to be so powerful that it frightens itself .'],
    ['before an adjective in "-ed"', 'The lab notes uncontrolled systems would make any pause moot.', 'The lab', 'notes uncontrolled systems would make any pause moot .'],
  ])('after a singular subject the word is the verb, %s: %s', (_, text, actor, said) => {
    expect(attributionsOf(text)).toEqual([{ actor, said }]);
  });

  it('a state can speak; the state of something cannot', () => {
    expect(actorsOf('In the Dáil, the minister of state said Ireland would set out its position on the pause.')).toEqual(['the minister of state']);
    expect(actorsOf('The state of the debate says little about the pause.')).toEqual([]);
  });

  it('a pronoun\'s "states:" is a verb', () => {
    expect(attributionsOf('He states: the pause is a stunt.', 'Maria Lopez')).toEqual([{ actor: 'Maria Lopez', said: 'states : the pause is a stunt .' }]);
  });
});
