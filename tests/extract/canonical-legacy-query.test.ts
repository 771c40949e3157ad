import type http from 'node:http';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExtract } from '../../src/cli/commands/extract.ts';
import { extractHtml } from '../../src/extract/index.ts';
import { decodePage } from '../../src/ingest/decode-page.ts';
import { startServer } from '../helpers/http-server.ts';
import { runCommands } from '../helpers/in-process-cli.ts';
import { tempFiles } from '../helpers/temp-files.ts';

/**
 * A page in a legacy encoding whose canonical link (or og:url) has non-ASCII characters in its query
 * (`/news.php?cat=Новости` in a windows-1251 page) names the address browsers would request for it: the query
 * percent-encoded in the page's encoding (`?cat=%CD%EE%E2%EE%F1%F2%E8`), as the outlet's own links and feeds write it,
 * not in UTF-8. The path stays UTF-8, and so does the whole URL on a UTF-8 page. Feed links found on pages are
 * resolved the same way (tests/ingest/discover-legacy-query.test.ts).
 */

const PAGE_URL = 'https://outlet.example/lenta/story.php?id=7';
/** `text` percent-encoded byte by byte in `encoding`, every byte escaped: as the bytes a browser sends. */
const escaped = (text: string, encoding: string) => [...iconv.encode(text, encoding)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
const NEWS = 'Новости';
const NEWS_1251 = escaped(NEWS, 'windows-1251');
const NEWS_UTF8 = escaped(NEWS, 'utf-8');

const ARTICLE =
  'Ведущие лаборатории искусственного интеллекта должны согласовать проверяемую глобальную паузу в разработке передовых систем, ' +
  'заявили исследователи в четверг. Критики назвали паузу неосуществимой, а сторонники сказали, что лаборатории могут проверять вычисления.';
/** A page whose head is `head`, with an article long enough for `extract <url>` to take. */
const page = (head: string, charset: string) =>
  `<!doctype html><html lang="ru"><head><meta charset="${charset}"><title>Пауза</title>${head}</head><body><article><h1>Пауза</h1><p>${ARTICLE}</p></article></body></html>`;

/** The article of `html` encoded in `encoding`, decoded and extracted as a run reads a fetched page. */
function extractEncoded(html: string, encoding: string, headers: Record<string, string> = {}) {
  const decoded = decodePage(iconv.encode(html, encoding), headers);
  return extractHtml(decoded.text, { url: PAGE_URL, encoding: decoded.encoding });
}

describe('the canonical URL of a page in a legacy encoding', () => {
  it('percent-encodes the query of a canonical link in windows-1251, whether relative or absolute; the path stays UTF-8', () => {
    expect(extractEncoded(page('<link rel="canonical" href="/news.php?cat=Новости">', 'windows-1251'), 'windows-1251').canonicalUrl).toBe(
      `https://outlet.example/news.php?cat=${NEWS_1251}`,
    );
    expect(extractEncoded(page('<link rel="canonical" href="https://outlet.example/новости/?cat=Новости&page=2">', 'windows-1251'), 'windows-1251').canonicalUrl).toBe(
      `https://outlet.example/${escaped('новости', 'utf-8')}/?cat=${NEWS_1251}&page=2`,
    );
  });

  it('reads og:url alike when the page has no canonical link, and a <base href> with such a query', () => {
    expect(extractEncoded(page('<meta property="og:url" content="https://outlet.example/news.php?cat=Новости">', 'windows-1251'), 'windows-1251').canonicalUrl).toBe(
      `https://outlet.example/news.php?cat=${NEWS_1251}`,
    );
    // the base's query, in the page's encoding, is the canonical link's when it writes only a fragment
    const based = extractEncoded(page('<base href="https://outlet.example/news.php?cat=Новости"><link rel="canonical" href="#top">', 'windows-1251'), 'windows-1251');
    expect(based.canonicalUrl).toBe(`https://outlet.example/news.php?cat=${NEWS_1251}#top`);
  });

  it('uses the encoding the page was decoded in, as the Content-Type header names it, over its <meta charset>', () => {
    // the header wins, as in browsers: the page is KOI8-R, whatever its meta says
    const koi8 = extractEncoded(page('<link rel="canonical" href="/news.php?cat=Новости">', 'windows-1251'), 'koi8-r', { 'content-type': 'text/html; charset=koi8-r' });
    expect(koi8.canonicalUrl).toBe(`https://outlet.example/news.php?cat=${escaped(NEWS, 'koi8-r')}`);
  });

  it.each([
    ['shift_jis', 'ニュース'],
    ['euc-jp', 'ニュース'],
    ['gb18030', '新闻'],
    ['big5', '新聞'],
    ['euc-kr', '뉴스'],
  ])('encodes the query of a %s page in its encoding', (encoding, word) => {
    const extracted = extractEncoded(page(`<link rel="canonical" href="/news.cgi?cat=${word}">`, encoding), encoding);
    // ASCII bytes of a multi-byte character ([, \\, j) are sent as they are: only the others are escaped
    const expected = escaped(word, encoding).replace(/%([2-7][0-9A-F])/g, (escape, hex: string) => {
      const char = String.fromCharCode(parseInt(hex, 16));
      return /[\x21-\x7e]/.test(char) && !`"#'<>`.includes(char) ? char : escape;
    });
    expect(extracted.canonicalUrl).toBe(`https://outlet.example/news.cgi?cat=${expected}`);
  });

  it('keeps UTF-8 on a UTF-8 page, and on a page whose encoding is not given', () => {
    const html = page('<link rel="canonical" href="/news.php?cat=Новости">', 'utf-8');
    expect(extractEncoded(html, 'utf-8').canonicalUrl).toBe(`https://outlet.example/news.php?cat=${NEWS_UTF8}`);
    expect(extractHtml(html, { url: PAGE_URL }).canonicalUrl).toBe(`https://outlet.example/news.php?cat=${NEWS_UTF8}`);
  });
});

describe('extract <url> and extract <file> on a page in a legacy encoding', () => {
  let site: Awaited<ReturnType<typeof startServer>>;
  const { file, remove } = tempFiles('canonical-legacy-query');
  const cyrillic = page('<link rel="canonical" href="/news.php?cat=Новости">', 'windows-1251');
  beforeAll(async () => {
    const serve = (body: Buffer, contentType: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'content-type': contentType }).end(body);
    site = await startServer({ '/story.php': serve(iconv.encode(cyrillic, 'windows-1251'), 'text/html; charset=windows-1251') });
  });
  afterAll(async () => {
    await site.close();
    remove();
  });
  const pipeline = file(
    'pipeline.ts',
    `export default ${JSON.stringify({
      id: 'legacy', name: 'Legacy', sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.html' }],
      topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['frontier AI'] }, fetch: { perHostGapMs: 0 },
    })};\n`,
  );

  it('prints the canonical URL with its query in the page encoding, for a fetched page and a saved one', async () => {
    const fetched = await runCommands([registerExtract], ['extract', '--json', `${site.url}/story.php`, '--pipeline', pipeline]);
    expect(fetched).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(fetched.stdout)).toMatchObject({ title: 'Пауза', canonicalUrl: `${site.url}/news.php?cat=${NEWS_1251}` });

    const saved = file('story.html', iconv.encode(page('<link rel="canonical" href="https://outlet.example/news.php?cat=Новости">', 'windows-1251'), 'windows-1251'));
    const extracted = await runCommands([registerExtract], ['extract', '--json', saved]);
    expect(extracted).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(extracted.stdout)).toMatchObject({ title: 'Пауза', canonicalUrl: `https://outlet.example/news.php?cat=${NEWS_1251}` });
  });
});
