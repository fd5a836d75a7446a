import type { Completion } from './completion.ts';
import { apply, type EditorState } from './editor-state.ts';

export type CompletionStep =
  | { kind: 'edited'; state: EditorState }
  | { kind: 'list'; labels: readonly string[] }
  | { kind: 'bell' };

/**
 * Tab: one candidate is inserted whole; several share a longer prefix, which is
 * inserted; otherwise the second Tab in a row lists them (bash). The candidates
 * replace the text from `completion.from` to the cursor.
 */
export function applyCompletion(state: EditorState, completion: Completion, list: boolean): CompletionStep {
  const { candidates } = completion;
  if (candidates.length === 0) return { kind: 'bell' };
  const { text, cursor } = state.edit;
  const from = Math.min(completion.from, cursor);
  const common = commonPrefix(candidates);
  if (candidates.length === 1 || (common.length > cursor - from && common !== text.slice(from, cursor))) {
    const next = apply(state, { type: 'set', text: text.slice(0, from) + common + text.slice(cursor), cursor: from + common.length });
    return { kind: 'edited', state: next.state };
  }
  return list ? { kind: 'list', labels: completion.labels ?? candidates } : { kind: 'bell' };
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  // Never end on half of a surrogate pair.
  const last = prefix.charCodeAt(prefix.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? prefix.slice(0, -1) : prefix;
}
