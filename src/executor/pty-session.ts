import { closeSync, constants, openSync, writeSync } from 'node:fs';
import type { IPty } from '@lydell/node-pty';
import { whenGone } from './drain.ts';
import { createMarkerScanner, drainSentinel, type Marker } from './markers.ts';
import { createModeTracker, type ModeTracker } from '../shell/mode-tracker.ts';
import { sessionGroups, signalGroups } from '../shell/process-groups.ts';
import { spawnSupervisor, type SupervisorOptions } from './supervisor.ts';
import type { Terminal } from './types.ts';

export interface SessionOptions extends Omit<SupervisorOptions, 'cols' | 'rows'> {
  terminal: Terminal;
  /** Every output byte, for the capture. */
  onOutput: (data: Buffer) => void;
}

/** Why `settled` resolved: the job stopped (Ctrl-Z), or the supervisor finished. */
export type Settlement = { kind: 'stopped' } | { kind: 'done'; status: number };

/**
 * One command line in its own PTY, for as long as it lives (across stops and
 * resumes). Output goes to the attached terminal; input and resizes come from it.
 *
 * All output has been read when the supervisor's `done` marker comes back out
 * of the master: it is written after the job ended, into the same queue. The
 * slave is held open meanwhile, so libuv cannot see an early end-of-file and
 * drop the tail (pty.md §1.1). When the supervisor is hung up instead, conch
 * waits for it to go and writes its own drain sentinel into the held slave.
 */
export class PtySession {
  readonly pid: number;
  readonly modes: ModeTracker = createModeTracker();
  #pty: IPty;
  #nonce: string;
  #slave: number | undefined;
  #terminal: Terminal;
  #unsubscribe: (() => void)[] = [];
  #suppress = false;
  #finished = false;
  #waiter: ((settlement: Settlement) => void) | undefined;
  #unclaimed: Settlement | undefined;
  #pendingCommand: string | undefined;
  #onOutput: (data: Buffer) => void;
  #drainWatch: AbortController | undefined;

  constructor(options: SessionOptions) {
    this.#terminal = options.terminal;
    this.#onOutput = options.onOutput;
    this.#nonce = options.nonce;
    this.#pty = spawnSupervisor({ ...options, ...options.terminal.size() });
    this.pid = this.#pty.pid;
    this.#slave = openSync((this.#pty as IPty & { ptsName: string }).ptsName, constants.O_RDWR | constants.O_NOCTTY);
    const scanner = createMarkerScanner(options.nonce);
    this.#pty.onData((chunk) => {
      // With `encoding: null` node-pty hands over Buffers (its typings say string).
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
      try {
        process.kill(this.pid, 'SIGUSR1');
      } catch {
        // The job has just ended: its `done` marker settles the session.
      }
      return;
    }
    this.#pty.write(`${how}\n`);
  }

  /** Signals every process group in this session (conch is closing, or the run was aborted), then drains. */
  hangup(signals: readonly NodeJS.Signals[]): void {
    if (this.#finished) return;
    signalGroups(sessionGroups(this.pid), signals);
    if (this.#drainWatch) return;
    const watch = new AbortController();
    this.#drainWatch = watch;
    whenGone(this.pid, watch.signal).then(
      () => {
        if (this.#slave !== undefined) writeSync(this.#slave, drainSentinel(this.#nonce));
      },
      () => {
        // Finished some other way first.
      },
    );
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
      case 'drained':
        // Everything is read; closing our slave lets the master see EIO, and node-pty report the wait status.
        this.#closeSlave();
        break;
    }
  }

  #finish(status: number): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#drainWatch?.abort();
    this.detach();
    this.#closeSlave();
    this.#report({ kind: 'done', status });
  }

  #closeSlave(): void {
    if (this.#slave === undefined) return;
    closeSync(this.#slave);
    this.#slave = undefined;
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
