/**
 * The publication date of a page without date metadata, from its visible `<time datetime>` elements. A page has
 * many: the masthead's "Today: ...", the article's dateline, related stories' and comments' dates. Only the
 * article's own counts, so the choice waits until the text extraction has found the article container:
 *
 * 1. the first <time> inside the article (the container, widened to the <article> element around it, whose
 *    header holds the dateline on most sites);
 * 2. else the first <time> between the headline (the last <h1> before the container) and the container: the
 *    dateline sits under the headline on pages that keep it outside the body's wrapper;
 * 3. else none. A <time> anywhere else dates something else, and a wrong date is worse than none.
 *
 * Positions are offsets in the HTML source (htmlparser2's startIndex/endIndex), so they compare across the two
 * parses of a page (the retry pass parses it afresh) and survive furniture removal, which detaches the dateline
 * boxes ("dateline", "timestamp" classes) before the container is chosen.
 */
import type { CheerioAPI } from 'cheerio';
import { normalizeDate } from './dates.ts';
import { descendants, type Element, type ParentNode } from './dom.ts';
import { parentElement } from './score.ts';

interface DatedTime {
  start: number;
  iso: string;
}

/** What the choice needs from the untouched page: its readable <time>s and where its <h1>s start. */
export interface PageTimes {
  times: DatedTime[];
  headlines: number[];
}

/** Call before furniture removal: it detaches many <time>s. */
export function collectPageTimes($: CheerioAPI): PageTimes {
  const times: DatedTime[] = [];
  const headlines: number[] = [];
  // `time[datetime]` and `h1`, in document order (one walk; see findElements in dom.ts).
  for (const el of descendants($.root()[0] as unknown as ParentNode)) {
    if (el.name === 'time' && el.attribs['datetime'] != null) {
      const iso = normalizeDate(el.attribs['datetime']);
      if (iso !== null && el.startIndex !== null) times.push({ start: el.startIndex, iso });
    } else if (el.name === 'h1' && el.startIndex !== null) headlines.push(el.startIndex);
  }
  return { times, headlines };
}

function rangeOf(el: Element): [number, number] | null {
  return el.startIndex !== null && el.endIndex !== null ? [el.startIndex, el.endIndex] : null;
}

/** The date of the article found in `container` (the extractor's chosen nodes), or null. */
export function pickArticleTime(page: PageTimes, container: readonly Element[]): string | null {
  if (page.times.length === 0 || container.length === 0) return null;
  // The container's nodes are siblings: the <article> around them is looked for once per parent, not once per
  // node (a walk to the root each, on a page nested thousands deep).
  const articleAbove = new Map<Element | null, Element | null>();
  const scope: [number, number][] = [];
  for (const el of container) {
    const parent = parentElement(el);
    if (el.name !== 'article' && !articleAbove.has(parent)) articleAbove.set(parent, enclosingArticle(parent));
    const wrapper = el.name === 'article' ? el : (articleAbove.get(parent) ?? el);
    const range = rangeOf(wrapper);
    if (range) scope.push(range);
  }
  if (scope.length === 0) return null;
  // Many <time>s against many container nodes: one binary search each over the ranges, merged.
  const ranges = mergeRanges(scope);
  const inside = page.times.find((t) => isInRanges(t.start, ranges));
  if (inside) return inside.iso;
  const bodyStart = ranges[0]![0];
  const headline = page.headlines.filter((h) => h < bodyStart).at(-1);
  if (headline === undefined) return null;
  return page.times.find((t) => t.start > headline && t.start < bodyStart)?.iso ?? null;
}

/** `el` or its nearest ancestor that is an <article>, or null. */
function enclosingArticle(el: Element | null): Element | null {
  for (let a = el; a; a = parentElement(a)) if (a.name === 'article') return a;
  return null;
}

/** The same positions as `ranges`, sorted, without overlaps. */
function mergeRanges(ranges: readonly [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  for (const [from, to] of [...ranges].sort((a, b) => a[0] - b[0])) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

function isInRanges(position: number, merged: readonly [number, number][]): boolean {
  let lo = 0;
  let hi = merged.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = merged[mid]!;
    if (position < from) hi = mid - 1;
    else if (position > to) lo = mid + 1;
    else return true;
  }
  return false;
}
