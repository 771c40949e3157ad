/**
 * Feed conformance eval: runs the shared scorer over the feedparser-derived corpus with parseFeed as the adapter.
 *   npm run eval:feeds -- [--root <folder>] [--expectations <file>] [any score.mjs option, e.g. --examples 5]
 * Defaults: ../shared/eval/feeds/dev and ../shared/eval/feeds/dev-expectations.json (relative to the repo root).
 * The scorer cannot import TypeScript, so it runs in a child node process with tsx's loader registered.
 * Then every XML file under the root is parsed three ways: as a run parses it (items built from the scan where it can,
 * src/ingest/feed/xml-items.ts), through rss-parser's skeleton of the document (src/ingest/feed/xml-skeleton.ts), and
 * through the whole document, the reference; the command reports how many files give identical results all three
 * ways. Exit code 1 when the scorer fails or any file differs.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeFeedBytes } from '../../src/ingest/feed/decode.ts';
import { sniffFeedKind } from '../../src/ingest/feed/detect.ts';
import { feedSkeleton, parseXmlFeed, readsItemsFromScan } from '../../src/ingest/feed/xml.ts';
import { requireCorpusPaths } from './corpus-path.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
function takeOption(name: string, fallback: string): string {
  const index = args.indexOf(name);
  if (index < 0) return fallback;
  const [, value] = args.splice(index, 2);
  return value ?? fallback;
}
const root = path.resolve(repoRoot, takeOption('--root', '../shared/eval/feeds/dev'));
const expectations = path.resolve(repoRoot, takeOption('--expectations', '../shared/eval/feeds/dev-expectations.json'));
const scorer = path.resolve(repoRoot, takeOption('--scorer', path.join(path.dirname(expectations), 'score.mjs')));
const adapter = path.join(repoRoot, 'tests/eval/feeds-adapter.ts');
requireCorpusPaths('eval:feeds', [
  { path: root, what: 'the feed folder' },
  { path: expectations, what: 'the expectations file' },
  { path: scorer, what: 'the scorer (score.mjs beside the expectations, or --scorer)' },
], 'npm run eval:feeds -- --root <folder> --expectations <file>');

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', scorer, root, expectations, '--adapter', adapter, '--modules', repoRoot, '--label', 'pausewatch parseFeed', ...args],
  { cwd: repoRoot, stdio: 'inherit' },
);

const xmlFiles = readdirSync(root, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => path.join(entry.parentPath, entry.name))
  .sort();
let compared = 0;
let withEmptiedFields = 0;
let withItemsFromScan = 0;
const differing: string[] = [];
for (const file of xmlFiles) {
  let text: string;
  try {
    text = decodeFeedBytes(readFileSync(file)).text;
  } catch {
    continue;
  }
  if (sniffFeedKind(text).kind !== 'xml') continue;
  compared++;
  if (feedSkeleton(text)) withEmptiedFields++;
  if (readsItemsFromScan(text)) withItemsFromScan++;
  const parse = (shortcut: 'items' | 'skeleton' | 'none') =>
    parseXmlFeed(text, { documentBase: 'https://example.org/feed', shortcut }).then(JSON.stringify, (error: Error) => `error: ${error.message}`);
  const reference = await parse('none');
  if ((await parse('items')) !== reference || (await parse('skeleton')) !== reference) differing.push(path.relative(root, file));
}
console.log(
  `\nitems from the scan, skeleton and whole-document parse: identical on ${compared - differing.length} of ${compared} XML files ` +
    `(${withItemsFromScan} of them with items built from the scan, ${withEmptiedFields} with a body long enough to empty)`,
);
for (const file of differing) console.log(`  differs: ${file}`);
process.exit(result.status || (differing.length > 0 ? 1 : 0));
