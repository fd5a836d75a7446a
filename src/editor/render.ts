import { showExactly } from '../render/sanitize.ts';
import { charWidth } from '../width.ts';

/** Visual rows of the prompt area and where the cursor sits in them. */
export interface Layout {
  rows: string[];
  /** Columns each row takes. */
  widths: number[];
  cursorRow: number;
  cursorCol: number;
  /** The row each line of the text starts on. */
  lineRows: number[];
}

/** What the last draw left on screen, to find the top of the prompt area again. */
export interface Shown {
  widths: readonly number[];
  cursorRow: number;
  cursorCol: number;
  cols: number;
}

const ANSI_AT = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/;

/**
 * Lays out prompt + text in rows of at most `cols` columns. Rows are joined
 * with hard line breaks when drawn, so the cursor position never depends on a
 * terminal's pending-wrap behaviour.
 */
export function layoutPrompt(input: {
  prompt: string;
  continuation: string;
  text: string;
  cursor: number;
  cols: number;
  /** Sequences that style the text (not the prompts), e.g. dim for a proposed command. */
  textStyle?: { open: string; close: string };
}): Layout {
  const cols = Math.max(2, input.cols);
  const rows: string[] = [];
  const widths: number[] = [];
  const lineRows: number[] = [];
  let row = '';
  let width = 0;
  let cursorRow = 0;
  let cursorCol = 0;
  let styled = false;
  const breakRow = () => {
    if (styled) row += input.textStyle!.close;
    styled = false;
    rows.push(row);
    widths.push(width);
    row = '';
    width = 0;
  };
  const put = (char: string, w: number) => {
    if (width + w > cols) breakRow();
    row += char;
    width += w;
  };
  const putText = (char: string) => {
    if (input.textStyle && !styled) {
      if (width >= cols) breakRow();
      row += input.textStyle.open;
      styled = true;
    }
    // Every character as it is, visibly: a control or invisible character takes the columns of its visible form.
    const code = char.codePointAt(0)!;
    if (code >= 0x20 && code < 0x7f) return put(char, 1);
    const shown = showExactly(char);
    if (shown === char) put(char, charWidth(code));
    else for (const part of shown) put(part, 1);
  };
  const putPrefix = (prefix: string) => {
    for (let i = 0; i < prefix.length; ) {
      const escape = ANSI_AT.exec(prefix.slice(i));
      if (escape) {
        row += escape[0];
        i += escape[0].length;
        continue;
      }
      // A two-line prompt (a status line above the input line).
      if (prefix[i] === '\n') {
        breakRow();
        i++;
        continue;
      }
      const char = String.fromCodePoint(prefix.codePointAt(i)!);
      put(char, charWidth(char.codePointAt(0)!));
      i += char.length;
    }
  };
  const markCursor = () => {
    if (width >= cols) breakRow();
    cursorRow = rows.length;
    cursorCol = width;
  };

  let index = 0;
  const lines = input.text.split('\n');
  lines.forEach((line, lineNumber) => {
    if (lineNumber > 0) breakRow();
    putPrefix(lineNumber === 0 ? input.prompt : input.continuation);
    lineRows.push(rows.length);
    for (const char of line) {
      if (index === input.cursor) markCursor();
      putText(char);
      index += char.length;
    }
    if (index === input.cursor) markCursor();
    index += 1;
  });
  breakRow();
  return { rows, widths, cursorRow, cursorCol, lineRows };
}

/**
 * Rows from the top of the last drawn prompt area down to the cursor. A resize
 * may have moved them: terminals that reflow (VTE, kitty, iTerm2, tmux) re-wrap
 * each of our rows to the new width, so each then takes ceil(width / cols) rows;
 * others (xterm, xterm.js for the cursor's row) cut rows and leave the cursor's
 * row where it was. Guessing reflow wrongly would move above the prompt and erase
 * output, so it is used only when the caller knows the terminal reflows.
 */
export function rowsAboveCursor(shown: Shown | undefined, cols: number, reflow: boolean): number {
  if (!shown) return 0;
  if (cols === shown.cols || !reflow) return shown.cursorRow;
  const reflowed = (width: number) => Math.max(1, Math.ceil(width / Math.max(1, cols)));
  let rows = 0;
  for (let i = 0; i < shown.cursorRow; i++) rows += reflowed(shown.widths[i] ?? 0);
  return rows + Math.floor(shown.cursorCol / Math.max(1, cols));
}

/**
 * Erases the prompt area: up to its top, then everything below; output above
 * it is never touched. The top row is erased by itself and the rest from its
 * second column: tmux takes an erase-below that starts at the screen's very
 * first cell for a clear screen and keeps a copy in its scrollback, which a
 * prompt on the top row would otherwise do at every key.
 */
export function eraseLayout(rowsAbove: number): string {
  return `${rowsAbove > 0 ? `\x1b[${rowsAbove}A` : ''}\r\x1b[K\x1b[C\x1b[J\r`;
}

/** Draws a layout over the previous one (whose top is `rowsAbove` rows above the cursor). */
export function drawLayout(rowsAbove: number, layout: Layout): string {
  let out = `${eraseLayout(rowsAbove)}${layout.rows.join('\r\n')}`;
  const up = layout.rows.length - 1 - layout.cursorRow;
  out += '\r';
  if (up > 0) out += `\x1b[${up}A`;
  if (layout.cursorCol > 0) out += `\x1b[${layout.cursorCol}C`;
  return out;
}
