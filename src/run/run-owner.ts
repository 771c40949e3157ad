import { readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import type { OwnerState, RunOwner } from '../store/index.ts';

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
  return { host: processTable(), pid: process.pid, started: processStarted(process.pid) };
}

/**
 * What is known of the process that holds a run: in this process table, gone (no process of that id, a zombie, or a
 * process of that id started at another time: the id was used again, as a restarted container's process 1 uses it)
 * or alive (that id, started at that time); elsewhere, or where the start time cannot be told (no /proc, a run stored
 * before start times were), nothing, and the run's signs of life decide.
 */
export function ownerState(owner: RunOwner): OwnerState {
  if (owner.host !== processTable()) return 'unknown';
  if (owner.pid !== process.pid) {
    try {
      // signal 0 checks that the process exists without touching it (EPERM: it does, another user's)
      process.kill(owner.pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
    }
  }
  const stat = processStat(owner.pid);
  if (stat?.state === 'Z') return 'gone';
  if (!stat || !owner.started) return 'unknown';
  return stat.started === owner.started ? 'alive' : 'gone';
}

/** When a process started, in clock ticks since boot, as Linux counts it; null where it cannot be read. */
function processStarted(pid: number): string | null {
  return processStat(pid)?.started ?? null;
}

/**
 * A process's state (Z for one killed but not yet reaped by its parent: it answers signal 0, yet runs nothing) and start
 * time, from Linux's /proc; null elsewhere.
 */
function processStat(pid: number): { state: string; started: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state ppid ...": the command may hold spaces and parentheses; the fields after it are the 3rd
    // (state) on, the start time the 22nd
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, started: fields[19]! };
  } catch {
    return null;
  }
}
