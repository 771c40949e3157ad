import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';

/**
 * What pages write for machines is read as text: a headline, a byline or a site name written with inline markup
 * (`<em>Exclusive:</em>`) is shown without it, and a language that is no language tag (a template's placeholder)
 * gives way to one that is.
 */

const body = '<body><article><p>Delegates from forty countries met in Geneva on Tuesday to discuss a coordinated, verified pause of frontier AI development.</p></article></body>';
const page = (head: string, htmlAttributes = '') => `<html${htmlAttributes}><head>${head}</head>${body}</html>`;

describe('metadata written with inline markup', () => {
  it('is read without the tags, in JSON-LD, in meta values and in the title', () => {
    const ld = JSON.stringify({ '@type': 'NewsArticle', headline: '<i>Analysis</i>: Labs weigh a pause', author: [{ name: '<a href="/jane">Jane Doe</a>' }, { name: 'John<br>Roe' }] });
    expect(extractHtml(page(`<script type="application/ld+json">${ld}</script>`))).toMatchObject({ title: 'Analysis: Labs weigh a pause', byline: 'Jane Doe and John Roe' });
    const og = '<meta property="og:title" content="&lt;em&gt;Exclusive:&lt;/em&gt; Labs weigh a pause"><meta property="og:site_name" content="The <b>Ledger</b>">';
    expect(extractHtml(page(og))).toMatchObject({ title: 'Exclusive: Labs weigh a pause', siteName: 'The Ledger' });
  });

  it('keeps text in angle brackets that is no tag', () => {
    expect(extractHtml(page('<meta name="author" content="Jane Doe <jane@ledger.example>">')).byline).toBe('Jane Doe <jane@ledger.example>');
    expect(extractHtml(page('<meta property="og:title" content="Why 3 < 4 > 2 matters">')).title).toBe('Why 3 < 4 > 2 matters');
  });
});

describe('the language of a page', () => {
  it('is the first value that is a language tag', () => {
    expect(extractHtml(page('<meta property="og:locale" content="de_DE">', ' lang="{{ page.lang }}"')).lang).toBe('de-DE');
    expect(extractHtml(page('', ` lang="${'x'.repeat(5000)}" xml:lang="pt-BR"`)).lang).toBe('pt-BR');
    expect(extractHtml(page('<meta http-equiv="content-language" name="content-language" content="fr, en">', ' lang=""')).lang).toBe('fr');
    expect(extractHtml(page('', ' lang="zh-Hant-TW"')).lang).toBe('zh-Hant-TW');
    expect(extractHtml(page('', ' lang="<script>"')).lang).toBeNull();
  });
});
