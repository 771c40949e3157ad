import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';
import { stripSiteFromTitle } from '../../src/extract/html/metadata.ts';

describe('the title without the site name a <title> carries', () => {
  it('keeps the dashes and bars of the headline as they were', () => {
    expect(stripSiteFromTitle('Pause call renewed – Tech – The Daily Ledger', [])).toBe('Pause call renewed – Tech');
    expect(stripSiteFromTitle('Labs weigh a pause | Analysis | Ledger', [])).toBe('Labs weigh a pause | Analysis');
  });

  it('as extract gives it from a page with nothing but its <title>', () => {
    const html = '<html><head><title>Pause call renewed — what labs say · Tech · The Ledger</title></head><body><p>Text of the page, long enough to be a paragraph.</p></body></html>';
    expect(extractHtml(html).title).toBe('Pause call renewed — what labs say · Tech');
  });
});
