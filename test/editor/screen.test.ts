import { Terminal as Headless } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { createHistory, createLineEditor, type EditorTerminal } from '../../src/editor/index.ts';
import { rowsAboveCursor } from '../../src/editor/render.ts';

type Screen = { lines: string[]; cursor: [number, number] };

/**
 * A terminal that records everything written, and resizes in order with it, so
 * the whole session can be replayed into a terminal emulator and looked at.
 */
function recordingTerminal(cols: number, rows: number) {
  const log: Array<string | { cols: number; rows: number }> = [];
  const inputs = new Set<(data: Buffer) => void>();
  const resizes = new Set<() => void>();
  let size = { cols, rows };
  let written = '';
  let waiting: Array<() => void> = [];
  const terminal: EditorTerminal = {
    write(data) {
      log.push(data);
      written += data;
      const woken = waiting;
      waiting = [];
      for (const wake of woken) wake();
    },
    onInput(listener) {
      inputs.add(listener);
      return () => inputs.delete(listener);
    },
    size: () => size,
    onResize(listener) {
      resizes.add(listener);
      return () => resizes.delete(listener);
    },
  };
  return {
    terminal,
    type: (data: string) => inputs.forEach((listener) => listener(Buffer.from(data))),
    resize(next: { cols: number; rows: number }) {
      size = next;
      log.push(next);
      resizes.forEach((listener) => listener());
    },
    /** Number of editors listening for keys. */
    listeners: () => inputs.size,
    async screen(): Promise<Screen> {
      const term = new Headless({ cols, rows, allowProposedApi: true });
      for (const entry of log) {
        if (typeof entry === 'string') await new Promise<void>((resolve) => term.write(entry, resolve));
        else term.resize(entry.cols, entry.rows);
      }
      const buffer = term.buffer.active;
      const lines: string[] = [];
      for (let i = 0; i < term.rows; i++) lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
      while (lines.length && lines[lines.length - 1] === '') lines.pop();
      return { lines, cursor: [buffer.cursorY, buffer.cursorX] };
    },
    written: () => written,
    /**
     * Waits until the screen shows `expected` (the fields given): keys are
     * handled asynchronously, so the screen is checked again after each write.
     * On timeout, fails with the screen as it was.
     */
    async shows(expected: Partial<Screen>, timeoutMs = 10_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = await this.screen();
        const seen = { ...(expected.lines ? { lines: current.lines } : {}), ...(expected.cursor ? { cursor: current.cursor } : {}) };
        if (JSON.stringify(seen) === JSON.stringify(expected) || Date.now() > deadline) return void expect(seen).toEqual(expected);
        // The next write, or a look again shortly in case it came while the screen was replayed.
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 50);
          waiting.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    waitFor(pattern: RegExp) {
      return new Promise<void>((resolve) => {
        const check = () => {
          if (pattern.test(written)) resolve();
          else waiting.push(check);
        };
        check();
      });
    },
  };
}

async function session(options: { cols?: number; rows?: number; entries?: string[]; above?: string } = {}) {
  const rec = recordingTerminal(options.cols ?? 20, options.rows ?? 12);
  const { history } = await createHistory({});
  for (const entry of options.entries ?? []) history.add(entry);
  if (options.above) rec.terminal.write(options.above);
  const editor = createLineEditor({ terminal: rec.terminal, history });
  return { ...rec, editor };
}

/** Types each chunk as its own read from the terminal (the editor handles them in order). */
function typeAll(rec: { type(data: string): void }, ...chunks: string[]) {
  for (const chunk of chunks) rec.type(chunk);
}

describe('screen: what a person sees', () => {
  it('places the cursor after a coloured prompt and wide characters, at the right column', async () => {
    const s = await session({ cols: 40 });
    const result = s.editor.readLine('\x1b[1;32m~/src 漢字\x1b[0m $ ');
    typeAll(s, 'a😀b', '\x1b[D');
    await s.shows({ lines: ['~/src 漢字 $ a😀b'], cursor: [0, 16] });
    s.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'a😀b' });
  });

  it('handles a two-line prompt: the status line stays, and redraws do not climb above it', async () => {
    const s = await session({ above: 'above\r\n' });
    const result = s.editor.readLine('\x1b[2m~/src (main)\x1b[0m\n$ ');
    typeAll(s, 'echo 0123456789abcdefghij', '\x01', 'x');
    await s.shows({ lines: ['above', '~/src (main)', '$ xecho 0123456789ab', 'cdefghij'], cursor: [2, 3] });
    s.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'xecho 0123456789abcdefghij' });
  });

  it('wraps wide characters whole onto the next row, and the cursor follows them', async () => {
    const s = await session({ cols: 10 });
    const result = s.editor.readLine('$ ');
    typeAll(s, '漢字漢字漢');
    await s.shows({ lines: ['$ 漢字漢字', '漢'], cursor: [1, 2] });
    typeAll(s, '\x01');
    await s.shows({ cursor: [0, 2] });
    s.type('\r');
    await result;
  });

  it('never erases output above the prompt, whatever the editing does', async () => {
    const s = await session({ above: 'earlier output\r\nsecond line\r\n', entries: ['echo "multi\nline\nentry"', 'x'.repeat(50)] });
    const result = s.editor.readLine('$ ');
    typeAll(s, 'echo a long line that wraps over rows', '\x15', 'short', '\x1b[A', '\x1b[A', '\x1b[A', '\x1b[B', '\x1b[B', '\x1b[B');
    typeAll(s, '\x12mul', '\x07', '\x17', 'ok');
    await s.shows({ lines: ['earlier output', 'second line', '$ ok'], cursor: [2, 4] });
    s.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'ok' });
  });

  it('shows a recalled multi-line entry on continuation prompts, and Up moves within it', async () => {
    const s = await session({ entries: ['echo "one\ntwo"'] });
    const result = s.editor.readLine('$ ');
    typeAll(s, '\x1b[A');
    await s.shows({ lines: ['$ echo "one', '> two"'], cursor: [1, 6] });
    typeAll(s, '\x1b[A');
    await s.shows({ cursor: [0, 6] });
    s.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'echo "one\ntwo"' });
  });

  it('redraws in place after the terminal gets wider, leaving nothing behind', async () => {
    const s = await session({ above: 'above\r\n' });
    const result = s.editor.readLine('$ ');
    typeAll(s, 'echo 0123456789abcdefghij');
    await s.shows({ lines: ['above', '$ echo 0123456789abc', 'defghij'] });
    s.resize({ cols: 40, rows: 12 });
    await s.shows({ lines: ['above', '$ echo 0123456789abcdefghij'], cursor: [1, 27] });
    s.type('\r');
    await result;
  });

  it('after the terminal gets narrower, redraws without touching the output above (a terminal that cuts rows)', async () => {
    const s = await session({ cols: 40, above: 'above\r\n' });
    const result = s.editor.readLine('$ ');
    typeAll(s, 'echo 0123456789abcdefghij');
    await s.shows({ lines: ['above', '$ echo 0123456789abcdefghij'] });
    s.resize({ cols: 12, rows: 12 });
    await s.shows({ lines: ['above', '$ echo 01234', '56789abcdefg', 'hij'], cursor: [3, 3] });
    s.type('\r');
    await result;
  });

  it('Ctrl-L clears the screen and draws the prompt and the line at the top', async () => {
    const s = await session({ above: 'noise\r\nmore noise\r\n' });
    const result = s.editor.readLine('$ ');
    typeAll(s, 'ls', '\x0c');
    await s.shows({ lines: ['$ ls'], cursor: [0, 4] });
    s.type('\r');
    await result;
  });

  it('Ctrl-C shows ^C after the line and moves below it', async () => {
    const s = await session();
    const result = s.editor.readLine('$ ');
    typeAll(s, 'partial', '\x01', '\x03');
    expect(await result).toEqual({ kind: 'interrupt' });
    await s.shows({ lines: ['$ partial^C'], cursor: [1, 0] });
  });

  it('an aborted read erases its prompt area, so a notice and a new prompt can take its place', async () => {
    const s = await session({ above: 'above\r\n' });
    const controller = new AbortController();
    const result = s.editor.readLine('$ ', { signal: controller.signal });
    typeAll(s, 'a line long enough to wrap');
    await s.shows({ lines: ['above', '$ a line long enough', ' to wrap'] });
    controller.abort();
    expect(await result).toEqual({ kind: 'interrupt', text: 'a line long enough to wrap' });
    await s.shows({ lines: ['above'], cursor: [1, 0] });
    // Nothing listens any more: later keys cannot reach the finished read.
    expect(s.listeners()).toBe(0);
  });

  it('shows the reverse search prompt with the match, and the line again after accepting', async () => {
    const s = await session({ cols: 60, entries: ['git log --oneline', 'ls'] });
    const result = s.editor.readLine('$ ');
    typeAll(s, '\x12', 'log');
    await s.shows({ lines: ["(reverse-i-search)`log': git log --oneline"], cursor: [0, 29] });
    // A lone Escape is told from the start of a sequence once nothing follows it.
    s.type('\x1b');
    await s.waitFor(/\$ git log --oneline/);
    await s.shows({ lines: ['$ git log --oneline'], cursor: [0, 6] });
    typeAll(s, '\x05');
    await s.shows({ lines: ['$ git log --oneline'], cursor: [0, 19] });
    s.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'git log --oneline' });
  });
});

describe('rowsAboveCursor', () => {
  const shown = { widths: [30, 25, 10], cursorRow: 2, cursorCol: 7, cols: 30 };

  it('is the cursor row when the width is unchanged, or when the terminal does not reflow', () => {
    expect(rowsAboveCursor(shown, 30, true)).toBe(2);
    expect(rowsAboveCursor(shown, 12, false)).toBe(2);
    expect(rowsAboveCursor(undefined, 12, true)).toBe(0);
  });

  it('counts each earlier row re-wrapped to the new width when the terminal reflows', () => {
    expect(rowsAboveCursor(shown, 12, true)).toBe(3 + 3 + 0);
    expect(rowsAboveCursor(shown, 5, true)).toBe(6 + 5 + 1);
    expect(rowsAboveCursor(shown, 80, true)).toBe(2);
  });
});
