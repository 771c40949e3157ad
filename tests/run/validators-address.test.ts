import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer, type Route } from '../helpers/http-server.ts';

/**
 * A feed redirected for now (302) to the day's edition, each edition a file with the same Last-Modified (written by
 * one build): the validators the morning edition gave are not sent to the evening's, whose server answered 304 to
 * them, so its stories were never read.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const BUILT = 'Fri, 05 Jun 2026 04:00:00 GMT';

describe.each(dialects)('validators of a feed redirected for now to another address, on $name', ({ fresh }) => {
  it('are sent to the address that gave them, not to another the redirect leads to later', async () => {
    let edition = 'morning';
    const conditional: string[] = [];
    const editionRoute = (name: string, title: string): Route => (req, res) => {
      if (req.headers['if-modified-since']) conditional.push(name);
      // a static server: not modified since its one build time
      if (req.headers['if-modified-since'] === BUILT) return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'last-modified': BUILT }).end(rssFeed('Daily', [{ guid: name, title, link: `https://daily.example/${name}`, description: `${title}: unions back a pause of frontier AI.` }]));
    };
    const server = await startServer({
      '/edition.xml': (_req, res) => res.writeHead(302, { location: `/${edition}.xml` }).end(),
      '/morning.xml': editionRoute('morning', 'Morning: labs weigh a pause'),
      '/evening.xml': editionRoute('evening', 'Evening: envoys draft a pause treaty'),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'validators-address', [{ id: 'daily', kind: 'feed', name: 'Daily', url: `${server.url}/edition.xml`, fetchArticles: false }], { database: fresh });
    const run = (at: string) => runPipeline({ loaded, store, channels: [], now: () => new Date(at), random: () => 0.5, all: true });

    expect((await run('2026-06-05T08:00:00.000Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1 });
    // the morning edition again: its own validators, and its 304
    expect((await run('2026-06-05T12:00:00.000Z')).sources[0]).toMatchObject({ outcome: 'not_modified' });
    edition = 'evening';
    expect((await run('2026-06-05T18:00:00.000Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1 });
    expect(conditional).toEqual(['morning']);
    const titles = await store.db.selectFrom('articles').select('title').orderBy('id').execute();
    expect(titles.map((row) => row.title)).toEqual(['Morning: labs weigh a pause', 'Evening: envoys draft a pause treaty']);
  });
});
