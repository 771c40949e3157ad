import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * An outlet's feed whose pages name the outlet (`og:site_name`), one of them failing: the article kept with its feed's
 * text has no site name of its own, and was named by the pipeline's source ("Policy Desk: AI"), so the digest counted
 * the outlet twice. It is named as the source's read pages name it.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(dialects)("an article whose page was not read, on $name", ({ fresh }) => {
  const page = (title: string, text: string, site: string) =>
    `<!doctype html><html><head><title>${title}</title><meta property="og:site_name" content="${site}"></head><body><article><h1>${title}</h1><p>${text}</p></article></body></html>`;

  /** A feed of `read` items whose pages name `site` and one whose page fails, stored by one run: the digest's JSON. */
  async function runWith(read: number, site: string) {
    const titles = ['Labs weigh a verified pause', 'Ministers discuss a moratorium', 'Researchers sign a letter', 'Chair calls for a halt'];
    const server = await startServer({
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          rssFeed('Policy Desk', [
            ...titles.slice(0, read).map((title, i) => ({ guid: `r${i}`, title, link: `${server.url}/r${i}`, pubDate: 'Fri, 05 Jun 2026 08:00:00 GMT', description: ON_TOPIC_TEXTS[i] })),
            { guid: 'b', title: 'Senators propose a verified moratorium', link: `${server.url}/b`, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: ON_TOPIC_TEXTS[4] },
          ]),
        ),
      ...Object.fromEntries(titles.slice(0, read).map((title, i) => [`/r${i}`, (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(title, `${ON_TOPIC_TEXTS[i]} ${ON_TOPIC_TEXTS[i]}`, site))])),
      '/b': (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('down'),
    });
    cleanups.push(() => server.close());
    const { root, store, loaded, channels } = await alertingPipeline(cleanups, {
      id: 'outlet-names',
      sources: [{ id: 'desk', kind: 'feed', name: 'Policy Desk: AI', url: `${server.url}/feed.xml`, fetchArticles: true }],
      database: fresh,
    });
    await runPipeline({ loaded, store, channels, now: () => new Date('2026-06-05T10:00:00.000Z'), random: () => 0.5, all: true });
    return JSON.parse(readFileSync(path.join(root, 'data/digests/2026-06-05.json'), 'utf8')) as {
      totals: { outlets: number };
      stories: { articles: { outlet: string; title: string }[] }[];
    };
  }

  it("is named by the site name its source's read pages all give, in the digest and its outlet count", async () => {
    const digest = await runWith(3, 'Policy Desk');
    const outlets = digest.stories.flatMap((story) => story.articles.map((article) => article.outlet));
    expect(outlets).toHaveLength(4);
    expect(new Set(outlets)).toEqual(new Set(['Policy Desk']));
    expect(digest.totals.outlets).toBe(1);
  });

  it("keeps its source's name when one read page names a site: an aggregator's one page read names one outlet, not it", async () => {
    const digest = await runWith(1, 'Reuters');
    const unread = digest.stories.flatMap((story) => story.articles).find((article) => article.title.startsWith('Senators'));
    expect(unread?.outlet).toBe('Policy Desk: AI');
  });
});
