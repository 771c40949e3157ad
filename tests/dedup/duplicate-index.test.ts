import { describe, expect, it } from 'vitest';
import { computeDedupKeys, DuplicateIndex, findDuplicate, type DuplicateMatch, type KnownArticle } from '../../src/dedup/index.ts';
import { MINHASH_SIZE, serializeNearSignature } from '../../src/dedup/near-duplicate.ts';
import { seededRandom } from '../helpers/seeded-random.ts';
import { knownArticle } from './articles.ts';

/**
 * A seeded stream of articles that exercises every way findDuplicate answers: clusters of copies (exact, retyped,
 * edited in a few or many words, cut short, with boilerplate added, quoted inside a longer piece), shared URLs and
 * empty ones, texts under the content-hash and near-duplicate word minimums, and similarities around both thresholds.
 */
function articleStream(seed: number) {
  const random = seededRandom(seed);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const vocabulary = Array.from({ length: 2500 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`);
  const boilerplate = Array.from({ length: 6 }, () => Array.from({ length: int(8, 30) }, () => pick(vocabulary)));
  const bases: string[][] = [];
  const urls: string[] = [];
  const newBase = (): string[] => {
    const lengths = [int(3, 19), int(20, 39), int(40, 60), int(60, 400), int(60, 400), int(60, 400)];
    const words = Array.from({ length: pick(lengths) }, () => pick(vocabulary));
    bases.push(words);
    return words;
  };
  const variant = (base: readonly string[]): string => {
    let words = [...base];
    const kind = random();
    if (kind < 0.15) {
      // exact copy
    } else if (kind < 0.22) {
      return words.map((w, i) => (i % 3 === 0 ? w.toUpperCase() : w)).join(' ') + ' !';
    } else if (kind < 0.5) {
      const edits = int(1, Math.max(1, Math.floor(words.length / pick([3, 6, 10, 20, 40]))));
      for (let e = 0; e < edits; e++) words[int(0, words.length - 1)] = pick(vocabulary);
    } else if (kind < 0.7) {
      words = words.slice(0, Math.max(1, Math.floor(words.length * (0.5 + random() * 0.5))));
    } else if (kind < 0.8) {
      words = [...pick(boilerplate), ...words, ...pick(boilerplate)];
    } else if (kind < 0.9) {
      words = [...words.slice(0, Math.floor(words.length * (0.6 + random() * 0.4))), ...pick(boilerplate)];
    } else {
      const other = pick(bases);
      words = [...other.slice(0, int(0, other.length)), ...words, ...other.slice(int(0, other.length))];
    }
    return words.join(' ');
  };
  return (): { url: string; text: string } => {
    const text = bases.length === 0 || random() < 0.3 ? newBase().join(' ') : variant(pick(bases));
    const roll = random();
    const url = roll < 0.05 ? '' : roll < 0.15 && urls.length > 0 ? pick(urls) : `https://outlet${int(1, 40)}.example/a/${urls.length}`;
    urls.push(url);
    return { url, text };
  };
}

function keysOf(article: { url: string; text: string }) {
  // computeDedupKeys canonicalises the URL; '' stands for an article without one (the URL step is skipped)
  const keys = computeDedupKeys({ url: article.url || 'https://none.example/', title: null, text: article.text });
  return article.url ? keys : { ...keys, canonicalUrl: '' };
}

describe('DuplicateIndex', () => {
  it('answers exactly as the full scan of findDuplicate over a few thousand seeded articles, through replacements, exclusions and windows', () => {
    const random = seededRandom(20260609);
    const next = articleStream(42);
    const known: KnownArticle[] = [];
    let nextId = 1;
    // The window as loaded from the store: rows whose originals are outside it, duplicate chains, a cycle (corrupt
    // data), ids not in order.
    for (let i = 0; i < 300; i++) {
      const id = 1000 + ((i * 7919) % 300);
      const duplicateOf = random() < 0.15 ? pick(random, [5, 17, 999, 1000 + ((i * 31) % 300)]) : null;
      known.push(knownArticle(id, keysOf(next()), { duplicateOf }));
    }
    nextId = 2000;
    const index = new DuplicateIndex(known);
    const seen = new Map<string, number>();
    const count = (answer: DuplicateMatch | null) => {
      const kind = answer === null ? 'none' : answer.reason === 'near_duplicate' && answer.similarity < 0.8 ? 'near_duplicate<0.8' : answer.reason;
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    };

    for (let step = 0; step < 3000; step++) {
      const keys = keysOf(next());
      const expected = findDuplicate(keys, known);
      const actual = index.find(keys);
      if (JSON.stringify(actual) !== JSON.stringify(expected)) expect({ step, actual }).toEqual({ step, actual: expected });
      count(expected);
      // a window (as a run's dates give one): the articles it leaves out are absent, from the chains to originals too
      if (step % 4 === 0) {
        const accept = (article: { id: number }) => article.id % 3 !== step % 3;
        const windowed = index.find(keys, null, accept);
        const expectedWindowed = findDuplicate(keys, known.filter(accept));
        if (JSON.stringify(windowed) !== JSON.stringify(expectedWindowed)) expect({ step, windowed }).toEqual({ step, windowed: expectedWindowed });
      }
      // as run-pipeline stores it; sometimes pointing at the direct match rather than the root, or elsewhere
      const duplicateOf = expected === null ? null : random() < 0.2 ? pick(random, known).id : expected.articleId;
      const article = knownArticle(nextId++, keys, { duplicateOf });
      known.push(article);
      index.add(article);

      if (step % 10 === 9) {
        // a revision (new text), a page retry (new URL and text, maybe a new original) or an original gone back
        const at = Math.floor(random() * known.length);
        const old = known[at]!;
        const roll = random();
        const replacement: KnownArticle =
          roll < 0.4
            ? { ...old, ...keysOf({ url: old.canonicalUrl, text: next().text }), canonicalUrl: old.canonicalUrl }
            : roll < 0.8
              ? { ...old, ...keysOf(next()), duplicateOf: random() < 0.5 ? old.duplicateOf : pick(random, known).id }
              : { ...old, duplicateOf: null };
        known[at] = replacement;
        index.replace(replacement);
        // the article being re-read is not its own original
        const selfKeys = random() < 0.5 ? replacement : keysOf(next());
        const expectedWithout = findDuplicate(selfKeys, known.filter((other) => other.id !== replacement.id));
        const actualWithout = index.find(selfKeys, replacement.id);
        if (JSON.stringify(actualWithout) !== JSON.stringify(expectedWithout)) {
          expect({ step, exclude: replacement.id, actual: actualWithout }).toEqual({ step, exclude: replacement.id, actual: expectedWithout });
        }
      }
    }

    // An index built at once from the final window answers as the one kept up to date.
    const rebuilt = new DuplicateIndex(known);
    for (let i = 0; i < 300; i++) {
      const keys = random() < 0.5 ? pick(random, known) : keysOf(next());
      expect(rebuilt.find(keys)).toEqual(findDuplicate(keys, known));
    }

    // Every kind of answer occurred often enough for the comparison to mean something.
    for (const kind of ['none', 'canonical_url', 'content_hash', 'near_duplicate', 'near_duplicate<0.8']) {
      expect(seen.get(kind) ?? 0, `${kind} answers: ${JSON.stringify([...seen])}`).toBeGreaterThan(30);
    }
  });

  it('finds a pair at the lowest similarity the scan accepts (71 of 128 minima equal), wherever the 57 differences fall', () => {
    // A cut copy: half the shingles of the original, so containment accepts it at a Jaccard estimate of 71/128.
    const minima = Uint16Array.from({ length: MINHASH_SIZE }, (_, i) => (i * 2654435761) >>> 16);
    const original = knownArticle(1, {
      canonicalUrl: 'https://a.example/original', contentHash: 'a', topicSignature: '',
      nearSignature: serializeNearSignature({ words: 200, shingles: 200, minima }),
    });
    const index = new DuplicateIndex([original]);
    const random = seededRandom(7);
    const patterns: number[][] = [];
    for (let shift = 0; shift < MINHASH_SIZE; shift++) {
      for (const differing of [57, 58]) {
        // spread evenly, so that any split of the positions into fewer bands than the proof asks has none left whole
        patterns.push(Array.from({ length: differing }, (_, j) => (Math.floor((j * MINHASH_SIZE) / differing) + shift) % MINHASH_SIZE));
      }
    }
    // one difference in each of any fewer contiguous bands, the rest anywhere
    for (let bands = 1; bands <= 57; bands++) {
      const hit = new Set(Array.from({ length: bands }, (_, b) => Math.floor((b * MINHASH_SIZE) / bands) + (b % 2)));
      for (const position of [...Array(MINHASH_SIZE).keys()].sort(() => random() - 0.5)) if (hit.size < 57) hit.add(position);
      patterns.push([...hit]);
    }
    for (let i = 0; i < 200; i++) patterns.push([...Array(MINHASH_SIZE).keys()].sort(() => random() - 0.5).slice(0, 57));
    let accepted = 0;
    for (const differing of patterns) {
      const copy = Uint16Array.from(minima);
      for (const position of differing) copy[position] = copy[position]! ^ 1;
      const keys = { canonicalUrl: 'https://b.example/copy', contentHash: 'b', topicSignature: '', nearSignature: serializeNearSignature({ words: 100, shingles: 100, minima: copy }) };
      const expected = findDuplicate(keys, [original]);
      expect(index.find(keys), `differing at ${differing.join(',')}`).toEqual(expected);
      if (expected !== null) accepted++;
    }
    // 57 differences are accepted (by containment), 58 are not
    expect(accepted).toBe(patterns.length - MINHASH_SIZE);
  });

  it('refuses an article added twice (a new version goes through replace)', () => {
    const article = knownArticle(1, computeDedupKeys({ url: 'https://a.example/1', title: null, text: 'one two three' }));
    const index = new DuplicateIndex([article]);
    expect(() => index.add(article)).toThrow(/article 1 is already indexed/);
    index.replace({ ...article, canonicalUrl: 'https://a.example/2' });
    expect(index.size).toBe(1);
    expect(index.find({ ...article, canonicalUrl: 'https://a.example/2' })).toEqual({ articleId: 1, reason: 'canonical_url', similarity: 1 });
    expect(index.find({ ...article, canonicalUrl: 'https://a.example/1' })).toBeNull();
  });
});

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}
