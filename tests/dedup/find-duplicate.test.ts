import { describe, expect, it } from 'vitest';
import { computeDedupKeys, findDuplicate } from '../../src/dedup/index.ts';
import { FIXTURES, knownArticle, readTextArticle, seedPaths } from './articles.ts';

const ORIGINAL_URL = 'https://wirenews.example/2026/06/09/us-tightens-ai-chip-export-rules';
const original = readTextArticle(`${FIXTURES}/chip-export-rule.txt`, ORIGINAL_URL);
const syndicated = readTextArticle(
  `${FIXTURES}/chip-export-rule-syndicated.txt`,
  'https://dailyledger.example/business/washington-clamps-down-ai-chip-sales/?utm_source=twitter&utm_medium=social&utm_campaign=wire',
);
const otherOutlet = readTextArticle(
  `${FIXTURES}/chip-export-rule-other-outlet.txt`,
  'https://techdesk.example/nvidia-amd-licence-hurdle',
);

describe('findDuplicate', () => {
  it('a syndicated copy with a new headline, a trimmed ending and an added credit line is marked duplicate of the original', () => {
    expect(syndicated.title).not.toBe(original.title);
    const known = [knownArticle(1, computeDedupKeys(original))];
    const match = findDuplicate(computeDedupKeys(syndicated), known);
    expect(match).toMatchObject({ articleId: 1, reason: 'near_duplicate' });
    expect(match!.similarity).toBeGreaterThan(0.55);
  });

  it('the original arriving after its syndicated copy is also recognised as the same article', () => {
    const known = [knownArticle(7, computeDedupKeys(syndicated))];
    expect(findDuplicate(computeDedupKeys(original), known)).toMatchObject({ articleId: 7, reason: 'near_duplicate' });
  });

  it("another outlet's own report of the same event is not a duplicate", () => {
    const known = [knownArticle(1, computeDedupKeys(original)), knownArticle(2, computeDedupKeys(syndicated))];
    expect(findDuplicate(computeDedupKeys(otherOutlet), known)).toBeNull();
  });

  it('a republished seed article with its last paragraph cut and boilerplate added is a duplicate of the seed', () => {
    const seed = readTextArticle(seedPaths()[4]!);
    const paragraphs = seed.text.split(/\n\s*\n/);
    const republished = [
      'Advertisement',
      ...paragraphs.slice(0, -1),
      'This story was originally published by The Wall Street Journal. Sign up for our AI newsletter.',
    ].join('\n\n');
    const known = [knownArticle(5, computeDedupKeys(seed))];
    const keys = computeDedupKeys({ url: 'https://aggregator.example/anthropic-slowdown?ref=rss', title: 'Anthropic wants AI to slow down', text: republished });
    expect(findDuplicate(keys, known)).toMatchObject({ articleId: 5, reason: 'near_duplicate' });
  });

  it('none of the five seed articles is a duplicate of another (same event, different wording)', () => {
    const known = seedPaths().map((path, i) => knownArticle(i + 1, computeDedupKeys(readTextArticle(path))));
    for (const [i, article] of known.entries()) {
      const others = known.filter((_, j) => j !== i);
      expect(findDuplicate(article, others), seedPaths()[i]).toBeNull();
    }
  });

  it('a copy that differs only in quotes, dashes, case and spacing has the same content hash', () => {
    const retyped = original.text
      .replace(/'/g, '’')
      .replace(/"([^"]*)"/g, '“$1”')
      .replace(/ - /g, ' — ')
      .replace(/\n\n/g, '\n \n')
      .replace(/ /g, '  ')
      .toUpperCase();
    const keys = computeDedupKeys({ url: 'https://mirror.example/x', title: 'SHOUTING HEADLINE', text: retyped });
    expect(keys.contentHash).toBe(computeDedupKeys(original).contentHash);
    const known = [knownArticle(3, computeDedupKeys(original))];
    expect(findDuplicate(keys, known)).toEqual({ articleId: 3, reason: 'content_hash', similarity: 1 });
  });

  it('the same article fetched again through a tracking link is found by its canonical URL first', () => {
    const known = [knownArticle(9, computeDedupKeys(original))];
    const again = { ...original, url: `${ORIGINAL_URL}/?utm_source=newsletter&mc_cid=abc#top`, text: `${original.text}\n\nUpdated with comment.` };
    expect(findDuplicate(computeDedupKeys(again), known)).toEqual({ articleId: 9, reason: 'canonical_url', similarity: 1 });
  });

  it('a duplicate of a duplicate points at the original article', () => {
    const known = [
      knownArticle(10, computeDedupKeys(original)),
      knownArticle(11, computeDedupKeys(syndicated), { duplicateOf: 10 }),
    ];
    // A third site reprints the syndicated copy word for word: it matches the copy (11), whose original is 10.
    const reSyndicated = { url: 'https://thirdsite.example/ai-chips', title: 'AI chip curbs widen', text: syndicated.text };
    const match = findDuplicate(computeDedupKeys(reSyndicated), known.slice(1).concat(known[0]!));
    expect(match?.articleId).toBe(10);
  });

  it('a duplicate whose original is outside the known list still names the original', () => {
    const known = [knownArticle(11, computeDedupKeys(syndicated), { duplicateOf: 10 })];
    const match = findDuplicate(computeDedupKeys({ ...syndicated, url: 'https://fourth.example/a' }), known);
    expect(match).toMatchObject({ articleId: 10, reason: 'content_hash' });
  });

  it('very short texts that differ by a word are not declared near-duplicates', () => {
    const a = 'Anthropic on Thursday called for a coordinated global pause on frontier AI development, saying labs should agree on verification before training larger models.';
    const b = 'Anthropic on Thursday called for a coordinated global pause on frontier AI development, saying labs must agree on verification before training larger models.';
    const known = [knownArticle(1, computeDedupKeys({ url: 'https://a.example/1', title: null, text: a }))];
    expect(findDuplicate(computeDedupKeys({ url: 'https://b.example/2', title: null, text: b }), known)).toBeNull();
  });

  it('two different articles behind the same short paywall stub are not duplicates', () => {
    const stub = 'Subscribe to continue reading. Already a subscriber? Log in.';
    const known = [knownArticle(1, computeDedupKeys({ url: 'https://paper.example/a', title: 'Story A', text: stub }))];
    const keys = computeDedupKeys({ url: 'https://paper.example/b', title: 'Story B', text: stub });
    expect(findDuplicate(keys, known)).toBeNull();
  });

  it('unrelated articles are not duplicates of each other', () => {
    const names = ['chatbot-privacy-fine', 'model-release', 'data-centre-deal', 'safety-institute-report', 'chip-export-rule'];
    const known = names.map((name, i) => knownArticle(i + 1, computeDedupKeys(readTextArticle(`${FIXTURES}/${name}.txt`, `https://x.example/${name}`))));
    for (const [i, article] of known.entries()) {
      expect(findDuplicate(article, known.filter((_, j) => j !== i)), names[i]).toBeNull();
    }
  });
});

describe("a page's declared canonical URL", () => {
  it('counts on its own site: an AMP copy or a tracking link naming the article is found by its canonical URL', () => {
    const known = [knownArticle(20, computeDedupKeys(original))];
    const amp = { ...original, url: 'https://amp.wirenews.example/2026/06/09/us-tightens-ai-chip-export-rules', canonicalUrl: ORIGINAL_URL, text: 'A shorter AMP rendering.' };
    expect(findDuplicate(computeDedupKeys(amp), known)).toEqual({ articleId: 20, reason: 'canonical_url', similarity: 1 });
  });

  it("does not count on another site: a page seen first that names an outlet's article cannot make that article its copy", () => {
    // another outlet's own report, claiming the wire story's URL as its canonical
    const claimant = { ...otherOutlet, canonicalUrl: ORIGINAL_URL };
    const claimantKeys = computeDedupKeys(claimant);
    expect(claimantKeys.canonicalUrl).toBe('https://techdesk.example/nvidia-amd-licence-hurdle');
    const known = [knownArticle(21, claimantKeys)];
    expect(findDuplicate(computeDedupKeys(original), known)).toBeNull();
  });

  it('a wire copy naming the original on its site is still its copy, found by its text', () => {
    const known = [knownArticle(22, computeDedupKeys(original))];
    const copy = { ...syndicated, canonicalUrl: ORIGINAL_URL };
    expect(findDuplicate(computeDedupKeys(copy), known)).toMatchObject({ articleId: 22, reason: expect.stringMatching(/^(content_hash|near_duplicate)$/) });
  });
});
