import type { StanceLabel, TopicDefinition } from '../../src/model/index.ts';
import { createScorer } from '../../src/stance/index.ts';

/** The monitored topic as tests and benchmarks state it, independent of pipelines/ai-pause.ts being edited. */
export const pauseTopic: TopicDefinition = {
  description: 'A coordinated, verified global pause or slowdown of frontier AI development',
  proposalTerms: ['pause', 'moratorium', 'slowdown', 'slow down', 'halt', 'freeze', 'compute cap'],
  contextTerms: ['frontier AI', 'AI labs', 'AI development', 'training runs', 'Anthropic', 'superintelligence'],
  excludeTerms: ['pause button', 'state AI laws', 'hiring freeze'],
};

export const pauseScorer = createScorer(pauseTopic, { scorer: 'pause-proposal', relevanceThreshold: 0.5 });

/**
 * A text padded to an article's length with neutral on-topic sentences of its own paragraph: a passage of ten
 * sentences or fewer is read by the learned layer, an article by the rules a test means to exercise.
 */
export function asArticle(text: string): string {
  const padding = Array.from({ length: 12 }, (_, i) => `Lawmakers in committee ${i + 1} discussed the proposed pause on frontier AI training on Tuesday.`);
  return `${text}\n\n${padding.join(' ')}`;
}

/**
 * The side the scorer gives the first speaker of a sentence read inside an article (asArticle), not one of the
 * padding's: what the rules, not the learned layer that reads passages, make of that speaker.
 */
export function sideInArticle(sentence: string): StanceLabel | undefined {
  return pauseScorer.score({ title: null, text: asArticle(sentence) }).voices.find((voice) => !voice.actor.startsWith('Lawmakers'))?.stance;
}

/** The first speaker and side the scorer gives a sentence inside an article ("Senator Ruiz = oppose"), or undefined. */
export function voiceInArticle(sentence: string): string | undefined {
  const voice = pauseScorer.score({ title: null, text: asArticle(sentence) }).voices.find((each) => !each.actor.startsWith('Lawmakers'));
  return voice === undefined ? undefined : `${voice.actor} = ${voice.stance}`;
}

/** On-topic passages, far enough apart that none is a copy or a near-copy of another: articles for run tests. */
export const ON_TOPIC_TEXTS = [
  'Leading AI labs should agree to a coordinated, verified pause of frontier AI development, a report published today says. ' +
    'A moratorium that only one lab observes would hand the lead to its competitors, which is why the pause has to be global. ' +
    'Inspectors could check compute usage at the largest data centres and report to a joint body, its authors write.',
  'Three senators introduced a bill on Tuesday that would put a moratorium on training frontier AI models above a compute threshold. ' +
    'The sponsors argue that a pause gives regulators time to write safety standards before the next generation of systems. ' +
    'Industry groups said the measure would push research overseas, and promised to fight it in committee next month.',
  'A pause on frontier AI development is overdue and necessary, dozens of researchers wrote in an open letter on Monday. ' +
    'They argue the labs are racing ahead of any safety science, and that a verified global moratorium is the only responsible course. ' +
    'The signatories include former lab employees who say the pause must be enforced by independent inspectors with access to compute.',
  'We urgently need a halt to the training of ever larger AI models, the chair of the committee said in a statement on Wednesday. ' +
    'A coordinated slowdown of frontier AI development by the leading labs would give governments time to build oversight, she said. ' +
    'The committee will hold hearings on a compute cap and a licensing regime for AI labs before the summer recess.',
  'Ministers from twelve countries met in Geneva on Thursday to discuss a moratorium on the largest frontier AI training runs. ' +
    'Several delegations asked for a verified pause until an international body can audit the labs, while others warned of a race. ' +
    'A draft communique seen by reporters calls for a second meeting in the autumn to agree on the terms of a halt.',
];
