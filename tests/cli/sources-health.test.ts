import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { registerSourcesUpdateMoved } from '../../src/cli/commands/sources-update-moved.ts';
import { loadPipeline } from '../../src/config/index.ts';
import { dialects } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const item = (id: string) =>
  `<item><title>Labs weigh a pause ${id}</title><guid>${id}</guid><description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item>`;
const rss = (title: string, ...ids: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>${ids.map(item).join('')}</channel></rss>`;

describe.each(dialects)('source health in the CLI on $name', ({ fresh }) => {
  let project: TempProject;
  const outlet = { lenientBody: rss('Wire & Co', 'w-1'), oldRedirects: true };

  beforeEach(async () => {
    Object.assign(outlet, { lenientBody: rss('Wire & Co', 'w-1'), oldRedirects: true });
    // In this process: `run` and `sources` as a user calls them, without a process start (seconds on a busy machine) each.
    project = await tempProject({
      name: 'health',
      database: fresh,
      commands: [registerRun, registerSources, registerSourcesUpdateMoved],
      routes: {
        '/lenient.xml': (req, res) => {
          const etag = `"${createHash('sha1').update(outlet.lenientBody).digest('hex')}"`;
          if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
          res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(outlet.lenientBody);
        },
        '/old.xml': (_req, res) =>
          outlet.oldRedirects ? res.writeHead(301, { location: '/new.xml' }).end() : res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Moving', 'm-1')),
        '/new.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Moving', 'm-1')),
        '/old-b.xml': (_req, res) => res.writeHead(301, { location: '/new-b.xml' }).end(),
        '/new-b.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Moving too', 'b-1')),
      },
    });
  });
  afterEach(() => project.remove());

  const write = (sources: object[]) => project.writePipeline(pipelineDefinition({ id: 'health', name: 'Health', sources, fetch: localFetch }));
  const cli = (...args: string[]) => project.cli(...args);

  it('sources shows a leniently recovered feed as ok with its warnings until a clean read, in the table and in --json', async () => {
    write([{ id: 'lenient', kind: 'feed', name: 'Lenient', url: `${project.server.url}/lenient.xml`, fetchArticles: false }]);
    expect((await cli('run', '--quiet')).code).toBe(0);

    const table = await cli('sources');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^lenient +ok \(2 warnings\) /m);
    expect(table.stdout).toMatch(/\nwarnings from the last read of the feed:\n {2}lenient \(read \d{4}-\d\d-\d\d \d\d:\d\d UTC\):\n {4}- not well-formed XML: .*\n {4}- recovered .*\n/);
    const [json] = JSON.parse((await cli('sources', '--json')).stdout);
    expect(json).toMatchObject({ id: 'lenient', status: 'ok', lastError: null, lastWarningCount: 2, lastWarnings: [expect.stringMatching(/^not well-formed XML/), expect.stringMatching(/^recovered /)] });
    expect(json.lastWarningsAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(json).not.toHaveProperty('movedFromPipelineUrl');

    // fixed by the outlet: the next read has nothing to say
    outlet.lenientBody = rss('Wire &amp; Co', 'w-1', 'w-2');
    expect((await cli('run', '--all', '--quiet')).code).toBe(0);
    const clean = await cli('sources');
    expect(clean.stdout).toMatch(/^lenient +ok +\d{4}/m);
    expect(clean.stdout).not.toContain('warnings');
    expect(JSON.parse((await cli('sources', '--json')).stdout)[0]).toMatchObject({ lastWarnings: [], lastWarningCount: 0, lastWarningsAt: null });
  });

  it('run and sources say once that a feed moved permanently and to put the new URL in the pipeline file, until it is there', async () => {
    write([{ id: 'moving', kind: 'feed', name: 'Moving', url: `${project.server.url}/old.xml`, fetchArticles: false }]);
    // the command to run, with the pipeline and database this one was given
    const command = `pausewatch sources update-moved ${project.shownFlags}`;
    const moved = `  moved        moving: the feed moved permanently to ${project.server.url}/new.xml; \`${command}\` puts that URL in ${project.shownPipelineFile}`;
    for (const args of [['run', '--quiet'], ['run', '--all']]) {
      const run = await cli(...args);
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n').filter((line) => line.includes('moved'))).toEqual([moved]);
    }
    expect((await cli('sources')).stdout).toContain(`\nmoved permanently (\`${command}\` puts the new URL in ${project.shownPipelineFile}):\n  moving: ${project.server.url}/old.xml -> ${project.server.url}/new.xml\n`);
    expect(JSON.parse((await cli('run', '--json')).stdout).movedFeeds).toEqual([{ sourceId: 'moving', movedTo: `${project.server.url}/new.xml`, refused: null }]);

    write([{ id: 'moving', kind: 'feed', name: 'Moving', url: `${project.server.url.replace('//', '//reader:secret@')}/old.xml`, fetchArticles: false }]);
    await cli('run', '--all', '--quiet');
    // a login the feed URL carries, and so the address it moved to, is never shown
    const listed = await cli('sources', '--json');
    expect(listed.stdout).not.toContain('secret');
    expect(JSON.parse(listed.stdout)).toMatchObject([{ movedTo: `${project.server.url.replace('//', '//***@')}/new.xml` }]);

    write([{ id: 'moving', kind: 'feed', name: 'Moving', url: `${project.server.url}/new.xml`, fetchArticles: false }]);
    // before the next run, sources knows the file says the new URL already, in the JSON too
    expect((await cli('sources')).stdout).not.toContain('moved');
    expect(JSON.parse((await cli('sources', '--json')).stdout)).toMatchObject([{ location: `${project.server.url}/new.xml`, movedTo: null }]);
    // and so for another URL put there: the move learnt for the old one is no address runs read
    write([{ id: 'moving', kind: 'feed', name: 'Moving', url: `${project.server.url}/other.xml`, fetchArticles: false }]);
    expect(JSON.parse((await cli('sources', '--json')).stdout)).toMatchObject([{ location: `${project.server.url}/other.xml`, movedTo: null }]);
    write([{ id: 'moving', kind: 'feed', name: 'Moving', url: `${project.server.url}/new.xml`, fetchArticles: false }]);
    const after = await cli('run', '--all', '--quiet');
    expect(after.code).toBe(0);
    expect(after.stdout).not.toContain('moved');
    expect(JSON.parse((await cli('run', '--json')).stdout).movedFeeds).toEqual([]);
    expect((await cli('sources')).stdout).not.toContain('moved');
  });

  it('sources update-moved puts the new URL of a moved feed in the pipeline file, its login with it, and the notices stop', async () => {
    const login = (url: string) => url.replace('//', '//reader:secret@');
    write([{ id: 'moving', kind: 'feed', name: 'Moving', url: login(`${project.server.url}/old.xml`), fetchArticles: false }]);
    expect((await cli('run', '--quiet')).code).toBe(0);
    const before = readFileSync(project.pipelineFile, 'utf8');
    const masked = (url: string) => url.replace('//', '//***@');
    const dry = await cli('sources', 'update-moved', '--dry-run');
    expect(dry).toMatchObject({ code: 0, stdout: `Would update ${project.shownPipelineFile} (--dry-run):\n  moving: ${masked(`${project.server.url}/old.xml`)} -> ${masked(`${project.server.url}/new.xml`)}\n` });
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before);

    const update = await cli('sources', 'update-moved');
    expect(update).toMatchObject({ code: 0, stdout: `Updated ${project.shownPipelineFile}:\n  moving: ${masked(`${project.server.url}/old.xml`)} -> ${masked(`${project.server.url}/new.xml`)}\n` });
    expect(update.stdout).not.toContain('secret');
    expect((await loadPipeline(project.pipelineFile)).pipeline.sources[0]).toMatchObject({ id: 'moving', url: login(`${project.server.url}/new.xml`) });
    // the rest of the file as it was
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before.replace(`"url": "${login(`${project.server.url}/old.xml`)}"`, `"url": "${login(`${project.server.url}/new.xml`)}"`));

    expect((await cli('run', '--all', '--quiet')).stdout).not.toContain('moved');
    expect((await cli('sources')).stdout).not.toContain('moved');
    expect(JSON.parse((await cli('sources', 'update-moved', '--json')).stdout)).toEqual({ moves: [], updated: false, file: project.shownPipelineFile, error: null });
    expect((await cli('sources', 'update-moved')).stdout).toBe('No feed has moved: the pipeline file has every feed at the URL runs read.\n');
  });

  it('sources update-moved changes the URLs written as strings and lists the others to change by hand (exit 1)', async () => {
    const definition = pipelineDefinition({
      id: 'health', name: 'Health', fetch: localFetch,
      sources: [
        { id: 'literal', kind: 'feed', name: 'Literal', url: `${project.server.url}/old.xml`, fetchArticles: false },
        { id: 'built', kind: 'feed', name: 'Built', url: 'BUILT', fetchArticles: false },
      ],
    });
    // the second feed's URL is built from a constant, which no edit of a string can follow
    const text = `const SERVER = ${JSON.stringify(project.server.url)};\nexport default ${JSON.stringify(definition, null, 2).replace('"BUILT"', "SERVER + '/old-b.xml'")};\n`;
    project.writeFile('pipeline.ts', text);
    expect((await cli('run', '--quiet')).code).toBe(0);
    const file = project.shownPipelineFile;

    const update = await cli('sources', 'update-moved');
    expect(update.code).toBe(1);
    expect(update.stdout).toBe(
      `Updated ${file}:\n  literal: ${project.server.url}/old.xml -> ${project.server.url}/new.xml\n` +
        `Not updated; change these in ${file} by hand:\n  built: ${project.server.url}/old-b.xml -> ${project.server.url}/new-b.xml\n`,
    );
    expect(update.stderr).toBe(`not updated: cannot find the URL of "built" written as a string in the sources list of ${file}; change it by hand\n`);
    expect((await loadPipeline(project.pipelineFile)).pipeline.sources.map((source) => [source.id, 'url' in source ? source.url : null])).toEqual([
      ['literal', `${project.server.url}/new.xml`],
      ['built', `${project.server.url}/old-b.xml`],
    ]);
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(text.replace(`"url": "${project.server.url}/old.xml"`, `"url": "${project.server.url}/new.xml"`));

    // what is left, in --json too; and when nothing can be changed, the file stays as it was
    const json = await cli('sources', 'update-moved', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      moves: [{ sourceId: 'built', from: `${project.server.url}/old-b.xml`, to: `${project.server.url}/new-b.xml`, updated: false, refused: null }],
      updated: false,
      file,
      error: `cannot find the URL of "built" written as a string in the sources list of ${file}; change it by hand`,
    });
  });
});
