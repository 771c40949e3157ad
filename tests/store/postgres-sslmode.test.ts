import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { withLibpqSslModes } from '../../src/store/connect.ts';
import { PG_ADMIN_URL } from '../helpers/databases.ts';

const BIN = path.resolve('src/cli/bin.cjs');

/**
 * `sslmode=require` in DATABASE_URL, as PostgreSQL's documentation writes it, put node-postgres' nine-line security
 * warning on stderr for every command, so in every cron mail; pausewatch reads the mode as libpq does instead.
 */
describe('sslmode in a postgres:// URL', () => {
  it('asks node-postgres for libpq\'s meaning, and leaves other URLs as they are', () => {
    expect(withLibpqSslModes('postgres://reader:pw@db.example:5432/news?sslmode=require')).toBe(
      'postgres://reader:pw@db.example:5432/news?sslmode=require&uselibpqcompat=true',
    );
    for (const unchanged of [
      'postgres://db.example/news',
      'postgres://db.example/news?sslmode=require&uselibpqcompat=false',
      'postgres://reader:s3cret#x@127.0.0.1/news?sslmode=require',
    ]) {
      expect(withLibpqSslModes(unchanged)).toBe(unchanged);
    }
  });

  it('gives a command on such a URL no library warning, and names the URL as the user wrote it', async () => {
    const url = new URL(PG_ADMIN_URL);
    url.searchParams.set('sslmode', 'require');
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-sslmode-'));
    try {
      // The server may or may not offer TLS: either the command works or it says why not, in one line.
      const result = await promisify(execFile)(process.execPath, [BIN, 'articles', '--json', '--database', url.href], { cwd }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(result.stderr).not.toContain('WARNING');
      expect(result.stderr).not.toContain('uselibpqcompat');
      if (result.code === 0) expect(Array.isArray(JSON.parse(result.stdout))).toBe(true);
      else expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining('?sslmode=require: ')]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
