import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { refusedMoveReason, registerSources } from '../../src/cli/commands/sources.ts';
import { registerSourcesUpdateMoved } from '../../src/cli/commands/sources-update-moved.ts';
import { loadPipeline } from '../../src/config/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A feed URL in the pipeline file is trusted: its host and port may be private. Where a feed redirects is its server's
 * choice, so `sources update-moved` does not write a move that would make a private, loopback, link-local or metadata
 * address trusted that the old URL did not name.
 */

const rss = (title: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><item><title>Labs weigh a pause</title><guid>${title}-1</guid>` +
  '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';

describe('sources update-moved and moves to private addresses', () => {
  let project: TempProject;
  /** Another server: another port, named `localhost`, so another host and port than the feed's. */
  let elsewhere: Awaited<ReturnType<typeof startServer>>;

  beforeEach(async () => {
    elsewhere = await startServer({ '/new.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Elsewhere')) });
    const elsewhereUrl = elsewhere.url.replace('127.0.0.1', 'localhost');
    project = await tempProject({
      name: 'moved-private',
      database: freshSqlite,
      commands: [registerRun, registerSources, registerSourcesUpdateMoved],
      routes: {
        '/away.xml': (_req, res) => res.writeHead(301, { location: `${elsewhereUrl}/new.xml` }).end(),
        '/old.xml': (_req, res) => res.writeHead(301, { location: '/new.xml' }).end(),
        '/new.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Same host')),
      },
    });
  });
  afterEach(async () => {
    await project.remove();
    await elsewhere.close();
  });

  const write = (allowPrivateAddresses: boolean) =>
    project.writePipeline(
      pipelineDefinition({
        id: 'moved', name: 'Moved',
        sources: [
          { id: 'away', kind: 'feed', name: 'Away', url: `${project.server.url}/away.xml`, fetchArticles: false },
          { id: 'same', kind: 'feed', name: 'Same host', url: `${project.server.url}/old.xml`, fetchArticles: false },
        ],
        fetch: { allowPrivateAddresses, perHostGapMs: 0, timeoutMs: 5_000 },
      }),
    );
  const urls = async () => (await loadPipeline(project.pipelineFile)).pipeline.sources.map((source) => ('url' in source ? source.url : null));
  const awayTo = () => `${elsewhere.url.replace('127.0.0.1', 'localhost')}/new.xml`;

  it('does not write a move to a loopback address on another host and port unless the pipeline allows private addresses, and says why (exit 1)', async () => {
    // read while the pipeline allowed private addresses, which it no longer does
    write(true);
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    write(false);
    const before = readFileSync(project.pipelineFile, 'utf8');
    const file = project.shownPipelineFile;

    const dry = await project.cli('sources', 'update-moved', '--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toBe(
      `Would update ${file} (--dry-run):\n  same: ${project.server.url}/old.xml -> ${project.server.url}/new.xml\n` +
        `Not updated, since a redirect may not make these new addresses trusted (change them in ${file} by hand only if you trust them):\n  away: ${project.server.url}/away.xml -> ${awayTo()}\n`,
    );
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before);

    // a run's summary, which names the feeds that moved, says which move update-moved will not write
    const summary = (await project.cli('run', '--all')).stdout;
    expect(summary).toMatch(new RegExp(`moved +away: the feed moved permanently to ${awayTo().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; \`[^\`]*sources update-moved[^\`]*\` will not write it: `));

    const update = await project.cli('sources', 'update-moved', '--json');
    expect(update.code).toBe(1);
    const reason = `${new URL(awayTo()).host} is a private or loopback address: a redirect puts one in the pipeline file, where its URL would be trusted, only with fetch.allowPrivateAddresses`;
    expect(summary).toContain(`will not write it: ${reason}\n`);
    expect(JSON.parse(update.stdout)).toEqual({
      moves: [
        { sourceId: 'away', from: `${project.server.url}/away.xml`, to: awayTo(), updated: false, refused: reason },
        // on the host and port the file names already: trusted as it was
        { sourceId: 'same', from: `${project.server.url}/old.xml`, to: `${project.server.url}/new.xml`, updated: true, refused: null },
      ],
      updated: true,
      file,
      error: `"away" moved to ${awayTo()}, and ${reason}; change it by hand only if you trust the new address`,
    });
    expect(await urls()).toEqual([`${project.server.url}/away.xml`, `${project.server.url}/new.xml`]);

    // `sources` says which move update-moved will not write, and why
    const listed = (await project.cli('sources')).stdout;
    expect(listed).toContain(`\n  away: ${project.server.url}/away.xml -> ${awayTo()} (not written by update-moved: ${reason})\n`);

    // allowed, the move is written
    write(true);
    const allowed = await project.cli('sources', 'update-moved');
    expect(allowed).toMatchObject({ code: 0, stderr: '' });
    expect(await urls()).toEqual([awayTo(), `${project.server.url}/new.xml`]);
  });

  it('never writes a move to a link-local or cloud-metadata address, even when the pipeline allows private addresses', async () => {
    write(true);
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    // as a run that read the feed there would have recorded it (no metadata service answers in a test)
    const db = new Database(project.database.target);
    db.prepare("UPDATE sources SET moved_to = 'http://169.254.169.254/latest/meta-data/feed.xml' WHERE id = 'away'").run();
    db.close();
    const before = readFileSync(project.pipelineFile, 'utf8');

    const update = await project.cli('sources', 'update-moved');
    expect(update.code).toBe(1);
    expect(update.stdout).toContain(`Not updated, since a redirect may not make these new addresses trusted (change them in ${project.shownPipelineFile} by hand only if you trust them):\n  away: ${project.server.url}/away.xml -> http://169.254.169.254/latest/meta-data/feed.xml\n`);
    expect(update.stderr).toBe(
      'not updated: "away" moved to http://169.254.169.254/latest/meta-data/feed.xml, and 169.254.169.254 is a link-local or cloud-metadata address: ' +
        'a redirect never puts one in the pipeline file, where its URL would be trusted; change it by hand only if you trust the new address\n',
    );
    // the other move is made all the same
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before.replace(`"url": "${project.server.url}/old.xml"`, `"url": "${project.server.url}/new.xml"`));
  });
});

describe('refusedMoveReason', () => {
  const publicResolver = async () => ['93.184.215.14'];

  it('lets a move keep the host and port the old URL names, or go from http to https on the same name', async () => {
    expect(await refusedMoveReason({ from: 'http://10.0.0.5:8080/old', to: 'http://10.0.0.5:8080/new' }, false)).toBeNull();
    expect(await refusedMoveReason({ from: 'http://intranet.example/feed', to: 'https://intranet.example/feed' }, false, async () => ['10.0.0.5'])).toBeNull();
    // another port of the same address is another service
    expect(await refusedMoveReason({ from: 'http://10.0.0.5:8080/old', to: 'http://10.0.0.5:6379/' }, false)).toMatch(/^10\.0\.0\.5:6379 is a private or loopback address/);
  });

  it('refuses private, loopback, link-local and metadata addresses in every spelling a URL parser reaches them by', async () => {
    const from = 'https://outlet.example/feed';
    for (const [to, reason] of [
      ['http://169.254.169.254/latest/meta-data/', /^169\.254\.169\.254 is a link-local or cloud-metadata address/],
      // the decimal form of 169.254.169.254, and its IPv4-mapped IPv6 form
      ['http://2852039166/feed', /^169\.254\.169\.254 is a link-local/],
      ['http://[::ffff:169.254.169.254]/feed', /^\[::ffff:a9fe:a9fe\] is a link-local/],
      ['http://[fd00:ec2::254]/feed', /is a link-local or cloud-metadata address/],
      ['http://127.0.0.1:6379/', /^127\.0\.0\.1:6379 is a private or loopback address/],
      ['http://[::1]:8080/feed', /^\[::1\]:8080 is a private or loopback address/],
      ['http://localhost:8080/feed', /^localhost:8080 is a private or loopback address/],
      ['http://printer.localhost/feed', /^printer\.localhost is a private or loopback address/],
      ['https://192.168.1.1/feed', /^192\.168\.1\.1 is a private or loopback address/],
    ] as const) {
      expect(await refusedMoveReason({ from, to }, false, publicResolver), to).toMatch(reason);
    }
    // allowed private addresses are written; metadata ones never are
    expect(await refusedMoveReason({ from, to: 'https://192.168.1.1/feed' }, true)).toBeNull();
    expect(await refusedMoveReason({ from, to: 'http://169.254.169.254/feed' }, true)).toMatch(/link-local or cloud-metadata/);
  });

  it('judges a name by what it resolves to now; a public one, or one that does not resolve, is written', async () => {
    const move = { from: 'https://outlet.example/feed', to: 'https://feeds.example.net/feed' };
    expect(await refusedMoveReason(move, false, async () => ['93.184.215.14', '10.1.2.3'])).toBe(
      'feeds.example.net (which resolves to 10.1.2.3) is a private or loopback address: a redirect puts one in the pipeline file, where its URL would be trusted, only with fetch.allowPrivateAddresses',
    );
    expect(await refusedMoveReason(move, true, async () => ['169.254.169.254'])).toMatch(/^feeds\.example\.net \(which resolves to 169\.254\.169\.254\) is a link-local/);
    expect(await refusedMoveReason(move, false, publicResolver)).toBeNull();
    expect(await refusedMoveReason(move, false, () => Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' })))).toBeNull();
  });
});
