import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
 * A Google News search feed beside outlets' own feeds: its item for an article an outlet's feed gives too (its link
 * news.google.com's, its title "Headline - Outlet", its text a snippet of links, the outlet in `<source>`) is the same
 * article, whichever comes first: the two are stored as original and copy, raise one alert, and count once in the
 * digest and trends. An item of another outlet with the same headline is coverage of its own.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HEADLINE = 'A pause on frontier AI development is overdue, researchers say';
const TEXT = ON_TOPIC_TEXTS[2]!;
const REUTERS_LINK = 'https://www.reuters.com/technology/ai-pause-overdue-researchers-say-2026-06-05/';

interface NewsItem {
  id: string;
  headline: string;
  outlet: string;
  outletUrl: string;
  pubDate: string;
}

/** A Google News RSS feed: each item linked through news.google.com, titled "Headline - Outlet", its outlet in `<source>`. */
function googleNewsFeed(items: readonly NewsItem[]): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const entries = items.map((item) => {
    const link = `https://news.google.com/rss/articles/${item.id}?oc=5`;
    const snippet = `<a href="${link}" target="_blank">${item.headline}</a>&nbsp;&nbsp;<font color="#6f6f6f">${item.outlet}</font>`;
    return (
      `<item><title>${escape(`${item.headline} - ${item.outlet}`)}</title><link>${link}</link><guid isPermaLink="false">${item.id}</guid>` +
      `<pubDate>${item.pubDate}</pubDate><description>${escape(snippet)}</description><source url="${item.outletUrl}">${escape(item.outlet)}</source></item>`
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>"AI pause" - Google News</title><link>https://news.google.com/</link>${entries.join('')}</channel></rss>`;
}

const REUTERS_ITEM: NewsItem = { id: 'CBMiRmh0dHBzOi8vd3d3LnJldXRlcnMuY29t', headline: HEADLINE, outlet: 'Reuters', outletUrl: 'https://www.reuters.com', pubDate: 'Fri, 05 Jun 2026 09:07:00 GMT' };

describe.each(dialects)("an aggregator's item for an outlet's article, on $name", ({ fresh }) => {
  /** What each feed serves on the next run. */
  const served = { outlet: [] as Parameters<typeof rssFeed>[1], googleNews: [] as NewsItem[] };

  /**
   * A pipeline of the outlet's own feed and a Google News feed (and another search of it, serving the same), in
   * `order`; `outlet` overrides the outlet's source.
   */
  async function setUp(order: ('outlet' | 'google-news' | 'google-news-2')[], outlet: Partial<Extract<PipelineInput['sources'][number], { kind: 'feed' }>> = {}) {
    served.outlet = [];
    served.googleNews = [];
    const routes: Record<string, Route> = {
      '/outlet.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Reuters: Technology', served.outlet)),
      '/google-news.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(googleNewsFeed(served.googleNews)),
    };
    const server = await startServer(routes);
    cleanups.push(() => server.close());
    const sources: Record<string, PipelineInput['sources'][number]> = {
      outlet: { id: 'outlet', kind: 'feed', name: 'Reuters: Technology', url: `${server.url}/outlet.xml`, fetchArticles: false, ...outlet },
      'google-news': { id: 'google-news', kind: 'feed', name: 'Google News: AI pause', url: `${server.url}/google-news.xml`, fetchArticles: false },
      'google-news-2': { id: 'google-news-2', kind: 'feed', name: 'Google News: moratorium', url: `${server.url}/google-news.xml?q=moratorium`, fetchArticles: false },
    };
    const { root, store, loaded, channels, alerts } = await alertingPipeline(cleanups, { id: 'aggregator-items', sources: order.map((id) => sources[id]!), database: fresh });
    const run = async (at: string) => {
      const report = await runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all: true });
      for (const source of report.sources) expect(source, source.sourceId).toMatchObject({ error: null, itemErrors: [] });
      return report;
    };
    const articles = () => store.db.selectFrom('articles').select(['id', 'source_id', 'duplicate_of', 'duplicate_reason', 'story_id']).orderBy('id').execute();
    const digest = (date: string) =>
      JSON.parse(readFileSync(path.join(root, `data/digests/${date}.json`), 'utf8')) as {
        totals: { onTopic: number; duplicates: number; stance: Record<string, number> };
        stories: { articles: { id: number; duplicateOf: number | null }[] }[];
      };
    const counted = async () => (await trendOriginals(store.db, loaded.pipeline.id)).length;
    return { root, base: server.url, run, articles, alerts, digest, counted, routes };
  }

  it("stores the item of an article stored from the outlet's feed as its copy: no second alert, counted once", async () => {
    const { run, articles, alerts, digest, counted } = await setUp(['outlet', 'google-news']);
    served.outlet = [{ guid: 'reuters-1', title: HEADLINE, link: REUTERS_LINK, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: TEXT }];
    served.googleNews = [REUTERS_ITEM];
    const report = await run('2026-06-05T12:00:00.000Z');
    expect(report.sources.map((s) => [s.sourceId, s.articlesAdded, s.duplicates])).toEqual([['outlet', 1, 0], ['google-news', 1, 1]]);
    const [article, item] = await articles();
    expect(item).toMatchObject({ source_id: 'google-news', duplicate_of: article!.id, duplicate_reason: 'outlet_headline', story_id: article!.story_id });
    expect(alerts().map((alert) => alert.url)).toEqual([REUTERS_LINK]);
    expect(digest('2026-06-05').totals).toMatchObject({ onTopic: 2, duplicates: 1, stance: { support: 1, oppose: 0, neutral: 0 } });
    expect(await counted()).toBe(1);

    // read again, nothing changes
    await run('2026-06-05T13:00:00.000Z');
    expect(await articles()).toHaveLength(2);
    expect(alerts()).toHaveLength(1);
  });

  it("finds the outlet by its page's site name when neither its host nor its source's name says it", async () => {
    const { base, run, articles, alerts, routes } = await setUp(['outlet', 'google-news'], { name: 'Wire desk', fetchArticles: true });
    routes['/technology/ai-pause'] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(
        `<!doctype html><html><head><title>${HEADLINE}</title><meta property="og:site_name" content="Reuters"></head>` +
          `<body><article><h1>${HEADLINE}</h1><p>${TEXT}</p></article></body></html>`,
      );
    served.outlet = [{ guid: 'reuters-1', title: HEADLINE, link: `${base}/technology/ai-pause`, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: 'Researchers say.' }];
    served.googleNews = [REUTERS_ITEM];
    await run('2026-06-05T12:00:00.000Z');
    const [article, item] = await articles();
    expect(item).toMatchObject({ duplicate_of: article!.id, duplicate_reason: 'outlet_headline' });
    expect(alerts()).toHaveLength(1);
  });

  it("makes the outlet's article the original of an item stored before it the same day: one alert, the article counted once", async () => {
    const { run, articles, alerts, digest, counted } = await setUp(['google-news', 'outlet']);
    served.googleNews = [REUTERS_ITEM];
    await run('2026-06-05T10:00:00.000Z');
    expect(alerts().map((alert) => alert.title)).toEqual([`${HEADLINE} - Reuters`]);

    served.outlet = [{ guid: 'reuters-1', title: HEADLINE, link: REUTERS_LINK, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: TEXT }];
    const report = await run('2026-06-05T12:00:00.000Z');
    expect(report.sources.find((s) => s.sourceId === 'outlet')).toMatchObject({ articlesAdded: 1, duplicates: 0 });
    const [item, article] = await articles();
    expect(article).toMatchObject({ source_id: 'outlet', duplicate_of: null, story_id: item!.story_id });
    expect(item).toMatchObject({ source_id: 'google-news', duplicate_of: article!.id, duplicate_reason: 'outlet_headline' });
    expect(alerts()).toHaveLength(1);
    // the digest lists the outlet's article, with the aggregator's item below it
    const { totals, stories } = digest('2026-06-05');
    expect(totals).toMatchObject({ onTopic: 2, duplicates: 1 });
    expect(stories.map((story) => story.articles.map((a) => [a.id, a.duplicateOf]))).toEqual([[[article!.id, null], [item!.id, article!.id]]]);
    expect(await counted()).toBe(1);
  });

  it('does so within one run, the aggregator listed first, and keeps the copies of the item with it', async () => {
    const { run, articles, alerts, counted } = await setUp(['google-news', 'google-news-2', 'outlet']);
    // the second search gives the item too: a copy of the first by its link
    served.googleNews = [REUTERS_ITEM];
    served.outlet = [{ guid: 'reuters-1', title: HEADLINE, link: REUTERS_LINK, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: TEXT }];
    await run('2026-06-05T12:00:00.000Z');
    const [item, second, article] = await articles();
    expect(second).toMatchObject({ source_id: 'google-news-2', duplicate_reason: 'canonical_url' });
    expect(article).toMatchObject({ source_id: 'outlet', duplicate_of: null });
    expect([item!.duplicate_of, second!.duplicate_of]).toEqual([article!.id, article!.id]);
    expect(alerts()).toHaveLength(1);
    expect(await counted()).toBe(1);
  });

  it("makes the outlet's article a copy of an item first seen on an earlier day, which that day's digest counted", async () => {
    const { run, articles, alerts, digest, counted } = await setUp(['google-news', 'outlet']);
    served.googleNews = [REUTERS_ITEM];
    await run('2026-06-05T10:00:00.000Z');
    served.outlet = [{ guid: 'reuters-1', title: HEADLINE, link: REUTERS_LINK, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: TEXT }];
    await run('2026-06-06T06:00:00.000Z');
    const [item, article] = await articles();
    expect(item).toMatchObject({ duplicate_of: null });
    expect(article).toMatchObject({ source_id: 'outlet', duplicate_of: item!.id, duplicate_reason: 'outlet_headline', story_id: item!.story_id });
    expect(alerts()).toHaveLength(1);
    expect(digest('2026-06-06').totals).toMatchObject({ onTopic: 1, duplicates: 1 });
    expect(await counted()).toBe(1);
  });

  it('keeps an item of another outlet with the same wire headline as coverage of its own', async () => {
    const { run, articles, alerts, counted } = await setUp(['outlet', 'google-news']);
    served.outlet = [{ guid: 'reuters-1', title: HEADLINE, link: REUTERS_LINK, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: TEXT }];
    served.googleNews = [{ ...REUTERS_ITEM, outlet: 'Yahoo News', outletUrl: 'https://news.yahoo.com' }];
    await run('2026-06-05T12:00:00.000Z');
    expect((await articles()).map((row) => row.duplicate_of)).toEqual([null, null]);
    expect(alerts()).toHaveLength(2);
    expect(await counted()).toBe(2);
  });
});

describe.each(dialects)("an aggregator's copy of a capture saved again, on $name", ({ fresh }) => {
  it('stays its copy when the capture is edited and its copies are read again', async () => {
    let googleNews: NewsItem[] = [];
    const server = await startServer({
      '/google-news.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(googleNewsFeed(googleNews)),
    });
    cleanups.push(() => server.close());
    const { root, store, loaded, channels } = await alertingPipeline(cleanups, {
      id: 'aggregator-capture',
      sources: [
        { id: 'captures', kind: 'files', name: 'Saved pages', glob: 'captures/*.html' },
        { id: 'google-news', kind: 'feed', name: 'Google News: AI pause', url: `${server.url}/google-news.xml`, fetchArticles: false },
      ],
      database: fresh,
    });
    const save = (text: string) =>
      writeFileSync(
        path.join(root, 'captures/reuters.html'),
        `<!doctype html><html><head><title>${HEADLINE}</title><meta property="og:site_name" content="Reuters">` +
          `<meta property="article:published_time" content="2026-06-05T09:00:00Z"></head><body><article><h1>${HEADLINE}</h1><p>${text}</p></article></body></html>`,
      );
    mkdirSync(path.join(root, 'captures'));
    save(TEXT);
    googleNews = [REUTERS_ITEM];
    const run = (at: string) => runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all: true });
    const articles = () => store.db.selectFrom('articles').select(['id', 'source_id', 'duplicate_of', 'duplicate_reason']).orderBy('id').execute();
    await run('2026-06-05T12:00:00.000Z');
    const [capture, item] = await articles();
    expect(item).toMatchObject({ source_id: 'google-news', duplicate_of: capture!.id, duplicate_reason: 'outlet_headline' });

    save(`${TEXT} The letter was published with a list of its signatories.`);
    expect((await run('2026-06-05T13:00:00.000Z')).sources[0]).toMatchObject({ articlesUpdated: 1 });
    expect(await articles()).toEqual([capture, item]);
  });
});
