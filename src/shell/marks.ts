/**
 * What the shell's integration script reports, in-band, between its output bytes:
 * `ESC ] 6973 ; NONCE ; PID ; KIND [; ARGS | (=FIELD NUL)...] BEL`.
 *
 * The OSC 133 vocabulary (A prompt, B input, C command, D done) plus conch's own
 * reports. ARGS hold no BEL; FIELDS hold any bytes but NUL (no shell variable
 * can hold one), so a cwd or a secret value needs no escaping in the shell.
 */
export type Mark =
  /** A prompt is being printed; `status` is `$?` (a fallback for a missing D). */
  | { kind: 'prompt'; continuation: boolean; status?: number }
  /** The shell reads input from here on. */
  | { kind: 'input' }
  /** The command line was read whole; it runs from here on. */
  | { kind: 'command' }
  /** fish: the line has a syntax error, whose message follows. */
  | { kind: 'error' }
  | { kind: 'done'; status: number }
  | { kind: 'cwd'; path: string }
  /** name, value pairs that changed since the last report. */
  | { kind: 'secrets'; values: { name: string; value: string }[] }
  /** The prompt hook waits for conch's ^] behind the keys it passed on, to take back those the command did not read. */
  | { kind: 'awaiting' }
  /** Keys typed ahead that the command did not read, taken back from the terminal's input queue. */
  | { kind: 'typeahead'; data: Buffer }
  /** Names the session defines, for completion: each list given replaces the one held. */
  | { kind: 'names'; names: Partial<ShellNames> }
  /** Variables conch itself uses (PATH, HOME), when they change. */
  | { kind: 'vars'; values: Record<string, string> }
  /** The hooks are in place; where the user's history file is. */
  | { kind: 'installed'; historyFile?: string }
  /** The shell is too old for the integration (bash before 4.4). */
  | { kind: 'unsupported'; version: string }
  /** fish: a job's notice (ended, stopped, killed), which fish prints whenever it reaps the job. */
  | { kind: 'notice'; data: Buffer }
  /** fish: what its editor held of the keys typed ahead, handed back on request. */
  | { kind: 'fetched'; data: Buffer }
  /** bash's own line editor is on again (`set -o vi`, `source ~/.bashrc`): conch turns it off with a command of its own. */
  | { kind: 'editor' }
  /** conch's own sentinel, written into the terminal after the shell died: all output before it has been read. */
  | { kind: 'drained' };

/** The shell's own names, as it listed them: what a Tab completes besides programs and files. */
export interface ShellNames {
  functions: readonly string[];
  aliases: readonly string[];
  /** Builtins and reserved words. */
  builtins: readonly string[];
  variables: readonly string[];
}

const NAME_KINDS: Record<string, keyof ShellNames> = { f: 'functions', a: 'aliases', A: 'aliases', E: 'variables', b: 'builtins', v: 'variables' };

export type ShellEvent = { kind: 'data'; data: Buffer } | { kind: 'mark'; mark: Mark };

export interface MarkScanner {
  /** Splits a chunk into output and marks, in order; a mark cut between chunks is finished by the next. */
  push(chunk: Buffer): ShellEvent[];
}

const ESC = 0x1b;
const BEL = 0x07;
const NUL = 0x00;
const SEMI = 0x3b;
const EQUALS = 0x3d;
// Secrets and typeahead can be long; anything longer is not a mark of ours but output.
const MAX_MARK = 1 << 20;

/**
 * Finds the marks of one shell: only those carrying this session's nonce and
 * that shell's pid count, so `cat` of a file, a nested shell or an ssh session
 * printing marks of its own cannot forge a `D;0`. Holds back only a tail that
 * could still become one of ours (holding more would delay what full-screen
 * programs draw).
 */
export function createMarkScanner(nonce: string, pid: number): MarkScanner {
  const prefix = Buffer.from(`\x1b]6973;${nonce};${pid};`);
  let held: Buffer = Buffer.alloc(0);

  return {
    push(chunk) {
      const data = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
      held = Buffer.alloc(0);
      const events: ShellEvent[] = [];
      let start = 0;
      let search = 0;
      for (;;) {
        const esc = data.indexOf(ESC, search);
        if (esc < 0) break;
        const available = Math.min(prefix.length, data.length - esc);
        if (data.compare(prefix, 0, available, esc, esc + available) !== 0) {
          search = esc + 1;
          continue;
        }
        const parsed = available === prefix.length ? parseBody(data, esc + prefix.length) : 'partial';
        if (parsed === 'partial') {
          if (data.length - esc > MAX_MARK) {
            search = esc + 1;
            continue;
          }
          pushData(events, data.subarray(start, esc));
          held = Buffer.from(data.subarray(esc));
          return events;
        }
        if (parsed === 'invalid') {
          search = esc + 1;
          continue;
        }
        pushData(events, data.subarray(start, esc));
        if (parsed.mark) events.push({ kind: 'mark', mark: parsed.mark });
        start = search = parsed.end;
      }
      pushData(events, data.subarray(start));
      return events;
    },
  };
}

function pushData(events: ShellEvent[], data: Buffer): void {
  if (data.length > 0) events.push({ kind: 'data', data });
}

type Parsed = { mark: Mark | undefined; end: number } | 'partial' | 'invalid';

function parseBody(data: Buffer, from: number): Parsed {
  let i = from;
  while (i < data.length && data[i] !== SEMI && data[i] !== EQUALS && data[i] !== BEL) i++;
  if (i >= data.length) return 'partial';
  const kind = data.toString('latin1', from, i);
  let args = '';
  if (data[i] === SEMI) {
    const argsEnd = data.indexOf(BEL, i + 1);
    if (argsEnd < 0) return 'partial';
    args = unOnlcr(data.subarray(i + 1, argsEnd)).toString('utf8');
    return { mark: toMark(kind, args, []), end: argsEnd + 1 };
  }
  const fields: Buffer[] = [];
  while (data[i] === EQUALS) {
    const nul = data.indexOf(NUL, i + 1);
    if (nul < 0) return 'partial';
    fields.push(unOnlcr(data.subarray(i + 1, nul)));
    i = nul + 1;
    if (i >= data.length) return 'partial';
  }
  if (data[i] !== BEL) return 'invalid';
  return { mark: toMark(kind, args, fields), end: i + 1 };
}

/**
 * The terminal's output processing (onlcr) turned every LF of a value into
 * CR LF on its way out: one CR before each LF is an addition, never data.
 */
function unOnlcr(bytes: Buffer): Buffer {
  if (!bytes.includes(0x0d)) return Buffer.from(bytes);
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) continue;
    out.push(bytes[i]!);
  }
  return Buffer.from(out);
}

/** An unknown or malformed mark with our nonce is dropped: it came from our own script, never from a command. */
function toMark(kind: string, args: string, fields: Buffer[]): Mark | undefined {
  const text = (index: number) => fields[index]?.toString('utf8');
  switch (kind) {
    case 'A': {
      const continuation = args.split(';').includes('k=s');
      const status = /^(?:k=s;)?(\d+)$/.exec(args)?.[1];
      return status === undefined ? { kind: 'prompt', continuation } : { kind: 'prompt', continuation, status: Number(status) };
    }
    case 'B':
      return { kind: 'input' };
    case 'C':
      return { kind: 'command' };
    case 'E':
      return { kind: 'error' };
    case 'D':
      return /^\d+$/.test(args) ? { kind: 'done', status: Number(args) } : undefined;
    case 'P': {
      const path = args || text(0);
      return path?.startsWith('/') ? { kind: 'cwd', path } : undefined;
    }
    case 'S': {
      const values: { name: string; value: string }[] = [];
      for (let i = 0; i + 1 < fields.length; i += 2) values.push({ name: text(i)!, value: text(i + 1)! });
      return { kind: 'secrets', values };
    }
    case 'W':
      return { kind: 'awaiting' };
    case 'T':
      return { kind: 'typeahead', data: Buffer.concat(fields) };
    case 'V': {
      const values: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) values[text(i)!] = text(i + 1)!;
      return { kind: 'vars', values };
    }
    case 'N': {
      // Pairs: a kind letter, then the names one a line (the shell's own listing, as it prints it).
      const names: Partial<ShellNames> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) {
        const tag = text(i)!;
        const kind = NAME_KINDS[tag];
        let listed = text(i + 1)!.split('\n');
        // sh's `alias` listing: name=value lines (a value may go on over more lines, which hold no name).
        if (tag === 'A') listed = listed.filter((line) => /^[^\s='"]+=/.test(line)).map((line) => line.slice(0, line.indexOf('=')));
        // sh's `export -p`: `export NAME='value'` lines.
        if (tag === 'E') listed = listed.flatMap((line) => /^export ([A-Za-z_]\w*)(?:=|$)/.exec(line)?.[1] ?? []);
        if (kind) names[kind] = [...new Set(listed)].filter(isCompletableName);
      }
      return { kind: 'names', names };
    }
    case 'I': {
      const historyFile = text(0);
      return historyFile ? { kind: 'installed', historyFile } : { kind: 'installed' };
    }
    case 'U':
      return { kind: 'unsupported', version: args };
    case 'F':
      return { kind: 'fetched', data: Buffer.concat(fields) };
    case 'J':
      return { kind: 'notice', data: Buffer.concat(fields) };
    case 'L':
      return { kind: 'editor' };
    case 'Z':
      return { kind: 'drained' };
    default:
      return undefined;
  }
}

/** A name worth offering: one line of the listing, no control characters, none of conch's own. */
function isCompletableName(name: string): boolean {
  return name !== '' && !/[\x00-\x1f\x7f]/.test(name) && !name.startsWith('__conch_');
}
