import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The clone pausewatch runs from: defaults are relative to it, so cron jobs work from any directory. */
const installRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The pipeline a command runs when given no `--pipeline`. */
export function defaultPipelineFile(): string {
  return path.join(installRoot, 'pipelines', 'ai-pause.ts');
}
