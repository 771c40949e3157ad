/**
 * Story grouping on coverage of one debate: every article below is about the frontier-AI pause, so all share its
 * vocabulary, and a story must still be one event (an announcement, a hearing, a letter, an op-ed and its answer).
 * Labels: tests/fixtures/dedup/pause-debate/events.json; figures: `npx tsx tests/dedup/pause-debate.ts`.
 */
import { describe, expect, it } from 'vitest';
import { findStory, type KnownArticle } from '../../src/dedup/index.ts';
import { knownArticle } from './articles.ts';
import {
  arrivalOrder,
  byPublication,
  clusterArticles,
  dedupKeys,
  loadPauseDebate,
  PAUSE_DEBATE_HOLDOUT,
  scorePairs,
  storeInOrder,
  type LabelledArticle,
} from './pause-debate.ts';

const articles = loadPauseDebate();
const holdout = loadPauseDebate({ withSeeds: false, folder: PAUSE_DEBATE_HOLDOUT });
const named = (name: string): LabelledArticle => articles.find((a) => a.name === name) ?? holdout.find((a) => a.name === name)!;

/** Final story of each named article when the fixture arrives in publication order. */
const storyOf = (() => {
  const storyIds = clusterArticles(articles);
  return (name: string) => storyIds[articles.indexOf(named(name))]!;
})();

describe('findStory groups coverage of one debate by event', () => {
  it('same-story decisions over every pair of articles: precision and recall at least 0.95, in publication order and as feeds deliver it (up to 36 hours late)', () => {
    expect(articles).toHaveLength(36);
    expect(new Set(articles.map((a) => a.event)).size).toBe(13);
    for (const order of [articles, ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed) => arrivalOrder(articles, seed))]) {
      const { precision, recall, falseMerges, falseSplits } = scorePairs(order, clusterArticles(order));
      expect({ precision, recall, falseMerges: falseMerges.slice(0, 5), falseSplits: falseSplits.slice(0, 5) }).toMatchObject({
        precision: expect.toSatisfy((p: number) => p >= 0.95),
        recall: expect.toSatisfy((r: number) => r >= 0.95),
      });
    }
  });

  it('on coverage written after the parameters were chosen (the held-out fixture), arriving after the first: the same floor, and no held-out article joins an older story', () => {
    const all = byPublication([...articles, ...holdout]);
    for (const order of [all, arrivalOrder(all, 1), arrivalOrder(all, 2)]) {
      const storyIds = clusterArticles(order);
      const held = holdout.map((a) => storyIds[order.indexOf(a)]!);
      const { precision, recall } = scorePairs(holdout, held);
      expect(precision).toBeGreaterThanOrEqual(0.95);
      expect(recall).toBeGreaterThanOrEqual(0.95);
      const older = new Set(order.flatMap((a, i) => (holdout.includes(a) ? [] : [storyIds[i]])));
      expect(held.filter((id) => older.has(id))).toEqual([]);
    }
  });

  it('the announcement, covered by nine outlets in different words (four written for the fixture, the five real seed captures), is one story', () => {
    const announcement = articles.filter((a) => a.event === 'announcement');
    expect(announcement).toHaveLength(9);
    expect(new Set(announcement.map((a) => storyOf(a.name))).size).toBe(1);
  });

  it("senators at a hearing, open-source developers rallying against the pause and an explainer of the proposal (the reviewer's three) are three stories, none of them the announcement's", () => {
    const ids = ['hearing-wire.txt', 'opensource-petition.txt', 'explainer.txt', 'announcement-wire.txt'].map(storyOf);
    expect(new Set(ids).size).toBe(4);
  });

  it("a later event that names the same lab and proposal starts a story of its own, not the days-old announcement's: the labs' refusal", () => {
    // without the seeds' five reports the announcement's story is narrow enough for the refusal's coverage to join it
    // but for the penalty a story bears for each day past its first
    const unseeded = loadPauseDebate({ withSeeds: false });
    const refusalJoined = (ids: number[]) => unseeded.some((a, i) => a.event === 'lab-refusal' && unseeded.some((b, j) => b.event === 'announcement' && ids[i] === ids[j]));
    expect(refusalJoined(clusterArticles(unseeded, { agePenaltyPerDay: 0 }))).toBe(true);
    const storyIds = clusterArticles(unseeded);
    expect(refusalJoined(storyIds)).toBe(false);
    expect(scorePairs(unseeded, storyIds)).toMatchObject({ precision: 1, recall: 1 });
  });

  it('an op-ed against the pause, the news of the stir it caused and the rebuttal four days later are one story', () => {
    expect(new Set(['oped-against.txt', 'oped-reaction.txt', 'oped-rebuttal.txt'].map(storyOf)).size).toBe(1);
  });

  it("the poll article that looks ahead to the Senate hearing stays with the poll; the open-source developers' letter is not the researchers' open letter", () => {
    expect(storyOf('poll-newsletter.txt')).toBe(storyOf('poll-wire.txt'));
    expect(storyOf('poll-newsletter.txt')).not.toBe(storyOf('hearing-wire.txt'));
    expect(storyOf('opensource-coders.txt')).toBe(storyOf('opensource-petition.txt'));
    expect(storyOf('opensource-coders.txt')).not.toBe(storyOf('letter-science.txt'));
  });

  it('articles about other things in the same words (a hospital pausing surgeries, a scooter moratorium, AI tutors) each stay alone', () => {
    for (const name of ['offtopic-hospital.txt', 'offtopic-scooters.txt', 'offtopic-tutors.txt']) {
      expect(articles.filter((a) => storyOf(a.name) === storyOf(name)).map((a) => a.name)).toEqual([name]);
    }
  });
});

describe('findStory: what a story is compared with', () => {
  /** The fixture stored up to (not including) `name`, in publication order, and that article's keys. */
  function storedBefore(name: string): { known: KnownArticle[]; article: LabelledArticle } {
    const article = named(name);
    const known = storeInOrder(articles.slice(0, articles.indexOf(article)));
    return { known, article };
  }

  it("an article close to two stories joins the closer without fusing them, unless it is close to both at the stricter merge threshold: China's answer, near the 'gift to Beijing' op-ed debate, stays China's", () => {
    const { known, article } = storedBefore('china-analysis.txt');
    const storyOfRow = (name: string) => known[articles.indexOf(named(name))]!.storyId;
    const match = findStory(dedupKeys(article), article.publishedAt, known);
    expect(match).toMatchObject({ storyId: storyOfRow('china-ministry.txt'), mergeStoryIds: [] });
    // At a merge threshold no stricter than joining, this one article would have fused the two events (with no age
    // penalty, which now keeps the older op-ed debate apart as well).
    const loose = findStory(dedupKeys(article), article.publishedAt, known, { mergeThreshold: 0.18, agePenaltyPerDay: 0 });
    expect([loose!.storyId, ...loose!.mergeStoryIds].sort()).toEqual([storyOfRow('china-ministry.txt'), storyOfRow('oped-against.txt')].sort());
  });

  it('the answer does not depend on the order of the known articles', () => {
    const { known, article } = storedBefore('eu-followup.txt');
    const match = findStory(dedupKeys(article), article.publishedAt, known);
    expect(match).not.toBeNull();
    const reversed = findStory(dedupKeys(article), article.publishedAt, [...known].reverse());
    // Sums taken in another order may differ in the last bits, and no more.
    expect(reversed).toMatchObject({ storyId: match!.storyId, mergeStoryIds: match!.mergeStoryIds });
    expect(reversed!.similarity).toBeCloseTo(match!.similarity, 12);
  });

  it("syndicated copies count once: ten copies of one report neither make its words look common nor change any story's weight", () => {
    const { known, article } = storedBefore('eu-politico.txt');
    const original = known[articles.indexOf(named('eu-wire.txt'))]!;
    const copies = Array.from({ length: 10 }, (_, i) =>
      knownArticle(1000 + i, { ...original, canonicalUrl: `https://copy${i}.example/eu` }, { storyId: original.storyId, publishedAt: original.publishedAt, duplicateOf: original.id }),
    );
    const match = findStory(dedupKeys(article), article.publishedAt, known);
    expect(match).toMatchObject({ storyId: original.storyId });
    expect(findStory(dedupKeys(article), article.publishedAt, [...known, ...copies])).toEqual(match);
  });

  it('an article stored by an older release, with a 32-term signature, still draws the rest of its event', () => {
    const { known, article } = storedBefore('announcement-intl.txt');
    const legacy = known.map((row) => ({ ...row, topicSignature: olderSignature(row.topicSignature) }));
    const match = findStory(dedupKeys(article), article.publishedAt, legacy);
    expect(match?.storyId).toBe(known[articles.indexOf(named('announcement-wire.txt'))]!.storyId);
  });

  it('a story an older release lumped the first days of coverage into does not absorb the events that follow', () => {
    const cut = '2026-06-09T00:00:00.000Z';
    const lumped = articles.filter((a) => a.publishedAt < cut);
    const later = articles.filter((a) => a.publishedAt >= cut);
    const LUMP = 1;
    const known = lumped.map((a, i) => knownArticle(i + 1, dedupKeys(a), { storyId: LUMP, publishedAt: a.publishedAt, fetchedAt: a.publishedAt }));
    const rows = storeInOrder(later, undefined, known);
    // Events that have no article in the lump; the rebuttal of a lumped op-ed and the explainer of everything may
    // reasonably land in it.
    const newEvents = later.filter((a) => !lumped.some((b) => b.event === a.event) && a.event !== 'explainer');
    expect(newEvents.map((a) => a.name).filter((name) => rows[later.indexOf(named(name))]!.storyId === LUMP)).toEqual([]);
    const newRows = newEvents.map((a) => rows[later.indexOf(a)]!.storyId!);
    expect(scorePairs(newEvents, newRows)).toMatchObject({ precision: 1, recall: 1 });
  });
});

/**
 * The signature an older release stored for the same article: the 32 heaviest of today's 48 terms, renormalised
 * (the weights before the cut are computed as they were).
 */
function olderSignature(signature: string): string {
  const terms = signature
    .slice('ts1:'.length)
    .split(',')
    .map((part) => [part.slice(0, part.lastIndexOf('=')), Number(part.slice(part.lastIndexOf('=') + 1))] as const)
    .slice(0, 32);
  const norm = Math.hypot(...terms.map(([, w]) => w));
  return `ts1:${terms.map(([term, w]) => `${term}=${(w / norm).toFixed(3)}`).join(',')}`;
}
