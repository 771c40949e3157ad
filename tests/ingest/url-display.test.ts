import { describe, expect, it } from 'vitest';
import { hideUrlCredentials, urlForDisplay } from '../../src/ingest/url-display.ts';

describe('URLs in messages never show credentials', () => {
  it('replaces the user name and password of a URL', () => {
    expect(urlForDisplay('http://reader:s3cret@127.0.0.1:8701/status?c=500')).toBe('http://***@127.0.0.1:8701/status?c=500');
    expect(urlForDisplay('https://token@news.example/feed')).toBe('https://***@news.example/feed');
  });

  it('leaves URLs without credentials as they are, even with an @ in the path or query', () => {
    expect(urlForDisplay('https://news.example/@author/feed?by=a@b.c')).toBe('https://news.example/@author/feed?by=a@b.c');
  });

  it('hides credentials of every URL inside a message', () => {
    expect(hideUrlCredentials('HTTP 500 from http://reader:s3cret@host/a, then https://x:y@h2/b')).toBe('HTTP 500 from http://***@host/a, then https://***@h2/b');
    expect(hideUrlCredentials('mail editor@news.example about https://news.example/@author')).toBe('mail editor@news.example about https://news.example/@author');
  });
});
