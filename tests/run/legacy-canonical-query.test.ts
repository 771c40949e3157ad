import type http from 'node:http';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A run stores the canonical URL of an article page in a legacy encoding, and of a saved page, with its query's
 * non-ASCII characters percent-encoded in the page's encoding, as browsers request it and the outlet writes it.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const NEWS_1251 = '%CD%EE%E2%EE%F1%F2%E8';
const ARTICLE = 'Leading AI labs should coordinate a verified global pause of frontier AI development, researchers said on Thursday. Critics called the pause unworkable.';
const page = (canonical: string) =>
  `<!doctype html><html><head><meta charset="windows-1251"><title>Пауза</title><link rel="canonical" href="${canonical}"></head>` +
  `<body><article><h1>Пауза в разработке</h1><p>${ARTICLE}</p><p>Новости. ${ARTICLE}</p></article></body></html>`;

describe('a run over pages in windows-1251 with a non-ASCII query in their canonical URL', () => {
  it('stores the canonical URL with its query in windows-1251, as the outlet links write it', async () => {
    const server = await startServer({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Лента', [{ guid: 'a', title: 'Pause', link: `${server.url}/story.php?id=7` }])),
      '/story.php': (_req: http.IncomingMessage, res: http.ServerResponse) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=windows-1251' }).end(iconv.encode(page('/news.php?cat=Новости&id=7'), 'windows-1251')),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'legacy-canonical', [
      { id: 'lenta', kind: 'feed', name: 'Lenta', url: `${server.url}/feed.xml`, fetchArticles: true },
    ]);
    await runPipeline({ loaded, store, channels: [], now: () => new Date('2026-06-10T06:00:00.000Z'), random: () => 0.5 });
    const rows = await store.db.selectFrom('articles').select(['source_id', 'canonical_url']).orderBy('source_id').execute();
    expect(rows).toEqual([
      { source_id: 'lenta', canonical_url: `${server.url}/news.php?cat=${NEWS_1251}&id=7` },
    ]);
  }, 30_000);
});
