import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSourcesAdd } from '../../src/cli/commands/sources-add.ts';
import { dialects, freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';
import { runCommands } from '../helpers/in-process-cli.ts';

/**
 * `sources add` knows a feed the pipeline already reads at the address it moved to: a run stores the move on the
 * source, while the pipeline file still names the old URL until `sources update-moved` writes the new one.
 */

const rss = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><item><title>Labs weigh a pause</title><guid>${title}-1</guid>` +
  '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';

/** A project whose pipeline reads feed `c` at /c, which answers 301 to /feed2.xml. */
async function movedFeedProject(database: () => Promise<TestDatabase>): Promise<TempProject> {
  const project = await tempProject({
    name: 'sources-add-moved',
    database,
    commands: [registerRun, registerSourcesAdd],
    routes: {
      '/c': (_req, res) => res.writeHead(301, { location: '/feed2.xml' }).end(),
      // an older address still, which leads to the feed through the one the pipeline file names
      '/older': (_req, res) => res.writeHead(308, { location: '/c' }).end(),
      '/links-old/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/rss+xml" href="/c"></head></html>'),
      '/links-older/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/rss+xml" href="/older"></head></html>'),
      '/feed2.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('C')),
      '/other.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Other')),
      // the outlet's home page links the feed at its new address, and another feed
      '/': (_req, res) =>
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<html><head><link rel="alternate" type="application/rss+xml" href="/feed2.xml"><link rel="alternate" type="application/rss+xml" href="/other.xml"></head></html>'),
    },
  });
  project.writePipeline(
    pipelineDefinition({
      id: 'moved',
      name: 'Moved',
      sources: [{ id: 'c', kind: 'feed', name: 'C', url: `${project.server.url}/c`, fetchArticles: false }],
      fetch: localFetch,
    }),
  );
  return project;
}

describe.each(dialects)('sources add and a feed that moved, on $name', ({ fresh }) => {
  let project: TempProject;
  beforeEach(async () => {
    project = await movedFeedProject(fresh);
  });
  afterEach(() => project.remove());

  it('names the source whose stored move leads to the feed given, and adds no second source for it', async () => {
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    const before = readFileSync(project.pipelineFile, 'utf8');
    const moved = `${project.server.url}/feed2.xml`;

    const dry = await project.cli('sources', 'add', moved, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`${moved}  (already in the pipeline as source "c", which moved to ${moved})\n`);
    expect(dry.stdout).toContain('Nothing to add: the feed is already in the pipeline');
    expect(dry.stdout).not.toContain("id: '127-0-0-1'");

    const json = JSON.parse((await project.cli('sources', 'add', moved, '--json')).stdout);
    expect(json).toMatchObject({ feeds: [{ url: moved, existingSourceId: 'c', added: false }], addedTo: null });
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before);

    // found on the outlet's page too; the other feed is still offered, and added alone
    const page = await project.cli('sources', 'add', `${project.server.url}/`);
    expect(page.code).toBe(0);
    expect(page.stdout).toContain(`${moved}  (already in the pipeline as source "c", which moved to ${moved})\n`);
    const text = readFileSync(project.pipelineFile, 'utf8');
    expect(text).toContain(`"url": "${project.server.url}/other.xml"`);
    expect(text).not.toContain(`"url": "${moved}"`);
  });
});

describe('sources add and a feed that moved, on SQLite or without a database', () => {
  let project: TempProject;
  beforeEach(async () => {
    project = await movedFeedProject(freshSqlite);
  });
  afterEach(() => project.remove());

  it('still says so when given the old address, which the pipeline file names', async () => {
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    const old = await project.cli('sources', 'add', `${project.server.url}/c`, '--dry-run');
    expect(old.code).toBe(0);
    expect(old.stdout).toContain('(already in the pipeline as source "c"');
    expect(old.stdout).toContain('Nothing to add');
  });

  it('knows, before any run, the feed behind a link that redirects for good through the address the pipeline file names', async () => {
    for (const page of ['/links-old/', '/links-older/']) {
      const result = await project.cli('sources', 'add', `${project.server.url}${page}`, '--dry-run');
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(`${project.server.url}/feed2.xml  (already in the pipeline as source "c")\n`);
      expect(result.stdout).toContain('Nothing to add');
    }
    const json = JSON.parse((await project.cli('sources', 'add', `${project.server.url}/links-older/`, '--json')).stdout);
    expect(json.feeds).toHaveLength(1);
    expect(json.feeds[0]).toMatchObject({ url: `${project.server.url}/feed2.xml`, existingSourceId: 'c', added: false });
    expect(existsSync(project.database.target)).toBe(false);
  });

  it('works without a database: nothing is stored to match, none is created, and the feed is offered', async () => {
    const database = path.join(project.root, 'never-run', 'pausewatch.db');
    const result = await runCommands([registerSourcesAdd], ['sources', 'add', `${project.server.url}/feed2.xml`, '--dry-run', '--pipeline', project.pipelineFile, '--database', database]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`{ id: '127-0-0-1', kind: 'feed', name: 'C', url: '${project.server.url}/feed2.xml' },`);
    expect(existsSync(database)).toBe(false);
    expect(existsSync(path.dirname(database))).toBe(false);
  });
});
