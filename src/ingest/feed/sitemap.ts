/**
 * Google News sitemaps (`<urlset>` whose `<url>` entries carry `<news:news>`): each entry becomes an item with
 * the article's title, publication date and link. rss-parser does not read sitemaps, so cheerio's XML mode does.
 * A plain sitemap (no news entries) is rejected: it lists a whole site, not news, and would flood the pipeline.
 * cheerio reads broken XML without complaint, so the side scan (xml-scan.ts) says whether the document is
 * well-formed, as for RSS and Atom. Both are quadratic in the depth of broken nesting, so a document nested beyond
 * bounds is first rewritten shallow (bound-nesting.ts), and its warning says why instead of the scan's.
 */
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import type { FeedEnclosure, ParsedFeed } from '../../model/index.ts';
import { FeedParseError } from './feed-parse-error.ts';
import { boundNesting, type EntryNesting } from './bound-nesting.ts';
import { assignItemIds, languageTag, cleanText, DateReader, dropRepeatedItems, htmlTitleText, resolveUrl } from './normalise.ts';
import { expandInternalEntities } from './xml.ts';
import { endsBeforeRootEnd, openEntryStartAtEnd, scanXml, wellFormednessWarnings } from './xml-scan.ts';

/** True for an element whose local name (prefix ignored, since sitemaps use varied prefixes) is `localName`. */
function isNamed(node: Element['children'][number], localName: string): node is Element {
  return node.type === 'tag' && (node as Element).name.replace(/^.*:/, '').toLowerCase() === localName.toLowerCase();
}

/** Element children of `element` named `localName`. */
function childrenNamed(element: Element, localName: string): Element[] {
  return element.children.filter((child) => isNamed(child, localName));
}

/** Elements below `element`, at any depth, named `localName`, in document order (without recursion: hostile depth). */
function descendantsNamed(element: Element, localName: string): Element[] {
  const found: Element[] = [];
  const pending = [...element.children].reverse();
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type !== 'tag') continue;
    if (isNamed(node, localName)) found.push(node as Element);
    for (let i = (node as Element).children.length - 1; i >= 0; i--) pending.push((node as Element).children[i]!);
  }
  return found;
}

function childText($: cheerio.CheerioAPI, element: Element | undefined, localName: string): string | null {
  const child = element ? childrenNamed(element, localName)[0] : undefined;
  return child ? cleanText($(child).text()) : null;
}

/**
 * A `<news:title>` as text. Google asks for plain text, but outlets fill it as they fill an RSS title, with HTML
 * (escaped or in CDATA: "Senators &lt;em&gt;back&lt;/em&gt; a pause"); it is read as an RSS title is, tags dropped.
 */
function childTitle($: cheerio.CheerioAPI, element: Element, localName: string): string | null {
  const child = childrenNamed(element, localName)[0];
  return child ? htmlTitleText($(child).text()) : null;
}

/**
 * A `<loc>` as the URL it holds. The XML parser has decoded its references already (`&amp;` → `&`); decoding
 * again as HTML text would turn `&section=` into `§ion=`.
 */
function childUrl($: cheerio.CheerioAPI, element: Element | undefined, localName: string): string | null {
  const child = element ? childrenNamed(element, localName)[0] : undefined;
  const url = child ? $(child).text().trim() : '';
  return url === '' ? null : url;
}

/** The images an entry's `<image:image>` elements name (Google's image sitemap extension), as enclosures. */
function imagesOf($: cheerio.CheerioAPI, url: Element, documentBase: string | null): FeedEnclosure[] {
  const found = new Set<string>();
  for (const image of childrenNamed(url, 'image')) {
    const link = resolveUrl(childUrl($, image, 'loc'), documentBase);
    if (link) found.add(link);
  }
  return [...found].map((link) => ({ url: link, type: null, length: null }));
}

/** A `<url>` never holds another, and an unclosed one holds the entries after it where the reader looks for them. */
const SITEMAP_ENTRIES: EntryNesting = { entries: ['url'], containers: [] };
/** What openEntryStartAtEnd looks for in a sitemap. */
const SITEMAP_ENTRY_NAMES = new Set(['url']);

export function parseNewsSitemap(document: string, documentBase: string | null): ParsedFeed {
  // entities its DOCTYPE declares (`<!ENTITY pub "The Daily Example">`), which neither reader below expands
  let text = expandInternalEntities(document);
  let bounded = boundNesting(text, SITEMAP_ENTRIES);
  // A rewritten document's line and column numbers would not be the input's: its one warning stands for the scan's.
  let scan = bounded.warning === null ? scanXml(text, documentBase) : null;
  const cut = scan && openEntryStartAtEnd(scan, SITEMAP_ENTRY_NAMES);
  const warnings: string[] = [];
  if (cut !== null) {
    text = text.slice(0, cut);
    bounded = boundNesting(text, SITEMAP_ENTRIES);
    scan = bounded.warning === null ? scanXml(text, documentBase) : null;
    warnings.push('the document ends inside a <url> entry, as one cut short does: that entry is not read');
  }
  const $ = cheerio.load(bounded.text, { xml: { xmlMode: true } });
  const urlset = $.root().children().toArray().find((node) => node.type === 'tag' && node.name.replace(/^.*:/, '') === 'urlset') as Element | undefined;
  if (!urlset) {
    const index = $.root().children().toArray().find((node) => node.type === 'tag' && node.name.replace(/^.*:/, '') === 'sitemapindex') as Element | undefined;
    if (index) {
      // Outlets often publish their news sitemap only as one entry of an index: say which entries there are.
      const locations = childrenNamed(index, 'sitemap').map((sitemap) => childUrl($, sitemap, 'loc')).filter((loc): loc is string => !!loc);
      const shown = locations.slice(0, 3).join(', ') + (locations.length > 3 ? ', ...' : '');
      throw new FeedParseError('not_a_feed', `this is a sitemap index listing ${locations.length} sitemap${locations.length === 1 ? '' : 's'}${shown ? ` (${shown})` : ''}; use the news sitemap among them as the source`);
    }
    throw new FeedParseError('not_a_feed', 'the XML root is not a sitemap <urlset>');
  }
  const wellFormed = scan !== null && scan.errorTally.size === 0;
  // An unclosed <url> holds the entries after it: in a broken document every <url> is read, wherever it ended up.
  const urls = wellFormed ? childrenNamed(urlset, 'url') : descendantsNamed(urlset, 'url');
  const dates = new DateReader();
  const withNews = urls.flatMap((url) => {
    const news = childrenNamed(url, 'news')[0];
    return news ? [{ url, news, link: resolveUrl(childUrl($, url, 'loc'), documentBase) }] : [];
  });
  // an entry without a usable <loc> is a headline no one can fetch or tell apart: skipped, and said
  const entries = withNews.filter((entry): entry is typeof entry & { link: string } => entry.link !== null);
  const withoutLoc = withNews.length - entries.length;
  if (withoutLoc > 0) warnings.push(`${withoutLoc} <url> entr${withoutLoc === 1 ? 'y' : 'ies'} without a usable <loc> address skipped`);
  const readItems = entries.map(({ url, news, link }) => {
    const keywords = childText($, news, 'keywords');
    return {
      guid: null,
      title: childTitle($, news, 'title'),
      link,
      published: dates.read(childText($, news, 'publication_date')),
      updated: dates.read(childText($, url, 'lastmod')),
      author: null,
      summary: null,
      content: null,
      enclosures: imagesOf($, url, documentBase),
      categories: keywords ? keywords.split(',').map((keyword) => keyword.trim()).filter(Boolean) : [],
      outlet: cleanText(childText($, childrenNamed(news, 'publication')[0], 'name')),
      language: languageTag(childText($, childrenNamed(news, 'publication')[0], 'language')),
    };
  });
  // an entry listed twice word for word is one article, as in the other formats
  const drafts = dropRepeatedItems(readItems, (index) => $.xml(entries[index]!.url), warnings);
  if (withNews.length === 0 && urls.length > 0) {
    throw new FeedParseError('not_a_feed', 'the sitemap has no <news:news> entries (a plain sitemap lists a site, not news)');
  }
  const publication = urls
    .map((url) => childrenNamed(url, 'news')[0])
    .map((news) => (news ? childrenNamed(news, 'publication')[0] : undefined))
    .find(Boolean);
  const ids = assignItemIds(drafts.map((draft) => ({ ...draft, content: draft.published })));
  return {
    format: 'sitemap',
    title: childText($, publication, 'name'),
    link: null,
    items: drafts.map((draft, index) => ({ id: ids[index] ?? '', ...draft })),
    warnings: [...(scan ? wellFormednessWarnings(scan) : [bounded.warning!]), ...warnings, ...dates.warnings()],
    wellFormed,
    endsEarly: scan !== null && !wellFormed && endsBeforeRootEnd(scan),
    bozo: !wellFormed || withoutLoc > 0,
    ttlSeconds: null,
    skip: null,
    language: languageTag(childText($, publication, 'language')),
  };
}
