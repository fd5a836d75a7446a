import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from '../shell/process-groups.ts';

const POLL_MS = 2;

/**
 * Resolves once `pid` has exited, polling every 2 ms (node-pty reports the
 * exit only after its own 200 ms grace timer, and by then it may have thrown
 * the output tail away: pty.md §1.1). Only used when the supervisor cannot say
 * `done` itself because it was hung up or killed.
 */
export async function whenGone(pid: number, signal: AbortSignal): Promise<void> {
  while (isAlive(pid)) await sleep(POLL_MS, undefined, { signal });
}
