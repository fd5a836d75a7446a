/**
 * Text from outside (a model, a server, a file, directory or branch name) is
 * hostile: an escape sequence can retitle the window (OSC 0), write the
 * clipboard (OSC 52) or move the cursor over what conch drew, and its C1 form
 * (U+009B is CSI to xterm.js) looks like nothing at all; a bidi control
 * reorders what follows it, a zero-width character hides inside a word. This
 * is the one way such text reaches the terminal, in one of two forms:
 * - prose (answers, server messages, logged exchanges): sequences are removed
 *   whole, other controls and invisible characters dropped; newline and tab stay.
 * - exactly (a command about to run, a file, directory, branch or model name):
 *   nothing is removed and every character is visible: `^[`, `\u009b`, `<U+202E>`.
 * This file has no dependencies, so the prompt and the line editor load it
 * without the markdown renderer.
 */

/** Prose, safe to print: see `createProseCleaner`. */
export function cleanProse(text: string): string {
  const cleaner = createProseCleaner();
  return cleaner.push(text);
}

/** Prose on one line (a server's error message inside conch's sentence): line breaks and tabs become spaces. */
export function cleanLine(text: string): string {
  return cleanProse(text).replace(/\s*\n\s*|\t/g, ' ').trim();
}

export interface ProseCleaner {
  /** The printable part of the next piece of a stream; a sequence split across pieces is still removed whole. */
  push(text: string): string;
}

/**
 * Prose as it streams. ESC and C1 sequences are followed as a terminal's parser
 * would (ECMA-48: CSI up to its final byte; OSC, DCS, SOS, PM and APC strings up
 * to ST or BEL), so their payload is removed with them, never left as text. A
 * string the stream never terminates ends at the next newline: a hostile answer
 * can hide at most the rest of one line. CR goes too: lines end at LF.
 */
export function createProseCleaner(): ProseCleaner {
  let state: State = 'ground';
  // A delta may end between the two halves of a surrogate pair.
  let highSurrogate = '';
  return {
    push(piece) {
      let text = highSurrogate + piece;
      highSurrogate = '';
      const last = text.charCodeAt(text.length - 1);
      if (last >= 0xd800 && last <= 0xdbff) {
        highSurrogate = text.slice(-1);
        text = text.slice(0, -1);
      }
      if (state === 'ground' && (!BEYOND_ASCII_TEXT.test(text) || !NEEDS_CLEANING.test(text))) return text;
      let out = '';
      for (const char of text) {
        state = next(state, char.codePointAt(0)!);
        if (state === 'print') {
          state = 'ground';
          if (!isInvisible(char)) out += char;
        }
      }
      return out;
    },
  };
}

/**
 * Text exactly as it is, on one line, every character visible: C0 controls and
 * DEL in caret form (`^[`, `^J`, `^?`), C1 controls as `\u009b`, and characters
 * that show nothing or move other text (bidi controls, zero-width and other
 * default-ignorable characters, spaces other than U+0020, line separators) as `<U+202E>`.
 */
export function showExactly(text: string): string {
  if (!BEYOND_PRINTABLE_ASCII.test(text) || !NEEDS_SHOWING.test(text)) return text;
  let out = '';
  for (const char of text) out += showChar(char);
  return out;
}

/**
 * What in a command a person could not see as it is: control characters other
 * than tab and newline, and invisible or direction-changing characters.
 */
export function hiddenCharacters(text: string): { control: boolean; invisible: boolean } {
  return { control: CONTROL_IN_COMMAND.test(text), invisible: INVISIBLE_ANYWHERE.test(text) };
}

/**
 * Where the prose cleaner is in a sequence; `print` is the moment a character
 * is text (the caller then returns to ground). Newline always ends a sequence.
 */
type State = 'ground' | 'print' | 'escape' | 'escape-intermediate' | 'csi' | 'string' | 'string-escape';

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;
const ST = 0x9c;

function next(state: State, code: number): State {
  if (code === 0x0a) return 'print';
  // CAN and SUB abort any sequence (ECMA-48), and are not text themselves.
  if (code === CAN || code === SUB) return 'ground';
  switch (state) {
    case 'ground':
    case 'print':
      if (code === 0x09) return 'print';
      return controlOrText(code, 'ground', 'print');
    case 'escape':
      if (code === 0x5b) return 'csi';
      // ] OSC, P DCS, X SOS, ^ PM, _ APC: strings that run to ST.
      if (code === 0x5d || code === 0x50 || code === 0x58 || code === 0x5e || code === 0x5f) return 'string';
      return escapeSequence(code, state);
    case 'escape-intermediate':
      return escapeSequence(code, state);
    case 'csi':
      if (code >= 0x20 && code <= 0x3f) return 'csi';
      if (code >= 0x40 && code <= 0x7e) return 'ground';
      return controlOrText(code, 'csi', 'print');
    case 'string':
      if (code === BEL || code === ST) return 'ground';
      if (code === ESC) return 'string-escape';
      return 'string';
    case 'string-escape':
      // ESC \ is ST; ESC anything else starts a new sequence.
      return code === 0x5c ? 'ground' : next('escape', code);
  }
}

/** Any other ESC sequence: intermediate bytes, then one final byte. */
function escapeSequence(code: number, state: State): State {
  if (code >= 0x20 && code <= 0x2f) return 'escape-intermediate';
  if (code >= 0x30 && code <= 0x7e) return 'ground';
  // Not part of a sequence: the sequence is abandoned and this character counts on its own.
  return controlOrText(code, state, 'print');
}

/** A C0 or C1 control (which may start a sequence, or is dropped, leaving the state at `stay`), else text. */
function controlOrText(code: number, stay: State, text: State): State {
  if (code === ESC) return 'escape';
  if (code === 0x9b) return 'csi';
  if (code === 0x9d || code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f) return 'string';
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return stay;
  return text;
}

function showChar(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return '^?';
  if (code >= 0x80 && code < 0xa0) return `\\u${code.toString(16).padStart(4, '0')}`;
  if (isInvisible(char) || (code > 0x20 && SPACE.test(char))) return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  return char;
}

function isInvisible(char: string): boolean {
  return char.charCodeAt(0) >= 0xa0 && INVISIBLE.test(char);
}

// Default-ignorable code points (zero-width characters, joiners, variation selectors, tags), bidi controls, line and paragraph separators, lone surrogates.
const INVISIBLE_CLASS = String.raw`\p{Default_Ignorable_Code_Point}\p{Bidi_Control}\u2028\u2029\p{Cs}`;
const INVISIBLE = new RegExp(`^[${INVISIBLE_CLASS}]$`, 'u');
const INVISIBLE_ANYWHERE = new RegExp(`[${INVISIBLE_CLASS}]|[^\\P{Zs} ]`, 'u');
const SPACE = /^\p{Zs}$/u;
// Most text is plain ASCII: tested for first (anything but printable ASCII, newline and tab), without the slower Unicode property classes.
const BEYOND_ASCII_TEXT = /[^\x20-\x7e\n\t]/;
const NEEDS_CLEANING = new RegExp(`[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f${INVISIBLE_CLASS}]`, 'u');
const BEYOND_PRINTABLE_ASCII = /[^\x20-\x7e]/;
const NEEDS_SHOWING = new RegExp(`[\\x00-\\x1f\\x7f-\\x9f${INVISIBLE_CLASS}]|[^\\P{Zs} ]`, 'u');
const CONTROL_IN_COMMAND = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
