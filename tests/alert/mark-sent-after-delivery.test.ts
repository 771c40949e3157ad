import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertChannel } from '../../src/alert/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { freshPostgres, freshSqlite, PG_ADMIN_URL, type TestDatabase } from '../helpers/databases.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * An alert the channel took is marked sent even when the database fails for a moment just then: SQLite's file locked
 * by another process past its busy wait, a PostgreSQL connection the server cut. The failure was taken for the
 * channel's refusal: the alert was reported undelivered, the channel blamed, and the next run sent it again.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const at = new Date('2026-06-10T12:00:00.000Z');

/** A pipeline of one feed of one on-topic item, and a channel that counts the alerts it took, doing `onDeliver` as it takes one. */
async function oneAlert(id: string, database: TestDatabase, onDeliver: () => void | Promise<void>) {
  const server = await startServer({
    '/wire.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rssFeed('Wire', [
          { guid: 'w-1', title: 'Labs weigh a verified pause of frontier AI', link: 'https://wire.example/1', pubDate: new Date(at.getTime() - 3_600_000).toUTCString(), description: ON_TOPIC_TEXTS[0] },
        ]),
      ),
  });
  cleanups.push(() => server.close());
  const { store, loaded } = await alertingPipeline(cleanups, {
    id,
    sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/wire.xml`, fetchArticles: false }],
    database: async () => database,
  });
  const taken: string[] = [];
  const channel: AlertChannel = {
    name: 'counting',
    async deliver(payload) {
      taken.push(payload.title);
      await onDeliver();
    },
  };
  const run = (when: Date) => runPipeline({ loaded, store, channels: [channel], now: () => when, random: () => 0.5 });
  return { run, taken };
}

/** The alert went once, was counted sent, and the next run sent nothing again. */
async function expectSentOnce(run: (when: Date) => Promise<RunReport>, taken: readonly string[]): Promise<void> {
  const first = await run(at);
  expect(taken).toHaveLength(1);
  expect(first).toMatchObject({ alertsSent: 1, alertsFailed: [] });
  await run(new Date(at.getTime() + 3_600_000));
  expect(taken).toHaveLength(1);
}

describe('an alert the channel took, while the database fails for a moment', () => {
  it('is marked sent once SQLite\'s file is free again, not taken for a refusal and sent again', async () => {
    const database = await freshSqlite();
    let other: SQLite.Database | undefined;
    const { run, taken } = await oneAlert('mark-sent-sqlite', database, () => {
      // another process takes the write lock for seven seconds, past the five of the busy wait
      other = new SQLite(database.target);
      other.exec('BEGIN IMMEDIATE');
      setTimeout(() => {
        other!.exec('COMMIT');
        other!.close();
      }, 7_000);
    });
    await expectSentOnce(run, taken);
  }, 60_000);

  it('is marked sent on a new PostgreSQL connection when the server cut the run\'s, and the process lives', async () => {
    const database = await freshPostgres();
    const name = new URL(database.target).pathname.slice(1);
    const { run, taken } = await oneAlert('mark-sent-postgres', database, async () => {
      // the server cuts every connection of the run (a restart, an administrator's terminate), one in use included
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      await admin.end();
    });
    await expectSentOnce(run, taken);
  }, 60_000);
});
