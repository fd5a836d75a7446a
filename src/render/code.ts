import { createHighlighter, type Highlighter } from './highlight.ts';
import type { Style } from './style.ts';

/**
 * An open fenced code block. Code is not word-wrapped (a wrapped line would
 * change its meaning when copied); the terminal folds a line too long for it.
 */
export interface Fence {
  readonly char: string;
  readonly length: number;
  /** Columns of indentation of the opening fence (inside a list item), removed from its lines. */
  readonly indent: number;
  readonly lang: string;
  readonly highlight: Highlighter;
}

/** The fence this line opens, if it opens one: three or more backticks or tildes and an optional language. */
export function openFence(line: string, color: boolean): Fence | undefined {
  const match = /^( *)(`{3,}|~{3,})\s*([^\s`]*)[^`]*$/.exec(line);
  if (!match) return undefined;
  const lang = (match[3] ?? '').replace(/^\{?\.?|\}$/g, '');
  return { char: match[2]![0]!, length: match[2]!.length, indent: match[1]!.length, lang, highlight: createHighlighter(lang, color) };
}

/** A closing fence: the same character, at least as many, nothing after. */
export function closesFence(line: string, fence: Fence): boolean {
  const trimmed = line.trim();
  return trimmed.length >= fence.length && trimmed === fence.char.repeat(trimmed.length);
}

export function fenceTop(fence: Fence, style: Style): string {
  return margin(fence) + style.dim(`┌─${fence.lang ? ` ${fence.lang}` : ''}`);
}

export function fenceBottom(fence: Fence, style: Style): string {
  return margin(fence) + style.dim('└─');
}

/** What starts each code row, also shown before a code line still arriving. */
export function codePrefix(fence: Fence, style: Style): string {
  return margin(fence) + style.dim('│ ');
}

export function renderCodeLine(line: string, fence: Fence, style: Style): string {
  const indent = /^ */.exec(line)![0].length;
  return codePrefix(fence, style) + fence.highlight(line.slice(Math.min(indent, fence.indent)));
}

function margin(fence: Fence): string {
  return ' '.repeat(Math.min(fence.indent, 12));
}
