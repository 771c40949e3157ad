import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createChannels, type AlertChannel } from '../../src/alert/index.ts';
import type { LoadedPipeline, PipelineInput } from '../../src/config/index.ts';
import type { Store } from '../../src/store/index.ts';
import type { TestDatabase } from './databases.ts';
import { feedRunProject } from './feed-run-project.ts';
import { rssFeed } from './hostile-server.ts';
import { startServer } from './http-server.ts';
import { ON_TOPIC_TEXTS } from './pause-topic.ts';

/**
 * A pipeline of the pause topic reading `sources`, in a fresh project folder and database, whose alerts go to a file
 * channel: for run tests that count what was alerted. Everything is removed by the `cleanups` the test file runs
 * after each test. `alerts` reads what the channel took, in order.
 */
export async function alertingPipeline(
  cleanups: (() => Promise<void> | void)[],
  { id, sources, database: freshDatabase }: { id: string; sources: PipelineInput['sources']; database: () => Promise<TestDatabase> },
): Promise<{ root: string; store: Store; loaded: LoadedPipeline; channels: AlertChannel[]; alerts: () => { title: string; url: string }[] }> {
  const { store, loaded } = await feedRunProject(cleanups, id, sources, {
    database: freshDatabase,
    topic: {
      description: 'The pause',
      proposalTerms: ['pause', 'moratorium', 'slowdown', 'slow down', 'halt'],
      contextTerms: ['frontier AI', 'AI development', 'AI labs', 'training runs', 'Anthropic'],
    },
    alerts: { channels: [{ type: 'file', path: 'data/alerts.jsonl' }] },
    digest: { dir: 'data/digests' },
  });
  const { rootDir: root, pipeline } = loaded;
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

/**
 * An alertingPipeline of one feed, "Wire", served by a server of its own (closed by the `cleanups`), of one on-topic
 * item, "Labs weigh a verified pause of frontier AI" (guid `w-1`), published at `published`.
 */
export async function onTopicWire(
  cleanups: (() => Promise<void> | void)[],
  { id, published, database }: { id: string; published: Date; database: () => Promise<TestDatabase> },
) {
  const server = await startServer({
    '/wire.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        rssFeed('Wire', [
          { guid: 'w-1', title: 'Labs weigh a verified pause of frontier AI', link: 'https://wire.example/1', pubDate: published.toUTCString(), description: ON_TOPIC_TEXTS[0] },
        ]),
      ),
  });
  cleanups.push(() => server.close());
  const project = await alertingPipeline(cleanups, { id, sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${server.url}/wire.xml`, fetchArticles: false }], database });
  return { server, ...project };
}
