import { existsSync } from 'node:fs';

/**
 * Ends the eval with exit 2 and a message naming each corpus path that is not there, and how to give another: the
 * default corpora sit beside the repository (`../shared/eval/`), which a clone of it does not have.
 */
export function requireCorpusPaths(command: string, paths: readonly { path: string; what: string }[], usage: string): void {
  const missing = paths.filter(({ path }) => !existsSync(path));
  if (missing.length === 0) return;
  for (const { path, what } of missing) console.error(`${command}: ${what} not found: ${path}`);
  console.error(`${command}: give a corpus of the same format: ${usage}`);
  process.exit(2);
}
