import { describe, expect, it } from 'vitest';
import { computeDedupKeys } from '../../src/dedup/index.ts';

/**
 * The canonical URL a page declares is its dedup key only when it names the article: a home page or a section page
 * above the article (a CMS misconfigured to declare one for every page) would make every later story of the site a
 * copy of the first, so the page keeps its own URL then.
 */

const text = 'Leading AI labs weigh a coordinated, verified pause of frontier AI development, officials said on Tuesday.';
const keysOf = (url: string, canonicalUrl: string | null) => computeDedupKeys({ url, canonicalUrl, title: 'Labs weigh a pause', text }).canonicalUrl;

describe('the canonical URL of a page that declares one on its own site', () => {
  it("is the page's own URL when the declared one is the site's home page", () => {
    expect(keysOf('https://news.example/2026/06/labs-pause', 'https://news.example/')).toBe('https://news.example/2026/06/labs-pause');
    expect(keysOf('https://www.news.example/2026/06/labs-pause', 'https://www.news.example')).toBe('https://www.news.example/2026/06/labs-pause');
    expect(keysOf('https://news.example/2026/06/labs-pause', '/')).toBe('https://news.example/2026/06/labs-pause');
    // a story addressed by a query on the home page (WordPress's "?p=") is not the home page either
    expect(keysOf('https://news.example/?p=123', 'https://news.example/')).toBe('https://news.example/?p=123');
  });

  it("is the page's own URL when the declared one is a section above it", () => {
    expect(keysOf('https://news.example/news/2026/06/labs-pause', 'https://news.example/news/')).toBe('https://news.example/news/2026/06/labs-pause');
    expect(keysOf('https://news.example/news/2026/06/labs-pause', 'https://news.example/news/2026')).toBe('https://news.example/news/2026/06/labs-pause');
  });

  it('is the declared one when it names another page of the site, the AMP page\'s article, or the home page itself', () => {
    expect(keysOf('https://news.example/p/12345?utm_source=rss', 'https://news.example/2026/06/labs-pause')).toBe('https://news.example/2026/06/labs-pause');
    // only whole path segments are above: "/news" is not a section of "/newsroom/..."
    expect(keysOf('https://news.example/newsroom/labs-pause', 'https://news.example/news')).toBe('https://news.example/news');
    expect(keysOf('https://news.example/2026/06/labs-pause/amp/', 'https://news.example/2026/06/labs-pause')).toBe('https://news.example/2026/06/labs-pause');
    expect(keysOf('http://news.example/', 'https://news.example/')).toBe('https://news.example/');
  });
});
