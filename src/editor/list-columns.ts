import { stringWidth } from '../width.ts';

/** Candidates in columns, filled down then across like `ls`, fitting `cols`. */
export function listColumns(items: readonly string[], cols: number): string[] {
  if (items.length === 0) return [];
  const width = Math.max(...items.map(stringWidth)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(items.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const item = items[c * rows + r];
      if (item === undefined) continue;
      line += item + ' '.repeat(width - stringWidth(item));
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
