import { closeSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { asStorageError, checkOpened, openPrivateAppend, READ_FLAGS, type StorageWarning } from '../private-file.ts';

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
  /**
   * Told the first time an entry cannot be written (a full or read-only disk,
   * a file that turned into a symlink); later failures are silent. The entry
   * stays in memory either way.
   */
  onWriteError?: (warning: StorageWarning) => void;
}

/**
 * Loads the history file. The file holds lines as typed, as bash's does, so it
 * is kept private: opened without following a symlink, created 0600 in a 0700
 * directory, tightened to 0600 when found looser. A missing file is normal; a
 * symlink, a non-file or an unreadable file is a warning (typed, for the
 * caller to print in one line) and an in-memory history, so conch always starts.
 */
export async function createHistory(options: HistoryOptions): Promise<{ history: History; warning?: StorageWarning }> {
  const maxEntries = options.maxEntries ?? 10_000;
  const entries: string[] = [];
  let warning: StorageWarning | undefined;
  let path = options.path;
  if (path) {
    try {
      const text = await readPrivate(path);
      if (text !== undefined) {
        entries.push(...parseHistory(text).slice(-maxEntries));
        if (text !== '' && !text.endsWith('\n')) terminateTornLine(path);
      }
    } catch (error) {
      warning = asStorageError(error, path, 'history', 'read');
      path = undefined;
    }
  }

  let reported = false;
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
      } catch (error) {
        // A full disk must not break the shell: the entry stays in memory, and the person hears of it once.
        if (!reported) options.onWriteError?.(asStorageError(error, path, 'history', 'write'));
        reported = true;
      }
    },
  };
  return warning ? { history, warning } : { history };
}

/** The file's text, or undefined when there is none yet; a looser mode is tightened on the way. */
async function readPrivate(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, READ_FLAGS);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const stats = await handle.stat();
    checkOpened(handle.fd, stats, path, 'history');
    // A device (`/dev/null`) has no entries to load, and reading /dev/zero would never end.
    return stats.isFile() ? await handle.readFile('utf8') : undefined;
  } finally {
    await handle.close();
  }
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
    const fd = openPrivateAppend(path, 'history');
    try {
      writeSync(fd, '\n');
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not writable: the next append fails too, and reports it.
  }
}

/**
 * One write() on an O_APPEND descriptor per entry: the kernel appends it
 * whole, so several conch windows writing at once never interleave lines.
 */
function appendEntry(path: string, line: string): void {
  const fd = openPrivateAppend(path, 'history');
  try {
    const bytes = Buffer.from(`${encodeEntry(line)}\n`);
    const written = writeSync(fd, bytes);
    // A short write is what a disk that filled up mid-entry gives.
    if (written !== bytes.length) throw Object.assign(new Error('short write'), { code: 'ENOSPC' });
  } finally {
    closeSync(fd);
  }
}
