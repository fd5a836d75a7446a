import { createInterface } from 'node:readline';
import type { ReadStream } from 'node:tty';
import { isIncomplete } from '../editor/index.ts';
import { createExecutor, type Executor, type RunOutcome } from '../executor/index.ts';
import { createTerminal, describeOutcome, routeLine, type Terminal } from '../repl/index.ts';
import type { CliIo } from './io.ts';
import { processEnv } from './process-env.ts';
import { loadShellSettings } from './settings.ts';
import { guardTerminal } from './tty-guard.ts';

/** `conch -c LINE`: one line through the same executor; conch exits with its status. */
export async function runCommand(io: CliIo, options: { command: string; shell?: string }): Promise<number> {
  const interactive = Boolean(io.stdin.isTTY && io.stdout.isTTY);
  const executor = startExecutor(io, options.shell, interactive);
  if (!interactive) return finish(executor, await executor.run(options.command, outputOnly(io)), io);

  const stdin = io.stdin as ReadStream;
  const guard = guardTerminal({ stdin, stdout: io.stdout, stderr: io.stderr, onHangup: () => executor.hangup() });
  try {
    const outcome = await executor.run(options.command, createTerminal({ stdin, stdout: io.stdout }));
    guard.restore();
    return finish(executor, outcome, io);
  } finally {
    executor.hangup();
    guard.restore();
  }
}

/** `conch < script`: lines from stdin one by one, state persisting, like `sh < script`. */
export async function runScript(io: CliIo, options: { shell?: string }): Promise<number> {
  const executor = startExecutor(io, options.shell, false);
  const terminal = outputOnly(io);
  let status = 0;
  let pending = '';
  try {
    for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      pending = pending ? `${pending}\n${line}` : line;
      if (isIncomplete(pending)) continue;
      const text = pending;
      pending = '';
      const route = routeLine(text, { questionPrefix: '' });
      if (route.kind === 'empty') continue;
      if (route.kind === 'exit') return route.status ?? status;
      if (route.kind === 'invalid') {
        io.stderr.write(`conch: ${route.message}\n`);
        status = route.status;
        continue;
      }
      status = finish(executor, await executor.run(text, terminal), io);
    }
    if (pending) {
      io.stderr.write('conch: unexpected end of input: a quote or trailing backslash is still open\n');
      return 2;
    }
    return status;
  } finally {
    executor.hangup();
  }
}

function startExecutor(io: CliIo, shellFlag: string | undefined, interactive: boolean): Executor {
  const settings = loadShellSettings(io.env, shellFlag);
  for (const warning of settings.warnings) io.stderr.write(`conch: ${warning}\n`);
  return createExecutor({
    shell: settings.shell,
    cwd: process.cwd(),
    env: processEnv(io.env),
    capture: settings.capture,
    interactive,
  });
}

function finish(executor: Executor, outcome: RunOutcome, io: CliIo): number {
  const { message, status } = describeOutcome(outcome);
  if (message) io.stderr.write(`${message}\n`);
  if (outcome.kind === 'stopped') executor.hangup();
  return status;
}

/** Output goes to stdout as it is; no keys to pass on. */
function outputOnly(io: CliIo): Terminal {
  const stdout = io.stdout as CliIo['stdout'] & { rows?: number };
  return {
    write: (data) => void io.stdout.write(data),
    onInput: () => () => {},
    size: () => ({ cols: stdout.columns || 80, rows: stdout.rows || 24 }),
    onResize: () => () => {},
  };
}
