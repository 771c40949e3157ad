import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * An undated feed that publishes its archive (20 items grown to hundreds, the old ones below): its years-old items are
 * backlog, not news, and raise no alert; an item at its top is news before and after. A feed that lists its oldest
 * first, a few new items below, alerts as before.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An undated, on-topic item of its own headline and text. */
const item = (n: number) => ({
  guid: `post-${n}`,
  title: `Pause debate, part ${n}: labs weigh a verified pause of frontier AI`,
  link: `https://outlet.example/posts/${n}`,
  description: `Part ${n}. Leading AI labs should agree to a coordinated, verified pause of frontier AI development, says report number ${n}, which asks inspectors to check compute at the largest data centres.`,
});
const range = (from: number, to: number) => Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => (from <= to ? from + i : from - i));

describe.each(dialects)('an undated feed that publishes its archive, on $name', ({ fresh }) => {
  async function setUp() {
    let items: ReturnType<typeof item>[] = [];
    const server = await startServer({ '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Outlet', items)) });
    cleanups.push(() => server.close());
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, {
      id: 'archive',
      sources: [{ id: 'outlet', kind: 'feed', name: 'Outlet', url: `${server.url}/feed.xml`, fetchArticles: false }],
      database: fresh,
    });
    let hour = 6;
    const run = async (next: ReturnType<typeof item>[]) => {
      items = next;
      const at = new Date(`2026-06-10T${String(hour++).padStart(2, '0')}:00:00Z`);
      return (await runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5, all: true })).sources[0]!;
    };
    const alerted = () => alerts().map((alert) => alert.title.replace(/^Pause debate, part (\d+):.*$/, '$1'));
    return { run, alerted };
  }

  it('alerts on none of the old items listed below all it listed before, and on a new one at its top', async () => {
    const { run, alerted } = await setUp();
    // newest first: posts 120 down to 101; the first read is backlog
    await run(range(120, 101).map(item));
    expect(alerted()).toEqual([]);
    await run(range(121, 102).map(item));
    expect(alerted()).toEqual(['121']);

    // the archive: posts 100 down to 1 appended below
    const archive = await run(range(121, 1).map(item));
    expect(archive).toMatchObject({ outcome: 'ok', articlesAdded: 100 });
    expect(archive.warnings).toContain("100 new undated items listed below every item read before: taken for the feed's archive, not news (no alerts)");
    expect(alerted()).toEqual(['121']);

    await run([122, ...range(121, 1)].map(item));
    expect(alerted()).toEqual(['121', '122']);
  });

  it('alerts as before on a few new items below, in a feed that lists its oldest first', async () => {
    const { run, alerted } = await setUp();
    await run(range(1, 20).map(item));
    const appended = await run(range(1, 23).map(item));
    expect(appended.warnings).toEqual([]);
    expect(alerted()).toEqual(['21', '22', '23']);
  });
});
