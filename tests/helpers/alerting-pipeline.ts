import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createChannels, type AlertChannel } from '../../src/alert/index.ts';
import { definePipeline, type LoadedPipeline, type PipelineInput } from '../../src/config/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import type { TestDatabase } from './databases.ts';

/**
 * A pipeline of the pause topic reading `sources`, in a fresh project folder and database, whose alerts go to a file
 * channel: for run tests that count what was alerted. Everything is removed by the `cleanups` the test file runs
 * after each test. `alerts` reads what the channel took, in order.
 */
export async function alertingPipeline(
  cleanups: (() => Promise<void> | void)[],
  { id, sources, database: freshDatabase }: { id: string; sources: PipelineInput['sources']; database: () => Promise<TestDatabase> },
): Promise<{ root: string; store: Store; loaded: LoadedPipeline; channels: AlertChannel[]; alerts: () => { title: string; url: string }[] }> {
  const root = mkdtempSync(path.join(os.tmpdir(), `pausewatch-${id}-`));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const database = await freshDatabase();
  cleanups.push(() => database.drop());
  const store = await openStore(database.target);
  cleanups.push(() => store.close());
  const pipeline = definePipeline({
    id,
    name: id,
    sources,
    topic: {
      description: 'The pause',
      proposalTerms: ['pause', 'moratorium', 'slowdown', 'slow down', 'halt'],
      contextTerms: ['frontier AI', 'AI development', 'AI labs', 'training runs', 'Anthropic'],
    },
    fetch: { allowPrivateAddresses: true, perHostGapMs: 0, timeoutMs: 5_000, connectTimeoutMs: 2_000 },
    alerts: { channels: [{ type: 'file', path: 'data/alerts.jsonl' }] },
    digest: { dir: 'data/digests' },
  });
  const loaded: LoadedPipeline = { pipeline, file: path.join(root, 'p.ts'), rootDir: root };
  const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());
  const alerts = () => {
    const file = path.join(root, 'data/alerts.jsonl');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => {
      const { title, url } = JSON.parse(line) as { title: string; url: string };
      return { title, url };
    });
  };
  return { root, store, loaded, channels, alerts };
}
