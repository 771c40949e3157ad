/**
 * Near-duplicate signature: b-bit MinHash over word 5-shingles of the normalised body text.
 *
 * Why these choices:
 * - Word 5-shingles: long enough that two different articles on the same event rarely share many (they share
 *   names, not 5-word runs), short enough that a syndicated copy with a few edited words keeps most of its shingles.
 * - 128 hash functions: the standard error of the Jaccard estimate is sqrt(J(1-J)/128), about 0.035 at J = 0.8.
 * - 16 bits kept per minimum (b-bit MinHash): two unequal minima collide with probability 2^-16, a bias we correct
 *   for exactly; it halves the stored size (the signature is stored as TEXT on every article row).
 * - The header stores the word count and the number of distinct shingles, so that a short text can be refused as
 *   weak evidence and the Jaccard estimate can be turned into a containment estimate (how much of the smaller text
 *   is inside the larger one), which is what "a trimmed ending plus an added boilerplate line" preserves.
 *
 * Serialised form: `mh1.<words>.<shingles>.<base64url of 128 big-endian uint16>` (about 360 characters).
 * A different version prefix means "not comparable": such pairs are never declared duplicates.
 */
import { normalizedWords } from './fingerprint.ts';

export const SHINGLE_WORDS = 5;
export const MINHASH_SIZE = 128;
const SIGNATURE_VERSION = 'mh1';
const BITS_KEPT = 16;
const COLLISION_PROBABILITY = 2 ** -BITS_KEPT;

export interface NearSignature {
  words: number;
  shingles: number;
  minima: Uint16Array;
}

/** Per-hash-function seeds, fixed forever for signature version mh1 (changing them invalidates stored rows). */
const SEEDS: Uint32Array = (() => {
  const seeds = new Uint32Array(MINHASH_SIZE);
  let state = 0x9e3779b9;
  for (let i = 0; i < MINHASH_SIZE; i++) {
    state = mix32((state + 0x6d2b79f5) >>> 0);
    seeds[i] = state;
  }
  return seeds;
})();

/** murmur3's 32-bit finaliser: a fast bijective mixer, so `mix32(x ^ seed)` acts as an independent hash per seed. */
function mix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, then mixed. */
function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h >>> 0);
}

/** Distinct 32-bit hashes of the word 5-shingles (the whole text is one shingle when it has fewer words). */
function shingleHashes(words: readonly string[]): Set<number> {
  const wordHashes = words.map(hashWord);
  const shingles = new Set<number>();
  const span = Math.min(SHINGLE_WORDS, wordHashes.length);
  for (let start = 0; start + span <= wordHashes.length && span > 0; start++) {
    let h = 0;
    for (let k = 0; k < span; k++) h = mix32((Math.imul(h, 31) + wordHashes[start + k]!) >>> 0);
    shingles.add(h);
  }
  return shingles;
}

/**
 * Cost: O(words × 128) integer operations; about 0.4 ms for an 800-word article.
 */
export function computeNearSignature(text: string): NearSignature {
  return computeNearSignatureOfWords(normalizedWords(text));
}

/** As {@link computeNearSignature}, for words already normalised by `normalizedWords`. */
export function computeNearSignatureOfWords(words: readonly string[]): NearSignature {
  const shingles = shingleHashes(words);
  const minima32 = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      // mix32(shingle ^ seed), inlined: this loop is most of the cost of computing the keys.
      let h = shingle ^ SEEDS[i]!;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h = (h ^ (h >>> 16)) >>> 0;
      if (h < minima32[i]!) minima32[i] = h;
    }
  }
  const minima = new Uint16Array(MINHASH_SIZE);
  for (let i = 0; i < MINHASH_SIZE; i++) minima[i] = minima32[i]! >>> (32 - BITS_KEPT);
  return { words: words.length, shingles: shingles.size, minima };
}

export function serializeNearSignature(signature: NearSignature): string {
  const bytes = Buffer.alloc(MINHASH_SIZE * 2);
  for (let i = 0; i < MINHASH_SIZE; i++) bytes.writeUInt16BE(signature.minima[i]!, i * 2);
  return `${SIGNATURE_VERSION}.${signature.words}.${signature.shingles}.${bytes.toString('base64url')}`;
}

/**
 * Decoded signatures, keyed by their text. Known articles are scanned once per new article, so without this every
 * scan would decode the same few thousand strings again. Invariant: entries are immutable and depend only on the
 * key, so the cache never changes a result; it is emptied when it reaches its bound to cap memory (~15 MB).
 */
const decodedSignatures = new Map<string, NearSignature | null>();
const DECODED_CACHE_LIMIT = 40_000;

/** Null when the text is not a signature of the current version (old rows, empty strings, corruption). */
export function parseNearSignature(serialized: string): NearSignature | null {
  const cached = decodedSignatures.get(serialized);
  if (cached !== undefined) return cached;
  const parsed = decodeNearSignature(serialized);
  if (decodedSignatures.size >= DECODED_CACHE_LIMIT) decodedSignatures.clear();
  decodedSignatures.set(serialized, parsed);
  return parsed;
}

function decodeNearSignature(serialized: string): NearSignature | null {
  const parts = serialized.split('.');
  if (parts.length !== 4 || parts[0] !== SIGNATURE_VERSION) return null;
  const words = Number(parts[1]);
  const shingles = Number(parts[2]);
  if (!Number.isInteger(words) || !Number.isInteger(shingles) || words < 0 || shingles < 0) return null;
  const bytes = Buffer.from(parts[3]!, 'base64url');
  if (bytes.length !== MINHASH_SIZE * 2) return null;
  const minima = new Uint16Array(MINHASH_SIZE);
  for (let i = 0; i < MINHASH_SIZE; i++) minima[i] = bytes.readUInt16BE(i * 2);
  return { words, shingles, minima };
}

/** Estimated Jaccard similarity of the two shingle sets, corrected for 16-bit collisions; 0..1. */
export function estimateJaccard(a: NearSignature, b: NearSignature): number {
  let equal = 0;
  for (let i = 0; i < MINHASH_SIZE; i++) if (a.minima[i] === b.minima[i]) equal++;
  const raw = equal / MINHASH_SIZE;
  return Math.max(0, (raw - COLLISION_PROBABILITY) / (1 - COLLISION_PROBABILITY));
}

/**
 * Estimated share of the smaller text's shingles that also occur in the larger one, from the Jaccard estimate and
 * the set sizes: |A∩B| = J(|A|+|B|)/(1+J).
 */
export function estimateContainment(a: NearSignature, b: NearSignature, jaccard: number): number {
  const smaller = Math.min(a.shingles, b.shingles);
  if (smaller === 0) return 0;
  const intersection = (jaccard * (a.shingles + b.shingles)) / (1 + jaccard);
  return Math.min(1, intersection / smaller);
}

export interface NearDuplicateOptions {
  /**
   * Texts with fewer words never count as near-duplicates: a 30-word teaser shares its few shingles with too many
   * unrelated things (standard phrases, headlines) for the estimate to mean anything.
   * @default 40
   */
  minWords: number;
  /** Estimated Jaccard at or above which two texts are the same article. @default 0.8 */
  jaccardThreshold: number;
  /**
   * A syndicated copy with its last paragraphs cut has a low Jaccard but sits almost entirely inside the original.
   * Such a pair is a duplicate when the smaller text is at least this much contained in the larger one...
   * @default 0.9
   */
  containmentThreshold: number;
  /** ...and their Jaccard is still at least this (so a short excerpt quoted inside a long piece is not a copy). @default 0.55 */
  containmentMinJaccard: number;
}

export const DEFAULT_NEAR_DUPLICATE_OPTIONS: Readonly<NearDuplicateOptions> = Object.freeze({
  minWords: 40,
  jaccardThreshold: 0.8,
  containmentThreshold: 0.9,
  containmentMinJaccard: 0.55,
});

/**
 * Similarity (estimated Jaccard) when the two signatures are near-duplicates under `options`, else null.
 */
export function nearDuplicateSimilarity(
  a: NearSignature,
  b: NearSignature,
  options: Readonly<NearDuplicateOptions> = DEFAULT_NEAR_DUPLICATE_OPTIONS,
): number | null {
  if (a.words < options.minWords || b.words < options.minWords) return null;
  // J <= min/max of the set sizes, so a pair whose sizes differ too much can be skipped without comparing minima.
  const sizeRatio = Math.min(a.shingles, b.shingles) / Math.max(a.shingles, b.shingles);
  if (sizeRatio < Math.min(options.jaccardThreshold, options.containmentMinJaccard) - 0.1) return null;
  const jaccard = estimateJaccard(a, b);
  if (jaccard >= options.jaccardThreshold) return jaccard;
  if (jaccard >= options.containmentMinJaccard && estimateContainment(a, b, jaccard) >= options.containmentThreshold) {
    return jaccard;
  }
  return null;
}
