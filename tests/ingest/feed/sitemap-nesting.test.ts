import { describe, expect, it } from 'vitest';
import { boundNesting, MAX_DEPTH } from '../../../src/ingest/feed/bound-nesting.ts';
import { parseFeed } from '../../../src/ingest/feed/parse-feed.ts';

const head = '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n';
const entry = (i: number, closed = true) =>
  `<url><loc>https://news.example/${i}</loc><news:news><news:publication><news:name>N</news:name></news:publication>` +
  `<news:publication_date>2026-06-05T10:00:00Z</news:publication_date><news:title>Labs weigh a pause, part ${i}</news:title></news:news>${closed ? '</url>' : ''}\n`;
const url = 'https://news.example/sitemap.xml';
const sitemapEntries = { entries: ['url'], containers: [] };
const read = (xml: string) => parseFeed(Buffer.from(xml), { url });

/** The deepest nesting of open elements in `xml`, a close tag closing up to the nearest open element of its name. */
function depthOf(xml: string): number {
  const open: string[] = [];
  let deepest = 0;
  for (const [, slash, name, selfClosing] of xml.matchAll(/<(\/?)([^\s/<>!?"'=]+)[^<>]*?(\/?)>/g)) {
    if (slash) {
      const match = open.lastIndexOf(name!);
      if (match >= 0) open.length = match;
    } else if (!selfClosing) {
      deepest = Math.max(deepest, open.push(name!));
    }
  }
  return deepest;
}

describe('news sitemaps nested beyond bounds', () => {
  it('reads every entry of a sitemap whose 3000 <url> entries are all left open, as if they were closed, and says why', async () => {
    const closed = await read(head + Array.from({ length: 3000 }, (_v, i) => entry(i)).join('') + '</urlset>');
    const open = await read(head + Array.from({ length: 3000 }, (_v, i) => entry(i, false)).join('') + '</urlset>');
    expect(open.items).toEqual(closed.items);
    expect(open).toMatchObject({ wellFormed: false, bozo: true });
    // <urlset> is 1 deep, the k-th <url> (on line 3 + k) k + 2 and its <news:name> k + 5: 257 at k = 252, column 70
    expect(open.warnings).toEqual([
      `not well-formed XML: elements nest more than ${MAX_DEPTH} deep at line 255, column 70; read with each <url> closed where the next begins, close tags matched to the elements they close`,
    ]);
  });

  it('reads the entries of a sitemap that opens 20,000 <url><news:news><news:title> without closing them, where the parser ran out of stack', async () => {
    const xml = head + entry(0) + Array.from({ length: 20_000 }, (_v, i) => `<url><loc>https://news.example/x${i}</loc><news:news><news:title>t`).join('') + '</urlset>';
    const feed = await read(xml);
    expect(feed.items).toHaveLength(20_001);
    expect(feed.items[0]).toMatchObject({ link: 'https://news.example/0', title: 'Labs weigh a pause, part 0' });
    expect(feed.items[1]).toMatchObject({ link: 'https://news.example/x0', title: 't' });
    expect(feed).toMatchObject({ wellFormed: false, bozo: true });
    expect(feed.warnings[0]).toMatch(/^not well-formed XML: elements nest more than 256 deep at line 4, column \d+; read with/);
  });

  it('reads the good entries around 60,000 unclosed elements, the ones beyond the depth bound as text', async () => {
    const xml = head + entry(0) + '<x>'.repeat(60_000) + entry(1) + '</urlset>';
    const feed = await read(xml);
    // the second entry sits 60,000 elements deep: its 7 start tags are text, so it is not an entry any more
    expect(feed.items.map((item) => item.link)).toEqual(['https://news.example/0']);
    // the <x> on line 4 are 2, 3, ... deep: the 256th (column 766) is the first beyond the bound, 255 are kept
    expect(feed.warnings).toEqual([
      `not well-formed XML: elements nest more than ${MAX_DEPTH} deep at line 4, column ${3 * 255 + 1}; read with each <url> closed where the next begins, close tags matched to the elements they close, ${60_000 - 255 + 7} start tags more than ${MAX_DEPTH} deep read as text`,
    ]);
  });

  it('reads a sitemap whose stray close tags each skip dozens of open elements, and says so', async () => {
    const xml = head + entry(0) + '<x>'.repeat(60) + '</y>'.repeat(5000) + entry(1) + '</urlset>';
    const feed = await read(xml);
    expect(feed.items.map((item) => item.link)).toEqual(['https://news.example/0', 'https://news.example/1']);
    expect(feed).toMatchObject({ wellFormed: false, bozo: true });
    expect(feed.warnings[0]).toMatch(/^not well-formed XML: close tags skip or miss more than \d+ open elements at line 4, column \d+; read with /);
  });

  it('leaves a good or moderately broken sitemap as it is', () => {
    const good = head + Array.from({ length: 50 }, (_v, i) => entry(i)).join('') + '</urlset>';
    const broken = good.replaceAll('</url>', '').replace('</news:title>', ' a < b & c').replace('<url>', '<url id=1>');
    expect(boundNesting(good, sitemapEntries)).toEqual({ text: good, warning: null });
    expect(boundNesting(broken, sitemapEntries)).toEqual({ text: broken, warning: null });
  });

  it('rewrites a hostile document within the depth bound, counting a tag that follows the first > of a processing instruction', () => {
    const hidden = head + '<?p > <x> ?>'.repeat(1000) + '</urlset>';
    const nested = head + '<a b="1" c=d>'.repeat(1000) + '<url>'.repeat(1000) + 'x < y' + '</b>'.repeat(1000) + '</urlset>';
    for (const xml of [hidden, nested]) {
      const bounded = boundNesting(xml, sitemapEntries);
      expect(bounded.warning).toMatch(/^not well-formed XML: elements nest more than 256 deep/);
      expect(depthOf(bounded.text)).toBeLessThanOrEqual(MAX_DEPTH);
      // every `<` left begins a tag, a comment, CDATA or a declaration: the parsers see no tag this pass did not
      expect(bounded.text.replace(/<(\/?)([^\s/<>!?"'=]+)[^<>]*?(\/?)>|<\?[^>]*>/g, '')).not.toContain('<');
    }
    expect(boundNesting(nested, sitemapEntries).text).toContain('x &lt; y');
  });

  it('writes start tags nested too deep as text, the text and stray `<` around them escaped with them and nothing lost', () => {
    const text = `<r>${'<x>a < b '.repeat(MAX_DEPTH + 44)}<!--c--></r>`;
    const { text: rewritten, warning } = boundNesting(text, { entries: [], containers: [] });
    // <r> is 1 deep, so MAX_DEPTH - 1 <x> stay elements; the rest, and every `<` that opens no tag, are text
    const kept = MAX_DEPTH - 1;
    expect(rewritten).toBe(`<r>${'<x>a &lt; b '.repeat(kept)}${'&lt;x>a &lt; b '.repeat(45)}<!--c-->${'</x>'.repeat(kept)}</r>`);
    expect(warning).toMatch(new RegExp(`, 45 start tags more than ${MAX_DEPTH} deep read as text$`));
  });
});
