import { describe, expect, it } from 'vitest';
import { relabelsNow, storyLabel } from '../../src/dedup/index.ts';
import { normalizedWords } from '../../src/dedup/fingerprint.ts';

/**
 * storyLabel as it was before it read each distinct title once (commit 4d82364), kept as the reference the current
 * one must agree with on every list of titles.
 */
function referenceLabel(titles: readonly string[]): string {
  const SITE_SUFFIX = /\s+[|–—:-]{1,2}\s+[^|–—]{1,40}$/u;
  const stripSiteSuffix = (title: string): string => {
    const stripped = title.replace(SITE_SUFFIX, '');
    return normalizedWords(stripped).length >= 4 ? stripped : title;
  };
  const truncate = (text: string): string => {
    if (text.length <= 90) return text;
    const cut = text.slice(0, 90);
    const lastSpace = cut.lastIndexOf(' ');
    return `${(lastSpace > 45 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
  };
  const cleaned = titles.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
  if (cleaned.length === 0) return 'Untitled story';
  const headlines = cleaned
    .map((title) => stripSiteSuffix(title))
    .filter((title) => {
      const count = normalizedWords(title).length;
      return count >= 4 && count <= 25;
    });
  if (headlines.length === 0) return truncate(cleaned[0]!);
  const wordSets = headlines.map((h) => new Set(normalizedWords(h).filter((w) => w.length > 2)));
  const weight = new Map<string, number>();
  for (const words of wordSets) for (const w of words) weight.set(w, (weight.get(w) ?? 0) + 1 / Math.sqrt(words.size));
  let bestIndex = 0;
  let bestScore = -1;
  wordSets.forEach((words, i) => {
    const own = words.size === 0 ? 0 : 1 / Math.sqrt(words.size);
    let score = 0;
    for (const w of words) score += weight.get(w)! - own;
    score *= own;
    if (score > bestScore + 1e-9) {
      bestScore = score;
      bestIndex = i;
    }
  });
  return truncate(headlines[bestIndex]!);
}

describe('storyLabel', () => {
  it('gives the label the previous implementation gave, on seeded random stories of near-identical headlines', () => {
    let seed = 20260601;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const pick = <T>(items: readonly T[]): T => items[next() % items.length]!;
    const words = ['Anthropic', 'urges', 'calls', 'for', 'a', 'verified', 'global', 'pause', 'of', 'frontier', 'AI', 'labs', 'moratorium', 'on', 'training', 'Labs’', "labs'", 'ﬁrst', 'ＡＩ', 'to', 'critics', 'OpenAI', 'slowdown', 'China', 'US'];
    const suffixes = [' - Reuters', ' | The Verge', ' — AP News', ' :: Site', ' - A', ' – Financial Times', ''];
    const furniture = ['Live', 'Ai Mainstream', 'Opinion', '', '   '];
    const headline = () => Array.from({ length: 1 + (next() % 30) }, () => pick(words)).join(pick([' ', ' ', '  ', '\u00a0', '\n']));
    for (let round = 0; round < 1500; round++) {
      const base = headline();
      const titles: string[] = [];
      const count = 1 + (next() % 40);
      for (let i = 0; i < count; i++) {
        const kind = next() % 8;
        if (kind < 3) titles.push(base); // the wire headline, word for word
        else if (kind === 3) titles.push(`${base}${pick(suffixes)}`);
        else if (kind === 4) titles.push(` ${base.toUpperCase()} `);
        else if (kind === 5) titles.push(pick(furniture));
        else if (kind === 6 && titles.length > 0) titles.push(pick(titles));
        else titles.push(headline());
      }
      expect(storyLabel(titles), JSON.stringify(titles)).toBe(referenceLabel(titles));
    }
  });

  it('a headline repeated word for word does not take the label from an equal one before it', () => {
    // "A B" and "B A" score the same; the repeats of the later one must not move the label to it
    const titles = ['Labs pause frontier training now', 'now training frontier pause Labs', 'now training frontier pause Labs', 'Labs pause frontier training now'];
    expect(storyLabel(titles)).toBe('Labs pause frontier training now');
    expect(storyLabel(titles)).toBe(referenceLabel(titles));
  });
});

describe('relabelsNow', () => {
  /** Adds `n` titles one by one as the run does; returns the titles read relabelling and the stalest label seen. */
  function grow(n: number): { titlesRead: number; stalest: number } {
    let labelledFrom = 1;
    let titlesRead = 1;
    let stalest = 1;
    for (let titles = 2; titles <= n; titles++) {
      if (relabelsNow(titles, labelledFrom)) {
        labelledFrom = titles;
        titlesRead += titles;
      }
      stalest = Math.min(stalest, labelledFrom / titles);
    }
    return { titlesRead: titlesRead + n, stalest }; // + n: the label settled once the run's articles are stored
  }

  it('counts headlines retitled since the label as changes too: a fifth of them relabels a large story', () => {
    expect(relabelsNow(100, 100, 19)).toBe(false);
    expect(relabelsNow(100, 100, 20)).toBe(true);
    expect(relabelsNow(110, 100, 12)).toBe(true);
    expect(relabelsNow(35, 35, 7)).toBe(true);
    expect(relabelsNow(8, 8, 1)).toBe(true);
  });

  it('relabels a small story on every article', () => {
    for (let titles = 1; titles <= 8; titles++) expect(relabelsNow(titles, titles - 1)).toBe(true);
  });

  it('costs a constant number of title readings per article however large the story, with labels from at least four fifths of its titles', () => {
    for (const n of [100, 1_000, 10_000, 100_000]) {
      const { titlesRead, stalest } = grow(n);
      expect(titlesRead / n).toBeLessThan(7);
      expect(stalest).toBeGreaterThanOrEqual(0.8 - 1e-9);
    }
  });
});
