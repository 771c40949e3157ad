import { describe, expect, it } from 'vitest';
import { urlForDisplay } from '../../src/ingest/url-display.ts';

describe('URLs in messages never show credentials', () => {
  it('replaces the user name and password of a URL', () => {
    expect(urlForDisplay('http://reader:s3cret@127.0.0.1:8701/status?c=500')).toBe('http://***@127.0.0.1:8701/status?c=500');
    expect(urlForDisplay('https://token@news.example/feed')).toBe('https://***@news.example/feed');
  });

  it('leaves URLs without credentials as they are, even with an @ in the path or query', () => {
    expect(urlForDisplay('https://news.example/@author/feed?by=a@b.c')).toBe('https://news.example/@author/feed?by=a@b.c');
  });

  it('hides them in a URL that does not parse, even when the password holds "/" or "?"', () => {
    expect(urlForDisplay('http://reader:p/s?s@[oops/feed.xml')).toBe('http://***@[oops/feed.xml');
    expect(urlForDisplay('https://u:p@ss@host/feed')).toBe('https://***@host/feed');
  });
});
