import { stringWidth } from '../width.ts';
import { createBlockRenderer } from './blocks.ts';
import { createStyle } from './style.ts';

export interface RenderOptions {
  /** The terminal, raw: lines end with \r\n. */
  write: (text: string) => void;
  /** Current columns; read per line, so resizes apply to what comes next. */
  width: () => number;
  /** False with NO_COLOR or when not a terminal: no escape sequences at all. */
  color: boolean;
  /** @default 'dim' */
  showReasoning?: 'dim' | 'hidden';
}

export interface MarkdownRenderer {
  delta(text: string): void;
  reasoning(text: string): void;
  end(): void;
  interrupted(): void;
}

/**
 * Streams an answer to the terminal as markdown. Each line is rendered once,
 * when complete; until then its raw text is shown as it grows (only the new
 * characters are written), then erased and replaced by the rendered line.
 * Nothing already rendered is touched again, so cost is linear and nothing
 * flickers. Table rows are shown raw until the table ends, then redrawn aligned.
 */
export function createMarkdownRenderer(options: RenderOptions): MarkdownRenderer {
  const style = createStyle(options.color);
  const blocks = createBlockRenderer(style, options.color);
  let pending = '';
  let shown = '';
  // Raw table rows on screen, erased when the table is drawn aligned.
  let rawTableRows = 0;
  let reasoningOpen = false;
  let ended = false;

  const rowsOf = (text: string) => Math.max(1, Math.ceil(stringWidth(text) / Math.max(1, options.width())));
  // Erases from `up` rows above the cursor's row down to the end of the screen.
  const eraseUp = (up: number) => {
    options.write(`\r${up > 0 ? `\x1b[${up}A` : ''}\x1b[J`);
  };
  const erase = (rows: number) => eraseUp(rows - 1);
  const closeReasoning = () => {
    if (!reasoningOpen) return;
    reasoningOpen = false;
    options.write('\r\n\r\n');
  };

  const completeLine = (line: string) => {
    const width = options.width();
    const partialRows = shown ? rowsOf(shown) : 0;
    shown = '';
    const result = blocks.line(line, width);
    if (result.held) {
      if (partialRows > 0) erase(partialRows);
      options.write(`${line}\r\n`);
      rawTableRows += rowsOf(line);
      return;
    }
    if (result.flushedTable !== undefined) eraseUp(Math.max(0, partialRows - 1) + rawTableRows);
    else if (partialRows > 0) erase(partialRows);
    rawTableRows = 0;
    for (const row of result.rows) options.write(`${row}\r\n`);
  };

  const showPartial = () => {
    if (pending.startsWith(shown)) {
      options.write(pending.slice(shown.length));
    } else {
      if (shown) erase(rowsOf(shown));
      options.write(pending);
    }
    shown = pending;
  };

  const finish = () => {
    if (ended) return;
    ended = true;
    closeReasoning();
    if (pending) {
      const line = pending;
      pending = '';
      completeLine(line);
    } else if (shown) {
      erase(rowsOf(shown));
      shown = '';
    }
    const rest = blocks.finish(options.width());
    if (rest.flushedTable !== undefined && rawTableRows > 0) eraseUp(rawTableRows);
    rawTableRows = 0;
    for (const row of rest.rows) options.write(`${row}\r\n`);
  };

  return {
    delta(text) {
      if (ended || text === '') return;
      closeReasoning();
      pending += text.replace(/\r\n?/g, '\n');
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        completeLine(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf('\n');
      }
      if (pending) showPartial();
    },
    reasoning(text) {
      if (ended || options.showReasoning === 'hidden' || text === '') return;
      if (!reasoningOpen) {
        reasoningOpen = true;
        options.write(style.dim(style.italic('thinking: ')));
      }
      options.write(style.dim(text.replace(/\r?\n/g, '\r\n')));
    },
    end: finish,
    interrupted() {
      finish();
      options.write(`${style.dim('[interrupted]')}\r\n`);
    },
  };
}
