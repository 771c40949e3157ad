import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestDatabase } from './databases.ts';
import { startServer, type Route } from './http-server.ts';
import { runCommands, type CommandResult, type Register } from './in-process-cli.ts';

/**
 * A project of one test's own, as a user has one: a folder with a pipeline file, a fresh database and, where the test
 * serves feeds or pages, a real HTTP server on 127.0.0.1; the CLI's commands run in this process against them.
 */
export interface TempProject {
  /** The project folder (a fresh temp folder). */
  readonly root: string;
  /** `pipeline.ts` in the folder: what `cli` passes as `--pipeline`. */
  readonly pipelineFile: string;
  /** What `cli` passes as `--database`. */
  readonly database: TestDatabase;
  /** The server of the `routes` the project was made with (an error for a project made without). */
  readonly server: TestServer;
  /** The pipeline file as the commands print it: relative to where pausewatch was started. */
  readonly shownPipelineFile: string;
  /** `--pipeline … --database …` as the commands' hints print them: as `cli` gives them. */
  readonly shownFlags: string;
  /** Writes (or rewrites) the pipeline file as `export default {…};`. */
  writePipeline(definition: object): void;
  /** Writes a file at a path relative to the folder, making its folders. */
  writeFile(relativePath: string, content: string): void;
  /** Runs the project's commands with `args`, then `--pipeline` and `--database` of this project. */
  cli(...args: string[]): Promise<CommandResult>;
  /** Closes the server, drops the database and deletes the folder; safe to call again. */
  remove(): Promise<void>;
}

type TestServer = Awaited<ReturnType<typeof startServer>>;

export interface TempProjectOptions {
  /** Names the temp folder, for whoever finds one left behind. */
  name: string;
  /** Makes the project's fresh database: `freshSqlite`, or a dialect's `fresh`. */
  database: () => Promise<TestDatabase>;
  /** The commands `cli` runs, as `runCommands` takes them. */
  commands: readonly Register[];
  /** Routes for a server of the project's own. */
  routes?: Record<string, Route>;
}

export async function tempProject({ name, database: freshDatabase, commands, routes }: TempProjectOptions): Promise<TempProject> {
  const database = await freshDatabase();
  const root = mkdtempSync(path.join(os.tmpdir(), `pausewatch-${name}-`));
  let server: TestServer | null = null;
  let removed = false;
  const remove = async () => {
    if (removed) return;
    removed = true;
    await server?.close();
    await database.drop();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    if (routes) server = await startServer(routes);
  } catch (error) {
    await remove();
    throw error;
  }
  const pipelineFile = path.join(root, 'pipeline.ts');
  const shownPipelineFile = () => path.relative(process.cwd(), pipelineFile);
  return {
    root,
    pipelineFile,
    database,
    get server() {
      if (!server) throw new Error('this temp project has no server: give tempProject routes');
      return server;
    },
    get shownPipelineFile() {
      return shownPipelineFile();
    },
    get shownFlags() {
      // as given: the test databases' URLs carry no password for the hints to leave out
      return `--pipeline ${pipelineFile} --database ${database.target}`;
    },
    writePipeline: (definition) => writeFileSync(pipelineFile, `export default ${JSON.stringify(definition, null, 2)};\n`),
    writeFile: (relativePath, content) => {
      const file = path.join(root, relativePath);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    },
    cli: (...args) => runCommands(commands, [...args, '--pipeline', pipelineFile, '--database', database.target]),
    remove,
  };
}

/** Fetch settings for feeds on the test's own server: a private address, no gap between requests, a short timeout. */
export const localFetch = { allowPrivateAddresses: true, perHostGapMs: 0, timeoutMs: 5_000 };
/**
 * For runs started at once whose pages the server holds until the last run asks (pipeline file edits at the same
 * moment): the first run waits for the last to start, which on a busy machine takes longer than 5 s.
 */
export const heldPagesFetch = { ...localFetch, timeoutMs: 60_000 };

/**
 * A pipeline definition for `writePipeline`: the given id, name, sources and fetch settings (none when not given), the
 * small pause topic the test articles match, and no alert channels.
 */
export function pipelineDefinition({ id, name, sources, fetch }: { id: string; name: string; sources: object[]; fetch?: object }): object {
  return {
    id,
    name,
    sources,
    topic: { description: 'The pause', proposalTerms: ['pause'], contextTerms: ['frontier AI'] },
    fetch,
    alerts: { channels: [] },
  };
}

const bin = path.resolve(import.meta.dirname, '../../src/cli/bin.cjs');

/** `sources add <url>` of the project, run for real in a process of its own: its exit code and what it printed. */
export function sourcesAddProcess(project: TempProject, url: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'sources', 'add', url, '--pipeline', project.pipelineFile, '--database', project.database.target], { cwd: project.root, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
