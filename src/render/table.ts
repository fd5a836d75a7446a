import { stringWidth } from '../width.ts';
import { renderInline } from './inline.ts';
import type { Style } from './style.ts';

/** True for a GFM table row: starts and ends with a pipe, or has pipes and is a separator. */
export function isTableRow(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith('|') && trimmed.length > 1;
}

/** A whole GFM table with aligned columns; columns shrink (cells wrap) to fit `width`. */
export function renderTable(lines: readonly string[], width: number, style: Style): string[] {
  const rows = lines.map(splitCells);
  const separator = rows.findIndex((cells) => cells.length > 0 && cells.every((cell) => /^:?-{1,}:?$/.test(cell)));
  const align = separator >= 0 ? rows[separator]!.map((cell) => (cell.endsWith(':') ? (cell.startsWith(':') ? 'center' : 'right') : 'left')) : [];
  const body = rows.filter((_, index) => index !== separator).map((cells) => cells.map((cell) => renderInline(cell, style)));
  const columns = Math.max(...body.map((cells) => cells.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(3, ...body.map((cells) => stringWidth(cells[c] ?? ''))));
  // Shrink the widest columns until the table fits: 3 columns of borders per cell plus one.
  while (widths.reduce((a, b) => a + b, 0) + columns * 3 + 1 > width && Math.max(...widths) > 6) {
    const widest = widths.indexOf(Math.max(...widths));
    widths[widest]!--;
  }
  const line = (left: string, mid: string, right: string) => style.dim(left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right);
  const out = [line('┌', '┬', '┐')];
  body.forEach((cells, index) => {
    const wrapped = widths.map((w, c) => wrapCell(cells[c] ?? '', w));
    const height = Math.max(...wrapped.map((cell) => cell.length));
    for (let r = 0; r < height; r++) {
      const parts = wrapped.map((cell, c) => pad(cell[r] ?? '', widths[c]!, align[c] ?? 'left'));
      const text = parts.map((part) => (index === 0 && separator === 1 ? style.bold(part) : part));
      out.push(`${style.dim('│')} ${text.join(` ${style.dim('│')} `)} ${style.dim('│')}`);
    }
    if (index === 0 && separator === 1 && body.length > 1) out.push(line('├', '┼', '┤'));
  });
  out.push(line('└', '┴', '┘'));
  return out;
}

function splitCells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function wrapCell(text: string, width: number): string[] {
  if (stringWidth(text) <= width) return [text];
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(' ')) {
    const candidate = row ? `${row} ${word}` : word;
    if (stringWidth(candidate) <= width) row = candidate;
    else {
      if (row) rows.push(row);
      row = word;
      while (stringWidth(row) > width) {
        rows.push(row.slice(0, width));
        row = row.slice(width);
      }
    }
  }
  if (row) rows.push(row);
  return rows;
}

function pad(text: string, width: number, align: string): string {
  const gap = Math.max(0, width - stringWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(gap >> 1) + text + ' '.repeat(gap - (gap >> 1));
  return text + ' '.repeat(gap);
}
