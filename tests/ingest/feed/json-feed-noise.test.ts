import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/ingest/feed/parse-feed.ts';
import { sniffFeedKind } from '../../../src/ingest/feed/detect.ts';

/**
 * A JSON Feed with something around it, and JSON Feeds built to exhaust a parser. PHP prints a notice after a
 * plugin's output as readily as a warning before it: the feed is read either way, flagged, with a warning quoting
 * what was left out. A value nested 10,000 deep (20 KB of brackets) must fail no more than the item it is in.
 */

const url = 'https://wp.example/feed.json';
const VERSION = 'https://jsonfeed.org/version/1.1';
const items = [{ id: '1', url: 'https://wp.example/a', title: 'Labs back a pause' }];
const feedJson = JSON.stringify({ version: VERSION, title: 'Outlet', items });
const warning = '<br />\n<b>Warning</b>:  Cannot modify header information - headers already sent in <b>/var/www/feed.php</b> on line <b>8</b><br />\n';
const notice = '\n<br />\n<b>Deprecated</b>:  Creation of dynamic property in /var/www/wp-content/plugins/jsonfeed/feed.php on line 12<br />\n';

const read = (body: string) => parseFeed(Buffer.from(body), { url, headers: { 'content-type': 'application/feed+json' } });
const links = (feed: { items: { link: string | null }[] }) => feed.items.map((item) => item.link);
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('a JSON Feed with text after it', () => {
  it('reads the feed a PHP notice follows, flagged, with a warning quoting the start of what was ignored', async () => {
    const feed = await read(feedJson + notice);
    expect(feed).toMatchObject({ format: 'json', title: 'Outlet', bozo: true, wellFormed: true });
    expect(links(feed)).toEqual(['https://wp.example/a']);
    expect(feed.warnings).toEqual([`${notice.length} characters after the feed ignored (as PHP prints a notice after its output): "<br /> <b>Deprecated</b>: Creation of dynamic property in /var/www/wp-content/pl…"`]);
    // JSON that breaks off or goes wrong inside the feed is still refused
    await expect(read(feedJson.slice(0, -2) + notice)).rejects.toMatchObject({ code: 'parse', message: expect.stringContaining('the body looks like JSON but does not parse') });
    await expect(read(feedJson.replace('"title":"Outlet"', '"title":Outlet') + notice)).rejects.toMatchObject({ code: 'parse' });
  });

  it('quotes a bounded start of a long tail, and reads a feed a warning precedes and a notice follows', async () => {
    const tail = `\n<b>Notice</b>: ${'x'.repeat(200_000)}`;
    const feed = await read(warning + feedJson + tail);
    expect(links(feed)).toEqual(['https://wp.example/a']);
    expect(feed.warnings[0]).toMatch(/^\d+ characters before the feed skipped, as a PHP warning printed ahead of it is: /);
    const after = feed.warnings.find((text) => text.includes('after the feed ignored'))!;
    expect(after).toMatch(/^200016 characters after the feed ignored \(as PHP prints a notice after its output\): "<b>Notice<\/b>: x+…"$/);
    expect(after.length).toBeLessThan(200);
  });
});

describe('a JSON Feed after a PHP warning, whatever its first key', () => {
  it.each([
    ['"version" first', { version: VERSION, title: 'Outlet', items }],
    ['"title" first', { title: 'Outlet', version: VERSION, items }],
    ['"items" first', { items, title: 'Outlet', version: VERSION }],
    ['"version" last', { items, title: 'Outlet', version: VERSION }],
  ])('reads the feed with %s, flagged, skipping the warning (also when the key is written with an escape)', async (_case, object) => {
    for (const body of [warning + JSON.stringify(object, null, 2), warning + JSON.stringify(object).replace('"version"', '"vers\\u0069on"')]) {
      const feed = await read(body);
      expect(feed).toMatchObject({ format: 'json', title: 'Outlet', bozo: true });
      expect(links(feed)).toEqual(['https://wp.example/a']);
      expect(feed.warnings[0]).toBe(`${warning.length} characters before the feed skipped, as a PHP warning printed ahead of it is: "<br /> <b>Warning</b>: Cannot modify header information - headers already sent i…"`);
    }
  });

  it.each([
    ['an object in its text', '<b>Fatal error</b>: Uncaught Exception: {"code":403,"message":"{\\"no\\"}"} in /var/www/x.php<br />\n'],
    ['an object it breaks off in its HTML', '<b>Warning</b>: json_decode(): {"a": <br />\n'],
    ['a string it breaks off at a quote', '<b>Warning</b>: {"x": "<br />\n'],
    ['an object with a JSON Feed-like version that is not one', '<b>Notice</b>: {"version": "1.0", "items": []}<br />\n'],
    ['a thousand broken objects', `<b>Warning</b>: ${'{"a": x '.repeat(1000)}<br />\n`],
  ])('is not misled by %s in the warning', async (_case, preamble) => {
    const body = preamble + JSON.stringify({ title: 'Outlet', items, version: VERSION });
    expect(sniffFeedKind(body)).toEqual({ kind: 'json', start: preamble.length });
    const feed = await read(body);
    expect(links(feed)).toEqual(['https://wp.example/a']);
  });

  it('finds the JSON Feed in the first kilobytes discovery sniffs, and reads an RSS feed after a warning holding "{"', async () => {
    const long = JSON.stringify({ title: 'Outlet', items: Array.from({ length: 50 }, (_, n) => ({ id: String(n), title: 'x'.repeat(200) })), version: VERSION });
    expect(sniffFeedKind((warning + long).slice(0, 4096))).toEqual({ kind: 'json', start: warning.length });
    const rss = '<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><item><link>https://wp.example/r</link><title>Pause {"x": 1}</title></item></channel></rss>';
    const preamble = '<b>Warning</b>: {"x": in /var/www/x.php<br />\n';
    expect(sniffFeedKind(preamble + rss)).toMatchObject({ kind: 'xml', localName: 'rss', start: preamble.length });
    expect(links(await read(preamble + rss))).toEqual(['https://wp.example/r']);
  });
});

describe('a JSON Feed nested deeper than a parser recurses', () => {
  const hostile = (extra: string) =>
    `{"version":"${VERSION}","title":"Hostile${extra}","items":[` +
    `{"id":"1","url":"https://e.example/a","title":"pause a","_x":${deep(10_000)}},{"id":"1","url":"https://e.example/b","title":"pause b"}]}`;

  it('compares two items sharing an id when one holds a value nested 10,000 deep, and keeps both', async () => {
    const feed = await read(hostile(''));
    expect(links(feed)).toEqual(['https://e.example/a', 'https://e.example/b']);
    expect(feed.warnings).toEqual([]);
  });

  it('still keeps an item listed twice word for word once, nested value and all', async () => {
    const item = `{"id":"1","url":"https://e.example/a","title":"pause a","_x":${deep(10_000)}}`;
    const feed = await read(`{"version":"${VERSION}","items":[${item},${item}]}`);
    expect(links(feed)).toEqual(['https://e.example/a']);
    expect(feed.warnings).toEqual(['1 item listed again word for word; each kept once']);
  });

  it('replaces lone surrogates in a feed that also holds the nesting', async () => {
    const feed = await read(hostile(' \\ud800'));
    expect(feed.title).toBe('Hostile \uFFFD');
    expect(links(feed)).toEqual(['https://e.example/a', 'https://e.example/b']);
  });

  it('quotes a nested "url" that is no URL in a bounded warning', async () => {
    const feed = await read(`{"version":"${VERSION}","items":[{"id":"1","title":"pause","url":${deep(10_000)}}]}`);
    expect(feed.items).toHaveLength(1);
    expect(feed.warnings[0]).toMatch(/^item 1: "url" is not a URL string \(\[{200}…\); ignored$/);
  });
});
