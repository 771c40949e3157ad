import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { definePipeline, type LoadedPipeline, type PipelineInput } from '../../src/config/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshSqlite, type TestDatabase } from './databases.ts';

/** The fetch settings of a run against local test servers: private addresses allowed, one request per host at a time. */
const LOCAL_FETCH = { allowPrivateAddresses: true, perHostConcurrency: 1, perHostGapMs: 0, timeoutMs: 5_000, connectTimeoutMs: 2_000 };

/**
 * A pipeline of these feed sources in a fresh project folder and database (a SQLite file unless `database` makes
 * another), for runPipeline; each is removed by the `cleanups` the test file runs after each test. Its topic is the
 * pause with one term of each kind, unless `topic` gives another.
 */
export async function feedRunProject(
  cleanups: (() => Promise<void> | void)[],
  id: string,
  sources: PipelineInput['sources'],
  {
    alerts = { channels: [] },
    fetch = {},
    topic = { description: 'The proposed pause of frontier AI development', proposalTerms: ['pause'], contextTerms: ['frontier AI'] },
    digest,
    database: freshDatabase = freshSqlite,
  }: {
    alerts?: PipelineInput['alerts'];
    fetch?: PipelineInput['fetch'];
    topic?: PipelineInput['topic'];
    digest?: PipelineInput['digest'];
    database?: () => Promise<TestDatabase>;
  } = {},
): Promise<{ store: Store; loaded: LoadedPipeline }> {
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
    topic,
    fetch: { ...LOCAL_FETCH, ...fetch },
    alerts,
    ...(digest ? { digest } : {}),
  });
  return { store, loaded: { file: path.join(root, 'p.ts'), rootDir: root, pipeline } };
}
