import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface ConchRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The built conch in a child process with exactly `env` (stdin closed at once, stdout and stderr pipes). */
export function runConch(args: string[], env: Record<string, string | undefined>): Promise<ConchRun> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve('bin/conch.js'), ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.end();
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}
