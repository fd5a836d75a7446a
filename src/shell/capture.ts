import { createRequire } from 'node:module';

/** The last `maxBytes` of a command's output, kept in O(1) per byte. */
export interface OutputCapture {
  push(chunk: Buffer): void;
  /** The text a person saw, from the kept tail, at most `maxLines` lines. */
  render(screen: { cols: number; rows: number }): Promise<{ text: string; truncated: boolean }>;
}

export function createOutputCapture(limits: { maxLines: number; maxBytes: number }): OutputCapture {
  const ring = Buffer.alloc(limits.maxBytes);
  let written = 0;

  return {
    push(chunk) {
      const size = ring.length;
      if (size === 0) return;
      // A chunk larger than the ring: only its tail is kept, written where that tail would have landed.
      const skipped = Math.max(0, chunk.length - size);
      const data = chunk.subarray(skipped);
      const at = (written + skipped) % size;
      const first = Math.min(data.length, size - at);
      data.copy(ring, at, 0, first);
      if (first < data.length) data.copy(ring, 0, first);
      written += chunk.length;
    },
    async render(screen) {
      const size = ring.length;
      const cut = written > size;
      let tail = cut ? Buffer.concat([ring.subarray(written % size), ring.subarray(0, written % size)]) : ring.subarray(0, written);
      // The cut may fall inside a line, a UTF-8 character or an escape sequence: start at the next whole line.
      const newline = cut ? tail.indexOf(0x0a) : -1;
      if (newline >= 0) tail = tail.subarray(newline + 1);
      const lines = plainLines(tail) ?? (await interpret(tail, screen, limits.maxLines));
      const kept = lines.slice(-limits.maxLines);
      return { text: kept.join('\n'), truncated: cut || lines.length > kept.length };
    },
  };
}

const WRAP_ROOM = 4;

// Sequences that change how text looks, not where it goes: colours, window titles, modes, character sets.
const COSMETIC = /\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;:?]*[mhl]|\x1b[()][0-9A-Za-z]|\x1b[=>]/g;
const CONTROL = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\x1b]/;

/**
 * The text of output that is only lines, colours and carriage returns: what the
 * terminal emulator would give, without starting one (most commands print
 * this; a prompt waits for the record). Undefined for anything else.
 */
export function plainLines(bytes: Buffer): string[] | undefined {
  const text = bytes.toString('utf8').replace(COSMETIC, '');
  if (CONTROL.test(text)) return undefined;
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Spaces a program wrote are text to the emulator too: kept.
    if (!line.includes('\r')) {
      lines.push(line);
      continue;
    }
    // A carriage return writes over the line from its start: simple only when every character is one column wide.
    if (!/^[\x20-\x7e\r]*$/.test(line)) return undefined;
    let shown = '';
    for (const part of line.split('\r')) shown = part + shown.slice(part.length);
    lines.push(shown);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Loads the terminal emulator ahead of need (at an idle moment): its first load takes tens of milliseconds. */
export function preloadRenderer(): void {
  TerminalClass ??= (createRequire(import.meta.url)('@xterm/headless') as typeof import('@xterm/headless')).Terminal;
}

type HeadlessTerminal = import('@xterm/headless').Terminal;
let TerminalClass: (new (options: object) => HeadlessTerminal) | undefined;

/**
 * Runs the bytes through a headless terminal emulator and reads back the lines,
 * (a bare LF as a new line: that is what the PTY makes of it unless told not to)
 * so `\r` progress bars and cursor movement collapse to their final text.
 * Loaded on first use: start-up never pays for it.
 */
async function interpret(bytes: Buffer, screen: { cols: number; rows: number }, maxLines: number): Promise<string[]> {
  if (bytes.length === 0) return [];
  TerminalClass ??= (createRequire(import.meta.url)('@xterm/headless') as typeof import('@xterm/headless')).Terminal;
  // Rows, not lines: a line wider than the screen takes several rows, so keep room for wrapped lines.
  const term = new TerminalClass({ cols: screen.cols, rows: screen.rows, scrollback: maxLines * WRAP_ROOM, allowProposedApi: true, convertEol: true, logLevel: 'off' });
  try {
    await new Promise<void>((resolve) => term.write(bytes, resolve));
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (!line) continue;
      // A row that continues on the next keeps its trailing spaces: they are text, not padding.
      const text = line.translateToString(!buffer.getLine(i + 1)?.isWrapped);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  } finally {
    term.dispose();
  }
}
