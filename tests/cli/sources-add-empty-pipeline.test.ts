import type http from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.ts';
import { definePipeline, loadPipeline } from '../../src/config/index.ts';
import { withSourcesAdded } from '../../src/config/pipeline-file.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { capturingOutput } from '../helpers/in-process-cli.ts';
import { tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A new pipeline as README ("Adding feeds, or monitoring another topic") has one written: the topic first, an empty
 * sources list, then `sources add` to fill it. The list may be empty for every command but `run`, which has nothing to
 * read then and says how to add sources.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const topic = `topic: {\n    description: 'The pause',\n    proposalTerms: ['pause'],\n    contextTerms: ['frontier AI'],\n  }`;

/** A pipeline file as a user starts one: definePipeline imported, one field per line, `sources: []`. */
const newPipeline = (definePipelineFrom: string) =>
  `import { definePipeline } from ${JSON.stringify(definePipelineFrom)};\n\n` +
  `export default definePipeline({\n  id: 'my-topic',\n  name: 'My topic',\n  sources: [],\n  ${topic},\n` +
  `  fetch: { perHostGapMs: 0, timeoutMs: 5_000, fetchArticles: false },\n  alerts: { channels: [] },\n});\n`;

const feed = (_req: http.IncomingMessage, res: http.ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Outlet', [{ guid: 'a', title: 'Frontier AI labs weigh a pause', link: 'https://outlet.example/a' }]));
const homePage = (_req: http.IncomingMessage, res: http.ServerResponse) =>
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body></body></html>');

describe('a new pipeline with an empty sources list', () => {
  let project: TempProject;
  let before: string;

  beforeEach(async () => {
    project = await tempProject({ name: 'empty-sources', database: freshSqlite, commands: [], routes: { '/': homePage, '/feed.xml': feed } });
    writeFileSync(project.pipelineFile, newPipeline(path.join(repoRoot, 'src/config/index.ts')));
    before = readFileSync(project.pipelineFile, 'utf8');
  });
  afterEach(() => project.remove());

  /** `pausewatch <args>` through `main`, as a user runs it, on the project's pipeline file and database. */
  const pausewatch = async (...args: string[]) => {
    const { result: code, stdout, stderr } = await capturingOutput(() => main([...args, '--pipeline', project.pipelineFile, '--database', project.database.target]));
    return { code, stdout, stderr };
  };
  const requests = () => [...project.server.hits.values()].reduce((sum, count) => sum + count, 0);
  const entry = () => `{ id: '127-0-0-1', kind: 'feed', name: 'Outlet', url: '${project.server.url}/feed.xml' }`;

  it('sources add finds the feed and opens the list over lines, one entry, leaving the rest of the file as it was; the file then loads', async () => {
    const added = await pausewatch('sources', 'add', `${project.server.url}/`);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain(`Added to ${project.shownPipelineFile} (the next run reads it):`);
    expect(requests()).toBeGreaterThan(0);
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before.replace('  sources: [],\n', `  sources: [\n    ${entry()},\n  ],\n`));
    const { pipeline } = await loadPipeline(project.pipelineFile);
    expect(pipeline.sources).toEqual([{ id: '127-0-0-1', kind: 'feed', name: 'Outlet', url: `${project.server.url}/feed.xml` }]);
  });

  it('sources add --dry-run finds the feed and prints the entry to paste, leaving the file as it was', async () => {
    const dry = await pausewatch('sources', 'add', `${project.server.url}/`, '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Add to the sources of your pipeline file:\n${entry()},\n`);
    expect(requests()).toBeGreaterThan(0);
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before);
    expect((await loadPipeline(project.pipelineFile)).pipeline.sources).toEqual([]);
  });

  it('run refuses it, exit 2, naming the pipeline, the file and its sources list and saying how to add sources, and leaves nothing behind', async () => {
    const refused = await pausewatch('run');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `pausewatch: pipeline "my-topic" has no sources to run: the \`sources\` list in ${project.shownPipelineFile} is empty; ` +
        `\`pausewatch sources add <url> ${project.shownFlags}\` finds an outlet's feeds and adds them to it (or write source entries into the list by hand)\n`,
    );
    expect(requests()).toBe(0);
    expect(existsSync(project.database.target)).toBe(false);
    expect(existsSync(path.join(project.root, 'data'))).toBe(false);
  });

  it('runs once sources add has filled it', async () => {
    expect((await pausewatch('sources', 'add', `${project.server.url}/`)).code).toBe(0);
    const run = await pausewatch('run', '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ sources: [{ sourceId: '127-0-0-1', outcome: 'ok', articlesAdded: 1 }] });
  });

  it('sources lists none, saying how to add them, with or without a database', async () => {
    const listed = await pausewatch('sources');
    expect(listed).toEqual({
      code: 0,
      stdout:
        `No sources yet: the \`sources\` list in ${project.shownPipelineFile} is empty; \`pausewatch sources add <url> ${project.shownFlags}\` ` +
        "finds an outlet's feeds and adds them to it (or write source entries into the list by hand).\n",
      stderr: '',
    });
    expect(await pausewatch('sources', '--json')).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
    expect(existsSync(project.database.target)).toBe(false);
  });

  it('sources recheck and history refuse a source id, exit 2, saying the list is empty and how to fill it', async () => {
    const how = `the \`sources\` list in ${project.shownPipelineFile} is empty; \`pausewatch sources add <url> ${project.shownFlags}\` finds an outlet's feeds and adds them to it`;
    const recheck = await pausewatch('sources', 'recheck', 'wire');
    expect(recheck.code).toBe(2);
    expect(recheck.stderr).toBe(`pausewatch: <source-id>: no source "wire" in pipeline my-topic: ${how} (or write source entries into the list by hand)\n`);
    const history = await pausewatch('sources', 'history', 'wire');
    expect(history.code).toBe(2);
    expect(history.stderr).toBe(`pausewatch: <source-id>: no source "wire" in pipeline my-topic: ${how} (or write source entries into the list by hand)\n`);
  });

  it('definePipeline takes the empty list', () => {
    expect(definePipeline({ id: 'my-topic', name: 'My topic', sources: [], topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['AI'] } }).sources).toEqual([]);
  });
});

describe('withSourcesAdded on an empty list', () => {
  const entry = `{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed' }`;
  const other = `{ id: 'wire-2', kind: 'feed', name: 'Wire 2', url: 'https://wire.example/feed2' }`;

  it('opens `sources: [],` on a line of its own over lines, a level deeper than its key, keeping the comma and a comment after it (not one sharing its line)', () => {
    expect(withSourcesAdded(`export default definePipeline({\n  id: 'x',\n  sources: [],\n  topic,\n});\n`, [entry, other], 'p.ts')).toBe(
      `export default definePipeline({\n  id: 'x',\n  sources: [\n    ${entry},\n    ${other},\n  ],\n  topic,\n});\n`,
    );
    expect(withSourcesAdded(`export default {\n  "id": "x",\n  "sources": [], // to fill\n  "topic": {}\n};\n`, [entry], 'p.ts')).toBe(
      // written as JSON, as the file is
      `export default {\n  "id": "x",\n  "sources": [\n    { "id": "wire", "kind": "feed", "name": "Wire", "url": "https://wire.example/feed" },\n  ], // to fill\n  "topic": {}\n};\n`,
    );
    // with other code on its line, the list stays inline, as `export default { sources: [] }` does
    expect(withSourcesAdded(`export default {\n  id: 'x', sources: [],\n};\n`, [entry], 'p.ts')).toBe(`export default {\n  id: 'x', sources: [${entry}],\n};\n`);
  });

  it('indents by the file\'s own level (tabs, four spaces) and keeps Windows line ends and a comment in the list', () => {
    expect(withSourcesAdded(`export default definePipeline({\n\tsources: [ ],\n});\n`, [entry], 'p.ts')).toBe(`export default definePipeline({\n\tsources: [\n\t\t${entry},\n\t],\n});\n`);
    expect(withSourcesAdded(`export default {\r\n    sources: [/* feeds */],\r\n};\r\n`, [entry], 'p.ts')).toBe(`export default {\r\n    sources: [/* feeds */\r\n        ${entry},\r\n    ],\r\n};\r\n`);
  });
});
