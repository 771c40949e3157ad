import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { definePipeline, PipelineConfigError, type Pipeline } from './define-pipeline.ts';

export interface LoadedPipeline {
  pipeline: Pipeline;
  file: string;
  /** Folder that relative paths in the definition resolve against: the nearest one holding package.json. */
  rootDir: string;
}

/** A pipeline file that cannot be read at all (missing, does not load, exports nothing). */
export class PipelineLoadError extends Error {
  override name = 'PipelineLoadError';
}

export function findProjectRoot(fromDir: string): string {
  let dir = path.resolve(fromDir);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(fromDir);
    dir = parent;
  }
}

/**
 * Imports a pipeline definition file (TypeScript or JavaScript, default export) and validates it. The file may
 * call definePipeline itself or export a plain object; either way it is validated here, and problems name the file.
 */
export async function loadPipeline(file: string): Promise<LoadedPipeline> {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new PipelineLoadError(`pipeline file not found: ${file}`);
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  } catch (error) {
    if (error instanceof PipelineConfigError) throw new PipelineConfigError(error.problems, file);
    throw new PipelineLoadError(`cannot load pipeline file ${file}: ${(error as Error).message}`);
  }
  if (!module.default || typeof module.default !== 'object') {
    throw new PipelineLoadError(`pipeline file ${file} has no default export (expected: export default definePipeline({...}))`);
  }
  let pipeline: Pipeline;
  try {
    pipeline = definePipeline(module.default as Parameters<typeof definePipeline>[0]);
  } catch (error) {
    if (error instanceof PipelineConfigError) throw new PipelineConfigError(error.problems, file);
    throw error;
  }
  return { pipeline, file: absolute, rootDir: findProjectRoot(path.dirname(absolute)) };
}
