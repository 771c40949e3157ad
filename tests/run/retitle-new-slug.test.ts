import { afterEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';

/**
 * An item that keeps its GUID while the desk edits its headline and the CMS makes a new URL slug from it: the same
 * article retitled and moved, since the item says what it said (its description), not a GUID reused for another
 * story. It is updated, not stored (and alerted) twice. A GUID that comes back with a new link, a new headline and
 * a new description is still another story, and so is one whose description says nothing (shared by other items).
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const BODY =
  'Three senators introduced a bill on Tuesday that would put a moratorium on training frontier AI models above a compute threshold. ' +
  'The sponsors argue that a pause gives regulators time to write safety standards before the next generation of systems. ' +
  'Industry groups said the measure would push research overseas, and promised to fight it in committee next month.';
const TEASER = 'Three senators want a pause on training runs above a compute threshold of frontier AI.';
const OLD_TITLE = 'Senators back a moratorium on frontier AI training';
const NEW_TITLE = 'Senators back bill to halt frontier AI training';
const slug = (title: string) => `/world/${title.toLowerCase().replaceAll(' ', '-')}-2026-06-10/`;

interface Item {
  guid: string;
  title: string;
  link: string;
  description: string;
  hoursAgo: number;
}

const page = (title: string, text: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${text}</p></article></body></html>`;

describe.each(dialects)('a GUID back with a new headline and a new slug, on $name', ({ fresh }) => {
  async function setUp(fetchArticles: boolean) {
    const now = new Date('2026-06-10T06:00:00Z');
    let items: Item[] = [];
    const routes: Record<string, Route> = {
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>' +
            items
              .map(
                (item) =>
                  `<item><title>${item.title}</title><link>${server.url}${item.link}</link><guid isPermaLink="false">${item.guid}</guid>` +
                  `<pubDate>${new Date(now.getTime() - item.hoursAgo * 3_600_000).toUTCString()}</pubDate><description>${item.description}</description></item>`,
              )
              .join('') +
            '</channel></rss>',
        ),
      [slug(OLD_TITLE)]: (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(OLD_TITLE, BODY)),
      [slug(NEW_TITLE)]: (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end(page(NEW_TITLE, `${BODY} The bill was referred to the commerce committee on Wednesday afternoon, aides said.`)),
    };
    const server = await startServer(routes);
    cleanups.push(() => server.close());
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, { id: 'retitle-slug', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/feed.xml`, fetchArticles }], database: fresh });
    let minutes = 0;
    /** One run, half an hour after the one before, of the feed with these items. */
    const run = (next: Item[]): Promise<RunReport> => {
      items = next;
      const at = new Date(now.getTime() + 30 * 60_000 * minutes++);
      return runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5, all: true });
    };
    const alerted = (): string[] => alerts().map((alert) => alert.title);
    const articles = async () =>
      (await store.db.selectFrom('articles').select(['item_key', 'title', 'url', 'feed_link', 'duplicate_of']).orderBy('id').execute()).map((row) => ({
        ...row,
        item_key: row.item_key.replace(server.url, ''),
        url: row.url.replace(server.url, ''),
        feed_link: row.feed_link?.replace(server.url, '') ?? null,
      }));
    return { run, alerted, articles };
  }

  const wire = (title: string, description = TEASER): Item => ({ guid: 'WIRE-8841', title, link: slug(title), description, hoursAgo: 2 });

  it('updates the article of a teaser feed, at its new link, and alerts once; a GUID back with another description is another story', async () => {
    const { run, alerted, articles } = await setUp(false);
    await run([wire(OLD_TITLE)]);
    expect(alerted()).toEqual([OLD_TITLE]);

    const retitled = await run([wire(NEW_TITLE)]);
    expect(retitled.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 0, articlesUpdated: 1 });
    expect(await articles()).toEqual([{ item_key: 'WIRE-8841', title: NEW_TITLE, url: slug(NEW_TITLE), feed_link: slug(NEW_TITLE), duplicate_of: null }]);
    expect(alerted()).toEqual([OLD_TITLE]);
    // and the next read of the same feed changes nothing
    expect((await run([wire(NEW_TITLE)])).sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 0 });

    // the GUID reused for another story: new headline, new link, new description
    const other = 'Labs weigh a verified pause of frontier AI';
    const reused = await run([wire(other, 'Leading AI labs should agree to a coordinated, verified pause of frontier AI development, a report says.')]);
    expect(reused.sources[0]).toMatchObject({ articlesAdded: 1, articlesUpdated: 0 });
    expect((await articles()).map((row) => [row.item_key, row.title])).toEqual([
      ['WIRE-8841', NEW_TITLE],
      [slug(other), other],
    ]);

    // a description the feed gives every item ("Read more") says nothing: a new headline and link are another story
    const blurb = 'Read more on our website.';
    await run([{ ...wire('Ministers discuss a frontier AI moratorium', blurb), guid: 'WIRE-9000' }, { ...wire('Unions back the pause on frontier AI', blurb), guid: 'WIRE-9001' }]);
    const recycled = await run([
      { ...wire('Regulators propose a frontier AI compute cap and a pause', blurb), guid: 'WIRE-9000' },
      { ...wire('Unions back the pause on frontier AI', blurb), guid: 'WIRE-9001' },
    ]);
    expect(recycled.sources[0]).toMatchObject({ articlesAdded: 1, articlesUpdated: 0 });
  });

  it('updates the article read from its page rather than storing the page at the new slug as a second one', async () => {
    const { run, alerted, articles } = await setUp(true);
    await run([wire(OLD_TITLE)]);
    const retitled = await run([wire(NEW_TITLE)]);
    expect(retitled.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 0, duplicates: 0, articlesUpdated: 1 });
    expect(await articles()).toEqual([{ item_key: 'WIRE-8841', title: NEW_TITLE, url: slug(NEW_TITLE), feed_link: slug(NEW_TITLE), duplicate_of: null }]);
    expect(alerted()).toEqual([OLD_TITLE]);
  });

  it.each([false, true])('moves the article to a new link its GUID comes back with under the same headline (pages fetched: %s)', async (fetchArticles) => {
    const { run, alerted, articles } = await setUp(fetchArticles);
    await run([wire(OLD_TITLE)]);
    // the outlet's new permalinks, the GUIDs kept (WordPress's ?p=8841 to a slug, or the other way)
    const permalink = { ...wire(OLD_TITLE), link: '/?p=8841' };
    const moved = await run([permalink]);
    expect(moved.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 0, duplicates: 0, articlesUpdated: 1 });
    expect(await articles()).toEqual([{ item_key: 'WIRE-8841', title: OLD_TITLE, url: '/?p=8841', feed_link: '/?p=8841', duplicate_of: null }]);
    expect((await run([permalink])).sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 0 });
    expect(alerted()).toEqual([OLD_TITLE]);
    // a link of each delivery's own (a session id in its query) is no move: nothing is rewritten run after run
    for (const sid of [1, 2]) expect((await run([{ ...permalink, link: `/story/8841?sid=${sid}` }])).sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: sid === 1 ? 1 : 0 });
  });
});
