import { EMPTY, edit, type EditAction, type EditState } from './buffer.ts';
import { stepHistory, yankLastArgument } from './history-walk.ts';
import { isIncomplete } from './incomplete.ts';
import type { Key } from './keys.ts';
import { proposalKey } from './proposal-keys.ts';
import { acceptSearch, reduceSearchKey, searchPrompt, searchView, startSearch, type ActiveSearch } from './search.ts';

/** Everything a readLine call edits; changed only by `reduceKey`, so every key is testable without a terminal. */
export interface EditorState {
  edit: EditState;
  /** Which history entry is shown; `entries.length` is the new line. */
  historyIndex: number;
  /** Edits made this read to the new line and to history entries, by index (kept when walking back). */
  drafts: ReadonlyMap<number, string>;
  /** Text typed before the first Up: history narrows to entries starting with it (zsh, fish). */
  historyPrefix: string | undefined;
  search: ActiveSearch | undefined;
  /** Query of the last search, reused by Ctrl-R Ctrl-R (bash). */
  lastQuery: string;
  suggestions: readonly string[];
  suggestion: number;
  /**
   * `suggestions[suggestion]` is shown as a proposal: unrun, not in the buffer
   * (which is empty meanwhile). `seen`: Ctrl-O showed all of it.
   */
  proposal: { seen: boolean } | undefined;
  /** The buffer holds a proposal taken for editing: the line is still the model's. */
  proposed: boolean;
  /** Earlier buffers, for Ctrl-_. */
  undo: readonly EditState[];
  /** What the previous key did: Tab Tab lists, Alt-. Alt-. goes older, typing coalesces into one undo step. */
  last: 'tab' | 'yank-arg' | 'insert' | 'other';
  /** Ctrl-V was pressed: the next key goes into the buffer as the bytes it sent (bash's quoted-insert). */
  quoting: boolean;
  yankArg: { index: number; from: number; to: number } | undefined;
}

/** What the terminal side must do after a key. */
export type Effect =
  | { kind: 'submit'; text: string; proposed: boolean }
  | { kind: 'show-proposal' }
  | { kind: 'eof' }
  | { kind: 'interrupt' }
  | { kind: 'complete'; list: boolean }
  | { kind: 'clear-screen' }
  | { kind: 'bell' };

export interface Step {
  state: EditorState;
  effect?: Effect;
}

/**
 * With suggestions, the read starts with one of them proposed (`initial` if it
 * is one); `initial` alone is text already in the buffer.
 */
export function initialState(options: { initial?: string; suggestions?: readonly string[]; historyLength: number }): EditorState {
  const suggestions = options.suggestions ?? [];
  const proposing = suggestions.length > 0 && (options.initial === undefined || suggestions.includes(options.initial));
  return {
    edit: options.initial && !proposing ? edit(EMPTY, { type: 'set', text: options.initial }) : EMPTY,
    historyIndex: options.historyLength,
    drafts: new Map(),
    historyPrefix: undefined,
    search: undefined,
    lastQuery: '',
    suggestions,
    suggestion: Math.max(0, suggestions.indexOf(options.initial ?? '')),
    proposal: proposing ? { seen: false } : undefined,
    proposed: false,
    undo: [],
    last: 'other',
    quoting: false,
    yankArg: undefined,
  };
}

/** What to draw: the prompt to show (the search prompt while searching), the text and the cursor, and whether the text is only proposed. */
export function view(state: EditorState, entries: readonly string[], prompt: string): { prompt: string; text: string; cursor: number; proposal?: { seen: boolean } } {
  if (state.search) return { prompt: searchPrompt(state.search), ...searchView(state.search, entries) };
  if (state.proposal) return { prompt, text: state.suggestions[state.suggestion]!, cursor: 0, proposal: state.proposal };
  return { prompt, text: state.edit.text, cursor: state.edit.cursor };
}

const UNDO_LIMIT = 200;

const CTRL_ACTIONS: Record<string, EditAction> = {
  a: { type: 'line-start' }, e: { type: 'line-end' }, b: { type: 'left' }, f: { type: 'right' },
  k: { type: 'kill-to-end' }, u: { type: 'kill-to-start' }, w: { type: 'kill-word-back' }, y: { type: 'yank' },
  t: { type: 'transpose' }, h: { type: 'backspace' }, left: { type: 'word-left' }, right: { type: 'word-right' },
  delete: { type: 'kill-alnum-forward' }, backspace: { type: 'kill-word-back' },
};
const META_ACTIONS: Record<string, EditAction> = {
  b: { type: 'word-left' }, f: { type: 'word-right' }, d: { type: 'kill-alnum-forward' }, backspace: { type: 'kill-alnum-back' },
  left: { type: 'word-left' }, right: { type: 'word-right' }, u: { type: 'upcase-word' }, l: { type: 'downcase-word' },
  c: { type: 'capitalize-word' }, delete: { type: 'kill-alnum-forward' },
};
const PLAIN_ACTIONS: Record<string, EditAction> = {
  backspace: { type: 'backspace' }, delete: { type: 'delete' }, left: { type: 'left' }, right: { type: 'right' },
  home: { type: 'line-start' }, end: { type: 'line-end' },
};

/** Applies one key to the editor state. `entries` is the history, oldest first. */
export function reduceKey(state: EditorState, key: Key, entries: readonly string[]): Step {
  // Keys that care what came before (Tab, Alt-., typing) read `previous` and set `last` themselves.
  const step = dispatch({ ...state, last: 'other' }, key, entries, state.last);
  return step.effect?.kind === 'complete' ? { ...step, state: { ...step.state, last: 'tab' } } : step;
}

type Last = EditorState['last'];

function dispatch(state: EditorState, key: Key, entries: readonly string[], previous: Last): Step {
  if (state.proposal) return proposalStep(state, key, entries, previous);
  if (state.search) {
    const result = reduceSearchKey(state.search, key, entries, state.lastQuery);
    if (result.kind === 'searching') return { state: { ...state, search: result.search } };
    const lastQuery = state.search.query || state.lastQuery;
    if (result.kind === 'cancel') return { state: { ...state, search: undefined, lastQuery, edit: state.search.before } };
    // Any other key accepts the match for editing, then acts as itself (Enter runs it); Escape only accepts.
    const accepted = acceptSearch(state.search, entries);
    const next: EditorState = {
      ...state, search: undefined, lastQuery, undo: [],
      edit: edit(state.edit, { type: 'set', text: accepted.text, cursor: accepted.cursor }),
      historyIndex: accepted.index ?? state.historyIndex,
    };
    return key.name === 'escape' ? { state: next } : dispatch(next, key, entries, 'other');
  }

  // Shown in caret form like every control character in the buffer (render.ts), never sent to the terminal as is.
  if (state.quoting) return apply({ ...state, quoting: false }, { type: 'insert', text: key.name === 'paste' ? (key.text ?? '') : (key.raw ?? key.text ?? '') });

  if (key.ctrl && !key.meta) {
    switch (key.name) {
      case 'v': return { state: { ...state, quoting: true } };
      case 'p': return history(state, -1, entries);
      case 'n': return history(state, 1, entries);
      case 'r': return { state: { ...state, search: startSearch(state.edit) } };
      case 'l': return { state, effect: { kind: 'clear-screen' } };
      case 'c': return { state: moveToEnd(state), effect: { kind: 'interrupt' } };
      case 'g': return { state, effect: { kind: 'bell' } };
      case '_': return undo(state);
      case 'd':
        if (state.edit.text === '') return { state, effect: { kind: 'eof' } };
        return apply(state, { type: 'delete' });
    }
    const action = CTRL_ACTIONS[key.name];
    return action ? apply(state, action) : { state };
  }
  if (key.meta) {
    if ((key.name === 'n' || key.name === 'p') && state.suggestions.length > 0) return cycleSuggestion(state, key.name === 'n' ? 1 : -1);
    if (key.name === '.' || key.name === '_') return yankArg(state, entries, previous === 'yank-arg');
    if (key.name === 'enter') return apply(state, { type: 'insert', text: '\n' });
    const action = META_ACTIONS[key.name];
    return action ? apply(state, action) : { state };
  }
  switch (key.name) {
    case 'char':
    case 'paste':
      return apply(state, { type: 'insert', text: (key.text ?? '').replace(/\r\n?/g, '\n') }, previous);
    case 'enter':
      // Like bash, Enter takes the whole buffer wherever the cursor is; an open quote continues on a new line.
      if (isIncomplete(state.edit.text)) return apply(moveToEnd(state), { type: 'insert', text: '\n' });
      return { state: moveToEnd(state), effect: { kind: 'submit', text: state.edit.text, proposed: state.proposed } };
    case 'up': return history(state, -1, entries);
    case 'down': return history(state, 1, entries);
    case 'tab': return { state, effect: { kind: 'complete', list: previous === 'tab' } };
  }
  const action = PLAIN_ACTIONS[key.name];
  return action ? apply(state, action) : { state };
}

/** One editing action, remembered for undo when it changes the text. */
export function apply(state: EditorState, action: EditAction, previous: Last = 'other'): Step {
  const next = edit(state.edit, action);
  if (next.text === state.edit.text) return { state: { ...state, edit: next } };
  const typing = action.type === 'insert' && action.text.length === 1 && action.text !== ' ';
  const coalesce = typing && previous === 'insert';
  const undo = coalesce ? state.undo : [...state.undo.slice(-UNDO_LIMIT + 1), state.edit];
  return { state: { ...state, edit: next, undo, historyPrefix: undefined, last: typing ? 'insert' : state.last } };
}

function undo(state: EditorState): Step {
  const previous = state.undo.at(-1);
  if (!previous) return { state, effect: { kind: 'bell' } };
  return { state: { ...state, edit: { ...previous, killed: state.edit.killed }, undo: state.undo.slice(0, -1) } };
}

function moveToEnd(state: EditorState): EditorState {
  return { ...state, edit: { ...state.edit, cursor: state.edit.text.length } };
}

function history(state: EditorState, direction: -1 | 1, entries: readonly string[]): Step {
  const next = stepHistory(state, direction, entries);
  return next ? { state: next } : { state, effect: { kind: 'bell' } };
}

function yankArg(state: EditorState, entries: readonly string[], repeated: boolean): Step {
  const next = yankLastArgument(state, entries, repeated);
  return next ? { state: { ...next, last: 'yank-arg' } } : { state, effect: { kind: 'bell' } };
}

function cycleSuggestion(state: EditorState, direction: 1 | -1): Step {
  const count = state.suggestions.length;
  const suggestion = (state.suggestion + direction + count) % count;
  if (state.proposal) return { state: { ...state, suggestion, proposal: { seen: false } } };
  return apply({ ...state, suggestion, proposed: true }, { type: 'set', text: state.suggestions[suggestion]! });
}

function proposalStep(state: EditorState, key: Key, entries: readonly string[], previous: Last): Step {
  const text = state.suggestions[state.suggestion]!;
  const outcome = proposalKey(key);
  switch (outcome.kind) {
    case 'run': return { state, effect: { kind: 'submit', text, proposed: true } };
    case 'take': {
      const taken = edit(state.edit, { type: 'set', text, cursor: outcome.cursor === 'start' ? 0 : text.length });
      return { state: { ...state, proposal: undefined, proposed: true, edit: taken } };
    }
    case 'drop': return { state: { ...state, proposal: undefined } };
    case 'drop-and-act': return dispatch({ ...state, proposal: undefined }, key, entries, previous);
    case 'cycle': return cycleSuggestion(state, outcome.direction);
    case 'show-all': return { state: { ...state, proposal: { seen: true } }, effect: { kind: 'show-proposal' } };
    case 'interrupt': return { state: { ...state, proposal: undefined }, effect: { kind: 'interrupt' } };
    case 'clear-screen': return { state, effect: { kind: 'clear-screen' } };
  }
}
