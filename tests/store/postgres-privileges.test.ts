import { randomBytes } from 'node:crypto';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { migrationProvider } from '../../src/store/migrations/index.ts';
import { openStore, StoreError } from '../../src/store/index.ts';
import { freshPostgres, PG_ADMIN_URL, type TestDatabase } from '../helpers/databases.ts';
import { capturingOutput } from '../helpers/in-process-cli.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A team gives its dashboards and analysts' laptops a PostgreSQL user that may only read (GRANT SELECT). The commands
 * that read worked for it; one that writes (label, digest, run) ended in "internal error" and a stack trace, where a
 * SQLite file that cannot be written is a set-up error naming the database and the reason (exit 2).
 */

const capture = `Labs weigh a verified pause of frontier AI

Leading AI labs are discussing a coordinated, verified global pause of frontier AI development, a proposal that
echoes the 2023 letter. Supporters say a pause would give regulators time to set up verification of training runs.
`;

const privilegesNeeded =
  'the commands that only read (articles, stories, trends, labels, sources, sources history) need SELECT on the pausewatch tables, ' +
  'and run, digest, label, rescore and sources recheck need INSERT, UPDATE and DELETE too, and USAGE on their sequences';

const role = `pausewatch_reader_${randomBytes(4).toString('hex')}`;
let project: TempProject | undefined;
let older: TestDatabase | undefined;

async function admin<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The database of `target` as the read-only user reaches it. */
function asReader(target: string): string {
  const url = new URL(target);
  url.username = role;
  return url.href;
}

const databaseName = (target: string) => new URL(target).pathname.slice(1);

/** Makes the role that may only read what is in `target` now. */
async function grantSelectOnly(target: string): Promise<void> {
  await admin(databaseName(target), async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    if (exists.rowCount === 0) await client.query(`CREATE ROLE ${role} LOGIN`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
  });
}

afterEach(async () => {
  await project?.remove();
  await older?.drop();
  project = undefined;
  older = undefined;
  // the role's grants went with the databases
  await admin(databaseName(PG_ADMIN_URL), (client) => client.query(`DROP ROLE IF EXISTS ${role}`));
});

async function pausewatch(...args: string[]) {
  const { result: code, stdout, stderr } = await capturingOutput(() => main(args));
  return { code, stdout, stderr };
}

describe('a PostgreSQL user that may only read', () => {
  it('reads; a command that writes is refused naming the database, the reason and the privileges needed (exit 2)', async () => {
    project = await tempProject({ name: 'pg-reader', database: freshPostgres, commands: [registerRun] });
    project.writeFile('caps/pause.txt', capture);
    project.writePipeline(pipelineDefinition({ id: 'reader', name: 'Reader', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }));
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    await grantSelectOnly(project.database.target);
    const reader = asReader(project.database.target);
    const flags = ['--pipeline', project.pipelineFile, '--database', reader];

    const listed = await pausewatch('articles', '--json', ...flags);
    expect(listed.code).toBe(0);
    const [article] = JSON.parse(listed.stdout) as { id: number }[];

    const labelled = await pausewatch('label', String(article!.id), '--stance', 'oppose', ...flags);
    expect(labelled.stderr).toBe(`pausewatch: the PostgreSQL user of ${reader} may not do what this command needs (permission denied for table articles): ${privilegesNeeded}\n`);
    expect(labelled.code).toBe(2);

    const ran = await pausewatch('run', '--quiet', ...flags);
    expect(ran.stderr).toBe(`pausewatch: the PostgreSQL user of ${reader} may not do what this command needs (permission denied for table runs): ${privilegesNeeded}\n`);
    expect(ran.code).toBe(2);

    // nothing was recorded
    expect((await pausewatch('labels', '--json', ...flags)).stdout).toBe('[]\n');
  });

  it('on tables an older pausewatch made, is told that their owner brings them up to date', async () => {
    older = await freshPostgres();
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: older.target, max: 1 }) }) });
    try {
      const { error } = await new Migrator({ db, provider: migrationProvider('postgres') }).migrateTo('012-article-feed-links');
      if (error) throw error;
    } finally {
      await db.destroy();
    }
    await grantSelectOnly(older.target);
    const reader = asReader(older.target);
    const error = await openStore(reader, { mustExist: true }).then(
      async (store) => {
        await store.close();
        return null;
      },
      (error: unknown) => error,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).message).toBe(
      `cannot prepare database ${reader}: migration 013-long-feed-values failed: must be owner of table articles ` +
        `(the PostgreSQL user lacks a privilege: tables an older pausewatch made are brought up to date by their owner, with \`pausewatch run\`; ${privilegesNeeded})`,
    );
  });
});
