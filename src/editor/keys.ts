import { StringDecoder } from 'node:string_decoder';

/** One key press (or a bracketed paste), decoded from raw terminal bytes. */
export interface Key {
  /**
   * A letter ('a'..'z', '_', '.') with ctrl/meta, or a named key: enter tab backspace delete
   * left right up down home end insert pageup pagedown backtab escape space paste char.
   */
  name: string;
  ctrl: boolean;
  meta: boolean;
  /** The text to insert, for 'char' and 'paste'. */
  text?: string;
  /** The bytes it came from, to hand back keys a finished read did not use. */
  raw?: string;
}

/** Incremental: bytes in, keys out; an unfinished sequence or UTF-8 character waits for the next chunk. */
export interface KeyParser {
  push(data: Buffer): Key[];
  /** A lone ESC at the end of input waits for what follows; after a pause it is the Escape key. */
  hasPendingEscape(): boolean;
  flushPendingEscape(): Key[];
}

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

export function createKeyParser(): KeyParser {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let paste: string | undefined;

  const parse = (flushEscape: boolean): Key[] => {
    const keys: Key[] = [];
    let i = 0;
    while (i < pending.length) {
      if (paste !== undefined) {
        const end = pending.indexOf(PASTE_END, i);
        if (end < 0) {
          // Keep a possible partial end marker for the next chunk.
          const keep = partialSuffix(pending, PASTE_END);
          paste += pending.slice(i, pending.length - keep);
          i = pending.length - keep;
          break;
        }
        const text = paste + pending.slice(i, end);
        keys.push({ name: 'paste', ctrl: false, meta: false, text, raw: `${PASTE_START}${text}${PASTE_END}` });
        paste = undefined;
        i = end + PASTE_END.length;
        continue;
      }
      const result = parseOne(pending, i, flushEscape);
      if (!result) break;
      const raw = pending.slice(i, result.next);
      i = result.next;
      if (result.key === 'paste-start') paste = '';
      else if (result.key) keys.push({ ...result.key, raw });
    }
    pending = pending.slice(i);
    return keys;
  };

  return {
    push(data) {
      pending += decoder.write(data);
      return parse(false);
    },
    hasPendingEscape: () => paste === undefined && pending.startsWith('\x1b'),
    flushPendingEscape: () => parse(true),
  };
}

type ParseResult = { key: Key | 'paste-start' | undefined; next: number };

function parseOne(s: string, i: number, flushEscape: boolean): ParseResult | undefined {
  const code = s.codePointAt(i)!;
  const c = String.fromCodePoint(code);
  if (c !== '\x1b') return { key: plainKey(c, code, false), next: i + c.length };
  if (i + 1 >= s.length) return flushEscape ? { key: key('escape'), next: i + 1 } : undefined;
  const next = String.fromCodePoint(s.codePointAt(i + 1)!);
  if (next === '[' || next === 'O') return parseSequence(s, i, next, flushEscape);
  if (next === ']' || next === '_') return skipString(s, i, flushEscape);
  if (next === '\x1b') {
    // ESC ESC [ D is Alt-Left in terminals that send Alt as an ESC prefix to any key.
    if (i + 2 >= s.length) return flushEscape ? { key: key('escape'), next: i + 1 } : undefined;
    const third = s[i + 2]!;
    if (third === '[' || third === 'O') {
      const inner = parseSequence(s, i + 1, third, flushEscape);
      if (!inner) return undefined;
      if (typeof inner.key === 'object' && inner.key.name !== 'escape') return { key: { ...inner.key, meta: true }, next: inner.next };
    }
    return { key: key('escape'), next: i + 1 };
  }
  // ESC followed by a key is that key with Alt (meta).
  return { key: plainKey(next, next.codePointAt(0)!, true), next: i + 1 + next.length };
}

/** CSI: parameters then one final byte in @..~ ; SS3: one final byte. */
function parseSequence(s: string, i: number, introducer: string, flushEscape: boolean): ParseResult | undefined {
  let j = i + 2;
  // Parameters, then intermediates (`$` in a mode report): a terminal's reply, never a key, ends up ignored below.
  if (introducer === '[') while (j < s.length && /[0-9;:?<>= !"#$%&'()*+,\-./]/.test(s[j]!)) j++;
  if (j >= s.length) return flushEscape ? { key: key('escape'), next: i + 1 } : undefined;
  if (s.slice(i, j + 1) === PASTE_START) return { key: 'paste-start', next: j + 1 };
  return { key: sequenceKey(introducer, s.slice(i + 2, j), s[j]!), next: j + 1 };
}

/**
 * An OSC or APC string (a terminal's answer to a colour or clipboard query a
 * program made, arriving after it ended): up to BEL or ST, and dropped, so it
 * never becomes typed text.
 */
function skipString(s: string, i: number, flushEscape: boolean): ParseResult | undefined {
  for (let j = i + 2; j < s.length; j++) {
    if (s[j] === '\x07') return { key: undefined, next: j + 1 };
    if (s[j] === '\x1b' && j + 1 < s.length) return { key: undefined, next: s[j + 1] === '\\' ? j + 2 : j };
  }
  return flushEscape ? { key: key('escape'), next: i + 1 } : undefined;
}

function plainKey(c: string, code: number, meta: boolean): Key {
  if (c === '\r' || c === '\n') return key('enter', { meta });
  if (c === '\t') return key('tab', { meta });
  if (code === 0x7f || code === 0x08) return key('backspace', { meta });
  if (code === 0) return key('space', { ctrl: true, meta });
  // Ctrl-_ and Ctrl-/ both send 0x1f: undo in readline.
  if (code === 0x1f) return key('_', { ctrl: true, meta });
  if (code < 0x20) return key(String.fromCharCode(code + 0x60), { ctrl: true, meta });
  if (meta) return key(c.toLowerCase(), { meta: true });
  return { name: 'char', ctrl: false, meta: false, text: c };
}

const FINAL_NAMES: Record<string, string> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', Z: 'backtab' };
// rxvt sends Ctrl-arrows as ESC O a..d.
const RXVT_CTRL_NAMES: Record<string, string> = { a: 'up', b: 'down', c: 'right', d: 'left' };
const TILDE_NAMES: Record<string, string> = {
  '1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pageup', '6': 'pagedown', '7': 'home', '8': 'end',
};

function sequenceKey(introducer: string, params: string, final: string): Key | undefined {
  if (introducer === 'O' && RXVT_CTRL_NAMES[final]) return key(RXVT_CTRL_NAMES[final], { ctrl: true });
  const parts = params.split(';');
  const first = parts[0] ?? '';
  // xterm: ESC [ 1 ; 5 D; old xterm: ESC [ 5 D (the modifier alone).
  const modifier = parts[1] ?? (final !== '~' && first !== '' && first !== '1' ? first : '1');
  const mods = Math.max(0, Number(modifier) - 1);
  const flags = { meta: (mods & 2) !== 0, ctrl: (mods & 4) !== 0 };
  if (final === '~') {
    const name = TILDE_NAMES[first];
    return name ? key(name, flags) : undefined;
  }
  const name = FINAL_NAMES[final];
  return name ? key(name, flags) : undefined;
}

function key(name: string, flags: { ctrl?: boolean; meta?: boolean } = {}): Key {
  return { name, ctrl: flags.ctrl ?? false, meta: flags.meta ?? false };
}

function partialSuffix(s: string, marker: string): number {
  for (let n = Math.min(marker.length - 1, s.length); n > 0; n--) if (s.endsWith(marker.slice(0, n))) return n;
  return 0;
}
