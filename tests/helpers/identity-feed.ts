import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { TestDatabase } from './databases.ts';
import { startServer } from './http-server.ts';
import { alertingPipeline } from './alerting-pipeline.ts';

/** An item of the test feed. */
export interface IdentityFeedItem {
  guid?: string;
  /** A path on the feed's server, or an address elsewhere; none for an item without a link. */
  link?: string;
  /** None for an untitled item (a microblog's). */
  title?: string;
  /** Written as it is inside `<description>` (a CDATA section for HTML). */
  description: string;
  /** `<content:encoded>`, in a CDATA section; none when left out. */
  content?: string;
  /** When it was published, before the test's clock; no date when left out. */
  hoursAgo?: number;
  /** A pubDate written as it is (a feed's day-only or build-time date), instead of hoursAgo. */
  pubDate?: string;
}

/**
 * A pipeline of one RSS feed, `wire`, served from a node:http server, whose items each run sets, with a file alert
 * channel: for tests of how items are known across runs. Runs are half an hour apart, from 10 June 2026 06:00 UTC.
 * `pages`: article pages the server serves, by path, for a feed read with its pages (`fetchArticles`).
 */
export async function identityFeed(
  cleanups: (() => Promise<void> | void)[],
  fresh: () => Promise<TestDatabase>,
  options: { id: string; fetchArticles?: boolean; pages?: Record<string, string> },
) {
  const now = new Date('2026-06-10T06:00:00Z');
  const pubDate = (item: IdentityFeedItem) => {
    const date = item.pubDate ?? (item.hoursAgo === undefined ? undefined : new Date(now.getTime() - item.hoursAgo * 3_600_000).toUTCString());
    return date === undefined ? '' : `<pubDate>${date}</pubDate>`;
  };
  let items: IdentityFeedItem[] = [];
  /** What is served of the feed's document: all of it, or what a dropped connection leaves of it. */
  let served = (xml: string) => xml;
  const pages = Object.entries(options.pages ?? {}).map(([path, html]) => [path, (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end(html)]);
  const server = await startServer({
    ...Object.fromEntries(pages),
    '/feed.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(served(
        `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title><link>${server.url}/</link>` +
          items
            .map(
              (item) =>
                `<item>${item.title === undefined ? '' : `<title>${item.title}</title>`}` +
                `${item.link ? `<link>${item.link.startsWith('http') ? item.link : server.url + item.link}</link>` : ''}` +
                `${item.guid ? `<guid isPermaLink="false">${item.guid}</guid>` : ''}` +
                `${pubDate(item)}<description>${item.description}</description>` +
                `${item.content === undefined ? '' : `<content:encoded><![CDATA[${item.content}]]></content:encoded>`}</item>`,
            )
            .join('') +
          '</channel></rss>',
      )),
  });
  cleanups.push(() => server.close());
  const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, {
    id: options.id,
    sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/feed.xml`, fetchArticles: options.fetchArticles ?? false }],
    database: fresh,
  });
  let runs = 0;
  /**
   * One run, half an hour after the one before, of the feed with these items; `cut` gives what is served of its
   * document (a body cut short and answered 200).
   */
  const run = (next: IdentityFeedItem[], cut?: (xml: string) => string): Promise<RunReport> => {
    items = next;
    served = cut ?? ((xml) => xml);
    const at = new Date(now.getTime() + 30 * 60_000 * runs++);
    return runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5, all: true });
  };
  /** The titles of the alerts written, in order. */
  const alerted = () => alerts().map((alert) => alert.title).sort();
  return { run, store, alerted };
}
