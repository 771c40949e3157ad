import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { capturingOutput } from '../helpers/in-process-cli.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * `feed` and `sources add` against a real server on 127.0.0.1 that serves hostile JSON Feeds: one nested 10,000 deep
 * in an item that shares its id with another (20 KB; it overflowed the stack), one a PHP notice follows. Neither ends
 * the command with an internal error (exit 3): the first is read, the second too, flagged. A candidate whose parse
 * meets a bug of ours fails alone, saying so, while the page's other feeds are found.
 */

// A bug in the XML parser on a document marked for it, and a stack overflow on another, as a hostile document could
// set off: each must fail that document (that candidate of a page), not the command.
vi.mock('../../src/ingest/feed/xml.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/ingest/feed/xml.ts')>();
  const recurse = (depth: number): number => recurse(depth + 1) + 1;
  return {
    ...actual,
    parseXmlFeed: (text: string, options: Parameters<typeof actual.parseXmlFeed>[1]) => {
      if (text.includes('<!-- test: overflow -->')) recurse(0);
      if (text.includes('<!-- test: bug -->')) throw new TypeError('Cannot read properties of undefined (reading "items")');
      return actual.parseXmlFeed(text, options);
    },
  };
});

const VERSION = 'https://jsonfeed.org/version/1.1';
const deep = '['.repeat(10_000) + ']'.repeat(10_000);
const hostile =
  `{"version":"${VERSION}","title":"Hostile","items":[` +
  `{"id":"1","url":"https://e.example/a","title":"Labs back a pause","_x":${deep}},{"id":"1","url":"https://e.example/b","title":"Pause talks"}]}`;
const notice = '\n<br />\n<b>Deprecated</b>:  Creation of dynamic property in /var/www/wp-content/plugins/jsonfeed/feed.php on line 12<br />\n';
const noticed = JSON.stringify({ title: 'Noticed', items: [{ id: 'n1', url: 'https://e.example/n', title: 'A pause, noticed' }], version: VERSION }) + notice;
const rss = (title: string, marker = '') =>
  `<?xml version="1.0"?>${marker}<rss version="2.0"><channel><title>${title}</title><item><guid>${title}-1</guid><link>https://e.example/${title}</link><title>Frontier AI pause</title></item></channel></rss>`;
const page = (...links: [type: string, href: string][]) =>
  `<!doctype html><html><head>${links.map(([type, href]) => `<link rel="alternate" type="${type}" href="${href}">`).join('')}</head><body></body></html>`;
const send = (type: string, body: string) => (_req: unknown, res: import('node:http').ServerResponse) => void res.writeHead(200, { 'content-type': type }).end(body);

let project: TempProject;
beforeAll(async () => {
  project = await tempProject({
    name: 'feed-hostile-json',
    database: freshSqlite,
    commands: [],
    routes: {
      '/hostile.json': send('application/feed+json', hostile),
      '/noticed.json': send('application/feed+json', noticed),
      '/good.xml': send('application/rss+xml', rss('Good')),
      '/bug.xml': send('application/rss+xml', rss('Bug', '<!-- test: bug -->')),
      '/overflow.xml': send('application/rss+xml', rss('Overflow', '<!-- test: overflow -->')),
      '/': send('text/html', page(['application/rss+xml', '/good.xml'], ['application/feed+json', '/hostile.json'])),
      '/buggy/': send('text/html', page(['application/rss+xml', '/bug.xml'], ['application/rss+xml', '/overflow.xml'], ['application/feed+json', '/noticed.json'])),
    },
  });
  project.writePipeline(pipelineDefinition({ id: 'hostile', name: 'Hostile', sources: [], fetch: localFetch }));
});
afterAll(() => project.remove());

/** `pausewatch …` as a user runs it, through `main` (where errors become exit codes), in this process. */
async function pausewatch(...args: string[]) {
  const { result: code, stdout, stderr } = await capturingOutput(() => main([...args, '--pipeline', project.pipelineFile, '--database', project.database.target]));
  return { code, stdout, stderr };
}

describe('feed <url> of a hostile JSON Feed', () => {
  it('reads both items of the feed whose item nested 10,000 deep shares its id with another', async () => {
    const result = await pausewatch('feed', `${project.server.url}/hostile.json`, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const feed = JSON.parse(result.stdout) as { title: string; bozo: boolean; items: { link: string }[] };
    expect(feed.title).toBe('Hostile');
    expect(feed.items.map((item) => item.link)).toEqual(['https://e.example/a', 'https://e.example/b']);
  });

  it('reads the feed a PHP notice follows, printing the warning that quotes it', async () => {
    const result = await pausewatch('feed', `${project.server.url}/noticed.json`);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('format: json, 1 item\n');
    expect(result.stdout).toContain(`warning: ${notice.length} characters after the feed ignored (as PHP prints a notice after its output): "<br /> <b>Deprecated</b>:`);
    expect(result.stdout).toContain('A pause, noticed');
  });

  it('fails a feed whose parse overflows the stack as that feed (exit 1), and a bug of ours as one (exit 3)', async () => {
    const overflow = await pausewatch('feed', `${project.server.url}/overflow.xml`);
    expect(overflow).toEqual({
      code: 1,
      stdout: '',
      stderr: `${project.server.url}/overflow.xml is not a readable feed: the document cannot be read: it nests deeper than the parser can follow (Maximum call stack size exceeded)\n`,
    });
    // the contract's exit 3: an internal error, which a user reports
    const bug = await pausewatch('feed', `${project.server.url}/bug.xml`);
    expect(bug).toMatchObject({ code: 3, stdout: '', stderr: expect.stringContaining('TypeError: Cannot read properties of undefined (reading "items")') });
  });
});

describe('sources add with a hostile candidate', () => {
  it('finds the feed nested 10,000 deep, given as the URL or linked from a page beside a good feed', async () => {
    const direct = await pausewatch('sources', 'add', `${project.server.url}/hostile.json`, '--dry-run', '--json');
    expect(direct.code).toBe(0);
    expect((JSON.parse(direct.stdout) as { feeds: { title: string; itemCount: number }[] }).feeds).toMatchObject([{ title: 'Hostile', itemCount: 2 }]);

    const fromPage = await pausewatch('sources', 'add', `${project.server.url}/`, '--dry-run');
    expect(fromPage.code).toBe(0);
    expect(fromPage.stdout).toMatch(/^rss +1 item {2}Good {2}http:\/\/127\.0\.0\.1:\d+\/good\.xml\njson +2 items {2}Hostile {2}http:\/\/127\.0\.0\.1:\d+\/hostile\.json\n/);
  });

  it('rejects a candidate whose parse overflows the stack or meets a bug, naming why, and finds the page’s other feed', async () => {
    const result = await pausewatch('sources', 'add', `${project.server.url}/buggy/`, '--dry-run', '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { feeds: { title: string; itemCount: number }[]; rejected: { url: string; reason: string }[] };
    expect(report.feeds).toMatchObject([{ title: 'Noticed', itemCount: 1 }]);
    const reasons = Object.fromEntries(report.rejected.map((rejected) => [new URL(rejected.url).pathname, rejected.reason]));
    expect(reasons['/overflow.xml']).toBe('the document cannot be read: it nests deeper than the parser can follow (Maximum call stack size exceeded)');
    expect(reasons['/bug.xml']).toMatch(/^internal error while reading it as a feed \(a bug in pausewatch; please report it\): TypeError: Cannot read properties of undefined \(reading "items"\) \(at .+\)$/);
    expect(result.stderr).not.toContain('pausewatch: internal error');
  });
});
