import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodePage, readPageBody } from '../../src/ingest/decode-page.ts';

/** What readPageBody finds wrong with a body served under `contentType`, or null. */
const pageBodyProblem = (contentType: string | undefined, bytes: Buffer) => readPageBody(bytes, contentType ? { 'content-type': contentType } : {}).problem;

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

  it('reads a Japanese page its meta tag labels ISO-2022-JP', () => {
    // 「日本語」 in ISO-2022-JP (7-bit bytes with escape sequences), a label iconv-lite has no decoder for
    const body = Buffer.from(page('<meta http-equiv="Content-Type" content="text/html; charset=iso-2022-jp">', '\x1b$BF|K\\8l\x1b(B'), 'latin1');
    expect(decodePage(body)).toMatchObject({ encoding: 'iso-2022-jp', text: expect.stringContaining('<p>日本語</p>'), warnings: [] });
  });

  it('reads a page that is valid UTF-8, as its meta tag says, as UTF-8 though the header names a legacy charset', () => {
    const utf8 = Buffer.from(page('<meta charset="utf-8">', 'The labs’ pause – café crème'));
    expect(decodePage(utf8, { 'content-type': 'text/html; charset=iso-8859-1' })).toMatchObject({ encoding: 'utf-8', text: expect.stringContaining('The labs’ pause – café crème') });
    // a meta tag agreeing with the header keeps it over windows-1252 bytes; over valid UTF-8 it is no second witness
    // (one CMS setting often writes both), and the bytes win as they do for feeds
    const declared = (body: Buffer) => decodePage(body, { 'content-type': 'text/html; charset=iso-8859-1' });
    expect(declared(iconv.encode(page('<meta charset="iso-8859-1">', 'café'), 'windows-1252'))).toMatchObject({ encoding: 'windows-1252', text: expect.stringContaining('café'), warnings: [] });
    expect(declared(Buffer.from(page('<meta charset="iso-8859-1">', 'café')))).toMatchObject({
      encoding: 'utf-8',
      text: expect.stringContaining('café'),
      warnings: ['the Content-Type header says iso-8859-1 but the body is valid UTF-8; decoded as UTF-8'],
    });
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

  it("takes a page's <meta> over its XML declaration when served as HTML, as the HTML Standard's prescan does, and the declaration when served as XML", () => {
    const xhtml = (encoding: string) => iconv.encode(`<?xml version="1.0" encoding="koi8-r"?>\n${page(`<meta charset="${encoding}">`, 'Пауза ИИ')}`, encoding);
    expect(decodePage(xhtml('windows-1251'), { 'content-type': 'text/html' })).toMatchObject({ encoding: 'windows-1251', text: expect.stringContaining('Пауза ИИ') });
    expect(decodePage(xhtml('windows-1251'))).toMatchObject({ encoding: 'windows-1251' });
    expect(decodePage(xhtml('koi8-r'), { 'content-type': 'application/xhtml+xml' })).toMatchObject({ encoding: 'koi8-r', text: expect.stringContaining('Пауза ИИ') });
  });
});

describe('decodePage: the bytes overrule a label they contradict, by the rules feeds follow', () => {
  const html = (charset: string) => `<meta http-equiv="Content-Type" content="text/html; charset=${charset}">`;

  it.each([
    ['<meta charset="iso-8859-1">', 'iso-8859-1', {}],
    [html('ISO-8859-1'), 'iso-8859-1', {}],
    ['<meta charset=windows-1252>', 'windows-1252', { 'content-type': 'text/html' }],
  ])('a page whose %s is wrong about bytes that are valid UTF-8 is read as UTF-8, and flagged', (meta, label, headers) => {
    const text = page(meta, 'Café — “pause” naïve Παύση');
    expect(decodePage(Buffer.from(text), headers)).toEqual({ encoding: 'utf-8', text, warnings: [`the <meta> charset says ${label} but the body is valid UTF-8; decoded as UTF-8`] });
  });

  it.each([
    // both titles' bytes happen to be valid UTF-8 (GBK C2 AC C3 B7, Shift_JIS E1 87 89 40): only Latin labels give way
    ['GBK', 'gb18030', '卢梅'],
    ['Shift_JIS', 'shift_jis', '瘍院'],
  ])('a correctly labelled %s page whose bytes happen to be valid UTF-8 is read as labelled, without a warning', (charset, decoder, title) => {
    const text = page(`<meta charset="${charset}">`, title);
    expect(decodePage(iconv.encode(text, decoder))).toEqual({ encoding: decoder, text, warnings: [] });
  });

  it.each([
    ['the header says UTF-8', '', { 'content-type': 'text/html; charset=UTF-8' }, 'the Content-Type header says UTF-8'],
    ['the meta tag says UTF-8', '<meta charset="utf-8">', {}, 'the <meta> charset says UTF-8'],
    ['nothing says anything', '', { 'content-type': 'text/html' }, 'no charset is declared (so UTF-8 by default)'],
  ])('windows-1252 bytes where %s are read as windows-1252, and flagged', (_case, meta, headers, said) => {
    const text = page(meta, 'Café à “quoted” naïve — 5 €');
    expect(decodePage(iconv.encode(text, 'windows-1252'), headers)).toEqual({ encoding: 'windows-1252', text, warnings: [`${said} but the body is not valid UTF-8; decoded as windows-1252`] });
  });

  it('a header saying UTF-8 over bytes that are not gives way to the meta tag', () => {
    const text = page(html('windows-1251'), 'Пауза в развитии ИИ');
    expect(decodePage(iconv.encode(text, 'windows-1251'), { 'content-type': 'text/html; charset=utf-8' })).toEqual({
      encoding: 'windows-1251',
      text,
      warnings: ['the Content-Type header says UTF-8 but the body is not valid UTF-8; decoded as windows-1251, as the document declares'],
    });
  });

  it('a meta tag that the bytes are not either gives way to what the bytes read as', () => {
    // windows-1252 under a header saying UTF-8 and a meta saying Shift_JIS: read as Shift_JIS, every accent was U+FFFD
    const text = page(html('shift_jis'), 'Café à la pause — naïve “quoted” text about a global pause of frontier AI development');
    expect(decodePage(iconv.encode(text, 'windows-1252'), { 'content-type': 'text/html; charset=utf-8' })).toEqual({
      encoding: 'windows-1252',
      text,
      warnings: ['the Content-Type header says UTF-8 but the body is not valid UTF-8; decoded as windows-1252'],
    });
  });

  it.each(['', '<meta charset="utf-8">'])('UTF-8 with one stray bad byte stays UTF-8, that byte read as windows-1252 rather than every accent mangled (%j)', (meta) => {
    const text = page(meta, 'Café — naïve “pause”');
    expect(decodePage(Buffer.concat([Buffer.from(text), Buffer.from([0x93])]))).toEqual({
      encoding: 'utf-8',
      text: `${text}“`,
      warnings: ['the document contains bytes that are not valid UTF-8; 1 stray byte was read as windows-1252'],
    });
  });

  it('a UTF-8 byte-order mark wins over the labels it contradicts, and they are flagged', () => {
    const text = page('<meta charset="iso-8859-1">', 'Café');
    expect(decodePage(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), { 'content-type': 'text/html; charset=windows-1252' })).toEqual({
      encoding: 'utf-8',
      text,
      warnings: [
        'the byte-order mark says UTF-8 but the Content-Type header says windows-1252; decoded as UTF-8',
        'the byte-order mark says UTF-8 but the <meta> charset says iso-8859-1; decoded as UTF-8',
      ],
    });
  });

  it('a header naming UTF-16LE over an ASCII-compatible page gives way to the meta tag, and is flagged', () => {
    const text = page('<meta charset="windows-1251">', 'Пауза ИИ');
    expect(decodePage(iconv.encode(text, 'windows-1251'), { 'content-type': 'text/html; charset=UTF-16LE' })).toEqual({
      encoding: 'windows-1251',
      text,
      warnings: ['the Content-Type header says utf-16le but the document is written in an ASCII-compatible encoding; the label is ignored'],
    });
  });
});

describe('decodePage: the <meta> tags a browser would read, and only those', () => {
  it.each([
    ['a tag in a comment', '<!-- <meta charset="iso-8859-1"> --><meta charset="windows-1251">'],
    ['another meta tag\'s content', '<meta name="description" content="Served with charset=iso-8859-1 for years"><meta charset="windows-1251">'],
    ['a label no decoder knows, before one it does', '<meta charset="x-mac-nonsense"><meta content="text/html; charset=windows-1251" http-equiv="Content-Type">'],
  ])('passes over %s', (_case, meta) => {
    const text = page(meta, 'Пауза в развитии ИИ');
    expect(decodePage(iconv.encode(text, 'windows-1251'))).toEqual({ encoding: 'windows-1251', text, warnings: [] });
  });

  it('reads a <meta> charset further on in the head, behind 2 KB of other tags, as browsers re-decode for one', () => {
    const others = Array.from({ length: 40 }, (_, i) => `<meta name="keyword-${i}" content="artificial intelligence policy">`).join('');
    for (const [encoding, words] of [['windows-874', 'ปัญญาประดิษฐ์ ผู้เชี่ยวชาญเรียกร้องให้หยุดพัก'], ['windows-1254', 'Yapay zekâda duraklama çağrısı: uzmanlar şüpheli']] as const) {
      const text = page(`${others}<meta charset="${encoding}">`, words);
      expect(decodePage(iconv.encode(text, encoding))).toEqual({ encoding, text, warnings: [] });
    }
  });

  it('does not take a <meta> charset in the body, past the head, for the page\'s', () => {
    const others = Array.from({ length: 40 }, (_, i) => `<meta name="keyword-${i}" content="artificial intelligence policy">`).join('');
    const text = page(others, 'Café: a page quoting &lt;meta charset="koi8-r"&gt; as <code><meta charset="koi8-r"></code>');
    expect(decodePage(Buffer.from(text, 'utf8'))).toMatchObject({ encoding: 'utf-8', text });
  });

  it('reports a label no decoder knows when no other follows, and decodes by the bytes', () => {
    const text = page('<meta charset="x-mac-nonsense">', 'Café “x”');
    expect(decodePage(iconv.encode(text, 'windows-1252'))).toEqual({
      encoding: 'windows-1252',
      text,
      warnings: ['unknown encoding "x-mac-nonsense" in the <meta> charset; decoded as windows-1252', 'no charset is declared (so UTF-8 by default) but the body is not valid UTF-8; decoded as windows-1252'],
    });
  });
});

describe('readPageBody: what cannot be read as an article page', () => {
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

  it('reads a text/plain body as text: a <meta charset> quoted in its words is not its label', () => {
    const article = 'How to label a page: write <meta charset="koi8-r"> in its head. Zürich’s “pause” debate goes on.\n';
    const bytes = Buffer.from(article, 'utf8');
    expect(readPageBody(bytes, { 'content-type': 'text/plain' }).page?.text).toBe(article);
    // a page served as text/plain is still read as the page it is, by its own label
    const cyrillic = `<!doctype html><html><head><meta charset="koi8-r"></head><body><p>Пауза</p></body></html>`;
    expect(readPageBody(iconv.encode(cyrillic, 'koi8-r'), { 'content-type': 'text/plain' }).page?.text).toBe(cyrillic);
  });

  it('accepts HTML, XHTML, plain text and an untyped page, in any encoding', () => {
    for (const type of ['text/html', 'TEXT/HTML; charset=UTF-8', 'application/xhtml+xml', 'text/plain', undefined, '']) expect(pageBodyProblem(type, html)).toBeNull();
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page('', 'Pause'), 'utf-16le')]);
    expect(pageBodyProblem('text/html', utf16)).toBeNull();
    expect(pageBodyProblem('text/html; charset=shift_jis', iconv.encode(page('', 'フロンティアAIの一時停止'), 'shift_jis'))).toBeNull();
    // and gives the page as decodePage decodes it
    const japanese = iconv.encode(page('', 'フロンティアAIの一時停止'), 'shift_jis');
    const headers = { 'content-type': 'text/html; charset=shift_jis' };
    expect(readPageBody(japanese, headers)).toEqual({ page: decodePage(japanese, headers), problem: null });
  });
});
