import { showExactly } from '../render/sanitize.ts';
import { applyCompletion } from './apply-completion.ts';
import type { Completer } from './completion.ts';
import { initialState, reduceKey, view, type EditorState, type Effect } from './editor-state.ts';
import type { History } from './history.ts';
import { onFreshInput } from './fresh-input.ts';
import { createKeyParser, type Key } from './keys.ts';
import { listColumns } from './list-columns.ts';
import { layoutProposal } from './proposal-layout.ts';
import { drawLayout, eraseLayout, layoutPrompt, rowsAboveCursor, type Layout, type Shown } from './render.ts';

/** The real terminal, already in raw mode. */
export interface EditorTerminal {
  write(data: string): void;
  onInput(listener: (data: Buffer) => void): () => void;
  size(): { cols: number; rows: number };
  onResize(listener: () => void): () => void;
  /** Hands back keys typed after the Enter that finished a read (they arrived in the same chunk): the next read gets them. */
  unshiftInput?(data: Buffer): void;
}

/**
 * `interrupt` is Ctrl-C, or the read's signal aborting: then the prompt area has
 * been erased (the cursor is where the prompt started) and `text` holds the
 * unfinished line, so the caller can print a notice and read again with it as `initial`.
 * `proposed`: the line is a proposal, run as it was or edited.
 */
export type ReadResult = { kind: 'line'; text: string; proposed?: true } | { kind: 'eof' } | { kind: 'interrupt'; text?: string };

export interface ReadOptions {
  /** Text already in the buffer (the person's own, e.g. a line an abort interrupted); with `suggestions`, which one is proposed first. */
  initial?: string;
  /**
   * Commands proposed to the person (the model's): shown unrun and dim, never in
   * the buffer until taken (Right, End, Tab, Ctrl-E, Ctrl-A); Enter runs one,
   * typing replaces it, Alt-N / Alt-P cycle through them. Keys typed before the
   * proposal appeared are dropped.
   */
  suggestions?: readonly string[];
  /**
   * Why a proposed command is risky, as one line already safe to print (every
   * character of the command's own words visible), or undefined: a risky
   * proposal is shown red (marked without colour) with this under it.
   */
  risk?: (command: string) => string | undefined;
  /** @default '> ' */
  continuationPrompt?: string;
  signal?: AbortSignal;
  /** False for a line that is part of a longer construct, recorded whole by the caller. @default true */
  addToHistory?: boolean;
}

export interface LineEditor {
  readLine(prompt: string, options?: ReadOptions): Promise<ReadResult>;
  /** Output that is no reply to the line being read (a background job, a job notice): printed above the prompt, which is drawn again below it. */
  printAbove(text: string): void;
}

const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';
// A lone ESC is the Escape key only if nothing follows it this soon (readline's keyseq-timeout is 500 ms; terminals send sequences whole).
const ESCAPE_WAIT_MS = 50;
// Above this many candidates, a listing shows only how many there are (bash asks first).
const LIST_LIMIT = 400;

export interface LineEditorOptions {
  terminal: EditorTerminal;
  history: History;
  completer?: Completer;
  /**
   * The terminal re-wraps lines when it gets narrower (VTE, kitty, iTerm2, WezTerm,
   * tmux), so a redraw after a resize must climb the re-wrapped rows. Off, a
   * shrink may leave a stale piece of the old prompt above the new one, but
   * never erases output. @default false
   */
  reflowOnResize?: boolean;
  /** False with NO_COLOR: a proposal is marked with text instead of dimmed. @default true */
  color?: boolean;
}

/** Emacs-style line editing with history, Ctrl-R search and Tab completion. */
export function createLineEditor(options: LineEditorOptions): LineEditor {
  const { terminal, history, completer } = options;
  const reflow = options.reflowOnResize ?? false;
  const color = options.color ?? true;
  let interject: ((text: string) => void) | undefined;

  return {
    printAbove(text) {
      if (interject) interject(text);
      else terminal.write(text);
    },
    readLine(prompt, readOptions = {}) {
      return new Promise<ReadResult>((resolve) => {
        const continuation = readOptions.continuationPrompt ?? '> ';
        const parser = createKeyParser();
        let state: EditorState = initialState({ ...readOptions, historyLength: history.entries().length });
        let shown: Shown | undefined;
        let escapeTimer: NodeJS.Timeout | undefined;
        let queue = Promise.resolve();
        let done = false;

        // A proposal taller than the screen runs only after Ctrl-O showed all of it.
        let tall = false;
        const risks = new Map<string, string | undefined>();
        const riskOf = (command: string) => {
          if (!risks.has(command)) risks.set(command, readOptions.risk?.(command));
          return risks.get(command);
        };
        const lay = (final: boolean): Layout => {
          const { cols, rows } = terminal.size();
          const visible = view(state, history.entries(), prompt);
          if (visible.proposal) {
            const look = final ? 'plain' : color ? 'dim' : 'marked';
            const warning = final ? undefined : riskOf(visible.text);
            const layout = layoutProposal({ prompt: visible.prompt, continuation, text: visible.text, cols, rows, look, seen: visible.proposal.seen, ...(warning !== undefined ? { warning } : {}) });
            tall = layout.tall;
            return layout;
          }
          tall = false;
          return layoutPrompt({ prompt: visible.prompt, continuation, text: visible.text, cursor: final ? visible.text.length : visible.cursor, cols });
        };
        const draw = (final = false) => {
          const { cols } = terminal.size();
          const layout = lay(final);
          terminal.write(drawLayout(rowsAboveCursor(shown, cols, reflow), layout));
          shown = { widths: layout.widths, cursorRow: layout.cursorRow, cursorCol: layout.cursorCol, cols };
        };
        const finish = (result: ReadResult, ending: string) => {
          if (done) return;
          done = true;
          interject = undefined;
          unsubscribeInput();
          unsubscribeResize();
          clearTimeout(escapeTimer);
          readOptions.signal?.removeEventListener('abort', onAbort);
          terminal.write(`${ending}${BRACKETED_PASTE_OFF}`);
          resolve(result);
        };
        const end = (result: ReadResult, mark = '') => {
          draw(true);
          finish(result, `${mark}\r\n`);
        };

        const complete = async (list: boolean) => {
          if (!completer) return terminal.write('\x07');
          const completion = await completer(state.edit.text, state.edit.cursor);
          if (done) return;
          const step = applyCompletion(state, completion, list);
          if (step.kind === 'bell') return terminal.write('\x07');
          if (step.kind === 'edited') {
            state = step.state;
            return draw();
          }
          // The listing goes below the whole buffer, then the prompt is drawn again under it. Names are shown exactly: they are outside text.
          const { cols } = terminal.size();
          const lines = step.labels.length > LIST_LIMIT ? [`${step.labels.length} possibilities`] : listColumns(step.labels.map(showExactly), cols);
          below(lines);
        };
        /** Rows written under the prompt area (which stays as it is), then the prompt drawn again under them. */
        const below = (lines: readonly string[]) => {
          draw(true);
          terminal.write(`\r\n${lines.join('\r\n')}\r\n`);
          shown = undefined;
          draw();
        };
        /** Ctrl-O: all of a tall proposal, exactly as it will run (scrolling as it must), then its head again; now Enter may run it. */
        const showProposal = () => {
          if (!tall) return draw();
          const { cols } = terminal.size();
          const visible = view(state, history.entries(), prompt);
          const whole = layoutPrompt({ prompt: visible.prompt, continuation, text: visible.text, cursor: 0, cols });
          terminal.write(`${eraseLayout(rowsAboveCursor(shown, cols, reflow))}${whole.rows.join('\r\n')}\r\n`);
          shown = undefined;
          draw();
        };

        const perform = async (effect: Effect | undefined) => {
          switch (effect?.kind) {
            case undefined: return draw();
            case 'submit':
              if (tall && state.proposal && !state.proposal.seen) return terminal.write('\x07');
              if (readOptions.addToHistory !== false) history.add(effect.text);
              return end(effect.proposed ? { kind: 'line', text: effect.text, proposed: true } : { kind: 'line', text: effect.text });
            case 'show-proposal': return showProposal();
            case 'eof': return end({ kind: 'eof' });
            case 'interrupt': return end({ kind: 'interrupt' }, '^C');
            case 'bell': return terminal.write('\x07');
            case 'clear-screen':
              terminal.write('\x1b[H\x1b[2J');
              shown = undefined;
              return draw();
            case 'complete': return complete(effect.list);
          }
        };
        // Keys after the one that finished the read, from the same chunk (a fast typist, tmux send-keys, a paste of lines).
        let leftover = '';
        const handleKey = async (key: Key) => {
          if (done) {
            leftover += key.raw ?? '';
            return;
          }
          const step = reduceKey(state, key, history.entries());
          state = step.state;
          await perform(step.effect);
        };

        const enqueue = (keys: Key[]) => {
          // A failing completer (say, a directory vanishing mid-read) costs a bell, never the prompt.
          for (const key of keys) queue = queue.then(() => handleKey(key)).catch(() => terminal.write('\x07'));
          queue = queue.then(() => {
            if (!done || leftover === '') return;
            terminal.unshiftInput?.(Buffer.from(leftover));
            leftover = '';
          });
        };
        const onInput = (data: Buffer) => {
          clearTimeout(escapeTimer);
          enqueue(parser.push(data));
          if (parser.hasPendingEscape()) escapeTimer = setTimeout(() => enqueue(parser.flushPendingEscape()), ESCAPE_WAIT_MS);
        };
        // A proposal is answered only by keys typed after it appeared; an ordinary prompt takes type-ahead.
        let ready = !state.proposal;
        const appear = () => {
          ready = true;
          terminal.write(BRACKETED_PASTE_ON);
          draw();
        };
        const unsubscribeInput = state.proposal ? onFreshInput(terminal, onInput, appear) : terminal.onInput(onInput);
        const unsubscribeResize = terminal.onResize(() => {
          if (!done && ready) draw();
        });
        const onAbort = () => {
          terminal.write(eraseLayout(rowsAboveCursor(shown, terminal.size().cols, reflow)));
          finish({ kind: 'interrupt', text: state.search ? state.search.before.text : state.edit.text }, '');
        };
        if (readOptions.signal?.aborted) return onAbort();
        readOptions.signal?.addEventListener('abort', onAbort, { once: true });
        interject = (text) => {
          terminal.write(eraseLayout(rowsAboveCursor(shown, terminal.size().cols, reflow)));
          shown = undefined;
          // Output cut mid-line: the prompt still starts on a line of its own.
          terminal.write(text.endsWith('\n') ? text : `${text}\r\n`);
          // Before a proposal has appeared there is no prompt to redraw yet: appear() draws it.
          if (ready) draw();
        };
        if (ready) appear();
      });
    },
  };
}
