import { createHash } from 'node:crypto';
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
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * What a hostile or careless feed puts in stored values: item ids and links (stored under an index), error messages.
 * PostgreSQL refuses text holding NUL, even as a query parameter, and btree index entries over about 2.7 kB; SQLite
 * takes both. A user must see the same on either.
 */
describe.each(dialects)('values a feed controls, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  let items: object[] = [];
  let body: string | null = null;

  beforeEach(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-keys-'));
    server = await startServer({
      '/feed.json': (_req, res) =>
        res.writeHead(200, { 'content-type': body?.startsWith('<') ? 'application/rss+xml' : 'application/feed+json' }).end(body ?? JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Hostile', items })),
    });
  });
  afterEach(async () => {
    await store.close();
    await database.drop();
    await server.close();
    body = null;
    rmSync(root, { recursive: true, force: true });
  });

  async function run(at: string): Promise<RunReport> {
    const loaded: LoadedPipeline = {
      pipeline: definePipeline({
        id: 'keys',
        name: 'Keys',
        sources: [{ id: 'hostile', kind: 'feed', name: 'Hostile', url: `${server.url}/feed.json`, fetchArticles: false }],
        topic: { description: 'Pause', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
        fetch: { perHostGapMs: 0, timeoutMs: 5_000 },
        alerts: { channels: [{ type: 'stdout' }] },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    const channels = createChannels(loaded.pipeline.alerts, root, new PassThrough());
    return runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all: true });
  }

  const item = (id: string, url: string, title: string) => ({
    id, url, title, content_text: `${title}: AI labs discussed a pause of frontier AI development.`, date_published: '2026-06-10T05:00:00Z',
  });

  /**
   * Two runs over `items` (two of them), a new item between them: the first stores both, the second only the new one,
   * so the items stored first were found stored. A new item makes the feed change, so the second run reads them again.
   */
  async function storeTwoThenOneMore(): Promise<void> {
    const first = await run('2026-06-10T06:00:00.000Z');
    expect(first.sources[0]).toMatchObject({ outcome: 'ok', error: null, articlesAdded: 2, itemErrors: [] });
    items.push(item('later', 'https://news.example/later.html', 'A later pause story'));
    const second = await run('2026-06-10T07:00:00.000Z');
    expect(second.sources[0]).toMatchObject({ outcome: 'ok', error: null, articlesAdded: 1, itemErrors: [] });
  }

  it('stores an item whose id holds a NUL once, and finds it stored on the next run', async () => {
    items = [item('guid\u0000with-nul', 'https://news.example/nul.html', 'Labs weigh a pause'), item('plain', 'https://news.example/plain.html', 'Another pause story')];
    await storeTwoThenOneMore();
    expect(await store.db.selectFrom('articles').select('id').execute()).toHaveLength(3);
  });

  it('stores an item whose link holds a NUL where no URL can (its host) once, and finds it stored on the next run', async () => {
    items = [
      { ...item('', 'https://news.exa\u0000mple/by-link.html', 'Labs weigh a pause'), id: undefined },
      item('with-id', 'https://news.exa\u0000mple/with-id.html', 'Another pause story'),
    ];
    await storeTwoThenOneMore();
    expect(await store.db.selectFrom('articles').select('id').execute()).toHaveLength(3);
  });

  it("stores an item whose link is no web page's (file:, ftp:, mailto:) under the feed's address, and a feed: link as the http(s) one it wraps", async () => {
    items = [
      item('local', 'file:///etc/passwd', 'Labs weigh a pause'),
      item('files', 'ftp://files.example/pause.txt', 'Unions back a pause'),
      item('mail', 'mailto:desk@news.example', 'Envoys draft a pause treaty'),
      item('wrapped', 'feed://news.example/pause.html', 'Scientists sign a pause letter'),
    ];
    const first = await run('2026-06-10T06:00:00.000Z');
    expect(first.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 4, itemErrors: [] });
    const stored = await store.db.selectFrom('articles').select(['item_key', 'url']).orderBy('item_key').execute();
    expect(stored).toEqual([
      { item_key: 'files', url: `${server.url}/feed.json#files` },
      { item_key: 'local', url: `${server.url}/feed.json#local` },
      { item_key: 'mail', url: `${server.url}/feed.json#mail` },
      { item_key: 'wrapped', url: 'http://news.example/pause.html' },
    ]);
  });

  it('stores an item with a 5 kB id, and one with a 5 kB link, once each', async () => {
    // Random hex: it does not compress, as a repeated character would, under PostgreSQL's index size limit.
    const noise = (seed: number) => Array.from({ length: 80 }, (_, i) => createHash('sha256').update(`${seed}:${i}`).digest('hex')).join('');
    items = [
      item(`urn:item:${noise(1)}`, 'https://news.example/long-id.html', 'Labs weigh a pause'),
      item('long-link', `https://news.example/${noise(2)}.html`, 'Another pause story'),
    ];
    await storeTwoThenOneMore();
    const stored = await store.db.selectFrom('articles').select(['item_key', 'url']).orderBy('id').execute();
    expect(stored.map((row) => row.item_key)).toEqual([`urn:item:${noise(1)}`, 'long-link', 'later']);
  });

  it('reports a feed whose parse error quotes a NUL with that error, and stores it without the NUL', async () => {
    // V8 quotes the text around a JSON syntax error, NUL included.
    body = '{"version":"https://jsonfeed.org/version/1.1","items":[\u0000 oops]}';
    const { sources } = await run('2026-06-10T06:00:00.000Z');
    expect(sources[0]).toMatchObject({ outcome: 'failed', error: { code: 'parse_parse' } });
    expect(sources[0]!.error!.message).toContain('does not parse');
    const row = await store.db.selectFrom('sources').select(['last_error', 'last_error_code', 'error_streak']).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ last_error_code: 'parse_parse', error_streak: 1 });
    expect(row.last_error).toContain('does not parse');
    expect(row.last_error).not.toContain('\u0000');
    const attempt = await store.db.selectFrom('fetch_attempts').select(['error_code', 'error_message']).executeTakeFirstOrThrow();
    expect(attempt.error_code).toBe('parse_parse');
    expect(attempt.error_message).not.toContain('\u0000');
  });

  it('reads a feed that asks, with <ttl> or sy:updateFrequency, not to be read again for millennia', async () => {
    const rss = (channel: string) =>
      `<?xml version="1.0"?><rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>T</title>${channel}` +
      '<item><guid>t-1</guid><title>Labs weigh a pause</title><link>https://news.example/t1.html</link><description>AI labs discussed a pause.</description></item></channel></rss>';
    body = rss('<ttl>99999999</ttl>');
    const first = await run('2026-06-10T06:00:00.000Z');
    expect(first.sources[0]).toMatchObject({ outcome: 'ok', error: null, articlesAdded: 1 });
    body = rss('<sy:updatePeriod>yearly</sy:updatePeriod><sy:updateFrequency>0.000000001</sy:updateFrequency>');
    const second = await run('2026-06-10T07:00:00.000Z');
    expect(second.sources[0]).toMatchObject({ outcome: 'ok', error: null });
    const row = await store.db.selectFrom('sources').select(['ttl_seconds', 'error_streak']).executeTakeFirstOrThrow();
    expect(row).toEqual({ ttl_seconds: 365 * 86_400, error_streak: 0 });
  });
});
