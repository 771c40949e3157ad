import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { registerSourcesRecheck } from '../../src/cli/commands/sources-recheck.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/** The `sources` table says what its times are, and what a source with no next check stored will get: the next run. */

const rss =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Labs weigh a pause</title><guid>w-1</guid>' +
  '<description>Labs discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';

describe('the sources table', () => {
  let project: TempProject;
  beforeEach(async () => {
    project = await tempProject({
      name: 'sources-table',
      database: freshSqlite,
      commands: [registerRun, registerSources, registerSourcesRecheck],
      routes: { '/wire.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss) },
    });
    project.writePipeline(pipelineDefinition({ id: 'table', name: 'Table', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${project.server.url}/wire.xml`, fetchArticles: false }], fetch: localFetch }));
  });
  afterEach(() => project.remove());

  it('names its times UTC, and a source without a next check stored as checked by the next run, not "-"', async () => {
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    const [header, row] = (await project.cli('sources')).stdout.split('\n');
    expect(header).toMatch(/^source +status +last success UTC +streak +next check UTC +items$/);
    expect(row).toMatch(/^wire +ok +\d{4}-\d\d-\d\d \d\d:\d\d +0 +\d{4}-\d\d-\d\d \d\d:\d\d +1$/);
    // --json keeps null for "none stored"
    expect(JSON.parse((await project.cli('sources', '--json')).stdout)[0].nextCheckAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    expect((await project.cli('sources', 'recheck', 'wire')).code).toBe(0);
    expect((await project.cli('sources')).stdout.split('\n')[1]).toMatch(/^wire +ok +\d{4}-\d\d-\d\d \d\d:\d\d +0 +next run +1$/);
    expect(JSON.parse((await project.cli('sources', '--json')).stdout)[0].nextCheckAt).toBeNull();
  });

  it('shows no reason for a next check no longer stored (one an upgrade forgot, its reason left behind)', async () => {
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    const store = await openStore(project.database.target);
    await store.db.updateTable('sources').set({ next_check_at: null, next_check_reason: 'failure 1 in a row (http_404): raised to 7 days by Retry-After' }).execute();
    await store.close();
    const table = (await project.cli('sources')).stdout;
    expect(table.split('\n')[1]).toMatch(/ next run +1$/);
    expect(table).not.toContain('held back');
    expect(JSON.parse((await project.cli('sources', '--json')).stdout)[0]).toMatchObject({ nextCheckAt: null, nextCheckReason: null });
  });

  it('shows a source added since the last run, never checked yet, as checked by the next run', async () => {
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    const wire = { id: 'wire', kind: 'feed', name: 'Wire', url: `${project.server.url}/wire.xml`, fetchArticles: false };
    const desk = { id: 'desk', kind: 'feed', name: 'Desk', url: `${project.server.url}/desk.xml` };
    project.writePipeline(pipelineDefinition({ id: 'table', name: 'Table', sources: [wire, desk], fetch: localFetch }));
    expect((await project.cli('sources')).stdout.split('\n')[2]).toMatch(/^desk +never checked +- +0 +next run +0$/);
  });
});
