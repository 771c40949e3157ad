/**
 * Text measurements of every element, computed in one post-order pass. Scoring asks "how much text, how much of
 * it is links" for thousands of nodes; walking each subtree again would be quadratic on deep pages. One map of
 * records rather than a map per figure: on a page of a million elements each map lookup is a cache miss.
 */
import { descendants, isElement, isText, type Element, type ParentNode } from './dom.ts';
import { joinStats, NO_TEXT, statsOf, type TextStats } from './text-stats.ts';

export interface Size {
  /** Characters of text (each text node trimmed). */
  readonly text: number;
  /** Characters of text inside <a>. */
  readonly link: number;
  /** Characters of text inside <p>. */
  readonly paragraph: number;
  /** textContent(el) in figures: its length and commas (see text-stats.ts). */
  readonly content: TextStats;
}

export type Sizes = Map<Element, Size>;

const NO_SIZE: Size = { text: 0, link: 0, paragraph: 0, content: NO_TEXT };

export function sizeOf(el: Element, sizes: Sizes): Size {
  return sizes.get(el) ?? NO_SIZE;
}

export function measureSizes(root: ParentNode): Sizes {
  const sizes: Sizes = new Map();
  const all = descendants(root);
  // Reverse document order: every element comes after all of its descendants.
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    // textContent leaves out <script>/<style> (elements of their own type), but `text` has always counted them.
    const hasContent = el.type === 'tag';
    let text = 0;
    let link = 0;
    let paragraph = 0;
    let content = NO_TEXT;
    for (const c of el.children) {
      if (isText(c)) {
        text += c.data.trim().length;
        if (hasContent) content = joinStats(content, statsOf(c.data));
      } else if (isElement(c)) {
        const s = sizes.get(c) ?? NO_SIZE;
        text += s.text;
        link += s.link;
        paragraph += s.paragraph;
        if (hasContent) content = joinStats(content, s.content);
      }
    }
    if (el.name === 'a') link = text;
    if (el.name === 'p') paragraph = text;
    sizes.set(el, { text, link, paragraph, content });
  }
  return sizes;
}

/** Share of an element's text that sits inside links (0 for an element without text). */
export function linkDensity(el: Element, sizes: Sizes): number {
  const { text, link } = sizeOf(el, sizes);
  return text === 0 ? 0 : Math.min(1, link / text);
}
