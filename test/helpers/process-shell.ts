import { spawn } from 'node:child_process';
import type { ShellPort, StepResult } from '../../src/app/index.ts';
import type { KnownSecret } from '../../src/context/index.ts';
import type { CommandRecord } from '../../src/shell/index.ts';

/**
 * A ShellPort for the use-case tests: each line runs in a real `/bin/sh -c`
 * in `cwd`, stdout and stderr together as the record's output. No PTY: the
 * loop under test needs what ran and what it printed, not a terminal. A line
 * killed by SIGINT is interrupted, as in the shell.
 */
export function processShell(cwd: string, baseEnv: Record<string, string> = {}, known: KnownSecret[] = []): ShellPort & { ran: { line: string; env: Record<string, string> }[] } {
  const records: CommandRecord[] = [];
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, ...baseEnv };
  const ran: { line: string; env: Record<string, string> }[] = [];
  return {
    ran,
    run(line, options = {}) {
      ran.push({ line, env: options.env ?? {} });
      const startedAt = Date.now();
      return new Promise<StepResult>((resolve) => {
        const child = spawn('/bin/sh', ['-c', line], { cwd, env: { ...env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (data: Buffer) => (output += data.toString()));
        child.stderr.on('data', (data: Buffer) => (output += data.toString()));
        child.on('close', (code, signal) => {
          const status = signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : (code ?? 1);
          const record: CommandRecord = {
            id: records.length + 1,
            line,
            cwd,
            startedAt,
            durationMs: Date.now() - startedAt,
            status,
            ...(signal ? { signal } : {}),
            output,
            outputTruncated: false,
            fullscreen: false,
          };
          records.push(record);
          resolve({ kind: signal === 'SIGINT' ? 'interrupted' : 'finished', record });
        });
      });
    },
    records: () => records,
    cwd: () => cwd,
    env: () => env,
    secrets: () => known,
  };
}
