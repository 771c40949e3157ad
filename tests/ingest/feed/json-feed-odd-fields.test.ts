import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/ingest/feed/parse-feed.ts';

/** JSON Feed and news sitemap fields written in ways their specs do not foresee, read as the other formats read them. */

const url = 'https://news.example/feed.json';
const read = (body: string) => parseFeed(Buffer.from(body), { url });
const jsonFeed = (fields: Record<string, unknown>) => JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Wire', ...fields });

describe('JSON Feed fields', () => {
  it('keys an id written with white space around it as RSS keys the same <guid>, so a feed moving between the formats keeps its items', async () => {
    const json = await read(jsonFeed({ items: [{ id: ' 1001 ', url: 'https://news.example/a', title: 'Labs weigh a pause' }, { id: '1002\n', url: 'https://news.example/b', title: 'Second' }] }));
    const rss = await read(
      '<rss version="2.0"><channel><title>Wire</title><item><guid isPermaLink="false"> 1001 </guid><link>https://news.example/a</link><title>Labs weigh a pause</title></item>' +
        '<item><guid isPermaLink="false">1002\n</guid><link>https://news.example/b</link><title>Second</title></item></channel></rss>',
    );
    expect(json.items.map((item) => [item.id, item.guid])).toEqual([['1001', '1001'], ['1002', '1002']]);
    expect(json.items.map((item) => item.id)).toEqual(rss.items.map((item) => item.id));
  });

  it('reads a number no double holds (1e400, which JSON.parse makes Infinity) as no id and no size, not the word "Infinity"', async () => {
    const body = '{"version":"https://jsonfeed.org/version/1.1","title":"Wire","items":[{"id":1e400,"url":"https://news.example/a","title":"A",' +
      '"attachments":[{"url":"https://news.example/a.mp3","mime_type":"audio/mpeg","size_in_bytes":1e400}]}]}';
    const feed = await read(body);
    expect(feed.items[0]).toMatchObject({ guid: null, id: 'https://news.example/a', enclosures: [{ url: 'https://news.example/a.mp3', length: null }] });
  });

  it.each([
    ['https://jsonfeed.org/version/1', true],
    ['https://jsonfeed.org/version/1.1', true],
    ['http://jsonfeed.org/version/1.1/', true],
    ['https://jsonfeed.org/version/1.1.0', true],
    ['https://jsonfeed.org/version/1.1#', true],
    ['https://jsonfeed.org/version/1.1/index.html', true],
    ['https://jsonfeed.org/version/1.1 ', true],
    ['https://jsonfeed.org/version/10', false],
    ['https://jsonfeed.org/version/1foo', false],
    ['https://jsonfeed.org/version/2', false],
  ])('takes the version %s for a JSON Feed: %s', async (version, isFeed) => {
    const body = JSON.stringify({ version, title: 'Wire', items: [{ id: '1', url: 'https://news.example/a', title: 'A' }] });
    if (isFeed) expect((await read(body)).items.map((item) => item.title)).toEqual(['A']);
    else await expect(read(body)).rejects.toThrow(`not a JSON Feed (its "version" is ${JSON.stringify(version)}, not "https://jsonfeed.org/version/1[.1]")`);
  });

  it.each([
    ['an object', { id: '1', title: 'A' }],
    ['null', null],
    ['absent', undefined],
  ])('flags a feed whose "items" is %s as broken (bozo), not as a quiet feed', async (_case, items) => {
    const feed = await read(jsonFeed({ items }));
    expect(feed).toMatchObject({ items: [], bozo: true, warnings: ['JSON Feed without an "items" array'] });
  });

  it('flags a feed with entries of "items" that are not objects as broken, and reads the others', async () => {
    const feed = await read(jsonFeed({ items: [{ id: '1', title: 'A' }, 'B', 3] }));
    expect(feed.items.map((item) => item.title)).toEqual(['A']);
    expect(feed.bozo).toBe(true);
    expect(feed.warnings).toContain('2 of the 3 entries of "items" are not objects; skipped');
  });

  it('reads "tags" written as one string and "attachments" as one object, as "authors" written as one object is read', async () => {
    const feed = await read(jsonFeed({ items: [{ id: '1', url: 'https://news.example/a', title: 'A', tags: 'AI policy', attachments: { url: 'a.mp3', mime_type: 'audio/mpeg' } }] }));
    expect(feed.items[0]).toMatchObject({ categories: ['AI policy'], enclosures: [{ url: 'https://news.example/a.mp3', type: 'audio/mpeg' }] });
  });
});

describe('news sitemap entries', () => {
  it('skips an entry without a usable <loc>, which no one can fetch or tell apart, and says so', async () => {
    const entry = (loc: string, title: string) =>
      `<url>${loc}<news:news><news:publication><news:name>Wire</news:name><news:language>en</news:language></news:publication>` +
      `<news:publication_date>2026-06-05</news:publication_date><news:title>${title}</news:title></news:news></url>`;
    const sitemap =
      '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' +
      `${entry('<loc>https://news.example/a</loc>', 'Kept')}${entry('', 'No address')}${entry('<loc> </loc>', 'Blank address')}${entry('<loc>javascript:alert(1)</loc>', 'Script')}</urlset>`;
    const feed = await parseFeed(Buffer.from(sitemap), { url: 'https://news.example/sitemap-news.xml' });
    expect(feed.items.map((item) => [item.title, item.link])).toEqual([['Kept', 'https://news.example/a']]);
    expect(feed.bozo).toBe(true);
    expect(feed.warnings).toContain('3 <url> entries without a usable <loc> address skipped');
  });
});
