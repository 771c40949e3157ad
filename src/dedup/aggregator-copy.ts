/**
 * An aggregator's item for an outlet's article: a news-search feed (Google News and the like) links it through the
 * aggregator's own URL (`https://news.google.com/rss/articles/CBMi...`), gives a snippet of links for its text, titles
 * it "Headline - Outlet Name" and names the outlet (`<source url="https://www.outlet.example">Outlet Name</source>`).
 * It shares neither URL nor text with the article the outlet's own feed gives, only the headline and the outlet, so
 * it is matched by those: the same headline (without the " - Outlet" suffix, words folded) from the outlet the item
 * names (by name, or by the host of the address it gives for it), on another site, within two days. Not the headline
 * alone: two outlets carrying one wire headline are two pieces of coverage, which the text rules tell apart.
 *
 * (Bing News links its items through `bing.com/news/apiclick.aspx?url=<the outlet's page>`, which the feed parser
 * unwraps: such an item has the outlet's own link, and is a copy of the outlet's article by its URL.)
 */
import { normalizedWords } from './fingerprint.ts';

/**
 * How far apart an aggregator's item and the outlet's article may have appeared (published, else first seen): an
 * aggregator dates an item by the article's publication, so hours apart at most, and an outlet repeating a headline
 * (a weekly column's) does so days later.
 */
const AGGREGATOR_COPY_WINDOW_HOURS = 48;

/** Fewer words than this are no headline to match by: section names and series titles ("Live updates") recur. */
const MIN_HEADLINE_WORDS = 4;

/** An article as the headline rule sees it. */
export interface HeadlineArticle {
  title: string | null;
  /**
   * The outlet the item says it carries the article of: for a new feed item, the one its feed names (`<source>`,
   * which an outlet's own feed does not give); for a stored one, its site name, which that was stored as. None for a
   * capture.
   */
  namedOutlet: string | null;
  /**
   * The outlet's address the item gives beside its name (RSS `<source url>`): its host is the outlet's too. None for
   * a stored article (it is not stored) or a capture.
   */
  namedOutletUrl?: string | null;
  /** As stored: the page's site name, else the outlet the feed names for the item. */
  siteName: string | null;
  /** The name the pipeline file gives the article's source, if it still has it. */
  sourceName: string | null;
  canonicalUrl: string;
  /** When it appeared: published, else first seen. */
  appearedAt: string;
}

export interface StoredHeadlineArticle extends HeadlineArticle {
  id: number;
  duplicateOf: number | null;
}

/**
 * Of `stored`, the article the aggregator's item `item` stands for (see isAggregatorItemOf), when it is one: an
 * original before a copy, then the one that appeared closest to it, then the first stored.
 */
export function articleOfAggregatorItem(item: HeadlineArticle, stored: readonly StoredHeadlineArticle[]): StoredHeadlineArticle | null {
  return preferred(stored.filter((article) => isAggregatorItemOf(item, article)), item.appearedAt);
}

/**
 * Of `stored`, the aggregator's item that stood for `article` before the article itself came (see
 * isAggregatorItemOf): only an original, in the order articleOfAggregatorItem prefers.
 */
export function aggregatorItemOfArticle(article: HeadlineArticle, stored: readonly StoredHeadlineArticle[]): StoredHeadlineArticle | null {
  return preferred(stored.filter((item) => item.duplicateOf === null && isAggregatorItemOf(item, article)), article.appearedAt);
}

/**
 * Whether `item` is an aggregator's item for `article`: on another site, within AGGREGATOR_COPY_WINDOW_HOURS of it,
 * naming an outlet that is not its own site's (by its host, or the host of the address it gives for the outlet) and
 * is the article's (by its site name, its source's name or its host; or the address the item gives for the outlet is
 * on the article's host, `www.` aside), with the article's headline, each without a " - Outlet" suffix naming the
 * article's outlet (or, for an outlet found by its address, the item's without one naming the outlet it names).
 */
export function isAggregatorItemOf(item: HeadlineArticle, article: HeadlineArticle): boolean {
  const outlet = item.namedOutlet;
  if (outlet === null || namesAny(outlet, hostKeys(item.canonicalUrl))) return false;
  const itemSite = siteOf(item.canonicalUrl);
  const articleSite = siteOf(article.canonicalUrl);
  const outletSite = item.namedOutletUrl ? siteOf(item.namedOutletUrl) : null;
  // an outlet's own feed giving its own address (`<source url>` on its own site) is no aggregator
  if (outletSite !== null && outletSite === itemSite) return false;
  const byName = namesOutletOf(outlet, article);
  // the outlet the item names is the article's by the address it gives for it
  const byAddress = outletSite !== null && outletSite === articleSite;
  if (!byName && !byAddress) return false;
  if (itemSite !== null && itemSite === articleSite) return false;
  if (!(Math.abs(Date.parse(item.appearedAt) - Date.parse(article.appearedAt)) <= AGGREGATOR_COPY_WINDOW_HOURS * 3_600_000)) return false;
  const articleSuffix = (suffix: string) => namesOutletOf(suffix, article);
  const articleHeadlines = headlinesOf(article, articleSuffix);
  // the item's " - Outlet" names the article's outlet, or (found by its address) the outlet the item names
  const itemSuffix = byAddress ? (suffix: string) => articleSuffix(suffix) || namesAny(suffix, new Set(plainForms(outlet))) : articleSuffix;
  for (const headline of headlinesOf(item, itemSuffix)) if (articleHeadlines.has(headline)) return true;
  return false;
}

/**
 * The articles of a run's dedup window by the keys of their headlines (see titleKeys), for the few that may match
 * an item by its headline. A title an article had before stays filed under it: the caller checks the candidates
 * against the store.
 */
export class HeadlineIndex {
  private readonly byKey = new Map<string, Set<number>>();

  add(id: number, title: string | null): void {
    for (const key of titleKeys(title)) {
      const ids = this.byKey.get(key);
      if (ids) ids.add(id);
      else this.byKey.set(key, new Set([id]));
    }
  }

  /** The articles filed under a key of `title`. */
  candidates(title: string | null): number[] {
    const out = new Set<number>();
    for (const key of titleKeys(title)) for (const id of this.byKey.get(key) ?? []) out.add(id);
    return [...out];
  }
}

/** The keys a title is filed under: the whole title's headline, and the one without the last " - Suffix", whatever it is. */
function titleKeys(title: string | null): string[] {
  if (title === null) return [];
  const split = splitSuffix(title);
  return [headlineKey(title), split && headlineKey(split.headline)].filter((key): key is string => key !== null);
}

/**
 * The headlines of an article's title: the whole title's, and, when it ends in a suffix `isOutlet` takes for the
 * outlet's name (Google News's " - Reuters", an outlet's own "| The Guardian"), the title's without it.
 */
function headlinesOf(article: HeadlineArticle, isOutlet: (suffix: string) => boolean): Set<string> {
  const out = new Set<string>();
  if (article.title === null) return out;
  const whole = headlineKey(article.title);
  if (whole !== null) out.add(whole);
  const split = splitSuffix(article.title);
  const stripped = split && headlineKey(split.headline);
  if (split && stripped !== null && isOutlet(split.outlet)) out.add(stripped);
  return out;
}

/** A title split at its last " - ", " | ", " – " or " — ": the headline before and the outlet's name after. */
function splitSuffix(title: string): { headline: string; outlet: string } | null {
  const match = /^(.*\S)\s+[-|–—]\s+(\S.*)$/su.exec(title.trim());
  return match ? { headline: match[1]!, outlet: match[2]! } : null;
}

/** A headline as compared: its words folded (case, punctuation, quotes), or null when too short to tell articles apart. */
function headlineKey(text: string): string | null {
  const words = normalizedWords(text);
  return words.length >= MIN_HEADLINE_WORDS ? words.join(' ') : null;
}

/** Whether the outlet `name` is the article's: its site name, its source's name, or its host. */
function namesOutletOf(name: string, article: HeadlineArticle): boolean {
  const own = [...hostKeys(article.canonicalUrl)];
  for (const label of [article.siteName, article.sourceName, article.sourceName && sourceOutlet(article.sourceName)]) {
    if (label) own.push(...plainForms(label));
  }
  return namesAny(name, new Set(own));
}

/** Whether a form of the outlet `name` is among `keys`. */
function namesAny(name: string, keys: ReadonlySet<string>): boolean {
  for (const form of nameForms(name)) if (keys.has(form)) return true;
  return false;
}

/** The outlet a source is named after: "The Guardian" of "The Guardian: AI" or "BBC News - Technology". */
function sourceOutlet(sourceName: string): string {
  return sourceName.split(/\s*:\s+|\s+[-|–—]\s+/u)[0]!;
}

/** A name folded for comparing: its words run together, and without a leading "The". */
function plainForms(name: string): string[] {
  const words = normalizedWords(name);
  const forms = [words.join('')];
  if (words[0] === 'the' && words.length > 1) forms.push(words.slice(1).join(''));
  return forms.filter((form) => form.length >= 2);
}

/**
 * The forms an outlet's name takes in hosts and feeds, folded: the name, without "The", its initials, and its
 * initials but for its last word ("The New York Times": thenewyorktimes, newyorktimes, nyt, nytimes; "Financial
 * Times": ft for ft.com).
 */
function nameForms(name: string): string[] {
  const forms = plainForms(name);
  const words = normalizedWords(name);
  const significant = words[0] === 'the' ? words.slice(1) : words;
  if (significant.length > 1) {
    const initials = significant.map((word) => word[0]).join('');
    forms.push(initials, initials.slice(0, -1) + significant.at(-1)!);
  }
  return forms.filter((form) => form.length >= 2);
}

/**
 * What a host calls its outlet: its labels but the top-level domain and `www`, adjacent pairs of them joined either
 * way (news.yahoo.com: yahoonews), and the whole host joined (reuterscom). None for a URL that is not http(s).
 */
function hostKeys(url: string): Set<string> {
  const keys = new Set<string>();
  const host = hostnameOf(url);
  if (host === null) return keys;
  const labels = host.split('.').filter((label) => label !== '');
  const named = labels.length > 1 ? labels.slice(0, -1) : labels;
  named.forEach((label, i) => {
    keys.add(label);
    const next = named[i + 1];
    if (next !== undefined) keys.add(label + next).add(next + label);
  });
  keys.add(labels.join(''));
  return keys;
}

/** A URL's host without `www.`; null for a URL that is not http(s). */
function hostnameOf(url: string): string | null {
  return httpUrl(url)?.hostname.replace(/^www\./, '') ?? null;
}

/** The site a URL is on: its host (and port) without `www.`; null for a capture's path. */
function siteOf(url: string): string | null {
  return httpUrl(url)?.host.replace(/^www\./, '') ?? null;
}

/** The URL parsed when it is an http(s) one (hosts come lower-cased); null for a capture's path or another scheme. */
function httpUrl(url: string): URL | null {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The original first, then the one that appeared closest to `at`, then the first stored. */
function preferred(candidates: readonly StoredHeadlineArticle[], at: string): StoredHeadlineArticle | null {
  const distance = (article: StoredHeadlineArticle) => Math.abs(Date.parse(article.appearedAt) - Date.parse(at));
  const sorted = [...candidates].sort(
    (a, b) => Number(a.duplicateOf !== null) - Number(b.duplicateOf !== null) || distance(a) - distance(b) || a.id - b.id,
  );
  return sorted[0] ?? null;
}
