import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../src/ingest/feed/decode.ts';
import { collapseWhitespace, decodeEntities, parseFeedDate, resolveHtmlUrls, resolveUrl } from '../../../src/ingest/feed/normalise.ts';
import { closedChild, fastScan, innerMarkup, isAtomRoot, makeNameCanonicaliser, saxScan, type ScannedElement, type XmlScan } from '../../../src/ingest/feed/xml-scan.ts';

/**
 * The speed-ups of the feed path are shortcuts that must give exactly what the slow, general code gives.
 * These tests compare the two on real feeds and on the inputs each shortcut is most likely to get wrong.
 */

const fixtureDirs = ['../../fixtures/feeds', '../../fixtures/run'].map((dir) => new URL(`${dir}/`, import.meta.url).pathname);
const feedFixtures = fixtureDirs.flatMap((dir) => readdirSync(dir).filter((f) => /\.(xml|atom|rss)$/.test(f)).map((f) => path.join(dir, f)));
const canonicalNaming = { atRoot: (root: { name: string; uri: string }, prefixes: Map<string, string>) => makeNameCanonicaliser(prefixes, isAtomRoot(root.name, root.uri)) };
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

describe('the fast XML scan gives what the sax scan gives', () => {
  it.each(feedFixtures.map((file) => [path.basename(file), file]))('on %s', (_name, file) => {
    const text = decodeFeedBytes(readFileSync(file)).text;
    for (const naming of [undefined, canonicalNaming]) {
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
    const fast = fastScan(text, 'https://doc.example/', canonicalNaming);
    expect(fast).not.toBeNull();
    expect(plain(fast)).toEqual(plain(saxScan(text, 'https://doc.example/', canonicalNaming)));
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
