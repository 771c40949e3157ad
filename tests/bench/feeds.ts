/**
 * `npm run bench:feeds [-- --items 3000 --runs 5]`: throughput of the whole feed ingest path on large generated
 * RSS 2.0 and Atom feeds (thousands of items with HTML content), next to the bare rss-parser parse of the same
 * text in the same run, so the ratio can be compared across machines.
 *
 * Ingest path = what a run does with a feed body: decode the bytes, parseFeed (sniff, well-formedness scan,
 * rss-parser, normalise: dates, URLs, identity ladder), turn items into RawItems, skip the ones already stored
 * and insert the rest into a real SQLite file through the store API (insertArticle, as the orchestrator does), all in
 * one transaction. The orchestrator commits each article in a transaction of its own, with its story, score and
 * alerts; extraction, dedup and scoring are other stages with their own benches.
 * Bare parse = `new Parser().parseString(bytes.toString('utf8'))`: rss-parser needs a string, so it decodes too.
 * rss-parser's part = that parse of the text rss-parser gets on the ingest path: the document without its items,
 * which are built from the scan (src/ingest/feed/xml-items.ts).
 * SQLite floor = the same rows through one prepared better-sqlite3 insert into the same schema: what the store half
 * cannot go below, whatever the code above it does. Both end with a checkpoint of the write-ahead log, as a run's
 * closing of the database does.
 * Peak RSS: process.memoryUsage().rss sampled every 5 ms and between runs (after one bare parse of each feed, then
 * after the ingest runs, then after all), and the kernel's max RSS for the whole process.
 * Medians of --runs runs after one warm-up run; the bare parse takes turns with the path it is compared with, run
 * by run, so both see the same machine, and each ratio is the median of the run-by-run ratios. The machine's load
 * shows in absolute figures: compare the ratios.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import Parser from 'rss-parser';
import { parseFeed, htmlToText } from '../../src/ingest/feed/index.ts';
import { rssParserInput } from '../../src/ingest/feed/xml.ts';
import { articleWordCount } from '../../src/extract/index.ts';
import { feedItemsToRawItems } from '../../src/ingest/feed-source.ts';
import * as repo from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import type { NewArticle } from '../../src/store/schema.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(name);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const ITEMS = option('--items', 3000);
const RUNS = option('--runs', 5);

let peakRss = 0;
let peakAfterBare = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const sampler = setInterval(sampleRss, 5);

// ---------------------------------------------------------------------------------------------------------------
// Generated feeds: realistic items (paragraphs, links, entities, images), deterministic.

const words = 'pause frontier labs coordinated verification compute governance treaty moratorium training runs safety policy analysts argue oppose support regulators chips export'.split(' ');
let seed = 7;
const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
const sentence = (n: number) => Array.from({ length: n }, () => words[next() % words.length]).join(' ');
const paragraph = (i: number) =>
  `<p>${sentence(25)} <a href="/2026/06/story-${i}.html">${sentence(3)}</a> &amp; ${sentence(20)} — “${sentence(8)}”.</p>`;
const itemHtml = (i: number) => `${[0, 1, 2, 3, 4, 5].map(() => paragraph(i)).join('\n')}<p><img src="/img/${i}.jpg" alt="chart ${i}"></p>`;
const date = (i: number) => new Date(Date.UTC(2026, 5, 9, 12) - i * 600_000);

function rssDocument(count: number): string {
  const items = Array.from({ length: count }, (_v, i) =>
    [
      '<item>',
      `<title>${sentence(8)} #${i}</title>`,
      `<link>https://news.example.org/2026/06/story-${i}.html</link>`,
      `<guid isPermaLink="false">urn:example:story:${i}</guid>`,
      `<pubDate>${date(i).toUTCString()}</pubDate>`,
      `<dc:creator>Reporter ${i % 17}</dc:creator>`,
      `<category>AI policy</category><category>Regulation</category>`,
      `<description><![CDATA[<p>${sentence(30)}</p>]]></description>`,
      `<content:encoded><![CDATA[${itemHtml(i)}]]></content:encoded>`,
      '</item>',
    ].join('\n'),
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://news.example.org/</link><description>All stories</description><ttl>30</ttl>
${items.join('\n')}
</channel></rss>
`;
}

function atomDocument(count: number): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const entries = Array.from({ length: count }, (_v, i) =>
    [
      '<entry>',
      `<id>tag:news.example.org,2026:story-${i}</id>`,
      `<title type="html">${escape(`${sentence(8)} <em>#${i}</em>`)}</title>`,
      `<link rel="alternate" type="text/html" href="/2026/06/story-${i}.html"/>`,
      `<published>${date(i).toISOString()}</published><updated>${date(i).toISOString()}</updated>`,
      `<author><name>Reporter ${i % 17}</name></author>`,
      `<category term="AI policy"/>`,
      `<summary type="text">${sentence(30)}</summary>`,
      `<content type="html">${escape(itemHtml(i))}</content>`,
      '</entry>',
    ].join('\n'),
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example.org/">
<title>Example News</title><id>tag:news.example.org,2026:feed</id><updated>2026-06-09T12:00:00Z</updated>
<link rel="alternate" href="https://news.example.org/"/>
${entries.join('\n')}
</feed>
`;
}

// ---------------------------------------------------------------------------------------------------------------
// The measured paths.

async function bareParse(bytes: Buffer): Promise<number> {
  const feed = await new Parser().parseString(bytes.toString('utf8'));
  return feed.items.length;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Time spent in each half of the ingest path, per run. */
const split = { parseMs: [] as number[], storeMs: [] as number[] };

/**
 * @param keepRows whether to keep the rows for the floor runs (the warm-up run's): kept, every row's text would outlive
 * the run's young garbage collections, which copy it, and no real run keeps them
 */
async function ingest(bytes: Buffer, store: repo.Store, sourceId: string, keepRows: boolean): Promise<number> {
  const url = 'https://news.example.org/feed';
  const started = performance.now();
  const feed = await parseFeed(bytes, { url, headers: { 'content-type': 'application/xml; charset=utf-8' } });
  const items = feedItemsToRawItems(sourceId, url, feed.items);
  const parsed = performance.now();
  split.parseMs.push(parsed - started);
  const at = '2026-06-09T12:00:00.000Z';
  const rows: NewArticle[] = [];
  await store.db.transaction().execute(async (trx) => {
    const stored = await repo.storedItemKeys(trx, 'bench', sourceId, items.map((i) => i.key));
    for (const item of items) {
      if (stored.has(item.key)) continue;
      const text = htmlToText(item.body ?? item.summary ?? '');
      const row: NewArticle = {
        pipeline_id: 'bench', source_id: sourceId, item_key: item.key, url: item.url, canonical_url: item.url,
        title: item.title, byline: item.author, published_at: item.publishedAt, modified_at: item.updatedAt, fetched_at: at,
        lang: null, site_name: null, image: null, summary: item.summary, text, word_count: articleWordCount(text), partial: 1,
        content_hash: createHash('sha256').update(text).digest('hex'), near_signature: '', topic_signature: '',
        duplicate_of: null, duplicate_reason: null, story_id: null, extract_error: null, updated_at: at,
      };
      await repo.insertArticle(trx, row);
      if (keepRows) rows.push(row);
    }
  });
  // A run's last connection to close copies the write-ahead log into the file: each run here pays for its own
  // rows' copy, rather than whichever run crosses SQLite's automatic checkpoint threshold paying for several.
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
  split.storeMs.push(performance.now() - parsed);
  if (keepRows) lastRows = rows;
  return items.length;
}

/** The rows the warm-up ingest run stored, for the SQLite floor below. */
let lastRows: NewArticle[] = [];

/**
 * The floor under the store half: the same rows through one prepared better-sqlite3 insert in one transaction,
 * into the same schema and indexes, with no kysely and no text work. What no store code can go below.
 */
function sqliteFloor(sqlite: SQLite.Database, rows: readonly NewArticle[], sourceId: string): number {
  const columns = Object.keys(rows[0]!) as (keyof NewArticle)[];
  const insert = sqlite.prepare(`INSERT INTO articles (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  sqlite.transaction(() => {
    for (const row of rows) insert.run(columns.map((column) => (column === 'source_id' ? sourceId : row[column]) ?? null));
  })();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return rows.length;
}

/** A connection set up as openStore sets up its own (WAL, synchronous NORMAL, foreign keys). */
function openFloorDatabase(file: string): SQLite.Database {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

interface Timing {
  /** Median of the runs. */
  ms: number;
  items: number;
  /** Each run's time, in run order. */
  runs: number[];
}

/** The quartiles of the values, "low-high": how far the runs' ratios spread around their median. */
function middleHalf(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.round(q * (sorted.length - 1))]!.toFixed(2);
  return `${at(0.25)}-${at(0.75)}x`;
}

/**
 * A path's cost relative to the bare parse: the median of the run-by-run ratios. The two took turns, so each ratio
 * compares runs made under the same conditions, which steadies the figure more than a ratio of medians.
 */
function pairedRatio(path: readonly number[], bare: Timing): number {
  return median(path.map((ms, run) => ms / bare.runs[run]!));
}

/**
 * Median time of each path over `runs` runs, after one warm-up run each (JIT, module caches). The paths take turns
 * within each run, so a change in the machine's speed during the bench (other load, frequency) reaches all of
 * them alike and their ratio holds. Each timed run starts on a collected heap (npm runs this with --expose-gc), so
 * no run pays for the garbage of the one before.
 */
async function timeInTurns(runs: number, paths: ((run: number) => Promise<number>)[]): Promise<Timing[]> {
  for (const work of paths) await work(-1);
  sampleRss();
  const times = paths.map(() => [] as number[]);
  const items = paths.map(() => 0);
  for (let run = 0; run < runs; run++) {
    for (const [index, work] of paths.entries()) {
      collectGarbage?.();
      const start = process.hrtime.bigint();
      items[index] = await work(run);
      times[index]!.push(Number(process.hrtime.bigint() - start) / 1e6);
      sampleRss();
    }
  }
  return times.map((list, index) => ({ ms: median(list), items: items[index]!, runs: list }));
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-bench-feeds-'));
try {
  const store = await openStore(path.join(dir, 'bench.db'));
  await repo.syncSources(store.db, 'bench', Array.from({ length: 2 * (RUNS + 1) }, (_v, i) => ({ id: `s${i}`, kind: 'feed' as const, name: `s${i}`, location: `https://x/${i}` })), '2026-06-09T12:00:00.000Z');
  let sourceIndex = 0;
  // A second file with the same schema for the floor runs, each run under a source of its own.
  const floorFile = path.join(dir, 'floor.db');
  const floorStore = await openStore(floorFile);
  const floorSources = ['RSS 2.0', 'Atom 1.0'].flatMap((format) => Array.from({ length: RUNS + 1 }, (_v, run) => `${format}-${run - 1}`));
  await repo.syncSources(floorStore.db, 'bench', floorSources.map((id) => ({ id, kind: 'feed' as const, name: id, location: `https://x/${id}` })), '2026-06-09T12:00:00.000Z');
  await floorStore.close();
  console.log(`${ITEMS} items per feed, median of ${RUNS} runs (node ${process.version})\n`);
  console.log(`${'feed'.padEnd(8)} ${'MB'.padStart(6)}  ${'path'.padEnd(34)} ${'ms'.padStart(8)} ${'items/s'.padStart(9)} ${'MB/s'.padStart(7)}`);
  const ratios: number[] = [];
  const floorInputs: { format: string; mb: number; rows: NewArticle[]; bytes: Buffer }[] = [];
  const parseRatios: number[] = [];
  const documents = [['RSS 2.0', Buffer.from(rssDocument(ITEMS), 'utf8')], ['Atom 1.0', Buffer.from(atomDocument(ITEMS), 'utf8')]] as const;
  // One bare parse of each first, alone, for the peak RSS the bare parser reaches.
  for (const [, bytes] of documents) {
    collectGarbage?.();
    await bareParse(bytes);
    sampleRss();
  }
  peakAfterBare = peakRss;
  for (const [format, bytes] of documents) {
    const mb = bytes.length / 1024 / 1024;
    split.parseMs = [];
    split.storeMs = [];
    // the text rss-parser is given on the ingest path: the document without its long item bodies
    const text = bytes.toString('utf8');
    const rssParserText = rssParserInput(text);
    const [bare, full, onRssParserPart] = (await timeInTurns(RUNS, [
      () => bareParse(bytes),
      (run) => ingest(bytes, store, `s${sourceIndex++}`, run === -1),
      async () => (await new Parser().parseString(rssParserText)).items.length,
    ])) as [Timing, Timing, Timing];
    floorInputs.push({ format, mb, rows: lastRows, bytes });
    // medians of the measured runs (the first entry is the warm-up)
    const parseOnly = { ms: median(split.parseMs.slice(1)), items: full.items };
    const storeOnly = { ms: median(split.storeMs.slice(1)), items: full.items };
    if (bare.items !== ITEMS || full.items !== ITEMS) throw new Error(`expected ${ITEMS} items, got ${bare.items} bare and ${full.items} ingested`);
    const line = (label: string, r: { ms: number; items: number }) =>
      console.log(`${format.padEnd(8)} ${mb.toFixed(1).padStart(6)}  ${label.padEnd(34)} ${r.ms.toFixed(0).padStart(8)} ${((r.items / r.ms) * 1000).toFixed(0).padStart(9)} ${((mb / r.ms) * 1000).toFixed(1).padStart(7)}`);
    line('bare rss-parser parseString', bare);
    line('  of which parseFeed (median)', parseOnly);
    line('  of which SQLite store (median)', storeOnly);
    line('ingest path (parseFeed + SQLite)', full);
    const wholeRatio = pairedRatio(full.runs, bare);
    const parseRatio = pairedRatio(split.parseMs.slice(1), bare);
    ratios.push(wholeRatio);
    parseRatios.push(parseRatio);
    console.log(
      `${format.padEnd(8)} rss-parser on the text the ingest path gives it (${((100 * Buffer.byteLength(rssParserText)) / bytes.length).toFixed(2)}% of the bytes, ` +
        `${onRssParserPart.ms.toFixed(1)} ms): ${pairedRatio(onRssParserPart.runs, bare).toFixed(3)}x the bare parse`,
    );
    console.log(`${format.padEnd(8)} ratio: decode+parse+normalise ${parseRatio.toFixed(2)}x, whole ingest path ${wholeRatio.toFixed(2)}x the bare parse`);
    console.log(`${format.padEnd(8)} run-by-run whole-path ratios, middle half: ${middleHalf(full.runs.map((ms, run) => ms / bare.runs[run]!))}\n`);
  }
  const peakAfterIngest = peakRss;
  // After the ingest runs, so the rows they keep for it do not count in the ingest path's peak RSS.
  const floorDatabase = openFloorDatabase(floorFile);
  for (const { format, mb, rows, bytes } of floorInputs) {
    const [bare, floor] = (await timeInTurns(RUNS, [
      () => bareParse(bytes),
      async (run) => sqliteFloor(floorDatabase, rows, `${format}-${run}`),
    ])) as [Timing, Timing];
    console.log(`${format.padEnd(8)} ${mb.toFixed(1).padStart(6)}  ${'SQLite floor: raw prepared insert'.padEnd(34)} ${floor.ms.toFixed(0).padStart(8)} ${((floor.items / floor.ms) * 1000).toFixed(0).padStart(9)} ${((mb / floor.ms) * 1000).toFixed(1).padStart(7)}`);
    console.log(`${format.padEnd(8)} the inserts alone, at their floor, cost ${pairedRatio(floor.runs, bare).toFixed(2)}x the bare parse\n`);
  }
  floorDatabase.close();
  await store.close();
  clearInterval(sampler);
  sampleRss();
  // resourceUsage().maxRSS is in kilobytes on Linux
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log(`peak RSS: ${mb(peakAfterBare)} by the end of the bare parses; ${mb(peakAfterIngest)} by the end of the ingest runs; ${mb(peakRss)} overall with the floor runs (kernel max ${mb(process.resourceUsage().maxRSS * 1024)})`);
  const verdict = (list: number[]) => `${list.every((r) => r <= 1.5) ? 'met' : 'NOT met'} (${list.map((r) => r.toFixed(2)).join(', ')})`;
  console.log(`goal <= 1.5x bare parse: decode+parse+normalise ${verdict(parseRatios)}; with the SQLite store ${verdict(ratios)}`);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
