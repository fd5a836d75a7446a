import type { Span } from './value-span.ts';

/**
 * Where the PEM private-key blocks are, each whole. Found with plain
 * searches rather than one `BEGIN[\s\S]*?END` regex, which is quadratic on many BEGINs without an
 * END, and because shell output is often a tail or a head: a block whose END
 * was cut off is removed to the end of the text, and one whose BEGIN was cut
 * off loses the key lines above its END.
 */
export function privateKeySpans(text: string): Span[] {
  if (!text.includes('PRIVATE KEY')) return [];
  const nextBegin = searcher(text, /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g);
  const nextEnd = searcher(text, /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g);
  const spans: Span[] = [];
  let position = 0;
  for (;;) {
    const opening = nextBegin(position);
    const closing = nextEnd(position);
    if (closing && (!opening || closing.index < opening.index)) {
      // An END with no BEGIN: the start of the key was cut off.
      spans.push({ start: keyLinesStart(text, closing.index, position), end: closing.end });
      position = closing.end;
    } else if (opening) {
      const after = nextEnd(opening.end);
      position = after ? after.end : text.length;
      spans.push({ start: opening.index, end: position });
    } else break;
  }
  return spans;
}

/**
 * The first match at or after a position, for positions that only grow: a
 * match still ahead is reused and "none" is final, so each pattern scans the
 * text once however many markers there are.
 */
function searcher(text: string, pattern: RegExp): (from: number) => { index: number; end: number } | undefined {
  let found: { index: number; end: number } | undefined | null = null;
  return (from) => {
    if (found === undefined || (found !== null && found.index >= from)) return found;
    pattern.lastIndex = from;
    const match = pattern.exec(text);
    found = match ? { index: match.index, end: match.index + match[0].length } : undefined;
    return found;
  };
}

/** A line of a PEM body (indented in YAML): base64, a `Proc-Type:`-style header, or the blank line after the headers. */
const KEY_LINE = /^[ \t]*(?:[A-Za-z0-9+/=]{1,100}|[A-Za-z-]{1,30}: [^\n]{0,100}|)\r?$/;

/**
 * Where the run of key lines ending at `index` starts (not before `floor`).
 * Lines end in a newline, or in an escaped `\n` when the key sits in a JSON
 * string, whose opening quote then ends the run.
 */
function keyLinesStart(text: string, index: number, floor: number): number {
  let start = index;
  // The END line's own indentation.
  while (start > floor && index - start < 100 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const unindented = start;
  for (let lines = 0; start > floor && lines < 1000; lines++) {
    const separator = text.startsWith('\\n', start - 2) ? 2 : text[start - 1] === '\n' ? 1 : 0;
    if (separator === 0) break;
    const lineEnd = start - separator;
    const lineStart = lineStartBefore(text, lineEnd, floor);
    const line = text.slice(lineStart, lineEnd);
    const quote = line.lastIndexOf('"');
    if (!KEY_LINE.test(quote >= 0 ? line.slice(quote + 1) : line)) break;
    start = quote >= 0 ? lineStart + quote + 1 : lineStart;
    if (quote >= 0) break;
  }
  return start === unindented ? index : start;
}

/** Where the line ending at `end` starts, looking back no further than a key line can be long (so many markers on one long line stay linear). */
function lineStartBefore(text: string, end: number, floor: number): number {
  const limit = Math.max(floor, end - 200);
  for (let i = end - 1; i >= limit; i--) {
    if (text[i] === '\n') return i + 1;
    if (text[i] === 'n' && text[i - 1] === '\\') return i + 1;
  }
  return limit;
}
