import { describe, expect, it } from 'vitest';
import { DateReader, parseFeedDate } from '../../../src/ingest/feed/normalise.ts';
import { parseFeed } from '../../../src/ingest/feed/parse-feed.ts';

describe('parseFeedDate: a date given without a time is the date alone', () => {
  it.each([
    ['2026-06-01', '2026-06-01'], // W3CDTF date
    ['20260601', '2026-06-01'], // compact
    ['2026-06', '2026-06-01'], // a month: its first day, as before, but no invented time
    ['2026', '2026-01-01'],
    ['Mon, 01 Jun 2026', '2026-06-01'], // RFC 822 without the time
    ['1 Jun 2026', '2026-06-01'],
    ['June 1, 2026', '2026-06-01'],
    ['June 1, 2026 EST', '2026-06-01'], // a zone without a time says where the day is, not which instant
    ['2026-06-01 GMT', '2026-06-01'], // read by the last resort
    ['Mon Jun 01 2026 GMT+0200', '2026-06-01'], // Date.parse alone makes this 22:00 on 31 May
    ['Monday 2026-06-01 GMT-5', '2026-06-01'],
    ['2026-02-30', null], // still no 30 February
    ['Feb 30, 2026', null],
  ])('%s → %s', (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it.each([
    ['2026-06-01T00:00:00Z', '2026-06-01T00:00:00.000Z'], // a time, even midnight, keeps its instant
    ['2026-06-01T10:19', '2026-06-01T10:19:00.000Z'], // a time without a zone is UTC, as before
    ['Mon, 01 Jun 2026 00:00:00 GMT', '2026-06-01T00:00:00.000Z'],
    ['Mon, 01 Jun 2026 10:19 EDT', '2026-06-01T14:19:00.000Z'],
    ['Mon Jun 01 2026 10:19:00 GMT+0200', '2026-06-01T08:19:00.000Z'],
  ])('%s with a time → %s', (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it('takes the Unix epoch written as a date for no date, as the zero timestamp', () => {
    const dates = new DateReader();
    expect(dates.read('1970-01-01')).toBeNull();
    expect(dates.read('1970-01-01T00:00:00Z')).toBeNull();
    expect(dates.warnings()).toEqual([expect.stringContaining('2 dates were the Unix epoch')]);
  });
});

describe('parseFeed: dates without a time in every format', () => {
  const url = 'https://feeds.example.org/feed';
  const read = async (body: string, type = 'application/xml') =>
    (await parseFeed(Buffer.from(body), { url, headers: { 'Content-Type': type } })).items.map((item) => [item.published, item.updated]);

  it('RSS', async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
      <item><title>A</title><link>https://example.org/a</link><pubDate>Mon, 01 Jun 2026</pubDate><dc:date>2026-06-02</dc:date></item>
      <item><title>B</title><link>https://example.org/b</link><pubDate>Mon, 01 Jun 2026 10:19:00 GMT</pubDate></item>
    </channel></rss>`;
    expect(await read(rss)).toEqual([['2026-06-01', '2026-06-02'], ['2026-06-01T10:19:00.000Z', null]]);
  });

  it('Atom', async () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:t</id>
      <entry><title>A</title><id>urn:a</id><link href="https://example.org/a"/><published>2026-06-01</published><updated>2026-06-03</updated></entry>
    </feed>`;
    expect(await read(atom)).toEqual([['2026-06-01', '2026-06-03']]);
  });

  it('JSON Feed', async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1', title: 'T',
      items: [{ id: 'a', url: 'https://example.org/a', title: 'A', date_published: '2026-06-01', date_modified: '2026-06-02T08:00:00Z' }],
    });
    expect(await read(json, 'application/feed+json')).toEqual([['2026-06-01', '2026-06-02T08:00:00.000Z']]);
  });

  it('a news sitemap', async () => {
    const sitemap = `<?xml version="1.0" encoding="UTF-8"?>
      <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://example.org/a</loc><lastmod>2026-06-02</lastmod><news:news>
        <news:publication><news:name>P</news:name><news:language>en</news:language></news:publication>
        <news:publication_date>2026-06-01</news:publication_date><news:title>A</news:title>
      </news:news></url></urlset>`;
    expect(await read(sitemap)).toEqual([['2026-06-01', '2026-06-02']]);
  });
});
