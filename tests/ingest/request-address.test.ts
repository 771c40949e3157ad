import { describe, expect, it } from 'vitest';
import { hostKeyOf, requestAddress } from '../../src/ingest/url-display.ts';

describe('one feed, spelt otherwise', () => {
  it('is one address to fetch whatever the escapes of its path and query, or a trailing dot after its host', () => {
    const one = requestAddress('https://news.example.org/feed.xml?a=%2F&b=~');
    expect(requestAddress('https://News.Example.org./%66eed.xml?a=%2f&b=%7e')).toBe(one);
    expect(requestAddress('https://news.example.org./feed.xml?a=%2F&b=~#top')).toBe(one);
    // escapes of other characters stay escapes: %2F in a query is not a "/" to every server
    expect(requestAddress('https://news.example.org/feed.xml?a=/&b=~')).not.toBe(one);
    expect(requestAddress('https://news.example.org/caf%c3%a9')).toBe('https://news.example.org/caf%C3%A9');
  });

  it('is one host to pace and to hold when a server asks to wait, with or without the trailing dot', () => {
    expect(hostKeyOf('https://news.example.org./a')).toBe(hostKeyOf('https://NEWS.example.org/b'));
    expect(hostKeyOf('http://news.example.org.:8080/a')).toBe('news.example.org:8080');
  });
});
