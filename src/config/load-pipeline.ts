import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { PipelineConfigError, validatePipeline, type Pipeline } from './define-pipeline.ts';

export interface LoadedPipeline {
  pipeline: Pipeline;
  /** The file's absolute path. */
  file: string;
  /**
   * The file as it was given (`--pipeline`), for messages, as loadPipeline's own name it: a configuration problem
   * found later (an unset `smtp.passwordEnv`) names the file as the others do. Absent: `file`.
   */
  givenFile?: string;
  /** Folder that relative paths in the definition resolve against: the nearest one holding package.json. */
  rootDir: string;
}

/** A pipeline file that cannot be read at all (missing, does not load, exports nothing). */
export class PipelineLoadError extends Error {
  override name = 'PipelineLoadError';
}

const HOW_TO_EXPORT = 'a pipeline file exports its definition as the default, as in `export default definePipeline({ ... })`';

type DefaultExport =
  | { present: true; value: unknown; maybeMissing: boolean }
  | { present: false; otherExports: string[] };

/**
 * The default export of an imported pipeline file. tsx runs a file outside a `"type": "module"` package as CommonJS,
 * and Node then hands over its whole exports object as the default: `{ __esModule: true, default: pipeline, ...named }`
 * for a file written with `export`. `maybeMissing`: a CommonJS file that exports nothing arrives as an empty object,
 * just as `export default {}` does.
 */
function defaultExportOf(module: Record<string, unknown>): DefaultExport {
  const named = (exports: object) => Object.keys(exports).filter((name) => name !== 'default' && name !== '__esModule');
  if (!('default' in module)) return { present: false, otherExports: named(module) };
  const outer = module.default;
  // Without `__esModule`, a hand-written CommonJS `exports.default = ...` (its exports have no pipeline `id`).
  if (isPlainObject(outer) && (outer.__esModule === true || ('default' in outer && !('id' in outer)))) {
    return 'default' in outer ? { present: true, value: outer.default, maybeMissing: false } : { present: false, otherExports: named(outer) };
  }
  return { present: true, value: outer, maybeMissing: true };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Export names are identifiers, or any string in `export { x as "..." }`. */
function exportName(name: string): string {
  return /^[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]*$/u.test(name) ? name : JSON.stringify(name);
}

function isConfigError(error: unknown): error is PipelineConfigError {
  return error instanceof Error && error.name === 'PipelineConfigError' && Array.isArray((error as PipelineConfigError).problems);
}

/** process.exit while pipeline files load (see loadPipeline), and how many loads are under way. */
const refusedExit = ((code?: number | string | null) => {
  throw new Error(`it called process.exit(${code ?? ''}) as it loaded, which would end the command having done nothing`);
}) as typeof process.exit;
let loadsUnderWay = 0;
let exitBeforeLoads: typeof process.exit | null = null;

/** What is at a path that exists: 'a file', or what else it is, for a message. */
function fileKind(absolute: string): string {
  try {
    const stats = statSync(absolute);
    if (stats.isFile()) return 'a file';
    if (stats.isDirectory()) return 'a directory';
    if (stats.isFIFO()) return 'a named pipe (FIFO)';
    return 'a device or socket';
  } catch (error) {
    return `unreadable (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
  }
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
  // a FIFO would be waited on for ever, a directory loaded as a package
  const kind = fileKind(absolute);
  if (kind !== 'a file') throw new PipelineLoadError(`the pipeline file ${file} is ${kind}, not a file`);
  let module: Record<string, unknown>;
  // A file that ends the process as it loads would make any command, `run` included, end having done nothing, with
  // the file's exit code: a cron job's 0 would read as a run done.
  if (loadsUnderWay++ === 0) {
    exitBeforeLoads = process.exit;
    process.exit = refusedExit;
  }
  try {
    // tsImport loads TypeScript wherever the file lives, even outside a `"type": "module"` package (as CommonJS there).
    module = (await tsImport(pathToFileURL(absolute).href, import.meta.url)) as Record<string, unknown>;
  } catch (error) {
    // The file may see its own copy of the config module, so the error is recognised by shape, not by class.
    if (isConfigError(error)) throw new PipelineConfigError(error.problems, file);
    // what a file throws need not be an Error (`throw null`, `throw 'text'`)
    const why = error instanceof Error ? error.message : `it threw ${error === null || typeof error !== 'object' ? JSON.stringify(error) ?? String(error) : 'an object that is not an Error'}`;
    throw new PipelineLoadError(`cannot load pipeline file ${file}: ${why}`);
  } finally {
    // given back once no load is under way (loads may overlap), unless something else has replaced it since
    if (--loadsUnderWay === 0 && process.exit === refusedExit && exitBeforeLoads) process.exit = exitBeforeLoads;
  }
  const found = defaultExportOf(module);
  if (!found.present) {
    const names = found.otherExports.slice(0, 5).map(exportName).join(', ') + (found.otherExports.length > 5 ? ` and ${found.otherExports.length - 5} more` : '');
    const exported = found.otherExports.length > 0 ? `it exports only ${names}` : 'it exports nothing';
    throw new PipelineLoadError(`pipeline file ${file} has no default export (${exported}): ${HOW_TO_EXPORT}`);
  }
  if (!isPlainObject(found.value)) {
    throw new PipelineLoadError(`the default export of pipeline file ${file} is ${kindOf(found.value)}, not a pipeline definition: ${HOW_TO_EXPORT}`);
  }
  if (found.maybeMissing && Object.keys(found.value).length === 0) {
    throw new PipelineLoadError(`pipeline file ${file} has no default export, or an empty one: ${HOW_TO_EXPORT}`);
  }
  const rootDir = findProjectRoot(path.dirname(absolute));
  let pipeline: Pipeline;
  try {
    pipeline = validatePipeline(found.value as Parameters<typeof validatePipeline>[0], rootDir);
  } catch (error) {
    if (isConfigError(error)) throw new PipelineConfigError(error.problems, file);
    throw error;
  }
  return { pipeline, file: absolute, givenFile: file, rootDir };
}
