import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';

/**
 * A JSON-LD `articleBody` is plain text, but many CMSs write HTML entities in it: the stored text has the characters
 * they stand for, whether the body is plain text or markup, and an ampersand that starts no whole entity stays.
 */

const PARAGRAPHS = [
  'Delegates from forty countries met in Geneva on Tuesday to discuss a coordinated, verified pause of frontier AI development, the first such talks since the spring summit.',
  'The draft under discussion would halt training runs above a fixed compute threshold until an international agency can inspect the largest data centres and confirm compliance.',
  'Supporters said chip export records already give inspectors most of what they need to check a lab’s claims about its training runs and its R&D budget.',
  'Critics from several industry groups called the plan “unworkable” and said a pause could not be verified in practice & would favour countries that refuse to sign.',
  'The chair of the talks said a second round would be held next month, with technical experts invited to present verification methods to the delegates.',
  'Observers noted that the draft leaves open how long a pause would last and who would decide when the conditions for lifting it had been met.',
];
/** The paragraphs as a CMS writes them into JSON-LD: curly quotes and ampersands as entities, "R&D" left bare. */
const withEntities = (text: string) =>
  text.replace(/’/g, '&#8217;').replace(/“/g, '&quot;').replace(/”/g, '&quot;').replace(/ & /g, ' &amp; ');
const expected = PARAGRAPHS.map((p) => p.replace(/[“”]/g, '"')).join('\n\n');

const jsonLd = (body: string) =>
  `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Talks on a pause', articleBody: body })}</script>`;
// a page its scripts render: no article in the markup, so the JSON-LD body is the text
const page = (body: string) => `<html><head><title>Talks on a pause</title>${jsonLd(body)}</head><body><div id="root"></div></body></html>`;

describe('a JSON-LD articleBody with HTML entities', () => {
  it('is stored with the characters they stand for when it is plain text', () => {
    const body = PARAGRAPHS.map(withEntities).join('\n\n');
    expect(body).toContain('lab&#8217;s');
    const { text } = extractHtml(page(body), { url: 'https://news.example/2026/06/talks' });
    expect(text).toBe(expected);
    expect(text).not.toMatch(/&#8217;|&quot;|&amp;/);
  });

  it('is stored with the characters they stand for when it is markup', () => {
    const body = PARAGRAPHS.map((p) => `<p>${withEntities(p)}</p>`).join('');
    expect(extractHtml(page(body), { url: 'https://news.example/2026/06/talks' }).text).toBe(expected);
  });
});
