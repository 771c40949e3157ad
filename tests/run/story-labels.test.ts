import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import { storyLabel } from '../../src/dedup/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A wire feed bringing many near-identical reports of one event: a story that grows past the size at which it is
 * relabelled on every article. Whatever the run does meanwhile, the label it leaves must be the one relabelling on
 * every article gave: the headline most representative of all the story's titles.
 */
const CORE = 'Anthropic urges verified global pause of frontier AI';
const ASIDES = ['today', 'amid debate', 'as labs meet', 'in letter', 'critics say', 'again', 'this week', 'for labs'];
const OUTLETS = ['Reuters', 'The Verge', 'AP News', 'Axios'];

/** Reports `from` to `to` (exclusive) of the wire: each drops one of the core's words and adds an aside; some name their outlet. */
function variants(from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, j) => {
    const i = from + j;
    const words = CORE.split(' ');
    words.splice(2 + (i % (words.length - 2)), 1);
    const title = `${words.join(' ')} ${ASIDES[i % ASIDES.length]}`;
    return i % 3 === 0 ? `${title} - ${OUTLETS[i % OUTLETS.length]}` : title;
  });
}

function feed(titles: readonly string[], base: string): string {
  const items = titles.map((title, i) => {
    const text = `Anthropic, one of the leading AI labs, asked for a verified global pause of frontier AI development; governments and rival labs weigh the proposal, and critics doubt a moratorium can be verified. Report ${i + 1} of the wire.`;
    const date = new Date(Date.parse('2026-06-10T05:00:00.000Z') - (titles.length - i) * 60_000).toUTCString();
    return `<item><title>${title}</title><link>${base}/pause/${i + 1}</link><guid>pause-${i + 1}</guid><pubDate>${date}</pubDate><description>${text}</description></item>`;
  });
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Pause wire</title><link>${base}/</link>${items.join('')}</channel></rss>`;
}

describe.each(dialects)('the label of a story grown by many articles in one run, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let titles: string[] = [];

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-labels-'));
    server = await startServer({ '/feed.xml': (req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(titles, `http://${req.headers.host}`)) });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    await server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function runAt(at: string): Promise<void> {
    const loaded: LoadedPipeline = {
      pipeline: definePipeline({
        id: 'labels-test',
        name: 'Story labels (test)',
        sources: [{ id: 'wire', kind: 'feed', name: 'Pause wire', url: `${server.url}/feed.xml`, fetchArticles: false }],
        topic: { description: 'Pause', proposalTerms: ['pause', 'moratorium'], contextTerms: ['frontier AI', 'AI labs', 'Anthropic'] },
        fetch: { allowPrivateAddresses: true, perHostGapMs: 0 },
        digest: { timeZone: 'UTC' },
        alerts: { channels: [] },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    const report = await runPipeline({ loaded, store, channels: [], now: () => new Date(at), random: () => 0.5, all: true });
    expect(report.sources[0]).toMatchObject({ outcome: 'ok', itemErrors: [] });
  }

  async function storedStories(): Promise<{ label: string; titles: string[] }[]> {
    const stories = await store.db.selectFrom('stories').select(['id', 'label']).orderBy('id').execute();
    const articles = await store.db.selectFrom('articles').select(['story_id', 'title']).orderBy('id').execute();
    return stories.map((story) => ({ label: story.label, titles: articles.filter((a) => a.story_id === story.id).map((a) => a.title!) }));
  }

  // Each headline becomes the most representative only with the last of its copies: a label worked out from
  // any fewer of the story's titles is another.
  it('is the headline most representative of all its titles, including those its last articles brought', async () => {
    const representative = 'Anthropic urges verified pause of frontier AI labs';
    titles = [...variants(0, 33), ...Array<string>(7).fill(representative)];
    expect(storyLabel(titles)).toBe(representative);
    expect(storyLabel(titles.slice(0, -1))).not.toBe(representative);
    await runAt('2026-06-10T06:00:00.000Z');
    const stories = await storedStories();
    expect(stories.map((s) => s.titles)).toEqual([titles]);
    expect(stories[0]!.label).toBe(representative);
  });

  it('and after a later run adds to the large story it finds stored', async () => {
    const representative = 'Anthropic urges verified global pause of AI labs';
    titles = [...titles, ...variants(40, 49), ...Array<string>(11).fill(representative)];
    expect(storyLabel(titles)).toBe(representative);
    expect(storyLabel(titles.slice(0, -1))).not.toBe(representative);
    await runAt('2026-06-10T08:00:00.000Z');
    const stories = await storedStories();
    expect(stories.map((s) => s.titles)).toEqual([titles]);
    expect(stories[0]!.label).toBe(representative);
  });

  it('and after a later run retitles a quarter of its articles, relabelled as their new headlines make it', async () => {
    // an outlet renaming its reports: the new headline is the most representative only with the last of them
    const renamed = 'Anthropic urges global pause of frontier AI labs today';
    const before = (await storedStories())[0]!.label;
    titles = titles.map((title, i) => (i >= titles.length - 15 ? renamed : title));
    expect(storyLabel(titles)).toBe(renamed);
    expect(storyLabel(titles.map((title, i) => (i === titles.length - 15 ? 'Anthropic urges verified global pause of AI labs' : title)))).not.toBe(renamed);
    await runAt('2026-06-10T10:00:00.000Z');
    const stories = await storedStories();
    expect(stories.map((s) => s.titles)).toEqual([titles]);
    expect(stories[0]!.label).not.toBe(before);
    expect(stories[0]!.label).toBe(renamed);
  });
});
