import { createBlockRenderer } from './blocks.ts';
import { createReasoningView } from './reasoning.ts';
import { createCursor, rowsOf } from './rows.ts';
import { createProseCleaner } from './sanitize.ts';
import { expandTabs } from './tabs.ts';
import { createStyle } from './style.ts';

export interface RenderOptions {
  /** The terminal, in raw mode: rows end with \r\n. */
  write: (text: string) => void;
  /** Current columns, read per line: after a resize, new lines use the new width. */
  width: () => number;
  /** False with NO_COLOR (or not a terminal): no colour or style sequences at all. */
  color: boolean;
  /** @default 'dim' */
  showReasoning?: 'dim' | 'hidden';
  /** Links as OSC 8 hyperlinks (label only) instead of the label and its URL. @default false */
  hyperlinks?: boolean;
  /**
   * Show partial lines and raw table rows while they arrive (erased once rendered).
   * False writes rendered rows only, with no cursor movement. @default true
   */
  live?: boolean;
}

export interface MarkdownRenderer {
  /** Answer text as it streams. */
  delta(text: string): void;
  /** Reasoning of a thinking model: dimmed (or hidden), never mixed into the answer. */
  reasoning(text: string): void;
  /** Renders the partial last line and closes an open code block or table. */
  end(): void;
  /** Like end(), then a dim "[interrupted]". */
  interrupted(): void;
}

/**
 * Streams an answer to the terminal as markdown. Each line is rendered once,
 * when complete. Until then its raw text is shown as it grows (only the new
 * characters are written, the rows it takes followed as they are), and on
 * completion that partial line is erased and the rendered rows written in the
 * same write. What is rendered is never touched again, so cost is linear and
 * nothing flickers. The one exception is a table: its raw rows are shown as they
 * arrive, then replaced by the aligned table when it ends.
 */
export function createMarkdownRenderer(options: RenderOptions): MarkdownRenderer {
  const style = createStyle(options.color, { hyperlinks: options.hyperlinks ?? false });
  const blocks = createBlockRenderer(style);
  const reasoning = createReasoningView(options.write, style, options.showReasoning ?? 'dim');
  const partial = createCursor();
  // One cleaner for the whole answer: a sequence split across deltas is still removed whole.
  const cleaner = createProseCleaner();
  // The line so far, cleaned (shown while it arrives) and as the model sent it (code is shown exactly).
  let line = '';
  let raw = '';
  let shown = false;
  let rawTableRows = 0;
  let ended = false;
  const live = options.live ?? true;

  const columns = () => Math.max(1, options.width() || 80);

  /** Moves to the start of the partial line, or `extra` rows above it, and clears to the end of the screen. */
  const erase = (extra: number): string => {
    const up = (shown ? partial.rows() - 1 : 0) + extra;
    shown = false;
    partial.reset();
    return up > 0 ? `\r\x1b[${up}A\x1b[J` : '\r\x1b[J';
  };

  const completeLine = (text: string, sent: string) => {
    const width = columns();
    const result = blocks.line(text, width, sent);
    const extra = result.released ? rawTableRows : 0;
    let out = shown || extra > 0 ? erase(extra) : '';
    if (result.released) rawTableRows = 0;
    for (const row of result.rows) out += `${row}\r\n`;
    if (result.held && live) {
      const raw = expandTabs(text);
      out += `${raw}\r\n`;
      rawTableRows += rowsOf(raw, width);
    }
    if (out) options.write(out);
  };

  const showPartial = (text: string) => {
    const width = columns();
    let out = '';
    if (!shown) {
      out = blocks.partialPrefix();
      partial.advance(out, width);
      shown = true;
    }
    // A tab's width depends on its column: a space stands in until the line is rendered.
    const piece = text.replace(/\t/g, ' ');
    partial.advance(piece, width);
    options.write(out + piece);
  };

  const finish = () => {
    if (ended) return;
    ended = true;
    reasoning.close();
    if (line || raw) completeLine(line, raw);
    line = '';
    raw = '';
    const result = blocks.finish(columns());
    let out = result.released && rawTableRows > 0 ? erase(rawTableRows) : '';
    for (const row of result.rows) out += `${row}\r\n`;
    if (out) options.write(out);
  };

  return {
    delta(text) {
      if (ended || text === '') return;
      reasoning.close();
      const cleaned = cleaner.push(text);
      let rest = cleaned;
      // The cleaner keeps every newline, so the clean and the raw text split into the same lines.
      if (text.includes('\n')) {
        const clean = cleaned.split('\n');
        const sent = text.split('\n');
        for (let i = 0; i < clean.length - 1; i++) {
          completeLine(line + clean[i]!, raw + sent[i]!);
          line = '';
          raw = '';
        }
        rest = clean.at(-1)!;
        raw += sent.at(-1)!;
      } else raw += text;
      if (rest) {
        line += rest;
        if (live) showPartial(rest);
      }
    },
    reasoning(text) {
      if (!ended) reasoning.text(text);
    },
    end: finish,
    interrupted() {
      finish();
      options.write(`${style.dim('[interrupted]')}\r\n`);
    },
  };
}
