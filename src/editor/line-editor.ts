import { EMPTY, edit, type EditAction, type EditState } from './buffer.ts';
import type { Completer } from './completion.ts';
import type { History } from './history.ts';
import { isIncomplete } from './incomplete.ts';
import { createKeyParser, type Key } from './keys.ts';
import { listColumns } from './list-columns.ts';
import { drawLayout, layoutPrompt } from './render.ts';
import { extendSearch, searchOlder, searchPrompt, startSearch, type SearchState } from './search.ts';

/** The real terminal, already in raw mode. */
export interface EditorTerminal {
  write(data: string): void;
  onInput(listener: (data: Buffer) => void): () => void;
  size(): { cols: number; rows: number };
  onResize(listener: () => void): () => void;
}

export type ReadResult = { kind: 'line'; text: string } | { kind: 'eof' } | { kind: 'interrupt' };

export interface ReadOptions {
  /** Text already in the buffer, unrun (a suggested command). */
  initial?: string;
  /** Commands Alt-N / Alt-P cycle through (the model's proposals); `initial` is usually the first. */
  suggestions?: readonly string[];
  /** @default '> ' */
  continuationPrompt?: string;
  signal?: AbortSignal;
}

export interface LineEditor {
  readLine(prompt: string, options?: ReadOptions): Promise<ReadResult>;
}

const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';
const ESCAPE_WAIT_MS = 40;

/** Emacs-style line editing with history, Ctrl-R search and Tab completion. */
export function createLineEditor(options: { terminal: EditorTerminal; history: History; completer?: Completer }): LineEditor {
  const { terminal, history, completer } = options;

  return {
    readLine(prompt, readOptions = {}) {
      return new Promise<ReadResult>((resolve) => {
        const continuation = readOptions.continuationPrompt ?? '> ';
        const parser = createKeyParser();
        let state: EditState = readOptions.initial ? edit(EMPTY, { type: 'set', text: readOptions.initial }) : EMPTY;
        let shownRow = 0;
        let search: SearchState | undefined;
        let beforeSearch: EditState | undefined;
        let historyIndex = history.entries().length;
        let historyPrefix: string | undefined;
        const drafts = new Map<number, string>();
        let lastKey: Key | undefined;
        let escapeTimer: NodeJS.Timeout | undefined;
        const suggestions = readOptions.suggestions ?? [];
        let suggestion = Math.max(0, suggestions.indexOf(readOptions.initial ?? ''));
        let queue = Promise.resolve();
        let done = false;

        const draw = () => {
          const { cols } = terminal.size();
          const layout = search
            ? layoutPrompt({ prompt: searchPrompt(search), continuation, text: searchMatch(), cursor: searchCursor(), cols })
            : layoutPrompt({ prompt, continuation, text: state.text, cursor: state.cursor, cols });
          terminal.write(drawLayout(shownRow, layout));
          shownRow = layout.cursorRow;
        };
        const searchMatch = () => (search && search.index >= 0 ? history.entries()[search.index]! : (beforeSearch?.text ?? ''));
        const searchCursor = () => {
          const match = searchMatch();
          const at = search && search.index >= 0 ? match.indexOf(search.query) : -1;
          return at >= 0 ? at : match.length;
        };
        const moveToEnd = () => {
          state = { ...state, cursor: state.text.length };
          draw();
        };
        const finish = (result: ReadResult) => {
          if (done) return;
          done = true;
          unsubscribeInput();
          unsubscribeResize();
          clearTimeout(escapeTimer);
          readOptions.signal?.removeEventListener('abort', onAbort);
          terminal.write(`\r\n${BRACKETED_PASTE_OFF}`);
          resolve(result);
        };
        const apply = (action: EditAction) => {
          state = edit(state, action);
          historyPrefix = undefined;
        };
        const bell = () => terminal.write('\x07');

        const showHistory = (index: number) => {
          drafts.set(historyIndex, state.text);
          historyIndex = index;
          const text = drafts.get(index) ?? history.entries()[index] ?? '';
          state = edit(state, { type: 'set', text });
        };
        const historyStep = (direction: -1 | 1) => {
          const entries = history.entries();
          const lineStart = state.text.lastIndexOf('\n', state.cursor - 1) + 1;
          const lineEnd = state.text.indexOf('\n', state.cursor);
          // Inside a multi-line buffer, Up and Down move between its lines first.
          if (direction < 0 && lineStart > 0) {
            const column = state.cursor - lineStart;
            const prevStart = state.text.lastIndexOf('\n', lineStart - 2) + 1;
            state = { ...state, cursor: Math.min(prevStart + column, lineStart - 1) };
            return;
          }
          if (direction > 0 && lineEnd >= 0) {
            const column = state.cursor - lineStart;
            const nextEnd = state.text.indexOf('\n', lineEnd + 1);
            state = { ...state, cursor: Math.min(lineEnd + 1 + column, nextEnd < 0 ? state.text.length : nextEnd) };
            return;
          }
          // Typed text before the first Up narrows history to entries starting with it (zsh, fish).
          if (historyPrefix === undefined) historyPrefix = historyIndex === entries.length ? state.text : '';
          for (let i = historyIndex + direction; i >= 0 && i <= entries.length; i += direction) {
            if (i === entries.length || (entries[i]!.startsWith(historyPrefix) && entries[i] !== state.text)) {
              showHistory(i);
              return;
            }
          }
          bell();
        };

        const complete = async (repeated: boolean) => {
          if (!completer) return bell();
          const { from, candidates, labels } = await completer(state.text, state.cursor);
          if (candidates.length === 0) return bell();
          const current = state.text.slice(from, state.cursor);
          const common = commonPrefix(candidates);
          if (candidates.length === 1 || common.length > current.length) {
            state = { ...state, text: state.text.slice(0, from) + common + state.text.slice(state.cursor), cursor: from + common.length };
            return;
          }
          if (!repeated) return bell();
          const cursor = state.cursor;
          moveToEnd();
          terminal.write(`\r\n${listColumns(labels ?? candidates, terminal.size().cols).join('\r\n')}\r\n`);
          shownRow = 0;
          state = { ...state, cursor };
        };

        const handleSearchKey = (key: Key): boolean => {
          const entries = history.entries();
          if (!search) return false;
          if (key.ctrl && key.name === 'r') {
            search = searchOlder(entries, search);
          } else if (key.name === 'char' && key.text) {
            search = extendSearch(entries, search, key.text);
          } else if (key.name === 'backspace') {
            search = extendSearch(entries, { query: '', index: -1, failed: false }, search.query.slice(0, -1));
          } else if ((key.ctrl && (key.name === 'g' || key.name === 'c'))) {
            state = beforeSearch ?? EMPTY;
            search = undefined;
          } else {
            // Any other key accepts the match for editing, then acts as itself (Enter runs it).
            const text = searchMatch();
            const cursor = searchCursor();
            search = undefined;
            if (text !== state.text) historyIndex = history.entries().lastIndexOf(text);
            state = edit(state, { type: 'set', text, cursor });
            return key.name === 'escape';
          }
          return true;
        };

        const handleKey = async (key: Key) => {
          if (done) return;
          const repeatedTab = lastKey?.name === 'tab' && key.name === 'tab';
          lastKey = key;
          if (search && handleSearchKey(key)) return draw();
          if (key.ctrl) {
            switch (key.name) {
              case 'a': apply({ type: 'line-start' }); break;
              case 'e': apply({ type: 'line-end' }); break;
              case 'b': apply({ type: key.meta ? 'word-left' : 'left' }); break;
              case 'f': apply({ type: key.meta ? 'word-right' : 'right' }); break;
              case 'k': apply({ type: 'kill-to-end' }); break;
              case 'u': apply({ type: 'kill-to-start' }); break;
              case 'w': apply({ type: 'kill-word-back' }); break;
              case 'y': apply({ type: 'yank' }); break;
              case 't': apply({ type: 'transpose' }); break;
              case 'h': apply({ type: 'backspace' }); break;
              case 'p': historyStep(-1); break;
              case 'n': historyStep(1); break;
              case 'left': apply({ type: 'word-left' }); break;
              case 'right': apply({ type: 'word-right' }); break;
              case 'r':
                beforeSearch = state;
                search = startSearch();
                break;
              case 'l':
                terminal.write('\x1b[H\x1b[2J');
                shownRow = 0;
                break;
              case 'c':
                moveToEnd();
                terminal.write('^C');
                return finish({ kind: 'interrupt' });
              case 'd':
                if (state.text === '') return finish({ kind: 'eof' });
                apply({ type: 'delete' });
                break;
              default:
                return;
            }
            return draw();
          }
          if (key.meta && (key.name === 'n' || key.name === 'p') && suggestions.length > 0) {
            suggestion = (suggestion + (key.name === 'n' ? 1 : suggestions.length - 1)) % suggestions.length;
            apply({ type: 'set', text: suggestions[suggestion]! });
            return draw();
          }
          if (key.meta && key.name.length === 1) {
            const metaActions: Record<string, EditAction> = { b: { type: 'word-left' }, f: { type: 'word-right' }, d: { type: 'kill-alnum-forward' } };
            const action = metaActions[key.name];
            if (!action) return;
            apply(action);
            return draw();
          }
          switch (key.name) {
            case 'char':
            case 'paste':
              apply({ type: 'insert', text: (key.text ?? '').replace(/\r\n?/g, '\n') });
              break;
            case 'enter':
              if (isIncomplete(state.text) || key.meta) {
                apply({ type: 'insert', text: '\n' });
                break;
              }
              moveToEnd();
              history.add(state.text);
              return finish({ kind: 'line', text: state.text });
            case 'backspace': apply({ type: key.meta ? 'kill-alnum-back' : 'backspace' }); break;
            case 'delete': apply({ type: 'delete' }); break;
            case 'left': apply({ type: key.meta ? 'word-left' : 'left' }); break;
            case 'right': apply({ type: key.meta ? 'word-right' : 'right' }); break;
            case 'home': apply({ type: 'line-start' }); break;
            case 'end': apply({ type: 'line-end' }); break;
            case 'up': historyStep(-1); break;
            case 'down': historyStep(1); break;
            case 'tab': await complete(repeatedTab); break;
            default: return;
          }
          draw();
        };

        const enqueue = (keys: Key[]) => {
          for (const key of keys) queue = queue.then(() => handleKey(key));
        };
        const unsubscribeInput = terminal.onInput((data) => {
          clearTimeout(escapeTimer);
          enqueue(parser.push(data));
          if (parser.hasPendingEscape()) escapeTimer = setTimeout(() => enqueue(parser.flushPendingEscape()), ESCAPE_WAIT_MS);
        });
        const unsubscribeResize = terminal.onResize(() => draw());
        const onAbort = () => {
          moveToEnd();
          finish({ kind: 'interrupt' });
        };
        if (readOptions.signal?.aborted) return onAbort();
        readOptions.signal?.addEventListener('abort', onAbort, { once: true });
        terminal.write(BRACKETED_PASTE_ON);
        draw();
      });
    },
  };
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const word of words) while (!word.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}
