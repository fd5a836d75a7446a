import type { Terminal } from '../shell/index.ts';

export type { Terminal };

/** The real terminal as the interactive loop uses it. */
export interface ReplTerminal extends Terminal {
  /**
   * Keys handed back to be read again: typed ahead while a command ran (the shell's), or read past the end
   * of a line (the editor's). They are read where the listener that had them stopped listening: after the
   * keys queued before it began, before those typed since.
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
 * type-ahead is never lost, and is read in the order it was typed.
 */
export function createTerminal({ stdin, stdout }: TerminalStreams): ReplTerminal {
  let listener: ((data: Buffer) => void) | undefined;
  let listenerFresh = false;
  const pending: Buffer[] = [];
  // Where the last listener stopped listening in the queue: keys it hands back (the shell's typeahead, the
  // editor's keys read past a line) were typed after those queued before it began and before those queued since.
  let handBackAt = 0;

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
    unshiftInput(data) {
      // A command running (a fresh listener) gets only keys typed while it runs.
      if (listener && !listenerFresh) listener(data);
      else pending.splice(handBackAt++, 0, data);
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
