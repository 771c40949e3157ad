import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.ts';
import { registerSourcesAdd } from '../../src/cli/commands/sources-add.ts';
import { openStore } from '../../src/store/index.ts';
import { freshPostgres, freshSqlite } from '../helpers/databases.ts';
import { capturingOutput } from '../helpers/in-process-cli.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * `sources add` reads the feeds that moved from the pipeline's database, so as not to add a feed the pipeline reads at
 * its new address a second time. A database that is there but cannot be opened or read is refused as every command
 * refuses it: the database and the reason, exit 2, before the outlet is asked for anything, and the file left as it is.
 */

const rss =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><item><title>Labs weigh a pause</title><guid>d-1</guid>' +
  '<description>Labs discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';

let project: TempProject | undefined;
afterEach(async () => {
  await project?.remove();
  project = undefined;
});

async function deskProject(database = freshSqlite): Promise<TempProject> {
  const made = await tempProject({
    name: 'sources-add-db',
    database,
    commands: [registerSourcesAdd],
    routes: { '/desk.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss) },
  });
  made.writePipeline(
    pipelineDefinition({ id: 'desk', name: 'Desk', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${made.server.url}/wire.xml` }], fetch: localFetch }),
  );
  return made;
}

/** `pausewatch sources add …` as a user runs it, through `main`: the exit code and what it printed. */
async function sourcesAdd(made: TempProject, ...args: string[]) {
  const { result: code, stdout, stderr } = await capturingOutput(() =>
    main(['sources', 'add', `${made.server.url}/desk.xml`, ...args, '--pipeline', made.pipelineFile, '--database', made.database.target]),
  );
  return { code, stdout, stderr };
}

describe('sources add and a database that cannot be read', () => {
  it('refuses a database a newer pausewatch wrote as other commands do: the message alone, exit 2, nothing fetched or added', async () => {
    project = await deskProject();
    const store = await openStore(project.database.target);
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future_feature', '2030-01-01T00:00:00.000Z')`.execute(store.db);
    await store.close();
    const before = readFileSync(project.pipelineFile, 'utf8');

    for (const flags of [[], ['--json'], ['--dry-run']]) {
      const result = await sourcesAdd(project, ...flags);
      expect(result).toEqual({
        code: 2,
        stdout: '',
        stderr: `pausewatch: ${project.database.target} was written by a newer pausewatch (migration 9999_future_feature is unknown to this version): upgrade pausewatch to use it (or check --database and DATABASE_URL)\n`,
      });
    }
    expect(readFileSync(project.pipelineFile, 'utf8')).toBe(before);
    // said before the search, which may take a minute
    expect(project.server.hits.size).toBe(0);
  });

  it('refuses a file that is not a database, naming it', async () => {
    project = await deskProject();
    writeFileSync(project.database.target, 'this is not SQLite, but a text file long enough to be read as a header of one'.repeat(10));
    expect(await sourcesAdd(project)).toEqual({
      code: 2,
      stdout: '',
      stderr: `pausewatch: ${project.database.target} is not a SQLite database (check --database and DATABASE_URL)\n`,
    });
    expect(readFileSync(project.pipelineFile, 'utf8')).not.toContain('desk.xml');
  });

  it('adds the feed to a pipeline whose PostgreSQL database no run has prepared yet, as without a SQLite file', async () => {
    project = await deskProject(freshPostgres);
    const result = await sourcesAdd(project);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // the file is written as JSON, and so is the entry added to it
    expect(readFileSync(project.pipelineFile, 'utf8')).toContain(`"url": "${project.server.url}/desk.xml"`);
  });
});

const bin = path.resolve(import.meta.dirname, '../../src/cli/bin.cjs');
/** Root writes to any folder, whatever its mode: the command runs as nobody then, for whom the mode holds. */
const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

describe.skipIf(process.platform === 'win32')('sources add and a SQLite database in a folder that cannot be written', () => {
  let root: string | undefined;
  afterEach(() => {
    if (!root) return;
    chmodSync(path.join(root, 'ro'), 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it('names the read-only folder as the reason, as the commands that read do (exit 2), and leaves the file as it is', async () => {
    root = worldReadableTempDir();
    const dir = path.join(root, 'ro');
    mkdirSync(dir);
    const file = path.join(dir, 'pausewatch.db');
    await (await openStore(file)).close();
    // as a database copied whole, on its own: in WAL mode, with no -wal or -shm beside it
    const sqlite = new SQLite(file);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    for (const extra of ['-wal', '-shm']) rmSync(`${file}${extra}`, { force: true });
    expect(readdirSync(dir)).toEqual(['pausewatch.db']);
    const pipelineFile = path.join(root, 'pipeline.ts');
    const pipeline = `export default ${JSON.stringify(pipelineDefinition({ id: 'desk', name: 'Desk', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed.xml' }] }))};\n`;
    writeFileSync(pipelineFile, pipeline, { mode: 0o666 });
    chmodSync(pipelineFile, 0o666);
    chmodSync(dir, 0o555);

    // the outlet is never asked: nothing listens there
    const { code, stderr } = await pausewatch(['sources', 'add', 'http://127.0.0.1:9/', '--pipeline', pipelineFile, '--database', file]);
    const [before, after] = [
      `pausewatch: cannot open SQLite database ${file}: the folder holding it (${dir}) is read-only, and SQLite writes its -wal and -shm files beside a pausewatch database even to read it (`,
      '): make the folder writable, or copy the database to one that is\n',
    ];
    expect(stderr.startsWith(before) && stderr.endsWith(after), stderr).toBe(true);
    expect(code).toBe(2);
    expect(readFileSync(pipelineFile, 'utf8')).toBe(pipeline);
  });
});

function worldReadableTempDir(): string {
  const made = path.join(os.tmpdir(), `pausewatch-sources-add-ro-${process.pid}-${Date.now()}`);
  mkdirSync(made, { mode: 0o755 });
  chmodSync(made, 0o755);
  return made;
}

function pausewatch(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { ...asNobody, cwd: os.tmpdir(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}
