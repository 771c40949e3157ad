import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineInput } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * An undated source's first read stores its backlog without alerts. The same articles delivered again under other
 * keys (a CMS move giving every item a new GUID, captures moved into a sub-folder) are stored as copies: they are that
 * backlog, or, later than alerts.maxAgeHours, old news, and raise no alert. A copy of an undated original is dated by
 * when the original was first seen.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const TEXTS = ON_TOPIC_TEXTS.slice(0, 5);
const TITLES = [
  'Labs weigh a verified pause of frontier AI',
  'Senators back a moratorium on frontier AI training',
  'Researchers call a frontier AI pause overdue',
  'Committee chair demands halt to frontier AI training',
  'Ministers discuss a frontier AI moratorium',
];

const page = (title: string, text: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${text}</p></article></body></html>`;

describe.each(dialects)('copies of an undated backlog and their alerts, on $name', ({ fresh }) => {
  async function setUp(sources: (url: string) => PipelineInput['sources']) {
    const routes: Record<string, Route> = {};
    const server = await startServer(routes);
    cleanups.push(() => server.close());
    const { root, store, loaded, channels, alerts } = await alertingPipeline(cleanups, { id: 'backlog-copies', sources: sources(server.url), database: fresh });
    /**
     * One run from `at`, its clock moving on a millisecond each time it is read, as a real run's does: its fetches end
     * before their items are stored. `noChannels`: as when the pipeline had no channel to alert on.
     */
    const run = (at: string, { noChannels = false } = {}): Promise<RunReport> => {
      let tick = 0;
      return runPipeline({ loaded, store, channels: noChannels ? [] : channels, now: () => new Date(Date.parse(at) + tick++), random: () => 0.5, all: true });
    };
    const alerted = (): string[] => alerts().map((alert) => alert.title);
    const copies = async () =>
      (await store.db.selectFrom('articles').select(['item_key', 'duplicate_of', 'published_at']).orderBy('id').execute()).filter((row) => row.duplicate_of !== null);
    return { routes, base: server.url, root, run, alerted, copies };
  }

  /** An undated feed of `count` items, read with their pages; `guid(i)` is the GUID of its i-th item, as now given. */
  async function undatedFeed(count: number) {
    let prefix = 'old-cms-';
    const env = await setUp((url) => [{ id: 'institute', kind: 'feed', name: 'Institute', url: `${url}/feed.xml`, fetchArticles: true }]);
    const items = Array.from({ length: count }, (_, i) => i);
    for (const i of items) env.routes[`/news/${i}`] = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(TITLES[i]!, TEXTS[i]!));
    env.routes['/feed.xml'] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Institute news</title>' +
          items
            .map((i) => `<item><title>${TITLES[i]}</title><link>${env.base}/news/${i}</link><guid isPermaLink="false">${prefix}${i}</guid><description>${TEXTS[i]}</description></item>`)
            .join('') +
          '</channel></rss>',
      );
    return { ...env, items, moveCms: () => (prefix = 'urn:uuid:new-cms-') };
  }

  it('raises none for the undated backlog a CMS move delivers again under new GUIDs a week later', async () => {
    const { run, alerted, copies, moveCms } = await undatedFeed(4);
    expect((await run('2026-06-01T06:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 4 });
    expect(alerted()).toEqual([]);
    moveCms();
    const moved = await run('2026-06-08T06:00:00Z');
    expect(moved.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 4, duplicates: 4 });
    expect(await copies()).toHaveLength(4);
    expect(moved.alertsSent).toBe(0);
    expect(alerted()).toEqual([]);
  });

  it('raises none for that backlog delivered again within alerts.maxAgeHours, and alerts for a new undated item after it', async () => {
    const { routes, run, alerted, copies, moveCms, items } = await undatedFeed(3);
    await run('2026-06-01T06:00:00Z');
    moveCms();
    const moved = await run('2026-06-02T06:00:00Z');
    expect(moved.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 3, duplicates: 3 });
    expect(await copies()).toHaveLength(3);
    expect(alerted()).toEqual([]);

    // a new item is news, undated as it is
    items.push(4);
    routes['/news/4'] = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(TITLES[4]!, TEXTS[4]!));
    await run('2026-06-02T08:00:00Z');
    expect(alerted()).toEqual([TITLES[4]]);
  });

  it('raises none for captures of a first read moved into a sub-folder, the next day or a week later', async () => {
    const { root, run, alerted, copies } = await setUp(() => [{ id: 'captures', kind: 'files', name: 'Captures', glob: 'captures/**/*.txt' }]);
    const dir = path.join(root, 'captures');
    mkdirSync(dir);
    for (const i of [0, 1, 2, 3]) writeFileSync(path.join(dir, `capture-${i}.txt`), `${TITLES[i]}\n\n${TEXTS[i]}\n`);
    expect((await run('2026-06-01T06:00:00Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 4 });
    expect(alerted()).toEqual([]);

    const moveInto = (folder: string) => {
      const from = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      mkdirSync(path.join(dir, folder));
      for (const entry of from) renameSync(path.join(entry.parentPath, entry.name), path.join(dir, folder, entry.name));
    };
    moveInto('2026-06');
    const nextDay = await run('2026-06-02T06:00:00Z');
    expect(nextDay.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 4, duplicates: 4 });
    expect(alerted()).toEqual([]);

    moveInto('archive');
    const weekLater = await run('2026-06-09T06:00:00Z');
    expect(weekLater.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 4, duplicates: 4 });
    expect(await copies()).toHaveLength(8);
    expect(alerted()).toEqual([]);

    // a capture saved now is news
    writeFileSync(path.join(dir, 'archive', 'capture-4.txt'), `${TITLES[4]}\n\n${TEXTS[4]}\n`);
    await run('2026-06-09T07:00:00Z');
    expect(alerted()).toEqual([TITLES[4]]);
  });

  it('dates a copy of an undated original that raised no alert by when the original was first seen', async () => {
    let items: { guid: string; i: number }[] = [{ guid: 'a-0', i: 0 }];
    const { routes, run, alerted, copies } = await setUp((url) => [{ id: 'undated', kind: 'feed', name: 'Undated', url: `${url}/feed.xml`, fetchArticles: false }]);
    routes['/feed.xml'] = (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Undated</title>' +
          items.map(({ guid, i }) => `<item><title>${TITLES[i]}</title><guid isPermaLink="false">${guid}</guid><description>${TEXTS[i]}</description></item>`).join('') +
          '</channel></rss>',
      );
    await run('2026-06-01T06:00:00Z');
    // a new undated item after the first read, stored while no channel took alerts: it raised none
    items = [...items, { guid: 'b-1', i: 1 }];
    expect((await run('2026-06-01T07:00:00Z', { noChannels: true })).sources[0]).toMatchObject({ articlesAdded: 1 });
    // a week later the feed gives it another GUID: the copy is of a text the pipeline has had for a week
    items = [{ guid: 'a-0', i: 0 }, { guid: 'c-1', i: 1 }];
    const later = await run('2026-06-08T07:00:00Z');
    expect(later.sources[0]).toMatchObject({ articlesAdded: 1, duplicates: 1 });
    expect(await copies()).toEqual([expect.objectContaining({ item_key: 'c-1', published_at: null })]);
    expect(alerted()).toEqual([]);
  });
});
