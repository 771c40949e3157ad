import { afterEach, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/databases.ts';
import { identityFeed } from '../helpers/identity-feed.ts';

/**
 * Items without a usable GUID whose identity shifts between runs: an article stored at a link it had alone, once other
 * items share the link (a page every statement or press release links to), and items known by the hash of their
 * headline and description whose description the feed writes anew. The article is found again (retitled when its
 * headline was corrected), and no new story beside it is taken for it: each story stored once, none lost.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ANTHROPIC = 'Anthropic on Tuesday urged the leading AI labs to coordinate a verified pause of frontier AI development.';
const EU = 'European ministers backed a slowdown of frontier AI development at a meeting in Brussels on Thursday.';
const CRITICS = 'Critics of the proposed moratorium on frontier AI say it would hand the lead to labs that ignore it.';
const DAY = 'Wed, 10 Jun 2026 00:00:00 GMT';

describe.each(dialects)('items whose link comes to be shared, or whose description is written anew, on $name', ({ fresh }) => {
  async function setUp(options: { fetchArticles?: boolean; pages?: Record<string, string> } = {}) {
    const feed = await identityFeed(cleanups, fresh, { id: 'shared-link-identity', ...options });
    /** Every article, first stored first: headline, text, and whether it is an original (not a copy). */
    const articles = async () =>
      (await feed.store.db.selectFrom('articles').select(['title', 'text', 'duplicate_of']).orderBy('id').execute()).map((row) => [row.title, row.text, row.duplicate_of === null]);
    return { ...feed, articles };
  }

  it.each([
    ['a corrected headline', 'Anthropic urges a pause', ANTHROPIC, 3],
    ['a new headline and a sentence added', 'Anthropic and labs agree a pause', `${ANTHROPIC} Three labs have since agreed to a six-month moratorium.`, 3],
  ])('retitles a statement given %s in the read its link comes to be shared, and stores the new one beside it', async (_name, title, description, hoursAgo) => {
    const { run, articles, alerted } = await setUp();
    await run([{ link: '/statements', title: 'Anthropic urges a pasue', description: ANTHROPIC, hoursAgo }]);
    const shared = await run([
      { link: '/statements', title: 'EU ministers back an AI slowdown', description: EU, hoursAgo: 1 },
      { link: '/statements', title, description, hoursAgo },
    ]);
    expect(shared.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, articlesUpdated: 1 });
    expect((await articles()).map(([headline, , original]) => [headline, original])).toEqual([
      [title, true],
      ['EU ministers back an AI slowdown', true],
    ]);
    expect(alerted()).toEqual(['Anthropic urges a pasue', 'EU ministers back an AI slowdown']);
  });

  it.each([
    ['headline-only, its headline corrected', 3, 'Anthropic urges a pause of frontier AI development', ''],
    ['undated, its headline corrected and a sentence added', undefined, 'Anthropic and labs agree a pause', `${ANTHROPIC} Three labs have since agreed to it.`],
  ])('retitles a statement, %s, as a dated one joins its link, and stores it once', async (_name, hoursAgo, title, description) => {
    const { run, articles, alerted } = await setUp();
    const original = { link: '/statements', title: 'Anthropic urges a pasue of frontier AI development', description: description === '' ? '' : ANTHROPIC, hoursAgo };
    await run([original]);
    const alertedBefore = alerted();
    const shared = await run([{ link: '/statements', title: 'EU ministers back an AI slowdown', description: EU, hoursAgo: 1 }, { link: '/statements', title, description, hoursAgo }]);
    expect(shared.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, articlesUpdated: 1 });
    expect((await articles()).map(([headline]) => headline)).toEqual([title, 'EU ministers back an AI slowdown']);
    expect(alerted()).toEqual([...alertedBefore, 'EU ministers back an AI slowdown'].sort());
  });

  it('stores a new "Press release" of the day joining the page as the stored one is given a real headline, and loses neither', async () => {
    const { run, articles } = await setUp();
    await run([{ link: '/press-releases/', title: 'Press release', description: ANTHROPIC, pubDate: DAY }]);
    await run([
      { link: '/press-releases/', title: 'Press release', description: EU, pubDate: DAY },
      { link: '/press-releases/', title: 'Anthropic urges a frontier AI pause', description: ANTHROPIC, pubDate: DAY },
    ]);
    // the one with the headline and the one with the text are two items: neither is taken for it, and the article is
    // stored again (a copy) rather than the new release lost
    const texts = (await articles()).map(([, text]) => text);
    expect(texts.filter((text) => text === EU)).toHaveLength(1);
    expect(texts).toContain(ANTHROPIC);
    // and the next read, in the other order, stores nothing more
    const later = await run([
      { link: '/press-releases/', title: 'Anthropic urges a frontier AI pause', description: ANTHROPIC, pubDate: DAY },
      { link: '/press-releases/', title: 'Press release', description: EU, pubDate: DAY },
    ]);
    expect(later.sources[0]).toMatchObject({ articlesAdded: 0 });
  });

  it('retitles a statement stored alone at its link whose headline is corrected a read after the link came to be shared', async () => {
    const { run, articles } = await setUp();
    const eu = { link: '/statements', title: 'EU ministers back an AI slowdown', description: EU, hoursAgo: 1 };
    await run([{ link: '/statements', title: 'Anthropic urges a pasue', description: ANTHROPIC, hoursAgo: 3 }]);
    await run([eu, { link: '/statements', title: 'Anthropic urges a pasue', description: ANTHROPIC, hoursAgo: 3 }]);
    expect((await run([eu, { link: '/statements', title: 'Anthropic urges a pause', description: ANTHROPIC, hoursAgo: 3 }])).sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 1 });
    expect((await articles()).map(([headline]) => headline)).toEqual(['Anthropic urges a pause', 'EU ministers back an AI slowdown']);
  });

  it.each([
    ['undated', undefined],
    ['of the same day', DAY],
  ])('stores a new "Press release", %s, beside the one stored alone at the page every release links to', async (_name, pubDate) => {
    const { run, articles } = await setUp();
    const first = { link: '/press-releases/', title: 'Press release', description: ANTHROPIC, pubDate };
    await run([first]);
    expect((await run([{ link: '/press-releases/', title: 'Press release', description: EU, pubDate }, first])).sources[0]).toMatchObject({ articlesAdded: 1, articlesUpdated: 0 });
    expect(await articles()).toEqual([
      ['Press release', ANTHROPIC, true],
      ['Press release', EU, true],
    ]);
  });

  it('stores a new untitled post beside the one stored alone at the page every post links to, its page read then', async () => {
    const page = `<!doctype html><html><head><title>Updates</title></head><body><main><h1>Updates</h1><p>${ANTHROPIC}</p><p>${CRITICS}</p></main></body></html>`;
    const { run, articles, alerted } = await setUp({ fetchArticles: true, pages: { '/updates': page } });
    const first = { link: '/updates', description: ANTHROPIC, hoursAgo: 3 };
    await run([first]);
    // the page's title was stored for the untitled post; its description is what tells it from the new one
    expect((await articles()).map(([headline]) => headline)).toEqual(['Updates']);
    expect((await run([{ link: '/updates', description: EU, hoursAgo: 1 }, first])).sources[0]).toMatchObject({ articlesAdded: 1, articlesUpdated: 0 });
    expect(await articles()).toHaveLength(2);
    expect(alerted()).toHaveLength(2);
  });

  it('stores a new notice whose description differs from a stored one only in the page it links to', async () => {
    const { run, articles } = await setUp();
    const notice = (id: number) => ({
      title: 'Pause march: road closed',
      description: `<![CDATA[<p>Streets are closed for the frontier AI pause march. <a href="https://council.example/closures/${id}">Details</a></p>]]>`,
    });
    const other = { title: 'Critics reject a moratorium', description: CRITICS };
    await run([notice(101), other]);
    expect((await run([notice(102), other])).sources[0]).toMatchObject({ articlesAdded: 1 });
    expect((await articles()).filter(([, , original]) => original)).toHaveLength(3);
  });

  it('stores a new notice with the headline and description of one that left the feed but another full text', async () => {
    const { run, articles } = await setUp();
    const standfirst = 'An update from the frontier AI pause registry team.';
    const other = { title: 'Critics reject a moratorium', description: CRITICS };
    await run([{ title: 'Registry notice', description: standfirst, content: ANTHROPIC }, other]);
    expect((await run([{ title: 'Registry notice', description: standfirst, content: EU }, other])).sources[0]).toMatchObject({ articlesAdded: 1 });
    expect((await articles()).filter(([, , original]) => original).map(([, text]) => text)).toEqual([ANTHROPIC, CRITICS, EU]);
  });

  it('stores nothing again of an undated item known by its text that leaves the feed and comes back with its description re-indented', async () => {
    const { run, articles } = await setUp();
    const notice = { title: 'Registry available again', description: 'The frontier AI pause registry is available again after maintenance.' };
    const other = { title: 'Critics reject a moratorium', description: CRITICS };
    await run([notice, other]);
    await run([other]);
    expect((await run([{ ...notice, description: `\n    <![CDATA[${notice.description}]]>\n  ` }, other])).sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 0 });
    expect(await articles()).toHaveLength(2);
  });
});
