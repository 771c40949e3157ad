import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExtract } from '../../src/cli/commands/extract.ts';
import { registerScore } from '../../src/cli/commands/score.ts';
import { startServer } from '../helpers/http-server.ts';
import { runCommands } from '../helpers/in-process-cli.ts';
import { ELF_START, tempFiles } from '../helpers/temp-files.ts';

/** Runs `extract` and `score` as `pausewatch` would (same global flags), capturing what they print. */
const pausewatch = (args: string[]) => runCommands([registerExtract, registerScore], args);

const article =
  'Critics call the proposed “pause” of frontier AI development — a €5bn question for the labs — a marketing ploy that would only hand the lead to rival labs.';
const { dir, file, remove } = tempFiles('read-files');
const pipeline = file(
  'pipeline.ts',
  `export default ${JSON.stringify({
    id: 'checks', name: 'Checks', sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }],
    topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['frontier AI', 'labs'] }, fetch: { perHostGapMs: 0 },
  })};\n`,
);
afterAll(remove);

describe('extract and score on a file that holds no text', () => {
  const binary = file('elf.txt', ELF_START);
  const empty = file('empty.txt', '');
  const good = file('good.txt', article);

  it('extract exits 1 naming the file and why, and prints nothing on stdout', async () => {
    for (const [target, code] of [[binary, 'not_text'], [empty, 'empty']] as const) {
      const result = await pausewatch(['extract', '--json', target]);
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toContain(`${code}: ${target} is `);
    }
  });

  it('score reports each such file with exit 1 and still scores the others, in order', async () => {
    const { code, stdout, stderr } = await pausewatch(['score', '--json', '--pipeline', pipeline, binary, good, empty]);
    expect(code).toBe(1);
    expect(stderr).toContain(`not_text: ${binary} is not text`);
    expect(stderr).toContain(`empty: ${empty} is empty`);
    expect(JSON.parse(stdout).map((entry: { file: string }) => entry.file)).toEqual([binary, good, empty]);
  });

  it('a missing file stays a usage error for extract, as before', async () => {
    await expect(pausewatch(['extract', path.join(dir, 'missing.txt')])).rejects.toThrow(/cannot read .*missing\.txt: no such file/);
  });
});

describe('extract and score on UTF-16 and legacy captures', () => {
  it('read UTF-16 with a byte-order mark', async () => {
    const utf16 = file('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(article, 'utf-16le')]));
    const extracted = await pausewatch(['extract', '--json', utf16]);
    expect(extracted.code).toBe(0);
    expect(JSON.parse(extracted.stdout).text).toContain(article);
    const scored = await pausewatch(['score', '--json', '--pipeline', pipeline, utf16]);
    expect(JSON.parse(scored.stdout)[0].relevance.score).toBeGreaterThan(0);
  });

  it('extract reads a saved windows-1251 page by its meta tag, and a .txt that starts like a page as HTML', async () => {
    const page = file('page.txt', iconv.encode('<!DOCTYPE html><html><head><meta charset="windows-1251"><title>Пауза</title></head><body><article><p>Пауза в развитии ИИ — «мораторий».</p></article></body></html>', 'windows-1251'));
    const { code, stdout } = await pausewatch(['extract', '--json', page]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ title: 'Пауза', text: expect.stringContaining('Пауза в развитии ИИ — «мораторий».') });
    expect(JSON.parse(stdout).text).not.toContain('<p>');
  });
});

describe('extract on a URL that is not an HTML page', () => {
  let site: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    site = await startServer({
      '/report.pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.concat([Buffer.from('%PDF-1.7\n'), ELF_START])),
      '/download': (_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end('<html><body><p>x</p></body></html>'),
      '/binary.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ELF_START),
      '/article.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>Pause</title></head><body><p>${article}</p></body></html>`),
      '/mislabelled.html': (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(iconv.encode(`<html><head><title>Café “pause”</title></head><body><p>${article}</p></body></html>`, 'windows-1252')),
    });
  });
  afterAll(() => site.close());

  it.each([
    ['/report.pdf', 'served as application/pdf, not as an HTML page'],
    ['/download', 'served as application/octet-stream, not as an HTML page'],
    ['/binary.html', 'served as text/html, but the body is not text'],
  ])('%s exits 1 with not_html, naming the URL and its type', async (route, message) => {
    const { code, stdout, stderr } = await pausewatch(['extract', '--json', `${site.url}${route}`, '--pipeline', pipeline]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`not_html: cannot extract ${site.url}${route}: ${message}`);
  });

  it('a windows-1252 page served as UTF-8 is extracted as windows-1252, not with U+FFFD for every accent and quote', async () => {
    const { code, stdout, stderr } = await pausewatch(['extract', '--json', `${site.url}/mislabelled.html`, '--pipeline', pipeline]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ title: 'Café “pause”', text: article });
    // and says so, on stderr: the source's label is wrong
    expect(stderr).toBe('note: the Content-Type header says UTF-8 but the body is not valid UTF-8; decoded as windows-1252\n');
  });

  it('an HTML page is still extracted', async () => {
    const { code, stdout } = await pausewatch(['extract', '--json', `${site.url}/article.html`, '--pipeline', pipeline]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).text).toContain(article);
  });
});
