import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertChannel } from '../../src/alert/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { onTopicWire } from '../helpers/alerting-pipeline.ts';

/**
 * An alert the channel took is marked sent even when the database fails for a moment just then: SQLite's file locked
 * by another process past its busy wait (a PostgreSQL connection cut is tried again alike: see
 * tests/store/postgres-lost-connection.test.ts). The failure was taken for the channel's refusal: the alert was
 * reported undelivered, the channel blamed, and the next run sent it again.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const at = new Date('2026-06-10T12:00:00.000Z');

/** A pipeline of one feed of one on-topic item, and a channel that counts the alerts it took, doing `onDeliver` as it takes one. */
async function oneAlert(id: string, database: TestDatabase, onDeliver: () => void | Promise<void>) {
  const { store, loaded } = await onTopicWire(cleanups, { id, published: new Date(at.getTime() - 3_600_000), database: async () => database });
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
    const first = await run(at);
    expect(taken).toHaveLength(1);
    expect(first).toMatchObject({ alertsSent: 1, alertsFailed: [] });
    await run(new Date(at.getTime() + 3_600_000));
    expect(taken).toHaveLength(1);
  }, 60_000);
});
