import { describe, expect, it } from 'vitest';
import type { StanceOptions, TopicDefinition } from '../../src/model/index.ts';
import { createScorer, PAUSE_PROPOSAL_SCORER_VERSION } from '../../src/stance/index.ts';
import { digestScorerSettings } from '../../src/stance/scorer-settings-digest.ts';
import { pauseTopic } from '../helpers/pause-topic.ts';

const options: StanceOptions = { scorer: 'pause-proposal', relevanceThreshold: 0.5 };
const versionOf = (topic: TopicDefinition, stance: StanceOptions = options) => createScorer(topic, stance).version;

describe('the scorer version names what the scorer computes', () => {
  it('is the scorer\'s own version plus a digest of its settings, and every result carries it', () => {
    const scorer = createScorer(pauseTopic, options);
    expect(scorer.version).toMatch(/^pause-proposal@\d+\.\d+\.\d+\+t[0-9a-f]{7}$/);
    expect(scorer.version.startsWith(`${PAUSE_PROPOSAL_SCORER_VERSION}+`)).toBe(true);
    expect(scorer.score({ title: null, text: 'Nothing here is about AI.' }).scorerVersion).toBe(scorer.version);
    expect(scorer.score({ title: null, text: 'Labs should pause frontier AI training now.' }).scorerVersion).toBe(scorer.version);
  });

  it('is stable: the same settings give the same digest in every process and release', () => {
    // Pinned: a digest that moved without a settings change would make `rescore` redo every stored article.
    const topic: TopicDefinition = {
      description: 'A pinned topic', proposalTerms: ['pause', 'moratorium'], contextTerms: ['frontier AI', 'AI labs'], excludeTerms: ['pause button'],
    };
    expect(digestScorerSettings(topic, options)).toBe('t8a1c78a');
    expect(versionOf({ ...pauseTopic })).toBe(versionOf(pauseTopic));
  });

  it('changes with the relevance threshold', () => {
    expect(versionOf(pauseTopic, { ...options, relevanceThreshold: 0.6 })).not.toBe(versionOf(pauseTopic));
  });

  it.each([
    ['a proposal term added', { proposalTerms: [...pauseTopic.proposalTerms, 'cessation'] }],
    ['a context term added', { contextTerms: [...pauseTopic.contextTerms, 'OpenAI'] }],
    ['a context term removed', { contextTerms: pauseTopic.contextTerms.slice(1) }],
    ['an exclude term added', { excludeTerms: [...pauseTopic.excludeTerms, 'pause menu'] }],
    ['a term moved from context to proposal terms', { proposalTerms: [...pauseTopic.proposalTerms, 'Anthropic'], contextTerms: pauseTopic.contextTerms.filter((t) => t !== 'Anthropic') }],
  ])('changes with the topic terms: %s', (_name, change) => {
    expect(versionOf({ ...pauseTopic, ...change })).not.toBe(versionOf(pauseTopic));
  });

  it('does not change with what the matcher does not see: order, repeats, case and spacing of terms, the description', () => {
    const reordered: TopicDefinition = {
      description: 'Another line for the digest',
      proposalTerms: [...pauseTopic.proposalTerms].reverse(),
      contextTerms: [...pauseTopic.contextTerms.map((t) => t.toUpperCase()), 'frontier  AI'],
      excludeTerms: [...pauseTopic.excludeTerms].reverse(),
    };
    expect(versionOf(reordered)).toBe(versionOf(pauseTopic));
  });
});
