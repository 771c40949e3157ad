import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePage } from '../../src/ingest/decode-page.ts';
import { decodeCapture, GLOB_LIMITS, ingestFiles } from '../../src/ingest/files.ts';
import { tempFolders } from '../helpers/temp-files.ts';

const article = 'Critics call the “pause” of frontier AI — a €5bn question — a marketing ploy.';
const page = (head: string, body: string) => `<html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;

/** Deterministic noise: every byte value but NUL, as random data without a NUL byte would be. */
const noise = (length: number) => Buffer.from(Array.from({ length }, (_, i) => (Math.imul(i + 1, 2654435761) >>> 11) % 255 + 1));
/** The start of an ELF executable: magic, then the zero-padded header every binary has. */
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56), Buffer.from('GLIBC_2.34\0libc.so.6\0_start\0'), noise(2000)]);
const withBom = (bom: number[], text: string, encoding: string) => Buffer.concat([Buffer.from(bom), iconv.encode(text, encoding)]);

const folders = tempFolders('files');
const project = folders.make;
afterEach(folders.removeAll);

describe('ingestFiles: a glob that reaches too far', () => {
  it('reads none of the files of a glob that matches more than a files source reads, and says why', async () => {
    const root = project(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`caps/${i}.txt`, article])));
    const read = await ingestFiles('caps', 'caps/*.txt', root, { ...GLOB_LIMITS, maxFiles: 4 });
    expect(read).toEqual({ items: [], errors: [], failure: { code: 'glob_too_wide', message: `caps/*.txt matches 5 files under ${root}, more than the 4 a files source reads, so none was read` } });
    expect((await ingestFiles('caps', 'caps/*.txt', root, { ...GLOB_LIMITS, maxFiles: 5 })).items).toHaveLength(5);
  });
});

describe('ingestFiles: binary, empty and UTF-16 captures', () => {
  it('refuses a link to a named pipe or a device as not a file, without reading it (a pipe would never end)', async () => {
    const root = project({ 'caps/good.txt': article });
    execFileSync('mkfifo', [path.join(root, 'pipe')]);
    symlinkSync(path.join(root, 'pipe'), path.join(root, 'caps/pipe.txt'));
    symlinkSync('/dev/zero', path.join(root, 'caps/zero.txt'));
    const { items, errors } = await ingestFiles('caps', 'caps/*.txt', root);
    expect(items.map((item) => item.key)).toEqual(['caps/good.txt']);
    expect(errors).toEqual([
      { key: 'caps/pipe.txt', error: { code: 'not_a_file', message: 'caps/pipe.txt is a named pipe, not a regular file, so it is not read' } },
      { key: 'caps/zero.txt', error: { code: 'not_a_file', message: 'caps/zero.txt is a device, not a regular file, so it is not read' } },
    ]);
  }, 10_000);

  it('reads UTF-16 with a byte-order mark, little- and big-endian', async () => {
    const root = project({
      'caps/le.txt': withBom([0xff, 0xfe], article, 'utf-16le'),
      'caps/be.txt': withBom([0xfe, 0xff], article, 'utf-16be'),
    });
    const { items, errors } = await ingestFiles('caps', 'caps/*.txt', root);
    expect(errors).toEqual([]);
    expect(items.map((item) => item.body)).toEqual([article, article]);
  });

  it('refuses binary files and empty ones as item errors naming the file, and still reads the others', async () => {
    const root = project({
      'caps/binary.txt': Buffer.concat([noise(1500), Buffer.from([0]), noise(1500)]),
      'caps/noise.txt': noise(3000),
      'caps/elf.txt': elf,
      'caps/empty.txt': '',
      'caps/blank.txt': ' \r\n\t\n',
      'caps/good.txt': article,
    });
    const { items, errors } = await ingestFiles('caps', 'caps/*.txt', root);
    expect(items.map((item) => item.key)).toEqual(['caps/good.txt']);
    expect(errors).toEqual([
      { key: 'caps/binary.txt', error: { code: 'not_text', message: expect.stringMatching(/^caps\/binary\.txt is not text: .*NUL/) } },
      { key: 'caps/blank.txt', error: { code: 'empty', message: expect.stringContaining('caps/blank.txt is empty') } },
      { key: 'caps/elf.txt', error: { code: 'not_text', message: expect.stringMatching(/^caps\/elf\.txt is not text: .*NUL/) } },
      { key: 'caps/empty.txt', error: { code: 'empty', message: 'caps/empty.txt is empty' } },
      { key: 'caps/noise.txt', error: { code: 'not_text', message: expect.stringMatching(/^caps\/noise\.txt is not text: \d+% of its characters are control characters/) } },
    ]);
  });

  it('refuses an .html file of binary data too', () => {
    expect(decodeCapture('page.html', elf)).toEqual({ error: { code: 'not_text', message: expect.stringContaining('page.html is not text') } });
  });
});

describe('ingestFiles: windows-1252 captures', () => {
  it('keep their curly quotes, dashes and euro sign, which Node\'s TextDecoder makes C1 controls', async () => {
    const root = project({ 'caps/legacy.txt': iconv.encode(article, 'windows-1252') });
    const { items } = await ingestFiles('caps', 'caps/*.txt', root);
    expect(items[0]!.body).toBe(article);
  });

  it('are told apart from a UTF-8 text with one stray byte, which keeps its accents and reads that byte as windows-1252', () => {
    // "café" with its é in Latin-1, in a text otherwise UTF-8
    const bytes = Buffer.from(Buffer.from('Zürich “pause” caf\u0000 — naïve, déjà vu').map((byte) => (byte === 0 ? 0xe9 : byte)));
    expect(decodeCapture('mixed.txt', bytes)).toMatchObject({
      text: 'Zürich “pause” café — naïve, déjà vu',
      encoding: 'utf-8',
      warnings: ['the document contains bytes that are not valid UTF-8; 1 stray byte was read as windows-1252'],
    });
  });

  it('in other scripts, without a BOM or a label, are read in the encoding their bytes show, not as windows-1252', () => {
    const captures: [string, string][] = [
      ['shift_jis', '東京 ― 人工知能の開発を一時停止する提案について、主要な研究所が協議を始めた。政府は検証可能な合意を求めている。'],
      ['gbk', '北京——关于暂停前沿人工智能开发的提议，主要实验室已开始磋商。政府要求达成可核查的协议。'],
      ['euc-kr', '서울 ― 최첨단 인공지능 개발을 일시 중단하자는 제안에 대해 주요 연구소들이 협의를 시작했다.'],
      ['windows-1251', 'Москва — крупнейшие лаборатории обсуждают предложение о глобальной паузе в разработке передового ИИ.'],
      ['koi8-r', 'Москва: крупнейшие лаборатории обсуждают предложение о глобальной паузе в разработке передового ИИ.'],
      ['windows-1253', 'Αθήνα — Τα εργαστήρια συζητούν μια παύση στην ανάπτυξη της τεχνητής νοημοσύνης.'],
      ['windows-1250', 'Warszawa — Laboratoria rozważają wstrzymanie rozwoju sztucznej inteligencji, powiedział minister. Zażółć gęślą jaźń.'],
    ];
    for (const [encoding, text] of captures) {
      expect(iconv.decode(iconv.encode(text, encoding), encoding)).toBe(text);
      const decoded = decodeCapture(`${encoding}.txt`, iconv.encode(text, encoding)) as { text: string; warnings: string[] };
      expect(decoded.text).toBe(text);
      expect(decoded.warnings).toEqual([expect.stringMatching(/^no charset is declared \(so UTF-8 by default\) but the body is not valid UTF-8; decoded as .*, which its bytes read as$/)]);
    }
    // Western text, however short, stays windows-1252
    for (const text of [article, 'Café — naïve résumé', 'Zürich — „Wir müssen handeln“, sagte Müller.']) {
      expect(decodeCapture('western.txt', iconv.encode(text, 'windows-1252'))).toMatchObject({ text, encoding: 'windows-1252' });
    }
  });

  it('keep the five bytes windows-1252 leaves undefined as the C1 controls browsers make them', () => {
    const bytes = Buffer.concat([iconv.encode('“Pause” ', 'windows-1252'), Buffer.from([0x81, 0x9d])]);
    expect(decodeCapture('legacy.txt', bytes)).toMatchObject({ text: '“Pause” \u0081\u009d', encoding: 'windows-1252' });
  });
});

describe('ingestFiles: saved pages decode as decodePage decodes them over HTTP', () => {
  const pages: Record<string, Buffer> = {
    'http-equiv-1252.html': iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', article), 'windows-1252'),
    'cyrillic.html': iconv.encode(page('<meta charset="windows-1251">', 'Пауза в развитии ИИ — «мораторий»'), 'windows-1251'),
    'japanese.htm': iconv.encode(page('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', 'フロンティアAIの一時停止'), 'shift_jis'),
    'xhtml.html': iconv.encode(`<?xml version="1.0" encoding="windows-1251"?>\n${page('', 'Пауза')}`, 'windows-1251'),
    // "café" with its é in Latin-1: one stray byte in a UTF-8 page
    'stray-byte.html': Buffer.from(Buffer.from(page('<meta charset="utf-8">', 'Zürich “pause” caf\u0000 — 中文')).map((byte) => (byte === 0 ? 0xe9 : byte))),
  };

  it.each(Object.keys(pages))('%s', async (name) => {
    const root = project({ [`caps/${name}`]: pages[name]! });
    const { items, errors } = await ingestFiles('caps', 'caps/*', root);
    expect(errors).toEqual([]);
    expect(items[0]).toMatchObject({ bodyFormat: 'html', body: decodePage(pages[name]!).text });
  });

  it('reads each label as its page says', () => {
    const text = (name: string) => (decodeCapture(name, pages[name]!) as { text: string }).text;
    expect(text('http-equiv-1252.html')).toContain(article);
    expect(text('cyrillic.html')).toContain('Пауза в развитии ИИ — «мораторий»');
    expect(text('japanese.htm')).toContain('フロンティアAIの一時停止');
    expect(text('xhtml.html')).toContain('<p>Пауза</p>');
    // one bad byte is that byte read as windows-1252, not the whole page
    expect(text('stray-byte.html')).toContain('Zürich “pause” café — 中文');
  });
});

describe('ingestFiles: a saved page under another name', () => {
  it.each([
    ['an XML declaration', '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>x</p></body></html>'],
    ['the comment a browser writes when saving', '<!-- saved from url=(0032)https://example.org/labs-pause -->\n<html><body><p>x</p></body></html>'],
    ['a doctype', '\n  <!DOCTYPE html>\n<html lang="en"><body><p>x</p></body></html>'],
    ['a comment, then a doctype', '<!-- generated by a CMS -->\n<!doctype html><p>x</p>'],
    ['<html>', '<HTML><body><p>x</p></body></HTML>'],
    ['<head>', '<head><title>x</title></head><body><p>x</p></body>'],
  ])('is read as HTML when it starts with %s', async (_label, content) => {
    const root = project({ 'caps/capture.txt': `\ufeff${content}` });
    const { items } = await ingestFiles('caps', 'caps/*.txt', root);
    expect(items[0]).toMatchObject({ bodyFormat: 'html', body: content });
  });

  it('is read as HTML when it starts like one in UTF-16', () => {
    expect(decodeCapture('capture.txt', withBom([0xff, 0xfe], '<!DOCTYPE html><p>x</p>', 'utf-16le'))).toMatchObject({ format: 'html', text: '<!DOCTYPE html><p>x</p>' });
  });

  it('is not assumed when a text merely mentions markup', () => {
    for (const content of ['<b>Note:</b> the labs met.', 'The page said <html> was required.', '<headline> Labs pause']) {
      expect(decodeCapture('capture.txt', Buffer.from(content))).toMatchObject({ format: 'text' });
    }
  });
});

describe('ingestFiles: symlinks', () => {
  it('reads each real file once when a symlink loops back into the glob', async () => {
    const root = project({ 'caps/a.txt': article, 'caps/z.txt': article, 'caps/sub/b.txt': article });
    symlinkSync('.', path.join(root, 'caps/loop'));
    symlinkSync('..', path.join(root, 'caps/sub/up'));
    const { items, errors } = await ingestFiles('caps', 'caps/**/*.txt', root);
    expect(errors).toEqual([]);
    expect(items.map((item) => item.key)).toEqual(['caps/a.txt', 'caps/sub/b.txt', 'caps/z.txt']);
  });

  it("keys a file by its own path, whatever links to it are added or removed beside it (its edits stay its article's)", async () => {
    const root = project({ 'caps/b.txt': article, 'caps/sub/c.txt': article });
    const before = await ingestFiles('caps', 'caps/**/*.txt', root);
    symlinkSync('b.txt', path.join(root, 'caps/a.txt'));
    symlinkSync('sub/c.txt', path.join(root, 'caps/c.txt'));
    const after = await ingestFiles('caps', 'caps/**/*.txt', root);
    expect(before.items.map((item) => item.key)).toEqual(['caps/b.txt', 'caps/sub/c.txt']);
    expect(after.items.map((item) => item.key)).toEqual(['caps/b.txt', 'caps/sub/c.txt']);
  });

  it('still reads a file linked from outside the glob root, once', async () => {
    const root = project({ 'caps/a.txt': article, 'elsewhere/linked.txt': article });
    symlinkSync('../elsewhere/linked.txt', path.join(root, 'caps/linked.txt'));
    symlinkSync('../elsewhere', path.join(root, 'caps/more'));
    const { items } = await ingestFiles('caps', 'caps/**/*.txt', root);
    expect(items.map((item) => item.key)).toEqual(['caps/a.txt', 'caps/linked.txt']);
  });
});
