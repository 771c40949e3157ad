/**
 * Feed conformance eval: runs the shared scorer over the feedparser-derived corpus with parseFeed as the adapter.
 *   npm run eval:feeds -- [--root <folder>] [--expectations <file>] [any score.mjs option, e.g. --examples 5]
 * Defaults: ../shared/eval/feeds/dev and ../shared/eval/feeds/dev-expectations.json (relative to the repo root).
 * The scorer cannot import TypeScript, so it runs in a child node process with tsx's loader registered.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', scorer, root, expectations, '--adapter', adapter, '--modules', repoRoot, '--label', 'pausewatch parseFeed', ...args],
  { cwd: repoRoot, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
