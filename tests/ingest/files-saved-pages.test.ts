import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';
import { decodeCapture, ingestFiles } from '../../src/ingest/files.ts';
import { BOUNDARY, mhtmlArchive, type ArchivePart } from '../helpers/mhtml-archive.ts';
import { tempFolders } from '../helpers/temp-files.ts';

/**
 * A folder of captures also holds what browsers save besides pages: a page saved by Chrome as "Webpage, Single File"
 * (an MHTML archive: MIME headers, the page in quoted-printable, its style sheets and images as further parts), and
 * the scripts and style sheets "Webpage, Complete" writes beside a page (`<page>_files/`). The archive is read as the
 * page it holds; the others are refused by name, each as an item error naming the file.
 */

const folders = tempFolders('saved-pages');
const project = folders.make;
afterEach(folders.removeAll);

const URL_OF_PAGE = 'https://outlet.example/2026/06/05/labs-back-a-global-pause';
/** The page as Chrome serialises it into an archive: its charset as a meta tag, accents, a long paragraph, a trailing space. */
const PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n' +
  '<title>Labs back a global pause — Outlet</title><link rel="stylesheet" href="https://outlet.example/style.css"></head>\n' +
  '<body><header class="site">Outlet</header><article><h1>Labs back a global pause</h1>\n' +
  '<p>Leading AI labs should coordinate a verified global pause of frontier AI development, researchers meeting in Zürich said on Thursday; the €5bn question is who would verify it. </p>\n' +
  '<p>Critics called the “pause” unworkable and said the moratorium would fail, while supporters said frontier AI labs could verify compute limits.</p>\n' +
  '<img src="https://outlet.example/logo.png" alt=""></article></body></html>';
/** The page as the archive holds it: quoted-printable writes each line break as CRLF, as a mail reader gives it back. */
const SAVED = PAGE.replaceAll('\n', '\r\n');
const STYLE = '@charset "utf-8";\n\nbody { font-family: Georgia, serif; margin: 0 auto; max-width: 42em; }\n.site::before { content: "—"; }\n';
/** A 1×1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2a1d4a20000000049454e44ae426082', 'hex');

/** An archive of this page's address, as Chrome writes it (see mhtmlArchive). */
const archive = (parts: ArchivePart[], options: { snapshot?: string | null; contentType?: string } = {}) => mhtmlArchive(parts, { snapshot: URL_OF_PAGE, ...options });
const pagePart = (body: Buffer | string = PAGE, extra: Partial<ArchivePart> = {}): ArchivePart => ({ type: 'text/html', id: '<frame-4F1A@mhtml.blink>', location: URL_OF_PAGE, body, ...extra });
const stylePart: ArchivePart = { type: 'text/css', location: 'cid:css-8c2d@mhtml.blink', body: STYLE };
const imagePart: ArchivePart = { type: 'image/png', location: 'https://outlet.example/logo.png', encoding: 'base64', body: PNG };
/** An ad in a frame: HTML too, but not the page. */
const frame = (location: string, id = '<frame-AD01@mhtml.blink>'): ArchivePart => ({
  type: 'text/html',
  id,
  location,
  body: '<!DOCTYPE html><html><head><title>Advertisement</title></head><body><p>Buy cheap flights to Lisbon today, book now and save.</p></body></html>',
});
const CHROME = archive([pagePart(), stylePart, imagePart]);

describe('decodeCapture: a page saved as MHTML', () => {
  it('reads the page of an archive as Chrome writes it (quoted-printable page, a style sheet, a base64 image), as the same page saved as .html', () => {
    // the fixture is what Chrome writes: encoded, wrapped, no raw UTF-8 in it
    expect(CHROME.toString('latin1')).toContain('=3D"Content-Type"');
    expect(CHROME.toString('latin1')).toMatch(/=E2=80=94|=E2=80=\r\n=94|=E2=\r\n=80=94/);
    expect(CHROME.toString('latin1')).toMatch(/=\r\n/);

    const decoded = decodeCapture('caps/labs-pause.mhtml', CHROME);
    expect(decoded).toEqual({ text: SAVED, format: 'html', encoding: 'utf-8', warnings: [] });

    // the article is the one the page saved as .html gives
    const article = extractArticle((decoded as { text: string }).text, 'html', 'caps/labs-pause.mhtml');
    const html = decodeCapture('caps/labs-pause.html', Buffer.from(PAGE)) as { text: string };
    expect(article).toEqual(extractArticle(html.text, 'html', 'caps/labs-pause.mhtml'));
    expect(article.title).toBe('Labs back a global pause');
    expect(article.text).toContain('researchers meeting in Zürich said on Thursday; the €5bn question is who would verify it.');
    expect(article.text).toContain('Critics called the “pause” unworkable');
    expect(article.text).not.toMatch(/=3D|=E2|MultipartBoundary|Saved by Blink|font-family/);
  });

  it('reads it by its content whatever the file is called: .mht, .txt, no extension, upper case', () => {
    for (const name of ['caps/labs-pause.mht', 'caps/labs-pause.txt', 'caps/labs-pause', 'caps/LABS-PAUSE.MHTML']) {
      expect(decodeCapture(name, CHROME)).toMatchObject({ text: SAVED, format: 'html' });
    }
    // an archive written by Internet Explorer or Word: a preamble, LF line breaks, a bare boundary, no snapshot header
    const word = Buffer.from(
      'MIME-Version: 1.0\nContent-Type: multipart/related; boundary=NextPart_01DC1234; type=text/html\n\n' +
        'This document is a Single File Web Page, also known as a Web Archive file.\n\n' +
        '--NextPart_01DC1234\nContent-Location: file:///C:/labs-pause.htm\nContent-Transfer-Encoding: 7bit\nContent-Type: text/html; charset="us-ascii"\n\n' +
        '<html><head><title>Labs back a global pause</title></head><body><p>Leading AI labs should coordinate a verified global pause.</p></body></html>\n' +
        '--NextPart_01DC1234--\n',
    );
    expect(decodeCapture('caps/labs-pause.mht', word)).toMatchObject({
      format: 'html',
      text: '<html><head><title>Labs back a global pause</title></head><body><p>Leading AI labs should coordinate a verified global pause.</p></body></html>',
    });
  });

  it('takes the page the archive was saved from, not a frame: the Snapshot-Content-Location, else the start part, else the first HTML part', () => {
    const page = (bytes: Buffer) => (decodeCapture('caps/p.mhtml', bytes) as { text: string }).text;
    // a frame before the page, and after it
    expect(page(archive([frame('https://ads.example/frame'), stylePart, pagePart(), frame('https://ads.example/other', '<frame-AD02@mhtml.blink>')]))).toBe(SAVED);
    // the snapshot's address as the URL parser writes it
    expect(page(archive([frame('https://ads.example/frame'), pagePart(PAGE, { location: 'https://Outlet.example/2026/06/05/labs-back-a-global-pause' })]))).toBe(SAVED);
    // no snapshot: the part the multipart's start parameter names
    const withStart = `multipart/related; type="text/html"; start="<frame-4F1A@mhtml.blink>"; boundary="${BOUNDARY}"`;
    expect(page(archive([frame('https://ads.example/frame'), pagePart()], { snapshot: null, contentType: withStart }))).toBe(SAVED);
    // neither: the first HTML part; and a snapshot no part matches
    expect(page(archive([stylePart, pagePart(), frame('https://ads.example/frame')], { snapshot: null }))).toBe(SAVED);
    expect(page(archive([stylePart, pagePart(), frame('https://ads.example/frame')], { snapshot: 'https://elsewhere.example/' }))).toBe(SAVED);
  });

  it('decodes the page from base64, 7bit, 8bit or quoted-printable, in the charset its Content-Type or its own meta tag names', () => {
    const latin = '<html><head><title>Café</title></head><body><p>Critics call the “pause” of frontier AI — a €5bn question — a ploy.</p></body></html>';
    const russian = '<html><head><meta charset="windows-1251"><title>Пауза</title></head><body><p>Пауза в развитии ИИ — «мораторий»</p></body></html>';
    const japanese = '<html><head><title>一時停止</title></head><body><p>フロンティアAIの一時停止について、主要な研究所が協議を始めた。</p></body></html>';
    const cases: [ArchivePart, string, string][] = [
      [pagePart(iconv.encode(latin, 'windows-1252'), { type: 'text/html; charset=windows-1252', encoding: 'base64' }), latin, 'windows-1252'],
      [pagePart(iconv.encode(latin, 'windows-1252'), { type: 'text/html; charset="ISO-8859-1"', encoding: '8bit' }), latin, 'windows-1252'],
      [pagePart(iconv.encode(russian, 'windows-1251'), { type: 'text/html' }), russian, 'windows-1251'],
      [pagePart(iconv.encode(japanese, 'shift_jis'), { type: 'text/html; charset=Shift_JIS', encoding: 'base64' }), japanese, 'shift_jis'],
      [pagePart(PAGE, { encoding: '7bit', type: 'text/html; charset=utf-8' }), PAGE, 'utf-8'],
      [pagePart(PAGE, { encoding: 'Quoted-Printable' }), SAVED, 'utf-8'],
    ];
    for (const [part, text, encoding] of cases) {
      expect(decodeCapture('caps/p.mhtml', archive([part, imagePart]))).toMatchObject({ text, format: 'html', encoding });
    }
    // quoted-printable as other writers write it: lower-case hex, LF soft breaks, a stray "=", white space a transport added
    const loose = Buffer.from('<html><body><p>Z=c3=bcrich pa=\nuse 2+2=4 &amp; done</p>   \n<p>caf=C3=A9 =20</p></body></html>', 'latin1');
    expect(decodeCapture('caps/p.mhtml', archive([pagePart(loose, { raw: true })]))).toMatchObject({
      text: '<html><body><p>Zürich pause 2+2=4 &amp; done</p>\n<p>café  </p></body></html>',
      encoding: 'utf-8',
    });
  });

  it('refuses an archive with no HTML page, one it cannot read, and an .mhtml that is no archive, each by name', () => {
    expect(decodeCapture('caps/assets.mhtml', archive([stylePart, imagePart]))).toEqual({
      error: { code: 'not_html', message: 'caps/assets.mhtml cannot be read as a saved page: it is an MHTML archive with no HTML page in it (2 parts: text/css, image/png)' },
    });
    expect(decodeCapture('caps/nothing.mhtml', archive([]))).toEqual({
      error: { code: 'not_html', message: 'caps/nothing.mhtml cannot be read as a saved page: it is an MHTML archive with no HTML page in it (no parts)' },
    });
    expect(decodeCapture('caps/p.mhtml', archive([pagePart()], { contentType: 'multipart/related; type="text/html"' }))).toEqual({
      error: { code: 'bad_mhtml', message: 'caps/p.mhtml cannot be read as a saved page: its multipart/related Content-Type names no boundary' },
    });
    expect(decodeCapture('caps/p.mhtml', archive([pagePart(PAGE, { encoding: 'x-uuencode' })]))).toEqual({
      error: { code: 'bad_mhtml', message: 'caps/p.mhtml cannot be read as a saved page: its page is in a transfer encoding that is not read (x-uuencode)' },
    });
    expect(decodeCapture('caps/notes.mhtml', Buffer.from('Notes on the labs meeting\n\nThe labs met on Thursday.\n'))).toEqual({
      error: {
        code: 'bad_mhtml',
        message: 'caps/notes.mhtml cannot be read as a saved page: it is named as an MHTML archive but does not start as one (a MIME-Version header and a multipart/related Content-Type)',
      },
    });
    // a page of markup under that name is still the page, an empty file still empty, an empty page part empty too
    expect(decodeCapture('caps/page.mhtml', Buffer.from(PAGE))).toMatchObject({ text: PAGE, format: 'html' });
    expect(decodeCapture('caps/blank.mhtml', Buffer.from(''))).toEqual({ error: { code: 'empty', message: 'caps/blank.mhtml is empty' } });
    expect(decodeCapture('caps/blank.mhtml', archive([pagePart(' \r\n')]))).toEqual({ error: { code: 'empty', message: 'caps/blank.mhtml is empty (its page is nothing but whitespace)' } });
    // a mail that is not multipart/related is no archive: read as the text it is, as before
    expect(decodeCapture('caps/mail.txt', Buffer.from('MIME-Version: 1.0\nContent-Type: text/plain\n\nThe labs met on Thursday.\n'))).toMatchObject({ format: 'text' });
  });

  it('reads a hostile archive of up to the 5 MB a files source reads in bounded time', () => {
    const timed = (bytes: Buffer) => {
      const started = performance.now();
      const result = decodeCapture('caps/hostile.mhtml', bytes);
      return { result, ms: performance.now() - started };
    };
    const five = 4_900_000;
    const head = (boundary: string, extra = '') =>
      `From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"; boundary="${boundary}"${extra}\r\n\r\n`;
    const cases: [string, Buffer, { error: { code: string } } | { format: string }][] = [
      // more tiny parts than are looked at, none of them the page
      ['many parts', Buffer.from(head('b') + '--b\r\nContent-Type: image/gif\r\n\r\nx\r\n'.repeat(five / 35)), { error: { code: 'not_html' } }],
      // the boundary on every line, never followed by a line end
      ['near boundaries', Buffer.from(head('x') + '--x\r\n\r\n' + '\n--xy'.repeat(five / 5)), { error: { code: 'not_html' } }],
      // a one-character boundary in a body of dashes
      ['dashes', Buffer.from(head('-') + '-'.repeat(five)), { error: { code: 'not_html' } }],
      // multipart in multipart, thousands deep
      ['deep', Buffer.from(head('d0') + Array.from({ length: 20_000 }, (_, i) => `--d${i}\r\nContent-Type: multipart/related; boundary="d${i + 1}"\r\n\r\n`).join('')), { error: { code: 'not_html' } }],
      // a page of "=" and white space, and one of soft breaks
      ['quoted-printable', Buffer.from(head('q') + '--q\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>pause</p>' + '=   '.repeat(five / 4)), { format: 'html' }],
      ['soft breaks', Buffer.from(head('q') + '--q\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>pause</p>' + '=\r\n'.repeat(five / 3)), { format: 'html' }],
      // a header that never ends: no archive, and no text capture either under that name
      ['endless header', Buffer.from(`MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=z\r\n${'X-Padding: 0123456789\r\n'.repeat(five / 23)}`), { error: { code: 'bad_mhtml' } }],
      ['endless part header', Buffer.from(head('h') + `--h\r\nContent-Type: text/html\r\n${'\t continued\r\n'.repeat(five / 13)}`), { error: { code: 'not_html' } }],
      // a boundary longer than any writer uses
      ['long boundary', Buffer.from(head('b'.repeat(10_000)) + `--${'b'.repeat(10_000)}\r\n`.repeat(400)), { error: { code: 'bad_mhtml' } }],
    ];
    for (const [label, bytes, expected] of cases) {
      expect(bytes.length, label).toBeLessThanOrEqual(5_000_000);
      const { result, ms } = timed(bytes);
      expect(result, label).toMatchObject(expected);
      expect(ms, label).toBeLessThan(3_000);
    }
    const manyParts = decodeCapture('caps/hostile.mhtml', cases[0]![1]) as { error: { message: string } };
    expect(manyParts.error.message).toBe('caps/hostile.mhtml cannot be read as a saved page: it is an MHTML archive with no HTML page in it (the first 20000 parts looked at: image/gif)');
  }, 60_000);
});

describe('decodeCapture and ingestFiles: the files a browser saves beside a page', () => {
  it('refuse scripts, style sheets, source maps, JSON and SVG by their name, each an item error naming the file, and read the page beside them', async () => {
    const root = project({
      'caps/labs-pause.html': PAGE,
      'caps/labs-pause_files/analytics.js': "window.dataLayer = window.dataLayer || [];\nfunction gtag(){dataLayer.push(arguments);}\ngtag('config', 'G-PAUSE123');\n",
      'caps/labs-pause_files/jquery.min.js.download': '/*! jQuery v3.7.1 | (c) OpenJS Foundation and other contributors | jquery.org/license */\n!function(e,t){"use strict";}(this);\n',
      'caps/labs-pause_files/consent.mjs': "export const banner = 'We use cookies to improve your experience on this site.';\n",
      'caps/labs-pause_files/style.css': STYLE,
      'caps/labs-pause_files/app.js.map': '{"version":3,"sources":["app.ts"],"names":[],"mappings":"AAAA"}',
      'caps/labs-pause_files/config.JSON': '{"headline": "Labs back a global pause of frontier AI development"}',
      'caps/labs-pause_files/logo.svg': '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>Outlet</title><text>Outlet</text></svg>',
      'caps/labs-pause_files/logo.png': PNG,
    });
    const { items, errors } = await ingestFiles('caps', 'caps/**', root);
    expect(items.map((item) => [item.key, item.bodyFormat, item.body])).toEqual([['caps/labs-pause.html', 'html', PAGE]]);
    const refused = (name: string, kind: string) => ({ key: `caps/labs-pause_files/${name}`, error: { code: 'not_article', message: `caps/labs-pause_files/${name} is ${kind}, not a text capture or a saved page` } });
    expect(errors).toEqual([
      refused('analytics.js', 'a script (.js)'),
      refused('app.js.map', 'a source map (.map)'),
      refused('config.JSON', 'JSON data (.json)'),
      refused('consent.mjs', 'a script (.mjs)'),
      refused('jquery.min.js.download', 'a script (.js)'),
      { key: 'caps/labs-pause_files/logo.png', error: { code: 'not_text', message: expect.stringMatching(/^caps\/labs-pause_files\/logo\.png is not text: /) } },
      refused('logo.svg', 'an SVG image (.svg)'),
      refused('style.css', 'a style sheet (.css)'),
    ]);
    // `extract` and `score` read a file through decodeCapture: the same refusal
    expect(decodeCapture('page_files/style.css', Buffer.from(STYLE))).toEqual({
      error: { code: 'not_article', message: 'page_files/style.css is a style sheet (.css), not a text capture or a saved page' },
    });
  });

  it('refuse an .xml feed or sitemap, which would be one article of all its items, but read an XHTML page saved as .xml', () => {
    const rss = '<?xml version="1.0" encoding="UTF-8"?>\n<?xml-stylesheet type="text/xsl" href="rss.xsl"?>\n<!-- generated -->\n<rss version="2.0"><channel><title>Outlet</title><item><title>Labs back a global pause</title></item></channel></rss>';
    const atom = '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Outlet</title><entry><title>Labs back a pause</title></entry></feed>';
    const rdf = '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>Pause</title></item></rdf:RDF>';
    const sitemap = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://outlet.example/pause</loc></url></urlset>';
    const refused = (name: string, kind: string) => ({ error: { code: 'not_article', message: `${name} is ${kind}, not a text capture or a saved page` } });
    expect(decodeCapture('caps/feed.xml', Buffer.from(rss))).toEqual(refused('caps/feed.xml', 'a feed (<rss>)'));
    expect(decodeCapture('caps/feed.atom', Buffer.from(atom))).toEqual(refused('caps/feed.atom', 'a feed (<feed>)'));
    expect(decodeCapture('caps/index.rdf', Buffer.from(rdf))).toEqual(refused('caps/index.rdf', 'a feed (<rdf:RDF>)'));
    expect(decodeCapture('caps/sitemap.xml', Buffer.from(sitemap))).toEqual(refused('caps/sitemap.xml', 'an XML document (<urlset>)'));
    expect(decodeCapture('caps/feed.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(rss, 'utf-16le')]))).toEqual(refused('caps/feed.xml', 'a feed (<rss>)'));

    const xhtml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n' +
      '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Labs back a global pause</title></head><body><p>Labs back a global pause.</p></body></html>';
    expect(decodeCapture('caps/page.xml', Buffer.from(xhtml))).toMatchObject({ text: xhtml, format: 'html' });
    // an XML file whose root is not in its start is read as it was
    expect(decodeCapture('caps/notes.xml', Buffer.from('The labs met on Thursday.'))).toMatchObject({ format: 'text' });
  });
});
