/**
 * A tiny phrase language for lexicons, matched on tokens in one pass.
 *
 * A pattern is space-separated slots:
 * - `word`         the exact token
 * - `a|b|c`        any of the alternatives
 * - `paus*`        any token starting with `paus` (may be combined: `halt*|freez*`)
 * - `slot?`        optional slot
 * - `~N`           skip up to N tokens (never across a clause break such as `,` `;` `.` or `?`)
 *
 * A slot is one word: "small price|cheap insurance" is four slots ("small", "price|cheap", ...), not two phrases; a
 * phrase of several words is a pattern of its own.
 *
 * Example: `should|must ~3 paus*|halt*|freez*` matches "labs should all pause now".
 */

import { isClauseBreak, type Token } from './tokenize.ts';

interface Slot {
  exact: ReadonlySet<string>;
  prefixes: readonly string[];
  optional: boolean;
  /** For `~N` slots: the largest number of tokens to skip; 0 for ordinary slots. */
  skip: number;
}

export interface PhraseSpec<T> {
  pattern: string;
  data: T;
}

export interface PhraseMatch<T> {
  data: T;
  /** Index of the first and one past the last matched token. */
  from: number;
  to: number;
}

interface CompiledPhrase<T> {
  slots: Slot[];
  data: T;
}

export interface PhraseMatcher<T> {
  /** All matches, left to right; overlapping matches of different phrases are all returned. */
  match(tokens: readonly Token[], from?: number, to?: number): PhraseMatch<T>[];
}

function parseSlot(text: string): Slot {
  const skip = /^~(\d+)$/.exec(text);
  if (skip) return { exact: new Set(), prefixes: [], optional: true, skip: Number(skip[1]) };
  const optional = text.endsWith('?') && text.length > 1;
  const body = optional ? text.slice(0, -1) : text;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const alternative of body.split('|')) {
    if (alternative.endsWith('*') && alternative.length > 1) prefixes.push(alternative.slice(0, -1));
    else exact.add(alternative);
  }
  return { exact, prefixes, optional, skip: 0 };
}

function slotAccepts(slot: Slot, word: string): boolean {
  if (slot.exact.has(word)) return true;
  for (const prefix of slot.prefixes) if (word.startsWith(prefix)) return true;
  return false;
}

/** Returns the end index of a match of slots[slotIndex..] starting at token i, or -1. */
function matchFrom(slots: readonly Slot[], slotIndex: number, tokens: readonly Token[], i: number, end: number): number {
  if (slotIndex === slots.length) return i;
  const slot = slots[slotIndex]!;
  if (slot.skip > 0) {
    for (let skipped = 0; skipped <= slot.skip; skipped++) {
      const result = matchFrom(slots, slotIndex + 1, tokens, i + skipped, end);
      if (result >= 0) return result;
      const next = tokens[i + skipped];
      if (next === undefined || i + skipped >= end || isClauseBreak(next.word)) break;
    }
    return -1;
  }
  if (i < end && slotAccepts(slot, tokens[i]!.word)) {
    const result = matchFrom(slots, slotIndex + 1, tokens, i + 1, end);
    if (result >= 0) return result;
  }
  return slot.optional ? matchFrom(slots, slotIndex + 1, tokens, i, end) : -1;
}

export function compilePhrases<T>(specs: readonly PhraseSpec<T>[]): PhraseMatcher<T> {
  // Phrases are indexed by the exact words their first slot accepts; phrases whose first slot is a prefix are
  // few and are tried at every token.
  const byFirstWord = new Map<string, CompiledPhrase<T>[]>();
  // Prefix phrases are bucketed by their first letter so a token is checked only against those that can match.
  const byPrefix = new Map<string, { prefix: string; phrase: CompiledPhrase<T> }[]>();
  for (const spec of specs) {
    const slots = spec.pattern.trim().split(/\s+/).map(parseSlot);
    const first = slots[0];
    if (first === undefined || first.optional || first.skip > 0) {
      throw new Error(`phrase pattern must start with a required word: "${spec.pattern}"`);
    }
    const phrase = { slots, data: spec.data };
    for (const word of first.exact) {
      const list = byFirstWord.get(word);
      if (list) list.push(phrase);
      else byFirstWord.set(word, [phrase]);
    }
    for (const prefix of first.prefixes) {
      const bucket = byPrefix.get(prefix[0]!);
      if (bucket) bucket.push({ prefix, phrase });
      else byPrefix.set(prefix[0]!, [{ prefix, phrase }]);
    }
  }

  return {
    match(tokens, from = 0, to = tokens.length) {
      const matches: PhraseMatch<T>[] = [];
      for (let i = from; i < to; i++) {
        const word = tokens[i]!.word;
        const candidates = byFirstWord.get(word);
        if (candidates) {
          for (const phrase of candidates) {
            const end = matchFrom(phrase.slots, 1, tokens, i + 1, to);
            if (end >= 0) matches.push({ data: phrase.data, from: i, to: end });
          }
        }
        for (const { prefix, phrase } of byPrefix.get(word[0] ?? '') ?? []) {
          if (!word.startsWith(prefix)) continue;
          const end = matchFrom(phrase.slots, 1, tokens, i + 1, to);
          if (end >= 0) matches.push({ data: phrase.data, from: i, to: end });
        }
      }
      return matches;
    },
  };
}
