import { describe, expect, it } from 'vitest';
import { definePipeline, PipelineConfigError, type PipelineInput } from '../../src/config/index.ts';

const valid: PipelineInput = {
  id: 'cap',
  name: 'Cap',
  sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }],
  topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
};

function problemsOf(maxPerRun: unknown): string[] {
  try {
    definePipeline({ ...valid, alerts: { maxPerRun } } as PipelineInput);
  } catch (error) {
    if (error instanceof PipelineConfigError) return error.problems.map((p) => `${p.field}: expected ${p.expected}, found ${p.found}`);
    throw error;
  }
  return [];
}

describe('alerts.maxPerRun', () => {
  it('is 25 unless set', () => {
    expect(definePipeline(valid).alerts.maxPerRun).toBe(25);
    expect(definePipeline({ ...valid, alerts: { maxPerRun: 1 } }).alerts.maxPerRun).toBe(1);
  });

  it('is refused unless a whole number from 1, naming the field', () => {
    expect(problemsOf(0)).toEqual(['alerts.maxPerRun: expected a value >= 1, found 0']);
    expect(problemsOf(-3)).toEqual(['alerts.maxPerRun: expected a value >= 1, found -3']);
    expect(problemsOf(2.5)).toEqual(['alerts.maxPerRun: expected an int, found 2.5']);
    expect(problemsOf('10')).toEqual(['alerts.maxPerRun: expected a number, found "10"']);
  });
});
