import { describe, expect, it } from 'vitest';
import { computeDedupKeys, findStory, storyLabel, type KnownArticle } from '../../src/dedup/index.ts';
import { FIXTURES, knownArticle, readTextArticle, seedPaths, type TextArticle } from './articles.ts';

const UNRELATED = ['chip-export-rule', 'chatbot-privacy-fine', 'model-release', 'data-centre-deal', 'safety-institute-report'];
const AT = '2026-06-05T12:00:00.000Z';

/**
 * Runs articles through findStory one by one, as the pipeline does: opening a new story when none matches, and
 * folding the stories an article bridges into one. Returns each article's final story.
 */
function clusterInOrder(articles: readonly TextArticle[]): number[] {
  const known: KnownArticle[] = [];
  let nextStoryId = 100;
  for (const [i, article] of articles.entries()) {
    const keys = computeDedupKeys(article);
    const match = findStory(keys, AT, known);
    const storyId = match?.storyId ?? nextStoryId++;
    for (const other of known) if (other.storyId !== null && match?.mergeStoryIds.includes(other.storyId)) other.storyId = storyId;
    known.push(knownArticle(i + 1, keys, { storyId, publishedAt: AT }));
  }
  return known.map((k) => k.storyId!);
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

const seeds = seedPaths().map((path) => readTextArticle(path));
const unrelated = UNRELATED.map((name) => readTextArticle(`${FIXTURES}/${name}.txt`, `https://news.example/${name}`));

describe('findStory', () => {
  it('the five seed articles, by different outlets in different words, form one story', () => {
    expect(seeds).toHaveLength(5);
    expect(new Set(clusterInOrder(seeds)).size).toBe(1);
    expect(new Set(clusterInOrder([...seeds].reverse())).size).toBe(1);
  });

  it('the five seed articles form one story whatever order they arrive in: a bridging article merges stories', () => {
    const orders = permutations(seeds);
    expect(orders).toHaveLength(120);
    for (const order of orders) expect(new Set(clusterInOrder(order)).size).toBe(1);
  });

  it('unrelated AI news (a chip rule, a privacy fine, a model release, a data-centre deal, a safety report) stays separate from the pause story and from each other', () => {
    const storyIds = clusterInOrder([...seeds, ...unrelated]);
    const pauseStory = storyIds[0];
    expect(storyIds.slice(0, 5).every((id) => id === pauseStory)).toBe(true);
    const unrelatedStories = storyIds.slice(5);
    expect(unrelatedStories).not.toContain(pauseStory);
    expect(new Set(unrelatedStories).size).toBe(UNRELATED.length);
  });

  it('a model release by the same company is not folded into its pause story', () => {
    const known = seeds.map((seed, i) => knownArticle(i + 1, computeDedupKeys(seed), { storyId: 1, publishedAt: AT }));
    const release = unrelated[UNRELATED.indexOf('model-release')]!;
    expect(findStory(computeDedupKeys(release), AT, known)).toBeNull();
  });

  it("two outlets' own reports of the chip export rule join one story", () => {
    const wire = computeDedupKeys(unrelated[0]!);
    const other = computeDedupKeys(readTextArticle(`${FIXTURES}/chip-export-rule-other-outlet.txt`, 'https://techdesk.example/x'));
    const known = [knownArticle(1, wire, { storyId: 42, publishedAt: AT })];
    expect(findStory(other, AT, known)).toMatchObject({ storyId: 42 });
  });

  it('coverage of the same event outside the time window starts a new story', () => {
    const known = [knownArticle(1, computeDedupKeys(seeds[3]!), { storyId: 7, publishedAt: '2026-06-05T09:00:00.000Z' })];
    const keys = computeDedupKeys(seeds[2]!);
    expect(findStory(keys, '2026-06-20T09:00:00.000Z', known)).toBeNull();
    // (without the age penalty, which a story spanning 15 days would bear: see the next test)
    expect(findStory(keys, '2026-06-20T09:00:00.000Z', known, { windowDays: 30, agePenaltyPerDay: 0 })).toMatchObject({ storyId: 7 });
    // An earlier-dated arrival (feeds deliver out of order) is inside the window too.
    expect(findStory(keys, '2026-06-01T09:00:00.000Z', known)).toMatchObject({ storyId: 7 });
  });

  it('a story is less similar by 0.07 for each day past the first between its first article and the new one, whichever side', () => {
    const known = [
      knownArticle(1, computeDedupKeys(seeds[3]!), { storyId: 7, publishedAt: '2026-06-05T09:00:00.000Z' }),
      knownArticle(2, computeDedupKeys(seeds[4]!), { storyId: 7, publishedAt: '2026-06-09T09:00:00.000Z' }),
    ];
    const keys = computeDedupKeys(seeds[2]!);
    const similarity = (at: string) => findStory(keys, at, known)?.similarity ?? null;
    const firstDay = similarity('2026-06-05T21:00:00.000Z');
    expect(firstDay).not.toBeNull();
    // within a day of its first article none, though its articles span four days (a run reading a feed newest first)
    expect(similarity('2026-06-05T09:00:00.000Z')).toBeCloseTo(firstDay!, 10);
    // three days after its first article, or three days before it: two days past the first
    expect(similarity('2026-06-08T09:00:00.000Z')).toBeCloseTo(firstDay! - 0.14, 10);
    expect(similarity('2026-06-02T09:00:00.000Z')).toBeCloseTo(firstDay! - 0.14, 10);
    expect(findStory(keys, '2026-06-08T09:00:00.000Z', known, { agePenaltyPerDay: 0 })?.similarity).toBeCloseTo(firstDay!, 10);
  });

  it('an article without a publication date is placed in time by when it was fetched', () => {
    const known = [knownArticle(1, computeDedupKeys(seeds[3]!), { storyId: 7, publishedAt: null, fetchedAt: '2026-05-01T00:00:00.000Z' })];
    expect(findStory(computeDedupKeys(seeds[2]!), AT, known)).toBeNull();
  });

  it('articles not yet assigned to a story are not candidates', () => {
    const known = [knownArticle(1, computeDedupKeys(seeds[3]!), { storyId: null, publishedAt: AT })];
    expect(findStory(computeDedupKeys(seeds[2]!), AT, known)).toBeNull();
  });

  it('a stricter threshold keeps loosely related coverage apart', () => {
    const known = [knownArticle(1, computeDedupKeys(seeds[3]!), { storyId: 7, publishedAt: AT })];
    const match = findStory(computeDedupKeys(seeds[2]!), AT, known);
    expect(match).not.toBeNull();
    expect(findStory(computeDedupKeys(seeds[2]!), AT, known, { threshold: match!.similarity + 0.01 })).toBeNull();
  });
});

describe('storyLabel', () => {
  it('labels the pause story with a headline that represents its coverage, skipping site-name furniture', () => {
    const label = storyLabel(seeds.map((seed) => seed.title ?? ''));
    expect(label).not.toBe('Ai Mainstream');
    expect(label).toMatch(/Anthropic/);
    expect(label).toMatch(/Pause/i);
    expect(label.length).toBeLessThanOrEqual(91);
  });

  it("drops the outlet's name appended to a headline", () => {
    expect(storyLabel(['U.S. tightens export rules on AI chips to Malaysia - Reuters'])).toBe(
      'U.S. tightens export rules on AI chips to Malaysia',
    );
  });

  it('cuts a very long headline at a word boundary', () => {
    const label = storyLabel([
      'Anthropic urges every leading AI laboratory in the world to join a coordinated, verified, temporary global pause on training frontier models',
    ]);
    expect(label.length).toBeLessThanOrEqual(91);
    expect(label.endsWith('…')).toBe(true);
    expect(label).toMatch(/^Anthropic urges every leading AI laboratory/);
  });

  it('a story without titles gets a placeholder label', () => {
    expect(storyLabel([])).toBe('Untitled story');
    expect(storyLabel(['', '  '])).toBe('Untitled story');
  });

  it('picks the headline that overlaps most with the others, as comparing every pair of headlines does', () => {
    // the rule stated directly: each headline's summed cosine overlap with every other, the earlier one on a tie
    const byPairs = (titles: string[]): string => {
      const words = titles.map((t) => new Set(t.toLowerCase().split(' ').filter((w) => w.length > 2)));
      const scores = words.map((a, i) => words.reduce((sum, b, j) => (i === j ? sum : sum + [...a].filter((w) => b.has(w)).length / Math.sqrt(a.size * b.size)), 0));
      return titles[scores.findIndex((score) => score >= Math.max(...scores) - 1e-9)]!;
    };
    const vocabulary = 'pause labs frontier training verified global moratorium compute treaty governments critics rivals chips export safety'.split(' ');
    let seed = 11;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let round = 0; round < 200; round++) {
      const titles = Array.from({ length: 2 + (next() % 12) }, () => Array.from({ length: 4 + (next() % 8) }, () => vocabulary[next() % vocabulary.length]).join(' '));
      expect(storyLabel(titles)).toBe(byPairs(titles));
    }
  });
});
