import { describe, expect, it } from 'vitest';
import type { TopicDefinition } from '../../src/model/index.ts';
import { createScorer } from '../../src/stance/index.ts';
import { boundLearnedRelevance, createPassageAnalyser } from '../../src/stance/pause-proposal-scorer.ts';
import { pauseScorer, pauseTopic } from '../helpers/pause-topic.ts';

// The topic of pipelines/ai-pause.ts as it stood when news-search snippets were found scored on topic; a copy,
// so that editing the pipeline file does not change what this test checks.
const defaultPipelineTopic: TopicDefinition = {
  description: 'Coverage of the proposal that leading AI labs coordinate a verified global pause or slowdown of frontier AI development',
  proposalTerms: ['pause', 'paused', 'pausing', 'moratorium', 'slowdown', 'slow down', 'slowing down', 'halt', 'freeze', 'stop training', 'compute cap', 'pause giant AI experiments'],
  contextTerms: [
    'frontier AI', 'AI development', 'AI labs', 'AI laboratories', 'AI developers', 'advanced AI', 'training runs', 'AI models',
    'Anthropic', 'OpenAI', 'superintelligence', 'recursive self-improvement', 'AI race', 'alignment', 'open letter',
  ],
  excludeTerms: ['pause button', 'state AI laws', 'hiring freeze'],
};

const scorers = [
  ['the default pipeline topic', createScorer(defaultPipelineTopic, { scorer: 'pause-proposal', relevanceThreshold: 0.5 })],
  ['the test topic', pauseScorer],
] as const;

// Feed items as news searches give them: a headline and one sentence, where the pause word names something else.
// Scorer 2.2.1 stored 11 of these 15 on topic (relevance 0.54-0.94), each with a stance.
const offTopic: [string, string][] = [
  ['Fed signals slowdown in rate hikes', 'The central bank said it would raise rates more gradually.'],
  ['City council approves moratorium on short-term rentals', 'Landlords say the freeze will cost them thousands.'],
  ['Streaming app adds pause button for live sports', 'Viewers can halt the broadcast and jump back to live at any time.'],
  ['Hiring freeze at tech giant deepens', 'The company will not fill open roles this year, managers were told.'],
  ['Leftovers: how to freeze stew safely', 'Cool it fast, then freeze it in airtight containers for up to three months.'],
  ['Players find a glitch in the pause menu', 'Opening the menu mid-fight lets them skip the final battle.'],
  ['Weather slowdown: storm stalls over the coast', 'Forecasters expect the system to linger through the weekend.'],
  ['Storm slowdown brings days of rain', 'The front has stalled and will not move until Thursday, forecasters said.'],
  ['EU weighs freeze on steel imports', 'Trade ministers will discuss the tariff plan on Monday.'],
  ['Exporters brace for trade freeze', 'Talks between the two blocs stalled after tariffs were raised again.'],
  ['Bake Off contestant freezes under pressure', 'The judges gave her extra time to finish the showstopper.'],
  ['League pauses season after player strike', 'Owners and the union will meet again on Friday.'],
  ['Housing market slowdown spreads to the suburbs', 'Sales fell for a third month as buyers waited for lower prices.'],
  ['Mortgage lenders halt new applications', 'Rising rates pushed several banks to stop taking requests.'],
  ['Marathon runners told to slow down in heat', 'Organisers urged caution as temperatures passed 30 degrees.'],
];

const onTopic: [string, string][] = [
  ['Anthropic urges labs to pause frontier AI training', 'The company wants a verified, coordinated halt until safety tests catch up.'],
  ['Critics say an AI moratorium would hand China the lead', 'Opponents argue rivals would simply keep building.'],
  ['OpenAI rejects calls for a slowdown of advanced AI development', 'Executives said a pause would not make models safer.'],
  ['Senators back a global pause on frontier AI', 'A bipartisan letter urges the labs to stop their largest training runs.'],
  ['Researchers sign open letter calling for AI slowdown', 'More than 2,000 scientists endorsed the call for a verified pause.'],
  ['Is an AI pause enforceable?', 'Experts point to chip tracking and compute audits, with gaps in each.'],
  ['The case against halting AI development', 'A coordinated freeze would be unverifiable and would reward whoever cheats.'],
  ['DeepMind chief cool on pause proposal', 'He said a moratorium on frontier models would be premature.'],
  ['EU officials study Anthropic pause plan', 'Brussels said it would review the proposal before the summit.'],
  ['Startups fear AI freeze would entrench incumbents', 'Founders say a compute cap favours the biggest labs.'],
  ['Safety groups rally for moratorium on superintelligence research', 'Protesters gathered outside an AI lab on Saturday.'],
  ['Pause AI development now, say 40 Nobel laureates', 'Their statement calls the race to superintelligence reckless.'],
  ['Why the AI slowdown debate matters', 'Both camps agree the stakes are high; they disagree on whether a pause can be verified.'],
];

describe.each(scorers)('relevance of feed snippets, with %s', (_name, scorer) => {
  it.each(offTopic)('a snippet whose pause word names something else is off topic, with no stance: %s', (title, text) => {
    const result = scorer.score({ title, text });
    expect(result.relevance.relevant).toBe(false);
    expect(result.relevance.score).toBeLessThan(0.5);
    expect(result.stance).toBeNull();
    expect(result.voices).toEqual([]);
  });

  it.each(offTopic)('the same snippet without its headline is off topic too: %s', (title, text) => {
    // The reviewer's reproduction: `pausewatch score file.txt` with the headline as the file's only line.
    expect(scorer.score({ title, text: title }).relevance.relevant).toBe(false);
  });

  it.each(onTopic)('a snippet that names the proposal among AI words stays on topic, with a stance: %s', (title, text) => {
    const result = scorer.score({ title, text });
    expect(result.relevance.relevant).toBe(true);
    expect(result.stance).not.toBeNull();
  });
});

describe('the learned relevance layer refines the rules but cannot overrule their requirement', () => {
  const analyse = createPassageAnalyser(pauseTopic, { scorer: 'pause-proposal', relevanceThreshold: 0.5 });
  // A confident learned verdict, as the layer gave "Leftovers: how to freeze stew safely" (0.90).
  const confident = 0.95;

  it.each([
    ['a headline of its own and no domain word', 'A verified pause is a fantasy', 'Nobody can check every data centre.'],
    ['no headline and no domain word, its pause word read as another sense', null, 'Fed signals slowdown in rate hikes. The central bank said it would raise rates more gradually.'],
    ['its only pause word an excluded sense', null, 'The hiring freeze at Anthropic deepens, managers were told.'],
    ['its only pause word an excluded sense', 'AI model playground adds a pause button', 'Users can now skip ahead or go back.'],
  ])('a text with %s is held to the rules\' score', (_why, title, text) => {
    const analysis = analyse({ title, text });
    expect(boundLearnedRelevance(analysis, confident)).toBe(analysis.relevance.score);
    expect(analysis.relevance.score).toBeLessThan(0.5);
  });

  it.each([
    ['names the proposal among domain words', 'Anthropic asked rival labs to slow down frontier AI development together.'],
    ['argues about the labs stopping without a pause word', 'The frontier labs should stop building ever-larger models until inspectors can check them.'],
    ['names another sense, then the proposal', 'Forget the pause button on your phone. The frontier labs need a real brake on the race.'],
    // Untitled excerpts of coverage: their domain is the article they were cut from.
    ['is an untitled excerpt with a bare pause word', 'Slowing down is the right call when the stakes are this high.'],
    ['is an untitled excerpt without a pause word', 'The company said it would convene lawmakers and researchers; critics and supporters are expected to attend.'],
  ])('a text that %s takes the learned verdict', (_why, text) => {
    expect(boundLearnedRelevance(analyse({ title: null, text }), confident)).toBe(confident);
  });

  it('the learned layer may still lower the rules\' score', () => {
    const analysis = analyse({ title: null, text: 'Weather slowdown: storm stalls over the coast.' });
    expect(boundLearnedRelevance(analysis, 0.1)).toBe(0.1);
  });

  it('an untitled passage, cut from coverage, keeps its bare "the pause" as the proposal', () => {
    // Labelled passages and quotes carry their context in the article they came from.
    for (const text of ['The pause is overdue and wise.', 'A verified pause is a fantasy. Nobody can check every data centre.']) {
      expect(pauseScorer.score({ title: null, text }).relevance.relevant).toBe(true);
    }
  });

  it('a headline with a snippet must name the domain itself: the same bare pause word is not enough', () => {
    expect(pauseScorer.score({ title: 'A verified pause is a fantasy', text: 'Nobody can check every data centre.' }).relevance.relevant).toBe(false);
    expect(pauseScorer.score({ title: 'A verified AI pause is a fantasy', text: 'Nobody can check every data centre.' }).relevance.relevant).toBe(true);
  });
});

describe('an empty text', () => {
  it.each([
    ['nothing', null, ''],
    ['blank lines', null, ' \n\n \t\n'],
    ['punctuation only', null, '— … "" ()'],
    ['an empty headline and body', '  ', ''],
  ])('%s: relevance 0, not relevant, no evidence, no stance, nothing guessed', (_name, title, text) => {
    const result = pauseScorer.score({ title, text });
    expect(result.relevance).toEqual({ score: 0, relevant: false, evidence: [] });
    expect(result.stance).toBeNull();
    expect(result.voices).toEqual([]);
    expect(result.scorerVersion).toBe(pauseScorer.version);
  });
});

describe('a text with a headline of its own, or a long one, must name AI itself to be on topic', () => {
  // General news found on topic by scorer 2.3.3 (10 of 91 real news pages): words the debate shares with any other
  // ("systems", "research", "industry", "letter") counted as its domain, and "restraint" or "slowing down" as the pause.
  const longMarketStory = Array.from({ length: 6 }, (_v, i) => [
    `Analysts at the research unit expect the industry slowdown to last another ${i + 2} quarters.`,
    'Payment systems and development banks reported weaker demand as exporters held back orders.',
  ]).flat().join(' ');

  it.each([
    ['a headlined report whose strong word names restraint in politics', 'Hong Kong: China warns protesters', 'China said it is committed to the "one country, two systems" formula, while the police say they show utmost restraint.'],
    ['a feed item with no word of the topic at all', 'Entry 0', 'Gaming used to be so simple. You bought a console, a few games, and played them with friends on the couch.'],
    ['a headlined science story about slowing down', 'Snooze cruise: study sees future for hibernating astronauts', 'While slowing down humans\' metabolic rate the way animals hibernate is not possible yet, the research team says the idea is not so crazy.'],
    ['a long untitled market story', null, longMarketStory],
  ])('%s is off topic, at most half the threshold, with no stance', (_why, title, text) => {
    for (const [, scorer] of scorers) {
      const result = scorer.score({ title, text });
      expect(result.relevance.relevant).toBe(false);
      expect(result.relevance.score).toBeLessThanOrEqual(0.25);
      expect(result.stance).toBeNull();
    }
  });

  it.each([
    ['the headlined report, once it names AI', 'Labs urged to show restraint', 'China said frontier AI labs should show utmost restraint and pause their largest training runs.'],
    ['the long story, once one sentence names the pause of AI development', null, `${longMarketStory} Separately, Anthropic called on AI labs to pause frontier AI development until safety checks can be verified.`],
    ['an untitled excerpt, whose domain is the coverage it was cut from', null, 'Breathing room, said the lab. Breathing room for whom, asked a founder, when a pause only slows the careful?'],
  ])('%s is on topic', (_why, title, text) => {
    for (const [, scorer] of scorers) expect(scorer.score({ title, text }).relevance.relevant).toBe(true);
  });
});
