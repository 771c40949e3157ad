import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import type { PipelineInput } from '../../src/config/index.ts';
import { fetchUrl } from '../../src/ingest/fetch.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { trendOriginals } from '../../src/store/index.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * A Bing News search feed beside an outlet's own feed. Bing links each item through
 * `www.bing.com/news/apiclick.aspx?...&url=<the outlet's page>` and names the outlet in `<News:Source>`, with no
 * " - Outlet" in the title. The item's link is the outlet's page, so its item for an article the outlet's feed gives
 * too is that article again: a copy by its URL, whichever feed comes first, with one alert, counted once. An item of
 * another outlet carrying the same headline stays coverage of its own. A click-through link whose `url` is a private
 * address, or not http(s), is kept as it is; one unwrapped to a name that resolves to a private address is refused by
 * the fetch layer, as any link of a feed is.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HEADLINE = 'Labs weigh a verified pause on frontier AI development';
const TEXT = ON_TOPIC_TEXTS[0]!;
const OUTLET_LINK = 'https://www.example-outlet.com/2026/06/05/labs-weigh-pause';
const OTHER_LINK = 'https://www.other-outlet.example/tech/labs-weigh-pause-0605';

/** A Bing News click-through link to `target`, escaped as Bing escapes it (lower-case hex), with a traffic id. */
const bingLink = (target: string, tid = '6A0B9C3DF00D4E1BA1E07C5B0A1F2B3C') =>
  `http://www.bing.com/news/apiclick.aspx?ref=FexRss&aid=&tid=${tid}&url=${encodeURIComponent(target).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase())}&c=1522419271838452741&mkt=en-us`;

interface BingItem {
  title: string;
  target: string;
  outlet: string;
  description: string;
  pubDate: string;
}

/** A Bing News RSS feed, as Bing serves it: its `News` prefix bound to the search's own URL. */
function bingFeed(items: readonly BingItem[], tid?: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const entries = items.map(
    (item) =>
      `<item><title>${escape(item.title)}</title><link>${escape(bingLink(item.target, tid))}</link><description>${escape(item.description)}</description>` +
      `<pubDate>${item.pubDate}</pubDate><News:Source>${escape(item.outlet)}</News:Source>` +
      `<News:Image>https://www.bing.com/th?id=OVFT.x&amp;pid=News</News:Image></item>`,
  );
  return (
    '<?xml version="1.0" encoding="utf-8" ?><rss version="2.0" xmlns:News="https://www.bing.com/news/search?q=ai+pause&amp;format=rss">' +
    '<channel><title>ai pause - Bing News</title><link>https://www.bing.com/news/search?q=ai+pause&amp;format=rss</link>' +
    `<description>Search results</description>${entries.join('')}</channel></rss>`
  );
}

const OUTLET_ITEM: BingItem = {
  title: HEADLINE, target: OUTLET_LINK, outlet: 'Example Outlet', pubDate: 'Fri, 05 Jun 2026 09:07:00 GMT',
  description: 'Leading AI labs should agree to a coordinated, verified pause of frontier AI development, a report says…',
};

describe.each(dialects)("a Bing News item for an outlet's article, on $name", ({ fresh }) => {
  const served = { outlet: [] as Parameters<typeof rssFeed>[1], bing: [] as BingItem[], tid: 'A1' };

  async function setUp(order: ('outlet' | 'bing')[]) {
    served.outlet = [];
    served.bing = [];
    const routes: Record<string, Route> = {
      '/outlet.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Example Outlet: Technology', served.outlet)),
      // Bing gives every fetch of its feed new traffic ids in its links
      '/bing.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bingFeed(served.bing, served.tid)),
    };
    const server = await startServer(routes);
    cleanups.push(() => server.close());
    const sources: Record<string, PipelineInput['sources'][number]> = {
      outlet: { id: 'outlet', kind: 'feed', name: 'Example Outlet: Technology', url: `${server.url}/outlet.xml`, fetchArticles: false },
      bing: { id: 'bing-news', kind: 'feed', name: 'Bing News: AI pause', url: `${server.url}/bing.xml`, fetchArticles: false },
    };
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, { id: 'bing-items', sources: order.map((id) => sources[id]!), database: fresh });
    const run = async (at: string) => {
      const report = await runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all: true });
      for (const source of report.sources) expect(source, source.sourceId).toMatchObject({ error: null, itemErrors: [] });
      return report;
    };
    const articles = () =>
      store.db.selectFrom('articles').select(['id', 'source_id', 'url', 'site_name', 'duplicate_of', 'duplicate_reason', 'story_id']).orderBy('id').execute();
    const counted = async () => (await trendOriginals(store.db, loaded.pipeline.id)).length;
    return { run, articles, alerts, counted };
  }

  it("stores the item of an article stored from the outlet's feed as its copy, by the URL it links through Bing: no second alert", async () => {
    const { run, articles, alerts, counted } = await setUp(['outlet', 'bing']);
    served.outlet = [{ guid: 'outlet-1', title: HEADLINE, link: OUTLET_LINK, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: TEXT }];
    served.bing = [OUTLET_ITEM];
    const report = await run('2026-06-05T12:00:00.000Z');
    expect(report.sources.map((s) => [s.sourceId, s.articlesAdded, s.duplicates])).toEqual([['outlet', 1, 0], ['bing-news', 1, 1]]);
    const [article, item] = await articles();
    expect(item).toMatchObject({
      source_id: 'bing-news', url: OUTLET_LINK, site_name: 'Example Outlet', duplicate_of: article!.id, duplicate_reason: 'canonical_url', story_id: article!.story_id,
    });
    expect(alerts().map((alert) => alert.url)).toEqual([OUTLET_LINK]);
    expect(await counted()).toBe(1);

    // read again, with Bing's new traffic ids in its links: nothing changes
    served.tid = 'B2';
    await run('2026-06-05T13:00:00.000Z');
    expect(await articles()).toHaveLength(2);
    expect(alerts()).toHaveLength(1);
  });

  it("makes the outlet's article the copy of a Bing item stored before it: one alert, at the outlet's link", async () => {
    const { run, articles, alerts, counted } = await setUp(['bing', 'outlet']);
    served.bing = [{ ...OUTLET_ITEM, description: TEXT }];
    await run('2026-06-05T10:00:00.000Z');
    expect(alerts().map((alert) => alert.url)).toEqual([OUTLET_LINK]);
    served.outlet = [{ guid: 'outlet-1', title: HEADLINE, link: OUTLET_LINK, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: TEXT }];
    await run('2026-06-05T12:00:00.000Z');
    const [item, article] = await articles();
    expect(item).toMatchObject({ source_id: 'bing-news', url: OUTLET_LINK, site_name: 'Example Outlet', duplicate_of: null });
    expect(article).toMatchObject({ source_id: 'outlet', duplicate_of: item!.id, duplicate_reason: 'canonical_url' });
    expect(alerts()).toHaveLength(1);
    expect(await counted()).toBe(1);
  });

  it('keeps the item of another outlet carrying the same headline as coverage of its own', async () => {
    const { run, articles, alerts, counted } = await setUp(['outlet', 'bing']);
    served.outlet = [{ guid: 'outlet-1', title: HEADLINE, link: OUTLET_LINK, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: TEXT }];
    served.bing = [
      OUTLET_ITEM,
      { title: HEADLINE, target: OTHER_LINK, outlet: 'Other Outlet', pubDate: 'Fri, 05 Jun 2026 09:30:00 GMT', description: ON_TOPIC_TEXTS[4]! },
    ];
    await run('2026-06-05T12:00:00.000Z');
    const [article, copy, other] = await articles();
    expect(copy).toMatchObject({ url: OUTLET_LINK, duplicate_of: article!.id, duplicate_reason: 'canonical_url' });
    expect(other).toMatchObject({ source_id: 'bing-news', url: OTHER_LINK, site_name: 'Other Outlet', duplicate_of: null });
    expect(alerts().map((alert) => alert.url)).toEqual([OUTLET_LINK, OTHER_LINK]);
    expect(await counted()).toBe(2);
  });
});

describe('a Bing News click-through link to a private address, or to no http(s) URL', () => {
  it('is not unwrapped, and what is unwrapped is fetched under the same checks as any link of a feed', async () => {
    const server = await startServer({
      '/secret': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><article><p>${TEXT}</p></article></body></html>`),
    });
    cleanups.push(() => server.close());
    const { port } = new URL(server.url);
    // Bing's host and an intranet name both reach the test server here: the fetch layer's own resolver option (its
    // private-address guard judges what it answers, as it judges the system resolver's)
    const testNames = new Set(['www.bing.com', 'intranet.example']);
    const resolveHost = async (hostname: string) => (testNames.has(hostname) ? [{ address: '127.0.0.1', family: 4 }] : []);
    const targets = {
      literal: `http://127.0.0.1:${port}/secret`,
      ipv6: `http://[::ffff:127.0.0.1]:${port}/secret`,
      localhost: `http://localhost:${port}/secret`,
      script: 'javascript:fetch("/secret")',
      named: `http://intranet.example:${port}/secret`,
    };
    const items: BingItem[] = Object.entries(targets).map(([name, target]) => ({
      title: `${HEADLINE} (${name})`, target, outlet: 'Example Outlet', pubDate: 'Fri, 05 Jun 2026 09:07:00 GMT', description: 'Labs weigh a verified pause.',
    }));
    const routes: Record<string, Route> = { '/bing.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(bingFeed(items)) };
    const feed = await startServer(routes);
    cleanups.push(() => feed.close());
    // page fetching on, private addresses refused (the defaults): the feed's own host is trusted, no other is
    const { store, loaded } = await feedRunProject(cleanups, 'bing-private', [{ id: 'bing-news', kind: 'feed', name: 'Bing News: AI pause', url: `${feed.url}/bing.xml` }], {
      fetch: { allowPrivateAddresses: false },
    });
    const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough().resume());
    const report = await runPipeline({
      loaded, store, channels, now: () => new Date('2026-06-05T12:00:00.000Z'), random: () => 0.5, all: true,
      fetcher: (url, options) => fetchUrl(url, { ...options, resolveHost }),
    });

    const stored = await store.db.selectFrom('articles').select(['title', 'url', 'site_name', 'extract_error_code']).orderBy('id').execute();
    expect(stored.map((row) => [row.url, row.site_name])).toEqual([
      // kept as Bing's links: a private address, written as an IPv4 or IPv6 literal or localhost, and javascript:
      [bingLink(targets.literal), 'Example Outlet'],
      [bingLink(targets.ipv6), 'Example Outlet'],
      [bingLink(targets.localhost), 'Example Outlet'],
      [bingLink(targets.script), 'Example Outlet'],
      // a name is unwrapped: what it resolves to is the fetch layer's to judge, as for every link of a feed
      [targets.named, 'Example Outlet'],
    ]);
    // every page was refused for the private address it reached (Bing's links by Bing's name, here the test server's)
    expect(report.sources[0]).toMatchObject({ outcome: 'ok', error: null });
    expect(report.sources[0]!.itemErrors.map((e) => e.error.code)).toEqual(Array(5).fill('private_address'));
    expect(stored.map((row) => row.extract_error_code)).toEqual(Array(5).fill('private_address'));
    expect(server.hits.get('/secret')).toBeUndefined();
  });
});
