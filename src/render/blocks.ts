import { highlightLine } from './highlight.ts';
import { renderInline } from './inline.ts';
import type { Style } from './style.ts';
import { isTableRow, renderTable } from './table.ts';
import { wrapText } from './wrap.ts';

/**
 * Markdown rendered a line at a time: each complete line becomes its terminal
 * rows at once, except table rows, held until the table ends (their columns
 * depend on every row). Fenced code is tracked across lines.
 */
export interface BlockRenderer {
  /** Rows for one complete line; `held` says the line waits inside a table. */
  line(text: string, width: number): { rows: string[]; held: boolean; flushedTable?: number };
  /** Rows still owed at the end (an open table or code block). */
  finish(width: number): { rows: string[]; flushedTable?: number };
}

export function createBlockRenderer(style: Style, color: boolean): BlockRenderer {
  let fence: { marker: string; lang: string } | undefined;
  let table: string[] = [];

  const flushTable = (width: number) => {
    const rows = table.length > 0 ? renderTable(table, width, style) : [];
    const count = table.length;
    table = [];
    return { rows, count };
  };

  const renderLine = (text: string, width: number): string[] => {
    if (fence) {
      if (text.trim().startsWith(fence.marker) && text.trim().replace(/[`~]/g, '') === '') {
        fence = undefined;
        return [style.dim('└─')];
      }
      return [`${style.dim('│')} ${highlightLine(text, fence.lang, color)}`];
    }
    const open = /^\s*(`{3,}|~{3,})\s*([\w+-]*)/.exec(text);
    if (open) {
      fence = { marker: open[1]!, lang: open[2] ?? '' };
      return [style.dim(`┌─${fence.lang ? ` ${fence.lang}` : ''}`)];
    }
    if (text.trim() === '') return [''];
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading) {
      const level = heading[1]!.length;
      const body = renderInline(heading[2]!, style);
      const styled = level === 1 ? style.underline(style.bold(style.color(35, body))) : level === 2 ? style.bold(style.color(36, body)) : style.bold(body);
      return wrapText(styled, width);
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(text)) return [style.dim('─'.repeat(Math.max(3, Math.min(width, 80))))];
    const quote = /^\s*>\s?(.*)$/.exec(text);
    if (quote) return wrapText(style.italic(renderInline(quote[1]!, style)), width, style.dim('│ '), style.dim('│ '));
    const item = /^(\s*)([-*+]|\d{1,9}[.)])\s+(?:\[([ xX])\]\s+)?(.*)$/.exec(text);
    if (item) {
      const indent = ' '.repeat(Math.min(item[1]!.replace(/\t/g, '  ').length, 12));
      const marker = /\d/.test(item[2]!) ? item[2]! : '•';
      const box = item[3] === undefined ? '' : item[3] === ' ' ? '☐ ' : '☑ ';
      const lead = `${indent}${style.color(33, marker)} ${box}`;
      return wrapText(renderInline(item[4]!, style), width, lead, ' '.repeat(indent.length + marker.length + 1));
    }
    return wrapText(renderInline(text, style), width);
  };

  return {
    line(text, width) {
      if (!fence && isTableRow(text)) {
        table.push(text);
        return { rows: [], held: true };
      }
      if (table.length > 0) {
        const { rows, count } = flushTable(width);
        return { rows: [...rows, ...renderLine(text, width)], held: false, flushedTable: count };
      }
      return { rows: renderLine(text, width), held: false };
    },
    finish(width) {
      if (table.length > 0) {
        const { rows, count } = flushTable(width);
        return { rows, flushedTable: count };
      }
      if (fence) {
        fence = undefined;
        return { rows: [style.dim('└─')] };
      }
      return { rows: [] };
    },
  };
}
