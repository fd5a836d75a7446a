import type { ReplTerminal, Terminal } from './terminal.ts';
import { typedAheadEchoWidth } from './typeahead-echo.ts';

/**
 * zsh's PROMPT_SP: a reverse-video `%` followed by a line's worth of spaces. If the
 * output ended mid-line the spaces wrap and the `%` stays, marking the missing
 * newline; at column 0 the erase below removes it. No cursor query needed.
 */
export function markUnfinishedLine(terminal: Terminal): void {
  const { cols } = terminal.size();
  terminal.write(`\x1b[7m%\x1b[0m${' '.repeat(Math.max(0, cols - 1))}\r\x1b[K`);
}

/** The terminal's echo of a partial line typed ahead, left at the end of the output: erased, as the line moves into the next prompt. */
export function eraseTypedAheadEcho(terminal: ReplTerminal): void {
  const ahead = terminal.takeTypedAhead();
  if (!ahead) return;
  const width = typedAheadEchoWidth(ahead.lastLine, ahead.keys, terminal.size().cols);
  if (width > 0) terminal.write(`\x1b[${width}D\x1b[K`);
}

/** Three or more words, mostly letters, no shell operators: "how do I undo a commit". */
export function readsLikeSentence(line: string): boolean {
  const words = line.trim().split(/\s+/);
  if (words.length < 3 || /[|&;<>$`=/]/.test(line)) return false;
  const wordy = words.filter((word) => /^[\p{L}'’,.?!]+$/u.test(word)).length;
  return wordy / words.length >= 0.75;
}
