/**
 * Tracks the terminal modes a command turns on in the user's real terminal, so
 * conch can turn off whatever is still on when the command ends or stops (a
 * crashed program can leave the cursor hidden or the mouse reporting).
 */
export interface ModeTracker {
  /** Any chunking: a sequence cut between two chunks is finished by the next. */
  scan(chunk: Uint8Array): void;
  /** True once the command entered the alternate screen (a full-screen program). */
  readonly usedAlternateScreen: boolean;
  /** The escape sequences that undo every mode still on. */
  resetSequence(): string;
  /** Sequences that put back the modes that were on (when a stopped job resumes). */
  restoreSequence(): string;
}

// Private modes worth undoing; 1049/47/1047 are the alternate screen, 25 the cursor.
const ALT_SCREEN = new Set([47, 1047, 1049]);
const TRACKED = new Set([1, 25, 1000, 1002, 1003, 1005, 1006, 1015, 2004, ...ALT_SCREEN]);
const CURSOR = 25;
const ESC = 0x1b;
// A CSI longer than this is not one we track: give up on it rather than grow.
const MAX_PARAMS = 32;

type ScanState = 'ground' | 'escape' | 'csi';

export function createModeTracker(): ModeTracker {
  const on = new Map<number, boolean>();
  let keypad = false;
  let usedAlternateScreen = false;
  let state: ScanState = 'ground';
  let isPrivate = false;
  let params = '';

  const apply = (set: boolean) => {
    for (const param of params.split(';')) {
      const mode = Number(param);
      if (!TRACKED.has(mode)) continue;
      // ?25 is on by default: hiding the cursor is what needs undoing.
      on.set(mode, mode === CURSOR ? !set : set);
      if (set && ALT_SCREEN.has(mode)) usedAlternateScreen = true;
    }
  };

  const step = (byte: number) => {
    if (byte === ESC) {
      state = 'escape';
      return;
    }
    if (state === 'escape') {
      state = 'ground';
      if (byte === 0x5b /* [ */) {
        state = 'csi';
        isPrivate = false;
        params = '';
      } else if (byte === 0x3d /* = */) keypad = true;
      else if (byte === 0x3e /* > */) keypad = false;
      return;
    }
    // Inside a CSI: `?`, parameters, then a final byte.
    if (byte === 0x3f && params === '' && !isPrivate) isPrivate = true;
    else if ((byte >= 0x30 && byte <= 0x39) || byte === 0x3b) {
      params += String.fromCharCode(byte);
      if (params.length > MAX_PARAMS) state = 'ground';
    } else if (byte >= 0x40 && byte <= 0x7e) {
      if (isPrivate && (byte === 0x68 /* h */ || byte === 0x6c) /* l */) apply(byte === 0x68);
      state = 'ground';
    } else if (byte < 0x20 || byte > 0x2f) state = 'ground';
    // 0x20-0x2f: intermediate bytes; the sequence goes on (and is not one we track).
    else isPrivate = false;
  };

  return {
    scan(chunk) {
      let i = 0;
      while (i < chunk.length) {
        if (state === 'ground') {
          // Plain text is skipped at memchr speed: only escape sequences are walked byte by byte.
          const esc = chunk.indexOf(ESC, i);
          if (esc < 0) return;
          i = esc;
        }
        step(chunk[i]!);
        i++;
      }
    },
    get usedAlternateScreen() {
      return usedAlternateScreen;
    },
    resetSequence() {
      let out = '';
      for (const [mode, active] of on) {
        if (active) out += mode === CURSOR ? '\x1b[?25h' : `\x1b[?${mode}l`;
      }
      return keypad ? `${out}\x1b>` : out;
    },
    restoreSequence() {
      let out = '';
      for (const [mode, active] of on) {
        if (active) out += mode === CURSOR ? '\x1b[?25l' : `\x1b[?${mode}h`;
      }
      return keypad ? `${out}\x1b=` : out;
    },
  };
}
