import { afterEach, describe, expect, it } from 'vitest';
import { storyLabel } from '../../src/dedup/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { RunStop } from '../../src/run/run-stop.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A large story's label waits for the run's end when a few of its headlines are retitled (relabelsNow), but not when
 * the retitle withdraws the label's own headline: a run stopped before its end left a headline no article had, and no
 * later run changed it unless an article joined the story.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const WORDS = ['Anthropic', 'urges', 'verified', 'global', 'pause', 'of', 'frontier', 'AI'];
const ASIDES = ['today', 'amid debate', 'as labs meet', 'in letter', 'critics say', 'again', 'this week', 'for labs'];
/** Report i of a wire: the core less one of its words, and an aside. */
const report = (i: number) => `${WORDS.filter((_, w) => w !== 2 + (i % (WORDS.length - 2))).join(' ')} ${ASIDES[i % ASIDES.length]}`;
const LABEL = 'Anthropic urges verified pause of frontier AI labs';
const description = (i: number) => `Anthropic asked the leading AI labs for a verified global pause of frontier AI development. Report ${i}.`;

describe.each(dialects)("a story whose label's headline every article retitles, in a run stopped before its end, on $name", ({ fresh }) => {
  it('is labelled by a headline an article still has', async () => {
    let titles = [...Array.from({ length: 48 }, (_, i) => report(i)), ...Array<string>(12).fill(LABEL)];
    expect(storyLabel(titles)).toBe(LABEL);
    const server = await startServer({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Wire', titles.map((title, i) => ({ guid: `r-${i}`, title, link: `https://wire.example/${i}`, description: description(i) })))),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'story-label-withdrawn', [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/feed.xml`, fetchArticles: false }], { database: fresh });
    await runPipeline({ loaded, store, channels: [], now: () => new Date('2026-06-10T06:00:00.000Z'), random: () => 0.5, all: true });
    const stories = async () => store.db.selectFrom('stories').select(['id', 'label']).orderBy('id').execute();
    expect((await stories()).map((story) => story.label)).toEqual([LABEL]);

    // too few retitles to relabel a story of 60, and new reports, the run stopped at the first
    titles = [...titles.map((title, i) => (title === LABEL ? `${report(i)} (updated)` : title)), report(60), report(61), report(62)];
    const stop = new RunStop();
    const progress = { sourceFinished: () => {}, articleProcessed: () => void stop.request('test stop') };
    await expect(runPipeline({ loaded, store, channels: [], now: () => new Date('2026-06-10T08:00:00.000Z'), random: () => 0.5, all: true, stop, progress })).rejects.toThrow('test stop');
    const stored = await store.db.selectFrom('articles').select('title').execute();
    expect(stored.map((row) => row.title)).not.toContain(LABEL);
    const [story] = await stories();
    expect(stored.map((row) => storyLabel([row.title!]))).toContain(story!.label);
  });
});
