import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A feed answered 200 with its document cut short (a connection closed early, a body longer than its Content-Length,
 * a 206 never asked for) and the validators of the whole version: kept, they made the next check's 304 stand for the
 * items cut off, which were not read until the feed changed.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ETAG = '"v2"';
const stories = [1, 2, 3].map((n) => ({ guid: `story-${n}`, title: `Labs weigh a pause, part ${n}`, link: `https://wire.example/${n}`, description: `Part ${n}: unions back a pause of frontier AI.` }));

describe.each(dialects)('a feed cut short with the validators of its whole version, on $name', ({ fresh }) => {
  it.each([
    ['between two items', (xml: string) => xml.slice(0, xml.indexOf('</item>') + '</item>'.length)],
    ['inside its second item', (xml: string) => xml.slice(0, xml.indexOf('<title>', xml.indexOf('</item>')) + 12)],
  ])('cut %s: the next check asks for the whole document, and reads the items cut off', async (_case, cut) => {
    let cutShort = true;
    const conditional: string[] = [];
    const whole = rssFeed('Wire', stories);
    const server = await startServer({
      '/feed.xml': (req, res) => {
        if (req.headers['if-none-match']) conditional.push(req.headers['if-none-match']);
        if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { etag: ETAG }).end();
        res.writeHead(200, { 'content-type': 'application/rss+xml', etag: ETAG }).end(cutShort ? cut(whole) : whole);
      },
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'cut-feed-validators', [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/feed.xml`, fetchArticles: false }], { database: fresh });
    const run = (at: string) => runPipeline({ loaded, store, channels: [], now: () => new Date(at), random: () => 0.5, all: true });

    const first = (await run('2026-06-05T08:00:00.000Z')).sources[0]!;
    expect(first).toMatchObject({ outcome: 'ok', articlesAdded: 1 });
    expect(first.warnings.join('\n')).toContain("the server's validators (ETag, Last-Modified) are not kept for a document cut short");
    cutShort = false;
    expect((await run('2026-06-05T09:00:00.000Z')).sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 2 });
    // read whole, its validators are kept, and asked with
    expect((await run('2026-06-05T10:00:00.000Z')).sources[0]).toMatchObject({ outcome: 'not_modified' });
    expect(conditional).toEqual([ETAG]);
    const titles = await store.db.selectFrom('articles').select('title').orderBy('title').execute();
    expect(titles.map((row) => row.title)).toEqual(stories.map((story) => story.title));
  });
});
