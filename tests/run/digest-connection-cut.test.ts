import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { RunStop } from '../../src/run/run-stop.ts';
import { freshPostgres } from '../helpers/databases.ts';
import { onTopicWire } from '../helpers/alerting-pipeline.ts';

/**
 * A PostgreSQL connection cut while the run writes its digest (a server restarted, an administrator's terminate),
 * once its articles are stored and its alerts sent: the digest is written on a fresh connection and the run
 * finishes. It failed the run (exit 2), which the next run's digests and the cron mail then had to make up for.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A pipeline of one on-topic item on a fresh PostgreSQL database whose server fails the statement keeping a digest
 * `times` times: by ending its connection, or by `refusal`, an error of that SQLSTATE.
 */
async function cutWhileDigesting(id: string, at: Date, times: number, refusal?: string) {
  const project = await onTopicWire(cleanups, { id, published: new Date(at.getTime() - 3_600_000), database: freshPostgres });
  // (a sequence: the failed statement does not take it back)
  await sql
    .raw(
      `CREATE SEQUENCE cut_once;
       CREATE FUNCTION cut_once() RETURNS trigger AS $$
       BEGIN
         IF nextval('cut_once') <= ${times} THEN
           ${refusal ? `RAISE EXCEPTION 'refused' USING ERRCODE = '${refusal}';` : 'PERFORM pg_terminate_backend(pg_backend_pid());'}
         END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql;
       CREATE TRIGGER cut_once BEFORE INSERT ON digests FOR EACH ROW EXECUTE FUNCTION cut_once();`,
    )
    .execute(project.store.db);
  const cuts = async () => Number((await sql<{ n: string }>`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM cut_once`.execute(project.store.db)).rows[0]!.n);
  return { ...project, cuts };
}

describe('a PostgreSQL connection cut while the run writes its digest', () => {
  it('is tried again on a fresh connection: the digest is written and stored, the run finished', async () => {
    const at = new Date('2026-06-10T12:00:00.000Z');
    const { store, loaded, channels, alerts, cuts } = await cutWhileDigesting('digest-cut', at, 1);

    const report = await runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5 });

    expect(report).toMatchObject({ articlesAdded: 1, articlesAlerted: 1, digestsFailed: [] });
    expect(report.digestPaths.map((file) => file.split('/').at(-1))).toEqual(['2026-06-10.md', '2026-06-10.json']);
    expect(alerts()).toHaveLength(1);
    expect(await store.db.selectFrom('digests').select(['date', 'article_count']).execute()).toEqual([{ date: '2026-06-10', article_count: 1 }]);
    expect(await store.db.selectFrom('runs').select('status').execute()).toEqual([{ status: 'ok' }]);
    expect(await cuts()).toBe(2);
  });

  it('is tried no more once a stop is asked: the stop waits for the try under way, not for the retries', async () => {
    const at = new Date('2026-06-10T12:00:00.000Z');
    // refused each time as a server does that other clients' connections fill (too_many_connections): a passing failure
    const { store, loaded, channels, cuts } = await cutWhileDigesting('digest-cut-stop', at, 1_000, '53300');
    const stop = new RunStop();
    const run = runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5, stop });
    await expect.poll(cuts, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    // resolved by the try under way: it held the stop through the minute of retries (vitest's time limit fails it)
    await stop.request('interrupted (SIGINT)');
    await expect(run).rejects.toThrow(/refused/);
    // the try under way when the stop was asked, at most: not the six more of a minute's retries
    expect(await cuts()).toBeLessThanOrEqual(2);
  });
});
