import type { Terminal } from '../executor/index.ts';

export type { Terminal };

export interface TerminalStreams {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { columns?: number; rows?: number };
}

/**
 * Wraps the process's streams. Input that arrives while nobody listens (between
 * the end of a command and the next prompt) is queued for the next listener, so
 * type-ahead is never lost.
 */
export function createTerminal({ stdin, stdout }: TerminalStreams): Terminal {
  let listener: ((data: Buffer) => void) | undefined;
  const pending: Buffer[] = [];

  stdin.on('data', (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (listener) listener(data);
    else pending.push(data);
  });

  return {
    write(data) {
      stdout.write(data);
    },
    onInput(next) {
      listener = next;
      while (pending.length > 0 && listener === next) next(pending.shift()!);
      return () => {
        if (listener === next) listener = undefined;
      };
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

