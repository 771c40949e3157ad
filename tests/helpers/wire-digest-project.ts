import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import type { TestDatabase } from './databases.ts';

/**
 * Pipeline `p` of one feed, `wire` (see wire-source.ts), whose digests are written to `digests/` by `timeZone`'s
 * calendar, in a fresh folder and database, its source known since `since`: for digest tests that store their own
 * articles. `close` removes it all.
 */
export async function wireDigestProject(
  fresh: () => Promise<TestDatabase>, { timeZone, since }: { timeZone: string; since: string },
): Promise<{ store: Store; loaded: LoadedPipeline; close: () => Promise<void> }> {
  const database = await fresh();
  const store = await openStore(database.target);
  const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-wire-digest-'));
  const loaded: LoadedPipeline = {
    pipeline: definePipeline({
      id: 'p', name: 'Pause watch', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed.xml' }],
      topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
      digest: { dir: 'digests', timeZone },
    }),
    file: path.join(root, 'p.ts'),
    rootDir: root,
  };
  await repo.syncSources(store.db, 'p', [{ id: 'wire', kind: 'feed', name: 'Wire', location: 'https://wire.example/feed.xml' }], since);
  const close = async () => {
    await store.close();
    await database.drop();
    rmSync(root, { recursive: true, force: true });
  };
  return { store, loaded, close };
}
