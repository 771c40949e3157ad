import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerTrends } from '../../src/cli/commands/trends.ts';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import type { Route } from '../helpers/http-server.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * Syndicated copies of one article stored weeks apart: a feed added later whose backlog carries older articles, a
 * capture saved long after, a wire copy edited on the way. Each must count once, however long after the original it
 * is first seen.
 */

const HEADLINE = 'Labs and governments to study a verified pause of frontier AI';
const TEXT =
  'Leading AI labs and several governments agreed on Thursday to study a coordinated, verified pause of frontier AI development, ' +
  'according to officials who attended the closed meeting in Geneva. The proposal would halt training runs above an agreed compute ' +
  'threshold for six months while inspectors design audits of data centres. Supporters called the pause overdue and said it would give ' +
  'regulators time to catch up; critics warned that it cannot be verified and would hand the lead to rivals who refuse to stop. The labs ' +
  'said they would publish the draft terms of the agreement next week, and several governments promised to answer them within a month.';
/** The wire's copy: a dateline added, one word changed and a credit line at the end. */
const EDITED = `GENEVA (Wire) - ${TEXT.replace('closed meeting', 'private meeting')} (Reporting by the wire desk.)`;

interface Item {
  guid: string;
  title: string;
  /** Path on the test server, or a full URL. */
  link: string;
  pubDate?: string;
  text: string;
}

function rss(name: string, items: readonly Item[], base: string): string {
  const entries = items.map(
    (item) =>
      `<item><title>${item.title}</title><link>${item.link.startsWith('/') ? base + item.link : item.link}</link><guid>${item.guid}</guid>` +
      `${item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : ''}<description>${item.text}</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${name}</title><link>${base}/</link>${entries.join('')}</channel></rss>`;
}

/** Feed sources by id, read with their feed text only (the test serves no pages). */
const feedSource = (id: string, base: string) => ({ id, kind: 'feed' as const, name: id, url: `${base}/${id}.xml`, fetchArticles: false });

describe.each(dialects)('syndicated copies first seen weeks apart, on $name', ({ fresh }) => {
  let project: TempProject;
  let store: Store;
  /** What each feed serves on the next run. */
  const feeds = new Map<string, Item[]>();
  /** Whether the page of the article on the slow site answers (else 503). */
  let pageUp = false;

  beforeEach(async () => {
    feeds.clear();
    pageUp = false;
    const serve =
      (id: string): Route =>
      (req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(id, feeds.get(id) ?? [], `http://${req.headers.host}`));
    project = await tempProject({
      name: 'dedup-window',
      database: fresh,
      commands: [registerArticles, registerTrends],
      routes: {
        ...Object.fromEntries(['alpha', 'beta', 'wire', 'backlog', 'aggregator', 'later', 'slow', 'mirror'].map((id) => [`/${id}.xml`, serve(id)])),
        '/slow/pause-talks': (_req, res) =>
          pageUp
            ? res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>${HEADLINE}</title></head><body><article><h1>${HEADLINE}</h1><p>${TEXT}</p></article></body></html>`)
            : res.writeHead(503).end(),
      },
    });
    store = await openStore(project.database.target);
  });
  afterEach(async () => {
    await store?.close();
    await project?.remove();
  });

  function pipelineWith(sources: object[]): object {
    return { ...pipelineDefinition({ id: 'copies', name: 'Copies', sources, fetch: localFetch }), digest: { timeZone: 'UTC' } };
  }

  /** A run at `at` over these sources, as `pausewatch run --all` does; the pipeline file names them for the CLI too. */
  async function runAt(at: string, sources: object[]): Promise<void> {
    const definition = pipelineWith(sources);
    project.writePipeline(definition);
    const loaded: LoadedPipeline = { pipeline: definePipeline(definition as Parameters<typeof definePipeline>[0]), file: project.pipelineFile, rootDir: project.root };
    const report = await runPipeline({ loaded, store, channels: [], now: () => new Date(at), random: () => 0.5, all: true });
    // only the slow site's page may fail
    for (const source of report.sources) {
      expect(source, source.sourceId).toMatchObject({ error: null });
      expect(source.itemErrors.filter((item) => item.error.code !== 'http_503'), source.sourceId).toEqual([]);
    }
  }

  const articles = () =>
    store.db.selectFrom('articles').select(['id', 'item_key', 'duplicate_of', 'duplicate_reason', 'story_id', 'published_at', 'fetched_at']).orderBy('id').execute();
  const everyArticleRow = () => store.db.selectFrom('articles').selectAll().orderBy('id').execute();
  const trendsByWeek = async () => JSON.parse((await project.cli('trends', '--by', 'week', '--json')).stdout) as { period: string; articles: number }[];

  it("a new feed's backlog copy, first seen 19 days after the original, is its duplicate and counts once in the original's week", async () => {
    const base = project.server.url;
    feeds.set('alpha', [{ guid: 'alpha-1', title: HEADLINE, link: '/alpha/pause-talks', pubDate: 'Fri, 30 Oct 2026 09:00:00 GMT', text: TEXT }]);
    await runAt('2026-11-01T06:00:00.000Z', [feedSource('alpha', base)]);
    const before = await everyArticleRow();

    feeds.set('beta', [{ guid: 'beta-1', title: HEADLINE, link: '/beta/pause-talks', pubDate: 'Fri, 30 Oct 2026 10:00:00 GMT', text: TEXT }]);
    await runAt('2026-11-20T06:00:00.000Z', [feedSource('alpha', base), feedSource('beta', base)]);
    const [original, copy] = await articles();
    expect(original).toMatchObject({ item_key: 'alpha-1', duplicate_of: null });
    expect(copy).toMatchObject({ item_key: 'beta-1', duplicate_of: original!.id, duplicate_reason: 'content_hash', story_id: original!.story_id });
    expect(await trendsByWeek()).toEqual([expect.objectContaining({ period: '2026-W44', articles: 1 })]);
    // `articles` says so too
    const listed = JSON.parse((await project.cli('articles', '--json')).stdout) as { id: number; duplicateOf: number | null }[];
    expect(listed.map((a) => [a.id, a.duplicateOf]).sort()).toEqual([[original!.id, null], [copy!.id, original!.id]]);
    // the original is as it was stored
    expect((await everyArticleRow())[0]).toEqual(before[0]);

    // Run again, the feeds unchanged: nothing is added or changed.
    const after = await everyArticleRow();
    await runAt('2026-11-20T09:00:00.000Z', [feedSource('alpha', base), feedSource('beta', base)]);
    expect(await everyArticleRow()).toEqual(after);
  });

  it('the same page through another feed 60 days later is found by its canonical URL, and a capture of its text by its content hash', async () => {
    const base = project.server.url;
    feeds.set('alpha', [{ guid: 'alpha-1', title: HEADLINE, link: '/alpha/pause-talks', pubDate: 'Fri, 30 Oct 2026 09:00:00 GMT', text: TEXT }]);
    await runAt('2026-11-01T06:00:00.000Z', [feedSource('alpha', base)]);
    const before = await everyArticleRow();

    // an aggregator's item linking to the page through a tracking link, with a blurb of its own; and an undated capture
    feeds.set('aggregator', [{ guid: 'agg-1', title: `${HEADLINE} - Alpha`, link: '/alpha/pause-talks?utm_source=aggregator', text: 'Labs and governments to study a pause.' }]);
    project.writeFile('captures/pause-talks.txt', `${HEADLINE}\n\n${TEXT}\n`);
    await runAt('2026-12-31T06:00:00.000Z', [
      feedSource('alpha', base),
      feedSource('aggregator', base),
      { id: 'captures', kind: 'files', name: 'Captures', glob: 'captures/*.txt' },
    ]);
    const [original, ...copies] = await articles();
    expect(original).toMatchObject({ item_key: 'alpha-1', duplicate_of: null });
    // sources are stored as each finishes: in either order
    copies.sort((a, b) => a.item_key.localeCompare(b.item_key));
    expect(copies).toEqual([
      expect.objectContaining({ item_key: 'agg-1', duplicate_of: original!.id, duplicate_reason: 'canonical_url', story_id: original!.story_id }),
      expect.objectContaining({ item_key: 'captures/pause-talks.txt', duplicate_of: original!.id, duplicate_reason: 'content_hash', story_id: original!.story_id }),
    ]);
    expect(await trendsByWeek()).toEqual([expect.objectContaining({ period: '2026-W44', articles: 1 })]);
    expect((await everyArticleRow())[0]).toEqual(before[0]);
  });

  it('an edited wire copy is found as a near-duplicate, within the fortnight and when a backlog brings one published then', async () => {
    const base = project.server.url;
    feeds.set('alpha', [{ guid: 'alpha-1', title: HEADLINE, link: '/alpha/pause-talks', pubDate: 'Fri, 30 Oct 2026 09:00:00 GMT', text: TEXT }]);
    await runAt('2026-11-01T06:00:00.000Z', [feedSource('alpha', base)]);

    // first seen three days later
    feeds.set('wire', [{ guid: 'wire-1', title: 'Pause of frontier AI to be studied', link: '/wire/1', pubDate: 'Sat, 31 Oct 2026 08:00:00 GMT', text: EDITED }]);
    await runAt('2026-11-04T06:00:00.000Z', [feedSource('alpha', base), feedSource('wire', base)]);
    // first seen 25 days later, in the backlog of a feed added then, published the day after the original
    feeds.set('backlog', [{ guid: 'backlog-1', title: 'Geneva talks on an AI pause', link: '/backlog/1', pubDate: 'Sat, 31 Oct 2026 12:00:00 GMT', text: `${EDITED} Copyright the wire.` }]);
    await runAt('2026-11-25T06:00:00.000Z', [feedSource('alpha', base), feedSource('wire', base), feedSource('backlog', base)]);

    const [original, wire, backlog] = await articles();
    expect(original).toMatchObject({ item_key: 'alpha-1', duplicate_of: null });
    expect(wire).toMatchObject({ item_key: 'wire-1', duplicate_of: original!.id, duplicate_reason: 'near_duplicate', story_id: original!.story_id });
    expect(backlog).toMatchObject({ item_key: 'backlog-1', duplicate_of: original!.id, duplicate_reason: 'near_duplicate', story_id: original!.story_id });
    expect(await trendsByWeek()).toEqual([expect.objectContaining({ period: '2026-W44', articles: 1 })]);
  });

  it("another outlet's report of the same event, in a backlog first seen weeks later, joins the story of the reports published then", async () => {
    const base = project.server.url;
    feeds.set('alpha', [{ guid: 'alpha-1', title: HEADLINE, link: '/alpha/pause-talks', pubDate: 'Fri, 30 Oct 2026 09:00:00 GMT', text: TEXT }]);
    await runAt('2026-11-01T06:00:00.000Z', [feedSource('alpha', base)]);

    const report =
      'Officials meeting in Geneva on Thursday said leading AI labs and governments will study a verified pause of frontier AI development, ' +
      'halting training runs above a compute threshold while inspectors audit data centres. Critics doubt such a pause can be verified.';
    feeds.set('later', [{ guid: 'later-1', title: 'Geneva meeting: governments and AI labs to study verified frontier AI pause', link: '/later/1', pubDate: 'Fri, 30 Oct 2026 15:00:00 GMT', text: report }]);
    await runAt('2026-11-22T06:00:00.000Z', [feedSource('alpha', base), feedSource('later', base)]);

    const [original, other] = await articles();
    expect(other).toMatchObject({ item_key: 'later-1', duplicate_of: null, story_id: original!.story_id });
    expect(await trendsByWeek()).toEqual([expect.objectContaining({ period: '2026-W44', articles: 2 })]);
  });

  it('an original whose page is read on a retry stays the original of the copy stored meanwhile, not a copy of itself', async () => {
    const base = project.server.url;
    const withPages = (id: string) => ({ ...feedSource(id, base), fetchArticles: true });
    const item = { title: HEADLINE, link: '/slow/pause-talks', pubDate: 'Fri, 30 Oct 2026 09:00:00 GMT', text: 'Labs and governments to study a pause.' };
    feeds.set('slow', [{ ...item, guid: 'slow-1' }]);
    await runAt('2026-11-01T06:00:00.000Z', [withPages('slow')]);
    // another feed links to the same page, still down: a copy by its canonical URL
    feeds.set('mirror', [{ ...item, guid: 'mirror-1' }]);
    await runAt('2026-11-01T09:00:00.000Z', [withPages('slow'), withPages('mirror')]);
    pageUp = true;
    await runAt('2026-11-01T12:00:00.000Z', [withPages('slow'), withPages('mirror')]);

    const [original, copy] = await articles();
    expect(original).toMatchObject({ item_key: 'slow-1', duplicate_of: null });
    expect(copy).toMatchObject({ item_key: 'mirror-1', duplicate_of: original!.id, duplicate_reason: 'canonical_url' });
    expect((await everyArticleRow())[0]!.text).toContain('agreed on Thursday');
  });
});
