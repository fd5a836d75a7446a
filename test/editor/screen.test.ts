import { Terminal as Headless } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { createHistory, createLineEditor, type EditorTerminal } from '../../src/editor/index.ts';
import { rowsAboveCursor } from '../../src/editor/render.ts';

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
      for (const wake of waiting) wake();
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
    /** Resolves once the editor has written something new (keys are handled asynchronously). */
    settled: () => new Promise<void>((resolve) => setImmediate(resolve)),
    async screen(): Promise<{ lines: string[]; cursor: [number, number] }> {
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
    waitFor(pattern: RegExp) {
      return new Promise<void>((resolve) => {
        const check = () => {
          if (!pattern.test(written)) return;
          waiting = waiting.filter((w) => w !== check);
          resolve();
        };
        waiting.push(check);
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

/** Types each chunk and lets the editor handle it before the next. */
async function typeAll(rec: { type(data: string): void; settled(): Promise<void> }, ...chunks: string[]) {
  for (const chunk of chunks) {
    rec.type(chunk);
    await rec.settled();
  }
}

describe('screen: what a person sees', () => {
  it('places the cursor after a coloured prompt and wide characters, at the right column', async () => {
    const s = await session({ cols: 40 });
    const result = s.editor.readLine('\x1b[1;32m~/src 漢字\x1b[0m $ ');
    await typeAll(s, 'a😀b', '\x1b[D');
    expect(await s.screen()).toEqual({ lines: ['~/src 漢字 $ a😀b'], cursor: [0, 16] });
    s.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'a😀b' });
  });

  it('handles a two-line prompt: the status line stays, and redraws do not climb above it', async () => {
    const s = await session({ above: 'above\r\n' });
    const result = s.editor.readLine('\x1b[2m~/src (main)\x1b[0m\n$ ');
    await typeAll(s, 'echo 0123456789abcdefghij', '\x01', 'x');
    expect(await s.screen()).toEqual({ lines: ['above', '~/src (main)', '$ xecho 0123456789ab', 'cdefghij'], cursor: [2, 3] });
    s.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'xecho 0123456789abcdefghij' });
  });

  it('wraps wide characters whole onto the next row, and the cursor follows them', async () => {
    const s = await session({ cols: 10 });
    const result = s.editor.readLine('$ ');
    await typeAll(s, '漢字漢字漢');
    expect(await s.screen()).toEqual({ lines: ['$ 漢字漢字', '漢'], cursor: [1, 2] });
    await typeAll(s, '\x01');
    expect((await s.screen()).cursor).toEqual([0, 2]);
    s.type('\r');
    await result;
  });

  it('never erases output above the prompt, whatever the editing does', async () => {
    const s = await session({ above: 'earlier output\r\nsecond line\r\n', entries: ['echo "multi\nline\nentry"', 'x'.repeat(50)] });
    const result = s.editor.readLine('$ ');
    await typeAll(s, 'echo a long line that wraps over rows', '\x15', 'short', '\x1b[A', '\x1b[A', '\x1b[A', '\x1b[B', '\x1b[B', '\x1b[B');
    await typeAll(s, '\x12mul', '\x07', '\x17', 'ok');
    const { lines, cursor } = await s.screen();
    expect(lines).toEqual(['earlier output', 'second line', '$ ok']);
    expect(cursor).toEqual([2, 4]);
    s.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'ok' });
  });

  it('shows a recalled multi-line entry on continuation prompts, and Up moves within it', async () => {
    const s = await session({ entries: ['echo "one\ntwo"'] });
    const result = s.editor.readLine('$ ');
    await typeAll(s, '\x1b[A');
    expect(await s.screen()).toEqual({ lines: ['$ echo "one', '> two"'], cursor: [1, 6] });
    await typeAll(s, '\x1b[A');
    expect((await s.screen()).cursor).toEqual([0, 6]);
    s.type('\r');
    expect(await result).toEqual({ kind: 'line', text: 'echo "one\ntwo"' });
  });

  it('redraws in place after the terminal gets wider, leaving nothing behind', async () => {
    const s = await session({ above: 'above\r\n' });
    const result = s.editor.readLine('$ ');
    await typeAll(s, 'echo 0123456789abcdefghij');
    expect((await s.screen()).lines).toEqual(['above', '$ echo 0123456789abc', 'defghij']);
    s.resize({ cols: 40, rows: 12 });
    await s.settled();
    expect(await s.screen()).toEqual({ lines: ['above', '$ echo 0123456789abcdefghij'], cursor: [1, 27] });
    s.type('\r');
    await result;
  });

  it('after the terminal gets narrower, redraws without touching the output above (a terminal that cuts rows)', async () => {
    const s = await session({ cols: 40, above: 'above\r\n' });
    const result = s.editor.readLine('$ ');
    await typeAll(s, 'echo 0123456789abcdefghij');
    s.resize({ cols: 12, rows: 12 });
    await s.settled();
    expect(await s.screen()).toEqual({ lines: ['above', '$ echo 01234', '56789abcdefg', 'hij'], cursor: [3, 3] });
    s.type('\r');
    await result;
  });

  it('Ctrl-L clears the screen and draws the prompt and the line at the top', async () => {
    const s = await session({ above: 'noise\r\nmore noise\r\n' });
    const result = s.editor.readLine('$ ');
    await typeAll(s, 'ls', '\x0c');
    expect(await s.screen()).toEqual({ lines: ['$ ls'], cursor: [0, 4] });
    s.type('\r');
    await result;
  });

  it('Ctrl-C shows ^C after the line and moves below it', async () => {
    const s = await session();
    const result = s.editor.readLine('$ ');
    await typeAll(s, 'partial', '\x01', '\x03');
    expect(await result).toEqual({ kind: 'interrupt' });
    expect(await s.screen()).toEqual({ lines: ['$ partial^C'], cursor: [1, 0] });
  });

  it('an aborted read erases its prompt area, so a notice and a new prompt can take its place', async () => {
    const s = await session({ above: 'above\r\n' });
    const controller = new AbortController();
    const result = s.editor.readLine('$ ', { signal: controller.signal });
    await typeAll(s, 'a line long enough to wrap');
    controller.abort();
    expect(await result).toEqual({ kind: 'interrupt', text: 'a line long enough to wrap' });
    expect(await s.screen()).toEqual({ lines: ['above'], cursor: [1, 0] });
    s.type('ignored');
    await s.settled();
    expect(s.written()).not.toContain('ignored');
  });

  it('shows the reverse search prompt with the match, and the line again after accepting', async () => {
    const s = await session({ cols: 60, entries: ['git log --oneline', 'ls'] });
    const result = s.editor.readLine('$ ');
    await typeAll(s, '\x12', 'log');
    expect(await s.screen()).toEqual({ lines: ["(reverse-i-search)`log': git log --oneline"], cursor: [0, 29] });
    // A lone Escape is told from the start of a sequence once nothing follows it.
    s.type('\x1b');
    await s.waitFor(/\$ git log --oneline/);
    expect(await s.screen()).toEqual({ lines: ['$ git log --oneline'], cursor: [0, 6] });
    await typeAll(s, '\x05');
    expect(await s.screen()).toEqual({ lines: ['$ git log --oneline'], cursor: [0, 19] });
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
