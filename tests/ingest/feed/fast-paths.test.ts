import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH } from '../../../src/ingest/feed/bound-nesting.ts';
import { decodeFeedBytes } from '../../../src/ingest/feed/decode.ts';
import { collapseWhitespace, decodeEntities, isoString, parseFeedDate, toIso, resolveHtmlUrls, resolveUrl } from '../../../src/ingest/feed/normalise.ts';
import { canonicalFeedNaming, closedChild, decodeCharacterData, fastScan, innerMarkup, isXmlChar, isAtomRoot, makeNameCanonicaliser, saxScan, type ScannedElement, type XmlScan } from '../../../src/ingest/feed/xml-scan.ts';
import { NotInSubset, xml2jsFields } from '../../../src/ingest/feed/xml-items.ts';
import { refillItemBodies, textContent } from '../../../src/ingest/feed/xml-skeleton.ts';
import { feedSkeleton, parseXmlFeed, readsItemsFromScan } from '../../../src/ingest/feed/xml.ts';

/**
 * The speed-ups of the feed path are shortcuts that must give exactly what the slow, general code gives.
 * These tests compare the two on real feeds and on the inputs each shortcut is most likely to get wrong.
 */

const fixtureDirs = ['../../fixtures/feeds', '../../fixtures/run'].map((dir) => new URL(`${dir}/`, import.meta.url).pathname);
const feedFixtures = fixtureDirs.flatMap((dir) => readdirSync(dir).filter((f) => /\.(xml|atom|rss)$/.test(f)).map((f) => path.join(dir, f)));
/** Every closed element by its path (`/feed#0/entry#2/title#0`), with its inner markup: what both scanners must agree on. */
function elementsByPath(scan: XmlScan, parent: ScannedElement = scan.document, path = ''): [string, object][] {
  const seen = new Map<string, number>();
  return (parent.children ?? []).flatMap((element) => {
    const index = seen.get(element.name) ?? 0;
    seen.set(element.name, index + 1);
    const key = `${path}/${element.name}#${index}`;
    const own: [string, object][] = element.innerEnd < 0 ? [] : [[key, { base: element.base, inner: innerMarkup(scan, element), uri: element.uri, order: element.order }]];
    return [...own, ...elementsByPath(scan, element, key)];
  });
}
const plain = (scan: XmlScan | null) => {
  if (!scan) return scan;
  const { document: _document, ...rest } = scan;
  return { ...rest, prefixes: [...scan.prefixes], elements: elementsByPath(scan) };
};

/**
 * Deterministic feed documents (RSS, RDF, Atom) whose item fields are built from the pieces the shortcuts are most
 * likely to get wrong: references, CDATA, line ends, comments, and (in half the fields) markup.
 */
function generatedFeeds(count: number): string[] {
  let seed = 5;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const pick = <T,>(list: readonly T[]): T => list[next() % list.length]!;
  const pieces = ['lorem ipsum dolor sit amet ', 'consectetur adipiscing elit ', '&amp;', '&lt;p&gt;', '&#233;', '&#x1F600;', '&quot;&apos;', '\r\n', '\t', '\u00a0', '\u2028',
    '<![CDATA[<b>bold</b> & ]]>', '<![CDATA[]]>', '<![CDATA[ ]]>', '<![CDATA[]]]]>', ']]', '&#13;', '&#x20;', '<!-- c -->', '<b>x</b>', ' '.repeat(70)];
  // markup the skeleton leaves to rss-parser but items built from the scan must read as xml2js does
  const markup = ['<?pi data?>', '<br/>', '<i a="&amp;&#65;" b=\'x"y\'>in</i>', '<cdata>c</cdata>', '<x:div xmlns:x="http://www.w3.org/1999/xhtml">d<x:b/></x:div>', '<dc:subject>s</dc:subject>', '<e></e>', '<e>\n </e>'];
  const names = ['description', 'content:encoded', 'c:encoded', 'dc:description', 'summary', 'content', 'body', 'fullitem', 'title', 'guid', 'category', 'author'];
  const attributes = ['', '', ' type="html"', ' type="text"', ' a="1"', ' xml:base="http://b.example/x/"', ' mode="escaped"', ' dc:a=" &lt;&#x9;\t"', ' rel="alternate" href="/h?a=1&amp;b=2"'];
  const field = () => {
    const name = pick(names);
    const from = next() % 2 === 0 ? pieces : [...pieces, ...markup];
    const body = Array.from({ length: next() % 24 }, () => pick(from)).join('');
    return next() % 9 === 0 ? `<${name}${pick(attributes)}/>` : `<${name}${pick(attributes)}>${body}</${name}>`;
  };
  const item = () => `<title>t${next() % 9}</title><link>/p/${next() % 9}</link>${Array.from({ length: next() % 5 }, field).join('')}`;
  const ns = 'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:c="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"';
  return Array.from({ length: count }, () => {
    const items = Array.from({ length: 1 + (next() % 4) }, item);
    const itemAttributes = pick(['', '', ' rdf:about="urn:x&amp;y"', ' id="i"']);
    return pick([
      () => `<rss version="2.0" ${ns} xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><channel><title>T</title>${items.map((i) => `<item${itemAttributes}>${i}</item>`).join('')}</channel></rss>`,
      () => `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" ${ns}><channel><title>T</title></channel>${items.map((i) => `<item${itemAttributes}>${i}</item>`).join('')}</rdf:RDF>`,
      () => `<feed xmlns="http://www.w3.org/2005/Atom" ${ns} xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<title>T</title>${items.map((i) => `<entry${itemAttributes}>${i}</entry>`).join('')}</feed>`,
    ])();
  });
}

describe('items built from the scan are the nodes xml2js builds', () => {
  const xml2js = createRequire(import.meta.url)('xml2js') as { Parser: new (options: object) => { parseStringPromise(text: string): Promise<any> } };
  /** The items of a document as rss-parser's xml2js gives them to its item parser, with the scan's canonical names. */
  const xml2jsItems = async (text: string, canonicalName: (name: string) => string) => {
    const result = await new xml2js.Parser({ strict: true, tagNameProcessors: [canonicalName], attrNameProcessors: [canonicalName] }).parseStringPromise(text);
    return result.feed?.entry ?? result['rdf:RDF']?.item ?? result.rss.channel[0].item;
  };
  const fromScan = (text: string) => {
    const scan = fastScan(text, null, canonicalFeedNaming)!;
    const canonicalName = makeNameCanonicaliser(scan.prefixes, isAtomRoot(scan.rootName!, scan.rootUri));
    const root = scan.document.children![0]!;
    const container = root.name === 'rss' ? root.children!.find((child) => child.name === 'channel')! : root;
    const items = container.children!.filter((child) => child.name === 'item' || child.name === 'entry');
    return { canonicalName, nodes: items.map((item) => xml2jsFields(scan, item, canonicalName, () => true, '')) };
  };
  /** xml2js's item node cut as xml2jsFields cuts it: the item's own text is never read. */
  const withoutText = (node: unknown) => (typeof node === 'object' && node !== null ? Object.fromEntries(Object.entries(node).filter(([key]) => key !== '_')) : {});

  it('on generated documents, field by field and attribute by attribute', async () => {
    for (const text of generatedFeeds(300)) {
      const { canonicalName, nodes } = fromScan(text);
      expect(nodes, text).toEqual((await xml2jsItems(text, canonicalName)).map(withoutText));
    }
  });

  it('leaves to rss-parser what a plain object cannot hold as xml2js holds it', () => {
    const text = '<rss version="2.0"><channel><item><title><__proto__>x</__proto__></title></item></channel></rss>';
    const scan = fastScan(text, null, canonicalFeedNaming)!;
    const item = scan.document.children![0]!.children![0]!.children![0]!;
    expect(() => xml2jsFields(scan, item, (name) => name, () => true, '')).toThrow(NotInSubset);
  });
});

describe('references read without a pattern match give what the pattern gave', () => {
  /** decodeCharacterData as it was, every reference read by the pattern. */
  const referenceDecode = (data: string): string | null => {
    const pattern = /&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/y;
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    let out = '';
    let position = 0;
    for (let amp = data.indexOf('&'); amp >= 0; amp = data.indexOf('&', position)) {
      pattern.lastIndex = amp;
      const ref = pattern.exec(data)?.[1];
      if (ref === undefined) return null;
      const code = ref[0] !== '#' ? -1 : ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      const decoded = named[ref] ?? (isXmlChar(code) ? String.fromCodePoint(code) : null);
      if (decoded === null) return null;
      out += data.slice(position, amp) + decoded;
      position = pattern.lastIndex;
    }
    return out + data.slice(position);
  };
  const PIECES = ['&', 'amp', 'amp;', '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&lt', '&l;', '&gt ', '&ap;', '&apos', '&quo;', '&Amp;', '&LT;',
    '&#65;', '&#x41;', '&#x;', '&#0;', '&#1114112;', '&#xD800;', '&nbsp;', 'l', 't', 'g', 'q', 'a', ';', '#', 'x', ' ', 'é', '😀'];
  const random = (seed: number, count: number) => {
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    return Array.from({ length: count }, () => Array.from({ length: next() % 12 }, () => PIECES[(next() >>> 8) % PIECES.length]).join(''));
  };

  it('in character data, and in what the fast scan accepts', () => {
    for (const data of random(97, 5000)) {
      const expected = referenceDecode(data);
      expect(decodeCharacterData(data), JSON.stringify(data)).toBe(expected);
      // the scan accepts text, and an attribute value, exactly when every reference in it reads
      expect(fastScan(`<r a="${data}">${data}</r>`, null, undefined) !== null, JSON.stringify(data)).toBe(expected !== null);
    }
  });
});

describe('the fast XML scan on deep nesting', () => {
  it('resolves prefixes at any depth without walking back up the tree', () => {
    const depth = 150_000;
    const xml = `<root xmlns:n="urn:n">${'<n:a>'.repeat(depth)}<n:b xmlns:n="urn:other"/>${'</n:a>'.repeat(depth)}</root>`;
    const scan = fastScan(xml, null, undefined);
    expect(scan).not.toBeNull();
    let element = scan!.document.children![0]!;
    let parent = element;
    while (element.children?.[0]) [parent, element] = [element, element.children[0]];
    expect([parent.name, parent.uri, element.name, element.uri]).toEqual(['n:a', 'urn:n', 'n:b', 'urn:other']);
    // A bound against a blow-up, not a speed target: about a tenth of a second; the walk up made it 25 s.
  }, 5_000);

  // Elements more than MAX_DEPTH deep are first only checked, then the document is scanned again, whole.
  const deep = (depth: number, inner: string) => `<r xml:base="https://a.example/">${'<x xml:base="d/">'.repeat(depth)}${inner}${'</x>'.repeat(depth)}</r>`;

  it('gives what sax gives on a well-formed document nested far deeper than MAX_DEPTH, prefixes and bases declared down there', () => {
    const text = deep(MAX_DEPTH * 4, '<p:y xmlns:p="urn:p" xml:base="e/"><p:z>text &amp; more</p:z><w xmlns="urn:w"/></p:y>');
    const fast = fastScan(text, null, undefined);
    expect(fast).not.toBeNull();
    expect(plain(fast)).toEqual(plain(saxScan(text, null, undefined)));
    expect(elementsByPath(fast!).at(-1)?.[1]).toMatchObject({ uri: 'urn:w', inner: '' });
  });

  it.each([
    ['left open below MAX_DEPTH', `<r>${'<x>'.repeat(MAX_DEPTH * 2)}</r>`],
    ['closed out of order below MAX_DEPTH', deep(MAX_DEPTH + 10, '<a><b></a></b>')],
    ['using a prefix past the end of the element that bound it, below MAX_DEPTH', deep(MAX_DEPTH + 10, '<y xmlns:p="urn:p"></y><p:z/>')],
    ['using a prefix past a self-closing element that bound it, below MAX_DEPTH', deep(MAX_DEPTH + 10, '<y xmlns:p="urn:p"/><p:z/>')],
    ['with a stray ampersand below MAX_DEPTH', deep(MAX_DEPTH + 10, 'Q&A')],
  ])('declines a document %s, leaving it to sax', (_what, text) => {
    expect(fastScan(text, null, undefined)).toBeNull();
    expect(saxScan(text, null, undefined).errorTally.size).toBeGreaterThan(0);
  });
});

describe('the fast XML scan gives what the sax scan gives', () => {
  it.each(feedFixtures.map((file) => [path.basename(file), file]))('on %s', (_name, file) => {
    const text = decodeFeedBytes(readFileSync(file)).text;
    for (const naming of [undefined, canonicalFeedNaming]) {
      const fast = fastScan(text, 'https://example.org/base/', naming);
      const slow = saxScan(text, 'https://example.org/base/', naming);
      // a document the fast scanner declines is one sax finds fault with, or one outside its subset
      if (fast) expect(plain(fast)).toEqual(plain(slow));
      else expect(file).toMatch(/malformed|reused|html|rss091/);
    }
  });

  it('on namespaces, xml:base chains, self-closing tags, comments, CDATA and character references', () => {
    const text = `<?xml version="1.0"?>
<!DOCTYPE feed>
<!-- a comment -->
<a:feed xmlns:a="http://www.w3.org/2005/Atom" xmlns:x="http://www.w3.org/1999/xhtml" xml:base="http://example.org/root/">
  <a:entry xml:base="sub/"><a:title type="xhtml"><x:div>Hello &amp; <x:b>world</x:b>&#x2019;</x:div></a:title>
    <a:link href="p.html" rel="alternate"/><a:content><![CDATA[<p>x < y</p>]]></a:content></a:entry>
  <a:entry xml:base="http://other.example/&amp;x/"><a:id >tag:2</a:id ></a:entry>
</a:feed>`;
    const fast = fastScan(text, 'https://doc.example/', canonicalFeedNaming);
    expect(fast).not.toBeNull();
    expect(plain(fast)).toEqual(plain(saxScan(text, 'https://doc.example/', canonicalFeedNaming)));
    expect(closedChild(closedChild(closedChild(fast?.document, 'feed'), 'entry'), 'title')?.base).toBe('http://example.org/root/sub/');
  });

  it.each([
    ['an unclosed root', '<rss><channel></channel>'],
    ['a mismatched end tag', '<rss><channel></chanel></rss>'],
    ['an HTML entity', '<rss><title>caf&eacute;</title></rss>'],
    ['a stray ampersand', '<rss><title>Q&A</title></rss>'],
    ['an unbound prefix', '<rss><dc:creator>x</dc:creator></rss>'],
    ['an unquoted attribute', '<rss version=2.0></rss>'],
    ['a duplicate attribute', '<rss a="1" a="2"></rss>'],
    ['text after the root', '<rss></rss>trailing'],
    ['an internal DTD subset', '<!DOCTYPE rss [<!ENTITY x "y">]><rss/>'],
  ])('declines %s, leaving it to sax', (_what, text) => {
    expect(fastScan(text, null, undefined)).toBeNull();
  });

  // Not well-formed, though each passes a quick look: the document would be reported well-formed if the fast
  // scanner read it, and the skeleton parse relies on that report.
  it.each([
    ['a reference to a character XML does not allow', '<rss><title>&#0;</title></rss>'],
    ['a reference to a surrogate', '<rss><title>&#xD800;</title></rss>'],
    ['a reference in an attribute to a character XML does not allow', '<rss a="&#x1;"></rss>'],
    ['a comment ending in a hyphen', '<rss><!-- a ---></rss>'],
    ['a non-XML space before the end of an end tag', '<rss><title>t</title\u00a0></rss>'],
    ['a non-XML space in a start tag', '<rss><channel\u2028></channel></rss>'],
  ])('declines %s, which sax finds fault with', (_what, text) => {
    expect(fastScan(text, null, undefined)).toBeNull();
    expect(saxScan(text, null, undefined).errorTally.size).toBeGreaterThan(0);
  });
});

describe('the fast URL resolution gives what the URL parser gives', () => {
  const base = 'https://news.example.org/world/feed.xml';
  it.each([
    'https://example.com/a/b.html?x=1&y=2#top',
    '/2026/06/story.html',
    '/a/./b',
    '/a/../b',
    '/a/%2e%2E/b',
    '/.',
    '//cdn.example.net/x.js',
    'HTTPS://Example.COM/A',
    'https://example.com',
    'https://example.com:443/x',
    'https://example.com:8080/x',
    'https://user@example.com/x',
    'https://xn--caf-dma.example/x',
    'https://127.1/x',
    'https://example.com/a b',
    "https://example.com/?q='x'",
    'https://example.com/a\\b',
    'relative/path.html',
    '?only=query',
  ])('%s', (ref) => {
    expect(resolveUrl(ref, base)).toBe(new URL(ref, base).href);
  });

  it('a root-relative link keeps the base port', () => {
    expect(resolveUrl('/x', 'http://127.0.0.1:8123/feed')).toBe('http://127.0.0.1:8123/x');
  });
});

describe('whitespace collapsing that leaves lone spaces alone gives what collapsing every run gives', () => {
  it.each(['a b c', '  a  b  ', 'a\tb', 'a\n\nb', 'a \t\r\n\f b', '\ta', 'a\f', 'a\u00a0 \u00a0b', ' ', '', 'a \n'])('%j', (text) => {
    expect(collapseWhitespace(text)).toBe(text.replace(/[ \t\n\r\f]+/g, ' ').trim());
  });
});

describe('rewriting only the tags that have a URL attribute gives what rewriting every start tag gives', () => {
  const base = 'https://news.example.org/world/feed.xml';
  /** The general form: every start tag through the attribute rewriting. */
  const everyTag = (html: string) =>
    html.replace(/<[A-Za-z][^>]*>/g, (tag) =>
      tag.replace(/(\s(?:href|src|cite|action|background|longdesc|poster|usemap|codebase|data|profile|formaction|icon|manifest)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi, (_whole, lead: string, dq?: string, sq?: string, bare?: string) => {
        const raw = dq ?? sq ?? bare ?? '';
        const resolved = resolveUrl(decodeEntities(raw), base) ?? raw;
        const quote = sq !== undefined ? "'" : '"';
        const escaped = resolved.replace(/&/g, '&amp;');
        return `${lead}${quote}${quote === '"' ? escaped.replace(/"/g, '&quot;') : escaped.replace(/'/g, '&#39;')}${quote}`;
      }),
    );
  it.each([
    '<p>text <a href="/a?x=1&amp;y=2">link</a> and <img alt="a>b" src="i.png"> <IMG SRC=pic.jpg></p>',
    "<blockquote cite='q.html'><p class=\"x\" data-src=\"no.png\" data = 'd'>x</p></blockquote>",
    '<a title="has href= in it">t</a><a\nhref="nl.html">n</a><a href=>empty</a><br/>',
    '<video poster="p.jpg"><source src="v.mp4"></video><form action="/post"></form><p>no tags with URLs</p>',
  ])('%s', (html) => {
    expect(resolveHtmlUrls(html, base)).toBe(everyTag(html));
  });
});

describe('the RFC 1123 date shortcut', () => {
  it.each([
    ['Tue, 09 Jun 2026 10:00:00 GMT', '2026-06-09T10:00:00.000Z'],
    ['9 Jun 2026 10:00:00 +0200', '2026-06-09T08:00:00.000Z'],
    ['Tue, 09 Jun 2026 10:00:00 -0500', '2026-06-09T15:00:00.000Z'],
    ['Tue, 09 Jun 2026 10:00:00 UT', '2026-06-09T10:00:00.000Z'],
  ])('%s', (value, expected) => {
    expect(parseFeedDate(value)).toBe(expected);
  });

  it('an impossible date is left to the general readers, as before', () => {
    expect(parseFeedDate('Sat, 31 Feb 2026 10:00:00 GMT')).toBe(parseFeedDate('Sat, 31 Feb 2026 10:00:00 gmt'));
  });
});

describe('dates written without toISOString', () => {
  it('isoString gives what toISOString gives, over the whole range of a Date', () => {
    let seed = 11;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const edges = [0, -0, 1, -1, 999, -1000, 951_782_400_000, 4_107_542_399_999, -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, 8.64e15, -8.64e15];
    const spread = Array.from({ length: 200_000 }, () => Math.floor((random() * 2 - 1) * 8.64e15));
    const nearNow = Array.from({ length: 50_000 }, () => Math.floor(random() * 4e12));
    for (const ms of [...edges, ...spread, ...nearNow]) {
      if (isoString(ms) !== new Date(ms).toISOString()) expect({ ms, iso: isoString(ms) }).toEqual({ ms, iso: new Date(ms).toISOString() });
    }
  });

  it('toIso refuses a day the month does not have, and reads every other, as its Date-based check did', () => {
    /**
     * toIso as it was: a Date for the instant, another for the day's check, toISOString for the text; with the times it
     * reads (24:00:00 the day's end, a leap second 60).
     */
    const before = (year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number) => {
      if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || (hour === 24 && minute + second > 0) || minute > 59 || second > 60) return null;
      const date = new Date(Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000);
      if (Number.isNaN(date.getTime())) return null;
      if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
      return date.toISOString();
    };
    const years = [-271_821, -1, 0, 4, 50, 99, 100, 400, 1600, 1900, 1970, 2000, 2024, 2025, 2100, 2400, 9999, 10_000, 275_760, 275_761];
    for (const year of years) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          for (const [hour, minute, second, offset] of [[0, 0, 0, 0], [23, 59, 60, 840], [24, 0, 0, -720], [24, 0, 61, -720], [25, 60, 62, 0]]) {
            const read = toIso(year, month, day, hour!, minute!, second!, offset!);
            const expected = before(year, month, day, hour!, minute!, second!, offset!);
            if (read !== expected) expect({ year, month, day, hour, offset, read }).toEqual({ year, month, day, hour, offset, read: expected });
          }
        }
      }
    }
  });
});

describe('rss-parser over the skeleton of a document gives what it gives over the whole document', () => {
  const base = 'https://news.example.org/feed';
  const long = (text: string) => `${text} ${'lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(3)}`;
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  /**
   * The feed read three ways: with its items from the scan, through the skeleton, and whole, the reference. A failure
   * is a value too, since all ways must fail alike.
   */
  const allWays = (text: string) =>
    Promise.all((['items', 'skeleton', 'none'] as const).map((shortcut) => parseXmlFeed(text, { documentBase: base, shortcut }).catch((error: Error) => ({ error: error.message }))));
  const itemsOf = (feed: unknown) => (feed as { items: { summary: string | null; content: string | null }[] }).items;
  it.each(feedFixtures.map((file) => [path.basename(file), file]))('on %s', async (_name, file) => {
    const text = decodeFeedBytes(readFileSync(file)).text;
    const [items, skeleton, whole] = await allWays(text);
    expect(skeleton).toEqual(whole);
    expect(items).toEqual(whole);
  });

  const rss = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>News</title><link>https://news.example.org/</link>
<item><title>CDATA and escaped bodies</title><link>/a</link><guid>urn:a</guid>
  <description><![CDATA[${long('<p>Summary with <a href="/rel">a relative link</a> & a stray ampersand</p>')}]]></description>
  <content:encoded>${escape(long('<p>Caf&eacute; &#8220;quoted&#8221; &#x1F600; <img src="/i.png"></p>'))} &#233;&#xE9; &quot;&apos;</content:encoded></item>
<item><title>Attributes and mixed sections</title><link>/b</link>
  <description type="html" xml:lang="en">${escape(long('<p>before'))}<![CDATA[<b>inside</b>]]>${escape(long(' after</p>'))}</description>
  <content:encoded xml:base="https://other.example/dir/"><![CDATA[${long('<p><a href="page.html">based link</a></p>')}]]></content:encoded></item>
<item><title>Whitespace only</title><link>/c</link>
  <description kind="blank">${' \n\t'.repeat(60)}</description>
  <content:encoded><![CDATA[${' '.repeat(150)}]]></content:encoded>
  <dc:description>${'\u00a0 '.repeat(70)}</dc:description></item>
<item><title>Two descriptions, a comment, CRLF</title><link>/d</link>
  <description>${escape(long('first <i>one</i>'))}\r\n</description>
  <description>${escape(long('second'))}</description>
  <content:encoded>${escape(long('<p>text'))}<!-- a comment keeps this field whole -->${escape(long('more</p>'))}</content:encoded></item>
<item><title>Short</title><link>/e</link><description>too short to empty</description></item>
</channel></rss>`;

  it('on CDATA, entities, character references, attributes, whitespace, repeated fields and comments', async () => {
    // the fields the skeleton empties: all long text-only ones (not the commented one, not the short one)
    expect(feedSkeleton(rss)?.fields.map((field) => `${field.item}:${field.name}#${field.index}`)).toEqual([
      '0:description#0', '0:content:encoded#0', '1:description#0', '1:content:encoded#0', '2:description#0', '2:content:encoded#0',
      '2:dc:description#0', '3:description#0', '3:description#1',
    ]);
    const [items, skeleton, whole] = await allWays(rss);
    expect(skeleton).toEqual(whole);
    expect(items).toEqual(whole);
    expect(itemsOf(skeleton)[0]?.content).toContain('<p>Caf&eacute; &#8220;quoted&#8221; &#x1F600; <img src="https://news.example.org/i.png"></p>');
    expect(itemsOf(skeleton)[0]?.content).toMatch(/ éé "'$/);
    expect(itemsOf(skeleton)[1]?.content).toContain('href="https://other.example/dir/page.html"');
  });

  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example.org/">
<title>News</title><id>tag:news</id><updated>2026-06-09T12:00:00Z</updated>
<entry><id>tag:1</id><title type="html">${escape('An <em>HTML</em> title')}</title><link href="/1"/><updated>2026-06-09T12:00:00Z</updated>
  <summary type="text">${escape(long('Plain text with <tags> that stay text & ampersands'))}</summary>
  <content type="html">${escape(long('<p>Escaped <a href="x.html">HTML</a></p>'))}</content></entry>
<entry><id>tag:2</id><title>XHTML</title><link href="/2"/><updated>2026-06-09T12:00:00Z</updated>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${long('<p>Inline <b>markup</b> is left to rss-parser</p>')}</div></content></entry>
<entry><id>tag:3</id><title>Base64</title><link href="/3"/><updated>2026-06-09T12:00:00Z</updated>
  <content type="application/octet-stream">${Buffer.from(long('<p>binary content</p>')).toString('base64')}</content></entry>
</feed>`;

  it('the refilled item nodes are the nodes xml2js builds from the whole document', async () => {
    // xml2js is what rss-parser parses with; its nodes are what the normaliser reads
    const xml2js = createRequire(import.meta.url)('xml2js') as { Parser: new (options: object) => { parseStringPromise(text: string): Promise<any> } };
    const parse = (text: string) => new xml2js.Parser({ strict: true }).parseStringPromise(text);
    const skeleton = feedSkeleton(rss)!;
    const hollowed = (await parse(skeleton.text)).rss.channel[0].item;
    expect(refillItemBodies(hollowed, skeleton.fields, '')).toBe(true);
    expect(hollowed).toEqual((await parse(rss)).rss.channel[0].item);
    // a node that is not empty where the scan says a field was emptied means the two do not line up
    expect(refillItemBodies(hollowed, skeleton.fields, '')).toBe(false);
  });

  it('on Atom text constructs: text, escaped HTML, inline XHTML and Base64', async () => {
    expect(feedSkeleton(atom)?.fields.map((field) => `${field.item}:${field.name}`)).toEqual(['0:summary', '0:content', '2:content']);
    const [items, skeleton, whole] = await allWays(atom);
    expect(skeleton).toEqual(whole);
    expect(items).toEqual(whole);
    expect(itemsOf(skeleton)[0]?.summary).toContain('Plain text with &lt;tags&gt; that stay text &amp; ampersands');
    expect(itemsOf(skeleton)[2]?.content).toContain('<p>binary content</p>');
  });

  it("pairs rss-parser's items with the elements it read them from, by root name, when the namespace says otherwise", async () => {
    // An `rss` root in the Atom namespace: rss-parser reads the channel's items, not the root's entries.
    const body = 'x'.repeat(130);
    const text = `<rss xmlns="http://www.w3.org/2005/Atom"><channel><item><title>t</title><summary/></item></channel><entry><summary>${body}</summary></entry></rss>`;
    const [items, skeleton, whole] = await allWays(text);
    expect(skeleton).toEqual(whole);
    expect(items).toEqual(whole);
    expect(itemsOf(skeleton)[0]?.summary).toBeNull();
  });

  it('a character reference sax rejects is left in place, so the document takes the recovery path either way', async () => {
    const text = rss.replace('&#233;&#xE9;', '&#0;&#xFFFE;');
    // the scan now finds such a document not well-formed, so there may be no skeleton at all
    expect(feedSkeleton(text)?.fields.map((field) => `${field.item}:${field.name}`) ?? []).not.toContain('0:content:encoded');
    const [items, skeleton, whole] = await allWays(text);
    expect(skeleton).toEqual(whole);
    expect(items).toEqual(whole);
    expect(skeleton).toMatchObject({ bozo: true, warnings: expect.arrayContaining(["recovered after repairing 2 references to characters XML forbids"]) });
  });

  it('on generated documents: RSS, RDF and Atom, body fields of every kind built from the pieces most likely to differ', async () => {
    let emptied = 0;
    let fromScan = 0;
    for (const text of generatedFeeds(600)) {
      emptied += feedSkeleton(text)?.fields.length ?? 0;
      if (readsItemsFromScan(text)) fromScan++;
      const [fromItems, skeleton, whole] = await allWays(text);
      expect(skeleton, text).toEqual(whole);
      expect(fromItems, text).toEqual(whole);
    }
    // the comparison is only worth something if the skeleton emptied many fields and most items came from the scan
    expect(emptied).toBeGreaterThan(100);
    expect(fromScan).toBeGreaterThan(450);
  });

  it('an item the scan cannot build, after items it has built and read, sends the whole document the slower way', async () => {
    // items are built from the scan as they are read: the ones before it were read already, and are read again
    const item = (i: number) => `<item><title>Story ${i} &amp; more</title><link>/s/${i}</link><description>${escape(long(`<p>Body ${i}</p>`))}</description><pubDate>Tue, 09 Jun 2026 12:0${i}:00 GMT</pubDate></item>`;
    // xml2js itself fails on a child element named `_`: then every way fails alike
    const odd = { proto: '<title><__proto__>x</__proto__></title>', deep: `<title>t</title><x>${'<y>'.repeat(210)}z${'</y>'.repeat(210)}</x>`, underscore: '<title>a<_>b</_></title>' };
    for (const [kind, markup] of Object.entries(odd)) {
      const text = `<rss version="2.0"><channel><title>C</title>${[0, 1, 2].map(item).join('')}<item>${markup}<link>/odd</link><pubDate>not a date</pubDate></item>${item(3)}</channel></rss>`;
      const [items, skeleton, whole] = await allWays(text);
      expect(items, kind).toEqual(whole);
      expect(skeleton, kind).toEqual(whole);
      if (kind === 'underscore') continue;
      // each date read once, the odd item's unreadable one counted once
      expect(whole, kind).toMatchObject({ warnings: ['1 date could not be read (the first: "not a date"), so its item lacks that date'] });
      expect(itemsOf(whole), kind).toHaveLength(5);
    }
  });

  it('textContent reads character data and CDATA, and declines anything else', () => {
    expect(textContent('a &amp; b &lt;&#x41;&#66;<![CDATA[ <c> &amp; ]]>')).toEqual({ text: 'a & b <AB <c> &amp; ', cdata: true });
    expect(textContent('<![CDATA[]]>  ')).toEqual({ text: '  ', cdata: false });
    for (const markup of ['a <b>c</b>', 'a <!-- c -->', 'a <?pi x?>', '&eacute;', '&#0;', '&#xD800;', '&#X41;', 'a & b', '<![CDATA[ unclosed']) {
      expect(textContent(markup)).toBeNull();
    }
  });
});
