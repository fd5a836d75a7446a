import { showExactly } from '../render/sanitize.ts';
import type { EditState } from './buffer.ts';
import type { Key } from './keys.ts';

/** Ctrl-R incremental reverse search over history, as in bash. */
export interface ActiveSearch {
  query: string;
  /** Index of the matching entry, or -1 when nothing matched yet. */
  index: number;
  failed: boolean;
  /** The buffer before Ctrl-R, shown while nothing matches and restored by Ctrl-G. */
  before: EditState;
}

export type SearchOutcome = { kind: 'searching'; search: ActiveSearch } | { kind: 'cancel' } | { kind: 'accept' };

export function startSearch(before: EditState): ActiveSearch {
  return { query: '', index: -1, failed: false, before };
}

/**
 * Typing extends the query, Backspace shortens it, Ctrl-R finds an older match
 * (with an empty query, the previous search's), Ctrl-G or Ctrl-C cancel; any
 * other key accepts the match.
 */
export function reduceSearchKey(search: ActiveSearch, key: Key, entries: readonly string[], lastQuery: string): SearchOutcome {
  const searching = (next: ActiveSearch): SearchOutcome => ({ kind: 'searching', search: next });
  if (key.ctrl && !key.meta && (key.name === 'g' || key.name === 'c')) return { kind: 'cancel' };
  if (key.ctrl && !key.meta && key.name === 'r') {
    if (search.query === '') return searching(find(search, lastQuery, entries.length - 1, entries));
    return searching(older(search, entries));
  }
  if ((key.name === 'char' || key.name === 'paste') && !key.meta && key.text && !key.text.includes('\n')) {
    // The current match still counts if it contains the longer query.
    const from = search.index >= 0 ? search.index : entries.length - 1;
    const next = find(search, search.query + key.text, from, entries);
    return searching(next.failed && search.index >= 0 ? { ...next, index: search.index } : next);
  }
  if (key.name === 'backspace' && !key.meta) return searching(find(search, search.query.slice(0, -1), entries.length - 1, entries));
  return { kind: 'accept' };
}

/** What is shown and accepted: the match with the cursor on the query, or the buffer from before. */
export function searchView(search: ActiveSearch, entries: readonly string[]): { text: string; cursor: number } {
  const match = search.index >= 0 ? entries[search.index] : undefined;
  if (match === undefined) return { text: search.before.text, cursor: search.before.cursor };
  const at = match.lastIndexOf(search.query);
  return { text: match, cursor: at >= 0 ? at : match.length };
}

export function acceptSearch(search: ActiveSearch, entries: readonly string[]): { text: string; cursor: number; index?: number } {
  return search.index >= 0 ? { ...searchView(search, entries), index: search.index } : searchView(search, entries);
}

export function searchPrompt(search: ActiveSearch): string {
  // The prompt passes escape sequences through (a coloured prompt): a pasted query must not.
  return `(${search.failed ? 'failed ' : ''}reverse-i-search)\`${showExactly(search.query)}': `;
}

/** Finds `query` searching backwards from `from` (inclusive). */
function find(search: ActiveSearch, query: string, from: number, entries: readonly string[]): ActiveSearch {
  if (query === '') return { ...search, query, index: -1, failed: false };
  for (let i = Math.min(from, entries.length - 1); i >= 0; i--) {
    if (entries[i]!.includes(query)) return { ...search, query, index: i, failed: false };
  }
  return { ...search, query, index: -1, failed: true };
}

/** Ctrl-R again: the next older match, skipping entries equal to the one shown (readline). */
function older(search: ActiveSearch, entries: readonly string[]): ActiveSearch {
  const shown = search.index >= 0 ? entries[search.index] : undefined;
  for (let i = search.index - 1; i >= 0; i--) {
    if (entries[i] !== shown && entries[i]!.includes(search.query)) return { ...search, index: i, failed: false };
  }
  return { ...search, failed: true };
}
