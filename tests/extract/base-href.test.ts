import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';

const body = '<body><article><p>Leading researchers renewed calls for a verified pause on frontier AI.</p></article></body>';

describe('relative canonical and image URLs resolve against the page\'s <base href>, as a browser resolves them', () => {
  it('a <base href> on another host', () => {
    const html = `<html><head><base href="https://base.example.com/dir/"><link rel="canonical" href="story.html"><meta property="og:image" content="img/a.jpg"></head>${body}`;
    const article = extractHtml(html, { url: 'https://mirror.example.net/x/y' });
    expect(article.canonicalUrl).toBe('https://base.example.com/dir/story.html');
    expect(article.image).toBe('https://base.example.com/dir/img/a.jpg');
  });

  it('a relative <base href> resolves against the page URL; a saved page with an absolute one resolves too', () => {
    const html = `<html><head><base href="/news/"><link rel="canonical" href="story.html"></head>${body}`;
    expect(extractHtml(html, { url: 'https://ledger.example/a/b' }).canonicalUrl).toBe('https://ledger.example/news/story.html');
    const saved = `<html><head><base href="https://ledger.example/news/"><link rel="canonical" href="story.html"></head>${body}`;
    expect(extractHtml(saved, { url: null }).canonicalUrl).toBe('https://ledger.example/news/story.html');
  });

  it('a javascript: <base href> is no base: the page URL is', () => {
    const html = `<html><head><base href="javascript:alert(1)"><link rel="canonical" href="story.html"></head>${body}`;
    expect(extractHtml(html, { url: 'https://ledger.example/a/b' }).canonicalUrl).toBe('https://ledger.example/a/story.html');
  });
});

describe('canonical and image URLs carrying a user name and password', () => {
  it('lose them, whether the page writes them or they come from the <base href> or the page URL', () => {
    const written = `<html><head><link rel="canonical" href="https://reader:hunter2@ledger.example/a"><meta property="og:image" content="https://ed@ledger.example/a.jpg"></head>${body}`;
    expect(extractHtml(written)).toMatchObject({ canonicalUrl: 'https://ledger.example/a', image: 'https://ledger.example/a.jpg' });
    const ogUrl = `<html><head><meta property="og:url" content="https://reader:hunter2@ledger.example/a"></head>${body}`;
    expect(extractHtml(ogUrl).canonicalUrl).toBe('https://ledger.example/a');
    const based = `<html><head><base href="https://reader:hunter2@ledger.example/news/"><link rel="canonical" href="story.html"></head>${body}`;
    expect(extractHtml(based).canonicalUrl).toBe('https://ledger.example/news/story.html');
    const relative = `<html><head><link rel="canonical" href="/news/story.html"></head>${body}`;
    expect(extractHtml(relative, { url: 'https://reader:hunter2@ledger.example/x' }).canonicalUrl).toBe('https://ledger.example/news/story.html');
  });
});
