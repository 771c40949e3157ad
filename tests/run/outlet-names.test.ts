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
  it("is named by the site name its source's read pages give, in the digest and its outlet count", async () => {
    const server = await startServer({
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          rssFeed('Policy Desk', [
            { guid: 'a', title: 'Labs weigh a verified pause', link: `${server.url}/a`, pubDate: 'Fri, 05 Jun 2026 08:00:00 GMT', description: ON_TOPIC_TEXTS[0] },
            { guid: 'b', title: 'Senators propose a moratorium', link: `${server.url}/b`, pubDate: 'Fri, 05 Jun 2026 09:00:00 GMT', description: ON_TOPIC_TEXTS[1] },
          ]),
        ),
      '/a': (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
          `<!doctype html><html><head><title>Labs weigh a verified pause</title><meta property="og:site_name" content="Policy Desk"></head><body><article><h1>Labs weigh a verified pause</h1><p>${ON_TOPIC_TEXTS[0]} ${ON_TOPIC_TEXTS[2]}</p></article></body></html>`,
        ),
      '/b': (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('down'),
    });
    cleanups.push(() => server.close());
    const { root, store, loaded, channels } = await alertingPipeline(cleanups, {
      id: 'outlet-names',
      sources: [{ id: 'desk', kind: 'feed', name: 'Policy Desk: AI', url: `${server.url}/feed.xml`, fetchArticles: true }],
      database: fresh,
    });
    await runPipeline({ loaded, store, channels, now: () => new Date('2026-06-05T10:00:00.000Z'), random: () => 0.5, all: true });
    const sites = await store.db.selectFrom('articles').select(['url', 'site_name']).orderBy('id').execute();
    expect(sites.map((row) => row.site_name)).toEqual(['Policy Desk', null]);
    const digest = JSON.parse(readFileSync(path.join(root, 'data/digests/2026-06-05.json'), 'utf8')) as {
      totals: { outlets: number };
      stories: { articles: { outlet: string }[] }[];
    };
    expect(digest.stories.flatMap((story) => story.articles.map((article) => article.outlet))).toEqual(['Policy Desk', 'Policy Desk']);
    expect(digest.totals.outlets).toBe(1);
  });
});
