import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NamedFileError, readNamedFile } from '../../src/cli/errors.ts';

describe('a file named on the command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-named-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const failure = (file: string, maxBytes?: number) =>
    readNamedFile(file, maxBytes).then(
      () => null,
      (error: unknown) => (error instanceof NamedFileError ? { code: error.code, message: error.message } : error),
    );

  it('is read whole when it is a regular file within the cap', async () => {
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'Labs weigh a pause.');
    expect((await readNamedFile(file, 19)).toString()).toBe('Labs weigh a pause.');
  });

  it('is refused, named, when it is missing, a directory, a device, a pipe or over the cap, without waiting on it', async () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const big = path.join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(20));
    expect(await failure(path.join(dir, 'none.txt'))).toEqual({ code: 'not_found', message: `cannot read ${dir}/none.txt: no such file` });
    expect(await failure(dir)).toEqual({ code: 'is_directory', message: `cannot read ${dir}: it is a directory` });
    expect(await failure('/dev/zero')).toEqual({ code: 'not_a_file', message: 'cannot read /dev/zero: not a file but a device or a pipe' });
    // opening a pipe would wait for a writer forever
    expect(await failure(fifo)).toEqual({ code: 'not_a_file', message: `cannot read ${fifo}: not a file but a device or a pipe` });
    expect(await failure(big, 19)).toEqual({ code: 'too_large', message: `cannot read ${big}: it is 20 bytes, more than the 19 read from a file` });
  });
});
