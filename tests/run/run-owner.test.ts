import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processIsGone, thisProcess } from '../../src/run/run-owner.ts';

describe('whether the process holding a run is gone', () => {
  it('no for a live process, this one or another host\'s; yes for one that exited or was killed and not yet reaped', async () => {
    const host = thisProcess().host;
    expect(processIsGone({ host, pid: process.pid })).toBe(false);
    expect(processIsGone({ host: 'another-host', pid: 999_999 })).toBe(false);
    // a shell starts `sleep`, prints its pid, then becomes a `sleep` that never reaps it: killed, it stays a zombie
    const parent = spawn('sh', ['-c', 'sleep 30 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const pid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))));
      expect(processIsGone({ host, pid })).toBe(false);
      process.kill(pid, 'SIGKILL');
      await expect.poll(() => processIsGone({ host, pid }), { timeout: 5_000 }).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
    expect(processIsGone({ host, pid: 2 ** 22 + 1 })).toBe(true);
  });
});
