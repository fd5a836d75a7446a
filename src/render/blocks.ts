import { closesFence, codePrefix, fenceBottom, fenceTop, openFence, renderCodeLine, type Fence } from './code.ts';
import { renderTextLine, type LineContext } from './line.ts';
import { showExactly } from './sanitize.ts';
import { expandTabs } from './tabs.ts';
import type { Style } from './style.ts';
import { isTableRow, renderTable } from './table.ts';

/** The rows one complete line produced. */
export interface BlockOutput {
  rows: string[];
  /** The line is a table row, held until the table ends: show it raw meanwhile. */
  held?: boolean;
  /** A held table was rendered in `rows`: its raw rows on screen are to be erased first. */
  released?: boolean;
}

/**
 * Markdown a line at a time: each complete line becomes its terminal rows at
 * once. What spans lines is a small state machine: an open code fence, the rows
 * of a table (held until it ends), the list item an indented line continues,
 * and blank lines (leading ones dropped, runs shown as one).
 */
export interface BlockRenderer {
  /** `text` is the line cleaned as prose; `sent`, as the model sent it, is what a code line shows (exactly). */
  line(text: string, width: number, sent?: string): BlockOutput;
  /** Whatever is still owed at the end: a held table, the bottom of an open code block. */
  finish(width: number): BlockOutput;
  /** Shown before a line still arriving, so code does not jump sideways when its line completes. */
  partialPrefix(): string;
}

export function createBlockRenderer(style: Style): BlockRenderer {
  let fence: Fence | undefined;
  let table: string[] = [];
  const context: LineContext = { listContent: undefined };
  let started = false;
  let afterBlank = false;

  const flushTable = (width: number): string[] => {
    const lines = table;
    table = [];
    return renderTable(lines, width, style) ?? lines.flatMap((line) => renderOther(line, width));
  };

  const renderOther = (text: string, width: number): string[] => {
    if (text.trim() === '') {
      if (!started || afterBlank) return [];
      afterBlank = true;
      return [''];
    }
    started = true;
    afterBlank = false;
    const opened = openFence(text, style.enabled);
    if (opened) {
      fence = opened;
      if (opened.indent === 0) context.listContent = undefined;
      return [fenceTop(opened, style)];
    }
    return renderTextLine(text, width, style, context);
  };

  return {
    line(clean, width, sent = clean) {
      const text = expandTabs(clean);
      if (fence) {
        const open = fence;
        // Code is a command a person may run or copy: every character shown as it is, controls visibly.
        if (!closesFence(text, open)) return { rows: [renderCodeLine(showExactly(expandTabs(sent.replace(/\r$/, ''))), open, style)] };
        fence = undefined;
        return { rows: [fenceBottom(open, style)] };
      }
      if (table.length > 0 && isTableRow(text)) {
        table.push(text);
        return { rows: [], held: true };
      }
      const released = table.length > 0;
      const rows = released ? flushTable(width) : [];
      if (isTableRow(text)) {
        table.push(text);
        started = true;
        afterBlank = false;
        return { rows, held: true };
      }
      rows.push(...renderOther(text, width));
      return released ? { rows, released } : { rows };
    },
    finish(width) {
      const released = table.length > 0;
      const rows = released ? flushTable(width) : [];
      if (fence) rows.push(fenceBottom(fence, style));
      fence = undefined;
      return released ? { rows, released } : { rows };
    },
    partialPrefix: () => (fence ? codePrefix(fence, style) : ''),
  };
}
