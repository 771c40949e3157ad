import {
  DEFAULT_NEAR_DUPLICATE_OPTIONS,
  estimateJaccard,
  MINHASH_SIZE,
  nearDuplicateSimilarity,
  parseNearSignature,
  type NearSignature,
} from './near-duplicate.ts';
import type { DedupKeys, DuplicateMatch, KnownArticle } from './types.ts';

/**
 * An exact content hash is trusted only when the text has at least this many words: short bodies are often the
 * same paywall stub or "read more" teaser on different articles.
 */
export const MIN_WORDS_FOR_CONTENT_HASH = 20;

/** A key an article shares exactly with the one it copies; `reason` is also the name of the stored column. */
export interface ExactDuplicateKey {
  reason: 'canonical_url' | 'content_hash';
  value: string;
}

/**
 * The keys that make an article a copy of any article having one of them, most certain first: its canonical URL
 * (when it has one), then its content hash (when its text is long enough to trust it). Both are exact, so they can
 * be looked up in an index of every stored article, however old; near-duplicates cannot.
 */
export function exactDuplicateKeys(keys: DedupKeys): ExactDuplicateKey[] {
  const out: ExactDuplicateKey[] = [];
  if (keys.canonicalUrl) out.push({ reason: 'canonical_url', value: keys.canonicalUrl });
  const words = parseNearSignature(keys.nearSignature)?.words ?? 0;
  if (words >= MIN_WORDS_FOR_CONTENT_HASH) out.push({ reason: 'content_hash', value: keys.contentHash });
  return out;
}

/**
 * The article `keys` duplicates, if any, in order of certainty: same canonical URL, same normalised text, then
 * near-duplicate text (see near-duplicate.ts for the thresholds). The match always names the ORIGINAL: when the
 * matched article is itself a duplicate, its `duplicateOf` chain is followed to the root.
 *
 * Complexity: one linear pass over `known` (O(n) string compares, then O(n × 128) for the MinHash comparisons;
 * decoded signatures are cached by text), plus an O(n) id map when a chain must be followed. About 1-3 ms for
 * 5,000 known articles once their signatures are decoded (the first scan in a process decodes them: ~30 ms).
 * {@link DuplicateIndex} gives the same answers without the scan, for many questions against one changing window.
 */
export function findDuplicate(keys: DedupKeys, known: readonly KnownArticle[]): DuplicateMatch | null {
  const match = findDirectMatch(keys, known);
  if (match === null) return null;
  return { ...match, articleId: followToOriginal(match.articleId, known) };
}

function findDirectMatch(keys: DedupKeys, known: readonly KnownArticle[]): DuplicateMatch | null {
  // Several rows can share a key (older duplicates); prefer the one that is an original, then the lowest id.
  for (const key of exactDuplicateKeys(keys)) {
    const field = key.reason === 'canonical_url' ? 'canonicalUrl' : 'contentHash';
    const match = earliest(known.filter((k) => k[field] === key.value));
    if (match) return { articleId: match.id, reason: key.reason, similarity: 1 };
  }

  const own = parseNearSignature(keys.nearSignature);
  if (own === null) return null;
  let best: { article: KnownArticle; similarity: number } | null = null;
  for (const article of known) {
    const other = parseNearSignature(article.nearSignature);
    if (other === null) continue;
    const similarity = nearDuplicateSimilarity(own, other);
    if (similarity === null) continue;
    if (best === null || similarity > best.similarity || (similarity === best.similarity && isEarlier(article, best.article))) {
      best = { article, similarity };
    }
  }
  return best ? { articleId: best.article.id, reason: 'near_duplicate', similarity: best.similarity } : null;
}

function earliest<T extends Pick<KnownArticle, 'id' | 'duplicateOf'>>(candidates: Iterable<T>): T | null {
  let result: T | null = null;
  for (const candidate of candidates) if (result === null || isEarlier(candidate, result)) result = candidate;
  return result;
}

/** Originals before duplicates, then lower id (ids are assigned in insertion order). */
function isEarlier(a: Pick<KnownArticle, 'id' | 'duplicateOf'>, b: Pick<KnownArticle, 'id' | 'duplicateOf'>): boolean {
  const aIsOriginal = a.duplicateOf === null;
  const bIsOriginal = b.duplicateOf === null;
  if (aIsOriginal !== bIsOriginal) return aIsOriginal;
  return a.id < b.id;
}

/**
 * Root of the duplicate chain starting at `id`. An original outside `known` (the caller passed a window) is still
 * the answer: we return the last id we can name. A cycle (corrupt data) stops at the first repeated id.
 */
function followToOriginal(id: number, known: readonly KnownArticle[]): number {
  const start = known.find((k) => k.id === id);
  if (!start || start.duplicateOf === null) return id;
  const byId = new Map(known.map((k) => [k.id, k]));
  return rootOf(id, (key) => byId.get(key));
}

/** The chain walk of followToOriginal, over whatever `lookup` can name (undefined: outside what is known). */
function rootOf(id: number, lookup: (id: number) => { duplicateOf: number | null } | undefined): number {
  const seen = new Set<number>([id]);
  let current = id;
  let next: number | null = lookup(id)?.duplicateOf ?? null;
  while (next !== null && !seen.has(next)) {
    seen.add(next);
    current = next;
    next = lookup(next)?.duplicateOf ?? null;
  }
  return current;
}

/**
 * What a {@link DuplicateIndex} returns for a query: exactly what `findDuplicate(keys, known)` returns for the same
 * `known` (minus `exclude`, and those `accept` refuses), in time that does not grow with the number of known articles
 * unless they match.
 *
 * - Canonical URL and content hash: maps from the key to the articles with it.
 * - Near-duplicates: articles are grouped by signature text (copies share one, and one comparison serves them all),
 *   and the groups are indexed by bands of their MinHash minima. A pair the scan can accept has at least
 *   MIN_EQUAL_POSITIONS equal minima (see below), so at most MINHASH_SIZE - MIN_EQUAL_POSITIONS positions differ;
 *   with one band more than that, some band has no differing position (pigeonhole) and holds the same values in both
 *   signatures. Looking up every band of the query's signature therefore finds every group the scan could accept
 *   (and some it will refuse); each is then compared with `nearDuplicateSimilarity`, as the scan does.
 *
 * Ties: the scan keeps the greatest (similarity, then originals before duplicates, then lower id), a total order on
 * distinct ids, so the answer does not depend on the order candidates are visited; within a signature group all have
 * the same similarity and the group's earliest member stands for it. Ids must be unique (they are row ids).
 */
export class DuplicateIndex {
  private readonly byId = new Map<number, IndexedArticle>();
  private readonly byUrl = new Map<string, Members>();
  private readonly byHash = new Map<string, Members>();
  private readonly bySignature = new Map<string, SignatureGroup>();
  /** One map per band: band value -> the signature groups with it (one group alone, the common case, unwrapped). */
  private readonly bands: Map<number, SignatureGroup | SignatureGroup[]>[] = BANDS.map(() => new Map());
  private query = 0;

  constructor(known: Iterable<KnownArticle> = []) {
    for (const article of known) this.add(article);
  }

  get size(): number {
    return this.byId.size;
  }

  /** A new known article. Its fields are copied: later changes go through {@link replace}. */
  add(article: KnownArticle): void {
    if (this.byId.has(article.id)) throw new Error(`DuplicateIndex: article ${article.id} is already indexed; use replace() for a new version`);
    const entry: IndexedArticle = {
      id: article.id,
      canonicalUrl: article.canonicalUrl,
      contentHash: article.contentHash,
      nearSignature: article.nearSignature,
      duplicateOf: article.duplicateOf,
      publishedAt: article.publishedAt,
      fetchedAt: article.fetchedAt,
    };
    this.byId.set(entry.id, entry);
    membersOf(this.byUrl, entry.canonicalUrl).add(entry);
    membersOf(this.byHash, entry.contentHash).add(entry);
    let group = this.bySignature.get(entry.nearSignature);
    if (!group) {
      group = { signature: parseNearSignature(entry.nearSignature), members: new Members(), visited: 0 };
      this.bySignature.set(entry.nearSignature, group);
      if (isIndexable(group.signature)) this.forEachBand(group.signature, (band, value) => addToBand(band, value, group!));
    }
    group.members.add(entry);
  }

  /** The new version of an indexed article (new keys, or a new original); added when it was not indexed. */
  replace(article: KnownArticle): void {
    this.remove(article.id);
    this.add(article);
  }

  remove(id: number): void {
    const entry = this.byId.get(id);
    if (!entry) return;
    this.byId.delete(id);
    removeMember(this.byUrl, entry.canonicalUrl, entry);
    removeMember(this.byHash, entry.contentHash, entry);
    const group = this.bySignature.get(entry.nearSignature)!;
    group.members.delete(entry);
    if (group.members.size === 0) {
      this.bySignature.delete(entry.nearSignature);
      if (isIndexable(group.signature)) this.forEachBand(group.signature, (band, value) => removeFromBand(band, value, group));
    }
  }

  /**
   * As `findDuplicate(keys, known)` over the indexed articles but `exclude` (an article being re-read), and of those
   * only the ones `accept` takes (a window), when given: the others are absent, from the chain to the original too.
   */
  find(keys: DedupKeys, exclude: number | null = null, accept?: (article: IndexedArticle) => boolean): DuplicateMatch | null {
    const isCandidate = accept ? (article: IndexedArticle) => article.id !== exclude && accept(article) : (article: IndexedArticle) => article.id !== exclude;
    const match = this.findDirectMatch(keys, isCandidate);
    if (match === null) return null;
    return { ...match, articleId: this.followToOriginal(match.articleId, isCandidate) };
  }

  private findDirectMatch(keys: DedupKeys, isCandidate: (article: IndexedArticle) => boolean): DuplicateMatch | null {
    for (const key of exactDuplicateKeys(keys)) {
      const match = (key.reason === 'canonical_url' ? this.byUrl : this.byHash).get(key.value)?.earliest(isCandidate) ?? null;
      if (match) return { articleId: match.id, reason: key.reason, similarity: 1 };
    }

    const own = parseNearSignature(keys.nearSignature);
    // nearDuplicateSimilarity refuses a text under minWords whatever it is compared with.
    if (own === null || own.words < DEFAULT_NEAR_DUPLICATE_OPTIONS.minWords) return null;
    let best: { article: IndexedArticle; similarity: number } | null = null;
    const consider = (group: SignatureGroup): void => {
      if (group.visited === this.query || group.signature === null) return;
      group.visited = this.query;
      const similarity = nearDuplicateSimilarity(own, group.signature);
      if (similarity === null) return;
      const article = group.members.earliest(isCandidate);
      if (article === null) return;
      if (best === null || similarity > best.similarity || (similarity === best.similarity && isEarlier(article, best.article))) {
        best = { article, similarity };
      }
    };
    this.query++;
    if (BANDS_ARE_EXACT) {
      this.forEachBand(own, (band, value) => {
        const groups = band.get(value);
        if (groups === undefined) return;
        if (Array.isArray(groups)) for (const group of groups) consider(group);
        else consider(groups);
      });
    } else {
      for (const group of this.bySignature.values()) consider(group);
    }
    const found = best as { article: IndexedArticle; similarity: number } | null;
    return found ? { articleId: found.article.id, reason: 'near_duplicate', similarity: found.similarity } : null;
  }

  /** As the scan's followToOriginal, with the articles that are not candidates taken as absent. */
  private followToOriginal(id: number, isCandidate: (article: IndexedArticle) => boolean): number {
    return rootOf(id, (key) => {
      const article = this.byId.get(key);
      return article && isCandidate(article) ? article : undefined;
    });
  }

  private forEachBand(signature: NearSignature, visit: (band: Map<number, SignatureGroup | SignatureGroup[]>, value: number) => void): void {
    for (let b = 0; b < BANDS.length; b++) {
      const [from, to] = BANDS[b]!;
      // at most 3 positions of 16 bits: 48 bits, exact in a double
      let value = 0;
      for (let i = from; i < to; i++) value = value * 65536 + signature.minima[i]!;
      visit(this.bands[b]!, value);
    }
  }
}

/** The fields of a known article that dedup reads, and its dates for a window (not its story, which merges change). */
export type IndexedArticle = Pick<KnownArticle, 'id' | 'canonicalUrl' | 'contentHash' | 'nearSignature' | 'duplicateOf' | 'publishedAt' | 'fetchedAt'>;

interface SignatureGroup {
  signature: NearSignature | null;
  members: Members;
  /** The query that last compared this group (so a group found in several bands is compared once). */
  visited: number;
}

/** Articles sharing a key, with the earliest of them (by isEarlier) kept until it leaves. */
class Members {
  private readonly all = new Set<IndexedArticle>();
  /** undefined: not worked out since the last one left. */
  private first: IndexedArticle | null | undefined = null;

  get size(): number {
    return this.all.size;
  }

  add(article: IndexedArticle): void {
    this.all.add(article);
    if (this.first === null || (this.first !== undefined && isEarlier(article, this.first))) this.first = article;
  }

  delete(article: IndexedArticle): void {
    this.all.delete(article);
    if (this.first === article) this.first = undefined;
  }

  /** The earliest member that is a candidate. */
  earliest(isCandidate: (article: IndexedArticle) => boolean): IndexedArticle | null {
    if (this.first === undefined) this.first = earliest(this.all);
    if (this.first === null || isCandidate(this.first)) return this.first;
    return earliest([...this.all].filter(isCandidate));
  }
}

function membersOf(map: Map<string, Members>, key: string): Members {
  let members = map.get(key);
  if (!members) map.set(key, (members = new Members()));
  return members;
}

function removeMember(map: Map<string, Members>, key: string, article: IndexedArticle): void {
  const members = map.get(key);
  if (!members) return;
  members.delete(article);
  if (members.size === 0) map.delete(key);
}

function addToBand(band: Map<number, SignatureGroup | SignatureGroup[]>, value: number, group: SignatureGroup): void {
  const present = band.get(value);
  if (present === undefined) band.set(value, group);
  else if (Array.isArray(present)) present.push(group);
  else band.set(value, [present, group]);
}

function removeFromBand(band: Map<number, SignatureGroup | SignatureGroup[]>, value: number, group: SignatureGroup): void {
  const present = band.get(value);
  if (present === group) band.delete(value);
  else if (Array.isArray(present)) {
    const at = present.indexOf(group);
    if (at >= 0) present.splice(at, 1);
    if (present.length === 1) band.set(value, present[0]!);
  }
}

/** Only signatures the scan could accept at all are banded: a shorter text is never a near-duplicate. */
function isIndexable(signature: NearSignature | null): signature is NearSignature {
  return signature !== null && signature.words >= DEFAULT_NEAR_DUPLICATE_OPTIONS.minWords;
}

/**
 * The fewest equal minima with which `nearDuplicateSimilarity` (default options, which findDuplicate uses) can accept
 * a pair. Both of its ways to accept need the Jaccard estimate at or above min(jaccardThreshold,
 * containmentMinJaccard) (0.55; containment is only looked at above containmentMinJaccard), and the estimate is a
 * non-decreasing function of the count of equal positions alone (equal/128, corrected for 16-bit collisions). So
 * we ask estimateJaccard itself, on signatures that agree in exactly `equal` positions, rather than redo its
 * arithmetic: 71 of 128 (70/128 = 0.547 < 0.55 <= 71/128 = 0.555).
 */
const MIN_EQUAL_POSITIONS: number = (() => {
  const lowest = Math.min(DEFAULT_NEAR_DUPLICATE_OPTIONS.jaccardThreshold, DEFAULT_NEAR_DUPLICATE_OPTIONS.containmentMinJaccard);
  const a: NearSignature = { words: 0, shingles: 0, minima: new Uint16Array(MINHASH_SIZE) };
  for (let equal = 0; equal <= MINHASH_SIZE; equal++) {
    const b: NearSignature = { words: 0, shingles: 0, minima: new Uint16Array(MINHASH_SIZE).fill(1, equal) };
    if (estimateJaccard(a, b) >= lowest) return equal;
  }
  return MINHASH_SIZE + 1; // nothing can match
})();

/**
 * Contiguous bands of the MinHash positions: one more than the most positions an acceptable pair can differ in
 * (128 - 71 = 57, so 58 bands of 2 or 3 positions). When that would need more bands than positions (a threshold so
 * low that pairs differing everywhere pass), the index scans every signature group instead.
 */
const BAND_COUNT = MINHASH_SIZE - Math.min(MIN_EQUAL_POSITIONS, MINHASH_SIZE) + 1;
const BANDS_ARE_EXACT = MIN_EQUAL_POSITIONS >= 1 && BAND_COUNT <= MINHASH_SIZE && Math.ceil(MINHASH_SIZE / BAND_COUNT) <= 3;
const BANDS: readonly (readonly [number, number])[] = BANDS_ARE_EXACT
  ? Array.from({ length: BAND_COUNT }, (_, b) => [Math.floor((b * MINHASH_SIZE) / BAND_COUNT), Math.floor(((b + 1) * MINHASH_SIZE) / BAND_COUNT)] as const)
  : [];
