import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { RunStop, RunStoppedError } from '../../src/run/run-stop.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { freshPostgres, freshSqlite } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A run shows it is alive while it goes, by the database's clock, so runs of other hosts sharing the database take its
 * lock only once it falls silent; a run that finds its lock taken meanwhile stops rather than go on beside the other.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Slow wire</title><item><title>Labs weigh a pause</title><guid>s-1</guid><description>Unions back a pause of frontier AI.</description></item></channel></rss>`;

describe.each([
  { name: 'SQLite', database: freshSqlite },
  { name: 'PostgreSQL', database: freshPostgres },
])('a run on $name', ({ database }) => {
  it('marks itself alive while it goes, and stops once another run took its lock', async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const server = await startServer({
      '/slow.xml': (_req, res) => void answered.then(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss)),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'run-alive', [{ id: 's', kind: 'feed', name: 'Slow', url: `${server.url}/slow.xml`, fetchArticles: false }], { database });
    const stop = new RunStop();
    let runId = 0;
    const run = runPipeline({ loaded, store, channels: [], all: true, stop, aliveIntervalMs: 50, onRunStarted: (id) => (runId = id) });
    await expect.poll(() => server.hits.get('/slow.xml') ?? 0).toBe(1);
    const aliveAt = async () => (await store.db.selectFrom('runs').select('alive_at').where('id', '=', runId).executeTakeFirstOrThrow()).alive_at;
    await store.db.updateTable('runs').set({ alive_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', runId).execute();
    await expect.poll(aliveAt).not.toBe('2000-01-01T00:00:00.000Z');
    // another host's run took the lock, this one having been silent (held still, its database out of reach)
    await store.db.updateTable('runs').set({ status: 'failed', report: JSON.stringify({ error: 'no sign of life' }) }).where('id', '=', runId).execute();
    await expect.poll(() => stop.requested).toBe(true);
    expect(stop.reason).toBe("another run took over the pipeline's run lock: this run showed no sign of life for 10 minutes");
    answer();
    await expect(run).rejects.toBeInstanceOf(RunStoppedError);
  });

  it('is not told it was taken over when it failed for a reason of its own, a mark of life under way as it gave the lock back', async () => {
    const server = await startServer({ '/w.xml': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss), 100) });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'run-alive-failing', [{ id: 's', kind: 'feed', name: 'S', url: `${server.url}/w.xml`, fetchArticles: false }], { database });
    // marks every millisecond, so one is under way when the run fails and gives its lock back
    for (let attempt = 0; attempt < 8; attempt++) {
      const stop = new RunStop();
      const progress = { sourceFinished: () => { throw new Error('a fault of its own'); }, articleProcessed: () => {} };
      await expect(runPipeline({ loaded, store, channels: [], all: true, stop, progress, aliveIntervalMs: 1 })).rejects.toThrow('a fault of its own');
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(stop.requested).toBe(false);
    }
  });
});
