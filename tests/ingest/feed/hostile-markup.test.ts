import { describe, expect, it } from 'vitest';
import { resolveHtmlUrls } from '../../../src/ingest/feed/normalise.ts';
import { parseFeed } from '../../../src/ingest/feed/parse-feed.ts';
import { fastScan, MAX_XML_BASE_CHARS, saxScan, type ScannedElement } from '../../../src/ingest/feed/xml-scan.ts';

/**
 * Well-formed (or nearly) feeds built so that what the parser keeps for each element grows with the depth or the
 * length of a start tag. Each once filled the heap, crashing the whole run, or held it for minutes: a feed of a
 * few hundred kilobytes must cost one feed, at most, never the run.
 */

const url = 'https://news.example/feed.xml';
const read = (xml: string) => parseFeed(Buffer.from(xml), { url });
const nested = (depth: number, open: (level: number) => string, close: string, inside = 'x') =>
  Array.from({ length: depth }, (_, level) => open(level)).join('') + inside + close.repeat(depth);
const rss = (description: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Labs weigh a pause</title><link>https://news.example/1</link><description>${description}</description></item></channel></rss>`;

/** The first child at each level, from `element` down. */
function descend(element: ScannedElement): ScannedElement[] {
  const path = [element];
  while (path.at(-1)!.children?.[0]) path.push(path.at(-1)!.children![0]!);
  return path;
}

describe('a feed nesting namespace declarations', () => {
  it('is read with 20,000 nested elements each binding a prefix of its own (a 460 KB feed filled a 4 GB heap)', async () => {
    const feed = await read(rss(nested(20_000, (level) => `<x xmlns:p${level}="urn:p">`, '</x>')));
    expect(feed).toMatchObject({ wellFormed: true, items: [{ title: 'Labs weigh a pause', link: 'https://news.example/1' }] });
  }, 10_000);

  it('gives each element the binding in scope where it stands, and the outer one back after an inner element rebinds it', () => {
    const text = '<root xmlns:p="urn:outer"><p:a xmlns:p="urn:inner"><p:b/></p:a><p:c/><d xmlns="urn:default"><e/></d><f/></root>';
    const scan = fastScan(text, null, undefined);
    expect(scan).not.toBeNull();
    const root = scan!.document.children![0]!;
    const [a, c, d, f] = root.children!;
    expect([a!.uri, a!.children![0]!.uri, c!.uri, d!.uri, d!.children![0]!.uri, f!.uri]).toEqual(['urn:inner', 'urn:inner', 'urn:outer', 'urn:default', 'urn:default', '']);
    expect(descend(root).map((element) => element.uri)).toEqual(descend(saxScan(text, null, undefined).document.children![0]!).map((element) => element.uri));
  });
});

describe('a feed nesting xml:base', () => {
  it('is read with 50,000 nested relative bases, each base at most MAX_XML_BASE_CHARS long (a 1 MB feed filled the heap)', async () => {
    const feed = await read(rss(nested(50_000, () => '<x xml:base="a/">', '</x>')));
    expect(feed).toMatchObject({ wellFormed: true, items: [{ title: 'Labs weigh a pause' }] });
    const scan = fastScan(`<r>${nested(50_000, () => '<x xml:base="a/">', '</x>')}</r>`, url, undefined)!;
    // the document, <r>, then the <x> elements, the n-th of them n levels down
    const bases = descend(scan.document).map((element) => element.base ?? '');
    expect(bases).toHaveLength(50_002);
    // resolved level by level while short enough (`a/` per level), then the deepest short enough one holds
    expect(bases[6]).toBe(`https://news.example/${'a/'.repeat(5)}`);
    expect(bases.at(-1)).toMatch(/^https:\/\/news\.example\/(a\/)+$/);
    expect(Math.max(...bases.map((base) => base.length))).toBeLessThanOrEqual(MAX_XML_BASE_CHARS);
  }, 10_000);

  it('resolves the links of Atom XHTML content under 50,000 nested bases within the same bound', async () => {
    const content = nested(50_000, () => '<div xml:base="a/">', '</div>', '<a href="p.html">the letter</a>');
    const atom =
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><id>urn:w</id>' +
      `<entry><title>Labs weigh a pause</title><id>urn:1</id><link href="https://news.example/1"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${content}</div></content></entry></feed>`;
    const feed = await read(atom);
    const href = /href="([^"]*)"/.exec(feed.items[0]!.content ?? '')?.[1];
    expect(href).toMatch(/^https:\/\/news\.example\/(a\/)+p\.html$/);
    expect(href!.length).toBeLessThanOrEqual(MAX_XML_BASE_CHARS + 'p.html'.length);
  }, 10_000);

  it('keeps the base of every entry of a large feed that gives each its own (a budget that grows with the feed)', async () => {
    // 14,000 entries, each under a base of about 320 characters: 4.5 million characters of bases in a 6 MB feed
    const entries = Array.from({ length: 14_000 }, (_, i) => `<entry xml:base="https://blog.example/${'section/'.repeat(38)}post-${i}/"><title>Post ${i}</title><id>urn:${i}</id><link href="page.html"/></entry>`);
    const feed = await read(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>urn:b</id>${entries.join('')}</feed>`);
    expect(feed.items).toHaveLength(14_000);
    expect(feed.items.at(-1)!.link).toBe(`https://blog.example/${'section/'.repeat(38)}post-13999/page.html`);
  }, 15_000);

  it('ignores a base longer than MAX_XML_BASE_CHARS: the links under it resolve against the base around it', async () => {
    const long = `https://cdn.example/${'a'.repeat(MAX_XML_BASE_CHARS)}/`;
    const atom =
      '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/wire/"><title>Wire</title><id>urn:w</id>' +
      `<entry xml:base="${long}"><title>Long</title><id>urn:1</id><link href="long.html"/></entry>` +
      '<entry xml:base="https://cdn.example/short/"><title>Short</title><id>urn:2</id><link href="short.html"/></entry></feed>';
    const feed = await read(atom);
    expect(feed.items.map((item) => item.link)).toEqual(['https://news.example/wire/long.html', 'https://cdn.example/short/short.html']);
  });
});

describe('a start tag repeating an attribute', () => {
  it('is not well-formed: the repeat is reported and dropped, the first value holds, the items are read', async () => {
    const xml =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Labs weigh a pause</title><link>https://news.example/1</link>' +
      '<enclosure url="https://news.example/first.mp3" type="audio/mpeg" url="https://news.example/second.mp3"/></item></channel></rss>';
    const feed = await read(xml);
    expect(feed).toMatchObject({ wellFormed: false, bozo: true, items: [{ title: 'Labs weigh a pause', enclosures: [{ url: 'https://news.example/first.mp3' }] }] });
    expect(feed.warnings).toEqual([expect.stringMatching(/^not well-formed XML: Attribute name repeated: url at line 1, column \d+$/)]);
  });

  it('300,000 times in a 1.8 MB feed is found by a lookup, not a scan of the attributes before it, and counted', async () => {
    const item = `<item a="1"${' a="1"'.repeat(300_000)}><title>Labs weigh a pause</title><link>https://news.example/1</link></item>`;
    const feed = await read(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>${item}</channel></rss>`);
    expect(feed.items.map((i) => i.title)).toEqual(['Labs weigh a pause']);
    expect(feed.warnings).toEqual([expect.stringMatching(/^not well-formed XML: Attribute name repeated: a at line 1, column \d+ \(300000 times\)$/)]);
    // A bound against a blow-up, not a speed target: under a second; each repeat scanning those before took 46 s.
  }, 15_000);
});

describe('relative links under a long base', () => {
  it('are left as written when the base is longer than MAX_XML_BASE_CHARS (a JSON Feed item URL of 1 MB made a 5 GB string)', async () => {
    const link = `https://news.example/${'a'.repeat(1_000_000)}/`;
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Wire', items: [{ id: '1', url: link, content_html: '<a href="letter.html">the letter</a>'.repeat(5000) }] });
    const feed = await read(json);
    expect(feed.items[0]!.link).toBe(link);
    expect(feed.items[0]!.content).toBe('<a href="letter.html">the letter</a>'.repeat(5000));
  });

  it('are resolved until they have added four times the characters the fragment holds (at least 1,000,000), then left as written', () => {
    const base = `https://news.example/${'a'.repeat(2000)}/`;
    const tag = '<a href="x">y</a>';
    expect(resolveHtmlUrls(tag.repeat(3), base)).toBe(`<a href="${base}x">y</a>`.repeat(3));
    const many = tag.repeat(200_000);
    const resolved = resolveHtmlUrls(many, base);
    expect(resolved.length).toBeLessThanOrEqual(many.length + Math.max(4 * many.length, 1_000_000));
    expect(resolved.startsWith(`<a href="${base}x">y</a>`)).toBe(true);
    expect(resolved.endsWith(tag)).toBe(true);
    // long content with many relative links under an ordinary base is resolved to its last link: 100,000 links add
    // 3.6 million characters to a fragment of 1.7 million
    const ordinary = 'https://news.example/2026/06/05/labs-pause/';
    const long = tag.repeat(100_000);
    expect(resolveHtmlUrls(long, ordinary)).toBe(`<a href="${ordinary}x">y</a>`.repeat(100_000));
  });
});
