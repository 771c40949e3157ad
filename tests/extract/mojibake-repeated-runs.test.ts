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

/** UTF-8 text read as Windows-1252, as a page labelled wrongly shows it. */
function misread(text: string): string {
  return new TextDecoder('windows-1252').decode(new TextEncoder().encode(text));
}

describe('mojibake repair of very long runs (no ASCII character in them)', () => {
  it('leaves a run longer than a pass judges as it is, at once (a million "Ã©" took 23 s), and repairs the others', () => {
    const before = repairWork.runsJudged;
    const run = 'Ã©'.repeat(600_000);
    expect(repairMojibake(`Intro ${run} cafÃ© outro`)).toBe(`Intro ${run} café outro`);
    expect(repairWork.runsJudged - before).toBeLessThanOrEqual(3);
  });

  it('repairs a paragraph written without spaces (Chinese, a name with its middle dot, an emoji) whole', () => {
    const chinese = '暂停前沿人工智能开发的提议引发了各国政府的讨论，唐纳德·特朗普表示反对。🙂'.repeat(100);
    expect(misread(chinese).length).toBeGreaterThan(6144);
    expect(repairMojibake(`Beijing: “${misread(chinese)}”`)).toBe(`Beijing: “${chinese}”`);
  });
});
