import { readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import type { RunOwner } from '../store/index.ts';

/**
 * Where process ids mean the same thing: the host name, and on Linux the process-id namespace. Containers that share
 * a database volume may share a host name too, but each has its own namespace, so none takes another's live run
 * for a dead one.
 */
function processTable(): string {
  try {
    return `${os.hostname()} ${readlinkSync('/proc/self/ns/pid')}`;
  } catch {
    return os.hostname();
  }
}

/** This process, as a run's owner. */
export function thisProcess(): RunOwner {
  return { host: processTable(), pid: process.pid };
}

/**
 * Whether the process that holds a run is known to be gone: in this process table, with no process of that id. A
 * process of another user (EPERM) is alive; elsewhere nothing is known, so the answer is no.
 */
export function processIsGone(owner: RunOwner): boolean {
  if (owner.host !== processTable() || owner.pid === process.pid) return false;
  try {
    // signal 0 checks that the process exists without touching it
    process.kill(owner.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  return isZombie(owner.pid);
}

/** A process killed but not yet reaped by its parent (state Z on Linux): it answers signal 0, yet runs nothing. */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ...": the command may hold spaces and parentheses, the state follows the last ")"
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}
