import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * An outlet that redirects its article links to one page that is not the article (a GDPR or region wall, a paywall
 * page, the home page): that page does not become the articles' identity, or every item after the first would be
 * stored as a copy of the first (its feed text thrown away, no alert). The item keeps its feed's text under its own
 * link, with a `redirected_away` item error naming the link and where it went.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TEXTS = ON_TOPIC_TEXTS.slice(0, 4);
const MINISTERS =
  'Ministers from twelve countries met in Geneva on Thursday to discuss a moratorium on the largest frontier AI training runs. ' +
  'Several delegations asked for a verified pause until an international body can audit the labs, while others warned of a race. ' +
  'A draft communique seen by reporters calls for a second meeting in the autumn to agree on the terms of a halt.';
const TITLES = [
  'Labs weigh a verified pause of frontier AI',
  'Senators back a moratorium on frontier AI training',
  'Researchers call a frontier AI pause overdue',
  'Committee chair demands halt to frontier AI training',
];

/** A region wall as Tribune Publishing's sites showed EU readers: long enough to pass for an article page. */
const WALL =
  '<!doctype html><html><head><title>Unavailable in your region</title></head><body><main><h1>We are sorry</h1>' +
  '<p>Unfortunately, our website is currently unavailable in most European countries. We are engaged on the issue and committed to looking at options that support our full range of digital offerings to the EU market.</p>' +
  '<p>We continue to identify technical compliance solutions that will provide all readers with our award-winning journalism.</p></main></body></html>';

const articlePage = (title: string, text: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${text}</p></article></body></html>`;

interface Item {
  title: string;
  link: string;
  guid: string;
  hoursAgo: number;
  text: string;
}

const rss = (items: readonly Item[], now: Date) =>
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Daily Tribune</title><link>https://tribune.example/</link>' +
  items
    .map(
      (item) =>
        `<item><title>${item.title}</title><link>${item.link}</link><guid isPermaLink="false">${item.guid}</guid>` +
        `<pubDate>${new Date(now.getTime() - item.hoursAgo * 3_600_000).toUTCString()}</pubDate><description><![CDATA[<p>${item.text}</p>]]></description></item>`,
    )
    .join('') +
  '</channel></rss>';

const html = (body: string): Route => (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const redirect = (location: string): Route => (_req, res) => res.writeHead(302, { location }).end();

describe.each(dialects)('article links redirected to one page that is not the article, on $name', ({ fresh }) => {
  async function setUp(sources: (url: string) => PipelineInput['sources']) {
    const routes: Record<string, Route> = {};
    const server = await startServer(routes);
    cleanups.push(() => server.close());
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, { id: 'redirect-shared', sources: sources(server.url), database: fresh });
    const run = (at: Date): Promise<RunReport> => runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5, all: true });
    /** The alerts the file channel took: headline and link. */
    const alerted = (): { title: string; url: string }[] => alerts().map(({ title, url }) => ({ title, url: url.replace(server.url, '') }));
    const articles = async () =>
      (
        await store.db
          .selectFrom('articles')
          .select(['source_id', 'item_key', 'url', 'feed_link', 'text', 'duplicate_of', 'duplicate_reason', 'extract_error_code'])
          .orderBy('id')
          .execute()
      ).map((row) => ({ ...row, url: row.url.replace(server.url, ''), feed_link: row.feed_link?.replace(server.url, '') ?? null }));
    return { routes, base: server.url, run, alerted, articles };
  }

  it('keeps each item its feed text under its own link, alerted, when every link leads to one consent wall', async () => {
    const now = new Date('2026-06-10T06:00:00Z');
    const { routes, base, run, alerted, articles } = await setUp((url) => [
      { id: 'outlet', kind: 'feed', name: 'Outlet', url: `${url}/outlet.xml`, fetchArticles: true },
      { id: 'tribune', kind: 'feed', name: 'Daily Tribune', url: `${url}/tribune.xml`, fetchArticles: true },
    ]);
    routes['/gdpr-consent'] = html(WALL);
    for (let i = 0; i < 4; i++) routes[`/2026/06/story-${i}`] = redirect('/gdpr-consent');
    // a real article of another outlet, linked directly from its own feed and through a tracking redirect by the
    // tribune's: one article, whose copy is found by the page it leads to
    routes['/2026/06/real'] = html(articlePage(TITLES[3]!, TEXTS[3]!));
    routes['/track/real'] = redirect('/2026/06/real?utm_source=tribune');
    routes['/outlet.xml'] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ title: TITLES[3]!, link: `${base}/2026/06/real`, guid: 'o-1', hoursAgo: 5, text: TEXTS[3]! }], now));
    let tribune: Item[] = [0, 1, 2].map((i) => ({ title: TITLES[i]!, link: `${base}/2026/06/story-${i}`, guid: `tribune-${i}`, hoursAgo: 4 - i, text: TEXTS[i]! }));
    tribune.push({ title: TITLES[3]!, link: `${base}/track/real`, guid: 'tribune-real', hoursAgo: 4, text: 'The chair of the committee calls for a halt.' });
    routes['/tribune.xml'] = (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(tribune, now));

    const first = await run(now);
    const report = first.sources.find((s) => s.sourceId === 'tribune')!;
    expect(report).toMatchObject({ outcome: 'ok', articlesAdded: 4, duplicates: 1 });
    expect(report.itemErrors.map((e) => [e.key, e.error.code])).toEqual([
      ['tribune-0', 'redirected_away'],
      ['tribune-1', 'redirected_away'],
      ['tribune-2', 'redirected_away'],
    ]);
    // the message names the item's link and where it was sent
    expect(report.itemErrors[0]!.error.message).toContain(`${base}/2026/06/story-0`);
    expect(report.itemErrors[0]!.error.message).toContain(`${base}/gdpr-consent`);

    const rows = await articles();
    const walled = rows.filter((row) => row.item_key.startsWith('tribune-') && row.item_key !== 'tribune-real');
    expect(walled.map(({ item_key, url, feed_link, duplicate_of, extract_error_code }) => ({ item_key, url, feed_link, duplicate_of, extract_error_code }))).toEqual(
      [0, 1, 2].map((i) => ({ item_key: `tribune-${i}`, url: `/2026/06/story-${i}`, feed_link: `/2026/06/story-${i}`, duplicate_of: null, extract_error_code: 'redirected_away' })),
    );
    for (const [i, row] of walled.entries()) expect(row.text).toBe(TEXTS[i]);
    expect(rows.some((row) => row.url.includes('gdpr') || row.text.includes('unavailable in most European countries'))).toBe(false);
    // the tracking link to the outlet's article is that article: a copy, as before
    expect(rows.find((row) => row.item_key === 'tribune-real')).toMatchObject({ url: '/2026/06/real?utm_source=tribune', duplicate_reason: 'canonical_url', extract_error_code: null });

    expect(alerted().sort((a, b) => a.title.localeCompare(b.title))).toEqual(
      [
        { title: TITLES[3]!, url: '/2026/06/real' },
        ...[0, 1, 2].map((i) => ({ title: TITLES[i]!, url: `/2026/06/story-${i}` })),
      ].sort((a, b) => a.title.localeCompare(b.title)),
    );

    // a later run's lone new item sent to the wall: the articles kept from it say the wall is no article
    const later = new Date(now.getTime() + 3_600_000);
    routes['/2026/06/story-9'] = redirect('/gdpr-consent');
    const ministers = 'Ministers discuss a frontier AI moratorium';
    tribune = [{ title: ministers, link: `${base}/2026/06/story-9`, guid: 'tribune-9', hoursAgo: 1, text: MINISTERS }, ...tribune];
    const second = await run(later);
    const lone = second.sources.find((s) => s.sourceId === 'tribune')!.itemErrors;
    expect(lone.map((e) => [e.key, e.error.code])).toEqual([['tribune-9', 'redirected_away']]);
    expect(lone[0]!.error.message).toContain('where the link of another article');
    expect((await articles()).find((row) => row.item_key === 'tribune-9')).toMatchObject({ url: '/2026/06/story-9', duplicate_of: null });
    expect(alerted().map((a) => a.title)).toContain(ministers);
  });

  it('keeps an item whose link leads to the home page or to a section above it under its own link, even alone', async () => {
    const now = new Date('2026-06-10T06:00:00Z');
    const { routes, base, run, alerted, articles } = await setUp((url) => [
      { id: 'tribune', kind: 'feed', name: 'Daily Tribune', url: `${url}/tribune.xml`, fetchArticles: true },
    ]);
    routes['/'] = html(WALL.replace('Unavailable in your region', 'Daily Tribune: home'));
    routes['/news'] = html(WALL.replace('Unavailable in your region', 'Daily Tribune: news'));
    routes['/2026/06/story-0'] = redirect('/');
    routes['/news/2026/06/story-1'] = redirect('/news');
    let items: Item[] = [{ title: TITLES[0]!, link: `${base}/2026/06/story-0`, guid: 'tribune-0', hoursAgo: 3, text: TEXTS[0]! }];
    routes['/tribune.xml'] = (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(items, now));

    const first = await run(now);
    expect(first.sources[0]!.itemErrors.map((e) => [e.key, e.error.code])).toEqual([['tribune-0', 'redirected_away']]);
    expect(first.sources[0]!.itemErrors[0]!.error.message).toContain('home page');
    items = [...items, { title: TITLES[1]!, link: `${base}/news/2026/06/story-1`, guid: 'tribune-1', hoursAgo: 2, text: TEXTS[1]! }];
    const second = await run(new Date(now.getTime() + 3_600_000));
    expect(second.sources[0]!.itemErrors.map((e) => [e.key, e.error.code])).toEqual([['tribune-1', 'redirected_away']]);

    expect((await articles()).map(({ url, text, duplicate_of }) => ({ url, text, duplicate_of }))).toEqual([
      { url: '/2026/06/story-0', text: TEXTS[0], duplicate_of: null },
      { url: '/news/2026/06/story-1', text: TEXTS[1], duplicate_of: null },
    ]);
    expect(alerted()).toEqual([
      { title: TITLES[0], url: '/2026/06/story-0' },
      { title: TITLES[1], url: '/news/2026/06/story-1' },
    ]);
  });

  it('keeps the first item ever sent to a wall its feed text when the wall\'s title has no word of its headline, and reads a retitled page', async () => {
    const now = new Date('2026-06-10T06:00:00Z');
    const { routes, base, run, alerted, articles } = await setUp((url) => [
      { id: 'tribune', kind: 'feed', name: 'Daily Tribune', url: `${url}/tribune.xml`, fetchArticles: true },
    ]);
    routes['/consent'] = html(WALL.replace('Unavailable in your region', 'Before you continue'));
    routes['/2026/06/story-0'] = redirect('/consent');
    // the outlet's page under another headline (and its name), reached through a tracking link: the article
    const retitled = 'Senators want a moratorium on training the largest models | Daily Tribune';
    routes['/2026/06/senators'] = html(articlePage(retitled, TEXTS[1]!));
    routes['/track/1'] = redirect('/2026/06/senators');
    routes['/tribune.xml'] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rss(
          [
            { title: TITLES[0]!, link: `${base}/2026/06/story-0`, guid: 'tribune-0', hoursAgo: 3, text: TEXTS[0]! },
            { title: TITLES[1]!, link: `${base}/track/1`, guid: 'tribune-1', hoursAgo: 2, text: 'Senators back a moratorium.' },
          ],
          now,
        ),
      );

    const report = (await run(now)).sources[0]!;
    expect(report).toMatchObject({ outcome: 'ok', articlesAdded: 2 });
    expect(report.itemErrors.map((e) => [e.key, e.error.code])).toEqual([['tribune-0', 'redirected_away']]);
    expect(report.itemErrors[0]!.error.message).toContain(`redirected to ${base}/consent (a page whose title has no word of the item's headline)`);
    expect((await articles()).map(({ item_key, url, text, extract_error_code }) => ({ item_key, url, text, extract_error_code }))).toEqual([
      { item_key: 'tribune-0', url: '/2026/06/story-0', text: TEXTS[0], extract_error_code: 'redirected_away' },
      { item_key: 'tribune-1', url: '/2026/06/senators', text: TEXTS[1], extract_error_code: null },
    ]);
    expect(alerted().map((a) => a.title)).toEqual([TITLES[0], TITLES[1]]);
  });

  it('keeps the feed text of an article whose page, asked for again after a failure, now leads to a wall', async () => {
    const now = new Date('2026-06-10T06:00:00Z');
    const { routes, base, run, articles } = await setUp((url) => [{ id: 'tribune', kind: 'feed', name: 'Daily Tribune', url: `${url}/tribune.xml`, fetchArticles: true }]);
    routes['/consent'] = html(WALL.replace('Unavailable in your region', 'Before you continue'));
    routes['/2026/06/story-0'] = (_req, res) => res.writeHead(503).end();
    routes['/tribune.xml'] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ title: TITLES[0]!, link: `${base}/2026/06/story-0`, guid: 'tribune-0', hoursAgo: 3, text: TEXTS[0]! }], now));
    await run(now);
    routes['/2026/06/story-0'] = redirect('/consent');
    const retried = (await run(new Date(now.getTime() + 3_600_000))).sources[0]!;
    expect(retried.warnings.join('\n')).toContain(`redirected to ${base}/consent (a page whose title has no word of the item's headline)`);
    expect((await articles()).map(({ url, text, extract_error_code }) => ({ url, text, extract_error_code }))).toEqual([
      { url: '/2026/06/story-0', text: TEXTS[0], extract_error_code: 'redirected_away' },
    ]);
  });

  it("does not make an item a copy of another feed's article stored at the page its link was sent to", async () => {
    const now = new Date('2026-06-10T06:00:00Z');
    const { routes, base, run, alerted, articles } = await setUp((url) => [
      { id: 'world', kind: 'feed', name: 'Tribune world', url: `${url}/world.xml`, fetchArticles: true },
      { id: 'politics', kind: 'feed', name: 'Tribune politics', url: `${url}/politics.xml`, fetchArticles: true },
    ]);
    routes['/paywall'] = html(WALL.replace('Unavailable in your region', 'Subscribe to keep reading'));
    routes['/world/story-0'] = redirect('/paywall');
    routes['/politics/story-1'] = redirect('/paywall');
    // the world feed's one item, the first ever sent to the paywall, is stored as it: nothing tells it apart yet, its
    // headline sharing a word ("keep") with the paywall's title
    const keep = 'Labs keep weighing a verified pause of frontier AI';
    routes['/world.xml'] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ title: keep, link: `${base}/world/story-0`, guid: 'w-0', hoursAgo: 3, text: TEXTS[0]! }], now));
    let politics: Item[] = [];
    routes['/politics.xml'] = (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(politics, now));
    await run(now);
    const alertsBefore = alerted().length;

    politics = [{ title: TITLES[1]!, link: `${base}/politics/story-1`, guid: 'p-1', hoursAgo: 1, text: TEXTS[1]! }];
    const second = await run(new Date(now.getTime() + 3_600_000));
    const report = second.sources.find((s) => s.sourceId === 'politics')!;
    expect(report).toMatchObject({ articlesAdded: 1, duplicates: 0 });
    expect(report.itemErrors.map((e) => [e.key, e.error.code])).toEqual([['p-1', 'redirected_away']]);
    expect(report.itemErrors[0]!.error.message).toContain(`${base}/world/story-0`);
    expect((await articles()).find((row) => row.item_key === 'p-1')).toMatchObject({ url: '/politics/story-1', text: TEXTS[1], duplicate_of: null });
    expect(alerted().slice(alertsBefore)).toEqual([{ title: TITLES[1], url: '/politics/story-1' }]);
  });
});
