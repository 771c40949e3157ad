import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';

/**
 * A <pre> block (code, a statement set as it was typed, a table of figures aligned by spaces) keeps its lines in the
 * extracted text, as a reader sees them on the page; it was laid out as one line. White space elsewhere is still
 * collapsed.
 */

const lead =
  'Delegates in Geneva published the draft text of a verified pause of frontier AI development on Tuesday, together with ' +
  'the votes of the first round and the code the inspectors would run to check compute use.';
const article = (inside: string) => `<html><body><article><p>${lead}</p>${inside}<p>The second round is due next week.</p></article></body></html>`;
const textOf = (inside: string) => extractHtml(article(inside)).text;

describe('a <pre> block in an article', () => {
  it('keeps the lines and the columns of a table of figures', () => {
    const table = 'Country    Votes   Share\nFrance        12     40%\nJapan          3     10%';
    expect(textOf(`<pre>\n${table}\n</pre>`)).toBe(`${lead}\n\n${table}\n\nThe second round is due next week.`);
  });

  it('keeps the lines and indentation of code, with the indentation all its lines share taken off', () => {
    const html = '<pre><code>    def within_cap(run):\n        return run.flops &lt;= CAP\n\n\n\n    print(within_cap(r))   \n</code></pre>';
    expect(textOf(html)).toContain('def within_cap(run):\n    return run.flops <= CAP\n\nprint(within_cap(r))\n\nThe second');
  });

  it('starts a line, not a paragraph, at a <br> or at a line of a highlighter inside it', () => {
    expect(textOf('<pre>ARTICLE 1.<br>Training above the cap stops.<br>ARTICLE 2.</pre>')).toContain('ARTICLE 1.\nTraining above the cap stops.\nARTICLE 2.');
    expect(textOf('<pre><div class="line"><span>x</span> = 1</div><div class="line">y = 2</div></pre>')).toContain(`${lead}\n\nx = 1\ny = 2\n\nThe second`);
  });

  it('is plain text: NBSP a space, control and zero-width characters gone, no run of spaces wider than a column needs', () => {
    const text = textOf(`<pre>a\u00a0\u00a0b\u0007\u200bc${' '.repeat(100_000)}d\r\ne</pre>`);
    expect(text).toContain(`a  bc${' '.repeat(40)}d\ne\n\nThe second`);
    // nor of tabs, or of spaces and tabs in turn
    expect(textOf(`<pre>x${'\t'.repeat(100_000)}y\nz</pre>`)).toContain(`x${'\t'.repeat(40)}y\nz`);
    expect(textOf(`<pre>x${' \t'.repeat(500_000)}y\nz</pre>`)).toContain(`x${' \t'.repeat(20)}y\nz`);
    // a block of nothing but white space gives nothing
    expect(textOf('<pre>\n   \n\t\n</pre>')).toBe(`${lead}\n\nThe second round is due next week.`);
  });

  it('leaves white space outside it collapsed as before', () => {
    const text = textOf('<p>Officials   said\nthe  text\n\twould change.</p><pre>one\ntwo</pre><blockquote>A pause,\n  they said.</blockquote>');
    expect(text).toBe(`${lead}\n\nOfficials said the text would change.\n\none\ntwo\n\nA pause, they said.\n\nThe second round is due next week.`);
  });
});
