import { EventEmitter } from 'node:events';
import type { Terminal } from '../../src/shell/index.ts';

/** A terminal for tests: collects what is written, lets the test type and resize. */
export interface FakeTerminal extends Terminal {
  output(): Buffer;
  text(): string;
  clear(): void;
  type(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  /** Resolves once the written text matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

export function createFakeTerminal(size = { cols: 80, rows: 24 }): FakeTerminal {
  const events = new EventEmitter();
  let chunks: Buffer[] = [];
  let current = { ...size };
  const terminal: FakeTerminal = {
    write(data) {
      chunks.push(Buffer.from(data));
      events.emit('write');
    },
    onInput(listener) {
      events.on('input', listener);
      return () => events.off('input', listener);
    },
    size: () => current,
    onResize(listener) {
      events.on('resize', listener);
      return () => events.off('resize', listener);
    },
    output: () => Buffer.concat(chunks),
    text: () => Buffer.concat(chunks).toString('utf8'),
    clear() {
      chunks = [];
    },
    type(data) {
      events.emit('input', Buffer.from(data));
    },
    resize(cols, rows) {
      current = { cols, rows };
      events.emit('resize');
    },
    waitFor(pattern, timeoutMs = 10_000) {
      const failure = new Error(`output never matched ${pattern}`);
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!pattern.test(terminal.text())) return;
          cleanup();
          resolve();
        };
        const timer = setTimeout(() => {
          cleanup();
          failure.message += `\n--- output ---\n${terminal.text().slice(-2000)}`;
          reject(failure);
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          events.off('write', check);
        };
        events.on('write', check);
        check();
      });
    },
  };
  return terminal;
}
