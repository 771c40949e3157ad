import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePage } from '../../src/ingest/decode-page.ts';

const page = (head: string, body: string) => `<html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;

describe('decodePage: the charset of an article page, as browsers read it', () => {
  it('reads ISO-8859-1 and US-ASCII labels as windows-1252, so curly quotes and dashes survive', () => {
    const latin1 = iconv.encode(page('<meta charset="iso-8859-1">', 'Café “quoted” — dash'), 'windows-1252');
    expect(decodePage(latin1).text).toContain('Café “quoted” — dash');
    const ascii = iconv.encode(page('', 'naïve “quoted” — dash'), 'windows-1252');
    expect(decodePage(ascii, { 'content-type': 'text/html; charset=us-ascii' })).toMatchObject({ encoding: 'windows-1252', text: expect.stringContaining('naïve “quoted” — dash') });
  });

  it('follows the header over the meta tag, and reads legacy Cyrillic', () => {
    const koi8 = iconv.encode(page('<meta charset="utf-8">', 'Пауза ИИ'), 'koi8-r');
    expect(decodePage(koi8, { 'content-type': 'text/html; charset=KOI8-R' }).text).toContain('Пауза ИИ');
  });

  it('reads a page that is valid UTF-8, as its meta tag says, as UTF-8 though the header names a legacy charset', () => {
    const utf8 = Buffer.from(page('<meta charset="utf-8">', 'The labs’ pause – café crème'));
    expect(decodePage(utf8, { 'content-type': 'text/html; charset=iso-8859-1' })).toMatchObject({ encoding: 'utf-8', text: expect.stringContaining('The labs’ pause – café crème') });
    // a meta tag agreeing with the header keeps it
    const declared = Buffer.from(page('<meta charset="iso-8859-1">', 'café'));
    expect(decodePage(declared, { 'content-type': 'text/html; charset=iso-8859-1' }).encoding).toBe('windows-1252');
  });

  it('reads a page that calls its ASCII bytes "unicode" or UTF-16 (Word\'s HTML export) as UTF-8', () => {
    for (const label of ['unicode', 'utf-16']) {
      expect(decodePage(Buffer.from(page(`<meta http-equiv="Content-Type" content="text/html; charset=${label}">`, 'Zürich'))).text).toContain('Zürich');
    }
  });

  it('without a label, takes valid UTF-8 as UTF-8 and anything else as windows-1252', () => {
    expect(decodePage(Buffer.from(page('', 'Zürich — 中文'))).text).toContain('Zürich — 中文');
    expect(decodePage(iconv.encode(page('', 'Zürich “x”'), 'windows-1252'))).toMatchObject({ encoding: 'windows-1252', text: expect.stringContaining('Zürich “x”') });
  });
});
