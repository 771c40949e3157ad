import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExtract } from '../../src/cli/commands/extract.ts';
import { registerFeed } from '../../src/cli/commands/feed.ts';
import { registerSourcesAdd, sourceEntries } from '../../src/cli/commands/sources-add.ts';
import { main } from '../../src/cli/index.ts';
import { loadPipeline } from '../../src/config/index.ts';
import { startServer } from '../helpers/http-server.ts';
import { runCommands } from '../helpers/in-process-cli.ts';
import { rssFeed } from '../helpers/hostile-server.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const feedFixture = path.join(repoRoot, 'tests/fixtures/feeds/rss2-relative-links.xml');

/** Runs the commands as `pausewatch` would (same global flags), capturing what they print. */
const pausewatch = (args: string[]) => runCommands([registerFeed, registerSourcesAdd, registerExtract], args);

const pipelineDir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-feed-commands-'));
/** A pipeline file with the given fetch settings and sources (besides a files source with id "seeds"). */
function pipelineFile(name: string, fetch: object, feeds: object[] = []): string {
  const file = path.join(pipelineDir, name);
  const sources = [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }, ...feeds];
  const pipeline = { id: 'checks', name: 'Checks', sources, topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['AI'] }, fetch };
  writeFileSync(file, `export default ${JSON.stringify(pipeline)};\n`);
  return file;
}

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer({
    '/': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<html><head><link rel="alternate" type="application/rss+xml" title="Wire" href="/wire.xml"><link rel="alternate" type="application/rss+xml" href="/gone.xml"></head></html>'),
    '/wire.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Policy Wire', [{ guid: 'w1', title: 'Labs weigh a pause', link: 'https://example.org/w1', pubDate: 'Tue, 09 Jun 2026 10:00:00 GMT' }])),
    '/evil.json': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/feed+json' })
        .end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Evil\u001b[31mRED\u0007\n\t  Feed\u009b\u202e', items: [{ id: '1', url: 'https://example.org/1', content_text: 'x' }] })),
    '/quotes.json': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/feed+json' }).end(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'It\'s "the" \\ wire \u2028 ok', items: [{ id: '1', url: 'https://example.org/1', content_text: 'x' }] })),
    '/broken.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title><description>cut off <b>here'),
    // what a broken generator or a hostile feed may send: a link that is no URL (kept as written, line break and
    // all), an id with line breaks, titles of any length
    '/unruly.json': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/feed+json' }).end(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: `Endless ${'feed '.repeat(2000)}`,
          items: [
            { id: 'n1', url: 'http://[bad\n2026-06-09T10:00  Forged item', title: 'Bad link', content_text: 'x' },
            { id: 'n2\u2028forged\nline', title: `Long ${'words '.repeat(3000)}`, content_text: 'x' },
          ],
        }),
      ),
    '/index.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://example.org/news.xml\nforged line</loc></sitemap></sitemapindex>'),
    '/busy.xml': (_req, res) => res.writeHead(429, { 'content-type': 'text/plain', 'retry-after': '120' }).end('slow down'),
    '/down.xml': (_req, res) => res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': new Date(Date.now() + 3_600_000).toUTCString() }).end('maintenance'),
    // HTML5 may leave out <html>, <head> and <body>: many small pages and error pages do
    '/bare-page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html>\n<meta charset="utf-8"><title>Home</title><p>No feed here'),
    '/bare-xhtml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end('<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<div>No feed</div>'),
    '/doctype-rss.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rssFeed('Doctype', [{ guid: 'd1', title: 'Still a feed', link: 'https://example.org/d1' }]).replace('<rss', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n<rss')),
    // cut off mid-item (a dropped connection, a Content-Length too small), with HTML in a title before the cut
    '/truncated.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          '<?xml version="1.0"?><rss version="2.0"><channel><title>The <i>Daily</i> Wire</title>' +
            '<item><title>Labs take a <b>bold</b> step <br> towards a pause</title><link>https://example.org/1</link><pubDate>Tue, 09 Jun 2026 10:00:00 GMT</pubDate></item>' +
            '<item><title>Unclosed <em>emphasis</title><link>https://example.org/2</link></item>' +
            '<item><title>Cut off <b>here',
        ),
    '/moved-home': (_req, res) => res.writeHead(302, { location: '/' }).end(),
    // a feed of one item an hour, with validators, whose server asks for six hours of caching
    '/cached.xml': (_req, res) => {
      const hour = 3_600_000;
      const items = Array.from({ length: 10 }, (_, i) => ({ guid: `c${i}`, title: `Item ${i}`, link: `https://example.org/c${i}`, pubDate: new Date(Date.now() - (i + 1) * hour).toUTCString() }));
      res
        // a Retry-After on a good answer asks for nothing: a run reads it on a 429 or a 503 only
        .writeHead(200, { 'content-type': 'application/rss+xml', etag: '"c-1"', 'last-modified': 'Tue, 09 Jun 2026 10:00:00 GMT', 'cache-control': 'max-age=21600', 'retry-after': '86400' })
        .end(rssFeed('Cached', items));
    },
    '/empty-site/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>no feeds here</body></html>'),
  });
});
afterAll(() => server.close());

describe('pausewatch feed', () => {
  it('--json prints the normalised feed in the documented shape', async () => {
    const { code, stdout } = await pausewatch(['feed', feedFixture, '--base', 'https://feeds.example.org/world.xml', '--json']);
    expect(code).toBe(0);
    const feed = JSON.parse(stdout);
    expect(Object.keys(feed).sort()).toEqual(['bozo', 'fetched', 'format', 'items', 'language', 'link', 'title', 'warnings', 'wellFormed']);
    // a file was fetched from nowhere
    expect(feed.fetched).toBeNull();
    expect(Object.keys(feed.items[0])).toEqual(['id', 'title', 'link', 'published', 'updated', 'author', 'summary', 'content', 'enclosures', 'categories', 'outlet', 'outletUrl', 'language']);
    expect(feed.items[0]).toMatchObject({
      id: 'urn:example:1001',
      link: 'https://news.example.org/world/2026/06/labs-pause.html',
      enclosures: [{ url: 'https://news.example.org/world/audio/ep1.mp3', type: 'audio/mpeg', length: '12345' }],
      categories: ['AI policy', 'Regulation'],
      outlet: null,
      outletUrl: null,
      language: null,
    });
  });

  it('reads a feed from a URL, private addresses included, and lists its items for people', async () => {
    const { code, stdout } = await pausewatch(['feed', `${server.url}/wire.xml`]);
    expect(code).toBe(0);
    expect(stdout).toContain('title: Policy Wire');
    expect(stdout).toContain('2026-06-09T10:00  Labs weigh a pause');
  });

  it('says of a URL whether later checks can be conditional, and when a run would check it again and why', async () => {
    const json = JSON.parse((await pausewatch(['feed', `${server.url}/cached.xml`, '--json'])).stdout);
    expect(json.fetched).toEqual({
      url: `${server.url}/cached.xml`,
      httpStatus: 200,
      etag: '"c-1"',
      lastModified: 'Tue, 09 Jun 2026 10:00:00 GMT',
      // an item an hour, raised by the six hours' cache the server asks for, held at half the ten hours its items reach
      // back from now (a second more when the clock passes a second between serving the feed and reading it)
      nextCheckSeconds: expect.toSatisfy((seconds: number) => seconds >= 18_000 && seconds <= 18_002),
      nextCheckReason: expect.stringMatching(/^10 items over 10 h: every 60 min; raised to 5 h by Cache-Control max-age \(capped at half the time its items stay listed\)$/),
    });
    const { stdout } = await pausewatch(['feed', `${server.url}/cached.xml`]);
    expect(stdout).toContain('validators: ETag and Last-Modified, so a check of an unchanged feed costs a 304\n');
    expect(stdout).toMatch(/\na run would check it again in 5 h: 10 items over 10 h: every 60 min; raised to 5 h by Cache-Control max-age/);
    expect((await pausewatch(['feed', `${server.url}/wire.xml`])).stdout).toContain('validators: none, so every check downloads the whole feed');
    // a login in the address is not printed
    const withLogin = `${server.url.replace('://', '://reader:s3cret@')}/cached.xml`;
    expect(JSON.parse((await pausewatch(['feed', withLogin, '--json'])).stdout).fetched.url).toBe(`${server.url.replace('://', '://***@')}/cached.xml`);
  });

  it('says how to resolve the relative links of a saved file read without --base', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'pausewatch-feed-')), 'saved.xml');
    writeFileSync(file, rssFeed('Saved', [{ guid: 's1', title: 'Relative', link: '/2026/06/relative.html', pubDate: 'Tue, 09 Jun 2026 10:00:00 GMT' }]));
    const { code, stdout, stderr } = await pausewatch(['feed', file, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).items[0].link).toBe('/2026/06/relative.html');
    expect(stderr).toBe(`some links in ${file} are relative: pass --base <the feed's URL> to resolve them as a run would\n`);
    // a file whose links resolve (here through xml:base) gets no such hint
    expect((await pausewatch(['feed', feedFixture, '--json'])).stderr).toBe('');
  });

  it('prints each item on two lines, whatever the feed puts in its fields, and cuts long ones', async () => {
    const { code, stdout } = await pausewatch(['feed', `${server.url}/unruly.json`]);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    // title, link, format, validators, next check, a blank line, two lines per item, the final line break
    expect(lines).toHaveLength(6 + 2 * 2 + 1);
    expect(lines[0]).toMatch(/^title: Endless feed feed .*…$/);
    expect(lines[4]).toBe('a run would check it again in 60 min: no dated items, default 60 min');
    expect(lines[6]).toBe('undated           Bad link');
    expect(lines[7]).toBe('                  http://[bad 2026-06-09T10:00  Forged item');
    expect(lines[8]).toMatch(/^undated {11}Long words .*…$/);
    expect(lines[9]).toBe('                  n2 forged line');
    for (const line of lines) expect(line.length).toBeLessThan(400);
    // --json keeps every field as it is
    const json = JSON.parse((await pausewatch(['feed', `${server.url}/unruly.json`, '--json'])).stdout);
    expect(json.items[0].link).toBe('http://[bad\n2026-06-09T10:00  Forged item');
    expect(json.items[1].title).toHaveLength('Long '.length + 'words '.length * 3000 - 1);
    // nor does a reason that quotes the document
    const index = await pausewatch(['feed', `${server.url}/index.xml`]);
    expect(index.code).toBe(1);
    expect(index.stderr).toMatch(/^[^\n]*listing 1 sitemap \(https:\/\/example\.org\/news\.xml forged line\); use the news sitemap among them as the source\n$/);
  });

  it('feed and extract say when a server that answers 429 or 503 asks to be asked again (Retry-After)', async () => {
    const busy = await pausewatch(['feed', `${server.url}/busy.xml`]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(new RegExp(`^cannot fetch ${server.url}/busy.xml: HTTP 429 from ${server.url}/busy.xml; the server asks to wait 120 s \\(Retry-After\\), until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n$`));
    const down = await pausewatch(['feed', `${server.url}/down.xml`, '--json']);
    expect(down.code).toBe(1);
    expect(down.stdout).toBe('');
    expect(down.stderr).toMatch(/HTTP 503 from .*; the server asks to wait 3[56]\d\d s \(Retry-After\), until /);
    // extract, which checks a page as feed checks a feed, says it too
    const page = await pausewatch(['extract', `${server.url}/busy.xml`]);
    expect(page.code).toBe(1);
    expect(page.stderr).toMatch(/^cannot fetch .*\/busy\.xml: HTTP 429 from .*; the server asks to wait 120 s \(Retry-After\), until /);
  });

  it('recovers a feed cut off mid-item: the items before the cut, titles that hold HTML whole, not the item cut, and says so', async () => {
    const { code, stdout } = await pausewatch(['feed', `${server.url}/truncated.xml`, '--json']);
    expect(code).toBe(0);
    const feed = JSON.parse(stdout);
    expect(feed).toMatchObject({ title: 'The Daily Wire', wellFormed: false, bozo: true });
    expect(feed.warnings).toContain('the document ends inside an item, as one cut short does: that item is not read');
    expect(feed.warnings).toContain('recovered after re-serialising the markup leniently');
    // the item cut ("Cut off here", without its link) would be stored as a new article beside the whole one
    expect(feed.items.map((item: { title: string; link: string | null }) => [item.title, item.link])).toEqual([
      ['Labs take a bold step towards a pause', 'https://example.org/1'],
      ['Unclosed emphasis', 'https://example.org/2'],
    ]);
    expect(feed.items[0].published).toBe('2026-06-09T10:00:00.000Z');
  });

  it('a document that is not well-formed and gives no item exits 1 and says so on stderr, after printing what was read', async () => {
    for (const json of [false, true]) {
      const { code, stdout, stderr } = await pausewatch(['feed', `${server.url}/broken.xml`, ...(json ? ['--json'] : [])]);
      expect(code).toBe(1);
      if (json) expect(JSON.parse(stdout)).toMatchObject({ title: 'Broken', wellFormed: false, items: [] });
      else expect(stdout).toContain('format: rss, 0 items, not well-formed');
      expect(stderr).toBe(`${server.url}/broken.xml is not a readable feed: it is not well-formed XML, and no item could be read from it\n`);
    }
  });

  it('--base is for a saved file: given with a URL, which is its own base, it is a usage error rather than ignored', async () => {
    await expect(pausewatch(['feed', `${server.url}/wire.xml`, '--base', 'https://example.org/'])).rejects.toThrow(
      '--base is for a saved file; the links of a feed read from a URL resolve against that URL',
    );
  });

  it('names a missing file in words', async () => {
    await expect(pausewatch(['feed', '/no/such/feed.xml'])).rejects.toThrow('cannot read /no/such/feed.xml: no such file');
    // a device never ends (it was read until memory ran out); a pipe (`<(curl ...)`) does, and is read
    await expect(pausewatch(['feed', '/dev/zero'])).rejects.toThrow('cannot read /dev/zero: not a file but a device');
  });

  it('exits 1 and says why when the target is not a feed', async () => {
    const { code, stderr } = await pausewatch(['feed', `${server.url}/`]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/not a readable feed: the document is an HTML page/);
    // the URL as typed, without its path: no redirect happened, and none is claimed
    const bare = await pausewatch(['feed', server.url]);
    expect(bare.stderr).toBe(`${server.url} is not a readable feed: the document is an HTML page, not a feed (\`pausewatch sources add <its URL> --dry-run\` lists the feeds it links to)\n`);
    for (const page of ['bare-page', 'bare-xhtml']) {
      const bare = await pausewatch(['feed', `${server.url}/${page}`]);
      expect(bare).toMatchObject({ code: 1, stderr: `${server.url}/${page} is not a readable feed: the document is an HTML page, not a feed (\`pausewatch sources add <its URL> --dry-run\` lists the feeds it links to)\n` });
    }
    // some generators put an XHTML doctype before <rss>: the root decides
    expect(await pausewatch(['feed', `${server.url}/doctype-rss.xml`])).toMatchObject({ code: 0, stdout: expect.stringContaining('Still a feed') });
    const moved = await pausewatch(['feed', `${server.url}/moved-home`]);
    expect(moved.stderr).toMatch(new RegExp(`^${server.url}/moved-home \\(redirected to ${server.url}/\\) is not a readable feed`));
  });
});

describe('pausewatch sources add', () => {
  it('finds the feed of a home page and prints a source entry ready to paste', async () => {
    const { code, stdout, stderr } = await pausewatch(['sources', 'add', '--dry-run', `${server.url}/`]);
    expect(code).toBe(0);
    expect(stdout).toContain(`rss         1 item  Policy Wire  ${server.url}/wire.xml`);
    // the links that were not feeds are named on stderr, so stdout stays ready to paste
    expect(stdout).not.toContain('gone.xml');
    expect(stderr).toContain(`skipped ${server.url}/gone.xml: HTTP 404`);
    expect(stdout).toContain(`{ id: '127-0-0-1', kind: 'feed', name: 'Policy Wire', url: '${server.url}/wire.xml' },`);
  });

  it('--json lists the feeds with their source entries', async () => {
    const { stdout } = await pausewatch(['sources', 'add', '--dry-run', `${server.url}/`, '--json']);
    expect(JSON.parse(stdout).feeds).toEqual([
      { url: `${server.url}/wire.xml`, title: 'Policy Wire', format: 'rss', itemCount: 1, via: 'link', merged: [], source: { id: '127-0-0-1', kind: 'feed', name: 'Policy Wire', url: `${server.url}/wire.xml` }, existingSourceId: null, added: false },
    ]);
  });

  it('adds the feeds it finds to the pipeline file, where the next command reads them, and adds nothing twice', async () => {
    const file = pipelineFile('adding.ts', { perHostGapMs: 0 });
    const { code, stdout, stderr } = await pausewatch(['sources', 'add', `${server.url}/`, '--pipeline', file]);
    expect(code).toBe(0);
    expect(stdout).toContain(`\nAdded to ${path.relative(process.cwd(), file)} (the next run reads it):\n{ id: '127-0-0-1', kind: 'feed', name: 'Policy Wire', url: '${server.url}/wire.xml' },\n`);
    expect(stderr).not.toContain('not added');
    const { pipeline } = await loadPipeline(file);
    expect(pipeline.sources.map((source) => [source.id, source.kind === 'feed' ? source.url : null])).toEqual([['seeds', null], ['127-0-0-1', `${server.url}/wire.xml`]]);
    const written = readFileSync(file, 'utf8');
    const again = await pausewatch(['sources', 'add', `${server.url}/`, '--pipeline', file, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ feeds: [{ existingSourceId: '127-0-0-1', added: false }], addedTo: null, addError: null });
    expect(readFileSync(file, 'utf8')).toBe(written);
  });

  it('writes a feed\'s login into the file, where runs need it, and shows the entry it added without it', async () => {
    const file = pipelineFile('adding-login.ts', { perHostGapMs: 0 });
    const { code, stdout } = await pausewatch(['sources', 'add', `${server.url.replace('//', '//reader:s3cret@')}/wire.xml`, '--pipeline', file]);
    expect(code).toBe(0);
    expect(stdout).toContain(`url: '${server.url.replace('//', '//***@')}/wire.xml' },`);
    expect(stdout).not.toContain('s3cret');
    expect((await loadPipeline(file)).pipeline.sources[1]).toMatchObject({ url: `${server.url.replace('//', '//reader:s3cret@')}/wire.xml` });
  });

  it('--json says which feeds it added and to which file; --dry-run adds none', async () => {
    const file = pipelineFile('adding-json.ts', { perHostGapMs: 0 });
    const before = readFileSync(file, 'utf8');
    const dry = JSON.parse((await pausewatch(['sources', 'add', `${server.url}/`, '--pipeline', file, '--json', '--dry-run'])).stdout);
    expect(dry).toMatchObject({ feeds: [{ source: { id: '127-0-0-1' }, added: false }], addedTo: null, addError: null });
    expect(readFileSync(file, 'utf8')).toBe(before);
    const json = JSON.parse((await pausewatch(['sources', 'add', `${server.url}/`, '--pipeline', file, '--json'])).stdout);
    expect(json).toMatchObject({ feeds: [{ source: { id: '127-0-0-1' }, added: true }], addedTo: path.relative(process.cwd(), file), addError: null });
    expect((await loadPipeline(file)).pipeline.sources.map((source) => source.id)).toEqual(['seeds', '127-0-0-1']);
  });

  it('prints the entries to paste and exits 1, leaving the file as it was, when the pipeline file has no sources list to add to', async () => {
    const file = path.join(pipelineDir, 'built.ts');
    writeFileSync(file, `const seeds = [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }];\nexport default { id: 'built', name: 'Built', sources: seeds, topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['AI'] }, fetch: { perHostGapMs: 0 } };\n`);
    const before = readFileSync(file, 'utf8');
    const { code, stdout, stderr } = await pausewatch(['sources', 'add', `${server.url}/`, '--pipeline', file]);
    expect(code).toBe(1);
    expect(stdout).toContain(`Add to the sources of your pipeline file:\n{ id: '127-0-0-1', kind: 'feed', name: 'Policy Wire', url: '${server.url}/wire.xml' },\n`);
    expect(stderr).toContain(`not added: cannot find a "sources: [ ... ]" list in the definition exported by ${file}, so the feeds were not added to it\n`);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const json = JSON.parse((await pausewatch(['sources', 'add', `${server.url}/`, '--pipeline', file, '--json'])).stdout);
    expect(json).toMatchObject({ feeds: [{ added: false }], addedTo: null, addError: expect.stringContaining('cannot find a "sources: [ ... ]" list') });
  });

  it('a URL of another scheme or a bare host name is a usage error that offers no file path (the command reads none)', async () => {
    await expect(pausewatch(['sources', 'add', '--dry-run', 'ftp://x/'])).rejects.toThrow('sources add needs an http(s) URL, not a URL of the ftp: scheme: "ftp://x/"');
    await expect(pausewatch(['sources', 'add', '--dry-run', 'ftp://x/'])).rejects.not.toThrow(/file/);
    await expect(pausewatch(['sources', 'add', '--dry-run', 'example.org'])).rejects.toThrow('sources add needs an http(s) URL, got "example.org" (did you mean https://example.org?)');
    await expect(pausewatch(['sources', 'add', '--dry-run', 'http://[::1'])).rejects.toThrow('not a valid URL');
  });

  it('a feed title with control characters gives a clean suggested name, on the terminal and in --json', async () => {
    const { code, stdout } = await pausewatch(['sources', 'add', '--dry-run', `${server.url}/evil.json`]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    // the 8-bit CSI (U+009B) is read as the Windows-1252 character it stands for, as every C1 control in a feed's text
    expect(stdout).toContain(`json        1 item  Evil[31mRED Feed›  ${server.url}/evil.json`);
    expect(stdout).toContain(`{ id: '127-0-0-1', kind: 'feed', name: 'Evil[31mRED Feed›', url: '${server.url}/evil.json' },`);
    const json = JSON.parse((await pausewatch(['sources', 'add', '--dry-run', `${server.url}/evil.json`, '--json'])).stdout);
    expect(json.feeds[0].source).toEqual({ id: '127-0-0-1', kind: 'feed', name: 'Evil[31mRED Feed›', url: `${server.url}/evil.json` });
  });

  it('writes entries as single-quoted code that reads back as the feed\'s own title and URL', async () => {
    const file = pipelineFile('quotes.ts', { perHostGapMs: 0 });
    const { stdout } = await pausewatch(['sources', 'add', `${server.url}/quotes.json`, '--pipeline', file]);
    expect(stdout).toContain(`{ id: '127-0-0-1', kind: 'feed', name: 'It\\'s "the" \\\\ wire ok', url: '${server.url}/quotes.json' },`);
    const added = (await loadPipeline(file)).pipeline.sources[1]!;
    expect(added).toMatchObject({ name: 'It\'s "the" \\ wire ok', url: `${server.url}/quotes.json` });
  });

  it('a feed title of any length gives a suggested name of a name\'s length', () => {
    const [entry] = sourceEntries([{ url: 'https://news.example/feed', title: `Wire ${'news '.repeat(2_000)}`, format: 'rss', itemCount: 1, via: 'link' }], 'https://news.example/');
    expect(entry!.name.length).toBeLessThanOrEqual(120);
    expect(entry!.name).toMatch(/^Wire news news .*…$/);
  });

  it('suggests ids from the words of a feed\'s address, its escapes decoded, cut between words', () => {
    const feed = (url: string) => ({ url, title: 'Wire', format: 'rss' as const, itemCount: 1, via: 'link' as const });
    const entries = sourceEntries(
      [feed('https://news.example/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/rss.xml'), feed('https://news.example/caf%C3%A9/feed'), feed(`https://news.example/${'section-'.repeat(8)}feed.xml`), feed('https://news.example/bad%E0%A4%A/feed')],
      'https://news.example/',
    );
    expect(entries.map((entry) => entry.id)).toEqual(['news-example-rss-xml', 'news-example-cafe-feed', 'news-example-section-section-section-section-section-section', 'news-example-bad-e0-a4-a-feed']);
  });

  it('suggests ids of internationalised and IPv6 hosts that say which host they are', () => {
    const untitled = (url: string) => ({ url, title: null, format: 'rss' as const, itemCount: 1, via: 'link' as const });
    const one = (url: string) => sourceEntries([untitled(url)], url)[0]!;
    expect(one('https://www.bücher.example/feed')).toMatchObject({ id: 'bucher-example', name: 'www.bücher.example' });
    expect(one('https://xn--bcher-kva.example/feed').id).toBe('bucher-example');
    // a name with no Latin letters keeps the URL's spelling, which is still its own
    expect(one('https://пример.рф/feed').id).toBe('xn-e1afmkfd-xn-p1ai');
    expect(one('http://[::1]:8080/feed').id).toBe('ipv6-1');
    expect(one('http://[2001:db8::7]/feed').id).toBe('ipv6-2001-db8-7');
  });

  it('names untitled feeds by their addresses, so two found on one site are told apart', () => {
    const untitled = (url: string) => ({ url, title: null, format: 'rss' as const, itemCount: 1, via: 'link' as const });
    expect(sourceEntries([untitled('https://news.example/a.rss')], 'https://news.example/').map((entry) => entry.name)).toEqual(['news.example']);
    const two = sourceEntries([untitled('https://news.example/a.rss'), untitled('https://news.example/%D0%BB%D0%B5%D0%BD%D1%82%D0%B0/atom.xml?x=1')], 'https://news.example/');
    expect(two.map((entry) => entry.name)).toEqual(['news.example/a.rss', 'news.example/лента/atom.xml?x=1']);
  });

  it('says a feed is already in the pipeline rather than suggest it twice', async () => {
    // the same URL but for a fragment, listed under another id
    const file = pipelineFile('listed.ts', { perHostGapMs: 0 }, [{ id: 'policy-wire', kind: 'feed', name: 'Wire', url: `${server.url}/wire.xml#latest` }]);
    const { code, stdout } = await pausewatch(['sources', 'add', '--dry-run', `${server.url}/`, '--pipeline', file]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Policy Wire  ${server.url}/wire.xml  (already in the pipeline as source "policy-wire")`);
    expect(stdout).not.toContain('Add to the sources');
    expect(stdout).toContain('Nothing to add: the feed is already in the pipeline');
    const json = JSON.parse((await pausewatch(['sources', 'add', '--dry-run', `${server.url}/`, '--pipeline', file, '--json'])).stdout);
    expect(json.feeds).toMatchObject([{ url: `${server.url}/wire.xml`, existingSourceId: 'policy-wire' }]);
    // a feed not yet listed gets an entry, with an id the pipeline does not use yet
    const taken = pipelineFile('taken-id.ts', { perHostGapMs: 0 }, [{ id: '127-0-0-1', kind: 'feed', name: 'Other', url: 'https://example.org/feed' }]);
    const fresh = await pausewatch(['sources', 'add', '--dry-run', `${server.url}/evil.json`, '--pipeline', taken, '--json']);
    expect(JSON.parse(fresh.stdout).feeds).toMatchObject([{ existingSourceId: null, source: { id: '127-0-0-1-2' } }]);
  });

  it('a feed URL that cannot be read exits 1 naming the URL and the reason, and suggests no other feed', async () => {
    const { code, stdout, stderr } = await pausewatch(['sources', 'add', '--dry-run', `${server.url}/broken.xml`]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^${server.url}/broken.xml is not a readable feed: no item could be read: not well-formed XML`));
    expect(stderr).not.toContain('wire.xml');
    const json = JSON.parse((await pausewatch(['sources', 'add', '--dry-run', `${server.url}/broken.xml`, '--json'])).stdout);
    expect(json).toMatchObject({ feeds: [], errorCode: 'not_a_feed', error: expect.stringMatching(/^no item could be read/) });
  });

  it('says which feeds were found by probing common paths rather than linked from the page', async () => {
    const site = await startServer({
      '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>no feed links</body></html>'),
      '/feed': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Probed', [{ guid: 'p1', title: 'P', link: 'https://example.org/p' }])),
    });
    try {
      const { code, stdout } = await pausewatch(['sources', 'add', '--dry-run', `${site.url}/`, '--pipeline', pipelineFile('fast.ts', { perHostGapMs: 0 })]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Probed  ${site.url}/feed  (found at a common feed path; the page does not link to it)`);
    } finally {
      await site.close();
    }
  });

  it('offers a feed served at several addresses once, naming the others, on the terminal and in --json', async () => {
    const same = rssFeed('Probed', [{ guid: 'p1', title: 'P', link: 'https://example.org/p' }]);
    const site = await startServer({
      '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>no feed links</body></html>'),
      '/feed': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(same),
      '/rss.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(same),
    });
    const fast = pipelineFile('fast.ts', { perHostGapMs: 0 });
    try {
      const { code, stdout } = await pausewatch(['sources', 'add', '--dry-run', `${site.url}/`, '--pipeline', fast]);
      expect(code).toBe(0);
      expect(stdout).toContain(`Probed  ${site.url}/feed  (found at a common feed path; the page does not link to it)\n          also at ${site.url}/rss.xml (the same feed: same title and items)\n`);
      expect(stdout.match(/kind: 'feed'/g)).toHaveLength(1);
      const json = JSON.parse((await pausewatch(['sources', 'add', '--dry-run', `${site.url}/`, '--pipeline', fast, '--json'])).stdout);
      expect(json.feeds).toMatchObject([{ url: `${site.url}/feed`, merged: [{ url: `${site.url}/rss.xml`, reason: 'same_content' }] }]);
      // a pipeline that lists the feed under the other address already has it
      const listed = pipelineFile('listed-rss.ts', { perHostGapMs: 0 }, [{ id: 'probed', kind: 'feed', name: 'Probed', url: `${site.url}/rss.xml` }]);
      const again = JSON.parse((await pausewatch(['sources', 'add', '--dry-run', `${site.url}/`, '--pipeline', listed, '--json'])).stdout);
      expect(again.feeds).toMatchObject([{ existingSourceId: 'probed' }]);
    } finally {
      await site.close();
    }
  });

  it('never shows the login of the URL typed, in merged addresses or in the reasons of candidates that failed', async () => {
    const site = await startServer({
      '/': (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end(
          '<html><head><link rel="alternate" type="application/rss+xml" href="/gone?format=rss"><link rel="alternate" type="application/rss+xml" href="/gone/?format=rss"></head></html>',
        ),
      '/feed': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Paid', [{ guid: 'p1', title: 'P', link: 'https://example.org/p' }])),
    });
    const fast = pipelineFile('fast-login.ts', { perHostGapMs: 0 });
    try {
      const { stdout, stderr } = await pausewatch(['sources', 'add', '--dry-run', `${site.url.replace('//', '//reader:s3cret@')}/`, '--pipeline', fast, '--json', '--all-paths']);
      const json = JSON.parse(stdout);
      expect(json.rejected.some((r: { reason: string }) => r.reason.startsWith('same address as '))).toBe(true);
      const { feeds, ...rest } = json;
      // the entry to paste keeps the login, since the feed needs it; nothing else shows it
      expect(JSON.stringify(rest)).not.toContain('s3cret');
      expect(JSON.stringify(feeds.map(({ source: _source, ...feed }: Record<string, unknown>) => feed))).not.toContain('s3cret');
      expect(feeds[0].source.url).toContain('reader:s3cret@');
      expect(stderr).not.toContain('s3cret');
    } finally {
      await site.close();
    }
  });

  it('names the comments feeds it does not offer, and exits 1 when they are all a site has', async () => {
    const comments = '<link rel="alternate" type="application/rss+xml" title="Site &raquo; Comments Feed" href="/comments/feed/">';
    const site = await startServer({
      '/': (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><link rel="alternate" type="application/rss+xml" href="/feed/">${comments}<link rel="alternate" href="/desk/feed/"></head></html>`),
      // told apart by its own title, which carries a right-to-left override
      '/desk/feed/': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Comments on: \u202eDesk', [{ guid: 'd1', title: 'D', link: 'https://example.org/d' }])),
      '/only-comments/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head>${comments}</head></html>`),
      '/feed/': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Site', [{ guid: 's1', title: 'S', link: 'https://example.org/s' }])),
    });
    const fast = pipelineFile('fast.ts', { perHostGapMs: 0 });
    try {
      const { code, stdout } = await pausewatch(['sources', 'add', '--dry-run', `${site.url}/`, '--pipeline', fast]);
      expect(code).toBe(0);
      expect(stdout).toContain(
        `\nNot offered: 2 comments feeds (readers' comments, not articles; give one's URL to sources add to add it anyway):\n  ${site.url}/comments/feed/: a comments feed (its address has /comments/)\n` +
          `  ${site.url}/desk/feed/: a comments feed (the feed's title is "Comments on: Desk")\n`,
      );
      expect(stdout).not.toContain('\u202e');
      expect(stdout.match(/kind: 'feed'/g)).toHaveLength(1);
      const json = JSON.parse((await pausewatch(['sources', 'add', '--dry-run', `${site.url}/`, '--pipeline', fast, '--json'])).stdout);
      expect(json.commentFeeds[0]).toEqual({ url: `${site.url}/comments/feed/`, title: 'Site » Comments Feed', reason: 'a comments feed (its address has /comments/)' });
      expect(json.commentFeeds).toHaveLength(2);
      const only = await pausewatch(['sources', 'add', '--dry-run', `${site.url}/only-comments/`, '--pipeline', fast]);
      expect(only.code).toBe(1);
      expect(only.stdout).toBe('');
      expect(only.stderr).toMatch(/^no feed found for .*\n(.*\n)*Not offered: a comments feed .*\n {2}.*\/comments\/feed\/: a comments feed/m);
    } finally {
      await site.close();
    }
  });

  it('exits 1 when no feed is found', async () => {
    const { code, stderr } = await pausewatch(['sources', 'add', '--dry-run', `${server.url}/empty-site/`]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/no feed found/);
  });
});

describe('feed, extract and sources add fetch with the pipeline\'s fetch settings', () => {
  let site: Awaited<ReturnType<typeof startServer>>;
  const userAgents: string[] = [];
  beforeAll(async () => {
    site = await startServer({
      '/wire.xml': (req, res) => {
        userAgents.push(req.headers['user-agent'] ?? '');
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Policy Wire', [{ guid: 'w1', title: 'Labs weigh a pause', link: 'https://example.org/w1' }]));
      },
      '/article.html': (req, res) => {
        userAgents.push(req.headers['user-agent'] ?? '');
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Labs weigh a pause</title></head><body><p>The labs weigh a pause of frontier AI development, officials said on Tuesday, and will meet again next month to decide.</p></body></html>');
      },
      // another host name for the same (private) server: not the one the user typed
      '/elsewhere.xml': (_req, res) => res.writeHead(302, { location: `${site.url.replace('127.0.0.1', 'localhost')}/wire.xml` }).end(),
      '/never': () => {},
      // a sitemap.xml.gz: a gzip file, not a compressed transfer; 40 entries, about 12 KB once decompressed
      '/news-sitemap.xml.gz': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(
          gzipSync(
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">' +
              Array.from({ length: 40 }, (_, i) => `<url><loc>https://example.org/${i}</loc><news:news><news:publication><news:name>Wire</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-06-09</news:publication_date><news:title>Labs weigh a pause, part ${i}</news:title></news:news></url>`).join('') +
              '</urlset>',
          ),
        ),
      // the same host, another port: a service of the user's the typed URL does not name
      '/other-port.xml': (_req, res) => res.writeHead(302, { location: `${server.url}/wire.xml` }).end(),
    });
  });
  afterAll(() => site.close());

  it('uses the pipeline\'s User-Agent', async () => {
    const file = pipelineFile('agent.ts', { userAgent: 'pausewatch-test/9 (+mailto:ops@example.org)', perHostGapMs: 0 });
    for (const args of [['feed', `${site.url}/wire.xml`], ['extract', `${site.url}/article.html`], ['sources', 'add', '--dry-run', `${site.url}/wire.xml`]]) {
      userAgents.length = 0;
      expect((await pausewatch([...args, '--pipeline', file])).code).toBe(0);
      expect(userAgents).toEqual(['pausewatch-test/9 (+mailto:ops@example.org)']);
    }
  });

  it('uses the pipeline\'s timeout', async () => {
    const file = pipelineFile('quick.ts', { timeoutMs: 300, perHostGapMs: 0 });
    const started = Date.now();
    const feed = await pausewatch(['feed', `${site.url}/never`, '--pipeline', file]);
    expect(feed).toMatchObject({ code: 1, stderr: expect.stringContaining('within 300 ms (fetch.timeoutMs)') });
    const extract = await pausewatch(['extract', `${site.url}/never`, '--pipeline', file]);
    expect(extract).toMatchObject({ code: 1, stderr: expect.stringContaining('within 300 ms (fetch.timeoutMs)') });
    const add = await pausewatch(['sources', 'add', '--dry-run', `${site.url}/never`, '--pipeline', file]);
    expect(add).toMatchObject({ code: 1, stderr: expect.stringContaining('within 300 ms (fetch.timeoutMs)') });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('decompresses a gzip file within the pipeline\'s size cap, as a run does', async () => {
    const small = pipelineFile('small.ts', { maxBytes: 4_000, perHostGapMs: 0 });
    const capped = await pausewatch(['feed', `${site.url}/news-sitemap.xml.gz`, '--pipeline', small]);
    expect(capped.code).toBe(1);
    expect(capped.stderr).toBe(`${site.url}/news-sitemap.xml.gz is not a readable feed: the body is a gzip file that decompresses to more than 4000 bytes\n`);
    const roomy = pipelineFile('roomy.ts', { maxBytes: 100_000, perHostGapMs: 0 });
    const read = await pausewatch(['feed', `${site.url}/news-sitemap.xml.gz`, '--pipeline', roomy]);
    expect(read.code).toBe(0);
    expect(read.stdout).toContain('format: sitemap, 40 items');
  });

  it('follows a redirect to another private host only when the pipeline allows private addresses, as its refusal says', async () => {
    const refused = await pausewatch(['feed', `${site.url}/elsewhere.xml`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/private or local address .*fetch\.allowPrivateAddresses/);
    const file = pipelineFile('private.ts', { allowPrivateAddresses: true, perHostGapMs: 0 });
    const allowed = await pausewatch(['feed', `${site.url}/elsewhere.xml`, '--pipeline', file]);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('title: Policy Wire');
    const discovered = await pausewatch(['sources', 'add', '--dry-run', `${site.url}/elsewhere.xml`, '--pipeline', file, '--json']);
    expect(JSON.parse(discovered.stdout).feeds.map((f: { title: string }) => f.title)).toEqual(['Policy Wire']);
  });

  it('trusts the host and port typed, not another port of the same host that a redirect leads to', async () => {
    for (const args of [['feed', `${site.url}/other-port.xml`], ['extract', `${site.url}/other-port.xml`]]) {
      const { code, stderr } = await pausewatch(args);
      expect(code).toBe(1);
      expect(stderr).toMatch(/private or local address/);
    }
    const add = JSON.parse((await pausewatch(['sources', 'add', '--dry-run', `${site.url}/other-port.xml`, '--json'])).stdout);
    expect(add).toMatchObject({ feeds: [], error: expect.stringMatching(/private or local address/) });
  });

  it('a --pipeline that does not exist or is invalid stops the command with exit 2, naming the file', async () => {
    const missing = path.join(pipelineDir, 'no-such-pipeline.ts');
    for (const args of [['feed', `${site.url}/wire.xml`], ['extract', `${site.url}/wire.xml`], ['sources', 'add', '--dry-run', `${site.url}/`], ['feed', feedFixture]]) {
      await expect(pausewatch([...args, '--pipeline', missing])).rejects.toThrow(`pipeline file not found: ${missing}`);
    }
    const invalid = pipelineFile('invalid.ts', { timeoutMs: -5 });
    await expect(pausewatch(['feed', `${site.url}/wire.xml`, '--pipeline', invalid])).rejects.toThrow(/invalid\.ts[\s\S]*fetch\.timeoutMs/);
    // as the pausewatch command reports it
    const stderr: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => (stderr.push(chunk), true)) as typeof process.stderr.write;
    try {
      expect(await main(['sources', 'add', '--dry-run', `${site.url}/`, '--pipeline', missing])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(stderr.join('')).toContain(missing);
  });
});

describe('sources add on a page whose feed links hang', () => {
  let site: Awaited<ReturnType<typeof startServer>>;
  let inFlight = 0;
  let mostInFlight = 0;
  beforeAll(async () => {
    const links = Array.from({ length: 50 }, (_, i) => `<link rel="alternate" type="application/rss+xml" href="/hang?i=${i}">`).join('');
    site = await startServer({
      '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head>${links}</head></html>`),
      // answers nothing, ever: each request waits out the client's timeout
      '/hang': (req) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        req.socket.once('close', () => (inFlight -= 1));
      },
    });
  });
  afterAll(() => site.close());
  const quick = () => pipelineFile('hang.ts', { timeoutMs: 400, perHostGapMs: 0, perHostConcurrency: 4 });

  it('tries the first 10 links, 4 at a time, names each that fails as it fails, and says how many it skipped', async () => {
    const started = Date.now();
    const { code, stdout, stderr } = await pausewatch(['sources', 'add', '--dry-run', `${site.url}/`, '--pipeline', quick()]);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(site.hits.get('/hang')).toBe(10);
    expect(mostInFlight).toBe(4);
    expect(stderr.match(/^ {2}skipped http:\/\/127\.0\.0\.1:\d+\/hang\?i=\d: no complete answer .* within 400 ms \(fetch\.timeoutMs\)$/gm)).toHaveLength(10);
    // the links skipped named, the first ten of them
    const skipped = Array.from({ length: 10 }, (_, i) => `${site.url}/hang?i=${i + 10}`).join(', ');
    expect(stderr).toContain(`note: the page links to 50 feeds; the first 10 were tried and 40 skipped (give one of those as the URL to check it): ${skipped} and 30 more\n`);
    const json = JSON.parse((await pausewatch(['sources', 'add', '--dry-run', `${site.url}/`, '--pipeline', quick(), '--json'])).stdout);
    expect(json.skippedLinks).toHaveLength(40);
    expect(json.skippedLinks[0]).toBe(`${site.url}/hang?i=10`);
    expect(json.timedOut).toBe(false);
  });

  it('shows a status line on a terminal', async () => {
    const wasTty = process.stderr.isTTY;
    Object.defineProperty(process.stderr, 'isTTY', { value: true, configurable: true });
    try {
      const { stderr } = await pausewatch(['sources', 'add', '--dry-run', `${site.url}/`, '--pipeline', quick()]);
      expect(stderr).toContain(`\rsources add: fetching ${site.url}/`);
      expect(stderr).toMatch(/\rsources add: trying feed links 10\/10 \(10 failed\)/);
      // failures are printed on their own line above the status line, which is cleared at the end
      expect(stderr).toMatch(/\r\u001b\[K {2}skipped /);
      expect(stderr).toContain('\r\u001b[Knote: the page links to 50 feeds');
    } finally {
      Object.defineProperty(process.stderr, 'isTTY', { value: wasTty, configurable: true });
    }
  });
});
