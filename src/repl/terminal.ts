import type { Terminal } from '../shell/index.ts';

export type { Terminal };

/** The real terminal as the interactive loop uses it. */
export interface ReplTerminal extends Terminal {
  /**
   * Keys typed ahead while a command ran, handed back by the shell: read after the keys that were
   * already waiting when the command began, before anything typed since.
   */
  unshiftInput(data: Buffer): void;
}

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

  stdin.on('data', (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (listener) listener(data);
    else pending.push(data);
  });

  return {
    write(data) {
      stdout.write(data);
    },
    onInput(next, options) {
      listener = next;
      older = options?.fresh ? pending.length : 0;
      while (!options?.fresh && pending.length > 0 && listener === next) next(pending.shift()!);
      return () => {
        if (listener === next) listener = undefined;
      };
    },
    unshiftInput(data) {
      if (listener) return listener(data);
      older = Math.min(older, pending.length);
      pending.splice(older, 0, data);
      older++;
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
