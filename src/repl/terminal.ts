import type { Terminal } from '../shell/index.ts';

export type { Terminal };

/** The real terminal as the interactive loop uses it. */
export interface ReplTerminal extends Terminal {
  /**
   * Keys handed back to be read again: typed ahead while a command ran (the shell's), or read past the end
   * of a line (the editor's). They go after the keys queued before the last `fresh` listener began (typed
   * before them) and before those queued since.
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
  const pending: Buffer[] = [];
  // How many of the queued chunks were typed before the keys a `fresh` listener (a command) got: what the
  // shell hands back of those goes after them. Keys typed between a line's Enter and its command's start
  // wait here while the command gets later ones.
  let before = 0;

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
      if (options?.fresh) before = pending.length;
      while (!options?.fresh && pending.length > 0 && listener === next) {
        before = Math.max(0, before - 1);
        next(pending.shift()!);
      }
      return () => {
        if (listener === next) listener = undefined;
      };
    },
    unshiftInput(data) {
      if (listener) listener(data);
      else pending.splice(before++, 0, data);
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
