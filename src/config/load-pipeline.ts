import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
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

function isConfigError(error: unknown): error is PipelineConfigError {
  return error instanceof Error && error.name === 'PipelineConfigError' && Array.isArray((error as PipelineConfigError).problems);
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
    // tsImport loads TypeScript as ES modules wherever the file lives, even outside a `"type": "module"` package.
    module = (await tsImport(pathToFileURL(absolute).href, import.meta.url)) as { default?: unknown };
  } catch (error) {
    // The file may see its own copy of the config module, so the error is recognised by shape, not by class.
    if (isConfigError(error)) throw new PipelineConfigError(error.problems, file);
    throw new PipelineLoadError(`cannot load pipeline file ${file}: ${(error as Error).message}`);
  }
  // A file read as CommonJS arrives wrapped: { default: { default: pipeline } }.
  const inner = module.default as { default?: unknown; __esModule?: boolean } | undefined;
  if (inner && typeof inner === 'object' && 'default' in inner && !('id' in inner)) module = inner;
  if (!module.default || typeof module.default !== 'object') {
    throw new PipelineLoadError(`pipeline file ${file} has no default export (expected: export default definePipeline({...}))`);
  }
  let pipeline: Pipeline;
  try {
    pipeline = definePipeline(module.default as Parameters<typeof definePipeline>[0]);
  } catch (error) {
    if (isConfigError(error)) throw new PipelineConfigError(error.problems, file);
    throw error;
  }
  return { pipeline, file: absolute, rootDir: findProjectRoot(path.dirname(absolute)) };
}
