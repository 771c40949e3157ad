import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePage, readPageBody } from '../../src/ingest/decode-page.ts';
import { decodeFeedBytes } from '../../src/ingest/feed/decode.ts';

const html = '<!doctype html><html><head><title>Pause</title></head><body><p>Frontier AI labs weigh a pause — “now”.</p></body></html>';

describe('a page labelled UTF-16 without a byte-order mark', () => {
  it('is read as UTF-16LE, as browsers read the label (WHATWG), not rejected as binary', () => {
    for (const label of ['utf-16', 'UTF16', 'ucs-2']) {
      const result = readPageBody(iconv.encode(html, 'utf-16le'), { 'content-type': `text/html; charset=${label}` });
      expect(result.problem).toBeNull();
      expect(result.page).toEqual({ text: html, encoding: 'utf-16le', warnings: [] });
    }
  });

  it('still goes by the bytes when they are ASCII-compatible, and a feed still by its byte sniffing', () => {
    expect(decodePage(Buffer.from(html), { 'content-type': 'text/html; charset=utf-16' })).toMatchObject({ text: html, encoding: 'utf-8' });
    const feed = iconv.encode('<?xml version="1.0"?><rss version="2.0"><channel><title>Pause</title></channel></rss>', 'utf-16be');
    expect(decodeFeedBytes(feed, { 'content-type': 'application/rss+xml; charset=utf-16' })).toMatchObject({ encoding: 'utf-16be', text: expect.stringContaining('<title>Pause</title>') });
  });
});
