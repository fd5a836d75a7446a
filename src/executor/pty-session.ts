import { closeSync, constants, openSync } from 'node:fs';
import pty from '@lydell/node-pty';
import { createMarkerScanner, type Marker } from './markers.ts';
import { createModeTracker, type ModeTracker } from './mode-tracker.ts';
import { SUPERVISOR_SCRIPT, wrapLine } from './supervisor.ts';
import type { Terminal } from './types.ts';

export interface SessionOptions {
  shell: string;
  line: string;
  cwd: string;
  env: Record<string, string>;
  terminal: Terminal;
  interactive: boolean;
  nonce: string;
  stateFile: string;
  envProgram: string;
  /** Every output byte, for the capture. */
  onOutput: (data: Buffer) => void;
}

/** Why `settled` resolved: the job stopped (Ctrl-Z), or the supervisor finished. */
export type Settlement = { kind: 'stopped' } | { kind: 'done'; status: number };

/**
 * One command line in its own PTY, for as long as it lives (across stops and
 * resumes). Output goes to the attached terminal; input and resizes come from it.
 */
export class PtySession {
  readonly pid: number;
  readonly modes: ModeTracker = createModeTracker();
  #pty: pty.IPty;
  #slave: number | undefined;
  #terminal: Terminal;
  #unsubscribe: (() => void)[] = [];
  #suppress = false;
  #finished = false;
  #waiter: ((settlement: Settlement) => void) | undefined;
  #unclaimed: Settlement | undefined;
  #pendingCommand: string | undefined;
  #onOutput: (data: Buffer) => void;

  constructor(options: SessionOptions) {
    const { cols, rows } = options.terminal.size();
    this.#terminal = options.terminal;
    this.#onOutput = options.onOutput;
    const env = { ...options.env };
    delete env.COLUMNS;
    delete env.LINES;
    this.#pty = pty.spawn(
      '/bin/sh',
      ['-c', SUPERVISOR_SCRIPT, 'conch', options.shell, wrapLine(options.line, options.stateFile, options.envProgram), options.nonce, options.interactive ? '1' : '0'],
      { name: env.TERM || 'xterm-256color', cols, rows, cwd: options.cwd, env, encoding: null, handleFlowControl: false },
    );
    this.pid = this.#pty.pid;
    // Holding the slave open keeps libuv from seeing end-of-file early and dropping the output tail (pty.md §1.1).
    this.#slave = openSync((this.#pty as pty.IPty & { ptsName: string }).ptsName, constants.O_RDWR | constants.O_NOCTTY);
    const scanner = createMarkerScanner(options.nonce);
    this.#pty.onData((chunk) => {
      for (const event of scanner.push(chunk as unknown as Buffer)) {
        if (event.kind === 'marker') this.#onMarker(event.marker);
        else this.#output(event.data);
      }
    });
    this.#pty.onExit(({ exitCode, signal }) => {
      const rest = scanner.flush();
      if (rest.length > 0) this.#output(rest);
      // The supervisor died before reporting (hung up, killed): its own wait status is all there is.
      this.#finish(signal ? 128 + signal : exitCode);
    });
    if (!options.interactive) this.#pty.write('\x04');
    this.attach(options.terminal);
  }

  /** Resolves when the job stops or the line is finished. */
  settled(): Promise<Settlement> {
    const ready = this.#unclaimed;
    this.#unclaimed = undefined;
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  get finished(): boolean {
    return this.#finished;
  }

  attach(terminal: Terminal): void {
    this.detach();
    this.#terminal = terminal;
    this.#unsubscribe = [
      terminal.onInput((data) => {
        // Keys go on as bytes: node-pty writes Buffers as they are (its typings say string only).
        if (!this.#suppress && !this.#finished) this.#pty.write(data as unknown as string);
      }),
      terminal.onResize(() => this.#resize()),
    ];
    this.#resize();
  }

  detach(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#unsubscribe = [];
  }

  /** Asks the waiting supervisor to continue the job in the foreground or background. */
  continueJob(how: 'fg' | 'bg', running: boolean): void {
    if (running) {
      // The supervisor is in `wait` for a background job: wake it, and answer its next `wait` marker.
      this.#pendingCommand = how;
      process.kill(this.pid, 'SIGUSR1');
      return;
    }
    this.#pty.write(`${how}\n`);
  }

  /** SIGHUP and SIGCONT to every process group in this session: conch is going away. */
  hangup(groups: readonly number[]): void {
    for (const group of groups) {
      for (const signal of ['SIGHUP', 'SIGCONT'] as const) {
        try {
          process.kill(-group, signal);
        } catch {
          // Already gone.
        }
      }
    }
  }

  #output(data: Buffer): void {
    if (this.#suppress) return;
    this.modes.scan(data);
    this.#onOutput(data);
    this.#terminal.write(data);
  }

  #onMarker(marker: Marker): void {
    switch (marker.kind) {
      case 'wait':
        this.#suppress = true;
        if (this.#pendingCommand) {
          this.#pty.write(`${this.#pendingCommand}\n`);
          this.#pendingCommand = undefined;
        } else {
          this.#report({ kind: 'stopped' });
        }
        break;
      case 'resumed':
        this.#suppress = false;
        break;
      case 'done':
        this.#finish(marker.status);
        break;
    }
  }

  #finish(status: number): void {
    if (this.#finished) return;
    this.#finished = true;
    this.detach();
    if (this.#slave !== undefined) {
      closeSync(this.#slave);
      this.#slave = undefined;
    }
    this.#report({ kind: 'done', status });
  }

  #report(settlement: Settlement): void {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (waiter) waiter(settlement);
    else this.#unclaimed = settlement;
  }

  #resize(): void {
    if (this.#finished) return;
    const { cols, rows } = this.#terminal.size();
    try {
      this.#pty.resize(cols, rows);
    } catch {
      // The PTY closed between the check and the call (EBADF after exit).
    }
  }
}
