import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownerState, thisProcess } from '../../src/run/run-owner.ts';

describe('what is known of the process holding a run', () => {
  it('alive for a live process of that start; unknown for another host\'s or one whose start is not known; gone for one that exited, was killed and not yet reaped, or whose id another process took', async () => {
    const self = thisProcess();
    expect(ownerState(self)).toBe('alive');
    // this process's id, but a run of a process started at another time: a restarted container's process 1
    expect(ownerState({ ...self, started: String(Number(self.started) - 1) })).toBe('gone');
    // a run stored before start times were: its signs of life decide
    expect(ownerState({ ...self, started: null })).toBe('unknown');
    expect(ownerState({ host: 'another-host', pid: 999_999 })).toBe('unknown');
    // a shell starts `sleep`, prints its pid, then becomes a `sleep` that never reaps it: killed, it stays a zombie
    const parent = spawn('sh', ['-c', 'sleep 30 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      const pid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()))));
      const started = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')[19]!;
      expect(ownerState({ host: self.host, pid, started })).toBe('alive');
      expect(ownerState({ host: self.host, pid, started: null })).toBe('unknown');
      // the same id, but a process that started at another time: the id was used again
      expect(ownerState({ host: self.host, pid, started: '1' })).toBe('gone');
      process.kill(pid, 'SIGKILL');
      await expect.poll(() => ownerState({ host: self.host, pid }), { timeout: 5_000 }).toBe('gone');
    } finally {
      parent.kill('SIGKILL');
    }
    expect(ownerState({ host: self.host, pid: 2 ** 22 + 1 })).toBe('gone');
    expect(self.started).toMatch(/^\d+$/);
  });
});
