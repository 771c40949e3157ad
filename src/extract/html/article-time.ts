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
import type { Element } from './dom.ts';
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
  $('time[datetime]').each((_, el) => {
    const iso = normalizeDate(el.attribs['datetime']);
    if (iso !== null && el.startIndex !== null) times.push({ start: el.startIndex, iso });
  });
  const headlines: number[] = [];
  $('h1').each((_, el) => {
    if (el.startIndex !== null) headlines.push(el.startIndex);
  });
  return { times, headlines };
}

function rangeOf(el: Element): [number, number] | null {
  return el.startIndex !== null && el.endIndex !== null ? [el.startIndex, el.endIndex] : null;
}

/** The date of the article found in `container` (the extractor's chosen nodes), or null. */
export function pickArticleTime(page: PageTimes, container: readonly Element[]): string | null {
  if (page.times.length === 0 || container.length === 0) return null;
  const scope: [number, number][] = [];
  for (const el of container) {
    let wrapper: Element | null = el;
    for (let a: Element | null = el; a; a = parentElement(a)) {
      if (a.name === 'article') {
        wrapper = a;
        break;
      }
    }
    const range = rangeOf(wrapper ?? el);
    if (range) scope.push(range);
  }
  if (scope.length === 0) return null;
  const inside = page.times.find((t) => scope.some(([from, to]) => t.start >= from && t.start <= to));
  if (inside) return inside.iso;
  const bodyStart = Math.min(...scope.map(([from]) => from));
  const headline = page.headlines.filter((h) => h < bodyStart).at(-1);
  if (headline === undefined) return null;
  return page.times.find((t) => t.start > headline && t.start < bodyStart)?.iso ?? null;
}
