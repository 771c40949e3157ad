import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExtract } from '../../src/cli/commands/extract.ts';
import { startServer } from '../helpers/http-server.ts';
import { runCommands } from '../helpers/in-process-cli.ts';
import { tempFiles } from '../helpers/temp-files.ts';

/**
 * `extract` shows the article as the pipeline extracts it, and fails where the pipeline would not take it: a fetched
 * page with fewer words than a run asks of an article page, a file with no article text at all. What it found is
 * printed all the same, the reason on stderr.
 */
const pausewatch = (args: string[]) => runCommands([registerExtract], args);

const { file, remove } = tempFiles('extract-short');
afterAll(remove);
const pipeline = file(
  'pipeline.ts',
  `export default ${JSON.stringify({
    id: 'short', name: 'Short', sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }],
    topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['frontier AI'] }, fetch: { perHostGapMs: 0 },
  })};\n`,
);

/** 17 words. */
const shortText = 'The labs weigh a pause of frontier AI development, officials said on Tuesday in a brief statement.';
/** 20 words: just enough. */
const enoughText = 'The labs weigh a pause of frontier AI development, officials said on Tuesday in a brief statement to the press.';
const page = (body: string) => `<html><head><title>Labs weigh a pause</title></head><body><p>${body}</p></body></html>`;
/** The topic only in a script, a style and an attribute: no text a reader sees. */
const markup =
  '<html><head><script>var topic = "Anthropic calls for a moratorium: pause frontier AI development now. We strongly support a pause of frontier AI development.";</script>' +
  '<style>.pause-frontier-ai-development { color: red }</style></head><body><div data-x="moratorium on frontier AI development"></div></body></html>';

describe('extract <url> fails, as a run does, on a page too short to be the article', () => {
  let site: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    const html = (body: string) => (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end(body);
    site = await startServer({ '/short.html': html(page(shortText)), '/enough.html': html(page(enoughText)), '/markup.html': html(markup), '/blank.html': html('<html><body></body></html>') });
  });
  afterAll(() => site.close());

  it('17 words: exit 1, saying how many words and how many an article needs; the text is still printed', async () => {
    const { code, stdout, stderr } = await pausewatch(['extract', '--json', `${site.url}/short.html`, '--pipeline', pipeline]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({ title: 'Labs weigh a pause', text: shortText });
    expect(stderr).toBe(
      `extract_empty: ${site.url}/short.html: only 17 words, fewer than the 20 an article needs; a run would keep the feed's text for the item instead of this page\n`,
    );
  });

  it('without --json too: the article on stdout, the reason on stderr, exit 1', async () => {
    const { code, stdout, stderr } = await pausewatch(['extract', `${site.url}/short.html`, '--pipeline', pipeline]);
    expect(code).toBe(1);
    expect(stdout).toContain(`title: Labs weigh a pause\n`);
    expect(stdout).toContain(`\n\n${shortText}\n`);
    expect(stderr).toMatch(/^extract_empty: .*short\.html: only 17 words, fewer than the 20 an article needs/);
  });

  it('20 words is enough: exit 0, nothing on stderr', async () => {
    const { code, stdout, stderr } = await pausewatch(['extract', '--json', `${site.url}/enough.html`, '--pipeline', pipeline]);
    expect(JSON.parse(stdout).text).toBe(enoughText);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it.each(['/markup.html', '/blank.html'])('%s, a page with no text a reader sees: exit 1, no article text found', async (route) => {
    const { code, stdout, stderr } = await pausewatch(['extract', '--json', `${site.url}${route}`, '--pipeline', pipeline]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).text).toBe('');
    expect(stderr).toMatch(new RegExp(`^extract_empty: .*${route.replace('.', '\\.')}: no article text found; `));
  });
});

describe('extract <file> fails on a saved page with no article text, as on a file of whitespace', () => {
  it.each([
    ['markup.html', markup],
    ['blank.html', '<html><body></body></html>'],
  ])('%s: exit 1 with empty, naming the file; never the markup as text', async (name, content) => {
    const saved = file(name, content);
    const { code, stdout, stderr } = await pausewatch(['extract', '--json', saved]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout).text).toBe('');
    expect(stderr).toBe(`empty: ${saved}: no article text found\n`);
  });

  it('a short saved page is extracted with exit 0: a run reads files whatever their length', async () => {
    const saved = file('short.html', page(shortText));
    const { code, stdout, stderr } = await pausewatch(['extract', '--json', saved]);
    expect(JSON.parse(stdout).text).toBe(shortText);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
