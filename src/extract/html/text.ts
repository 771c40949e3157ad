/**
 * Turns the chosen article container(s) into plain text: first drops blocks inside them that still look like
 * furniture (Readability's "clean conditionally"), then lays out block-level elements as paragraphs separated by
 * a blank line, dropping boilerplate lines and repeated paragraphs.
 */
import { isCookieNotice, isPaywallNotice, isTimestampLine, opensCommentArea, opensTrailingArea, trailingAreaStart } from '../furniture-lines.ts';
import { BLOCK_TAGS, collapseSpace, descendants, detachAll, isElement, isText, preformattedText, type AnyNode, type Element } from './dom.ts';
import { classWeight } from './score.ts';
import { joinStats, NO_TEXT, statsOf, type TextStats } from './text-stats.ts';

/** Containers that may be a related-links list or a widget rather than part of the text. */
const CONDITIONAL_TAGS = new Set(['div', 'section', 'ul', 'ol', 'table', 'dl', 'header']);

/** Headings that repeat the page title: the truth of an article body never includes the headline. */
const SKIPPED_TAGS = new Set(['h1']);

// One-line labels left by widgets and ad slots. Whole-line matches only, so a sentence that merely starts with
// "Read more" stays.
const BOILERPLATE_LINE = /^(advertisement|advertisment|anzeige|publicidade|publicité|sponsored( content)?|story continues below( advertisement)?|article continues below|continue reading( below| the main story)?|read more( ?:.*)?|read the full (story|article).*|related( articles?| stories| coverage)?:?|trending( now| stories)?:?|see also:?|share( this)?( article| story| on \w+)?|share via \w+|tweet|email|print|comments?|\d+ comments?|click here .*|sign up .*newsletter.*|subscribe( now)?( to .*)?|follow us .*|image( source)?:.*|photo( credit)?:.*|(getty images|reuters|ap|afp)( photo)?|loading\.*|skip (to )?(main )?content)$/i;

/** Paragraphs at least this long are deduplicated. */
const MIN_DEDUPE_CHARS = 80;

/** Table cells: laid out side by side within their row, so a row reads as one line. */
const CELL_TAGS = new Set(['td', 'th']);

export interface RenderOptions {
  useClassNames: boolean;
}

const INPUT = new Set(['input', 'select', 'textarea', 'button']);
const CODE = new Set(['pre', 'code']);

/**
 * What the conditional clean weighs about a block, summed over its descendants (the block itself not counted,
 * as Readability counts). Kept per element so that a parent's figures come from its children's: one bottom-up
 * pass instead of a walk over every candidate's subtree (O(n × depth) on unclosed markup).
 */
interface BlockFigures {
  /** textContent(el), in figures. */
  text: TextStats;
  p: number;
  img: number;
  li: number;
  inputs: number;
  /** Characters of the text of every <a> inside (a link inside a link counts again, as it always has). */
  linkChars: number;
}

const NO_FIGURES: BlockFigures = { text: NO_TEXT, p: 0, img: 0, li: 0, inputs: 0, linkChars: 0 };

function figuresOf(el: Element, figures: ReadonlyMap<Element, BlockFigures>, removed: ReadonlySet<AnyNode>): BlockFigures {
  // As textContent: the text of <script>/<style> (elements of their own type) is left out.
  const hasText = el.type === 'tag';
  let text = NO_TEXT;
  let p = 0;
  let img = 0;
  let li = 0;
  let inputs = 0;
  let linkChars = 0;
  for (const c of el.children) {
    if (isText(c)) {
      if (hasText) text = joinStats(text, statsOf(c.data));
      continue;
    }
    if (!isElement(c) || removed.has(c)) continue;
    const f = figures.get(c) ?? NO_FIGURES;
    if (hasText) text = joinStats(text, f.text);
    p += f.p + (c.name === 'p' ? 1 : 0);
    img += f.img + (c.name === 'img' ? 1 : 0);
    li += f.li + (c.name === 'li' ? 1 : 0);
    inputs += f.inputs + (INPUT.has(c.name) ? 1 : 0);
    linkChars += f.linkChars + (c.name === 'a' ? f.text.length : 0);
  }
  return { text, p, img, li, inputs, linkChars };
}

function isInside(el: Element, tags: Set<string>): boolean {
  for (let p = el.parent; p; p = p.parent) if (isElement(p) && tags.has(p.name)) return true;
  return false;
}

/**
 * A table of data (standings, results, figures) rather than a layout or link table: it has header cells or a
 * caption, or a grid of several rows and columns. Readability keeps those too. Walks in document order and
 * stops at the first nested table, so nested tables are not walked once per enclosing table.
 */
function isDataTable(table: Element, removed: ReadonlySet<AnyNode>): boolean {
  if (table.attribs['role'] === 'presentation') return false;
  let rows = 0;
  let maxCells = 0;
  const stack: AnyNode[] = [...table.children].reverse();
  while (stack.length > 0) {
    const d = stack.pop()!;
    if (!isElement(d) || removed.has(d)) continue;
    if (d.name === 'table') return false; // nested tables mean layout
    if (d.name === 'th' || d.name === 'caption' || d.name === 'thead') return true;
    if (d.name === 'tr') {
      rows++;
      maxCells = Math.max(maxCells, d.children.filter((c) => isElement(c) && !removed.has(c) && CELL_TAGS.has(c.name)).length);
    }
    for (let i = d.children.length - 1; i >= 0; i--) stack.push(d.children[i]!);
  }
  return rows >= 3 && maxCells >= 3;
}

/** Readability's conditional clean: remove embedded blocks that look like link lists, widgets or forms. */
function cleanConditionally(root: Element, opts: RenderOptions, codeAbove: Map<AnyNode | null, boolean>): void {
  const all = descendants(root);
  // Inside <pre>/<code> nothing is judged: known top-down, from the root's ancestors, which are looked at once
  // for all roots with the same parent (the container's nodes are siblings).
  const above = root.parent;
  if (!codeAbove.has(above)) codeAbove.set(above, above !== null && isElement(above) && (CODE.has(above.name) || isInside(above, CODE)));
  const rootInCode = codeAbove.get(above)! || CODE.has(root.name);
  const inCode = new Set<Element>();
  for (const el of all) {
    const parent = el.parent as Element;
    if (parent === root ? rootInCode : inCode.has(parent) || CODE.has(parent.name)) inCode.add(el);
  }
  // Deepest and last first, so a wrapper is judged after its junk children are gone. Removal is recorded and
  // done at the end (see detachAll); until then figuresOf skips removed children, as if they were gone.
  const removed = new Set<AnyNode>();
  const figures = new Map<Element, BlockFigures>();
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    const f = figuresOf(el, figures, removed);
    figures.set(el, f);
    // Children's figures are folded into this one's and no longer needed.
    for (const c of el.children) if (isElement(c)) figures.delete(c);
    if (!CONDITIONAL_TAGS.has(el.name) || !el.parent || inCode.has(el)) continue;
    if (el.name === 'table' && isDataTable(el, removed)) continue;
    const weight = opts.useClassNames ? classWeight(el) : 0;
    if (weight < 0) {
      removed.add(el);
      continue;
    }
    const text = f.text;
    if (text.commas >= 10) continue;
    // Readability discounts list items heavily: articles legitimately contain bullet lists.
    const li = f.li - 100;
    const isList = el.name === 'ul' || el.name === 'ol';
    const ld = text.length === 0 ? 0 : f.linkChars / text.length;
    const remove =
      (f.img > 1 && f.p / f.img < 0.5) ||
      (!isList && li > f.p) ||
      f.inputs > Math.floor(f.p / 3) ||
      (!isList && text.length < 25 && (f.img === 0 || f.img > 2) && ld > 0) ||
      (!isList && weight < 25 && ld > 0.2 && text.length < 2000) ||
      (weight >= 25 && ld > 0.5) ||
      (isList && ld > 0.6);
    if (remove) removed.add(el);
  }
  detachAll([...removed]);
}

interface Block {
  text: string;
  linkChars: number;
  /** Inside a list item or table cell, where repeats are data (meal plans, schedules), not duplication. */
  isListed: boolean;
  /** The text of an <h2>-<h6>: a section heading by markup, not by guess. */
  isHeading: boolean;
}

const LISTED_TAGS = new Set(['li', 'dd', 'dt', 'td', 'th']);
const HEADING_TAGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * The blocks of text of the containers, in document order. White space is collapsed, except in a <pre> block, whose
 * lines stay lines (code, a statement set as it was typed, a table of figures aligned by spaces): inside it, a <br>
 * or a block element (a highlighter's line <div>) starts a line rather than a paragraph.
 */
function layout(nodes: Element[]): Block[] {
  const blocks: Block[] = [];
  let current = '';
  let linkChars = 0;
  let listDepth = 0;
  let headingDepth = 0;
  /** <pre> elements open around the current text. */
  let preDepth = 0;
  const flush = (): void => {
    const text = preDepth > 0 ? preformattedText(current) : collapseSpace(current).trim();
    if (text) blocks.push({ text, linkChars: Math.min(linkChars, text.length), isListed: listDepth > 0, isHeading: headingDepth > 0 });
    current = '';
    linkChars = 0;
  };
  const breakLine = (): void => {
    if (current !== '' && !current.endsWith('\n')) current += '\n';
  };
  // Iterative, with an exit step per element for what follows its children: unclosed markup nests thousands deep.
  // `ends` says what the element's end does: a paragraph ends (a block), a line ends (a block inside <pre>), the
  // preformatted text ends (<pre>), or nothing (inline).
  type Ending = 'paragraph' | 'line' | 'pre' | null;
  type Step = { node: AnyNode; inLink: boolean } | { exit: Element; ends: Ending; listed: boolean; heading: boolean };
  const steps: Step[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) steps.push({ node: nodes[i]!, inLink: false });
  while (steps.length > 0) {
    const step = steps.pop()!;
    if ('exit' in step) {
      if (step.ends === 'paragraph') flush();
      else if (step.ends === 'line') breakLine();
      else if (step.ends === 'pre') {
        flush();
        preDepth--;
      }
      if (step.listed) listDepth--;
      if (step.heading) headingDepth--;
      continue;
    }
    const { node: n, inLink } = step;
    if (isText(n)) {
      current += n.data;
      if (inLink) linkChars += collapseSpace(n.data).trim().length;
      continue;
    }
    if (!isElement(n)) continue;
    if (SKIPPED_TAGS.has(n.name)) continue;
    if (n.name === 'img') continue;
    if (CELL_TAGS.has(n.name)) current += ' ';
    const isBlock = BLOCK_TAGS.has(n.name) && !CELL_TAGS.has(n.name);
    let ends: Ending = null;
    if (preDepth > 0) {
      if (n.name === 'br') current += '\n';
      else if (isBlock) {
        breakLine();
        ends = 'line';
      }
    } else if (n.name === 'pre') {
      flush();
      preDepth++;
      ends = 'pre';
    } else if (isBlock) {
      flush();
      ends = 'paragraph';
    }
    // Inline elements need a space only where the source had one; cells and items are separated by layout.
    const linked = inLink || n.name === 'a';
    const listed = LISTED_TAGS.has(n.name);
    const heading = HEADING_TAGS.has(n.name);
    if (listed) listDepth++;
    if (heading) headingDepth++;
    steps.push({ exit: n, ends, listed, heading });
    for (let i = n.children.length - 1; i >= 0; i--) steps.push({ node: n.children[i]!, inLink: linked });
  }
  flush();
  return blocks;
}

// A byline line ("By Jane Doe - 11/18/19 11:04 PM EST", "By Jane Doe and John Roe", "BY JANE DOE"): metadata, not
// body text. Sentences that begin with "By" are longer or end with a full stop. Not the "i" flag: it would let
// \p{Lu} match small letters, and "by the end of the year" is not a name.
const BYLINE_LINE = /^(?:by|By|BY)\s+\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,3}(\s*(,|\band\b|\bAND\b|&|-|–|—|\||\bon\b|\bfor\b).*)?$/u;

function isBoilerplate(block: Block): boolean {
  const { text } = block;
  if (text.length < 100 && !/[.!?]["”’]?$/.test(text) && BYLINE_LINE.test(text)) return true;
  if (text.length < 100 && BOILERPLATE_LINE.test(text.replace(/[.…:»›>→|]+$/, '').trim())) return true;
  // A heading of the comment area or the "read next" rail that came too early to cut what follows it.
  if (text.length < 100 && opensTrailingArea(text)) return true;
  // Live-blog and dateline stamps ("17.42 BST", "2 min ago"); in a table they are data (timetables, results).
  if (!block.isListed && isTimestampLine(text)) return true;
  // A paywall's "subscribe to continue reading" and a consent banner inside the container, as a capture drops them.
  if (text.length < 600 && (isPaywallNotice(text) || isCookieNotice(text))) return true;
  // A short block that is all link is a "related" teaser or a tag, not a paragraph of the article.
  const words = text.split(' ').length;
  if (words < 15 && block.linkChars / text.length > 0.8) return true;
  return false;
}

/** The article text of the given containers: paragraphs separated by "\n\n". */
export function renderArticleText(nodes: Element[], opts: RenderOptions): string {
  const codeAbove = new Map<AnyNode | null, boolean>();
  for (const n of nodes) cleanConditionally(n, opts, codeAbove);
  const seen = new Set<string>();
  const out: string[] = [];
  const blocks = layout(nodes);
  // Comments and "read next" lists that sit inside the article container, as on pages without class names.
  const end = trailingAreaStart(blocks.map((b) => b.text), (i) => blocks[i]!.isHeading && opensCommentArea(blocks[i]!.text));
  for (const block of blocks.slice(0, end)) {
    if (isBoilerplate(block)) continue;
    // Sites repeat pull quotes and summaries inside the body; keep each such paragraph once. Short lines and
    // list items are exempt: recipes, schedules and tables legitimately repeat them ("Eat every 2-3 hours").
    if (block.text.length >= MIN_DEDUPE_CHARS && !block.isListed) {
      const key = block.text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(block.text);
  }
  return out.join('\n\n');
}
