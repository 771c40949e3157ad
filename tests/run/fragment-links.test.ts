import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';
import { rssFeed } from '../helpers/hostile-server.ts';

/**
 * Items of one feed linking to anchors of one page (a press-release list's `/press#item-1`, a statements page's
 * `/statements#2026-06-11`) are distinct items, with their own texts: each is stored and alerted, not taken for a
 * copy of the first (their canonical URL, which drops the fragment, is one) nor, without GUIDs, for the stored item
 * whose link changed only in a tracking parameter. Items of one feed saying the same under one page stay copies;
 * another source's item of the page is a copy by its canonical URL, as before; a fragment that identifies nothing
 * (`#comments`, `#xtor=RSS-3`) does not make another item.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TEXTS = ON_TOPIC_TEXTS.slice(0, 3);
const TITLES = ['Labs weigh a verified pause of frontier AI', 'Senators back a moratorium on frontier AI training', 'Researchers call a frontier AI pause overdue'];

interface FeedItem {
  title: string;
  /** path and fragment on the test server */
  link: string;
  guid?: string;
  description: string;
  published: string;
}

describe.each(dialects)('items linking to anchors of one page, on $name', ({ fresh }) => {
  async function setUp(sources: (base: string) => PipelineInput['sources']) {
    const feeds: Record<string, FeedItem[]> = {};
    const routes: Record<string, Route> = {};
    const server = await startServer(routes);
    cleanups.push(() => server.close());
    const serve = (name: string, items: FeedItem[]) => {
      feeds[name] = items;
      routes[`/${name}.xml`] = (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          rssFeed(name, feeds[name]!.map((item) => ({ title: item.title, link: `${server.url}${item.link}`, guid: item.guid, pubDate: new Date(item.published).toUTCString(), description: item.description }))),
        );
    };
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, { id: 'fragment-links', sources: sources(server.url), database: fresh });
    const run = (at: string): Promise<RunReport> => runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all: true });
    const alerted = (): string[] => alerts().map((alert) => alert.title);
    const articles = () =>
      store.db.selectFrom('articles').select(['id', 'source_id', 'item_key', 'title', 'text', 'duplicate_of', 'duplicate_reason']).orderBy('id').execute();
    return { serve, run, alerted, articles, base: server.url, routes, hits: server.hits };
  }

  const press = (indexes = [0, 1, 2]): FeedItem[] =>
    indexes.map((i) => ({ title: TITLES[i]!, link: `/press#item-${i}`, guid: `press-${i}`, description: TEXTS[i]!, published: `2026-06-10T0${3 + i}:00:00Z` }));

  it('stores and alerts each item of a press list linking to its anchors, with its own GUID and text', async () => {
    const { serve, run, alerted, articles } = await setUp((base) => [{ id: 'agency', kind: 'feed', name: 'Agency', url: `${base}/agency.xml`, fetchArticles: false }]);
    serve('agency', press([0]));
    expect((await run('2026-06-10T06:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, duplicates: 0 });
    serve('agency', press());
    expect((await run('2026-06-10T07:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 2, duplicates: 0 });
    const rows = await articles();
    expect(rows.map((row) => [row.item_key, row.duplicate_of])).toEqual([['press-0', null], ['press-1', null], ['press-2', null]]);
    expect(alerted()).toEqual(TITLES);
  });

  it('keeps each item of a press list its own feed text when pages are read, without reading the list page', async () => {
    const { serve, run, alerted, articles, routes, hits } = await setUp((base) => [{ id: 'agency', kind: 'feed', name: 'Agency', url: `${base}/agency.xml`, fetchArticles: true }]);
    routes['/press'] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><main>${TEXTS.map((text, i) => `<section id="item-${i}"><h2>${TITLES[i]}</h2><p>${text}</p></section>`).join('')}</main></body></html>`);
    serve('agency', press());
    expect((await run('2026-06-10T06:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 3, duplicates: 0 });
    expect((await articles()).map((row) => [row.item_key, row.text, row.duplicate_of])).toEqual(TEXTS.map((text, i) => [`press-${i}`, text, null]));
    expect(alerted()).toEqual(TITLES);
    expect(hits.get('/press')).toBeUndefined();
  });

  it("keeps the next statement of a page read for an earlier one its own feed text, not the stored page's", async () => {
    const { serve, run, alerted, articles, routes } = await setUp((base) => [{ id: 'ministry', kind: 'feed', name: 'Ministry', url: `${base}/ministry.xml`, fetchArticles: true }]);
    // the statements page, read for the first statement alone in its feed, holds it and an older one
    const older = 'An earlier statement of the ministry on the budget for rural roads and bridges, and the timetable of the works.';
    routes['/statements'] = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><main><h1>${TITLES[0]}</h1><p>${TEXTS[0]}</p><p>${older}</p></main></body></html>`);
    const statement = (day: number): FeedItem => ({ title: TITLES[day]!, link: `/statements#2026-06-1${day}`, description: TEXTS[day]!, published: `2026-06-1${day}T05:00:00Z` });
    serve('ministry', [statement(0)]);
    await run('2026-06-10T06:00:00Z');
    serve('ministry', [statement(1)]);
    expect((await run('2026-06-11T06:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, duplicates: 0 });
    const rows = await articles();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ title: TITLES[1], text: TEXTS[1], duplicate_of: null });
    expect(alerted()).toEqual([TITLES[0], TITLES[1]]);
  });

  it('keeps each item of a feed linking every item to its home page its own feed text, then a new edition its own', async () => {
    const { serve, run, alerted, articles, routes, hits } = await setUp((base) => [{ id: 'letter', kind: 'feed', name: 'Letter', url: `${base}/letter.xml`, fetchArticles: true }]);
    routes['/'] = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><main><h1>The Letter</h1><p>${'Subscribe to the letter on frontier AI policy for weekly analysis. '.repeat(6)}</p></main></body></html>`);
    const edition = (i: number): FeedItem => ({ title: TITLES[i]!, link: '/', guid: `letter-${i}`, description: TEXTS[i]!, published: `2026-06-1${i}T05:00:00Z` });
    serve('letter', [edition(0), edition(1)]);
    expect((await run('2026-06-11T06:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 2, duplicates: 0 });
    expect(hits.get('/')).toBeUndefined();
    // the next day, alone in the feed: the page stored for the others is not its text either
    serve('letter', [edition(2)]);
    expect((await run('2026-06-12T06:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, duplicates: 0 });
    expect((await articles()).map((row) => [row.item_key, row.text, row.duplicate_of])).toEqual(TEXTS.map((text, i) => [`letter-${i}`, text, null]));
    expect(alerted()).toEqual(TITLES);
  });

  it('takes an item of a stored link under a new GUID and the same headline for the article again when pages are read', async () => {
    const { serve, run, alerted, articles, routes } = await setUp((base) => [{ id: 'outlet', kind: 'feed', name: 'Outlet', url: `${base}/outlet.xml`, fetchArticles: true }]);
    routes['/2026/06/labs'] = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><body><article><h1>${TITLES[0]}</h1><p>${TEXTS[0]}</p></article></body></html>`);
    const item = (guid: string): FeedItem => ({ title: TITLES[0]!, link: '/2026/06/labs', guid, description: 'A teaser.', published: '2026-06-10T05:00:00Z' });
    serve('outlet', [item('outlet-1')]);
    await run('2026-06-10T06:00:00Z');
    serve('outlet', [item('renumbered-1')]);
    expect((await run('2026-06-10T07:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, duplicates: 1 });
    expect((await articles()).map((row) => [row.text, row.duplicate_of])).toEqual([[TEXTS[0], null], [TEXTS[0], 1]]);
    expect(alerted()).toEqual([TITLES[0]]);
  });

  it('still takes an item of the feed saying the same under the page, with another GUID, for a copy', async () => {
    const { serve, run, alerted, articles } = await setUp((base) => [{ id: 'agency', kind: 'feed', name: 'Agency', url: `${base}/agency.xml`, fetchArticles: false }]);
    serve('agency', press([0]));
    await run('2026-06-10T06:00:00Z');
    serve('agency', [...press([0]), { ...press([0])[0]!, guid: 'press-0-again', link: '/press#item-9' }, { ...press([0])[0]!, guid: 'press-0-bis' }]);
    expect((await run('2026-06-10T07:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 2, duplicates: 2 });
    expect((await articles()).map((row) => row.duplicate_of)).toEqual([null, 1, 1]);
    expect(alerted()).toEqual([TITLES[0]]);
  });

  it("keeps another source's item of the page a copy by its canonical URL", async () => {
    const { serve, run, articles } = await setUp((base) => [
      { id: 'agency', kind: 'feed', name: 'Agency', url: `${base}/agency.xml`, fetchArticles: false },
      { id: 'mirror', kind: 'feed', name: 'Mirror', url: `${base}/mirror.xml`, fetchArticles: false },
    ]);
    serve('agency', press([0]));
    serve('mirror', [{ ...press([1])[0]!, guid: 'mirror-1' }]);
    await run('2026-06-10T06:00:00Z');
    expect((await articles()).map((row) => [row.source_id, row.duplicate_of, row.duplicate_reason])).toEqual([
      ['agency', null, null],
      ['mirror', 1, 'canonical_url'],
    ]);
  });

  it('stores the next statement of a feed without GUIDs linking to a new anchor, and leaves the old one as it was', async () => {
    const { serve, run, alerted, articles } = await setUp((base) => [{ id: 'ministry', kind: 'feed', name: 'Ministry', url: `${base}/ministry.xml`, fetchArticles: false }]);
    const statement = (day: number): FeedItem => ({ title: TITLES[day]!, link: `/statements#2026-06-1${day}`, description: TEXTS[day]!, published: `2026-06-1${day}T05:00:00Z` });
    serve('ministry', [statement(0)]);
    await run('2026-06-10T06:00:00Z');
    serve('ministry', [statement(1)]);
    expect((await run('2026-06-11T06:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, duplicates: 0, articlesUpdated: 0 });
    const rows = await articles();
    expect(rows.map((row) => [row.item_key.replace(/^.*\/statements/, ''), row.title, row.duplicate_of])).toEqual([
      ['#2026-06-10', TITLES[0], null],
      ['#2026-06-11', TITLES[1], null],
    ]);
    expect(alerted()).toEqual([TITLES[0], TITLES[1]]);
  });

  it('takes a link without a GUID whose fragment identifies nothing for the stored item', async () => {
    const { serve, run, alerted, articles } = await setUp((base) => [{ id: 'blog', kind: 'feed', name: 'Blog', url: `${base}/blog.xml`, fetchArticles: false }]);
    const post = (link: string, title = TITLES[2]!): FeedItem => ({ title, link, description: 'A short teaser of the letter.', published: '2026-06-10T05:00:00Z' });
    serve('blog', [post('/2026/06/letter')]);
    await run('2026-06-10T06:00:00Z');
    serve('blog', [post('/2026/06/letter?utm_source=rss#xtor=RSS-3')]);
    expect((await run('2026-06-10T07:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 0 });
    serve('blog', [post('/2026/06/letter#comments', 'Researchers say a frontier AI pause is overdue')]);
    expect((await run('2026-06-10T08:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 0, articlesUpdated: 1 });
    // names of the page's own parts, however written
    for (const [hour, fragment] of [['09', '#main-content'], ['10', '#article_body'], ['11', '#skipToContent']] as const) {
      serve('blog', [post(`/2026/06/letter${fragment}`, 'Researchers say a frontier AI pause is overdue')]);
      expect((await run(`2026-06-10T${hour}:00:00Z`)).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 0 });
    }
    const rows = await articles();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.title).toBe('Researchers say a frontier AI pause is overdue');
    expect(alerted()).toHaveLength(1);
  });
});
