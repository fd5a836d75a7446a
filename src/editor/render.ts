import { charWidth } from '../width.ts';

/** Visual rows of the prompt area and where the cursor sits in them. */
export interface Layout {
  rows: string[];
  cursorRow: number;
  cursorCol: number;
}

const ANSI_AT = /^\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/;

/**
 * Lays out prompt + text in rows of at most `cols` columns. Rows are joined
 * with hard line breaks when drawn, so the cursor position never depends on a
 * terminal's pending-wrap behaviour.
 */
export function layoutPrompt(input: { prompt: string; continuation: string; text: string; cursor: number; cols: number }): Layout {
  const cols = Math.max(2, input.cols);
  const rows: string[] = [];
  let row = '';
  let width = 0;
  let cursorRow = 0;
  let cursorCol = 0;
  const breakRow = () => {
    rows.push(row);
    row = '';
    width = 0;
  };
  const put = (char: string, w: number) => {
    if (width + w > cols) breakRow();
    row += char;
    width += w;
  };
  const putPrefix = (prefix: string) => {
    for (let i = 0; i < prefix.length; ) {
      const escape = ANSI_AT.exec(prefix.slice(i));
      if (escape) {
        row += escape[0];
        i += escape[0].length;
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
    for (const char of line) {
      if (index === input.cursor) markCursor();
      put(printable(char), charWidth(char.codePointAt(0)!) || (char < ' ' ? 2 : 0));
      index += char.length;
    }
    if (index === input.cursor) markCursor();
    index += 1;
  });
  rows.push(row);
  return { rows, cursorRow, cursorCol };
}

/** Control characters in the buffer are shown as ^X, never sent raw. */
function printable(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x20 ? `^${String.fromCharCode(code + 0x40)}` : code === 0x7f ? '^?' : char;
}

/** Draws a layout over the previous one; returns the new cursor row for the next draw. */
export function drawLayout(previousCursorRow: number, layout: Layout): string {
  let out = previousCursorRow > 0 ? `\x1b[${previousCursorRow}A` : '';
  out += `\r\x1b[J${layout.rows.join('\r\n')}`;
  const up = layout.rows.length - 1 - layout.cursorRow;
  out += '\r';
  if (up > 0) out += `\x1b[${up}A`;
  if (layout.cursorCol > 0) out += `\x1b[${layout.cursorCol}C`;
  return out;
}
