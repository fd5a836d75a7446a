import { stringWidth } from '../width.ts';

/**
 * Word-wraps styled text to `width` columns; continuation rows start with
 * `indent` (a hanging indent for list items and quotes). Escape sequences take
 * no width; a word longer than a row is broken.
 */
export function wrapText(text: string, width: number, firstPrefix = '', indent = ''): string[] {
  const rows: string[] = [];
  let row = firstPrefix;
  let rowWidth = stringWidth(firstPrefix);
  const limit = Math.max(10, width);
  for (const word of text.split(/(\s+)/)) {
    if (word === '') continue;
    const wordWidth = stringWidth(word);
    if (/^\s+$/.test(word)) {
      if (rowWidth + wordWidth <= limit && rowWidth > stringWidth(indent)) {
        row += word;
        rowWidth += wordWidth;
      }
      continue;
    }
    if (rowWidth + wordWidth > limit && rowWidth > stringWidth(rows.length === 0 ? firstPrefix : indent)) {
      rows.push(row.trimEnd());
      row = indent;
      rowWidth = stringWidth(indent);
    }
    row += word;
    rowWidth += wordWidth;
  }
  rows.push(row.trimEnd());
  return rows;
}
