/** Tabs to spaces (stops every 4 columns, as CommonMark counts them), from `column` on. */
export function expandTabs(text: string, column = 0): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let col = column;
  for (const char of text) {
    if (char === '\t') {
      const spaces = TAB - (col % TAB);
      out += ' '.repeat(spaces);
      col += spaces;
    } else {
      out += char;
      col++;
    }
  }
  return out;
}

const TAB = 4;
