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

/** The widest run of spaces and tabs kept inside a line of preformatted text: a table's columns need less. */
const MAX_PREFORMATTED_GAP = 40;
// written `[ \t]{40}[ \t]+` rather than `[ \t]{41,}`, which V8 runs 500 times slower on a long run
const WIDER_GAP = new RegExp(`[ \t]{${MAX_PREFORMATTED_GAP}}[ \t]+`, 'g');

/**
 * The text of a <pre> block as a reader sees it: its line breaks and the spaces and tabs that align its columns kept,
 * each line without white space at its end, the indentation all its lines share taken off, no blank line at either
 * end nor two in a row. NBSP and the other spaces are plain spaces; control and zero-width characters go. A run of
 * spaces and tabs is cut at MAX_PREFORMATTED_GAP characters (a hostile page's megabyte of them is not a column).
 */
export function preformattedText(text: string): string {
  const lines = text
    .replace(/\r\n?|[\u000b\u000c\u0085\u2028\u2029]/g, '\n')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f\u200b\ufeff]/g, '')
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(WIDER_GAP, (gap) => gap.slice(0, MAX_PREFORMATTED_GAP))
    .split('\n')
    .map((line) => line.trimEnd());
  // the white space every line that has text starts with
  let indent: string | null = null;
  for (const line of lines) {
    if (line === '') continue;
    const own = /^[ \t]*/.exec(line)![0];
    if (indent === null || !own.startsWith(indent)) {
      let shared = 0;
      while (indent !== null && shared < indent.length && shared < own.length && indent[shared] === own[shared]) shared++;
      indent = indent === null ? own : own.slice(0, shared);
    }
    if (indent === '') break;
  }
  const kept: string[] = [];
  for (const line of lines) {
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line.slice(indent?.length ?? 0));
  }
  if (kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n');
}

/**
 * The text nodes under `node` joined in document order, descending only into the nodes `descend` accepts. Iterative:
 * unclosed markup nests as deep as the page is long (see parse.ts).
 */
function joinedText(node: AnyNode, descend: (n: AnyNode) => boolean): string {
  const parts: string[] = [];
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (isText(n)) parts.push(n.data);
    else if (descend(n)) {
      const children = (n as ParentNode).children;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return parts.join('');
}

/** The text of a subtree, whitespace collapsed, without any layout. Only <script>/<style> text is left out. */
export function textContent(node: AnyNode): string {
  return collapseSpace(joinedText(node, (n) => n.type === 'tag' || n.type === 'root')).trim();
}

/**
 * Detaches nodes from their parents (cheerio's remove() without building a wrapper). All at once: removing k of a
 * parent's n children one by one costs k searches and splices of n: quadratic on a page of many siblings.
 */
export function detachAll(nodes: readonly AnyNode[]): void {
  if (nodes.length === 0) return;
  const gone = new Set(nodes);
  const parents = new Set<ParentNode>();
  for (const n of nodes) if (n.parent) parents.add(n.parent);
  for (const parent of parents) {
    const children = parent.children;
    let kept = 0;
    for (const c of children) if (!gone.has(c)) children[kept++] = c;
    children.length = kept;
    for (let i = 0; i < kept; i++) {
      children[i]!.prev = children[i - 1] ?? null;
      children[i]!.next = children[i + 1] ?? null;
    }
  }
  for (const n of nodes) {
    n.parent = null;
    n.prev = null;
    n.next = null;
  }
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

/**
 * The elements under root that pass `test`, in document order: what a cheerio query for a simple selector gives.
 * Extraction does not query through cheerio: css-select's walk shifts a stack as deep as the tree at every
 * element, quadratic on unclosed markup.
 */
export function findElements(root: ParentNode, test: (el: Element) => boolean): Element[] {
  return descendants(root).filter(test);
}

/** The first element under root, in document order, that passes `test`; walks no further than it. */
export function findElement(root: ParentNode, test: (el: Element) => boolean): Element | undefined {
  const stack: AnyNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) continue;
    if (test(n)) return n;
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return undefined;
}

/** cheerio's `.text()`: every text node under node, <script> and <style> included, nothing collapsed. */
export function rawText(node: AnyNode): string {
  return joinedText(node, (n) => Object.prototype.hasOwnProperty.call(n, 'children'));
}

/**
 * css-select's `[name~="word"]` (and `.word` for class): `word` is one of the white-space separated words of the
 * attribute. `ignoreCase` as css-select has it in HTML: true for attributes HTML defines so (rel, type, lang, ...).
 */
export function wordTest(word: string, ignoreCase = false): (value: string | undefined) => boolean {
  const escaped = word.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, '\\$&');
  const re = new RegExp(`(?:^|\\s)${escaped}(?:$|\\s)`, ignoreCase ? 'i' : '');
  return (value) => value !== undefined && value.length >= word.length && re.test(value);
}

/** How many elements deep the tree under root nests (0 for no element). */
export function treeDepth(root: ParentNode): number {
  let max = 0;
  const stack: [AnyNode, number][] = root.children.map((c) => [c, 1]);
  while (stack.length > 0) {
    const [n, depth] = stack.pop()!;
    if (!isElement(n)) continue;
    if (depth > max) max = depth;
    for (const c of n.children) stack.push([c, depth + 1]);
  }
  return max;
}
