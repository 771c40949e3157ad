/**
 * Text measurements of every element, computed in one post-order pass. Scoring asks "how much text, how much of
 * it is links" for thousands of nodes; walking each subtree again would be quadratic on deep pages.
 */
import { descendants, isElement, type Element, type ParentNode } from './dom.ts';

export interface Sizes {
  /** Characters of text (each text node trimmed). */
  text: Map<Element, number>;
  /** Characters of text inside <a>. */
  link: Map<Element, number>;
  /** Characters of text inside <p>. */
  paragraph: Map<Element, number>;
}

export function measureSizes(root: ParentNode): Sizes {
  const sizes: Sizes = { text: new Map(), link: new Map(), paragraph: new Map() };
  const all = descendants(root);
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    let text = 0;
    let link = 0;
    let paragraph = 0;
    for (const c of el.children) {
      if (c.type === 'text') text += (c as unknown as { data: string }).data.trim().length;
      else if (isElement(c)) {
        text += sizes.text.get(c) ?? 0;
        link += sizes.link.get(c) ?? 0;
        paragraph += sizes.paragraph.get(c) ?? 0;
      }
    }
    if (el.name === 'a') link = text;
    if (el.name === 'p') paragraph = text;
    sizes.text.set(el, text);
    sizes.link.set(el, link);
    sizes.paragraph.set(el, paragraph);
  }
  return sizes;
}

/** Share of an element's text that sits inside links (0 for an element without text). */
export function linkDensity(el: Element, sizes: Sizes): number {
  const text = sizes.text.get(el) ?? 0;
  return text === 0 ? 0 : Math.min(1, (sizes.link.get(el) ?? 0) / text);
}
