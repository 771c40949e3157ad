import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { definePipeline, type LoadedPipeline, type PipelineInput } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { startServer, type Route } from '../helpers/http-server.ts';

/** A column for the pause, long enough to be scored relevant and read as an article page. */
const COLUMN = [
  'Leading AI labs should agree to a coordinated, verified pause of frontier AI development before the next generation of training runs begins.',
  'A moratorium that only one lab observes would simply hand the lead to its competitors, which is why the pause has to be global and verified.',
  'Inspectors could check compute usage at the largest data centres, much as arms control treaties check missile sites, and report to a joint body.',
  'The labs themselves have said that frontier AI could become dangerous within a few years; a halt now costs little compared with a mistake later.',
  'We support the pause: governments should back it with export rules on advanced chips, so that no lab can quietly resume the largest training runs.',
].join(' ');

const page = (title: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${COLUMN}</p></article></body></html>`;

interface Item {
  title: string;
  link: string;
  guid: string;
  pubDate?: string;
  description: string;
}

const rss = (title: string, items: readonly Item[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://feeds.example/</link>` +
  items
    .map(
      (item) =>
        `<item><title>${item.title}</title><link>${item.link}</link><guid>${item.guid}</guid>` +
        (item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : '') +
        `<description><![CDATA[${item.description}]]></description></item>`,
    )
    .join('') +
  '</channel></rss>';

const serveRss = (body: () => string): Route => (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body());

/** Plain-text captures for the pause, each in its own words, so none is taken for a copy of another. */
const CAPTURES = [
  ['Unions back the pause', 'Trade unions said on Monday that they support a coordinated pause of frontier AI development. Their leaders argued that AI labs should halt the largest training runs until safety rules exist, and they urged ministers to make the moratorium binding.'],
  ['Scientists sign pause letter', 'More than two hundred scientists signed a letter calling for a verified pause of frontier AI. The signatories want AI labs to stop training runs beyond current scale and welcome the proposal for an international moratorium with inspections.'],
  ['City council endorses moratorium', 'The city council voted to endorse the global moratorium on frontier AI training runs. Councillors said a pause is the responsible course and that AI labs must accept independent checks before any halt is lifted.'],
  ['Church leaders call for a halt', 'Church leaders from several denominations called for a halt to frontier AI development. They support the proposed pause, saying AI labs owe the public time to debate the risks of ever larger training runs.'],
  ['Students rally for the pause', 'Students rallied outside parliament in support of a pause on frontier AI. Speakers demanded that AI labs agree to the moratorium and that training runs of the largest models stop until they are proven safe.'],
] as const;

describe.each(dialects)('when alerts are raised, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;

  beforeEach(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-alert-decisions-'));
    server = undefined;
  });
  afterEach(async () => {
    await store?.close();
    await database?.drop();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function run(sources: PipelineInput['sources'], at: string): Promise<RunReport> {
    const loaded: LoadedPipeline = {
      pipeline: definePipeline({
        id: 'alert-decisions',
        name: 'Alert decisions',
        sources,
        topic: {
          description: 'A coordinated, verified global pause of frontier AI development',
          proposalTerms: ['pause', 'moratorium', 'halt'],
          contextTerms: ['frontier AI', 'AI labs', 'training runs'],
        },
        fetch: { allowPrivateAddresses: true, perHostGapMs: 0, timeoutMs: 5_000 },
        alerts: { channels: [{ type: 'file', path: 'data/alerts.jsonl' }] },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    const channels = createChannels(loaded.pipeline.alerts, root, new PassThrough());
    return runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all: true });
  }
  /** The headlines of the alerts the file channel received, in order. */
  const alertedTitles = (): string[] => {
    const file = path.join(root, 'data/alerts.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { title: string }).title);
  };
  const latestScore = async (articleId: number) =>
    store.db.selectFrom('stance_scores').select(['relevance', 'label']).where('article_id', '=', articleId).orderBy('id', 'desc').executeTakeFirstOrThrow();

  it('raises the alert a failed page fetch held back once a later run reads the page, and only once', async () => {
    let pageStatus = 503;
    server = await startServer({
      '/feed.xml': serveRss(() =>
        rss('Columns', [{ title: 'This week', link: `${server!.url}/c1.html`, guid: 'c1', pubDate: 'Tue, 01 Dec 2026 05:00:00 GMT', description: 'Read more.' }]),
      ),
      '/c1.html': (_req, res) => {
        if (pageStatus !== 200) res.writeHead(pageStatus, { 'content-type': 'text/plain' }).end('busy');
        else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('This week'));
      },
    });
    const sources: PipelineInput['sources'] = [{ id: 'columns', kind: 'feed', name: 'Columns', url: `${server.url}/feed.xml`, fetchArticles: true }];

    const first = await run(sources, '2026-12-01T06:00:00.000Z');
    expect(first.sources[0]!.itemErrors.map((e) => e.key)).toEqual(['c1']);
    expect(first.alertsSent).toBe(0);
    const [article] = await store.db.selectFrom('articles').select('id').execute();
    expect((await latestScore(article!.id)).relevance).toBeLessThan(0.5);

    pageStatus = 200;
    const second = await run(sources, '2026-12-01T07:00:00.000Z');
    expect(await latestScore(article!.id)).toMatchObject({ relevance: 1, label: 'support' });
    expect(second.alertsSent).toBe(1);
    expect(alertedTitles()).toEqual(['This week']);

    const third = await run(sources, '2026-12-01T08:00:00.000Z');
    expect(third.alertsSent).toBe(0);
    expect(await store.db.selectFrom('alerts').select(['article_id', 'status']).execute()).toEqual([{ article_id: article!.id, status: 'sent' }]);
  });

  it("keeps the outlet the feed named for an item when its page, read on a retry, names none", async () => {
    let pageStatus = 503;
    server = await startServer({
      '/feed.xml': serveRss(() =>
        `<?xml version="1.0"?><rss version="2.0"><channel><title>News search</title><link>https://feeds.example/</link>` +
        `<item><title>This week</title><link>${server!.url}/c1.html</link><guid>c1</guid><pubDate>Tue, 01 Dec 2026 05:00:00 GMT</pubDate>` +
        `<source url="https://www.reuters.com/">Reuters</source><description>Read more.</description></item></channel></rss>`,
      ),
      '/c1.html': (_req, res) => {
        if (pageStatus !== 200) res.writeHead(pageStatus, { 'content-type': 'text/plain' }).end('busy');
        else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('This week'));
      },
    });
    const sources: PipelineInput['sources'] = [{ id: 'search', kind: 'feed', name: 'News search', url: `${server.url}/feed.xml`, fetchArticles: true }];
    await run(sources, '2026-12-01T06:00:00.000Z');
    expect(await store.db.selectFrom('articles').select('site_name').execute()).toEqual([{ site_name: 'Reuters' }]);
    pageStatus = 200;
    await run(sources, '2026-12-01T07:00:00.000Z');
    expect(await store.db.selectFrom('articles').select(['site_name', 'word_count']).execute()).toEqual([{ site_name: 'Reuters', word_count: expect.any(Number) }]);
    expect((await store.db.selectFrom('articles').select('word_count').executeTakeFirstOrThrow()).word_count).toBeGreaterThan(20);
  });

  it('alerts for a copy whose original raised no alert, once for the copies of its text', async () => {
    const link = 'http://outlet.example/2026/anthropic-pause';
    const feeds: Record<string, Item[]> = {
      a: [{ title: 'Weekend reading', link, guid: 'x1', pubDate: 'Tue, 01 Dec 2026 05:00:00 GMT', description: 'Read more.' }],
      b: [{ title: 'Anthropic and the pause', link: `${link}?utm_source=feed`, guid: 'y1', pubDate: 'Tue, 01 Dec 2026 05:00:00 GMT', description: `<p>${COLUMN}</p>` }],
      c: [{ title: 'Anthropic and the pause (syndicated)', link: `${link}?utm_source=rss`, guid: 'z1', pubDate: 'Tue, 01 Dec 2026 05:00:00 GMT', description: `<p>${COLUMN}</p>` }],
    };
    server = await startServer(Object.fromEntries(Object.entries(feeds).map(([name, items]) => [`/${name}.xml`, serveRss(() => rss(name, items))])));
    const feed = (name: string) => ({ id: `feed-${name}`, kind: 'feed' as const, name: `Feed ${name}`, url: `${server!.url}/${name}.xml`, fetchArticles: false });

    const first = await run([feed('a')], '2026-12-01T06:00:00.000Z');
    expect(first.alertsSent).toBe(0);

    const second = await run([feed('a'), feed('b')], '2026-12-01T07:00:00.000Z');
    expect(second.sources.map((s) => [s.sourceId, s.articlesAdded, s.duplicates])).toEqual([['feed-a', 0, 0], ['feed-b', 1, 1]]);
    expect(second.alertsSent).toBe(1);
    const copy = await store.db.selectFrom('articles').select(['id', 'duplicate_of']).where('item_key', '=', 'y1').executeTakeFirstOrThrow();
    expect(copy.duplicate_of).not.toBeNull();
    expect(await store.db.selectFrom('alerts').select('article_id').execute()).toEqual([{ article_id: copy.id }]);

    // another copy of the same text: the group's alert covers it
    const third = await run([feed('a'), feed('b'), feed('c')], '2026-12-01T08:00:00.000Z');
    expect(third.sources.map((s) => [s.sourceId, s.articlesAdded, s.duplicates])).toEqual([['feed-a', 0, 0], ['feed-b', 0, 0], ['feed-c', 1, 1]]);
    expect(third.alertsSent).toBe(0);
    expect(alertedTitles()).toEqual(['Anthropic and the pause']);
  });

  it('raises no alert for a copy of an original published longer ago than alerts.maxAgeHours', async () => {
    const link = 'http://outlet.example/2026/old-pause-column';
    server = await startServer({
      '/a.xml': serveRss(() => rss('a', [{ title: 'Weekend reading', link, guid: 'x2', pubDate: 'Fri, 20 Nov 2026 05:00:00 GMT', description: 'Read more.' }])),
      '/b.xml': serveRss(() =>
        rss('b', [{ title: 'Anthropic and the pause', link: `${link}?utm_source=feed`, guid: 'y2', pubDate: 'Tue, 01 Dec 2026 05:00:00 GMT', description: `<p>${COLUMN}</p>` }]),
      ),
    });
    const feed = (name: string) => ({ id: `feed-${name}`, kind: 'feed' as const, name: `Feed ${name}`, url: `${server!.url}/${name}.xml`, fetchArticles: false });
    await run([feed('a')], '2026-11-20T06:00:00.000Z');
    const second = await run([feed('a'), feed('b')], '2026-12-01T07:00:00.000Z');
    expect(second.sources.map((s) => [s.sourceId, s.duplicates])).toEqual([['feed-a', 0], ['feed-b', 1]]);
    expect(second.alertsSent).toBe(0);
    expect(await store.db.selectFrom('alerts').select('id').execute()).toEqual([]);
  });

  it("raises no alert for the undated items of a source's first read, and alerts for undated items after it", async () => {
    const dir = path.join(root, 'captures');
    mkdirSync(dir);
    const capture = (i: number, dateline = '') => writeFileSync(path.join(dir, `capture-${i}.txt`), `${CAPTURES[i]![0]}\n\n${dateline ? `${dateline}\n\n` : ''}${CAPTURES[i]![1]}\n`);
    capture(0, 'December 1, 2026');
    for (const i of [1, 2, 3]) capture(i);
    const sources: PipelineInput['sources'] = [{ id: 'captures', kind: 'files', name: 'Captures', glob: 'captures/*.txt' }];

    const first = await run(sources, '2026-12-01T12:00:00.000Z');
    expect(first.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 4, duplicates: 0 });
    expect(alertedTitles()).toEqual([CAPTURES[0][0]]);

    capture(4);
    const second = await run(sources, '2026-12-01T13:00:00.000Z');
    expect(second.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1 });
    expect(alertedTitles()).toEqual([CAPTURES[0][0], CAPTURES[4][0]]);
  });

  it("raises no alert for the undated backlog of a feed's first read, nor for its page read on a retry", async () => {
    let pageStatus = 503;
    const items: Item[] = [
      { title: 'Unions back the pause', link: '/unions', guid: 'u1', description: `<p>${CAPTURES[0][1]}</p>` },
      { title: 'This week', link: '/teaser.html', guid: 'u2', description: 'Read more.' },
    ];
    server = await startServer({
      '/feed.xml': serveRss(() => rss('Undated', items.map((item) => ({ ...item, link: `${server!.url}${item.link}` })))),
      '/teaser.html': (_req, res) => {
        if (pageStatus !== 200) res.writeHead(pageStatus, { 'content-type': 'text/plain' }).end('busy');
        else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('This week'));
      },
    });
    // the articles' own pages are not found (404, not tried again): their feed text is what is scored
    const sources: PipelineInput['sources'] = [{ id: 'undated', kind: 'feed', name: 'Undated', url: `${server.url}/feed.xml`, fetchArticles: true }];

    const first = await run(sources, '2026-12-01T06:00:00.000Z');
    expect(first.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 2 });
    expect(first.alertsSent).toBe(0);

    pageStatus = 200;
    items.push({ title: 'Scientists sign pause letter', link: '/scientists', guid: 'u3', description: `<p>${CAPTURES[1][1]}</p>` });
    const second = await run(sources, '2026-12-01T07:00:00.000Z');
    expect(second.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1 });
    expect(alertedTitles()).toEqual(['Scientists sign pause letter']);
  });
});
