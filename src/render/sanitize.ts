/**
 * Model text is untrusted: an escape sequence in an answer could retitle the
 * window, write the clipboard (OSC 52) or move the cursor over what the
 * renderer drew. Control characters other than newline and tab are dropped
 * (ESC included, so the rest of a sequence shows as harmless text), and CR too:
 * lines end at LF, and a CRLF split across two deltas needs no special case.
 */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '');
}

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
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
