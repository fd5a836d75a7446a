import { Lexer, type Tokens } from 'marked';
import { stringWidth } from '../width.ts';
import { renderInlineTokens } from './inline.ts';
import type { Style } from './style.ts';
import { wrapText } from './wrap.ts';

/** A line that may belong to a GFM table: held until the table ends, since every row sets the column widths. */
export function isTableRow(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.startsWith('|') && trimmed.length > 1;
}

/**
 * A whole GFM table with aligned columns and a bold header; the widest columns
 * shrink (their cells wrap) until the table fits `width`. Undefined when marked
 * does not read the lines as a table (no delimiter row): they are then text.
 */
export function renderTable(lines: readonly string[], width: number, style: Style): string[] | undefined {
  const tokens = Lexer.lex(lines.join('\n'));
  const table = tokens.length === 1 && tokens[0]?.type === 'table' ? (tokens[0] as Tokens.Table) : undefined;
  if (!table) return undefined;
  const cell = (c: Tokens.TableCell) => renderInlineTokens(c.tokens, style);
  const header = table.header.map(cell);
  const body = table.rows.map((row) => row.map(cell));
  const widths = fitColumns([header, ...body], width);

  const border = (left: string, mid: string, right: string) => style.dim(left + widths.map((w) => '─'.repeat(w + 2)).join(mid) + right);
  const bar = style.dim('│');
  const rowLines = (cells: string[], bold: boolean) => {
    const wrapped = widths.map((w, c) => wrapText(cells[c] ?? '', w));
    const height = Math.max(...wrapped.map((rows) => rows.length));
    const out: string[] = [];
    for (let r = 0; r < height; r++) {
      const parts = wrapped.map((rows, c) => pad(rows[r] ?? '', widths[c]!, table.align[c] ?? null));
      out.push(`${bar} ${parts.map((part) => (bold ? style.bold(part) : part)).join(` ${bar} `)} ${bar}`);
    }
    return out;
  };
  return [
    border('┌', '┬', '┐'),
    ...rowLines(header, true),
    border('├', '┼', '┤'),
    ...body.flatMap((cells) => rowLines(cells, false)),
    border('└', '┴', '┘'),
  ];
}

/** Natural column widths, then the widest shrunk one column at a time until the borders and cells fit. */
function fitColumns(rows: readonly string[][], width: number): number[] {
  const count = Math.max(...rows.map((cells) => cells.length));
  const widths = Array.from({ length: count }, (_, c) => Math.max(1, ...rows.map((cells) => stringWidth(cells[c] ?? ''))));
  const borders = count * 3 + 1;
  let total = widths.reduce((a, b) => a + b, 0);
  while (total + borders > width) {
    const widest = Math.max(...widths);
    if (widest <= MIN_COLUMN) break;
    widths[widths.indexOf(widest)] = widest - 1;
    total--;
  }
  return widths;
}

const MIN_COLUMN = 6;

function pad(text: string, width: number, align: 'left' | 'right' | 'center' | null): string {
  const gap = Math.max(0, width - stringWidth(text));
  if (align === 'right') return ' '.repeat(gap) + text;
  if (align === 'center') return ' '.repeat(gap >> 1) + text + ' '.repeat(gap - (gap >> 1));
  return text + ' '.repeat(gap);
}
