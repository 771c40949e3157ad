import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FeedParseError, parseFeed } from '../../../src/ingest/feed/parse-feed.ts';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));

async function parseFailure(bytes: Buffer, url = 'https://example.com/feed') {
  try {
    await parseFeed(bytes, { url });
  } catch (error) {
    if (error instanceof FeedParseError) return error;
    throw error;
  }
  throw new Error('expected parseFeed to fail');
}

describe('parseFeed: formats', () => {
  it('reads an RSS 2.0 item with every field normalised', async () => {
    const feed = await parseFeed(fixture('rss2-relative-links.xml'), { url: 'https://feeds.example.org/world.xml' });
    expect(feed).toMatchObject({ format: 'rss', title: 'Example News – World', link: 'https://news.example.org/world/', bozo: false, ttlSeconds: 1800 });
    const [first, second] = feed.items;
    expect(first).toMatchObject({
      id: 'urn:example:1001',
      guid: 'urn:example:1001',
      title: 'Labs weigh a coordinated pause & what it would take',
      link: 'https://news.example.org/world/2026/06/labs-pause.html',
      published: '2026-06-05T10:19:00.000Z',
      author: 'Jane Doe',
      categories: ['AI policy', 'Regulation'],
      enclosures: [{ url: 'https://news.example.org/world/audio/ep1.mp3', length: '12345', type: 'audio/mpeg' }],
    });
    // summary and full content are kept apart, both HTML, with their links made absolute
    expect(first?.summary).toBe('<p>A short <a href="https://news.example.org/about">teaser</a>.</p>');
    expect(first?.content).toContain('src="https://news.example.org/world/img/chart.png"');
    // a permalink GUID doubles as the link; an "EST" date with a two-digit year and no seconds is understood
    expect(second).toMatchObject({ link: 'https://news.example.org/world/2026/06/second.html', published: '2026-06-06T13:00:00.000Z', author: 'John Roe' });
  });

  it('reads an Atom 1.0 entry: xml:base chain, inline XHTML content, text summary, enclosure link', async () => {
    const feed = await parseFeed(fixture('atom10-xhtml.xml'), { url: 'https://blog.example.com/feed.atom' });
    expect(feed).toMatchObject({ format: 'atom', title: 'Policy Notes', link: 'https://blog.example.com/' });
    expect(feed.items[0]).toMatchObject({
      id: 'tag:blog.example.com,2026:post-1',
      link: 'https://blog.example.com/posts/verified-pause',
      published: '2026-06-06T07:30:00.000Z',
      updated: '2026-06-07T10:00:00.000Z',
      author: 'Ada Example',
      summary: 'Verification is the crux &amp; the cost.',
      content: '<p>Hello <b>world</b>, see <a href="https://blog.example.com/about">about</a>.</p>',
      categories: ['governance'],
      enclosures: [{ url: 'https://blog.example.com/media/talk.mp4', length: '999', type: 'video/mp4' }],
    });
  });

  it('resolves the links of inline XHTML content against the xml:base of the element they are in, not only the content\'s', async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://e.example/blog/"><title>A</title><id>f</id>
<entry><id>urn:1</id><title>E</title><content type="xhtml" xml:base="posts/"><div xmlns="http://www.w3.org/1999/xhtml">` +
      `<p><a href="one">1</a></p><div xml:base="/other/"><a href="two?a=1&amp;b=2">2</a><img src="i.png"/><p xml:base="deeper/"><a href="three">3</a></p></div>` +
      `<a href="four">4</a><!-- <div xml:base="/x/"> --><a href="five">5</a></div></content></entry></feed>`;
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/feed' });
    expect(feed.items[0]!.content).toBe(
      '<p><a href="https://e.example/blog/posts/one">1</a></p><div><a href="https://e.example/other/two?a=1&amp;b=2">2</a>' +
        '<img src="https://e.example/other/i.png"/><p><a href="https://e.example/other/deeper/three">3</a></p></div>' +
        '<a href="https://e.example/blog/posts/four">4</a><!-- <div xml:base="/x/"> --><a href="https://e.example/blog/posts/five">5</a>',
    );
  });

  /** An Atom feed with `feedInner` among its own elements and one entry per [id, inner markup], parsed. */
  const atomFeed = (feedInner: string, entries: [string, string][]) =>
    parseFeed(
      Buffer.from(
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><id>f</id><updated>2026-06-05T10:00:00Z</updated>${feedInner}` +
          entries.map(([id, inner]) => `<entry><id>${id}</id><title>T</title><updated>2026-06-05T10:00:00Z</updated>${inner}</entry>`).join('') +
          '</feed>',
      ),
      { url: 'https://e.example/feed' },
    );

  it('takes the HTML alternate of an Atom entry as its link, before an alternate PDF listed first', async () => {
    const feed = await atomFeed('', [
      ['a', '<link rel="alternate" type="application/pdf" href="https://e.example/a.pdf"/><link rel="alternate" type="text/html" href="https://e.example/a.html"/>'],
      ['b', '<link rel="alternate" type="application/pdf" href="https://e.example/b.pdf"/><link href="https://e.example/b"/>'],
      ['c', '<link rel="alternate" type="application/pdf" href="https://e.example/c.pdf"/>'],
    ]);
    expect(feed.items.map((item) => item.link)).toEqual(['https://e.example/a.html', 'https://e.example/b', 'https://e.example/c.pdf']);
  });

  it("takes an Atom entry's own page as its link, not a translation listed first with its language (hreflang)", async () => {
    const feed = await atomFeed('', [
      ['a', '<link rel="alternate" hreflang="fr" href="https://e.example/fr/a"/><link rel="alternate" href="https://e.example/a"/>'],
      ['b', '<link rel="alternate" hreflang="fr" href="https://e.example/fr/b"/><link rel="alternate" hreflang="de" href="https://e.example/de/b"/>'],
    ]);
    expect(feed.items.map((item) => item.link)).toEqual(['https://e.example/a', 'https://e.example/fr/b']);
  });

  it('says a document stops before its end only when its root never closes, not when something left open swallowed its end tag', async () => {
    const item = (n: number) => `<item><title>Labs weigh a pause ${n}</title><guid>g-${n}</guid></item>`;
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${item(1)}${item(2)}</channel></rss>`;
    const endsEarly = async (xml: string) => (await parseFeed(Buffer.from(xml), { url: 'https://e.example/feed' })).endsEarly;
    expect(await endsEarly(rss)).toBe(false);
    expect(await endsEarly(rss.slice(0, rss.indexOf(item(2))))).toBe(true);
    expect(await endsEarly(rss.slice(0, -1))).toBe(true);
    // a CDATA section left open runs to the end, over the end tags, which are still there
    expect(await endsEarly(rss.replace('<title>Labs weigh a pause 2', '<title><![CDATA[Labs weigh a pause 2'))).toBe(false);
    expect(await endsEarly(`${rss}<br>`)).toBe(false);
    // cut after an item whose text holds the root's end tag
    const quoting = rss.replace('Labs weigh a pause 1', '<![CDATA[Close the feed with </channel></rss>]]>');
    expect(await endsEarly(quoting.slice(0, quoting.indexOf(item(2))))).toBe(true);
    const sitemap = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://e.example/a</loc><news:news><news:title>Labs weigh a pause</news:title><news:publication_date>2026-06-05</news:publication_date></news:news></url>';
    expect(await endsEarly(`${sitemap}</urlset>`)).toBe(false);
    expect(await endsEarly(sitemap)).toBe(true);
  });

  it("reads a podcast's and Media RSS's categories and keywords as an item's categories", async () => {
    const xml =
      '<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>P</title>' +
      '<item><title>Episode 1</title><guid>https://e.example/1.mp3</guid><itunes:category text="Technology"/><itunes:keywords>AI, pause , policy</itunes:keywords>' +
      '<media:category scheme="urn:x">Governance</media:category><media:group><media:keywords>Policy, labs</media:keywords><media:category>Safety</media:category></media:group></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/podcast.xml' });
    // one category however it is capitalised
    expect(feed.items[0]!.categories).toEqual(['Technology', 'Governance', 'Safety', 'AI', 'pause', 'policy', 'labs']);
  });

  it('gives an Atom entry without authors those of its source, else those of the feed (RFC 4287 §4.2.1)', async () => {
    const feed = await atomFeed('<author><name>Desk</name></author>', [
      ['own', '<author><name>Ada Writer</name></author>'],
      ['copied', '<source><id>s</id><title>Wire</title><author><name>Wire Reporter</name></author></source>'],
      ['plain', ''],
      ['email-only', '<author><email>desk@e.example</email></author>'],
    ]);
    // an entry with an author of its own, even one without a name, inherits nothing
    expect(feed.items.map((item) => item.author)).toEqual(['Ada Writer', 'Wire Reporter', 'Desk', null]);
  });

  it("reads RSS 1.0's enclosure module (<enc:enclosure rdf:resource=… enc:type=… enc:length=…>)", async () => {
    const rdf =
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:e="http://purl.oclc.org/net/rss_2.0/enc#">' +
      '<channel rdf:about="https://r.example/"><title>R</title></channel>' +
      '<item rdf:about="https://r.example/a"><title>A</title><e:enclosure rdf:resource="/audio/a.mp3" e:type="audio/mpeg" e:length="1234"/></item></rdf:RDF>';
    const feed = await parseFeed(Buffer.from(rdf), { url: 'https://r.example/index.rdf' });
    expect(feed.items[0]!.enclosures).toEqual([{ url: 'https://r.example/audio/a.mp3', type: 'audio/mpeg', length: '1234' }]);
    // beside an <enclosure> of the same file, listed once
    const both = rdf.replace('<e:enclosure', '<enclosure url="https://r.example/audio/a.mp3" type="audio/mpeg" length="1234"/><e:enclosure');
    expect((await parseFeed(Buffer.from(both), { url: 'https://r.example/index.rdf' })).items[0]!.enclosures).toHaveLength(1);
  });

  it('reads RSS 1.0 (RDF) with rdf:about as the id and dc:date as the update time', async () => {
    const feed = await parseFeed(fixture('rdf-rss10.xml'), { url: 'https://rdf.example.net/index.rdf' });
    expect(feed.format).toBe('rdf');
    expect(feed.items[0]).toMatchObject({ guid: 'https://rdf.example.net/a', title: 'First RDF item', updated: '2026-06-01T13:00:00.000Z', author: 'R. Writer' });
  });

  it('reads RSS 0.91 declared as ISO-8859-1', async () => {
    const feed = await parseFeed(fixture('rss091.xml'), { url: 'http://old.example.com/rss' });
    expect(feed.items[0]).toMatchObject({ title: 'Café debate', link: 'http://old.example.com/cafe' });
  });

  it('reads Atom 0.3: escaped HTML title as text, base64 content decoded, issued/modified dates', async () => {
    const feed = await parseFeed(fixture('atom03.xml'), { url: 'http://atom03.example.com/atom.xml' });
    expect(feed.title).toBe('Atom 0.3');
    expect(feed.items[0]).toMatchObject({ content: '<p>Base64 body</p>', published: '2005-11-09T19:56:34.000Z', updated: '2005-11-09T19:56:34.000Z' });
  });

  it('reads JSON Feed 1.1: relative URLs against feed_url, plain text content escaped into a paragraph, attachments', async () => {
    const feed = await parseFeed(fixture('json-feed-1.1.json'), { url: 'https://json.example.com/feed.json' });
    expect(feed).toMatchObject({ format: 'json', title: 'JSON Desk', link: 'https://json.example.com/' });
    expect(feed.items[0]).toMatchObject({
      id: 'j-1',
      title: 'JSON item & more',
      link: 'https://json.example.com/posts/1',
      published: '2026-06-05T09:00:00.000Z',
      author: 'Desk Team',
      content: '<p>Body with <a href="https://json.example.com/x">link</a></p>',
      categories: ['pause', 'ai'],
      enclosures: [{ url: 'https://json.example.com/a.mp3', type: 'audio/mpeg', length: '42' }],
    });
    expect(feed.items[1]?.content).toBe('<p>Plain &lt;text&gt; body</p>');
  });

  it("JSON Feed: names all of an item's authors (1.1's authors, else 1.0's author), else the feed's", async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      authors: [{ name: 'Desk' }, { name: 'Wire' }],
      items: [
        { id: '1', title: 'Both', authors: [{ name: 'Jane Doe' }, { url: 'https://e.example/x' }, { name: 'John Roe' }], author: { name: 'Old Field' } },
        { id: '2', title: 'Old', author: { name: 'Ann Poe' } },
        { id: '3', title: 'None' },
      ],
    });
    const feed = await parseFeed(Buffer.from(json), { url: 'https://json.example.com/feed.json' });
    expect(feed.items.map((item) => item.author)).toEqual(['Jane Doe and John Roe', 'Ann Poe', 'Desk and Wire']);
  });

  it('JSON Feed: numeric ids past 2^53 keep their digits, so two such items stay two with ids of their own', async () => {
    const json = '{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[' +
      '{"id": 9007199254740993, "url": "https://json.example.com/a", "title": "A"},' +
      '{"id":9007199254740992,"url":"https://json.example.com/b","title":"B"},' +
      '{"id":42,"title":"Short", "content_text": "Quoted as text: \\"id\\": 12345678901234567890"}]}';
    const feed = await parseFeed(Buffer.from(json), { url: 'https://json.example.com/feed.json' });
    expect(feed.items.map((item) => item.id)).toEqual(['9007199254740993', '9007199254740992', '42']);
    expect(feed.items[2]!.content).toBe('<p>Quoted as text: "id": 12345678901234567890</p>');
  });

  it('JSON Feed: relative URLs resolve against a feed_url on the same site, not one on another site or a local host', async () => {
    const feed = (feedUrl: string) => Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', feed_url: feedUrl, items: [{ id: '1', url: 'posts/pause/', content_html: '<img src="img/a.png">' }] }));
    const read = async (feedUrl: string, url = 'https://blog.example.org/feeds/main.json') => (await parseFeed(feed(feedUrl), { url })).items[0]!;
    expect((await read('https://blog.example.org/feed.json')).link).toBe('https://blog.example.org/posts/pause/');
    // a static site built with its development address, and a feed that moved: the links are the fetched site's
    expect(await read('http://localhost:1313/index.json')).toMatchObject({ link: 'https://blog.example.org/feeds/posts/pause/', content: '<img src="https://blog.example.org/feeds/posts/pause/img/a.png">' });
    expect((await read('https://old-host.example.net/feed.json')).link).toBe('https://blog.example.org/feeds/posts/pause/');
    // the same site written with www. or over http: its path counts, over the scheme the feed came by
    expect((await read('http://www.blog.example.org/feed.json')).link).toBe('https://www.blog.example.org/posts/pause/');
    expect((await read('http://blog.example.org/feed.json')).link).toBe('https://blog.example.org/posts/pause/');
  });

  it("JSON Feed: an item without a url whose id is a URL is at that address, before its external_url; authors as one object are read", async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [
        { id: 'https://json.example.com/2026/06/pause', title: 'Permalink id', external_url: 'https://elsewhere.example/story', authors: { name: 'Jane Doe' } },
        { id: 'tag:json.example.com,2026:2', title: 'Linkblog', external_url: 'https://elsewhere.example/other' },
        // an id every item shares is no item's address
        { id: 'https://json.example.com/', title: 'Shared 1', external_url: 'https://elsewhere.example/s1' },
        { id: 'https://json.example.com/', title: 'Shared 2', external_url: 'https://elsewhere.example/s2' },
        // an item listed twice word for word is one item, kept once, at its id's address
        { id: 'https://json.example.com/twice', title: 'Twice' },
        { id: 'https://json.example.com/twice', title: 'Twice' },
      ],
    });
    const feed = await parseFeed(Buffer.from(json), { url: 'https://json.example.com/feed.json' });
    expect(feed.items.map((item) => [item.link, item.author])).toEqual([
      ['https://json.example.com/2026/06/pause', 'Jane Doe'],
      ['https://elsewhere.example/other', null],
      ['https://elsewhere.example/s1', null],
      ['https://elsewhere.example/s2', null],
      ['https://json.example.com/twice', null],
    ]);
  });

  it('JSON Feed: a number where a URL belongs is no link, and entries that are not items are reported', async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Broken generator',
      items: [{ id: 'ok-1', url: '/posts/1', title: 'Fine' }, null, 'text', { id: 7, url: 123, title: 'Numeric url' }],
    });
    const feed = await parseFeed(Buffer.from(json), { url: 'https://json.example.com/feed.json' });
    expect(feed.items.map((item) => [item.id, item.link])).toEqual([['ok-1', 'https://json.example.com/posts/1'], ['7', null]]);
    expect(feed.warnings).toEqual(['2 of the 4 entries of "items" are not objects; skipped', 'item 4: "url" is not a URL string (123); ignored']);
  });

  it('JSON Feed: an escaped lone surrogate becomes one replacement character, an escaped pair stays the character', async () => {
    const json = '{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","title":"Cut \\ud83d here, \\ud83d\\ude00 kept, \\udc00 too"}]}';
    const feed = await parseFeed(Buffer.from(json), { url: 'https://json.example.com/feed.json' });
    expect(feed.items[0]!.title).toBe('Cut \uFFFD here, \u{1F600} kept, \uFFFD too');
  });

  it('lists Media RSS content (images, video), grouped or not, among the enclosures, once per URL', async () => {
    const xml =
      '<?xml version="1.0"?><rss version="2.0" xmlns:m="http://search.yahoo.com/mrss/"><channel><title>M</title><item><title>Video</title>' +
      '<link>https://n.example/v</link><guid>v1</guid><m:content url="/clip.mp4" type="video/mp4" fileSize="1234" medium="video"/>' +
      '<m:content url="https://n.example/pic.jpg" medium="image"/><enclosure url="https://n.example/pic.jpg" type="image/jpeg" length="99"/>' +
      '<m:group><m:title>Renditions</m:title><m:content url="/clip-hd.mp4" type="video/mp4"/></m:group></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://n.example/rss' });
    expect(feed.items[0]?.enclosures).toEqual([
      { url: 'https://n.example/pic.jpg', type: 'image/jpeg', length: '99' },
      { url: 'https://n.example/clip.mp4', type: 'video/mp4', length: '1234' },
      { url: 'https://n.example/clip-hd.mp4', type: 'video/mp4', length: null },
    ]);
  });

  it('names the outlet of each item where the feed does: RSS <source>, Atom <source><title>, a news sitemap publication', async () => {
    const rss =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>News search</title>' +
      '<item><title>Labs weigh a pause - Reuters</title><link>https://news.example/r</link><source url="https://www.reuters.com">Reuters</source></item>' +
      '<item><title>Senators back a pause</title><link>https://news.example/a</link><source url="https://apnews.com">  AP &amp; partners </source></item>' +
      '<item><title>No outlet named</title><link>https://news.example/n</link></item></channel></rss>';
    expect((await parseFeed(Buffer.from(rss), { url: 'https://news.example/rss' })).items.map((item) => item.outlet)).toEqual(['Reuters', 'AP & partners', null]);
    const atom =
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title><id>urn:p</id>' +
      '<entry><id>urn:1</id><title>Copied</title><link href="https://blog.example/1"/><source><id>urn:b</id><title>The Policy Blog</title></source></entry></feed>';
    expect((await parseFeed(Buffer.from(atom), { url: 'https://planet.example/atom' })).items[0]!.outlet).toBe('The Policy Blog');
    const sitemap =
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' +
      '<url><loc>https://paper.example.com/a</loc><news:news><news:publication><news:name>The Paper</news:name><news:language>en</news:language></news:publication>' +
      '<news:publication_date>2026-06-05</news:publication_date><news:title>Labs weigh a pause</news:title></news:news></url></urlset>';
    expect((await parseFeed(Buffer.from(sitemap), { url: 'https://paper.example.com/sitemap-news.xml' })).items[0]!.outlet).toBe('The Paper');
  });

  it("gives the outlet's address where the feed does: RSS <source url>, the alternate link of an Atom <source>", async () => {
    const entry = (id: string, source: string, base = '') => `<entry${base}><id>urn:${id}</id><title>${id}</title><link href="https://planet.example/${id}"/><source><id>urn:s</id><title>Blog</title>${source}</source></entry>`;
    const atom =
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Planet</title><id>urn:p</id>' +
      entry('alternate', '<link rel="self" href="https://blog.example/atom.xml"/><link rel="alternate" type="text/html" href="https://blog.example/"/>') +
      entry('no-rel', '<link href="https://other.example/blog"/>') +
      entry('relative', '<link href="/policy/"/>', ' xml:base="https://base.example/posts/"') +
      entry('self-only', '<link rel="self" href="https://blog.example/atom.xml"/>') +
      entry('script', '<link href="javascript:alert(1)"/>') +
      '</feed>';
    const feed = await parseFeed(Buffer.from(atom), { url: 'https://planet.example/atom' });
    expect(feed.items.map((item) => [item.outlet, item.outletUrl])).toEqual([
      ['Blog', 'https://blog.example/'],
      ['Blog', 'https://other.example/blog'],
      ['Blog', 'https://base.example/policy/'],
      ['Blog', null],
      ['Blog', null],
    ]);
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>News search</title><item><title>A - Reuters</title><link>https://news.example/r</link><source url="https://www.reuters.com">Reuters</source></item></channel></rss>';
    expect((await parseFeed(Buffer.from(rss), { url: 'https://news.example/rss' })).items[0]!.outletUrl).toBe('https://www.reuters.com/');
  });

  it('keeps a news sitemap entry listed twice word for word once, under its link, as an RSS item', async () => {
    const entry = (loc: string, title: string) =>
      `<url><loc>${loc}</loc><news:news><news:publication><news:name>Daily</news:name></news:publication><news:publication_date>2026-12-02T10:00:00Z</news:publication_date><news:title>${title}</news:title></news:news></url>`;
    const sitemap =
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' +
      `${entry('https://ex.org/news/one', 'Labs weigh a pause')}${entry('https://ex.org/news/two', 'Second')}${entry('https://ex.org/news/one', 'Labs weigh a pause')}</urlset>`;
    const feed = await parseFeed(Buffer.from(sitemap), { url: 'https://ex.org/sitemap-news.xml' });
    expect(feed.items.map((item) => item.id)).toEqual(['https://ex.org/news/one', 'https://ex.org/news/two']);
    expect(feed.warnings).toEqual(['1 item listed again word for word; each kept once']);
  });

  it("reads a JSON Feed's titles as RSS titles are read, their HTML tags dropped (WordPress writes them)", async () => {
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'Feed &amp; <b>news</b>', items: [{ id: '1', title: 'Senators <em>back</em> a pause &amp; more', content_text: 'x' }, { id: '2', title: 'Why 2 < 3 matters', content_text: 'y' }] };
    const feed = await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://ex.org/feed.json' });
    expect(feed.title).toBe('Feed & news');
    expect(feed.items.map((item) => item.title)).toEqual(['Senators back a pause & more', 'Why 2 < 3 matters']);
  });

  it("gives a news sitemap entry's images as its enclosures, resolved, each once", async () => {
    const sitemap =
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">' +
      '<url><loc>https://ex.org/2026/06/pause</loc><news:news><news:publication><news:name>Ex</news:name><news:language>en</news:language></news:publication>' +
      '<news:publication_date>2026-06-05</news:publication_date><news:title>Labs weigh a pause</news:title></news:news>' +
      '<image:image><image:loc>/img/pause.jpg</image:loc></image:image><image:image><image:loc>https://cdn.ex.org/b.png</image:loc></image:image>' +
      '<image:image><image:loc>/img/pause.jpg</image:loc></image:image></url></urlset>';
    const [item] = (await parseFeed(Buffer.from(sitemap), { url: 'https://ex.org/sitemap-news.xml' })).items;
    expect(item!.enclosures).toEqual([
      { url: 'https://ex.org/img/pause.jpg', type: null, length: null },
      { url: 'https://cdn.ex.org/b.png', type: null, length: null },
    ]);
  });

  it('names the sitemaps of a sitemap index, since the news sitemap is often one of them', async () => {
    const xml =
      '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' +
      '<sitemap><loc>https://paper.example.com/sitemap-news.xml</loc></sitemap><sitemap><loc>https://paper.example.com/sitemap-2026.xml</loc></sitemap></sitemapindex>';
    await expect(parseFeed(Buffer.from(xml), { url: 'https://paper.example.com/sitemap.xml' })).rejects.toThrow(
      'this is a sitemap index listing 2 sitemaps (https://paper.example.com/sitemap-news.xml, https://paper.example.com/sitemap-2026.xml); use the news sitemap among them as the source',
    );
  });

  it('reads a Google News sitemap as items with title, date and link', async () => {
    const feed = await parseFeed(fixture('news-sitemap.xml'), { url: 'https://paper.example.com/news-sitemap.xml' });
    expect(feed).toMatchObject({ format: 'sitemap', title: 'The Example Paper' });
    expect(feed.items.map((item) => [item.title, item.link, item.published])).toEqual([
      ['Scientists renew call for AI pause', 'https://paper.example.com/2026/06/05/ai-pause-letter', '2026-06-05T07:45:00.000Z'],
      ['Markets shrug', 'https://paper.example.com/2026/06/04/markets', '2026-06-04'],
    ]);
    expect(feed.items[0]?.categories).toEqual(['AI', 'pause', 'regulation']);
  });

  it('skips items with not one field filled, with a warning, and keeps an item with only a date as feedparser does', async () => {
    const rss = '<rss version="2.0"><channel><title>T</title><item></item><item><title>A pause</title></item><item><pubDate>Fri, 05 Jun 2026 10:00:00 GMT</pubDate></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://news.example/feed' });
    expect(feed.items.map((item) => [item.title, item.published])).toEqual([['A pause', null], [null, '2026-06-05T10:00:00.000Z']]);
    expect(feed.warnings).toContain('1 empty item (not one field filled) skipped');
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry/><entry></entry><entry><id>urn:a</id></entry></feed>';
    expect((await parseFeed(Buffer.from(atom), { url: 'https://news.example/atom' })).items.map((item) => item.id)).toEqual(['urn:a']);
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{}, { id: 'j-1', content_text: 'A pause' }] });
    const jsonFeed = await parseFeed(Buffer.from(json), { url: 'https://news.example/feed.json' });
    expect(jsonFeed.items.map((item) => item.id)).toEqual(['j-1']);
    expect(jsonFeed.warnings).toContain('1 empty item (not one field filled) skipped');
    // a document cut off inside its first item: nothing read, rather than an item of nothing under a made-up id
    const cut = await parseFeed(Buffer.from('<rss><channel><title>Broken<item>'), { url: 'https://news.example/feed' });
    expect(cut).toMatchObject({ items: [], bozo: true });
  });

  it('reads a news sitemap title holding HTML as an RSS title is read: tags dropped, entities and mojibake decoded', async () => {
    const entry = (title: string) =>
      `<url><loc>https://news.example/a</loc><news:news><news:publication><news:name>N</news:name></news:publication>` +
      `<news:publication_date>2026-06-05T10:00:00Z</news:publication_date><news:title>${title}</news:title></news:news></url>`;
    const titles = ['Senators &lt;em&gt;back&lt;/em&gt; a pause', '<![CDATA[Labs <b>weigh</b> a pause &amp; a treaty]]>', 'It&#xE2;&#x20AC;&#x2122;s a pause', 'x &lt; y, AT&amp;T'];
    const xml = `<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${titles.map(entry).join('')}</urlset>`;
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://news.example/sitemap.xml' });
    expect(feed.items.map((item) => item.title)).toEqual(['Senators back a pause', 'Labs weigh a pause & a treaty', 'It’s a pause', 'x < y, AT&T']);
  });

  it('expands the entities a news sitemap declares in its DOCTYPE, as in RSS and Atom, and keeps error lines in place', async () => {
    const entry = (path: string, title: string) =>
      `<url><loc>https://news.example/${path}</loc><news:news><news:publication><news:name>&pub;</news:name></news:publication>` +
      `<news:publication_date>2026-06-05T10:00:00Z</news:publication_date><news:title>${title}</news:title></news:news></url>\n`;
    const head = '<?xml version="1.0"?>\n<!DOCTYPE urlset [\n<!ENTITY pub "The Daily Example">\n]>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n';
    const feed = await parseFeed(Buffer.from(`${head}${entry('a', 'Labs &amp; a pause, by &pub;')}</urlset>`), { url: 'https://news.example/sitemap.xml' });
    expect(feed).toMatchObject({ title: 'The Daily Example', wellFormed: true, warnings: [], items: [{ title: 'Labs & a pause, by The Daily Example', outlet: 'The Daily Example' }] });
    const broken = await parseFeed(Buffer.from(`${head}${entry('a', 'A')}${entry('b', 'B &undeclared;')}</urlset>`), { url: 'https://news.example/sitemap.xml' });
    expect(broken.warnings).toEqual([expect.stringMatching(/^not well-formed XML: .* at line 7, column \d+$/)]);
  });

  it('reads every entry of a news sitemap with an unclosed <url>, and says where it is broken', async () => {
    const entry = (letter: string, close: boolean) =>
      `<url><loc>https://news.example/${letter}</loc><news:news><news:publication><news:name>N</news:name></news:publication>` +
      `<news:publication_date>2026-06-05T10:00:00Z</news:publication_date><news:title>${letter.toUpperCase()}</news:title></news:news>${close ? '</url>' : ''}\n`;
    const xml = `<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${entry('a', false)}${entry('b', true)}${entry('c', true)}</urlset>`;
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://news.example/sitemap.xml' });
    expect(feed.items.map((item) => item.link)).toEqual(['https://news.example/a', 'https://news.example/b', 'https://news.example/c']);
    expect(feed).toMatchObject({ wellFormed: false, bozo: true, warnings: ['not well-formed XML: Unexpected close tag at line 6, column 9'] });
  });

  it('reads a news sitemap downloaded as a gzip file, within the size cap', async () => {
    const gzipped = gzipSync(fixture('news-sitemap.xml'));
    const feed = await parseFeed(gzipped, { url: 'https://paper.example.com/news-sitemap.xml.gz', headers: { 'content-type': 'application/x-gzip' } });
    expect(feed.items.map((item) => item.title)).toEqual(['Scientists renew call for AI pause', 'Markets shrug']);
    expect(feed.warnings).toEqual([]);
    const bomb = gzipSync(Buffer.alloc(2_000_000, 0x20));
    await expect(parseFeed(bomb, { url: 'https://e.example/bomb.xml.gz', maxBytes: 1_000_000 })).rejects.toMatchObject({ code: 'too_large' });
    await expect(parseFeed(bomb.subarray(0, 20), { url: 'https://e.example/cut.xml.gz' })).rejects.toMatchObject({ code: 'not_a_feed', message: expect.stringContaining('gzip file that cannot be decompressed') });
  });

  it('reads the entries before the cut of a gzip file that ends early, and says so', async () => {
    const entry = (i: number) => `<url><loc>https://news.example/${i}</loc><news:news><news:title>Labs weigh a pause, part ${i}</news:title></news:news></url>\n`;
    const xml = `<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${Array.from({ length: 400 }, (_v, i) => entry(i)).join('')}</urlset>`;
    const gzipped = gzipSync(Buffer.from(xml));
    const cut = gzipped.subarray(0, Math.floor(gzipped.length / 2));
    const feed = await parseFeed(cut, { url: 'https://news.example/sitemap.xml.gz' });
    expect(feed.items.length).toBeGreaterThan(10);
    expect(feed.items.length).toBeLessThan(400);
    expect(feed.items.slice(0, 3).map((item) => item.link)).toEqual(['https://news.example/0', 'https://news.example/1', 'https://news.example/2']);
    expect(feed.bozo).toBe(true);
    expect(feed.warnings[0]).toMatch(new RegExp(`^the gzip file ends early \\(${cut.length} bytes\\); read the \\d+ bytes it holds$`));
  });

  it('reads a video entry\'s Media RSS description as its summary when it has no other text (YouTube)', async () => {
    const entry = (description: string) => `<entry><id>yt:video:abc123</id><title>Should the labs pause frontier AI?</title>
      <link rel="alternate" href="https://www.youtube.com/watch?v=abc123"/><published>2026-06-12T10:00:00+00:00</published>
      <media:group><media:title>Should the labs pause frontier AI?</media:title><media:content url="https://www.youtube.com/v/abc123" type="application/x-shockwave-flash"/>
      ${description}</media:group></entry>`;
    const xml = (...entries: string[]) =>
      `<?xml version="1.0" encoding="UTF-8"?><feed xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom"><title>Policy Channel</title>${entries.join('')}</feed>`;
    const feed = await parseFeed(
      Buffer.from(xml(entry('<media:description>A debate on the pause &amp; its verification.\nGuests: &lt;two&gt; researchers.</media:description>'), entry('<media:description type="html">&lt;p&gt;With &lt;b&gt;HTML&lt;/b&gt;&lt;/p&gt;</media:description>'), entry(''))),
      { url: 'https://www.youtube.com/feeds/videos.xml?channel_id=x' },
    );
    expect(feed.items.map((item) => item.summary)).toEqual(['A debate on the pause &amp; its verification.\nGuests: &lt;two&gt; researchers.', '<p>With <b>HTML</b></p>', null]);
    expect(feed.items[0]).toMatchObject({ content: null, link: 'https://www.youtube.com/watch?v=abc123' });
    // a Media RSS description on an RSS item is read when the item has no description of its own
    const rss = `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
      <item><title>A</title><link>https://e.x/a</link><media:description>Clip about the pause</media:description></item>
      <item><title>B</title><link>https://e.x/b</link><description>Own text</description><media:description>Clip</media:description></item></channel></rss>`;
    expect((await parseFeed(Buffer.from(rss), { url: 'https://e.x/feed' })).items.map((item) => item.summary)).toEqual(['Clip about the pause', 'Own text']);
  });

  it("links an Atom entry with no link to its http(s) <id>, unless another entry has the same id", async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><id>https://l.example.com/2</id><title>Only self</title><link rel="self" href="https://l.example.com/api/2"/></entry>
      <entry><id>tag:l.example.com,2026:3</id><title>Tag id</title></entry>
      <entry><id>https://l.example.com/4</id><title>Twice A</title></entry><entry><id>https://l.example.com/4</id><title>Twice B</title></entry>
      <entry><id>https://l.example.com/5</id><title>With a link</title><link href="https://l.example.com/posts/5"/></entry></feed>`;
    const feed = await parseFeed(Buffer.from(atom), { url: 'https://l.example.com/feed' });
    expect(feed.items.map((item) => item.link)).toEqual(['https://l.example.com/2', null, null, null, 'https://l.example.com/posts/5']);
  });

  it('normalises an id or a permalink GUID taken for the link as any link: the scheme and host in lower case, a space escaped', async () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>HTTP://Example.COM/Story</id><title>One</title></entry></feed>`;
    expect((await parseFeed(Buffer.from(atom), { url: 'https://example.com/feed' })).items.map((item) => [item.id, item.link])).toEqual([['HTTP://Example.COM/Story', 'http://example.com/Story']]);
    const rss = '<rss version="2.0"><channel><title>T</title><item><title>Two</title><guid>http://example.com/a b</guid></item></channel></rss>';
    expect((await parseFeed(Buffer.from(rss), { url: 'https://example.com/feed' })).items[0]!.link).toBe('http://example.com/a%20b');
  });

  it("reads a podcast episode's iTunes summary as its summary when it has no description, beside its show notes", async () => {
    const rss = `<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Pod</title>
      <item><title>Ep. 41</title><guid>ep41</guid><itunes:summary>Guests on the pause &amp; its verification.</itunes:summary><enclosure url="/ep41.mp3" length="1" type="audio/mpeg"/></item>
      <item><title>Ep. 40</title><guid>ep40</guid><description>Own text</description><itunes:summary>Not this</itunes:summary></item>
      <item><title>Ep. 39</title><guid>ep39</guid><itunes:summary>Two labs on a slowdown.</itunes:summary><content:encoded><![CDATA[<p>Show notes</p>]]></content:encoded></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://pod.example/feed' });
    expect(feed.items.map((item) => [item.summary, item.content])).toEqual([
      ['Guests on the pause &amp; its verification.', null],
      ['Own text', null],
      ['Two labs on a slowdown.', '<p>Show notes</p>'],
    ]);
  });

  it("reads a Media RSS title and description inside <media:content> for an item without its own", async () => {
    const rss = `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Clips</title>
      <item><guid>c1</guid><media:content url="https://clips.example/1.mp4" type="video/mp4"><media:title>Pause hearing, day two</media:title>
        <media:description>Senators question lab heads.</media:description></media:content><content:encoded>Transcript</content:encoded></item>
      <item><guid>c2</guid><title>Own title</title><media:content url="https://clips.example/2.mp4"><media:title>Not this</media:title></media:content></item>
      <item><guid>c3</guid><media:content url="https://clips.example/3.mp4"><media:title type="html">&lt;b&gt;Bold&lt;/b&gt; clip</media:title></media:content></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://clips.example/feed' });
    expect(feed.items.map((item) => [item.title, item.summary, item.content])).toEqual([
      ['Pause hearing, day two', 'Senators question lab heads.', 'Transcript'],
      ['Own title', null, null],
      ['Bold clip', null, null],
    ]);
  });

  it("reads RSS's names written all in small letters (<pubdate>, <lastbuilddate>, ispermalink) and an <author> of several addresses", async () => {
    const rss = `<rss version="2.0"><channel><title>Small</title><lastbuilddate>Fri, 05 Jun 2026 12:00:00 GMT</lastbuilddate>
      <item><title>One</title><guid ispermalink="false">https://small.example/?p=1</guid><pubdate>Fri, 05 Jun 2026 10:19:00 GMT</pubdate>
        <author>jane@desk.example (Jane Doe), john@desk.example (John Roe)</author></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://small.example/feed' });
    expect(feed.items.map((item) => [item.published, item.link, item.author])).toEqual([['2026-06-05T10:19:00.000Z', null, 'Jane Doe and John Roe']]);
  });

  it('detects the format from the content, not the Content-Type', async () => {
    const feed = await parseFeed(fixture('atom10-xhtml.xml'), { url: 'https://blog.example.com/feed', headers: { 'Content-Type': 'application/octet-stream' } });
    expect(feed.format).toBe('atom');
  });
  it('reads an <rss> root that declares Atom as its default namespace as RSS, its content as HTML and its GUID as the link', async () => {
    const rss =
      '<?xml version="1.0"?><rss version="2.0" xmlns="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">' +
      '<channel><title>Blog</title><link>https://blog.example/</link>' +
      '<item><title>Post</title><guid>https://blog.example/p1</guid><content:encoded><![CDATA[<p>Hello <a href="/x">world</a></p>]]></content:encoded></item>' +
      '</channel></rss>';
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://blog.example/rss.xml' });
    expect(feed.format).toBe('rss');
    expect(feed.items[0]).toMatchObject({ link: 'https://blog.example/p1', content: '<p>Hello <a href="https://blog.example/x">world</a></p>' });
  });

  it("reads Atom's elements in RSS items, as .NET's SyndicationFeed writes them: date, author, summary and content", async () => {
    const rss =
      '<rss xmlns:a10="http://www.w3.org/2005/Atom" version="2.0"><channel><title>N</title><link>https://n.example/</link><description>d</description>' +
      '<item><guid isPermaLink="false">urn:1</guid><link>https://n.example/1</link><a10:author><a10:name>Ann Lee</a10:name></a10:author><title>One</title>' +
      '<description>Sum</description><a10:updated>2026-06-03T10:00:00Z</a10:updated><a10:content type="html">&lt;p&gt;Full &amp;amp; more&lt;/p&gt;</a10:content></item>' +
      '<item><guid isPermaLink="false">urn:2</guid><title>Two</title><a10:published>2026-06-02T09:00:00+02:00</a10:published><a10:summary>1 &lt; 2, as text</a10:summary></item>' +
      '</channel></rss>';
    const [one, two] = (await parseFeed(Buffer.from(rss), { url: 'https://n.example/feed' })).items;
    expect(one).toMatchObject({ updated: '2026-06-03T10:00:00.000Z', author: 'Ann Lee', summary: 'Sum', content: '<p>Full &amp; more</p>' });
    // an Atom summary without a type is text: shown as HTML, its '<' escaped
    expect(two).toMatchObject({ published: '2026-06-02T07:00:00.000Z', summary: '1 &lt; 2, as text', content: null });
  });

  it('reads the hours and days an RSS channel asks to be skipped: hour 24 is midnight\'s, a value neither names is warned of', async () => {
    const rss = (skip: string) =>
      `<rss version="2.0"><channel><title>S</title><link>https://s.example/</link>${skip}<item><guid>s1</guid><title>One</title></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss('<skipHours><hour>24</hour><hour> 3 </hour><hour>03</hour><hour>noon</hour></skipHours><skipDays><day>SATURDAY</day><day>Sunday</day></skipDays>')), { url: 'https://s.example/feed' });
    expect(feed.skip).toEqual({ hours: [0, 3], days: [0, 6] });
    expect(feed.warnings).toEqual([expect.stringContaining('<hour>noon</hour> not read')]);
    expect((await parseFeed(Buffer.from(rss('')), { url: 'https://s.example/feed' })).skip).toBeNull();
  });

  it('ignores a skip list of every hour or every day, which would never let the feed be read, and says so', async () => {
    const hours = Array.from({ length: 24 }, (_v, hour) => `<hour>${hour}</hour>`).join('');
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'].map((day) => `<day>${day}</day>`).join('');
    const rss = `<rss version="2.0"><channel><title>S</title><skipHours>${hours}</skipHours><skipDays>${days}</skipDays><item><guid>s1</guid><title>One</title></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://s.example/feed' });
    expect(feed.skip).toBeNull();
    expect(feed.warnings).toEqual([expect.stringMatching(/^skipHours lists every hour: ignored/), expect.stringMatching(/^skipDays lists every day: ignored/)]);
  });
});

describe('parseFeed: names written in another case', () => {
  it("reads RSS's and Atom's elements and attributes written with capitals, as feedparser does, rather than losing the items", async () => {
    const rss =
      '<rss version="2.0"><Channel><Title>F</Title><Link>https://e.example/</Link>' +
      '<Item><Title>One</Title><Link>https://e.example/1</Link><PubDate>Fri, 05 Jun 2026 10:00:00 GMT</PubDate><Enclosure URL="https://e.example/1.mp3" TYPE="audio/mpeg" LENGTH="5"/></Item>' +
      '<item><TITLE>Two</TITLE><GUID isPermaLink="false">g2</GUID></item></Channel></rss>';
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed).toMatchObject({ title: 'F', link: 'https://e.example/' });
    expect(feed.items.map((item) => [item.title, item.link, item.published, item.enclosures])).toEqual([
      ['One', 'https://e.example/1', '2026-06-05T10:00:00.000Z', [{ url: 'https://e.example/1.mp3', type: 'audio/mpeg', length: '5' }]],
      ['Two', null, null, []],
    ]);
    expect(feed.items[1]!.id).toBe('g2');
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:f</id><Entry><Title>Entry</Title><ID>urn:e1</ID><Link HREF="https://e.example/e1"/><Updated>2026-06-05T10:00:00Z</Updated></Entry></feed>';
    expect((await parseFeed(Buffer.from(atom), { url: 'https://e.example/feed' })).items.map((item) => [item.id, item.title, item.link, item.updated])).toEqual([
      ['urn:e1', 'Entry', 'https://e.example/e1', '2026-06-05T10:00:00.000Z'],
    ]);
  });
});

describe('parseFeed: identity and links', () => {
  it('keys items with no GUID, link or content by their title and description, so a new item at the top takes no older key', async () => {
    const feed = (items: [string | null, string][]) =>
      Buffer.from(`<rss version="2.0"><channel><title>Notices</title>${items.map(([title, description]) => `<item>${title === null ? '' : `<title>${title}</title>`}<description>${description}</description></item>`).join('')}</channel></rss>`);
    const before = await parseFeed(feed([[null, 'Road closed on Main St.'], ['Traffic update', 'Bridge open again.'], ['Traffic update', 'Tunnel shut.']]), { url: 'https://n.example/feed' });
    const after = await parseFeed(feed([[null, 'Flooding reported downtown.'], ['Traffic update', 'Ferry late.'], [null, 'Road closed on Main St.'], ['Traffic update', 'Bridge open again.'], ['Traffic update', 'Tunnel shut.']]), { url: 'https://n.example/feed' });
    const keys = before.items.map((item) => item.id);
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((key) => /^sha256:[0-9a-f]{64}$/.test(key))).toBe(true);
    // the old items keep their keys; the new ones have keys of their own
    expect(after.items.slice(2).map((item) => item.id)).toEqual(keys);
    expect(after.items.slice(0, 2).map((item) => item.id).filter((key) => keys.includes(key))).toEqual([]);
  });

  it('reads a link whose ampersands the feed escaped twice with its ampersands, RSS and Atom', async () => {
    const rss = '<rss version="2.0"><channel><title>N</title><item><title>T</title><link>https://e.example/a?id=1&amp;amp;ref=rss</link></item></channel></rss>';
    expect((await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' })).items[0]!.link).toBe('https://e.example/a?id=1&ref=rss');
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:f</id><entry><id>urn:1</id><title>E</title><link href="https://e.example/b?x=1&amp;amp;y=2"/></entry></feed>';
    expect((await parseFeed(Buffer.from(atom), { url: 'https://e.example/feed' })).items[0]!.link).toBe('https://e.example/b?x=1&y=2');
    // a permalink GUID taken for the link, the GUID itself kept as written
    const guid = '<rss version="2.0"><channel><title>N</title><item><title>T</title><guid>https://e.example/c?id=1&amp;amp;ref=rss</guid></item></channel></rss>';
    expect((await parseFeed(Buffer.from(guid), { url: 'https://e.example/feed' })).items[0]).toMatchObject({ link: 'https://e.example/c?id=1&ref=rss', id: 'https://e.example/c?id=1&amp;ref=rss' });
  });

  it("reads an Atom link's relation written as its IANA URI as the relation it names", async () => {
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:f</id>' +
      '<entry><id>urn:e1</id><title>E</title><link rel="http://www.iana.org/assignments/relation/self" href="https://e.example/api/1"/>' +
      '<link rel="http://www.iana.org/assignments/relation/alternate" href="https://e.example/1"/>' +
      '<link rel="http://www.iana.org/assignments/relation/enclosure" type="audio/mpeg" length="7" href="https://e.example/1.mp3"/></entry></feed>';
    const item = (await parseFeed(Buffer.from(atom), { url: 'https://e.example/feed' })).items[0];
    expect(item).toMatchObject({ link: 'https://e.example/1', enclosures: [{ url: 'https://e.example/1.mp3', type: 'audio/mpeg', length: '7' }] });
  });

  it("takes an RSS item's and channel's own <link> before an <atom:link> beside it, and the <atom:link> only when there is none", async () => {
    const rss =
      '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>N</title>' +
      // a generator that leaves out rel="self": an Atom link without rel is an alternate
      '<atom:link href="https://news.example.com/feed" type="application/rss+xml"/><link>https://news.example.com/</link>' +
      // the item's JSON, and its page in another language, as alternates of it
      '<item><title>One</title><atom:link href="https://api.example.com/items/1.json" type="application/json"/><link>https://news.example.com/a/1</link></item>' +
      '<item><title>Two</title><link>https://news.example.com/a/2</link><atom:link rel="alternate" hreflang="es" href="https://news.example.com/es/a/2"/></item>' +
      '<item><title>Three</title><atom:link rel="alternate" type="text/html" href="https://news.example.com/a/3"/></item>' +
      '</channel></rss>';
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://news.example.com/feed' });
    expect(feed.link).toBe('https://news.example.com/');
    expect(feed.items.map((item) => item.link)).toEqual(['https://news.example.com/a/1', 'https://news.example.com/a/2', 'https://news.example.com/a/3']);
  });

  it('keeps an item the feed lists twice word for word once, under its GUID', async () => {
    const item = '<item><title>Pinned</title><link>https://cms.example.com/pinned</link><guid>pin-1</guid><description>Same words.</description></item>';
    const other = '<item><title>Other</title><link>https://cms.example.com/other</link><guid>other-1</guid></item>';
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>Repeats</title>${item}${other}${item}</channel></rss>`;
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://cms.example.com/rss' });
    expect(feed.items.map((i) => i.id)).toEqual(['pin-1', 'other-1']);
    expect(feed.warnings).toEqual(['1 item listed again word for word; each kept once']);
  });

  it('keeps a pinned copy of an item (same GUID, link, title and text, one more category) once, under its GUID, pinned or not', async () => {
    const item = (category: string) =>
      `<item><title>Lawmakers debate a pause</title><link>https://cms.example.com/a/48213</link><guid isPermaLink="false">news-48213</guid>${category}<description>Same words.</description><pubDate>Thu, 04 Jun 2026 10:00:00 GMT</pubDate></item>`;
    const other = '<item><title>Other</title><link>https://cms.example.com/a/48214</link><guid isPermaLink="false">news-48214</guid></item>';
    const rss = (items: string) => Buffer.from(`<?xml version="1.0"?><rss version="2.0"><channel><title>Pins</title>${items}</channel></rss>`);
    const pinned = await parseFeed(rss(`${item('<category>Featured</category>')}${other}${item('')}`), { url: 'https://cms.example.com/rss' });
    expect(pinned.items.map((i) => i.id)).toEqual(['news-48213', 'news-48214']);
    expect(pinned.warnings).toEqual(['1 item listed again with the same GUID, link, title, text and date (a pinned copy); the first kept']);
    const unpinned = await parseFeed(rss(`${other}${item('')}`), { url: 'https://cms.example.com/rss' });
    expect(unpinned.items.map((i) => i.id)).toEqual(['news-48214', 'news-48213']);
  });

  it('keeps apart items that share a GUID, link, title and text but not a date (a notice posted again), each under a key of its own', async () => {
    const item = (day: string) =>
      `<item><title>Scheduled maintenance</title><link>https://status.example/</link><guid>https://status.example/</guid><description>Down for an hour.</description><pubDate>${day} Jun 2026 22:00:00 GMT</pubDate></item>`;
    const rss = (days: string[]) => Buffer.from(`<rss version="2.0"><channel><title>Status</title>${days.map(item).join('')}</channel></rss>`);
    const before = await parseFeed(rss(['03']), { url: 'https://status.example/rss' });
    const after = await parseFeed(rss(['10', '03']), { url: 'https://status.example/rss' });
    expect(after.items.map((i) => i.published)).toEqual(['2026-06-10T22:00:00.000Z', '2026-06-03T22:00:00.000Z']);
    expect(after.warnings).toEqual([]);
    expect(new Set(after.items.map((i) => i.id)).size).toBe(2);
    // the new one takes no key stored before
    expect(after.items[0]!.id).not.toBe(before.items[0]!.id);
  });

  it('keeps items apart that share a GUID and a link under other headlines (a CMS stamping its home page on every item)', async () => {
    const item = (title: string) => `<item><title>${title}</title><link>https://cms.example.com/</link><guid>https://cms.example.com/</guid><description>${title}.</description></item>`;
    const feed = await parseFeed(Buffer.from(`<rss version="2.0"><channel><title>S</title>${item('One story')}${item('Another story')}</channel></rss>`), { url: 'https://cms.example.com/rss' });
    expect(feed.items.map((i) => i.title)).toEqual(['One story', 'Another story']);
    expect(new Set(feed.items.map((i) => i.id)).size).toBe(2);
  });

  it('tells lookalike items known by their text apart by date, so a newer one at the top takes no stored key', async () => {
    const item = (day: string) => `<item><title>Scheduled maintenance</title><description>The service is down for an hour.</description><pubDate>${day} Jun 2026 22:00:00 GMT</pubDate></item>`;
    const rss = (days: string[]) => Buffer.from(`<rss version="2.0"><channel><title>Status</title>${days.map(item).join('')}</channel></rss>`);
    const before = await parseFeed(rss(['03', '01']), { url: 'https://status.example/rss' });
    const after = await parseFeed(rss(['10', '03', '01']), { url: 'https://status.example/rss' });
    const keys = before.items.map((i) => i.id);
    expect(new Set(keys).size).toBe(2);
    // the old items keep their keys, the new one has its own
    expect(after.items.slice(1).map((i) => i.id)).toEqual(keys);
    expect(keys).not.toContain(after.items[0]!.id);
    // the earliest keeps the key it had while it was the only one
    const alone = await parseFeed(rss(['01']), { url: 'https://status.example/rss' });
    expect(alone.items[0]!.id).toBe(keys[1]);
  });

  it('falls back to links, then a content hash, when every item carries the same GUID', async () => {
    const feed = await parseFeed(fixture('reused-guids.xml'), { url: 'https://cms.example.com/rss' });
    const ids = feed.items.map((item) => item.id);
    expect(ids.slice(0, 2)).toEqual(['https://cms.example.com/one', 'https://cms.example.com/two']);
    expect(ids[2]).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(feed.items[0]?.guid).toBe('https://cms.example.com/');
  });

  it('does not make a permalink GUID that several items share their link, so they are not copies of the feed address', async () => {
    const xml =
      '<rss version="2.0"><channel><title>F</title><link>https://e.example/</link>' +
      '<item><title>One</title><guid>https://e.example/feed</guid></item><item><title>Two</title><guid>https://e.example/feed</guid></item>' +
      '<item><title>Three</title><guid>https://e.example/3</guid></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/feed' });
    expect(feed.items.map((item) => [item.guid, item.link])).toEqual([
      ['https://e.example/feed', null],
      ['https://e.example/feed', null],
      ['https://e.example/3', 'https://e.example/3'],
    ]);
    expect(feed.items[0]?.id).toMatch(/^sha256:/);
    expect(feed.items[0]?.id).not.toBe(feed.items[1]?.id);
  });

  it('resolves a relative GUID marked isPermaLink="true" as a link; an unmarked one that is no URL is not a link', async () => {
    const xml =
      '<rss version="2.0"><channel><title>F</title><item><title>Five</title><guid isPermaLink="true">/five</guid></item>' +
      '<item><title>Six</title><guid>6</guid></item>' +
      // "no" says what "false" says, as some generators write it; "yes" what "true" says
      '<item><title>Seven</title><guid isPermaLink="no">https://tracker.example/7</guid></item>' +
      '<item><title>Eight</title><guid isPermaLink="yes">https://e.example/8</guid></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/feeds/rss' });
    expect(feed.items.map((item) => [item.guid, item.link])).toEqual([
      ['/five', 'https://e.example/five'],
      ['6', null],
      ['https://tracker.example/7', null],
      ['https://e.example/8', 'https://e.example/8'],
    ]);
  });

  it('takes the rdf:about of an RSS 1.0 item without <link> as its link', async () => {
    const xml =
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">' +
      '<channel rdf:about="https://e.example/"><title>F</title><link>https://e.example/</link></channel>' +
      '<item rdf:about="https://e.example/a"><title>A</title></item><item rdf:about="https://e.example/b"><title>B</title><link>https://e.example/b.html</link></item></rdf:RDF>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/rdf' });
    expect(feed.items.map((item) => [item.id, item.link])).toEqual([
      ['https://e.example/a', 'https://e.example/a'],
      ['https://e.example/b', 'https://e.example/b.html'],
    ]);
  });

  it('resolves relative links against Content-Location before the request URL', async () => {
    const xml = Buffer.from('<rss version="2.0"><channel><link>/home</link><item><link>story</link></item></channel></rss>');
    const feed = await parseFeed(xml, { url: 'https://cdn.example.net/x/feed.xml', headers: { 'Content-Location': 'https://origin.example.com/news/feed.xml' } });
    expect(feed.link).toBe('https://origin.example.com/home');
    expect(feed.items[0]?.link).toBe('https://origin.example.com/news/story');
  });
});

describe('parseFeed: broken input', () => {
  it.each([
    ['quotes inside an attribute\'s quotes', '<description><p><img src="/a.jpg" alt="He said "no" to it" /></p></description>'],
    ['an apostrophe inside an attribute\'s apostrophes', "<description><img alt='it's' src=\"a.jpg\"></description>"],
    ['a byte flipped in a tag\'s name', '<p}bDate>Fri, 05 Jun 2026 10:00:00 GMT</pubDate>'],
  ])('leaves out the one item the parser trips on (%s), not the feed, and says so', async (_case, broken) => {
    const item = (n: number, extra = '') => `<item><title>Item ${n}</title><link>https://e.example/${n}</link>${extra}</item>`;
    const rss = `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n${item(1)}\n${item(2, broken)}\n${item(3)}\n${item(4)}\n</channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 3', 'Item 4']);
    expect(feed).toMatchObject({ wellFormed: false, bozo: true });
    expect(feed.warnings).toContainEqual(expect.stringMatching(/^1 item left out, the XML parser tripping on it: /));
  });

  it("leaves out the item whose own start tag is broken, and not the item before it (RSS and Atom)", async () => {
    const item = (n: number, open = 'item') => `<${open}><title>Item ${n}</title><link>https://e.example/${n}</link></item>`;
    const rss = `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n${item(1)}\n${item(2, 'it}em')}\n${item(3)}\n${item(4)}\n</channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 3', 'Item 4']);
    expect(feed.warnings).toContainEqual(expect.stringMatching(/^1 item left out/));
    const entry = (n: number, open = 'entry') => `<${open}><id>urn:e${n}</id><title>Entry ${n}</title><updated>2026-06-0${n}T00:00:00Z</updated></entry>`;
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:f</id>\n${entry(1)}\n${entry(2, 'ent}ry')}\n${entry(3)}\n</feed>`;
    expect((await parseFeed(Buffer.from(atom), { url: 'https://e.example/feed' })).items.map((i) => i.title)).toEqual(['Entry 1', 'Entry 3']);
  });

  it('leaves out an item whose attribute quote is left open with the item whose start tag the quote runs into, and says two', async () => {
    const item = (n: number, title = '<title>') => `<item rdf:about="https://e.example/${n}">${title}Item ${n}</title><link>https://e.example/${n}</link></item>`;
    const rdf =
      '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://e.example/"><title>T</title></channel>\n' +
      `${item(1)}\n${item(2, '<title x="a>')}\n${item(3)}\n${item(4)}\n</rdf:RDF>`;
    const feed = await parseFeed(Buffer.from(rdf), { url: 'https://e.example/feed' });
    expect(feed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 4']);
    expect(feed.warnings).toContainEqual(expect.stringMatching(/^2 items left out, the XML parser tripping on them: /));
  });

  it('leaves out an item whose attribute quote is left open with the next item, where the quote ends past its start tag (RSS and Atom)', async () => {
    // the quote runs on to the first quote of the next item, in its <guid>'s or its title's attributes
    const item = (n: number, type = '"audio/mpeg"') =>
      `<item><title>Item ${n}</title><link>https://e.example/${n}</link><guid isPermaLink="false">g${n}</guid><enclosure url="https://e.example/${n}.mp3" type=${type}/></item>`;
    const rss = `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n${item(1)}\n${item(2, '"audio/mpeg')}\n${item(3)}\n${item(4)}\n</channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 4']);
    expect(feed.warnings).toContainEqual(expect.stringMatching(/^2 items left out, the XML parser tripping on them: /));
    const entry = (n: number, term = '"ai"') => `<entry><title type="html">Entry ${n}</title><id>urn:e${n}</id><updated>2026-06-0${n}T00:00:00Z</updated><category term=${term}/></entry>`;
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:f</id>\n${entry(1)}\n${entry(2, '"ai')}\n${entry(3)}\n${entry(4)}\n</feed>`;
    expect((await parseFeed(Buffer.from(atom), { url: 'https://e.example/feed' })).items.map((i) => i.title)).toEqual(['Entry 1', 'Entry 4']);
  });

  it('leaves out the items a quote left open runs through when they hold no attribute of their own, up to where it ends', async () => {
    // item 2's quote runs through items 3 and 4, which have no enclosure, to item 5's first attribute
    const item = (n: number, type: string | null) =>
      `<item><title>Item ${n}</title><link>https://e.example/${n}</link>${type === null ? '' : `<enclosure url="https://e.example/${n}.mp3" type=${type}/>`}</item>`;
    const rss =
      `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n${item(1, '"audio/mpeg"')}\n${item(2, '"audio/mpeg')}\n` +
      `${item(3, null)}\n${item(4, null)}\n${item(5, '"audio/mpeg"')}\n${item(6, '"audio/mpeg"')}\n${item(7, null)}\n</channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.items.map((i) => i.title)).toEqual(['Item 1', 'Item 6', 'Item 7']);
    expect(feed.warnings).toContainEqual(expect.stringMatching(/^4 items left out, the XML parser tripping on them: /));
  });

  it('leaves out broken markup between items, keeping both items, and says it was no item', async () => {
    const rss = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>T</title>\n<item><title>A</title></item>\n<p class="a" "b">x</p>\n<item><title>B</title></item>\n</channel></rss>';
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.items.map((i) => i.title)).toEqual(['A', 'B']);
    expect(feed.warnings).toContainEqual(expect.stringMatching(/^markup between items left out, the XML parser tripping on it: /));
  });

  it('reads a bare < before a dash or a symbol as text, as before a digit (only a letter may start a name)', async () => {
    const rss = '<rss version="2.0"><channel><title>T</title><item><title>One</title><description>Read more <– previous post, <© 2026</description></item><item><title>Two</title></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.items.map((i) => [i.title, i.summary])).toEqual([['One', 'Read more <– previous post, <© 2026'], ['Two', null]]);
  });

  it('recovers a feed with HTML entities and bare ampersands, flagged bozo with a reason', async () => {
    const feed = await parseFeed(fixture('malformed-entities.xml'), { url: 'https://sloppy.example.com/feed' });
    expect(feed.bozo).toBe(true);
    expect(feed.warnings.join(' ')).toMatch(/not well-formed/);
    expect(feed.title).toBe('Café ♥ Politics');
    expect(feed.items[0]).toMatchObject({ title: 'Q&A: the pause & its critics', link: 'https://sloppy.example.com/qa?x=1&y=2' });
  });

  it.each([
    ['RSS', '<rss version="2.0"><channel><title>Cut</title><item><title>Kept</title><link>https://cut.example/1</link></item><item><title>Half'],
    // items a broken generator never closes hold each other: only the innermost, the last, is cut
    ['RSS whose items are never closed', '<rss version="2.0"><channel><title>Cut</title><item><title>Kept</title><link>https://cut.example/1</link><item><title>Ha'],
    ['RSS, cut inside a link', '<rss version="2.0"><channel><title>Cut</title><item><title>Kept</title><link>https://cut.example/1</link></item><item><title>Whole</title><link>https://cut.example/20'],
    ['Atom', '<feed xmlns="http://www.w3.org/2005/Atom"><title>Cut</title><entry><id>urn:1</id><title>Kept</title><link href="https://cut.example/1"/></entry><entry><id>urn:2</id><title>Half'],
    ['RSS 1.0', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://cut.example/"><title>Cut</title></channel><item rdf:about="https://cut.example/1"><title>Kept</title><link>https://cut.example/1</link></item><item rdf:about="https://cut.example/2"><title>Ha'],
    ['a news sitemap whose entries are never closed', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://cut.example/1</loc><news:news><news:publication><news:name>Cut</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-06-05</news:publication_date><news:title>Kept</news:title></news:news><url><loc>https://cut.example/2</loc><news:news><news:title>Ha'],
    ['a news sitemap', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://cut.example/1</loc><news:news><news:publication><news:name>Cut</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-06-05</news:publication_date><news:title>Kept</news:title></news:news></url><url><loc>https://cut.example/2</loc><news:news><news:title>Ha'],
  ])('recovers the items of a document cut short (%s), but not the one it ends inside, and says so', async (_format, xml) => {
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://cut.example/feed' });
    expect(feed.bozo).toBe(true);
    // the item cut, its headline, link or text cut too, would be stored beside the whole one
    expect(feed.items.map((item) => [item.title, item.link])).toEqual([['Kept', 'https://cut.example/1']]);
    expect(feed.warnings.join('\n')).toMatch(/the document ends inside an? (item|<url> entry), as one cut short does: that (item|entry) is not read/);
  });

  it('says a document the parser trips on ends with its root open, as one cut short does, not what the parser tripped on alone', async () => {
    const cut = '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">\n<channel rdf:about="http:/';
    await expect(parseFeed(Buffer.from(cut), { url: 'https://cut.example/feed' })).rejects.toThrow(/^the XML could not be parsed: the document ends with its root element <rdf:RDF> open, as one cut short does$/);
  });

  it('reads every item of a document cut after its last item, whose items a broken end tag closes, or whose open CDATA section swallowed its end', async () => {
    const cutAfterItems = '<rss version="2.0"><channel><title>Cut</title><item><title>One</title><link>https://cut.example/1</link></item><item><title>Two</title><link>https://cut.example/2</link></item>';
    const unclosedItems = '<rss version="2.0"><channel><title>Broken</title><item><title>One</title><link>https://cut.example/1</link><item><title>Two</title><link>https://cut.example/2</link></channel></rss>';
    const openCdata = '<rss version="2.0"><channel><title>Broken</title><item><title>One</title><link>https://cut.example/1</link></item><item><title>Two</title><link>https://cut.example/2</link><description><![CDATA[An excerpt cut</description></item></channel></rss>';
    for (const xml of [cutAfterItems, unclosedItems, openCdata]) {
      const feed = await parseFeed(Buffer.from(xml), { url: 'https://cut.example/feed' });
      expect(feed.items.map((item) => item.title)).toEqual(['One', 'Two']);
      expect(feed.warnings.join('\n')).not.toMatch(/ends inside/);
    }
  });

  it.each([
    ['an RSS title left open', '<rss version="2.0"><channel><title>Broken\n<link>https://b.example/</link><item><title>One</title><link>https://b.example/1</link></item><item><title>Two</title><link>https://b.example/2</link></item></channel></rss>', 'rss'],
    ['an end tag cut off', '<rss version="2.0"><channel><title>Broken</tit\n<item><title>One</title><link>https://b.example/1</link></item><item><title>Two</title><link>https://b.example/2</link></item></channel></rss>', 'rss'],
    ['an item title left open', '<rss version="2.0"><channel><title>Broken</title><item><title>One<link>https://b.example/1</link></item><item><title>Two</title><link>https://b.example/2</link></item></channel></rss>', 'rss'],
    ['an RSS description of HTML left open', '<rss version="2.0"><channel><title>Broken</title><item><title>One</title><link>https://b.example/1</link><description><p>Body <b>bold</b></p></item><item><title>Two</title><link>https://b.example/2</link></item></channel></rss>', 'rss'],
    [
      'an Atom summary left open, beside an author and an XHTML title',
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>Broken</title><entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">One</div></title><author><name>A. Writer</name></author><link href="https://b.example/1"/><summary>Cut' +
        '<entry><title>Two</title><link href="https://b.example/2"/></entry></feed>',
      'atom',
    ],
  ])('keeps every item when %s would swallow the ones after it', async (_case, xml, format) => {
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://b.example/feed' });
    expect(feed).toMatchObject({ format, bozo: true, title: 'Broken' });
    expect(feed.items.map((item) => [item.title, item.link])).toEqual([
      ['One', 'https://b.example/1'],
      ['Two', 'https://b.example/2'],
    ]);
    if (format === 'atom') expect(feed.items[0]!.author).toBe('A. Writer');
  });

  /** RSS with one item per [title, description], linked https://b.example/<n>, already escaped as given. */
  const rssItems = (items: [string, string][]) =>
    Buffer.from(
      `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>F</title>\n` +
        items.map(([title, description], n) => `<item><title>${title}</title><link>https://b.example/${n + 1}</link><description>${description}</description></item>\n`).join('') +
        '</channel></rss>',
    );

  it('reads a bare "<" before a space or a digit as text, keeping every item, flagged bozo with what was repaired', async () => {
    const feed = await parseFeed(rssItems([['One', 'Price < 5 rising'], ['a < b', 'c <3 d <= e'], ['Three', 'fine <![CDATA[x < y]]> <!-- p < q -->']]), { url: 'https://b.example/feed' });
    expect(feed).toMatchObject({ bozo: true, wellFormed: false, title: 'F' });
    // what `Price &lt; 5 rising` gives: the description's text, which RSS reads as HTML
    expect(feed.items.map((item) => [item.title, item.summary, item.link])).toEqual([
      ['One', 'Price < 5 rising', 'https://b.example/1'],
      ['a < b', 'c <3 d <= e', 'https://b.example/2'],
      // `<` is allowed in CDATA and comments, which are left as written
      ['Three', 'fine x < y ', 'https://b.example/3'],
    ]);
    expect(feed.warnings.at(-1)).toBe("recovered after reading 4 bare '<' as text");
  });

  it.each([
    ['a control character, decimal', '&#11;', 'a  b'],
    ['a control character, hexadecimal', '&#x1A;', 'a  b'],
    ['NUL', '&#0;', 'a \uFFFD b'],
    ['a noncharacter', '&#65535;', 'a  b'],
    ['a lone surrogate', '&#xD800;', 'a \uFFFD b'],
  ])('reads a feed with a character reference XML forbids (%s), keeping every item, flagged bozo', async (_case, reference, summary) => {
    const feed = await parseFeed(rssItems([['One', `a ${reference} b`], ['Two', 'plain']]), { url: 'https://b.example/feed' });
    expect(feed).toMatchObject({ bozo: true, wellFormed: false });
    expect(feed.items.map((item) => [item.title, item.summary])).toEqual([['One', summary], ['Two', 'plain']]);
    expect(feed.warnings.at(-1)).toBe('recovered after repairing 1 reference to a character XML forbids');
  });

  it('joins a surrogate pair written as two references into the character it encodes', async () => {
    const feed = await parseFeed(rssItems([['Smile &#xD83D;&#xDE00;', 'x']]), { url: 'https://b.example/feed' });
    expect(feed.items[0]?.title).toBe('Smile \u{1F600}');
    expect(feed.warnings.at(-1)).toBe('recovered after joining 1 pair of surrogate references');
  });

  it('repairs a bare "<" and a forbidden reference in a feed whose structure must be re-serialised too', async () => {
    const xml = '<rss version="2.0"><channel><title>F</title><item><title>One &#x1A;<link>https://b.example/1</link><description>1 < 2</description></item><item><title>Two</title><link>https://b.example/2</link></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://b.example/feed' });
    expect(feed.items.map((item) => [item.title, item.link, item.summary])).toEqual([
      ['One', 'https://b.example/1', '1 < 2'],
      ['Two', 'https://b.example/2', null],
    ]);
    expect(feed.warnings.at(-1)).toBe("recovered after repairing 1 reference to a character XML forbids, reading 1 bare '<' as text and re-serialising the markup leniently");
  });

  it('leaves CDATA sections and comments as written when it repairs the rest of a broken document', async () => {
    const xml = '<rss version="2.0"><channel><title>F</title><item><title>a < b</title><link>https://b.example/1</link>' +
      '<!-- AT&T < --><description><![CDATA[<p>AT&T &amp; a < b</p>]]></description></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://b.example/feed' });
    expect(feed.items[0]).toMatchObject({ title: 'a < b', summary: '<p>AT&T &amp; a < b</p>' });
    expect(feed.warnings).toContain("recovered after reading 1 bare '<' as text");
  });

  it.each([
    ['a processing instruction', '<?published>', "reading 1 unended '<?' as text"],
    ['a comment', '<!-- draft', "reading 1 unended '<!--' as text"],
    ['a CDATA section', '<![CDATA[ raw', "reading 1 unended '<![CDATA[' as text"],
  ])('reads %s a title opens and nothing ends as text, keeping the items after it', async (_case, opening, repair) => {
    const feed = await parseFeed(rssItems([['One', 'a'], [`Two ${opening} x`, 'b'], ['Three', 'c'], ['Four', 'd']]), { url: 'https://b.example/feed' });
    expect(feed.items.map((item) => [item.title, item.summary])).toEqual([['One', 'a'], [`Two ${opening} x`, 'b'], ['Three', 'c'], ['Four', 'd']]);
    expect(feed.warnings.at(-1)).toBe(`recovered after ${repair}`);
  });

  it('keeps an instruction that ends, and a comment that ends further on, as markup when it repairs a document', async () => {
    // the comment holds a whole item the outlet took out; the `<` beside it is what needs the repair
    const xml = '<rss version="2.0"><channel><title>F</title><item><title>a < b</title><link>https://b.example/1</link></item>' +
      '<?wp-note kept?><!-- <item><title>Hidden</title></item> --><item><title>Two</title><link>https://b.example/2</link></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://b.example/feed' });
    expect(feed.items.map((item) => item.title)).toEqual(['a < b', 'Two']);
    expect(feed.warnings.at(-1)).toBe("recovered after reading 1 bare '<' as text");
  });

  it('repairs bare "<" and forbidden references in linear time, however many', async () => {
    const items = Array.from({ length: 4_000 }, (_v, i) => [`T${i} < ${i}`, 'p < q &#x1A; &#xD800;'.repeat(10)] as [string, string]);
    const feed = await parseFeed(rssItems(items), { url: 'https://b.example/feed' });
    expect(feed.items).toHaveLength(4_000);
    expect(feed.items[3_999]?.title).toBe('T3999 < 3999');
  }, 10_000);

  it('counts every well-formedness error of a kind, not only the first few', async () => {
    const items = Array.from({ length: 12 }, (_v, i) => `<item><title>T${i}</title><description>a < ${i}</description><link>https://b.example/${i}</link></item>`);
    const feed = await parseFeed(Buffer.from(`<rss version="2.0"><channel><title>F</title>${items.join('')}</channel></rss>`), { url: 'https://b.example/feed' });
    expect(feed.items).toHaveLength(12);
    expect(feed.warnings).toEqual([expect.stringMatching(/^not well-formed XML: Unencoded < at line 1, column \d+ \(12 times\)$/), "recovered after reading 12 bare '<' as text"]);
  });

  it('names each well-formedness error once, with how often it came', async () => {
    const feed = await parseFeed(Buffer.from('<rss version="2.0"><channel><title>Broken</tit\n<item><title>One</title></item></channel></rss>'), { url: 'https://b.example/feed' });
    const errors = feed.warnings.filter((warning) => warning.startsWith('not well-formed XML'));
    expect(new Set(errors).size).toBe(errors.length);
    expect(errors.join(' ')).toMatch(/\(\d+ times\)/);
    // where, so that a user can find it in a large feed
    expect(errors[0]).toMatch(/ at line 2, column \d+/);
  });

  it('takes a zero timestamp (the Unix epoch, in any zone) for no date, and says so', async () => {
    const item = (date: string) => `<item><title>${date}</title><link>https://e.example/${encodeURIComponent(date)}</link><pubDate>${date}</pubDate></item>`;
    const dates = ['Thu, 01 Jan 1970 00:00:00 +0000', 'Thu, 01 Jan 1970 01:00:00 +0100', 'Thu, 01 Jan 1970 00:00:01 GMT'];
    const feed = await parseFeed(Buffer.from(`<rss version="2.0"><channel><title>F</title>${dates.map(item).join('')}</channel></rss>`), { url: 'https://e.example/feed' });
    expect(feed.items.map((i) => i.published)).toEqual([null, null, '1970-01-01T00:00:01.000Z']);
    expect(feed.warnings).toEqual(['2 dates were the Unix epoch (1970-01-01T00:00:00Z), a zero timestamp, so their items lack that date']);
  });

  it("takes a date before 1970 for no date, as Go's zero time (0001-01-01) that Hugo writes for an undated post, and says so", async () => {
    const item = (date: string, n: number) => `<item><title>t${n}</title><link>https://e.example/${n}</link><pubDate>${date}</pubDate></item>`;
    const dates = ['Mon, 01 Jan 0001 00:00:00 +0000', '0001-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '1999-01-01', 'Fri, 05 Jun 2026 10:19:00 GMT'];
    const feed = await parseFeed(Buffer.from(`<rss version="2.0"><channel><title>F</title>${dates.map(item).join('')}</channel></rss>`), { url: 'https://e.example/feed' });
    expect(feed.items.map((i) => i.published)).toEqual([null, null, null, '1999-01-01', '2026-06-05T10:19:00.000Z']);
    expect(feed.warnings).toEqual([`3 dates were before 1970 (the first: "Mon, 01 Jan 0001 00:00:00 +0000"), a placeholder for none such as Go's zero time, so their items lack that date`]);
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', title: 'x', date_published: '0001-01-01T00:00:00Z' }] };
    expect((await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://e.example/feed.json' })).items[0]?.published).toBeNull();
  });

  it("reads a JSON Feed's dates written as numbers as the Unix timestamps they are, in seconds or milliseconds", async () => {
    const item = (id: string, date: unknown) => ({ id, url: `https://e.example/${id}`, title: id, content_text: 'x', date_published: date });
    const items = [item('s', 1780473600), item('ms', 1780473600123), item('frac', 1780473600.75), item('zero', 0), item('huge', 1e300)];
    const feed = await parseFeed(Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items })), { url: 'https://e.example/feed.json' });
    expect(feed.items.map((i) => i.published)).toEqual(['2026-06-03T08:00:00.000Z', '2026-06-03T08:00:00.000Z', '2026-06-03T08:00:00.000Z', null, null]);
    expect(feed.warnings).toEqual([
      '1 date could not be read (the first: "1e+300"), so its item lacks that date',
      '1 date was the Unix epoch (1970-01-01T00:00:00Z), a zero timestamp, so its item lacks that date',
    ]);
  });

  it('says when dates could not be read, once for the feed, so undated items are explained', async () => {
    const item = (date: string) => `<item><title>${date}</title><link>https://e.example/${encodeURIComponent(date)}</link><pubDate>${date}</pubDate></item>`;
    const xml = `<rss version="2.0"><channel><title>F</title>${item('yesterday-ish')}${item('Fri, 05 Jun 2026 10:19:00 GMT')}${item('Q3 2026')}</channel></rss>`;
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/feed' });
    expect(feed.items.map((i) => i.published)).toEqual([null, '2026-06-05T10:19:00.000Z', null]);
    expect(feed.warnings).toEqual(['2 dates could not be read (the first: "yesterday-ish"), so their items lack that date']);
    const json = await parseFeed(Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', date_published: 'soon' }] })), { url: 'https://e.example/feed.json' });
    expect(json.warnings).toEqual(['1 date could not be read (the first: "soon"), so its item lacks that date']);
  });

  it('reads a document whose root is <channel>, without <rss>, as RSS 2.0, well-formed or not', async () => {
    const item = (n: number, title: string) => `<item><title>${title}</title><link>https://e.example/${n}</link><description>Text ${n}</description></item>`;
    const xml = `<?xml version="1.0"?>\n<!-- generated: <channel> -->\n<channel><title>Bare channel</title><link>https://e.example/</link>${item(1, 'One')}${item(2, 'Two')}</channel>\n`;
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/f' });
    expect(feed).toMatchObject({ format: 'rss', title: 'Bare channel', link: 'https://e.example/', wellFormed: true, items: [{ title: 'One', link: 'https://e.example/1', summary: 'Text 1' }, { title: 'Two' }] });
    expect(feed.warnings).toEqual(['the root element is <channel>, without <rss>; read as RSS 2.0']);
    const broken = await parseFeed(Buffer.from(xml.replace('One', 'AT&T &nbsp;one')), { url: 'https://e.example/f' });
    expect(broken).toMatchObject({ title: 'Bare channel', wellFormed: false, items: [{ title: 'AT&T \u00a0one' }, { title: 'Two' }] });
  });

  /** A one-item RSS document whose DOCTYPE has this internal subset. */
  const doc = (subset: string, title: string) =>
    `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${subset}\n]>\n<rss version="2.0"><channel><title>F</title><item><title>${title}</title><guid>1</guid></item></channel></rss>`;

  it('expands entities a DOCTYPE declares, nested ones too, and stops an entity bomb', async () => {
    const nested = await parseFeed(Buffer.from(doc('<!ENTITY co "Acme &amp; Sons"> <!ENTITY nested "&co; Ltd">', 'About &nested;')), { url: 'https://e.example/f' });
    expect(nested).toMatchObject({ wellFormed: true, items: [{ title: 'About Acme & Sons Ltd' }] });
    const levels = Array.from({ length: 9 }, (_v, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const bomb = await parseFeed(Buffer.from(doc(`<!ENTITY l0 "lol">${levels}`, '&l9;')), { url: 'https://e.example/f' });
    expect(bomb.items[0]!.title!.length).toBeLessThan(20_000);
  });

  it('leaves references inside CDATA sections and comments as written, as XML reads them', async () => {
    const xml = doc('<!ENTITY co "Acme Sons">', 'About &co;<!-- &co; -->').replace('<guid>1</guid>', '<guid>1</guid><description><![CDATA[<p>Write &co; for the company</p>]]></description>');
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/f' });
    expect(feed).toMatchObject({ wellFormed: true, items: [{ title: 'About Acme Sons', summary: '<p>Write &co; for the company</p>' }] });
  });

  it('expands only the entities a document uses, within one budget for all, however many it declares', async () => {
    // 400,000 declarations of 10 KB each in under 10 MB: expanded eagerly they ran the process out of memory
    const declarations = Array.from({ length: 400_000 }, (_v, i) => `<!ENTITY e${i} "&a;&a;">`).join('');
    const feed = await parseFeed(Buffer.from(doc(`<!ENTITY a "${'x'.repeat(5000)}">${declarations}`, '&a;')), { url: 'https://e.example/f' });
    expect(feed.items[0]!.title).toBe('x'.repeat(5000));
    // past the budget a reference stays as written
    const big = `<!ENTITY big "${'y'.repeat(400_000)}">`;
    const spent = await parseFeed(Buffer.from(doc(big, '&big;|&big;|&big;')), { url: 'https://e.example/f' });
    expect(spent.items[0]!.title).toBe(`${'y'.repeat(400_000)}|${'y'.repeat(400_000)}|&big;`);
    // A bound against a blow-up, not a speed target: this takes well under a second, and took 15 s (or ran out of
    // memory) when every declaration was expanded.
  }, 10_000);

  it('reads a DOCTYPE subset whose entity values hold "]" or "]>"', async () => {
    const bracketed = await parseFeed(Buffer.from(doc(`<!ENTITY br "[bracketed]"> <!ENTITY gt2 'a ]> b'>`, '&br; &gt2;')), { url: 'https://e.example/f' });
    expect(bracketed).toMatchObject({ wellFormed: true, items: [{ title: '[bracketed] a ]> b' }] });
  });

  it('stops a chain of entities each referring to the one before, leaving the reference, instead of overflowing the stack', async () => {
    const chain = Array.from({ length: 5000 }, (_v, i) => (i === 0 ? '<!ENTITY e0 "x">' : `<!ENTITY e${i} "&e${i - 1};">`)).join('\n');
    const short = await parseFeed(Buffer.from(doc(chain, '&e10;')), { url: 'https://e.example/f' });
    expect(short.items[0]!.title).toBe('x');
    const deep = await parseFeed(Buffer.from(doc(chain, '&e4999;')), { url: 'https://e.example/f' });
    expect(deep).toMatchObject({ wellFormed: false, items: [{ title: expect.stringMatching(/^&e\d+;$/) }] });
  });

  it('reports well-formedness errors at their line in the document, after a DOCTYPE subset of several lines', async () => {
    const xml = doc('<!ENTITY a "x">\n<!ENTITY b "y">\n<!ENTITY c "z">', 'A').replace('<guid>1</guid>', '<guid>1</guid></item>\n<item><title>B &bogus; x</title><guid>2</guid>');
    const line = xml.split('\n').findIndex((text) => text.includes('&bogus;')) + 1;
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/f' });
    expect(feed.warnings[0]).toMatch(new RegExp(`at line ${line}, column`));
  });

  it('finds the DOCTYPE in linear time, however much white space it holds before an unclosed subset', async () => {
    const items = Array.from({ length: 10_000 }, (_v, i) => `<item><title>T${i}</title><guid>g${i}</guid><description>${'lorem ipsum '.repeat(20)}</description></item>`).join('');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"${' '.repeat(20_000)}[\n<rss version="2.0"><channel><title>F</title>${items}</channel></rss>`;
    // two parts of the pattern that could both take the white space made the search quadratic
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/f' });
    expect(feed.items).toHaveLength(10_000);
    // a bound against a blow-up, as above: under a second now, 17 s before
  }, 10_000);

  it('reads only the first DOCTYPE, so a feed of `<!DOCTYPE x [` repeated is read in linear time', async () => {
    // The pattern was tried at every `<!DOCTYPE` and scanned from each to the end: 130 KB took 5 s, 10 MB hours.
    const hostile = '<!DOCTYPE x ['.repeat(40_000);
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>T</title><link>https://e.example/a</link><!-- ${hostile} --></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/f' });
    expect(feed.items[0]?.title).toBe('T');
    // the one DOCTYPE of a document is still read
    const declared = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY site "e.example">]><rss version="2.0"><channel><title>F</title><item><title>T &site;</title><link>https://e.example/a</link><!-- ${hostile} --></item></channel></rss>`;
    expect((await parseFeed(Buffer.from(declared), { url: 'https://e.example/f' })).items[0]?.title).toBe('T e.example');
    // a bound against a blow-up, as above: 0.2 s now, 73 s before
  }, 10_000);

  it('reads HTML named characters in a feed with an external DTD (RSS 0.91) as declared, not as errors', async () => {
    const xml =
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n' +
      '<rss version="0.91"><channel><title>Old &eacute;cole</title><link>http://e.example/</link><description>d</description>' +
      '<item><title>Caf&eacute; &amp; cr&egrave;me</title><link>http://e.example/a</link></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml, 'latin1'), { url: 'http://e.example/rss' });
    expect(feed).toMatchObject({ wellFormed: true, bozo: false, title: 'Old école', items: [{ title: 'Café & crème' }] });
  });

  it('rejects an HTML page served as a feed with code not_a_feed', async () => {
    const error = await parseFailure(fixture('html-page.html'));
    expect(error.code).toBe('not_a_feed');
    expect(error.message).toMatch(/HTML page/);
  });

  it('rejects an empty body and a whitespace-only body with code empty', async () => {
    expect((await parseFailure(Buffer.alloc(0))).code).toBe('empty');
    expect((await parseFailure(Buffer.from(' \n\t '))).code).toBe('empty');
  });

  it('rejects binary garbage with code not_a_feed', async () => {
    const garbage = Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256));
    expect(await parseFailure(garbage)).toMatchObject({ code: 'not_a_feed', message: 'the body is binary data, not a feed (neither XML nor JSON)' });
  });

  it('says a JSON array is JSON, just not a JSON Feed', async () => {
    expect(await parseFailure(Buffer.from('[{"version": "https://jsonfeed.org/version/1.1"}]'))).toMatchObject({ code: 'not_a_feed', message: expect.stringContaining('a JSON array, not a JSON Feed') });
  });

  it('says a lone JSON value is JSON, not a JSON Feed, and plain text is neither XML nor JSON', async () => {
    expect(await parseFailure(Buffer.from('null\n'))).toMatchObject({ code: 'not_a_feed', message: expect.stringContaining('a lone JSON null ("null"), not a JSON Feed') });
    expect(await parseFailure(Buffer.from('42'))).toMatchObject({ message: expect.stringContaining('a lone JSON number') });
    expect(await parseFailure(Buffer.from('"rate limited"'))).toMatchObject({ message: expect.stringContaining('a lone JSON string') });
    expect(await parseFailure(Buffer.from('404 Not Found'))).toMatchObject({ code: 'not_a_feed', message: 'the body is neither XML nor JSON (starts with "404 Not Found")' });
  });

  it('settles on an XML prolog without a root element (a reused rss-parser never would)', async () => {
    const error = await parseFailure(Buffer.from('<?xml version="1.0" encoding="utf-8"?>\n<!-- nothing here -->\n'));
    expect(error.code).toBe('parse');
    // and a parse right after it still works (no shared parser state left behind)
    await expect(parseFeed(fixture('rss091.xml'), { url: 'http://old.example.com/rss' })).resolves.toMatchObject({ format: 'rss' });
  });

  it('rejects XML that is not a feed with code not_a_feed', async () => {
    expect((await parseFailure(Buffer.from('<?xml version="1.0"?><invoice><total>3</total></invoice>'))).code).toBe('not_a_feed');
  });
  it.each([
    ['RSS items after the </channel>', '<rss version="0.91"><channel><title>F</title><link>https://s.example/</link></channel><item><title>One</title><link>https://s.example/1</link></item><item><title>Two</title><link>https://s.example/2</link></item><item/></rss>', "3 <item> elements stood outside the <channel>, where RSS items belong in it; read as the feed's items"],
    ['RSS 1.0 items inside the channel', '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="https://s.example/"><title>F</title><link>https://s.example/</link><item rdf:about="https://s.example/1"><title>One</title><link>https://s.example/1</link></item><item rdf:about="https://s.example/2"><title>Two</title></item><items/></channel></rdf:RDF>', "2 <item> elements stood inside the <channel>, where RSS 1.0 items belong beside it; read as the feed's items"],
  ])('reads the items a feed holds where its format does not put them (%s), as feedparser does, and says so', async (_case, xml, warning) => {
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://s.example/feed' });
    expect(feed).toMatchObject({ title: 'F', link: 'https://s.example/', wellFormed: true });
    expect(feed.items.map((item) => [item.title, item.link])).toEqual([['One', 'https://s.example/1'], ['Two', 'https://s.example/2']]);
    expect(feed.warnings.filter((text) => !text.startsWith('1 empty item'))).toEqual([warning]);
  });

  it('reads items after the </channel> of a feed that is not well-formed either', async () => {
    const xml = '<rss version="2.0"><channel><title>F</title>\n<item><title>AT&T</title><link>https://s.example/1</link></item></channel>\n<item><title>Caf&eacute;</title><link>https://s.example/2</link></item>\n</rss>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://s.example/feed' });
    expect(feed).toMatchObject({ wellFormed: false, items: [{ title: 'AT&T' }, { title: 'Café', link: 'https://s.example/2' }] });
    // the lines of the errors are the document's: only the end tag of the channel moved, within its line
    expect(feed.warnings.filter((text) => text.startsWith('not well-formed')).map((text) => /at line (\d+)/.exec(text)?.[1])).toEqual(['2', '2', '3']);
  });

  it('reads items before the <channel> too, and says so when items stand where they are not read (deeper in another element)', async () => {
    const before = await parseFeed(Buffer.from('<rss version="2.0"><item><title>One</title><link>https://s.example/1</link></item><channel><title>F</title><link>https://s.example/</link><item><title>Two</title><link>https://s.example/2</link></item></channel></rss>'), { url: 'https://s.example/feed' });
    expect(before).toMatchObject({ title: 'F', link: 'https://s.example/', items: [{ title: 'One' }, { title: 'Two' }] });
    expect(before.warnings).toEqual(["1 <item> element stood outside the <channel>, where RSS items belong in it; read as the feed's items"]);
    const deeper = await parseFeed(Buffer.from('<rss version="2.0"><channel><title>F</title><link>https://s.example/</link><group><item><title>One</title><link>https://s.example/1</link></item></group></channel></rss>'), { url: 'https://s.example/feed' });
    expect(deeper.items).toEqual([]);
    expect(deeper.warnings).toEqual(['1 <item> element not read: RSS items belong in the <channel>']);
  });

  it('warns of no stray items in a feed whose items are all where its format puts them, nor of their nested elements', async () => {
    const feed = await parseFeed(fixture('rss2-relative-links.xml'), { url: 'https://feeds.example.org/world.xml' });
    expect(feed.warnings.filter((warning) => warning.includes('not read'))).toEqual([]);
  });
});

describe('parseFeed: links a feed disguises', () => {
  it('drops javascript: and data: links written with a tab, a line break or a NUL in or before the scheme, in every format', async () => {
    const rss = '<rss version="2.0"><channel><title>F</title>' +
      '<item><title>Tab</title><guid isPermaLink="false">g1</guid><link>java&#9;script:alert(document.domain)//</link></item>' +
      '<item><title>Line feed</title><guid isPermaLink="false">g2</guid><link>data&#10;:text/html;base64,PHNjcmlwdD4=</link></item></channel></rss>';
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><entry><id>urn:e1</id><title>CR</title><link href="javas&#13;cript:alert(1)"/></entry></feed>';
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', title: 'NUL', url: '\u0000javascript:alert(2)' }, { id: '2', title: 'Tab', url: 'java\tscript:alert(3)' }] };
    for (const [body, url] of [[rss, 'https://e.example/feed'], [atom, 'https://e.example/atom'], [JSON.stringify(json), 'https://e.example/feed.json']] as const) {
      const feed = await parseFeed(Buffer.from(body), { url });
      for (const item of feed.items) expect(item.link, `${item.title} in ${url}`).toBeNull();
    }
  });
});

describe('parseFeed: what comes before the feed', () => {
  const rss = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>WP</title><link>https://wp.example/</link><item><title>Pause call</title><link>https://wp.example/a</link></item></channel></rss>';

  it('reads a feed that opens with dozens of comments and no declaration at once (the time to refuse them as a page doubled with each)', async () => {
    const commented = `${'<!-- generated -->\n'.repeat(30)}${rss.slice(rss.indexOf('<rss'))}`;
    const feed = await parseFeed(Buffer.from(commented), { url: 'https://wp.example/feed' });
    expect(feed.items.map((item) => item.title)).toEqual(['Pause call']);
    // and a page so commented is still a page: no feed
    await expect(parseFeed(Buffer.from(`${'<!---->'.repeat(30)}<!DOCTYPE html><html><body>x</body></html>`), { url: 'https://wp.example/feed' })).rejects.toThrow(/HTML/);
  });
  const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', url: 'https://wp.example/a', title: 'Pause call' }] });

  it.each([
    ['an HTML warning before an XML declaration', `<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent in <b>/var/www/wp-includes/feed-rss2.php</b> on line <b>8</b><br />\n${rss}`, 'rss'],
    ['a text warning before an XML declaration', `\nWarning: Undefined variable $x in /var/www/feed.php on line 3\n${rss}`, 'rss'],
    ['an HTML notice before a JSON Feed', `<br />\n<b>Deprecated</b>:  Creation of dynamic property in <b>/var/www/x.php</b> on line <b>12</b><br />\n${json}`, 'json'],
    ['a warning before an <rss> without a declaration', `<b>Notice</b>: x<br />${rss.slice(rss.indexOf('<rss'))}`, 'rss'],
  ])('reads a feed PHP printed %s after, flagged, saying what it skipped', async (_case, body, format) => {
    const feed = await parseFeed(Buffer.from(body), { url: 'https://wp.example/feed' });
    expect(feed).toMatchObject({ format, bozo: true });
    expect(feed.items.map((item) => item.title)).toEqual(['Pause call']);
    expect(feed.warnings[0]).toMatch(/^\d+ characters before the feed skipped, as a PHP warning printed ahead of it is: "(<br \/> <b>|Warning: |<b>Notice)/);
  });

  it.each([
    ['windows-1251', 'Лаборатории обсуждают паузу'],
    ['koi8-r', 'Лаборатории обсуждают паузу'],
    ['iso-8859-7', 'Τα εργαστήρια συζητούν παύση'],
    ['gb2312', '实验室讨论暂停人工智能'],
  ])('reads a %s feed behind a PHP warning in the encoding its declaration names, as without the warning', async (encoding, title) => {
    const xml = `<?xml version="1.0" encoding="${encoding}"?>\n<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title><link>https://wp.example/a</link></item></channel></rss>`;
    const warning = '<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent in <b>/var/www/feed.php</b> on line <b>8</b><br />\n';
    const plain = await parseFeed(iconv.encode(xml, encoding), { url: 'https://wp.example/feed' });
    const behindWarning = await parseFeed(Buffer.concat([Buffer.from(warning), iconv.encode(xml, encoding)]), { url: 'https://wp.example/feed' });
    expect(plain.items.map((item) => item.title)).toEqual([title]);
    expect(behindWarning.items).toEqual(plain.items);
    expect(behindWarning.title).toBe(title);
    expect(behindWarning.warnings).toEqual([expect.stringMatching(/^\d+ characters before the feed skipped/)]);
  });

  it('reads an unlabelled windows-1251 feed behind a long PHP warning by its own bytes, not diluted by the warning', async () => {
    const title = 'Лаборатории обсуждают паузу в разработке';
    // long enough for the detector alone, not with the warning's English beside it
    const text =
      'Крупные лаборатории искусственного интеллекта обсуждают скоординированную паузу в разработке передовых моделей. ' +
      'Эксперты спорят о том, как проверить соблюдение такого соглашения и кто будет следить за его выполнением.';
    const xml = `<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title><link>https://wp.example/a</link><description>${text}</description></item></channel></rss>`;
    const warning =
      '<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent by (output started at ' +
      '/var/www/wp-content/plugins/some-plugin/includes/class-plugin.php:123) in <b>/var/www/wp-includes/feed-rss2.php</b> on line <b>8</b><br />\n';
    const plain = await parseFeed(iconv.encode(xml, 'windows-1251'), { url: 'https://wp.example/feed' });
    const behindWarning = await parseFeed(Buffer.concat([Buffer.from(warning), iconv.encode(xml, 'windows-1251')]), { url: 'https://wp.example/feed' });
    expect(plain.items.map((item) => item.title)).toEqual([title]);
    expect(behindWarning.items).toEqual(plain.items);
  });

  const databaseError = '<div id="error"><p class="wpdberror"><strong>WordPress database error:</strong> [Table \'wp_x\' doesn\'t exist]<br /><code>SELECT 1</code></p></div>';
  it.each([
    ["WordPress's database error before an RSS feed", `${databaseError}${rss}`, 'rss'],
    ["WordPress's database error before a JSON Feed", `${databaseError}\n${json}`, 'json'],
    ["a plugin's <style> before an RSS feed", `<style>.notice{color:red}</style>\n${rss}`, 'rss'],
    // and noise after the feed too: a page cache's comment, a PHP notice at shutdown
    ["WordPress's database error before an RSS feed and a cache's comment after it", `${databaseError}${rss}\n<!-- Performance optimized by W3 Total Cache -->`, 'rss'],
    ["WordPress's database error before a JSON Feed and a PHP notice after it", `${databaseError}\n${json}\n<br />\n<b>Notice</b>: x in <b>/a.php</b><br />`, 'json'],
    ['a PHP log line opening with a bracket before an RSS feed', `[05-Jun-2026 10:00:00 UTC] PHP Warning:  Undefined variable $x in /var/www/feed.php on line 3\n${rss}`, 'rss'],
    ['a PHP log line opening with a bracket before a JSON Feed', `[05-Jun-2026 10:00:00 UTC] PHP Warning:  Undefined variable $x\n${json}`, 'json'],
  ])('reads a feed with %s, flagged, saying what it skipped', async (_case, body, format) => {
    const feed = await parseFeed(Buffer.from(body), { url: 'https://wp.example/feed' });
    expect(feed).toMatchObject({ format, bozo: true });
    expect(feed.items.map((item) => item.title)).toEqual(['Pause call']);
    expect(feed.warnings[0]).toMatch(/^\d+ characters before the feed skipped/);
  });

  it('reads a JSON Feed after byte-order marks and white space, as an XML feed is read after them', async () => {
    for (const lead of ['\ufeff\ufeff\ufeff', '\n\ufeff', ' \r\n']) {
      const feed = await parseFeed(Buffer.from(lead + json), { url: 'https://wp.example/feed' });
      expect(feed.items.map((item) => item.title)).toEqual(['Pause call']);
    }
  });

  it('still takes an HTML page that leaves out <html> for a page, and a document with no feed in it for none', async () => {
    await expect(parseFeed(Buffer.from('<meta charset="utf-8"><title>News</title><link rel="alternate" type="application/rss+xml" href="/feed">'), { url: 'https://wp.example/' })).rejects.toThrow('the document is an HTML page, not a feed');
    await expect(parseFeed(Buffer.from('<br />\n<b>Fatal error</b>: Allowed memory size exhausted<br />'), { url: 'https://wp.example/feed' })).rejects.toThrow('the XML root <br> is not RSS, RDF or Atom');
    // a page that opens with a <div> and holds no feed is a page; a whole page is not looked into
    await expect(parseFeed(Buffer.from('<div class="app"><p>Loading…</p></div><script>var x = {"version": 2};</script>'), { url: 'https://wp.example/' })).rejects.toThrow('the document is an HTML page, not a feed');
    await expect(parseFeed(Buffer.from(`<html><body><pre>${rss}</pre></body></html>`), { url: 'https://wp.example/' })).rejects.toThrow('the document is an HTML page, not a feed');
    await expect(parseFeed(Buffer.from('[1, 2, "x"]'), { url: 'https://wp.example/' })).rejects.toThrow('a JSON array, not a JSON Feed');
    // a page that quotes a feed (a validator's <textarea>, a script's template) is a page
    const quoted = `<meta charset="utf-8"><title>Validator</title><textarea name="feed">${rss.slice(rss.indexOf('<rss'))}</textarea>`;
    await expect(parseFeed(Buffer.from(quoted), { url: 'https://wp.example/' })).rejects.toThrow('the document is an HTML page, not a feed');
  });
});

describe('parseFeed: text fields hold text', () => {
  it('reads a title whose markup follows a long run of white space, as it reads one without (the search for xmlns took the run squared)', async () => {
    const rss = `<rss version="2.0"><channel><title>T</title><item><title>${' '.repeat(1_000_000)}Pause <b>call</b></title><link>https://e.example/1</link></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.items.map((item) => item.title)).toEqual(['Pause call']);
  });

  it('reads CR LF and a lone CR as a line feed, as XML parsers do, so a feed written on Windows gives the same items', async () => {
    const rss =
      '<?xml version="1.0"?>\n<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>W</title>\n' +
      '<item><title>Pause</title><description>First line.\nSecond line.</description><content:encoded><![CDATA[<p>One\nTwo</p>]]></content:encoded></item>\n' +
      '<item><title>Linked</title><link>https://w.example/a</link><description>A\n&#13;B</description></item>\n</channel></rss>';
    const lf = await parseFeed(Buffer.from(rss), { url: 'https://w.example/feed' });
    for (const lineEnd of ['\r\n', '\r']) {
      const windows = await parseFeed(Buffer.from(rss.replaceAll('\n', lineEnd)), { url: 'https://w.example/feed' });
      // the same text, and the same key for the item known by its text alone
      expect(windows.items).toEqual(lf.items);
    }
    expect(lf.items[0]).toMatchObject({ summary: 'First line.\nSecond line.', content: '<p>One\nTwo</p>' });
    // a character reference is the character
    expect(lf.items[1]!.summary).toBe('A\n\rB');
  });

  it('removes control characters from titles, summaries, authors and categories, raw or as references, in every format', async () => {
    // raw SUB, DEL and a C1 control Windows-1252 leaves undefined, which XML lets through, beside tab and line feed,
    // which are white space
    const junk = 'A\x1aB\x7fC\u0081D\tE\nF';
    const rss =
      `<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>F${junk}</title><item><title>${junk}</title>` +
      `<link>https://e.example/1</link><description>&lt;p&gt;${junk}&lt;/p&gt;</description><dc:creator>${junk}</dc:creator><category>${junk}</category></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.title).toBe('FABCD E F');
    expect(feed.items[0]).toMatchObject({ title: 'ABCD E F', summary: '<p>ABCD\tE\nF</p>', author: 'ABCD E F', categories: ['ABCD E F'] });
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'J\u0001', items: [{ id: '1', title: junk, summary: junk, content_html: `<p>${junk}</p>`, tags: [junk], authors: [{ name: junk }] }] };
    const item = (await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://e.example/feed.json' })).items[0];
    expect(item).toMatchObject({ title: 'ABCD E F', summary: 'ABCD\tE\nF', content: '<p>ABCD\tE\nF</p>', author: 'ABCD E F', categories: ['ABCD E F'] });
  });

  it('removes the noncharacters U+FFFE and U+FFFF, which XML forbids, from titles, summaries and authors', async () => {
    // a byte-swapped BOM pasted into a headline, as UTF-8 bytes (EF BF BE) the XML parser lets through
    const rss =
      '<rss version="2.0"><channel><title>F</title><item><title>\ufeffPause \ufffetalks\uffff resume</title><link>https://e.example/1</link>' +
      '<description>Labs \ufffemeet</description><author>desk@e.example (Ana\uffff Ruiz)</author></item></channel></rss>';
    const item = (await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' })).items[0];
    expect(item).toMatchObject({ title: 'Pause talks resume', summary: 'Labs meet', author: 'Ana Ruiz' });
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', title: 'Pause\uffff talks', content_html: '<p>Labs \ufffemeet</p>' }] };
    const fromJson = (await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://e.example/feed.json' })).items[0];
    expect(fromJson?.title).toBe('Pause talks');
    expect(fromJson?.content).toBe('<p>Labs meet</p>');
  });

  it('reads a C1 control, as a reference or raw, as the Windows-1252 character it stands for, as HTML and CDATA read it', async () => {
    // `&#146;` is U+0092 to XML but ’ to HTML; a raw U+0096 is a Windows-1252 dash read as Latin-1 upstream
    const rss =
      '<rss version="2.0"><channel><title>F</title>' +
      '<item><title>It&#146;s 9&#150;5 &#147;open&#148;</title><guid>1</guid><description>Pay rises 3\u00965%&#133;</description><author>Ren&#233;e &#150; desk</author></item>' +
      '<item><title><![CDATA[It&#146;s 9&#150;5 &#147;open&#148;]]></title><guid>2</guid><description><![CDATA[<p>Pay rises 3&#150;5%&#133;</p>]]></description></item>' +
      '</channel></rss>';
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.items.map((item) => item.title)).toEqual(['It’s 9–5 “open”', 'It’s 9–5 “open”']);
    expect(feed.items[0]).toMatchObject({ summary: 'Pay rises 3–5%…', author: 'Renée – desk' });
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', title: 'It\u0092s 9\u00965', content_text: 'Pay rises 3\u00965%' }] };
    const item = (await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://e.example/feed.json' })).items[0];
    expect(item).toMatchObject({ title: 'It’s 9–5' });
    expect(item?.content).toContain('Pay rises 3–5%');
  });

  it('reads a control character written as a reference in a title as nothing, not as U+001A', async () => {
    const rss = '<rss version="2.0"><channel><title>F</title><item><title>Breaking&#x1A;: news</title><guid>1</guid></item></channel></rss>';
    expect((await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' })).items[0]?.title).toBe('Breaking: news');
  });

  it('keeps angle brackets in a title that holds no HTML as its words, and drops the tags of one that does (RSS, Atom, JSON Feed)', async () => {
    const titles = [
      'If a&lt;b and c&gt;d then',
      'Java List&lt;String&gt; tips',
      '<![CDATA[Using std::vector<int> in C++]]>',
      'The &lt;AI&gt; Act explained',
      'Contact &lt;press@example.com&gt; for details',
      'Java List&lt;Map&gt; tips: style the &lt;select&gt; element',
      // HTML: an element's end tag, a void element, a start tag with an attribute
      '<![CDATA[Senators <em>back</em> a pause]]>',
      'Line one&lt;br/&gt;Line two',
      '<![CDATA[<span class="kicker">Live:</span> talks resume & go on]]>',
      // a title escaped twice, Word's markup, HTML's older elements, a hostile tag with no space before its attribute
      '&lt;![CDATA[Labs weigh a pause]]&gt;',
      '<![CDATA[Word paste<o:p></o:p>]]>',
      '<![CDATA[<center>Breaking</center> news]]>',
      '<![CDATA[<svg/onload=alert(1)>Title]]>',
    ];
    const expected = [
      'If a<b and c>d then', 'Java List<String> tips', 'Using std::vector<int> in C++', 'The <AI> Act explained', 'Contact <press@example.com> for details',
      'Java List<Map> tips: style the <select> element',
      'Senators back a pause', 'Line one Line two', 'Live: talks resume & go on',
      'Labs weigh a pause', 'Word paste', 'Breaking news', 'Title',
    ];
    const rss = `<rss version="2.0"><channel><title>F</title>${titles.map((title, i) => `<item><title>${title}</title><guid>${i}</guid></item>`).join('')}</channel></rss>`;
    expect((await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' })).items.map((item) => item.title)).toEqual(expected);
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><id>urn:f</id>' +
      '<entry><id>urn:1</id><title type="html">Java List&amp;lt;String&amp;gt; tips</title></entry>' +
      '<entry><id>urn:2</id><title type="html">The &lt;AI&gt; Act &lt;b&gt;explained&lt;/b&gt;</title></entry></feed>';
    expect((await parseFeed(Buffer.from(atom), { url: 'https://e.example/feed' })).items.map((item) => item.title)).toEqual(['Java List<String> tips', 'The Act explained']);
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', title: 'Why <AI> rules matter' }, { id: '2', title: 'Why <em>rules</em> matter' }] };
    expect((await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://e.example/feed.json' })).items.map((item) => item.title)).toEqual(['Why <AI> rules matter', 'Why rules matter']);
  });

  it('reads a run of no-break spaces and a line or paragraph separator in a title as one space; a lone no-break space is content', async () => {
    const rss = '<rss version="2.0"><channel><title>F</title><item><title>Pause\u00a0\u00a0\u00a0talks\u2028resume\u2029today at 10\u00a0am</title><guid>1</guid></item></channel></rss>';
    expect((await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' })).items[0]?.title).toBe('Pause talks resume today at 10\u00a0am');
  });
});

describe('parseFeed: query strings survive entity decoding', () => {
  // "&section", "&copy", "&not", "&para", "&times", "&reg" are legacy HTML entities that HTML text decoding reads
  // even without a ";": a URL decoded as text loses its parameters to "§", "©", "¬", "¶", "×", "®".
  const query = 'id=5&section=world&timestamp=5&copy=1&not=2&para=3&region=eu';

  it('a news sitemap <loc> is the URL the XML says, decoded once', async () => {
    const xml =
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' +
      `<url><loc>https://e.example/a?${query.replace(/&/g, '&amp;')}</loc><news:news><news:publication><news:name>E</news:name></news:publication>` +
      '<news:publication_date>2026-06-05T10:00:00Z</news:publication_date><news:title>A</news:title></news:news></url></urlset>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/sitemap.xml' });
    expect(feed.items[0]).toMatchObject({ id: `https://e.example/a?${query}`, link: `https://e.example/a?${query}` });
  });

  it('an unescaped href in HTML content keeps its parameters, as a browser reads it; an escaped one is decoded', async () => {
    const html = `<a href="/p?${query}">x</a> <a href="/q?a=1&amp;section=2">y</a>`;
    const expected = `<a href="https://e.example/p?${query.replace(/&/g, '&amp;')}">x</a> <a href="https://e.example/q?a=1&amp;section=2">y</a>`;
    const rss = `<rss version="2.0"><channel><title>F</title><item><guid>1</guid><description><![CDATA[${html}]]></description></item></channel></rss>`;
    expect((await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' })).items[0]?.summary).toBe(expected);
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', content_html: html }] };
    expect((await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://e.example/feed.json' })).items[0]?.content).toBe(expected);
  });

  it('links, permalink GUIDs, enclosures and xml:base keep their query strings too', async () => {
    const escaped = query.replace(/&/g, '&amp;');
    const rss =
      `<rss version="2.0"><channel><title>F</title><item><link>https://e.example/l?${escaped}</link>` +
      `<enclosure url="https://e.example/e.mp3?${escaped}" type="audio/mpeg" length="1"/></item>` +
      `<item><guid>https://e.example/g?${escaped}</guid></item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.items.map((item) => item.link)).toEqual([`https://e.example/l?${query}`, `https://e.example/g?${query}`]);
    expect(feed.items[0]?.enclosures[0]?.url).toBe(`https://e.example/e.mp3?${query}`);
    const atom =
      `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://e.example/b/?${escaped}"><title>F</title>` +
      '<entry><id>1</id><title>A</title><link href="?x=1&amp;copy=2"/><content type="html">&lt;a href="z?section=1&amp;amp;copy=2"&gt;z&lt;/a&gt;</content></entry></feed>';
    const entry = (await parseFeed(Buffer.from(atom), { url: 'https://e.example/atom' })).items[0];
    expect(entry?.link).toBe('https://e.example/b/?x=1&copy=2');
    expect(entry?.content).toBe('<a href="https://e.example/b/z?section=1&amp;copy=2">z</a>');
  });
});
