import type http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { registerSourcesHistory } from '../../src/cli/commands/sources-history.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A feed URL with a login (`http://reader:secret@host/feed` in the pipeline file) was stored with it: in the source's
 * location, in the address a relative permanent redirect led to, and in every fetch attempt, where a reader of the
 * database or of a backup saw the password. The file keeps the login, the run takes it from there, and no column of
 * any table holds it; a new password in the file is still noticed.
 */

const USER = 'feedreader';
const PASSWORD = 'Tr0ub4dor-hunter2';
const item = (id: string) =>
  `<item><title>Labs weigh a pause ${id}</title><guid>${id}</guid><description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item>`;
const rss = (...ids: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Paid</title>${ids.map(item).join('')}</channel></rss>`;

describe.each(dialects)('a feed login on $name', ({ fresh }) => {
  let project: TempProject;
  const server = { password: PASSWORD, unauthorized: 0, items: ['p-1'] };
  /** Answers only a request with the login, as a paid feed does. */
  const withLogin = (route: http.RequestListener) => (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.headers.authorization !== `Basic ${Buffer.from(`${USER}:${server.password}`).toString('base64')}`) {
      server.unauthorized++;
      return void res.writeHead(401, { 'www-authenticate': 'Basic realm="paid"' }).end();
    }
    route(req, res);
  };

  beforeEach(async () => {
    Object.assign(server, { password: PASSWORD, unauthorized: 0, items: ['p-1'] });
    project = await tempProject({
      name: 'feed-login',
      database: fresh,
      commands: [registerRun, registerSources, registerSourcesHistory],
      routes: {
        '/feed.xml': withLogin((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(...server.items))),
        // a relative redirect resolves with the login of the URL asked
        '/old.xml': withLogin((_req, res) => res.writeHead(301, { location: '/feed.xml' }).end()),
      },
    });
  });
  afterEach(() => project.remove());

  const login = (path: string, password = PASSWORD) => `${project.server.url.replace('//', `//${USER}:${password}@`)}${path}`;
  const masked = (path: string) => `${project.server.url.replace('//', '//***@')}${path}`;
  const write = (sources: object[]) => project.writePipeline(pipelineDefinition({ id: 'paid', name: 'Paid', sources, fetch: localFetch }));

  /** Every value of every table, as text: where a password stored anywhere would show. */
  async function everythingStored(): Promise<string> {
    const store = await openStore(project.database.target);
    try {
      const tables = await store.db.introspection.getTables();
      expect(tables.map((table) => table.name)).toEqual(expect.arrayContaining(['sources', 'fetch_attempts', 'runs', 'articles']));
      const dumps = await Promise.all(tables.map(async (table) => JSON.stringify(await (store.db as any).selectFrom(table.name).selectAll().execute())));
      return dumps.join('\n');
    } finally {
      await store.close();
    }
  }

  it('stores no part of the login, fetches with it on the next run, moved address and shared fetch included', async () => {
    write([
      { id: 'paid', kind: 'feed', name: 'Paid', url: login('/feed.xml'), fetchArticles: false },
      { id: 'moving', kind: 'feed', name: 'Moving', url: login('/old.xml'), fetchArticles: false },
    ]);
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    const first = await everythingStored();
    expect(first).toContain(`${project.server.url}/feed.xml`);
    expect(first).not.toContain(PASSWORD);
    expect(first).not.toContain(USER);

    // The next run reads both with the login: the moved feed at its new address, which it shares with "paid" (one fetch).
    server.items = ['p-1', 'p-2'];
    project.server.hits.clear();
    const second = await project.cli('run', '--all', '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).sources).toEqual([
      expect.objectContaining({ sourceId: 'paid', outcome: 'ok', articlesAdded: 1 }),
      expect.objectContaining({ sourceId: 'moving', outcome: 'ok' }),
    ]);
    expect(Object.fromEntries(project.server.hits)).toEqual({ '/feed.xml': 1 });
    expect(server.unauthorized).toBe(0);
    expect(await everythingStored()).not.toContain(PASSWORD);

    // sources and sources history read what is stored, and show the login masked where runs send it
    const sources = await project.cli('sources', '--json');
    expect(sources.code).toBe(0);
    expect(JSON.parse(sources.stdout)).toEqual([
      expect.objectContaining({ id: 'paid', status: 'ok', location: masked('/feed.xml'), movedTo: null }),
      expect.objectContaining({ id: 'moving', status: 'ok', location: masked('/old.xml'), movedTo: masked('/feed.xml') }),
    ]);
    const table = await project.cli('sources');
    expect(table.stdout).toContain(`  moving: ${masked('/old.xml')} -> ${masked('/feed.xml')}\n`);
    const history = await project.cli('sources', 'history', 'moving', '--json');
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout)).toEqual([
      expect.objectContaining({ outcome: 'ok', url: masked('/feed.xml') }),
      expect.objectContaining({ outcome: 'ok', url: masked('/old.xml') }),
    ]);
    for (const shown of [sources, table, history]) expect(shown.stdout).not.toContain(PASSWORD);
  });

  it('notices a new password in the pipeline file: the feed failing with the old one is checked again at once', async () => {
    write([{ id: 'paid', kind: 'feed', name: 'Paid', url: login('/feed.xml'), fetchArticles: false }]);
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    // the outlet changes the password: the feed fails, and backs off
    server.password = 'changed-pw-42';
    expect((await project.cli('run', '--all', '--quiet')).code).toBe(1);
    expect(server.unauthorized).toBe(1);
    const notDue = await project.cli('run', '--json');
    expect(JSON.parse(notDue.stdout).sources).toEqual([expect.objectContaining({ sourceId: 'paid', outcome: 'not_due' })]);

    // the user puts the new one in the file: the next run checks the feed without waiting for its backoff
    write([{ id: 'paid', kind: 'feed', name: 'Paid', url: login('/feed.xml', 'changed-pw-42'), fetchArticles: false }]);
    server.items = ['p-1', 'p-2'];
    const fixed = await project.cli('run', '--json');
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout).sources).toEqual([expect.objectContaining({ sourceId: 'paid', outcome: 'ok', articlesAdded: 1 })]);
    expect(server.unauthorized).toBe(1);
    const stored = await everythingStored();
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain('changed-pw-42');
  });
});
