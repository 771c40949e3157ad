import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';

const body = '<article><p>Leading researchers on Tuesday renewed calls for a coordinated, verified pause on frontier AI.</p></article>';
const page = (head: string, before = '') => `<html><head>${head}</head><body>${before}${body}</body></html>`;

describe('the byline is the names, without the "By" and the date a page prints around them', () => {
  it.each([
    ['a meta author', page('<meta name="author" content="By Jane Doe and John Roe | Updated June 5, 2026 10:19 AM">')],
    ['a visible byline', page('', '<p class="byline">By Jane Doe and John Roe | Updated June 5, 2026</p>')],
    ['a byline with a relative time', page('', '<div class="byline">By Jane Doe and John Roe — Updated 2 hours ago</div>')],
    ['a byline with a date after a comma', page('<meta name="author" content="Jane Doe and John Roe, 05/06/2026 10:19">')],
  ])('%s', (_name, html) => {
    expect(extractHtml(html).byline).toBe('Jane Doe and John Roe');
  });

  it('JSON-LD author names lose a "By" too, so one is not printed inside the list', () => {
    const ld = { '@type': 'NewsArticle', author: [{ '@type': 'Person', name: 'Jane Doe' }, { '@type': 'Person', name: 'By John Roe' }] };
    expect(extractHtml(page(`<script type="application/ld+json">${JSON.stringify(ld)}</script>`)).byline).toBe('Jane Doe and John Roe');
  });

  it('what follows the names and is no date stays: a role, a desk', () => {
    expect(extractHtml(page('<meta name="author" content="By Jane Doe, Staff Writer">')).byline).toBe('Jane Doe, Staff Writer');
    expect(extractHtml(page('<meta name="author" content="Byron Smith">')).byline).toBe('Byron Smith');
  });
});
