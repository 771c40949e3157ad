import type http from 'node:http';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerSourcesAdd } from '../../src/cli/commands/sources-add.ts';
import { loadPipeline } from '../../src/config/index.ts';
import { addSourcesToPipelineFile } from '../../src/config/pipeline-file.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { heldPagesFetch, pipelineDefinition, sourcesAddProcess, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * `sources add` chooses a new source's id, and whether the pipeline has a feed already, from the pipeline file as it
 * is once the edit lock is held, not as it was when the command started: two runs at once adding a feed each of one
 * host (whose ids are the host's) both add theirs, under ids of their own, and two adding the same feed add it once.
 * And an edit that finds the file saved underneath it (an editor takes no lock) is made again from the file as saved.
 */


const feed = (title: string) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(title, [{ guid: title, title: 'Labs weigh a pause', link: 'https://outlet.example/a' }]));
const page = (href: string) => `<html><head><link rel="alternate" type="application/rss+xml" href="${href}"></head></html>`;

/**
 * Outlet pages each declaring one feed, answered once `expected` page requests have arrived (or after 20 s, for the
 * test to fail on what it finds): every run has loaded the pipeline file before any of them edits it.
 */
function heldPages(pages: Record<string, string>, expected: number): Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> {
  const waiting: (() => void)[] = [];
  const releaseAll = () => waiting.splice(0).forEach((answer) => answer());
  const fallback = setTimeout(releaseAll, 20_000);
  const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {};
  for (const [pagePath, feedPath] of Object.entries(pages)) {
    routes[pagePath] = (_req, res) => {
      waiting.push(() => res.writeHead(200, { 'content-type': 'text/html' }).end(page(feedPath)));
      if (waiting.length === expected) {
        clearTimeout(fallback);
        releaseAll();
      }
    };
    routes[feedPath] = feed(`Feed at ${feedPath}`);
  }
  return routes;
}

/** The entries a run says it added: [id, url] of each line after "Added to …:". */
function addedEntries(stdout: string): [string, string][] {
  const [, after = ''] = stdout.split(/\nAdded to [^\n]*:\n/);
  return [...after.matchAll(/\{ id: '([^']*)', kind: 'feed', name: '[^\n]*', url: '([^']*)' \},/g)].map((match) => [match[1]!, match[2]!]);
}

const feedSources = async (file: string) => (await loadPipeline(file)).pipeline.sources.flatMap((source) => (source.kind === 'feed' ? [[source.id, source.url]] : []));

let project: TempProject | undefined;
let dirs: string[] = [];
afterEach(async () => {
  await project?.remove();
  project = undefined;
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

const seeds = { id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' };

describe('sources add run twice at once on one pipeline file', () => {
  it('adds a feed of the same host from each run, under distinct ids chosen from the file as it is when the run edits it', async () => {
    project = await tempProject({ name: 'sources-add-same-host', database: freshSqlite, commands: [registerSourcesAdd], routes: heldPages({ '/one/': '/one.xml', '/two/': '/two.xml' }, 2) });
    project.writePipeline(pipelineDefinition({ id: 'topic', name: 'Topic', sources: [seeds], fetch: heldPagesFetch }));
    const made = project;

    const runs = await Promise.all([sourcesAddProcess(made, `${made.server.url}/one/`), sourcesAddProcess(made, `${made.server.url}/two/`)]);

    for (const run of runs) {
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain('\nAdded to pipeline.ts (the next run reads it):\n');
    }
    const said = runs.flatMap((run) => addedEntries(run.stdout));
    const inFile = await feedSources(made.pipelineFile);
    // each run's feed, under the id the run said, one with the host's id and the other with the next free one
    expect(said.sort()).toEqual(inFile.sort());
    expect(inFile.map(([, url]) => url).sort()).toEqual([`${made.server.url}/one.xml`, `${made.server.url}/two.xml`]);
    expect(inFile.map(([id]) => id).sort()).toEqual(['127-0-0-1', '127-0-0-1-2']);
    // neither lock nor temporary copies left behind
    expect(readdirSync(made.root)).toEqual(['pipeline.ts']);
  }, 120_000);

  it('adds a feed both runs found once: the run that edits the file second finds it there', async () => {
    project = await tempProject({ name: 'sources-add-same-feed', database: freshSqlite, commands: [registerSourcesAdd], routes: heldPages({ '/same/': '/same.xml' }, 2) });
    project.writePipeline(pipelineDefinition({ id: 'topic', name: 'Topic', sources: [seeds], fetch: heldPagesFetch }));
    const made = project;

    const runs = await Promise.all([sourcesAddProcess(made, `${made.server.url}/same/`), sourcesAddProcess(made, `${made.server.url}/same/`)]);

    for (const run of runs) expect(run).toMatchObject({ code: 0, stderr: '' });
    const [adder, finder] = runs[0]!.stdout.includes('\nAdded to ') ? runs : [runs[1]!, runs[0]!];
    expect(addedEntries(adder!.stdout)).toEqual([['127-0-0-1', `${made.server.url}/same.xml`]]);
    expect(finder!.stdout).toContain(`${made.server.url}/same.xml  (already in the pipeline as source "127-0-0-1")`);
    expect(finder!.stdout).toContain('\nNothing to add: the feed is already in the pipeline (pipeline.ts).\n');
    expect(await feedSources(made.pipelineFile)).toEqual([['127-0-0-1', `${made.server.url}/same.xml`]]);
    expect(readdirSync(made.root)).toEqual(['pipeline.ts']);
  }, 120_000);
});

/**
 * A pipeline file that stands in for an editor saving it while pausewatch edits it: when the file `armed` exists, the
 * first load of the file (of any copy of it) renames `armed` and writes what it held over `file`, as a save would.
 */
function editorSavingFile(file: string, armed: string, feeds: string): string {
  return (
    `import { readFileSync, renameSync, writeFileSync } from 'node:fs';\n\n` +
    `// an editor saving this file while it is loaded, once the test has armed it\n` +
    `function editorSaves(): void {\n` +
    `  try {\n    renameSync(${JSON.stringify(armed)}, ${JSON.stringify(`${armed}-fired`)});\n  } catch {\n    return;\n  }\n` +
    `  writeFileSync(${JSON.stringify(file)}, readFileSync(${JSON.stringify(`${armed}-fired`)}, 'utf8'));\n}\neditorSaves();\n\n` +
    `export default {\n  id: 'topic',\n  name: 'Topic',\n  sources: [\n    { id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' },\n${feeds}  ],\n` +
    `  topic: { description: 'The pause', proposalTerms: ['pause'], contextTerms: ['frontier AI'] },\n  fetch: { allowPrivateAddresses: true, perHostGapMs: 0, timeoutMs: 5_000 },\n};\n`
  );
}

describe('an edit of a pipeline file saved underneath it by an editor', () => {
  it('is made again on the file as saved, keeping what the editor saved', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-pipeline-redo-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'package.json'), '{}');
    const file = path.join(dir, 'topic.ts');
    const armed = path.join(dir, 'editor-armed');
    writeFileSync(file, editorSavingFile(file, armed, ''));
    // what the editor saves: the file with a feed of its own, saved while the edit's copy of the file loads
    writeFileSync(armed, editorSavingFile(file, armed, `    { id: 'desk', kind: 'feed', name: 'Desk', url: 'https://desk.example/feed' },\n`));

    const added = await addSourcesToPipelineFile(file, [{ id: 'wire', code: `{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed' }` }]);

    expect(added.map((entry) => entry.id)).toEqual(['wire']);
    // neither the editor's save nor the edit was lost
    expect(await feedSources(file)).toEqual([
      ['desk', 'https://desk.example/feed'],
      ['wire', 'https://wire.example/feed'],
    ]);
    expect(readdirSync(dir).sort()).toEqual(['editor-armed-fired', 'package.json', 'topic.ts']);
  });

  it('chooses the id of sources add again from the file as saved, when the editor took the one first chosen', async () => {
    const armed = () => path.join(made.root, '.editor-armed');
    let made: TempProject;
    // the page arms the editor once the command has loaded the pipeline file: the editor saves during the edit
    project = made = await tempProject({
      name: 'sources-add-redo',
      database: freshSqlite,
      commands: [registerSourcesAdd],
      routes: {
        '/one/': (_req, res) => {
          writeFileSync(armed(), editorSavingFile(made.pipelineFile, armed(), `    { id: '127-0-0-1', kind: 'feed', name: 'Other', url: '${made.server.url}/other.xml' },\n`));
          res.writeHead(200, { 'content-type': 'text/html' }).end(page('/one.xml'));
        },
        '/one.xml': feed('One'),
      },
    });
    made.writeFile('pipeline.ts', editorSavingFile(made.pipelineFile, armed(), ''));

    const run = await made.cli('sources', 'add', `${made.server.url}/one/`);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    // the editor saved during the edit (and no lock or temporary copy is left behind)
    expect(readdirSync(made.root).sort()).toEqual(['.editor-armed-fired', 'pipeline.ts']);
    expect(addedEntries(run.stdout)).toEqual([['127-0-0-1-2', `${made.server.url}/one.xml`]]);
    expect(await feedSources(made.pipelineFile)).toEqual([
      ['127-0-0-1', `${made.server.url}/other.xml`],
      ['127-0-0-1-2', `${made.server.url}/one.xml`],
    ]);
  });
});
