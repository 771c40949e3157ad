import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { rssFeed } from '../helpers/hostile-server.ts';

/**
 * A feed without GUIDs (items known by their links) with teaser-length descriptions, too short for the content hash:
 * the outlet moves to https, or adds `www.`, and every link changes in its scheme or host alone. The items are the
 * articles the source already has, updated, not stored and alerted again. Only the source's own articles whose keys
 * have left its feed are taken so; another source's article, or a link still in the feed, is not.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TITLES = ['A pause on frontier AI development is overdue', 'Why a moratorium on frontier AI is unworkable', 'The AI pause is a marketing ploy by Anthropic'];
const TEASERS = ['Our columnist argues the labs must stop racing.', 'Verification would fail, critics say.', 'A critic reads the proposal as positioning.'];

interface FeedItem {
  title: string;
  link: string;
  description: string;
  hoursAgo: number;
}

describe.each(dialects)('a feed without GUIDs whose links change in scheme or www only, on $name', ({ fresh }) => {
  async function setUp(sources: (base: string) => PipelineInput['sources']) {
    const now = Date.parse('2026-06-10T06:00:00Z');
    const feeds: Record<string, FeedItem[]> = {};
    const routes: Record<string, Route> = {};
    const server = await startServer(routes);
    cleanups.push(() => server.close());
    const serve = (name: string, items: FeedItem[]) => {
      feeds[name] = items;
      routes[`/${name}.xml`] = (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          rssFeed(name, feeds[name]!.map((item) => ({ title: item.title, link: item.link, pubDate: new Date(now - item.hoursAgo * 3_600_000).toUTCString(), description: item.description }))),
        );
    };
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, { id: 'scheme-change', sources: sources(server.url), database: fresh });
    const run = (hoursLater: number): Promise<RunReport> =>
      runPipeline({ loaded, store, channels, now: () => new Date(now + hoursLater * 3_600_000), random: () => 0.5, all: true });
    const alerted = (): string[] => alerts().map((alert) => alert.url);
    const articles = () => store.db.selectFrom('articles').select(['id', 'source_id', 'item_key', 'title', 'duplicate_of']).orderBy('id').execute();
    return { serve, run, alerted, articles };
  }

  const opinion = (origin: string, indexes = [0, 1, 2]): FeedItem[] =>
    indexes.map((i) => ({ title: TITLES[i]!, link: `${origin}/opinion/2026/06/story-${i}`, description: TEASERS[i]!, hoursAgo: 6 - i }));

  it('stores and alerts each article once when the links move to https, then to https://www.', async () => {
    const { serve, run, alerted, articles } = await setUp((base) => [{ id: 'example', kind: 'feed', name: 'Example News', url: `${base}/example.xml`, fetchArticles: false }]);
    serve('example', opinion('http://news.example.org'));
    expect((await run(0)).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 3 });
    expect(alerted()).toHaveLength(3);

    serve('example', opinion('https://news.example.org'));
    expect((await run(1)).sources[0]).toMatchObject({ outcome: 'ok', itemsSeen: 3, articlesAdded: 0, duplicates: 0 });
    serve('example', opinion('https://www.news.example.org'));
    expect((await run(2)).sources[0]).toMatchObject({ outcome: 'ok', itemsSeen: 3, articlesAdded: 0, duplicates: 0 });
    // a trailing slash added on top changes nothing either
    serve('example', opinion('https://www.news.example.org').map((item) => ({ ...item, link: `${item.link}/` })));
    expect((await run(3)).sources[0]).toMatchObject({ outcome: 'ok', itemsSeen: 3, articlesAdded: 0, duplicates: 0 });

    expect(await articles()).toHaveLength(3);
    expect(alerted()).toEqual([0, 1, 2].map((i) => `http://news.example.org/opinion/2026/06/story-${i}`));
  });

  it('takes a retitle delivered under the new scheme as an update of the stored article', async () => {
    const { serve, run, alerted, articles } = await setUp((base) => [{ id: 'example', kind: 'feed', name: 'Example News', url: `${base}/example.xml`, fetchArticles: false }]);
    serve('example', opinion('http://news.example.org'));
    await run(0);
    serve('example', opinion('https://news.example.org').map((item, i) => (i === 1 ? { ...item, title: 'A moratorium on frontier AI cannot be verified' } : item)));
    expect((await run(1)).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 0, articlesUpdated: 1 });
    const rows = await articles();
    expect(rows).toHaveLength(3);
    expect(rows[1]!.title).toBe('A moratorium on frontier AI cannot be verified');
    expect(alerted()).toHaveLength(3);
  });

  it('does not take another source\'s article, nor one whose link is still in the feed', async () => {
    const { serve, run, articles } = await setUp((base) => [
      { id: 'first', kind: 'feed', name: 'First', url: `${base}/first.xml`, fetchArticles: false },
      { id: 'second', kind: 'feed', name: 'Second', url: `${base}/second.xml`, fetchArticles: false },
    ]);
    serve('first', opinion('http://news.example.org', [0]));
    serve('second', []);
    await run(0);
    // the second source now carries the https link: the first source's article is not its own
    serve('second', opinion('https://news.example.org', [0]));
    expect((await run(1)).sources[1]).toMatchObject({ outcome: 'ok', articlesAdded: 1 });
    // the first source carries both links: the http one is still in the feed, so the https one is another item
    serve('first', [...opinion('http://news.example.org', [0]), ...opinion('https://news.example.org', [0])]);
    expect((await run(2)).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1 });
    expect((await articles()).map((row) => [row.source_id, row.item_key])).toEqual([
      ['first', 'http://news.example.org/opinion/2026/06/story-0'],
      ['second', 'https://news.example.org/opinion/2026/06/story-0'],
      ['first', 'https://news.example.org/opinion/2026/06/story-0'],
    ]);
  });
});
