import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { listSources, sourceWarnings } from '../../src/store/index.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A feed lists its latest items only: when every item of a read is new and the oldest was published after the last
 * good check, those published between may have left the feed unread, and the user is told so.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const HOUR = 3_600_000;
const t0 = new Date('2026-06-10T06:00:00.000Z');

/** Five items an hour apart, the newest an hour before `at`. */
const rss = (at: Date) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${Array.from({ length: 5 }, (_, i) => {
    const published = new Date(at.getTime() - (i + 1) * HOUR);
    return `<item><title>Wire ${published.toISOString()}: labs weigh a pause</title><guid>w-${published.getTime()}</guid><pubDate>${published.toUTCString()}</pubDate><description>Unions back a pause of frontier AI, ${i}.</description></item>`;
  }).join('')}</channel></rss>`;

describe('a read whose every item is new and newer than the last good check', () => {
  it('warns that items published between may have left the feed unread; a read reaching back to that check does not', async () => {
    let listedAt = t0;
    const server = await startServer({ '/w.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(listedAt)) });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'unread-gap', [{ id: 'w', kind: 'feed', name: 'Wire', url: `${server.url}/w.xml`, fetchArticles: false }]);
    const run = (at: Date) => runPipeline({ loaded, store, channels: [], all: true, now: () => at, random: () => 0.5 });
    const gapWarning = (warnings: readonly string[]) => warnings.filter((w) => w.includes('may have left the feed unread'));

    // the first read has nothing to compare with
    expect(gapWarning((await run(t0)).sources[0]!.warnings)).toEqual([]);
    // three hours on: two new items, the others read before
    listedAt = new Date(t0.getTime() + 3 * HOUR);
    const overlapping = await run(listedAt);
    expect(overlapping.sources[0]).toMatchObject({ articlesAdded: 3 });
    expect(gapWarning(overlapping.sources[0]!.warnings)).toEqual([]);
    // ten hours on: all five new, the oldest published four hours after that check
    listedAt = new Date(t0.getTime() + 13 * HOUR);
    const late = await run(listedAt);
    expect(late.sources[0]).toMatchObject({ articlesAdded: 5 });
    expect(gapWarning(late.sources[0]!.warnings)).toEqual([
      "all 5 items are new, the oldest published 2026-06-10 14:00 UTC, after the feed's last good check at 2026-06-10 09:00 UTC: items published between may have left the feed unread",
    ]);
    expect((await listSources(store.db, loaded.pipeline.id))[0]!.last_error).toBeNull();
    // kept with the read's warnings, so `sources` still says so once the run's own report is gone
    expect(gapWarning(sourceWarnings((await listSources(store.db, loaded.pipeline.id))[0]!))).toHaveLength(1);
  });

  it('does not warn for an edition whose items come out together each day, nor after the source is pointed at another feed', async () => {
    let day = 0;
    const edition = () =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Morning</title>${Array.from({ length: 5 }, (_, i) => {
        const published = new Date(t0.getTime() + day * 24 * HOUR - HOUR);
        return `<item><title>Morning ${day}-${i}</title><guid>m-${day}-${i}</guid><pubDate>${published.toUTCString()}</pubDate><description>Pause debate, ${i}.</description></item>`;
      }).join('')}</channel></rss>`;
    let listedAt = t0;
    const server = await startServer({
      '/m.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(edition()),
      '/w.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(listedAt)),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'unread-gap-edition', [{ id: 'm', kind: 'feed', name: 'Morning', url: `${server.url}/m.xml`, fetchArticles: false }]);
    const gapWarnings = async (at: Date, pipeline = loaded) =>
      (await runPipeline({ loaded: pipeline, store, channels: [], all: true, now: () => at, random: () => 0.5 })).sources[0]!.warnings.filter((w) => w.includes('may have left'));
    expect(await gapWarnings(t0)).toEqual([]);
    // checked again during the night, the same edition; then the next day's, read two hours after it came out: all
    // new, all after the last check, nothing missed
    expect(await gapWarnings(new Date(t0.getTime() + 21 * HOUR))).toEqual([]);
    day = 1;
    expect(await gapWarnings(new Date(t0.getTime() + 25 * HOUR))).toEqual([]);

    // the source's URL changed to another feed three days on: its first read has no check of its own to compare with
    listedAt = new Date(t0.getTime() + 72 * HOUR);
    const moved = { ...loaded, pipeline: { ...loaded.pipeline, sources: [{ ...loaded.pipeline.sources[0]!, url: `${server.url}/w.xml` }] } } as typeof loaded;
    expect(await gapWarnings(listedAt, moved)).toEqual([]);
  });

  it("reckons the feed's pace without the items it dated ahead of the check, as the schedule does", async () => {
    // a daily feed that also lists five posts scheduled for the hours after the check: counted, they halved its pace
    // and a next day's read, nothing missed, warned
    const item = (key: string, published: Date) =>
      `<item><title>Daily ${key}</title><guid>d-${key}</guid><pubDate>${published.toUTCString()}</pubDate><description>Pause debate, ${key}.</description></item>`;
    let items = [
      ...Array.from({ length: 5 }, (_, i) => item(`past-${i}`, new Date(t0.getTime() - HOUR - i * 24 * HOUR))),
      ...Array.from({ length: 5 }, (_, i) => item(`ahead-${i}`, new Date(t0.getTime() + (i + 1) * HOUR))),
    ];
    const server = await startServer({
      '/d.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>${items.join('')}</channel></rss>`),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'unread-gap-ahead', [{ id: 'd', kind: 'feed', name: 'Daily', url: `${server.url}/d.xml`, fetchArticles: false }]);
    const gapWarnings = async (at: Date) =>
      (await runPipeline({ loaded, store, channels: [], all: true, now: () => at, random: () => 0.5 })).sources[0]!.warnings.filter((w) => w.includes('may have left'));
    expect(await gapWarnings(t0)).toEqual([]);
    items = [item('next-0', new Date(t0.getTime() + 23 * HOUR)), item('next-1', new Date(t0.getTime() + 47 * HOUR))];
    expect(await gapWarnings(new Date(t0.getTime() + 48 * HOUR))).toEqual([]);
  });
});
