import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, decodeFeedBytes } from '../../../src/ingest/feed/decode.ts';
import { parseFeed } from '../../../src/ingest/feed/parse-feed.ts';

const feedXml = (declaration: string, title: string) => `${declaration}<rss version="2.0"><channel><title>${title}</title></channel></rss>`;

describe('decodeBody: choosing the charset', () => {
  it('uses the Content-Type charset over the XML declaration (windows-1252 curly quotes)', () => {
    const bytes = iconv.encode(feedXml('<?xml version="1.0" encoding="utf-8"?>', '“quoted” £5'), 'windows-1252');
    expect(decodeBody(bytes, { 'content-type': 'text/xml; charset=windows-1252' })).toMatchObject({ encoding: 'windows-1252', text: expect.stringContaining('“quoted” £5') });
  });

  it('reads the XML declaration when the header has no charset', () => {
    const bytes = iconv.encode(feedXml('<?xml version="1.0" encoding="KOI8-R"?>', 'Пауза ИИ'), 'koi8-r');
    expect(decodeBody(bytes, { 'Content-Type': 'application/rss+xml' }).text).toContain('Пауза ИИ');
  });

  it.each([
    ['ISO-8859-2', 'Zażółć gęślą'],
    ['GBK', '人工智能暂停'],
    ['Big5', '人工智慧暫停'],
    ['EUC-KR', '인공지능 중단'],
    ['Shift_JIS', '人工知能の一時停止'],
  ])('decodes a %s document declared in its XML declaration', (charset, title) => {
    const bytes = iconv.encode(feedXml(`<?xml version="1.0" encoding="${charset}"?>`, title), charset);
    expect(decodeBody(bytes).text).toContain(title);
  });

  it.each(['iso-8859-1', 'ISO_8859-1', 'l1', 'iso-ir-100', 'cp819', 'US-ASCII', 'ANSI_X3.4-1968', 'us', 'iso-ir-6', 'IBM367', 'ISO_646.irv:1991'])(
    'treats %s, an alias of ISO-8859-1 or US-ASCII, as windows-1252, as browsers do (smart quotes in 0x80–0x9F)',
    (label) => {
      const bytes = Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="${label}"?><rss><channel><title>`), Buffer.from([0x93, 0x68, 0x69, 0x94, 0x20, 0x80]), Buffer.from('</title></channel></rss>')]);
      expect(decodeBody(bytes)).toMatchObject({ encoding: 'windows-1252', text: expect.stringContaining('“hi” €') });
      expect(decodeBody(bytes, { 'content-type': `text/xml; charset=${label}` }).text).toContain('“hi” €');
    },
  );

  it.each([
    ['utf-16le', true],
    ['utf-16be', true],
    ['utf-16le', false],
    ['utf-16be', false],
    ['utf-32le', true],
    ['utf-32be', false],
  ])('decodes %s (BOM: %s)', (encoding, withBom) => {
    const text = feedXml('<?xml version="1.0"?>', 'Ünïcödé ✓');
    const bytes = iconv.encode(text, encoding, { addBOM: withBom });
    const decoded = decodeBody(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(text);
  });

  it('reads a feed without a declaration, and a JSON Feed, as UTF-8 whatever <meta charset> their items\' HTML holds', async () => {
    const rss = '<rss version="2.0"><channel><title>Лента</title><item><title>Пауза ИИ — Größe</title><guid>1</guid>' +
      '<description><![CDATA[<meta charset="shift_jis"><p>Пауза</p>]]></description></item></channel></rss>';
    const json = JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Лента', items: [{ id: '1', title: 'Пауза ИИ — «мнение»', content_html: "<meta charset='windows-1251'><p>Пауза</p>" }] });
    for (const [body, type] of [[rss, 'application/rss+xml'], [json, 'application/feed+json']] as const) {
      const feed = await parseFeed(Buffer.from(body, 'utf8'), { url: 'https://e.example/feed', headers: { 'content-type': type } });
      expect(feed.title).toBe('Лента');
      expect(feed.items[0]!.title).toMatch(/^Пауза ИИ — /);
      expect(feed.warnings).toEqual([]);
    }
    // an HTML page served as a feed is still read in its <meta> charset, so the refusal quotes it as written
    const page = iconv.encode('<!DOCTYPE html><html><head><meta charset="windows-1251"><title>Главная</title></head></html>', 'windows-1251');
    expect(decodeBody(page, { 'content-type': 'application/rss+xml' }).text).toContain('Главная');
  });

  it('strips a UTF-8 BOM and lets it win over a wrong header charset', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(feedXml('', 'naïve'))]);
    expect(decodeBody(bytes, { 'Content-Type': 'text/xml; charset=iso-8859-1' })).toEqual({ encoding: 'utf-8', text: feedXml('', 'naïve') });
  });
});

describe('parseFeed: charset problems are reported', () => {
  it.each([
    ['ISO-8859-1', 'Café — Zürich 中文'],
    ['UTF-16LE', 'Café — Zürich 中文'],
  ])('a header saying UTF-8 stands over a stray bad byte, whatever the declaration says (%s)', async (declared, title) => {
    const bytes = Buffer.concat([Buffer.from(feedXml(`<?xml version="1.0" encoding="${declared}"?>`, title)), Buffer.from([0xa0])]);
    const feed = await parseFeed(bytes, { url: 'https://e.example/f', headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
    expect(feed.title).toBe(title);
    expect(feed.warnings).toContain('the document contains bytes that are not valid UTF-8; 1 stray byte was read as windows-1252');
  });

  it.each(['utf-8', 'UTF8'])('a header saying %s over bytes that are not UTF-8 gives way to the declared encoding, with a warning', async (label) => {
    const bytes = iconv.encode(feedXml('<?xml version="1.0" encoding="windows-1252"?>', 'Café “débat”'), 'windows-1252');
    const feed = await parseFeed(bytes, { url: 'https://e.example/f', headers: { 'content-type': `application/rss+xml; charset=${label}` } });
    expect(feed.title).toBe('Café “débat”');
    expect(feed.warnings).toContain('the Content-Type header says UTF-8 but the body is not valid UTF-8; decoded as windows-1252, as the document declares');
  });

  it('a header naming a legacy charset over a body that is valid UTF-8, as the document declares, gives way, with a warning', async () => {
    const headers = { 'content-type': 'text/xml; charset=iso-8859-1' };
    const utf8 = await parseFeed(Buffer.from(feedXml('<?xml version="1.0" encoding="utf-8"?>', 'Café — “pause”')), { url: 'https://e.example/f', headers });
    expect(utf8.title).toBe('Café — “pause”');
    expect(utf8.warnings).toContain('the Content-Type header says iso-8859-1 but the body is valid UTF-8, as the document declares; decoded as UTF-8');
    // a declaration naming the header's Latin charset is no second witness (one CMS setting often writes both)
    const declared = Buffer.from(feedXml('<?xml version="1.0" encoding="iso-8859-1"?>', 'Café'));
    expect(decodeFeedBytes(declared, headers)).toMatchObject({ encoding: 'utf-8', warnings: ['the Content-Type header says iso-8859-1 but the body is valid UTF-8; decoded as UTF-8'] });
    // plain ASCII needs no second look
    const ascii = await parseFeed(Buffer.from(feedXml('<?xml version="1.0" encoding="utf-8"?>', 'Cafe')), { url: 'https://e.example/f', headers });
    expect(ascii.warnings).toEqual([]);
  });

  it('keeps the bytes windows-1252 leaves undefined as browsers do, so UTF-8 declared as ISO-8859-1 is still repaired', async () => {
    // UTF-8 bytes that say they are ISO-8859-1: the closing quote's last byte is 0x9D, undefined in windows-1252. The
    // trailing 0xA3 (£ in windows-1252) keeps the whole document from being valid UTF-8, so it is read as declared.
    const bytes = Buffer.concat([Buffer.from(feedXml('<?xml version="1.0" encoding="iso-8859-1"?>', 'Café “quoted”')), Buffer.from([0xa3])]);
    const feed = await parseFeed(bytes, { url: 'https://e.example/f' });
    expect(feed.title).toBe('Café “quoted”');
    expect(decodeBody(Buffer.from([0x3c, 0x61, 0x3e, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x93, 0x3c, 0x2f, 0x61, 0x3e]), { 'content-type': 'text/xml; charset=windows-1252' }).text).toBe('<a>\u0081\u008d\u008f\u0090\u009d“</a>');
  });

  it('reads ISO-2022-JP, which iconv-lite has no decoder for, from the declaration or the header', async () => {
    // 「日本語」 in ISO-2022-JP: ESC $ B switches to JIS X 0208, ESC ( B back to ASCII; every byte is 7-bit
    const japanese = Buffer.from('\x1b$BF|K\\8l\x1b(B', 'latin1');
    const declared = Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-2022-JP"?><rss version="2.0"><channel><title>'), japanese, Buffer.from('</title></channel></rss>')]);
    const feed = await parseFeed(declared, { url: 'https://e.example/f' });
    expect(feed).toMatchObject({ title: '日本語', bozo: false });
    expect(decodeFeedBytes(declared.subarray(declared.indexOf('<rss')), { 'content-type': 'application/rss+xml; charset=iso-2022-jp' })).toMatchObject({ encoding: 'iso-2022-jp', warnings: [] });
  });

  it('flags a bogus declared encoding as bozo but still reads the feed as UTF-8', async () => {
    const feed = await parseFeed(Buffer.from(feedXml('<?xml version="1.0" encoding="x-no-such-charset"?>', 'Still read')), { url: 'https://e.example/f' });
    expect(feed).toMatchObject({ bozo: true, title: 'Still read' });
    expect(feed.warnings.join(' ')).toMatch(/unknown encoding/);
  });

  it('flags bytes that are invalid UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('<rss version="2.0"><channel><title>bad '), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('</title></channel></rss>')]);
    expect((await parseFeed(bytes, { url: 'https://e.example/f' })).bozo).toBe(true);
  });

  it('flags invalid UTF-8 even beside a real U+FFFD, and does not flag a real U+FFFD alone', async () => {
    const title = (bytes: Buffer) => Buffer.concat([Buffer.from('<rss version="2.0"><channel><title>'), bytes, Buffer.from('</title></channel></rss>')]);
    const realReplacementCharacter = Buffer.from('\ufffd', 'utf8');
    expect((await parseFeed(title(Buffer.concat([realReplacementCharacter, Buffer.from([0xc3, 0x28])])), { url: 'https://e.example/f' })).bozo).toBe(true);
    const valid = await parseFeed(title(realReplacementCharacter), { url: 'https://e.example/f' });
    expect(valid).toMatchObject({ bozo: false, title: '\ufffd' });
  });

  it('repairs UTF-8 that was decoded as Latin-1 and encoded again', async () => {
    const feed = await parseFeed(Buffer.from('<rss version="2.0"><channel><item><description>wait&#226;&#128;&#166;</description></item></channel></rss>'), { url: 'https://e.example/f' });
    expect(feed.items[0]?.summary).toBe('wait…');
  });

  it('repairs UTF-8 that went through windows-1252 upstream, in titles and bodies, and leaves real accents alone', async () => {
    const xml = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><title>Itâ€™s the cafÃ© â€” “Zażółć”</title>' +
      '<description>&lt;p&gt;Labs say â€œpauseâ€&#157; now&lt;/p&gt;</description><guid>1</guid></item></channel></rss>';
    const feed = await parseFeed(Buffer.from(xml), { url: 'https://e.example/f' });
    expect(feed.items[0]).toMatchObject({ title: 'It’s the café — “Zażółć”', summary: '<p>Labs say “pause” now</p>' });
    const json = { version: 'https://jsonfeed.org/version/1.1', title: 'Le cafÃ©', items: [{ id: '1', title: 'Itâ€™s on', content_html: '<p>clichÃ©</p>' }] };
    const jsonFeed = await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://e.example/f.json' });
    expect(jsonFeed).toMatchObject({ title: 'Le café', items: [{ title: 'It’s on', content: '<p>cliché</p>' }] });
  });

  it('repairs the same mojibake in author names and categories, in every format', async () => {
    const rss = '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><item><guid>1</guid>' +
      '<dc:creator>JosÃ© GarcÃ­a</dc:creator><category>PolÃ­tica</category></item></channel></rss>';
    expect((await parseFeed(Buffer.from(rss), { url: 'https://e.example/f' })).items[0]).toMatchObject({ author: 'José García', categories: ['Política'] });
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><author><name>FranÃ§ois MÃ¼ller</name></author></entry></feed>';
    expect((await parseFeed(Buffer.from(atom), { url: 'https://e.example/f' })).items[0]?.author).toBe('François Müller');
    const json = { version: 'https://jsonfeed.org/version/1.1', items: [{ id: '1', authors: [{ name: 'ZoÃ« Ã…sberg' }], tags: ['rÃ©gulation'] }] };
    expect((await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://e.example/f.json' })).items[0]).toMatchObject({ author: 'Zoë Åsberg', categories: ['régulation'] });
  });
});

describe('decodeFeedBytes: the bytes overrule a declared charset they contradict, whichever source declared it', () => {
  const itemXml = (declaration: string, title: string, link: string) =>
    `${declaration}<rss version="2.0"><channel><title>${title}</title><item><title>${title}</title><link>${link}</link><guid>${link}</guid></item></channel></rss>`;
  const url = 'https://e.example/f';

  it.each([
    ['ISO-8859-1', 'iso-8859-1'],
    ['windows-1252', 'windows-1252'],
    ['latin1', 'latin1'],
    ['ISO-8859-15', 'iso-8859-15'],
  ])('a document declaring %s in its XML declaration whose bytes are valid UTF-8 is read as UTF-8, links and ids too, and flagged', async (charset, label) => {
    const feed = await parseFeed(Buffer.from(itemXml(`<?xml version="1.0" encoding="${charset}"?>`, 'Café — “pause”', 'https://e.x/café')), { url });
    expect(feed).toMatchObject({ bozo: true, title: 'Café — “pause”', items: [{ title: 'Café — “pause”', link: 'https://e.x/café', guid: 'https://e.x/café' }] });
    expect(feed.warnings).toContain(`the XML declaration says ${label} but the body is valid UTF-8; decoded as UTF-8`);
  });

  it.each([
    ['declared UTF-8', '<?xml version="1.0" encoding="UTF-8"?>', 'the XML declaration says UTF-8'],
    ['with an XML declaration naming no encoding', '<?xml version="1.0"?>', 'no charset is declared (so UTF-8 by default)'],
    ['with no declaration at all', '', 'no charset is declared (so UTF-8 by default)'],
  ])('windows-1252 bytes %s are read as windows-1252 and flagged', async (_case, declaration, said) => {
    const bytes = iconv.encode(itemXml(declaration, 'Café à “quoted” naïve', 'https://e.x/a'), 'windows-1252');
    const feed = await parseFeed(bytes, { url });
    expect(feed).toMatchObject({ bozo: true, title: 'Café à “quoted” naïve', items: [{ title: 'Café à “quoted” naïve' }] });
    expect(feed.warnings).toEqual([`${said} but the body is not valid UTF-8; decoded as windows-1252`]);
  });

  it('a Cyrillic feed whose server says UTF-8 and whose document declares nothing is read in the encoding of its bytes', async () => {
    const title = 'Москва: крупнейшие лаборатории обсуждают предложение о глобальной паузе';
    for (const encoding of ['koi8-r', 'windows-1251']) {
      const feed = await parseFeed(iconv.encode(itemXml('', title, 'https://e.x/a'), encoding), { url, headers: { 'content-type': 'application/rss+xml; charset=utf-8' } });
      expect(feed).toMatchObject({ bozo: true, items: [{ title }] });
      expect(feed.warnings).toEqual([expect.stringMatching(/^the Content-Type header says UTF-8 but the body is not valid UTF-8; decoded as (KOI8-U|windows-1251), which its bytes read as$/)]);
    }
  });

  it('an unlabelled Ukrainian feed is read in windows-1251 or KOI8-U, of which the detector is less sure than of Russian, with і ї є ґ kept', async () => {
    const titles = ['Україна приєднується до міжнародних переговорів щодо безпеки ШІ', 'Київ підтримує ґрунтовну перевірку найпотужніших систем'];
    for (const encoding of ['windows-1251', 'koi8-u']) {
      const rss = `<rss version="2.0"><channel><title>Стрічка</title>${titles.map((title, i) => `<item><title>${title}</title><guid>${i}</guid></item>`).join('')}</channel></rss>`;
      const feed = await parseFeed(iconv.encode(rss, encoding), { url });
      expect(feed.items.map((item) => item.title)).toEqual(titles);
      expect(feed.warnings).toEqual([`no charset is declared (so UTF-8 by default) but the body is not valid UTF-8; decoded as ${encoding === 'koi8-u' ? 'KOI8-U' : 'windows-1251'}, which its bytes read as`]);
    }
  });

  it('an unlabelled Ukrainian feed typed with a Latin i for і is read in windows-1251 all the same', async () => {
    const title = 'Президент пiдтримав перевiрку найпотужнiших систем штучного iнтелекту';
    const rss = `<rss version="2.0"><channel><title>Стрiчка</title><item><title>${title}</title><guid>1</guid></item></channel></rss>`;
    expect((await parseFeed(iconv.encode(rss, 'windows-1251'), { url })).items[0]!.title).toBe(title);
  });

  it.each(['Zürich', 'Café société: naïve résumé', 'Señor Núñez', 'Pause talks resume in Genève; délégués arrive.', 'Peña ×', 'Málaga ²', 'Größe ²'])(
    'a short unlabelled Western title stays windows-1252 (%s)',
    (title) => {
      expect(decodeFeedBytes(iconv.encode(feedXml('', title), 'windows-1252'))).toMatchObject({ encoding: 'windows-1252', text: expect.stringContaining(title) });
    },
  );

  it('a windows-1252 document with a single accent is read as windows-1252, not given a U+FFFD', () => {
    expect(decodeFeedBytes(iconv.encode(feedXml('<?xml version="1.0" encoding="utf-8"?>', 'Café'), 'windows-1252'))).toMatchObject({ encoding: 'windows-1252', text: expect.stringContaining('Café') });
  });

  it.each(['<?xml version="1.0" encoding="utf-8"?>', ''])('UTF-8 text with one stray bad byte stays UTF-8, that byte read as windows-1252 rather than every accent mangled (%j)', (declaration) => {
    const bytes = Buffer.concat([Buffer.from(feedXml(declaration, 'Café — naïve “pause”')), Buffer.from([0x93])]);
    const decoded = decodeFeedBytes(bytes);
    expect(decoded).toMatchObject({ encoding: 'utf-8', warnings: ['the document contains bytes that are not valid UTF-8; 1 stray byte was read as windows-1252'] });
    expect(decoded.text).toBe(`${feedXml(declaration, 'Café — naïve “pause”')}“`);
  });

  it('reads each byte pasted from a legacy editor into UTF-8 text as its windows-1252 character, and a character cut short as U+FFFD', () => {
    // `It\x92s` and `caf\xe9 ` (windows-1252 bytes: no UTF-8 sequence starts or goes on with them), a cut `\xe2\x80`
    // before a space, an overlong `\xe0\x80\xaf` (U+FFFD for each byte, as Node decodes it), and the body's last
    // character cut after its lead byte
    const bytes = Buffer.concat([
      Buffer.from('<rss version="2.0"><channel><title>It'), Buffer.of(0x92), Buffer.from('s caf'), Buffer.of(0xe9),
      Buffer.from(' — naïve “déjà vu” à Zürich</title><item><title>Cut '), Buffer.of(0xe2, 0x80), Buffer.from(' here'), Buffer.of(0xe0, 0x80, 0xaf),
      Buffer.from('</title><guid>1</guid></item></channel></rss>'), Buffer.of(0xe2),
    ]);
    expect(decodeFeedBytes(bytes)).toEqual({
      encoding: 'utf-8',
      text: '<rss version="2.0"><channel><title>It’s café — naïve “déjà vu” à Zürich</title><item><title>Cut \ufffd here\ufffd\ufffd\ufffd</title><guid>1</guid></item></channel></rss>\ufffd',
      warnings: ['the document contains bytes that are not valid UTF-8; 2 stray bytes were read as windows-1252, 3 broken sequences were replaced by U+FFFD'],
    });
  });

  it.each(['UTF-16LE', 'utf-32be', 'unicode'])('an ASCII-compatible document declaring %s is read as UTF-8, and the label is flagged', async (label) => {
    const feed = await parseFeed(Buffer.from(itemXml(`<?xml version="1.0" encoding="${label}"?>`, 'Café', 'https://e.x/café')), { url });
    expect(feed).toMatchObject({ bozo: true, title: 'Café', items: [{ link: 'https://e.x/café' }] });
    expect(feed.warnings).toEqual([`the XML declaration says ${label.toLowerCase()} but the document is written in an ASCII-compatible encoding; the label is ignored`]);
  });

  it.each(['UTF-16LE', 'utf-32be'])('a header naming %s over an ASCII-compatible document gives way to the declaration, and is flagged', (label) => {
    const text = feedXml('<?xml version="1.0" encoding="windows-1252"?>', 'Café “pause”');
    expect(decodeFeedBytes(iconv.encode(text, 'windows-1252'), { 'content-type': `application/rss+xml; charset=${label}` })).toEqual({
      encoding: 'windows-1252',
      text,
      warnings: [`the Content-Type header says ${label.toLowerCase()} but the document is written in an ASCII-compatible encoding; the label is ignored`],
    });
    // bytes that are UTF-16LE, without a BOM, are read as the header says
    const wide = feedXml('<?xml version="1.0"?>', 'Café');
    expect(decodeFeedBytes(iconv.encode(wide, 'utf-16le'), { 'content-type': 'text/xml; charset=utf-16le' })).toEqual({ encoding: 'utf-16le', text: wide, warnings: [] });
  });

  it('a UTF-8 byte-order mark wins over an ISO-8859-1 declaration or header, and the contradiction is flagged', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(itemXml('<?xml version="1.0" encoding="ISO-8859-1"?>', 'Café', 'https://e.x/café'))]);
    const feed = await parseFeed(bytes, { url });
    expect(feed).toMatchObject({ bozo: true, title: 'Café', items: [{ link: 'https://e.x/café' }] });
    expect(feed.warnings).toEqual(['the byte-order mark says UTF-8 but the XML declaration says iso-8859-1; decoded as UTF-8']);
    const withHeader = decodeFeedBytes(bytes, { 'content-type': 'application/rss+xml; charset=windows-1252' });
    expect(withHeader.warnings).toContain('the byte-order mark says UTF-8 but the Content-Type header says windows-1252; decoded as UTF-8');
    // labels that agree with the BOM are no problem, a UTF-16 label without byte order included
    const agreeing = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(feedXml('<?xml version="1.0" encoding="utf-8"?>', 'Café'))]);
    expect(decodeFeedBytes(agreeing, { 'content-type': 'text/xml; charset=UTF-8' }).warnings).toEqual([]);
    expect(decodeFeedBytes(iconv.encode(feedXml('<?xml version="1.0"?>', 'Café'), 'utf-16le', { addBOM: true }), { 'content-type': 'text/xml; charset=utf-16' }).warnings).toEqual([]);
  });

  it.each([
    // both titles' bytes happen to be valid UTF-8 (GBK C2 AC C3 B7, Shift_JIS E1 87 89 40): the label must still stand
    ['GBK', 'gb18030', '卢梅'],
    ['Shift_JIS', 'shift_jis', '瘍院'],
  ])('a correctly declared %s document is read as declared even when its bytes are valid UTF-8', (charset, decoder, title) => {
    const bytes = iconv.encode(feedXml(`<?xml version="1.0" encoding="${charset}"?>`, title), decoder);
    expect(decodeFeedBytes(bytes)).toEqual({ encoding: decoder, text: feedXml(`<?xml version="1.0" encoding="${charset}"?>`, title), warnings: [] });
    expect(decodeFeedBytes(bytes, { 'content-type': `text/xml; charset=${charset}` })).toMatchObject({ encoding: decoder, warnings: [] });
  });

  it.each([
    ['GBK', 'gb18030', '人工智能暂停'],
    ['Shift_JIS', 'shift_jis', '人工知能の一時停止'],
    ['Big5', 'big5', '人工智慧暫停'],
    ['EUC-KR', 'cp949', '인공지능 중단'],
    ['KOI8-R', 'koi8-r', 'Пауза ИИ'],
  ])('a correctly declared %s document is not "rescued" into UTF-8 or windows-1252', (charset, decoder, title) => {
    const text = feedXml(`<?xml version="1.0" encoding="${charset}"?>`, title);
    expect(decodeFeedBytes(iconv.encode(text, charset))).toEqual({ encoding: decoder, text, warnings: [] });
    // a header saying UTF-8 gives way to the declaration, as before
    expect(decodeFeedBytes(iconv.encode(text, charset), { 'content-type': 'text/xml; charset=utf-8' })).toMatchObject({ encoding: decoder, text });
  });
});

describe('decodeFeedBytes: a header and a declaration naming two legacy encodings', () => {
  const declared = (charset: string, title: string) => feedXml(`<?xml version="1.0" encoding="${charset}"?>`, title);
  const decode = (bytes: Buffer, headerCharset: string) => decodeFeedBytes(bytes, { 'content-type': `application/rss+xml; charset=${headerCharset}` });

  it.each([
    // Apache's AddDefaultCharset over a PHP feed that declares its own
    ['iso-8859-2', 'ISO-8859-1', 'ISO-8859-2', 'Wiadomości: rozważają pauzę', 'iso-8859-2'],
    // nginx's `charset windows-1251;` over a windows-1252 feed
    ['windows-1252', 'windows-1251', 'windows-1252', 'Café résumé à Paris', 'windows-1252'],
    // windows-1252's € under a header naming ISO-8859-15, where 0x80 is a control character
    ['windows-1252', 'ISO-8859-15', 'windows-1252', 'Déjà vu: €5', 'windows-1252'],
    // a server that re-encoded the body to the charset it names (nginx's source_charset): the header is right
    ['windows-1251', 'windows-1251', 'windows-1252', 'Новости: пауза', 'windows-1251'],
    ['iso-8859-2', 'ISO-8859-2', 'ISO-8859-1', 'Zażółć gęślą jaźń', 'iso-8859-2'],
    // nginx converting KOI8-R to windows-1251: guillemets beside words, which KOI8-R reads as letters, are no sign
    ['windows-1251', 'windows-1251', 'koi8-r', 'Учёные призвали к «паузе» IT-компании', 'windows-1251'],
    // signs beside words, and a middle dot inside one, that ISO-8859-2 would read as letters
    ['windows-1252', 'windows-1252', 'ISO-8859-2', '«Pause» à Genève, España®, m³, Þjóðin, col·lecció', 'windows-1252'],
    ['windows-1254', 'windows-1254', 'ISO-8859-2', 'Çağrısı «dur»', 'windows-1254'],
  ])('bytes in %s under a header saying %s and a declaration saying %s are read in the encoding they read as, with a warning', (bytesIn, header, documentSays, title, used) => {
    const decoded = decode(iconv.encode(declared(documentSays, title), bytesIn), header);
    expect(decoded.encoding).toBe(used);
    expect(decoded.text).toContain(`<title>${title}</title>`);
    const said = `the Content-Type header says ${header.toLowerCase()} but the XML declaration says ${documentSays.toLowerCase()}`;
    expect(decoded.warnings).toEqual([used === resolvedHeader(header) ? `${said}; decoded as ${used}, as the header says` : `${said}; decoded as ${used}, which its bytes read as`]);
  });

  it('sets bozo on the feed, and says nothing when both name one decoder or the body is ASCII', async () => {
    const polish = await parseFeed(iconv.encode(declared('ISO-8859-2', 'Wiadomości'), 'iso-8859-2'), { url: 'https://e.example/f', headers: { 'content-type': 'text/xml; charset=ISO-8859-1' } });
    expect(polish).toMatchObject({ bozo: true, title: 'Wiadomości' });
    expect(decode(iconv.encode(declared('windows-1252', 'Café'), 'windows-1252'), 'ISO-8859-1').warnings).toEqual([]);
    expect(decode(Buffer.from(declared('ISO-8859-2', 'Pause')), 'ISO-8859-1').warnings).toEqual([]);
  });
});

/** The decoder a header's label names, as the warnings give it. */
function resolvedHeader(label: string): string {
  return ({ 'ISO-8859-1': 'windows-1252', 'ISO-8859-15': 'iso-8859-15', 'ISO-8859-2': 'iso-8859-2' } as Record<string, string>)[label] ?? label;
}
