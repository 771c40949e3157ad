import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.ts';
import { localDate } from '../../src/digest/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { digestTempFile } from '../../src/run/write-digest.ts';
import { StoreError, type Store } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';
import { capturingOutput } from '../helpers/in-process-cli.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A disk that fills during a run. SQLite's own limit on a file's pages (`PRAGMA max_page_count`, on the run's
 * connection) gives the error a full disk gives (SQLITE_FULL, "database or disk is full"): a trigger makes the write
 * chosen need far more pages than are left. A digest file is written to /dev/full, which fails every write with
 * ENOSPC as a full disk does.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** From now on, a row inserted into `table` needs a megabyte the database may not grow by: SQLITE_FULL. */
async function fillDiskOnInsertInto(store: Store, table: string): Promise<void> {
  await sql.raw('CREATE TABLE filler (b BLOB)').execute(store.db);
  await sql.raw(`CREATE TRIGGER fill AFTER INSERT ON ${table} BEGIN INSERT INTO filler VALUES (zeroblob(1000000)); END`).execute(store.db);
  const { rows } = await sql<{ page_count: number }>`PRAGMA page_count`.execute(store.db);
  await sql.raw(`PRAGMA max_page_count = ${rows[0]!.page_count + 20}`).execute(store.db);
}

async function wireProject(id: string) {
  const server = await startServer({
    '/feed.xml': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Labs weigh a pause</title><guid>a</guid><description>Leading AI labs weigh a pause of frontier AI.</description></item></channel></rss>'),
  });
  cleanups.push(() => server.close());
  return feedRunProject(cleanups, id, [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/feed.xml` }]);
}

describe('a database whose disk fills during a run', () => {
  it('stops the run with an error naming the database file and the full disk, and closes the run as failed', async () => {
    const { store, loaded } = await wireProject('disk-full');
    await fillDiskOnInsertInto(store, 'digests');
    const run = runPipeline({ loaded, store, channels: [] });
    await expect(run).rejects.toThrow(StoreError);
    await expect(run).rejects.toThrow(`the disk holding ${store.location} is full (SQLite: database or disk is full): free some space there and run again`);
    const row = await store.db.selectFrom('runs').select(['status', 'report']).executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.report).toContain(`the disk holding ${store.location} is full`);
    // what was stored before the disk filled stays stored
    expect(await store.db.selectFrom('articles').select('item_key').execute()).toEqual([{ item_key: 'a' }]);
  });

  it("says a source's failure to record its check as the full disk, not as an internal error with a stack trace", async () => {
    const { store, loaded } = await wireProject('disk-full-source');
    await fillDiskOnInsertInto(store, 'fetch_attempts');
    const report = await runPipeline({ loaded, store, channels: [] });
    expect(report.sources[0]!.outcome).toBe('failed');
    expect(report.sources[0]!.error).toEqual({
      code: 'store',
      message: `wire: the disk holding ${store.location} is full (SQLite: database or disk is full): free some space there and run again; what was stored before stays stored`,
    });
  });
});

describe.skipIf(!existsSync('/dev/full'))('a digest file the disk has no room for', () => {
  let project: TempProject;
  afterEach(() => project?.remove());

  /** Runs pausewatch as a user does, through `main`: the exit code, and what it printed. */
  async function pausewatch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const { result: code, stdout, stderr } = await capturingOutput(() => main([...args, '--pipeline', project.pipelineFile, '--database', project.database.target]));
    return { code, stdout, stderr };
  }

  it('fails the digest and not the run: exit 1, the file and the reason said, the old digest kept, the rest recorded as done', async () => {
    project = await tempProject({ name: 'digest-full', database: freshSqlite, commands: [] });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    project.writePipeline({
      ...pipelineDefinition({ id: 'full', name: 'Full', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }),
      digest: { dir: 'digests', timeZone: 'UTC' },
    });
    expect((await pausewatch('run', '--quiet')).code).toBe(0);
    const today = localDate(new Date(), 'UTC');
    const markdownFile = path.join(project.root, 'digests', `${today}.md`);
    const before = readFileSync(markdownFile, 'utf8');
    // this process's temporary file of the Markdown (and of the next day's, should the run cross midnight) is /dev/full
    for (const day of [today, localDate(new Date(Date.now() + 86_400_000), 'UTC')]) symlinkSync('/dev/full', digestTempFile(path.join(project.root, 'digests', `${day}.md`)));
    project.writeFile('caps/more.txt', 'Scientists sign a letter\n\nMore than two hundred scientists signed a letter calling for a verified pause of frontier AI training runs.\n');

    const run = await pausewatch('run', '--quiet');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `  FAILED       digest of ${today}: cannot write the digest ${markdownFile}: no space left on the device (ENOSPC, write); the digest there before is kept as it was; the next run writes it again\n`,
    );
    expect(run.stdout).toMatch(/\ndigest: not written\n$/);
    expect(readFileSync(markdownFile, 'utf8')).toBe(before);
    // the run's other work is done and recorded so: the new capture stored, the run partial, not failed
    const json = await pausewatch('articles', '--json');
    expect((JSON.parse(json.stdout) as { title: string }[]).map((a) => a.title).sort()).toEqual(['Labs weigh a pause', 'Scientists sign a letter']);
    const { default: SQLite } = await import('better-sqlite3');
    const db = new SQLite(project.database.target, { readonly: true });
    try {
      expect((db.prepare('SELECT status FROM runs ORDER BY id').all() as { status: string }[]).map((r) => r.status)).toEqual(['ok', 'partial']);
    } finally {
      db.close();
    }

    // `digest`, whose one task the full disk stops: the set-up's to mend, exit 2, said with the file and the reason
    // (the failed write removed its temporary file: the link, not /dev/full)
    symlinkSync('/dev/full', digestTempFile(markdownFile));
    const digest = await pausewatch('digest', '--quiet', '--date', today);
    expect(digest.code).toBe(2);
    expect(digest.stderr).toBe(`pausewatch: cannot write the digest ${markdownFile}: no space left on the device (ENOSPC, write); the digest there before is kept as it was\n`);
    expect(readFileSync(markdownFile, 'utf8')).toBe(before);
  });
});
