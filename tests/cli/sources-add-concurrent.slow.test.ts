import type http from 'node:http';
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { registerSourcesAdd } from '../../src/cli/commands/sources-add.ts';
import { loadPipeline } from '../../src/config/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { heldPagesFetch, pipelineDefinition, sourcesAddProcess, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * `pausewatch sources add` run several times at once on one pipeline file, as `xargs -P4 pausewatch sources add` and
 * overlapping cron jobs run it: every run's feeds end up in the file, and a run that says it added them did. The
 * outlets' pages are held back until every run has asked for its page, so the runs edit the file at the same moment.
 */

const RUNS = 8;

const feed = (title: string) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
  res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(title, [{ guid: title, title: 'Labs weigh a pause', link: 'https://outlet.example/a' }]));

/** Each outlet's page, answered once all RUNS pages are asked for (or after 20 s, for the test to fail on what it finds). */
function heldPages(): Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> {
  const waiting: (() => void)[] = [];
  const releaseAll = () => waiting.splice(0).forEach((answer) => answer());
  const fallback = setTimeout(releaseAll, 20_000);
  const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {};
  for (let i = 0; i < RUNS; i++) {
    // two feeds a page, so each run's ids name their feeds' paths and differ from the other runs'
    const page = `<html><head><link rel="alternate" type="application/rss+xml" href="/outlet-${i}/news.xml"><link rel="alternate" type="application/rss+xml" href="/outlet-${i}/opinion.xml"></head></html>`;
    routes[`/outlet-${i}/`] = (_req, res) => {
      waiting.push(() => res.writeHead(200, { 'content-type': 'text/html' }).end(page));
      if (waiting.length === RUNS) {
        clearTimeout(fallback);
        releaseAll();
      }
    };
    routes[`/outlet-${i}/news.xml`] = feed(`Outlet ${i} news`);
    routes[`/outlet-${i}/opinion.xml`] = feed(`Outlet ${i} opinion`);
  }
  return routes;
}

let project: TempProject | undefined;
afterEach(async () => {
  await project?.remove();
  project = undefined;
});

describe('sources add run several times at once on one pipeline file', () => {
  it("adds every run's feeds, and every run that says it added its feeds did", async () => {
    project = await tempProject({ name: 'sources-add-concurrent', database: freshSqlite, commands: [registerSourcesAdd], routes: heldPages() });
    project.writePipeline(pipelineDefinition({ id: 'topic', name: 'Topic', sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }], fetch: heldPagesFetch }));
    const made = project;

    const runs = await Promise.all(Array.from({ length: RUNS }, (_, i) => sourcesAddProcess(made, `${made.server.url}/outlet-${i}/`)));

    for (const run of runs) {
      expect(run).toMatchObject({ code: 0, stderr: '' });
      // the file as the run names it: relative to the project folder, where it ran
      expect(run.stdout).toContain('\nAdded to pipeline.ts (the next run reads them):\n');
    }
    const { pipeline } = await loadPipeline(made.pipelineFile);
    const urls = pipeline.sources.flatMap((source) => (source.kind === 'feed' ? [source.url] : []));
    const expected = Array.from({ length: RUNS }, (_, i) => [`${made.server.url}/outlet-${i}/news.xml`, `${made.server.url}/outlet-${i}/opinion.xml`]).flat();
    expect(urls.sort()).toEqual(expected.sort());
    // neither lock nor temporary copies left behind
    expect(readdirSync(made.root)).toEqual(['pipeline.ts']);
  }, 120_000);
});
