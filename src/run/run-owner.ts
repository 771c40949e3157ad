import os from 'node:os';
import type { RunOwner } from '../store/index.ts';

/** This process, as a run's owner. */
export function thisProcess(): RunOwner {
  return { host: os.hostname(), pid: process.pid };
}

/**
 * Whether the process that holds a run is known to be gone: on this host, with no process of that id. A process
 * of another user (EPERM) is alive; on another host nothing is known, so the answer is no.
 */
export function processIsGone(owner: RunOwner): boolean {
  if (owner.host !== os.hostname() || owner.pid === process.pid) return false;
  try {
    // signal 0 checks that the process exists without touching it
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
