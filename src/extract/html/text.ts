/**
 * Turns the chosen article container(s) into plain text: first drops blocks inside them that still look like
 * furniture (Readability's "clean conditionally"), then lays out block-level elements as paragraphs separated by
 * a blank line, dropping boilerplate lines and repeated paragraphs.
 */
import { isTimestampLine, opensCommentArea, opensTrailingArea, trailingAreaStart } from '../furniture-lines.ts';
import { BLOCK_TAGS, collapseSpace, descendants, detach, isElement, isText, textContent, type AnyNode, type Element } from './dom.ts';
import { classWeight } from './score.ts';

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

function countTags(el: Element, names: Set<string>): number {
  let n = 0;
  for (const d of descendants(el)) if (names.has(d.name)) n++;
  return n;
}

const P = new Set(['p']);
const IMG = new Set(['img']);
const LI = new Set(['li']);
const INPUT = new Set(['input', 'select', 'textarea', 'button']);
const A = new Set(['a']);

function linkTextLength(el: Element): number {
  let n = 0;
  for (const d of descendants(el)) {
    if (!d.name || !A.has(d.name)) continue;
    // Links inside links do not exist in valid HTML; count each outermost link once.
    n += textContent(d).length;
  }
  return n;
}

function isInside(el: Element, tags: Set<string>): boolean {
  for (let p = el.parent; p; p = p.parent) if (isElement(p) && tags.has(p.name)) return true;
  return false;
}

const CODE = new Set(['pre', 'code']);

/**
 * A table of data (standings, results, figures) rather than a layout or link table: it has header cells or a
 * caption, or a grid of several rows and columns. Readability keeps those too.
 */
function isDataTable(table: Element): boolean {
  if (table.attribs['role'] === 'presentation') return false;
  let rows = 0;
  let maxCells = 0;
  for (const d of descendants(table)) {
    if (d.name === 'table') return false; // nested tables mean layout
    if (d.name === 'th' || d.name === 'caption' || d.name === 'thead') return true;
    if (d.name === 'tr') {
      rows++;
      maxCells = Math.max(maxCells, d.children.filter((c) => isElement(c) && CELL_TAGS.has(c.name)).length);
    }
  }
  return rows >= 3 && maxCells >= 3;
}

/** Readability's conditional clean: remove embedded blocks that look like link lists, widgets or forms. */
function cleanConditionally(root: Element, opts: RenderOptions): void {
  const all = descendants(root).filter((el) => CONDITIONAL_TAGS.has(el.name));
  // Deepest and last first, so a wrapper is judged after its junk children are gone.
  for (let i = all.length - 1; i >= 0; i--) {
    const el = all[i]!;
    if (!el.parent || isInside(el, CODE)) continue;
    if (el.name === 'table' && isDataTable(el)) continue;
    const weight = opts.useClassNames ? classWeight(el) : 0;
    if (weight < 0 && el !== root) {
      detach(el);
      continue;
    }
    const text = textContent(el);
    if ((text.match(/[,，、،]/g) ?? []).length >= 10) continue;
    const p = countTags(el, P);
    const img = countTags(el, IMG);
    // Readability discounts list items heavily: articles legitimately contain bullet lists.
    const li = countTags(el, LI) - 100;
    const inputs = countTags(el, INPUT);
    const isList = el.name === 'ul' || el.name === 'ol';
    const ld = text.length === 0 ? 0 : linkTextLength(el) / text.length;
    const remove =
      (img > 1 && p / img < 0.5) ||
      (!isList && li > p) ||
      inputs > Math.floor(p / 3) ||
      (!isList && text.length < 25 && (img === 0 || img > 2) && ld > 0) ||
      (!isList && weight < 25 && ld > 0.2 && text.length < 2000) ||
      (weight >= 25 && ld > 0.5) ||
      (isList && ld > 0.6);
    if (remove && el !== root) detach(el);
  }
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

function layout(nodes: Element[]): Block[] {
  const blocks: Block[] = [];
  let current = '';
  let linkChars = 0;
  let listDepth = 0;
  let headingDepth = 0;
  const flush = (): void => {
    const text = collapseSpace(current).trim();
    if (text) blocks.push({ text, linkChars: Math.min(linkChars, text.length), isListed: listDepth > 0, isHeading: headingDepth > 0 });
    current = '';
    linkChars = 0;
  };
  const walk = (n: AnyNode, inLink: boolean): void => {
    if (isText(n)) {
      current += n.data;
      if (inLink) linkChars += collapseSpace(n.data).trim().length;
      return;
    }
    if (!isElement(n)) return;
    if (SKIPPED_TAGS.has(n.name)) return;
    if (n.name === 'img') return;
    if (CELL_TAGS.has(n.name)) current += ' ';
    const isBlock = BLOCK_TAGS.has(n.name) && !CELL_TAGS.has(n.name);
    if (isBlock) flush();
    // Inline elements need a space only where the source had one; cells and items are separated by layout.
    const linked = inLink || n.name === 'a';
    const listed = LISTED_TAGS.has(n.name);
    const heading = HEADING_TAGS.has(n.name);
    if (listed) listDepth++;
    if (heading) headingDepth++;
    for (const c of n.children) walk(c, linked);
    if (isBlock) flush();
    if (listed) listDepth--;
    if (heading) headingDepth--;
  };
  for (const node of nodes) walk(node, false);
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
  // A short block that is all link is a "related" teaser or a tag, not a paragraph of the article.
  const words = text.split(' ').length;
  if (words < 15 && block.linkChars / text.length > 0.8) return true;
  return false;
}

/** The article text of the given containers: paragraphs separated by "\n\n". */
export function renderArticleText(nodes: Element[], opts: RenderOptions): string {
  for (const n of nodes) cleanConditionally(n, opts);
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
