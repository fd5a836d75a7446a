import { createRequire } from 'node:module';

/** The last `maxBytes` of a command's output, kept in O(1) per byte. */
export interface OutputCapture {
  push(chunk: Buffer): void;
  /** The text a person saw, from the kept tail, at most `maxLines` lines. */
  render(cols: number): Promise<{ text: string; truncated: boolean }>;
}

export function createOutputCapture(limits: { maxLines: number; maxBytes: number }): OutputCapture {
  const ring = Buffer.alloc(limits.maxBytes);
  let written = 0;

  return {
    push(chunk) {
      const size = ring.length;
      if (size === 0) return;
      const data = chunk.length > size ? chunk.subarray(chunk.length - size) : chunk;
      const at = written % size;
      const first = Math.min(data.length, size - at);
      data.copy(ring, at, 0, first);
      if (first < data.length) data.copy(ring, 0, first);
      written += chunk.length;
    },
    async render(cols) {
      const size = ring.length;
      const tail =
        written <= size ? ring.subarray(0, written) : Buffer.concat([ring.subarray(written % size), ring.subarray(0, written % size)]);
      const lines = await interpret(tail, cols, limits.maxLines);
      const kept = lines.slice(-limits.maxLines);
      return { text: kept.join('\n'), truncated: written > size || lines.length > kept.length };
    },
  };
}

type HeadlessTerminal = import('@xterm/headless').Terminal;
let TerminalClass: (new (options: object) => HeadlessTerminal) | undefined;

/**
 * Runs the bytes through a headless terminal emulator and reads back the lines,
 * (a bare LF as a new line: that is what the PTY makes of it unless told not to)
 * so `\r` progress bars and cursor movement collapse to their final text.
 * Loaded on first use: start-up never pays for it.
 */
async function interpret(bytes: Buffer, cols: number, maxLines: number): Promise<string[]> {
  if (bytes.length === 0) return [];
  TerminalClass ??= (createRequire(import.meta.url)('@xterm/headless') as typeof import('@xterm/headless')).Terminal;
  const term = new TerminalClass({ cols, rows: 24, scrollback: maxLines, allowProposedApi: true, convertEol: true });
  try {
    await new Promise<void>((resolve) => term.write(bytes, resolve));
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (!line) continue;
      const text = line.translateToString(true);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  } finally {
    term.dispose();
  }
}
