import type { ReadStream } from 'node:tty';
import { createCompleter, createHistory, createLineEditor } from '../editor/index.ts';
import { createExecutor } from '../executor/index.ts';
import { REPL_BUILTINS, createTerminal, startRepl } from '../repl/index.ts';
import type { CliIo } from './io.ts';
import { loadShellSettings } from './settings.ts';
import { guardTerminal } from './tty-guard.ts';
import { processEnv } from './process-env.ts';

/** The interactive shell: raw terminal, line editor, one PTY per line. */
export async function runInteractive(io: CliIo & { stdin: ReadStream }, options: { shell?: string }): Promise<number> {
  const settings = loadShellSettings(io.env, options.shell);
  const { history, warning } = await createHistory({ path: settings.historyPath });
  for (const line of [...settings.warnings, ...(warning ? [warning] : [])]) io.stderr.write(`conch: ${line}\n`);

  const executor = createExecutor({
    shell: settings.shell,
    cwd: process.cwd(),
    env: processEnv(io.env),
    capture: settings.capture,
    interactive: true,
  });
  const guard = guardTerminal({ stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, onHangup: () => executor.hangup() });
  const terminal = createTerminal({ stdin: io.stdin, stdout: io.stdout });
  const editor = createLineEditor({
    terminal,
    history,
    completer: createCompleter({
      cwd: () => executor.state.cwd,
      env: () => executor.state.env,
      builtins: REPL_BUILTINS,
    }),
  });
  try {
    return await startRepl({
      terminal,
      executor,
      editor,
      home: io.env.HOME,
      color: !io.env.NO_COLOR,
    });
  } finally {
    executor.hangup();
    guard.restore();
  }
}
