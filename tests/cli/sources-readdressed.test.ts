import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A source the pipeline file points at another feed after a run shows no health until the next run reads it: the
 * stored state (here a 410's "gone", retried in a week) was the old feed's, and the next run starts afresh.
 */

const rss =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Labs weigh a pause</title><guid>w-1</guid>' +
  '<description>Labs discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';

describe('sources after the pipeline file gives a source another address', () => {
  let project: TempProject;
  const pipeline = (path: string) =>
    pipelineDefinition({ id: 'readdressed', name: 'Readdressed', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${project.server.url}${path}`, fetchArticles: false }], fetch: localFetch });

  beforeEach(async () => {
    project = await tempProject({
      name: 'sources-readdressed',
      database: freshSqlite,
      commands: [registerRun, registerSources],
      routes: {
        '/retired.xml': (_req, res) => void res.writeHead(410, { 'content-type': 'text/plain' }).end('gone'),
        '/wire.xml': (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss),
      },
    });
  });
  afterEach(() => project.remove());

  it('shows it never checked, names the address it had, and the next run reads it', async () => {
    project.writePipeline(pipeline('/retired.xml'));
    await project.cli('run', '--quiet');
    expect(JSON.parse((await project.cli('sources', '--json')).stdout)[0]).toMatchObject({ status: 'gone', errorStreak: 1 });

    project.writePipeline(pipeline('/wire.xml'));
    const json = JSON.parse((await project.cli('sources', '--json')).stdout)[0];
    expect(json).toMatchObject({
      location: `${project.server.url}/wire.xml`, status: 'never', errorStreak: 0, lastError: null, lastCheckedAt: null, nextCheckAt: null, nextCheckReason: null,
    });
    const table = (await project.cli('sources')).stdout;
    expect(table).toMatch(/^wire +never checked /m);
    expect(table).not.toContain('410');
    expect(table).toContain(`another feed than the last run read (the next run reads it afresh, its health unknown till then):\n  wire: was ${project.server.url}/retired.xml\n`);

    // a spelling of the same address is the same feed: its state stands
    project.writePipeline(pipeline('/retired.xml#top'));
    expect(JSON.parse((await project.cli('sources', '--json')).stdout)[0]).toMatchObject({ status: 'gone' });

    project.writePipeline(pipeline('/wire.xml'));
    await project.cli('run', '--quiet');
    expect(JSON.parse((await project.cli('sources', '--json')).stdout)[0]).toMatchObject({ status: 'ok', errorStreak: 0 });
    expect((await project.cli('sources')).stdout).not.toContain('another feed than the last run read');
  });
});
