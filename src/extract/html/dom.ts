/**
 * Small helpers over the parsed DOM (domhandler nodes, which cheerio uses under the hood). The scoring passes
 * walk nodes directly instead of through cheerio wrappers because a 1.5 MB page has ~50k nodes and the wrapper
 * cost dominates otherwise.
 */
import type { AnyNode, Element, ParentNode } from 'domhandler';

export type { AnyNode, Element, ParentNode };

/** Elements that start a new paragraph when the text is laid out. */
export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header',
  'hgroup', 'hr', 'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption', 'br',
]);

export function isElement(node: AnyNode): node is Element {
  // parse5's tree adapter marks <script> and <style> with their own types; they are still elements.
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

export function isText(node: AnyNode): node is AnyNode & { data: string } {
  return node.type === 'text';
}

/** Class and id of an element joined, lower-cased: the string the class/id heuristics look at. */
export function classAndId(el: Element): string {
  const cls = el.attribs['class'] ?? '';
  const id = el.attribs['id'] ?? '';
  return cls || id ? `${cls} ${id}`.toLowerCase() : '';
}

/** Collapses runs of whitespace (including NBSP) to single spaces. */
export function collapseSpace(text: string): string {
  // Control characters are never text; they show up in broken or binary documents.
  return text.replace(/[\s\u00a0\u200b\ufeff\u0000-\u001f\u007f]+/g, ' ');
}

/** The text of a subtree, whitespace collapsed, without any layout. */
export function textContent(node: AnyNode): string {
  const parts: string[] = [];
  const walk = (n: AnyNode): void => {
    if (isText(n)) parts.push(n.data);
    else if (n.type === 'tag' || n.type === 'root') for (const c of (n as ParentNode).children) walk(c);
  };
  walk(node);
  return collapseSpace(parts.join('')).trim();
}

/** Detaches a node from its parent (cheerio's remove() without building a wrapper). */
export function detach(node: AnyNode): void {
  const parent = node.parent;
  if (!parent) return;
  const siblings = parent.children;
  const i = siblings.indexOf(node);
  if (i >= 0) siblings.splice(i, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = null;
  node.prev = null;
  node.next = null;
}

/** All elements under root in document order (root excluded). Iterative: some pages nest thousands deep. */
export function descendants(root: ParentNode): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}
