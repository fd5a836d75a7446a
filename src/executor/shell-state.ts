import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ShellState } from './types.ts';

/** Carries OLDPWD past the shell's start-up (see wrapLine). */
export const OLDPWD_CARRIER = 'CONCH_OLDPWD';

/** Variables that describe one process, not the session; never carried to the next line. */
const PER_PROCESS = new Set(['_', 'SHLVL', 'conch_rc', 'COLUMNS', 'LINES', OLDPWD_CARRIER]);

export interface StateDump {
  status: number;
  state: ShellState;
}

/**
 * Reads what the line's EXIT trap wrote: `status NUL cwd NUL` then `env -0`.
 * Missing or unreadable (the shell was killed, or `exec`ed another program)
 * means the line left no state: the caller keeps the previous one.
 */
export function readStateDump(file: string): StateDump | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  } finally {
    rmSync(file, { force: true });
  }
  const fields = text.split('\0');
  const [status, cwd] = fields;
  if (status === undefined || cwd === undefined || !/^\d+$/.test(status) || !cwd.startsWith('/')) return undefined;
  const env: Record<string, string> = {};
  for (const entry of fields.slice(2)) {
    const eq = entry.indexOf('=');
    if (eq <= 0) continue;
    const name = entry.slice(0, eq);
    if (!PER_PROCESS.has(name)) env[name] = entry.slice(eq + 1);
  }
  return { status: Number(status), state: { cwd, env } };
}

/** A cwd that still exists: the nearest existing parent if the directory was removed meanwhile. */
export function existingCwd(cwd: string, fallback: string): string {
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (existsSync(dir)) return dir;
    if (dirname(dir) === dir) return fallback;
  }
}

/**
 * The environment a line starts with: the shell state's, in a new object (node-pty
 * sanitizes only process.env itself), without a stale terminal size.
 */
export function childEnv(state: ShellState, cwd: string): Record<string, string> {
  const env: Record<string, string> = { ...state.env, PWD: cwd };
  delete env.COLUMNS;
  delete env.LINES;
  if (env.OLDPWD !== undefined) env[OLDPWD_CARRIER] = env.OLDPWD;
  return env;
}
