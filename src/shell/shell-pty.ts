import { closeSync, constants, openSync, writeSync } from 'node:fs';
import pty, { type IPty } from '@lydell/node-pty';
import type { LaunchSpec } from './launch.ts';
import { isAlive, sessionGroups, signalGroups } from './process-groups.ts';
import { signalName } from './record.ts';
import type { ShellExit } from './types.ts';

// How often to look whether the shell is still there: its death is what lets conch drain the last output.
const EXIT_POLL_MS = 50;
const HANGUP: readonly NodeJS.Signals[] = ['SIGHUP', 'SIGCONT'];

export interface ShellPtyOptions {
  cwd: string;
  cols: number;
  rows: number;
  term: string;
  /** Bytes that come back out of the PTY after everything the shell wrote: written once it is gone. */
  drainSentinel: (pid: number) => string;
  onData: (chunk: Buffer) => void;
  onExit: (exit: ShellExit) => void;
}

/**
 * The shell's process in its PTY, for its whole life. The slave side is held
 * open, so libuv never sees the PTY hang up early and drop the tail of the
 * output (pty.md §1.1); once the shell is gone, a sentinel written into the
 * held slave comes back out after its last byte, and `drained()` lets go.
 */
export class ShellPty {
  readonly pid: number;
  #pty: IPty;
  #slave: number | undefined;
  #poll: NodeJS.Timeout;
  #exited = false;

  constructor(spec: LaunchSpec, options: ShellPtyOptions) {
    this.#pty = pty.spawn(spec.file, spec.args, {
      name: options.term,
      cols: options.cols,
      rows: options.rows,
      cwd: options.cwd,
      env: spec.env,
      encoding: null,
      handleFlowControl: false,
    });
    this.pid = this.#pty.pid;
    this.#slave = openSync((this.#pty as IPty & { ptsName: string }).ptsName, constants.O_RDWR | constants.O_NOCTTY);
    // With `encoding: null` node-pty hands over Buffers (its typings say string).
    this.#pty.onData((chunk) => options.onData(chunk as unknown as Buffer));
    this.#pty.onExit(({ exitCode, signal }) => {
      this.#exited = true;
      clearInterval(this.#poll);
      this.drained();
      const name = signal ? signalName(signal) : undefined;
      options.onExit(signal ? { status: 128 + signal, ...(name ? { signal: name } : {}) } : { status: exitCode });
    });
    this.#poll = setInterval(() => {
      if (isAlive(this.pid) || this.#slave === undefined) return;
      clearInterval(this.#poll);
      writeSync(this.#slave, options.drainSentinel(this.pid));
    }, EXIT_POLL_MS).unref();
  }

  write(data: string | Buffer): void {
    // node-pty writes Buffers as they are (its typings say string only).
    if (!this.#exited) this.#pty.write(data as string);
  }

  resize(cols: number, rows: number): void {
    if (this.#exited) return;
    try {
      this.#pty.resize(cols, rows);
    } catch {
      // The PTY closed between the check and the call (EBADF after exit).
    }
  }

  /** Everything the shell wrote has been read: node-pty may see the end now. */
  drained(): void {
    if (this.#slave === undefined) return;
    closeSync(this.#slave);
    this.#slave = undefined;
  }

  /** SIGHUP (and SIGCONT, for stopped jobs) to every process group of the shell's session, as a closing terminal sends. */
  hangup(): void {
    clearInterval(this.#poll);
    if (!this.#exited) signalGroups(sessionGroups(this.pid), HANGUP);
    this.drained();
  }
}
