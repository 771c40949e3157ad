import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';

const bin = path.resolve(import.meta.dirname, '../../src/cli/bin.cjs');
/** Root writes to any folder, whatever its mode: the command runs as nobody then, for whom the mode holds. */
const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};

function pausewatch(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { ...asNobody, cwd: os.tmpdir(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * A pausewatch database is in WAL mode: SQLite writes its -wal and -shm files beside it even to read it, and in a
 * folder it cannot write it says only "unable to open database file". The commands that read say why.
 */
describe.skipIf(process.platform === 'win32')('a SQLite database in a folder that cannot be written', () => {
  let root: string | undefined;
  afterEach(() => {
    if (!root) return;
    chmodSync(path.join(root, 'ro'), 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it('is refused by a command that reads it, naming the read-only folder as the reason (exit 2)', async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-ro-folder-'));
    chmodSync(root, 0o755);
    const dir = path.join(root, 'ro');
    mkdirSync(dir);
    const file = path.join(dir, 'pausewatch.db');
    await (await openStore(file)).close();
    // as a database copied or backed up whole, on its own: in WAL mode, with no -wal or -shm beside it
    const sqlite = new SQLite(file);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    sqlite.close();
    for (const extra of ['-wal', '-shm']) rmSync(`${file}${extra}`, { force: true });
    expect(readdirSync(dir)).toEqual(['pausewatch.db']);
    chmodSync(dir, 0o555);

    const { code, stderr } = await pausewatch(['articles', '--database', file]);
    // SQLite's own words differ with the cause (a folder's mode, a read-only mount): kept in parentheses
    const [before, after] = [
      `pausewatch: cannot open SQLite database ${file}: the folder holding it (${dir}) is read-only, and SQLite writes its -wal and -shm files beside a pausewatch database even to read it (`,
      '): make the folder writable, or copy the database to one that is\n',
    ];
    expect(stderr.startsWith(before) && stderr.endsWith(after)).toBe(true);
    expect(stderr.slice(before.length, -after.length)).toMatch(/^(unable to open database file|attempt to write a readonly database)$/);
    expect(code).toBe(2);
  });
});
