import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Voice } from '../../src/model/index.ts';
import { cleanActorName } from '../../src/stance/collect-voices.ts';
import { asArticle, pauseScorer } from '../helpers/pause-topic.ts';

const scorer = pauseScorer;

function voicesOf(text: string, title: string | null = null): Voice[] {
  return scorer.score({ title, text }).voices;
}

describe('voices: who is speaking', () => {
  it.each([
    ['AI startup Anthropic', 'Anthropic'],
    ['Dutch insurance executive Pieter van Dijk', 'Pieter van Dijk'],
    ['Senator Ruth Adeyemi', 'Senator Ruth Adeyemi'],
    ['critics of Anthropic', 'critics of Anthropic'],
    ["the trade group's spokeswoman", "the trade group's spokeswoman"],
    ['Anthropic Issues', 'Anthropic'],
    ['300 AI researchers at universities across Japan', '300 AI researchers at universities across Japan'],
  ])('the speaker "%s" is shown as "%s"', (raw, shown) => {
    expect(cleanActorName(raw)).toBe(shown);
  });

  it('a description before a name is dropped from the voice', () => {
    const voices = voicesOf('AI startup Anthropic called on the leading labs to slow down frontier AI development together.');
    expect(voices.map((v) => v.actor)).toEqual(['Anthropic']);
  });

  it('a document is not a voice: "the article warns" names no speaker', () => {
    const text = [
      'Anthropic said on Thursday that a coordinated pause of frontier AI development would be a good thing.',
      'The article warns that recursive self-improvement may arrive sooner than most organisations expect.',
      'Industry groups said they would study the proposal.',
    ].join('\n\n');
    const actors = voicesOf(text).map((v) => v.actor.toLowerCase());
    expect(actors).not.toContain('the article');
    expect(actors.some((actor) => actor.includes('anthropic'))).toBe(true);
  });

  it('"the proposal suggests" is the proposer speaking when the text names it', () => {
    const text = [
      'Anthropic on Monday asked rival labs to pause their largest training runs.',
      'The proposal suggests the pause should last until safety benchmarks are verified by inspectors.',
      'Investors were split on the idea, and several labs declined to comment on frontier AI plans.',
    ].join('\n\n');
    const actors = voicesOf(text).map((v) => v.actor);
    expect(actors).not.toContain('The proposal');
    expect(actors.filter((actor) => actor === 'Anthropic').length).toBeGreaterThanOrEqual(1);
  });

  it('one statement repeated in the lead and the body makes one voice', () => {
    const text = [
      'Anthropic called on the world’s top AI laboratories to consider slowing down frontier AI development.',
      'Researchers and investors reacted within hours, and the debate over a coordinated pause of AI development widened.',
      'Anthropic called on the world’s top AI laboratories to consider slowing down frontier AI development, citing the pace of self-improving systems.',
    ].join('\n\n');
    const anthropic = voicesOf(text).filter((v) => v.actor === 'Anthropic');
    expect(anthropic).toHaveLength(1);
    expect(anthropic[0]!.stance).toBe('support');
    expect(anthropic[0]!.quote).toContain('citing the pace');
  });
});

describe('voices: each speaker’s own position', () => {
  const report = [
    'Anthropic urged the leading labs to coordinate a verified pause of frontier AI development.',
    'Critics questioned whether such safety warnings serve as genuine risk assessments or strategic positioning.',
    'Proponents argue that the stakes justify faster diplomacy on a frontier AI pause.',
  ].join('\n\n');

  it('the proposer calling for a pause supports it', () => {
    expect(voicesOf(report)).toContainEqual(expect.objectContaining({ actor: 'Anthropic', stance: 'support' }));
  });

  it('the proposer, and the people the text names as its own, speak for the proposal whatever their words', () => {
    const wire = [
      'Anthropic on Wednesday called on the leading AI developers to jointly halt their largest training runs under a verified pause.',
      "Helena Vos, Anthropic's head of global affairs, said the company expected to be criticized by competitors. \"We would rather be criticized for proposing this too early than too late,\" she said.",
      "Anthropic's policy lead, Corinne Vasquez, said a unilateral pause would fail.",
      'Marcus Feld, a former researcher at Anthropic, said the plan would freeze the current leaders in place.',
      'Anthropic said it no longer supports a pause and now opposes a moratorium on frontier AI.',
    ];
    const sideOf = (text: string, actor: string) => voicesOf(text).find((voice) => voice.actor === actor)?.stance;
    expect(sideOf(wire.slice(0, 2).join('\n\n'), 'Anthropic')).toBe('support');
    expect(sideOf(wire.slice(0, 2).join('\n\n'), 'Helena Vos')).toBe('support');
    expect(sideOf(wire.slice(0, 3).join('\n\n'), 'Corinne Vasquez')).toBe('support');
    // a former employee is not the proposer's: his own words take his side; and the proposer opposing its proposal
    // outright opposes it
    expect(sideOf(wire.slice(0, 4).join('\n\n'), 'Marcus Feld')).toBe('oppose');
    expect(sideOf(wire[4]!, 'Anthropic')).toBe('oppose');
  });

  it('the signatories of a statement backing a pause, and their people, speak for it as the proposer does', () => {
    const sideOf = (text: string, actor: string) => voicesOf(text).find((voice) => voice.actor === actor)?.stance;
    const report = [
      'Four developers on Monday signed a joint statement committing to work towards a verified pause on training their most powerful systems.',
      'The signatories — Anthropic, Google DeepMind, Veridian AI and Kestrel Labs — said they would accept inspections.',
      'Ada Marchetti, chief executive of Kestrel Labs, said the group had tried to put the principle in writing before the talks.',
    ].join('\n\n');
    expect(sideOf(report, 'Ada Marchetti')).toBe('support');
    const signedBy = report.replace('The signatories — Anthropic, Google DeepMind, Veridian AI and Kestrel Labs — said they would accept inspections.', 'The statement was signed by Anthropic, Google DeepMind and Kestrel Labs.');
    expect(sideOf(signedBy, 'Ada Marchetti')).toBe('support');
    // a statement against the pause names its opponents; a list of signatories of a text backing none names no one
    expect(sideOf(report.replace('committing to work towards a verified pause', 'opposing a verified pause'), 'Ada Marchetti')).toBe('oppose');
    expect(sideOf(report.replace('a joint statement committing to work towards a verified pause on training their most powerful systems', 'a joint statement on chip exports'), 'Ada Marchetti'))
      .toBe('neutral');
  });

  it('a signatory is one of the statement that backs a pause: not of a rival or other text, not one absent or withdrawn, and its staff keep their words', () => {
    const sideOf = (text: string, actor: string) => voicesOf(text).find((voice) => voice.actor === actor)?.stance;
    const backing = 'Anthropic, Kestrel Labs and Orion AI signed a joint statement calling for a verified pause on frontier AI training.';
    expect(sideOf(`${backing} A rival letter signed by Meta, Mistral and Cohere warned that the pause would entrench incumbents. Meta said the pause would freeze the current leaders in place.`, 'Meta'))
      .toBe('oppose');
    expect(sideOf(`${backing} Absent from the signatories were OpenAI, Meta and Mistral. "We will not stop, and we think stopping would be a mistake," said Chris Lehane, chief global affairs officer at OpenAI.`, 'Chris Lehane'))
      .toBe('oppose');
    expect(sideOf(`${backing} Separately, OpenAI, Meta and Andreessen Horowitz signed a letter supporting a federal moratorium on state AI regulation. Chris Lehane, chief global affairs officer at OpenAI, said a pause would only hand the lead to China.`, 'Chris Lehane'))
      .toBe('oppose');
    expect(sideOf(`${backing} Meta and Mistral signed a letter of intent to build a data centre in France. Meta said it had no plans to stop training its models.`, 'Meta')).toBe('oppose');
    expect(sideOf('OpenAI, Meta and Mistral on Monday signed a joint statement on safety testing that stops short of calling for a pause. Nick Clegg, president of global affairs at Meta, said a pause would be premature while the science was unsettled.', 'Nick Clegg'))
      .toBe('oppose');
    expect(sideOf(`${backing} Orion AI withdrew its signature on Thursday. Orion AI said it had doubts about how a pause could be verified.`, 'Orion AI')).toBe('neutral');
    // an employee of a signatory is no spokesperson for it, and a leader's words against the pause keep their side
    expect(sideOf(`${backing} Lina Haddad, a union representative at Kestrel Labs, said workers had not been consulted and feared the pause would cost jobs.`, 'Lina Haddad'))
      .toBe('neutral');
    expect(sideOf(`${backing} Ben Ortiz, chief executive of Orion AI, said he thought the pause was a mistake and that it would fail.`, 'Ben Ortiz')).toBe('oppose');
    expect(sideOf(`${backing} Ben Ortiz, chief executive of Orion AI, said the group had tried to put the principle in writing before the talks.`, 'Ben Ortiz')).toBe('support');
    // a company's own letter is another text; a statement that warns, one named "in a statement", a contract left and a
    // signature kept take nothing away
    expect(sideOf(`${backing} Meta's own letter, signed by Meta, Mistral and Cohere, called for lighter regulation instead. Nick Clegg, president of global affairs at Meta, said the pause raised more questions than it answered.`, 'Nick Clegg'))
      .toBe('neutral');
    const marchetti = ' Ada Marchetti, chief executive of Kestrel Labs, said the pause would begin once inspectors were in place.';
    for (const text of [
      'Four labs signed a joint statement calling for a verified pause, warning that the race could get out of control. The statement was signed by Anthropic, Kestrel Labs and Orion AI.',
      'Four developers signed a joint statement committing to work towards a verified pause. The signatories — Anthropic, Veridian AI and Kestrel Labs — said in a statement that they would accept inspections.',
      `${backing} Kestrel Labs pulled out of a Pentagon contract last year over safety concerns.`,
      `${backing} Kestrel Labs has not withdrawn its signature despite pressure from investors.`,
      `${backing} Kestrel Labs has not yet withdrawn its signature.`,
      `${backing} The statement was also signed by Veridian AI, a startup founded in 2021, and Kestrel Labs.`,
    ]) expect(sideOf(text + marchetti, 'Ada Marchetti'), text).toBe('support');
    expect(sideOf(`${backing} In a letter signed by Meta, Mistral and Cohere, industry groups urged Congress to reject the pause. Nick Clegg, president of global affairs at Meta, said the pause raised more questions than it answered.`, 'Nick Clegg'))
      .toBe('neutral');
    // a signatory that says it has not decided backs nothing
    expect(sideOf(asArticle(`${backing} Orion AI said it was too early to say whether a pause was needed.`), 'Orion AI')).toBe('neutral');
    expect(sideOf(asArticle(`${backing} Orion AI said it would put the principle in writing before the talks.`), 'Orion AI')).toBe('support');
  });

  it('a signatory the text does not quote is a voice for the pause, its list the evidence, in the list\'s place', () => {
    const report = [
      'Four developers on Monday signed a joint statement committing to work towards a verified pause on training their most powerful systems.',
      'The signatories — Anthropic, Google DeepMind, Veridian AI and Kestrel Labs — said they would accept inspections.',
      'Ada Marchetti, chief executive of Kestrel Labs, said the group had tried to put the principle in writing before the talks.',
    ].join('\n\n');
    const voices = voicesOf(report);
    expect(voices.map((voice) => [voice.actor, voice.stance])).toEqual([
      ['Four developers', 'support'], ['Anthropic', 'support'], ['Google DeepMind', 'support'], ['Veridian AI', 'support'], ['Kestrel Labs', 'support'],
      ['Ada Marchetti', 'support'],
    ]);
    expect(voices.find((voice) => voice.actor === 'Google DeepMind')!.quote).toBe('The signatories — Anthropic, Google DeepMind, Veridian AI and Kestrel Labs — said they would accept inspections.');
    // one the text quotes keeps its own words and side
    const quoted = voicesOf(`${report}\n\nVeridian AI said a pause would be premature while the science was unsettled.`);
    expect(quoted.filter((voice) => voice.actor === 'Veridian AI')).toEqual([expect.objectContaining({ stance: 'oppose' })]);
    // "the" statement or document listed anywhere in a text that says it backs a pause, or names it the pause pledge
    const later = 'Four developers on Monday signed a joint statement committing to work towards a verified pause.\n\nThe talks open on Friday in Geneva.\n\nThe statement was signed by Anthropic, Google DeepMind and Kestrel Labs.';
    expect(voicesOf(later).map((voice) => voice.actor)).toEqual(['Four developers', 'Anthropic', 'Google DeepMind', 'Kestrel Labs']);
    expect(voicesOf('A pledge to pause is only as good as its inspectors\n\nRead carefully, the document signed by Anthropic, Google DeepMind and Kestrel Labs does one thing well.').map((voice) => voice.actor))
      .toEqual(['Anthropic', 'Google DeepMind', 'Kestrel Labs']);
    expect(voicesOf("What is in the labs' pause statement\n\nThe joint statement that Anthropic, Google DeepMind and Kestrel Labs put out on Monday runs to two pages.").map((voice) => voice.actor))
      .toEqual(['Anthropic', 'Google DeepMind', 'Kestrel Labs']);
    // not of a text on something else, or a list with no text said to back a pause; a text against the pause is its
    // signatories' against it
    expect(voicesOf(report.replace('committing to work towards a verified pause', 'opposing a verified pause')).filter((voice) => voice.stance === 'support')).toEqual([]);
    const listed = (text: string) => voicesOf(text).filter((voice) => ['Anthropic', 'Google DeepMind', 'Kestrel Labs'].includes(voice.actor) && voice.stance === 'support');
    expect(listed('The labs signed a joint statement on chip exports.\n\nThe statement was signed by Anthropic, Google DeepMind and Kestrel Labs.')).toEqual([]);
    expect(listed('The labs made a commitment to a pause of hiring.\n\nThe statement was signed by Anthropic, Google DeepMind and Kestrel Labs.')).toEqual([]);
    // (a review of 2.5.71) "the" text is the one introduced last: not a counter-letter, a statement on something else,
    // a letter urging a block, a pledge dismissed or to pause hiring, a correction's claim, one a signatory left
    const backing = 'Four developers on Monday signed a joint statement committing to work towards a verified pause on training their most powerful systems.';
    const supporters = (text: string) => voicesOf(asArticle(text)).filter((voice) => voice.stance === 'support').map((voice) => voice.actor);
    for (const text of [
      `${backing} A coalition of startups answered on Wednesday with a counter-letter. The letter, signed by Lumenfold, Hearth AI and the Open Compute Alliance, says a pause designed by the frontier labs is a moat with a safety label.`,
      `${backing} Separately, several companies issued a statement on protecting children online. The statement was signed by Meta, Snap and TikTok.`,
      'Industry groups on Wednesday sent senators a letter urging them to block the pause. The letter was signed by NetChoice, TechNet and Lumenfold.',
      'A pledge to pause is a publicity stunt, industry groups said in a letter to Congress on Tuesday. The letter was signed by NetChoice, TechNet and Lumenfold.',
      'Kestrel Labs announced layoffs along with a pledge to pause hiring for the rest of the year. The letter was signed by Lumenfold, TechNet and NetChoice.',
      `${backing} Correction: An earlier version of this article said the statement was signed by Meta. Meta did not sign it.`,
    ]) expect(supporters(text).filter((actor) => /Lumenfold|Hearth|Meta|Snap|TikTok|NetChoice|TechNet/.test(actor)), text).toEqual([]);
    expect(supporters(`${backing} The statement was signed by Anthropic, Google DeepMind and Orion AI. Orion AI has since pulled its name from the statement.`)).not.toContain('Orion AI');
    // a list's fragments: a weekday, a source, a role after the last name, a title
    expect(supporters(`${backing} The statement, signed by Anthropic, Google DeepMind and Kestrel Labs Monday, commits them to inspections.`)).toContain('Kestrel Labs');
    for (const text of [
      `${backing} The pledge was signed by Anthropic, Google DeepMind, Reuters reported.`,
      'An open letter calling for a global pause on frontier AI development was published on Tuesday. The letter, signed by Turing Award winners Yoshua Bengio and Geoffrey Hinton, asks governments to set up an inspection body.',
      `${backing} The statement was signed by Dr. Amara Okafor and Maria Lopez.`,
    ]) expect(supporters(text).filter((actor) => /^(?:Reuters|Turing Award|Dr)$/.test(actor)), text).toEqual([]);
    // (a review of 2.5.74) a letter urging governments to endorse a pause backs it; a list followed by its sources'
    // words keeps its last name; "said in a statement" introduces no other text
    expect(supporters('An open letter urging governments to endorse a pause on frontier AI was published on Tuesday. The letter was signed by Lumenfold, TechNet and NetChoice.'))
      .toEqual(expect.arrayContaining(['Lumenfold', 'TechNet', 'NetChoice']));
    expect(supporters(`${backing} The pledge was signed by Anthropic, Google DeepMind and Kestrel Labs, said two people familiar with the matter.`)).toContain('Kestrel Labs');
    expect(supporters(`${backing} Anthropic said in a statement that it was proud. The statement was signed by Anthropic, Google DeepMind and Kestrel Labs.`)).toContain('Kestrel Labs');
    // "It was signed by", "were among the signatories" right after the sentence saying it backs a pause, not after another
    expect(supporters(`${backing} It was signed by Anthropic, Google DeepMind and Kestrel Labs.`)).toEqual(expect.arrayContaining(['Google DeepMind', 'Kestrel Labs']));
    expect(supporters(`${backing} Anthropic, Google DeepMind and Kestrel Labs were among the signatories.`)).toEqual(expect.arrayContaining(['Google DeepMind', 'Kestrel Labs']));
    expect(supporters(`${backing} Industry groups answered with a counter-letter. It was signed by NetChoice, TechNet and Lumenfold.`)).not.toContain('TechNet');
  });

  it('a signatory list in other wordings: a time or the heads before it, "which include", a title, a body\'s "of", the statement backed in the next sentence', () => {
    const backing = 'Four developers on Monday signed a joint statement committing to work towards a verified pause on training their most powerful systems.';
    const supporters = (text: string) => voicesOf(asArticle(text)).filter((voice) => voice.stance === 'support').map((voice) => voice.actor);
    for (const list of [
      'The statement was signed Monday by Anthropic, Google DeepMind and Kestrel Labs.',
      'The statement was signed last week by Anthropic, Google DeepMind and Kestrel Labs.',
      'The statement was also signed by the heads of Anthropic, Google DeepMind and Kestrel Labs.',
      'Its signatories, which include Anthropic, Google DeepMind and Kestrel Labs, said they would accept inspections.',
      // (a review of 2.5.77) the CEOs' or executives' companies, more times, "which also include"
      'The statement was signed by the CEOs of Anthropic, Google DeepMind and Kestrel Labs.',
      'The statement was signed by executives from Anthropic, Google DeepMind and Kestrel Labs.',
      'The statement was signed earlier this week by Anthropic, Google DeepMind and Kestrel Labs.',
      'Its signatories, which also include Anthropic, Google DeepMind and Kestrel Labs, said they would accept inspections.',
    ]) expect(supporters(`${backing} ${list}`), list).toEqual(expect.arrayContaining(['Google DeepMind', 'Kestrel Labs']));
    // a title's dot and a body's "of" or "for" no longer end the list; "the" is no part of a name
    expect(supporters(`${backing} The statement was signed by Dr. Amara Okafor, Maria Lopez and the Chamber of Progress.`))
      .toEqual(expect.arrayContaining(['Amara Okafor', 'Maria Lopez', 'Chamber of Progress']));
    expect(supporters(`${backing} The letter was signed by the Future of Life Institute, the Center for AI Safety and Kestrel Labs.`))
      .toEqual(expect.arrayContaining(['Center for AI Safety', 'Kestrel Labs']));
    // a body's fields joined by "and" ("the Ministry of Science and Technology"), a surname's particles, whole names
    expect(supporters(`${backing} The statement was signed by the Ministry of Science and Technology, Dr. Amara Okafor and Paul Weiss.`))
      .toEqual(expect.arrayContaining(['the Ministry of Science and Technology', 'Dr. Amara Okafor', 'Paul Weiss']));
    expect(supporters(`${backing} The statement was signed by the Department for Science, Innovation and Technology and Kestrel Labs.`))
      .toEqual(['Four developers', 'Department for Science, Innovation and Technology', 'Kestrel Labs']);
    expect(supporters(`${backing} The statement was signed by Dr. van der Berg, Amara Okafor and Paul Weiss.`)).toEqual(expect.arrayContaining(['Amara Okafor', 'Paul Weiss']));
    // signatories "now among" them; two names of a list, each its own
    expect(supporters(`${backing} Kestrel Labs is now among its signatories.`)).toContain('Kestrel Labs');
    expect(supporters(`${backing} Kestrel Labs and Veridian AI are now among the signatories.`)).toEqual(expect.arrayContaining(['Kestrel Labs', 'Veridian AI']));
    // (a review of 2.5.97) not one that was until it withdrew; a name with "and" in it is one
    expect(supporters(`${backing} Kestrel Labs was among its signatories until it withdrew last week.`)).not.toContain('Kestrel Labs');
    expect(supporters(`${backing} It was signed by Ernst and Young.`)).toContain('Ernst and Young');
    expect(supporters(`${backing} It was signed by the Bill and Melinda Gates Foundation.`)).toContain('the Bill and Melinda Gates Foundation');
    expect(supporters(`${backing} It was signed by Anthropic and Kestrel Labs.`)).toEqual(['Four developers', 'Anthropic', 'Kestrel Labs']);
    expect(supporters(`${backing} The statement was signed by Kestrel Labs and the Ministry of Science and Technology.`))
      .toEqual(['Four developers', 'Kestrel Labs', 'Ministry of Science and Technology']);
    // (a review of 2.5.92) a field followed by more words is the next name's, or a description's; a whole name of its
    // own is no cut one
    expect(supporters(`${backing} The statement was signed by the Center for AI Safety, the Ministry of Defence and Security experts from five countries.`))
      .toContain('Ministry of Defence');
    expect(supporters(`${backing} The statement was signed by the Royal Academy of Engineering and Policy Exchange.`))
      .toEqual(expect.arrayContaining(['Royal Academy of Engineering', 'Policy Exchange']));
    // a field of two words, a body named by its fields before its head, and the names after them; a field word before a
    // role is a description, no name
    expect(supporters(`${backing} It was signed by the Center for Security and Emerging Technology, the Information Technology and Innovation Foundation and Dr. Amara Okafor.`))
      .toEqual(['Four developers', 'Center for Security and Emerging Technology', 'Information Technology and Innovation Foundation', 'Dr. Amara Okafor']);
    expect(supporters(`${backing} It was signed by the Ministry of Defence and Security experts from three universities.`)).not.toContain('Security');
    // (a review of 2.5.106) a name of its own before a field word is no field's qualifier
    expect(supporters(`${backing} It was signed by the Ministry of Defence, Apollo Research and Redwood Research.`))
      .toEqual(['Four developers', 'the Ministry of Defence', 'Apollo Research', 'Redwood Research']);
    const google = voicesOf(asArticle('The letter calling for a verified pause was signed by Google DeepMind and Anthropic, but Google said it opposed any moratorium.'));
    expect(google).toContainEqual(expect.objectContaining({ actor: 'Google DeepMind', stance: 'support' }));
    expect(google).toContainEqual(expect.objectContaining({ actor: 'Google', stance: 'oppose' }));
    // a company's "of" a place is no body's name
    expect(supporters(`${backing} The statement was signed by Google DeepMind, Kestrel Labs of San Francisco and Veridian AI.`)).not.toContain('Kestrel Labs of San Francisco');
    // a list of signatories whose statement the next sentence says backs a pause; not one it says backs none
    expect(supporters('Anthropic, Google DeepMind and Kestrel Labs signed a joint statement on Monday. The statement calls for a verified pause of frontier AI training.'))
      .toEqual(expect.arrayContaining(['Anthropic', 'Google DeepMind']));
    for (const text of [
      'Anthropic, Google DeepMind and Kestrel Labs signed a joint statement on Monday. The statement stops short of calling for a pause.',
      'Anthropic, Google DeepMind and Kestrel Labs signed a joint statement on Monday. Critics said the statement calls for a verified pause in name only.',
      `${backing} A rival letter was signed Monday by Lumenfold, TechNet and NetChoice.`,
      `${backing} Absent from the signatories, which include Anthropic, were Lumenfold, TechNet and NetChoice.`,
    ]) expect(supporters(text).filter((actor) => /^(?:Google DeepMind|Lumenfold|TechNet|NetChoice)$/.test(actor)), text).toEqual([]);
    // (a review of 2.5.77) "It" or "the statement" backing a pause only as the next sentence's first words, not another
    // text it brings in, not a list of an answering text
    expect(supporters('Anthropic, Google DeepMind and Kestrel Labs signed a joint statement on Monday. It calls for a verified pause of frontier AI training.'))
      .toEqual(expect.arrayContaining(['Anthropic', 'Google DeepMind']));
    expect(supporters('Anthropic, Google DeepMind and Kestrel Labs signed a joint statement on Monday. The statement urges governments to agree a verified pause of frontier AI training.'))
      .toEqual(expect.arrayContaining(['Anthropic', 'Google DeepMind']));
    for (const text of [
      'Lumenfold, TechNet and NetChoice signed a letter to Congress on Monday about chip export controls. It comes a week after four labs signed a joint statement calling for a verified pause on frontier AI training.',
      'Lumenfold, TechNet and NetChoice signed a letter on Tuesday. The letter they were answering, published last week by the Future of Life Institute, calls for a verified pause of frontier AI training.',
      'Industry groups answered on Tuesday. Their own letter was signed by Lumenfold, TechNet and NetChoice. The statement they were answering calls for a verified pause of frontier AI training.',
      'Lumenfold, TechNet and NetChoice signed a letter on Monday. It urges Congress to reject the pause.',
    ]) expect(supporters(text).filter((actor) => /^(?:Lumenfold|TechNet|NetChoice)$/.test(actor)), text).toEqual([]);
    // (a review of 2.5.77) titles or a letter alone are no names
    for (const list of [
      'The statement was signed by the CEO of Kestrel Labs, Dana Whitfield.',
      'The declaration was signed by the U.S., Britain and Kestrel Labs.',
      'The statement was signed by Anthropic, Dr. van der Berg and Kestrel Labs.',
      'The statement was signed by Prof. Dr. Hans Keller, Maria Lopez and Kestrel Labs.',
    ]) expect(supporters(`${backing} ${list}`).filter((actor) => /^(?:CEOs?|U|Dr|Prof|Prof\. Dr)$/.test(actor)), list).toEqual([]);
  });

  it('the signatories and organisers of a letter against the pause oppose it, as those of a statement backing it support it', () => {
    const against = 'Industry groups on Wednesday published a joint letter opposing the proposed verified pause on frontier AI training.';
    const sides = (text: string) => Object.fromEntries(voicesOf(asArticle(text)).filter((voice) => !voice.actor.startsWith('Lawmakers')).map((voice) => [voice.actor, voice.stance]));
    expect(sides(`${against} The letter was signed by Lumenfold, TechNet and NetChoice.`)).toEqual(expect.objectContaining({ Lumenfold: 'oppose', TechNet: 'oppose', NetChoice: 'oppose' }));
    // its organisers, with their descriptions, and an organiser later called by surname
    expect(sides(`${against} It was organized by Talia Brandt, chief executive of Lumenfold, and Owen Pritchard of Ashgrove Partners. Brandt said the companies had raised billions.`))
      .toEqual(expect.objectContaining({ Brandt: 'oppose', 'Owen Pritchard': 'oppose' }));
    expect(sides('Four developers signed a joint statement committing to work towards a verified pause. The open letter was organized by Naomi Castell, a computer scientist at Alder University, and Hiroshi Tanabe of the Kanto Institute of Technology. Castell said inspections were ready.'))
      .toEqual(expect.objectContaining({ Castell: 'support', 'Hiroshi Tanabe': 'support' }));
    expect(sides('The open letter calling for a verified pause on frontier AI training was written and organized by Naomi Castell, a computer scientist at Alder University.'))
      .toEqual(expect.objectContaining({ 'Naomi Castell': 'support' }));
    // the next sentence saying what the letter urges; signing it then is no backing of the pause
    const urged = voicesOf(asArticle('Lumenfold, TechNet and NetChoice signed a letter on Monday. It urges Congress to reject the pause.'));
    expect(urged.filter((voice) => /Lumenfold|TechNet|NetChoice/.test(voice.actor)).map((voice) => voice.stance)).not.toContain('support');
    expect(urged).toContainEqual(expect.objectContaining({ actor: 'Lumenfold', stance: 'oppose' }));
    // not a letter against something else, nor one leading anything but the letter, nor a backing statement's list
    for (const text of [
      'Lumenfold, TechNet and NetChoice signed a statement against child exploitation online on Monday.',
      `${against} The hearing was led by Senator Maria Lopez.`,
      `${against} Anthropic, Google DeepMind and Kestrel Labs signed a joint statement backing a verified pause.`,
    ]) expect(voicesOf(asArticle(text)).filter((voice) => voice.stance === 'oppose' && /Lumenfold|TechNet|Lopez|Anthropic|DeepMind|Kestrel/.test(voice.actor)), text).toEqual([]);
    // (a review of 2.5.83) not the list of the text a letter answers, not those leading a campaign, bill, hearing or
    // study the sentence brings in, not a letter against a pause of something else, not another with the surname
    for (const text of [
      'Lumenfold\'s letter opposing the pause answers the statement signed last week by Anthropic, Google DeepMind and Kestrel Labs.',
      `${against} It comes as the campaign led by Senator Maria Lopez gains ground in Congress.`,
      `${against} The letter targets a bill written by Senator Maria Lopez and Representative Dan Okafor.`,
      `${against} The letter was released hours after a hearing led by Senator Maria Lopez.`,
      `${against} It cites a study led by Naomi Castell of Alder University, who said she was surprised to see her work used that way.`,
      'A coalition of civil liberties groups signed a letter opposing the pause on facial recognition procurement by police. The letter was signed by the Digital Rights Alliance, Open Justice and Privacy Now.',
      'Lumenfold, TechNet and NetChoice signed a letter on Monday. It urges Congress to block the moratorium on new data centres in Virginia.',
      `${against} It was organized by Talia Brandt, chief executive of Lumenfold. Senator Paul Brandt chairs the committee. Brandt said the committee would vote on the pause bill in May.`,
    ]) expect(voicesOf(asArticle(text)).filter((voice) => voice.stance === 'oppose' && /Anthropic|Kestrel|Lopez|Okafor|Castell|Alliance|Justice|Privacy|Lumenfold|TechNet|NetChoice|^Brandt/.test(voice.actor)), text).toEqual([]);
    // a signatory's own words in the list's sentence keep their side
    expect(sides(`${against} The letter was signed by Lumenfold, TechNet and Kestrel Labs, although Kestrel Labs said it still supports a verified pause.`))
      .toEqual(expect.objectContaining({ 'Kestrel Labs': 'support', Lumenfold: 'oppose' }));
    expect(sides('Anthropic, Google DeepMind and Kestrel Labs signed a joint statement calling for a verified pause, but Kestrel Labs said it opposes the Senate version of the pause.'))
      .toEqual(expect.objectContaining({ 'Kestrel Labs': 'oppose', Anthropic: 'support' }));
    // a letter calling on others to reject or vote down the pause; an organiser of one word, a body with "the"
    for (const text of [
      'Lumenfold, TechNet and NetChoice signed an open letter calling on Congress to reject the proposed pause on frontier AI training.',
      'Lumenfold, TechNet and NetChoice signed a letter urging lawmakers to vote down the proposed pause on frontier AI training.',
      `${against} It was spearheaded by Lumenfold.`,
    ]) expect(sides(text), text).toEqual(expect.objectContaining({ Lumenfold: 'oppose' }));
    expect(sides(`${against} The letter was organised by the Chamber of Progress.`)).toEqual(expect.objectContaining({ 'Chamber of Progress': 'oppose' }));
    // (a review of 2.5.86's articles) a list after the text's description or participle; an organiser after a
    // description in small letters
    expect(sides('Four labs signed a statement. The first letter, calling on governments to adopt a verified pause of frontier AI training, was signed Monday by Naomi Okafor, the Center for Humane Computing and Kestrel Labs.'))
      .toEqual(expect.objectContaining({ 'Center for Humane Computing': 'support', 'Kestrel Labs': 'support' }));
    expect(sides('Researchers published an open letter backing the pause, signed by Harbor Light Labs, Quillon AI and Orrin Dynamics. The letter was organized by former regulator Celia Armitage.'))
      .toEqual(expect.objectContaining({ 'Quillon AI': 'support', 'Celia Armitage': 'support' }));
    expect(sides('An industry pledge to a verified pause of frontier AI training was signed by Northwind AI, Solace Robotics and the Institute for Machine Ethics.'))
      .toEqual(expect.objectContaining({ 'Solace Robotics': 'support', 'Institute for Machine Ethics': 'support' }));
    // an organiser after the list, each of two signatories its own
    expect(sides('Industry groups published a joint letter opposing the proposed pause. The letter was signed by NetChoice and TechNet, and was drafted by former regulator Celia Armitage.'))
      .toEqual({ 'Industry groups': 'oppose', NetChoice: 'oppose', TechNet: 'oppose', 'Celia Armitage': 'oppose' });
    // the organiser of a letter a relative clause says calls for a pause, not of a past year's letter
    expect(sides('Researchers published a letter organized by the Center for AI Safety, which calls for a verified pause of frontier AI development.'))
      .toEqual(expect.objectContaining({ 'Center for AI Safety': 'support' }));
    expect(Object.keys(sides('The proposal echoes the March 2023 letter organized by the Future of Life Institute, which called for a six-month pause on systems more powerful than GPT-4.')))
      .toEqual([]);
    // who signed a letter its sentence says is against the pause, whatever a call word there reads
    expect(sides('Industry groups signed a letter calling for the proposed pause to be scrapped. The letter was signed by NetChoice, TechNet and Lumenfold.'))
      .toEqual(expect.objectContaining({ 'Industry groups': 'oppose', NetChoice: 'oppose' }));
    // "the signatories" of a letter against the pause, where no text the article names backs it, are its critics
    expect(sides(`${against} The signatories argue that chip-level compute accounting would become a licensing regime.`)).toEqual(expect.objectContaining({ 'The signatories': 'oppose' }));
    expect(sides(`${against} Four labs signed a joint statement backing a verified pause. The signatories argue that inspections are ready.`)).toEqual(expect.objectContaining({ 'The signatories': 'support' }));
  });

  it('the proposer, said to make its proposal but quoted nowhere, is a voice for it; not where the proposal is named in passing', () => {
    const proposers = (text: string) => voicesOf(asArticle(text)).filter((voice) => voice.actor === 'Anthropic').map((voice) => [voice.stance, voice.quote]);
    for (const sentence of [
      'Anthropic on Monday proposed a verified pause of frontier AI development, checked by inspectors.',
      'Anthropic, the US developer, published the proposal in June, urging the leading laboratories to coordinate a verified pause.',
    ]) expect(proposers(`Senators will debate the plan this week. ${sentence}`).map(([stance]) => stance), sentence).toEqual(['support']);
    for (const sentence of [
      'The Senate held its first hearing on Anthropic\'s proposed pause of frontier AI training on Wednesday.',
      'A poll found most adults back the pause Anthropic proposed in June.',
      'Anthropic published the technical annex to its pause proposal today.',
    ]) expect(proposers(sentence), sentence).toEqual([]);
    // one the text quotes keeps its own words
    expect(proposers('Anthropic proposed a verified pause on Monday. "We are asking the labs to stop racing," Anthropic said.').map(([, quote]) => quote))
      .not.toContain('Anthropic proposed a verified pause on Monday.');
    // (a review of 2.5.84) not beside a voice named by the proposer already ("Anthropic last week" is Anthropic), nor a
    // proposal denied or supposed, another document, a product, a claim critics make of it
    const anthropicVoices = (text: string) => voicesOf(asArticle(text)).filter((voice) => /Anthropic/.test(voice.actor));
    expect(anthropicVoices('Anthropic last week proposed a verified pause on frontier AI training.').map((voice) => voice.actor)).toEqual(['Anthropic']);
    expect(anthropicVoices('Anthropic last month proposed a verified pause on frontier AI training.').map((voice) => voice.actor)).toEqual(['Anthropic']);
    for (const sentence of [
      'Neither OpenAI nor Anthropic has proposed a pause on frontier AI training, and both are racing to train larger models.',
      'Anthropic on Monday published its responsible scaling plan, which stops short of a pause on frontier AI training.',
      'Anthropic on Monday released a new pricing plan for Claude, a week after the debate over a pause on frontier AI training began.',
      'If Anthropic proposed a pause on frontier AI training, its rivals would never agree, analysts said.',
      'Anthropic, critics say, proposed a pause on frontier AI training only to lock in its lead.',
    ]) expect(proposers(sentence), sentence).toEqual([]);
    for (const sentence of [
      'Anthropic this week set out a proposal for a verified pause on frontier AI training.',
      'Anthropic released a 40-page proposal for a verified pause on frontier AI training.',
    ]) expect(proposers(sentence).map(([stance]) => stance), sentence).toEqual(['support']);
    // nor one its sentence says it took back, where its proposing reads as its own words; still where something else
    // "dropped"
    expect(proposers('Anthropic proposed a verified pause of frontier AI development on Monday, but on Friday the company withdrew the proposal after criticism.')
      .map(([stance]) => stance)).not.toContain('support');
    expect(proposers('Anthropic proposed a verified pause that would last until compute prices dropped.').map(([stance]) => stance)).toEqual(['support']);
    expect(proposers('Anthropic backed away from its call for a verified pause on Friday, citing opposition in Washington.').map(([stance]) => stance)).toEqual(['neutral']);
    expect(proposers('Anthropic proposed last year that the labs agree to a verified pause. "We have abandoned the pause," Anthropic said on Friday.').map(([stance]) => stance)).toEqual(['neutral']);
    // (a review of 2.5.90) not a withdrawal denied, supposed or another's
    for (const sentence of [
      'Anthropic said it had not withdrawn its proposal and would press ahead with the pause.',
      'Anthropic, which proposed the pause last month, said on Friday it would not withdraw it.',
      'Anthropic said rival labs had abandoned the pause in all but name, but that it stood by its proposal.',
      'Anthropic said it would keep its proposal for a verified pause on the table even if OpenAI dropped its plan to join.',
    ]) expect(proposers(sentence).map(([stance]) => stance), sentence).toEqual(['support']);
  });

  it('a company named without its ending ("Veridian" after "Veridian AI") is the same speaker; a first name alone is not', () => {
    const actors = (text: string) => voicesOf(text).map((voice) => voice.actor);
    expect(actors('Veridian AI said Monday it had halted the training of its next frontier model for a verified pause. Veridian said it would keep the run suspended until inspectors had completed their checks.'))
      .toEqual(['Veridian AI', 'Veridian AI']);
    expect(actors('Ada Marchetti said a verified pause was overdue. Ada said she would sign the statement on Monday.')).toEqual(['Ada Marchetti', 'Ada']);
    // nor where someone has that name for a surname, or two companies share it
    expect(actors('Harvey AI said it backed a verified global pause of frontier AI development. The committee is chaired by Senator Ellen Harvey. Harvey said the moratorium was a gift to Beijing.'))
      .toEqual(['Harvey AI', 'Harvey']);
    expect(actors('Orion AI said it backed a verified global pause of frontier AI development. Orion Robotics said it opposed any limits. Orion said on Tuesday that the moratorium was a gift to Beijing.').at(-1))
      .toBe('Orion');
  });

  it('"the company" right after a company quoted is that company; else the proposer, once the text has named it', () => {
    const actors = voicesOf([
      'Veridian AI said Monday it had halted the training of its next frontier model and invited inspectors to confirm the pause.',
      'The company said training of the model was suspended at 6 a.m. to test whether such a pause can be verified.',
      'Anthropic made the proposal public in June, calling on the leading developers to coordinate a pause.',
      'The company has said it would halt its own most advanced training runs if rivals did the same.',
    ].join('\n\n')).map((voice) => voice.actor);
    expect(actors).toEqual(['Veridian AI', 'Veridian AI', 'Anthropic', 'Anthropic']);
    // the company quoted just before, after the proposer is named too; none where the one before is no company's name
    expect(voicesOf('Anthropic proposed a verified global pause last month. Veridian AI said it would keep training its largest models. The company said a pause would hand the lead to China.')
      .map((voice) => voice.actor)).toEqual(['Anthropic', 'Veridian AI', 'Veridian AI']);
    expect(voicesOf('Veridian AI said on Monday that it would keep training its largest models. OpenAI said it was studying the proposal. The company said a pause would hand the lead to China.')
      .map((voice) => voice.actor)).toEqual(['Veridian AI', 'OpenAI', 'The company']);
    // a longer description is kept as the speaker, not lost
    expect(voicesOf('The company behind the Claude chatbot said on Tuesday that a verified pause of frontier AI development was overdue. Anthropic published its plan in June.')[0])
      .toEqual(expect.objectContaining({ actor: 'The company behind the Claude chatbot', stance: 'support' }));
  });

  it('the proposer described by its product ("the maker of the Claude models") is the proposer; another maker is not', () => {
    const text = 'Anthropic published a proposal for a verified pause. In a 34-page paper, the San Francisco-based maker of the Claude models said the top developers should stop. The Claude maker said it would halt its own runs. The ChatGPT maker said a pause was premature.';
    expect(voicesOf(text).map((voice) => voice.actor)).toEqual(['Anthropic', 'Anthropic', 'The ChatGPT maker']);
  });

  it('"the company\'s" post after a sentence naming the proposer is the proposer\'s, unless another name comes between', () => {
    const sideOf = (text: string, actor: string) => voicesOf(text).find((voice) => voice.actor === actor)?.stance;
    const welcomed = 'Anthropic proposed a verified pause of frontier AI development. Anthropic welcomed the letter. "This is the kind of response we hoped for," Helena Vos, the company\'s head of global affairs, said in a statement.';
    expect(sideOf(welcomed, 'Helena Vos')).toBe('support');
    expect(sideOf(welcomed.replace('welcomed the letter.', 'welcomed the letter on Monday.'), 'Helena Vos')).toBe('support');
    const rival = 'Anthropic\'s plan for a verified pause was rejected by Meta. "We will go on training," said Yann Ortiz, the company\'s chief scientist.';
    expect(sideOf(rival, 'Yann Ortiz')).not.toBe('support');
    // another company named first, or between, is the company
    for (const [text, actor] of [
      ['OpenAI dismissed the pause proposed by Anthropic. Jakub Pachocki, the company\'s chief scientist, said the idea was naive and premature.', 'Jakub Pachocki'],
      ['Anthropic proposed a verified pause. Meta was unconvinced; Yann LeCun, the company\'s chief scientist, said it was a dangerous fantasy.', 'Yann LeCun'],
    ]) expect(sideOf(text!, actor!), text).toBe('oppose');
    // a proposer named with "the" is the proposer
    expect(sideOf('The plan was discussed on Monday by the Future of Life Institute, which said it would study how a pause on training could be checked.', 'the Future of Life Institute'))
      .toBe('support');
  });

  it('a report quoting a critic and the proposer\'s people answering with a caveat relays both sides', () => {
    const report = [
      'Senators questioned Anthropic about its proposal for a verified pause of frontier AI training on Wednesday.',
      'The hearing ran for two hours in the Russell building. It was the first on the proposal.',
      "Helena Vos, Anthropic's head of global affairs, said the company would not stop its own largest runs if rivals refused. \"A unilateral pause would hand the frontier to whoever cares least about safety,\" she told senators. She said the threshold was far above what academic labs use. \"A frontier training cluster draws as much power as a small city,\" she said.",
      'OpenAI, which said on Monday it would join talks but opposes a pause fixed by the calendar, declined to send a witness.',
      'The committee will meet again in July. Inspectors and economists are due to testify then. The chair said a report would follow in the autumn.',
    ].join('\n\n');
    // her caveat is said for the proposal: the report is not one relaying opposition at length
    expect(scorer.score({ title: null, text: report }).stance?.label).toBe('neutral');
  });

  it('a campaign named for the pause, and the people the text names as its own, speak for the proposal', () => {
    const report = [
      'About 2,000 people marched in Leeds on Saturday in a protest organised by the Stop the Race campaign and the Pause First Network.',
      'Critics said the labs had promised nothing. "A pledge to stop when someone makes you is no pledge," said Amara Quist, a Leeds organiser with the Pause First Network.',
      'Jonas Brel of the Pause First Network said the march was the largest yet. "We counted 40,000 signatures," said Tobias Reyes, the network\'s spokesperson.',
      '"We are not going away," said Hana Iwu of the Stop the Race campaign.',
    ].join('\n\n');
    const sideOf = (text: string, actor: string) => voicesOf(text).find((voice) => voice.actor.startsWith(actor))?.stance;
    // her words against the labs' pledge follow a critics' sentence, yet her campaign's name is its call
    expect(sideOf(report, 'Amara Quist')).toBe('support');
    expect(sideOf(report, 'Jonas Brel')).toBe('support');
    expect(sideOf(report, 'Tobias Reyes')).toBe('support');
    // a campaign not named for the pause is read by its words alone
    expect(sideOf(report, 'Hana Iwu')).toBe('neutral');
    // "the network" is the campaign's only where the text names no other network
    const twoNetworks = report.replace('the Stop the Race campaign and', 'the Safe Tech Network and');
    expect(sideOf(twoNetworks, 'Tobias Reyes')).toBe('neutral');
    // "Pause AI" in a question is the verb, and "the AI lab" no campaign; a sentence opening with the campaign's name
    // leaves "the coalition" its own; a phrase "of" the campaign is not one of its people
    expect(voicesOf('Anthropic proposed a verified pause.\n\nYann LeCun, with the AI lab at Meta, said the pause would be hard to verify and premature.', 'Should We Pause AI? Experts Are Divided')
      .find((voice) => voice.actor.startsWith('Yann LeCun'))?.stance).toBe('oppose');
    const coalition = 'The Pause Now coalition staged protests outside three AI labs on Saturday, calling for a verified pause. Ruth Calloway, the coalition\'s national organiser, said the labs had ignored warnings for years.';
    expect(sideOf(coalition, 'Ruth Calloway')).toBe('support');
    // "The coalition" opening a sentence is the word, not another group named so
    const laterCoalition = 'Thousands marched on Monday in protests organised by the Pause Now coalition, calling for a verified pause. Ruth Calloway, the coalition\'s national organiser, said the labs had ignored warnings for years. The coalition plans a rally on Sunday.';
    expect(sideOf(laterCoalition, 'Ruth Calloway')).toBe('support');
    // ... but after a rival coalition brought in unnamed, "the coalition" is that one
    const rival = 'The Pause Now coalition staged protests on Saturday calling for a verified pause. Across town, a rival coalition of startups held a press conference. The coalition said a pause would cost jobs and hand the lead to China.';
    expect(sideOf(rival, 'The coalition')).toBe('oppose');
    // ... but not a name critics give the campaign itself
    const dismissed = 'The Pause Now coalition staged protests on Saturday calling for a verified pause. Critics dismissed the tech coalition as a fringe group. The coalition said it would deliver the petition to lawmakers on Friday, demanding a pause.';
    expect(sideOf(dismissed, 'The coalition')).toBe('support');
    for (const other of ['the industry coalition', 'the business coalition']) {
      expect(sideOf(rival.replace('a rival coalition of startups held a press conference', `startups formed ${other} to fight the plan`), 'The coalition'), other).toBe('oppose');
    }
    // the campaign's own description or a volunteer of it brings in no other
    const described = 'The Pause Now coalition, a coalition of 40 campaign groups, staged protests on Saturday, calling for a verified pause. Ruth Calloway, the coalition\'s national organiser, said the labs had ignored warnings for years.';
    expect(sideOf(described, 'Ruth Calloway')).toBe('support');
    expect(sideOf('Protesters from the Pause Now coalition marched on Saturday. Neighbours of the Pause Now coalition said the pause would be unworkable.', 'Neighbours of the Pause Now coalition'))
      .toBe('oppose');
    // the campaign's targets, the object of a preposition, a former member, and a headline's capitals are none of its own
    for (const [text, actor] of [
      ['PauseAI activists heckled OpenAI chief Sam Altman in San Francisco, demanding a verified pause. Altman said a pause raised hard questions about verification.', 'Altman'],
      ['Protesters delivered a letter to Sam Altman from PauseAI, demanding a verified pause. Sam Altman said a pause raised hard questions about verification.', 'Sam Altman'],
      ['Anthropic proposed a verified pause. A former organiser of the Pause Now coalition said the demand raised hard questions about verification.', 'A former organiser of the Pause Now coalition'],
      ['Inside the Pause Movement\n\nActivists are demanding a verified pause. Critics tie the campaign to the effective altruism movement. Jane Doe, a longtime member of the movement, said the pause raised hard questions about verification.', 'Jane Doe'],
    ]) expect(sideOf(text!, actor!), text).toBe('neutral');
    // a sentence opening with the verb names no campaign
    expect(sideOf('Pause the race, campaign group says. Lena Ortiz of the group said the talks were long.', 'Lena Ortiz')).toBe('neutral');
  });

  it('a campaign named for the pause in an article\'s lede but quoted nowhere is a voice for it; not one named in passing further on, nor a hashtag', () => {
    const march = 'Thousands march in London demanding AI pause\n\nSeveral thousand people marched through central London on Monday to demand a verified international pause, in the first day of a week of protests organised by the Pause Now coalition.\n\n"I am here for my grandchildren," said Margaret Doyle, a retired nurse.';
    expect(voicesOf(march).filter((voice) => voice.actor === 'Pause Now coalition').map((voice) => voice.stance)).toEqual(['support']);
    const lede = 'Delegates from 34 countries met in Geneva on Monday for talks on slowing frontier AI development.\n\nThe talks opened with a call for verifiable restraint.\n\nThe host said inspections would be on the agenda.\n\n';
    const passing = `${lede}Outside the conference centre, about 150 campaigners from the Pause Now coalition held a silent vigil for a verified pause.`;
    expect(voicesOf(passing).map((voice) => voice.actor)).not.toContain('Pause Now coalition');
    expect(voicesOf('If you cannot explain what your model will do next year, do not train it this year. A pause now. #PauseAI').map((voice) => voice.actor)).not.toContain('PauseAI');
    // (a review of 2.5.95) another's larger name, a campaign left or giving up, one with a side by its group's word;
    // the lede by its blocks, blank lines aside, and a text of one block by its first sentences
    const close = '\n\nOfficials said the talks would continue.\n\nNo date was set for the next round.\n\nThe ministry declined to give details.';
    const campaignVoices = (text: string) => voicesOf(text).filter((voice) => /Pause|coalition/i.test(voice.actor)).map((voice) => `${voice.actor} = ${voice.stance}`);
    for (const text of [
      'Industry group launches campaign\n\nStartups on Tuesday launched the No Pause Coalition, a lobbying campaign against proposals for a moratorium on frontier AI development.',
      'Investors fund push\n\nInvestors have put $40 million into the Stop the Pause campaign, which opposes any government-mandated halt to frontier AI training runs.',
      'Campaigners rethink demand\n\nThe Pause Now coalition has dropped its demand for a global pause on frontier AI development, its board said on Tuesday.',
      'Ex-PauseAI organiser backs acceleration\n\nA onetime organiser said on Monday that she now opposes any moratorium on frontier AI development.',
    ]) expect(campaignVoices(text + close).filter((voice) => voice.endsWith('= support')), text).toEqual([]);
    expect(campaignVoices('Anthropic rejects AI pause\n\nAnthropic on Monday rejected calls from the Pause Now coalition for a moratorium on frontier AI development.\n\nThe coalition said it would keep campaigning for a verified pause.' + close))
      .toEqual(['The coalition = support']);
    expect(campaignVoices(march.replace(/\n\n/g, '\n\n\n'))).toEqual(['Pause Now coalition = support']);
    // (a review of 2.5.99) leaving or giving up said of the campaign, not of others in its sentence; a day before it
    for (const lede of [
      march.replace('organised by the Pause Now coalition.', 'organised by the Pause Now coalition, which was founded by a former OpenAI researcher.'),
      march.replace('to demand', 'days after OpenAI dropped its safety pledge, to demand'),
      march.replace('Several thousand people marched through central London on Monday to demand a verified international pause, in the first day of a week of protests organised by the Pause Now coalition.', 'On Monday PauseAI led several thousand people through central London to demand a verified international pause.'),
    ]) expect(campaignVoices(lede).filter((voice) => voice.endsWith('= support')), lede).toHaveLength(1);
    expect(campaignVoices(`${lede.replace(/\n\n/g, ' ')}Ministers arrived late. ${passing.slice(lede.length)} Officials said the talks would continue. No date was set.`)).toEqual([]);
    // a chapter's name is the campaign's whole name; a speaker named by the campaign is its voice, not a second one
    expect(campaignVoices(march.replace('in the first day of a week of protests organised by the Pause Now coalition', 'in a march organised by PauseAI US')))
      .toEqual(['PauseAI US = support']);
    expect(campaignVoices(march.replace('"I am here for my grandchildren," said Margaret Doyle, a retired nurse.', 'PauseAI CEO Joep Meindertsma said the labs must stop.')))
      .toEqual(['Pause Now coalition = support', 'PauseAI CEO Joep Meindertsma = support']);
    expect(campaignVoices('Campaigners protest\n\nPauseAI CEO Joep Meindertsma said on Monday that the labs must stop.' + close)).toEqual(['PauseAI CEO Joep Meindertsma = support']);
    // named by the campaign with a post of more words, or after it; one who left it speaks for themselves
    const speakers = (text: string) => voicesOf(text).filter((voice) => voice.stance !== 'neutral').map((voice) => `${voice.actor} = ${voice.stance}`);
    expect(speakers('Campaigners protest\n\nPauseAI founder Joep Meindertsma said on Monday that the labs must stop.' + close)).toEqual(['Joep Meindertsma = support']);
    expect(speakers('Campaigners protest\n\nJoep Meindertsma, PauseAI\'s founder, said on Monday that the labs must stop.' + close)).toEqual(['Joep Meindertsma = support']);
    // (a review of 2.5.121) more ways of naming a post at it
    for (const sentence of [
      'Joep Meindertsma, who founded PauseAI, said the labs must pause frontier AI development.',
      'Joep Meindertsma, PauseAI founder, said the labs must pause frontier AI development.',
      'The founder of PauseAI, Joep Meindertsma, said the labs must pause frontier AI development.',
    ]) expect(speakers(`Campaigners protest\n\n${sentence}${close}`), sentence).toEqual(['Joep Meindertsma = support']);
    expect(speakers('Campaigners protest\n\nPauseAI leader Holly Elmore said the labs must pause frontier AI development.' + close)).toEqual(['Holly Elmore = support']);
    // a supporter of it, as a member, speaks for themselves
    expect(speakers('Campaigners protest\n\nYoshua Bengio, a PauseAI supporter, said the labs must pause frontier AI development.' + close)).toEqual(['Yoshua Bengio = support']);
    // (a review of 2.5.123) a post at another body, or a word of the campaign's that is no post at it
    for (const sentence of [
      'Protesters from PauseAI and opposition leader Keir Starmer both said the leading labs must pause frontier AI development.',
      'Senator Maria Lopez, who led PauseAI\'s march on Washington last month, said the leading labs must pause frontier AI development.',
    ]) expect(campaignVoices(`Campaigners protest\n\n${sentence}${close}`), sentence).toEqual(['PauseAI = support']);
    // (a review of 2.5.119) another speaker in the campaign's sentence, named by no post at it, leaves its voice
    for (const sentence of [
      'Yann LeCun dismissed PauseAI as a fringe group of alarmists who want a pause on frontier AI development.',
      'Senator Ted Harmon said PauseAI\'s demand for a pause on frontier AI development was naive.',
    ]) expect(campaignVoices(`Campaigners protest\n\n${sentence}${close}`), sentence).toEqual(['PauseAI = support']);
    expect(speakers('Campaigner changes course\n\nFormer PauseAI organiser Tom Reyes said on Monday that a pause on frontier AI development would be a mistake.' + close)).toEqual(['Tom Reyes = oppose']);
    // (a review of 2.5.108) a chapter by its country, not a post
    expect(campaignVoices(march.replace('in the first day of a week of protests organised by the Pause Now coalition', 'in a march organised by PauseAI Germany')))
      .toEqual(['PauseAI Germany = support']);
    expect(campaignVoices('Campaigners protest\n\nPauseAI VP Jane Smith said on Monday that the labs must stop.' + close)).toEqual(['PauseAI VP Jane Smith = support']);
  });

  it('in an article, the first speaker quoted after a sentence introducing a camp is its example, when their words take no side', () => {
    const report = [
      'Anthropic called on the leading labs to halt their largest training runs under a verified pause.',
      'The proposal runs to 34 pages. It would apply to training runs above a very high computing threshold. An independent body would inspect data centres. The pause would last six months. It could be renewed.',
      "Critics were quick to question the company's motives. Marcus Feld, director of the Open Compute Alliance, said the plan would \"freeze the current leaders in place.\" Lena Ortiz, an economist, said the details were still unclear.",
      'Supporters said the verification provisions set the proposal apart. Imogen Sato, a senior fellow at the Institute for Frontier Governance, called it "the first serious attempt to describe what inspection would look like."',
    ].join('\n\n');
    const sideOf = (actor: string) => voicesOf(report).find((voice) => voice.actor === actor)?.stance;
    expect(sideOf('Marcus Feld')).toBe('oppose');
    expect(sideOf('Imogen Sato')).toBe('support');
    // only the first speaker after the camp's sentence is its example
    expect(sideOf('Lena Ortiz')).toBe('neutral');
  });

  it('a critic, rival or former employee of the proposer, or a name near it, does not speak for the proposal', () => {
    const sideOf = (text: string, actor: string) => voicesOf(text).find((voice) => voice.actor === actor)?.stance;
    expect(sideOf('Critics of Anthropic said the pause would hand China the lead.', 'Critics of Anthropic')).toBe('oppose');
    expect(sideOf("Anthropic's rivals said the pause was unworkable.", "Anthropic's rivals")).toBe('oppose');
    expect(sideOf('A former Anthropic researcher said the pause proposal would freeze the leaders in place.', 'A former Anthropic researcher')).not.toBe('support');
    for (const [text, actor] of [
      ["After Helena Vos, Anthropic's head of global affairs, spoke, Marcus Feld said the pause was a ploy.", 'Marcus Feld'],
      ["Sarah Chen, a policy analyst who has studied Anthropic's proposal, said the pause was a mistake.", 'Sarah Chen'],
      ['Jan Novak, an engineer who quit Anthropic last year, said the pause was a marketing stunt.', 'Jan Novak'],
      ["Anthropic's policy proposal drew criticism from Senator Ruth Adeyemi. Adeyemi said the plan was premature.", 'Adeyemi'],
    ]) expect(sideOf(text!, actor!), text).toBe('oppose');
    // the participle clause is the critic's, not the proposer's
    expect(voicesOf('Anthropic drew fire from Marcus Feld on Friday, calling the plan a ploy to freeze the leaders in place.')
      .filter((voice) => voice.actor === 'Anthropic' && voice.stance === 'support')).toEqual([]);
  });

  it('a speaker after a camp mentioned, set against it, or in a new paragraph is no example of it', () => {
    const opening = 'Anthropic proposed a verified pause. The proposal runs to 34 pages. It would apply to training runs above a very high computing threshold. An independent body would inspect data centres. The pause would last six months. It could be renewed. Delegates met in Geneva. The talks run through Thursday. A statement is expected on the last day. Forty countries sent delegations.';
    for (const [text, actor] of [
      ["Critics were quick to question the company's motives. But Imogen Sato, a senior fellow, said the inspections were well designed.", 'Imogen Sato'],
      ['Critics and supporters alike are waiting for the details. Senator Ruth Adeyemi said a hearing would be held in July.', 'Senator Ruth Adeyemi'],
      ["Critics were quick to question the company's motives.\n\nIn other news, Senator Ruth Adeyemi said a hearing on the pause would be held in July.", 'Senator Ruth Adeyemi'],
    ]) expect(voicesOf(`${opening}\n\n${text}`).find((voice) => voice.actor === actor)?.stance, text).toBe('neutral');
  });

  it('critics who question the warnings oppose it; proponents support it', () => {
    const voices = voicesOf(report);
    expect(voices).toContainEqual(expect.objectContaining({ actor: 'Critics', stance: 'oppose' }));
    expect(voices).toContainEqual(expect.objectContaining({ actor: 'Proponents', stance: 'support' }));
  });

  it('a speaker who rejects calls for a pause opposes it, in a headline as in a sentence', () => {
    const body = 'Trade associations representing software firms met ministers on Monday to discuss frontier AI.';
    expect(voicesOf(body, 'Industry groups reject calls to halt frontier AI development'))
      .toContainEqual(expect.objectContaining({ actor: 'Industry groups', stance: 'oppose' }));
    expect(voicesOf(`${body}\n\nSeveral labs rejected Anthropic's call to pause frontier AI development.`))
      .toContainEqual(expect.objectContaining({ actor: 'Several labs', stance: 'oppose' }));
    // a call someone backs stays a call for the pause
    expect(voicesOf('Regulators backed calls for a pause on frontier AI development.'))
      .toContainEqual(expect.objectContaining({ actor: 'Regulators', stance: 'support' }));
  });
});

describe('voices: the seed articles', () => {
  const seedDir = join(import.meta.dirname, '../../seeds');
  const seeds = readdirSync(seedDir).filter((name) => name.endsWith('.txt')).sort();

  it.each(seeds)('%s shows no document as a voice and no duplicate statement', (name) => {
    const voices = voicesOf(readFileSync(join(seedDir, name), 'utf8'));
    for (const voice of voices) expect(voice.actor).not.toMatch(/^(the|this) (article|proposal|letter|report)$/i);
    const keys = voices.map((v) => `${v.actor}|${v.quote}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('004 names Anthropic plainly, not "AI startup Anthropic"', () => {
    const file = seeds.find((name) => name.startsWith('004'))!;
    const voices = voicesOf(readFileSync(join(seedDir, file), 'utf8'));
    expect(voices.some((v) => v.actor === 'Anthropic' && v.stance === 'support')).toBe(true);
    expect(voices.some((v) => v.actor.startsWith('AI startup'))).toBe(false);
  });
});

describe('voices: transcripts and quotes that run on', () => {
  it('the rest of a transcript turn is the same speaker’s', () => {
    const text = 'Q: Would you sign the pause pledge? MARA VELLACOTT: No. My company is nine people. The labs asking for the freeze have nine thousand, and the compliance regime that follows it would bury us.';
    const quotes = voicesOf(text).filter((v) => v.actor.toLowerCase().includes('vellacott')).map((v) => v.quote).join(' ');
    expect(quotes).toContain('nine thousand');
    expect(voicesOf(text).some((v) => v.actor.toLowerCase().includes('vellacott') && v.stance === 'oppose')).toBe(true);
  });

  it('a quote introduced by a colon is the speaker’s words, without the report around them', () => {
    expect(voicesOf('Yoshua Bengio told reporters: "We need a coordinated global pause on frontier AI development now."').map((v) => v.quote))
      .toEqual(['We need a coordinated global pause on frontier AI development now.']);
    expect(voicesOf("Yoshua Bengio said: 'We need a coordinated global pause on frontier AI development now.'").map((v) => v.quote))
      .toEqual(['We need a coordinated global pause on frontier AI development now.']);
    // a frame with a claim of its own stays: it is part of what the speaker said
    expect(voicesOf('Ana Ruiz said the pause would deepen the digital divide: "Rich universities already have their frontier AI models."')[0]?.quote)
      .toMatch(/^said the pause would deepen the digital divide/);
  });

  it('words in single quotation marks keep their closing mark', () => {
    expect(voicesOf("Ana Ruiz called the proposal to pause frontier AI development 'the adult in the room'; Pavel Novak called it 'a cartel agreement'.")
      .map((v) => v.quote)).toEqual(["called the proposal to pause frontier AI development 'the adult in the room'", "called it 'a cartel agreement'."]);
  });

  it('a quote left open runs on into the next sentence', () => {
    const text = 'Odile Brassard, a nurse and union delegate, told the committee: "We are not against progress. We are against progress that arrives before the safety case, and we ask you to support a coordinated slowdown of frontier AI."';
    const voices = voicesOf(text);
    const odile = voices.filter((v) => v.actor.includes('Odile Brassard'));
    expect(odile.some((v) => v.quote.includes('coordinated slowdown'))).toBe(true);
    expect(odile.some((v) => v.stance === 'support')).toBe(true);
  });
});

describe('voices: attributed statements in single quotes and "STATEMENT, X said."', () => {
  interface VoiceCase { id: string; text: string; label: string; actor: string; speakers: string[]; notInQuote?: string }
  const cases = readFileSync(join(import.meta.dirname, '../fixtures/stance/voices.jsonl'), 'utf8')
    .split('\n').filter((line) => line.trim().length > 0).map((line) => JSON.parse(line) as VoiceCase);

  it.each(cases.map((c) => [c.id, c] as const))('%s names the speakers the text gives, and no other', (_, c) => {
    const voices = voicesOf(c.text);
    expect([...new Set(voices.map((v) => v.actor))]).toEqual(c.speakers);
    if (c.notInQuote) for (const voice of voices) expect(voice.quote).not.toContain(c.notInQuote);
    // Where one speaker carries the passage, their voice takes its side.
    if (c.actor && (c.label === 'support' || c.label === 'oppose')) {
      expect(voices.filter((v) => v.actor === c.actor).map((v) => v.stance)).toContain(c.label);
    }
  });

  it('a name met again as its family name, and "the researcher" after "a researcher at ...", stay one speaker', () => {
    expect(voicesOf("SEOUL — Lee Min-jun, a former export official, said chip shipments could be tracked 'within weeks'. 'The excuse that nobody can check is gone,' Lee said.")
      .map((v) => v.actor)).toEqual(['Lee Min-jun', 'Lee Min-jun']);
    expect(voicesOf('David Sacks said a pause would hand the lead to rivals. "It is a gift to Beijing," Sacks said.')
      .map((v) => v.actor)).toEqual(['David Sacks', 'David Sacks']);
  });

  it('a name written with a title spelled out and without it stays one speaker, first named as the text first names them', () => {
    expect(voicesOf('Senator Maria Lopez said a verified pause of frontier AI was overdue. "I fully support the pause," Maria Lopez said.')
      .map((v) => v.actor)).toEqual(['Senator Maria Lopez', 'Senator Maria Lopez']);
    expect(voicesOf('Aisha Rahman said a verified pause of frontier AI was overdue. "It is the only sane course," Professor Aisha Rahman said. "We back it," Rahman said.')
      .map((v) => v.actor)).toEqual(['Aisha Rahman', 'Aisha Rahman', 'Aisha Rahman']);
    // a title with the body or country it is of before it
    expect(voicesOf('UK Prime Minister Keir Starmer said a verified pause of frontier AI was overdue. "We back it," Keir Starmer said.')
      .map((v) => v.actor)).toEqual(['UK Prime Minister Keir Starmer', 'UK Prime Minister Keir Starmer']);
    // a first name before a name is another person, not a title: their sides stay their own
    expect(voicesOf('Ana Maria Lopez, a researcher, said a verified pause of frontier AI was overdue. Maria Lopez, a senator, said a pause would hand the lead to rivals.')
      .map((v) => [v.actor, v.stance])).toEqual([['Ana Maria Lopez', 'support'], ['Maria Lopez', 'oppose']]);
    // two people of one surname stay two
    expect(voicesOf('Jack Clark said a verified pause of frontier AI was overdue. Wesley Clark said a pause would hand the lead to rivals.')
      .map((v) => v.actor)).toEqual(['Jack Clark', 'Wesley Clark']);
  });

  it("a headline's own clause before a colon is no speaker, while a speaker named there is one", () => {
    const body = 'Ministers met in Geneva on Thursday to discuss a verified pause of frontier AI development.';
    expect(voicesOf(body, 'Session weighs AI pause: the G7 communique').map((v) => v.actor)).toEqual([]);
    expect(voicesOf(body, 'EU lawmakers: "A pause is overdue"').map((v) => v.actor)).toEqual(['EU lawmakers']);
    expect(voicesOf(body, 'Senator Ruth Adeyemi: "A pause is overdue"').map((v) => v.actor)).toEqual(['Senator Ruth Adeyemi']);
  });

  it('an organisation is not merged into a longer name that begins like it', () => {
    const voices = voicesOf('Google DeepMind said a coordinated pause deserved study. Google said it would not back the pause.');
    expect(voices.map((v) => v.actor)).toEqual(['Google DeepMind', 'Google']);
  });

  it('a notice or a page is a document, not a voice', () => {
    expect(voicesOf("The Senate committee has invited written submissions on the frontier-AI pause until June, a notice posted on Friday said.")).toEqual([]);
  });

  it('an estimate or a review is a document, a publication named so is not; a clause opened by "Given" names no one', () => {
    expect(voicesOf('About 80 per cent of frontier training capacity would fall within the pause, according to an estimate circulated with the text.')).toEqual([]);
    expect(voicesOf('Most of the pause letter\'s 1,412 signatories work in academia, according to a Sentinel review of the signature list.')).toEqual([]);
    expect(voicesOf('A pause on frontier AI training would cost the labs billions, MIT Technology Review said.').map((v) => v.actor)).toEqual(['MIT Technology Review']);
    expect(voicesOf('Enders Analysis warned that a pause on frontier AI training would hand the lead to China.').map((v) => v.actor)).toEqual(['Enders Analysis']);
    expect(voicesOf('The proposed slowdown would impose deadweight losses. Given the speculative nature of the benefits claimed, we judge the pause a poor bet.')
      .map((v) => v.actor)).not.toContainEqual(expect.stringMatching(/^Given/));
  });
});
