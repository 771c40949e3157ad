/**
 * The comment area and the lists of other stories under a page's article, as blocks: a `<div>` or `<section>` that
 * opens with its heading ("42 Comments", "Related stories"). On a page without class names their many prose-like
 * paragraphs can outscore a short article, and the extractor would give the comments, or other stories' teasers,
 * as the article. The container the scorer found is checked against them afterwards rather than all such blocks
 * removed beforehand: a page whose article was found needs no change to how it was found.
 */
import { headsTrailingBlock } from '../furniture-lines.ts';
import { collapseSpace, descendants, isElement, isText, type AnyNode, type Element, type ParentNode } from './dom.ts';
import { parentElement } from './score.ts';

const TRAILING_BLOCK_TAGS = new Set(['div', 'section']);
const SUBHEADING_TAGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);
/** What the article's own wrapper holds: a block with one of these is never taken for a trailing block. */
const ARTICLE_MARKERS = new Set(['h1', 'article', 'main']);
/** A heading of a trailing area is a few words; a longer one is not read (headings can nest thousands deep). */
const MAX_HEADING_NODES = 32;
const MAX_HEADING_CHARS = 100;

/** The elements that are or hold an <h1>, <article> or <main>, in one bottom-up pass. */
function articleHolders(root: ParentNode): Set<Element> {
  const holders = new Set<Element>();
  const all = descendants(root);
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    if (ARTICLE_MARKERS.has(el.name) || el.children.some((c) => holders.has(c as Element))) holders.add(el);
  }
  return holders;
}

/** The text of a short heading, or null past a few nodes or characters. */
function shortHeadingText(heading: Element): string | null {
  let text = '';
  let nodes = 0;
  const stack: AnyNode[] = [...heading.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (++nodes > MAX_HEADING_NODES) return null;
    if (isText(n)) text += n.data;
    else if (n.type === 'tag') for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  const collapsed = collapseSpace(text).trim();
  return collapsed.length <= MAX_HEADING_CHARS ? collapsed : null;
}

/** Whether `el` opens with the heading of the comment area or of a list of other stories (see the module comment). */
function isTrailingBlock(el: Element, holders: ReadonlySet<Element>): boolean {
  if (!TRAILING_BLOCK_TAGS.has(el.name) || holders.has(el)) return false;
  const first = el.children.find((c) => !(isText(c) && c.data.trim() === '') && c.type !== 'comment');
  if (!first || !isElement(first) || !SUBHEADING_TAGS.has(first.name)) return false;
  const heading = shortHeadingText(first);
  return heading !== null && headsTrailingBlock(heading);
}

/**
 * The trailing blocks among the container the scorer found (`nodes`, siblings) and the blocks around it, up to
 * `body`: what must go before the article is looked for again. [] when the container is not in one.
 */
export function trailingBlocksOf(nodes: readonly Element[], root: ParentNode, body: ParentNode): Element[] {
  if (nodes.length === 0) return [];
  const holders = articleHolders(root);
  const found = nodes.filter((n) => isTrailingBlock(n, holders));
  for (let a = parentElement(nodes[0]!); a && a !== body; a = parentElement(a)) {
    if (isTrailingBlock(a, holders)) {
      found.push(a);
      break;
    }
  }
  return found;
}
