import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface History {
  /** Oldest first. */
  entries(): readonly string[];
  /** Records a line (unless it starts with a space or repeats the last one) and appends it to the file at once. */
  add(line: string): void;
  /** Entries from elsewhere (the user's shell history), older than conch's own: reachable with Up and Ctrl-R, never written to conch's file. */
  importOlder(lines: readonly string[]): void;
}

export interface HistoryOptions {
  /** The history file; without one, history lives in memory only. */
  path?: string;
  /** Entries loaded from the file (the newest). @default 10000 */
  maxEntries?: number;
}

/**
 * Loads the history file. A missing file is normal; an unreadable one gives a
 * one-line warning and an in-memory history, so conch always starts.
 */
export async function createHistory(options: HistoryOptions): Promise<{ history: History; warning?: string }> {
  const maxEntries = options.maxEntries ?? 10_000;
  const entries: string[] = [];
  let warning: string | undefined;
  let path = options.path;
  if (path) {
    try {
      const text = await readFile(path, 'utf8');
      entries.push(...parseHistory(text).slice(-maxEntries));
      if (text !== '' && !text.endsWith('\n')) terminateTornLine(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        warning = `cannot read history file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}); history is not saved this session`;
        path = undefined;
      }
    }
  }

  const history: History = {
    entries: () => entries,
    importOlder(lines) {
      const older = lines.filter((line, i) => line.trim() !== '' && line !== lines[i - 1]);
      entries.unshift(...older.slice(-Math.max(0, maxEntries - entries.length)));
    },
    add(line) {
      if (line.trim() === '' || line.startsWith(' ') || entries[entries.length - 1] === line) return;
      entries.push(line);
      if (!path) return;
      try {
        appendEntry(path, line);
      } catch {
        // A full disk or a removed directory must not break the shell; the entry stays in memory.
      }
    },
  };
  return warning ? { history, warning } : { history };
}

/** One entry per line; backslash and newline escaped so multi-line entries stay one line. */
export function encodeEntry(line: string): string {
  return line.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

export function decodeEntry(encoded: string): string {
  return encoded.replace(/\\(\\|n)/g, (_, c: string) => (c === 'n' ? '\n' : '\\'));
}

function parseHistory(text: string): string[] {
  const lines = text.split('\n');
  // A last line without its newline is a torn write from a crash: drop it.
  lines.pop();
  return lines.filter((line) => line !== '').map(decodeEntry);
}

/**
 * A crash mid-write leaves a last line without its newline; end it, so the next
 * entry appended is not glued to it. (A window that appended meanwhile already
 * ended the file with a newline: the empty line this adds is skipped on load.)
 */
function terminateTornLine(path: string): void {
  try {
    const fd = openSync(path, 'a');
    try {
      writeSync(fd, '\n');
    } finally {
      closeSync(fd);
    }
  } catch {
    // Read-only history: entries are not saved either, nothing to protect.
  }
}

/**
 * One write() on an O_APPEND descriptor per entry: the kernel appends it
 * whole, so several conch windows writing at once never interleave lines.
 */
function appendEntry(path: string, line: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, `${encodeEntry(line)}\n`);
  } finally {
    closeSync(fd);
  }
}
