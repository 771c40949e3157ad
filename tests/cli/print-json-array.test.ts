import { describe, expect, it } from 'vitest';
import { printJsonArray } from '../../src/cli/context.ts';

async function printed(pages: unknown[][]): Promise<string> {
  let stdout = '';
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  try {
    await printJsonArray((async function* () {
      yield* pages;
    })());
  } finally {
    process.stdout.write = write;
  }
  return stdout;
}

describe('a JSON array printed page by page', () => {
  it('is the text of the whole array printed at once, whatever the pages', async () => {
    const items = [
      { id: 1, title: 'Line\u2028separator and\u2029paragraph separator, kept inside the string', nested: { list: [1, 2], empty: [] } },
      { id: 2, title: 'Quote " and backslash \\ and\nnewline', voices: [] },
      { id: 3, title: null },
    ];
    const whole = `${JSON.stringify(items, null, 2)}\n`;
    expect(await printed([items])).toBe(whole);
    expect(await printed([[items[0]], [], [items[1], items[2]]])).toBe(whole);
    expect(JSON.parse(await printed([[items[0]], [items[1]], [items[2]]]))).toEqual(items);
    expect(await printed([])).toBe('[]\n');
    expect(await printed([[], []])).toBe('[]\n');
  });
});
