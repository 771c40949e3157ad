/**
 * Finds the element that holds the article, Readability-style: every paragraph gives points to its ancestors
 * (more for long text and commas, i.e. prose), ancestors get a bonus or malus from their class/id names, and a
 * container's score is discounted by its link density. The best container is taken together with those of its
 * siblings that look like continuation of the article (sites that split the body into several divs).
 */
import { BLOCK_TAGS, descendants, isElement, isText, textContent, type Element, type ParentNode } from './dom.ts';
import { linkDensity, sizeOf, type Sizes } from './sizes.ts';
import { joinStats, NO_TEXT, statsOf, type TextStats } from './text-stats.ts';

const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose/;
const NEGATIVE = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|foot|footer|footnote|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|teaser|card/;

/** Paragraph-like elements whose text is scored. Headings are not: they are short and also appear in menus. */
const SCORED_TAGS = new Set(['p', 'pre', 'td', 'blockquote']);

/** Paragraphs shorter than this are bylines, labels or buttons more often than prose. */
const MIN_PARAGRAPH_CHARS = 25;

/** How many ancestors a paragraph's score reaches: enough to get past wrapper divs to the article container. */
const ANCESTOR_LEVELS = 5;

export interface ScoreOptions {
  /** Weigh class/id names (switched off on the retry pass). */
  useClassNames: boolean;
}

export function classWeight(el: Element): number {
  let w = 0;
  for (const name of [el.attribs['class'], el.attribs['id']]) {
    if (!name) continue;
    const n = name.toLowerCase();
    if (NEGATIVE.test(n)) w -= 25;
    if (POSITIVE.test(n)) w += 25;
  }
  return w;
}

function tagWeight(tag: string): number {
  switch (tag) {
    case 'div': case 'article': case 'main': case 'section': return 5;
    case 'pre': case 'td': case 'blockquote': return 3;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': return -3;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': return -5;
    default: return 0;
  }
}

const SPACE = statsOf(' ');

/** Readability's own collapse (\s only, unlike collapseSpace): kept so that scores stay as they were. */
function collapseRegexSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/**
 * A div's own inline content (text nodes and inline children), which Readability treats as a paragraph: the
 * figures of `own.replace(/\s+/g, ' ').trim()` where `own` joins the text nodes and ' ' + textContent(child).
 */
function ownInlineStats(el: Element, sizes: Sizes): TextStats {
  let s = NO_TEXT;
  for (const c of el.children) {
    if (isText(c)) s = joinStats(s, statsOf(c.data, collapseRegexSpace));
    else if (isElement(c) && !BLOCK_TAGS.has(c.name)) s = joinStats(joinStats(s, SPACE), sizeOf(c, sizes).content);
  }
  return s;
}

function paragraphScore(text: TextStats): number {
  return 1 + text.commas + Math.min(Math.floor(text.length / 100), 3);
}

/** The article container(s) in document order, or [] when the page has no paragraph worth scoring. */
export function findArticleNodes(root: ParentNode, body: ParentNode, sizes: Sizes, opts: ScoreOptions): Element[] {
  const scores = new Map<Element, number>();
  // Paragraph points of each element's own paragraphs; withSiblings sums them over whole subtrees.
  const points = new Map<Element, number>();
  const initScore = (el: Element): void => {
    if (!scores.has(el)) scores.set(el, tagWeight(el.name) + (opts.useClassNames ? classWeight(el) : 0));
  };
  const credit = (first: Element, paragraph: number): void => {
    points.set(first, (points.get(first) ?? 0) + paragraph);
    let level = 0;
    for (let a: Element | null = first; a && level < ANCESTOR_LEVELS; a = parentElement(a), level++) {
      initScore(a);
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(a, scores.get(a)! + paragraph / divider);
      if (a === body) break;
    }
  };

  for (const el of descendants(root)) {
    if (SCORED_TAGS.has(el.name)) {
      // A <td> holding a whole article is a layout table, scored through its paragraphs instead.
      const size = sizeOf(el, sizes);
      if (size.text < MIN_PARAGRAPH_CHARS) continue;
      const parent = parentElement(el);
      if (!parent) continue;
      if (size.content.length < MIN_PARAGRAPH_CHARS) continue;
      credit(parent, paragraphScore(size.content));
    } else if (el.name === 'div' || el.name === 'section' || el.name === 'article') {
      const own = ownInlineStats(el, sizes);
      if (own.length >= MIN_PARAGRAPH_CHARS) credit(el, paragraphScore(own));
    }
  }
  if (scores.size === 0) return [];

  // Links mean navigation: a container full of link text is a list of teasers, not an article.
  for (const [el, s] of scores) scores.set(el, s * (1 - linkDensity(el, sizes)));

  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  let top = ranked[0]![0];
  const topScore = ranked[0]![1];

  // When several near-best candidates share an ancestor, the article is that ancestor (body split in blocks).
  const alternatives = ranked.slice(1, 5).filter(([, s]) => s / topScore >= 0.75).map(([el]) => el);
  if (alternatives.length >= 3) {
    const ancestorSets = alternatives.map((el) => new Set(ancestorsOf(el)));
    for (let a = parentElement(top); a && a !== body; a = parentElement(a)) {
      if (ancestorSets.filter((s) => s.has(a!)).length >= 3) {
        top = a;
        break;
      }
    }
  }
  initScore(top);

  // Climb while the parent scores better: the paragraph scores may have peaked on an inner wrapper.
  let lastScore = scores.get(top)!;
  const threshold = lastScore / 3;
  for (let a = parentElement(top); a && a !== body; a = parentElement(a)) {
    const s = scores.get(a);
    if (s === undefined) continue;
    if (s < threshold) break;
    if (s > lastScore) {
      top = a;
      break;
    }
    lastScore = s;
  }
  // A lone child adds nothing; its parent may hold siblings worth merging.
  for (let a = parentElement(top); a && a !== body && elementChildren(a).length === 1; a = parentElement(a)) top = a;

  return withSiblings(top, scores, points, sizes);
}

function withSiblings(top: Element, scores: Map<Element, number>, points: Map<Element, number>, sizes: Sizes): Element[] {
  const parent = parentElement(top);
  if (!parent) return [top];
  const topScore = scores.get(top) ?? 0;
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs['class'] ?? '';
  // Paragraph points summed over whole subtrees, without Readability's depth limit: sibling blocks of a deeply
  // nested body (wrapper inside wrapper inside section) get no depth-limited score but do hold the prose. Summed
  // here for the siblings alone: their subtrees do not overlap, so this is one walk over the parent's.
  const proseOf = (el: Element): number => subtreePoints(el, points) * (1 - linkDensity(el, sizes));
  const topProse = proseOf(top);
  const out: Element[] = [];
  for (const sib of elementChildren(parent)) {
    if (sib === top) {
      out.push(sib);
      continue;
    }
    // Siblings styled like the winner are usually further parts of the same body.
    const bonus = topClass && sib.attribs['class'] === topClass ? topScore * 0.2 : 0;
    const s = scores.get(sib);
    if ((s !== undefined && s + bonus >= threshold) || proseOf(sib) >= Math.max(10, topProse * 0.2)) {
      out.push(sib);
      continue;
    }
    if (sib.name === 'p' || (sib.name === 'div' && !hasBlockChild(sib))) {
      const len = sizeOf(sib, sizes).text;
      const ld = linkDensity(sib, sizes);
      const text = len > 0 && len < 80 ? textContent(sib) : '';
      if ((len > 80 && ld < 0.25) || (len > 0 && len <= 80 && ld === 0 && /\.( |$)/.test(text))) out.push(sib);
    }
  }
  return out;
}

function subtreePoints(el: Element, points: Map<Element, number>): number {
  let sum = points.get(el) ?? 0;
  for (const d of descendants(el)) sum += points.get(d) ?? 0;
  return sum;
}

function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isElement(c) && BLOCK_TAGS.has(c.name));
}

export function parentElement(el: Element): Element | null {
  const p = el.parent;
  return p && isElement(p) ? p : null;
}

function ancestorsOf(el: Element): Element[] {
  const out: Element[] = [];
  for (let a = parentElement(el); a; a = parentElement(a)) out.push(a);
  return out;
}

function elementChildren(el: Element): Element[] {
  return el.children.filter(isElement);
}
