import { copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { StoreError } from '../../src/store/index.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A SQLite file deleted, or another moved into its place, while a run has it open: SQLite goes on writing the old file,
 * so what the run stores goes with it. The run must not report success, nor send alerts whose record is lost.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Unions back a pause of frontier AI</title><guid>w-1</guid><pubDate>${new Date().toUTCString()}</pubDate><description>Unions back a coordinated pause of frontier AI development, saying labs must halt training runs until safety is verified.</description></item></channel></rss>`;

describe.each([
  { change: 'deleted', reason: 'it was deleted' },
  { change: 'replaced', reason: 'another file was put in its place' },
])('a SQLite file $change while a run has it open', ({ change, reason }) => {
  it('fails the run, naming the file and what happened, and sends no alert', async () => {
    let answer: () => void = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const server = await startServer({ '/w.xml': (_req, res) => void answered.then(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss)) });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'file-replaced', [{ id: 'w', kind: 'feed', name: 'Wire', url: `${server.url}/w.xml`, fetchArticles: false }], {
      alerts: { channels: [{ type: 'file', path: 'data/alerts.jsonl' }] },
    });
    const spare = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-spare-'));
    cleanups.push(() => rmSync(spare, { recursive: true, force: true }));
    const run = runPipeline({ loaded, store, channels: createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough()), all: true }).then(
      () => null,
      (error: unknown) => error,
    );
    await expect.poll(() => server.hits.get('/w.xml') ?? 0).toBe(1);
    if (change === 'deleted') unlinkSync(store.location);
    else {
      // a backup moved over it: another file at the path
      copyFileSync(store.location, path.join(spare, 'backup.db'));
      renameSync(path.join(spare, 'backup.db'), store.location);
    }
    answer();
    const error = await run;
    expect(error).toBeInstanceOf(StoreError);
    expect((error as Error).message).toBe(
      `${store.location} is no longer the file this run opened: ${reason} while the run had it open, and what the run stored went with the old file; put the file back from a backup if it was not meant to go`,
    );
    const alerts = path.join(loaded.rootDir, 'data/alerts.jsonl');
    expect(existsSync(alerts) ? readFileSync(alerts, 'utf8') : '').toBe('');
  });
});
