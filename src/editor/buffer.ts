/** The text being edited and where the cursor is (a UTF-16 index, always on a code point boundary). */
export interface EditState {
  text: string;
  cursor: number;
  /** The last killed text, for Ctrl-Y. */
  killed: string;
  /** The previous action killed: another kill adds to `killed` instead of replacing it (readline). */
  killing?: boolean;
}

export type EditAction =
  | { type: 'insert'; text: string }
  | { type: 'left' | 'right' | 'word-left' | 'word-right' | 'line-start' | 'line-end' }
  | { type: 'backspace' | 'delete' | 'kill-to-end' | 'kill-to-start' | 'kill-word-back' | 'kill-alnum-back' | 'kill-alnum-forward' }
  | { type: 'yank' | 'transpose' | 'upcase-word' | 'downcase-word' | 'capitalize-word' }
  | { type: 'set'; text: string; cursor?: number };

export const EMPTY: EditState = { text: '', cursor: 0, killed: '' };

/** Applies one editing action; pure, so every key is testable without a terminal. */
export function edit(state: EditState, action: EditAction): EditState {
  const next = apply(state, action);
  return next.killing && !isKill(action) ? { ...next, killing: false } : next;
}

const isKill = (action: EditAction) => action.type.startsWith('kill-');

function apply(state: EditState, action: EditAction): EditState {
  const { text, cursor } = state;
  switch (action.type) {
    case 'insert':
      return { ...state, text: text.slice(0, cursor) + action.text + text.slice(cursor), cursor: cursor + action.text.length };
    case 'set':
      return { ...state, text: action.text, cursor: action.cursor ?? action.text.length };
    case 'left':
      return { ...state, cursor: prevBoundary(text, cursor) };
    case 'right':
      return { ...state, cursor: nextBoundary(text, cursor) };
    case 'word-left':
      return { ...state, cursor: alnumWordStart(text, cursor) };
    case 'word-right':
      return { ...state, cursor: alnumWordEnd(text, cursor) };
    case 'line-start':
      return { ...state, cursor: text.lastIndexOf('\n', cursor - 1) + 1 };
    case 'line-end': {
      const end = text.indexOf('\n', cursor);
      return { ...state, cursor: end < 0 ? text.length : end };
    }
    case 'backspace':
      return cut(state, prevBoundary(text, cursor), cursor, false);
    case 'delete':
      return cut(state, cursor, nextBoundary(text, cursor), false);
    case 'kill-to-end': {
      const end = text.indexOf('\n', cursor);
      // At the end of a line, Ctrl-K joins the next one, as in readline's multi-line mode.
      return cut(state, cursor, end < 0 ? text.length : end === cursor ? end + 1 : end, true);
    }
    case 'kill-to-start':
      return cut(state, text.lastIndexOf('\n', cursor - 1) + 1, cursor, true);
    case 'kill-word-back':
      return cut(state, spaceWordStart(text, cursor), cursor, true);
    case 'kill-alnum-back':
      return cut(state, alnumWordStart(text, cursor), cursor, true);
    case 'kill-alnum-forward':
      return cut(state, cursor, alnumWordEnd(text, cursor), true);
    case 'yank':
      return apply(state, { type: 'insert', text: state.killed });
    case 'transpose': {
      if (text.length < 2 || cursor === 0) return state;
      // At the end of the line, swap the two characters before the cursor (readline).
      const at = cursor >= text.length ? prevBoundary(text, cursor) : cursor;
      const before = prevBoundary(text, at);
      const after = nextBoundary(text, at);
      const swapped = text.slice(before, at) === '\n' || text.slice(at, after) === '\n' ? null : text.slice(at, after) + text.slice(before, at);
      if (swapped === null) return state;
      return { ...state, text: text.slice(0, before) + swapped + text.slice(after), cursor: after };
    }
    case 'upcase-word':
    case 'downcase-word':
    case 'capitalize-word': {
      const end = alnumWordEnd(text, cursor);
      const word = text.slice(cursor, end);
      const changed =
        action.type === 'upcase-word' ? word.toUpperCase()
        : action.type === 'downcase-word' ? word.toLowerCase()
        : word.replace(/[\p{L}\p{N}_][\p{L}\p{N}_]*/u, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
      // Case mapping can change the length (ß -> SS): the cursor goes after the changed word.
      return { ...state, text: text.slice(0, cursor) + changed + text.slice(end), cursor: cursor + changed.length };
    }
  }
}

function cut(state: EditState, from: number, to: number, kill: boolean): EditState {
  if (from >= to) return kill ? { ...state, killing: true } : state;
  const piece = state.text.slice(from, to);
  // Consecutive kills collect into one piece, in text order, so Ctrl-W Ctrl-W then Ctrl-Y restores both words.
  const killed = !kill ? state.killed : !state.killing ? piece : from < state.cursor ? piece + state.killed : state.killed + piece;
  return { text: state.text.slice(0, from) + state.text.slice(to), cursor: from, killed, killing: kill };
}

function prevBoundary(text: string, index: number): number {
  if (index <= 0) return 0;
  const code = text.charCodeAt(index - 1);
  return code >= 0xdc00 && code <= 0xdfff && index >= 2 ? index - 2 : index - 1;
}

function nextBoundary(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const code = text.charCodeAt(index);
  return code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? index + 2 : index + 1;
}

const isAlnum = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}_]/u.test(char);

/** Alt-B: back to the start of the previous run of letters and digits. */
function alnumWordStart(text: string, index: number): number {
  let i = index;
  while (i > 0 && !isAlnum(text[i - 1])) i--;
  while (i > 0 && isAlnum(text[i - 1])) i--;
  return i;
}

/** Alt-F: forward to the end of the next run of letters and digits. */
function alnumWordEnd(text: string, index: number): number {
  let i = index;
  while (i < text.length && !isAlnum(text[i])) i++;
  while (i < text.length && isAlnum(text[i])) i++;
  return i;
}

/** Ctrl-W: back over whitespace, then to the previous whitespace (unix-word-rubout). */
function spaceWordStart(text: string, index: number): number {
  let i = index;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}
