import { charWidth, stringWidth } from '../width.ts';

/**
 * Keys typed while a command runs are echoed by the terminal as they arrive. A
 * partial line the command did not read goes to conch's next prompt, so its
 * echo, left at the end of the output, would show twice and be marked as an
 * unfinished line. The columns to erase back from the cursor: the echo's width
 * when the last line written ends with it, on one screen row; otherwise 0 (the
 * echo was off, or output came after it, or it cannot be told for sure).
 */
export function typedAheadEchoWidth(lastLine: string | undefined, typedAhead: string, cols: number): number {
  const partial = typedAhead.split(/[\r\n]/).at(-1) ?? '';
  if (partial === '' || lastLine === undefined || /[\x00-\x1f\x7f-\x9f]/.test(partial)) return 0;
  const shown = visibleLine(lastLine);
  if (!shown || shown.cursor !== shown.cells.length || shown.cursor >= cols) return 0;
  const width = stringWidth(partial);
  return shown.cells.join('').endsWith(partial) && width <= shown.cursor ? width : 0;
}

/** What one row shows after `text` was written to it: printable characters, CR, BS and colours; anything else is not followed. */
function visibleLine(text: string): { cells: string[]; cursor: number } | undefined {
  const cells: string[] = [];
  let cursor = 0;
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    i += char.length;
    if (char === '\r') cursor = 0;
    else if (char === '\b') cursor = Math.max(0, cursor - 1);
    else if (char === '\x1b') {
      const colour = /^\[[0-9;:]*m/.exec(text.slice(i));
      if (!colour) return undefined;
      i += colour[0].length;
    } else if (/[\x00-\x1f\x7f-\x9f]/.test(char)) return undefined;
    else {
      const width = charWidth(char.codePointAt(0)!);
      cells[cursor] = char;
      if (width === 2) cells[cursor + 1] = '';
      cursor += width;
    }
  }
  const filled = Array.from(cells, (cell) => cell ?? ' ');
  // Blanks behind the cursor: what an erase (BS, space, BS) left.
  while (filled.length > cursor && filled.at(-1) === ' ') filled.pop();
  return { cells: filled, cursor };
}
