import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { freshPostgres } from '../helpers/databases.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * A PostgreSQL connection cut while the run writes its digest (a server restarted, an administrator's terminate),
 * once its articles are stored and its alerts sent: the digest is written on a fresh connection and the run
 * finishes. It failed the run (exit 2), which the next run's digests and the cron mail then had to make up for.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a PostgreSQL connection cut while the run writes its digest', () => {
  it('is tried again on a fresh connection: the digest is written and stored, the run finished', async () => {
    const at = new Date('2026-06-10T12:00:00.000Z');
    const server = await startServer({
      '/wire.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          rssFeed('Wire', [
            { guid: 'w-1', title: 'Labs weigh a verified pause of frontier AI', link: 'https://wire.example/1', pubDate: new Date(at.getTime() - 3_600_000).toUTCString(), description: ON_TOPIC_TEXTS[0] },
          ]),
        ),
    });
    cleanups.push(() => server.close());
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, {
      id: 'digest-cut',
      sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/wire.xml`, fetchArticles: false }],
      database: freshPostgres,
    });
    // the server ends the connection keeping the digest, once (a sequence: the failed statement does not take it back)
    await sql
      .raw(
        `CREATE SEQUENCE cut_once;
         CREATE FUNCTION cut_once() RETURNS trigger AS $$
         BEGIN
           IF nextval('cut_once') = 1 THEN PERFORM pg_terminate_backend(pg_backend_pid()); END IF;
           RETURN NEW;
         END $$ LANGUAGE plpgsql;
         CREATE TRIGGER cut_once BEFORE INSERT ON digests FOR EACH ROW EXECUTE FUNCTION cut_once();`,
      )
      .execute(store.db);

    const report = await runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5 });

    expect(report).toMatchObject({ articlesAdded: 1, articlesAlerted: 1, digestsFailed: [] });
    expect(report.digestPaths.map((file) => file.split('/').at(-1))).toEqual(['2026-06-10.md', '2026-06-10.json']);
    expect(alerts()).toHaveLength(1);
    expect(await store.db.selectFrom('digests').select(['date', 'article_count']).execute()).toEqual([{ date: '2026-06-10', article_count: 1 }]);
    expect(await store.db.selectFrom('runs').select('status').execute()).toEqual([{ status: 'ok' }]);
    const { rows } = await sql<{ last_value: string }>`SELECT last_value FROM cut_once`.execute(store.db);
    expect(Number(rows[0]!.last_value)).toBe(2);
  });
});
