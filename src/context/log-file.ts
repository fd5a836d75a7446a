import { closeSync, constants, fstatSync, ftruncateSync, lstatSync, openSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { checkOpened, openExisting, openPrivateAppend, READ_FLAGS, WRITE_EXISTING_FLAGS } from '../private-file.ts';

/**
 * The conversation log's file mechanics, safe with several conch windows at
 * once and no lock on the common path.
 *
 * Appending is one write() on an O_APPEND descriptor (the kernel places it
 * at the end whole). Pruning old entries has to rewrite the file, which it
 * replaces by rename(); an append that raced with that may have landed in the
 * replaced file, so every appender checks afterwards that the path still
 * names the file it wrote to, and writes again if not. The pruner, after its
 * rename, copies whatever reached the old file since it read it. Between the
 * two nothing is lost; an entry may end up twice, and readers keep the first
 * of each id. Pruners (and clearing) take a lock file among themselves.
 */

/** Appends one line (with its newline); throws the system's error. */
export function appendLine(file: string, line: string): void {
  const bytes = Buffer.from(line);
  for (let attempt = 0; attempt < 3; attempt++) {
    const fd = openPrivateAppend(file, 'conversation log');
    let replaced: boolean;
    try {
      const written = writeSync(fd, bytes);
      // A short write is what a disk that filled up mid-entry gives.
      if (written !== bytes.length) throw Object.assign(new Error(`wrote ${written} of ${bytes.length} bytes`), { code: 'ENOSPC' });
      replaced = !sameFile(fd, file);
    } finally {
      closeSync(fd);
    }
    if (!replaced) return;
  }
}

function sameFile(fd: number, file: string): boolean {
  const opened = fstatSync(fd);
  if (!opened.isFile()) return true;
  try {
    const current = lstatSync(file);
    return current.ino === opened.ino && current.dev === opened.dev;
  } catch {
    return false;
  }
}

/**
 * Rewrites the file with only the lines `keep` accepts, when any line is to
 * go. Returns how many lines were dropped; 0 when another window holds the
 * lock (it is doing the same work).
 */
export function pruneLines(file: string, keep: (line: string) => boolean): number {
  return withLock(file, 'skip', () => {
    const old = openExisting(file, READ_FLAGS);
    if (old === undefined) return 0;
    try {
      const stats = fstatSync(old);
      checkOpened(old, stats, file, 'conversation log');
      if (!stats.isFile()) return 0;
      let offset = 0;
      const { text, bytes } = readFrom(old, 0);
      offset += bytes;
      const lines = text.split('\n');
      // A last piece without its newline is an append in progress or a torn line: leave it to the tail copy.
      const partial = lines.pop()!;
      offset -= Buffer.byteLength(partial);
      const kept = lines.filter((line) => line !== '' && keep(line));
      const dropped = lines.filter((line) => line !== '').length - kept.length;
      if (dropped === 0) return 0;
      const temp = `${file}.prune-${process.pid}`;
      const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW, 0o600);
      try {
        writeAll(fd, kept.map((line) => `${line}\n`).join(''));
      } finally {
        closeSync(fd);
      }
      renameSync(temp, file);
      // Appends that reached the old file after it was read: carry them over until none are left.
      for (;;) {
        const tail = readFrom(old, offset);
        if (tail.bytes === 0) break;
        offset += tail.bytes;
        const appended = openPrivateAppend(file, 'conversation log');
        try {
          writeAll(appended, tail.text);
        } finally {
          closeSync(appended);
        }
      }
      return dropped;
    } finally {
      closeSync(old);
    }
  });
}

/** Empties the file (keeping it, and its mode); a missing file is already empty. */
export function truncateLog(file: string): void {
  withLock(file, 'wait', () => {
    const fd = openExisting(file, WRITE_EXISTING_FLAGS);
    if (fd === undefined) return;
    try {
      checkOpened(fd, fstatSync(fd), file, 'conversation log');
      ftruncateSync(fd, 0);
    } finally {
      closeSync(fd);
    }
  });
}

/** A lock older than this was left by a crash. */
const STALE_LOCK_MS = 60_000;

function withLock<T>(file: string, busy: 'skip' | 'wait', work: () => T): T | 0 {
  const lock = `${file}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(lock, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600));
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // No directory: no log either, so nothing to prune or clear.
      if (code === 'ENOENT') return 0;
      if (code !== 'EEXIST') throw error;
      if (lockIsStale(lock)) {
        unlinkQuietly(lock);
        continue;
      }
      if (busy === 'skip' || attempt >= 100) return 0;
      // A prune takes milliseconds; clearing waits for it rather than have it bring old entries back.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return work();
  } finally {
    unlinkQuietly(lock);
  }
}

function lockIsStale(lock: string): boolean {
  try {
    return Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS;
  } catch {
    // Gone already: try again.
    return true;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}

/** Everything from `offset` to the current end. */
function readFrom(fd: number, offset: number): { text: string; bytes: number } {
  const chunks: Buffer[] = [];
  let position = offset;
  for (;;) {
    const chunk = Buffer.alloc(64 * 1024);
    const read = readSync(fd, chunk, 0, chunk.length, position);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    position += read;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), bytes: position - offset };
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done);
}
