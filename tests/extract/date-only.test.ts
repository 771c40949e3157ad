import { describe, expect, it } from 'vitest';
import { findDate, readWholeDate } from '../../src/extract/date-text.ts';
import { extractHtml } from '../../src/extract/html.ts';
import { normalizeDate } from '../../src/extract/html/dates.ts';
import { extractPlainText, parseDateline } from '../../src/extract/plain-text.ts';

describe('dates written for people, without a time: the date alone', () => {
  it.each([
    ['June 5, 2026', '2026-06-05'],
    ['5 June 2026', '2026-06-05'],
    ['2026-06-05', '2026-06-05'],
    ['2026/06/05', '2026-06-05'],
    ['25/06/2026', '2026-06-25'],
    ['Friday, June 5, 2026 EDT', '2026-06-05'], // a zone without a time changes nothing
    ['June 5, 2026 10:19 AM', '2026-06-05T10:19:00.000Z'], // with a time, the instant as before
    ['June 5, 2026 at 12:00 AM EDT', '2026-06-05T04:00:00.000Z'],
    ['2026-06-05 00:00', '2026-06-05T00:00:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(readWholeDate(text)).toBe(expected);
    expect(findDate(`Published ${text} by the desk`)?.iso).toBe(expected);
  });

  it('gives no date for a day the month does not have', () => {
    expect(readWholeDate('June 31, 2026')).toBeNull();
    expect(normalizeDate('2026-06-31')).toBeNull(); // Date.parse rolled it into 1 July
  });
});

describe('page metadata and datelines without a time', () => {
  const body = `<p>${'Researchers at two frontier AI labs signed an open letter calling for a global pause on training runs. '.repeat(4)}</p>`;

  it.each([
    ['JSON-LD datePublished', `<script type="application/ld+json">{"@type":"NewsArticle","headline":"A","datePublished":"2026-06-01"}</script>`, ''],
    ['a meta tag', '<meta property="article:published_time" content="2026-06-01">', ''],
    ['a written meta date', '<meta name="pubdate" content="June 1, 2026">', ''],
    ['a <time datetime>', '', '<time datetime="2026-06-01">1 June</time>'],
  ])('%s', (_what, head, dateline) => {
    const html = `<html><head><title>A</title>${head}</head><body><article><h1>A</h1>${dateline}${body}</article></body></html>`;
    expect(extractHtml(html, {}).publishedAt).toBe('2026-06-01');
  });

  it('keeps the time of a meta date that has one, midnight included', () => {
    expect(normalizeDate('2026-06-01T00:00:00Z')).toBe('2026-06-01T00:00:00.000Z');
    expect(normalizeDate('2026-06-01T09:30:00-04:00')).toBe('2026-06-01T13:30:00.000Z');
    expect(normalizeDate('1985-06-01')).toBeNull(); // outside the plausible years, as timestamps are
  });

  it("reads a meta date written with its place's zone, as a feed's date is read", () => {
    const html = `<html><head><title>A</title><meta property="article:published_time" content="2026-10-25 02:30 Europe/Brussels"></head><body><article><h1>A</h1>${body}</article></body></html>`;
    // the second 02:30 of the night the clocks went back: the first is taken, at summer time
    expect(extractHtml(html, {}).publishedAt).toBe('2026-10-25T00:30:00.000Z');
    expect(normalizeDate('2026-06-05 10:19 America/New_York')).toBe('2026-06-05T14:19:00.000Z');
  });

  it('reads a plain-text dateline as the day', () => {
    expect(parseDateline('2026-06-01')?.iso).toBe('2026-06-01');
    const article = extractPlainText(`Scientists renew their call for a pause\n\nBy Dana Whitfield\n\nJune 5, 2026\n\n${body.slice(3, -4)}\n`);
    expect(article.publishedAt).toBe('2026-06-05');
  });
});
