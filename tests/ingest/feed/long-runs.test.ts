import { describe, expect, it } from 'vitest';
import { charsetFromContentType } from '../../../src/ingest/feed/decode.ts';
import { parseFeed } from '../../../src/ingest/feed/parse-feed.ts';

/**
 * A hostile feed may hold a long run of one character where a pattern looks for something after the run: each such
 * pattern is read in time linear in the run. Without that, these inputs took minutes each, with the run blocked.
 */
describe('feeds with long runs of one character', () => {
  it("read an Atom entry's XHTML after a run of spaces where the feed binds an SVG prefix", async () => {
    const atom =
      '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:svg="http://www.w3.org/2000/svg"><title>T</title><id>urn:x</id>' +
      `<entry><title>Entry</title><id>urn:e1</id><link href="https://example.org/a"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>a${' '.repeat(1_000_000)}b</p></div></content></entry></feed>`;
    const feed = await parseFeed(Buffer.from(atom), { url: 'https://example.org/feed' });
    // compared without the run: a failing comparison of a megabyte string would take minutes to print
    expect(feed.items[0]!.content!.replace(/ {2,}/g, ' ')).toBe('<p>a b</p>');
  });

  it('read a feed rewritten for its nesting whose item tag has a run of spaces between its attributes', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>C</title><item a="1"${' '.repeat(500_000)}b="2"><title>Deep</title><link>https://example.org/d</link>${'<x>'.repeat(300)}</item></channel></rss>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://example.org/feed' });
    expect(feed.items.map((item) => item.link)).toEqual(['https://example.org/d']);
  });

  it.each([
    ['instructions', '<?'],
    ['instructions ended only at the end', '<?a '],
    ['comments', '<!--'],
    ['CDATA sections', '<![CDATA['],
  ])('read a title of 100,000 %s opened and never ended as text', async (_case, opening) => {
    const rss =
      '<rss version="2.0"><channel><title>F</title><item><title>A</title><link>https://e.example/a</link></item>' +
      `<item><title>X ${opening.repeat(100_000)}</title><link>https://e.example/x</link></item><item><title>B</title><link>https://e.example/b</link></item></channel></rss><?z ?>`;
    const feed = await parseFeed(Buffer.from(rss), { url: 'https://e.example/feed' });
    expect(feed.items.map((item) => item.link)).toEqual(['https://e.example/a', 'https://e.example/x', 'https://e.example/b']);
    expect(feed.items[1]!.title!.length).toBe(`X ${opening.repeat(100_000)}`.trim().length);
  });

  it('read a Content-Type whose charset parameter is a run of tabs', () => {
    expect(charsetFromContentType(`text/html;charset=${'\t'.repeat(600_000)}`)).toBeNull();
    expect(charsetFromContentType('text/html; charset= "Windows-1251"')).toBe('windows-1251');
  });
});
