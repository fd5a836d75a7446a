import type { ReadStream } from 'node:tty';

/**
 * Modes a crashed child or conch itself may have left on in the real terminal:
 * cursor hidden, mouse reporting, bracketed paste, application cursor keys and
 * keypad. The alternate screen is left alone: leaving it blindly can move the
 * cursor.
 */
const RESET_MODES = '\x1b[?25h\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?1l\x1b>';

export interface TerminalGuard {
  restore(): void;
}

/**
 * Puts the terminal in raw mode and makes sure it is restored on every way out:
 * a normal exit, an uncaught exception, SIGTERM and SIGHUP. `onHangup` runs first
 * on a signal, so children are hung up before conch leaves.
 */
export function guardTerminal(options: {
  stdin: ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  onHangup: () => void;
}): TerminalGuard {
  const { stdin, stdout, stderr, onHangup } = options;
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      stdin.setRawMode(false);
    } catch {
      // The terminal may already be gone (SIGHUP); nothing left to restore.
    }
    stdout.write(RESET_MODES);
  };

  const onSignal = (signal: NodeJS.Signals, number: number) => {
    process.on(signal, () => {
      onHangup();
      restore();
      process.exit(128 + number);
    });
  };
  onSignal('SIGTERM', 15);
  onSignal('SIGHUP', 1);
  // In raw mode the keyboard sends no signals; these come from `kill` and are ignored like an interactive shell does.
  process.on('SIGINT', () => {});
  process.on('SIGQUIT', () => {});
  process.on('SIGTSTP', () => {});
  process.on('exit', restore);
  const crash = (error: unknown) => {
    onHangup();
    restore();
    stderr.write(`conch: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);

  stdin.setRawMode(true);
  stdin.resume();
  return { restore };
}
