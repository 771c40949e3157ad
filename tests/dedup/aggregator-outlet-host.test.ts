import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { trendOriginals } from '../../src/store/index.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * A Google News item names its outlet in `<source url="https://www.technologyreview.com">MIT Technology Review</source>`.
 * The outlet's own feed, which the pipeline file calls "Tech desk", gives the article on www.technologyreview.com:
 * neither its host, nor its source's name, nor (its page not read) a site name says "MIT Technology Review". The
 * address the item gives for the outlet does: the item is the article's copy, with no alert of its own. An item of
 * another outlet, at another address, with the same headline stays coverage of its own.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HEADLINE = 'Labs weigh a verified pause on frontier AI development';
const TEXT = ON_TOPIC_TEXTS[0]!;
const ARTICLE_LINK = 'https://www.technologyreview.com/2026/06/05/1133/labs-weigh-pause/';

interface NewsItem {
  id: string;
  outlet: string;
  outletUrl: string;
  description: string;
}

/** A Google News RSS feed: each item linked through news.google.com, titled "Headline - Outlet", its outlet in `<source url>`. */
function googleNewsFeed(items: readonly NewsItem[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const entries = items.map((item) => {
    const link = `https://news.google.com/rss/articles/${item.id}?oc=5`;
    return (
      `<item><title>${escape(`${HEADLINE} - ${item.outlet}`)}</title><link>${link}</link><guid isPermaLink="false">${item.id}</guid>` +
      `<pubDate>Fri, 05 Jun 2026 09:07:00 GMT</pubDate><description>${escape(item.description)}</description>` +
      `<source url="${escape(item.outletUrl)}">${escape(item.outlet)}</source></item>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>"AI pause" - Google News</title><link>https://news.google.com/</link>${entries.join('')}</channel></rss>`;
}

const NEWS_ITEMS: NewsItem[] = [
  { id: 'CBMiTR1', outlet: 'MIT Technology Review', outletUrl: 'https://www.technologyreview.com', description: 'Labs weigh a verified pause.' },
  { id: 'CBMiWI1', outlet: 'Wired', outletUrl: 'https://www.wired.com', description: ON_TOPIC_TEXTS[4]! },
];

describe.each(dialects)("an aggregator's item naming the outlet's address, on $name", ({ fresh }) => {
  /** The outlet's feed ("Tech desk") and a Google News feed of NEWS_ITEMS, run in `order`, then the stored articles by id. */
  async function runBoth(order: readonly ('outlet' | 'google-news')[]) {
    const outletItems = [{ guid: 'tr-1', title: HEADLINE, link: ARTICLE_LINK, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: TEXT }];
    const routes: Record<string, Route> = {
      '/outlet.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Tech desk', outletItems)),
      '/google-news.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(googleNewsFeed(NEWS_ITEMS)),
    };
    const server = await startServer(routes);
    cleanups.push(() => server.close());
    const byId = {
      outlet: { id: 'outlet', kind: 'feed', name: 'Tech desk', url: `${server.url}/outlet.xml`, fetchArticles: false },
      'google-news': { id: 'google-news', kind: 'feed', name: 'Google News: AI pause', url: `${server.url}/google-news.xml`, fetchArticles: false },
    } satisfies Record<string, PipelineInput['sources'][number]>;
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, { id: 'aggregator-outlet-host', sources: order.map((id) => byId[id]), database: fresh });
    const report = await runPipeline({ loaded, store, channels, now: () => new Date('2026-06-05T12:00:00.000Z'), random: () => 0.5, all: true });
    for (const source of report.sources) expect(source, source.sourceId).toMatchObject({ error: null, itemErrors: [] });
    const articles = await store.db
      .selectFrom('articles').select(['id', 'source_id', 'site_name', 'outlet_url', 'duplicate_of', 'duplicate_reason', 'story_id']).orderBy('id').execute();
    return { articles, alerts, counted: async () => (await trendOriginals(store.db, loaded.pipeline.id)).length };
  }

  it("is the copy of the article on that host, and an item of another outlet's address is not", async () => {
    const { articles, alerts, counted } = await runBoth(['outlet', 'google-news']);
    const [article, item, other] = articles;
    expect(article).toMatchObject({ source_id: 'outlet', duplicate_of: null });
    expect(item).toMatchObject({ source_id: 'google-news', site_name: 'MIT Technology Review', duplicate_of: article!.id, duplicate_reason: 'outlet_headline', story_id: article!.story_id });
    expect(other).toMatchObject({ source_id: 'google-news', site_name: 'Wired', duplicate_of: null });
    expect(alerts().map((alert) => alert.url)).toEqual([ARTICLE_LINK, 'https://news.google.com/rss/articles/CBMiWI1?oc=5']);
    expect(await counted()).toBe(2);
  });

  it("stored before the article, makes the article its original by the address it keeps: one alert each, counted once", async () => {
    const { articles, alerts, counted } = await runBoth(['google-news', 'outlet']);
    const [item, other, article] = articles;
    expect(item).toMatchObject({ source_id: 'google-news', outlet_url: 'https://www.technologyreview.com/', duplicate_of: article!.id, duplicate_reason: 'outlet_headline', story_id: article!.story_id });
    expect(other).toMatchObject({ source_id: 'google-news', outlet_url: 'https://www.wired.com/', duplicate_of: null });
    expect(article).toMatchObject({ source_id: 'outlet', outlet_url: null, duplicate_of: null });
    expect(alerts()).toHaveLength(2);
    expect(await counted()).toBe(2);
  });
});
