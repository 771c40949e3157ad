import type http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSourcesAdd } from '../../src/cli/commands/sources-add.ts';
import { loadPipeline } from '../../src/config/index.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { tempProject, type TempProject } from '../helpers/temp-project.ts';
import { freshSqlite } from '../helpers/databases.ts';

/** What `sources add` writes into the user's pipeline file, and says, when the outlet's pages are written to mislead. */

const feed = (title: string) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(title, [{ guid: title, title: 'Labs weigh a pause', link: 'https://outlet.example/a' }]));
const page = (body: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head>${body}</head></html>`);
const feedLink = (href: string) => `<link rel="alternate" type="application/rss+xml" href="${href}">`;
/** A title and a path made to break out of a string literal, were they written into the file unescaped. */
const HOSTILE_TITLE = "Qu'ote `${process.exit(2)}` \\ */ \" end";
const HOSTILE_PATH = "/q'uote$%7Bprocess.exit(1)%7D.xml";

describe('sources add and the pipeline file', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({
      name: 'sources-add-file',
      database: freshSqlite,
      commands: [registerSourcesAdd],
      routes: {
        '/wire.xml': feed('Wire'),
        [HOSTILE_PATH]: feed(HOSTILE_TITLE),
        '/hostile/': page(feedLink(HOSTILE_PATH)),
        '/tracked/': page(feedLink('/wire.xml?utm_source=homepage&amp;utm_medium=link')),
        // a WordPress-like page: a comments feed per post, then the site's feed
        '/blog/': page(`${Array.from({ length: 25 }, (_, i) => feedLink(`/comments/${i}/feed/`)).join('')}${feedLink('/wire.xml')}`),
      },
    });
  });
  afterEach(() => project.remove());

  /** A pipeline file as a user writes one: comments, its own layout, the given feed sources. */
  const writeFile = (feeds: string) =>
    writeFileSync(
      project.pipelineFile,
      `// my topic\nexport default {\n  id: 'topic',\n  name: 'Topic', // shown in digests\n  sources: [\n    /* hand-picked */\n    { id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' },\n${feeds}  ],\n` +
        `  topic: { description: 'The pause', proposalTerms: ['pause'], contextTerms: ['frontier AI'] },\n  fetch: { perHostGapMs: 0, timeoutMs: 5_000 },\n};\n`,
    );

  it('writes a title and URL made to break out of a string as literals that read back as they are, keeps the file\'s comments, and adds nothing twice', async () => {
    writeFile('');
    const before = readFileSync(project.pipelineFile, 'utf8');
    const added = await project.cli('sources', 'add', `${project.server.url}/hostile/`);
    expect(added.code).toBe(0);
    const text = readFileSync(project.pipelineFile, 'utf8');
    // one line added at the end of the list, in its layout, and nothing else changed
    const [line] = text.split('\n').filter((candidate) => !before.includes(candidate));
    expect(line).toMatch(/^ {4}\{ id: '127-0-0-1', kind: 'feed', name: 'Qu\\'ote .*' \},$/);
    expect(text).toBe(before.replace('  ],\n  topic', `${line}\n  ],\n  topic`));
    const { pipeline } = await loadPipeline(project.pipelineFile);
    expect(pipeline.sources[1]).toMatchObject({ kind: 'feed', name: HOSTILE_TITLE, url: `${project.server.url}${HOSTILE_PATH}` });

    const again = await project.cli('sources', 'add', `${project.server.url}/hostile/`, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ feeds: [{ existingSourceId: pipeline.sources[1]!.id, added: false }], addedTo: null });
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(text);
  });

  it('knows a feed the pipeline reads with a login is the one the site links without it, and adds it no second time', async () => {
    writeFile(`    { id: 'paywalled', kind: 'feed', name: 'Wire', url: '${project.server.url.replace('//', '//reader:s3cret@')}/wire.xml' },\n`);
    const before = readFileSync(project.pipelineFile, 'utf8');
    const text = await project.cli('sources', 'add', `${project.server.url}/blog/`);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${project.server.url}/wire.xml  (already in the pipeline as source "paywalled")`);
    const json = JSON.parse((await project.cli('sources', 'add', `${project.server.url}/wire.xml`, '--json')).stdout);
    expect(json).toMatchObject({ feeds: [{ url: `${project.server.url}/wire.xml`, existingSourceId: 'paywalled', added: false }], addedTo: null });
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before);
  });

  it.each([
    ['with campaign parameters', '/tracked/', ''],
    ["without the www. of the pipeline's address", '/blog/', 'www.'],
  ])('knows a feed the pipeline has when the page links it %s, and adds it no second time', async (_case, pagePath, www) => {
    const site = project.server.url.replace('127.0.0.1', 'localhost');
    // the pipeline's spelling of the feed's address is only matched, never fetched
    writeFile(`    { id: 'wire', kind: 'feed', name: 'Wire', url: '${site.replace('//', `//${www}`)}/wire.xml' },\n`);
    const before = readFileSync(project.pipelineFile, 'utf8');
    const json = JSON.parse((await project.cli('sources', 'add', `${site}${pagePath}`, '--json')).stdout);
    expect(json).toMatchObject({ feeds: [{ existingSourceId: 'wire', added: false }], addedTo: null });
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before);
  });

  it.each([
    ['with its escapes written otherwise', '/%77ire.xml', (url: string) => url],
    ["with the host's trailing dot", '/wire.xml', (url: string) => url.replace('localhost', 'localhost.')],
  ])('knows a feed the pipeline has %s, and adds it no second time', async (_case, pipelinePath, spelt) => {
    const site = project.server.url.replace('127.0.0.1', 'localhost');
    writeFile(`    { id: 'wire', kind: 'feed', name: 'Wire', url: '${spelt(site)}${pipelinePath}' },\n`);
    const before = readFileSync(project.pipelineFile, 'utf8');
    const json = JSON.parse((await project.cli('sources', 'add', `${site}/wire.xml`, '--json')).stdout);
    expect(json).toMatchObject({ feeds: [{ existingSourceId: 'wire', added: false }], addedTo: null });
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before);
  });

  it("reads an outlet typed with its host's trailing dot as a run would, and writes its feeds without the dot", async () => {
    writeFile('');
    const site = project.server.url.replace('127.0.0.1', 'localhost.');
    const added = await project.cli('sources', 'add', `${site}/blog/`);
    expect(added.code).toBe(0);
    const [, wire] = (await loadPipeline(project.pipelineFile)).pipeline.sources;
    expect(wire).toMatchObject({ kind: 'feed', url: `${project.server.url.replace('127.0.0.1', 'localhost')}/wire.xml` });
  });

  it('names the first 10 comments feeds of a page that declares many, and --json all of them', async () => {
    writeFile('');
    const text = await project.cli('sources', 'add', '--dry-run', `${project.server.url}/blog/`);
    expect(text.code).toBe(0);
    const listed = text.stdout.split('\n').filter((line) => line.includes('/comments/'));
    expect(listed).toEqual(Array.from({ length: 10 }, (_, i) => `  ${project.server.url}/comments/${i}/feed/: a comments feed (its address has /comments/)`));
    expect(text.stdout).toContain("\nNot offered: 25 comments feeds (readers' comments, not articles; give one's URL to sources add to add it anyway):\n");
    expect(text.stdout).toContain(`/comments/9/feed/: a comments feed (its address has /comments/)\n  … and 15 more (--json lists them all)\n`);
    const json = JSON.parse((await project.cli('sources', 'add', '--dry-run', `${project.server.url}/blog/`, '--json')).stdout);
    expect(json.commentFeeds).toHaveLength(25);
  });
});
