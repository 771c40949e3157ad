import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/ingest/feed/parse-feed.ts';

/**
 * Item fields written in ways the formats do not foresee. Well-formed feeds have their items built from the scan
 * (xml-items.ts), broken ones read by rss-parser after a repair: every case is read both ways, the broken feed
 * being the same one with an unclosed element in its channel (or feed).
 */

const url = 'https://news.example/feed.xml';
const read = (xml: string) => parseFeed(Buffer.from(xml), { url });
const readings = [
  { reading: 'a well-formed feed', broken: false },
  { reading: 'a feed with an unclosed element', broken: true },
];

const rss = (items: string, broken = false, channel = '<link>https://news.example/</link>') =>
  '<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">' +
  `<channel><title>Wire</title>${channel}<description>d</description>${broken ? '<generator>unclosed' : ''}${items}</channel></rss>`;
const atom = (entries: string, broken = false) =>
  '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:wire</id>' +
  `${broken ? '<subtitle>unclosed' : ''}${entries}</feed>`;

describe.each(readings)('item fields of $reading', ({ broken }) => {
  it('takes the href of an RSS <link href="…"/> written as Atom writes it, without the namespace, as the link and id', async () => {
    const feed = await read(rss('<item><title>Labs weigh a pause</title><link href="https://news.example/o1"/></item>', broken));
    expect(feed.wellFormed).toBe(!broken);
    expect(feed.items).toMatchObject([{ title: 'Labs weigh a pause', link: 'https://news.example/o1', id: 'https://news.example/o1' }]);
  });

  it('gives an RSS <link> holding only an element no link, rather than the feed\'s own address', async () => {
    const item = '<item><title>Flood warning</title><link><span/></link><description>Issued at 10:00.</description></item>';
    const feed = await read(rss(item, broken, '<link><span/></link>'));
    expect(feed.wellFormed).toBe(!broken);
    expect(feed.link).toBeNull();
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ title: 'Flood warning', link: null });
    expect(feed.items[0]!.id).not.toBe(url);
    // a later <link> with text is still the link
    const later = await read(rss('<item><title>Flood warning</title><link><span/></link><link>https://news.example/flood</link></item>', broken));
    expect(later.items[0]).toMatchObject({ link: 'https://news.example/flood', id: 'https://news.example/flood' });
  });

  it('reads blank URLs of enclosures, Media RSS content and RSS 1.0 items as none, not as the feed\'s address', async () => {
    const item =
      '<item><title>Flood warning</title><link>https://news.example/flood</link><enclosure url="" type="audio/mpeg"/>' +
      '<media:content url=" " type="image/jpeg"/><enclosure url="https://news.example/a.mp3" type="audio/mpeg"/></item>';
    const feed = await read(rss(item, broken));
    expect(feed.wellFormed).toBe(!broken);
    expect(feed.items[0]!.enclosures).toEqual([{ url: 'https://news.example/a.mp3', type: 'audio/mpeg', length: null }]);
    const rdf =
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">' +
      `<channel rdf:about="https://news.example/"><title>Wire</title><link>https://news.example/</link>${broken ? '<description>unclosed' : ''}</channel>` +
      '<item rdf:about=" "><title>Flood warning</title></item></rdf:RDF>';
    const rdfFeed = await read(rdf);
    expect(rdfFeed.wellFormed).toBe(!broken);
    expect(rdfFeed.items).toMatchObject([{ title: 'Flood warning', link: null, guid: null }]);
    expect(rdfFeed.items[0]!.id).not.toBe(url);
  });

  it('gives an Atom entry whose only link has a blank href no link', async () => {
    const feed = await read(atom('<entry><title>Flood warning</title><id>urn:flood</id><link href=" "/></entry>', broken));
    expect(feed.wellFormed).toBe(!broken);
    expect(feed.items).toMatchObject([{ id: 'urn:flood', link: null }]);
  });

  it('keeps XHTML content whose divs are siblings whole, and unwraps the single wrapper div', async () => {
    const xhtml = (markup: string) => `<content type="xhtml">${markup}</content>`;
    const entries =
      `<entry><title>Two divs</title><id>urn:1</id>${xhtml('<div xmlns="http://www.w3.org/1999/xhtml">one</div><div xmlns="http://www.w3.org/1999/xhtml">two</div>')}</entry>` +
      `<entry><title>Wrapped</title><id>urn:2</id>${xhtml('<div xmlns="http://www.w3.org/1999/xhtml"><div>a</div><!-- </div> --><div>b</div></div>')}</entry>` +
      `<entry><title>Text after</title><id>urn:3</id>${xhtml('<div xmlns="http://www.w3.org/1999/xhtml"><p>one</p></div> and <div xmlns="http://www.w3.org/1999/xhtml">two</div>')}</entry>`;
    const feed = await read(atom(entries, broken));
    expect(feed.wellFormed).toBe(!broken);
    expect(feed.items.map((item) => item.content)).toEqual([
      '<div>one</div><div>two</div>',
      '<div>a</div><!-- </div> --><div>b</div>',
      '<div><p>one</p></div> and <div>two</div>',
    ]);
  });

  it('shows an author name written as HTML by its words', async () => {
    const items =
      '<item><title>A9</title><link>https://news.example/9</link><dc:creator>&lt;a href="/authors/jane"&gt;Jane Doe&lt;/a&gt;</dc:creator></item>' +
      '<item><title>A10</title><link>https://news.example/10</link><author>jane@news.example (Jane &lt;b&gt;Doe&lt;/b&gt;)</author></item>' +
      '<item><title>A11</title><link>https://news.example/11</link><author>Jane Doe &lt;jane@news.example&gt;</author></item>';
    const feed = await read(rss(items, broken));
    expect(feed.wellFormed).toBe(!broken);
    expect(feed.items.map((item) => item.author)).toEqual(['Jane Doe', 'Jane Doe', 'Jane Doe']);
  });

  it("links an item run through FeedBurner to the publisher's own address, not the feedproxy redirect", async () => {
    const feedburner = (items: string) =>
      rss(items, broken).replace('<rss version="2.0"', '<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0"');
    const proxy = (path: string) => `<link>http://feedproxy.google.com/~r/Wire/~3/${path}/</link>`;
    const feed = await read(feedburner(
      `<item><title>F1</title>${proxy('abc')}<guid isPermaLink="false">https://news.example/?p=1</guid>` +
        '<feedburner:origLink>https://news.example/2026/06/pause/</feedburner:origLink></item>' +
        `<item><title>F2</title>${proxy('def')}<feedburner:origLink>/2026/06/relative/</feedburner:origLink></item>` +
        // not a web address: the feed's own link stays
        `<item><title>F3</title>${proxy('ghi')}<feedburner:origLink>javascript:alert(1)</feedburner:origLink></item>`,
    ));
    expect(feed.wellFormed).toBe(!broken);
    expect(feed.items.map((item) => [item.id, item.link])).toEqual([
      ['https://news.example/?p=1', 'https://news.example/2026/06/pause/'],
      ['https://news.example/2026/06/relative/', 'https://news.example/2026/06/relative/'],
      ['http://feedproxy.google.com/~r/Wire/~3/ghi/', 'http://feedproxy.google.com/~r/Wire/~3/ghi/'],
    ]);
  });

  it('names every author of an item, as a byline prints them, each once', async () => {
    const items =
      '<item><title>B1</title><link>https://news.example/b1</link><dc:creator>Jane Doe</dc:creator><dc:creator>John Roe</dc:creator>' +
      '<dc:creator>Ann Poe</dc:creator><dc:creator>jane doe</dc:creator></item>' +
      // the same person in two forms: the first field that names anyone gives the byline
      '<item><title>B2</title><link>https://news.example/b2</link><author>jane@news.example (Jane Doe)</author><dc:creator>Jane Doe</dc:creator></item>';
    const feed = await read(rss(items, broken));
    expect(feed.wellFormed).toBe(!broken);
    expect(feed.items.map((item) => item.author)).toEqual(['Jane Doe, John Roe and Ann Poe', 'Jane Doe']);
    // names written surname first stay two people
    const surnames = await read(rss('<item><title>B3</title><link>https://news.example/b3</link><dc:creator>Doe, Jane</dc:creator><dc:creator>Roe, John</dc:creator></item>', broken));
    expect(surnames.items[0]!.author).toBe('Doe, Jane; Roe, John');
    const entries =
      '<entry><id>urn:e1</id><title>E1</title><author><name>Jane Doe</name></author><author><name>John Roe</name></author></entry>' +
      '<entry><id>urn:e2</id><title>E2</title><source><title>Agency</title><author><name>Ann Poe</name></author>' +
      '<author><name>Bo Li</name></author></source></entry>';
    const atomFeed = await read(atom(entries, broken));
    expect(atomFeed.wellFormed).toBe(!broken);
    expect(atomFeed.items.map((item) => item.author)).toEqual(['Jane Doe and John Roe', 'Ann Poe and Bo Li']);
  });
});
