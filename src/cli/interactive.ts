import { StringDecoder } from 'node:string_decoder';
import type { ReadStream } from 'node:tty';
import { dataDir } from '../config/index.ts';
import { isConchError } from '../errors.ts';
import { createCompleter, createHistory, createLineEditor, type History, type LineEditor } from '../editor/index.ts';
import { META_COMMANDS, createModelSession, createTerminal, startRepl, type ReplTerminal } from '../repl/index.ts';
import { preloadRenderer, readShellHistory, startShellSession, startupFiles, type ShellExit, type ShellProgram, type ShellSession } from '../shell/index.ts';
import type { CliIo } from './io.ts';
import type { StorageWarning } from '../private-file.ts';
import { processEnv } from './process-env.ts';
import { loadShellSettings } from './settings.ts';
import { guardTerminal } from './tty-guard.ts';

// How long the shell's start-up (the user's rc files) may take before conch relays the shell as it is.
const DEFAULT_START_TIMEOUT_MS = 5000;

/** The interactive shell: the user's own shell in one PTY, conch's editor and prompt in front of it. */
export async function runInteractive(io: CliIo & { stdin: ReadStream }, options: { shell?: string | undefined; login: boolean }): Promise<number> {
  const settings = loadShellSettings(io.env, { shellFlag: options.shell, interactive: true });
  // Failures to save history or the log, each reported once, printed by the repl before the next prompt.
  const storageWarnings: StorageWarning[] = [];
  const { history, warning } = await createHistory({ path: settings.historyPath, onWriteError: (problem) => storageWarnings.push(problem) });
  for (const line of [...settings.warnings, ...(warning ? [warning.message] : [])]) io.stderr.write(`conch: ${line}\n`);

  let shellSession: ShellSession | undefined;
  const guard = guardTerminal({ stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, onHangup: () => shellSession?.close() });
  const terminal = createTerminal({ stdin: io.stdin, stdout: io.stdout });
  let editor: LineEditor | undefined;
  // Output between commands may cut a UTF-8 character in two: decoded across chunks before it is printed above the prompt.
  const outside = new StringDecoder('utf8');
  const start = (program: ShellProgram) =>
    startShellSession({
      program,
      cwd: process.cwd(),
      env: processEnv(io.env),
      terminal,
      login: options.login,
      capture: settings.capture,
      startTimeoutMs: Number(io.env.CONCH_SHELL_START_TIMEOUT_MS) || DEFAULT_START_TIMEOUT_MS,
      onOutsideOutput: (data) => {
        const text = outside.write(data);
        if (!text) return;
        if (editor) editor.printAbove(text);
        else terminal.write(text);
      },
      onTypeahead: (data) => terminal.handBack(data),
    });
  try {
    const program: ShellProgram = { path: settings.shell.path, kind: settings.shell.kind ?? 'sh' };
    try {
      shellSession = start(program);
    } catch (error) {
      // A broken install (the integration scripts missing): one line, not a stack trace.
      if (!isConchError(error)) throw error;
      io.stderr.write(`conch: ${error.message}\r\n`);
      return 1;
    }
    let started = await shellSession.started;
    let running = program;
    if (started.kind === 'unsupported') {
      io.stderr.write(`conch: ${program.path} is bash ${started.version}; conch needs bash 4.4 or newer, using /bin/sh\r\n`);
      shellSession.close();
      running = { path: '/bin/sh', kind: 'sh' };
      shellSession = start(running);
      started = await shellSession.started;
    }
    if (started.kind === 'exited') {
      // An rc file that ends the shell (`exit 1`, `set -e` and a failure): otherwise conch would just be gone.
      io.stderr.write(`conch: ${startExitLine(running, started.exit, startupFiles(running.kind, { login: options.login, env: io.env }), io.env.HOME)}\r\n`);
      return started.exit.status;
    }
    if (started.kind === 'passthrough') {
      // A slow rc (conda, nvm) or one that asks a question: relayed as it is, then conch takes over at its first prompt.
      io.stderr.write(`conch: ${program.path} has not finished starting (its rc files?); your keys go to it as they are until it does\r\n`);
      const relayed = await shellSession.passthrough(terminal);
      if (relayed.kind === 'exited') return reportExit(relayed.exit, io);
    }
    editor = await createEditor(io, terminal, shellSession, history);
    // Output with escape sequences is read through a terminal emulator, slow to load the first time: loaded once the prompt is up.
    setTimeout(preloadRenderer, 200).unref();
    const status = await startRepl({
      terminal,
      shellSession,
      editor,
      history,
      session: createModelSession({ config: settings.config, env: io.env, dataDir: dataDir(io.env), onStorageWarning: (problem) => storageWarnings.push(problem) }),
      shell: program.path,
      home: io.env.HOME,
      color: !io.env.NO_COLOR,
      questionPrefix: settings.config.questionPrefix,
      takeWarnings: () => storageWarnings.splice(0),
    });
    return reportExit(await shellSession.exited, io, status);
  } finally {
    shellSession?.close();
    guard.restore();
  }
}

async function createEditor(io: CliIo, terminal: ReplTerminal, shellSession: ShellSession, history: History): Promise<LineEditor> {
  // The user's own shell history, read only: Up and Ctrl-R reach what they typed before conch.
  if (shellSession.historyFile) history.importOlder(await readShellHistory(shellSession.program.kind, shellSession.historyFile));
  return createLineEditor({
    terminal,
    history,
    color: !io.env.NO_COLOR,
    // Terminals that re-wrap the prompt's row when narrowed; elsewhere the editor assumes they do not.
    reflowOnResize: Boolean(io.env.TMUX || io.env.VTE_VERSION || io.env.KITTY_WINDOW_ID || /^(iTerm\.app|WezTerm|vscode)$/.test(io.env.TERM_PROGRAM ?? '')),
    completer: createCompleter({
      cwd: () => shellSession.cwd,
      env: () => shellSession.env,
      builtins: [...META_COMMANDS],
      shellNames: () => shellSession.names,
    }),
  });
}

/** `bash exited while starting, with status 1; it read ~/.bashrc`. */
function startExitLine(program: ShellProgram, exit: ShellExit, files: string[], home: string | undefined): string {
  const how = exit.signal ? `was killed by ${exit.signal} while starting` : `exited while starting, with status ${exit.status}`;
  const shown = files.map((file) => (home && file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file));
  return `${program.path} ${how}${shown.length > 0 ? `; it read ${shown.join(', ')}` : ''}`;
}

/** Like a terminal window closing: the shell's status is conch's; a death by signal is worth one line. */
function reportExit(exit: ShellExit, io: CliIo, status = exit.status): number {
  if (exit.signal && exit.signal !== 'SIGHUP') io.stderr.write(`conch: the shell was killed by ${exit.signal}\r\n`);
  return status;
}
