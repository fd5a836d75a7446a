import { showExactly } from './sanitize.ts';
import type { MarkdownRenderer } from './stream-renderer.ts';

/** A sign of life on a terminal while nothing has arrived yet: one line, erased when it stops. */
export interface WaitingIndicator {
  /** Prints `text` as lines of its own where the indicator was (after it stopped: where the cursor is), and draws the indicator again below them. */
  print(text: string): void;
  /** Erases the line and leaves the cursor at its start, where the answer then begins. Idempotent. */
  stop(): void;
}

export interface WaitingOptions {
  /** The terminal, in raw mode. Only ever a terminal: the caller never starts one for a pipe. */
  write: (text: string) => void;
  /** What is awaited, e.g. "asking snappy"; shown exactly (a preset name is the config's text). */
  label: string;
  /** False with NO_COLOR: a plain line, no animation. */
  color: boolean;
  cols: () => number;
  /** @default 125 */
  intervalMs?: number;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const ERASE = '\r\x1b[K';

/**
 * Starts a dim, single-line spinner (`⠋ asking snappy…`) on the current line,
 * which must be empty: the cursor stays on that line, so erasing it leaves the
 * line as it was and the first byte of an answer lands at its start. Never
 * wider than the terminal, so it never wraps onto a second line it could not
 * erase.
 */
export function startWaiting(options: WaitingOptions): WaitingIndicator {
  const text = `${showExactly(options.label)}…`;
  let frame = 0;
  let stopped = false;
  const fit = (line: string) => {
    const room = Math.max(1, options.cols() - 1);
    const chars = [...line];
    return chars.length > room ? chars.slice(0, room).join('') : line;
  };
  const draw = () => {
    if (!options.color) return options.write(`${ERASE}${fit(text)}`);
    options.write(`${ERASE}\x1b[2m${fit(`${FRAMES[frame % FRAMES.length]} ${text}`)}\x1b[22m`);
  };
  draw();
  const timer = options.color
    ? setInterval(() => {
        frame++;
        draw();
      }, options.intervalMs ?? 125)
    : undefined;
  timer?.unref();
  return {
    print(text) {
      const lines = `${text.replace(/\n/g, '\r\n')}\r\n`;
      if (stopped) return options.write(lines);
      options.write(`${ERASE}${lines}`);
      draw();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      options.write(ERASE);
    },
  };
}

/**
 * An answer's renderer behind a waiting indicator: the indicator goes at the
 * first text of the answer, or of its reasoning when that is shown (hidden
 * reasoning leaves it up, or the screen would be blank again), at the end, an
 * interruption or an error, always before anything of the answer is drawn.
 */
export function afterWaiting(renderer: MarkdownRenderer, indicator: WaitingIndicator, options: { reasoningShown: boolean }): MarkdownRenderer {
  return {
    delta(text) {
      if (text !== '') indicator.stop();
      renderer.delta(text);
    },
    reasoning(text) {
      if (text !== '' && options.reasoningShown) indicator.stop();
      renderer.reasoning(text);
    },
    end() {
      indicator.stop();
      renderer.end();
    },
    interrupted() {
      indicator.stop();
      renderer.interrupted();
    },
  };
}
