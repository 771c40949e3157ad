import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { trendOriginals } from '../../src/store/index.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * A wire's article read whole from its page, and a paper's item carrying it whose page is not read (fetchArticles
 * off here; past `fetch.maxArticlesPerFeed`, or a failed page, in a run): the paper keeps the feed's teaser, the
 * article's first words cut mid-word. Stored after the article, the teaser is its copy: one original, one alert,
 * counted once.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HEADLINE = 'Researchers say a verified pause of frontier AI is overdue';
const ARTICLE = `${ON_TOPIC_TEXTS[2]} ${ON_TOPIC_TEXTS[3]}`;
const TEASER = `${ARTICLE.slice(0, 200)}…`;
const page = (text: string) => `<!doctype html><html><head><title>${HEADLINE}</title></head><body><article><h1>${HEADLINE}</h1><p>${text}</p></article></body></html>`;

describe.each(dialects)("a feed's teaser of a wire article stored whole, on $name", ({ fresh }) => {
  async function setUp(order: ('wire' | 'paper')[]) {
    const served = { wire: false, paper: false, paperHeadline: HEADLINE, wireGuid: 'pause-overdue', wireText: ARTICLE };
    const item = { guid: 'pause-overdue', title: HEADLINE, pubDate: 'Fri, 05 Jun 2026 09:07:00 GMT' };
    const server = await startServer({
      '/wire.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Wire', served.wire ? [{ ...item, guid: served.wireGuid, link: `${server.url}/wire/${served.wireGuid}`, description: TEASER }] : [])),
      '/wire/pause-overdue': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(ARTICLE)),
      '/wire/pause-overdue-2': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(served.wireText)),
      '/paper.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Paper', served.paper ? [{ ...item, title: served.paperHeadline, link: 'https://paper.example/2026/06/05/pause', description: TEASER }] : [])),
    });
    cleanups.push(() => server.close());
    const sources = {
      wire: { id: 'wire', kind: 'feed' as const, name: 'Wire', url: `${server.url}/wire.xml`, fetchArticles: true },
      paper: { id: 'paper', kind: 'feed' as const, name: 'Paper', url: `${server.url}/paper.xml`, fetchArticles: false },
    };
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, { id: 'teasers', sources: order.map((id) => sources[id]), database: fresh });
    const run = async (at: string) => {
      const report = await runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all: true });
      for (const source of report.sources) expect(source, source.sourceId).toMatchObject({ error: null, itemErrors: [] });
    };
    const articles = () => store.db.selectFrom('articles').select(['id', 'source_id', 'duplicate_of', 'duplicate_reason', 'word_count', 'url']).orderBy('id').execute();
    const counted = async () => (await trendOriginals(store.db, loaded.pipeline.id)).length;
    return { served, run, articles, alerts, counted };
  }

  it('stores the teaser as a copy of the article read whole', async () => {
    const { served, run, articles, alerts, counted } = await setUp(['wire', 'paper']);
    served.wire = true;
    served.paper = true;
    await run('2026-06-05T10:00:00.000Z');
    const [wire, paper] = await articles();
    expect(wire).toMatchObject({ source_id: 'wire', duplicate_of: null });
    expect(wire!.word_count).toBeGreaterThan(100);
    expect(paper).toMatchObject({ source_id: 'paper', duplicate_of: wire!.id, duplicate_reason: 'teaser' });
    expect(await counted()).toBe(1);
    expect(alerts()).toHaveLength(1);
  });

  it('keeps an article read whole after a teaser of it an original: as the teaser\'s copy it would be judged by the teaser\'s words', async () => {
    const { served, run, articles } = await setUp(['wire', 'paper']);
    served.paper = true;
    await run('2026-06-05T10:00:00.000Z');
    served.wire = true;
    await run('2026-06-05T12:00:00.000Z');
    expect((await articles()).map((row) => [row.source_id, row.duplicate_of])).toEqual([['paper', null], ['wire', null]]);
  });

  it('joins a teaser to the article it opens, never two articles that open alike (a live blog\'s posts under one headline)', async () => {
    const { served, run, articles, counted } = await setUp(['wire', 'paper']);
    served.wire = true;
    served.paper = true;
    await run('2026-06-05T10:00:00.000Z');
    // the next day the wire's page is a new post under the same headline, opening as the first did, then another text
    served.wireGuid = 'pause-overdue-2';
    served.wireText = `${ARTICLE.slice(0, 200)} ${ON_TOPIC_TEXTS[4]} ${ON_TOPIC_TEXTS[0]}`;
    await run('2026-06-06T10:00:00.000Z');
    const [first, teaser, second] = await articles();
    expect(teaser).toMatchObject({ source_id: 'paper', duplicate_of: first!.id, duplicate_reason: 'teaser' });
    expect(second).toMatchObject({ source_id: 'wire', duplicate_of: null });
    expect(await counted()).toBe(2);
  });

  it('keeps apart the same opening under another headline: an outlet leading with the wire\'s paragraph under its own', async () => {
    const { served, run, articles, counted } = await setUp(['wire', 'paper']);
    served.wire = true;
    served.paper = true;
    served.paperHeadline = 'Chip audits would make a frontier AI pause checkable, paper argues';
    await run('2026-06-05T10:00:00.000Z');
    expect((await articles()).map((row) => row.duplicate_of)).toEqual([null, null]);
    expect(await counted()).toBe(2);
  });
});
