import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type http from 'node:http';
import { PassThrough } from 'node:stream';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { definePipeline, type LoadedPipeline, type PipelineInput } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { Fetcher } from '../../src/ingest/request-queue.ts';
import { createScorer, type Scorer } from '../../src/stance/index.ts';
import { openStore, sourceWarnings, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { closedPort, startServer } from '../helpers/http-server.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const fixtures = path.join(repoRoot, 'tests/fixtures/run');
const fixture = (name: string, base: string) => readFileSync(path.join(fixtures, name), 'utf8').replaceAll('{{BASE}}', base);

/** Page furniture and mojibake that must never reach a stored article. */
const FURNITURE = ["What's Your Reaction", 'Comments (0)', 'Join the Discussion', 'Updated: 2 hours ago', 'Like Like 0', 'Subscribe to comment', 'is the founder and director'];
const MOJIBAKE = /β€|â€|Ã©/;

type Server = Awaited<ReturnType<typeof startServer>>;

async function startNewsServer(): Promise<Server> {
  const serveHtml = (name: string) => (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fixture(name, `http://${req.headers.host}`));
  };
  return startServer({
    '/feed.xml': (req, res) => {
      const body = fixture('feed.xml', `http://${req.headers.host}`);
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { etag }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'last-modified': 'Tue, 09 Jun 2026 12:20:00 GMT' }).end(body);
    },
    '/mirror.xml': (req, res) => {
      const base = `http://${req.headers.host}`;
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Mirror</title><link>${base}/</link>` +
          `<item><title>Stop scaling, says columnist</title><link>${base}/opinion/stop-scaling.html</link><guid>mirror-1</guid>` +
          `<pubDate>Tue, 09 Jun 2026 09:00:00 GMT</pubDate></item></channel></rss>`,
      );
    },
    // The same items, their links on another local host name than the feed's.
    '/feed-linking-elsewhere.xml': (req, res) => {
      const elsewhere = `http://${req.headers.host}`.replace('127.0.0.1', 'localhost');
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(fixture('feed.xml', elsewhere));
    },
    '/broken-500.xml': (_req, res) => res.writeHead(500, { 'content-type': 'text/html' }).end('<h1>Internal Server Error</h1>'),
    '/malformed.xml': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/xml' }).end('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</tit'),
    '/opinion/stop-scaling.html': serveHtml('stop-scaling.html'),
    '/syndicated/halt-overdue.html': serveHtml('halt-overdue.html'),
    '/news/chip-exports.html': serveHtml('chip-exports.html'),
  });
}

function makeProject(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-run-'));
  cpSync(path.join(repoRoot, 'seeds'), path.join(root, 'seeds'), { recursive: true });
  return root;
}

function pipelineFor(server: Server, refusedPort: number, overrides: Partial<PipelineInput> = {}): PipelineInput {
  return {
    id: 'ai-pause-test',
    name: 'Pause proposal (test)',
    sources: [
      { id: 'seeds', kind: 'files', name: 'Seed articles', glob: 'seeds/*.txt' },
      { id: 'policy-wire', kind: 'feed', name: 'Policy Wire', url: `${server.url}/feed.xml` },
      { id: 'broken-500', kind: 'feed', name: 'Broken (500)', url: `${server.url}/broken-500.xml` },
      { id: 'malformed', kind: 'feed', name: 'Malformed XML', url: `${server.url}/malformed.xml` },
      { id: 'refused', kind: 'feed', name: 'Nobody home', url: `http://127.0.0.1:${refusedPort}/feed.xml` },
    ],
    topic: {
      description: 'Coverage of the proposed coordinated pause of frontier AI development',
      proposalTerms: ['pause', 'moratorium', 'slowdown', 'slow down', 'halt'],
      contextTerms: ['frontier AI', 'AI development', 'AI labs', 'training runs', 'Anthropic'],
    },
    fetch: { allowPrivateAddresses: true, perHostGapMs: 0, timeoutMs: 5_000, connectTimeoutMs: 2_000 },
    alerts: { channels: [{ type: 'stdout' }, { type: 'file', path: 'data/alerts.jsonl' }] },
    ...overrides,
  };
}

async function run(loaded: LoadedPipeline, store: Store, at: string, extra: { all?: boolean; scorer?: Scorer; fetcher?: Fetcher } = {}): Promise<{ report: RunReport; console: string }> {
  const console = new PassThrough();
  let printed = '';
  console.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, console);
  const report = await runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, ...extra });
  return { report, console: printed };
}

describe.each(dialects)('the pipeline end to end on $name', ({ fresh }) => {
  let server: Server;
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let loaded: LoadedPipeline;
  let first: { report: RunReport; console: string };
  let second: { report: RunReport; console: string };
  let third: { report: RunReport; console: string };

  beforeAll(async () => {
    server = await startNewsServer();
    database = await fresh();
    store = await openStore(database.target);
    root = makeProject();
    loaded = { pipeline: definePipeline(pipelineFor(server, await closedPort())), file: path.join(root, 'pipeline.ts'), rootDir: root };
    first = await run(loaded, store, '2026-06-10T06:00:00.000Z');
    second = await run(loaded, store, '2026-06-10T07:00:00.000Z');
    third = await run(loaded, store, '2026-06-10T07:05:00.000Z', { all: true });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    await server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('stores each of the five seed articles once, with a clean title, no furniture and no mojibake', async () => {
    const seeds = await store.db.selectFrom('articles').selectAll().where('source_id', '=', 'seeds').orderBy('item_key').execute();
    expect(seeds.map((a) => a.item_key)).toEqual([
      'seeds/000_73cf242dc7a4d052.txt',
      'seeds/001_0033fa290a80b60a.txt',
      'seeds/002_562dee0d9430b366.txt',
      'seeds/003_f041a17b9666b86d.txt',
      'seeds/004_bfe4baf882ac3340.txt',
    ]);
    expect(seeds[0]!.title).toBe('Anthropic Calls for Global Cooperation on Advanced AI');
    expect(seeds[3]!.title).toBe('Anthropic Urges Global Pause Over AI Self-Improvement Risks');
    // 001 and 004 start with their text: no headline, and none is made up from the lead
    expect([seeds[1]!.title, seeds[4]!.title]).toEqual([null, null]);
    for (const article of [seeds[0]!, seeds[2]!, seeds[3]!]) expect(article.title?.length).toBeGreaterThan(20);
    for (const article of seeds) {
      expect(article.title ?? '').not.toMatch(MOJIBAKE);
      expect(article.text).not.toMatch(MOJIBAKE);
      for (const line of FURNITURE) expect(article.text).not.toContain(line);
    }
    expect(seeds[2]!.published_at).toBe('2026-06-05T10:19:00.000Z');
    // 001 and 004 give no date: unknown, never invented.
    expect(seeds[1]!.published_at).toBeNull();
    expect(seeds[4]!.published_at).toBeNull();
    // 002 repeats its summary paragraph; it is kept once.
    expect(seeds[2]!.text.split('Anthropic has formally advocated for a temporary global pause').length - 1).toBe(1);
  });

  it('stores feed items with the text of their pages, and marks the syndicated copy as a duplicate of the original', async () => {
    const feed = await store.db.selectFrom('articles').selectAll().where('source_id', '=', 'policy-wire').orderBy('item_key').execute();
    expect(feed.map((a) => a.item_key)).toEqual(['pw-1001', 'pw-1002', 'pw-1003']);
    const [original, copy, chips] = feed as [typeof feed[0], typeof feed[0], typeof feed[0]];
    expect(original.text).toContain('Every major lab should stop scaling');
    expect(original.text).not.toContain('Ten gadgets for summer');
    expect(original.text).not.toContain('All rights reserved');
    expect(original.canonical_url).toBe(`${server.url}/opinion/stop-scaling.html`);
    expect(original.published_at).toBe('2026-06-09T08:30:00.000Z');
    expect(original.duplicate_of).toBeNull();
    expect(copy.duplicate_of).toBe(original.id);
    expect(copy.story_id).toBe(original.story_id);
    expect(chips.duplicate_of).toBeNull();
    expect(chips.story_id).not.toBe(original.story_id);
  });

  it('scores every article, keeping off-topic news out of the stance', async () => {
    const scores = await store.db
      .selectFrom('stance_scores')
      .innerJoin('articles', 'articles.id', 'stance_scores.article_id')
      .select(['articles.item_key', 'stance_scores.relevant', 'stance_scores.label', 'stance_scores.scorer_version', 'stance_scores.evidence'])
      .execute();
    expect(scores).toHaveLength(8);
    const byKey = new Map(scores.map((s) => [s.item_key, s]));
    expect(byKey.get('pw-1003')).toMatchObject({ relevant: 0, label: null });
    expect(byKey.get('pw-1001')).toMatchObject({ relevant: 1 });
    expect(byKey.get('pw-1001')!.label).not.toBeNull();
    expect(JSON.parse(byKey.get('pw-1001')!.evidence).stance.length).toBeGreaterThan(0);
    expect(byKey.get('seeds/002_562dee0d9430b366.txt')).toMatchObject({ relevant: 1 });
    expect(scores.every((s) => s.scorer_version.length > 0)).toBe(true);
  });

  it('reports each failing feed with its reason while the others succeed', () => {
    const bySource = new Map(first.report.sources.map((s) => [s.sourceId, s]));
    expect(bySource.get('seeds')).toMatchObject({ outcome: 'ok', itemsSeen: 5, articlesAdded: 5 });
    expect(bySource.get('policy-wire')).toMatchObject({ outcome: 'ok', itemsSeen: 3, articlesAdded: 3, duplicates: 1 });
    expect(bySource.get('broken-500')).toMatchObject({ outcome: 'failed', error: { code: 'http_500' } });
    expect(bySource.get('malformed')?.outcome).toBe('failed');
    expect(bySource.get('malformed')?.error?.code).toMatch(/^parse_/);
    expect(bySource.get('refused')).toMatchObject({ outcome: 'failed', error: { code: 'connection_refused' } });
  });

  it('records fetch health per source', async () => {
    const sources = new Map((await store.db.selectFrom('sources').selectAll().execute()).map((s) => [s.id, s]));
    expect(sources.get('broken-500')).toMatchObject({ error_streak: 3, last_error_code: 'http_500', last_success_at: null });
    expect(sources.get('policy-wire')).toMatchObject({ error_streak: 0 });
    expect(sources.get('policy-wire')?.etag).toMatch(/^"[0-9a-f]+"$/);
  });

  it('writes the day\'s digest as Markdown and JSON, grouped by story', () => {
    const markdown = readFileSync(path.join(root, 'data/digests/2026-06-10.md'), 'utf8');
    const json = JSON.parse(readFileSync(path.join(root, 'data/digests/2026-06-10.json'), 'utf8'));
    expect(first.report.digestPaths).toEqual([path.join(root, 'data/digests/2026-06-10.md'), path.join(root, 'data/digests/2026-06-10.json')]);
    expect(markdown).toContain('Anthropic Calls for Global Cooperation on Advanced AI');
    expect(markdown).toContain('Labs should stop scaling until audits catch up');
    expect(markdown).toMatch(/Broken \(500\) \| failed \| HTTP 500/);
    expect(json.totals).toMatchObject({ articles: 8, duplicates: 1, offTopic: 1 });
    // The week's shift counts on-topic originals once: the syndicated copy and the off-topic story do not count.
    expect(json.shift.current).toMatchObject({ from: '2026-06-04', to: '2026-06-10', articles: json.totals.onTopic - json.totals.duplicates });
    expect(json.shift.previous).toMatchObject({ from: '2026-05-28', to: '2026-06-03', articles: 0 });
    expect(markdown).toContain('## How the debate is shifting');
    const storyOfOriginal = json.stories.find((s: { articles: { title: string }[] }) => s.articles.some((a) => a.title.startsWith('Labs should stop')));
    expect(storyOfOriginal.articles.map((a: { title: string }) => a.title)).toContain('Why a verified halt on giant AI training runs is overdue');
  });

  it('a second run the same day adds nothing and re-sends no alert; a feed not yet due is skipped, failing ones are retried', async () => {
    expect(second.report.articlesAdded).toBe(0);
    expect(second.report.alertsSent).toBe(0);
    expect(second.console).toBe('');
    const policyWire = first.report.sources.find((s) => s.sourceId === 'policy-wire')!;
    // Three items over the day before: checked every few hours, not every hour.
    expect(Date.parse(policyWire.nextCheck!.at)).toBeGreaterThan(Date.parse('2026-06-10T07:00:00.000Z'));
    expect(second.report.sources.find((s) => s.sourceId === 'policy-wire')).toMatchObject({ outcome: 'not_due', nextCheck: { at: policyWire.nextCheck!.at } });
    expect(second.report.sources.find((s) => s.sourceId === 'broken-500')?.outcome).toBe('failed');
    // Forced, the feed is fetched with its validators and answers 304.
    expect(third.report.sources.find((s) => s.sourceId === 'policy-wire')?.outcome).toBe('not_modified');
    expect(third.report.articlesAdded).toBe(0);
    const articles = await store.db.selectFrom('articles').select('id').execute();
    expect(articles).toHaveLength(8);
    // Two channels (console and file): each alerted article is delivered once to each.
    const alertLines = readFileSync(path.join(root, 'data/alerts.jsonl'), 'utf8').trim().split('\n');
    const consoleLines = first.console.split('\n').filter((l) => l.startsWith('ALERT'));
    expect(alertLines.length).toBeGreaterThan(0);
    expect(consoleLines).toHaveLength(alertLines.length);
    expect(first.report.alertsSent).toBe(2 * alertLines.length);
    // the alerts a reader counts: one per article, whatever the channels
    expect(first.report.articlesAlerted).toBe(alertLines.length);
    expect(first.report.alertsSentByChannel.map((sent) => sent.count)).toEqual([alertLines.length, alertLines.length]);
    expect(new Set(alertLines.map((l) => JSON.parse(l).articleId)).size).toBe(alertLines.length);
  });
});

/** One feed scenario on a fresh SQLite file, project folder and news server, all cleaned up afterwards. */
interface Scenario {
  server: Server;
  store: Store;
  root: string;
  input: PipelineInput;
  /** Starts a server of the scenario's own, closed with it. */
  serve: typeof startServer;
  /** The pipeline of this definition, as if loaded from a file in the scenario's project. */
  load: (definition: PipelineInput) => LoadedPipeline;
}

async function withScenario(work: (ctx: Scenario) => Promise<void>, dialect: (typeof dialects)[number] = dialects[0]): Promise<void> {
  const server = await startNewsServer();
  const database = await dialect.fresh();
  const store = await openStore(database.target);
  const root = makeProject();
  const extraServers: Server[] = [];
  const serve: typeof startServer = async (routes) => {
    const started = await startServer(routes);
    extraServers.push(started);
    return started;
  };
  try {
    const load = (definition: PipelineInput): LoadedPipeline => ({ pipeline: definePipeline(definition), file: path.join(root, 'p.ts'), rootDir: root });
    await work({ server, store, root, input: pipelineFor(server, await closedPort()), serve, load });
  } finally {
    await Promise.all(extraServers.map((extra) => extra.close()));
    await store.close();
    await database.drop();
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** An article page the extractor reads in full: two paragraphs on the pause, under `title`; `head` adds to its <head>. */
function articlePage(title: string, head = ''): string {
  return (
    `<html><head><title>${title}</title>${head}</head><body><article><h1>${title}</h1>` +
    '<p>Leading AI labs discussed a verified global pause of frontier AI development on Monday, and governments said they would study how compute could be monitored.</p>' +
    '<p>Supporters argue the pause is overdue; critics call it unworkable and say it hands the lead to rivals.</p></article></body></html>'
  );
}

describe('a capture edited after it was read', () => {
  it('updates its stored article, score and story on the next run, and an unchanged capture is left alone', () =>
    withScenario(async ({ store, root, input, load }) => {
      mkdirSync(path.join(root, 'captures'));
      const capture = path.join(root, 'captures', 'labs.txt');
      const paragraph = 'Leading AI labs discussed a verified global pause of frontier AI development, and governments said they would study how compute could be monitored.';
      writeFileSync(capture, `Labs weigh a pause\n\n${paragraph}\n`);
      const loaded = load({ ...input, sources: [{ id: 'captures', kind: 'files', name: 'Captures', glob: 'captures/*.txt' }] });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      writeFileSync(capture, `Labs agree to a verified pause\n\n${paragraph}\n\nCorrection: the labs signed the agreement on Tuesday, not Monday.\n`);
      const { report } = await run(loaded, store, '2026-06-10T08:00:00.000Z');
      expect(report.sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 1 });
      const [article] = await store.db.selectFrom('articles').select(['id', 'title', 'text', 'updated_at']).execute();
      expect(article).toMatchObject({ title: 'Labs agree to a verified pause', text: expect.stringContaining('Correction: the labs signed'), updated_at: '2026-06-10T08:00:00.000Z' });
      expect(await store.db.selectFrom('stance_scores').select('scored_at').execute()).toEqual([{ scored_at: '2026-06-10T08:00:00.000Z' }]);
      expect(await store.db.selectFrom('stories').select('label').execute()).toEqual([{ label: 'Labs agree to a verified pause' }]);
      const again = await run(loaded, store, '2026-06-10T10:00:00.000Z');
      expect(again.report.sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 0 });
    }));
});

describe('a page without a headline', () => {
  it('is stored without a title, and shown by its first words in the digest and its story label', () =>
    withScenario(async ({ store, root, input, load }) => {
      mkdirSync(path.join(root, 'captures'));
      const paragraph = 'Leading AI labs discussed a verified global pause of frontier AI development, and governments said they would study how compute could be monitored.';
      writeFileSync(path.join(root, 'captures', 'untitled.html'), `<html><body><article><p>${paragraph}</p><p>${paragraph}</p></article></body></html>`);
      const loaded = load({ ...input, sources: [{ id: 'captures', kind: 'files', name: 'Captures', glob: 'captures/*.html' }], digest: { timeZone: 'UTC' } });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      expect(await store.db.selectFrom('articles').select('title').execute()).toEqual([{ title: null }]);
      const lead = 'Leading AI labs discussed a verified global pause of frontier AI development,…';
      expect(await store.db.selectFrom('stories').select('label').execute()).toEqual([{ label: lead }]);
      expect(readFileSync(path.join(root, 'data/digests/2026-06-10.md'), 'utf8')).toContain(lead);
    }));
});

describe('article pages whose charset label is wrong', () => {
  const title = 'Παύση της τεχνητής νοημοσύνης: τα εργαστήρια συζητούν';
  const paragraphs = [
    'Τα μεγάλα εργαστήρια τεχνητής νοημοσύνης συζήτησαν τη Δευτέρα μια επαληθεύσιμη παγκόσμια παύση της ανάπτυξης προηγμένων μοντέλων, και οι κυβερνήσεις είπαν ότι θα μελετήσουν πώς μπορεί να ελεγχθεί η υπολογιστική ισχύς.',
    'Οι υποστηρικτές λένε ότι η παύση έχει καθυστερήσει· οι επικριτές την αποκαλούν ανεφάρμοστη και λένε ότι δίνει το προβάδισμα σε αντιπάλους.',
  ];
  const greekPage = (meta: string) =>
    `<html><head>${meta}<title>${title}</title><meta name="author" content="Πέτρος Παπαδόπουλος"></head><body><article><h1>${title}</h1>` +
    `${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const frenchTitle = 'Le café des chercheurs: une «pause» vérifiée';
  const frenchText = 'Les laboratoires d’IA débattent d’une pause «vérifiée» du développement des modèles les plus avancés — une idée qui divise les États, les entreprises et les chercheurs.';
  const frenchPage = `<html><head><title>${frenchTitle}</title><meta name="author" content="Amélie Dupré"></head><body><article><h1>${frenchTitle}</h1><p>${frenchText}</p><p>${frenchText}</p></article></body></html>`;

  /** Runs a feed whose one untitled item (so the page's title is stored) links to a page served so; returns the stored article. */
  async function storedFrom(contentType: string, body: Buffer): Promise<{ title: string | null; byline: string | null; text: string }> {
    const stored: { title: string | null; byline: string | null; text: string }[] = [];
    await withScenario(async ({ store, input, serve, load }) => {
      const site = await serve({
        '/a.html': (_req, res) => res.writeHead(200, { 'content-type': contentType }).end(body),
        '/feed.xml': (req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><guid>a</guid><link>http://${req.headers.host}/a.html</link></item></channel></rss>`,
          ),
      });
      const { report } = await run(load({ ...input, sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${site.url}/feed.xml` }] }), store, '2026-06-10T06:00:00.000Z');
      expect(report.sources[0]).toMatchObject({ outcome: 'ok', itemErrors: [], articlesAdded: 1 });
      stored.push(...(await store.db.selectFrom('articles').select(['title', 'byline', 'text']).execute()));
    });
    expect(stored).toHaveLength(1);
    return stored[0]!;
  }

  it('UTF-8 under an ISO-8859-1 meta tag (a CMS writing its old default into the page) is stored as UTF-8', async () => {
    expect(await storedFrom('text/html', Buffer.from(greekPage('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')))).toEqual({ title, byline: 'Πέτρος Παπαδόπουλος', text: `${paragraphs[0]}\n\n${paragraphs[1]}` });
  });

  it('windows-1252 under a header saying UTF-8 (a server default) is stored as windows-1252', async () => {
    expect(await storedFrom('text/html; charset=UTF-8', iconv.encode(frenchPage, 'windows-1252'))).toEqual({ title: frenchTitle, byline: 'Amélie Dupré', text: frenchText });
  });
});

describe('a feed item linking to a PDF', () => {
  it('keeps the feed text and reports the link as not a page, instead of storing the file as the article', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const site = await serve({
        '/letter.pdf': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1')),
        '/feed.xml': (_req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            `<?xml version="1.0"?><rss version="2.0"><channel><title>Letters</title><item><title>Researchers sign a letter for a pause</title><guid>letter-1</guid><link>${site.url}/letter.pdf</link>` +
              '<description>Researchers ask the leading AI labs to pause frontier AI development until safety can be verified.</description><pubDate>Wed, 10 Jun 2026 05:00:00 GMT</pubDate></item></channel></rss>',
          ),
      });
      const loaded = load({ ...input, sources: [{ id: 'letters', kind: 'feed', name: 'Letters', url: `${site.url}/feed.xml` }] });
      const { report } = await run(loaded, store, '2026-06-10T06:00:00.000Z');
      expect(report.sources[0]!.itemErrors).toEqual([{ key: 'letter-1', error: { code: 'not_html', message: expect.stringContaining('served as application/pdf') } }]);
      const [article] = await store.db.selectFrom('articles').select(['text', 'partial', 'extract_error_code']).execute();
      expect(article).toEqual({ text: 'Researchers ask the leading AI labs to pause frontier AI development until safety can be verified.', partial: 1, extract_error_code: 'not_html' });
    }));
});

describe('an aggregator feed', () => {
  it('stores each item under the outlet the feed names for it, and alerts name that outlet', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const item = (guid: string, title: string, outlet: string) =>
        `<item><title>${title}</title><guid>${guid}</guid><link>https://news.example/${guid}</link><source url="https://${guid}.example">${outlet}</source>` +
        `<description>${title}. Labs and governments discuss a coordinated pause of frontier AI development.</description><pubDate>Wed, 10 Jun 2026 05:00:00 GMT</pubDate></item>`;
      const feed = await serve({
        '/search.xml': (_req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            `<?xml version="1.0"?><rss version="2.0"><channel><title>News search</title>${item('r1', 'Senators back a pause', 'Reuters')}${item('a1', 'Labs refuse a pause', 'AP')}</channel></rss>`,
          ),
      });
      const loaded = load({ ...input, sources: [{ id: 'search', kind: 'feed', name: 'News search', url: `${feed.url}/search.xml`, fetchArticles: false }] });
      const { console } = await run(loaded, store, '2026-06-10T06:00:00.000Z');
      expect(await store.db.selectFrom('articles').select(['item_key', 'site_name']).orderBy('item_key').execute()).toEqual([
        { item_key: 'a1', site_name: 'AP' },
        { item_key: 'r1', site_name: 'Reuters' },
      ]);
      expect(console).toMatch(/— Reuters, 2026-06-10 05:00 UTC/);
    }));
});

describe('a run that crosses midnight', () => {
  it('writes the digest of the day it began as well, which holds what it stored before midnight', () =>
    withScenario(async ({ store, root, input, serve, load }) => {
      const feed = await serve({
        '/late.xml': (_req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Late</title><item><title>Labs weigh a pause at midnight</title><guid>late-1</guid>' +
              '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item></channel></rss>',
          ),
      });
      const loaded = load({ ...input, sources: [{ id: 'late', kind: 'feed', name: 'Late', url: `${feed.url}/late.xml`, fetchArticles: false }], digest: { timeZone: 'UTC' } });
      // the clock passes midnight once the source is done, as on a slow run begun at 23:59
      let pastMidnight = false;
      const progress = { sourceFinished: () => void (pastMidnight = true), articleProcessed: () => {} };
      const now = () => new Date(pastMidnight ? '2026-06-11T00:00:20.000Z' : '2026-06-10T23:59:40.000Z');
      const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough());
      const report = await runPipeline({ loaded, store, channels, now, random: () => 0.5, progress });
      expect(report.digestPaths.map((file) => path.basename(file))).toEqual(['2026-06-10.md', '2026-06-10.json', '2026-06-11.md', '2026-06-11.json']);
      expect(readFileSync(path.join(root, 'data/digests/2026-06-10.md'), 'utf8')).toContain('Labs weigh a pause at midnight');
    }));
});

describe('links from feeds to private addresses', () => {
  it('are refused by default: the feed is read, its pages are not fetched, and the items keep the feed text', () =>
    withScenario(async ({ server, store, root, input }) => {
      const pipeline = definePipeline({
        ...input,
        sources: [{ id: 'policy-wire', kind: 'feed', name: 'Policy Wire', url: `${server.url}/feed-linking-elsewhere.xml` }],
        fetch: { perHostGapMs: 0, timeoutMs: 5_000 },
      });
      const { report } = await run({ pipeline, file: path.join(root, 'p.ts'), rootDir: root }, store, '2026-06-10T06:00:00.000Z');
      const source = report.sources[0]!;
      expect(source.outcome).toBe('ok');
      expect(source.itemErrors.map((e) => e.error.code)).toEqual(['private_address', 'private_address', 'private_address']);
      expect(server.hits.get('/opinion/stop-scaling.html')).toBeUndefined();
      const stored = await store.db.selectFrom('articles').select(['title', 'text']).orderBy('item_key').execute();
      expect(stored[0]).toMatchObject({ title: 'Labs should stop scaling until audits catch up' });
      expect(stored[0]!.text).toContain('proposed pause of frontier AI development');
      expect(existsSync(path.join(root, 'data/digests/2026-06-10.md'))).toBe(true);
    }));

  it('pages on the host the pipeline file names for the feed are fetched like the feed', () =>
    withScenario(async ({ server, store, root, input }) => {
      const pipeline = definePipeline({
        ...input,
        sources: input.sources.filter((s) => s.id === 'policy-wire'),
        fetch: { perHostGapMs: 0, timeoutMs: 5_000 },
      });
      const { report } = await run({ pipeline, file: path.join(root, 'p.ts'), rootDir: root }, store, '2026-06-10T06:00:00.000Z');
      expect(report.sources[0]).toMatchObject({ outcome: 'ok', itemErrors: [] });
      expect(server.hits.get('/opinion/stop-scaling.html')).toBe(1);
    }));

  it('trust in the feed\'s host holds on its port only: a link to another port of the same host is refused', () =>
    withScenario(async ({ store, root, input, serve }) => {
      const page = articlePage('Labs weigh a pause');
      const otherPort = await serve({ '/internal.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page) });
      const feed = await serve({
        '/feed.xml': (req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>' +
              `<item><title>Same port</title><guid>1</guid><link>http://${req.headers.host}/story.html</link></item>` +
              `<item><title>Other port</title><guid>2</guid><link>${otherPort.url}/internal.html</link><description>Labs discuss a pause.</description></item>` +
              '</channel></rss>',
          ),
        '/story.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page),
      });
      const source = { id: 'wire', kind: 'feed' as const, name: 'Wire', url: `${feed.url}/feed.xml` };
      const pipeline = definePipeline({ ...input, sources: [source], fetch: { ...input.fetch, allowPrivateAddresses: false } });
      const { report } = await run({ pipeline, file: path.join(root, 'p.ts'), rootDir: root }, store, '2026-06-10T06:00:00.000Z');
      expect(report.sources[0]!.itemErrors.map((e) => [e.key, e.error.code])).toEqual([['2', 'private_address']]);
      expect(feed.hits.get('/story.html')).toBe(1);
      expect(otherPort.hits.get('/internal.html')).toBeUndefined();
    }));

  it('a feed URL from the pipeline file is trusted, but not a redirect from it to a private address on another host', () =>
    withScenario(async ({ store, root, input, serve }) => {
      const feed = await serve({});
      const otherHost = feed.url.replace('127.0.0.1', 'localhost');
      // Stands for a public outlet whose feed answers with a redirect to a metadata or intranet address.
      const routes = {
        '/feed.xml': (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(302, { location: '/moved-here.xml' }).end(),
        '/moved-here.xml': (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(302, { location: `${otherHost}/internal.xml` }).end(),
      };
      const server = await serve(routes);
      const source = { id: 'redirected', kind: 'feed' as const, name: 'Redirected', url: `${server.url}/feed.xml` };
      const pipeline = definePipeline({ ...input, sources: [source], fetch: { ...input.fetch, allowPrivateAddresses: false } });
      const { report } = await run({ pipeline, file: path.join(root, 'p.ts'), rootDir: root }, store, '2026-06-10T06:00:00.000Z');
      expect(report.sources[0]).toMatchObject({ outcome: 'failed', error: { code: 'private_address' } });
      expect(report.sources[0]!.error!.message).toMatch(/localhost:\d+ is a private or local address/);
      // the redirect on the trusted host was followed; the one to the other host was not
      expect(server.hits.get('/moved-here.xml')).toBe(1);
      expect(feed.hits.size).toBe(0);
    }));
  it('an address learnt from a permanent redirect is not trusted the way the pipeline file is', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const internal = await serve({ '/internal.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<rss/>') });
      const source = { id: 'moved', kind: 'feed' as const, name: 'Moved', url: `${internal.url}/feed.xml` };
      const loaded = load({ ...input, sources: [source], fetch: { ...input.fetch, allowPrivateAddresses: false } });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      // As if an earlier 301 had led to a public name that now resolves to an intranet or metadata address.
      const movedTo = `${internal.url.replace('127.0.0.1', 'localhost')}/internal.xml`;
      await store.db.updateTable('sources').set({ moved_to: movedTo }).where('id', '=', 'moved').execute();
      const { report } = await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
      expect(report.sources[0]).toMatchObject({ outcome: 'failed', error: { code: 'private_address' } });
      expect(internal.hits.get('/internal.xml')).toBeUndefined();
    }));
});

describe('an article reached through a second feed', () => {
  it('is stored as a duplicate of the first sighting without fetching its page again', () =>
    withScenario(async ({ server, store, root, input }) => {
      const policyWire = input.sources.filter((s) => s.id === 'policy-wire');
      const mirror = { id: 'mirror', kind: 'feed' as const, name: 'Mirror', url: `${server.url}/mirror.xml` };
      const first = definePipeline({ ...input, sources: policyWire });
      await run({ pipeline: first, file: path.join(root, 'p.ts'), rootDir: root }, store, '2026-06-10T06:00:00.000Z');
      expect(server.hits.get('/opinion/stop-scaling.html')).toBe(1);

      const both = definePipeline({ ...input, sources: [...policyWire, mirror] });
      const { report } = await run({ pipeline: both, file: path.join(root, 'p.ts'), rootDir: root }, store, '2026-06-10T08:00:00.000Z', { all: true });
      expect(report.sources.find((s) => s.sourceId === 'mirror')).toMatchObject({ outcome: 'ok', articlesAdded: 1, duplicates: 1 });
      expect(server.hits.get('/opinion/stop-scaling.html')).toBe(1);
      const rows = await store.db.selectFrom('articles').selectAll().where('canonical_url', '=', `${server.url}/opinion/stop-scaling.html`).orderBy('id').execute();
      expect(rows.map((r) => [r.source_id, r.duplicate_reason])).toEqual([['policy-wire', null], ['mirror', 'canonical_url']]);
      expect(rows[1]!.duplicate_of).toBe(rows[0]!.id);
      expect(rows[1]!.story_id).toBe(rows[0]!.story_id);

      // Seen again on a later run, the mirror's item is already known: nothing is added.
      const again = await run({ pipeline: both, file: path.join(root, 'p.ts'), rootDir: root }, store, '2026-06-10T09:00:00.000Z', { all: true });
      expect(again.report.articlesAdded).toBe(0);
    }));
});

describe('a feed whose items could not all be stored', () => {
  it('is read in full again on the next run, not answered "not modified", so no item is lost', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const ifNoneMatch: (string | null)[] = [];
      const item = (n: number) =>
        `<item><title>Labs weigh pause ${n}</title><guid>etag-${n}</guid><description>Labs and governments discuss a coordinated pause of frontier AI development, part ${n}.</description>` +
        `<pubDate>Tue, 09 Jun 2026 0${n}:00:00 GMT</pubDate></item>`;
      const feed = await serve({
        '/etag.xml': (req, res) => {
          ifNoneMatch.push((req.headers['if-none-match'] as string | undefined) ?? null);
          if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
          res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>ETag wire</title>${item(1)}${item(2)}</channel></rss>`);
        },
      });
      const source = { id: 'etag-wire', kind: 'feed' as const, name: 'ETag wire', url: `${feed.url}/etag.xml`, fetchArticles: false };
      const loaded = load({ ...input, sources: [source] });
      // The first run cannot store one of the two items (its scoring fails once).
      const real = createScorer(loaded.pipeline.topic, loaded.pipeline.stance);
      let calls = 0;
      const failingOnce: Scorer = {
        ...real,
        score: (article) => {
          if (++calls === 1) throw new Error('scorer unavailable');
          return real.score(article);
        },
      };
      const first = await run(loaded, store, '2026-06-10T06:00:00.000Z', { scorer: failingOnce });
      expect(first.report.sources[0]!.itemErrors.map((e) => e.error.code)).toEqual(['store']);
      const second = await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
      expect(second.report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1, itemErrors: [] });
      const third = await run(loaded, store, '2026-06-10T10:00:00.000Z', { all: true });
      expect(third.report.sources[0]!.outcome).toBe('not_modified');
      // the validators were sent only once every item was stored
      expect(ifNoneMatch).toEqual([null, null, '"v1"']);
      expect(await store.db.selectFrom('articles').select('item_key').orderBy('item_key').execute()).toEqual([{ item_key: 'etag-1' }, { item_key: 'etag-2' }]);
    }));
});

describe('an item its feed retitles', () => {
  it('stays one article and takes the new title on the next run', () =>
    withScenario(async ({ store, input, serve, load }) => {
      let title = 'Labs weigh a pause';
      const feed = await serve({
        '/retitled.xml': (_req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            `<?xml version="1.0"?><rss version="2.0"><channel><title>Retitled</title><item><title>${title}</title><guid>retitled-1</guid>` +
              '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description>' +
              '<pubDate>Tue, 09 Jun 2026 09:00:00 GMT</pubDate></item></channel></rss>',
          ),
      });
      const source = { id: 'retitled', kind: 'feed' as const, name: 'Retitled', url: `${feed.url}/retitled.xml`, fetchArticles: false };
      const loaded = load({ ...input, sources: [source] });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      title = 'Labs agree to weigh a verified pause';
      const { report } = await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
      expect(report.articlesAdded).toBe(0);
      const rows = await store.db.selectFrom('articles').select(['item_key', 'title', 'updated_at']).execute();
      expect(rows).toEqual([{ item_key: 'retitled-1', title: 'Labs agree to weigh a verified pause', updated_at: '2026-06-10T08:00:00.000Z' }]);
      // the story and the score follow the new headline
      expect(await store.db.selectFrom('stories').select('label').execute()).toEqual([{ label: 'Labs agree to weigh a verified pause' }]);
      const scores = await store.db.selectFrom('stance_scores').select(['scored_at']).execute();
      expect(scores).toEqual([{ scored_at: '2026-06-10T08:00:00.000Z' }]);
    }));
});

describe('an item whose GUID a feed reuses', () => {
  const item = (guid: string, title: string, link: string, day: string) =>
    `<item><title>${title}</title><guid isPermaLink="false">${guid}</guid><link>${link}</link>` +
    `<description>${title}: labs and governments discuss a coordinated pause of frontier AI development.</description><pubDate>${day} Jun 2026 09:00:00 GMT</pubDate></item>`;
  const rss = (items: string[]) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Recycled</title>${items.join('')}</channel></rss>`;

  it('for another story (new link and headline) stores the new story and leaves the old one as it was', () =>
    withScenario(async ({ store, input, serve, load }) => {
      let body = rss([item('g-a', 'Labs weigh a pause', 'https://news.example/a', 'Tue, 09')]);
      const feed = await serve({ '/recycled.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body) });
      const loaded = load({ ...input, sources: [{ id: 'recycled', kind: 'feed' as const, name: 'Recycled', url: `${feed.url}/recycled.xml`, fetchArticles: false }] });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      body = rss([item('g-a', 'Senate hearing on a verified pause', 'https://news.example/senate-hearing', 'Wed, 10')]);
      const second = await run(loaded, store, '2026-06-10T12:00:00.000Z', { all: true });
      expect(second.report.sources[0]).toMatchObject({ articlesAdded: 1, articlesUpdated: 0 });
      const rows = () => store.db.selectFrom('articles').select(['item_key', 'url', 'title']).orderBy('id').execute();
      expect(await rows()).toEqual([
        { item_key: 'g-a', url: 'https://news.example/a', title: 'Labs weigh a pause' },
        { item_key: 'https://news.example/senate-hearing', url: 'https://news.example/senate-hearing', title: 'Senate hearing on a verified pause' },
      ]);
      // and the next fetch of the same feed finds it stored
      const third = await run(loaded, store, '2026-06-10T18:00:00.000Z', { all: true });
      expect(third.report.sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 0 });
      expect(await rows()).toHaveLength(2);
    }));

  it('is a retitle, not another story, when only the headline changed and the link redirects to the page', () =>
    withScenario(async ({ store, input, serve, load }) => {
      let title = 'Labs weigh a pause';
      const site = await serve({
        '/r/1': (_req, res) => res.writeHead(302, { location: '/a/1.html' }).end(),
        '/a/1.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage('Labs weigh a pause')),
        '/feed.xml': (req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([item('g-1', title, `http://${req.headers.host}/r/1`, 'Tue, 09')])),
      });
      const loaded = load({ ...input, sources: [{ id: 'tracked', kind: 'feed' as const, name: 'Tracked', url: `${site.url}/feed.xml` }] });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      title = 'Labs agree to weigh a verified pause';
      const second = await run(loaded, store, '2026-06-10T12:00:00.000Z', { all: true });
      expect(second.report.sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 1 });
      expect(await store.db.selectFrom('articles').select(['item_key', 'url', 'feed_link', 'title']).execute()).toEqual([
        { item_key: 'g-1', url: `${site.url}/a/1.html`, feed_link: `${site.url}/r/1`, title: 'Labs agree to weigh a verified pause' },
      ]);
    }));

  it('among items of one fetch, then alone in the next, stays the article it was stored as', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const first = item('same', 'Labs weigh a pause', 'https://news.example/s1', 'Tue, 09');
      let body = rss([first, item('same', 'Verification is the crux', 'https://news.example/s2', 'Tue, 09')]);
      const feed = await serve({ '/shared-guid.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body) });
      const loaded = load({ ...input, sources: [{ id: 'shared-guid', kind: 'feed' as const, name: 'Shared GUID', url: `${feed.url}/shared-guid.xml`, fetchArticles: false }] });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      body = rss([first]);
      const second = await run(loaded, store, '2026-06-10T12:00:00.000Z', { all: true });
      expect(second.report.sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 0 });
      expect(await store.db.selectFrom('articles').select('url').orderBy('id').execute()).toEqual([{ url: 'https://news.example/s1' }, { url: 'https://news.example/s2' }]);
    }));
});

describe('one feed listed under two sources', () => {
  it('is fetched once per run, its answer serving both, and conditionally only when both have read the same version', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const ifNoneMatch: (string | null)[] = [];
      const feed = await serve({
        '/shared.xml': (req, res) => {
          ifNoneMatch.push((req.headers['if-none-match'] as string | undefined) ?? null);
          if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
          res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Shared wire</title>' +
              '<item><title>Labs weigh a pause</title><guid>shared-1</guid><link>https://news.example/shared-1</link>' +
              '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description>' +
              '<pubDate>Tue, 09 Jun 2026 09:00:00 GMT</pubDate></item></channel></rss>',
          );
        },
      });
      const source = (id: string) => ({ id, kind: 'feed' as const, name: id, url: `${feed.url}/shared.xml`, fetchArticles: false });
      const loadedWith = (ids: string[]) => load({ ...input, sources: ids.map(source) });
      await run(loadedWith(['wire-a']), store, '2026-06-10T06:00:00.000Z');

      // wire-b is new: it has read nothing, so the shared fetch must not be conditional on wire-a's ETag.
      const second = await run(loadedWith(['wire-a', 'wire-b']), store, '2026-06-10T08:00:00.000Z', { all: true });
      expect(second.report.sources.map((s) => [s.sourceId, s.outcome, s.articlesAdded])).toEqual([['wire-a', 'ok', 0], ['wire-b', 'ok', 1]]);
      const third = await run(loadedWith(['wire-a', 'wire-b']), store, '2026-06-10T10:00:00.000Z', { all: true });
      expect(third.report.sources.map((s) => s.outcome)).toEqual(['not_modified', 'not_modified']);

      // Due for one of them is due for both: the feed is fetched once and both are brought up to date.
      await store.db.updateTable('sources').set({ next_check_at: '2027-01-01T00:00:00.000Z' }).where('id', '=', 'wire-b').execute();
      const fourth = await run(loadedWith(['wire-a', 'wire-b']), store, '2026-06-12T10:00:00.000Z');
      expect(fourth.report.sources.map((s) => s.outcome)).toEqual(['not_modified', 'not_modified']);
      const wireB = await store.db.selectFrom('sources').select('next_check_at').where('id', '=', 'wire-b').executeTakeFirstOrThrow();
      expect(wireB.next_check_at! < '2027-01-01').toBe(true);

      expect(ifNoneMatch).toEqual([null, null, '"v1"', '"v1"']);
    }));

  it('is fetched once when its URLs differ only in what the request does not carry (case of the host, a fragment, an empty query) or in escapes', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const feed = await serve({
        '/wire.xml': (_req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>' +
              '<item><title>Labs weigh a pause</title><guid>w-1</guid><link>https://news.example/w-1</link></item></channel></rss>',
          ),
      });
      const spellings = [`${feed.url}/wire.xml`, `${feed.url}/wire.xml#latest`, `${feed.url.replace('http://', 'HTTP://')}/./wire.xml?`, `${feed.url}/%77ire.xml`];
      const loaded = load({ ...input, sources: spellings.map((url, i) => ({ id: `wire-${i}`, kind: 'feed' as const, name: `wire ${i}`, url, fetchArticles: false })) });
      const { report } = await run(loaded, store, '2026-06-10T06:00:00.000Z');
      expect(report.sources.map((s) => [s.outcome, s.articlesAdded])).toEqual([['ok', 1], ['ok', 1], ['ok', 1], ['ok', 1]]);
      expect(feed.hits.get('/wire.xml')).toBe(1);
    }));

  it('is judged due or not once per run, even when one of them falls due while the run goes on', () =>
    withScenario(async ({ store, input, serve, load }) => {
      let requests = 0;
      const feed = await serve({
        '/shared.xml': (_req, res) => {
          requests += 1;
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Shared wire</title>' +
              '<item><title>Labs weigh a pause</title><guid>shared-1</guid><link>https://news.example/shared-1</link></item></channel></rss>',
          );
        },
      });
      const loaded = load({ ...input, sources: ['wire-a', 'wire-b'].map((id) => ({ id, kind: 'feed' as const, name: id, url: `${feed.url}/shared.xml`, fetchArticles: false })) });
      // A clock that moves on by a millisecond at every reading, from the same start in every run.
      const start = Date.parse('2026-06-10T06:00:00.000Z');
      const tickingRun = async () => {
        let readings = 0;
        const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough());
        const { sources } = await runPipeline({ loaded, store, channels, now: () => new Date(start + readings++), random: () => 0.5 });
        return { outcomes: sources.map((s) => s.outcome), readings };
      };
      const { readings } = await tickingRun();
      // wire-a is not due; wire-b falls due at each moment of the run in turn. Whenever the run reads the clock for
      // each source, both sources must get the same answer: skipped both, or one fetch serving both.
      const seen = new Set<string>();
      for (let offset = 1; offset <= readings; offset++) {
        // each last checked ten minutes before its next check, so isDue's margin is its floor, a minute
        const setNextCheck = (id: string, at: number) =>
          store.db.updateTable('sources').set({ next_check_at: new Date(at).toISOString(), last_checked_at: new Date(at - 600_000).toISOString() }).where('id', '=', id).execute();
        await setNextCheck('wire-a', start + 86_400_000);
        // (plus the minute before its time at which isDue counts a source as due)
        await setNextCheck('wire-b', start + 60_000 + offset);
        const before = requests;
        const { outcomes } = await tickingRun();
        expect({ offset, outcomes }).toEqual({ offset, outcomes: [outcomes[0], outcomes[0]] });
        expect(requests - before).toBe(outcomes[0] === 'not_due' ? 0 : 1);
        seen.add(outcomes[0]!);
      }
      // the sweep crossed the moment of the decision: early offsets fetch, late ones skip
      expect([...seen].sort()).toEqual(['not_due', 'not_modified']);
    }));
});

describe('a feed that trips an internal error', () => {
  it('is reported, and backs off like any failing feed instead of being fetched on every run', () =>
    withScenario(async ({ server, store, input, load }) => {
      const loaded = load({ ...input, sources: input.sources.filter((s) => s.id === 'policy-wire') });
      let calls = 0;
      const broken: Fetcher = async () => {
        calls += 1;
        throw new Error('fetcher bug');
      };
      const first = await run(loaded, store, '2026-06-10T06:00:00.000Z', { fetcher: broken });
      expect(first.report.sources[0]).toMatchObject({ outcome: 'failed', error: { code: 'internal' } });
      expect(first.report.sources[0]!.error!.message).toContain('fetcher bug');
      const row = await store.db.selectFrom('sources').selectAll().where('id', '=', 'policy-wire').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ error_streak: 1, last_error_code: 'internal' });
      expect(row.next_check_at! > '2026-06-10T06:00:00.000Z').toBe(true);

      const second = await run(loaded, store, '2026-06-10T06:00:30.000Z', { fetcher: broken });
      expect(second.report.sources[0]!.outcome).toBe('not_due');
      expect(calls).toBe(1);
      expect(server.hits.get('/feed.xml')).toBeUndefined();
    }));
});

describe('a feed that moved permanently', () => {
  it.each(['', '#latest'])('is read at its new address from then on, and at the pipeline file\'s URL again once the new one keeps failing (URL suffix %j)', (suffix) =>
    withScenario(async ({ store, input, serve, load }) => {
      const outlet = { oldRedirects: true, newFails: false };
      const feedBody = '<?xml version="1.0"?><rss version="2.0"><channel><title>Moving wire</title><item><title>Labs weigh a pause</title>' +
        '<guid>moving-1</guid><description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';
      const feed = await serve({
        '/old.xml': (_req, res) =>
          outlet.oldRedirects ? res.writeHead(301, { location: '/new.xml' }).end() : res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedBody),
        '/new.xml': (_req, res) =>
          outlet.newFails ? res.writeHead(404).end() : res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedBody),
      });
      const source = { id: 'moving', kind: 'feed' as const, name: 'Moving wire', url: `${feed.url}/old.xml${suffix}`, fetchArticles: false };
      const loaded = load({ ...input, sources: [source] });
      const movedTo = async () => (await store.db.selectFrom('sources').select('moved_to').where('id', '=', 'moving').executeTakeFirstOrThrow()).moved_to;
      let hour = 6;
      const runOnce = () => run(loaded, store, `2026-06-10T${String(hour++).padStart(2, '0')}:00:00.000Z`, { all: true });

      await runOnce();
      expect(await movedTo()).toBe(`${feed.url}/new.xml`);
      await runOnce();
      expect([feed.hits.get('/old.xml'), feed.hits.get('/new.xml')]).toEqual([1, 2]);

      // The outlet moves back: the new address now answers 404.
      Object.assign(outlet, { oldRedirects: false, newFails: true });
      for (let i = 0; i < 3; i++) expect((await runOnce()).report.sources[0]!.error?.code).toBe('http_404');
      expect([feed.hits.get('/old.xml'), feed.hits.get('/new.xml')]).toEqual([1, 5]);
      const back = await runOnce();
      // (the same bytes as before: answered, and not modified)
      expect(back.report.sources[0]!.outcome).toBe('not_modified');
      expect(await movedTo()).toBeNull();
      await runOnce();
      expect([feed.hits.get('/old.xml'), feed.hits.get('/new.xml')]).toEqual([3, 5]);
    }));
});

describe.each(dialects)('a feed recovered leniently, on $name', (dialect) => {
  it('leaves its warnings on the source until a changed document without any is read; a 304 keeps them', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const item = (id: string) =>
        `<item><title>Labs weigh a pause ${id}</title><guid>${id}</guid><description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item>`;
      const outlet = { body: `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire & Co</title>${item('w-1')}</channel></rss>` };
      const feed = await serve({
        '/feed.xml': (req, res) => {
          const etag = `"${createHash('sha1').update(outlet.body).digest('hex')}"`;
          if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
          res.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(outlet.body);
        },
      });
      const loaded = load({ ...input, sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${feed.url}/feed.xml`, fetchArticles: false }] });
      const stored = async () => {
        const row = await store.db.selectFrom('sources').selectAll().where('id', '=', 'wire').executeTakeFirstOrThrow();
        return { warnings: sourceWarnings(row), count: row.last_warning_count, at: row.last_warnings_at };
      };

      const first = await run(loaded, store, '2026-06-10T06:00:00.000Z', { all: true });
      expect(first.report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 1 });
      const recovered = await stored();
      expect(recovered.warnings).toEqual(first.report.sources[0]!.warnings);
      expect(recovered).toMatchObject({ count: 2, at: '2026-06-10T06:00:00.000Z', warnings: [expect.stringMatching(/^not well-formed XML/), expect.stringMatching(/^recovered /)] });
      // and the day's digest says the source was read with warnings
      const markdown = readFileSync(first.report.digestPaths.find((file) => file.endsWith('.md'))!, 'utf8');
      expect(markdown).toContain('| Wire | ok (2 warnings) |  |');

      // answered 304: the document they describe is still the feed's
      expect((await run(loaded, store, '2026-06-10T07:00:00.000Z', { all: true })).report.sources[0]!.outcome).toBe('not_modified');
      expect(await stored()).toEqual(recovered);

      // the outlet fixes its feed: the new document has nothing to say, and the warnings go
      outlet.body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire &amp; Co</title>${item('w-1')}${item('w-2')}</channel></rss>`;
      expect((await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true })).report.sources[0]).toMatchObject({ outcome: 'ok', warnings: [] });
      expect(await stored()).toEqual({ warnings: [], count: 0, at: null });
    }, dialect));
});

describe('a feed that moved permanently and retired its old URL', () => {
  it.each([404, 410])('is not lost when its new address was down for a while and the old one answers %i: the two take turns until one answers', (retired) =>
    withScenario(async ({ store, input, serve, load }) => {
      const outlet = { oldStatus: 301, newDown: false };
      const feedBody = '<?xml version="1.0"?><rss version="2.0"><channel><title>Retired wire</title><item><title>Labs weigh a pause</title>' +
        '<guid>retired-1</guid><description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item></channel></rss>';
      const feed = await serve({
        '/old.xml': (_req, res) => (outlet.oldStatus === 301 ? res.writeHead(301, { location: '/new.xml' }).end() : res.writeHead(outlet.oldStatus).end()),
        '/new.xml': (_req, res) => (outlet.newDown ? res.writeHead(503).end() : res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedBody)),
      });
      const source = { id: 'retired', kind: 'feed' as const, name: 'Retired wire', url: `${feed.url}/old.xml`, fetchArticles: false };
      const loaded = load({ ...input, sources: [source] });
      let hour = 6;
      const runOnce = async () => (await run(loaded, store, `2026-06-10T${String(hour++).padStart(2, '0')}:00:00.000Z`, { all: true })).report.sources[0]!;

      expect((await runOnce()).outcome).toBe('ok');
      Object.assign(outlet, { oldStatus: retired, newDown: true });
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 4; i++) codes.push((await runOnce()).error?.code);
      // three failures at the new address, then the old one is asked (and is retired)
      expect(codes).toEqual(['http_503', 'http_503', 'http_503', `http_${retired}`]);
      // a 410 from the old address does not mark the feed gone, or park it for a week
      const afterOld = await store.db.selectFrom('sources').select(['gone', 'next_check_at']).where('id', '=', 'retired').executeTakeFirstOrThrow();
      expect(afterOld.gone).toBe(0);
      expect(afterOld.next_check_at! < '2026-06-11T12:00:00.000Z').toBe(true);
      outlet.newDown = false;
      expect((await runOnce()).outcome).toBe('not_modified');
      const row = await store.db.selectFrom('sources').select(['moved_to', 'error_streak']).where('id', '=', 'retired').executeTakeFirstOrThrow();
      expect(row).toEqual({ moved_to: `${feed.url}/new.xml`, error_streak: 0 });
    }));
});

describe('a feed whose temporary redirect leads to a 410', () => {
  it('is an ordinary failure, retried on the failure schedule, not a feed gone and parked for a week', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const feed = await serve({
        '/feed.xml': (_req, res) => res.writeHead(302, { location: '/signed/expired.xml' }).end(),
        '/signed/expired.xml': (_req, res) => res.writeHead(410).end(),
      });
      const loaded = load({ ...input, sources: [{ id: 'signed', kind: 'feed', name: 'Signed', url: `${feed.url}/feed.xml`, fetchArticles: false }] });
      const { report } = await run(loaded, store, '2026-06-10T06:00:00.000Z', { all: true });
      expect(report.sources[0]).toMatchObject({ outcome: 'failed', error: { code: 'http_410' } });
      const row = await store.db.selectFrom('sources').select(['gone', 'next_check_at', 'next_check_reason']).where('id', '=', 'signed').executeTakeFirstOrThrow();
      expect(row.gone).toBe(0);
      expect(row.next_check_reason).not.toMatch(/410 Gone/);
      expect(row.next_check_at! < '2026-06-11T06:00:00.000Z').toBe(true);
    }));
});

describe('a feed address shared by two sources', () => {
  it('keeps the trust of the pipeline file that names its host, whichever source learnt it from a redirect', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const feedBody = (n: string) => '<?xml version="1.0"?><rss version="2.0"><channel><title>Private wire</title><item><title>Labs weigh a pause</title>' +
        `<guid>${n}</guid><description>Labs and governments discuss a coordinated pause of frontier AI development (wire ${n}).</description></item></channel></rss>`;
      const feed = await serve({
        '/a.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedBody('a-1')),
        '/b.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feedBody('b-1')),
      });
      const sources = [
        { id: 'wire-a', kind: 'feed' as const, name: 'A', url: `${feed.url.replace('127.0.0.1', 'localhost')}/a.xml`, fetchArticles: false },
        { id: 'wire-b', kind: 'feed' as const, name: 'B', url: `${feed.url}/b.xml`, fetchArticles: false },
      ];
      const loaded = load({ ...input, sources, fetch: { ...input.fetch, allowPrivateAddresses: false } });
      expect((await run(loaded, store, '2026-06-10T06:00:00.000Z')).report.sources.map((s) => s.outcome)).toEqual(['ok', 'ok']);
      // As if wire-a's URL had answered 301 to wire-b's.
      await store.db.updateTable('sources').set({ moved_to: `${feed.url}/b.xml` }).where('id', '=', 'wire-a').execute();
      const second = await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
      // one fetch of b.xml, unconditional since the two had read different versions: new to wire-a, known to wire-b
      expect(second.report.sources.map((s) => [s.sourceId, s.outcome, s.articlesAdded])).toEqual([['wire-a', 'ok', 1], ['wire-b', 'ok', 0]]);
      expect(feed.hits.get('/b.xml')).toBe(2);
    }));
});

describe('a feed URL with a user name and password', () => {
  it('is fetched with them, and so are its pages, but neither messages, stored URLs nor the digest show them', () =>
    withScenario(async ({ store, root, input, serve, load }) => {
      const login = `Basic ${Buffer.from('reader:s3cret').toString('base64')}`;
      const page = articlePage('Members brief');
      const feed = await serve({
        '/private.xml': (_req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Members</title><item><title>Labs weigh a pause</title><guid>m-1</guid>' +
              '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item>' +
              '<item><title>Members brief</title><guid>m-2</guid><link>brief.html</link></item></channel></rss>',
          ),
        '/brief.html': (req, res) => (req.headers.authorization === login ? res.writeHead(200, { 'content-type': 'text/html' }).end(page) : res.writeHead(401).end()),
        '/page.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><p>Sign in</p></body></html>'),
      });
      const port = new URL(feed.url).port;
      const withCredentials = feed.url.replace('http://', 'http://reader:s3cret@');
      const loaded = load({
        ...input,
        sources: [
          { id: 'members', kind: 'feed' as const, name: 'Members', url: `${withCredentials}/private.xml` },
          { id: 'not-a-feed', kind: 'feed' as const, name: 'Not a feed', url: `${withCredentials}/page.html` },
        ],
      });
      const { report } = await run(loaded, store, '2026-06-10T06:00:00.000Z');
      expect(report.sources.map((s) => s.outcome)).toEqual(['ok', 'failed']);
      expect(report.sources[0]!.itemErrors).toEqual([]);
      expect(report.sources[1]!.error!.message).toContain(`http://***@127.0.0.1:${port}/page.html`);
      const stored = await store.db.selectFrom('articles').select(['url', 'title', 'text']).orderBy('item_key').execute();
      expect(stored.map((row) => [row.url, row.title])).toEqual([
        [`http://127.0.0.1:${port}/private.xml#m-1`, 'Labs weigh a pause'],
        [`http://127.0.0.1:${port}/brief.html`, 'Members brief'],
      ]);
      // the page answers only with the feed's login, and the item has no text of its own: its text is the page's
      expect(stored[1]!.text).toContain('Supporters argue the pause is overdue');
      const digest = readFileSync(path.join(root, 'data/digests/2026-06-10.md'), 'utf8');
      expect(JSON.stringify(report) + digest).not.toContain('s3cret');
    }));
});

describe('a feed item whose link changes only in a tracking parameter', () => {
  it('is the same article, updated, not stored again as its own duplicate', () =>
    withScenario(async ({ store, input, serve, load }) => {
      let edition = 1;
      const feed = await serve({
        '/utm.xml': (req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>' +
              `<item><title>${edition === 1 ? 'Labs weigh a pause' : 'Labs agree to weigh a pause'}</title>` +
              `<link>http://${req.headers.host}/story.html?utm_source=rss&amp;utm_content=${edition}</link>` +
              '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item></channel></rss>',
          ),
      });
      const loaded = load({ ...input, sources: [{ id: 'utm', kind: 'feed' as const, name: 'Wire', url: `${feed.url}/utm.xml`, fetchArticles: false }] });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      edition = 2;
      const { report } = await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
      expect(report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 0, duplicates: 0 });
      expect(await store.db.selectFrom('articles').select(['title', 'duplicate_of']).execute()).toEqual([{ title: 'Labs agree to weigh a pause', duplicate_of: null }]);
    }));

  it('but items that share one link (a status page, a changelog) stay items of their own', () =>
    withScenario(async ({ store, input, serve, load }) => {
      let items = ['s-1'];
      const feed = await serve({
        '/status.xml': (req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Status</title>' +
              items.map((guid) => `<item><title>Incident ${guid}: labs pause a training run</title><guid>${guid}</guid><link>http://${req.headers.host}/status</link></item>`).join('') +
              '</channel></rss>',
          ),
      });
      const loaded = load({ ...input, sources: [{ id: 'status', kind: 'feed' as const, name: 'Status', url: `${feed.url}/status.xml`, fetchArticles: false }] });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      items = ['s-2'];
      const second = await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
      items = ['s-3', 's-2'];
      const third = await run(loaded, store, '2026-06-10T10:00:00.000Z', { all: true });
      expect([second, third].map(({ report }) => report.sources[0]!.articlesAdded)).toEqual([1, 1]);
      const titles = await store.db.selectFrom('articles').select(['item_key', 'title']).orderBy('item_key').execute();
      expect(titles).toEqual(['s-1', 's-2', 's-3'].map((guid) => ({ item_key: guid, title: `Incident ${guid}: labs pause a training run` })));
    }));
});

describe('a feed item dated years ahead', () => {
  it('is dated by when it was first seen, with a warning, so a broken clock cannot push trends into 2099', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const page = articlePage('Labs weigh a pause', '<meta property="article:published_time" content="2099-01-01T00:00:00Z">');
      const feed: { url: string } = await serve({
        '/c-1.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page),
        '/clock.xml': (_req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Clock</title>' +
              // its page says 2099 too: a broken clock usually breaks both
              `<item><title>Labs weigh a pause</title><guid>c-1</guid><link>${feed.url}/c-1.html</link><pubDate>Thu, 01 Jan 2099 00:00:00 GMT</pubDate></item>` +
              '<item><title>Tomorrow, by time zone</title><guid>c-2</guid><pubDate>Thu, 11 Jun 2026 02:00:00 GMT</pubDate></item>' +
              '</channel></rss>',
          ),
      });
      const loaded = load({ ...input, sources: [{ id: 'clock', kind: 'feed' as const, name: 'Clock', url: `${feed.url}/clock.xml` }] });
      const { report } = await run(loaded, store, '2026-06-10T06:00:00.000Z');
      expect(report.sources[0]!.warnings).toContain('1 new item dated more than a day ahead (as 2099-01-01): dated by when first seen instead');
      const stored = await store.db.selectFrom('articles').select(['item_key', 'published_at']).orderBy('item_key').execute();
      expect(stored).toEqual([{ item_key: 'c-1', published_at: null }, { item_key: 'c-2', published_at: '2026-06-11T02:00:00.000Z' }]);
      // said once, when the item is new
      const again = await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
      expect(again.report.sources[0]!.warnings.filter((w) => w.includes('ahead'))).toEqual([]);
    }));
});

describe('a feed item without a link', () => {
  it('is stored with the feed\'s own text, and the feed is not fetched again as if it were the item\'s page', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const feed = await serve({
        '/linkless.xml': (_req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Linkless</title><item><title>Labs weigh a pause</title>' +
              '<description>Labs and governments discuss a coordinated pause of frontier AI development.</description></item>' +
              '<item><title>Chip exports tighten</title><description>New export rules for advanced chips take effect next month.</description></item>' +
              '</channel></rss>',
          ),
      });
      const source = { id: 'linkless', kind: 'feed' as const, name: 'Linkless', url: `${feed.url}/linkless.xml` };
      const loaded = load({ ...input, sources: [source] });
      const { report } = await run(loaded, store, '2026-06-10T06:00:00.000Z');
      // two different items, neither a duplicate of the other for sharing the feed's address
      expect(report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 2, duplicates: 0, itemErrors: [] });
      expect(feed.hits.get('/linkless.xml')).toBe(1);
      const stored = await store.db.selectFrom('articles').select(['title', 'text', 'duplicate_of']).orderBy('id').execute();
      expect(stored[0]).toEqual({ title: 'Labs weigh a pause', text: 'Labs and governments discuss a coordinated pause of frontier AI development.', duplicate_of: null });
      expect(stored[1]!.duplicate_of).toBeNull();
    }));
});

describe('a feed whose server answered 429 with Retry-After', () => {
  it('is left alone until then, even by --all', () =>
    withScenario(async ({ store, input, serve, load }) => {
      // on a host of its own: its 429 holds back every other request to its host in the run
      const busy = await serve({ '/busy.xml': (_req, res) => res.writeHead(429, { 'retry-after': '7200' }).end() });
      const feed = await serve({
        '/broken.xml': (_req, res) => res.writeHead(500).end(),
        '/unavailable.xml': (_req, res) => res.writeHead(503).end(),
      });
      const sources = [
        { id: 'busy', kind: 'feed' as const, name: 'Busy', url: `${busy.url}/busy.xml` },
        { id: 'broken', kind: 'feed' as const, name: 'Broken', url: `${feed.url}/broken.xml` },
        { id: 'unavailable', kind: 'feed' as const, name: 'Unavailable', url: `${feed.url}/unavailable.xml` },
      ];
      const loaded = load({ ...input, sources });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      const forced = await run(loaded, store, '2026-06-10T06:01:00.000Z', { all: true });
      expect(forced.report.sources[0]).toMatchObject({ outcome: 'not_due', nextCheck: { reason: 'the server asked to wait (http_429, Retry-After)' } });
      expect(Date.parse(forced.report.sources[0]!.nextCheck!.at)).toBeGreaterThanOrEqual(Date.parse('2026-06-10T08:00:00.000Z'));
      // --all still forces the feeds that merely failed, a 503 without Retry-After included (asked once more each run,
      // slower, as such a 503 may ask to slow down)
      expect(forced.report.sources[1]).toMatchObject({ outcome: 'failed', error: { code: 'http_500' } });
      expect(forced.report.sources[2]).toMatchObject({ outcome: 'failed', error: { code: 'http_503' } });
      expect([busy.hits.get('/busy.xml'), feed.hits.get('/broken.xml'), feed.hits.get('/unavailable.xml')]).toEqual([1, 2, 4]);
      const later = await run(loaded, store, '2026-06-10T08:01:00.000Z');
      expect(later.report.sources[0]!.outcome).toBe('failed');
      expect(busy.hits.get('/busy.xml')).toBe(2);
    }));
});

describe('a feed whose server asks for a long cache lifetime', () => {
  /** A feed whose every answer asks to be cached for 30 days, in a pipeline of its own. */
  const cachedFeed = async (serve: Scenario['serve'], load: Scenario['load'], input: PipelineInput) => {
    const feed = await serve({
      '/cached.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=2592000' }).end(
          '<?xml version="1.0"?><rss version="2.0"><channel><title>Cached</title><item><title>Labs weigh a pause</title><guid>c-1</guid></item></channel></rss>',
        ),
    });
    return { feed, loaded: load({ ...input, sources: [{ id: 'cached', kind: 'feed' as const, name: 'Cached', url: `${feed.url}/cached.xml`, fetchArticles: false }] }) };
  };

  it('is checked again within a day, and the stored reason says who held it back', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const { loaded } = await cachedFeed(serve, load, input);
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      const row = await store.db.selectFrom('sources').select(['next_check_at', 'next_check_reason']).where('id', '=', 'cached').executeTakeFirstOrThrow();
      expect(row).toEqual({ next_check_at: '2026-06-11T06:00:00.000Z', next_check_reason: expect.stringMatching(/raised to 24 h by Cache-Control max-age \(capped\)$/) });
      const { report } = await run(loaded, store, '2026-06-10T12:00:00.000Z');
      expect(report.sources[0]).toMatchObject({ outcome: 'not_due', nextCheck: { at: '2026-06-11T06:00:00.000Z', reason: `scheduled: ${row.next_check_reason}` } });
    }));

  it('is checked by every run of a daily cron, though each check ends a little after its run began', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const { feed, loaded } = await cachedFeed(serve, load, input);
      // a clock that runs from 06:00 each day, as the runs cron starts do; each check ends some time into its run
      const ticking = (iso: string) => {
        const started = Date.now();
        return () => new Date(Date.parse(iso) + (Date.now() - started));
      };
      for (const day of ['10', '11', '12']) {
        const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough());
        const report = await runPipeline({ loaded, store, channels, now: ticking(`2026-06-${day}T06:00:00.000Z`), random: () => 0.5 });
        expect(report.sources[0]!.outcome).not.toBe('not_due');
      }
      expect(feed.hits.get('/cached.xml')).toBe(3);
    }));
});

describe("a feed's server that says how long an answer stays fresh", () => {
  it.each(dialects)('keeps the max-age of its 200 when its 304s leave Cache-Control out ($name)', (dialect) =>
    withScenario(async ({ store, input, serve, load }) => {
      // as many CMSs answer If-None-Match: a bare 304 with the validator alone
      const feed = await serve({
        '/daily.xml': (req, res) => {
          if (req.headers['if-none-match'] === '"d1"') return res.writeHead(304, { etag: '"d1"' }).end();
          res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"d1"', 'cache-control': 'max-age=86400' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title><item><title>Labs weigh a pause</title><guid>d-1</guid></item></channel></rss>',
          );
        },
      });
      const loaded = load({ ...input, sources: [{ id: 'daily', kind: 'feed' as const, name: 'Daily', url: `${feed.url}/daily.xml`, fetchArticles: false }] });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      const revalidated = await run(loaded, store, '2026-06-10T06:10:00.000Z', { all: true });
      expect(revalidated.report.sources[0]).toMatchObject({ outcome: 'not_modified', nextCheck: { at: '2026-06-11T06:10:00.000Z' } });
      expect(revalidated.report.sources[0]!.nextCheck!.reason).toMatch(/raised to 24 h by the last full answer's Cache-Control or Expires$/);
      // and again on the next 304: what the 200 said stays until an answer says otherwise
      const again = await run(loaded, store, '2026-06-11T06:10:00.000Z');
      expect(again.report.sources[0]).toMatchObject({ outcome: 'not_modified', nextCheck: { at: '2026-06-12T06:10:00.000Z' } });
      expect(feed.hits.get('/daily.xml')).toBe(3);
    }, dialect));

  it('forgets it when a 304 says no-cache, and the bare 304s after it keep nothing', () =>
    withScenario(async ({ store, input, serve, load }) => {
      let answers: { status: number; headers: Record<string, string> }[] = [];
      const feed = await serve({
        '/feed.xml': (_req, res) => {
          const { status, headers } = answers.shift()!;
          res.writeHead(status, { etag: '"v"', ...headers }).end(status === 304 ? undefined : '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>A pause</title><guid>f-1</guid></item></channel></rss>');
        },
      });
      const loaded = load({ ...input, sources: [{ id: 'f', kind: 'feed' as const, name: 'F', url: `${feed.url}/feed.xml`, fetchArticles: false }] });
      const nextAt = async (at: string) => (await run(loaded, store, at, { all: true })).report.sources[0]!.nextCheck!;
      answers = [{ status: 200, headers: { 'cache-control': 'max-age=86400' } }, { status: 304, headers: { 'cache-control': 'no-cache' } }, { status: 304, headers: {} }];
      await nextAt('2026-06-10T06:00:00.000Z');
      expect((await nextAt('2026-06-10T06:10:00.000Z')).reason).not.toMatch(/raised/);
      expect((await nextAt('2026-06-10T06:20:00.000Z')).reason).not.toMatch(/raised/);
    }));
});

describe('a feed failing with a Retry-After its status does not ask for', () => {
  it('is retried on its backoff, and by --all, not held for the week a 404 or a 500 carried', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const feed = await serve({
        '/missing.xml': (_req, res) => res.writeHead(404, { 'retry-after': '604800' }).end(),
        '/broken.xml': (_req, res) => res.writeHead(500, { 'retry-after': '86400' }).end(),
      });
      const source = (id: string) => ({ id, kind: 'feed' as const, name: id, url: `${feed.url}/${id}.xml` });
      const loaded = load({ ...input, sources: [source('missing'), source('broken')] });
      const { report } = await run(loaded, store, '2026-06-10T06:00:00.000Z');
      for (const checked of report.sources) {
        expect(checked).toMatchObject({ outcome: 'failed', nextCheck: { heldByServer: false } });
        expect(checked.nextCheck!.reason).not.toMatch(/Retry-After/);
        expect(Date.parse(checked.nextCheck!.at)).toBeLessThanOrEqual(Date.parse('2026-06-10T06:15:00.000Z'));
      }
      const forced = await run(loaded, store, '2026-06-10T06:01:00.000Z', { all: true });
      expect(forced.report.sources.map((checked) => checked.outcome)).toEqual(['failed', 'failed']);
      expect([feed.hits.get('/missing.xml'), feed.hits.get('/broken.xml')]).toEqual([2, 2]);
    }));

  it('says a Retry-After longer than the longest wait kept was capped', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const feed = await serve({ '/month.xml': (_req, res) => res.writeHead(503, { 'retry-after': String(30 * 86_400) }).end() });
      const loaded = load({ ...input, sources: [{ id: 'month', kind: 'feed' as const, name: 'Month', url: `${feed.url}/month.xml` }] });
      const { report } = await run(loaded, store, '2026-06-10T06:00:00.000Z');
      expect(report.sources[0]!.nextCheck!.reason).toMatch(/raised to 7 days by Retry-After \(capped\)$/);
    }));
});

describe('a source added to a feed address whose server asked to wait', () => {
  it('waits with the source that was told, even under --all, and says why', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const feed = await serve({ '/busy.xml': (_req, res) => res.writeHead(429, { 'retry-after': '7200' }).end() });
      const source = (id: string) => ({ id, kind: 'feed' as const, name: id, url: `${feed.url}/busy.xml` });
      await run(load({ ...input, sources: [source('wire-a')] }), store, '2026-06-10T06:00:00.000Z');
      const withNewSharer = load({ ...input, sources: [source('wire-a'), source('wire-b')] });
      for (const all of [false, true]) {
        const { report } = await run(withNewSharer, store, '2026-06-10T06:05:00.000Z', { all });
        expect(report.sources.map((s) => s.outcome)).toEqual(['not_due', 'not_due']);
        expect(report.sources[1]!.nextCheck).toEqual({ at: expect.any(String), reason: 'the server asked to wait (http_429, Retry-After)', heldByServer: true });
        expect(Date.parse(report.sources[1]!.nextCheck!.at)).toBeGreaterThanOrEqual(Date.parse('2026-06-10T08:00:00.000Z'));
      }
      expect(feed.hits.get('/busy.xml')).toBe(1);
      await run(withNewSharer, store, '2026-06-10T08:01:00.000Z', { all: true });
      expect(feed.hits.get('/busy.xml')).toBe(2);
    }));

  it("marks a failed feed's next check as held by its server when the Retry-After, not the backoff, sets it", () =>
    withScenario(async ({ store, input, serve, load }) => {
      const feed = await serve({
        '/week.xml': (_req, res) => res.writeHead(429, { 'retry-after': String(7 * 86_400) }).end(),
        '/second.xml': (_req, res) => res.writeHead(503, { 'retry-after': '1' }).end(),
      });
      const source = (id: string, file: string) => ({ id, kind: 'feed' as const, name: id, url: `${feed.url}/${file}` });
      const { report } = await run(load({ ...input, sources: [source('week', 'week.xml'), source('second', 'second.xml')] }), store, '2026-06-10T06:00:00.000Z');
      expect(report.sources.map((s) => [s.sourceId, s.outcome, s.nextCheck?.heldByServer])).toEqual([
        ['week', 'failed', true],
        ['second', 'failed', false],
      ]);
    }));
});

describe('an article page that failed for a passing reason', () => {
  it('is asked for again on later runs, three times in all, and the article takes its text; a 404 is not asked for again', () =>
    withScenario(async ({ store, input, serve, load }) => {
      let flakyUp = false;
      const feed = await serve({
        '/flaky.xml': (req, res) => {
          const base = `http://${req.headers.host}`;
          const item = (slug: string) =>
            `<item><title>Labs weigh a pause (${slug})</title><link>${base}/art/${slug}</link><guid>${slug}</guid><description>Labs weigh a pause.</description></item>`;
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Flaky</title>${item('flaky')}${item('down')}${item('missing')}</channel></rss>`);
        },
        '/art/flaky': (_req, res) => (flakyUp ? res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage('Labs weigh a pause')) : res.writeHead(503).end()),
        '/art/down': (_req, res) => res.writeHead(503).end(),
        '/art/missing': (_req, res) => res.writeHead(404).end(),
      });
      const source = { id: 'flaky', kind: 'feed' as const, name: 'Flaky', url: `${feed.url}/flaky.xml` };
      const loaded = load({ ...input, sources: [source] });
      const first = await run(loaded, store, '2026-06-10T06:00:00.000Z');
      expect(first.report.sources[0]!.itemErrors.map((e) => e.error.code).sort()).toEqual(['http_404', 'http_503', 'http_503']);

      flakyUp = true;
      // The feed has not changed (answered "not modified"), but the pages that may come back are asked for again.
      const second = await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
      expect(second.report.sources[0]!.outcome).toBe('not_modified');
      // a retry that fails again is a warning, not a new item error (the run does not exit 1 for it again)
      expect(second.report.sources[0]!.itemErrors).toEqual([]);
      expect(second.report.sources[0]!.warnings).toEqual([expect.stringMatching(/^down: article page .*\/art\/down: HTTP 503 .*\(try 2 of 3\)$/)]);
      const row = async (key: string) =>
        store.db.selectFrom('articles').select(['id', 'partial', 'word_count', 'extract_error', 'page_attempts']).where('item_key', '=', key).executeTakeFirstOrThrow();
      const flaky = await row('flaky');
      expect(flaky).toMatchObject({ extract_error: null, page_attempts: 2 });
      expect(flaky.word_count).toBeGreaterThan(30);
      // scored again, from the page's text, in place of the score from the feed's one line
      const scores = await store.db.selectFrom('stance_scores').select('scored_at').where('article_id', '=', flaky.id).execute();
      expect(scores).toEqual([{ scored_at: '2026-06-10T08:00:00.000Z' }]);

      for (const hour of ['10', '12', '14']) await run(loaded, store, `2026-06-10T${hour}:00:00.000Z`, { all: true });
      // each 503 asked once more, slower (it may ask to slow down), within the same try
      expect([feed.hits.get('/art/flaky'), feed.hits.get('/art/down'), feed.hits.get('/art/missing')]).toEqual([3, 6, 1]);
      expect(await row('down')).toMatchObject({ partial: 1, page_attempts: 3 });
    }));

  it('is asked for again when its TLS handshake failed (a certificate lapsed for hours is renewed)', () =>
    withScenario(async ({ store, input, serve, load }) => {
      // a port that answers no TLS: every handshake fails, its connections counted
      const sockets: net.Socket[] = [];
      const noTls = net.createServer((socket) => {
        sockets.push(socket);
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      });
      await new Promise<void>((resolve) => noTls.listen(0, '127.0.0.1', resolve));
      try {
        const page = `https://127.0.0.1:${(noTls.address() as net.AddressInfo).port}/art/tls`;
        const feed = await serve({
          '/tls.xml': (_req, res) =>
            res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Labs weigh a pause</title><link>${page}</link><guid>tls</guid><description>Labs weigh a pause.</description></item></channel></rss>`),
        });
        const loaded = load({ ...input, sources: [{ id: 'tls', kind: 'feed' as const, name: 'TLS', url: `${feed.url}/tls.xml` }] });
        const first = await run(loaded, store, '2026-06-10T06:00:00.000Z');
        expect(first.report.sources[0]!.itemErrors.map((e) => e.error.code)).toEqual(['tls']);
        const second = await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
        expect(second.report.sources[0]!.warnings).toEqual([expect.stringMatching(/^tls: article page .*\/art\/tls: TLS error .*\(try 2 of 3\)$/)]);
        expect(sockets).toHaveLength(2);
      } finally {
        sockets.forEach((socket) => socket.destroy());
        await new Promise((resolve) => noTls.close(resolve));
      }
    }));
});

describe('the page budget of a feed', () => {
  it('fetches the pages of the newest items only, and says how many kept their feed text', () =>
    withScenario(async ({ store, input, serve, load }) => {
      const feed = await serve({
        '/busy.xml': (req, res) => {
          const base = `http://${req.headers.host}`;
          const items = [1, 2, 3]
            .map((n) => `<item><title>Labs weigh a pause, part ${n}</title><link>${base}/art/${n}</link><guid>p${n}</guid><pubDate>Tue, 09 Jun 2026 0${n}:00:00 GMT</pubDate><description>Labs weigh a pause.</description></item>`)
            .join('');
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Busy</title>${items}</channel></rss>`);
        },
      });
      const source = { id: 'busy', kind: 'feed' as const, name: 'Busy', url: `${feed.url}/busy.xml` };
      const loaded = load({ ...input, sources: [source], fetch: { ...input.fetch, maxArticlesPerFeed: 1 } });
      const { report } = await run(loaded, store, '2026-06-10T06:00:00.000Z');
      expect(report.sources[0]!.warnings).toContain('2 new items keep their feed text only: pages are fetched for the 1 newest per run (fetch.maxArticlesPerFeed)');
      expect([feed.hits.get('/art/3'), feed.hits.get('/art/2'), feed.hits.get('/art/1')]).toEqual([1, undefined, undefined]);
    }));
});

describe('a syndicated copy whose page could only be read on a retry', () => {
  it('is found to be a duplicate of the original once its text is known', () =>
    withScenario(async ({ store, input, serve, load }) => {
      let copyUp = false;
      const body =
        '<html><head><title>Labs weigh a pause</title></head><body><article><h1>Labs weigh a pause</h1>' +
        '<p>Leading AI labs discussed a verified global pause of frontier AI development on Monday, and governments said they would study how compute could be monitored across borders.</p>' +
        '<p>Supporters argue the pause is overdue; critics call it unworkable and say it hands the lead to rivals who will not stop.</p></article></body></html>';
      const feed = await serve({
        '/a.xml': (req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>A</title><item><title>Labs weigh a pause</title><link>http://${req.headers.host}/a/wire</link><guid>a1</guid><pubDate>Tue, 09 Jun 2026 08:00:00 GMT</pubDate><description>Labs weigh a pause.</description></item></channel></rss>`),
        '/b.xml': (req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><item><title>Labs weigh a pause (wire)</title><link>http://${req.headers.host}/b/wire</link><guid>b1</guid><pubDate>Tue, 09 Jun 2026 09:00:00 GMT</pubDate><description>From the wires.</description></item></channel></rss>`),
        '/a/wire': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body),
        '/b/wire': (_req, res) => (copyUp ? res.writeHead(200, { 'content-type': 'text/html' }).end(body) : res.writeHead(503).end()),
      });
      const sources = [
        { id: 'wire-a', kind: 'feed' as const, name: 'A', url: `${feed.url}/a.xml` },
        { id: 'wire-b', kind: 'feed' as const, name: 'B', url: `${feed.url}/b.xml` },
      ];
      const loaded = load({ ...input, sources });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      copyUp = true;
      await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
      const rows = await store.db.selectFrom('articles').select(['id', 'item_key', 'duplicate_of', 'story_id', 'extract_error']).orderBy('id').execute();
      const [original, copy] = [rows.find((r) => r.item_key === 'a1')!, rows.find((r) => r.item_key === 'b1')!];
      expect(copy).toMatchObject({ duplicate_of: original.id, story_id: original.story_id, extract_error: null });
      // the story the snippet had been put in is gone with its only article, not left listed with none
      expect(await store.db.selectFrom('stories').select('id').execute()).toEqual([{ id: original.story_id }]);
    }));

  it('a snippet alone in its story is placed again by its page text once it is read', () =>
    withScenario(async ({ store, input, serve, load }) => {
      let pageUp = false;
      const feed = await serve({
        '/a.xml': (req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>A</title><item><title>Senate hearing on an AI pause</title><link>http://${req.headers.host}/a/1</link><guid>a1</guid><pubDate>Tue, 09 Jun 2026 08:00:00 GMT</pubDate></item></channel></rss>`),
        '/b.xml': (req, res) =>
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>B</title><item><title>Weekend column</title><link>http://${req.headers.host}/b/1</link><guid>b1</guid><pubDate>Tue, 09 Jun 2026 09:00:00 GMT</pubDate><description>Our columnist on the week.</description></item></channel></rss>`),
        '/a/1': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(hearingPage('Senate hearing on an AI pause', 'Senators questioned Anthropic and OpenAI executives on Tuesday about a verified pause of frontier AI training, asking how compute audits would work.')),
        '/b/1': (_req, res) => (pageUp ? res.writeHead(200, { 'content-type': 'text/html' }).end(hearingPage('What the senators asked the AI labs', 'At Tuesday\'s Senate hearing, senators pressed Anthropic and OpenAI executives on a verified pause of frontier AI training and on compute audits.')) : res.writeHead(503).end()),
      });
      const loaded = load({ ...input, sources: [{ id: 'a', kind: 'feed', name: 'A', url: `${feed.url}/a.xml` }, { id: 'b', kind: 'feed', name: 'B', url: `${feed.url}/b.xml` }] });
      await run(loaded, store, '2026-06-10T06:00:00.000Z');
      const storyOf = async (key: string) => (await store.db.selectFrom('articles').select('story_id').where('item_key', '=', key).executeTakeFirstOrThrow()).story_id;
      expect(await storyOf('b1')).not.toBe(await storyOf('a1'));
      pageUp = true;
      await run(loaded, store, '2026-06-10T08:00:00.000Z', { all: true });
      expect(await storyOf('b1')).toBe(await storyOf('a1'));
      expect((await store.db.selectFrom('stories').select('id').execute()).length).toBe(1);
    }));
});

/** A news page on the Senate hearing: its headline and lead, and a second paragraph shared by the coverage. */
function hearingPage(title: string, lead: string): string {
  return (
    `<html><head><title>${title}</title></head><body><article><h1>${title}</h1><p>${lead}</p>` +
    '<p>Lawmakers said the hearing would shape a bill on frontier AI oversight, while lab executives warned that a pause without verification would not hold.</p></article></body></html>'
  );
}
