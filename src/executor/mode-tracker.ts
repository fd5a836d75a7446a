/**
 * Tracks the terminal modes a command turns on in the user's real terminal, so
 * conch can turn off whatever is still on when the command ends or stops (a
 * crashed program can leave the cursor hidden or the mouse reporting).
 */
export interface ModeTracker {
  scan(chunk: Buffer): void;
  /** True once the command entered the alternate screen (a full-screen program). */
  readonly usedAlternateScreen: boolean;
  /** The escape sequences that undo every mode still on. */
  resetSequence(): string;
  /** Sequences that put back the modes that were on (when a stopped job resumes). */
  restoreSequence(): string;
}

// Private modes worth undoing; 1049/47/1047 are the alternate screen.
const ALT_SCREEN = new Set([47, 1047, 1049]);
const TRACKED = new Set([1, 25, 1000, 1002, 1003, 1005, 1006, 1015, 2004, ...ALT_SCREEN]);
const ESC = 0x1b;

export function createModeTracker(): ModeTracker {
  const on = new Map<number, boolean>();
  let keypad = false;
  let usedAlternateScreen = false;
  let pending = '';

  const apply = (params: string, set: boolean) => {
    for (const param of params.split(';')) {
      const mode = Number(param);
      if (!TRACKED.has(mode)) continue;
      // ?25 is on by default: hiding the cursor is what needs undoing.
      on.set(mode, mode === 25 ? !set : set);
      if (set && ALT_SCREEN.has(mode)) usedAlternateScreen = true;
    }
  };

  const scanText = (text: string) => {
    const pattern = /\x1b(?:\[\?([\d;]*)([hl])|([=>]))/g;
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      if (match[3]) keypad = match[3] === '=';
      else apply(match[1] ?? '', match[2] === 'h');
    }
  };

  return {
    scan(chunk) {
      let esc = chunk.indexOf(ESC);
      if (esc < 0 && pending === '') return;
      // Only the text from the first ESC on matters; a sequence cut at the end waits for the next chunk.
      const text = pending + (esc < 0 ? chunk.toString('latin1') : chunk.toString('latin1', esc));
      esc = text.lastIndexOf('\x1b');
      const tail = esc >= 0 ? text.slice(esc) : '';
      const complete = /^\x1b(?:\[\?[\d;]*[hl]|[=>]|[^[?=>]|\[[^?]|\[\?[\d;]*[^\d;hl])/.test(tail) || tail.length > 32;
      pending = complete || tail === '' ? '' : tail;
      scanText(pending ? text.slice(0, esc) : text);
    },
    get usedAlternateScreen() {
      return usedAlternateScreen;
    },
    resetSequence() {
      let out = '';
      for (const [mode, active] of on) {
        if (!active) continue;
        out += mode === 25 ? '\x1b[?25h' : `\x1b[?${mode}l`;
      }
      if (keypad) out += '\x1b>';
      return out;
    },
    restoreSequence() {
      let out = '';
      for (const [mode, active] of on) {
        if (!active) continue;
        out += mode === 25 ? '\x1b[?25l' : `\x1b[?${mode}h`;
      }
      if (keypad) out += '\x1b=';
      return out;
    },
  };
}
