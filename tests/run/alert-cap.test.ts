import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';
import { pauseTopic } from '../helpers/pause-topic.ts';

const START = Date.parse('2026-06-10T06:00:00.000Z');
const MAX_PER_RUN = 5;

/** A made-up word for item `n`, place `i`: every five-word stretch of an item's text has one, so no two texts are alike. */
const word = (n: number, i: number) => `${'bcdfghjklmnpqrstvwz'[n % 19]}${'aeiou'[(n >> 2) % 5]}${'bcdfghjklmnpqrstvwz'[(n * 7 + i) % 19]}${'aeiou'[i % 5]}${'nrst'[(n + i) % 4]}${n}x${i}`;
function text(n: number): string {
  let i = 0;
  const w = () => word(n, i++);
  return [
    `Leading AI labs in ${w()} should agree to a verified pause of frontier AI development, ${w()} argued before ${w()} lawmakers.`,
    `A moratorium on training runs, ${w()} said, would give ${w()} regulators time to check what ${w()} labs are building.`,
    `The halt should be global and verified, according to ${w()}, because one lab ${w()} alone cannot stop the race.`,
    `Supporters in ${w()} say a pause of frontier AI now costs ${w()} little compared with a mistake ${w()} later.`,
  ].join(' ');
}

/** Item `n` of the feed, published `n` minutes before START: item 0 is the newest. */
const published = (n: number) => new Date(START - n * 60_000);
const title = (n: number) => `Pause call number ${n}`;
const item = (n: number, base: string) =>
  `<item><title>${title(n)}</title><link>${base}/a/${n}</link><guid>${base}/a/${n}</guid><pubDate>${published(n).toUTCString()}</pubDate>` +
  `<description><![CDATA[<p>${text(n)}</p>]]></description></item>`;

/**
 * A busy feed read for the first time: 30 new on-topic items dated within alerts.maxAgeHours, listed in an order that
 * is neither newest nor oldest first. With alerts.maxPerRun 5, each channel gets the 5 most recently published, then
 * one message saying 25 more were not alerted; none of those is sent by a later run, and later news alerts as usual.
 */
describe('alerts.maxPerRun, on sqlite', () => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let items: number[];
  let hookStatus: number;
  const json: Record<string, unknown>[] = [];
  const slack: Record<string, unknown>[] = [];
  let consoleText = '';

  const record = (into: Record<string, unknown>[]) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (hookStatus === 200) into.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(hookStatus).end();
    });
  };

  beforeEach(async () => {
    database = await freshSqlite();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-alert-cap-'));
    items = Array.from({ length: 30 }, (_, k) => (k * 7) % 30);
    hookStatus = 200;
    json.length = 0;
    slack.length = 0;
    consoleText = '';
    server = await startServer({
      '/feed.xml': (req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title><link>http://${req.headers.host}/</link>${items.map((n) => item(n, `http://${req.headers.host}`)).join('')}</channel></rss>`),
      '/json': record(json),
      '/slack': record(slack),
    });
  });
  afterEach(async () => {
    await store?.close();
    await database?.drop();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function run(minutesLater: number): Promise<RunReport> {
    const loaded: LoadedPipeline = {
      pipeline: definePipeline({
        id: 'cap',
        name: 'Cap',
        sources: [{ id: 'busy', kind: 'feed', name: 'Busy', url: `${server.url}/feed.xml`, fetchArticles: false }],
        topic: pauseTopic,
        fetch: { allowPrivateAddresses: true, perHostGapMs: 0, timeoutMs: 5_000 },
        alerts: {
          maxPerRun: MAX_PER_RUN,
          channels: [{ type: 'webhook', url: `${server.url}/json`, format: 'json' }, { type: 'webhook', url: `${server.url}/slack`, format: 'slack' }, { type: 'stdout' }],
        },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    const console = new PassThrough();
    console.on('data', (chunk) => (consoleText += String(chunk)));
    const channels = createChannels(loaded.pipeline.alerts, root, console);
    return runPipeline({ loaded, store, channels, now: () => new Date(START + minutesLater * 60_000), random: () => 0.5, all: true });
  }
  const statuses = async () =>
    Object.fromEntries(
      (await store.db.selectFrom('alerts').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute()).map((row) => [row.status, Number(row.n)]),
    );

  it('sends each channel the 5 newest, then one message counting the 25 others, which no later run sends', async () => {
    const first = await run(5);
    expect(first.articlesAdded).toBe(30);
    const newest = [0, 1, 2, 3, 4].map(title);
    expect(json.slice(0, 5).map((body) => body.title)).toEqual(newest);
    expect(json[5]).toMatchObject({ notice: 'held', count: 25, maxPerRun: 5 });
    expect(json[5]!.text).toContain('25 more new articles');
    expect(json).toHaveLength(6);
    expect(slack).toHaveLength(6);
    expect(slack.slice(0, 5).map((body) => String(body.text))).toEqual(newest.map((t) => expect.stringContaining(`${t} — Busy`)));
    expect(slack[5]!.text).toBe('25 more new articles were not alerted here: over alerts.maxPerRun (5 a run). The digest and `pausewatch articles` list them.');
    const lines = consoleText.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines.slice(0, 5)).toEqual(newest.map((t) => expect.stringMatching(new RegExp(`^ALERT \\[support [^\\]]+\\] ${t} — Busy`))));
    expect(lines[5]).toMatch(/^HELD 25 more new articles were not alerted here/);
    expect(first.alertsSentByChannel.map((c) => c.count)).toEqual([5, 5, 5]);
    expect(first.articlesAlerted).toBe(5);
    expect(first.alertsOverCap).toEqual([
      { channel: expect.stringMatching(/^webhook http:\/\/127\.0\.0\.1:\d+\/…$/), count: 25, maxPerRun: 5, noticeSent: true, noticeError: null },
      { channel: expect.stringMatching(/^webhook http:\/\/127\.0\.0\.1:\d+\/…$/), count: 25, maxPerRun: 5, noticeSent: true, noticeError: null },
      { channel: 'stdout', count: 25, maxPerRun: 5, noticeSent: true, noticeError: null },
    ]);
    expect(first.alertsFailed).toEqual([]);
    expect(await statuses()).toEqual({ sent: 15, held: 75 });

    // the same feed again: nothing new, and nothing held goes
    const second = await run(65);
    expect(second).toMatchObject({ articlesAdded: 0, alertsSent: 0, alertsOverCap: [] });
    expect([json.length, slack.length, consoleText.trimEnd().split('\n').length]).toEqual([6, 6, 6]);

    // two new items, published since: alerted as usual, with no notice
    items = [-2, -1, ...items];
    const third = await run(125);
    expect(third).toMatchObject({ articlesAdded: 2, alertsSent: 6, alertsOverCap: [] });
    expect(json.slice(6).map((body) => body.title)).toEqual(expect.arrayContaining([title(-1), title(-2)]));
    expect(json).toHaveLength(8);
    expect(slack).toHaveLength(8);
    expect(await statuses()).toEqual({ sent: 21, held: 75 });
  });

  it('counts alerts retried from an earlier run toward the cap, first, and never holds them, those it did not try too', async () => {
    hookStatus = 500;
    const refused = await run(5);
    // the 5 newest were chosen and the rest held at once; the first refusal ended the webhooks' deliveries
    expect(refused.alertsFailed).toHaveLength(2);
    expect(refused.alertsHeldBack.map((h) => h.count)).toEqual([4, 4]);
    expect(refused.alertsOverCap.map((h) => [h.count, h.noticeSent, h.noticeError])).toEqual([[25, false, null], [25, false, null], [25, true, null]]);
    const failedTitle = title(0);

    // three newer items; the webhooks take alerts again: the refused one and the 4 the first run chose but did not try
    // after the refusal (it said the next runs retry them) are retried, oldest queued first, and fill the cap: the 3
    // new ones are held
    hookStatus = 200;
    items = [-3, -2, -1, ...items];
    const retried = await run(65);
    expect(retried.articlesAdded).toBe(3);
    expect(json.map((body) => body.title ?? body.notice)).toEqual([title(4), title(3), title(2), title(1), failedTitle, 'held']);
    expect(json[5]).toMatchObject({ count: 3, maxPerRun: 5 });
    expect(slack).toHaveLength(6);
    expect(retried.alertsSentByChannel.map((c) => c.count)).toEqual([5, 5, 3]);
    expect(retried.alertsOverCap.map((h) => h.count)).toEqual([3, 3]);
    expect(retried.alertsFailed).toEqual([]);

    const after = await run(125);
    expect(after).toMatchObject({ articlesAdded: 0, alertsSent: 0, alertsOverCap: [] });
    expect(json).toHaveLength(6);
  });
});
