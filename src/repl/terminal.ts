import type { Terminal } from '../shell/index.ts';

export type { Terminal };

/** The real terminal as the interactive loop uses it. */
export interface ReplTerminal extends Terminal {
  /**
   * Keys handed back to be read again: typed ahead while a command ran (the shell's), or read past the end
   * of a line (the editor's). They are read where the listener that had them stopped listening: after the
   * keys queued before it began, before those typed since; never by a command running meanwhile.
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
  let listenerFresh = false;
  const pending: Buffer[] = [];
  // Where the last listener stopped listening in `pending`: keys it hands back (the shell's typeahead, the
  // editor's keys read past a line) were typed after those queued before it began, before those queued since.
  let handBackAt = 0;
  const unshift = (data: Buffer) => {
    // A command running (a fresh listener) gets only keys typed while it runs.
    if (listener && !listenerFresh) return listener(data);
    handBackAt = Math.min(handBackAt, pending.length);
    pending.splice(handBackAt++, 0, data);
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
      if (listener) handBackAt = pending.length;
      listener = next;
      listenerFresh = options?.fresh ?? false;
      while (!listenerFresh && pending.length > 0 && listener === next) {
        handBackAt = Math.max(0, handBackAt - 1);
        next(pending.shift()!);
      }
      return () => {
        if (listener !== next) return;
        listener = undefined;
        handBackAt = pending.length;
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
