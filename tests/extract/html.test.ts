import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';
import { findSiteExtractor, type SiteExtractor } from '../../src/extract/sites/index.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/html/${name}`, import.meta.url), 'utf8');

const NEWS_URL = 'https://ledger.example/world/2026/06/05/labs-weigh-verified-pause?utm_source=feed';
const SPLIT_URL = 'https://notes.example/posts/slowdown.html';

describe('extractHtml on a news page', () => {
  const article = extractHtml(fixture('news-article.html'), { url: NEWS_URL });
  const paragraphs = article.text.split('\n\n');

  it('keeps the article paragraphs and subheadings in order', () => {
    expect(paragraphs[0]).toMatch(/^Executives from three of the largest/);
    expect(article.text).toContain('Who would check the pause?');
    expect(paragraphs.at(-1)).toMatch(/^Others were sceptical\..*funding\.$/);
    expect(article.text.indexOf('Under the draft')).toBeLessThan(article.text.indexOf('Nobody is asking'));
  });

  it('drops navigation, header, footer, sidebar and cookie banner', () => {
    for (const furniture of ['Technology', 'Most read', 'All rights reserved', 'cookies', 'Home']) {
      expect(article.text).not.toContain(furniture);
    }
  });

  it('drops share bar, caption, byline, ads, read-more link, newsletter, related list and comments', () => {
    for (const furniture of [
      'Share on', 'Photograph:', 'By Maria Okafor', 'Advertisement', 'Read more', 'Tech Briefing',
      'EU AI Act', 'incentives are all wrong', 'techwatcher',
    ]) {
      expect(article.text).not.toContain(furniture);
    }
  });

  it('leaves the headline out of the body', () => {
    expect(article.text).not.toContain('Labs weigh a verified pause');
  });

  it('reads the metadata from Open Graph and JSON-LD', () => {
    expect(article.title).toBe('Labs weigh a verified pause on frontier AI training');
    expect(article.byline).toBe('Maria Okafor, Tom Becker');
    expect(article.publishedAt).toBe('2026-06-05T10:19:00.000Z');
    expect(article.modifiedAt).toBe('2026-06-06T08:00:00.000Z');
    expect(article.lang).toBe('en-GB');
    expect(article.siteName).toBe('The Daily Ledger');
    expect(article.url).toBe(NEWS_URL);
  });

  it('resolves the relative canonical URL and image against the page URL', () => {
    expect(article.canonicalUrl).toBe('https://ledger.example/world/2026/06/05/labs-weigh-verified-pause');
    expect(article.image).toBe('https://ledger.example/images/2026/06/datacentre.jpg');
  });

  it('flags a body under 150 words as partial', () => {
    expect(article.text.split(/\s+/).length).toBeGreaterThan(150);
    expect(article.partial).toBe(false);
    const teaser = extractHtml('<html><body><article><p>Only a teaser paragraph is shown to readers who are not subscribed to this publication.</p></article></body></html>', {});
    expect(teaser.text).toMatch(/^Only a teaser/);
    expect(teaser.partial).toBe(true);
  });
});

describe('extractHtml on a page whose body is split in sibling blocks', () => {
  const article = extractHtml(fixture('split-body.html'), { url: SPLIT_URL });

  it('keeps the text of every sibling block', () => {
    expect(article.text).toMatch(/^Every proposal to slow/);
    expect(article.text).toContain('Consider what verification would involve');
    expect(article.text).toMatch(/on that the proposal is silent\.$/);
    expect(article.text).not.toContain('Subscribe to Policy Notes');
    expect(article.text).not.toContain('compute threshold explained');
  });

  it('keeps a repeated paragraph once', () => {
    expect(article.text.match(/A pause that cannot be verified/g)).toHaveLength(1);
  });

  it('leaves dates null when the page gives none, and strips the site from <title>', () => {
    expect(article.publishedAt).toBeNull();
    expect(article.modifiedAt).toBeNull();
    expect(article.byline).toBeNull();
    expect(article.title).toBe('Why a slowdown is harder than it sounds');
  });

  it('resolves a ../ canonical link against the page URL', () => {
    expect(article.canonicalUrl).toBe('https://notes.example/2026/slowdown-harder-than-it-sounds.html');
  });
});

describe('extractHtml on hostile input', () => {
  it('returns empty text without throwing for empty and garbage documents', () => {
    for (const input of ['', '   ', '\u0000\u0001<<<>>>', '<html><body></body></html>', '<<!--', '{"not": "html"}']) {
      const article = extractHtml(input, { url: 'not a url' });
      expect(article.text).toBe('');
      expect(article.partial).toBe(true);
      expect(article.canonicalUrl).toBeNull();
    }
  });

  it('survives broken JSON-LD and impossible dates', () => {
    const html = `<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
      <meta property="article:published_time" content="0000-00-00 00:00:00"></head>
      <body><p>${'A plain paragraph of text, written to be long enough to count. '.repeat(5)}</p></body></html>`;
    const article = extractHtml(html, {});
    expect(article.publishedAt).toBeNull();
    expect(article.text).toMatch(/^A plain paragraph/);
  });

  // Speed is measured by `npm run eval:extract` (pages/s), not asserted here: timed tests flake on shared machines.
  it('reads a 1.5 MB page of teaser lists and 5,000-deep nesting and still finds the article', () => {
    const filler = '<div class="teaser"><a href="/x">A link in a long list of teasers</a></div>\n'.repeat(10_000);
    const nested = '<div>'.repeat(5_000) + 'deep' + '</div>'.repeat(5_000);
    const body = `<div class="content"><p>${'The article itself, with commas, clauses, and a point. '.repeat(30)}</p></div>`;
    const html = `<html><body>${filler}${nested}${body}${filler}</body></html>`;
    expect(html.length).toBeGreaterThan(1_500_000);
    const article = extractHtml(html, {});
    expect(article.text).toMatch(/^The article itself/);
  });
});

describe('site overrides', () => {
  const override: SiteExtractor = {
    name: 'ledger-test',
    hosts: ['ledger.example'],
    bodySelectors: ['.story-body'],
    removeSelectors: ['.read-more'],
  };

  it('are looked up by hostname, subdomains included', () => {
    expect(findSiteExtractor('https://www.ledger.example/a', [override])?.name).toBe('ledger-test');
    expect(findSiteExtractor('https://notledger.example/a', [override])).toBeNull();
    expect(findSiteExtractor(null, [override])).toBeNull();
  });

  it('extract the body on their own when the generic fallback is off', () => {
    const article = extractHtml(fixture('news-article.html'), { url: NEWS_URL, sites: [override], fallback: false });
    expect(article.text).toMatch(/^Executives from three/);
    expect(article.text).not.toContain('Read more');
    expect(article.text).not.toContain('Tech Briefing');
  });

  it('give way to the generic extractor when their selectors find nothing', () => {
    const stale: SiteExtractor = { ...override, bodySelectors: ['.no-such-class'] };
    expect(extractHtml(fixture('news-article.html'), { url: NEWS_URL, sites: [stale], fallback: false }).text).toBe('');
    expect(extractHtml(fixture('news-article.html'), { url: NEWS_URL, sites: [stale] }).text).toMatch(/^Executives/);
  });
});
