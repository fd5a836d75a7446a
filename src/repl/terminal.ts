import type { Terminal } from '../shell/index.ts';

export type { Terminal };

/** The real terminal as the interactive loop uses it. */
export interface ReplTerminal extends Terminal {
  /**
   * Keys typed ahead while a command ran, handed back by the shell: read after the keys that were
   * already waiting when the command began, before anything typed since.
   */
  unshiftInput(data: Buffer): void;
  /** The shell's hand-back itself: as unshiftInput, and remembered for takeTypedAhead. */
  handBack(data: Buffer): void;
  /** What handBack got since the last call (the terminal echoed it as it was typed), and the last line written so far (undefined: too long to follow). */
  takeTypedAhead(): { keys: string; lastLine: string | undefined } | undefined;
}

// A row is never this long; past it the last line is not followed.
const MAX_LAST_LINE = 4096;

export interface TerminalStreams {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { columns?: number; rows?: number };
}

/**
 * Wraps the process's streams. Input that arrives while nobody listens (between
 * the end of a command and the next prompt) is queued for the next listener, so
 * type-ahead is never lost.
 */
export function createTerminal({ stdin, stdout }: TerminalStreams): ReplTerminal {
  let listener: ((data: Buffer) => void) | undefined;
  const pending: Buffer[] = [];
  // How many of `pending` came before the keys a fresh listener (a command) took: keys it did not
  // read and the shell hands back belong after these, not before them.
  let older = 0;
  const unshift = (data: Buffer) => {
    if (listener) return listener(data);
    older = Math.min(older, pending.length);
    pending.splice(older, 0, data);
    older++;
  };
  let typedAhead: Buffer[] = [];
  // The bytes written after the last line feed, to tell whether output ends with the echo of keys typed ahead.
  let lastLine: Buffer | undefined = Buffer.alloc(0);

  stdin.on('data', (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (listener) listener(data);
    else pending.push(data);
  });

  return {
    write(data) {
      stdout.write(data);
      const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      const lf = bytes.lastIndexOf(0x0a);
      if (lf >= 0) lastLine = Buffer.from(bytes.subarray(lf + 1));
      else if (lastLine) lastLine = Buffer.concat([lastLine, bytes]);
      if (lastLine && lastLine.length > MAX_LAST_LINE) lastLine = undefined;
    },
    onInput(next, options) {
      listener = next;
      older = options?.fresh ? pending.length : 0;
      while (!options?.fresh && pending.length > 0 && listener === next) next(pending.shift()!);
      return () => {
        if (listener === next) listener = undefined;
      };
    },
    unshiftInput: unshift,
    handBack(data) {
      typedAhead.push(data);
      unshift(data);
    },
    takeTypedAhead() {
      if (typedAhead.length === 0) return undefined;
      const keys = Buffer.concat(typedAhead).toString('utf8');
      typedAhead = [];
      return { keys, lastLine: lastLine?.toString('utf8') };
    },
    size() {
      return { cols: stdout.columns || 80, rows: stdout.rows || 24 };
    },
    onResize(next) {
      stdout.on('resize', next);
      return () => stdout.off('resize', next);
    },
  };
}
