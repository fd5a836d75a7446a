/**
 * Removes PEM private-key blocks whole. Done with plain searches rather than
 * one `BEGIN[\s\S]*?END` regex, which is quadratic on many BEGINs without an
 * END, and because shell output is often a tail or a head: a block whose END
 * was cut off is removed to the end of the text, and one whose BEGIN was cut
 * off loses the key lines above its END.
 */
export function redactPrivateKeys(text: string): { text: string; count: number } {
  if (!text.includes('PRIVATE KEY')) return { text, count: 0 };
  const nextBegin = searcher(text, /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g);
  const nextEnd = searcher(text, /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g);
  const parts: string[] = [];
  let count = 0;
  let position = 0;
  for (;;) {
    const opening = nextBegin(position);
    const closing = nextEnd(position);
    if (closing && (!opening || closing.index < opening.index)) {
      // An END with no BEGIN: the start of the key was cut off.
      parts.push(text.slice(position, keyLinesStart(text, closing.index, position)), PLACEHOLDER);
      position = closing.end;
    } else if (opening) {
      const after = nextEnd(opening.end);
      parts.push(text.slice(position, opening.index), PLACEHOLDER);
      position = after ? after.end : text.length;
    } else break;
    count++;
  }
  parts.push(text.slice(position));
  return { text: parts.join(''), count };
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

const PLACEHOLDER = '[REDACTED:private-key]';
/** A line of a PEM body: base64, a `Proc-Type:`-style header, or the blank line after the headers. */
const KEY_LINE = /^(?:[A-Za-z0-9+/=]{1,100}|[A-Za-z-]{1,30}: [^\n]{0,100}|)\r?$/;

/** Where the run of key lines ending at `index` starts (not before `floor`). */
function keyLinesStart(text: string, index: number, floor: number): number {
  let start = index;
  while (start > floor && text[start - 1] === '\n') {
    const lineStart = text.lastIndexOf('\n', start - 2) + 1;
    if (!KEY_LINE.test(text.slice(Math.max(lineStart, floor), start - 1))) break;
    start = Math.max(lineStart, floor);
  }
  return start;
}
