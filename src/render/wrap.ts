import { charWidth, stringWidth } from '../width.ts';

/**
 * Word-wraps styled text to `width` columns. The first row starts with
 * `firstPrefix`, the others with `indent` (a hanging indent for list items, a
 * bar for quotes). Escape sequences take no width, wide characters two. Styles
 * and links open at a break are closed at the row's end and reopened after the
 * next row's prefix, so a prefix never inherits them. A word longer than a row
 * is broken.
 */
export function wrapText(text: string, width: number, firstPrefix = '', indent = ''): string[] {
  const indentWidth = stringWidth(indent);
  // A row always has room for some text, however narrow the terminal.
  const limit = Math.max(width, indentWidth + Math.min(8, width));
  const state = createStyleState();
  const rows: string[] = [];
  let row = firstPrefix;
  let rowWidth = stringWidth(firstPrefix);
  let start = rowWidth;
  let space = '';

  const breakRow = () => {
    rows.push(row + state.close());
    row = indent + state.reopen();
    rowWidth = start = indentWidth;
  };
  const append = (piece: string, pieceWidth: number) => {
    row += piece;
    rowWidth += pieceWidth;
    state.apply(piece);
  };

  for (const piece of text.split(/( +)/)) {
    if (piece === '') continue;
    if (piece.startsWith(' ')) {
      space = piece;
      continue;
    }
    const pieceWidth = stringWidth(piece);
    if (rowWidth > start && rowWidth + space.length + pieceWidth > limit) breakRow();
    else if (rowWidth > start) append(space, space.length);
    space = '';
    if (rowWidth + pieceWidth <= limit) append(piece, pieceWidth);
    else {
      for (const [unit] of piece.matchAll(UNIT)) {
        const unitWidth = unit.startsWith('\x1b') ? 0 : charWidth(unit.codePointAt(0)!);
        if (rowWidth + unitWidth > limit && rowWidth > start) breakRow();
        append(unit, unitWidth);
      }
    }
  }
  rows.push(row);
  return rows;
}

/** One escape sequence, or one character (a whole surrogate pair). */
const UNIT = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\))|[\s\S]/gu;
const SEQUENCE = /\x1b\[([\d;]*)m|\x1b\]8;[^;\x07\x1b]*;([^\x07\x1b]*)(?:\x07|\x1b\\)/g;

/** The SGR attributes and OSC 8 link in effect after the text applied so far. */
function createStyleState() {
  const active = new Map<string, string>();
  let link = '';
  return {
    apply(text: string) {
      if (!text.includes('\x1b')) return;
      for (const match of text.matchAll(SEQUENCE)) {
        if (match[1] === undefined) link = match[2] ?? '';
        else track(active, match[1], match[0]);
      }
    },
    close: () => (active.size > 0 ? '\x1b[0m' : '') + (link ? '\x1b]8;;\x1b\\' : ''),
    reopen: () => [...active.values()].join('') + (link ? `\x1b]8;;${link}\x1b\\` : ''),
  };
}

function track(active: Map<string, string>, params: string, sequence: string): void {
  const code = Number(params.split(';')[0] || 0);
  if (code === 0) active.clear();
  else if (code === 22) {
    active.delete('1');
    active.delete('2');
  }
  else if (code === 23 || code === 24 || code === 29) active.delete(String(code - 20));
  else if (code === 39) active.delete('fg');
  else if (code === 49) active.delete('bg');
  else if ((code >= 30 && code <= 38) || (code >= 90 && code <= 97)) active.set('fg', sequence);
  else if ((code >= 40 && code <= 48) || (code >= 100 && code <= 107)) active.set('bg', sequence);
  else active.set(String(code), sequence);
}
