import { readdirSync, readFileSync } from 'node:fs';

/** Every process group in the session led by `leader` (the shell), from /proc. */
export function sessionGroups(leader: number): number[] {
  return [...new Set([leader, ...(groupsBySession(new Set([leader])).get(leader) ?? [])])];
}

/**
 * The process groups of every process in one of `sessions`, by session, from
 * one pass over /proc. A session with no process left is absent: its number
 * is free again and may soon name someone else's session.
 */
function groupsBySession(sessions: ReadonlySet<number>): Map<number, number[]> {
  const found = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(Number(entry));
    // Fields after the parenthesised command name: state ppid pgrp session ...
    const session = Number(fields?.[3]);
    if (!fields || !sessions.has(session) || fields[0] === 'Z') continue;
    found.set(session, [...(found.get(session) ?? []), Number(fields[2])]);
  }
  return found;
}

/** Sends each signal, in order, to each group; a group that is already gone is skipped. */
export function signalGroups(groups: readonly number[], signals: readonly NodeJS.Signals[]): void {
  for (const signal of signals) {
    for (const group of groups) {
      try {
        process.kill(-group, signal);
      } catch {
        // Already gone.
      }
    }
  }
}

/**
 * True while `pid` runs. A zombie counts as gone: this sandbox's PID 1 does not
 * reap orphans, so kill(pid, 0) alone would say a dead process lives.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  return statFields(pid)?.[0] !== 'Z';
}

/** The process group in the foreground of the terminal whose session `leader` leads (the running job, or the shell itself). */
export function foregroundGroup(leader: number): number | undefined {
  const tpgid = Number(statFields(leader)?.[5]);
  return tpgid > 0 ? tpgid : undefined;
}

/**
 * Whether bash (`pid`) is in the foreground, waiting for a command line of its own: blocked in
 * read(0, …, 1024), the size of bash's command input buffer (its `read` builtin asks for 4096, its
 * editor waits in pselect). /proc/PID/syscall is readable for a child of ours.
 */
export function readsCommandLines(pid: number): boolean {
  if (foregroundGroup(pid) !== pid) return false;
  try {
    return /^0 0x0 0x[0-9a-f]+ 0x400 /.test(readFileSync(`/proc/${pid}/syscall`, 'utf8'));
  } catch {
    return false;
  }
}

function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    // The process exited while we looked.
    return undefined;
  }
}
