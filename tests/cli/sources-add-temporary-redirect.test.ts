import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerSourcesAdd } from '../../src/cli/commands/sources-add.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A page may link its feed at an address that redirects there for now (302, 307: a "latest" alias, a tracking hop).
 * Discovery keeps the address linked, but when the feed it leads to is one the pipeline reads, that is the same feed:
 * named by its source id, not added a second time.
 */

const rss =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><item><title>Labs weigh a pause</title><guid>d-1</guid>' +
  '<description>Labs discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';

describe('sources add and a feed link that redirects temporarily to a feed the pipeline has', () => {
  let project: TempProject;
  beforeEach(async () => {
    project = await tempProject({
      name: 'sources-add-temp-redirect',
      database: freshSqlite,
      commands: [registerSourcesAdd],
      routes: {
        '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><link rel="alternate" type="application/rss+xml" title="Latest" href="/latest.xml"></head></html>'),
        '/latest.xml': (_req, res) => res.writeHead(302, { location: '/feeds/desk.xml' }).end(),
        '/feeds/desk.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss),
      },
    });
    project.writePipeline(pipelineDefinition({ id: 'desk', name: 'Desk', sources: [{ id: 'desk', kind: 'feed', name: 'Desk', url: `${project.server.url}/feeds/desk.xml` }], fetch: localFetch }));
  });
  afterEach(() => project.remove());

  it('names the source that reads it and adds nothing, from the page and given the link itself', async () => {
    const before = readFileSync(project.pipelineFile, 'utf8');
    for (const url of [`${project.server.url}/`, `${project.server.url}/latest.xml`]) {
      const result = await project.cli('sources', 'add', url);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toContain(`${project.server.url}/latest.xml  (already in the pipeline as source "desk")\n`);
      expect(result.stdout).toContain('Nothing to add: the feed is already in the pipeline');
    }
    const json = JSON.parse((await project.cli('sources', 'add', `${project.server.url}/`, '--json')).stdout);
    expect(json.feeds).toMatchObject([{ url: `${project.server.url}/latest.xml`, existingSourceId: 'desk', added: false }]);
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before);
  });
});
