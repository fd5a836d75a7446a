import { edit } from './buffer.ts';
import type { EditorState } from './editor-state.ts';
import { lastArgument } from './words.ts';

/**
 * Up (-1) or Down (+1): inside a multi-line buffer, first to the line above or
 * below; then to the previous or next history entry (narrowed to entries starting
 * with what was typed before the first Up). Undefined when there is nowhere to go.
 */
export function stepHistory(state: EditorState, direction: -1 | 1, entries: readonly string[]): EditorState | undefined {
  const moved = moveLine(state, direction);
  if (moved) return moved;
  const prefix = state.historyPrefix ?? (state.historyIndex === entries.length ? state.edit.text : '');
  for (let i = state.historyIndex + direction; i >= 0 && i <= entries.length; i += direction) {
    if (i === entries.length || (entries[i]!.startsWith(prefix) && entries[i] !== state.edit.text)) return show(state, i, entries, prefix);
  }
  return undefined;
}

/**
 * Alt-.: inserts the last argument of the previous command; again right away,
 * replaces it with the one of the command before (readline's yank-last-arg).
 */
export function yankLastArgument(state: EditorState, entries: readonly string[], repeated: boolean): EditorState | undefined {
  const previous = repeated ? state.yankArg : undefined;
  for (let index = (previous?.index ?? entries.length) - 1; index >= 0; index--) {
    const argument = lastArgument(entries[index]!);
    if (argument === undefined) continue;
    const { text, cursor } = state.edit;
    const from = previous ? previous.from : cursor;
    const to = previous ? previous.to : cursor;
    const next = edit(state.edit, { type: 'set', text: text.slice(0, from) + argument + text.slice(to), cursor: from + argument.length });
    return { ...state, edit: next, undo: [...state.undo, state.edit], yankArg: { index, from, to: from + argument.length } };
  }
  return undefined;
}

function show(state: EditorState, index: number, entries: readonly string[], prefix: string): EditorState {
  const drafts = new Map(state.drafts).set(state.historyIndex, state.edit.text);
  const text = drafts.get(index) ?? entries[index] ?? '';
  return { ...state, drafts, historyIndex: index, historyPrefix: prefix, undo: [], edit: edit(state.edit, { type: 'set', text }) };
}

function moveLine(state: EditorState, direction: -1 | 1): EditorState | undefined {
  const { text, cursor } = state.edit;
  const lineStart = text.lastIndexOf('\n', cursor - 1) + 1;
  const lineEnd = text.indexOf('\n', cursor);
  const column = cursor - lineStart;
  if (direction < 0 && lineStart > 0) {
    const prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    return { ...state, edit: { ...state.edit, cursor: onBoundary(text, Math.min(prevStart + column, lineStart - 1)) } };
  }
  if (direction > 0 && lineEnd >= 0) {
    const nextEnd = text.indexOf('\n', lineEnd + 1);
    return { ...state, edit: { ...state.edit, cursor: onBoundary(text, Math.min(lineEnd + 1 + column, nextEnd < 0 ? text.length : nextEnd)) } };
  }
  return undefined;
}

/** Never leaves the cursor between the two halves of a surrogate pair. */
function onBoundary(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}
