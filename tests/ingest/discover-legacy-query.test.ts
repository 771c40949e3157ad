import type http from 'node:http';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoverFeedLinks, discoverFeeds } from '../../src/ingest/discover.ts';
import { fetchUrl } from '../../src/ingest/fetch.ts';
import { encodeQueryInEncoding, resolveInDocumentEncoding } from '../../src/ingest/query-encoding.ts';
import { startServer } from '../helpers/http-server.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { discoveryFetchOptions } from '../helpers/discovery-fetch.ts';

/**
 * A page in a legacy encoding that links a feed whose query has non-ASCII characters (`/rss.php?cat=Новости` in a
 * windows-1251 page): browsers request the query percent-encoded in the page's encoding (WHATWG URL parser, given the
 * document's encoding), `?cat=%CD%EE%E2%EE%F1%F2%E8`, and that is what the site's server understands. Percent-encoded
 * in UTF-8 instead, the server sees another category, or none. The path and the fragment stay UTF-8.
 */

const fetchOptionsFor = discoveryFetchOptions;
const feedLink = (href: string, title = '') => `<link rel="alternate" type="application/rss+xml"${title ? ` title="${title}"` : ''} href="${href}">`;
const PAGE = 'https://outlet.example/lenta/index.php';
const linksIn = (html: string, encoding: string) => discoverFeedLinks(html, PAGE, encoding).map((link) => link.url);

// windows-1251 bytes of "Новости", and its UTF-8 bytes: the two spellings of the one query
const NEWS_1251 = '%CD%EE%E2%EE%F1%F2%E8';
const NEWS_UTF8 = '%D0%9D%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8';
// Shift_JIS bytes of "ニュース" and "表示": trail bytes that are ASCII ([, j, X, \) are sent as they are, as browsers do
const NEWS_SJIS = '%83j%83%85%81[%83X';
const DISPLAY_SJIS = '%95\\%8E%A6';

describe('discoverFeeds: a feed link with a non-ASCII query on a page in a legacy encoding', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  /** The request targets the server received, as sent (req.url is not decoded). */
  const requested: string[] = [];
  const page = (html: string, encoding: string, contentType: string) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
    res.writeHead(200, { 'content-type': contentType }).end(iconv.encode(html, encoding));
  /** A feed served only at the exact request targets given, each its own feed; any other spelling is a 404. */
  const feedAt = (feeds: Record<string, string>) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    requested.push(req.url ?? '');
    const title = feeds[req.url ?? ''];
    if (title === undefined) return res.writeHead(404, { 'content-type': 'text/plain' }).end('no such category');
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(title, [{ guid: title, title: 'Item', link: 'https://outlet.example/1' }]));
  };

  beforeAll(async () => {
    const cyrillicPage = (head: string) => `<!doctype html><html><head>${head}<title>Лента</title>${feedLink('/rss.php?cat=Новости', 'Новости')}</head><body>Новости</body></html>`;
    const japanesePage = (head: string) => `<!doctype html><html><head>${head}${feedLink('/feed.cgi?cat=ニュース&tag=表示')}</head><body>ニュース</body></html>`;
    server = await startServer({
      // labelled by the Content-Type header, by <meta charset> alone, and a UTF-8 page linking the same address
      '/cp1251/': page(cyrillicPage(''), 'windows-1251', 'text/html; charset=windows-1251'),
      '/cp1251-meta/': page(cyrillicPage('<meta charset="windows-1251">'), 'windows-1251', 'text/html'),
      '/utf8/': page(cyrillicPage('<meta charset="utf-8">'), 'utf-8', 'text/html; charset=utf-8'),
      '/rss.php': feedAt({ [`/rss.php?cat=${NEWS_1251}`]: 'Новости (windows-1251)', [`/rss.php?cat=${NEWS_UTF8}`]: 'Новости (UTF-8)' }),
      '/sjis/': page(japanesePage('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'), 'shift_jis', 'text/html'),
      '/utf16/': page(japanesePage(''), 'utf-16le', 'text/html; charset=utf-16le'),
      '/feed.cgi': feedAt({ [`/feed.cgi?cat=${NEWS_SJIS}&tag=${DISPLAY_SJIS}`]: 'ニュース (Shift_JIS)', '/feed.cgi?cat=%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9&tag=%E8%A1%A8%E7%A4%BA': 'ニュース (UTF-8)' }),
    });
  });
  afterAll(() => server.close());

  const discover = (path: string) => discoverFeeds(`${server.url}${path}`, fetchUrl, { fetch: fetchOptionsFor(`${server.url}${path}`) });

  it('requests the query in windows-1251, whether the header or <meta charset> names it, and reads the feed; a UTF-8 page stays UTF-8', async () => {
    requested.length = 0;
    for (const path of ['/cp1251/', '/cp1251-meta/']) {
      const result = await discover(path);
      expect(result.error).toBeNull();
      expect(result.rejected).toEqual([]);
      expect(result.feeds).toEqual([{ url: `${server.url}/rss.php?cat=${NEWS_1251}`, title: 'Новости (windows-1251)', format: 'rss', itemCount: 1, via: 'link' }]);
    }
    // asked for once per page, and never in UTF-8
    expect(requested).toEqual([`/rss.php?cat=${NEWS_1251}`, `/rss.php?cat=${NEWS_1251}`]);
    const utf8 = await discover('/utf8/');
    expect(utf8.feeds).toEqual([{ url: `${server.url}/rss.php?cat=${NEWS_UTF8}`, title: 'Новости (UTF-8)', format: 'rss', itemCount: 1, via: 'link' }]);
  });

  it('requests a Japanese query in Shift_JIS, bytes that are ASCII as they are, as browsers do; a UTF-16 page uses UTF-8', async () => {
    requested.length = 0;
    const result = await discover('/sjis/');
    expect(requested).toEqual([`/feed.cgi?cat=${NEWS_SJIS}&tag=${DISPLAY_SJIS}`]);
    expect(result.error).toBeNull();
    expect(result.rejected).toEqual([]);
    expect(result.feeds).toEqual([{ url: `${server.url}/feed.cgi?cat=${NEWS_SJIS}&tag=${DISPLAY_SJIS}`, title: 'ニュース (Shift_JIS)', format: 'rss', itemCount: 1, via: 'link' }]);
    // UTF-16 pages write their URLs in UTF-8 (the URL standard's "get an output encoding")
    const utf16 = await discover('/utf16/');
    expect(utf16.feeds.map((feed) => feed.title)).toEqual(['ニュース (UTF-8)']);
  });
});

describe('resolving feed links in the page encoding', () => {
  it('percent-encodes only the query in the page encoding: the path and the fragment stay UTF-8', () => {
    const href = '/новости/rss.php?cat=Новости#Раздел?x=Ж';
    const html = `<html><head>${feedLink(href)}</head></html>`;
    // discovery drops the fragment; a `?` inside it starts no query
    expect(linksIn(html, 'windows-1251')).toEqual([`https://outlet.example/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/rss.php?cat=${NEWS_1251}`]);
    expect(resolveInDocumentEncoding(href, PAGE, 'windows-1251').href).toBe(
      `https://outlet.example/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/rss.php?cat=${NEWS_1251}#%D0%A0%D0%B0%D0%B7%D0%B4%D0%B5%D0%BB?x=%D0%96`,
    );
    // a relative link that is only a query, and tabs and newlines inside it, which the URL parser drops
    expect(linksIn(`<html><head>${feedLink('?format=rss&cat=Ново\nсти')}</head></html>`, 'windows-1251')).toEqual([`${PAGE}?format=rss&cat=${NEWS_1251}`]);
  });

  it('writes a character the encoding lacks as an HTML numeric reference, percent-encoded (%26%23N%3B)', () => {
    const html = `<html><head>${feedLink('/rss.php?cat=Новости 中 😀')}</head></html>`;
    expect(linksIn(html, 'windows-1251')).toEqual([`https://outlet.example/rss.php?cat=${NEWS_1251}%20%26%2320013%3B%20%26%23128512%3B`]);
    // a lone surrogate is U+FFFD to the URL parser, which windows-1251 lacks too
    expect(encodeQueryInEncoding('a=\ud800', 'windows-1251')).toBe('a=%26%2365533%3B');
    expect(encodeQueryInEncoding('q=Łódź', 'iso-8859-2')).toBe('q=%A3%F3d%BC');
    expect(encodeQueryInEncoding('q=Łódź', 'windows-1251')).toBe('q=%26%23321%3B%26%23243%3Bd%26%23378%3B');
  });

  it('keeps ASCII and %xx escapes already in the address as written', () => {
    const html = `<html><head>${feedLink("/rss.php?a=%D0%9D&b=Н&c=a+b%2F&d=it's")}</head></html>`;
    // %D0%9D stays UTF-8 (the page's author encoded it), the literal Н is windows-1251; ' is escaped as for any URL
    expect(linksIn(html, 'windows-1251')).toEqual(['https://outlet.example/rss.php?a=%D0%9D&b=%CD&c=a+b%2F&d=it%27s']);
    expect(encodeQueryInEncoding('a=%D0%9D&b=%zz&c=1', 'windows-1251')).toBe('a=%D0%9D&b=%zz&c=1');
  });

  it('resolves <base href> in the page encoding too, whose query a link without one keeps', () => {
    const html = `<html><head><base href="/lenta/index.php?razdel=Мир">${feedLink('#rss')}${feedLink('rss.xml')}</head></html>`;
    expect(linksIn(html, 'windows-1251')).toEqual(['https://outlet.example/lenta/index.php?razdel=%CC%E8%F0', 'https://outlet.example/lenta/rss.xml']);
  });

  it('leaves UTF-8 and UTF-16 pages, and schemes whose query is always UTF-8, as new URL resolves them', () => {
    const html = `<html><head>${feedLink('/rss.php?cat=Новости')}</head></html>`;
    expect(linksIn(html, 'utf-8')).toEqual([`https://outlet.example/rss.php?cat=${NEWS_UTF8}`]);
    expect(linksIn(html, 'utf-16le')).toEqual([`https://outlet.example/rss.php?cat=${NEWS_UTF8}`]);
    expect(linksIn(html, 'utf-16be')).toEqual([`https://outlet.example/rss.php?cat=${NEWS_UTF8}`]);
    expect(linksIn(html, 'koi8-r')).toEqual(['https://outlet.example/rss.php?cat=%EE%CF%D7%CF%D3%D4%C9']);
    for (const href of ['ws://outlet.example/live?cat=Новости', 'wss://outlet.example/live?cat=Новости', 'mailto:desk@outlet.example?subject=Новости']) {
      expect(resolveInDocumentEncoding(href, PAGE, 'windows-1251').href).toBe(new URL(href, PAGE).href);
    }
  });

  it('encodes as the WHATWG encoders do in the other legacy encodings', () => {
    const cases: [string, string, string][] = [
      ['shift_jis', 'ニュース', NEWS_SJIS],
      ['shift_jis', '表示', DISPLAY_SJIS],
      // U+2212 MINUS SIGN is written as U+FF0D FULLWIDTH HYPHEN-MINUS; halfwidth katakana are single bytes
      ['shift_jis', '−ｱ', '%81|%B1'],
      ['euc-jp', '日本−ｱ', '%C6%FC%CB%DC%A1%DD%8E%B1'],
      // ISO-2022-JP switches with escape sequences and ends in ASCII; halfwidth katakana are written full width
      ['iso-2022-jp', '日本', '%1B$BF|K\\%1B(B'],
      ['iso-2022-jp', 'a日b¥a\\ｱ', 'a%1B$BF|%1B(Bb%1B(J\\a%1B(B\\%1B$B%%22%1B(B'],
      ['iso-2022-jp', 'Ж😀', '%1B$B%27(%1B(B%26%23128512%3B'],
      ['gb18030', '中文€', '%D6%D0%CE%C4%A2%E3'],
      ['cp949', '한국', '%C7%D1%B1%B9'],
      ['big5', '中文', '%A4%A4%A4%E5'],
      ['koi8-r', 'Пауза', '%F0%C1%D5%DA%C1'],
      ['maccyrillic', 'Ж', '%86'],
    ];
    for (const [encoding, text, expected] of cases) expect([encoding, text, encodeQueryInEncoding(text, encoding)]).toEqual([encoding, text, expected]);
    const html = `<html><head>${feedLink('/feed.cgi?cat=ニュース&tag=表示')}</head></html>`;
    expect(linksIn(html, 'shift_jis')).toEqual([`https://outlet.example/feed.cgi?cat=${NEWS_SJIS}&tag=${DISPLAY_SJIS}`]);
    expect(linksIn(html, 'iso-2022-jp')).toEqual(['https://outlet.example/feed.cgi?cat=%1B$B%K%e!%3C%9%1B(B&tag=%1B$BI=%3C(%1B(B']);
  });
});
