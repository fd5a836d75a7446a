import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CONCH = resolve('bin/conch.js');
let counter = 0;

export interface TmuxSession {
  /** Key names as tmux knows them: 'Enter', 'C-c', 'Escape', or literal text. */
  keys(...keys: string[]): void;
  /** Types text literally (no key-name lookup), as a person would. */
  type(text: string): void;
  /** The visible screen, trailing blank lines removed. */
  screen(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  display(format: string): string;
  /** Any other tmux command, on this session's private server (options, buffers). */
  tmux(...args: string[]): string;
  resize(cols: number, rows: number): void;
  /** The isolated home and XDG dirs conch runs with. */
  home: string;
  dir: string;
  alive(): boolean;
  close(): void;
}

export interface StartOptions {
  cols?: number;
  rows?: number;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Reuse a home from an earlier session (history persistence tests). */
  home?: string;
  /** After conch exits, print `[conch exited with N]` on the screen (tmux's own dead-pane status is racy under load). */
  reportExit?: boolean;
  /** Run this shell command in the pane instead of conch (with the same isolated environment). */
  shellCommand?: string;
}

/**
 * Starts conch in a private tmux server, in an isolated home, exactly as a
 * person would meet it: a real terminal emulator with send-keys and capture-pane.
 */
export function startConch(options: StartOptions = {}): TmuxSession {
  const dir = mkdtempSync(join(tmpdir(), 'conch-e2e-'));
  const home = options.home ?? join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const socket = `conch-test-${process.pid}-${counter++}`;
  const tmux = (...args: string[]) =>
    execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  const env = {
    HOME: home,
    XDG_STATE_HOME: join(home, '.local/state'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    // The test run's private TMPDIR (vitest.config.ts), so conch's own temp files are cleaned up with it.
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    ...options.env,
  };
  const command = ['env', '-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), process.execPath, CONCH, ...(options.args ?? [])];
  tmux(
    'new-session', '-d', '-s', 'main',
    '-x', String(options.cols ?? 100), '-y', String(options.rows ?? 30),
    '-c', options.cwd ?? home,
    options.shellCommand !== undefined
      ? `${command.slice(0, command.indexOf(process.execPath)).map(shellQuote).join(' ')} /bin/sh -c ${shellQuote(`${options.shellCommand}; sleep 600`)}`
      : options.reportExit
        ? `${command.map(shellQuote).join(' ')}; echo "[conch exited with $?]"; sleep 600`
        : command.map(shellQuote).join(' '),
  );
  tmux('set-option', '-t', 'main', 'remain-on-exit', 'on');

  const session: TmuxSession = {
    home,
    dir,
    keys: (...keys) => void tmux('send-keys', '-t', 'main', ...keys),
    type: (text) => void tmux('send-keys', '-t', 'main', '-l', text),
    screen: () => tmux('capture-pane', '-t', 'main', '-p').replace(/\n+$/, ''),
    display: (format) => tmux('display-message', '-t', 'main', '-p', format).trim(),
    tmux,
    resize: (cols, rows) => void tmux('resize-window', '-t', 'main', '-x', String(cols), '-y', String(rows)),
    alive: () => session.display('#{pane_dead}') === '0',
    async waitFor(pattern, timeoutMs = 10_000) {
      // Built before waiting so a failure points at the caller.
      const failure = new Error(`screen never matched ${pattern}`);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const screen = session.screen();
        if (pattern.test(screen)) return screen;
        if (Date.now() > deadline) {
          failure.message += `\n--- screen ---\n${screen}\n--------------`;
          throw failure;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close() {
      try {
        tmux('kill-server');
      } catch {
        // Already gone.
      }
      // The shell may still be writing its history file as it hangs up: remove again until nothing comes back.
      for (let attempt = 0; ; attempt++) {
        try {
          rmSync(dir, { recursive: true, force: true });
          break;
        } catch (error) {
          if (attempt >= 50) throw error;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
        }
      }
    },
  };
  return session;
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
