import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const executable = path.resolve(import.meta.dirname, '../../src/cli/bin.cjs');
const HELD_THREADS = 6;

/**
 * A pipeline file that finds out, as it loads inside the command's process, whether libuv's thread pool has a thread
 * free once six are held: each read of a named pipe no one writes to holds one in open(), as a name look-up whose DNS
 * server never answers holds one. With node's default of 4 threads the stat that follows waits.
 */
const probePipeline = `import fs from 'node:fs';
const dir = ${JSON.stringify('DIR')};
for (let i = 0; i < ${HELD_THREADS}; i++) fs.readFile(dir + '/fifo' + i, () => {});
const outcome = await Promise.race([
  fs.promises.stat(dir).then(() => 'free'),
  new Promise((resolve) => setTimeout(() => resolve('held'), 3000)),
]);
fs.writeFileSync(dir + '/outcome', outcome);
export default {};
`;

describe('the executable sizes the thread pool name look-ups and file work share', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-pool-'));
    for (let i = 0; i < HELD_THREADS; i++) execFileSync('mkfifo', [path.join(dir, `fifo${i}`)]);
    writeFileSync(path.join(dir, 'probe.mjs'), probePipeline.replace('"DIR"', JSON.stringify(dir)));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs `sources` on the probe, then lets the held reads end (a writer opens each pipe), so the process can exit. */
  async function poolOutcome(threadPoolSize: string | undefined): Promise<string> {
    const env = { ...process.env };
    delete env.UV_THREADPOOL_SIZE;
    if (threadPoolSize !== undefined) env.UV_THREADPOOL_SIZE = threadPoolSize;
    const child = spawn(process.execPath, [executable, 'sources', '--pipeline', path.join(dir, 'probe.mjs'), '--database', path.join(dir, 'x.db')], { env, stdio: 'ignore' });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const outcomeFile = path.join(dir, 'outcome');
    let done = false;
    void exited.then(() => (done = true));
    while (!done) {
      if (existsSync(outcomeFile)) {
        // a pipe with no reader yet refuses a non-blocking writer (ENXIO); its read still queued is let go on a later turn
        for (let i = 0; i < HELD_THREADS; i++) {
          try {
            closeSync(openSync(path.join(dir, `fifo${i}`), constants.O_WRONLY | constants.O_NONBLOCK));
          } catch {}
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return readFileSync(outcomeFile, 'utf8');
  }

  it('has threads to spare with six held, when the user set no size (node alone has 4)', async () => {
    expect(await poolOutcome(undefined)).toBe('free');
  }, 30_000);

  it('keeps the size the user set', async () => {
    expect(await poolOutcome('4')).toBe('held');
  }, 30_000);
});

describe('the executable, asked for help', () => {
  it('exits 0 for `help` and `help <command>`, as for --help', () => {
    for (const args of [['help'], ['help', 'run'], ['--help']]) {
      const result = spawnSync(process.execPath, [executable, ...args], { encoding: 'utf8' });
      expect(result.status, args.join(' ')).toBe(0);
      expect(result.stdout).toMatch(/^Usage: pausewatch/);
    }
  }, 30_000);
});

describe('the executable, when a pipeline file awaits what never comes', () => {
  it('exits 13 saying its command did not finish, as node does for its own entry module, not 0', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-await-'));
    try {
      writeFileSync(path.join(dir, 'pipeline.mjs'), 'await new Promise(() => {});\nexport default {};\n');
      const child = spawn(process.execPath, [executable, 'sources', '--pipeline', path.join(dir, 'pipeline.mjs'), '--database', path.join(dir, 'x.db')], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(13);
      expect(stderr).toBe('pausewatch: ended before its command finished: an await that never settled (in the pipeline file?)\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
