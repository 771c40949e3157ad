import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DEPTH } from '../../../src/ingest/feed/bound-nesting.ts';
import { parseFeed } from '../../../src/ingest/feed/parse-feed.ts';
import { ingestFeed } from '../../../src/ingest/feed-source.ts';
import { DEFAULT_USER_AGENT, fetchUrl } from '../../../src/ingest/fetch.ts';
import { startServer } from '../../helpers/http-server.ts';

const url = 'https://news.example/feed.xml';
const read = (xml: string) => parseFeed(Buffer.from(xml), { url });
const titlesAndLinks = (feed: Awaited<ReturnType<typeof read>>) => feed.items.map((item) => [item.title, item.link]);

const rssHead = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Policy Wire</title>\n';
const rssTail = '</channel></rss>\n';
const item = (i: number, closed = true) => `<item><title>Labs weigh a pause, part ${i}</title><link>https://news.example/${i}</link>${closed ? '</item>' : ''}\n`;
const atomHead = '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Policy Wire</title>\n';
const entry = (i: number, closed = true) =>
  `<entry><title>Labs weigh a pause, part ${i}</title><link href="https://news.example/${i}"/><id>urn:pw:${i}</id>${closed ? '</entry>' : ''}\n`;
const bothItems = [
  ['Labs weigh a pause, part 0', 'https://news.example/0'],
  ['Labs weigh a pause, part 1', 'https://news.example/1'],
];
const howRead = 'read with each <item> or <entry> closed where the next begins and read directly inside the <channel>, <rdf:RDF> or <feed> open around it, close tags matched to the elements they close';

/** 5,000 stray `</y>` under 60 unclosed elements: sax met 300,000 errors, one per open element each close tag skips. */
const strayCloseTags = rssHead + item(0) + '<a><b><c><d><e><f><g><h><i><j>'.repeat(6) + '</y>'.repeat(5000) + '\n' + item(1) + rssTail;

describe('RSS and Atom feeds nested beyond bounds', () => {
  it('reads both items around 5,000 stray close tags under 60 unclosed elements, and says why the feed was rewritten', async () => {
    const feed = await read(strayCloseTags);
    expect(titlesAndLinks(feed)).toEqual(bothItems);
    expect(feed).toMatchObject({ wellFormed: false, bozo: true });
    expect(feed.warnings).toHaveLength(1);
    // the run of close tags is on line 4, after the 60 start tags (600 characters)
    expect(feed.warnings[0]).toMatch(new RegExp(`^not well-formed XML: close tags skip or miss more than \\d+ open elements at line 4, column \\d+; ${howRead}$`));
  });

  it('reads both items around 2,000 nested unclosed elements, where re-serialising the markup ran out of stack', async () => {
    const feed = await read(rssHead + item(0) + '<x>'.repeat(2000) + '\n' + item(1) + rssTail);
    expect(titlesAndLinks(feed)).toEqual(bothItems);
    expect(feed).toMatchObject({ wellFormed: false, bozo: true });
    // <rss> and <channel> are 2 deep, the k-th <x> on line 4 k + 3: the 255th (column 3 * 254 + 1) is 257 deep
    expect(feed.warnings).toEqual([
      `not well-formed XML: elements nest more than ${MAX_DEPTH} deep at line 4, column ${3 * 254 + 1}; ${howRead}, ${2000 - 254} start tags more than ${MAX_DEPTH} deep read as text`,
    ]);
  });

  it('reads every item of an RSS feed whose 2,000 items are all left open as if they were closed', async () => {
    const closed = await read(rssHead + Array.from({ length: 2000 }, (_v, i) => item(i)).join('') + rssTail);
    const open = await read(rssHead + Array.from({ length: 2000 }, (_v, i) => item(i, false)).join('') + rssTail);
    expect(open.items).toEqual(closed.items);
    expect(open.items).toHaveLength(2000);
    expect(open).toMatchObject({ wellFormed: false, bozo: true });
    // the k-th item (on line 3 + k) is k + 3 deep, its <title> k + 4: 257 at k = 253, column 7
    expect(open.warnings).toEqual([`not well-formed XML: elements nest more than ${MAX_DEPTH} deep at line 256, column 7; ${howRead}`]);
  });

  it('reads every entry of an Atom feed whose 2,000 entries are all left open as if they were closed', async () => {
    const closed = await read(atomHead + Array.from({ length: 2000 }, (_v, i) => entry(i)).join('') + '</feed>');
    const open = await read(atomHead + Array.from({ length: 2000 }, (_v, i) => entry(i, false)).join('') + '</feed>');
    expect(open.items).toEqual(closed.items);
    expect(open.items).toHaveLength(2000);
    expect(open).toMatchObject({ format: 'atom', wellFormed: false, bozo: true });
    expect(open.warnings).toEqual([`not well-formed XML: elements nest more than ${MAX_DEPTH} deep at line 257, column 8; ${howRead}`]);
  });

  it('reads the items of an RSS 1.0 feed, which stand beside its channel, around 2,000 nested unclosed elements', async () => {
    const head =
      '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">' +
      '<channel rdf:about="https://news.example/"><title>Policy Wire</title><link>https://news.example/</link></channel>\n';
    const feed = await read(head + item(0) + '<x>'.repeat(2000) + '\n' + item(1) + '</rdf:RDF>');
    expect(titlesAndLinks(feed)).toEqual(bothItems);
    expect(feed).toMatchObject({ format: 'rdf', title: 'Policy Wire', wellFormed: false });
    expect(feed.warnings[0]).toMatch(/^not well-formed XML: elements nest more than 256 deep at line 4, column \d+; read with /);
  });

  it('tells a rewritten feed\'s other errors without lines or columns, which would be those of the rewritten text', async () => {
    const feed = await read(rssHead + item(0).replace('a pause', 'a&nbsp;pause') + '<x>'.repeat(2000) + '\n' + item(1) + rssTail);
    expect(feed.items).toHaveLength(2);
    expect(feed.warnings).toHaveLength(2);
    expect(feed.warnings[0]).toMatch(/^not well-formed XML: elements nest more than 256 deep at line 4, column 763; /);
    expect(feed.warnings[1]).toBe('not well-formed XML: Invalid character entity');
  });

  it('reads a moderately broken feed without rewriting it: its warnings name the lines of the input, and an item after unclosed elements is still the channel\'s', async () => {
    const feed = await read(rssHead + item(0) + '<x>'.repeat(200) + '\n' + item(1) + rssTail);
    expect(titlesAndLinks(feed)).toEqual(bothItems);
    // </channel> on line 6 closes the 200 <x> and the <item> left open inside them: sax says so once for each
    expect(feed.warnings).toEqual(['not well-formed XML: Unexpected close tag at line 6, column 10 (200 times)', 'recovered after re-serialising the markup leniently']);
  });

  it('reads a well-formed feed nested deep inside an item untouched', async () => {
    const deep = '<description>' + '<x>'.repeat(300) + 'deep' + '</x>'.repeat(300) + '</description>';
    const feed = await read(rssHead + item(0).replace('</item>', `${deep}</item>`) + item(1) + rssTail);
    expect(titlesAndLinks(feed)).toEqual(bothItems);
    expect(feed).toMatchObject({ wellFormed: true, bozo: false, warnings: [] });
  });
});

describe('a feed nested beyond bounds, served', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({
      '/stray.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(strayCloseTags),
    });
  });
  afterAll(() => server.close());

  it('is ingested with both items and the warning that says how it was read', async () => {
    const options = { userAgent: DEFAULT_USER_AGENT, connectTimeoutMs: 1_000, timeoutMs: 5_000, maxBytes: 1024 * 1024, maxRedirects: 5, allowPrivateAddresses: true };
    const result = await ingestFeed({ id: 'stray', url: `${server.url}/stray.xml` }, { etag: null, lastModified: null, bodyHash: null }, fetchUrl, options);
    expect(result).toMatchObject({ outcome: 'ok', error: null });
    expect(result.items.map((item) => item.title)).toEqual(bothItems.map(([title]) => title));
    expect(result.warnings.join('\n')).toMatch(/not well-formed XML: close tags skip or miss more than \d+ open elements at line 4, column \d+; read with /);
  });
});
