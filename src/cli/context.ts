import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPipeline, type LoadedPipeline } from '../config/index.ts';
import { openStore, type Store } from '../store/index.ts';

/** The flags every command accepts (CLI.md "Global flags"). */
export interface GlobalOptions {
  pipeline?: string;
  database?: string;
  json?: boolean;
  quiet?: boolean;
}

/** The clone pausewatch runs from: defaults are relative to it, so cron jobs work from any directory. */
export const installRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function defaultPipelineFile(): string {
  return path.join(installRoot, 'pipelines', 'ai-pause.ts');
}

/** `--database`, else DATABASE_URL, else `data/pausewatch.db` under the pipeline's project root. */
export function databaseTarget(options: GlobalOptions, rootDir: string): string {
  return options.database ?? process.env.DATABASE_URL ?? path.join(rootDir, 'data', 'pausewatch.db');
}

export async function openPipeline(options: GlobalOptions): Promise<LoadedPipeline> {
  return loadPipeline(options.pipeline ?? defaultPipelineFile());
}

export async function openContext(options: GlobalOptions): Promise<{ loaded: LoadedPipeline; store: Store }> {
  const loaded = await openPipeline(options);
  const store = await openStore(databaseTarget(options, loaded.rootDir));
  return { loaded, store };
}

/** Runs `work` with the pipeline and an open store, closing the store whatever happens. */
export async function withContext<T>(options: GlobalOptions, work: (ctx: { loaded: LoadedPipeline; store: Store }) => Promise<T>): Promise<T> {
  const ctx = await openContext(options);
  try {
    return await work(ctx);
  } finally {
    await ctx.store.close();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
