export { createLineEditor, type EditorTerminal, type LineEditor, type LineEditorOptions, type ReadOptions, type ReadResult } from './line-editor.ts';
export { createHistory, type History, type HistoryOptions } from './history.ts';
export { createCompleter, type Completer, type Completion, type CompleterOptions, type ShellNameLists } from './completion.ts';
export { isIncomplete } from './incomplete.ts';
export { onFreshInput, type InputSource } from './fresh-input.ts';
