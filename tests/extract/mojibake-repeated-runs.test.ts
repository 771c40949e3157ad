import { describe, expect, it } from 'vitest';
import { repairMojibake, repairWork } from '../../src/extract/mojibake.ts';

describe('mojibake repair of a long mis-decoded page', () => {
  it('judges each distinct run once, not once per occurrence (a 5 MB page of "â€™" took half a minute)', () => {
    const before = repairWork.runsJudged;
    const text = 'Itâ€™s a pause, the cafÃ© said. '.repeat(10_000);
    expect(repairMojibake(text)).toBe('It’s a pause, the café said. '.repeat(10_000));
    // two distinct runs with their context, judged in the pass that repairs them
    expect(repairWork.runsJudged - before).toBeLessThanOrEqual(4);
  });
});
