import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from '../../src/dedup/index.ts';

describe('canonicalizeUrl', () => {
  it('a shared link with tracking parameters has the same canonical URL as the clean link', () => {
    const clean = 'https://www.example-news.com/2026/06/05/anthropic-pause?id=42';
    expect(
      canonicalizeUrl(
        'https://www.example-news.com/2026/06/05/anthropic-pause?utm_source=twitter&utm_medium=social&id=42&fbclid=IwAR0x&gclid=abc&mc_cid=1&mc_eid=2&igshid=x&ref=homepage&ref_src=twsrc&cmpid=rss&ocid=msn&smid=tw-share',
      ),
    ).toBe(clean);
    expect(canonicalizeUrl(clean)).toBe(clean);
  });

  it('scheme and host case, default ports and fragments do not make a different article', () => {
    expect(canonicalizeUrl('HTTPS://WWW.Example-News.COM:443/World/Story#comments')).toBe(
      'https://www.example-news.com/World/Story',
    );
    expect(canonicalizeUrl('http://example-news.com:80/a')).toBe('http://example-news.com/a');
  });

  it('the remaining query parameters are sorted so their order does not matter', () => {
    expect(canonicalizeUrl('https://example.com/article?b=2&a=1&c=3')).toBe('https://example.com/article?a=1&b=2&c=3');
    expect(canonicalizeUrl('https://example.com/article?c=3&a=1&b=2')).toBe('https://example.com/article?a=1&b=2&c=3');
  });

  it('a trailing slash and a trailing index.html point at the same page', () => {
    const expected = 'https://example.com/news/ai-pause';
    expect(canonicalizeUrl('https://example.com/news/ai-pause/')).toBe(expected);
    expect(canonicalizeUrl('https://example.com/news/ai-pause/index.html')).toBe(expected);
    expect(canonicalizeUrl('https://example.com/')).toBe('https://example.com/');
    expect(canonicalizeUrl('https://example.com/index.html')).toBe('https://example.com/');
  });

  it('AMP versions of an article map to the regular article', () => {
    const expected = 'https://www.example.com/2026/06/ai-pause';
    expect(canonicalizeUrl('https://www.example.com/2026/06/ai-pause/amp/')).toBe(expected);
    expect(canonicalizeUrl('https://www.example.com/amp/2026/06/ai-pause')).toBe(expected);
    expect(canonicalizeUrl('https://www.example.com/2026/06/ai-pause?amp=1')).toBe(expected);
    expect(canonicalizeUrl('https://www.example.com/2026/06/ai-pause?outputType=amp')).toBe(expected);
    expect(canonicalizeUrl('https://amp.example.com/2026/06/ai-pause')).toBe('https://example.com/2026/06/ai-pause');
    expect(canonicalizeUrl('https://www.example.com/2026/06/ai-pause.amp.html')).toBe(`${expected}.html`);
    expect(canonicalizeUrl('https://www-example-com.cdn.ampproject.org/c/s/www.example.com/2026/06/ai-pause/amp/')).toBe(
      expected,
    );
    expect(canonicalizeUrl('https://www.google.com/amp/s/www.example.com/2026/06/ai-pause')).toBe(expected);
  });

  it('www is kept, so the canonical URL stays a link that works', () => {
    expect(canonicalizeUrl('https://www.example.com/a')).toBe('https://www.example.com/a');
    expect(canonicalizeUrl('https://example.com/a')).toBe('https://example.com/a');
  });

  it('query parameters that select content are kept', () => {
    expect(canonicalizeUrl('https://example.com/article.php?id=7&page=2&utm_campaign=x')).toBe(
      'https://example.com/article.php?id=7&page=2',
    );
    expect(canonicalizeUrl('https://example.com/feed?outputType=json')).toBe('https://example.com/feed?outputType=json');
  });

  it('project-relative file paths and other non-web strings are returned unchanged', () => {
    expect(canonicalizeUrl('seeds/000_73cf242dc7a4d052.txt')).toBe('seeds/000_73cf242dc7a4d052.txt');
    expect(canonicalizeUrl('mailto:desk@example.com')).toBe('mailto:desk@example.com');
    expect(canonicalizeUrl('not a url')).toBe('not a url');
  });
});
