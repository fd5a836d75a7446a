import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { CliIo } from './io.ts';
import { resolveProgram } from '../shell/index.ts';
import { loadShellSettings } from './settings.ts';

/**
 * `conch -c LINE`, `conch SCRIPT`, `conch < script` (with the shell's own
 * options, `-ilc` and all): the chosen shell itself,
 * with the caller's stdin, stdout and stderr untouched (no PTY, no bytes of
 * conch's), so its output and status are the shell's. This is also what lets
 * conch be a login shell: sshd, scp, git and editors run `$SHELL -c ...`.
 */
export async function runDirect(io: CliIo, options: { shell?: string | undefined; login: boolean; flags: string[]; args: string[] }): Promise<number> {
  // A --shell that is not there: nothing runs, as for a missing command (another shell would run the line unasked).
  if (options.shell !== undefined && !resolveProgram(options.shell, io.env.PATH ?? '/usr/bin:/bin')) {
    io.stderr.write(`conch: --shell ${options.shell}: no such program\n`);
    return 127;
  }
  const settings = loadShellSettings(io.env, { shellFlag: options.shell, interactive: false });
  // Config warnings would be bytes of conch's on stderr; only a broken [shell] program is worth one.
  for (const warning of settings.shell.warnings) io.stderr.write(`conch: ${warning}\n`);
  const args = [...(options.login ? ['-l'] : []), ...options.flags, ...options.args];
  // As a shell that execs: the keyboard's signals are for the child, and conch outlives them to pass on its status.
  const ignore = () => {};
  for (const signal of ['SIGINT', 'SIGQUIT'] as const) process.on(signal, ignore);
  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn(settings.shell.path, args, { stdio: 'inherit', env: io.env });
      child.on('error', (error: NodeJS.ErrnoException) => {
        io.stderr.write(`conch: cannot run ${settings.shell.path}: ${error.code === 'ENOENT' ? 'no such program' : error.message}\n`);
        resolve({ code: error.code === 'ENOENT' ? 127 : 126, signal: null });
      });
      child.on('exit', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal }));
    });
    if (signal) {
      // Die of the same signal, so the caller sees what it would have seen of the shell.
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return 128 + (constants.signals[signal] ?? 0);
    }
    return code ?? 1;
  } finally {
    for (const signal of ['SIGINT', 'SIGQUIT'] as const) process.off(signal, ignore);
  }
}
