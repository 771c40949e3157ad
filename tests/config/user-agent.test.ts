import { describe, expect, it } from 'vitest';
import { definePipeline, PipelineConfigError, type PipelineInput } from '../../src/config/index.ts';

const valid = {
  id: 'ai-pause',
  name: 'Pause',
  sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }],
  topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
} as const;

function problemsOf(input: unknown): string[] {
  try {
    definePipeline(input as PipelineInput);
  } catch (error) {
    if (error instanceof PipelineConfigError) return error.problems.map((p) => `${p.field}: expected ${p.expected}, found ${p.found}`);
    throw error;
  }
  return [];
}

const expected = 'a header value of visible ASCII characters and spaces only (node:http refuses others, such as an em dash or a line break, on every request)';

describe('fetch.userAgent', () => {
  it('is refused at load when node:http would refuse it on every request, naming the character', () => {
    expect(problemsOf({ ...valid, fetch: { userAgent: 'pausewatch (desk — jane@example.org)' } })).toEqual([
      `fetch.userAgent: expected ${expected}, found "pausewatch (desk — jane@example.org)", with U+2014 "—" at character 18`,
    ]);
    expect(problemsOf({ ...valid, fetch: { userAgent: 'pausewatch\r\nX-Injected: 1' } })).toEqual([
      `fetch.userAgent: expected ${expected}, found "pausewatch\\r\\nX-Injected: 1", with U+000D "\\r" at character 11`,
    ]);
    expect(problemsOf({ ...valid, fetch: { userAgent: 'pausewatch (rédaction)' } })).toHaveLength(1);
  });

  it('is accepted in visible ASCII and spaces', () => {
    expect(problemsOf({ ...valid, fetch: { userAgent: 'pausewatch/1.0 (policy desk; +mailto:jane@example.org) ~!#$%&*' } })).toEqual([]);
  });
});
