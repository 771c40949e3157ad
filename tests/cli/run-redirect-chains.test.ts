import type http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * Which move `pausewatch run` records for a feed whose URL answers with a chain of redirects: the target of the chain's
 * leading run of permanent redirects (301, 308), and only once the feed was read through the chain.
 */

const rss = (id: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire ${id}</title><item><title>Labs weigh a pause ${id}</title><guid>${id}</guid>` +
  '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';
const redirect = (status: number, to: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(status, { location: to }).end();
const feed = (id: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(id));

describe('pausewatch run on a feed URL that answers with a chain of redirects', () => {
  let project: TempProject;
  const outlet = { deadEndUp: false };

  beforeEach(async () => {
    outlet.deadEndUp = false;
    project = await tempProject({
      name: 'redirect-chains',
      database: freshSqlite,
      commands: [registerRun],
      routes: {
        // moved permanently to b1, which sends readers on to c1 for now
        '/a1.xml': redirect(301, '/b1.xml'),
        '/b1.xml': redirect(302, '/c1.xml'),
        '/c1.xml': feed('c1'),
        // sent on for now to b2, which moved permanently to c2: a1's own answer was temporary, so it did not move
        '/a2.xml': redirect(302, '/b2.xml'),
        '/b2.xml': redirect(301, '/c2.xml'),
        '/c2.xml': feed('c2'),
        // two permanent moves: moved to c3
        '/a3.xml': redirect(301, '/b3.xml'),
        '/b3.xml': redirect(308, '/c3.xml'),
        '/c3.xml': feed('c3'),
        // permanent, temporary, permanent: the first temporary hop ends the move
        '/a4.xml': redirect(308, '/b4.xml'),
        '/b4.xml': redirect(307, '/c4.xml'),
        '/c4.xml': redirect(301, '/d4.xml'),
        '/d4.xml': feed('d4'),
        // moved permanently to an address that fails until the outlet fixes it
        '/a5.xml': redirect(301, '/b5.xml'),
        '/b5.xml': (_req, res) => (outlet.deadEndUp ? feed('b5')(_req, res) : res.writeHead(500).end()),
      },
    });
    const sources = [1, 2, 3, 4, 5].map((n) => ({ id: `chain-${n}`, kind: 'feed', name: `Chain ${n}`, url: `${project.server.url}/a${n}.xml`, fetchArticles: false }));
    project.writePipeline(pipelineDefinition({ id: 'chains', name: 'Chains', sources, fetch: localFetch }));
  });
  afterEach(() => project.remove());

  const run = async (...args: string[]) => {
    const result = await project.cli('run', '--all', ...args);
    return { ...result, json: args.includes('--json') ? JSON.parse(result.stdout) : null };
  };
  const storedMoves = async () => {
    const store = await openStore(project.database.target);
    try {
      const rows = await store.db.selectFrom('sources').select(['id', 'moved_to']).orderBy('id').execute();
      return Object.fromEntries(rows.map((row) => [row.id, row.moved_to]));
    } finally {
      await store.close();
    }
  };

  it('records the target of the leading permanent redirects, tells the user of it, and reads the feed there from then on', async () => {
    const first = await run('--json');
    expect(first.json.sources.map((s: { sourceId: string; outcome: string }) => [s.sourceId, s.outcome])).toEqual([
      ['chain-1', 'ok'], ['chain-2', 'ok'], ['chain-3', 'ok'], ['chain-4', 'ok'], ['chain-5', 'failed'],
    ]);
    const expected = { 'chain-1': `${project.server.url}/b1.xml`, 'chain-3': `${project.server.url}/c3.xml`, 'chain-4': `${project.server.url}/b4.xml` };
    expect(first.json.movedFeeds).toEqual(Object.entries(expected).map(([sourceId, movedTo]) => ({ sourceId, movedTo, refused: null })));
    expect(await storedMoves()).toEqual({ 'chain-1': expected['chain-1'], 'chain-2': null, 'chain-3': expected['chain-3'], 'chain-4': expected['chain-4'], 'chain-5': null });

    // The next run starts at the recorded addresses: b1 still sends readers on to c1 for now, which changes nothing.
    const second = await run();
    expect(second.stdout.split('\n').filter((line) => line.includes(' moved '))).toEqual(
      Object.entries(expected).map(([sourceId, movedTo]) => expect.stringContaining(`${sourceId}: the feed moved permanently to ${movedTo};`)),
    );
    expect(await storedMoves()).toMatchObject(expected);
    expect([project.server.hits.get('/a1.xml'), project.server.hits.get('/b1.xml'), project.server.hits.get('/c1.xml')]).toEqual([1, 2, 2]);
    expect([project.server.hits.get('/a2.xml'), project.server.hits.get('/a3.xml'), project.server.hits.get('/c3.xml')]).toEqual([2, 1, 2]);
  });

  it('records no move for a chain that ends in an error after a 301, and the move once the feed is read through it', async () => {
    const failed = await run('--json');
    expect(failed.json.sources[4]).toMatchObject({ sourceId: 'chain-5', outcome: 'failed', error: { code: 'http_500' } });
    expect(failed.json.movedFeeds.map((feed: { sourceId: string }) => feed.sourceId)).not.toContain('chain-5');
    expect((await storedMoves())['chain-5']).toBeNull();

    outlet.deadEndUp = true;
    const read = await run('--json');
    expect(read.json.sources[4]).toMatchObject({ sourceId: 'chain-5', outcome: 'ok' });
    expect(read.json.movedFeeds).toContainEqual({ sourceId: 'chain-5', movedTo: `${project.server.url}/b5.xml`, refused: null });
    expect((await storedMoves())['chain-5']).toBe(`${project.server.url}/b5.xml`);
  });
});
