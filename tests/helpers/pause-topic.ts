import type { TopicDefinition } from '../../src/model/index.ts';
import { createScorer } from '../../src/stance/index.ts';

/** The monitored topic as tests and benchmarks state it, independent of pipelines/ai-pause.ts being edited. */
export const pauseTopic: TopicDefinition = {
  description: 'A coordinated, verified global pause or slowdown of frontier AI development',
  proposalTerms: ['pause', 'moratorium', 'slowdown', 'slow down', 'halt', 'freeze', 'compute cap'],
  contextTerms: ['frontier AI', 'AI labs', 'AI development', 'training runs', 'Anthropic', 'superintelligence'],
  excludeTerms: ['pause button', 'state AI laws', 'hiring freeze'],
};

export const pauseScorer = createScorer(pauseTopic, { scorer: 'pause-proposal', relevanceThreshold: 0.5 });
