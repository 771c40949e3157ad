/**
 * What the scorers ask of an element's text (how long, how many commas), without building the text. Building it
 * (textContent) for every candidate walks each subtree again: O(n × depth), quadratic on unclosed markup. A
 * subtree's figures follow from its children's, so one bottom-up pass gives every element's (measureSizes).
 *
 * The figures are exact: `length` is what `textContent(el).length` gives, white space collapsed and trimmed, which
 * takes knowing whether each piece starts or ends with white space (two pieces' runs merge into one space).
 */
import { collapseSpace } from './dom.ts';

export interface TextStats {
  /** Characters once white space is collapsed and the ends trimmed. */
  readonly length: number;
  /** Commas of any script: the paragraph scorers count them. */
  readonly commas: number;
  /** Starts / ends with white space (when length > 0). */
  readonly leadingSpace: boolean;
  readonly trailingSpace: boolean;
  /** Holds white space (when length is 0: such text still separates its neighbours). */
  readonly hasSpace: boolean;
}

export const NO_TEXT: TextStats = { length: 0, commas: 0, leadingSpace: false, trailingSpace: false, hasSpace: false };
const SPACE_ONLY: TextStats = { ...NO_TEXT, hasSpace: true };

function countCommas(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // , ، 、 ，
    if (c === 0x2c || c === 0x060c || c === 0x3001 || c === 0xff0c) n++;
  }
  return n;
}

/** Figures of a string whose white-space runs `collapse` turns into single spaces. */
export function statsOf(text: string, collapse: (text: string) => string = collapseSpace): TextStats {
  if (text === '') return NO_TEXT;
  const collapsed = collapse(text);
  const core = collapsed.trim();
  if (core === '') return SPACE_ONLY;
  return {
    length: core.length,
    commas: countCommas(core),
    leadingSpace: collapsed.charCodeAt(0) === 0x20,
    trailingSpace: collapsed.charCodeAt(collapsed.length - 1) === 0x20,
    hasSpace: true,
  };
}

/** Figures of `a` followed by `b`. */
export function joinStats(a: TextStats, b: TextStats): TextStats {
  if (b.length === 0) {
    if (!b.hasSpace || (a.length > 0 ? a.trailingSpace : a.hasSpace)) return a;
    return a.length > 0 ? { ...a, trailingSpace: true } : SPACE_ONLY;
  }
  if (a.length === 0) return a.hasSpace && !b.leadingSpace ? { ...b, leadingSpace: true } : b;
  return {
    length: a.length + b.length + (a.trailingSpace || b.leadingSpace ? 1 : 0),
    commas: a.commas + b.commas,
    leadingSpace: a.leadingSpace,
    trailingSpace: b.trailingSpace,
    hasSpace: true,
  };
}
