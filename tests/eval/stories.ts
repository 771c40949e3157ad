/**
 * Evaluates syndicated-copy detection and story grouping end to end: a corpus's articles are published as the RSS
 * feeds of their outlets on a local server (with a page per article), and a pipeline reads those feeds as a cron job
 * would, every few hours over the corpus's weeks, each run seeing the items published by then; the stored articles'
 * `duplicate_of` and `story_id` are then scored against the labels.
 *
 *   npm run eval:stories                                    # the held-out corpus, tests/fixtures/stories/heldout
 *   npm run eval:stories -- --corpus tests/fixtures/stories/dev-a --errors
 *   options: --pipeline <file> (default pipelines/ai-pause.ts: its topic and stance settings), --every <hours>
 *   (default 6), --feed-text (read each item's full text from the feed instead of its page), --json, --errors
 *
 * A corpus is a folder holding `articles/<file>.txt` (a headline line, a blank line, the body) and `manifest.json`:
 * `{ articles: [{ file, outlet, event, publishedAt, copyOf }] }`, `copyOf` naming the original a syndicated copy
 * republishes (null for an original). Scores:
 * - copies: a syndication group is an original and its labelled copies; the stored articles linked by `duplicate_of`
 *   (an article, the one it copies, and so on) make the stored groups. Of the pairs of articles in one syndication
 *   group, how many are in one stored group (found), and how many pairs in one stored group are in different
 *   syndication groups (false). Which of a group's articles is stored as the original does not count: the first
 *   stored is, and a run may store a copy's outlet before the original's;
 * - stories: pairwise precision and recall of "same story" against "same event" over every pair of articles, and the
 *   number of stories against the number of events.
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { definePipeline, type Pipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore } from '../../src/store/index.ts';
import { scorePairs } from '../dedup/pause-debate.ts';
import { requireCorpusPaths } from './corpus-path.ts';

interface ManifestArticle {
  file: string;
  outlet: string;
  event: string;
  publishedAt: string;
  copyOf: string | null;
}

interface CorpusArticle extends ManifestArticle {
  title: string;
  paragraphs: string[];
  slug: string;
  published: number;
}

interface Args {
  corpus: string;
  pipeline: string;
  everyHours: number;
  feedText: boolean;
  json: boolean;
  errors: boolean;
}

const USAGE =
  'npm run eval:stories -- --corpus <folder with articles/ and manifest.json> [--pipeline <file>] [--every <hours>] [--feed-text] [--json] [--errors]';

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { corpus: 'tests/fixtures/stories/heldout', pipeline: 'pipelines/ai-pause.ts', everyHours: 6, feedText: false, json: false, errors: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--corpus') args.corpus = value();
    else if (arg === '--pipeline') args.pipeline = value();
    else if (arg === '--every') {
      args.everyHours = Number(value());
      if (!(args.everyHours > 0 && args.everyHours <= 168)) throw new Error(`--every: hours between runs, more than 0 and at most 168`);
    } else if (arg === '--feed-text') args.feedText = true;
    else if (arg === '--json') args.json = true;
    else if (arg === '--errors') args.errors = true;
    else if (arg === '--') continue;
    else throw new Error(`unknown option ${arg}; usage: ${USAGE}`);
  }
  return args;
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'outlet';

/** Reads and checks the corpus: every article's file, a known original for each copy, valid dates. */
function loadCorpus(folder: string): CorpusArticle[] {
  const manifestPath = path.join(folder, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { articles?: ManifestArticle[] };
  if (!Array.isArray(manifest.articles) || manifest.articles.length === 0) throw new Error(`${manifestPath}: no "articles" list`);
  const byFile = new Map<string, CorpusArticle>();
  for (const entry of manifest.articles) {
    const where = `${manifestPath}: ${entry.file ?? '(no file)'}`;
    for (const field of ['file', 'outlet', 'event', 'publishedAt'] as const) {
      if (typeof entry[field] !== 'string' || entry[field] === '') throw new Error(`${where}: "${field}" must be a non-empty string`);
    }
    const published = Date.parse(entry.publishedAt);
    if (Number.isNaN(published)) throw new Error(`${where}: "publishedAt" is not a date: ${entry.publishedAt}`);
    if (byFile.has(entry.file)) throw new Error(`${where}: listed twice`);
    const raw = readFileSync(path.join(folder, 'articles', entry.file), 'utf8').replace(/\r\n?/g, '\n').trim();
    const [title = '', ...rest] = raw.split('\n');
    const paragraphs = rest
      .join('\n')
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
      .filter((p) => p !== '');
    if (title.trim() === '' || paragraphs.length === 0) throw new Error(`${where}: needs a headline line and a body`);
    // the file's name as a path of the outlet's site: any name a manifest may hold gives an address, and two that
    // would give one are refused below
    byFile.set(entry.file, { ...entry, copyOf: entry.copyOf ?? null, title: title.trim(), paragraphs, slug: slugOf(entry.file.replace(/\.txt$/, '')), published });
  }
  const outletOfSlug = new Map<string, string>();
  for (const { outlet } of byFile.values()) {
    const other = outletOfSlug.get(slugOf(outlet));
    if (other !== undefined && other !== outlet) throw new Error(`${manifestPath}: outlets "${outlet}" and "${other}" would be one feed (${slugOf(outlet)}): rename one`);
    outletOfSlug.set(slugOf(outlet), outlet);
  }
  const addresses = new Map<string, string>();
  for (const article of byFile.values()) {
    const address = `${slugOf(article.outlet)}/${article.slug}`;
    const other = addresses.get(address);
    if (other !== undefined) throw new Error(`${manifestPath}: ${article.file} and ${other} would be one page (${address}): rename one`);
    addresses.set(address, article.file);
    if (article.copyOf !== null && !byFile.has(article.copyOf)) throw new Error(`${manifestPath}: ${article.file}: "copyOf" names no listed article: ${article.copyOf}`);
  }
  // a copy of a copy is of the first one's original: the syndication group is the original's
  for (const article of byFile.values()) {
    const seen = new Set([article.file]);
    while (article.copyOf !== null && byFile.get(article.copyOf)!.copyOf !== null) {
      article.copyOf = byFile.get(article.copyOf)!.copyOf;
      if (seen.has(article.copyOf!)) throw new Error(`${manifestPath}: ${article.file}: "copyOf" goes round in a circle`);
      seen.add(article.copyOf!);
    }
  }
  return [...byFile.values()].sort((a, b) => a.published - b.published || a.file.localeCompare(b.file));
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An outlet's page for an article: its headline, date and paragraphs among the furniture of a news site. */
function articlePage(article: CorpusArticle): string {
  const body = article.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(article.title)} | ${escapeXml(article.outlet)}</title>
<meta property="og:site_name" content="${escapeXml(article.outlet)}"><meta property="og:title" content="${escapeXml(article.title)}">
<meta property="article:published_time" content="${new Date(article.published).toISOString()}"></head>
<body><header><nav><a href="/">Home</a> <a href="/tech">Technology</a> <a href="/world">World</a> <a href="/opinion">Opinion</a></nav></header>
<main><article><h1>${escapeXml(article.title)}</h1><time datetime="${new Date(article.published).toISOString()}"></time>
${body}</article></main>
<footer><p>© 2026 ${escapeXml(article.outlet)}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`;
}

/** An outlet's RSS feed at a moment: its 50 latest items published by then. */
function outletFeed(outlet: string, articles: readonly CorpusArticle[], at: number, base: string, feedText: boolean): string {
  const items = articles
    .filter((a) => a.outlet === outlet && a.published <= at)
    .sort((a, b) => b.published - a.published)
    .slice(0, 50)
    .map((a) => {
      const content = feedText ? `<content:encoded>${escapeXml(a.paragraphs.map((p) => `<p>${escapeXml(p)}</p>`).join(''))}</content:encoded>` : '';
      return `<item><title>${escapeXml(a.title)}</title><link>${base}/${slugOf(outlet)}/${a.slug}</link><guid>${base}/${slugOf(outlet)}/${a.slug}</guid>
<pubDate>${new Date(a.published).toUTCString()}</pubDate><description>${escapeXml(a.paragraphs[0]!)}</description>${content}</item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>${escapeXml(outlet)}</title><link>${base}/${slugOf(outlet)}/</link><description>${escapeXml(outlet)}</description>
${items}</channel></rss>`;
}

interface Scores {
  articles: number;
  stored: number;
  events: number;
  stories: number;
  copies: { labelledPairs: number; foundPairs: number; falsePairs: number; missed: string[]; falseCopies: string[] };
  /** Syndication groups stored as one (original and copies linked), and of them those whose stored original is the labelled one. */
  originals: { groups: number; right: number; wrong: string[] };
  storyPairs: { precision: number; recall: number; f1: number; falseMerges: [string, string][]; falseSplits: [string, string][] };
}

function score(articles: readonly CorpusArticle[], stored: Map<string, { id: number; duplicateOf: number | null; storyId: number | null }>): Scores {
  const groupOf = (a: CorpusArticle) => a.copyOf ?? a.file;
  const fileOfId = new Map([...stored].map(([file, row]) => [row.id, file]));
  // each stored article's root: the article at the end of its duplicate_of links (a loop, never stored, ends it)
  const rootOf = (file: string): string => {
    const seen = new Set<string>();
    let current = file;
    for (;;) {
      seen.add(current);
      const next = stored.get(current)?.duplicateOf;
      const nextFile = next == null ? undefined : fileOfId.get(next);
      if (nextFile === undefined || seen.has(nextFile)) return current;
      current = nextFile;
    }
  };
  const missed: string[] = [];
  const falseCopies: string[] = [];
  let labelledPairs = 0;
  let foundPairs = 0;
  let falsePairs = 0;
  for (let i = 0; i < articles.length; i++) {
    for (let j = i + 1; j < articles.length; j++) {
      const a = articles[i]!;
      const b = articles[j]!;
      const sameGroup = groupOf(a) === groupOf(b);
      const linked = stored.has(a.file) && stored.has(b.file) && rootOf(a.file) === rootOf(b.file);
      if (sameGroup) labelledPairs++;
      if (sameGroup && linked) foundPairs++;
      if (sameGroup && !linked) missed.push(`${b.file} + ${a.file} (syndication group of ${groupOf(a)})`);
      if (!sameGroup && linked) {
        falsePairs++;
        falseCopies.push(`${b.file} + ${a.file}`);
      }
    }
  }
  // the stored original of each syndication group stored together: the labelled original, or a copy taken for it
  let groups = 0;
  let right = 0;
  const wrong: string[] = [];
  for (const original of articles.filter((a) => a.copyOf === null)) {
    const members = articles.filter((a) => groupOf(a) === original.file && stored.has(a.file));
    if (members.length < 2 || new Set(members.map((a) => rootOf(a.file))).size !== 1) continue;
    groups++;
    const root = rootOf(members[0]!.file);
    if (root === original.file) right++;
    else wrong.push(`${root} stored as the original of ${original.file}`);
  }
  // an article not stored is in no story: each gets one of its own, apart from every other
  const storyIds = articles.map((a, i) => stored.get(a.file)?.storyId ?? -1 - i);
  const { precision, recall, falseMerges, falseSplits } = scorePairs(articles.map((a) => ({ name: a.file, event: a.event })), storyIds);
  return {
    articles: articles.length,
    stored: stored.size,
    events: new Set(articles.map((a) => a.event)).size,
    stories: new Set([...stored.values()].map((row) => row.storyId).filter((id) => id !== null)).size,
    copies: { labelledPairs, foundPairs, falsePairs, missed, falseCopies },
    originals: { groups, right, wrong },
    storyPairs: { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall), falseMerges, falseSplits },
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  requireCorpusPaths('eval:stories', [{ path: path.join(args.corpus, 'manifest.json'), what: 'the corpus manifest' }], USAGE);
  const articles = loadCorpus(args.corpus);
  const base = (await import(pathToFileURL(path.resolve(args.pipeline)).href)) as { default?: Pipeline };
  if (!base.default?.topic) throw new Error(`${args.pipeline}: default export is not a pipeline`);

  let now = 0;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const [, outletSlug, rest] = url.pathname.split('/');
    const outlet = articles.find((a) => slugOf(a.outlet) === outletSlug)?.outlet;
    if (outlet !== undefined && rest === 'feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(outletFeed(outlet, articles, now, serverBase, args.feedText));
      return;
    }
    const article = articles.find((a) => slugOf(a.outlet) === outletSlug && a.slug === rest && a.published <= now);
    if (article) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(article));
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serverBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-eval-stories-'));
  // Ctrl-C leaves no database behind in the temporary folder
  process.once('SIGINT', () => {
    rmSync(root, { recursive: true, force: true });
    process.exit(130);
  });
  const store = await openStore(path.join(root, 'eval.db'));
  try {
    const outlets = [...new Set(articles.map((a) => a.outlet))];
    const pipeline = definePipeline({
      ...base.default,
      id: 'eval-stories',
      sources: outlets.map((outlet) => ({ id: slugOf(outlet), kind: 'feed' as const, name: outlet, url: `${serverBase}/${slugOf(outlet)}/feed.xml` })),
      fetch: { ...base.default.fetch, allowPrivateAddresses: true, fetchArticles: !args.feedText, perHostConcurrency: 4, perHostGapMs: 0 },
      alerts: { channels: [] },
      digest: { ...base.default.digest, dir: path.join(root, 'digests') },
    });
    const loaded = { file: path.join(root, 'pipeline.ts'), rootDir: root, pipeline };
    const step = args.everyHours * 3_600_000;
    const first = Math.ceil(articles[0]!.published / step) * step;
    const last = articles.at(-1)!.published;
    let runs = 0;
    for (now = first; now < last + step; now += step) {
      const at = now;
      await runPipeline({ loaded, store, channels: [], now: () => new Date(at), random: () => 0.5, all: true });
      runs++;
      if (!args.json && process.stderr.isTTY) process.stderr.write(`\rruns ${runs} · ${new Date(at).toISOString().slice(0, 16)}Z`);
    }
    if (!args.json && process.stderr.isTTY) process.stderr.write('\n');

    const rows = await store.db
      .selectFrom('articles')
      .select(['id', 'url', 'feed_link', 'duplicate_of', 'story_id'])
      .where('pipeline_id', '=', 'eval-stories')
      .execute();
    const fileOfLink = new Map(articles.map((a) => [`${serverBase}/${slugOf(a.outlet)}/${a.slug}`, a.file]));
    const stored = new Map<string, { id: number; duplicateOf: number | null; storyId: number | null }>();
    for (const row of rows) {
      const file = fileOfLink.get(row.feed_link ?? row.url) ?? fileOfLink.get(row.url);
      if (file !== undefined) stored.set(file, { id: Number(row.id), duplicateOf: row.duplicate_of === null ? null : Number(row.duplicate_of), storyId: row.story_id === null ? null : Number(row.story_id) });
    }
    const scores = score(articles, stored);
    if (args.json) {
      console.log(JSON.stringify({ corpus: args.corpus, runs, everyHours: args.everyHours, readPages: !args.feedText, ...scores }, null, 2));
      return;
    }
    const pct = (n: number) => (100 * n).toFixed(1);
    console.log(`${args.corpus}: ${scores.articles} articles (${scores.stored} stored) from ${outlets.length} outlets, read ${args.feedText ? "from their feeds' full text" : 'from their pages'} by ${runs} runs ${args.everyHours} h apart`);
    const { labelledPairs, foundPairs, falsePairs } = scores.copies;
    console.log(`copies: ${foundPairs} of ${labelledPairs} pairs of syndicated copies stored as copies (${pct(labelledPairs === 0 ? 1 : foundPairs / labelledPairs)}%), ${falsePairs} pairs of other articles stored as copies`);
    console.log(`originals: ${scores.originals.right} of ${scores.originals.groups} syndication groups stored whole have the labelled original as their original`);
    const { precision, recall, f1 } = scores.storyPairs;
    console.log(`stories: ${scores.stories} stories for ${scores.events} events; same-story pairs precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}`);
    if (args.errors) {
      const list = (heading: string, lines: readonly string[]) => {
        if (lines.length === 0) return;
        console.log(`\n${heading} (${lines.length}):`);
        for (const line of lines) console.log(`  ${line}`);
      };
      const eventOf = new Map(articles.map((a) => [a.file, a.event]));
      list('pairs of syndicated copies not stored as copies', scores.copies.missed);
      list('pairs of other articles stored as copies', scores.copies.falseCopies);
      list('copies stored as the original of their group', scores.originals.wrong);
      list('articles of different events in one story', scores.storyPairs.falseMerges.map(([a, b]) => `${a} [${eventOf.get(a)}] + ${b} [${eventOf.get(b)}]`));
      list('articles of one event in different stories', scores.storyPairs.falseSplits.map(([a, b]) => `${a} + ${b} [${eventOf.get(a)}]`));
      // each story as the events of its articles, to see at a glance which events were joined or parted
      const eventsOfStory = new Map<number, Map<string, number>>();
      for (const article of articles) {
        const storyId = stored.get(article.file)?.storyId;
        if (storyId == null) continue;
        const events = eventsOfStory.get(storyId) ?? new Map<string, number>();
        events.set(article.event, (events.get(article.event) ?? 0) + 1);
        eventsOfStory.set(storyId, events);
      }
      list('stories, by the events of their articles', [...eventsOfStory].map(([id, events]) => `story ${id}: ${[...events].map(([event, n]) => `${event} ×${n}`).join(', ')}`));
    }
  } finally {
    await store.close();
    server.closeAllConnections();
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`eval:stories: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
