import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';

/** One syndicated column, long enough to be recognised as the same text in both feeds. */
const COLUMN = [
  'Leading AI labs should agree to a coordinated, verified pause of frontier AI development before the next generation of training runs begins.',
  'A moratorium that only one lab observes would simply hand the lead to its competitors, which is why the pause has to be global and verified.',
  'Inspectors could check compute usage at the largest data centres, much as arms control treaties check missile sites, and report to a joint body.',
  'The labs themselves have said that frontier AI could become dangerous within a few years; a halt now costs little compared with a mistake later.',
  'Governments should back the proposal with export rules on advanced chips, so that no lab can quietly resume the largest training runs abroad.',
].join(' ');

const rss = (title: string, link: string, pubDate: string) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>${link}</link>` +
  `<item><title>The case for a verified pause of frontier AI</title><link>${link}column.html</link><guid>${link}column</guid>` +
  `<pubDate>${pubDate}</pubDate><description><![CDATA[<p>${COLUMN}</p>]]></description></item></channel></rss>`;

/**
 * Two outlets carry one column. The one listed first answers at once with a recent date; the one that first published
 * it, 13 days earlier, answers later, so its copy is stored second, and takes the group over as its original (see
 * earlier-original.test.ts). The recent copy's alert is news to nobody: the coverage is past alerts.maxAgeHours.
 */
describe.each(dialects)('an alert raised by a late syndicated copy, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeEach(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-withdrawn-'));
    server = await startServer({
      '/hub.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Opinion Hub', 'https://opinionhub.example/', 'Tue, 01 Dec 2026 23:30:00 GMT')),
      '/tech.xml': (_req, res) => {
        setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('Tech Daily', 'https://techdaily.example/', 'Thu, 19 Nov 2026 08:00:00 GMT')), 300);
      },
    });
  });
  afterEach(async () => {
    await store?.close();
    await database?.drop();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function run(at: string): Promise<RunReport> {
    const loaded: LoadedPipeline = {
      pipeline: definePipeline({
        id: 'withdrawn',
        name: 'Withdrawn',
        sources: [
          { id: 'opinion-hub', kind: 'feed', name: 'Opinion Hub', url: `${server.url}/hub.xml`, fetchArticles: false },
          { id: 'tech-daily', kind: 'feed', name: 'Tech Daily', url: `${server.url}/tech.xml`, fetchArticles: false },
        ],
        topic: {
          description: 'A coordinated, verified global pause of frontier AI development',
          proposalTerms: ['pause', 'moratorium', 'halt'],
          contextTerms: ['frontier AI', 'AI labs', 'training runs'],
        },
        fetch: { allowPrivateAddresses: true, perHostGapMs: 0, timeoutMs: 5_000 },
        alerts: { channels: [{ type: 'file', path: 'data/alerts.jsonl' }] },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    const channels = createChannels(loaded.pipeline.alerts, root, new PassThrough());
    return runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all: true });
  }
  const alertFile = () => path.join(root, 'data/alerts.jsonl');
  const alertsSent = () => (existsSync(alertFile()) ? readFileSync(alertFile(), 'utf8') : '');

  it('sends no alert, names the withdrawn one in the run report, and a second run changes nothing', async () => {
    const first = await run('2026-12-02T06:00:00.000Z');
    expect(first.sources.map((s) => [s.sourceId, s.outcome, s.articlesAdded, s.duplicates])).toEqual([
      ['opinion-hub', 'ok', 1, 0],
      ['tech-daily', 'ok', 1, 1],
    ]);
    expect(first).toMatchObject({ alertsSent: 0, alertsFailed: [], alertsExpired: [] });
    expect(first.alertsWithdrawn).toEqual([
      {
        alertId: expect.any(Number),
        channel: `file:${alertFile()}`,
        title: 'The case for a verified pause of frontier AI',
        firstPublished: '2026-11-19T08:00:00.000Z',
      },
    ]);
    expect(alertsSent()).toBe('');
    const statuses = await store.db.selectFrom('alerts').select('status').execute();
    expect(statuses).toEqual([{ status: 'withdrawn' }]);

    const second = await run('2026-12-02T07:00:00.000Z');
    expect(second).toMatchObject({ alertsSent: 0, alertsWithdrawn: [], alertsFailed: [], alertsExpired: [] });
    expect(alertsSent()).toBe('');
    expect(await store.db.selectFrom('alerts').select('status').execute()).toEqual([{ status: 'withdrawn' }]);
  });
});
