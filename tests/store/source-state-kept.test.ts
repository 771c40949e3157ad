import type http from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { registerSourcesUpdateMoved } from '../../src/cli/commands/sources-update-moved.ts';
import { dialects } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A source keeps its fetch state (its server's Retry-After wait, error streak, next check, validators) when the
 * pipeline file names the same feed otherwise: the address a permanent redirect moved it to (`sources update-moved`),
 * or the same address spelt otherwise (a `#fragment`, an empty `?`). Runs already asked that address; only another
 * address starts afresh. And a failed check says whether the feed is gone from its own answer, not from a 410 before.
 */

const rss =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Labs weigh a pause</title><guid>w-1</guid>' +
  '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';

interface SourceJson {
  id: string;
  location: string;
  movedTo: string | null;
  status: string;
  errorStreak: number;
  lastErrorCode: string | null;
  nextCheckAt: string | null;
}

/** A feed that answers `status` (429 with a day's Retry-After), else 200 with ETag "e1", or 304 to that ETag. */
function feed(state: { status: number; ifNoneMatch: (string | undefined)[] }) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    state.ifNoneMatch.push(req.headers['if-none-match']);
    if (state.status === 429) res.writeHead(429, { 'retry-after': '86400' }).end();
    else if (state.status !== 200) res.writeHead(state.status).end('no');
    else if (req.headers['if-none-match'] === '"e1"') res.writeHead(304, { etag: '"e1"' }).end();
    else res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"e1"' }).end(rss);
  };
}

describe.each(dialects)('the fetch state of a source the pipeline file names otherwise, on $name', ({ fresh }) => {
  let project: TempProject | undefined;
  afterEach(async () => {
    await project?.remove();
    project = undefined;
  });

  const state = { status: 200, ifNoneMatch: [] as (string | undefined)[] };

  async function open(url: (server: string) => string): Promise<TempProject> {
    state.status = 200;
    state.ifNoneMatch = [];
    project = await tempProject({
      name: 'state-kept',
      database: fresh,
      commands: [registerRun, registerSources, registerSourcesUpdateMoved],
      routes: { '/old.xml': (_req, res) => res.writeHead(301, { location: '/new.xml' }).end(), '/new.xml': feed(state), '/other.xml': feed(state) },
    });
    project.writePipeline(pipelineDefinition({ id: 'kept', name: 'Kept', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: url(project.server.url), fetchArticles: false }], fetch: localFetch }));
    return project;
  }

  const source = async (p: TempProject): Promise<SourceJson> => (JSON.parse((await p.cli('sources', '--json')).stdout) as SourceJson[])[0]!;
  const run = async (p: TempProject, ...args: string[]) => JSON.parse((await p.cli('run', '--json', ...args)).stdout).sources[0];
  const editUrl = (p: TempProject, from: string, to: string) => writeFileSync(p.pipelineFile, readFileSync(p.pipelineFile, 'utf8').replace(`${from}"`, `${to}"`));

  it('keeps the validators of the moved-to address when `sources update-moved` writes it into the file', async () => {
    const p = await open((server) => `${server}/old.xml`);
    expect(await run(p)).toMatchObject({ outcome: 'ok' });
    expect((await p.cli('sources', 'update-moved')).code).toBe(0);

    state.ifNoneMatch = [];
    // the request runs already sent there: conditional, so the unchanged feed is not read again
    expect(await run(p, '--all')).toMatchObject({ outcome: 'not_modified' });
    expect(state.ifNoneMatch).toEqual(['"e1"']);
    expect(await source(p)).toMatchObject({ location: `${p.server.url}/new.xml`, movedTo: null, status: 'ok' });
  });

  it("keeps its server's Retry-After wait, the error streak and the next check when `sources update-moved` writes the move", async () => {
    const p = await open((server) => `${server}/old.xml`);
    await run(p);
    state.status = 429;
    expect(await run(p, '--all')).toMatchObject({ outcome: 'failed', nextCheck: { heldByServer: true } });
    const held = await source(p);
    expect(held).toMatchObject({ status: 'failed', errorStreak: 1, lastErrorCode: 'http_429', movedTo: `${p.server.url}/new.xml` });

    expect((await p.cli('sources', 'update-moved')).code).toBe(0);
    state.ifNoneMatch = [];
    // --all does not override a server's wait, which still holds at the address the file now names
    expect(await run(p, '--all')).toMatchObject({ outcome: 'not_due', nextCheck: { heldByServer: true } });
    expect(state.ifNoneMatch).toEqual([]);
    expect(await source(p)).toMatchObject({ location: `${p.server.url}/new.xml`, movedTo: null, status: 'failed', errorStreak: 1, lastErrorCode: 'http_429', nextCheckAt: held.nextCheckAt });
  });

  it('keeps its validators, wait, error streak and next check when the same address is written otherwise, not for another address', async () => {
    const p = await open((server) => `${server}/new.xml`);
    await run(p);
    editUrl(p, '/new.xml', '/new.xml#feed');
    state.ifNoneMatch = [];
    expect(await run(p, '--all')).toMatchObject({ outcome: 'not_modified' });
    expect(state.ifNoneMatch).toEqual(['"e1"']);

    // another address may be another feed, on another server: asked afresh, without the validators
    editUrl(p, '/new.xml#feed', '/other.xml');
    state.ifNoneMatch = [];
    expect(await run(p, '--all')).toMatchObject({ outcome: 'ok' });
    expect(state.ifNoneMatch).toEqual([undefined]);

    state.status = 429;
    await run(p, '--all');
    const held = await source(p);
    expect(held).toMatchObject({ status: 'failed', errorStreak: 1, lastErrorCode: 'http_429' });
    editUrl(p, '/other.xml', '/other.xml?');
    state.ifNoneMatch = [];
    expect(await run(p, '--all')).toMatchObject({ outcome: 'not_due', nextCheck: { heldByServer: true } });
    expect(state.ifNoneMatch).toEqual([]);
    expect(await source(p)).toMatchObject({ location: `${p.server.url}/other.xml?`, status: 'failed', errorStreak: 1, lastErrorCode: 'http_429', nextCheckAt: held.nextCheckAt });
  });
});

describe.each(dialects)('a feed that answered 410 Gone and then failed otherwise, on $name', ({ fresh }) => {
  let project: TempProject | undefined;
  afterEach(async () => {
    await project?.remove();
    project = undefined;
  });

  it('is failing, not gone, while its schedule backs off, and gone again at the next 410', async () => {
    const state = { status: 410, ifNoneMatch: [] as (string | undefined)[] };
    const p = (project = await tempProject({ name: 'gone-then', database: fresh, commands: [registerRun, registerSources], routes: { '/g.xml': feed(state) } }));
    p.writePipeline(pipelineDefinition({ id: 'gone', name: 'Gone', sources: [{ id: 'g', kind: 'feed', name: 'G', url: `${p.server.url}/g.xml`, fetchArticles: false }], fetch: localFetch }));
    const source = async (): Promise<SourceJson> => (JSON.parse((await p.cli('sources', '--json')).stdout) as SourceJson[])[0]!;

    await p.cli('run', '--quiet');
    expect(await source()).toMatchObject({ status: 'gone', lastErrorCode: 'http_410', errorStreak: 1 });

    state.status = 500;
    const started = Date.now();
    await p.cli('run', '--all', '--quiet');
    const failing = await source();
    expect(failing).toMatchObject({ status: 'failed', lastErrorCode: 'http_500', errorStreak: 2 });
    // the backoff of a second failure (at most 30 min), not the week of a gone feed
    expect(Date.parse(failing.nextCheckAt!) - started).toBeLessThanOrEqual(31 * 60_000);

    state.status = 410;
    await p.cli('run', '--all', '--quiet');
    expect(await source()).toMatchObject({ status: 'gone', lastErrorCode: 'http_410', errorStreak: 3 });
  });
});
