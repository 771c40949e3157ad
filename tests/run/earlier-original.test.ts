import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { applyStanceLabel, trendOriginals } from '../../src/store/index.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * A wire agency's story and a paper's reprint of it, the paper's feed read first: the wire's story, published
 * earlier, is the original and the reprint its copy, whichever was stored first, as long as the reprint was first
 * seen the same day (an earlier day's digest counted it, and it stays). One alert for the two, counted once.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HEADLINE = 'A pause on frontier AI development is overdue, researchers say';
const TEXT = ON_TOPIC_TEXTS[2]!;
const WIRE_LINK = 'https://wire.example/technology/ai-pause-overdue';
const PAPER_LINK = 'https://paper.example/news/ai-pause-overdue';

describe.each(dialects)('a reprint stored before the story it reprints, on $name', ({ fresh }) => {
  const served = { wire: [] as Parameters<typeof rssFeed>[1], paper: [] as Parameters<typeof rssFeed>[1], teasers: [] as Parameters<typeof rssFeed>[1] };

  async function setUp() {
    served.wire = [];
    served.paper = [];
    served.teasers = [];
    const server = await startServer({
      '/wire.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Wire', served.wire)),
      '/paper.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Paper', served.paper)),
      '/teasers.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Teasers', served.teasers)),
    });
    cleanups.push(() => server.close());
    // the paper's feed is read first
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, {
      id: 'earlier-original',
      sources: [
        { id: 'paper', kind: 'feed', name: 'The Paper', url: `${server.url}/paper.xml`, fetchArticles: false },
        { id: 'wire', kind: 'feed', name: 'The Wire', url: `${server.url}/wire.xml`, fetchArticles: false },
        { id: 'teasers', kind: 'feed', name: 'Teasers', url: `${server.url}/teasers.xml`, fetchArticles: false },
      ],
      database: fresh,
    });
    const run = async (at: string) => {
      const report = await runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all: true });
      for (const source of report.sources) expect(source, source.sourceId).toMatchObject({ error: null, itemErrors: [] });
      return report.sources;
    };
    const articles = () => store.db.selectFrom('articles').select(['id', 'source_id', 'duplicate_of', 'duplicate_reason', 'story_id']).orderBy('id').execute();
    const counted = async () => (await trendOriginals(store.db, loaded.pipeline.id)).length;
    const label = (articleId: number) => applyStanceLabel(store.db, { articleId, label: 'irrelevant', note: null, at: '2026-06-05T12:30:00.000Z' });
    return { run, articles, alerts, counted, label };
  }

  const wireItem = (pubDate: string) => ({ guid: 'wire-1', title: HEADLINE, link: WIRE_LINK, pubDate, description: TEXT });
  const paperItem = (pubDate: string) => ({ guid: 'paper-1', title: HEADLINE, link: PAPER_LINK, pubDate, description: TEXT });

  it('makes the earlier-published story the original, in one run and the same day: one alert, counted once', async () => {
    const { run, articles, alerts, counted } = await setUp();
    served.paper = [paperItem('Fri, 05 Jun 2026 11:00:00 GMT')];
    served.wire = [wireItem('Fri, 05 Jun 2026 09:00:00 GMT')];
    const report = await run('2026-06-05T12:00:00.000Z');
    // the run counts one article and one copy, as it would have with the wire's story first
    expect(report.map((source) => [source.sourceId, source.articlesAdded, source.duplicates])).toEqual([['paper', 1, 0], ['wire', 1, 1], ['teasers', 0, 0]]);
    const [reprint, story] = await articles();
    expect(reprint).toMatchObject({ source_id: 'paper', duplicate_of: story!.id, story_id: story!.story_id });
    expect(story).toMatchObject({ source_id: 'wire', duplicate_of: null });
    expect(alerts()).toHaveLength(1);
    expect(await counted()).toBe(1);

    // read again, nothing changes
    await run('2026-06-05T13:00:00.000Z');
    expect((await articles()).map((row) => row.duplicate_of)).toEqual([story!.id, null]);
    expect(alerts()).toHaveLength(1);
  });

  it('takes over a reprint stored by an earlier run of the same day', async () => {
    const { run, articles, alerts } = await setUp();
    served.paper = [paperItem('Fri, 05 Jun 2026 11:00:00 GMT')];
    await run('2026-06-05T12:00:00.000Z');
    served.wire = [wireItem('Fri, 05 Jun 2026 09:00:00 GMT')];
    await run('2026-06-05T18:00:00.000Z');
    const [reprint, story] = await articles();
    expect(reprint).toMatchObject({ duplicate_of: story!.id });
    expect(story).toMatchObject({ source_id: 'wire', duplicate_of: null, story_id: reprint!.story_id });
    expect(alerts()).toHaveLength(1);
  });

  it('takes a teaser of the reprint, under the reprint\'s headline, for a copy of the group', async () => {
    const { run, articles, alerts, counted } = await setUp();
    served.paper = [paperItem('Fri, 05 Jun 2026 11:00:00 GMT')];
    served.wire = [{ ...wireItem('Fri, 05 Jun 2026 09:00:00 GMT'), title: 'Researchers call for a verified pause of frontier AI' }];
    const opening = TEXT.split(/\s+/).slice(0, 25).join(' ');
    served.teasers = [{ guid: 'teaser-1', title: HEADLINE, link: 'https://teasers.example/p/1', pubDate: 'Fri, 05 Jun 2026 11:05:00 GMT', description: `${opening} … Read more` }];
    await run('2026-06-05T12:00:00.000Z');
    const [reprint, story, teaser] = await articles();
    expect(reprint).toMatchObject({ duplicate_of: story!.id });
    expect(teaser).toMatchObject({ source_id: 'teasers', duplicate_of: story!.id, duplicate_reason: 'teaser' });
    expect(alerts()).toHaveLength(1);
    expect(await counted()).toBe(1);
  });

  it('takes no group over by a date of the day alone, one further back than the near-copy window, or against a label', async () => {
    for (const date of ['Fri, 05 Jun 2026 00:00:00 GMT', 'Tue, 05 Jun 2018 07:00:00 GMT']) {
      const { run, articles } = await setUp();
      served.paper = [paperItem('Fri, 05 Jun 2026 11:00:00 GMT')];
      served.wire = [wireItem(date)];
      await run('2026-06-05T12:00:00.000Z');
      const [reprint, story] = await articles();
      expect(story, date).toMatchObject({ source_id: 'wire', duplicate_of: reprint!.id });
    }
    // an analyst's label on the reprint counts the group by it: the group stays under it
    const labelled = await setUp();
    served.paper = [paperItem('Fri, 05 Jun 2026 11:00:00 GMT')];
    await labelled.run('2026-06-05T12:00:00.000Z');
    const [reprint] = await labelled.articles();
    await labelled.label(reprint!.id);
    served.wire = [wireItem('Fri, 05 Jun 2026 09:00:00 GMT')];
    await labelled.run('2026-06-05T18:00:00.000Z');
    const [, story] = await labelled.articles();
    expect(story).toMatchObject({ source_id: 'wire', duplicate_of: reprint!.id });
  });

  it('leaves a reprint first seen on an earlier day the original, and one published the same minute', async () => {
    const earlierDay = await setUp();
    served.paper = [paperItem('Fri, 05 Jun 2026 11:00:00 GMT')];
    await earlierDay.run('2026-06-05T12:00:00.000Z');
    served.wire = [wireItem('Fri, 05 Jun 2026 09:00:00 GMT')];
    await earlierDay.run('2026-06-06T08:00:00.000Z');
    const [reprint, story] = await earlierDay.articles();
    expect(story).toMatchObject({ source_id: 'wire', duplicate_of: reprint!.id });
    expect(earlierDay.alerts()).toHaveLength(1);

    const sameMinute = await setUp();
    served.paper = [paperItem('Fri, 05 Jun 2026 09:00:30 GMT')];
    served.wire = [wireItem('Fri, 05 Jun 2026 09:00:00 GMT')];
    await sameMinute.run('2026-06-05T12:00:00.000Z');
    const [first, second] = await sameMinute.articles();
    expect(second).toMatchObject({ source_id: 'wire', duplicate_of: first!.id });
  });
});
