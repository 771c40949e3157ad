import { describe, expect, it } from 'vitest';
import type { Voice } from '../../src/model/index.ts';
import { cleanActorName } from '../../src/stance/collect-voices.ts';
import { createPassageAnalyser } from '../../src/stance/pause-proposal-scorer.ts';
import { asArticle, pauseScorer, pauseTopic, sideInArticle } from '../helpers/pause-topic.ts';

const analysePassage = createPassageAnalyser(pauseTopic, { scorer: 'pause-proposal', relevanceThreshold: 0.5 });

function voicesOf(text: string, title: string | null = null): Voice[] {
  return pauseScorer.score({ title, text }).voices;
}

function quoteOf(voices: readonly Voice[], actor: string): string {
  const voice = voices.find((v) => v.actor === actor);
  if (voice === undefined) throw new Error(`no voice of ${actor} in ${JSON.stringify(voices)}`);
  return voice.quote;
}

describe('a quote ends at a clause boundary', () => {
  it('a statement cut off by the next speaker ends before the clause that speaker opens', () => {
    const voices = voicesOf('Safety researchers called the slowdown "the least the industry owes us," while investors warned it would chase capital abroad.');
    expect(quoteOf(voices, 'Safety researchers')).toBe('called the slowdown "the least the industry owes us"');
    expect(quoteOf(voices, 'investors')).toBe('warned it would chase capital abroad.');
  });

  it('a trailing "and" or "while" is never the end of a quote', () => {
    for (const text of [
      'Teachers in Ohio endorsed the freeze on frontier AI training, and venture investors said it would cost jobs.',
      'Campaigners argue that a moratorium on frontier AI would give regulators a head start, while economists counter that it would only shift the work elsewhere.',
    ]) {
      for (const voice of voicesOf(text)) expect(voice.quote).not.toMatch(/\b(and|while|or|but)$|,$/);
    }
  });

  it('a quotation closed inside the statement keeps both its marks', () => {
    const voices = voicesOf('The chair of the ethics board said a verified pause of frontier AI training would be "a sensible step."');
    expect(voices[0]!.quote).toBe('said a verified pause of frontier AI training would be "a sensible step."');
  });
});

describe('a speaker reported advocating a pause supports it', () => {
  // A second speaker keeps each passage from being one speaker's relay, so the voices show their own reading.
  const reaction = 'Chip makers said the idea would cost them orders.';

  it.each([
    ['The Lutheran World Federation issued an urgent call for a worldwide pause on frontier AI development.', 'The Lutheran World Federation'],
    ["Nurses' unions in Manila made a public appeal for a moratorium on frontier AI training.", "Nurses' unions in Manila"],
    ['The Green group renewed its call for a freeze on frontier AI training.', 'The Green group'],
    ['Several state attorneys general are pushing for a halt to frontier AI training.', 'Several state attorneys general'],
    ["The teachers' federation backed renewed calls for a slowdown of frontier AI.", "The teachers' federation"],
    ["Kenya's digital minister has formally advocated for a global pause of frontier AI development.", "Kenya's digital minister"],
    ['The Oslo institute proposed a six-month moratorium on the largest AI training runs.', 'The Oslo institute'],
    ['The coalition says the pause should remain in place until independent audits of frontier AI are complete.', 'The coalition'],
  ])('%s', (sentence, actor) => {
    const text = `${sentence} ${reaction}`;
    // As the rules read it, and as the scorer reports it.
    expect(analysePassage({ title: null, text }).voices).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
    expect(voicesOf(text)).toContainEqual(expect.objectContaining({ actor, stance: 'support' }));
  });

  it('a report of a call takes no side for one who rejects it, argues both ways, or did not make it', () => {
    expect(voicesOf(`Trade groups dismissed the call for a pause of frontier AI as a stunt. ${reaction}`))
      .toContainEqual(expect.objectContaining({ actor: 'Trade groups', stance: 'oppose' }));
    // Read as the rules read them: a short passage's voices may later take the learned layer's verdict.
    for (const sentence of [
      'In a televised debate, a lab researcher and an investor argued for and against the pause of frontier AI for an hour.',
      'The ministry did not issue a call for a pause of frontier AI, a spokesman said.',
      'The Oslo institute proposed a pause would fail unless rivals joined frontier AI talks.',
    ]) {
      const { voices } = analysePassage({ title: null, text: `${sentence} ${reaction}` });
      expect(voices.length).toBeGreaterThan(1);
      for (const voice of voices) expect(voice.stance).toBe('neutral');
    }
  });

  it('"repeated calls" is a noun phrase, not a speaker', () => {
    const voices = voicesOf(`Despite repeated calls for a pause, the labs kept training frontier AI models. ${reaction}`);
    expect(voices.map((v) => v.actor)).toEqual(['Chip makers']);
  });
});

describe('a headline gives a voice only to a speaker the body does not quote', () => {
  const body = [
    'The Tallinn Compact, a group of Baltic research councils, said on Monday that frontier AI training should stop until inspectors can audit the largest runs.',
    'Cloud providers in the region said they had not been consulted.',
  ].join('\n\n');

  it('the headline is the outlet’s summary of what the body quotes: the body’s statement is the voice', () => {
    const voices = voicesOf(body, 'Tallinn Compact Urges Halt to Frontier AI Training');
    const compact = voices.filter((v) => v.actor === 'The Tallinn Compact');
    expect(compact).toHaveLength(1);
    expect(compact[0]!.quote).toMatch(/^said on Monday that frontier AI training should stop/);
    expect(voices.some((v) => v.quote.includes('Urges Halt'))).toBe(false);
  });

  it('a speaker named only in the headline keeps the headline as their voice', () => {
    const voices = voicesOf(body, 'Estonian Premier Backs Pause on Frontier AI');
    expect(voices).toContainEqual(expect.objectContaining({ actor: 'Estonian Premier', stance: 'support' }));
  });

  it('a heading line in the body is a headline too', () => {
    const text = ['Tallinn Compact Urges Halt to Frontier AI Training', body].join('\n\n');
    expect(voicesOf(text).some((v) => v.quote.includes('Urges Halt'))).toBe(false);
  });
});

describe('words before the speaker that set the scene or describe them are not part of the quote', () => {
  it.each([
    ['Appearing before a Senate panel, economist Lucia Ferraz said a moratorium on frontier AI would cost far less than an accident.', 'Lucia Ferraz', 'Appearing before'],
    ['According to the Financial Times, Danish lab Mimir called on its rivals to slow frontier AI development together.', 'Mimir', 'According to'],
    ['A retired air-traffic controller, Marguerite Olsen, told the hearing that a pause of frontier AI was "the missing checklist."', 'Marguerite Olsen', 'air-traffic'],
    ['OSLO — A former diplomat, Per Hagen, said the freeze on frontier AI training would be "impossible to verify."', 'Per Hagen', 'diplomat'],
  ])('%s', (text, actor, notInQuote) => {
    expect(quoteOf(voicesOf(text), actor)).not.toContain(notInQuote);
  });

  it('a quotation before the speaker and a statement the attribution interrupts stay in the quote', () => {
    expect(quoteOf(voicesOf('"A pause of frontier AI is the only checklist we have," Ines Duarte, a flight instructor, told a conference in Porto.'), 'Ines Duarte'))
      .toContain('the only checklist we have');
    expect(quoteOf(voicesOf('The freeze on frontier AI training, the Irish minister said, is overdue and should start this year.'), 'the Irish minister'))
      .toContain('The freeze on frontier AI training');
  });
});

describe('a clause inside a statement names no speaker of its own', () => {
  it('"whether X would back it" asks about X; it reports nothing X said', () => {
    const voices = voicesOf('The Dutch science minister said her cabinet was studying the pause of frontier AI, declining to say whether the Netherlands would back it.');
    expect(voices.map((v) => v.actor)).toEqual(['The Dutch science minister']);
    expect(voices[0]!.quote).toMatch(/whether the Netherlands would back it\.$/);
  });

  it('"no inspector could tell" names nobody', () => {
    const voices = voicesOf('Senator Hal Brenner called the frontier AI pause "a promise with no referee," arguing that no regulator could tell whether a lab had kept training.');
    expect(voices.map((v) => v.actor)).toEqual(['Senator Hal Brenner']);
  });

  it('"..., which it says would ..." goes on with the speaker’s statement', () => {
    const voices = voicesOf('The Baltic Startup Forum rejects the proposed frontier AI freeze, which it says would shut small labs out of the market.');
    expect(voices).toEqual([expect.objectContaining({
      actor: 'The Baltic Startup Forum', quote: 'rejects the proposed frontier AI freeze, which it says would shut small labs out of the market.',
    })]);
  });

  it('a "but" after a set-off relative clause does not weaken what the clause says', () => {
    const voices = voicesOf('OpenAI, which on Monday said it would join talks on verification but opposed a fixed-term pause, was invited to testify but submitted written testimony instead.');
    expect(voices).toEqual([expect.objectContaining({ actor: 'OpenAI', stance: 'oppose' })]);
    // a clause that describes a thing is the concession the "but" answers
    expect(pauseScorer.score({ title: null, text: 'A moratorium, which would be hard to verify and easy to evade, is no panacea, but the labs should pause anyway.' }).stance?.label)
      .toBe('support');
  });

  it('"calls the pause a cartel" names the pause; it is no call for one, unless the name is no word against it', () => {
    expect(voicesOf('Marc Andreessen, who calls the pause a cartel, was invited but did not attend.'))
      .toEqual([expect.objectContaining({ actor: 'Marc Andreessen', stance: 'oppose' })]);
    expect(voicesOf('Yoshua Bengio called the moratorium a historic step.')).toEqual([expect.objectContaining({ actor: 'Yoshua Bengio', stance: 'support' })]);
    // a name given to "it" that holds the pause is no call for one either
    expect(voicesOf('Piotr Zalewski called it "a resolution about a pause that does not exist, to be verified by an office that is not ready".'))
      .toEqual([expect.objectContaining({ actor: 'Piotr Zalewski', stance: 'neutral' })]);
    // a quoted or definite name, weighed by the lexicon
    expect(voicesOf('Marc Andreessen called the moratorium "a disaster for American innovation" in a post on Tuesday.'))
      .toEqual([expect.objectContaining({ actor: 'Marc Andreessen', stance: 'oppose' })]);
    expect(voicesOf('Yoshua Bengio called the moratorium "a historic step".')).toEqual([expect.objectContaining({ actor: 'Yoshua Bengio', stance: 'support' })]);
  });

  it('a head start for someone else is what critics call the pause; a senator named with his party is the speaker, not the proposal', () => {
    const voices = voicesOf(`Anthropic's call for a verified pause on the largest AI training runs drew a divided response on Capitol Hill on Wednesday.

Sen. Curtis Haldane (R-Idaho), who chairs the technology subcommittee, said the proposal "deserves to be taken seriously," and told reporters his panel would hold a hearing.

"My first question is simple: who in Beijing has agreed to any of this?" Haldane said. "A pause that only binds American companies is not a pause. It is a head start for someone else."`);
    expect(voices.map((voice) => voice.actor)).not.toContain('Anthropic');
    expect(voices).toContainEqual(expect.objectContaining({ actor: 'Curtis Haldane', stance: 'oppose', quote: 'It is a head start for someone else.' }));
    expect(voices.filter((voice) => voice.stance === 'support')).toEqual([]);
    // not pausing is the head start
    expect(voicesOf('Not pausing would give Beijing a head start, Haldane said.')).toEqual([expect.objectContaining({ actor: 'Haldane', stance: 'support' })]);
  });

  it('an offer to staff, host or submit to the checks a pause needs takes its side; one refused does not', () => {
    expect(voicesOf('In Brussels, the AI Office said it was ready to provide the technical secretariat for an international verification body for a pause.'))
      .toEqual([expect.objectContaining({ actor: 'the AI Office', stance: 'support' })]);
    expect(voicesOf('Albers said: "We are ready to put it at the service of a global verification effort, if the labs are serious."'))
      .toEqual([expect.objectContaining({ actor: 'Albers', stance: 'support' })]);
    expect(voicesOf('In Brussels, the AI Office said it was not ready to provide inspectors for any pause.'))
      .not.toContainEqual(expect.objectContaining({ stance: 'support' }));
    // to submit to them is the same side
    expect(voicesOf('European Commissioner Ilse Marten said the European Union was prepared to commit to inspections "whatever others decide" under a pause.'))
      .toEqual([expect.objectContaining({ actor: 'European Commissioner Ilse Marten', stance: 'support' })]);
    expect(voicesOf('OpenAI said it was not willing to accept inspectors from rival countries under any pause.'))
      .not.toContainEqual(expect.objectContaining({ stance: 'support' }));
  });

  it('a pause said to serve the biggest firms is opposed; the race said to, or a pause said to serve others, is not', () => {
    expect(sideInArticle('Dan Hartley said he understood the concern but worried that a pause would mainly benefit the largest firms.')).toBe('oppose');
    expect(sideInArticle('Senator Jane Doe said the pause would favour the tech giants.')).toBe('oppose');
    expect(sideInArticle('Marc Andreessen said a pause on training would benefit the biggest labs.')).toBe('oppose');
    // the largest number of people is no firm; (a review of 2.5.57) the race, or a pause serving others
    for (const sentence of [
      'Senator Jane Doe said the pause would benefit the largest number of people.',
      'The current race rewards the biggest players, who can afford to cut corners on safety, Bengio said.',
      'A verified global pause would protect the public rather than benefit the largest companies, the EU official said.',
      '"A compute cap would favour start-ups over the biggest firms," said the EU official.',
      // (a review of 2.5.59)
      'It helps that the biggest labs have already signed on to the pause, the senator said.',
      // the firms as subject, benefiting from something else or not at all
      '"Small startups, not just the biggest labs, would benefit from clear safety standards," said Tom Baker, an economist.',
    ]) expect(sideInArticle(sentence), sentence).toBe('neutral');
    // safety teams helped to catch up: the pause's purpose
    expect(sideInArticle('A pause would help the biggest labs\' safety teams catch up with their own models, the researcher said.')).toBe('support');
    // the firms as subject; (a review of 2.5.68) not a pause good even for them, their least gain, another ban
    expect(sideInArticle('"The largest labs would benefit most from a pause," said Tom Baker, an economist.')).toBe('oppose');
    expect(sideInArticle('"Even the biggest labs would benefit from a pause, because their safety teams could finally catch up," said Yoshua Bengio.')).toBe('support');
    expect(sideInArticle('"The biggest labs would gain the least from a pause; they have the most to lose," said Yoshua Bengio.')).not.toBe('oppose');
    expect(sideInArticle('"The biggest companies would benefit from a ban on open-weight models," said Tom Baker, a researcher at the Mozilla Foundation.')).toBe('neutral');
    expect(sideInArticle('"Incumbents would gain the most from a moratorium," said Tom Baker, an economist.')).toBe('oppose');
  });

  it('a call to reduce the pace of development is a call to slow down', () => {
    expect(sideInArticle('A leading technology firm argued that the industry must collectively reduce its development pace to allow critical safety frameworks to mature.')).toBe('support');
    expect(sideInArticle('Critics said the labs should not reduce their pace of development.')).toBe('oppose');
    expect(sideInArticle('The researchers said the labs should reduce the pace of frontier development.')).toBe('support');
    expect(sideInArticle('Yoshua Bengio said the labs must reduce the breakneck pace of AI development.')).toBe('support');
    expect(sideInArticle('Yoshua Bengio said the labs must reduce the pace at which they build frontier systems.')).toBe('support');
    // a call made on others, the time said to have come
    expect(sideInArticle('Senator Ann Wu called on the labs to reduce the pace of AI development.')).toBe('support');
    expect(sideInArticle('"It is time to reduce the pace of frontier development," said Ann Wu, a senator.')).toBe('support');
    expect(sideInArticle('Senator Ann Wu called on the labs to slash the pace of AI development.')).toBe('support');
    // (a review of 2.5.68) the wrong time to, a naming, a last time
    expect(sideInArticle('"This is exactly the wrong time to reduce the pace of AI development, with China closing in," said Senator Ted Cruz.')).toBe('oppose');
    expect(sideInArticle('"This is exactly the wrong time to pause AI development, with China closing in," said Senator Ted Cruz.')).toBe('oppose');
    expect(sideInArticle('"I called the plan to reduce the pace of AI development naive, and I still do," said Senator Ted Cruz.')).toBe('oppose');
    expect(sideInArticle('"Last time the industry tried to reduce the pace of AI development, China closed the gap," said Senator Ted Cruz.')).not.toBe('support');
    // (a review of 2.5.65) calls to go faster, and a pace of something else
    for (const sentence of [
      'Washington must cut red tape and speed up approvals for the data centres that train frontier AI models, the senator said.',
      'The United States must cut regulation to keep pace with China on frontier AI, the senator said.',
      'Regulators must reduce the pace of inspections at frontier AI labs, the industry group said.',
      // (a review of 2.5.68) the passive read the object of another verb
      'Regulatory hurdles that hold back the pace of AI development must be cut, the industry lobbyist said.',
    ]) expect(sideInArticle(sentence), sentence).toBe('neutral');
  });

  it('the pace said to need reducing, the time said to have come in the past tense, a call to rein it in: calls to slow down', () => {
    for (const sentence of [
      'Senator Maria Lopez said it is high time the labs reduced the pace of frontier AI development.',
      'Senator Maria Lopez said it was about time the labs reined in the pace of AI development.',
      'Senator Maria Lopez said regulators should rein in the pace of frontier AI development.',
      'Senator Maria Lopez said the pace of AI development must be reduced.',
      'The pace of frontier AI development has to be slowed, Senator Maria Lopez said.',
      'Senator Maria Lopez said the pace at which labs train frontier models needs to be reduced.',
    ]) expect(sideInArticle(sentence), sentence).toBe('support');
    // denied, it opposes
    expect(sideInArticle('Senator Ted Cruz said the pace of AI development must not be slowed.')).toBe('oppose');
    // a last time, the pace of something else, the pace as another verb's object
    for (const sentence of [
      'Senator Ted Cruz said that last time the labs reduced the pace of AI development, China caught up.',
      'Senator Ted Cruz said the pace of inspections at frontier AI labs must be reduced.',
      'Senator Ted Cruz said rules that slow the pace of AI development must be cut.',
      // (a review of 2.5.78) regulation's pace, others' pace, a comma inside the object, the noun "rein", a grant's pace
      'Senator Ted Cruz said the pace of regulation of AI must be reduced.',
      'Senator Ted Cruz said the pace at which Washington is writing new AI rules must be curbed.',
      'Senator Maria Lopez said the pace at which advanced chips are shipped to China must be reduced.',
      'Senator Ted Cruz said rules that hold back, rather than speed up, the pace of AI development must be cut.',
      'Washington should give founders free rein in the pace of AI development, Senator Ted Cruz said.',
      'Senator Ted Cruz said it was high time the agency cut its pace of AI research grants to universities.',
    ]) expect(sideInArticle(sentence), sentence).toBe('neutral');
    // (a review of 2.5.78) the call in an argument rejected, in critics' words mocked
    expect(sideInArticle('Senator Ted Cruz rejected the argument that the pace of AI development must be reduced.')).toBe('oppose');
    expect(sideInArticle('Senator Ted Cruz mocked critics who said the pace of AI development must be reduced.')).toBe('oppose');
    // (a review of 2.5.86's articles) a call under a condition or for some places only
    for (const sentence of [
      'Priya Nandakumar of the Frontier Industry Council says the pace of AI development must be reduced only if it can be shown to be dangerous.',
      '"The pace of frontier training has to be slowed in some places and not others," said Ada Marchetti.',
    ]) expect(sideInArticle(sentence), sentence).toBe('neutral');
    // after a weekday, with an adjective, in a quote, "slowed"
    for (const sentence of [
      'Senator Maria Lopez said Tuesday the pace of AI development must be reduced.',
      'Senator Maria Lopez said the breakneck pace of AI development must be reduced.',
      '"The pace of AI development must be reduced," Senator Maria Lopez said.',
      'Senator Maria Lopez said it is high time the industry slowed the pace of AI development.',
      // an adverb before the participle, the pace before its reducing after "high time", development "of" frontier AI
      'Senator Maria Lopez said the pace of AI development must be drastically reduced.',
      'Senator Maria Lopez said it was high time the pace of AI development was reduced.',
      'Senator Maria Lopez said the pace of development of frontier AI systems must be reduced.',
      'Senator Maria Lopez said the pace of AI development must be reduced by half.',
    ]) expect(sideInArticle(sentence), sentence).toBe('support');
    // a forecast of a cause, not a call; regulation's pace after "high time"; AI chips' development
    for (const sentence of [
      'Senator Ted Cruz said the pace of AI development should be curbed by power shortages.',
      'Analysts said the pace of AI development should be curbed by a shortage of power in the coming years.',
      'Senator Ted Cruz said it was high time the pace of regulation was reduced.',
      'Senator Ted Cruz said the pace of development of AI chips must be cut to preserve American leadership.',
    ]) expect(sideInArticle(sentence), sentence).toBe('neutral');
    // (a review of 2.5.96) a call with its reason, its means or its deadline is still one
    for (const sentence of [
      'Senator Maria Lopez said the pace of AI development must be reduced because nobody can yet verify what these systems are capable of.',
      'Senator Maria Lopez said the pace of AI development must be reduced by governments acting together.',
      'Senator Maria Lopez said the pace of AI development must be reduced by next year or the risks would become unmanageable.',
    ]) expect(sideInArticle(sentence), sentence).toBe('support');
  });

  it('a lab that says it would halt its own training takes the pause up; one that says it would not refuses it', () => {
    expect(sideInArticle('Jonah Whitcombe, president of Veridian AI, said his company could halt its next major training run "within days" of being asked to under a verified agreement.')).toBe('support');
    expect(sideInArticle('"We are stopping, and we are asking the inspectors to prove it," Veridian chief executive Tomas Reyland said in a statement.')).toBe('support');
    expect(sideInArticle('OpenAI said it would not stop its training runs for a pause that China ignores.')).toBe('oppose');
    expect(sideInArticle('"We have paused our next training run," the Mistral chief executive said of the proposed pause.')).toBe('support');
    // the company's training named with an article, not its possessive
    expect(sideInArticle('Its president, Jonah Whitcombe, told British lawmakers this month that the company could halt a training run "within days."')).toBe('support');
    expect(sideInArticle('Its president, Jonah Whitcombe, told British lawmakers this month that the lab could halt a training run "within days."')).toBe('support');
    expect(sideInArticle('Veridian AI said Monday the company had halted the training of its next frontier model and invited government inspectors.')).toBe('support');
    // a halt kept up, the company named before a long report
    expect(sideInArticle('Veridian\'s chief executive, Tomas Reyland, said the company was "grateful to the inspectors for their speed and their rigour" and would keep the run suspended while it discussed next steps with them.')).toBe('support');
    expect(sideInArticle('Kestrel Labs said it would keep its training runs paused until the inspectors finished.')).toBe('support');
    expect(sideInArticle('Kestrel Labs said it would keep its training runs paused while engineers replace faulty pumps.')).toBe('neutral');
    // (a review of 2.5.94) not kept up on a regulator's or a court's order, nor for a reason of its own, nor by others
    for (const sentence of [
      'Regulators told the company on Friday that they would keep the run suspended until it handed over its safety test results.',
      'Under the terms of the order, Helix Labs said it would keep its training runs paused until the regulator completes its review.',
      'Helix Labs said in a court filing that the company would keep the run suspended as required by the injunction.',
      'Nimbus AI said it would keep its training runs paused during the heatwave to ease pressure on the state\'s electricity grid.',
      'Helix Labs said it would keep its training runs paused while it raises a new funding round.',
    ]) expect(sideInArticle(sentence), sentence).toBe('neutral');
    // (a review of 2.5.99) an order denied imposes nothing
    expect(sideInArticle('Kestrel Labs said it would keep its training runs paused in line with the pause agreement, even though no regulator requires it.')).toBe('support');
    // (a review of 2.5.80) not "it" or "we" with an article, which may be a regulator's power over others' runs; not a
    // halt after an accident or one a court or regulators would order
    for (const sentence of [
      'The Commerce Department said it could halt a training run at any lab that lacks a license.',
      '"We could halt a training run at any American lab within hours," said Commerce Secretary Dana Whitfield.',
      'Kestrel Labs said the company had halted a training run after a fire at its Iowa data center.',
      'Senator Maria Lopez said the company would halt a training run only if a court ordered it to.',
      '"We would halt our training run only if regulators forced us to," said Ada Marchetti, chief executive of Kestrel Labs.',
    ]) expect(sideInArticle(sentence), sentence).toBe('neutral');
    expect(sideInArticle('"I would stop a training run in a heartbeat if I saw a deceptive model," said Ada Marchetti, who opposes a moratorium.')).toBe('oppose');
    // (a review of 2.5.82) a bill's requirement of any developer; "under fire", "a flood of" criticism and a call on
    // governments to force others undo nothing
    expect(sideInArticle('Under the proposed law, a developer would have to halt a training run if auditors flagged dangerous capabilities, Senator Maria Lopez said.')).toBe('neutral');
    for (const sentence of [
      'Under fire from critics, Kestrel Labs said it had halted its next training run for a verified pause.',
      'After a flood of criticism, the lab said it had paused its training run for a verified pause, chief executive Ada Marchetti said.',
      '"We will pause our training runs, and we call on governments to force every lab to do the same," said Ada Marchetti, chief executive of Kestrel Labs.',
      // (a review of 2.5.84) a pause when the verification regime requires it is the proposal taken up
      '"We will pause our frontier training runs when the verification regime requires it," said Ada Marchetti, chief executive of Kestrel Labs.',
    ]) expect(sideInArticle(sentence), sentence).toBe('support');
    // a bill or a rival halting its work, a safeguard, a halt for a fault, a bill stopped: no one's own pause (the
    // last five from a review of 2.5.55)
    for (const sentence of [
      'Senator Curtis Haldane said the bill would force the company to halt its training runs.',
      'Haldane said Beijing would never halt its development of frontier models.',
      '"It could stop our development in its tracks," the startup founder warned of the moratorium.',
      '"We can stop our models from producing bioweapon instructions," said the lab\'s safety chief.',
      'The company was forced to halt its training run after a power outage at its Iowa data center, a spokesperson said.',
      '"We are stopping this bill dead in its tracks," Senator Ted Cruz said of the AI pause legislation.',
      '"We are halting hiring, not training," the company\'s chief executive said of the pause proposal.',
      // (a review of 2.5.58) a past halt for a fault, a pause for a bug
      'Last year we halted our training run for two weeks after a power failure, the Meta engineer said.',
      'We decided to stop our training run after a power failure, the company said.',
      '"We are stopping — for a week — to fix a bug in the data pipeline," the engineer said.',
      // a repair, a denied rumour, any company's halt as a proposal describes it
      '"We\'re pausing our training run while engineers replace faulty cooling equipment," said Dana Reyes, a spokeswoman for Kestrel.',
      'The company said it would halt its training run while engineers replaced faulty cooling pumps.',
      '"Rumours that we are halting our training runs are false," said Maria Lopez, Kestrel\'s chief executive.',
      'Each company would halt its training runs above the threshold, said Tom Baker, an analyst at Gartner.',
    ]) expect(sideInArticle(sentence), sentence).toBe('neutral');
    // the future progressive, a perfect with an adverb, "all of our"
    expect(sideInArticle('"We will be pausing our largest training runs," said Maria Lopez, Kestrel\'s chief executive.')).toBe('support');
    expect(sideInArticle('"We have now paused all of our frontier training runs," said Maria Lopez, Kestrel\'s chief executive.')).toBe('support');
    // (a review of 2.5.68) a failure that is no machine's, a confirmed report, a commitment as a trait, an adverb
    for (const sentence of [
      '"After the failure of the Geneva talks, we will halt our largest training runs on our own," said Maria Lopez, Kestrel\'s chief executive.',
      '"We will halt all of our frontier training runs until independent auditors confirm there are no safety failures," said Maria Lopez, Kestrel\'s chief executive.',
      'Kestrel confirmed reports that it would halt its largest training runs, said Dana Reyes, a spokeswoman for the company.',
      '"We took the institute\'s suggestions seriously, and we will pause our next training run," said Maria Lopez, Kestrel\'s chief executive.',
      '"We are a company that will halt its training runs the moment our evaluators tell us to," said Maria Lopez, Kestrel\'s chief executive.',
      '"Sure, it will cost us market share, but we are pausing our largest training runs," said Maria Lopez, Kestrel\'s chief executive.',
      'Maria Lopez, Kestrel\'s chief executive, said the company was pausing its next training run.',
    ]) expect(sideInArticle(sentence), sentence).toBe('support');
    // a rival's mockery in the same paragraph leaves the lab's own pause its own
    expect(voicesOf('Kestrel said on Monday that it would halt its largest training runs. "How convenient," said Tom Baker, a rival executive.'))
      .toContainEqual(expect.objectContaining({ actor: 'Kestrel', stance: 'support' }));
    // (a review of 2.5.68) a lab said not to have paused, any signatory company, a rule's "it"
    for (const sentence of [
      '"Six months after its pledge, the company has not paused its training runs," said Tom Baker, a researcher at the Future of Life Institute.',
      'Under the treaty, every signatory company would halt its training runs above the threshold, said Tom Baker, an analyst at Gartner.',
      'Kestrel said the rule was so broad that it would halt all of its training runs in Europe.',
    ]) expect(sideInArticle(sentence), sentence).not.toBe('support');
    // a rule that stopped "our" training is no one's own pause, and the complaint keeps its side
    expect(sideInArticle('"It has stopped our training runs cold," Zuckerberg said of the European regulation, calling it a gift to China.')).toBe('oppose');
    expect(sideInArticle('"We\'re pausing our largest training runs, effective immediately," Amodei said.')).toBe('support');
    expect(sideInArticle('We are going to pause our next training run until the verification regime is in place, the chief executive said.')).toBe('support');
  });

  it('checks said to be easy, and a pause said to stop one side while the rest go on, take their sides', () => {
    expect(voicesOf('"Verifying chips is easier than verifying warheads," Rear Admiral Linda Castellano said of the pause.'))
      .toEqual([expect.objectContaining({ actor: 'Rear Admiral Linda Castellano', stance: 'support' })]);
    expect(voicesOf('Critics said verification of a pause would not be easier than arms control.'))
      .toEqual([expect.objectContaining({ actor: 'Critics', stance: 'oppose' })]);
    expect(voicesOf('"I am not open to a pause in which American companies stop and everyone else keeps going," Haldane said.'))
      .toEqual([expect.objectContaining({ actor: 'Haldane', stance: 'oppose' })]);
  });

  it('the cues of readiness, a head start, easy checks and naming read what they are said of (reviews of 2.5.37-2.5.51)', () => {
    // long enough for the rules to decide, not the learned layer that reads passages
    for (const sentence of [
      'The industry group said it was ready to put up a fight against any inspection regime.',
      'The industry group said it was ready to help lawmakers kill the inspections.',
      'Chris Lehane said no American lab was ready to submit to inspections by a foreign body.',
      'Senator Curtis Haldane said few labs were willing to accept inspections, which is why the pause would never hold.',
      'Senator Curtis Haldane said rejecting the moratorium was a historic decision.',
      'Haldane said smuggling chips past any inspection is easier than building them, so a pause could never be verified.',
      'Haldane said that evading verification is cheaper than complying with a pause.',
      'Haldane said the pause would give Beijing a head start.',
    ]) expect(sideInArticle(sentence), sentence).not.toBe('support');
    for (const sentence of [
      'Senator Ruth Adeyemi said a verified pause would give governments a head start on writing the rules.',
      'Senator Ruth Adeyemi said a pause would give researchers working on safety a head start.',
    ]) expect(sideInArticle(sentence), sentence).toBe('support');
    // (second review) rivals named at more length, the country's own head start given up, a name of the harm a pause
    // prevents, costs raised by something else
    for (const sentence of [
      'Senator Curtis Haldane said a pause would give our rivals in Beijing a head start.',
      'Senator Curtis Haldane said a pause would force American labs to give up their head start.',
      'Senator Curtis Haldane said a pause would squander America\'s head start over China.',
    ]) expect(sideInArticle(sentence), sentence).toBe('oppose');
    for (const sentence of [
      'Senator Maria Lopez called the pause "an emergency brake on a reckless race".',
      'Senator Maria Lopez said the industry\'s voluntary safety plan raises costs for startups, which is why she backs a simple verified pause instead.',
      'Senator Maria Lopez said a verified pause lets the leaders stop competing on speed and start competing on safety.',
    ]) expect(sideInArticle(sentence), sentence).not.toBe('oppose');
    // one official's quoted name is not the next one's
    expect(voicesOf('At a Bishkek roundtable, one telecom official called the freeze "a chance to be heard" and another called it "a rule written without us". The ministry promised a paper by spring.')[0])
      .toEqual(expect.objectContaining({ actor: 'one telecom official', stance: 'support' }));
  });

  it('a quote over two sentences or more is the speaker named right after it, from its first sentence', () => {
    const voices = voicesOf(`Veridian AI said Monday it had halted the training of its next frontier model and invited inspectors to confirm the pause.

The company said training of the model was suspended at 6 a.m. It asked a joint team from Britain's AI Security Institute to inspect the facility and confirm the halt.

"Last week, governments in Geneva agreed that restraint should be verifiable. We think the fastest way to find out whether it is verifiable is to try," Veridian chief executive Tomas Reyland said in a statement.`);
    expect(voices.filter((voice) => voice.actor === 'Tomas Reyland').map((voice) => voice.quote)).toEqual([
      'Last week, governments in Geneva agreed that restraint should be verifiable.',
      'We think the fastest way to find out whether it is verifiable is to try',
    ]);
    const continued = voicesOf('Veridian AI said Monday it had halted the training of its next frontier model.\n\n"Last week, governments in Geneva agreed that a pause should be verifiable. We think the fastest way is to try," Veridian chief executive Tomas Reyland said.');
    expect(continued.map((voice) => voice.actor)).toEqual(['Veridian AI', 'Tomas Reyland', 'Tomas Reyland']);
    // over three sentences, all of them
    const three = voicesOf('Senator Curtis Haldane said the pause would hand the lead to China.\n\n"Last week, governments agreed to talk about verification. Inspectors can check the chips. We think a verified pause is worth trying," Veridian chief executive Tomas Reyland said.');
    expect(three.map((voice) => voice.actor)).toEqual(['Senator Curtis Haldane', 'Tomas Reyland', 'Tomas Reyland', 'Tomas Reyland']);
    // not to one named after a pronoun no one was found for, nor to a participle's phrase
    const told = voicesOf('Senator Maria Lopez opened the hearing. "The labs cannot be trusted to stop on their own. A verified pause is overdue," she told Senator Curtis Haldane, who opposes the pause.');
    expect(told).not.toContainEqual(expect.objectContaining({ actor: 'Senator Curtis Haldane', stance: 'support' }));
    const looking = voicesOf('Senator Maria Lopez opened the hearing. "The labs cannot be trusted to stop on their own. A verified pause is overdue," Lopez said, looking at Senator Curtis Haldane, who has called the pause naive.');
    expect(looking.map((voice) => voice.actor)).toEqual(['Lopez', 'Lopez', 'Senator Curtis Haldane']);
    // with no one before it, its first sentence is the speaker's too, not the writer's own
    const unsaid = voicesOf('"A verified pause is overdue. We have waited long enough," said Maria Lopez, a senator.');
    expect(unsaid.map((voice) => voice.quote)).toEqual(['A verified pause is overdue.', 'We have waited long enough']);
    expect(sideInArticle('"A verified pause is overdue. We have waited long enough," said Maria Lopez, a senator.')).toBe('support');
    expect(sideInArticle('"A pause would be a gift to Beijing. We have heard this before," Senator Ted Cruz said.')).toBe('oppose');
    // (a review of 2.5.69) after a wire dateline too; not a quote the speaker relays or reads out
    expect(sideInArticle('WASHINGTON (Reuters) — "A verified pause is overdue. We have waited long enough," Senator Maria Lopez said on Tuesday.')).toBe('support');
    // (a review of 2.5.74) the relay is read after the closing mark, not in the quote
    expect(sideInArticle('"A verified pause is overdue. We have warned about this for years," said Senator Maria Lopez.')).toBe('support');
    expect(sideInArticle('"A pause would hand China the lead. It would be a disaster," Senator Maria Lopez said Kestrel\'s lobbyists had warned her, adding that she was unmoved.'))
      .not.toBe('oppose');
    expect(sideInArticle('"A verified pause is overdue. The labs cannot police themselves," Tom Baker said, reading from the statement his rivals had signed, before calling it naive.'))
      .not.toBe('support');
    // a quote opened after the writer's own words in its sentence is not all the speaker's
    const opened = voicesOf('The labs were told the pause is overdue and "the public is tired. We have waited long enough," Lopez said.');
    expect(opened.map((voice) => voice.actor)).toEqual(['Lopez']);
  });

  it('a quote no one said is the speaker\'s the next sentence names ("That is what Senator Maria Lopez told the committee")', () => {
    for (const [text, side] of [
      ['"A verified pause is overdue, and we have waited long enough." That is what Senator Maria Lopez told the committee on Tuesday.', 'support'],
      ['"A verified pause would hand the lead to Beijing." Those were the words of Senator Ted Cruz at the hearing.', 'oppose'],
      ['"A verified pause would hand the lead to Beijing." So said Senator Ted Cruz at the hearing.', 'oppose'],
      ['"The labs cannot police themselves. A verified pause is overdue." That was how Ada Marchetti, chief executive of Kestrel Labs, put it on Tuesday.', 'support'],
    ] as const) expect(voicesOf(asArticle(text)).filter((voice) => !voice.actor.startsWith('Lawmakers')), text).toContainEqual(expect.objectContaining({ stance: side }));
    expect(voicesOf('"The labs cannot police themselves. A verified pause is overdue." That was how Ada Marchetti, chief executive of Kestrel Labs, put it on Tuesday.')
      .map((voice) => [voice.actor, voice.quote])).toEqual([['Ada Marchetti', 'The labs cannot police themselves.'], ['Ada Marchetti', 'A verified pause is overdue.']]);
    // not what someone wants, not a quote someone before had said, not words quoted within the writer's sentence
    expect(voicesOf(asArticle('"A verified pause would hand the lead to Beijing." That is what China wants.')).map((voice) => voice.actor)).not.toContain('China');
    expect(voicesOf(asArticle('"A verified pause would hand the lead to Beijing," said Senator Ted Cruz. That is what Senator Maria Lopez told the committee too.')))
      .not.toContainEqual(expect.objectContaining({ actor: 'Senator Maria Lopez', stance: 'oppose' }));
    expect(voicesOf(asArticle('Critics say a verified pause would "hand the lead to Beijing." That is what Senator Maria Lopez told the committee.')))
      .not.toContainEqual(expect.objectContaining({ actor: 'Senator Maria Lopez', stance: 'oppose' }));
    // (a review of 2.5.79) not words the speaker reports of others, a name cut before its description, a possessive, a
    // verdict the speaker rejects; "That's", a party tag, "the message from"
    for (const text of [
      '"A verified pause would hand the lead to Beijing." That is what Senator Maria Lopez says critics have been arguing for months.',
      '"A verified pause would hand the lead to Beijing." That is what Senator Maria Lopez said she expected opponents to claim.',
      '"A verified pause would hand the lead to Beijing." That is what Senator Maria Lopez told the committee industry lobbyists had claimed.',
      '"A verified pause would hand the lead to Beijing." So says China hawk Ted Cruz, but Senator Maria Lopez disagrees.',
      '"A verified pause would hand the lead to Beijing." Those were the words of Ted Cruz\'s critics, not his own.',
      '"A verified pause would hand the lead to Beijing." That was the verdict of Senator Maria Lopez on the industry\'s argument, which she rejected.',
      // (a review of 2.5.91) a description whose head is someone else, a document's title
      '"A verified pause would hand the lead to Beijing." That is what the critics of the senator, Maria Lopez, told the committee.',
      '"A verified pause would hand the lead to Beijing." That is what the lawyer for the company\'s founder, Ada Marchetti, told the court.',
      '"A verified pause would hand the lead to Beijing." That is the verdict of a new report, Pause Ready, published on Monday.',
      // (a review of 2.5.107) a place of two parts is no name
      '"A verified pause would hand the lead to Beijing." So said the student from Lagos, Nigeria.',
    ]) expect(voicesOf(asArticle(text)).filter((voice) => voice.quote.includes('lead to Beijing')), text).toEqual([]);
    for (const text of [
      '"A verified pause is overdue." That\'s what Senator Maria Lopez told the committee on Tuesday.',
      '"A verified pause is overdue." That is what Maria Lopez (D-N.M.) told the committee.',
      '"A verified pause is overdue." That was the message from Senator Maria Lopez on Tuesday.',
      // a description set off before the name
      '"A verified pause is overdue." So said the senator, Maria Lopez, who chairs the committee.',
      '"A verified pause is overdue." That is what the senator, Maria Lopez, told the committee.',
      '"A verified pause is overdue." That is the view of the former Google engineer, Blake Lemoine.',
      '"A verified pause is overdue." So said the 71-year-old senator, Maria Lopez.',
      // an adverb before the view, the place a person is from
      '"A verified pause is overdue." That is also the view of a rival, Maria Lopez.',
      '"A verified pause is overdue." That, too, is the view of Senator Maria Lopez.',
      '"A verified pause is overdue." That is broadly the view of Senator Maria Lopez.',
      '"A verified pause is overdue." That is also the position of Senator Maria Lopez.',
      '"A verified pause is overdue." So said the senator from New Mexico, Maria Lopez.',
      '"A verified pause is overdue." So said the senator from Portland, Oregon, Maria Lopez.',
      '"A verified pause is overdue." So said the MP for Bristol West, Jane Smith.',
      // (a review of 2.5.82) a body of three words, a weekday without "on", a second adverbial, "had told", an outlet
      '"A verified pause is overdue." That is what Senator Maria Lopez told the Senate Commerce Committee on Tuesday.',
      '"A verified pause is overdue." That is what Senator Maria Lopez told lawmakers Tuesday.',
      '"A verified pause is overdue." That is what Senator Maria Lopez told the committee on Tuesday, before the vote.',
      '"A verified pause is overdue." That is what Senator Maria Lopez had told the committee.',
      '"A verified pause is overdue." That\'s what Senator Maria Lopez told Politico.',
      // (a review of 2.5.86's articles) after a live blog's time stamp, "over coffee", "told clients"
      '10:11 a.m. - "A verified pause is overdue." That is what Senator Maria Lopez told the committee in her opening statement.',
      '"A verified pause is overdue." That is what Rohan Iyer, chief executive of Parallax Systems, told me over coffee in San Francisco.',
      '"A verified pause is overdue." That is what Ingrid Rasmussen, an analyst at Nordkap Securities, told clients in a note on Thursday.',
    ]) expect(voicesOf(asArticle(text)), text).toContainEqual(expect.objectContaining({ stance: 'support', quote: 'A verified pause is overdue.' }));
  });

  it('a pronoun stands for a speaker earlier in its sentence, then the one before, then the person the sentence before named, and "he" for no one called "she"', () => {
    // "he" is no organisation: not the proposer by its name, not a company's or a body's name
    for (const company of ['Anthropic', 'Brightline Robotics', 'OpenAI', 'The Future of Life Institute']) {
      expect(voicesOf(asArticle(`${company} said on Monday it would back a verified pause. Senator Ted Cruz was unmoved. "It is a gift to Beijing," he said.`)))
        .toContainEqual(expect.objectContaining({ actor: 'Senator Ted Cruz', stance: 'oppose' }));
    }
    // (a review of 2.5.88) nor a person named after the pronoun ("citing", "as ... listened")
    for (const sentence of [
      'Kestrel Labs said on Monday it would back a verified pause. Its chief executive, Tom Reyes, disagreed. "It is a gift to Beijing," he said, citing Senator Ana Ruiz.',
      'Senator Maria Lopez backed a verified pause, she said. Tom Reyes, a lobbyist, was unmoved. "It is a gift to Beijing," he said, as Senator Ana Ruiz listened.',
    ]) expect(voicesOf(asArticle(sentence)), sentence).toContainEqual(expect.objectContaining({ actor: 'Tom Reyes', stance: 'oppose' }));
    // a person described by a body ("the European Parliament's rapporteur on AI") is still a "he"
    expect(voicesOf(asArticle('The European Parliament\'s rapporteur on AI said a verified pause was needed. "It is overdue," he said.'))
      .filter((voice) => voice.actor === "The European Parliament's rapporteur on AI")).toHaveLength(2);
    // a person introduced without a speech verb
    expect(voicesOf('Maria Lopez, a senator, spoke next. She said a verified pause was overdue.'))
      .toEqual([expect.objectContaining({ actor: 'Maria Lopez', stance: 'support' })]);
    const quoted = voicesOf('Maria Lopez, a senator, spoke next.\n\n"A verified pause is overdue. We have waited long enough," she said.');
    expect(quoted.map((voice) => voice.actor)).toEqual(['Maria Lopez', 'Maria Lopez']);
    expect(quoted[0]).toEqual(expect.objectContaining({ stance: 'support', quote: 'A verified pause is overdue.' }));
    // not a group the sentence opens with, nor a person named later in it; (a review of 2.5.73) nor a person named
    // after the speaker's report
    const group = voicesOf('Pollster Jane Ambrose ran the survey on the proposed pause of frontier AI. Younger Americans were the least supportive of the pause, which Ambrose attributed to heavier use of AI tools. "People who use chatbots every day worry about losing something," she said.');
    expect(group.map((voice) => voice.actor)).not.toContain('Younger Americans');
    expect(voicesOf(asArticle('Senator Maria Lopez met Sam Altman on Monday. "A pause is long overdue," she said.')).map((voice) => voice.actor)).not.toContain('Sam Altman');
    expect(voicesOf(asArticle('Helen Park said that when she asked Sam Altman whether he would back a pause, he said it would be unworkable.')))
      .toContainEqual(expect.objectContaining({ actor: 'Sam Altman', stance: 'oppose' }));
    // the speaker earlier in the sentence, not the last place it names
    const chau = voicesOf('Eddie Chau, founder of a four-person startup in Santa Clara, said the threshold was far above anything he would train, but he feared a pause would tighten access to the models his business depends on. "The small guys never get hurt by the rule itself," he said.');
    expect(new Set(chau.map((voice) => voice.actor))).toEqual(new Set(['Eddie Chau']));
    // "he" is not the speaker called "she" just before
    const hearing = voicesOf('Retired Rear Adm. Linda Castellano testified first. "Verifying chips is easier than verifying warheads," she said. Marcus Feld of the Open Compute Alliance won nods when he said, "This is the first time I have seen an industry ask Congress to help it stop competing."');
    expect(hearing.filter((voice) => voice.actor.includes('Castellano')).map((voice) => voice.stance)).toEqual(['support']);
    expect(hearing.at(-1)!.actor).not.toContain('Castellano');
    // "he" after a person shown with an organisation is that person, not the organisation nearest the pronoun
    expect(hearing.at(-1)).toEqual(expect.objectContaining({ actor: 'Marcus Feld', stance: 'oppose' }));
  });

  it("a speaker's clause set off by commas keeps its words when a later \"but\" answers something else", () => {
    const voices = voicesOf('Yoshua Bengio, who co-signed the letter calling for a pause on frontier AI development, said he would attend the summit but expected little.');
    expect(voices).toEqual([expect.objectContaining({ actor: 'Yoshua Bengio', stance: 'support' })]);
  });

  it('a verb used as a noun ("praised the pause call") does not start a new speaker', () => {
    const voices = voicesOf('Rabbis in Haifa praised the pause call on frontier AI this week, while port operators in Rotterdam warned it would slow trade.');
    expect(voices.map((v) => v.actor)).toEqual(['Rabbis in Haifa', 'port operators in Rotterdam']);
  });

  it('two clauses joined by "and" or "whereas" are two speakers', () => {
    expect(voicesOf('Unions call the frontier AI pause a safety net and investors call it a tax on ambition.').map((v) => v.actor))
      .toEqual(['Unions', 'investors']);
    expect(voicesOf('Backers of the moratorium say frontier AI labs need time, whereas opponents insist no inspector could see inside a data centre.').map((v) => v.actor))
      .toEqual(['Backers of the moratorium', 'opponents']);
  });
});

describe('a speaker is named as a reader would name them', () => {
  it.each([
    ['VILNIUS - A Lithuanian deputy minister', 'A Lithuanian deputy minister'],
    ['March 4 — The Chilean science minister', 'The Chilean science minister'],
    ['co-authors Ada Brennan and Tomas Lind', 'Ada Brennan and Tomas Lind'],
    ['critics of Anthropic and OpenAI', 'critics of Anthropic and OpenAI'],
  ])('"%s" is shown as "%s"', (raw, shown) => {
    expect(cleanActorName(raw)).toBe(shown);
  });

  it('a name with a comma in its list of words is the whole name, not its last part', () => {
    for (const department of ['the Department for Science, Innovation and Technology', 'the Ministry of Economy, Trade and Industry']) {
      const text = `Anthropic proposed a verified pause of frontier AI development. A spokesperson for ${department} said the government was studying the pause.`;
      expect(voicesOf(text).map((v) => v.actor)).toContain(`A spokesperson for ${department}`);
    }
    // a place or an opening phrase before the comma is no part of the speakers' name
    for (const [opening, speakers] of [
      ['In London, Okafor and Lindqvist', 'Okafor and Lindqvist'],
      ['At the University of Toronto, Hinton and Bengio', 'Hinton and Bengio'],
      ['After meeting officials from the Department of Commerce, Google and Meta', 'Google and Meta'],
    ]) {
      const report = `Anthropic proposed a verified pause of frontier AI development. ${opening} said the pause was overdue.`;
      expect(voicesOf(report).map((v) => v.actor), opening).toContain(speakers);
    }
  });

  it('a word between the speaker and the verb, a clause opening a quote, and polling or data are not speakers', () => {
    const text = [
      'Anthropic proposed a verified pause of frontier AI development in June.',
      'In opening statements on the pause, the United States and China each endorsed the principle of verification.',
      'Support for the pause fell, according to a Halvorsen Research survey released on Monday.',
      'Polling suggests public sympathy for a pause on advanced AI.',
      '"When I asked that we use the pause to complete evaluations, I was told the timetable was set," she wrote.',
    ].join('\n\n');
    const actors = voicesOf(text).map((v) => v.actor);
    expect(actors).toContain('the United States and China');
    for (const notSpeaker of ['the United States and China each', 'a Halvorsen Research survey released', 'Polling', 'When I']) {
      expect(actors).not.toContain(notSpeaker);
    }
    // an organisation named for its research speaks
    expect(voicesOf('Anthropic proposed a verified pause. Apollo Research said a pause would give evaluators time to catch up.').map((v) => v.actor))
      .toContain('Apollo Research');
  });

  it('one of two speakers named together is not the pair when named again alone', () => {
    const text = 'At the hearing, both Okafor and Lindqvist told the committee that a pause of frontier AI was overdue. "The labs cannot check themselves," Lindqvist said.';
    expect(voicesOf(text).map((v) => v.actor)).toEqual(['Okafor and Lindqvist', 'Lindqvist']);
  });
});

describe('a verb alone is no part of a quote', () => {
  it('\'"...," the economist warned.\' is quoted with the words, not "warned."', () => {
    const voices = voicesOf('"A freeze on frontier AI would only push the training runs offshore," the economist warned.');
    expect(voices).toEqual([expect.objectContaining({ actor: 'the economist', quote: 'A freeze on frontier AI would only push the training runs offshore' })]);
  });
});

describe('a quotation over several sentences ends where its closing mark does', () => {
  it('the frame after the closing mark is not quoted', () => {
    const voices = voicesOf('Hanna Berg, a nurse in Malmö, said the pause on frontier AI was overdue. "We stop a ward when something goes wrong. The labs should do the same," Berg told a union meeting.');
    expect(voices.map((v) => v.quote)).toContain('The labs should do the same');
    for (const voice of voices) expect(voice.quote).not.toContain('union meeting');
  });

  it('the speaker named after the closing mark is the one who said it', () => {
    const text = [
      'Investor Paul Meyer said a freeze on frontier AI would cost jobs.',
      '"Jobs matter. But so does a grid that does not fail," said union leader Tove Ahl.',
    ].join(' ');
    const voices = voicesOf(text);
    expect(voices.find((v) => v.quote.includes('grid that does not fail'))?.actor).toBe('Tove Ahl');
  });
});

describe('contributing to something is not saying it', () => {
  it('"the proposal adds to the debate" gives no voice', () => {
    const voices = voicesOf("Estonia's proposal adds to a crowded debate on a pause of frontier AI, stressing verification over speed. Chip makers said the idea would cost them orders.");
    expect(voices.map((v) => v.actor)).toEqual(['Chip makers']);
  });
});

describe('a place in a speaker’s description is not the speaker', () => {
  it.each([
    ['"A pause of frontier AI would give us time to build the tests," Dylan Hart, a researcher at an institute in Munich, Germany, said.', 'Dylan Hart'],
    ['"We need a pause on frontier AI until the tests exist," Dylan Hart, a fellow at an institute in Munich, Germany, and co-author of a study, said in a statement.', 'Dylan Hart'],
    ['Lena Ortiz, a professor at a university in Palo Alto, California, said a moratorium on frontier AI was overdue.', 'Lena Ortiz'],
  ])('%s', (text, actor) => {
    expect(voicesOf(text).map((v) => v.actor)).toEqual([actor]);
  });
});

describe('a page of thousands of speakers', () => {
  it('is read for its first 500 voices: each is matched against the speakers before it', () => {
    const names = Array.from({ length: 2000 }, (_, i) => `Ann ${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26) % 26)}${String.fromCharCode(97 + Math.floor(i / 676))}son`);
    const text = `Anthropic proposed a verified pause.\n\n${names.map((name) => `${name} said the pause was worth a hearing.`).join(' ')}`;
    const voices = voicesOf(text);
    expect(voices).toHaveLength(500);
    expect(voices.map((voice) => voice.actor).slice(0, 2)).toEqual(['Anthropic', names[0]]);
  });
});

describe('a heading or a headline before a colon is no speaker', () => {
  it('a list under "Other notable bits:" is nobody’s statement, where one under a name is that person’s', () => {
    const list = 'Anthropic published the technical annex to its pause proposal today.\n\nOther notable bits:\n\nDeclared sites: anything over 20,000 accelerators. Inspections on 48 hours notice.';
    expect(voicesOf(list).map((voice) => voice.actor)).toEqual([]);
    expect(voicesOf('Warns of the risks of a pause and urges a halt to frontier AI development.', 'Anthropic').map((voice) => voice.actor)).toEqual(['Anthropic']);
  });

  it('a heading that asks or explains ("What Anthropic Proposed") is no speaker of the line under it', () => {
    const explainer = 'Anthropic on Tuesday proposed a verified pause of frontier AI development.\n\nWhat Anthropic Proposed\n\nCalls for a six-month halt to the largest training runs, checked by inspectors.';
    expect(voicesOf(explainer).map((voice) => voice.actor)).toEqual(['Anthropic']);
  });

  it('a sentence that ends in a word of its own before a colon names no speaker; a name or a word for one does', () => {
    expect(voicesOf('House panel asks a narrower question about AI pause: can anyone count the compute?')).toEqual([]);
    expect(voicesOf('Senator Ruth Adeyemi: "A verified pause of frontier AI is overdue."').map((voice) => voice.actor)).toEqual(['Senator Ruth Adeyemi']);
  });
});

describe('a share, a day or an opening adverb is not who speaks', () => {
  it('"the share of American adults" is a poll figure, "Monday with 1,412 signatures" a date, "Now" an adverb', () => {
    expect(voicesOf('The share of American adults who told pollsters they would support a pause in frontier AI fell to 54 percent.')).toEqual([]);
    const letter = voicesOf('An open letter published Monday with 1,412 signatures urges the frontier labs to agree a verified pause.');
    expect(letter.map((voice) => voice.actor)).not.toContain('Monday with 1,412 signatures');
    const now = voicesOf('Anthropic proposed a verified pause on frontier AI. Now one of the companies doing them says: come and check.');
    expect(now.map((voice) => voice.actor)).not.toContain('Now one of the companies doing them');
  });

  it('a month before a speaker says when they spoke: "In June supporters of the pause said" is the supporters', () => {
    const voices = voicesOf('Anthropic proposed a verified pause. In June supporters of the pause said the inspections were the heart of the plan.');
    expect(voices).toContainEqual(expect.objectContaining({ actor: 'supporters of the pause', stance: 'support' }));
  });
});
