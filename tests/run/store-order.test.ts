import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';
import { pauseTopic } from '../helpers/pause-topic.ts';
import { loadPauseDebate, type LabelledArticle } from '../dedup/pause-debate.ts';

/**
 * Which article is the original and which story an article joins depend on what is stored before it. Feeds are
 * fetched side by side, so which answers first is chance (a slow server, a busy night); the stories a user reads must
 * not be. Three feeds cover a Senate hearing and a poll of the same days (real coverage from the labelled fixture),
 * and the second carries the first's wire report under its own headline and URL: whatever order the servers answer in,
 * two runs on fresh databases store the same originals and the same stories.
 */
const FEEDS: Record<string, string[]> = {
  wire: ['poll-wire.txt', 'hearing-wire.txt'],
  politics: ['hearing-politics.txt', 'poll-politics.txt'],
  local: ['hearing-local.txt', 'poll-newsletter.txt'],
};
/** The politics desk reprints the wire's hearing report: same text, its own headline and link, an hour later. */
const REPRINT = { of: 'hearing-wire.txt', title: 'Senate hearing: can a global AI pause be enforced?' };

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function item(base: string, key: string, title: string, text: string, publishedAt: string): string {
  const html = text.split(/\n\s*\n/).map((p) => `<p>${p.trim()}</p>`).join('');
  return `<item><title>${escapeXml(title)}</title><link>${base}/${key}</link><guid>${key}</guid><pubDate>${new Date(publishedAt).toUTCString()}</pubDate><description>${escapeXml(html)}</description></item>`;
}

function rss(feed: string, articles: readonly LabelledArticle[], base: string): string {
  const items = FEEDS[feed]!.map((name) => articles.find((a) => a.name === name)!).map((a) => item(base, `${feed}/${a.name.replace(/\.txt$/, '')}`, a.title!, a.text, a.publishedAt));
  if (feed === 'politics') {
    const original = articles.find((a) => a.name === REPRINT.of)!;
    items.push(item(base, 'politics/hearing-reprint', REPRINT.title, original.text, new Date(Date.parse(original.publishedAt) + 3_600_000).toISOString()));
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${feed}</title><link>${base}/</link>${items.join('')}</channel></rss>`;
}

describe.each(dialects)('stories and originals whatever order the feeds answer in, on $name', ({ fresh }) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /**
   * One run on a fresh database, each feed answering after its delay (ms); what it stored, by item key. A feed with a
   * negative delay answers 500, and is listed first.
   */
  async function runWithDelays(delays: Record<string, number>) {
    const articles = loadPauseDebate({ withSeeds: false });
    const server = await startServer(
      Object.fromEntries(
        Object.keys(delays).map((feed) => [
          `/${feed}.xml`,
          (req, res) =>
            delays[feed]! < 0
              ? res.writeHead(500).end()
              : setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(feed, articles, `http://${req.headers.host}`)), delays[feed]),
        ]),
      ),
    );
    cleanups.push(() => server.close());
    const database = await fresh();
    cleanups.push(() => database.drop());
    const store = await openStore(database.target);
    cleanups.push(() => store.close());
    const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-store-order-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const loaded: LoadedPipeline = {
      pipeline: definePipeline({
        id: 'store-order',
        name: 'Store order (test)',
        // the first source is the one the test makes slow
        sources: Object.keys(delays).map((id) => ({ id, kind: 'feed' as const, name: id, url: `${server.url}/${id}.xml`, fetchArticles: false })),
        topic: pauseTopic,
        // one server for all the feeds, asked side by side as separate outlets would be
        fetch: { allowPrivateAddresses: true, perHostGapMs: 0, perHostConcurrency: 4 },
        digest: { timeZone: 'UTC' },
        alerts: { channels: [] },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    const report = await runPipeline({ loaded, store, channels: [], now: () => new Date('2026-06-10T20:00:00.000Z'), random: () => 0.5 });
    expect(report.sources.map((s) => [s.sourceId, s.outcome, s.itemErrors])).toEqual(Object.keys(delays).map((id) => [id, delays[id]! < 0 ? 'failed' : 'ok', []]));
    const rows = await store.db.selectFrom('articles').select(['id', 'item_key', 'duplicate_of', 'story_id']).orderBy('id').execute();
    const stories = await store.db.selectFrom('stories').select(['id', 'label']).execute();
    const keyOf = new Map(rows.map((row) => [row.id, row.item_key]));
    const labelOf = new Map(stories.map((story) => [story.id, story.label]));
    const originals = Object.fromEntries(rows.map((row) => [row.item_key, row.duplicate_of === null ? null : keyOf.get(row.duplicate_of)]));
    // a story as its label and its articles: story ids are numbered in the order stories were opened
    const grouped = new Map<number, string[]>();
    for (const row of rows) grouped.set(row.story_id!, [...(grouped.get(row.story_id!) ?? []), row.item_key]);
    const storyList = [...grouped].map(([id, keys]) => ({ label: labelOf.get(id), articles: keys.sort() })).sort((a, b) => a.articles[0]!.localeCompare(b.articles[0]!));
    return { originals, stories: storyList };
  }

  it('are those of the pipeline file order when the first source answers last, and the same when it answers first', async () => {
    const firstSlowest = await runWithDelays({ wire: 600, politics: 300, local: 0 });
    const firstFastest = await runWithDelays({ wire: 0, politics: 300, local: 600 });
    // the reprint is the copy: the wire, first in the pipeline file, was stored first, though it answered last
    expect(firstSlowest.originals['politics/hearing-reprint']).toBe('wire/hearing-wire');
    expect(firstSlowest.originals['wire/hearing-wire']).toBe(null);
    expect(firstFastest).toEqual(firstSlowest);
  });

  // a source that stores nothing must not hold up those after it: the run would never end
  it('are stored when a source before them fails', async () => {
    const afterFailure = await runWithDelays({ broken: -1, wire: 300, politics: 0, local: 0 });
    expect(afterFailure.originals['politics/hearing-reprint']).toBe('wire/hearing-wire');
    expect(Object.keys(afterFailure.originals)).toHaveLength(7);
  });
});
