/** Ctrl-R incremental reverse search over history, as in bash. */
export interface SearchState {
  query: string;
  /** Index of the matching entry, or -1 when nothing matched yet. */
  index: number;
  failed: boolean;
}

export function startSearch(): SearchState {
  return { query: '', index: -1, failed: false };
}

/** Finds `query` searching backwards from `from` (inclusive). */
export function searchFrom(entries: readonly string[], query: string, from: number): SearchState {
  if (query === '') return { query, index: -1, failed: false };
  for (let i = Math.min(from, entries.length - 1); i >= 0; i--) {
    if (entries[i]!.includes(query)) return { query, index: i, failed: false };
  }
  return { query, index: -1, failed: true };
}

/** The query typed one more character: the current match still counts if it contains it. */
export function extendSearch(entries: readonly string[], state: SearchState, text: string): SearchState {
  const from = state.index >= 0 ? state.index : entries.length - 1;
  const next = searchFrom(entries, state.query + text, from);
  return next.failed && state.index >= 0 ? { ...next, index: state.index } : next;
}

/** Ctrl-R again: the next older match. */
export function searchOlder(entries: readonly string[], state: SearchState): SearchState {
  if (state.query === '') return state;
  const next = searchFrom(entries, state.query, state.index - 1);
  return next.failed ? { ...state, failed: true } : next;
}

export function searchPrompt(state: SearchState): string {
  return `(${state.failed ? 'failed ' : ''}reverse-i-search)\`${state.query}': `;
}
