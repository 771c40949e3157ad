import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/databases.ts';
import { identityFeed, type IdentityFeedItem } from '../helpers/identity-feed.ts';

/**
 * A feed whose body is cut short (a connection dropped, answered 200 with what came) ends inside its last item, whose
 * headline, link or text is cut too. That item is not read: stored, it would be a new article and alert beside the
 * whole one, rename it, or be all a first read ever kept of it. The items before the cut are read as ever.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const stories = (keyed: 'guid' | 'link' | 'none'): IdentityFeedItem[] =>
  [1, 2, 3].map((n) => ({
    ...(keyed === 'guid' ? { guid: `story-${n}` } : keyed === 'link' ? { link: `/2026/06/pause-${n}` } : {}),
    title: `Labs agree to pause frontier AI training run ${n}`,
    description: `Story ${n}: the frontier AI labs agreed on Tuesday to a verified pause of their largest training runs.`,
    hoursAgo: n,
  }));

/** The document cut `into` characters past the last occurrence of `marker`. */
const cutAfterLast = (marker: string, into: number) => (xml: string) => xml.slice(0, xml.lastIndexOf(marker) + marker.length + into);

describe.each(dialects)('a feed cut short, on $name', ({ fresh }) => {
  async function setUp() {
    const feed = await identityFeed(cleanups, fresh, { id: 'cut-feeds' });
    /** Every article's headline and summary, by headline. */
    const articles = async () => (await feed.store.db.selectFrom('articles').select(['title', 'summary']).orderBy('title').execute()).map((row) => [row.title, row.summary]);
    return { ...feed, articles };
  }
  const whole = (keyed: 'guid' | 'link' | 'none') => stories(keyed).map((story) => [story.title, story.description]);

  it.each([
    ['items known by their text, cut inside the last description', 'none', cutAfterLast('<description>', 20)],
    ['items with GUIDs, cut inside the last headline (before its GUID)', 'guid', cutAfterLast('<title>', 16)],
    ['items known by their link, cut inside the last link', 'link', cutAfterLast('<link>', 30)],
    ['items known by their text, cut inside an entity of the last description', 'none', (xml: string) => `${cutAfterLast('<description>', 20)(xml)}&am`],
  ] as const)('after a whole read, stores nothing of a cut one, %s, and alerts nothing; the next whole read neither', async (_name, keyed, cut) => {
    const { run, articles, alerted } = await setUp();
    await run(stories(keyed));
    const cutRead = await run(stories(keyed), cut);
    expect(cutRead.sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 0 });
    expect(cutRead.sources[0]!.warnings.join('\n')).toContain('the document ends inside an item, as one cut short does: that item is not read');
    const again = await run(stories(keyed));
    expect(again.sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 0 });
    expect(await articles()).toEqual(whole(keyed));
    expect(alerted()).toEqual(whole(keyed).map(([title]) => title).sort());
  });

  it.each([
    ['items with GUIDs', 'guid'],
    ['items known by their text', 'none'],
  ] as const)('stores the item a first read cut once, with its whole text, when the next read is whole: %s', async (_name, keyed) => {
    const { run, articles, alerted } = await setUp();
    const first = await run(stories(keyed), cutAfterLast('<description>', 20));
    expect(first.sources[0]).toMatchObject({ articlesAdded: 2 });
    const next = await run(stories(keyed));
    expect(next.sources[0]).toMatchObject({ articlesAdded: 1 });
    expect(await articles()).toEqual(whole(keyed));
    expect(alerted()).toEqual(whole(keyed).map(([title]) => title).sort());
  });

  it('keeps a cut read whose last item ends before the cut: every item is whole', async () => {
    const { run, articles } = await setUp();
    const read = await run(stories('guid'), (xml) => xml.slice(0, xml.lastIndexOf('</item>') + '</item>'.length));
    expect(read.sources[0]).toMatchObject({ articlesAdded: 3 });
    expect(await articles()).toEqual(whole('guid'));
  });
});
