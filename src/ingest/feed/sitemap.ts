/**
 * Google News sitemaps (`<urlset>` whose `<url>` entries carry `<news:news>`): each entry becomes an item with
 * the article's title, publication date and link. rss-parser does not read sitemaps, so cheerio's XML mode does.
 * A plain sitemap (no news entries) is rejected: it lists a whole site, not news, and would flood the pipeline.
 */
import * as cheerio from 'cheerio';
import type { Element } from 'domhandler';
import type { ParsedFeed } from '../../model/index.ts';
import { FeedParseError } from './feed-parse-error.ts';
import { assignItemIds, cleanText, parseFeedDate, resolveUrl } from './normalise.ts';

/** Element children whose local name (prefix ignored, since sitemaps use varied prefixes) is `localName`. */
function childrenNamed(element: Element, localName: string): Element[] {
  return element.children.filter(
    (child): child is Element => child.type === 'tag' && (child as Element).name.replace(/^.*:/, '').toLowerCase() === localName.toLowerCase(),
  );
}

function childText($: cheerio.CheerioAPI, element: Element | undefined, localName: string): string | null {
  const child = element ? childrenNamed(element, localName)[0] : undefined;
  return child ? cleanText($(child).text()) : null;
}

export function parseNewsSitemap(text: string, documentBase: string | null): ParsedFeed {
  const $ = cheerio.load(text, { xml: { xmlMode: true } });
  const urlset = $.root().children().toArray().find((node) => node.type === 'tag' && node.name.replace(/^.*:/, '') === 'urlset') as Element | undefined;
  if (!urlset) {
    const index = $.root().children().toArray().find((node) => node.type === 'tag' && node.name.replace(/^.*:/, '') === 'sitemapindex') as Element | undefined;
    if (index) {
      // Outlets often publish their news sitemap only as one entry of an index: say which entries there are.
      const locations = childrenNamed(index, 'sitemap').map((sitemap) => childText($, sitemap, 'loc')).filter((loc): loc is string => !!loc);
      const shown = locations.slice(0, 3).join(', ') + (locations.length > 3 ? ', ...' : '');
      throw new FeedParseError('not_a_feed', `this is a sitemap index listing ${locations.length} sitemap${locations.length === 1 ? '' : 's'}${shown ? ` (${shown})` : ''}; use the news sitemap among them as the source`);
    }
    throw new FeedParseError('not_a_feed', 'the XML root is not a sitemap <urlset>');
  }
  const drafts = childrenNamed(urlset, 'url').flatMap((url) => {
    const news = childrenNamed(url, 'news')[0];
    if (!news) return [];
    const link = resolveUrl(childText($, url, 'loc'), documentBase);
    const keywords = childText($, news, 'keywords');
    return [
      {
        guid: null,
        title: childText($, news, 'title'),
        link,
        published: parseFeedDate(childText($, news, 'publication_date')),
        updated: parseFeedDate(childText($, url, 'lastmod')),
        author: null,
        summary: null,
        content: null,
        enclosures: [],
        categories: keywords ? keywords.split(',').map((keyword) => keyword.trim()).filter(Boolean) : [],
      },
    ];
  });
  if (drafts.length === 0 && childrenNamed(urlset, 'url').length > 0) {
    throw new FeedParseError('not_a_feed', 'the sitemap has no <news:news> entries (a plain sitemap lists a site, not news)');
  }
  const publication = childrenNamed(urlset, 'url')
    .map((url) => childrenNamed(url, 'news')[0])
    .map((news) => (news ? childrenNamed(news, 'publication')[0] : undefined))
    .find(Boolean);
  const ids = assignItemIds(drafts.map((draft) => ({ ...draft, content: draft.published })));
  return {
    format: 'sitemap',
    title: childText($, publication, 'name'),
    link: null,
    items: drafts.map((draft, index) => ({ id: ids[index] ?? '', ...draft })),
    warnings: [],
    bozo: false,
    ttlSeconds: null,
  };
}
