import type { ReadStream } from 'node:tty';
import { createCompleter, createHistory, createLineEditor } from '../editor/index.ts';
import { createExecutor } from '../executor/index.ts';
import { dataDir } from '../config/index.ts';
import { META_COMMANDS, REPL_BUILTINS, createModelSession, createTerminal, startRepl } from '../repl/index.ts';
import type { CliIo } from './io.ts';
import { loadShellSettings } from './settings.ts';
import { guardTerminal } from './tty-guard.ts';
import { processEnv } from './process-env.ts';
import type { StorageWarning } from '../private-file.ts';

/** The interactive shell: raw terminal, line editor, one PTY per line. */
export async function runInteractive(io: CliIo & { stdin: ReadStream }, options: { shell?: string }): Promise<number> {
  const settings = loadShellSettings(io.env, options.shell);
  // Failures to save history or the log, each reported once, printed by the repl before the next prompt.
  const storageWarnings: StorageWarning[] = [];
  const { history, warning } = await createHistory({ path: settings.historyPath, onWriteError: (problem) => storageWarnings.push(problem) });
  for (const line of [...settings.warnings, ...(warning ? [warning.message] : [])]) io.stderr.write(`conch: ${line}\n`);

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
    // Terminals that re-wrap the prompt's row when narrowed; elsewhere the editor assumes they do not.
    reflowOnResize: Boolean(io.env.TMUX || io.env.VTE_VERSION || io.env.KITTY_WINDOW_ID || /^(iTerm\.app|WezTerm|vscode)$/.test(io.env.TERM_PROGRAM ?? '')),
    color: !io.env.NO_COLOR,
    completer: createCompleter({
      cwd: () => executor.state.cwd,
      env: () => executor.state.env,
      builtins: [...REPL_BUILTINS, ...META_COMMANDS],
    }),
  });
  const session = createModelSession({ config: settings.config, env: io.env, dataDir: dataDir(io.env), onStorageWarning: (problem) => storageWarnings.push(problem) });
  try {
    return await startRepl({
      terminal,
      executor,
      editor,
      session,
      shell: settings.shell,
      home: io.env.HOME,
      color: !io.env.NO_COLOR,
      questionPrefix: settings.config.questionPrefix,
      takeWarnings: () => storageWarnings.splice(0),
    });
  } finally {
    executor.hangup();
    guard.restore();
  }
}
