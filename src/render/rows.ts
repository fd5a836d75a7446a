import { charWidth, stripAnsi } from '../width.ts';

/** Terminal rows `text` (one line, no newline) takes when written from column 0. */
export function rowsOf(text: string, cols: number): number {
  const cursor = createCursor();
  cursor.advance(text, cols);
  return cursor.rows();
}

/**
 * Follows the cursor as text is written, the way a terminal wraps it: a
 * character that does not fit goes to the next row (so a wide character at
 * the last column leaves that column empty), and a full row wraps only when
 * the next character comes (the pending-wrap state). Incremental, so the
 * partial line costs only its new characters.
 */
export interface Cursor {
  advance(text: string, cols: number): void;
  /** Rows used since the start, at least 1. */
  rows(): number;
  reset(): void;
}

export function createCursor(): Cursor {
  let row = 0;
  let col = 0;
  return {
    advance(text, cols) {
      const limit = Math.max(1, cols);
      for (const char of text.includes('\x1b') ? stripAnsi(text) : text) {
        const width = charWidth(char.codePointAt(0)!);
        if (width === 0) continue;
        if (col + width > limit) {
          row++;
          col = 0;
        }
        col += width;
      }
    },
    rows: () => row + 1,
    reset() {
      row = 0;
      col = 0;
    },
  };
}
