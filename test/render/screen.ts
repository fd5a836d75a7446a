import { Terminal } from '@xterm/headless';
import { createMarkdownRenderer, type RenderOptions } from '../../src/render/index.ts';
import { charWidth } from '../../src/width.ts';

/** The screen a person would see after these bytes, trailing blank lines dropped. */
export async function screen(bytes: string, cols = 60, rows = 300): Promise<string> {
  const term = new Terminal({ cols, rows, allowProposedApi: true });
  // xterm.js counts emoji as one column by default (Unicode 6); modern terminals, and conch, count two.
  term.unicode.register(MODERN_WIDTHS);
  term.unicode.activeVersion = MODERN_WIDTHS.version;
  await new Promise<void>((resolve) => term.write(bytes, resolve));
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(term.buffer.active.getLine(i)?.translateToString(true) ?? '');
  term.dispose();
  return lines.join('\n').replace(/\n+$/, '');
}

const MODERN_WIDTHS = {
  version: 'conch',
  wcwidth: (code: number) => charWidth(code) as 0 | 1 | 2,
  // The packed value xterm.js expects: width in bits 1-2, "joins the previous character" in bit 0.
  charProperties(code: number, preceding: number) {
    const width = charWidth(code);
    const join = width === 0 && preceding !== 0 && ((preceding >> 1) & 3) !== 0;
    return ((join ? (preceding >> 1) & 3 : width) << 1) | (join ? 1 : 0);
  },
};

/** Everything the renderer writes for these deltas, then end(). */
export function stream(chunks: readonly string[], options: Partial<RenderOptions> & { cols?: number } = {}): string {
  let out = '';
  const { cols = 60, ...rest } = options;
  const renderer = createMarkdownRenderer({ write: (text) => (out += text), width: () => cols, color: true, ...rest });
  for (const chunk of chunks) renderer.delta(chunk);
  renderer.end();
  return out;
}

/** `text` cut at these points. */
export function cut(text: string, points: readonly number[]): string[] {
  const sorted = [...new Set(points)].filter((p) => p > 0 && p < text.length).sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const point of [...sorted, text.length]) {
    chunks.push(text.slice(start, point));
    start = point;
  }
  return chunks;
}

export const SGR = /\x1b\[[0-9;]*m/;
