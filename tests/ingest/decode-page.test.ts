import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePage, pageBodyProblem } from '../../src/ingest/decode-page.ts';

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

  it('follows an XML declaration at the start of an XHTML page', () => {
    const xhtml = iconv.encode(`<?xml version="1.0" encoding="windows-1251"?>\n${page('', 'Пауза ИИ')}`, 'windows-1251');
    expect(decodePage(xhtml)).toMatchObject({ encoding: 'windows-1251', text: expect.stringContaining('Пауза ИИ') });
  });
});

describe('pageBodyProblem: what cannot be read as an article page', () => {
  const html = Buffer.from(page('<meta charset="utf-8">', 'The labs weigh a pause.'));
  const binary = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 0xff, 0x01, 0x02, 0, 0x9c]), Buffer.alloc(64)]);

  it('refuses a type that is not HTML, XHTML or text, naming it', () => {
    expect(pageBodyProblem('application/pdf', binary)).toEqual({ code: 'not_html', message: 'served as application/pdf, not as an HTML page' });
    expect(pageBodyProblem('Application/Octet-Stream; name="a.html"', html)).toEqual({ code: 'not_html', message: 'served as application/octet-stream, not as an HTML page' });
    expect(pageBodyProblem('image/png', html)?.code).toBe('not_html');
  });

  it('refuses binary data served as HTML or without a type', () => {
    expect(pageBodyProblem('text/html; charset=utf-8', binary)).toEqual({ code: 'not_html', message: expect.stringMatching(/^served as text\/html, but the body is not text: .*NUL/) });
    expect(pageBodyProblem(undefined, binary)?.message).toMatch(/^served as no content type, but the body is not text/);
  });

  it('accepts HTML, XHTML, plain text and an untyped page, in any encoding', () => {
    for (const type of ['text/html', 'TEXT/HTML; charset=UTF-8', 'application/xhtml+xml', 'text/plain', undefined, '']) expect(pageBodyProblem(type, html)).toBeNull();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page('', 'Pause'), 'utf-16le')]);
    expect(pageBodyProblem('text/html', utf16)).toBeNull();
    expect(pageBodyProblem('text/html; charset=shift_jis', iconv.encode(page('', 'フロンティアAIの一時停止'), 'shift_jis'))).toBeNull();
  });
});
