import { describe, expect, it } from 'vitest';
import { inHostSpellingOf, urlForDisplay } from '../../src/ingest/url-display.ts';

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

describe("a feed's new address keeps the pipeline file's spelling of a host it did not leave", () => {
  it('writes a Unicode host as the file wrote it, not as punycode', () => {
    expect(inHostSpellingOf('https://xn--bcher-kva.example/rss', 'http://bücher.example/feed')).toBe('https://bücher.example/rss');
    // the login, even one spelt as the host, and the path are left as they are
    expect(inHostSpellingOf('https://xn--bcher-kva.example:xn--bcher-kva.example@xn--bcher-kva.example:8443/xn--bcher-kva.example', 'http://u@bücher.example/feed'))
      .toBe('https://xn--bcher-kva.example:xn--bcher-kva.example@bücher.example:8443/xn--bcher-kva.example');
  });

  it("finds the host after a password's raw @, and leaves the login as it is", () => {
    expect(inHostSpellingOf('https://user:p%40ss@xn--bcher-kva.example/rss', 'http://user:p@ss@bücher.example/feed')).toBe('https://user:p%40ss@bücher.example/rss');
  });

  it('leaves the address alone when the feed moved to another host, or the file wrote it in ASCII', () => {
    expect(inHostSpellingOf('https://xn--caf-dma.example/rss', 'http://bücher.example/feed')).toBe('https://xn--caf-dma.example/rss');
    expect(inHostSpellingOf('https://xn--bcher-kva.example/rss', 'http://xn--bcher-kva.example/feed')).toBe('https://xn--bcher-kva.example/rss');
    expect(inHostSpellingOf('https://news.example/rss', 'http://NEWS.example/feed')).toBe('https://news.example/rss');
  });
});
