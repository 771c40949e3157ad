/**
 * Article-extraction eval: runs extractHtml over a corpus and scores the bodies with the corpus's own scorer.
 *
 *   npm run eval:extract -- [<corpus-dir>] [--keep] [scorer options, e.g. --per-page, --mode simple]
 *
 * <corpus-dir> holds html/<id>.html and truth/<id>.json ({"articleBody", "url"}); the scorer is <dir>/../score.mjs.
 * Default corpus: ../shared/eval/extraction/dev relative to the repository root.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractHtml } from '../../src/extract/html.ts';
import { requireCorpusPaths } from './corpus-path.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
// The corpus, when given, comes first; everything after it goes to the scorer (options may take values).
const hasCorpusArg = args[0] !== undefined && !args[0].startsWith('--');
const scorerArgs = args.slice(hasCorpusArg ? 1 : 0).filter((a) => a !== '--keep');
const corpus = resolve(hasCorpusArg ? args[0]! : join(repoRoot, '../shared/eval/extraction/dev'));
const scorer = join(corpus, '..', 'score.mjs');

requireCorpusPaths('eval:extract', [
  { path: join(corpus, 'html'), what: 'the pages (<corpus>/html)' },
  { path: join(corpus, 'truth'), what: 'the ground truth (<corpus>/truth)' },
  { path: scorer, what: 'the scorer (<corpus>/../score.mjs)' },
], 'npm run eval:extract -- <corpus-dir>');

const ids = readdirSync(join(corpus, 'html')).filter((f) => f.endsWith('.html')).map((f) => basename(f, '.html')).sort();
const predDir = mkdtempSync(join(tmpdir(), 'pausewatch-extract-'));
let slowest = { id: '', ms: 0 };
let totalMs = 0;
let failures = 0;
for (const id of ids) {
  const html = readFileSync(join(corpus, 'html', `${id}.html`), 'utf8');
  const truthPath = join(corpus, 'truth', `${id}.json`);
  const url = existsSync(truthPath) ? (JSON.parse(readFileSync(truthPath, 'utf8')) as { url?: string }).url ?? null : null;
  const t0 = performance.now();
  let text = '';
  try {
    text = extractHtml(html, { url }).text;
  } catch (err) {
    failures++;
    console.error(`${id}: threw ${(err as Error).message}`);
  }
  const ms = performance.now() - t0;
  totalMs += ms;
  if (ms > slowest.ms) slowest = { id, ms };
  writeFileSync(join(predDir, `${id}.json`), JSON.stringify({ articleBody: text }));
}

const result = spawnSync(process.execPath, [scorer, predDir, corpus, ...scorerArgs], { encoding: 'utf8' });
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
console.log(
  `pages: ${ids.length}, ${(ids.length / (totalMs / 1000)).toFixed(1)} pages/s, ` +
    `slowest ${slowest.ms.toFixed(0)} ms (${slowest.id.slice(0, 12)}), threw: ${failures}`,
);
if (keep) console.log(`predictions kept in ${predDir}`);
else rmSync(predDir, { recursive: true, force: true });
process.exit(result.status ?? 1);
