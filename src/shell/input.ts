/**
 * How a line conch's editor finished is typed into the shell, and what the
 * terminal echoes of it (to drop exactly that).
 *
 * bash, zsh and sh read with their own editor off, so the kernel's line
 * discipline (canonical mode) edits the line on its way: ^C, ^Z, ^U, ^W, DEL,
 * CR and their kind act at once unless quoted with ^V (lnext), and a line
 * longer than the line buffer (4095 bytes) is cut.
 */

/** The line discipline's buffer is 4096 bytes, the newline included; a margin for what it counts differently. */
export const CANONICAL_LINE_LIMIT = 4000;

const LNEXT = 0x16;
const KILL = 0x15;

export interface CanonicalWrite {
  bytes: Buffer;
  /** What the terminal shows of it: quoted control bytes as `^X`, the newline as CR LF. */
  echo: Buffer;
}

function isControl(byte: number): boolean {
  return (byte < 0x20 && byte !== 0x09) || byte === 0x7f;
}

/**
 * One physical line (no LF in it) for a canonical-mode reader. It starts with
 * ^U, which drops a partial line left in the terminal's buffer (keys typed ahead
 * that the shell could not take back) instead of gluing it to this one; on an
 * empty buffer ^U echoes nothing.
 */
export function canonicalLine(line: string): CanonicalWrite {
  const text = Buffer.from(line.replace(/\0/g, ''));
  const bytes: number[] = [KILL];
  const echo: number[] = [];
  for (const byte of text) {
    if (isControl(byte)) {
      bytes.push(LNEXT, byte);
      // lnext echoes `^` and a backspace; the quoted byte then shows in caret form.
      echo.push(0x5e, 0x08, 0x5e, byte ^ 0x40);
    } else {
      bytes.push(byte);
      echo.push(byte);
    }
  }
  bytes.push(0x0a);
  echo.push(0x0d, 0x0a);
  return { bytes: Buffer.from(bytes), echo: Buffer.from(echo) };
}

/** Whether a physical line fits the terminal's line buffer once quoted. */
export function fitsCanonicalBuffer(line: string): boolean {
  return Buffer.byteLength(line) + 1 <= CANONICAL_LINE_LIMIT;
}

/** The keys conch/integration/fish/conch.fish binds. */
export const FISH_KEYS = {
  clear: '\x1b[6970~',
  exec: '\x1b[6971~',
  rawBegin: '\x1b[6972~',
  rawEnd: '\x1b[6973~',
  fetch: '\x1b[6974~',
  cancel: '\x1b[6975~',
  execAndList: '\x1b[6976~',
} as const;

/**
 * One physical line for fish: inserted literally between the raw-insert keys
 * (fish's own bracketed paste would escape quotes inside an open quote), then
 * the run key, which asks fish whether the command is complete. A continuation
 * line is added on a new line of what fish already holds; `listNames` asks fish
 * to list its variable names after the command. fish reads keys, and
 * has no way to insert a control byte literally (^C cancels whatever it holds):
 * they are left out, as fish would leave them out of a typed line.
 */
export function fishLine(line: string, continuation: boolean, listNames = false): Buffer {
  const text = line.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, '');
  const start = continuation ? `${FISH_KEYS.rawBegin}\n` : `${FISH_KEYS.clear}${FISH_KEYS.rawBegin}`;
  return Buffer.from(`${start}${text}${FISH_KEYS.rawEnd}${listNames ? FISH_KEYS.execAndList : FISH_KEYS.exec}`);
}
